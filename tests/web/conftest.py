"""Fixtures for the API and page tests: a small database of hand-made records with quotes, events and places.

- ``web_records``: the hand-made ArticleRecords (offsets computed from the text, so they always slice right).
- ``web_db``: those records written through ``Store.write`` into a temporary DuckDB file (session scope).
- ``app`` / ``client``: the FastAPI app over ``web_db`` with a fake analyzer (no spaCy model), and an
  in-process ASGI client for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.records import (
    Actor,
    ArticleRecord,
    DateMention,
    Entity,
    Event,
    Mention,
    Offsets,
    Place,
    Quote,
    Speaker,
    TextSpan,
    Tone,
)
from newsgraph.store.duck import Store

XSS = "<script>alert(1)</script>"

SEED_TEXT = (
    "KYIV, April 9 (UkrInform) -- Chinese Foreign Ministry spokesperson Lin Jian said on Wednesday that "
    '"China has always maintained an objective and impartial position." '
    "Ukrainian President Volodymyr Zelenskyy accused Russia of drawing China into the war.\n\n"
    "Russian forces shelled Kharkiv overnight, officials said. "
    "Zelenskyy said Kyiv would keep fighting for a just peace. "
    "Lin Jian added that Beijing urged all parties to hold talks."
)

XSS_TEXT = (
    f"Officials said {XSS} was found in a page. <img src=x onerror=alert(2)> "
    'Analysts at Acme & Co said "the <b>payload</b> was harmless" and Russia denied involvement.'
)

UNICODE_TEXT = (
    "😀 Émile Zola Café: in Kraków, the minister Józef Nowak said that \"Poland will help Ukraine\". "
    "Poland sent aid to Ukraine on 3 March."
)


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def mention(text: str, needle: str, nth: int = 0) -> Mention:
    s, e = span(text, needle, nth)
    return Mention(s, e, needle)


def tspan(text: str, needle: str, nth: int = 0) -> TextSpan:
    s, e = span(text, needle, nth)
    return TextSpan(s, e, needle)


def sentence_of(text: str, needle: str) -> Offsets:
    s, _ = span(text, needle)
    start = max([text.rfind(sep, 0, s) + len(sep) for sep in (". ", '." ', "\n")] + [0])
    while text[start].isspace():
        start += 1
    end = text.find(".", s) + 1
    return Offsets(start, end)


def entity(text: str, eid: str, name: str, label: str, needles: list[tuple[str, int]], **actor: Any) -> Entity:
    return Entity(
        id=eid, name=name, label=label, actor=Actor(**actor), mentions=[mention(text, n, k) for n, k in needles]
    )


def seed_record() -> ArticleRecord:
    t = SEED_TEXT
    ents = [
        entity(t, "e1", "Lin Jian", "PERSON", [("Lin Jian", 0), ("Lin Jian", 1)], country="CHN", sector="GOV", code="CHNGOV"),
        entity(t, "e2", "Chinese Foreign Ministry", "ORG", [("Chinese Foreign Ministry", 0)], country="CHN", sector="GOV", code="CHNGOV"),
        entity(t, "e3", "Volodymyr Zelenskyy", "PERSON", [("Volodymyr Zelenskyy", 0), ("Zelenskyy", 1)], country="UKR", sector="GOV", code="UKRGOV"),
        entity(t, "e4", "Russia", "GPE", [("Russia", 0)], country="RUS", code="RUS"),
        entity(t, "e5", "China", "GPE", [("China", 0), ("China", 1)], country="CHN", code="CHN"),
        entity(t, "e6", "Kharkiv", "GPE", [("Kharkiv", 0)], country="UKR", code="UKR"),
        entity(t, "e7", "Kyiv", "GPE", [("Kyiv", 0)], country="UKR", code="UKR"),
        entity(t, "e8", "Russian forces", "NORP", [("Russian forces", 0)], country="RUS", sector="MIL", code="RUSMIL"),
    ]
    q1 = tspan(t, "China has always maintained an objective and impartial position.")
    q2 = tspan(t, "Kyiv would keep fighting for a just peace")
    q3 = tspan(t, "Beijing urged all parties to hold talks")
    quotes = [
        Quote(q1.start, q1.end, q1.text, "direct", cue=tspan(t, "said", 0),
              speaker=Speaker(*span(t, "Lin Jian", 0), "Lin Jian", entity="e1", entities=["e1"]), cue_lemma="say", rule="test"),
        Quote(q2.start, q2.end, q2.text, "indirect", cue=tspan(t, "said", 2),
              speaker=Speaker(*span(t, "Zelenskyy", 1), "Zelenskyy", entity="e3", entities=["e3"]), cue_lemma="say", rule="test"),
        Quote(q3.start, q3.end, q3.text, "indirect", cue=tspan(t, "added"),
              speaker=Speaker(*span(t, "Lin Jian", 1), "Lin Jian", entity="e1", entities=["e1"]), cue_lemma="add", rule="test"),
    ]
    places = [
        Place(*span(t, "Kharkiv"), "Kharkiv", "Kharkiv", country="UA", feature="city", lat=49.99, lon=36.23, geonameid=706483),
        Place(*span(t, "Kyiv", 0), "KYIV", "Kyiv", country="UA", feature="city", lat=50.45, lon=30.52, geonameid=703448),
    ]
    events = [
        Event("ACCUSE", tspan(t, "accused"), sentence_of(t, "accused"), source=["e3"], target=["e4"],
              date="2025-04-09", rule="test"),
        Event("ASSAULT", tspan(t, "shelled"), sentence_of(t, "shelled"), source=["e8"], target=["e6"], place=0,
              date="2025-04-08", rule="test"),
        Event("REQUEST", tspan(t, "urged"), sentence_of(t, "urged"), source=["e1"], target=[], rule="test"),
    ]
    return ArticleRecord(
        id="seed", text=t, language="en", title="Chinese nationals captured in Ukraine", source="UkrInform",
        url="https://example.org/seed", published="2025-04-10", entities=ents, quotes=quotes, events=events,
        places=places, dates=[DateMention(*span(t, "Wednesday"), "Wednesday", "2025-04-09")],
        tone=Tone(-2.5, 1.0, 3.5, 4.5), themes=["armed conflict", "diplomacy"],
    )


def xss_record() -> ArticleRecord:
    t = XSS_TEXT
    ents = [
        entity(t, "e1", "Acme & Co", "ORG", [("Acme & Co", 0)]),
        entity(t, "e2", "Russia", "GPE", [("Russia", 0)], country="RUS", code="RUS"),
        entity(t, "e3", "<b>Mallory</b>", "PERSON", [("<b>payload</b>", 0)]),
    ]
    q = tspan(t, "the <b>payload</b> was harmless")
    return ArticleRecord(
        id="xss-1", text=t, language="en", title=f"Page with {XSS} inside", source="<i>tests</i>",
        url="javascript:alert(3)", published="2025-03-20", entities=ents,
        quotes=[Quote(q.start, q.end, q.text, "direct", cue=tspan(t, "said", 1),
                      speaker=Speaker(*span(t, "Analysts"), "Analysts", entity=None), rule="test")],
        events=[Event("REJECT", tspan(t, "denied"), sentence_of(t, "denied"), source=["e2"], target=[], rule="test")],
        themes=["<script>alert(4)</script>"],
    )


def unicode_record() -> ArticleRecord:
    t = UNICODE_TEXT
    ents = [
        entity(t, "e1", "Józef Nowak", "PERSON", [("Józef Nowak", 0)], country="POL", sector="GOV", code="POLGOV"),
        entity(t, "e2", "Poland", "GPE", [("Poland", 0), ("Poland", 1)], country="POL", code="POL"),
        entity(t, "e3", "Ukraine", "GPE", [("Ukraine", 0), ("Ukraine", 1)], country="UKR", code="UKR"),
        entity(t, "e4", "Kraków", "GPE", [("Kraków", 0)], country="POL"),
    ]
    q = tspan(t, "Poland will help Ukraine")
    return ArticleRecord(
        id="unicode/1", text=t, language="en", title="Poland sends aid", source="UkrInform", published="2025-03-04",
        entities=ents,
        quotes=[Quote(q.start, q.end, q.text, "direct", cue=tspan(t, "said"),
                      speaker=Speaker(*span(t, "Józef Nowak"), "Józef Nowak", entity="e1", entities=["e1"]), rule="test")],
        events=[
            Event("AID", tspan(t, "sent aid"), sentence_of(t, "sent aid"), source=["e2"], target=["e3"], place=0,
                  date="2025-03", rule="test"),
            Event("SUPPORT", tspan(t, "help"), sentence_of(t, "help"), source=["e1"], target=["e3"], rule="test"),
        ],
        places=[Place(*span(t, "Kraków"), "Kraków", "Kraków", country="PL", feature="city", lat=50.06, lon=19.94)],
        themes=["diplomacy"],
    )


def skipped_record() -> ArticleRecord:
    return ArticleRecord(id="fr-1", text="Le ministre a déclaré que la paix était proche.", language="fr",
                         status="skipped", reason="language fr is not analysed")


@pytest.fixture(scope="session")
def web_records() -> list[ArticleRecord]:
    return [seed_record(), xss_record(), unicode_record(), skipped_record()]


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, web_records: list[ArticleRecord]) -> Path:
    path = tmp_path_factory.mktemp("webdb") / "web.duckdb"
    with Store(path) as store:
        assert store.write(web_records) == len(web_records)
    return path


def fake_analyzer(text: str, meta: dict[str, Any]) -> ArticleRecord:
    """Stands in for the spaCy pipeline: a record with the text and no annotations (bad input still fails)."""
    from newsgraph.ingest.readers import make_article

    a = make_article(text, **meta)
    return ArticleRecord(id=a.id, text=a.text, language="en", title=a.title, url=a.url, source=a.source,
                         published=a.published)


@pytest.fixture(scope="session")
def app(web_db: Path):  # type: ignore[no-untyped-def]
    return create_app(web_db, analyzer=fake_analyzer, max_body=20_000)


@pytest.fixture
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def actor_record(
    rid: str,
    published: str,
    actors: list[tuple[str, str, str | None]],
    events: list[tuple[str, int, int]],
    places: list[tuple[str, float, float]] = (),  # type: ignore[assignment]
) -> ArticleRecord:
    """A record naming ``actors`` (name, label, actor code), one sentence per event (type, source index,
    target index; the event's place is the first of ``places`` if any), offsets computed from the text."""
    parts, ents, pos = [], [], 0
    for i, (name, label, code) in enumerate(actors, 1):
        ents.append(Entity(id=f"e{i}", name=name, label=label, actor=Actor(code=code, country=code[:3] if code else None),
                           mentions=[Mention(pos, pos + len(name), name)]))
        parts.append(name)
        pos += len(name) + 2
    text = ". ".join(parts) + ". "
    evs = []
    for kind, s, t in events:
        sentence = f"{actors[s][0]} met {actors[t][0]}."
        start = len(text)
        text += sentence + " "
        trig = start + len(actors[s][0]) + 1
        evs.append(Event(kind, TextSpan(trig, trig + 3, "met"), Offsets(start, start + len(sentence)),
                         source=[f"e{s + 1}"], target=[f"e{t + 1}"], place=0 if places else None, rule="test"))
    pls = []
    for name, lat, lon in places:
        start = len(text)
        text += f"In {name}. "
        pls.append(Place(start + 3, start + 3 + len(name), name, name, lat=lat, lon=lon))
    return ArticleRecord(id=rid, text=text, language="en", published=published, entities=ents, events=evs, places=pls)
