"""Setting min_event_confidence decides what the pages, the API, the counts, the network and the summary show;
``min_confidence=0`` shows every event; exports keep them all; a database without the column shows all."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import seed_record
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.settings import Settings
from newsgraph.store import queries
from newsgraph.store.duck import Store
from newsgraph.store.export import export_jsonl
from newsgraph.store.summary import render_summary
from tests.olddb import drop_column

LOW = 0.3  # ACCUSE (Volodymyr Zelenskyy -> Russia): below the default of min_event_confidence
assert Settings().min_event_confidence > LOW


@pytest.fixture(scope="module")
def conf_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    r = seed_record()
    accuse, assault, request = r.events
    r = replace(r, events=[replace(accuse, confidence=LOW), replace(assault, confidence=0.9), request])
    path = tmp_path_factory.mktemp("confdb") / "conf.duckdb"
    with Store(path) as store:
        store.write([r])
        store.refresh_actors()
    return path


def _types(items: list[dict]) -> set[str]:
    return {ev["type"] for ev in items}


def test_low_confidence_event_hidden_from_api_and_shown_with_zero(conf_db: Path) -> None:
    with TestClient(create_app(conf_db)) as c:
        assert _types(c.get("/api/events").json()["items"]) == {"ASSAULT", "REQUEST"}
        assert c.get("/api/events").json()["total"] == 2
        assert _types(c.get("/api/events", params={"min_confidence": 0}).json()["items"]) == {
            "ACCUSE", "ASSAULT", "REQUEST"}
        assert _types(c.get("/api/events", params={"min_confidence": 0.95}).json()["items"]) == {"REQUEST"}
        assert c.get("/api/events", params={"min_confidence": 1.5}).status_code == 422
        stats = c.get("/api/stats/events").json()
        assert "ACCUSE" not in stats["keys"] and "ASSAULT" in stats["keys"]
        assert "ACCUSE" in c.get("/api/stats/events", params={"min_confidence": 0}).json()["keys"]
        by_actor = c.get("/api/stats/events", params={"by": "actor"}).json()["keys"]
        assert "Volodymyr Zelenskyy" not in by_actor and "Russian forces" in by_actor


def test_low_confidence_event_left_out_of_counts(conf_db: Path) -> None:
    with TestClient(create_app(conf_db)) as c:
        ents = {e["name"]: e for e in c.get("/api/entities").json()["items"]}
        assert ents["Volodymyr Zelenskyy"]["events"] == 0 and ents["Russian forces"]["events"] == 1
        ents = {e["name"]: e for e in c.get("/api/entities", params={"min_confidence": 0}).json()["items"]}
        assert ents["Volodymyr Zelenskyy"]["events"] == 1
        # a threshold other than the default and 0 is counted from event_parties
        ents = {e["name"]: e for e in c.get("/api/entities", params={"min_confidence": 0.95}).json()["items"]}
        assert ents["Russian forces"]["events"] == 0 and ents["Lin Jian"]["events"] == 1
        ents = {e["name"]: e for e in c.get("/api/entities", params={"q": "zelen"}).json()["items"]}
        assert ents["Volodymyr Zelenskyy"]["events"] == 0
        one = c.get("/api/entities/Volodymyr%20Zelenskyy").json()
        assert one["events_as_source"] == []
        one = c.get("/api/entities/Volodymyr%20Zelenskyy", params={"min_confidence": 0}).json()
        assert _types(one["events_as_source"]) == {"ACCUSE"}
        arts = c.get("/api/articles").json()["items"]
        assert arts[0]["events"] == 2
        assert c.get("/api/articles", params={"min_confidence": 0}).json()["items"][0]["events"] == 3
        timeline = c.get("/api/stats/actor", params={"name": "Volodymyr Zelenskyy"}).json()["timeline"]
        assert all(r["role"] == "quote" for r in timeline)


def test_low_confidence_event_left_out_of_the_network(conf_db: Path) -> None:
    with TestClient(create_app(conf_db)) as c:
        edges = {(e["source"], e["target"]) for e in c.get("/api/network").json()["edges"]}
        assert ("Volodymyr Zelenskyy", "Russia") not in edges and ("Russian forces", "Kyiv") in edges  # Kharkiv: bare UKR, merged
        edges = {(e["source"], e["target"]) for e in c.get("/api/network", params={"min_confidence": 0}).json()["edges"]}
        assert ("Volodymyr Zelenskyy", "Russia") in edges


def test_low_confidence_event_hidden_from_pages(conf_db: Path) -> None:
    with TestClient(create_app(conf_db)) as c:
        page = c.get("/events").text
        assert "accused" not in page and "shelled" in page
        assert "accused" in c.get("/events", params={"min_confidence": 0}).text
        art = c.get("/articles/seed").text
        assert 'id="ev0"' not in art and 'id="ev1"' in art  # the trigger highlight, numbered as in the record
        assert 'id="ev0"' in c.get("/articles/seed", params={"min_confidence": 0}).text
        assert "2 events" in c.get("/").text
        assert "3 events" in c.get("/", params={"min_confidence": 0}).text


def test_the_setting_decides_the_default(conf_db: Path) -> None:
    with TestClient(create_app(conf_db, settings=Settings(min_event_confidence=0.2))) as c:
        assert c.get("/api/events").json()["total"] == 3
    with TestClient(create_app(conf_db, settings=Settings(min_event_confidence=0.95))) as c:
        assert _types(c.get("/api/events").json()["items"]) == {"REQUEST"}


def test_summary_hides_and_exports_keep(conf_db: Path, tmp_path: Path) -> None:
    with Store(conf_db, read_only=True) as store:
        text = render_summary(store, "seed")
        assert "events: 2" in text and f"1 event below confidence {Settings().min_event_confidence:g}" in text
        assert "ACCUSE" not in text and "ASSAULT" in text
        assert "ACCUSE" in render_summary(store, "seed", min_confidence=0)
        out = tmp_path / "all.jsonl"
        export_jsonl(store, out)
    (rec,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(e["type"], e["confidence"]) for e in rec["events"]] == [("ACCUSE", LOW), ("ASSAULT", 0.9), ("REQUEST", None)]
    with TestClient(create_app(conf_db)) as c:  # the raw record too
        assert len(c.get("/api/articles/seed").json()["events"]) == 3


def test_database_without_confidence_shows_everything(conf_db: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.duckdb"
    old.write_bytes(conf_db.read_bytes())
    drop_column(old, "events", "confidence")
    with Store(old, read_only=True) as store:
        assert queries.list_events(store)["total"] == 3
        assert queries.shown_counts(store)["events"] == 3
        ents = {e["name"]: e for e in queries.list_entities(store)["items"]}
        assert ents["Volodymyr Zelenskyy"]["events"] == 1
    with TestClient(create_app(old)) as c:
        assert c.get("/api/events").json()["total"] == 3
