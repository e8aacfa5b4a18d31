"""One actor's page and ``GET /api/entities/{name}``: a few rows per list with links to the rest
(queries.ENTITY_ROWS), and the app's answer cache (store/cache.py): the same answers, read again."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.store import queries
from newsgraph.store.duck import Store


def test_entity_rows_api_limit(client: TestClient, web_db: Path) -> None:
    full = client.get("/api/entities/Lin Jian", params={"limit": 500}).json()
    one = client.get("/api/entities/Lin Jian", params={"limit": 1}).json()
    assert len(full["quotes"]) > 1 and one["quotes"] == full["quotes"][:1]
    assert one["articles_list"] == full["articles_list"][:1]
    with Store(web_db, read_only=True) as store:  # the default: queries.ENTITY_ROWS of each list
        want = queries.get_entity(store, "Lin Jian", limit=queries.ENTITY_ROWS)
    got = client.get("/api/entities/Lin Jian").json()
    assert got == {"ok": True, **want}
    assert client.get("/api/entities/Lin Jian", params={"limit": 0}).status_code == 422


def test_entity_rows_page_links_to_the_rest(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    assert 'class="more"' not in client.get("/entities/Lin%20Jian").text  # every row shown: no link
    monkeypatch.setattr(queries, "ENTITY_ROWS", 1)
    page = client.get("/entities/Lin%20Jian?min_confidence=0.01").text  # another key than the cached page's
    assert 'href="/quotes?speaker=Lin+Jian"' in page


def test_entity_rows_app_cache_hits_and_same_answers(web_db: Path) -> None:
    app = create_app(web_db)
    uncached = create_app(web_db, cache=False)
    with TestClient(app) as c, TestClient(uncached) as u:
        for path in ("/api/entities/Lin Jian", "/api/events?actor=Russia", "/api/stats/events", "/api/network"):
            first = c.get(path).json()
            hits = app.state.stores.cache.hits
            assert c.get(path).json() == first == u.get(path).json(), path
            assert app.state.stores.cache.hits > hits, path
    assert uncached.state.stores.cache is None


def test_entity_rows_cooccurring_counted_over_the_latest_articles(web_db: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(web_db, read_only=True) as store:
        name = store.query("SELECT name FROM actor_totals ORDER BY articles DESC, name LIMIT 1")[1][0][0]
        full = queries.get_entity(store, name, limit=500)
        assert full["articles"] > 1 and full["cooccurring_over"] == full["articles"]
        monkeypatch.setattr(queries, "COOCCURRING_ARTICLES", 1)
        one = queries.get_entity(store, name, limit=500)
        latest = one["articles_list"][0]["id"]  # newest first
        names = {r[0] for r in store.query(
            "SELECT DISTINCT name FROM actor_articles WHERE article_id = ? AND name <> ?", [latest, name])[1]}
    assert one["cooccurring_over"] == 1 and one["cooccurring"]
    assert {c["name"] for c in one["cooccurring"]} <= names and all(c["articles"] == 1 for c in one["cooccurring"])
    assert one["cooccurring"] != full["cooccurring"]


def test_entity_rows_cooccurring_read_in_lists_of_ids(web_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the articles' actors are looked up queries.LOOKUP_IDS ids at a time: the same answer in lists of one, and
    # the same as counting every entity row of those articles
    with Store(web_db, read_only=True) as store:
        name = store.query("SELECT name FROM actor_totals ORDER BY articles DESC, name LIMIT 1")[1][0][0]
        whole = queries.get_entity(store, name, limit=500)
        monkeypatch.setattr(queries, "LOOKUP_IDS", 1)
        assert queries.get_entity(store, name, limit=500)["cooccurring"] == whole["cooccurring"]
        ids = [a["id"] for a in whole["articles_list"]]
        ref = store.query(
            """SELECT name, count(DISTINCT article_id) FROM actor_articles
               WHERE list_contains(?, article_id) AND name <> ? GROUP BY 1""", [ids, name])[1]
    assert len(ids) > 1 and {c["name"]: c["articles"] for c in whole["cooccurring"]} == dict(ref)
