"""The summary tables (store/summaries.py): extended batch by batch in the write transaction, they hold exactly
what a rebuild from the stored rows computes; a failed write leaves them as they were; a database from before
them gets them when a writer opens it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from newsgraph.errors import StoreError
from newsgraph.records import Actor, ArticleRecord, Entity, Event, Mention, Offsets, Place, Quote, Speaker, TextSpan
from newsgraph.store import queries, summaries
from newsgraph.store.duck import Store
from tests.olddb import drop_indexes


def _record(i: int) -> ArticleRecord:
    names = [("Lin Jian", "PERSON", "CHNGOV"), ("China", "GPE", "CHN"), ("Jian", "PERSON", None),
             ("United Nations", "ORG", "IGOUNO"), ("U.N.", "ORG", None), ("Article 5", "LAW", None)]
    chosen = [names[(i + k) % len(names)] for k in range(3 + i % 3)]
    text = " ".join(n for n, _, _ in chosen) + " said things."
    ents, pos = [], 0
    for k, (name, label, code) in enumerate(chosen):
        ents.append(Entity(id=f"e{k + 1}", name=name, label=label, actor=Actor(code=code, country=code and code[:3]),
                           mentions=[Mention(pos, pos + len(name), name)] * (1 + (i + k) % 2),
                           roles=["spokesperson"] if label == "PERSON" else []))
        pos += len(name) + 1
    quotes = [Quote(0, 4, text[:4], "direct", speaker=Speaker(0, 3, "Lin", entity="e1", entities=["e1", "e2"]))]
    events = [Event("CONSULT", TextSpan(0, 3, text[:3]), Offsets(0, len(text)), source=["e1"], target=["e2", "e3"],
                    confidence=(None, 0.3, 0.7)[i % 3], date=f"2025-0{1 + i % 9}", place=0 if i % 2 else None)]
    places = [Place(0, 3, text[:3], "Beijing", country="CN", lat=39.9, lon=116.4)] if i % 2 else []
    return ArticleRecord(id=f"r{i}", text=text, language="en", published=f"2025-01-{1 + i % 28:02d}",
                         entities=ents, quotes=quotes, events=events, places=places)


def _dump(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[object, ...]]]:
    out = {}
    for table in summaries.TABLES:
        cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
        sel = ", ".join(f"list_sort({c})" if c == "roles" else c for c in cols)
        if table == "party_places":  # appended per write, not merged: its counts are summed per key
            sel = ", ".join(f"sum({c})" if c.startswith("events") else c for c in cols)
        group = " GROUP BY ALL" if table == "party_places" else ""
        out[table] = sorted(con.execute(f"SELECT {sel} FROM {table}{group}").fetchall(), key=repr)
    return out


def test_store_summaries_batches_equal_a_rebuild(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write([_record(0)])
        store.refresh_actors()  # "Jian" -> "Lin Jian", "U.N." -> "United Nations" from here on
        for start in range(1, 40, 7):
            store.write([_record(i) for i in range(start, start + 7)])
        store.write([_record(3)])  # stored already: skipped, counted once
        incremental = _dump(store.con)
        assert all(incremental[t] for t in summaries.TABLES)
        summaries.rebuild(store.con)
        assert _dump(store.con) == incremental
        totals = dict(store.con.execute("SELECT name, articles FROM actor_totals").fetchall())
        assert totals["Lin Jian"] == store.con.execute(
            "SELECT count(DISTINCT article_id) FROM actor_entities WHERE name = 'Lin Jian'").fetchone()[0]


def test_store_summaries_unchanged_by_a_failed_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write([_record(i) for i in range(5)])
        before = _dump(store.con)

        def broken(con: duckdb.DuckDBPyConnection, batch: object) -> None:
            con.execute("INSERT INTO actor_totals VALUES ('x', 1, 1)")
            raise duckdb.Error("disk full")

        monkeypatch.setattr(summaries, "add_batch", broken)
        with pytest.raises(StoreError):
            store.write([_record(i) for i in range(5, 9)])
        assert _dump(store.con) == before
        assert store.counts()["articles"] == 5


def test_store_summaries_built_when_a_writer_opens_an_older_database(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.write([_record(i) for i in range(6)])
        expected = _dump(store.con)
    con = duckdb.connect(str(path))
    for table in summaries.TABLES:
        con.execute(f"DROP TABLE {table}")
    con.close()
    with Store(path, read_only=True) as store:
        assert not summaries.present(store.con)
    with Store(path) as store:
        assert _dump(store.con) == expected


def test_store_summaries_a_table_added_later_is_built_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "older.duckdb"
    with Store(path) as store:
        store.write([_record(i) for i in range(6)])
        expected = _dump(store.con)
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE event_edges")  # a database from before the network's edges table
    con.execute("UPDATE actor_totals SET articles = articles + 100")  # marks a table that must not be rebuilt
    con.close()
    built: list[tuple[str, ...]] = []
    rebuild = summaries.rebuild
    monkeypatch.setattr(summaries, "rebuild", lambda c, only=tuple(summaries.TABLES): (built.append(only), rebuild(c, only)))
    with Store(path) as store:
        assert built == [("event_edges",)]
        got = _dump(store.con)
    assert got["event_edges"] == expected["event_edges"] and got["event_edges"]
    assert got["actor_totals"] != expected["actor_totals"]  # left as it was


def test_store_summaries_a_table_laid_out_otherwise_is_made_again(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "older.duckdb"
    with Store(path) as store:
        store.write([_record(i) for i in range(6)])
        expected = _dump(store.con)
        profile = queries.actor_profile(store, "Lin Jian")
        quotes = queries.list_quotes(store, speaker="Lin Jian", exact=True)
    con = duckdb.connect(str(path))
    drop_indexes(con, "event_parties")
    con.execute("ALTER TABLE event_parties DROP COLUMN row_key")  # before session 9
    for column in ("place_lon", "place_lat", "place_country", "place_name"):  # event_parties before session 8
        con.execute(f"ALTER TABLE event_parties DROP COLUMN {column}")
    con.execute("ALTER TABLE event_parties DROP COLUMN published")
    con.close()
    with Store(path, read_only=True) as store:  # read as it is: the tables computed on the fly
        assert not summaries.present(store.con)
        assert queries.actor_profile(store, "Lin Jian") == profile
        assert queries.list_quotes(store, speaker="Lin Jian", exact=True) == quotes
    built: list[tuple[str, ...]] = []
    rebuild = summaries.rebuild
    monkeypatch.setattr(summaries, "rebuild", lambda c, only=tuple(summaries.TABLES): (built.append(only), rebuild(c, only)))
    with Store(path) as store:
        assert built == [("event_parties",)]
        assert summaries.present(store.con)
        assert _dump(store.con) == expected
        assert queries.actor_profile(store, "Lin Jian") == profile


def _storage_order(con: duckdb.DuckDBPyConnection, table: str, ordered: bool = False) -> list[tuple[object, ...]]:
    """The clustering columns of ``table`` as stored (``ordered``: as its clustering key sorts them)."""
    cols = summaries.CLUSTERED[table].replace(" DESC", "")
    return con.execute(f"SELECT {cols} FROM {table} ORDER BY {summaries.CLUSTERED[table] if ordered else 'rowid'}").fetchall()


def test_store_summaries_clustered_tables_are_sorted_again_when_their_tail_grows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(summaries, "MIN_TAIL", 0)
    with Store(tmp_path / "c.duckdb") as store:
        store.write([_record(i) for i in range(4)])  # every row is in the unsorted tail: sorted after this write
        assert set(store.last_clustered) == set(summaries.CLUSTERED)
        before = {t: _storage_order(store.con, t) for t in summaries.CLUSTERED}
        for table, rows in before.items():
            assert rows == _storage_order(store.con, table, ordered=True), table
        profile = queries.actor_profile(store, "Lin Jian")
        entity = queries.get_entity(store, "Lin Jian")
        events = queries.list_events(store, actor="lin jian")
        monkeypatch.setattr(summaries, "MIN_TAIL", 10**9)
        store.write([replace(_record(i), id=f"t{i}") for i in range(1)])  # a small tail: left unsorted
        assert store.last_clustered == {}
        monkeypatch.setattr(summaries, "MIN_TAIL", 0)
        store.write([replace(_record(i), id=f"u{i}") for i in range(30)])  # the tail passes a quarter: sorted
        assert set(store.last_clustered) == set(summaries.CLUSTERED)
        order = dict(store.con.execute(f"SELECT name, sorted_rows FROM {summaries.ORDER}").fetchall())
        assert order == {t: store.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in summaries.CLUSTERED}
        indexes = {r[0] for r in store.con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()}
        assert {"event_parties_row_key", "quote_speakers_row_key", "article_actors_article_id"} <= indexes
        monkeypatch.setattr(summaries, "MIN_TAIL", 10**9)
        store.write([replace(_record(i), id=f"v{i}") for i in range(2)])  # a tail again
        expected = _dump(store.con)
        summaries.rebuild(store.con)  # a rebuild leaves them in order
        assert _dump(store.con) == expected
        for table in summaries.CLUSTERED:
            assert _storage_order(store.con, table) == _storage_order(store.con, table, ordered=True), table
        assert queries.actor_profile(store, "Lin Jian")["timeline"]
    with Store(tmp_path / "d.duckdb") as store:
        store.write([_record(i) for i in range(4)])
        store.con.execute(f"DELETE FROM {summaries.ORDER}")
    monkeypatch.setattr(summaries, "MIN_TAIL", 10**9)
    with Store(tmp_path / "d.duckdb") as store:  # never sorted: the answers are the same
        assert store.last_clustered == {}
        assert queries.actor_profile(store, "Lin Jian") == profile
        assert queries.get_entity(store, "Lin Jian") == entity
        assert queries.list_events(store, actor="lin jian") == events


def test_store_summaries_sorting_a_table_leaves_readers_reading(tmp_path: Path) -> None:
    # serve --watch: pages read through cursors of the writer's connection while a write sorts a table
    with Store(tmp_path / "r.duckdb") as store:
        store.write([_record(i) for i in range(4)])
        rows = sorted(store.con.execute("SELECT * FROM event_parties").fetchall(), key=repr)
        reader = store.con.cursor()
        reader.execute("BEGIN TRANSACTION")
        assert sorted(reader.execute("SELECT * FROM event_parties").fetchall(), key=repr) == rows
        pending = store.con.cursor().execute("SELECT * FROM quote_speakers")
        assert set(summaries.cluster(store.con, force=True)) == set(summaries.CLUSTERED)
        assert sorted(reader.execute("SELECT * FROM event_parties").fetchall(), key=repr) == rows
        reader.execute("COMMIT")
        assert pending.fetchall()
        assert sorted(reader.execute("SELECT * FROM event_parties").fetchall(), key=repr) == rows


def test_store_summaries_event_buckets(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write([replace(_record(i), id=f"b{i}") for i in range(6)])
        (events, shown), = store.con.execute(
            "SELECT sum(events), sum(events_shown) FROM actor_keys WHERE name = 'Lin Jian'").fetchall()
        # one per event naming him (on either side), as event_parties holds them; confidences None, 0.3, 0.7
        parties = store.con.execute(
            "SELECT confidence FROM event_parties WHERE name = 'Lin Jian'").fetchall()
        assert events == len(parties) >= 3
        assert shown == sum(1 for (c,) in parties if c is None or c >= summaries.SHOWN_AT) < events
        assert {c for (c,) in parties} == {None, 0.3, 0.7}


def test_store_summaries_rebuilt_when_the_default_threshold_changes(tmp_path: Path) -> None:
    """A database whose tables count shown events at another default (an earlier version's) is rebuilt by the
    next writer, and until then its stored count is not used for this version's default."""
    from newsgraph.store import queries

    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.write([_record(i) for i in range(9)])  # confidences None, 0.3, 0.7 in turn
        expected = queries.list_entities(store, limit=50)["items"]
        store.con.execute(f"UPDATE {summaries.INFO} SET shown_at = 0.2")  # as if built by another version
        store.con.execute("UPDATE actor_keys SET events_shown = events")  # its counts at 0.2
    with Store(db, read_only=True) as store:
        assert summaries.shown_at(store.con) == 0.2
        assert queries.list_entities(store, limit=50)["items"] == expected  # counted from event_parties
    with Store(db) as store:
        assert summaries.shown_at(store.con) == summaries.SHOWN_AT
        assert queries.list_entities(store, limit=50)["items"] == expected
