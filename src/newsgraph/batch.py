"""The unit of work is a batch: ``process_batch(articles, settings)`` is what every path runs.

Local single-process runs, ``--workers N`` process pools and distributed engines all call the same function,
which loads the model once per process. A document that fails becomes a ``Failure`` and the batch goes on.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import ExtractionError
from newsgraph.ingest.lang import detect_language
from newsgraph.nlp.convert import doc_to_record, skipped_record
from newsgraph.nlp.pipeline import analyzer_id, build_pipeline
from newsgraph.nlp.places import set_home
from newsgraph.records import Article, ArticleRecord, Failure
from newsgraph.settings import Settings

LOGGER = logging.getLogger(__name__)

Result = ArticleRecord | Failure
T = TypeVar("T")

_PIPELINES: dict[Settings, Language] = {}


def get_pipeline(settings: Settings) -> Language:
    """The pipeline for these settings, built once per process."""
    nlp = _PIPELINES.get(settings)
    if nlp is None:
        nlp = _PIPELINES[settings] = build_pipeline(settings)
    return nlp


def _check(article: Article, settings: Settings) -> tuple[str, str | None]:
    """(language, reason to skip or None). Raises ExtractionError for articles that cannot be analysed."""
    if len(article.text) > settings.max_chars:
        raise ExtractionError(
            f"article is {len(article.text):,} characters; the limit is {settings.max_chars:,} "
            "(setting max_chars). Split it or raise the limit."
        )
    lang, prob = detect_language(article.text, min_chars=settings.min_chars_for_language)
    if lang not in settings.languages:
        return lang, (
            f"language detected as {lang!r} (confidence {prob:.2f}); only {', '.join(settings.languages)} "
            "is analysed with the English model"
        )
    return lang, None


def _analyze_one(nlp: Language, article: Article, language: str, analyzer: str) -> ArticleRecord:
    doc = nlp.make_doc(article.text)
    doc._.ng_published = article.published
    set_home(doc, article)
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc_to_record(doc, article, language=language, analyzer=analyzer)


def process_batch(articles: list[Article], settings: Settings | None = None) -> list[Result]:
    """Analyse a batch. Returns one ArticleRecord or Failure per article, in order."""
    settings = settings or Settings()
    nlp = get_pipeline(settings)
    analyzer = analyzer_id(settings)
    results: list[Result | None] = [None] * len(articles)
    todo: list[tuple[int, str]] = []
    for i, art in enumerate(articles):
        try:
            lang, reason = _check(art, settings)
        except ExtractionError as exc:
            results[i] = Failure(origin=art.origin or art.id, stage="analyze", error=str(exc), id=art.id, text=art.text)
            continue
        if reason:
            results[i] = skipped_record(art, language=lang, reason=reason, analyzer=analyzer)
        else:
            todo.append((i, lang))
    if todo:

        def docs() -> Iterator[Doc]:
            for i, _ in todo:
                doc = nlp.make_doc(articles[i].text)
                doc._.ng_published = articles[i].published
                set_home(doc, articles[i])
                yield doc

        try:
            # each doc becomes a record as soon as it leaves the pipeline, so a batch never holds parsed docs
            for (i, lang), doc in zip(todo, nlp.pipe(docs(), batch_size=settings.pipe_batch_size), strict=True):
                results[i] = doc_to_record(doc, articles[i], language=lang, analyzer=analyzer)
        except Exception:  # one bad document must not sink the batch: redo one by one to isolate it
            LOGGER.warning("batch failed; analysing its %d articles one by one", len(todo), exc_info=True)
            for i, lang in todo:
                art = articles[i]
                try:
                    results[i] = _analyze_one(nlp, art, lang, analyzer)
                except Exception as exc:  # noqa: BLE001 - recorded, with its type, as the document's failure
                    results[i] = Failure(
                        origin=art.origin or art.id,
                        stage="analyze",
                        error=f"{type(exc).__name__}: {exc}",
                        id=art.id,
                        text=art.text,
                    )
    return [r for r in results if r is not None]


# ---- running many batches ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class RunStats:
    read: int = 0
    analyzed: int = 0
    skipped: int = 0  # not analysed: other language
    unchanged: int = 0  # already stored with the same text
    failed: int = 0
    words: int = 0  # words of the analysed articles (intake.word_count), the same for every engine
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    # scale: input records that are not articles (WARC requests, PDFs, feed items without text), per reason
    not_articles: dict[str, int] = field(default_factory=dict)
    # scale: reprints grouped with an earlier story and not analysed (dedup.py)
    duplicates: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "read": self.read, "analyzed": self.analyzed, "skipped": self.skipped, "unchanged": self.unchanged,
            "failed": self.failed, "words": self.words, "seconds": round(self.seconds, 2),
            "duplicates": self.duplicates, "not_articles": dict(sorted(self.not_articles.items())),
        }


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _worker_init(settings: Settings) -> None:
    get_pipeline(settings)


def _worker_run(args: tuple[list[Article], Settings]) -> list[Result]:
    batch, settings = args
    return process_batch(batch, settings)


def iter_results(batches: Iterable[list[Article]], settings: Settings) -> Iterator[tuple[list[Article], list[Result]]]:
    """(batch, results) for each batch, in input order, using ``settings.workers`` processes.

    Workers share nothing but the input queue; the caller (one writer) receives every result. With several
    workers each batch is handed out in slices of ``pipe_batch_size`` articles, so that no worker waits at the end
    of a run while another finishes a whole batch; the caller still gets whole batches, in order.
    """
    if settings.workers <= 1:
        for batch in batches:
            yield batch, process_batch(batch, settings)
        return
    # fork where the platform has it: workers inherit the pipeline loaded here (copy-on-write) instead of each
    # loading the model, the gazetteer and the dictionaries again; spawn elsewhere, loading once per worker
    if "fork" in mp.get_all_start_methods():
        get_pipeline(settings)
        ctx: BaseContext = mp.get_context("fork")
    else:
        ctx = mp.get_context("spawn")
    step = max(1, settings.pipe_batch_size)
    with ctx.Pool(settings.workers, initializer=_worker_init, initargs=(settings,)) as pool:
        pending: list[tuple[list[Article], int]] = []  # (batch, number of slices), in input order

        def feed() -> Iterator[tuple[list[Article], Settings]]:
            for b in batches:
                slices = list(chunked(b, step)) or [b]
                pending.append((b, len(slices)))
                for piece in slices:
                    yield piece, settings

        done: list[Result] = []
        received = 0
        for results in pool.imap(_worker_run, feed(), chunksize=1):
            done.extend(results)
            received += 1
            batch, n_slices = pending[0]
            if received == n_slices:
                pending.pop(0)
                yield batch, done
                done, received = [], 0
