"""The Ray engine's actor: builds the pipeline once, then runs ``process_batch`` on each slice of input items.

A module of its own so that an actor imports only what the analysis needs. The records go back pickled, as the
local pool's workers send theirs, and the driver turns them into part rows: building Arrow tables in the actor
raised its peak memory by about 100 MB (pandas, and Arrow's allocations on top of the parser's). Ray's own
serializer still imports pyarrow into every worker.
"""

from __future__ import annotations

import gc

from newsgraph.batch import Result, get_pipeline, process_batch
from newsgraph.records import Article, Failure
from newsgraph.settings import Settings


class Analyzer:
    """One per Ray actor; ``ray.remote`` is applied by the engine, so this module does not import Ray."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        get_pipeline(settings)
        # the pipeline lives as long as the actor: keep its objects out of every later garbage collection
        gc.freeze()

    def analyze(self, items: list[Article | Failure]) -> list[Result]:
        """A record or failure per article, in order; input failures (unreadable lines) pass through."""
        done = iter(process_batch([it for it in items if isinstance(it, Article)], self.settings))
        return [next(done) if isinstance(it, Article) else it for it in items]
