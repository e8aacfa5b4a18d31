// newsgraph charts, drawn with Observable Plot (vendored with d3, see LICENSES.md): the home page's events
// timeline and places map, and an actor's timeline and map. Data come from this app's /api; every bar and
// circle is a link to the sentences behind it. Text reaches the DOM as text only (Plot sets textContent).
"use strict";

(function () {
  // one colour per PLOVER type, as in app.css (.t-TYPE)
  const TYPE_COLOURS = {
    AGREE: "#2e7d32", CONSULT: "#00838f", SUPPORT: "#558b2f", CONCEDE: "#9e9d24", COOPERATE: "#1565c0",
    AID: "#4527a0", RETREAT: "#6d4c41", REQUEST: "#00695c", ACCUSE: "#ef6c00", REJECT: "#f9a825",
    THREATEN: "#d84315", PROTEST: "#ad1457", SANCTION: "#6a1b9a", MOBILIZE: "#37474f", COERCE: "#b71c1c",
    ASSAULT: "#7f0000", quote: "#e0b400", other: "#9aa5b0",
  };
  const colour = (k) => TYPE_COLOURS[k] || "#607d8b";

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

  // Plot puts a <style> element in each chart; the pages' Content-Security-Policy allows no inline style, so it
  // is taken out before the chart joins the page (app.css has the same rules).
  // Plot's links are xlink:href; plain SVG 2 href is the same link, and what CSS selectors and tests see.
  const XLINK = "http://www.w3.org/1999/xlink";
  function mount(box, node) {
    for (const s of node.querySelectorAll("style")) s.remove();
    for (const a of node.querySelectorAll("a")) {
      const href = a.getAttributeNS(XLINK, "href");
      if (href !== null) {
        a.removeAttributeNS(XLINK, "href");
        a.setAttribute("href", href);
      }
    }
    box.replaceChildren(node);
    box.dataset.state = "ready";
  }

  function legend(list, keys) {
    if (!list) return;
    list.replaceChildren(...keys.map((k) => {
      const li = document.createElement("li");
      li.className = "t-" + k;
      const span = document.createElement("span");
      span.textContent = k;
      li.appendChild(span);
      return li;
    }));
  }

  function bandTicks(periods) {
    const every = Math.max(1, Math.ceil(periods.length / 10));
    return periods.filter((_, i) => i % every === 0);
  }

  // ---- home page: events timeline ---------------------------------------------------------------------------
  async function drawTimeline(box, dates) {
    const interval = box.dataset.interval || "month";
    let data;
    try {
      data = await getJSON("/api/stats/events?" + query({ by: "type", interval, top: 16, dates }));
    } catch (err) { showError(box, err); return; }
    const rows = data.buckets.filter((b) => b.period !== null);
    if (!rows.length) { box.textContent = "No dated events."; return; }
    const link = (d) => {
      const [from, to] = periodRange(d.period);
      const params = dates === "published" ? { published_from: from, published_to: to } : { date_from: from, date_to: to };
      if (d.key !== "other") params.type = d.key;
      return "/events?" + query(params);
    };
    const chart = Plot.plot({
      width: Math.max(320, box.clientWidth || 640), height: 260, marginLeft: 40, marginBottom: 48,
      x: { type: "band", domain: data.periods, ticks: bandTicks(data.periods), tickRotate: -30, label: null },
      y: { grid: true, label: "events" },
      color: { domain: data.keys, range: data.keys.map(colour) },
      marks: [
        Plot.barY(rows, {
          x: "period", y: "count", fill: "key", order: data.keys, href: link, className: "bars",
          title: (d) => `${d.period} ${d.key}: ${d.count} event${d.count === 1 ? "" : "s"}`,
        }),
        Plot.ruleY([0]),
      ],
    });
    chart.setAttribute("aria-label", `events per ${interval} by type, by ${dates === "published" ? "publication" : "event"} date`);
    mount(box, chart);
    legend(document.getElementById("timeline-legend"), data.keys);
  }

  function initTimeline() {
    const box = document.getElementById("timeline");
    if (!box || box.querySelector("p")) return;
    const form = document.getElementById("timeline-dates");
    const current = () => (form && form.querySelector("input:checked")?.value) || "published";
    if (form) form.addEventListener("change", () => drawTimeline(box, current()));
    drawTimeline(box, current());
  }

  // ---- maps -------------------------------------------------------------------------------------------------
  async function drawMap(box, points, label) {
    let world;
    try { world = await getJSON(box.dataset.world); } catch (err) { showError(box, err); return; }
    const chart = Plot.plot({
      width: Math.max(320, box.clientWidth || 640), projection: { type: "equal-earth" },
      r: { range: [2, 14] },
      marks: [
        Plot.geo(world.features, { fill: "#e4e9ee", stroke: "#aab5bf", strokeWidth: 0.4, className: "countries",
          title: (f) => f.properties.name || "" }),
        Plot.dot(points, { x: "lon", y: "lat", r: "n", fill: "rgba(200, 40, 40, .55)", stroke: "#8a1c14",
          strokeWidth: 0.6, className: "dots", href: "href", title: label }),
      ],
    });
    chart.setAttribute("aria-label", "map");
    mount(box, chart);
  }

  async function initMap() {
    const box = document.getElementById("map");
    if (!box || box.querySelector("p")) return;
    let places;
    try { places = await getJSON("/api/stats/places"); } catch (err) { showError(box, err); return; }
    const points = places.items.map((p) => ({ ...p, n: p.mentions, href: "/places?" + query({ name: p.name }) }));
    drawMap(box, points, (p) => `${p.name}${p.country ? " (" + p.country + ")" : ""}: ${p.mentions} mention${p.mentions === 1 ? "" : "s"} in ${p.articles} article${p.articles === 1 ? "" : "s"}`);
  }

  // ---- actor page -------------------------------------------------------------------------------------------
  async function initActor() {
    const root = document.getElementById("actor-charts");
    if (!root) return;
    const name = root.dataset.name;
    let data;
    try { data = await getJSON("/api/stats/actor?" + query({ name })); } catch (err) {
      showError(document.getElementById("actor-timeline"), err);
      return;
    }
    const box = document.getElementById("actor-timeline");
    const rows = data.timeline.filter((d) => d.period !== null);
    if (box && rows.length) {
      const periods = [...new Set(rows.map((d) => d.period))].sort();
      const keys = [...new Set(rows.map((d) => d.type))].sort((a, b) => (a === "quote") - (b === "quote") || a.localeCompare(b));
      const roles = { source: "as source", target: "as target", quote: "quotes" };
      const link = (d) => {
        if (d.role === "quote") return "/quotes?" + query({ speaker: name });
        const [from, to] = periodRange(d.period);
        return "/events?" + query({ [d.role]: name, type: d.type, published_from: from, published_to: to });
      };
      const chart = Plot.plot({
        width: Math.max(320, box.clientWidth || 640), height: 90 + 80 * new Set(rows.map((d) => d.role)).size,
        marginLeft: 40, marginRight: 70, marginBottom: 48,
        x: { type: "band", domain: periods, ticks: bandTicks(periods), tickRotate: -30, label: null },
        y: { grid: true, label: null },
        fy: { domain: ["source", "target", "quote"].filter((r) => rows.some((d) => d.role === r)), tickFormat: (r) => roles[r], label: null },
        color: { domain: keys, range: keys.map(colour) },
        marks: [
          Plot.barY(rows, {
            x: "period", y: "count", fy: "role", fill: "type", order: keys, href: link, className: "bars",
            title: (d) => `${d.period} ${roles[d.role]}: ${d.type === "quote" ? "" : d.type + " "}${d.count}`,
          }),
          Plot.ruleY([0]),
        ],
      });
      chart.setAttribute("aria-label", "the actor's events and quotes by month and type");
      mount(box, chart);
      legend(document.getElementById("actor-timeline-legend"), keys);
    }
    const map = document.getElementById("actor-map");
    if (map && data.places.length) {
      const points = data.places.map((p) => ({ ...p, n: p.events, href: "/events?" + query({ actor: name, place: p.name }) }));
      drawMap(map, points, (p) => `${p.name}${p.country ? " (" + p.country + ")" : ""}: ${p.events} event${p.events === 1 ? "" : "s"} (${p.types.join(", ")})`);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (typeof Plot === "undefined") return;
    initTimeline();
    initMap();
    initActor();
  });
})();
