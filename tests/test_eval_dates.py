"""Gold floor: dates on TimeBank/AQUAINT (TBAQ-cleaned), first 40 files by path (all AQUAINT), for speed.

Measured on this subset: span P 0.946, R 0.946, F1 0.946, value accuracy 0.825 (all 256 files, see
docs/README-text.md: P 0.948, R 0.868, F1 0.906, value 0.859).
"""

from __future__ import annotations

import pytest

from newsgraph.eval import gold_sha256
from newsgraph.eval.dates import evaluate_dates, gold_files

pytestmark = [pytest.mark.gold, pytest.mark.model]

SUBSET = 40
GOLD_SHA256 = "5abb744ee78f4ad3d784208aa65e249dafcb42feb29bc9da1ec7c960cd65d6ae"


def test_eval_dates_timebank_floor(shared, nlp):  # type: ignore[no-untyped-def]
    data = shared / "data/timebank"
    assert gold_sha256(gold_files(data)[:SUBSET]) == GOLD_SHA256, "gold data changed: re-measure and re-pin"
    score = evaluate_dates(data, nlp, limit=SUBSET)
    assert score.gold == 278
    assert score.f1 >= 0.92
    assert score.precision >= 0.91
    assert score.value_accuracy >= 0.79
