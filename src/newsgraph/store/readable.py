"""One article as a page of plain text for the terminal: who said what (with each claim's stance), its events,
and the contested claim groups it takes part in. ``newsgraph summary --article ID`` prints it (``make demo``);
the full record stays one command away (``newsgraph show ID``)."""

from __future__ import annotations

import textwrap

from newsgraph.store.claims.tables import has_claims
from newsgraph.store.duck import Store

WIDTH = 100


def _wrap(text: str, indent: str) -> list[str]:
    rest = " " * len(indent)
    return textwrap.wrap(" ".join(text.split()), WIDTH, initial_indent=indent, subsequent_indent=rest) or [indent]


def render_article(store: Store, article_id: str, min_confidence: float | None = None) -> str:
    """The page; events below ``min_confidence`` (default: the setting min_event_confidence) are left out."""
    from newsgraph.store.queries import confidence_floor, hidden_events

    r = store.get(article_id)
    hidden = hidden_events(r, confidence_floor(store, min_confidence))
    ents = {e.id: e for e in r.entities}
    lines = [r.title or r.id, "=" * min(WIDTH, len(r.title or r.id))]
    lines.append(" · ".join(x for x in (r.published or "undated", r.source, r.url, f"id {r.id}") if x))
    lines += ["", *_wrap(r.text[:400] + ("…" if len(r.text) > 400 else ""), "  ")]
    lines += ["", "Who said what"]
    claims = has_claims(store.con)
    if claims:
        _, rows = store.query(
            "SELECT actor, speaker.code, stance, cue.text, text, reporter, hedges FROM claim_actors "
            "WHERE article_id = ? ORDER BY start", [article_id])
        by: dict[str, list[tuple[str, ...]]] = {}
        codes: dict[str, str | None] = {}
        for actor, code, stance, cue, text, reporter, hedges in rows:
            by.setdefault(actor, []).append((stance, cue or "", text, reporter or "",
                                             ", ".join(f"“{h['text']}”" for h in hedges or [])))
            codes[actor] = code
        for actor, items in sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            lines.append(f"  {actor}" + (f" ({codes[actor]})" if codes[actor] else ""))
            for stance, cue, text, reporter, hedges in items:
                extra = "".join([f", reported by {reporter}" if reporter else "", f", hedged by {hedges}" if hedges else ""])
                lines += _wrap(f"{stance} “{cue}”{extra}: {text}", "    - ")
    else:
        for q in r.quotes:
            who = ents[q.speaker.entity].name if q.speaker and q.speaker.entity in ents else (
                q.speaker.text if q.speaker else "unattributed")
            lines += _wrap(f"{who}: {q.text}", "  - ")
    if not r.quotes:
        lines.append("  (no quotes found)")
    lines += ["", "Events"]
    for j, ev in enumerate(r.events):
        if j in hidden:
            continue
        src = ", ".join(ents[x].name for x in ev.source if x in ents) or "?"
        tgt = ", ".join(ents[x].name for x in ev.target if x in ents) or "?"
        flags = "".join([" (negated)" if ev.negated else "", " (hypothetical)" if ev.hypothetical else ""])
        lines.append(f"  {ev.type:<10} {src} -> {tgt}  “{ev.trigger.text}”{flags}" + (f"  {ev.date}" if ev.date else ""))
    if len(hidden) == len(r.events):
        lines.append("  (no events found)")
    if hidden:
        lines.append(f"  ({len(hidden)} below the confidence shown; newsgraph show {r.id} has every event)")
    if claims:
        _, groups = store.query(
            "SELECT s.group_id, s.text, s.articles FROM claim_group_stats s WHERE s.contested AND s.group_id IN "
            "(SELECT group_id FROM claim_members WHERE article_id = ?) ORDER BY s.speakers DESC, s.group_id",
            [article_id])
        lines += ["", "Contested claims"]
        for gid, text, n_articles in groups:
            lines += _wrap(f"“{text}” (group {gid}, {n_articles} article{'s' if n_articles != 1 else ''})", "  ")
            _, pos = store.query("SELECT position, actor, first_published FROM claim_positions WHERE group_id = ? "
                                 "ORDER BY position DESC, actor", [gid])
            for position, actor, first in pos:
                lines.append(f"    {position:<9} {actor}" + (f"  ({first})" if first else ""))
        if not groups:
            lines.append("  (none)")
    lines += ["", f"full record: newsgraph show {r.id} --db {store.path}"]
    return "\n".join(lines)
