"""Setting min_quote_confidence decides which quotes the Quotes page and ``/api/quotes`` list (as
min_event_confidence does for events): a quote naming a speaker under it is hidden, one naming no one or without a
confidence is always listed; ``min_confidence=0`` lists all; exports keep every quote with its confidence; a
database whose quotes have no confidence lists all."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from conftest import seed_record
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.records import Quote, TextSpan
from newsgraph.settings import Settings
from newsgraph.store import queries, summaries
from newsgraph.store.duck import Store
from newsgraph.store.export import export_jsonl
from tests.olddb import drop_indexes

LOW = 0.2  # Zelenskyy's quote: below the default of min_quote_confidence
assert Settings().min_quote_confidence > LOW


def _record():  # type: ignore[no-untyped-def]
    r = seed_record()
    q1, q2, q3 = r.quotes
    k = r.text.index("Kharkiv")
    unnamed = Quote(k, k + 7, "Kharkiv", "indirect", cue=TextSpan(k, k + 7, "Kharkiv"), rule="test", confidence=0.05)
    return replace(r, quotes=[replace(q1, confidence=0.9), replace(q2, confidence=LOW), q3, unnamed])


@pytest.fixture(scope="module")
def qconf_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("qconfdb") / "qconf.duckdb"
    with Store(path) as store:
        store.write([_record()])
    return path


def _texts(page: dict) -> set[str]:
    return {q["text"] for q in page["items"]}


def test_list_quotes_hides_low_named_quotes_at_the_default(qconf_db: Path) -> None:
    with Store(qconf_db, read_only=True) as store:
        shown = queries.list_quotes(store, cue_class=None)
        assert shown["total"] == 3 and not any("Kyiv would keep" in t for t in _texts(shown))
        assert "Kharkiv" in _texts(shown)  # names no one: always listed, whatever its score
        every = queries.list_quotes(store, cue_class=None, min_confidence=0)
        assert every["total"] == 4
        assert {q["text"][:4]: q["confidence"] for q in every["items"]}["Kyiv"] == LOW
        # the quote without a confidence and the one naming no one stay at any threshold
        assert queries.list_quotes(store, cue_class=None, min_confidence=0.95)["total"] == 2
        # every path: the keyed one of quote_keys, an actor's (quote_speakers), a filtered one (the quotes table)
        for kw in ({}, {"speaker": "Volodymyr Zelenskyy", "exact": True}, {"speaker": "zelensk"},
                   {"q": "fighting"}, {"article": "seed"}):
            hidden = queries.list_quotes(store, cue_class=None, **kw)
            assert not any("Kyiv would keep" in t for t in _texts(hidden)), kw
            assert any("Kyiv would keep" in t for t in _texts(queries.list_quotes(
                store, cue_class=None, min_confidence=0, **kw))), kw


def test_api_quotes_min_confidence_param_and_setting(qconf_db: Path) -> None:
    with TestClient(create_app(qconf_db)) as c:
        page = c.get("/api/quotes", params={"cue_class": "all"}).json()
        assert page["total"] == 3 and all("confidence" in q for q in page["items"])
        assert c.get("/api/quotes", params={"cue_class": "all", "min_confidence": 0}).json()["total"] == 4
        assert c.get("/api/quotes", params={"min_confidence": 1.5}).status_code == 422
        html = c.get("/quotes").text
        assert 'name="min_confidence"' in html and "Kyiv would keep" not in html
        assert "Kyiv would keep" in c.get("/quotes", params={"min_confidence": 0}).text
    with TestClient(create_app(qconf_db, settings=Settings().replace(min_quote_confidence=0.0))) as c:
        assert c.get("/api/quotes", params={"cue_class": "all"}).json()["total"] == 4


def test_exports_and_records_keep_every_quote_with_its_confidence(qconf_db: Path, tmp_path: Path) -> None:
    with Store(qconf_db, read_only=True) as store:
        assert [q.confidence for q in store.get("seed").quotes] == [0.9, LOW, None, 0.05]
        out = tmp_path / "all.jsonl"
        export_jsonl(store, out)
    (rec,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [q["confidence"] for q in rec["quotes"]] == [0.9, LOW, None, 0.05]


def test_quotes_of_a_database_without_confidence_are_all_listed(qconf_db: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.duckdb"
    old.write_bytes(qconf_db.read_bytes())
    con = duckdb.connect(str(old))
    drop_indexes(con, "quotes")
    con.execute("ALTER TABLE quotes DROP COLUMN confidence")
    for table in ("quote_keys", "quote_speakers"):  # as laid out before the column
        con.execute(f"DROP INDEX IF EXISTS {table}_row_key")
        con.execute(f"ALTER TABLE {table} DROP COLUMN confidence")
    con.close()
    with Store(old, read_only=True) as store:  # the summary tables computed on the fly from the stored rows
        assert not summaries.present(store.con)
        assert queries.list_quotes(store, cue_class=None)["total"] == 4
        assert queries.list_quotes(store, speaker="Volodymyr Zelenskyy", exact=True)["total"] == 1
        assert all(q["confidence"] is None for q in queries.list_quotes(store, cue_class=None)["items"])
    with Store(old) as store:  # a writer adds the column and lays the summary tables out again
        assert summaries.present(store.con)
        store.write([replace(_record(), id="seed2")])
        assert queries.list_quotes(store, cue_class=None, article="seed")["total"] == 4  # None: shown
        assert queries.list_quotes(store, cue_class=None, article="seed2")["total"] == 3
        assert queries.list_quotes(store, speaker="Volodymyr Zelenskyy", exact=True)["total"] == 1


def test_actor_quotes_listed_at_the_quote_setting(qconf_db: Path) -> None:
    with TestClient(create_app(qconf_db)) as c:
        assert c.get("/api/entities/Volodymyr%20Zelenskyy", params={"cue_class": "all"}).json()["quotes"] == []
        hidden = c.get("/entities/Volodymyr%20Zelenskyy").text.count("Kyiv would keep")  # (its claims keep it)
    with TestClient(create_app(qconf_db, settings=Settings().replace(min_quote_confidence=0.0))) as c:
        quotes = c.get("/api/entities/Volodymyr%20Zelenskyy", params={"cue_class": "all"}).json()["quotes"]
        assert [q["confidence"] for q in quotes] == [LOW]
        assert c.get("/entities/Volodymyr%20Zelenskyy").text.count("Kyiv would keep") == hidden + 1
