"""The claims API and pages in process, over a database of hand-made records with a contested claim."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from claims_records import XSS, contested_records
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.store.claims import groups
from newsgraph.store.duck import Store


@pytest.fixture(scope="module")
def claims_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("claimsdb") / "claims.duckdb"
    mp = pytest.MonkeyPatch()
    mp.setattr(groups, "THRESHOLD", 0.6)  # two-article store: flat IDF weights (see tests/test_claims.py)
    try:
        with Store(path) as store:
            store.write(contested_records())
    finally:
        mp.undo()
    return path


@pytest.fixture(scope="module")
def claims_client(claims_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(claims_db), raise_server_exceptions=False) as c:
        yield c


def _contested(client: TestClient) -> dict:  # type: ignore[type-arg]
    body = client.get("/api/claims", params={"contested": "true"}).json()
    assert body["ok"] and body["total"] == 1
    return body["items"][0]  # type: ignore[no-any-return]


def test_web_claims_api_groups_contested_first(claims_client: TestClient) -> None:
    g = _contested(claims_client)
    assert g["text"].startswith("any involvement of its citizens in the war between Russia and Ukraine")
    assert {p["actor"]: p["position"] for p in g["positions"]} == {
        "Chinese government": "denies", "Volodymyr Zelenskyy": "supports"}
    one = claims_client.get(f"/api/claims/{g['group_id']}").json()
    assert one["contested"] and [s["speaker"] for s in one["statements"]] == ["Chinese government", "Volodymyr Zelenskyy"]
    assert one["statements"][0]["anchor"] == "#q0" and one["statements"][0]["reporter"] == "UkrInform"
    assert claims_client.get("/api/claims/g-nope").status_code == 404


def test_web_claims_api_check_statements_and_errors(claims_client: TestClient) -> None:
    r = claims_client.get("/api/check", params={"claim": "Chinese nationals are fighting in the Russian army"}).json()
    assert r["ok"] and {(s["speaker"], s["stance"]) for s in r["statements"]} >= {
        ("Volodymyr Zelenskyy", "agree"), ("Chinese government", "disagree")}
    assert claims_client.get("/api/check", params={"claim": "  "}).status_code == 422
    assert claims_client.get("/api/check").status_code == 422
    assert claims_client.get("/api/check", params={"claim": "x" * 1001}).status_code == 422
    made = claims_client.get("/api/statements", params={"speaker": "Volodymyr Zelenskyy"}).json()
    assert made["total"] == 1 and made["items"][0]["stance"] == "asserts"
    about = claims_client.get("/api/statements", params={"about": "Russian army"}).json()
    assert {i["speaker"] for i in about["items"]} == {"Volodymyr Zelenskyy"}
    assert claims_client.get("/api/quotations").json()["total"] == 0


def test_web_claims_pages_escape_and_link_to_sentences(claims_client: TestClient) -> None:
    g = _contested(claims_client)
    html = claims_client.get("/claims").text
    assert "contested" in html and f'href="/claims/{g["group_id"]}"' in html
    page = claims_client.get(f"/claims/{g['group_id']}").text
    assert XSS not in page and "&lt;script&gt;alert(5)&lt;/script&gt;" in page
    assert 'href="/articles/claim-deny#q0"' in page and "circle" in page
    check = claims_client.get("/check", params={"claim": "Chinese nationals are fighting in the Russian army"}).text
    assert "agree" in check and "disagree" in check and XSS not in check
    actor = claims_client.get("/entities/Volodymyr%20Zelenskyy").text
    assert "Claims made (1)" in actor
    assert claims_client.get("/claims/nope").status_code == 404
