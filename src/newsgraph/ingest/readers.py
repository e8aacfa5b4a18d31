"""Readers for .txt, .html, .jsonl (also .gz), folders and stdin; WARC and feeds dispatch to warc.py, feeds.py."""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newsgraph.errors import IngestError
from newsgraph.ingest.decode import decode_bytes
from newsgraph.records import Article, Failure

LOGGER = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"}
#: articles longer than this are refused at ingest, before anything is held in memory twice
MAX_INPUT_BYTES = 50 * 1024 * 1024

Item = Article | Failure


def article_id(text: str) -> str:
    """Content hash id: stable across runs and machines for the same text."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def normalize_published(value: Any) -> str | None:
    """"2025-03-14 20:30:26Z", "2025-03-14T20:30:26+00:00", "2025-03-14" -> "2025-03-14"; else None."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(value))
    if not m:
        raise IngestError(f"published date {value!r} is not ISO 8601 (YYYY-MM-DD...)")
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError as exc:
        raise IngestError(f"published date {value!r} is not a real date: {exc}") from exc


def make_article(
    text: Any,
    *,
    id: Any = None,
    title: Any = None,
    url: Any = None,
    source: Any = None,
    published: Any = None,
    origin: str | None = None,
    warnings: list[str] | None = None,
    home: Any = None,
) -> Article:
    """Validate one article. The text is kept exactly as given, so offsets index the original."""
    where = origin or "input"
    if not isinstance(text, str):
        raise IngestError(f"{where}: 'text' must be a string, got {type(text).__name__}")
    if not text.strip():
        raise IngestError(f"{where}: empty text (nothing but whitespace)")
    if "\x00" in text:
        raise IngestError(f"{where}: text contains NUL characters (binary data?)")
    if id is not None and not isinstance(id, (str, int)):
        raise IngestError(f"{where}: 'id' must be a string or number")
    return Article(
        id=str(id) if id not in (None, "") else article_id(text),
        text=text,
        title=_opt_str(title),
        url=_opt_str(url),
        source=_opt_str(source),
        published=normalize_published(published),
        origin=origin,
        warnings=list(warnings or []),
        home=_opt_str(home),
    )


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise IngestError(f"{path}: {size:,} bytes; the input limit is {MAX_INPUT_BYTES:,} bytes")
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{path}: cannot read ({exc.strerror or exc})") from exc


def read_text_bytes(data: bytes, origin: str, published: str | None = None) -> Article:
    text, warnings = decode_bytes(data, origin)
    return make_article(text, published=published, origin=origin, warnings=warnings)


def read_html_bytes(data: bytes, origin: str, published: str | None = None) -> Article:
    """Main text, title, date and url of a web page (trafilatura)."""
    import trafilatura

    html, warnings = decode_bytes(data, origin)
    try:
        extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
        doc = extracted.as_dict() if extracted is not None and hasattr(extracted, "as_dict") else extracted
    except Exception as exc:  # trafilatura raises many types on broken markup
        raise IngestError(f"{origin}: cannot extract text from HTML ({type(exc).__name__}: {exc})") from exc
    if not doc or not (doc.get("text") or "").strip():
        raise IngestError(f"{origin}: HTML holds no article text")
    page_date = None
    try:
        page_date = normalize_published(doc.get("date"))
    except IngestError as exc:
        warnings.append(str(exc))
    return make_article(
        doc["text"],
        title=doc.get("title"),
        url=doc.get("url"),
        source=doc.get("sitename") or doc.get("hostname"),
        published=published or page_date,
        origin=origin,
        warnings=warnings,
    )


def iter_jsonl(stream: Iterable[bytes], origin: str, published: str | None = None) -> Iterator[Item]:
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
    if name.endswith((".rss", ".atom")) or (name.endswith(".xml") and _looks_like_feed(path)):
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
        data = _read_bytes(p)
        if kind == "html":
            yield read_html_bytes(data, str(p), published)
        else:
            yield read_text_bytes(data, str(p), published)
    except IngestError as exc:
        yield Failure(origin=str(p), stage="ingest", error=str(exc))
    except OSError as exc:
        yield Failure(origin=str(p), stage="ingest", error=f"{p}: cannot read ({exc})")


def _looks_like_feed(path: Path) -> bool:
    from newsgraph.ingest.feeds import looks_like_feed

    return looks_like_feed(path)


def _read_archive(kind: str, path: Path, published: str | None) -> Iterator[Item]:
    """WARC files and feeds: Articles, Failures, and SkippedInput for records that are not articles."""
    if kind == "warc":
        from newsgraph.ingest.warc import iter_warc

        yield from iter_warc(path, published)  # type: ignore[misc]
    else:
        from newsgraph.ingest.feeds import iter_feed

        yield from iter_feed(path, published)  # type: ignore[misc]


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
