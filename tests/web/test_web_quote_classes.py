"""Quotes by kind of attribution (``Quote.cue_class``): the Quotes page and ``/api/quotes`` show statements unless
asked, the others on request, and a database stored before the field existed still reads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import span, tspan
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.records import ArticleRecord, Quote, Speaker
from newsgraph.store import queries
from newsgraph.store.duck import Store
from tests.olddb import drop_indexes

TEXT = ("Lin said the talks would resume. Lin believes the talks will work. Lin criticized Smith. "
        "Lin backs the plan. A study shows rents rose. \"We will win,\" Lin told reporters.")


def _quote(needle: str, cue: str, cls: str | None) -> Quote:
    s = tspan(TEXT, needle)
    return Quote(s.start, s.end, s.text, "indirect", cue=tspan(TEXT, cue), cue_lemma=cue, rule="test",
                 speaker=Speaker(*span(TEXT, "Lin"), "Lin"), cue_class=cls)


def _record() -> ArticleRecord:
    quotes = [
        _quote("the talks would resume", "said", "speech"),
        _quote("the talks will work", "believes", "thought"),
        _quote("Smith", "criticized", "act"),
        _quote("the plan", "backs", "position"),
        _quote("rents rose", "shows", "evidence"),
        _quote("We will win,", "told", None),  # a record from before cue_class: a statement
    ]
    return ArticleRecord(id="classes", text=TEXT, language="en", title="Classes", published="2025-01-02",
                         quotes=quotes)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("classes") / "c.duckdb"
    with Store(path) as store:
        store.write([_record()])
    with TestClient(create_app(path), raise_server_exceptions=False) as c:
        yield c


def _texts(client: TestClient, **params: str) -> list[str]:
    body = client.get("/api/quotes", params=params).json()
    assert body["ok"] is True, body
    return [q["text"] for q in body["items"]]


def test_api_quotes_are_statements_unless_asked(client: TestClient) -> None:
    assert _texts(client) == ["the talks would resume", "We will win,"]
    assert _texts(client, cue_class="act,thought") == ["the talks will work", "Smith"]
    assert len(_texts(client, cue_class="all")) == 6
    items = client.get("/api/quotes", params={"cue_class": "all"}).json()["items"]
    assert [q["cue_class"] for q in items] == ["speech", "thought", "act", "position", "evidence", "speech"]


@pytest.mark.parametrize("bad", ["rumour", "speech,", "all,act", "SPEECH", ""])
def test_api_quotes_refuses_unknown_classes(client: TestClient, bad: str) -> None:
    r = client.get("/api/quotes", params={"cue_class": bad})
    assert r.status_code == 422 and r.json()["ok"] is False


def test_quotes_page_filters_and_labels_the_kind(client: TestClient) -> None:
    page = client.get("/quotes").text
    assert "2 quotes" in page and "Smith" not in page
    assert '<option value="speech" selected>' in page
    page = client.get("/quotes", params={"cue_class": "act"}).text
    assert "1 quote<" in page and "Smith" in page and '<span class="badge" title="kind of attribution">act</span>' in page
    assert '<option value="act" selected>' in page
    assert client.get("/quotes", params={"cue_class": "nonsense"}).status_code == 422


def test_read_only_database_from_before_cue_class(tmp_path: Path) -> None:
    """An older database lacks the column: every quote reads as a statement, nothing fails."""
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.write([_record()])
        drop_indexes(store.con, "quotes")
        store.con.execute("ALTER TABLE quotes DROP COLUMN cue_class")
        store.con.execute("DROP TABLE quote_keys")  # a summary table of a later version, which keeps the class
    with Store(path, read_only=True) as s:
        assert queries.list_quotes(s, cue_class=("speech",))["total"] == 6
        assert queries.list_quotes(s, cue_class=("act",))["total"] == 0
        assert {q["cue_class"] for q in queries.list_quotes(s)["items"]} == {"speech"}


def test_entity_page_and_api_list_statements_unless_asked(tmp_path: Path) -> None:
    """An actor's page and ``/api/entities/{name}`` list its statements, as the Quotes page does; the other kinds
    on request (``cue_class``) and from the library by default (``get_entity`` keeps every class)."""
    from dataclasses import replace

    from newsgraph.records import Actor, Entity, Mention

    lin = [m.start() for m in __import__("re").finditer("Lin", TEXT)]
    record = _record()
    record = replace(
        record,
        entities=[Entity("e1", "Lin", "PERSON", Actor(None, None, None), mentions=[Mention(s, s + 3, "Lin") for s in lin])],
        quotes=[replace(q, speaker=replace(q.speaker, entity="e1")) for q in record.quotes],
    )
    path = tmp_path / "e.duckdb"
    with Store(path) as store:
        store.write([record])
    with Store(path, read_only=True) as s:
        assert len(queries.get_entity(s, "Lin")["quotes"]) == 6
    with TestClient(create_app(path)) as c:
        api = c.get("/api/entities/Lin").json()
        assert [q["text"] for q in api["quotes"]] == ["the talks would resume", "We will win,"]
        assert len(c.get("/api/entities/Lin", params={"cue_class": "all"}).json()["quotes"]) == 6
        page = c.get("/entities/Lin").text
        section = page[page.index('<section id="quotes">'):]
        section = section[: section.index("</section>")]
        assert "Statements (2)" in section and "the talks will work" not in section
        assert "the talks would resume" in section and "cue_class=all" in section
