"""Alert rules over hand-made records: event and speaker kinds, the watermark, webhook delivery, API and page."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from localhttp import LocalServer

from newsgraph.api import create_app
from newsgraph.errors import NewsgraphError
from newsgraph.notify import deliver_pending
from newsgraph.records import ArticleRecord
from newsgraph.store import alerts
from newsgraph.store.duck import Store


def _fresh(tmp_path: Path) -> Store:
    return Store(tmp_path / "alerts.duckdb")


def test_alerts_event_rule_fires_once_for_new_articles_only(tmp_path: Path, web_records: list[ArticleRecord]) -> None:
    seed, xss, uni, fr = web_records
    with _fresh(tmp_path) as store:
        store.write([uni])  # stored before the rule: never fires
        rule = alerts.add_rule(store, "event", {"actor": "russia"})
        assert alerts.evaluate(store) == []
        store.write([seed, xss, fr])
        new = alerts.evaluate(store)
        # seed: Zelenskyy accused Russia (target), Russian forces shelled Kharkiv (source RUSMIL, not "Russia");
        # xss: Russia denied (source)
        keys = sorted(a["key"] for a in new)
        assert keys == ["seed#event0", "xss-1#event0"]
        assert {a["rule_id"] for a in new} == {rule["id"]}
        assert alerts.evaluate(store) == []  # evaluated again: nothing new, nothing twice
        assert alerts.list_alerts(store)["total"] == 2


def test_alerts_event_rule_type_code_and_role(tmp_path: Path, web_records: list[ArticleRecord]) -> None:
    seed, xss, uni, _ = web_records
    with _fresh(tmp_path) as store:
        alerts.add_rule(store, "event", {"type": "assault", "actor": "RUSMIL", "role": "source"})
        alerts.add_rule(store, "event", {"actor": "Russia", "role": "source"})
        store.write([seed, xss, uni])
        got = {(a["rule_id"], a["key"]) for a in alerts.evaluate(store)}
    assert got == {(1, "seed#event1"), (2, "xss-1#event0")}


def test_alerts_speaker_rule_new_speaker_on_topic(tmp_path: Path, web_records: list[ArticleRecord]) -> None:
    seed, xss, uni, _ = web_records
    with _fresh(tmp_path) as store:
        alerts.add_rule(store, "speaker", {"topic": "diplomacy"})
        store.write([seed])  # themes: armed conflict, diplomacy; speakers Lin Jian, Zelenskyy
        first = alerts.evaluate(store)
        assert sorted(a["detail"]["speaker"] for a in first) == ["Lin Jian", "Volodymyr Zelenskyy"]
        store.write([uni])  # diplomacy: Józef Nowak speaks; nobody quoted before him on it
        assert [a["detail"]["speaker"] for a in alerts.evaluate(store)] == ["Józef Nowak"]
        store.write([xss])  # no resolved speaker
        assert alerts.evaluate(store) == []


def test_alerts_bad_rules_are_clear_errors(tmp_path: Path) -> None:
    with _fresh(tmp_path) as store:
        with pytest.raises(NewsgraphError, match="unknown alert kind"):
            alerts.add_rule(store, "weather", {})
        with pytest.raises(NewsgraphError, match="needs topic"):
            alerts.add_rule(store, "speaker", {})
        with pytest.raises(NewsgraphError, match="no parameter"):
            alerts.add_rule(store, "event", {"colour": "red"})
        with pytest.raises(NewsgraphError, match="role must be"):
            alerts.add_rule(store, "event", {"role": "victim"})
        with pytest.raises(NewsgraphError, match="http"):
            alerts.add_rule(store, "event", {}, webhook="file:///etc/passwd")
        rule = alerts.add_rule(store, "event", {"type": "ASSAULT"})
        alerts.remove_rule(store, rule["id"])
        assert alerts.list_rules(store) == []
        with pytest.raises(NewsgraphError, match="no alert rule"):
            alerts.remove_rule(store, rule["id"])


def test_alerts_webhook_gets_each_alert_once_and_failures_are_retried(
    tmp_path: Path, web_records: list[ArticleRecord]
) -> None:
    seed, xss, *_ = web_records
    with LocalServer() as hook, _fresh(tmp_path) as store:
        alerts.add_rule(store, "event", {"actor": "Russia"}, webhook=f"{hook.url}/hook")
        hook.post_status = 500
        store.write([seed])
        alerts.evaluate(store)
        assert deliver_pending(store) == (0, 1)
        assert alerts.list_alerts(store)["items"][0]["last_error"] == "HTTP 500"
        hook.post_status = 200
        store.write([xss])
        alerts.evaluate(store)
        assert deliver_pending(store) == (2, 0)
        assert deliver_pending(store) == (0, 0)
        keys = sorted(p["alert"]["key"] for p in hook.posts)
        assert keys == ["seed#event0", "seed#event0", "xss-1#event0"]  # the failed try, then once each
        assert all(p["alert"]["detail"]["source"] or p["alert"]["detail"]["target"] for p in hook.posts)
        assert all(i["delivered_at"] for i in alerts.list_alerts(store)["items"])


def test_alerts_api_and_page(tmp_path: Path, web_records: list[ArticleRecord]) -> None:
    db = tmp_path / "alerts.duckdb"
    with Store(db) as store:
        alerts.add_rule(store, "event", {"actor": "Russia"})
        store.write(web_records)
        alerts.evaluate(store)
    with TestClient(create_app(db)) as client:
        body = client.get("/api/alerts").json()
        assert body["ok"] and body["total"] == 2
        assert body["items"][0]["kind"] == "event"
        assert client.get("/api/alerts?rule=1&limit=1").json()["total"] == 2
        assert client.get("/api/alerts?rule=0").status_code == 422
        rules = client.get("/api/alerts/rules").json()
        assert rules["items"][0]["params"] == {"actor": "Russia"} and "event" in rules["kinds"]
        page = client.get("/alerts")
        assert page.status_code == 200 and "Russia" in page.text and "<script>alert" not in page.text


def test_alerts_a_database_without_alert_tables_reads_as_none(web_db: Path) -> None:
    with TestClient(create_app(web_db)) as client:
        assert client.get("/api/alerts").json()["total"] == 0
        assert client.get("/api/alerts/rules").json()["items"] == []
        assert "No alert yet" in client.get("/alerts").text
