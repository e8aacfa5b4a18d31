"""One writer, many readers, one process: a DuckDB database held open once and shared by cursors.

DuckDB lets one process hold a database file for writing (a second process gets "Could not set lock on file").
Inside that process, every ``cursor()`` of the connection is a separate connection to the same database with
its own transactions (MVCC): a reader's cursor sees the last committed state while the writer's cursor is in
the middle of a batch. ``SharedStore`` opens the file once, read-write, hands the single writer its own cursor
and every request a fresh one, so ``newsgraph serve --watch`` ingests while pages and API calls keep reading
(datasette's model).

Another process that finds the file held gets ``store.busy.busy_message``: what to run instead.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from newsgraph.store.duck import Store

LOGGER = logging.getLogger(__name__)


class CursorStore(Store):
    """A Store over its own cursor of an open Store (a separate connection to the same database)."""

    def __init__(self, parent: Store, *, read_only: bool = True) -> None:
        self.path = parent.path
        self.read_only = read_only
        self.con = parent.con.cursor()
        self._column_memo = parent._column_memo  # the parent's tables


class SharedStore:
    """The database opened once, read-write, for one writer thread and any number of reader cursors."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._base = Store(self.path)  # creates the tables; held until close()
        self._lock = threading.Lock()  # cursors are made one at a time
        self._writer: CursorStore | None = None

    @property
    def base(self) -> Store:
        """The database's own store (its settings are the database's: ``SET threads``)."""
        return self._base

    def reader(self) -> CursorStore:
        """A new cursor for one request; close it when done. Nothing is written through it by the app."""
        with self._lock:
            return CursorStore(self._base)

    def writer(self) -> CursorStore:
        """The one writer's store (the same object on every call)."""
        with self._lock:
            if self._writer is None:
                self._writer = CursorStore(self._base, read_only=False)
            return self._writer

    def close(self) -> None:
        with self._lock:
            if self._writer is not None:
                self._writer.close()
                self._writer = None
            self._base.close()
