"""Scorers for each gold set: ``newsgraph eval <task> --data PATH``. The shared pieces are in :mod:`.base`."""

from __future__ import annotations

from newsgraph.eval.base import (
    PRF,
    Counts,
    GoldDataError,
    Report,
    SpanScores,
    fmt,
    gold_sha256,
    pipe_anchored,
    prf,
    require_gold,
    share,
)

__all__ = [
    "PRF", "Counts", "GoldDataError", "Report", "SpanScores", "fmt", "gold_sha256", "pipe_anchored", "prf",
    "require_gold", "share",
]
