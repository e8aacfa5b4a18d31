"""Library entry points the CLI, API and benchmarks call: analyse paths, ingest paths into a store."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from newsgraph.batch import Result, RunStats, chunked, iter_results, process_batch
from newsgraph.dedup import Deduper
from newsgraph.ingest import iter_inputs
from newsgraph.ingest.skips import SkippedInput
from newsgraph.intake import Intake
from newsgraph.records import Article, ArticleRecord, Failure
from newsgraph.settings import Settings

if TYPE_CHECKING:
    from newsgraph.store.duck import Store

LOGGER = logging.getLogger(__name__)

Progress = Callable[[RunStats], None]


def analyze_text(text: str, settings: Settings | None = None, **meta: Any) -> ArticleRecord:
    """Analyse one text (id, title, url, source, published may be given). Raises on failure."""
    from newsgraph.errors import ExtractionError
    from newsgraph.ingest.articles import make_article

    article = make_article(text, **meta)
    (result,) = process_batch([article], settings or Settings())
    if isinstance(result, Failure):
        raise ExtractionError(result.error)
    return result


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
    intake = Intake(None, settings)
    batches = chunked(intake.read(with_home(iter_inputs(paths, published), home)), settings.batch_size)
    for _batch, results in iter_results(batches, settings):
        yield from intake.take_failures()  # failures met while reading come out near the records around them
        intake.count(results)
        if progress:
            progress(intake.stats)
        yield from results
    yield from intake.take_failures()


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
    # duplicate ids, stored hashes, reprint grouping, counting (intake.py)
    intake = Intake(store, settings, dedup=dedup)
    stats = intake.stats

    def fresh_batches() -> Iterator[list[Article]]:
        for batch in chunked(intake.read(items), settings.batch_size):
            if todo := intake.admit(batch):
                yield todo
        intake.flush()

    def on_results(_batch: list[Article], results: list[Result]) -> None:
        records = [r for r in results if isinstance(r, ArticleRecord)]
        bad = [r for r in results if isinstance(r, Failure)]
        written = store.write(records, bad)
        intake.count(results)
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
