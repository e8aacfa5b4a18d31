"""WARC and RSS/Atom ingest: real files written here (warcio writes the WARC), no network."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from newsgraph.ingest import iter_inputs
from newsgraph.ingest.skips import SkippedInput
from newsgraph.records import Article, Failure

ROOT = Path(__file__).resolve().parents[1]


def _sample_articles(n: int) -> list[dict]:  # type: ignore[type-arg]
    rows = [json.loads(line) for line in (ROOT / "samples/articles.jsonl").read_text(encoding="utf-8").splitlines()]
    return [r for r in rows if r.get("title")][:n]


def _page(row: dict) -> bytes:  # type: ignore[type-arg]
    paras = "".join(f"<p>{p}</p>\n" for p in row["text"].split("\n") if p.strip())
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{row['title']}</title><meta property='og:title' content=\"{row['title']}\">"
        f"</head><body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{row['title']}</h1>\n{paras}</article><footer>Copyright</footer></body></html>"
    ).encode()


def write_warc(path: Path, rows: list[dict]) -> None:  # type: ignore[type-arg]
    """A small crawl: warcinfo, then per page a request and a response, plus a 404, a PDF and an empty page."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsgraph tests"}))

        def response(url: str, status: str, ctype: str, body: bytes) -> None:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
            )

        for i, row in enumerate(rows):
            response(f"https://news.example/{i}", "200 OK", "text/html; charset=utf-8", _page(row))
        response("https://news.example/gone", "404 Not Found", "text/html", b"<html><body>gone</body></html>")
        response("https://news.example/report.pdf", "200 OK", "application/pdf", b"%PDF-1.4 not really")
        response("https://news.example/empty", "200 OK", "text/html", b"<html><head><title>Index</title></head><body><img src=x.png></body></html>")


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_pages_become_articles_and_other_records_are_counted(tmp_path: Path, name: str) -> None:
    rows = _sample_articles(3)
    write_warc(tmp_path / name, rows)
    items = list(iter_inputs([str(tmp_path / name)]))
    articles = [i for i in items if isinstance(i, Article)]
    skipped = [i for i in items if isinstance(i, SkippedInput)]
    assert not [i for i in items if isinstance(i, Failure)]
    assert [a.url for a in articles] == [f"https://news.example/{i}" for i in range(3)]
    for art, row in zip(articles, rows, strict=True):
        assert art.title == row["title"]
        first = row["text"].split("\n")[0].strip()
        assert first[:60] in art.text
        assert "Copyright" not in art.text and "World" not in art.text.split("\n")[0]
        assert art.published  # the crawl date stands in for a page without one
        assert art.origin and art.origin.startswith(str(tmp_path / name) + "@")
    reasons = sorted(s.reason for s in skipped)
    assert reasons == sorted(
        ["warc record type: warcinfo"] + ["warc record type: request"] * 6
        + ["http status 404", "content type application/pdf", "html without article text"]
    )


def test_warc_counts_reach_the_run_stats(tmp_path: Path) -> None:
    from newsgraph.intake import Intake
    from newsgraph.settings import Settings

    write_warc(tmp_path / "c.warc.gz", _sample_articles(2))
    intake = Intake(None, Settings())
    stats = intake.stats
    arts = list(intake.read(iter_inputs([str(tmp_path)])))
    assert len(arts) == 2 and stats.read == 2 and not intake.failures
    assert stats.as_dict()["not_articles"] == {
        "content type application/pdf": 1, "html without article text": 1, "http status 404": 1,
        "warc record type: request": 5, "warc record type: warcinfo": 1,
    }


def test_warc_garbage_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "bad.warc").write_bytes(b"this is not a warc file\n" * 10)
    (tmp_path / "bad2.warc.gz").write_bytes(gzip.compress(b"nor this\n"))
    items = list(iter_inputs([str(tmp_path)]))
    assert len(items) == 2 and all(isinstance(i, Failure) for i in items)
    assert all("WARC" in i.error for i in items)  # type: ignore[union-attr]


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title><link>https://wire.example/</link><description>news</description>
<item><title>Full story</title><link>https://wire.example/a</link><pubDate>Tue, 08 Apr 2025 10:00:00 GMT</pubDate>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>First paragraph of the story.</p><p>Second paragraph, with <b>bold</b> words.</p>]]></content:encoded>
</item>
<item><title>Teaser only</title><link>https://wire.example/b</link><pubDate>Wed, 09 Apr 2025 23:30:00 +0000</pubDate>
<description>&lt;p&gt;A summary in escaped HTML.&lt;/p&gt;</description></item>
<item><title>Nothing</title><link>https://wire.example/c</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:x</id><updated>2025-04-10T00:00:00Z</updated>
<entry><title>Atom entry</title><link href="https://atom.example/1"/><id>urn:1</id>
<published>2025-04-10T08:00:00Z</published><updated>2025-04-11T08:00:00Z</updated>
<content type="html">&lt;p&gt;Atom body one.&lt;/p&gt;&lt;p&gt;Body two.&lt;/p&gt;</content></entry>
</feed>
"""


def test_feeds_rss_items_with_text_become_articles(tmp_path: Path) -> None:
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    items = list(iter_inputs([str(tmp_path / "wire.rss")]))
    a, b, c = items
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.text == "First paragraph of the story.\n\nSecond paragraph, with bold words."
    assert (a.title, a.url, a.published, a.source) == ("Full story", "https://wire.example/a", "2025-04-08",
                                                       "Example Wire")
    assert b.text == "A summary in escaped HTML." and b.published == "2025-04-09"
    assert c == SkippedInput(f"{tmp_path / 'wire.rss'}#item3", "feed item without text")


def test_feeds_atom_and_xml_sniffing(tmp_path: Path) -> None:
    (tmp_path / "desk.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "also-a-feed.xml").write_text(ATOM, encoding="utf-8")
    (tmp_path / "notes.xml").write_text("<notes>plain xml, read as text as before</notes>", encoding="utf-8")
    items = list(iter_inputs([str(tmp_path)]))
    feed_items = [i for i in items if isinstance(i, Article) and i.source == "Atom Desk"]
    assert len(feed_items) == 2
    assert feed_items[0].text == "Atom body one.\n\nBody two." and feed_items[0].published == "2025-04-10"
    assert feed_items[0].url == "https://atom.example/1"
    assert any(isinstance(i, Article) and i.text.startswith("<notes>") for i in items)


def test_feeds_broken_file_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "broken.rss").write_bytes(b"<rss><channel><item><title>x</tit")
    (item,) = list(iter_inputs([str(tmp_path / "broken.rss")]))
    assert isinstance(item, (Failure, SkippedInput))


def _peak_traced_bytes(paths: list[str]) -> tuple[int, int]:
    """(items read, peak bytes allocated while reading them all, each dropped after it is read)."""
    import tracemalloc

    n = 0
    tracemalloc.start()
    try:
        for _item in iter_inputs(paths):
            n += 1
        return n, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_ingest_streams_in_memory_that_does_not_grow_with_the_input(tmp_path: Path) -> None:
    rows = _sample_articles(40)
    for name, copies in (("small", 5), ("large", 50)):  # 200 and 2,000 articles: about 0.8 and 8 MB of text
        (tmp_path / name).mkdir()
        with gzip.open(tmp_path / name / "news.jsonl.gz", "wt", encoding="utf-8") as fh:
            for k in range(copies):
                for i, r in enumerate(rows):
                    fh.write(json.dumps({"id": f"{k}-{i}", "text": f"{r['text']} (copy {k})"}) + "\n")
        write_warc(tmp_path / f"{name}.warc.gz", rows[:20] * (copies // 5))  # 20 and 200 pages
    # the HTML extractor keeps bounded caches keyed by page content: fill them before measuring
    _peak_traced_bytes([str(tmp_path / "large.warc.gz")])
    for kind in ("jsonl", "warc"):
        paths = {name: str(tmp_path / (name if kind == "jsonl" else f"{name}.warc.gz")) for name in ("small", "large")}
        (n_small, peak_small), (n_large, peak_large) = (_peak_traced_bytes([paths[k]]) for k in ("small", "large"))
        # a WARC item per record: warcinfo, a request and a response per page, and the three odd pages'
        want = (200, 2000) if kind == "jsonl" else (1 + 2 * 20 + 6, 1 + 2 * 200 + 6)
        assert (n_small, n_large) == want
        assert peak_large < 1.5 * peak_small + 256_000, (kind, peak_small, peak_large)
        assert peak_large < 2_000_000, (kind, peak_large)  # the large input holds 8 MB of text
