// newsgraph actor network, drawn with Cytoscape.js (vendored, see LICENSES.md): force layout (cose), zoom and
// pan, hover highlighting, labels that never overlap. Data come from this app's /api/network.
"use strict";

(function () {
  const LABEL_PX = 12; // label size on screen, whatever the zoom
  const LABEL_COLOURS = { PERSON: "#1565c0", ORG: "#2e7d32", GPE: "#ef6c00", LOC: "#ef6c00", NORP: "#6a1b9a", FAC: "#6d4c41" };

  function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, v);
    return q.toString();
  }

  function say(node, text) {
    if (node) node.textContent = text;
  }

  const labelBox = (n) => n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
  const overlap = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

  // Greedy label placement: actors with more events first; a label that would touch one already shown is left
  // out (shown again on hover or when zooming in makes room). Boxes are Cytoscape's own label bounds.
  function declutter(cy) {
    const z = cy.zoom();
    cy.batch(() => {
      cy.nodes().removeClass("nolabel");
      // per-element values (not a stylesheet change), so the renderer's label caches see the change
      cy.nodes().style({ "font-size": LABEL_PX / z, "text-margin-y": 2 / z, "text-background-padding": 1 / z });
    });
    const view = cy.extent();
    const shown = [];
    const hidden = [];
    const order = cy.nodes().toArray().sort((a, b) => b.data("weight") - a.data("weight") || (a.id() < b.id() ? -1 : 1));
    const gap = 2 / z;
    for (const n of order) {
      const bb = labelBox(n);
      const padded = { x1: bb.x1 - gap, x2: bb.x2 + gap, y1: bb.y1 - gap, y2: bb.y2 + gap };
      if (!overlap(padded, view) || shown.some((s) => overlap(s, padded))) hidden.push(n);
      else shown.push(padded);
    }
    cy.batch(() => cy.collection(hidden).addClass("nolabel"));
    return shown.length;
  }

  async function initNetwork() {
    const box = document.getElementById("network");
    if (!box || typeof cytoscape === "undefined") return;
    const summary = document.getElementById("network-summary");
    const d = box.dataset;
    let data;
    try {
      const res = await fetch("/api/network?" + query({
        type: d.type, min_weight: d.minWeight, date_from: d.dateFrom, date_to: d.dateTo,
        min_confidence: d.minConfidence, limit: 600,
      }), { headers: { Accept: "application/json" } });
      if (!res.ok) throw new Error("/api/network: HTTP " + res.status);
      data = await res.json();
    } catch (err) {
      const p = document.createElement("p");
      p.className = "error";
      p.textContent = String(err);
      box.replaceChildren(p);
      return;
    }
    if (!data.edges.length) {
      const p = document.createElement("p");
      p.textContent = "No events between two named actors for these filters.";
      box.replaceChildren(p);
      box.classList.add("empty");
      return;
    }
    const maxNode = Math.max(1, ...data.nodes.map((v) => v.weight));
    const maxEdge = Math.max(1, ...data.edges.map((e) => e.weight));
    const R = 40 * Math.sqrt(data.nodes.length);
    const elements = [
      // a fixed start on a circle (heaviest first), so the same data give the same picture
      ...data.nodes.map((v, i) => ({
        group: "nodes",
        data: { id: v.id, name: v.name, weight: v.weight, label: v.label || "", code: v.code || "" },
        position: { x: R * Math.cos((2 * Math.PI * i) / data.nodes.length), y: R * Math.sin((2 * Math.PI * i) / data.nodes.length) },
      })),
      ...data.edges.map((e, i) => ({
        group: "edges",
        data: { id: "e" + i, source: e.source, target: e.target, weight: e.weight, types: e.types.join(", ") },
      })),
    ];
    const cy = cytoscape({
      container: box,
      elements,
      minZoom: 0.05,
      maxZoom: 8,
      wheelSensitivity: 0.3,
      boxSelectionEnabled: false,
      autoungrabify: false,
      style: [
        { selector: "node", style: {
          "background-color": (n) => LABEL_COLOURS[n.data("label")] || "#607d8b",
          width: (n) => 8 + 30 * Math.sqrt(n.data("weight") / maxNode),
          height: (n) => 8 + 30 * Math.sqrt(n.data("weight") / maxNode),
          label: "data(name)", "font-size": LABEL_PX, "font-family": "system-ui, sans-serif", color: "#1d232a",
          "text-valign": "bottom", "text-halign": "center", "text-margin-y": 2,
          "text-background-color": "#ffffff", "text-background-opacity": 0.8, "text-background-padding": 1,
          "min-zoomed-font-size": 0,
        } },
        { selector: "node.nolabel", style: { label: "" } },
        { selector: "node.hover-label", style: { label: "data(name)", "z-index": 20 } },
        { selector: "edge", style: {
          width: (e) => 1 + 6 * Math.sqrt(e.data("weight") / maxEdge), "line-color": "#9aa5b0",
          "target-arrow-color": "#9aa5b0", "target-arrow-shape": "triangle", "curve-style": "bezier",
          "arrow-scale": 0.8, opacity: 0.7,
        } },
        { selector: ".faded", style: { opacity: 0.12 } },
        { selector: "edge.highlight", style: { "line-color": "#0b5cad", "target-arrow-color": "#0b5cad", opacity: 1, "z-index": 10 } },
        { selector: "node.highlight", style: { "border-width": 2, "border-color": "#0b5cad", "z-index": 20 } },
      ],
      layout: { name: "preset" },
    });
    window.newsgraphNetwork = cy; // for the browser tests and the console

    const clear = () => {
      cy.elements().removeClass("faded highlight hover-label");
      say(summary, summaryText);
    };
    const focus = (eles, text) => {
      cy.batch(() => {
        cy.elements().difference(eles).addClass("faded");
        eles.addClass("highlight");
        eles.nodes().addClass("hover-label");
      });
      say(summary, text);
    };
    const summaryText = `${data.nodes.length} actors, ${data.edges.length} links` +
      (data.edges.length >= 600 ? " (the 600 heaviest)" : "") + ".";
    say(summary, summaryText);
    cy.on("mouseover", "node", (ev) => {
      const n = ev.target;
      focus(n.closedNeighborhood(), `${n.data("name")}${n.data("code") ? " (" + n.data("code") + ")" : ""}: ${n.data("weight")} event${n.data("weight") === 1 ? "" : "s"} with ${n.neighborhood("node").length} actor${n.neighborhood("node").length === 1 ? "" : "s"}`);
    });
    cy.on("mouseover", "edge", (ev) => {
      const e = ev.target;
      focus(e.union(e.connectedNodes()), `${e.data("source")} \u2192 ${e.data("target")}: ${e.data("weight")} event${e.data("weight") === 1 ? "" : "s"} (${e.data("types")})`);
    });
    cy.on("mouseout", "node, edge", clear);
    box.addEventListener("mouseleave", clear); // leaving the canvas fast gives Cytoscape no mouseout
    cy.on("tap", "node", (ev) => { window.location.href = "/entities/" + encodeURIComponent(ev.target.data("name")); });
    cy.on("tap", "edge", (ev) => {
      window.location.href = "/events?" + query({ source: ev.target.data("source"), target: ev.target.data("target"), type: d.type });
    });

    let pending = null;
    cy.on("viewport", () => {
      if (pending) clearTimeout(pending);
      pending = setTimeout(() => { pending = null; box.dataset.labels = String(declutter(cy)); }, 150);
    });
    const layout = cy.layout({
      name: "cose", animate: false, randomize: false, fit: true, padding: 30, numIter: 1500,
      nodeRepulsion: () => 30000, idealEdgeLength: () => 70, nodeOverlap: 20, gravity: 0.6, componentSpacing: 60,
      nestingFactor: 1, initialTemp: 600, coolingFactor: 0.97, minTemp: 1,
    });
    layout.one("layoutstop", () => {
      cy.fit(undefined, 30);
      box.dataset.labels = String(declutter(cy));
      box.dataset.state = "ready";
    });
    layout.run();
  }

  document.addEventListener("DOMContentLoaded", initNetwork);
})();
