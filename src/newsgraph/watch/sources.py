"""Watched sources: a folder (or one file), and an RSS/Atom feed URL. Each poll says what is new.

A poll returns the new articles and a ``done`` step that records them in the watch tables; the watcher calls
``done`` only after the articles are committed, so a process killed in between reads them again on restart and
the store, which keeps one article per id, counts them as unchanged: nothing is lost, nothing is stored twice.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.errors import IngestError
from newsgraph.ingest.readers import make_article, read_html_bytes, read_path
from newsgraph.ingest.skips import SkippedInput
from newsgraph.records import Article, Failure
from newsgraph.store.duck import Store
from newsgraph.watch.fetch import fetch

LOGGER = logging.getLogger(__name__)

Item = Article | Failure | SkippedInput

#: names a writer uses while a file is not complete yet; such files wait
PARTIAL_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", "~")
#: files younger than this (seconds since their last change) wait for the next poll: still being written
SETTLE_S = 0.5
#: files per poll: a big folder is taken in steps, each recorded when stored
FILES_PER_POLL = 500


@dataclass(slots=True)
class Poll:
    items: Iterable[Item]
    done: Callable[[Store], None]
    what: str


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


class FolderSource:
    """New and changed files under a folder (recursive), or one file."""

    def __init__(self, path: str | Path, *, published: str | None = None) -> None:
        self.path = Path(path)
        self.published = published
        self.name = str(self.path)

    def _files(self) -> Iterator[Path]:
        if self.path.is_file():
            yield self.path
            return
        for root, dirs, files in os.walk(self.path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith(".") or name.lower().endswith(PARTIAL_SUFFIXES):
                    continue
                yield Path(root) / name

    def poll(self, store: Store) -> Poll | None:
        if not self.path.exists():
            raise IngestError(f"{self.path}: no such file or folder")
        known = {p: (s, m, h) for p, s, m, h in store.con.execute(
            "SELECT path, size, mtime_ns, sha256 FROM watch_files WHERE path = ? OR starts_with(path, ?)",
            [str(self.path), str(self.path).rstrip("/") + "/"]).fetchall()}
        now = time.time_ns()
        todo: list[tuple[Path, int, int, str]] = []
        touched: list[tuple[str, int, int, str]] = []
        for f in self._files():
            try:
                st = f.stat()
            except OSError:
                continue  # removed while listing
            key = str(f)
            old = known.get(key)
            if old is not None and old[0] == st.st_size and old[1] == st.st_mtime_ns:
                continue
            if now - st.st_mtime_ns < SETTLE_S * 1e9:
                continue
            try:
                digest = _sha256(f)
            except OSError:
                continue
            if old is not None and old[2] == digest:
                touched.append((key, st.st_size, st.st_mtime_ns, digest))
                continue
            todo.append((f, st.st_size, st.st_mtime_ns, digest))
            if len(todo) >= FILES_PER_POLL:
                break
        if touched:
            _record_files(store, touched)
        if not todo:
            return None

        def items() -> Iterator[Item]:
            for f, *_ in todo:
                yield from read_path(f, self.published)

        def done(st: Store) -> None:
            _record_files(st, [(str(f), size, mtime, digest) for f, size, mtime, digest in todo])

        return Poll(items(), done, f"{len(todo)} new or changed files in {self.path}")


def _record_files(store: Store, rows: list[tuple[str, int, int, str]]) -> None:
    store.con.executemany(
        "INSERT INTO watch_files VALUES (?, ?, ?, ?, now()) ON CONFLICT (path) DO UPDATE SET size = excluded.size, "
        "mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256, ingested_at = excluded.ingested_at",
        rows,
    )


class FeedSource:
    """An RSS or Atom feed over HTTP: new items, each linked page fetched and extracted by trafilatura."""

    def __init__(self, url: str, *, published: str | None = None) -> None:
        self.url = url
        self.published = published
        self.name = url

    def poll(self, store: Store) -> Poll | None:
        import feedparser

        from newsgraph.ingest.feeds import _entry_date, _entry_text

        row = store.con.execute("SELECT etag, last_modified FROM watch_feeds WHERE url = ?", [self.url]).fetchone()
        etag, modified = row if row else (None, None)
        resp = fetch(self.url, etag=etag, last_modified=modified)
        if resp.status == 304:
            LOGGER.info("%s: not modified", self.url)
            return None
        feed = feedparser.parse(resp.body)
        if feed.bozo and not feed.entries:
            raise IngestError(f"{self.url}: not a readable RSS/Atom feed ({feed.bozo_exception})")
        source = (feed.feed.get("title") or "").strip() or None
        done_keys = {k for (k,) in store.con.execute("SELECT key FROM watch_items WHERE feed = ?", [self.url]).fetchall()}
        todo = []
        for n, entry in enumerate(feed.entries, 1):
            key = entry.get("id") or entry.get("link") or f"item{n}:{entry.get('title', '')}"
            if key not in done_keys:
                todo.append((key, n, entry))
        made: list[tuple[str, str, str | None, str | None]] = []  # (feed, key, link, article id)

        def items() -> Iterator[Item]:
            for key, n, entry in todo:
                link = entry.get("link")
                origin = link or f"{self.url}#item{n}"
                item = self._page(link, origin) if link else None
                if item is None:  # no link, or the page could not be read: the feed's own text
                    text = _entry_text(entry)
                    if not text:
                        made.append((self.url, key, link, None))
                        yield SkippedInput(origin, "feed item without text")
                        continue
                    try:
                        item = make_article(text, title=entry.get("title"), url=link, source=source,
                                            published=_entry_date(entry) or self.published, origin=origin)
                    except IngestError as exc:
                        made.append((self.url, key, link, None))
                        yield Failure(origin=origin, stage="ingest", error=str(exc), text=text)
                        continue
                else:
                    item = _fill(item, title=entry.get("title"), url=link, source=source,
                                 published=_entry_date(entry) or self.published)
                made.append((self.url, key, link, item.id))
                yield item

        def done(st: Store) -> None:
            if made:
                st.con.executemany("INSERT INTO watch_items VALUES (?, ?, ?, ?, now()) ON CONFLICT DO NOTHING", made)
            st.con.execute(
                "INSERT INTO watch_feeds VALUES (?, ?, ?, now(), ?) ON CONFLICT (url) DO UPDATE SET "
                "etag = excluded.etag, last_modified = excluded.last_modified, fetched_at = excluded.fetched_at, "
                "items = excluded.items",
                [self.url, resp.etag, resp.last_modified, len(feed.entries)],
            )

        if not todo:
            done(store)
            return None
        return Poll(items(), done, f"{len(todo)} new items in {self.url}")

    def _page(self, link: str, origin: str) -> Article | None:
        try:
            page = fetch(link)
            return read_html_bytes(page.body, origin, None)
        except IngestError as exc:
            LOGGER.warning("%s: %s; using the feed's text", link, exc)
            return None


def _fill(article: Article, **meta: str | None) -> Article:
    """The page's own metadata first; the feed's where the page has none."""
    from dataclasses import replace

    changes: dict[str, Any] = {k: v for k, v in meta.items() if v and not getattr(article, k)}
    return replace(article, **changes) if changes else article


def source_for(spec: str, *, published: str | None = None) -> FolderSource | FeedSource:
    """A watched source from a command-line word: an http(s) URL is a feed, anything else a path."""
    if spec.lower().startswith(("http://", "https://")):
        return FeedSource(spec, published=published)
    return FolderSource(spec, published=published)
