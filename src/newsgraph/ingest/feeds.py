"""RSS and Atom feeds saved on disk (``.rss``, ``.atom``, and ``.xml`` files that are feeds), via feedparser.

Each item with content or a summary becomes an article: its text is the item's full content when the feed
carries it (Atom ``content``, RSS ``content:encoded``), else its summary, turned from HTML into plain text with
paragraph breaks kept; ``link``, ``title`` and the publication date come with it, and the feed's title is the
source. Items without any text are ``SkippedInput`` ("feed item without text"), counted in the run statistics.
Ids are content hashes, so a feed saved again later adds only the items that changed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsgraph.errors import IngestError
from newsgraph.ingest.articles import make_article, read_bytes
from newsgraph.ingest.skips import SkippedInput
from newsgraph.records import Article, Failure

LOGGER = logging.getLogger(__name__)

FEED_SUFFIXES = (".rss", ".atom")
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "pre", "section")


def looks_like_feed(path: Path) -> bool:
    """True when an ``.xml`` file's root element is <rss>, <feed> or <rdf:RDF>."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return bool(_FEED_ROOT.search(head))


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment; block elements become paragraph breaks."""
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # noqa: BLE001 - lxml raises several types on junk; the raw text is a fair fallback
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for el in root.iter(*_BLOCKS):
        el.tail = "\n\n" + (el.tail or "")
    text = root.text_content()
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r"\s*\n\s*(\n\s*)+", "\n\n", text).strip()


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or []:
        value = (content.get("value") or "").strip()
        if value:
            return html_to_text(value)
    return html_to_text(entry.get("summary") or "")


def _entry_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    year, month, day, hour, minute, second = parsed[:6]
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC).date().isoformat()


def iter_feed(path: str | Path, published: str | None = None) -> Iterator[Article | Failure | SkippedInput]:
    """Articles from the items of one saved feed file."""
    import feedparser

    p = Path(path)
    try:
        data = read_bytes(p)
    except IngestError as exc:
        yield Failure(origin=str(p), stage="ingest", error=str(exc))
        return
    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        yield Failure(origin=str(p), stage="ingest", error=f"{p}: not a readable RSS/Atom feed ({feed.bozo_exception})")
        return
    source = (feed.feed.get("title") or "").strip() or None
    for n, entry in enumerate(feed.entries, 1):
        origin = f"{p}#item{n}"
        text = _entry_text(entry)
        if not text:
            yield SkippedInput(origin, "feed item without text")
            continue
        try:
            yield make_article(
                text,
                title=entry.get("title"),
                url=entry.get("link"),
                source=source,
                published=_entry_date(entry) or published,
                origin=origin,
            )
        except IngestError as exc:
            yield Failure(origin=origin, stage="ingest", error=str(exc), text=text)
