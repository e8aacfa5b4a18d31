"""A side of an event that no entity stands for ("Police arrested Zhang Renbo") is shown by its phrase and
sector on the Events page and the article page, and the phrase text is escaped."""

from __future__ import annotations

from pathlib import Path

from conftest import tspan
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.records import Actor, ActorPhrase, ArticleRecord, Entity, Event, Mention, Offsets
from newsgraph.store import queries
from newsgraph.store.duck import Store

TEXT = "Police <b>riot</b> units arrested Zhang Renbo."


def _record() -> ArticleRecord:
    trigger = tspan(TEXT, "arrested")
    zhang = tspan(TEXT, "Zhang Renbo")
    phrase = tspan(TEXT, "Police <b>riot</b> units")
    return ArticleRecord(
        id="phr", text=TEXT, language="en", title="Phrases", published="2025-04-10",
        entities=[Entity("e1", "Zhang Renbo", "PERSON", Actor("CHN", None, "CHN"),
                         mentions=[Mention(zhang.start, zhang.end, zhang.text)])],
        events=[Event("COERCE", trigger, Offsets(0, len(TEXT)), mode="arrest", cameo="173", target=["e1"],
                      date="2025-04-09", rule="test", confidence=0.9,
                      source_phrases=[ActorPhrase(phrase.start, phrase.end, phrase.text, "COP")])],
    )


def test_event_phrases_on_the_events_and_article_pages(tmp_path: Path) -> None:
    db = tmp_path / "p.duckdb"
    with Store(db) as store:
        store.write([_record()])
    with Store(db, read_only=True) as store:
        (item,) = queries.list_events(store)["items"]
        assert item["source"] == [] and item["source_phrases"][0]["sector"] == "COP"
    client = TestClient(create_app(db))
    for path in ("/events", "/articles/phr"):
        html = client.get(path).text
        assert 'class="actor phrase"' in html, path
        assert "Police &lt;b&gt;riot&lt;/b&gt; units" in html and "<b>riot</b>" not in html, path
        assert "Zhang Renbo" in html
    assert "<code>COP</code>" in client.get("/events").text
