"""The preamble the events gold-floor tests share (``test_eval_events.py``: PLOVER GSR; ``test_eval_events_voa.py``:
events-voa): their markers, a module-scoped fixture for the gold folder under ``../shared/data`` and the pin
check (a floor is only meaningful for the data it was measured on)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

GOLD_MARKS = [pytest.mark.gold, pytest.mark.model]


def gold_folder(name: str) -> Callable[..., Path]:
    """A module-scoped ``data`` fixture: ``../shared/data/<name>`` (skipped when ../shared is absent)."""

    @pytest.fixture(scope="module")
    def data(shared: Path) -> Path:
        return shared / "data" / name

    return data


def assert_pinned(actual: str, pinned: str, name: str) -> None:
    assert actual == pinned, f"{name} changed: re-measure and re-pin the floors"
