"""The write path's one pre-analysis step, shared by local ingest (``runner``) and by loading the Parquet parts
of a distributed run (``distributed/parts.load_parts``), so both store and count the same things the same way.

For every input, in order:

1. ``read``: a ``SkippedInput`` (not an article: a WARC request, an empty feed item) is counted per reason; a
   Failure is recorded; anything else is counted as read. An id met earlier in the run with the same text is
   unchanged; with another text, a duplicate-id failure.
2. ``admit`` (a batch, with a store): an id already stored with the same text is unchanged and not redone; with
   another text, a duplicate-id failure. With ``settings.dedup`` on, a reprint of a story stored or met earlier
   is stored at once as a member of that story (status ``duplicate``, not analysed: ``group_batch``).
3. ``count``: each result stored, once: analysed (and its words, :func:`word_count`), skipped, or failed.

Local ingest admits articles before analysis; ``load_parts`` admits records that were analysed elsewhere, so a
reprint's extraction is dropped there. Either way the database and the run statistics come out the same.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from newsgraph.batch import Result, RunStats
from newsgraph.dedup import Decision, Deduper
from newsgraph.ids import content_hash, duplicate_id_failure
from newsgraph.ingest.lang import detect_language
from newsgraph.ingest.skips import SkippedInput
from newsgraph.records import Article, ArticleRecord, Failure
from newsgraph.settings import Settings

if TYPE_CHECKING:  # the store is imported only where one is used: analysing without a database needs no DuckDB
    from newsgraph.store.duck import Store

LOGGER = logging.getLogger(__name__)

#: what is admitted: articles before analysis (local ingest) or records analysed elsewhere (parts)
T = TypeVar("T", Article, ArticleRecord)


def word_count(text: str) -> int:
    """The ``words`` figure of the run statistics: whitespace-separated words, counted for analysed articles."""
    return len(text.split())


class Intake:
    """One run's pre-analysis state: ids met so far, the de-duplication index, failures not yet stored."""

    def __init__(self, store: Store | None, settings: Settings, stats: RunStats | None = None, *,
                 dedup: Deduper | None = None) -> None:
        """``dedup``: an index the same writer opened earlier (a watcher keeps one across polls), else one is
        opened from the store."""
        self.store = store
        self.settings = settings
        self.stats = stats if stats is not None else RunStats()
        self.failures: list[Failure] = []  # read or admitted, not yet stored (or, without a store, yielded)
        self._seen: dict[str, str] = {}  # id -> content hash of what this run read
        # scale: None when settings.dedup is "off" or there is no store
        self.dedup: Deduper | None = dedup
        if store is not None and dedup is None:
            from newsgraph.store.stories import open_index

            self.dedup = open_index(store, settings)

    def fail(self, failure: Failure) -> None:
        self.stats.failed += 1
        self.failures.append(failure)

    def read(self, items: Iterable[T | Failure | SkippedInput]) -> Iterator[T]:
        """The inputs that are new to this run; skipped inputs, failures and repeated ids are counted here."""
        stats = self.stats
        for item in items:
            if isinstance(item, SkippedInput):
                stats.not_articles[item.reason] = stats.not_articles.get(item.reason, 0) + 1
                continue
            stats.read += 1
            if isinstance(item, Failure):
                self.fail(item)
                continue
            h = content_hash(item.text)
            seen = self._seen.get(item.id)
            if seen is not None:
                if seen != h:
                    self.fail(duplicate_id_failure(item.id, item.text, "ingest"))
                else:
                    stats.unchanged += 1
                continue
            self._seen[item.id] = h
            yield item

    def admit(self, batch: list[T]) -> list[T]:
        """What of ``batch`` is to be analysed (or stored): not stored already, not a reprint. Stored failures
        and reprints are written here; needs a store."""
        assert self.store is not None, "admit needs a store"
        known = self.store.known_hashes(a.id for a in batch)
        todo = []
        for a in batch:
            if a.id not in known:
                todo.append(a)
            elif known[a.id] == content_hash(a.text):
                self.stats.unchanged += 1
            else:
                self.fail(duplicate_id_failure(a.id, a.text, "ingest"))
        self.flush()
        if todo and self.dedup is not None:  # scale: reprints become story members and are not analysed
            todo, n_dups = group_batch(self.store, self.dedup, todo, self.settings)
            self.stats.duplicates += n_dups
        return todo

    def flush(self) -> None:
        """Store the failures met so far."""
        if self.failures and self.store is not None:
            self.store.write([], self.failures)
            self.failures.clear()

    def take_failures(self) -> list[Failure]:
        out, self.failures = self.failures, []
        return out

    def count(self, results: Iterable[Result]) -> None:
        """Count stored results: failures (with their message), skipped records, analysed records and words."""
        stats = self.stats
        for r in results:
            if isinstance(r, Failure):
                stats.failed += 1
                stats.failures.append(r.error)
            elif r.status == "skipped":
                stats.skipped += 1
            else:
                stats.analyzed += 1
                stats.words += word_count(r.text)


def duplicate_record(article: Article | ArticleRecord, decision: Decision, settings: Settings) -> ArticleRecord:
    """The stored form of a reprint: its text and metadata, no extraction, and the story it belongs to."""
    lang, _ = detect_language(article.text, min_chars=settings.min_chars_for_language)
    how = "exact copy after normalisation" if decision.method == "exact" else (
        f"near-duplicate, estimated Jaccard {decision.similarity:.2f}")
    return ArticleRecord(
        id=article.id, text=article.text, language=lang, title=article.title, url=article.url,
        source=article.source, published=article.published, status="duplicate",
        reason=f"reprint of story {decision.story_id} ({how}); not analysed",
    )


def group_batch(store: Store, dedup: Deduper, articles: list[T], settings: Settings) -> tuple[list[T], int]:
    """(first reports to analyse, number of reprints stored as story members).

    Membership rows are written before the reprints' records, so a run killed in between redoes them without
    loss or double counting."""
    from newsgraph.store.stories import write_members

    decisions = [dedup.classify(a.id, a.text) for a in articles]
    write_members(store, decisions)
    dups = [duplicate_record(a, d, settings) for a, d in zip(articles, decisions, strict=True) if d.duplicate]
    if dups:
        store.write(dups)
    return [a for a, d in zip(articles, decisions, strict=True) if not d.duplicate], len(dups)
