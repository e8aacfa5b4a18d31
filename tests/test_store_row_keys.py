"""Row keys (store/schema.py ROW_KEYED): every event, quote and place row carries the 64-bit key of its
(article_id, idx), which pages look single rows up by; Python computes the same key as the SQL that stores it; a
database from before the keys answers the same read only and gets them when a writer opens it; exports leave
them out."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from newsgraph.store import queries, schema
from newsgraph.store.duck import Store
from newsgraph.store.export import export_parquet
from tests.olddb import drop_indexes
from tests.test_store_summaries import _record


def _answers(store: Store) -> list[object]:
    return [
        queries.list_events(store, limit=7), queries.list_events(store, limit=5, offset=3, min_confidence=0),
        queries.list_events(store, source="Lin Jian", exact=True, limit=4),
        queries.list_quotes(store, limit=6, offset=2), queries.list_quotes(store, speaker="Lin Jian", exact=True),
        queries.list_places(store, limit=5), queries.get_entity(store, "Lin Jian", limit=3),
    ]


def _placed(i: int):  # type: ignore[no-untyped-def]
    """The summary tests' record, its event at its first place where it has one."""
    r = _record(i)
    return replace(r, events=[replace(ev, place=0) for ev in r.events]) if r.places else r


def _written(path: Path) -> None:
    with Store(path) as store:
        for start in range(0, 30, 6):
            store.write([_placed(i) for i in range(start, start + 6)])


def test_row_keys_python_equals_sql_and_every_row_has_one(tmp_path: Path) -> None:
    _written(tmp_path / "k.duckdb")
    with Store(tmp_path / "k.duckdb", read_only=True) as store:
        for table in schema.ROW_KEYED:
            rows = store.con.execute(f"SELECT article_id, idx, row_key FROM {table}").fetchall()
            assert rows, table
            assert all(key == schema.row_key_of(a, i) for a, i, key in rows), table


def test_row_keys_an_older_database_answers_the_same_and_a_writer_adds_them(tmp_path: Path) -> None:
    keyed = tmp_path / "k.duckdb"
    _written(keyed)
    with Store(keyed, read_only=True) as store:
        expected = _answers(store)
        assert expected[0]["items"] and expected[3]["items"] and expected[5]["items"]
        assert any(it["place"] for it in queries.list_events(store, limit=50, min_confidence=0)["items"])
    old = tmp_path / "old.duckdb"
    old.write_bytes(keyed.read_bytes())
    con = duckdb.connect(str(old))
    for table in schema.ROW_KEYED:
        drop_indexes(con, table)
        con.execute(f"ALTER TABLE {table} DROP COLUMN row_key")
    con.close()
    with Store(old, read_only=True) as store:  # looked up by article instead
        assert not queries.has_column(store, "events", "row_key")
        assert _answers(store) == expected
    with Store(old) as store:  # a writer adds and fills the keys
        for table in schema.ROW_KEYED:
            rows = store.con.execute(f"SELECT article_id, idx, row_key FROM {table}").fetchall()
            assert all(key == schema.row_key_of(a, i) for a, i, key in rows), table
        indexes = {r[0] for r in store.con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()}
        assert {f"{t}_row_key" for t in schema.ROW_KEYED} <= indexes
        assert _answers(store) == expected


def test_row_keys_are_not_exported(tmp_path: Path) -> None:
    _written(tmp_path / "k.duckdb")
    with Store(tmp_path / "k.duckdb", read_only=True) as store:
        export_parquet(store, tmp_path / "out")
    for table in schema.ROW_KEYED:
        names = pq.read_schema(tmp_path / "out" / f"{table}.parquet").names
        assert "row_key" not in names and "article_id" in names, table
