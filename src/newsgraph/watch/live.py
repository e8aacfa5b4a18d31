"""``serve --watch``: the watcher as the one writer in a thread of the serving process.

The database is opened once (``SharedStore``); the watcher writes through its own cursor, every request reads
through a fresh one, so reads never wait for a batch and never see half of one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

from newsgraph.settings import Settings
from newsgraph.store.shared import SharedStore
from newsgraph.watch import Watcher, source_for

LOGGER = logging.getLogger(__name__)


class LiveWatch:
    def __init__(self, settings: Settings, sources: Sequence[str], *, every: float) -> None:
        self.shared = SharedStore(settings.db)
        try:
            self.watcher = Watcher([source_for(s) for s in sources], self.shared.writer(), settings, every=every)
        except Exception:
            self.shared.close()
            raise
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="newsgraph-watch", daemon=True)

    def _run(self) -> None:
        try:
            self.watcher.run(self._stop)
        except Exception:
            LOGGER.exception("the watcher stopped")

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 60.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        if not self._thread.is_alive():
            self.shared.close()
