// newsgraph pages: click-to-highlight on articles, the events timeline, the places map and the actor network.
// No library, nothing from another site; data come from this app's /api. Text goes into the DOM as text only.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";

function el(tag, attrs, parent) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (parent) parent.appendChild(node);
  return node;
}

function titled(node, text) {
  el("title", {}, node).textContent = text;
  return node;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  return q.toString();
}

async function getJSON(url) {
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  if (!res.ok) throw new Error(url + ": HTTP " + res.status);
  return res.json();
}

function showError(box, err) {
  const p = document.createElement("p");
  p.className = "error";
  p.textContent = String(err);
  box.replaceChildren(p);
}

function periodRange(period) {
  if (/^\d{4}-\d{2}$/.test(period)) {
    const [y, m] = period.split("-").map(Number);
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return [period + "-01", period + "-" + String(last).padStart(2, "0")];
  }
  return [period, period];
}

// ---- article page -------------------------------------------------------------------------------------------
function initArticle() {
  const text = document.getElementById("text");
  if (!text) return;
  for (const box of document.querySelectorAll(".toggles input[data-kind]")) {
    box.addEventListener("change", () => document.body.classList.toggle("hide-" + box.dataset.kind, !box.checked));
  }
  const focus = (gid, on) => {
    for (const q of text.querySelectorAll('.ann.quote[data-group="' + CSS.escape(gid) + '"]')) q.classList.toggle("focus", on);
  };
  const groups = document.querySelectorAll("details.speaker-group");
  for (const d of groups) d.addEventListener("toggle", () => focus(d.dataset.group, d.open));
  // a speaker or cue in the text opens that speaker's quotes in the side panel
  text.addEventListener("click", (ev) => {
    const hit = ev.target.closest(".ann.speaker, .ann.cue");
    if (!hit || !hit.dataset.group) return;
    const d = document.getElementById("who-" + hit.dataset.group);
    if (!d) return;
    d.open = true;
    focus(d.dataset.group, true);
    d.scrollIntoView({ block: "nearest", behavior: "smooth" });
  });
  // an event (its trigger in the text, or its row in the side panel) marks its source and target actors
  const showEvent = (j) => {
    for (const a of text.querySelectorAll(".as-source, .as-target, .trigger.current")) {
      a.classList.remove("as-source", "as-target", "current");
    }
    for (const row of document.querySelectorAll("li.event.current")) row.classList.remove("current");
    const trigger = text.querySelector('.ann.trigger[data-event="' + CSS.escape(j) + '"]');
    if (!trigger) return;
    trigger.classList.add("current");
    const row = document.querySelector('li.event[data-event="' + CSS.escape(j) + '"]');
    if (row) row.classList.add("current");
    for (const [attr, cls] of [["source", "as-source"], ["target", "as-target"]]) {
      for (const id of (trigger.dataset[attr] || "").split(" ").filter(Boolean)) {
        for (const m of text.querySelectorAll('.ann.ent[data-entity="' + CSS.escape(id) + '"]')) m.classList.add(cls);
      }
    }
  };
  text.addEventListener("click", (ev) => {
    const t = ev.target.closest(".ann.trigger");
    if (t) showEvent(t.dataset.event);
  });
  for (const row of document.querySelectorAll("li.event[data-event]")) {
    row.addEventListener("click", (ev) => {
      if (ev.target.closest("a.actor")) return;
      showEvent(row.dataset.event);
    });
  }
  // side-panel links to a span in the text make it flash
  document.addEventListener("click", (ev) => {
    const a = ev.target.closest('a[href^="#"]');
    if (!a) return;
    const target = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
    if (!target) return;
    target.classList.add("flash");
    setTimeout(() => target.classList.remove("flash"), 1600);
  });
}

// ---- home page: timeline ------------------------------------------------------------------------------------
async function initTimeline() {
  const box = document.getElementById("timeline");
  if (!box || box.querySelector("p")) return;
  const interval = box.dataset.interval || "month";
  let data;
  try {
    data = await getJSON("/api/stats/events?" + query({ by: "type", interval, top: 16 }));
  } catch (err) { showError(box, err); return; }
  const periods = data.periods;
  if (!periods.length) { box.textContent = "No dated events."; return; }
  const counts = new Map();
  for (const b of data.buckets) counts.set(b.period + "|" + b.key, b.count);
  const totals = periods.map((p) => data.keys.reduce((s, k) => s + (counts.get(p + "|" + k) || 0), 0));
  const max = Math.max(1, ...totals);
  const W = 640, H = 240, L = 34, B = 40, T = 8, R = 8;
  const bw = (W - L - R) / periods.length;
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "events per " + interval + " by type" });
  const axis = el("g", { class: "axis" }, svg);
  el("line", { x1: L, x2: W - R, y1: H - B, y2: H - B }, axis);
  for (const v of new Set([0, Math.ceil(max / 2), max])) {
    const y = H - B - (v / max) * (H - B - T);
    el("text", { x: L - 4, y: y + 3, "text-anchor": "end" }, axis).textContent = String(v);
  }
  const every = Math.max(1, Math.ceil(periods.length / 10));
  periods.forEach((p, i) => {
    let y = H - B;
    const [from, to] = periodRange(p);
    for (const k of data.keys) {
      const n = counts.get(p + "|" + k) || 0;
      if (!n) continue;
      const h = (n / max) * (H - B - T);
      y -= h;
      const params = { date_from: from, date_to: to };
      if (k !== "other") params.type = k;
      const a = el("a", { href: "/events?" + query(params), class: "t-" + k }, svg);
      titled(el("rect", { class: "bar", x: L + i * bw + 1, y, width: Math.max(1, bw - 2), height: h }, a), `${p} ${k}: ${n}`);
    }
    if (i % every === 0) {
      el("text", { x: L + i * bw + bw / 2, y: H - B + 14, "text-anchor": "middle" }, axis).textContent = p;
    }
  });
  box.replaceChildren(svg);
  const legend = document.getElementById("timeline-legend");
  if (legend) {
    for (const k of data.keys) {
      const li = document.createElement("li");
      li.className = "t-" + k;
      const span = document.createElement("span");
      span.textContent = k;
      li.appendChild(span);
      legend.appendChild(li);
    }
  }
}

// ---- home page: map -----------------------------------------------------------------------------------------
function ringPath(ring) {
  return "M" + ring.map(([lon, lat]) => (lon + 180).toFixed(1) + " " + (90 - lat).toFixed(1)).join("L") + "Z";
}

async function initMap() {
  const box = document.getElementById("map");
  if (!box || box.querySelector("p")) return;
  let world, places;
  try {
    [world, places] = await Promise.all([getJSON(box.dataset.world), getJSON("/api/stats/places")]);
  } catch (err) { showError(box, err); return; }
  const svg = el("svg", { viewBox: "0 5 360 150", role: "img", "aria-label": "places mentioned" });
  const land = el("g", {}, svg);
  for (const f of world.features) {
    const d = f.geometry.coordinates.map((poly) => poly.map(ringPath).join("")).join("");
    titled(el("path", { class: "country", d }, land), f.properties.name || "");
  }
  const max = Math.max(1, ...places.items.map((p) => p.mentions));
  const dots = el("g", {}, svg);
  for (const p of [...places.items].sort((a, b) => b.mentions - a.mentions)) {
    const a = el("a", { href: "/places?" + query({ name: p.name }) }, dots);
    const r = 1 + 4 * Math.sqrt(p.mentions / max);
    titled(el("circle", { class: "dot", cx: (p.lon + 180).toFixed(2), cy: (90 - p.lat).toFixed(2), r: r.toFixed(2) }, a),
      `${p.name}${p.country ? " (" + p.country + ")" : ""}: ${p.mentions} mention${p.mentions === 1 ? "" : "s"} in ${p.articles} article${p.articles === 1 ? "" : "s"}`);
  }
  box.replaceChildren(svg);
}

// ---- network page -------------------------------------------------------------------------------------------
function layout(nodes, edges, W, H) {
  // Fruchterman-Reingold from a fixed start on a circle, so the same data always gives the same picture
  const n = nodes.length;
  const k = Math.sqrt((W * H) / Math.max(n, 1)) * 0.6;
  nodes.forEach((v, i) => {
    const a = (2 * Math.PI * i) / Math.max(n, 1);
    v.x = W / 2 + (W / 3) * Math.cos(a);
    v.y = H / 2 + (H / 3) * Math.sin(a);
  });
  const index = new Map(nodes.map((v, i) => [v.id, i]));
  let t = W / 10;
  for (let it = 0; it < 300; it++) {
    const dx = new Float64Array(n), dy = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      let x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
      const d = Math.max(Math.hypot(x, y), 0.01), f = (k * k) / d;
      x /= d; y /= d;
      dx[i] += x * f; dy[i] += y * f; dx[j] -= x * f; dy[j] -= y * f;
    }
    for (const e of edges) {
      const i = index.get(e.source), j = index.get(e.target);
      let x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
      const d = Math.max(Math.hypot(x, y), 0.01), f = (d * d) / k;
      x /= d; y /= d;
      dx[i] -= x * f; dy[i] -= y * f; dx[j] += x * f; dy[j] += y * f;
    }
    for (let i = 0; i < n; i++) {
      const d = Math.max(Math.hypot(dx[i], dy[i]), 0.01), s = Math.min(d, t) / d;
      nodes[i].x = Math.min(W - 40, Math.max(40, nodes[i].x + dx[i] * s));
      nodes[i].y = Math.min(H - 20, Math.max(20, nodes[i].y + dy[i] * s));
    }
    t *= 0.985;
  }
}

async function initNetwork() {
  const box = document.getElementById("network");
  if (!box) return;
  let data;
  try {
    data = await getJSON("/api/network?" + query({ type: box.dataset.type, min_weight: box.dataset.minWeight }));
  } catch (err) { showError(box, err); return; }
  if (!data.edges.length) { box.textContent = "No events between two named actors yet."; return; }
  const W = 960, H = 600;
  layout(data.nodes, data.edges, W, H);
  const pos = new Map(data.nodes.map((v) => [v.id, v]));
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "actor network" });
  const marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 18, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" }, el("defs", {}, svg));
  el("path", { d: "M0 0L10 5L0 10z" }, marker);
  const maxNode = Math.max(1, ...data.nodes.map((v) => v.weight));
  for (const e of data.edges) {
    const s = pos.get(e.source), t = pos.get(e.target);
    const a = el("a", { href: "/events?" + query({ source: e.source, target: e.target }) }, svg);
    titled(el("line", { class: "edge", x1: s.x, y1: s.y, x2: t.x, y2: t.y, "stroke-width": (1 + Math.log2(e.weight) * 1.5).toFixed(1), "marker-end": "url(#arrow)" }, a),
      `${e.source} \u2192 ${e.target}: ${e.weight} event${e.weight === 1 ? "" : "s"} (${e.types.join(", ")})`);
  }
  for (const v of data.nodes) {
    const a = el("a", { href: "/entities/" + encodeURIComponent(v.name), class: "node" }, svg);
    titled(el("circle", { cx: v.x, cy: v.y, r: (4 + 8 * Math.sqrt(v.weight / maxNode)).toFixed(1) }, a), `${v.name}: ${v.weight} events`);
    el("text", { x: v.x + 9, y: v.y + 4 }, a).textContent = v.name;
  }
  box.replaceChildren(svg);
}

document.addEventListener("DOMContentLoaded", () => {
  initArticle();
  initTimeline();
  initMap();
  initNetwork();
});
