"""Article text with its annotations as nested, escaped HTML (displaCy-like), plus the side-panel views.

Every piece of article text and every attribute value goes through ``markupsafe.escape``: the text is
untrusted. Overlapping annotations that do not nest are split at the crossing points, so the HTML is always
well formed; the pieces of one annotation share its data attributes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from newsgraph.records import ActorPhrase, ArticleRecord, Entity

# nesting order when two annotations cover the same stretch: lower ranks are outside
RANKS = {"quote": 0, "ent": 1, "speaker": 2, "place": 3, "cue": 4, "trigger": 5, "date": 6, "amount": 7}


@dataclass(frozen=True, slots=True)
class Ann:
    start: int
    end: int
    kind: str
    classes: str
    attrs: tuple[tuple[str, str], ...]
    first_id: str | None = None  # id attribute, on the first piece only

    def open(self, first: bool) -> str:
        parts = [f'<span class="{escape(self.classes)}"']
        if first and self.first_id:
            parts.append(f' id="{escape(self.first_id)}"')
        parts += [f' {name}="{escape(value)}"' for name, value in self.attrs]
        return "".join(parts) + ">"


def entity_href(name: str) -> str:
    return "/entities/" + quote(name, safe="")


def article_href(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


def safe_url(url: str | None) -> str | None:
    """The url if it is http(s), else None (no javascript: links from untrusted records)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def _slug(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", value)


def _ann(
    start: int, end: int, kind: str, classes: str, first_id: str | None = None, *, title: str = "", **data: Any
) -> Ann:
    attrs = [(f"data-{k.replace('_', '-')}", str(v)) for k, v in data.items() if v is not None and v != ""]
    if title:
        attrs.append(("title", title))
    return Ann(start, end, kind, f"ann {classes}", tuple(attrs), first_id)


def speaker_key(record: ArticleRecord, i: int) -> str:
    """Group key of quote i's speaker: its entity id, else its local mention text, else 'unattributed'."""
    sp = record.quotes[i].speaker
    if sp is None:
        return "?"
    if sp.entity:
        return "e:" + sp.entity
    return "t:" + sp.text.strip().lower()


def spans_of(record: ArticleRecord) -> list[Ann]:
    n = len(record.text)
    ents = {e.id: e for e in record.entities}
    groups = speaker_groups(record)
    group_of = {key: g["gid"] for g in groups for key in [g["key"]]}
    out: list[Ann] = []
    for e in record.entities:
        for m in e.mentions:
            out.append(_ann(m.start, m.end, "ent", f"ent ent-{_slug(e.label)}", entity=e.id, label=e.label,
                            title=f"{e.name} ({e.label}{', ' + e.actor.code if e.actor.code else ''})"))
    for i, qt in enumerate(record.quotes):
        gid = group_of.get(speaker_key(record, i), "")
        out.append(_ann(qt.start, qt.end, "quote", f"quote quote-{_slug(qt.kind)}", f"q{i}", quote=i, group=gid,
                        title=f"{qt.kind} quote" + (f" by {_speaker_name(record, i, ents)}" if qt.speaker else "")))
        if qt.cue:
            out.append(_ann(qt.cue.start, qt.cue.end, "cue", "cue", quote=i, group=gid, title="cue"))
        if qt.speaker:
            out.append(_ann(qt.speaker.start, qt.speaker.end, "speaker", "speaker", quote=i, group=gid,
                            title=f"speaker: {_speaker_name(record, i, ents)}"))
    for j, ev in enumerate(record.events):
        src = ", ".join(ents[x].name for x in ev.source if x in ents) or "?"
        tgt = ", ".join(ents[x].name for x in ev.target if x in ents) or "?"
        flags = " (negated)" if ev.negated else ""
        flags += " (hypothetical)" if ev.hypothetical else ""
        out.append(_ann(ev.trigger.start, ev.trigger.end, "trigger", f"trigger t-{_slug(ev.type)}", f"ev{j}",
                        event=j, type=ev.type, source=" ".join(ev.source), target=" ".join(ev.target),
                        title=f"{ev.type}: {src} \u2192 {tgt}{flags}"))
    for k, p in enumerate(record.places):
        where = ", ".join(x for x in (p.name, p.admin1, p.country) if x)
        out.append(_ann(p.start, p.end, "place", "place", f"pl{k}", place=k, title=f"place: {where}"))
    for d in record.dates:
        out.append(_ann(d.start, d.end, "date", "date", value=d.value, title=f"date: {d.value}"))
    for a in record.amounts:
        out.append(_ann(a.start, a.end, "amount", "amount", title=f"amount: {a.value:g} {a.object or ''}".strip()))
    return [a for a in out if 0 <= a.start < a.end <= n]


def annotate(record: ArticleRecord, hidden: frozenset[int] = frozenset()) -> Markup:
    """The article text as HTML with every annotation as a (possibly split) span; the triggers of the events
    numbered in ``hidden`` (below the confidence shown) are left out.

    A sweep over the span boundaries keeps the set of annotations covering the current stretch, so the cost
    grows with the number of annotations, not with their product with the text length.
    """
    text = record.text
    anns = sorted((a for a in spans_of(record) if not (a.kind == "trigger" and _event_of(a) in hidden)),
                  key=lambda a: a.start)
    order = {id(a): i for i, a in enumerate(anns)}
    bounds = sorted({0, len(text), *(a.start for a in anns), *(a.end for a in anns)})
    html: list[str] = []
    stack: list[Ann] = []
    opened: set[int] = set()
    covering: list[Ann] = []
    nxt = 0
    for lo, hi in pairwise(bounds):
        covering = [a for a in covering if a.end > lo]
        while nxt < len(anns) and anns[nxt].start <= lo:
            if anns[nxt].end > lo:
                covering.append(anns[nxt])
            nxt += 1
        active = sorted(covering, key=lambda a: (a.start, -a.end, RANKS[a.kind], order[id(a)]))
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] is active[keep]:
            keep += 1
        for _ in range(len(stack) - keep):
            html.append("</span>")
            stack.pop()
        for a in active[keep:]:
            html.append(a.open(first=id(a) not in opened))
            opened.add(id(a))
            stack.append(a)
        html.append(str(escape(text[lo:hi])))
    html.extend("</span>" for _ in stack)
    return Markup("".join(html))


def _speaker_name(record: ArticleRecord, i: int, ents: dict[str, Entity]) -> str:
    sp = record.quotes[i].speaker
    if sp is None:
        return "unattributed"
    if sp.entity and sp.entity in ents:
        return ents[sp.entity].name
    return sp.text


def speaker_groups(record: ArticleRecord) -> list[dict[str, Any]]:
    """Who said what: one group per speaker (resolved entity, else mention text), most quotes first."""
    ents = {e.id: e for e in record.entities}
    groups: dict[str, dict[str, Any]] = {}
    for i, qt in enumerate(record.quotes):
        key = speaker_key(record, i)
        g = groups.get(key)
        if g is None:
            ent = ents.get(qt.speaker.entity) if qt.speaker and qt.speaker.entity else None
            g = groups[key] = {
                "key": key,
                "name": _speaker_name(record, i, ents),
                "entity": ent.name if ent else None,
                "href": entity_href(ent.name) if ent else None,
                "code": ent.actor.code if ent else None,
                "label": ent.label if ent else None,
                "quotes": [],
            }
        g["quotes"].append({
            "i": i, "text": qt.text, "kind": qt.kind, "cue": qt.cue.text if qt.cue else None,
            "mention": qt.speaker.text if qt.speaker else None,
        })
    out = sorted(groups.values(), key=lambda g: (-len(g["quotes"]), g["name"].lower()))
    for n, g in enumerate(out):
        g["gid"] = f"g{n}"
    return out


def event_rows(record: ArticleRecord) -> list[dict[str, Any]]:
    ents = {e.id: e for e in record.entities}

    def parties(ids: list[str], phrases: list[ActorPhrase]) -> list[dict[str, Any]]:
        """The side's entities, else its phrases ("the police": no page to link, the sector as its code)."""
        found = [{"name": ents[x].name, "href": entity_href(ents[x].name), "code": ents[x].actor.code}
                 for x in ids if x in ents]
        return found or [{"name": p.text, "href": None, "code": p.sector} for p in phrases]

    rows = []
    for j, ev in enumerate(record.events):
        place = record.places[ev.place] if ev.place is not None and 0 <= ev.place < len(record.places) else None
        s, e = ev.sentence.start, ev.sentence.end
        rows.append({
            "j": j, "type": ev.type, "mode": ev.mode, "trigger": ev.trigger.text, "date": ev.date,
            "source": parties(ev.source, ev.source_phrases), "target": parties(ev.target, ev.target_phrases),
            "sentence": record.text[s:e] if 0 <= s < e <= len(record.text) else "",
            "place": place.name if place else None, "negated": ev.negated, "hypothetical": ev.hypothetical,
            "rule": ev.rule,
        })
    return rows


def entity_rows(record: ArticleRecord) -> list[dict[str, Any]]:
    rows = [{"id": e.id, "name": e.name, "label": e.label, "code": e.actor.code, "mentions": len(e.mentions),
             "roles": e.roles, "href": entity_href(e.name)} for e in record.entities]
    return sorted(rows, key=lambda r: (-r["mentions"], r["name"].lower()))


def _event_of(a: Ann) -> int | None:
    return next((int(v) for k, v in a.attrs if k == "data-event"), None)


def legend(record: ArticleRecord, hidden: frozenset[int] = frozenset()) -> list[dict[str, Any]]:
    """Annotation kinds present, with counts, for the toggles above the text (events in ``hidden`` not counted)."""
    counts = {
        "ent": sum(len(e.mentions) for e in record.entities), "quote": len(record.quotes),
        "trigger": len(record.events) - len(hidden), "place": len(record.places), "date": len(record.dates),
        "amount": len(record.amounts),
    }
    names = {"ent": "entities", "quote": "quotes", "trigger": "events", "place": "places", "date": "dates",
             "amount": "amounts"}
    return [{"kind": k, "name": names[k], "count": v} for k, v in counts.items()]
