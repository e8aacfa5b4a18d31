"""The read-only store that the API routes (api/routes.py) and the pages (web/pages.py) both depend on.

``Stores`` opens the database once, on first use, and hands each request its own cursor; ``StoreDep`` is the
FastAPI dependency that yields that per-request store and closes it when the request ends. The app factory
(api/app.py) puts a ``Stores`` on ``app.state.stores`` and includes both routers, so neither router imports
the other.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Query, Request

from newsgraph.records import CUE_CLASSES
from newsgraph.store.cache import ResultCache
from newsgraph.store.duck import Store
from newsgraph.store.shared import SharedStore


class CursorStore(Store):
    """A Store over its own cursor (a separate DuckDB connection to the same database) for one request.

    A DuckDB connection refuses a second call while one runs, and FastAPI may resolve a dependency and run the
    route on different threads, so every request gets its own cursor, closed when the request ends.
    """

    def __init__(self, parent: Store, cache: ResultCache | None = None) -> None:
        self.path = parent.path
        self.read_only = True
        self.con = parent.con.cursor()
        self._column_memo = parent._column_memo  # the parent's tables
        self.cache = cache


class Stores:
    """The read-only database, opened on first use; ``open()`` hands out a per-request CursorStore.

    ``close()`` (app shutdown) closes it; a later request opens it again (test clients restart apps). With
    ``shared`` (``serve --watch``), requests read through cursors of the database the writer holds open.
    ``cache``: the answers of the read queries, shared by every request (store/cache.py), or None.
    ``threads``: DuckDB's threads for the database (setting ``server_threads``; None: DuckDB's default, every
    core). A DuckDB setting of the database, not of a cursor: with ``shared`` the writer's too."""

    def __init__(self, path: str | Path, shared: SharedStore | None = None, cache: ResultCache | None = None,
                 threads: int | None = None) -> None:
        self.path = str(path)
        self.cache = cache
        self.threads = threads
        self._base: Store | None = None
        self._lock = threading.Lock()
        self.shared = shared  # serve --watch: the writer's database in this process (not closed here)
        if shared is not None:
            self._set_threads(shared.base)

    def _set_threads(self, store: Store) -> None:
        if self.threads is not None:
            store.con.execute(f"SET threads = {int(self.threads)}")

    def open(self) -> Store:
        if self.shared is not None:
            reader = self.shared.reader()
            reader.cache = self.cache
            return reader
        with self._lock:
            if self._base is None:
                self._base = Store(self.path, read_only=True)
                self._set_threads(self._base)
            return CursorStore(self._base, self.cache)

    def close(self) -> None:
        with self._lock:
            if self._base is not None:
                self._base.close()
                self._base = None


def store(request: Request) -> Iterator[Store]:
    """A read-only store on its own cursor for this request, closed when the request ends."""
    db = request.app.state.stores.open()
    try:
        yield db
    finally:
        db.close()


StoreDep = Annotated[Store, Depends(store)]


def _setting(request: Request, name: str) -> float:
    """The app's confidence setting ``name`` (``newsgraph serve --config``; the defaults without one)."""
    from newsgraph.settings import Settings

    settings = getattr(request.app.state, "settings", None) or Settings()
    return float(getattr(settings, name))


def shown_confidence(
    request: Request,
    min_confidence: Annotated[float | None, Query(
        ge=0, le=1, description="leave out events below this confidence (default: setting min_event_confidence; "
        "0 shows all)")] = None,
) -> float:
    """The confidence events must reach to be shown and counted: the request's ``min_confidence``, else the
    app's setting ``min_event_confidence``."""
    return _setting(request, "min_event_confidence") if min_confidence is None else min_confidence


MinConfidence = Annotated[float, Depends(shown_confidence)]


def shown_quote_confidence(
    request: Request,
    min_confidence: Annotated[float | None, Query(
        ge=0, le=1, description="leave out quotes naming a speaker scored below this confidence (default: setting "
        "min_quote_confidence; 0 shows all; a quote naming no one, or without a confidence, is always shown)")] = None,
) -> float:
    """The confidence quotes naming a speaker must reach to be listed: the request's ``min_confidence``, else the
    app's setting ``min_quote_confidence``."""
    return _setting(request, "min_quote_confidence") if min_confidence is None else min_confidence


MinQuoteConfidence = Annotated[float, Depends(shown_quote_confidence)]


def quote_setting(request: Request) -> float:
    """The app's setting ``min_quote_confidence``, for pages and routes whose ``min_confidence`` is the events'
    (an actor's page: its quotes are listed at the setting)."""
    return _setting(request, "min_quote_confidence")


QuoteSetting = Annotated[float, Depends(quote_setting)]


_CLASS = "|".join(CUE_CLASSES)


def shown_cue_classes(
    cue_class: Annotated[str, Query(
        pattern=rf"^(all|({_CLASS})(,({_CLASS}))*)$",
        description="what kind of attributions: 'speech' (statements: said, told, denied; the default), any of "
        f"{', '.join(CUE_CLASSES)} separated by commas, or 'all'")] = "speech",
) -> tuple[str, ...] | None:
    """The quote classes (``Quote.cue_class``) a request shows: statements unless asked; None for every class."""
    return None if cue_class == "all" else tuple(dict.fromkeys(cue_class.split(",")))


CueClasses = Annotated[tuple[str, ...] | None, Depends(shown_cue_classes)]
