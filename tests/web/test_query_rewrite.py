"""The rewritten event, quote and actor queries (hash joins, page first) against the correlated SQL they replace."""

from __future__ import annotations

from pathlib import Path

from newsgraph.store import queries
from newsgraph.store.duck import Store

# the correlated forms the queries used before the scale rewrite: the reference semantics
_OLD_PARTIES = """coalesce((SELECT list(struct_pack(id := e.id, name := e.name, label := e.label,
        code := e.actor.code, country := e.actor.country) ORDER BY e.idx)
    FROM actor_entities e WHERE e.article_id = ev.article_id AND list_contains(ev.{side}, e.id)), [])"""
_OLD_MATCH = """EXISTS (SELECT 1 FROM actor_entities e WHERE e.article_id = ev.article_id
    AND list_contains(ev.{side}, e.id) AND (lower(e.name) = lower(?) OR e.actor.code = upper(?)))"""


def _old_events(store: Store, side: str | None, actor: str | None) -> list[tuple[object, ...]]:
    cond, params = "TRUE", []
    if side == "either" and actor:
        cond = f"({_OLD_MATCH.format(side='source')} OR {_OLD_MATCH.format(side='target')})"
        params = [actor] * 4
    elif side and actor:
        cond, params = _OLD_MATCH.format(side=side), [actor, actor]
    return store.query(
        f"""SELECT ev.article_id, ev.idx, {_OLD_PARTIES.format(side='source')}, {_OLD_PARTIES.format(side='target')}
            FROM events ev WHERE {cond} ORDER BY ev.article_id, ev.idx""", params)[1]


def _new_events(store: Store, **filters: str) -> list[tuple[object, ...]]:
    items = queries.list_events(store, limit=10_000, **filters)["items"]
    return sorted((it["article_id"], it["idx"], it["source"], it["target"]) for it in items)


def test_event_parties_and_filters_match_the_correlated_sql(web_db: Path) -> None:
    with Store(web_db, read_only=True) as store:
        assert _new_events(store) == [tuple(r) for r in _old_events(store, None, None)]
        names = [r[0] for r in store.query("SELECT DISTINCT name FROM actor_entities ORDER BY 1")[1]]
        assert names
        compared = 0
        for name in names:
            for side in ("source", "target"):
                old = [tuple(r) for r in _old_events(store, side, name)]
                assert _new_events(store, **{side: name}) == old, (side, name)
                compared += len(old)
        assert compared > 0


def test_events_of_an_actor_on_either_side_match_the_correlated_sql(web_db: Path) -> None:
    # actor= (a name in any case, or an actor code) is keyed from event_parties alone
    with Store(web_db, read_only=True) as store:
        names = [r[0] for r in store.query("SELECT DISTINCT name FROM actor_entities ORDER BY 1")[1]]
        codes = [r[0] for r in store.query(
            "SELECT DISTINCT actor.code FROM actor_entities WHERE actor.code IS NOT NULL ORDER BY 1")[1]]
        assert names and codes
        compared = 0
        for actor in [*names, *(n.upper() for n in names[:5]), *codes, *(c.lower() for c in codes[:5])]:
            old = [tuple(r) for r in _old_events(store, "either", actor)]
            assert _new_events(store, actor=actor) == old, actor
            compared += len(old)
        assert compared > 0


def test_actor_counts_match_the_correlated_sql(web_db: Path) -> None:
    with Store(web_db, read_only=True) as store:
        old = dict(store.query(
            """SELECT e.name, count(*) FROM quotes x JOIN actor_entities e ON e.article_id = x.article_id
               AND (e.id = x.speaker.entity OR list_contains(x.speaker.entities, e.id)) GROUP BY 1""")[1])
        old_ev = dict(store.query(
            """SELECT e.name, count(*) FROM events x JOIN actor_entities e ON e.article_id = x.article_id
               AND (list_contains(x.source, e.id) OR list_contains(x.target, e.id)) GROUP BY 1""")[1])
        items = queries.list_entities(store, limit=10_000)["items"]
        assert items and any(it["quotes"] for it in items) and any(it["events"] for it in items)
        for it in items:
            assert it["quotes"] == old.get(it["name"], 0), it["name"]
            assert it["events"] == old_ev.get(it["name"], 0), it["name"]


def test_first_distinct_reads_on_while_repeated_rows_hide_the_next(tmp_path: Path) -> None:
    """An actor's page read from its first rows: rows repeated (an actor twice on one side of an event) are read
    past, however many, and a short relation gives what it has."""
    sql = "SELECT v FROM (VALUES (3), (1), (1), (1), (1), (1), (2), (2)) t(v) ORDER BY v LIMIT ?"
    with Store(tmp_path / "x.duckdb") as store:
        assert queries._first_distinct(store, sql, [], 2) == [(1,), (2,)]
        assert queries._first_distinct(store, sql, [], 1) == [(1,)]
        assert queries._first_distinct(store, sql, [], 9) == [(1,), (2,), (3,)]


def test_actor_pages_of_events_match_the_distinct_events(web_db: Path) -> None:
    """Each actor's events on one side, page by page (list_events and the actor page), are its distinct events in
    order, and the total counts them."""
    with Store(web_db, read_only=True) as store:
        names = [r[0] for r in store.query("SELECT DISTINCT name FROM event_parties ORDER BY 1")[1]]
        for name in names:
            for side in ("source", "target", "actor"):
                everything = queries.list_events(store, limit=10_000, min_confidence=0, **{side: name, "exact": True})
                keys = [(it["article_id"], it["idx"]) for it in everything["items"]]
                assert len(set(keys)) == len(keys) == everything["total"], (name, side)
                pages = [queries.list_events(store, limit=2, offset=o, min_confidence=0, **{side: name, "exact": True})
                         for o in range(0, len(keys), 2)]
                assert [(it["article_id"], it["idx"]) for p in pages for it in p["items"]] == keys, (name, side)
            ent = queries.get_entity(store, name, limit=3, min_confidence=0)
            for side in ("source", "target"):
                first = queries.list_events(store, limit=3, min_confidence=0, **{side: name, "exact": True})["items"]
                assert ent[f"events_as_{side}"] == first, (name, side)
