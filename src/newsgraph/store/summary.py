"""A plain-text summary of a database: counts, top actors, top speakers, and optionally one record."""

from __future__ import annotations

import json

from newsgraph.store.duck import Store


def render_summary(store: Store, article_id: str | None = None, top: int = 10) -> str:
    counts = store.counts()
    lines = ["newsgraph database: " + store.path, ""]
    lines.append("  " + "  ".join(f"{k}: {v}" for k, v in counts.items()))
    _, actors = store.query(
        "SELECT name, label, nullif(mode(coalesce(actor.code, '')), '') AS code, count(DISTINCT article_id) AS articles, "
        "sum(len(mentions)) AS mentions FROM actor_entities WHERE label IN ('PERSON', 'ORG', 'GPE', 'NORP') "
        "GROUP BY name, label ORDER BY articles DESC, mentions DESC, name LIMIT ?",
        [top],
    )
    lines += ["", "top actors (articles, mentions):"]
    lines += [f"  {n:<32} {lab:<6} {code or '-':<8} {a:>4} {m:>5}" for n, lab, code, a, m in actors]
    _, speakers = store.query(
        "SELECT e.name, count(*) AS quotes FROM quotes q JOIN actor_entities e "
        "ON e.article_id = q.article_id AND e.id = q.speaker.entity GROUP BY e.name ORDER BY quotes DESC, "
        "e.name LIMIT ?",
        [top],
    )
    if speakers:
        lines += ["", "top speakers (quotes):"]
        lines += [f"  {n:<32} {q:>4}" for n, q in speakers]
    if article_id:
        lines += ["", f"record {article_id}:", json.dumps(_compact(store.get(article_id).to_dict()), ensure_ascii=False, indent=2)]
    return "\n".join(lines)


def _compact(record: dict) -> dict:  # type: ignore[type-arg]
    """The record without its text, to keep the printout readable."""
    out = dict(record)
    out["text"] = out["text"][:200] + ("…" if len(out["text"]) > 200 else "")
    return out
