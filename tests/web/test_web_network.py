"""The network, actor profile and timeline queries on stores built for them: what is and is not an actor, merged
names, date, type and confidence filters, and the API routes over them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import actor_record
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.store import queries
from newsgraph.store.duck import Store
from tests.olddb import drop_column

CHINA, USA = ("China", "GPE", "CHN"), ("United States", "GPE", "USA")


@pytest.fixture(scope="module")
def noisy_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("netdb") / "net.duckdb"
    records = [
        # noise next to real actors, each of them the source of an event on China
        actor_record("a1", "2025-03-01", [CHINA, ("Article 5", "LAW", None), ("its navy", "ORG", "CHNMIL"),
                                          ("YChina", "ORG", None), ("Resolution 2231", "ORG", None),
                                          ("Acme Group", "ORG", None), ("Trump", "ORG", "USAGOV"), USA],
                     [("ACCUSE", 1, 0), ("ASSAULT", 2, 0), ("REQUEST", 3, 0), ("REJECT", 4, 0), ("AGREE", 5, 0),
                      ("THREATEN", 6, 0), ("SANCTION", 7, 0)], [("Beijing", 39.9, 116.4)]),
        actor_record("a2", "2025-04-02", [CHINA, ("Resolution 2231", "ORG", None), ("Acme Group", "ORG", None),
                                          ("Trump", "PERSON", "USAGOV"), ("Charter", "ORG", None)],
                     [("REJECT", 1, 0), ("AGREE", 2, 0), ("CONSULT", 3, 0), ("PROTEST", 4, 0)]),
        actor_record("a3", "2025-04-20", [("Donald Trump", "PERSON", "USAGOV"), CHINA, USA],
                     [("THREATEN", 0, 1), ("SUPPORT", 2, 0)], [("Washington", 38.9, -77.0)]),
        # a numbered name is an actor when it is coded, or a person's
        actor_record("a4", "2025-05-01", [("Unit 8200", "ORG", "ISRMIL"), ("Charles III", "PERSON", None), USA],
                     [("COOPERATE", 0, 2), ("CONSULT", 1, 2)]),
        actor_record("a5", "2025-05-02", [("Charles III", "PERSON", None), ("Resolution 2231", "ORG", None), USA],
                     [("CONSULT", 0, 2), ("CONSULT", 1, 2)]),
    ]
    with Store(path) as store:
        store.write(records)
        store.refresh_actors()  # as ingest does after each run
    return path


@pytest.fixture
def db(noisy_db: Path):  # type: ignore[no-untyped-def]
    with Store(noisy_db, read_only=True) as store:
        yield store


def test_network_keeps_actors_and_leaves_out_what_is_not_one(db) -> None:  # type: ignore[no-untyped-def]
    net = queries.network(db, limit=100)
    names = {n["name"] for n in net["nodes"]}
    # the LAW label, a name with no capital, a numbered document, one-off uncoded names: not actors
    assert names == {"China", "United States", "Acme Group", "Donald Trump", "Unit 8200", "Charles III"}
    assert net["confidence"] is True  # events carry a confidence (the filter shows)
    assert all(e["source"] in names and e["target"] in names for e in net["edges"])


def test_network_merges_an_actor_across_documents(db) -> None:  # type: ignore[no-untyped-def]
    # "Trump" tagged ORG (a1) and PERSON (a2) and "Donald Trump" (a3) are one actor
    edges = {(e["source"], e["target"]): e for e in queries.network(db, limit=100)["edges"]}
    trump = edges[("Donald Trump", "China")]
    assert trump["weight"] == 3 and trump["types"] == ["CONSULT", "THREATEN"]
    assert not any(s == "Trump" for s, _ in edges)


def test_network_filters_by_type_date_and_weight(db) -> None:  # type: ignore[no-untyped-def]
    assert [(e["source"], e["target"]) for e in queries.network(db, type="threaten")["edges"]] == [
        ("Donald Trump", "China")]
    assert {(e["source"], e["target"]) for e in queries.network(db, type="cooperate")["edges"]} == {
        ("Unit 8200", "United States")}
    april = queries.network(db, date_from="2025-04-01", date_to="2025-04-30")["edges"]
    assert {(e["source"], e["target"], e["weight"]) for e in april} == {
        ("Acme Group", "China", 1), ("Donald Trump", "China", 2), ("United States", "Donald Trump", 1)}
    heavy = queries.network(db, min_weight=2)["edges"]
    assert {(e["source"], e["target"]) for e in heavy} == {
        ("Donald Trump", "China"), ("Acme Group", "China"), ("Charles III", "United States")}


def test_network_confidence_filter_only_where_events_carry_one(noisy_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "conf.duckdb"
    copy.write_bytes(noisy_db.read_bytes())
    with Store(copy) as store:  # rows changed by hand: the summary tables are rebuilt (as refresh_actors does)
        store.con.execute("UPDATE events SET confidence = CASE WHEN type = 'THREATEN' THEN 0.9 ELSE 0.4 END")
        store.refresh_actors()
    old = tmp_path / "old.duckdb"  # a database written before events had a confidence
    old.write_bytes(noisy_db.read_bytes())
    drop_column(old, "events", "confidence")
    with Store(copy, read_only=True) as store:
        net = queries.network(store, min_confidence=0.8)
        assert net["confidence"] is True
        assert {(e["source"], e["target"]) for e in net["edges"]} == {("Donald Trump", "China")}
    with Store(old, read_only=True) as store:  # no confidence column: the filter has nothing to act on
        assert queries.network(store, min_confidence=0.8)["confidence"] is False
        assert len(queries.network(store, min_confidence=0.8)["edges"]) == 6
    with TestClient(create_app(copy)) as c:
        assert 'name="min_confidence"' in c.get("/network").text
    with TestClient(create_app(old)) as c:
        assert 'name="min_confidence"' not in c.get("/network").text
        assert c.get("/api/network", params={"min_confidence": 2}).status_code == 422


def test_actor_profile_timeline_counterparts_and_places(db) -> None:  # type: ignore[no-untyped-def]
    prof = queries.actor_profile(db, "China")
    rows = {(r["period"], r["role"], r["type"]): r["count"] for r in prof["timeline"]}
    assert rows[("2025-03", "target", "SANCTION")] == 1
    assert rows[("2025-04", "target", "THREATEN")] == 1 and rows[("2025-03", "target", "THREATEN")] == 1
    assert not any(role == "source" for _, role, _ in rows)  # China acts on no one here
    by = {c["name"]: c for c in prof["acted_on_by"]}
    assert by["Donald Trump"]["events"] == 3 and by["Donald Trump"]["types"] == ["CONSULT", "THREATEN"]
    assert prof["acts_on"] == []
    places = {p["name"]: p["events"] for p in prof["places"]}
    assert places == {"Beijing": 7, "Washington": 1}
    trump = queries.actor_profile(db, "Donald Trump")
    assert [c["name"] for c in trump["acts_on"]] == ["China"]
    assert [(c["name"], c["types"]) for c in trump["acted_on_by"]] == [("United States", ["SUPPORT"])]
    with pytest.raises(queries.NotFound):
        queries.actor_profile(db, "Nobody")


def test_event_stats_by_publication_or_event_date(web_db: Path) -> None:
    with Store(web_db, read_only=True) as store:
        event = queries.event_stats(store, interval="day", dates="event")
        published = queries.event_stats(store, interval="day", dates="published")
    # the seed's ACCUSE and ASSAULT have their own days (2025-04-08, -09); its article is of 2025-04-10
    assert {"2025-04-08", "2025-04-09"} <= set(event["periods"]) and "2025-04-08" not in published["periods"]
    assert published["periods"] == ["2025-03-04", "2025-03-20", "2025-04-10"] and published["dates"] == "published"
    with TestClient(create_app(web_db)) as c:
        day = c.get("/api/stats/events", params={"interval": "day", "dates": "published", "type": "ASSAULT"}).json()
        assert [b["period"] for b in day["buckets"]] == ["2025-04-10"]
        day = c.get("/api/stats/events", params={"interval": "day", "type": "ASSAULT"}).json()
        assert [b["period"] for b in day["buckets"]] == ["2025-04-08"]
        got = c.get("/api/events", params={"published_from": "2025-04-10", "published_to": "2025-04-10"}).json()
        assert {e["article_id"] for e in got["items"]} == {"seed"}
        assert c.get("/api/stats/actor", params={"name": "Lin Jian"}).json()["ok"] is True
        assert c.get("/api/stats/actor", params={"name": "Nobody"}).status_code == 404
