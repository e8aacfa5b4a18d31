"""Read side of the claims tables: groups (contested first), one group with its speakers and statements, an
actor's claims (made and about), quotations. The API routes and pages call these; all SQL is parameterised."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsgraph.errors import NotFound, StoreError
from newsgraph.store.claims.tables import has_claims
from newsgraph.store.duck import Store
from newsgraph.store.where import Where

POSITIONS = {"positive": "supports", "negative": "denies", "neutral": "discusses"}


def _rows(store: Store, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cols, rows = store.query(sql, list(params))
    return [{c: _plain(v) for c, v in zip(cols, row, strict=True)} for row in rows]


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _need(store: Store) -> None:
    if not has_claims(store.con):
        raise StoreError(f"{store.path} has no claims tables: open it once with a writer (newsgraph ingest) to add them")


def statement_anchor(quote: int | None, event: int | None) -> str:
    """The fragment of the article page that highlights the statement (its quote, else its event trigger)."""
    if quote is not None:
        return f"#q{quote}"
    if event is not None:
        return f"#ev{event}"
    return ""


_STATEMENT_COLS = """c.id AS claim_id, c.article_id, c.start, c."end", c.text, c.kind, c.stance, c.polarity,
    c.cue.text AS cue, c.actor AS speaker, c.speaker.code AS code, c.reporter, c.published, c.source, a.title,
    c.quote, c.event, c.sentence.start AS sentence_start, c.sentence."end" AS sentence_end,
    substr(a.text, c.sentence.start + 1, c.sentence."end" - c.sentence.start) AS sentence, c.negated,
    c.negation.text AS negation, list_transform(c.hedges, lambda h: h.text) AS hedges, c.rule"""


def _statement(row: dict[str, Any]) -> dict[str, Any]:
    row["position"] = POSITIONS.get(row["polarity"], "discusses")
    row["anchor"] = statement_anchor(row.pop("quote"), row.pop("event"))
    return row


def list_groups(
    store: Store, *, q: str | None = None, contested: bool | None = None, min_claims: int = 2, actor: str | None = None,
    limit: int = 50, offset: int = 0,
) -> dict[str, Any]:
    """Claim groups, contested first, then by number of speakers and claims."""
    _need(store)
    w = Where("s.claims >= ?", min_claims)
    if q:
        w.add("s.text ILIKE ?", f"%{q}%")
    if contested is not None:
        w.add("s.contested = ?", contested)
    if actor:
        w.add("s.group_id IN (SELECT group_id FROM claim_positions WHERE actor = ?)", actor)
    cond, params = w.sql, w.params
    total = _rows(store, f"SELECT count(*) AS n FROM claim_group_stats s WHERE {cond}", params)[0]["n"]
    items = _rows(
        store,
        f"""SELECT s.* EXCLUDE (founder) FROM claim_group_stats s WHERE {cond}
            ORDER BY s.contested DESC, s.speakers DESC, s.claims DESC, s.first_published NULLS LAST, s.group_id
            LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    )
    if items:
        pos = _rows(
            store,
            "SELECT group_id, actor, code, position FROM claim_positions WHERE group_id IN (SELECT unnest(?::VARCHAR[])) "
            "ORDER BY group_id, position, actor",
            [[i["group_id"] for i in items]],
        )
        by: dict[str, list[dict[str, Any]]] = {}
        for p in pos:
            by.setdefault(p.pop("group_id"), []).append(p)
        for i in items:
            i["positions"] = by.get(i["group_id"], [])
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def get_group(store: Store, group_id: str) -> dict[str, Any]:
    """One group: wording, counts, per speaker their position, and every statement in date order."""
    _need(store)
    head = _rows(store, "SELECT * FROM claim_group_stats WHERE group_id = ?", [group_id])
    if not head:
        raise NotFound(f"no claim group {group_id!r}")
    out = head[0]
    out["positions"] = _rows(
        store,
        "SELECT actor, code, position, supporting, denying, discussing, first_published, last_published "
        "FROM claim_positions WHERE group_id = ? ORDER BY position, first_published NULLS LAST, actor",
        [group_id],
    )
    out["statements"] = [_statement(r) for r in _rows(
        store,
        f"""SELECT {_STATEMENT_COLS}, m.similarity FROM claim_members m JOIN claim_actors c ON c.id = m.claim_id
            JOIN articles a ON a.id = c.article_id WHERE m.group_id = ?
            ORDER BY c.published NULLS LAST, c.article_id, c.start""",
        [group_id],
    )]
    return out


def list_claims(
    store: Store, *, speaker: str | None = None, about: str | None = None, article: str | None = None,
    stance: str | None = None, limit: int = 50, offset: int = 0,
) -> dict[str, Any]:
    """Claims (statements) filtered by speaker (canonical actor name), by an actor they mention, article, stance."""
    _need(store)
    w = Where()
    if speaker:
        w.add("c.actor = ?", speaker)
    if about:
        w.add("EXISTS (SELECT 1 FROM actor_entities e WHERE e.article_id = c.article_id AND e.name = ? "
              "AND list_contains(c.entities, e.id))", about)
        w.add("c.actor <> ?", about)
    if article:
        w.add("c.article_id = ?", article)
    if stance:
        w.add("c.stance = ?", stance)
    cond, params = w.sql, w.params
    total = _rows(store, f"SELECT count(*) AS n FROM claim_actors c WHERE {cond}", params)[0]["n"]
    # (none counted, or a page past the last: no join with the articles, which scanned them all even for no claim,
    # 25 ms per actor page at 255,000 articles)
    items = [_statement(r) for r in _rows(
        store,
        f"""SELECT {_STATEMENT_COLS}, m.group_id FROM claim_actors c JOIN articles a ON a.id = c.article_id
            LEFT JOIN claim_members m ON m.claim_id = c.id WHERE {cond}
            ORDER BY c.published NULLS LAST, c.article_id, c.start LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    )] if offset < total else []
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def actor_claims(store: Store, name: str, *, limit: int = 100) -> dict[str, Any]:
    """An actor's page: the claims it made and the claims others made about it."""
    if not has_claims(store.con):
        return {"made": [], "about": []}
    return {"made": list_claims(store, speaker=name, limit=limit)["items"],
            "about": list_claims(store, about=name, limit=limit)["items"]}


def list_quotations(
    store: Store, *, min_occurrences: int = 2, misattributed: bool | None = None, limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    """Direct quotes reprinted in several articles, each once with its occurrences (Quotebank-style)."""
    _need(store)
    w = Where("occurrences >= ?", min_occurrences)
    if misattributed is not None:
        w.add("misattributed = ?", misattributed)
    cond, params = w.sql, w.params
    total = _rows(store, f"SELECT count(*) AS n FROM quotations WHERE {cond}", params)[0]["n"]
    items = _rows(store, f"SELECT * FROM quotations WHERE {cond} ORDER BY misattributed DESC, occurrences DESC, "
                         "quotation_id LIMIT ? OFFSET ?", [*params, limit, offset])
    for i in items:
        i["occurrences_list"] = _rows(
            store, "SELECT article_id, idx, speaker, mention, source, published FROM quotation_occurrences "
                   "WHERE quotation_id = ? ORDER BY published NULLS LAST, article_id", [i["quotation_id"]])
    return {"total": total, "limit": limit, "offset": offset, "items": items}
