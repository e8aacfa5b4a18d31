"""One article from its parts, shared by every reader (readers.py, feeds.py, warc.py): validation
(``make_article``), content-hash ids, publication dates, bounded file reads, and the text and HTML readers.

The readers import this module and never each other's internals, so the ingest package has no import circle.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newsgraph.errors import IngestError
from newsgraph.ids import article_id
from newsgraph.ingest.decode import decode_bytes
from newsgraph.ingest.skips import SkippedInput
from newsgraph.records import Article, Failure

__all__ = [
    "MAX_INPUT_BYTES", "Item", "article_id", "make_article", "normalize_published", "read_bytes", "read_html_bytes",
    "read_text_bytes",
]

#: articles longer than this are refused at ingest, before anything is held in memory twice
MAX_INPUT_BYTES = 50 * 1024 * 1024

#: what a reader yields: an article, a failure that says why an input is not one, or a record that is not one
Item = Article | Failure | SkippedInput


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


def read_bytes(path: Path) -> bytes:
    """A file's bytes, refused over MAX_INPUT_BYTES; an unreadable file is an IngestError."""
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
