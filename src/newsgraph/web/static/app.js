// newsgraph pages: click-to-highlight on articles. The charts are in charts.js, the network in network.js.
// Nothing from another site. Text goes into the DOM as text only.
"use strict";

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

document.addEventListener("DOMContentLoaded", () => {
  initArticle();
});
