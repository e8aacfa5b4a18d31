"""`newsgraph watch`: folders and feed URLs (local HTTP server, 127.0.0.1), idempotence, resuming, busy database."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from localhttp import LocalServer
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.errors import SettingsError
from newsgraph.runner import ingest_items
from newsgraph.settings import Settings
from newsgraph.store.duck import Store
from newsgraph.watch import Watcher, parse_every, source_for, sources

ROOT = Path(__file__).resolve().parents[1]


def sample_chunks(n: int) -> list[str]:
    """``n`` short distinct articles: three sentences at a time from the bundled sample stories."""
    out: list[str] = []
    for line in (ROOT / "samples/articles.jsonl").read_text(encoding="utf-8").splitlines():
        sents = re.split(r"(?<=[.!?])\s+", json.loads(line)["text"])
        out += [" ".join(sents[i : i + 3]) for i in range(0, len(sents) - 2, 3)]
    assert len(out) >= n
    return out[:n]


def drop(folder: Path, name: str, text: str) -> None:
    """Write a file the way a well-behaved producer does: a hidden temporary name, then a rename."""
    tmp = folder / f".{name}.tmp"
    tmp.write_text(text, encoding="utf-8")
    tmp.rename(folder / name)


@pytest.fixture(autouse=True)
def _no_settle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "SETTLE_S", 0.0)


def test_watch_parse_every() -> None:
    assert parse_every("10m") == 600 and parse_every("30s") == 30 and parse_every("1h") == 3600
    assert parse_every("2.5") == 2.5
    for bad in ("", "soon", "-1m", "0"):
        with pytest.raises(SettingsError):
            parse_every(bad)


@pytest.mark.model
def test_watch_folder_new_changed_and_partial_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    texts = sample_chunks(6)
    for i, t in enumerate(texts[:3]):
        drop(folder, f"a{i}.txt", t)
    (folder / "b.txt.part").write_text(texts[5], encoding="utf-8")  # still being written: waits
    with Store(tmp_path / "w.duckdb") as store:
        w = Watcher([source_for(str(folder))], store, Settings(), every=0.01)
        first = w.run_once()
        assert (first.stored, first.unchanged) == (3, 0)
        assert w.run_once().polls == 0  # nothing new: no ingest at all
        drop(folder, "a3.txt", texts[3])
        (folder / "a0.txt").write_text(texts[0] + " " + texts[4], encoding="utf-8")  # changed: a new text
        (folder / "a1.txt").touch()  # touched, same bytes: not read again
        again = w.run_once()
        assert (again.stored, again.unchanged) == (2, 0)
        assert store.counts()["articles"] == 5
        assert store.query("SELECT count(*) FROM watch_files")[1][0][0] == 4


@pytest.mark.model
def test_watch_resumes_after_a_kill_between_commit_and_record(tmp_path: Path) -> None:
    """Batches committed but the files not yet recorded (the process died): the restart stores nothing twice."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i, t in enumerate(sample_chunks(5)):
        drop(folder, f"a{i}.txt", t)
    settings = Settings(batch_size=2)
    db = tmp_path / "w.duckdb"
    with Store(db) as store:
        w = Watcher([source_for(str(folder))], store, settings)
        poll = w.sources[0].poll(store)
        assert poll is not None
        items = iter(poll.items)
        partial = [next(items) for _ in range(3)]  # the kill came after three articles were read
        ingest_items(partial, store, settings)  # ... and after their batches were committed; done() never ran
    with Store(db) as store:
        resumed = Watcher([source_for(str(folder))], store, settings).run_once()
        assert (resumed.stored, resumed.unchanged) == (2, 3)
        assert store.counts()["articles"] == 5
        ids = store.query("SELECT id FROM articles")[1]
        assert len({i for (i,) in ids}) == 5


FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Local Wire</title><link>{url}/</link>
{items}
</channel></rss>"""
ITEM = "<item><title>{title}</title><link>{url}/story/{n}</link><guid>story-{n}</guid>" \
       "<pubDate>Tue, 01 Apr 2025 10:00:00 GMT</pubDate><description>Only a teaser {n}.</description></item>"
PAGE = """<html><head><title>{title}</title></head><body><nav>Home | World | Sports</nav>
<article><h1>{title}</h1><p>{text}</p></article><footer>Copyright Local Wire</footer></body></html>"""


def _serve_feed(srv: LocalServer, stories: list[tuple[str, str]], etag: str) -> None:
    items = "\n".join(ITEM.format(title=t, url=srv.url, n=n) for n, (t, _) in enumerate(stories))
    srv.routes["/feed.xml"] = (FEED.format(url=srv.url, items=items).encode(),
                               {"Content-Type": "application/rss+xml", "ETag": etag})
    for n, (title, text) in enumerate(stories):
        srv.routes[f"/story/{n}"] = (PAGE.format(title=title, text=text).encode(), {"Content-Type": "text/html"})


@pytest.mark.model
def test_watch_feed_url_conditional_requests_and_linked_pages(tmp_path: Path) -> None:
    texts = sample_chunks(3)
    stories = [(f"Story {n}", t) for n, t in enumerate(texts)]
    with LocalServer() as srv, Store(tmp_path / "f.duckdb") as store:
        _serve_feed(srv, stories[:2], etag='"v1"')
        w = Watcher([source_for(f"{srv.url}/feed.xml")], store, Settings())
        assert w.run_once().stored == 2
        stored = {t: (text, url, src) for t, text, url, src in
                  store.query("SELECT title, text, url, source FROM articles")[1]}
        assert texts[0] in stored["Story 0"][0]  # the linked page's text (trafilatura), not the teaser
        assert "teaser" not in stored["Story 0"][0]
        assert stored["Story 0"][1] == f"{srv.url}/story/0"
        assert "Copyright" not in stored["Story 1"][0] and "Home | World" not in stored["Story 1"][0]

        srv.requests.clear()
        assert w.run_once().polls == 0
        assert [(m, p) for m, p, _ in srv.requests] == [("GET", "/feed.xml")]  # a 304: no page fetched
        assert srv.requests[0][2].get("If-None-Match") == '"v1"'

        _serve_feed(srv, stories, etag='"v2"')
        srv.requests.clear()
        assert w.run_once().stored == 1
        assert [p for _, p, _ in srv.requests] == ["/feed.xml", "/story/2"]  # only the new item's page
        assert store.counts()["articles"] == 3


@pytest.mark.model
def test_watch_feed_item_whose_page_fails_uses_the_feed_text(tmp_path: Path) -> None:
    with LocalServer() as srv, Store(tmp_path / "f.duckdb") as store:
        _serve_feed(srv, [("Gone", "x")], etag='"v1"')
        del srv.routes["/story/0"]  # 404
        assert Watcher([source_for(f"{srv.url}/feed.xml")], store, Settings()).run_once().stored == 1
        assert store.query("SELECT text FROM articles")[1] == [("Only a teaser 0.",)]


def test_watch_unreachable_feed_is_a_failure_row_and_the_watch_goes_on(tmp_path: Path) -> None:
    with LocalServer() as srv:
        url = f"{srv.url}/missing.xml"
        with Store(tmp_path / "f.duckdb") as store:
            stats = Watcher([source_for(url)], store, Settings()).run_once()
            assert stats.errors and "HTTP 404" in stats.errors[0]
            assert store.failures()[0].origin == url


@pytest.mark.model
def test_cli_watch_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    drop(folder, "a.txt", sample_chunks(1)[0])
    db = tmp_path / "c.duckdb"
    out = CliRunner().invoke(app, ["watch", str(folder), "--db", str(db), "--once"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout.splitlines()[-1])["stored"] == 1
    out = CliRunner().invoke(app, ["watch", str(folder), "--db", str(db), "--cycles", "2", "--every", "0.1s"])
    assert [json.loads(line)["stored"] for line in out.stdout.splitlines()] == [0, 0]


def test_cli_busy_database_names_what_to_run(tmp_path: Path) -> None:
    db = tmp_path / "busy.duckdb"
    Store(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
         "sys.stdin.read()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        ingest = CliRunner().invoke(app, ["ingest", str(ROOT / "samples/articles.jsonl"), "--db", str(db), "-q"])
        assert ingest.exit_code == 1
        assert "open in another process" in ingest.output and f"newsgraph serve --db {db} --watch" in ingest.output
        assert "Could not set lock" not in ingest.output
        read = CliRunner().invoke(app, ["sql", "SELECT 1", "--db", str(db)])
        assert read.exit_code == 1 and "newsgraph serve --db" in read.output
        serve = CliRunner().invoke(app, ["serve", "--db", str(db), "--port", "1"])
        assert serve.exit_code == 1 and "being written by another process" in serve.output
    finally:
        holder.communicate("", timeout=20)
    time.sleep(0.1)
