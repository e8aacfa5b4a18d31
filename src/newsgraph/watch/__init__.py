"""Follow sources and keep the database current: ``newsgraph watch`` and ``newsgraph serve --watch``.

``Watcher(sources, store, settings).run(...)`` polls every source every ``every`` seconds. What a poll finds
new goes through the same ingest as ``newsgraph ingest`` (de-duplication, analysis, one transaction per batch);
after each batch the alert rules are evaluated and their webhooks called. All state is in the database: the
watch tables (watch/state.py), the stored articles (one per id) and the alerts' watermark, so a watcher killed
at any point (kill -9 included) resumes without losing or duplicating anything.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from newsgraph.batch import RunStats
from newsgraph.dedup import Deduper
from newsgraph.errors import NewsgraphError, SettingsError
from newsgraph.records import ArticleRecord, Failure
from newsgraph.settings import Settings
from newsgraph.store import alerts
from newsgraph.store.duck import Store
from newsgraph.store.stories import open_index
from newsgraph.watch import state
from newsgraph.watch.sources import FeedSource, FolderSource, source_for

LOGGER = logging.getLogger(__name__)

__all__ = ["CycleStats", "FeedSource", "FolderSource", "Watcher", "parse_every", "source_for"]

_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$", re.I)
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """'10m' -> 600.0; '30s', '1h', '90' (seconds) and '0.5s' work too."""
    m = _EVERY.match(text)
    if not m:
        raise SettingsError(f"--every {text!r}: use a number of seconds or 30s, 10m, 1h")
    seconds = float(m[1]) * _UNIT[(m[2] or "s").lower()]
    if seconds <= 0:
        raise SettingsError(f"--every {text!r}: must be more than 0")
    return seconds


@dataclass(slots=True)
class CycleStats:
    cycle: int = 0
    polls: int = 0
    stored: int = 0  # analysed, skipped and duplicate articles newly stored
    unchanged: int = 0
    failed: int = 0
    alerts: int = 0
    delivered: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"cycle": self.cycle, "polls": self.polls, "stored": self.stored, "unchanged": self.unchanged,
                "failed": self.failed, "alerts": self.alerts, "delivered": self.delivered,
                "errors": self.errors[:20]}


class Watcher:
    """The single writer of a monitored database."""

    def __init__(
        self,
        sources: Sequence[FolderSource | FeedSource],
        store: Store,
        settings: Settings,
        *,
        every: float = 600.0,
        on_cycle: Callable[[CycleStats], None] | None = None,
    ) -> None:
        if not sources:
            raise NewsgraphError("nothing to watch: give at least one folder, file or feed URL")
        self.sources = list(sources)
        self.store = store
        self.settings = settings
        self.every = every
        self.on_cycle = on_cycle
        self.cycles = 0
        self._dedup: Deduper | None = None  # opened on the first poll with news, kept: the watcher is the writer
        state.create_tables(store)
        alerts.create_tables(store)

    def _after_batch(self, stats: CycleStats) -> Callable[[list[ArticleRecord]], None]:
        def hook(_records: list[ArticleRecord]) -> None:
            self._alerts(stats)

        return hook

    def _alerts(self, stats: CycleStats) -> None:
        from newsgraph.notify import deliver_pending

        stats.alerts += len(alerts.evaluate(self.store))
        ok, _bad = deliver_pending(self.store)
        stats.delivered += ok

    def run_once(self) -> CycleStats:
        """Poll every source once and store what is new."""
        from newsgraph.runner import ingest_items

        self.cycles += 1
        stats = CycleStats(cycle=self.cycles)
        self._alerts(stats)  # a batch stored just before a kill is evaluated now
        for source in self.sources:
            try:
                poll = source.poll(self.store)
            except NewsgraphError as exc:
                stats.errors.append(str(exc))
                self.store.write([], [Failure(origin=source.name, stage="watch", error=str(exc))])
                LOGGER.warning("%s", exc)
                continue
            if poll is None:
                continue
            stats.polls += 1
            LOGGER.info("%s", poll.what)
            if self._dedup is None:
                self._dedup = open_index(self.store, self.settings)
            run: RunStats = ingest_items(poll.items, self.store, self.settings, on_batch=self._after_batch(stats),
                                         dedup=self._dedup)
            poll.done(self.store)
            stats.stored += run.analyzed + run.skipped + run.duplicates
            stats.unchanged += run.unchanged
            stats.failed += run.failed
        self._alerts(stats)
        if self.on_cycle is not None:
            self.on_cycle(stats)
        return stats

    def run(self, stop: threading.Event | None = None, *, cycles: int | None = None) -> None:
        """Poll until ``stop`` is set or ``cycles`` polls are done."""
        stop = stop or threading.Event()
        n = 0
        while not stop.is_set():
            t0 = time.monotonic()
            try:
                self.run_once()
            except NewsgraphError as exc:
                LOGGER.error("watch cycle failed: %s", exc)
            n += 1
            if cycles is not None and n >= cycles:
                return
            stop.wait(max(0.0, self.every - (time.monotonic() - t0)))
