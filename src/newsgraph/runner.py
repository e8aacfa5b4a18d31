"""Library entry points the CLI, API and benchmarks call: analyse paths, ingest paths into a store."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from newsgraph.batch import Result, RunStats, chunked, iter_results, process_batch
from newsgraph.dedup import Deduper
from newsgraph.ingest import iter_inputs
from newsgraph.ingest.skips import SkippedInput
from newsgraph.records import Article, ArticleRecord, Failure
from newsgraph.settings import Settings
from newsgraph.store.duck import Store, content_hash, duplicate_id_failure
from newsgraph.store.stories import group_batch, open_index

LOGGER = logging.getLogger(__name__)

Progress = Callable[[RunStats], None]


def analyze_text(text: str, settings: Settings | None = None, **meta: Any) -> ArticleRecord:
    """Analyse one text (id, title, url, source, published may be given). Raises on failure."""
    from newsgraph.errors import ExtractionError
    from newsgraph.ingest.readers import make_article

    article = make_article(text, **meta)
    (result,) = process_batch([article], settings or Settings())
    if isinstance(result, Failure):
        raise ExtractionError(result.error)
    return result


def _split(
    items: Iterable[Article | Failure | SkippedInput], stats: RunStats, failures: list[Failure]
) -> Iterator[Article]:
    seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, SkippedInput):  # scale: not an article (WARC request, PDF, empty feed item)
            stats.not_articles[item.reason] = stats.not_articles.get(item.reason, 0) + 1
            continue
        stats.read += 1
        if isinstance(item, Failure):
            stats.failed += 1
            failures.append(item)
            continue
        h = content_hash(item.text)
        if item.id in seen:
            if seen[item.id] != h:
                stats.failed += 1
                failures.append(duplicate_id_failure(item.id, item.text, "ingest"))
            else:
                stats.unchanged += 1
            continue
        seen[item.id] = h
        yield item


def _count(stats: RunStats, results: list[Result]) -> None:
    for r in results:
        if isinstance(r, Failure):
            stats.failed += 1
            stats.failures.append(r.error)
        elif r.status == "skipped":
            stats.skipped += 1
            stats.words += len(r.text.split())
        else:
            stats.analyzed += 1
            stats.words += len(r.text.split())


def with_home(
    items: Iterable[Article | Failure | SkippedInput], home: str | None,
) -> Iterator[Article | Failure | SkippedInput]:
    """``items`` with ``home`` (the ``--home`` option) given to the articles that name none of their own."""
    for item in items:
        if home and isinstance(item, Article) and not item.home:
            item = dataclasses.replace(item, home=home)
        yield item


def analyze_paths(
    paths: list[str], settings: Settings, *, published: str | None = None, progress: Progress | None = None,
    home: str | None = None,
) -> Iterator[Result]:
    """Records (and failures) for every article under ``paths``; nothing is stored."""
    stats = RunStats()
    failures: list[Failure] = []
    batches = chunked(_split(with_home(iter_inputs(paths, published), home), stats, failures), settings.batch_size)
    for _batch, results in iter_results(batches, settings):
        yield from failures  # failures met while reading come out near the records around them
        failures.clear()
        _count(stats, results)
        if progress:
            progress(stats)
        yield from results
    yield from failures


def ingest_paths(
    paths: list[str],
    store: Store,
    settings: Settings,
    *,
    published: str | None = None,
    progress: Progress | None = None,
    on_batch: Callable[[list[ArticleRecord]], None] | None = None,
    home: str | None = None,
) -> RunStats:
    """Analyse and store every article under ``paths``. Safe to re-run: stored articles are not redone.

    Each batch is committed in one transaction, so a run killed midway resumes where it stopped.
    """
    return ingest_items(with_home(iter_inputs(paths, published), home), store, settings, progress=progress,
                        on_batch=on_batch)


def ingest_items(
    items: Iterable[Article | Failure | SkippedInput],
    store: Store,
    settings: Settings,
    *,
    progress: Progress | None = None,
    on_batch: Callable[[list[ArticleRecord]], None] | None = None,
    dedup: Deduper | None = None,
) -> RunStats:
    """``ingest_paths`` over articles already read (monitoring: pages fetched from feeds).

    ``on_batch`` is called with the records of each batch once it is committed (alerts are evaluated there).
    ``dedup``: an index opened earlier by the same writer (a watcher keeps one across polls), else one is opened.
    """
    stats = RunStats()
    failures: list[Failure] = []
    if dedup is None:
        dedup = open_index(store, settings)  # scale: None when settings.dedup is "off"

    def fresh_batches() -> Iterator[list[Article]]:
        for batch in chunked(_split(items, stats, failures), settings.batch_size):
            known = store.known_hashes(a.id for a in batch)
            todo = []
            for a in batch:
                if a.id not in known:
                    todo.append(a)
                elif known[a.id] == content_hash(a.text):
                    stats.unchanged += 1
                else:
                    stats.failed += 1
                    failures.append(duplicate_id_failure(a.id, a.text, "ingest"))
            if failures:
                store.write([], failures)
                failures.clear()
            if todo and dedup is not None:  # scale: reprints become story members and are not analysed
                todo, n_dups = group_batch(store, dedup, todo, settings)
                stats.duplicates += n_dups
            if todo:
                yield todo
        if failures:
            store.write([], failures)
            failures.clear()

    def on_results(_batch: list[Article], results: list[Result]) -> None:
        records = [r for r in results if isinstance(r, ArticleRecord)]
        bad = [r for r in results if isinstance(r, Failure)]
        written = store.write(records, bad)
        _count(stats, results)
        LOGGER.info("committed batch: %d records, %d failures", written, len(bad))
        if progress:
            progress(stats)

    t0 = time.perf_counter()
    for batch, results in iter_results(fresh_batches(), settings):
        on_results(batch, results)
        if on_batch is not None:
            on_batch([r for r in results if isinstance(r, ArticleRecord)])
    store.refresh_actors()  # cross-document actor names, recomputed from every stored entity
    stats.seconds = time.perf_counter() - t0
    return stats
