"""WARC files (``.warc``, ``.warc.gz``; Common Crawl's CC-NEWS format), read as a stream with warcio.

Only ``response`` and ``resource`` records holding a successful HTML page become articles; their main text,
title and date come from the same HTML reader as single ``.html`` files (trafilatura), the url from
``WARC-Target-URI`` when the page names none. Every other record is a ``SkippedInput`` with its reason (record
type, HTTP status, content type, no article text, too large), counted per reason in the run statistics.
Records are read one at a time, so memory stays flat however large the archive is.
"""

from __future__ import annotations

import dataclasses
import logging
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from newsgraph.errors import IngestError
from newsgraph.ingest.articles import MAX_INPUT_BYTES, normalize_published, read_html_bytes
from newsgraph.ingest.skips import SkippedInput
from newsgraph.records import Article, Failure

LOGGER = logging.getLogger(__name__)

ARTICLE_RECORD_TYPES = ("response", "resource")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def iter_warc(path: str | Path, published: str | None = None) -> Iterator[Article | Failure | SkippedInput]:
    """Articles from the HTML pages of a WARC file; SkippedInput for every other record."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    p = Path(path)
    try:
        with open(p, "rb") as fh:
            if not _starts_like_warc(fh):
                yield Failure(origin=str(p), stage="ingest", error=f"{p}: not a WARC file (no WARC/ header)")
                return
            records = ArchiveIterator(fh)
            for record in records:
                # the payload is read before the offset is asked for: warcio's get_record_offset() skips it
                yield _read_record(record, lambda: f"{p}@{records.get_record_offset()}", published)
    except ArchiveLoadFailed as exc:
        yield Failure(origin=str(p), stage="ingest", error=f"{p}: not a readable WARC archive ({exc})")
    except OSError as exc:  # truncated gzip member, unreadable file
        yield Failure(origin=str(p), stage="ingest", error=f"{p}: cannot read WARC ({exc})")


def _starts_like_warc(fh: BinaryIO) -> bool:
    """A WARC file, gzipped per record or not, starts with "WARC/" (ARC and other formats are refused)."""
    head = fh.read(4096)
    fh.seek(0)
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 16)
        except zlib.error:
            return False
    return head.lstrip()[:5] == b"WARC/"


def _read_record(  # type: ignore[no-untyped-def]
    record, where: Callable[[], str], published: str | None
) -> Article | Failure | SkippedInput:
    rec_type = record.rec_type
    reason = None
    if rec_type not in ARTICLE_RECORD_TYPES:
        reason = f"warc record type: {rec_type}"
    elif rec_type == "response" and record.http_headers is None:
        reason = "response without HTTP headers"
    elif rec_type == "response" and record.http_headers.get_statuscode() != "200":
        reason = f"http status {record.http_headers.get_statuscode()}"
    else:
        headers = record.http_headers if rec_type == "response" else record.rec_headers
        media = _media_type(headers.get_header("Content-Type"))
        if media not in HTML_TYPES:
            reason = f"content type {media or 'unknown'}"
    if reason:
        return SkippedInput(where(), reason)
    data = record.content_stream().read(MAX_INPUT_BYTES + 1)
    origin = where()
    if len(data) > MAX_INPUT_BYTES:
        return SkippedInput(origin, f"page over {MAX_INPUT_BYTES:,} bytes")
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        article = read_html_bytes(data, origin, published)
    except IngestError as exc:
        if "no article text" in str(exc):
            return SkippedInput(origin, "html without article text")
        return Failure(origin=origin, stage="ingest", error=str(exc), text=data.decode("utf-8", "replace"))
    changes: dict[str, object] = {}
    if not article.url and url:
        changes["url"] = url
    if article.published is None:
        crawl_date = record.rec_headers.get_header("WARC-Date")
        try:
            changes["published"] = normalize_published(crawl_date)
        except IngestError:
            crawl_date = None
        if crawl_date:
            changes["warnings"] = [*article.warnings, "no publication date in the page; the crawl date is used"]
    return dataclasses.replace(article, **changes) if changes else article  # type: ignore[arg-type]
