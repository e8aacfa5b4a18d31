"""Server-rendered pages: every route answers, untrusted text is escaped, annotations nest, samples render."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import XSS, fake_analyzer

from newsgraph.api import create_app
from newsgraph.records import ArticleRecord, Entity, Mention, Quote, Speaker, TextSpan
from newsgraph.store.duck import Store
from newsgraph.web import render
from newsgraph.web.pages import STATIC_DIR

ROOT = Path(__file__).resolve().parents[2]
VOID = {"meta", "link", "input", "br", "img", "hr", "area", "base", "col", "embed", "source", "track", "wbr"}


class _Balance(HTMLParser):
    """Checks that elements open and close in order (what broken nesting would break)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append(dict(attrs))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]} ")
        else:
            self.stack.pop()


def parse(html: str) -> _Balance:
    p = _Balance()
    p.feed(html)
    p.close()
    return p


@pytest.mark.parametrize(
    "path",
    ["/", "/?q=kyiv&source=UkrInform&theme=diplomacy&actor=Lin+Jian&date_from=2025-01-01&date_to=",
     "/articles/seed", "/articles/xss-1", "/articles/unicode/1", "/articles/fr-1", "/entities", "/entities?q=lin",
     "/entities/Lin%20Jian", "/entities/%3Cb%3EMallory%3C%2Fb%3E", "/entities/Kraków", "/quotes",
     "/quotes?speaker=Lin+Jian", "/events", "/events?type=ASSAULT&date_from=2025-04-01&date_to=2025-04-30",
     "/places", "/places?name=Kharkiv", "/network", "/network?type=AID&min_weight=1", "/entities?page=2"],
)
def test_pages_render_well_formed_html(client, path) -> None:  # type: ignore[no-untyped-def]
    r = client.get(path)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    p = parse(r.text)
    assert p.errors == [] and p.stack == []
    # our scripts and the vendored libraries, from /static only, deferred; nothing inline or remote
    assert p.scripts[-1] == {"src": "/static/app.js", "defer": None}
    for script in p.scripts:
        assert set(script) == {"src", "defer"} and script["src"].startswith("/static/")
        assert (STATIC_DIR / script["src"].removeprefix("/static/")).is_file(), script
    assert "http://" not in r.text.replace("http://www.w3.org", "") or path.startswith("/articles/seed")


def test_pages_quotes_say_when_the_total_is_a_lower_bound(client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.store import queries
    monkeypatch.setattr(queries, "QUOTE_COUNT_CAP", 1)
    html = client.get("/quotes?speaker=lin&cue_class=all&min_confidence=0.01").text
    assert "More than 1 quotes" in html and "Lin Jian" in html
    assert client.get("/api/quotes?speaker=lin&limit=1&min_confidence=0.01").json()["total_exact"] is False
    assert client.get("/api/quotes?min_confidence=0.01").json()["total_exact"] is True  # keyed one way: exact


def test_pages_unknown_article_is_404_page(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/articles/nope")
    assert r.status_code == 404 and "no article with id" in r.text and r.headers["content-type"].startswith("text/html")


def test_pages_bad_parameters_are_422(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/?date_from=April").status_code == 422
    assert client.get("/?page=0").status_code == 422
    assert client.get("/events?date_to=2025-02-31").status_code == 422
    assert client.get("/network?min_weight=x").status_code == 422


def test_pages_article_escapes_untrusted_text(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/articles/xss-1").text
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>payload" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "Acme &amp; Co" in html
    assert "javascript:" not in html  # the record's url is not linked
    assert "&lt;i&gt;tests&lt;/i&gt;" in html and "&lt;b&gt;Mallory&lt;/b&gt;" in html
    home = client.get("/").text
    assert "<script>alert" not in home and "Page with &lt;script&gt;alert(1)&lt;/script&gt; inside" in home


def test_pages_article_shows_who_said_what(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/articles/seed").text
    m = re.search(r'<details class="speaker-group" id="who-g0" data-group="g0">(.*?)</details>', html, re.DOTALL)
    assert m and "Lin Jian" in m.group(1) and "2 quotes" in m.group(1)
    assert "China has always maintained an objective and impartial position." in m.group(1)
    assert 'href="/entities/Lin%20Jian"' in m.group(1)
    assert html.count('class="ann quote quote-direct" id="q0"') == 1
    assert '<span class="ann trigger t-ASSAULT" id="ev1"' in html


def test_render_annotate_keeps_the_text_and_nests(web_records) -> None:  # type: ignore[no-untyped-def]
    for rec in web_records:
        html = str(render.annotate(rec))
        assert parse(html).errors == []
        text = re.sub(r"<[^>]+>", "", html)
        assert text.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"').replace("&#39;", "'").replace(
            "&amp;", "&") == rec.text


def test_render_annotate_splits_crossing_spans() -> None:
    text = "abcdefgh"
    rec = ArticleRecord(
        id="x", text=text, language="en",
        entities=[Entity("e1", "bcd", "PERSON", mentions=[Mention(1, 4, "bcd")])],
        quotes=[Quote(3, 7, "defg", "direct", cue=TextSpan(7, 8, "h"), speaker=Speaker(1, 4, "bcd", entity="e1"))],
    )
    html = str(render.annotate(rec))
    assert parse(html).errors == []
    # the quote starts inside the entity: the quote is split, its first piece nested in the entity
    assert html.startswith('a<span class="ann ent ent-PERSON" data-entity="e1"')
    assert html.count('class="ann quote quote-direct"') == 2
    assert html.count('id="q0"') == 1  # the id is on the first piece only
    assert html.count('data-entity="e1"') == 1


def test_render_annotate_ignores_offsets_outside_the_text() -> None:
    rec = ArticleRecord(id="x", text="short", language="en",
                        entities=[Entity("e1", "n", "ORG", mentions=[Mention(3, 99, "?"), Mention(-1, 2, "?")])])
    assert str(render.annotate(rec)) == "short"


def test_render_safe_url() -> None:
    assert render.safe_url("https://voanews.com/a") == "https://voanews.com/a"
    assert render.safe_url(" JavaScript:alert(1)") is None
    assert render.safe_url("data:text/html,x") is None
    assert render.safe_url(None) is None


def test_pages_every_sample_article_renders(tmp_path: Path) -> None:
    """The bundled corpus (text only, no model): every article's API record and page work."""
    rows = [json.loads(line) for line in (ROOT / "samples/articles.jsonl").read_text(encoding="utf-8").splitlines()]
    records = [ArticleRecord(id=r["id"], text=r["text"], language="en", title=r.get("title"), url=r.get("url"),
                             source=r.get("source"), published=r.get("published")) for r in rows]
    records.append(ArticleRecord(id="sample-script", text=f"Text that holds {XSS} verbatim.", language="en"))
    db = tmp_path / "samples.duckdb"
    with Store(db) as s:
        s.write(records)
    from fastapi.testclient import TestClient

    with TestClient(create_app(db, analyzer=fake_analyzer)) as c:
        for rec in records:
            api = c.get(render.article_href(rec.id).replace("/articles/", "/api/articles/", 1))
            assert api.status_code == 200 and api.json()["text"] == rec.text
            page = c.get(render.article_href(rec.id))
            assert page.status_code == 200, rec.id
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in c.get("/articles/sample-script").text


def test_render_annotate_is_fast_on_a_long_annotated_article() -> None:
    import time

    words = ["Kyiv", "said", "peace"] * 30_000
    text = " ".join(words)
    mentions, pos = [], 0
    for w in words:
        if w == "Kyiv":
            mentions.append(Mention(pos, pos + 4, "Kyiv"))
        pos += len(w) + 1
    rec = ArticleRecord(id="long", text=text, language="en", entities=[Entity("e1", "Kyiv", "GPE", mentions=mentions)])
    t0 = time.perf_counter()
    html = str(render.annotate(rec))
    assert time.perf_counter() - t0 < 15  # the quadratic version took minutes
    assert html.count('data-entity="e1"') == 30_000
