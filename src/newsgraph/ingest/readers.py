"""Readers for .txt, .html, .jsonl (also .gz), folders and stdin; WARC and feeds dispatch to warc.py, feeds.py.

The article helpers they share live in articles.py.
"""

from __future__ import annotations

import gzip
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgraph.errors import IngestError
from newsgraph.ingest.articles import (
    Item,
    article_id,
    make_article,
    normalize_published,
    read_bytes,
    read_html_bytes,
    read_text_bytes,
)
from newsgraph.ingest.decode import decode_bytes
from newsgraph.ingest.feeds import iter_feed, looks_like_feed
from newsgraph.ingest.warc import iter_warc
from newsgraph.records import Article, Failure

LOGGER = logging.getLogger(__name__)

__all__ = ["Item", "article_id", "iter_inputs", "iter_jsonl", "make_article", "read_path"]

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"}


def iter_jsonl(stream: Iterable[bytes], origin: str, published: str | None = None) -> Iterator[Article | Failure]:
    """One article per line; a bad line becomes a Failure that keeps the raw line."""
    for lineno, raw in enumerate(stream, 1):
        where = f"{origin}:{lineno}"
        if not raw.strip():
            continue
        try:
            line, _ = decode_bytes(raw, where)
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise IngestError(f"{where}: a JSONL line must be an object, got {type(obj).__name__}")
            if "text" not in obj:
                raise IngestError(f"{where}: no 'text' field")
            yield make_article(
                obj["text"],
                id=obj.get("id"),
                title=obj.get("title"),
                url=obj.get("url"),
                source=obj.get("source"),
                published=obj.get("published") or published,
                origin=where,
                home=obj.get("home"),
            )
        except json.JSONDecodeError as exc:
            yield Failure(origin=where, stage="ingest", error=f"{where}: malformed JSON ({exc})",
                          text=raw.decode("utf-8", "replace"))
        except IngestError as exc:
            yield Failure(origin=where, stage="ingest", error=str(exc), text=raw.decode("utf-8", "replace"))


def _kind(path: Path) -> str:
    name = path.name.lower()
    if any(name.endswith(s) for s in JSONL_SUFFIXES):
        return "jsonl"
    # scale: streaming WARC and saved RSS/Atom feeds (ingest/warc.py, ingest/feeds.py)
    if name.endswith((".warc", ".warc.gz")):
        return "warc"
    if name.endswith((".rss", ".atom")) or (name.endswith(".xml") and looks_like_feed(path)):
        return "feed"
    if path.suffix.lower() in HTML_SUFFIXES:
        return "html"
    return "text"


def read_path(path: str | Path, published: str | None = None) -> Iterator[Item]:
    """Articles (or Failures) from one path: a file, a folder (recursive, sorted), or "-" for stdin."""
    if str(path) == "-":
        yield from _read_stdin(published)
        return
    p = Path(path)
    if p.is_dir():
        try:
            children = sorted(c for c in p.rglob("*") if c.is_file() and not c.name.startswith("."))
        except OSError as exc:
            yield Failure(origin=str(p), stage="ingest", error=f"{p}: cannot list folder ({exc})")
            return
        for child in children:
            yield from read_path(child, published)
        return
    if not p.exists():
        yield Failure(origin=str(p), stage="ingest", error=f"{p}: no such file or folder")
        return
    kind = _kind(p)
    if kind in ("warc", "feed"):  # scale: these readers stream and report their own failures
        yield from _read_archive(kind, p, published)
        return
    try:
        if kind == "jsonl":
            opener = gzip.open if p.name.lower().endswith(".gz") else open
            with opener(p, "rb") as fh:  # type: ignore[operator]
                yield from iter_jsonl(fh, str(p), published)
            return
        data = read_bytes(p)
        if kind == "html":
            yield read_html_bytes(data, str(p), published)
        else:
            yield read_text_bytes(data, str(p), published)
    except IngestError as exc:
        yield Failure(origin=str(p), stage="ingest", error=str(exc))
    except OSError as exc:
        yield Failure(origin=str(p), stage="ingest", error=f"{p}: cannot read ({exc})")


def _read_archive(kind: str, path: Path, published: str | None) -> Iterator[Item]:
    """WARC files and feeds: Articles, Failures, and SkippedInput for records that are not articles."""
    if kind == "warc":
        yield from iter_warc(path, published)
    else:
        yield from iter_feed(path, published)


def _read_stdin(published: str | None) -> Iterator[Item]:
    data = sys.stdin.buffer.read()
    if data.lstrip()[:1] == b"{":
        import io

        yield from iter_jsonl(io.BytesIO(data), "-", published)
        return
    try:
        yield read_text_bytes(data, "-", published)
    except IngestError as exc:
        yield Failure(origin="-", stage="ingest", error=str(exc))


def iter_inputs(paths: list[str] | tuple[str, ...], published: str | None = None) -> Iterator[Item]:
    """Every article (or failure) from every path, in order."""
    if published is not None:
        published = normalize_published(published)
    for path in paths:
        yield from read_path(path, published)
