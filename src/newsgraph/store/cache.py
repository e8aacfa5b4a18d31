"""Read-query results cached per store version: every write bumps the version, so a cached answer is never stale.

The table ``store_version`` holds one row: a ``token`` drawn when the table is created (two databases never share
a key, even at one path over time) and a ``version`` that every change of what the queries read increments, in
the writer's transaction (``Store.write``, ``summaries.rebuild``) and once more after the full-text index has
caught up with a write (a search must not be cached against the index of the version before). Rows changed by hand
(``newsgraph sql``, a test's UPDATE) bump nothing: as for the summary tables, run ``refresh_actors``.

:class:`ResultCache` maps (database path, token, version, query, arguments) to the pickled answer, least recently
used out first, bounded in entries and bytes. Pickled: a hit hands back a fresh copy the caller may change, and
the size is known. One computation per key at a time: concurrent requests for the same answer wait for the first
(16 clients opening one actor's page compute it once). A database without the table (an older one opened
read-only) is not cached.

The cache is the app's (``create_app(cache=...)``): a Store carries one in ``Store.cache``; the library's own
Stores carry none and always run the SQL (the tests compare that SQL with the former queries).
"""

from __future__ import annotations

import functools
import logging
import pickle
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

import duckdb

LOGGER = logging.getLogger(__name__)

TABLE = "store_version"



class Readable(Protocol):
    """What a cached query reads of its store (store/duck.py's Store; named here without importing it)."""

    path: str
    con: duckdb.DuckDBPyConnection


P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound=Readable)


def create(con: duckdb.DuckDBPyConnection) -> None:
    """The version table with its one row (a new token, version 0), unless it exists."""
    con.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (token VARCHAR, version BIGINT)")
    if not con.execute(f"SELECT count(*) FROM {TABLE}").fetchall()[0][0]:
        con.execute(f"INSERT INTO {TABLE} VALUES (?, 0)", [uuid.uuid4().hex])


def bump(con: duckdb.DuckDBPyConnection) -> None:
    """One more version (in the caller's transaction, if any)."""
    con.execute(f"UPDATE {TABLE} SET version = version + 1")


def version(con: duckdb.DuckDBPyConnection) -> tuple[str, int] | None:
    """(token, version) of the database; None where it has no version table."""
    try:
        rows = con.execute(f"SELECT token, version FROM {TABLE}").fetchall()
    except duckdb.CatalogException:
        return None
    return (str(rows[0][0]), int(rows[0][1])) if rows else None


class ResultCache:
    """Answers of read queries per (database, version, query, arguments); thread-safe, LRU, bounded."""

    def __init__(self, max_entries: int = 512, max_bytes: int = 128_000_000) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._data: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._computing: dict[tuple[Any, ...], threading.Lock] = {}
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._data)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._bytes = 0

    def _get(self, key: tuple[Any, ...]) -> bytes | None:
        with self._lock:
            blob = self._data.get(key)
            if blob is not None:
                self._data.move_to_end(key)
                self.hits += 1
            return blob

    def _put(self, key: tuple[Any, ...], blob: bytes) -> None:
        with self._lock:
            if len(blob) > self.max_bytes // 4:  # one answer may not push out most of the others
                return
            old = self._data.pop(key, None)
            self._bytes -= len(old) if old is not None else 0
            self._data[key] = blob
            self._bytes += len(blob)
            while len(self._data) > self.max_entries or self._bytes > self.max_bytes:
                _, dropped = self._data.popitem(last=False)
                self._bytes -= len(dropped)

    def get_or_compute(self, key: tuple[Any, ...], compute: Callable[[], R]) -> R:
        """The cached answer for ``key``, else ``compute()``'s (cached); one computation per key at a time."""
        blob = self._get(key)
        if blob is None:
            with self._lock:
                gate = self._computing.setdefault(key, threading.Lock())
            with gate:  # a second request for the same key waits here for the first one's answer
                blob = self._get(key)
                if blob is None:
                    with self._lock:
                        self.misses += 1
                    try:
                        value = compute()
                        self._put(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
                    finally:
                        with self._lock:
                            self._computing.pop(key, None)
                    return value
        result: R = pickle.loads(blob)  # our own pickles, made in this process
        return result


def cached(fn: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """A query function whose answers are cached in ``store.cache`` (when it has one) per store version."""

    @functools.wraps(fn)
    def wrapper(store: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        cache: ResultCache | None = getattr(store, "cache", None)
        if cache is None:
            return fn(store, *args, **kwargs)
        at = version(store.con)
        if at is None:
            return fn(store, *args, **kwargs)
        key = (store.path, *at, fn.__qualname__, repr(args), repr(sorted(kwargs.items())))
        return cache.get_or_compute(key, lambda: fn(store, *args, **kwargs))

    return wrapper
