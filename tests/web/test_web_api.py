"""The /api routes, in process through an ASGI client, over hand-made records (see conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import XSS, fake_analyzer

from newsgraph.api import create_app
from newsgraph.errors import NewsgraphError
from newsgraph.records import ArticleRecord


def test_api_articles_lists_all_newest_first(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/api/articles")
    assert r.status_code == 200
    body = r.json()
    assert body["ok"] is True and body["total"] == 4
    assert [a["id"] for a in body["items"]] == ["seed", "xss-1", "unicode/1", "fr-1"]
    seed = body["items"][0]
    assert (seed["quotes"], seed["events"], seed["places"], seed["entities"]) == (3, 3, 2, 8)


@pytest.mark.parametrize(
    ("params", "ids"),
    [
        ({"q": "kharkiv"}, ["seed"]),
        ({"q": "SENDS AID"}, ["unicode/1"]),  # title, any case
        ({"q": "%"}, []),  # no LIKE wildcards
        ({"source": "UkrInform"}, ["seed", "unicode/1"]),
        ({"date_from": "2025-03-05", "date_to": "2025-03-31"}, ["xss-1"]),
        ({"actor": "lin jian"}, ["seed"]),
        ({"actor": "POLGOV"}, ["unicode/1"]),
        ({"theme": "diplomacy"}, ["seed", "unicode/1"]),
        ({"theme": "diplomacy", "source": "UkrInform", "q": "Kraków"}, ["unicode/1"]),
    ],
)
def test_api_articles_filters(client, params, ids) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/articles", params=params).json()
    assert [a["id"] for a in body["items"]] == ids
    assert body["total"] == len(ids)


def test_api_articles_paginates(client) -> None:  # type: ignore[no-untyped-def]
    first = client.get("/api/articles", params={"limit": 2}).json()
    second = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] == 4
    assert [a["id"] for a in first["items"] + second["items"]] == ["seed", "xss-1", "unicode/1", "fr-1"]
    assert client.get("/api/articles", params={"offset": 100}).json()["items"] == []


def test_api_article_returns_the_full_record(client, web_records) -> None:  # type: ignore[no-untyped-def]
    for rec in web_records:
        r = client.get(f"/api/articles/{rec.id}")
        assert r.status_code == 200
        assert ArticleRecord.from_dict(r.json()) == rec


def test_api_article_unknown_id_is_404_json(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/api/articles/no-such-article")
    assert r.status_code == 404
    assert r.json() == {"ok": False, "error": "no article with id 'no-such-article'", "status": 404}


@pytest.mark.parametrize(
    ("path", "params", "where"),
    [
        ("/api/articles", {"limit": 0}, "limit"),
        ("/api/articles", {"limit": 501}, "limit"),
        ("/api/articles", {"limit": "ten"}, "limit"),
        ("/api/articles", {"offset": -1}, "offset"),
        ("/api/articles", {"date_from": "yesterday"}, "date_from"),
        ("/api/articles", {"date_from": "2025-02-30"}, "date_from"),
        ("/api/articles", {"date_from": "2025-04-01", "date_to": "2025-03-01"}, "date_from"),
        ("/api/articles", {"q": "x" * 201}, "q"),
        ("/api/events", {"source_country": "1x"}, "source_country"),
        ("/api/events", {"date_to": "2025-13-01"}, "date_to"),
        ("/api/stats/events", {"interval": "week"}, "interval"),
        ("/api/stats/events", {"by": "colour"}, "by"),
        ("/api/network", {"min_weight": 0}, "min_weight"),
    ],
)
def test_api_bad_parameters_are_422_json(client, path, params, where) -> None:  # type: ignore[no-untyped-def]
    r = client.get(path, params=params)
    assert r.status_code == 422
    body = r.json()
    assert body["ok"] is False and where in body["error"]
    assert any(where in d["loc"] for d in body["detail"])


def test_api_unknown_route_is_404_json(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/api/nothing-here")
    assert r.status_code == 404
    assert r.json()["ok"] is False


def test_api_wrong_method_is_405_json(client) -> None:  # type: ignore[no-untyped-def]
    r = client.delete("/api/articles")
    assert r.status_code == 405
    assert r.json()["ok"] is False


def test_api_entities_groups_actors_across_articles(client) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/entities", params={"limit": 100}).json()
    by_name = {e["name"]: e for e in body["items"]}
    assert by_name["Russia"]["articles"] == 2
    lin = by_name["Lin Jian"]
    assert (lin["code"], lin["label"], lin["quotes"], lin["events"], lin["mentions"]) == ("CHNGOV", "PERSON", 2, 1, 2)
    assert client.get("/api/entities", params={"q": "ukrgov"}).json()["items"][0]["name"] == "Volodymyr Zelenskyy"
    assert {e["name"] for e in client.get("/api/entities", params={"label": "person"}).json()["items"]} == {
        "Lin Jian", "Volodymyr Zelenskyy", "Józef Nowak", "<b>Mallory</b>"
    }


def test_api_entity_has_quotes_events_and_cooccurring_actors(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/api/entities/Volodymyr Zelenskyy")
    assert r.status_code == 200
    e = r.json()
    assert [q["text"] for q in e["quotes"]] == ["Kyiv would keep fighting for a just peace"]
    assert [(ev["type"], [t["name"] for t in ev["target"]]) for ev in e["events_as_source"]] == [("ACCUSE", ["Russia"])]
    assert e["events_as_target"] == []
    assert "Lin Jian" in {o["name"] for o in e["cooccurring"]}
    russia = client.get("/api/entities/Russia").json()
    assert [ev["type"] for ev in russia["events_as_target"]] == ["ACCUSE"]
    assert [ev["type"] for ev in russia["events_as_source"]] == ["REJECT"]


def test_api_entity_unknown_is_404(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/api/entities/Nobody At All")
    assert r.status_code == 404 and r.json()["ok"] is False


def test_api_quotes_filters(client) -> None:  # type: ignore[no-untyped-def]
    lin = client.get("/api/quotes", params={"speaker": "LIN JIAN"}).json()
    assert [q["text"] for q in lin["items"]] == [
        "China has always maintained an objective and impartial position.",
        "Beijing urged all parties to hold talks",
    ]
    assert all(q["speaker"] == "Lin Jian" and q["speaker_code"] == "CHNGOV" for q in lin["items"])
    assert client.get("/api/quotes", params={"cue": "add"}).json()["total"] == 1
    assert client.get("/api/quotes", params={"cue": "said"}).json()["total"] == 4
    assert client.get("/api/quotes", params={"q": "payload"}).json()["items"][0]["speaker_text"] == "Analysts"
    # oldest first: a speaker's quotes over time
    dates = [q["published"] for q in client.get("/api/quotes").json()["items"]]
    assert dates == sorted(dates)


@pytest.mark.parametrize(
    ("params", "types"),
    [
        ({}, ["AID", "SUPPORT", "REJECT", "ASSAULT", "ACCUSE", "REQUEST"]),
        ({"type": "assault"}, ["ASSAULT"]),
        ({"source": "Russian forces"}, ["ASSAULT"]),
        ({"source": "RUSMIL"}, ["ASSAULT"]),
        ({"target": "Ukraine"}, ["AID", "SUPPORT"]),
        ({"actor": "Russia"}, ["REJECT", "ACCUSE"]),
        ({"source_country": "RUS"}, ["REJECT", "ASSAULT"]),
        ({"target_country": "ukr"}, ["AID", "SUPPORT", "ASSAULT"]),
        ({"date_from": "2025-04-01"}, ["ASSAULT", "ACCUSE", "REQUEST"]),
        ({"date_to": "2025-03-02"}, ["AID"]),  # "2025-03" counts from the first of the month
        ({"date_from": "2025-04-09", "date_to": "2025-04-09"}, ["ACCUSE"]),
        ({"place": "kharkiv"}, ["ASSAULT"]),
        ({"place": "PL"}, ["AID"]),
        ({"article": "xss-1"}, ["REJECT"]),
    ],
)
def test_api_events_filters(client, params, types) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/events", params=params).json()
    assert [e["type"] for e in body["items"]] == types


def test_api_events_carry_sentence_actors_and_place(client) -> None:  # type: ignore[no-untyped-def]
    (ev,) = client.get("/api/events", params={"type": "ASSAULT"}).json()["items"]
    assert ev["sentence_text"] == "Russian forces shelled Kharkiv overnight, officials said."
    assert [s["name"] for s in ev["source"]] == ["Russian forces"]
    assert ev["target"][0]["code"] == "UKR"
    assert ev["place"]["name"] == "Kharkiv" and ev["day"] == "2025-04-08"
    (aid,) = client.get("/api/events", params={"type": "AID"}).json()["items"]
    assert aid["sentence_text"] == "Poland sent aid to Ukraine on 3 March."  # offsets after an emoji


def test_api_stats_events_by_type_and_actor(client) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/stats/events", params={"interval": "month"}).json()
    assert body["periods"] == ["2025-03", "2025-04"]
    counts = {(b["period"], b["key"]): b["count"] for b in body["buckets"]}
    assert counts[("2025-04", "ASSAULT")] == 1 and counts[("2025-03", "AID")] == 1
    assert sum(counts.values()) == 6
    days = client.get("/api/stats/events", params={"interval": "day", "type": "ASSAULT"}).json()
    assert days["periods"] == ["2025-04-08"]
    actors = client.get("/api/stats/events", params={"by": "actor", "interval": "all"}).json()
    assert actors["keys"][:2] == ["Russia", "Ukraine"] and actors["periods"] == ["all"]  # 2 each, ties by name
    top1 = client.get("/api/stats/events", params={"by": "actor", "interval": "all", "top": 1}).json()
    assert top1["keys"] == ["other", "Russia"]


def test_api_network_edges_weighted_by_events(client) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/network").json()
    edges = {(e["source"], e["target"]): e for e in body["edges"]}
    assert set(edges) == {
        ("Volodymyr Zelenskyy", "Russia"), ("Russian forces", "Kharkiv"), ("Poland", "Ukraine"), ("Józef Nowak", "Ukraine")
    }
    assert all(e["weight"] == 1 for e in body["edges"])
    assert {n["name"]: n["weight"] for n in body["nodes"]}["Ukraine"] == 2
    assert client.get("/api/network", params={"min_weight": 2}).json()["edges"] == []
    assert len(client.get("/api/network", params={"type": "AID"}).json()["edges"]) == 1


def test_api_places_for_the_map_and_their_context(client) -> None:  # type: ignore[no-untyped-def]
    points = client.get("/api/stats/places").json()["items"]
    assert {p["name"] for p in points} == {"Kharkiv", "Kyiv", "Kraków"}
    (m,) = client.get("/api/places", params={"name": "kraków"}).json()["items"]
    assert m["text"] == "Kraków" and m["before"].endswith("Café: in ") and m["after"].startswith(", the minister")


def test_api_facets(client) -> None:  # type: ignore[no-untyped-def]
    f = client.get("/api/facets").json()
    assert f["sources"] == ["UkrInform", "<i>tests</i>"]
    assert "diplomacy" in f["themes"] and f["first"] == "2025-03-04" and f["last"] == "2025-04-10"


def test_api_analyze_returns_a_record(client) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/analyze", json={"text": "Officials met in Paris.", "id": "a1", "published": "2025-01-02"})
    assert r.status_code == 200
    rec = ArticleRecord.from_dict(r.json())
    assert (rec.id, rec.text, rec.published) == ("a1", "Officials met in Paris.", "2025-01-02")


@pytest.mark.parametrize(
    "body",
    [{}, {"text": ""}, {"text": "   "}, {"text": 3}, {"text": "ok", "published": "someday"}, [], "text"],
)
def test_api_analyze_bad_input_is_422(client, body) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/analyze", json=body)
    assert r.status_code == 422
    assert r.json()["ok"] is False


def test_api_analyze_malformed_json_is_422(client) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/analyze", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["ok"] is False


def test_api_analyze_over_the_size_limit_is_413(client) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/analyze", json={"text": "word " * 10_000})
    assert r.status_code == 413
    body = r.json()
    assert body["ok"] is False and "20000 bytes" in body["error"]


def test_api_analyze_over_the_limit_without_content_length_is_413(client) -> None:  # type: ignore[no-untyped-def]
    def chunks():  # type: ignore[no-untyped-def]
        yield b'{"text": "'
        for _ in range(50):
            yield b"x" * 1000
        yield b'"}'

    r = client.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["ok"] is False


@pytest.mark.model
def test_api_analyze_runs_the_pipeline_once(web_db: Path) -> None:
    from fastapi.testclient import TestClient

    from newsgraph.api.app import PipelineAnalyzer

    analyzer = PipelineAnalyzer()
    with TestClient(create_app(web_db, analyzer=analyzer)) as c:
        r = c.post("/api/analyze", json={"text": "Spokesperson Lin Jian said China wants peace.", "published": "2025-04-10"})
        assert r.status_code == 200
        assert "Lin Jian" in {e["name"] for e in r.json()["entities"]}
        assert c.post("/api/analyze", json={"text": "Kaja Kallas spoke in Brussels."}).status_code == 200


def test_api_errors_never_leak_internals(client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.store import queries

    def boom(*a, **k):  # type: ignore[no-untyped-def]
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(queries, "list_articles", boom)
    r = client.get("/api/articles")
    assert r.status_code == 500
    assert r.json() == {"ok": False, "error": "internal error", "status": 500}


def test_api_json_escapes_nothing_but_is_served_as_json(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/api/articles/xss-1")
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert XSS in r.json()["text"]


def test_api_openapi_documents_every_route(client) -> None:  # type: ignore[no-untyped-def]
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/entities", "/api/entities/{entity_id}",
                 "/api/quotes", "/api/events", "/api/stats/events", "/api/analyze"):
        assert path in spec["paths"], path
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "/api/docs-assets/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()
    assert client.get("/api/docs-assets/swagger-ui-bundle.js").status_code == 200


def test_create_app_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NewsgraphError, match="database not found"):
        create_app(tmp_path / "missing.duckdb")


def test_api_concurrent_requests_do_not_share_a_connection(app) -> None:  # type: ignore[no-untyped-def]
    """Many requests at once (as a page's scripts make them): each gets its own cursor, none fails."""
    import asyncio

    import httpx

    paths = ["/api/stats/events", "/api/stats/places", "/api/network", "/api/articles", "/articles/seed", "/"] * 8

    async def run() -> list[int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            responses = await asyncio.gather(*(c.get(p) for p in paths))
        return [r.status_code for r in responses]

    assert asyncio.run(run()) == [200] * len(paths)


def test_api_every_route_is_documented(client) -> None:  # type: ignore[no-untyped-def]
    """docs/README-web.md names every API route (docs that cannot drift)."""
    doc = (Path(__file__).resolve().parents[2] / "docs/README-web.md").read_text(encoding="utf-8")
    spec = client.get("/api/openapi.json").json()
    for path, methods in spec["paths"].items():
        shown = path.replace("{article_id}", "{id}").replace("{entity_id}", "{name}")
        for method in methods:
            assert f"`{method.upper()} {shown}`" in doc, f"{method.upper()} {path} is not in docs/README-web.md"


def test_queries_exact_actor_matching_for_actor_pages(web_db: Path) -> None:
    """Filters accept codes and mention words; an actor's page takes only that actor's own items."""
    from newsgraph.store import queries
    from newsgraph.store.duck import Store

    with Store(web_db, read_only=True) as s:
        assert queries.list_quotes(s, speaker="analysts")["total"] == 1  # the local mention "Analysts"
        assert queries.list_quotes(s, speaker="analysts", exact=True)["total"] == 0
        assert queries.list_events(s, source="RUS")["total"] == 1  # Russia's actor code
        assert queries.list_events(s, source="RUS", exact=True)["total"] == 0
        assert [e["type"] for e in queries.get_entity(s, "Russia")["events_as_source"]] == ["REJECT"]


def test_server_threads_setting_is_the_databases_thread_count(web_db: Path) -> None:
    """setting server_threads: the read-only database the app opens runs its queries on that many threads
    (DuckDB's ``threads``, a setting of the database, so every request's cursor sees it)."""
    from newsgraph.settings import Settings

    for threads in (1, 3):
        stores = create_app(web_db, analyzer=fake_analyzer,
                            settings=Settings().replace(server_threads=threads)).state.stores
        db = stores.open()
        try:
            assert db.query("SELECT current_setting('threads')")[1][0][0] == threads
        finally:
            db.close()
            stores.close()
