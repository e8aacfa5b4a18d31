"""Gold floor: amounts on MEANTIME VALUE markables, first 40 intra-document files by path, for speed.

Measured on this subset: span P 0.784, R 0.938, F1 0.854, kind accuracy 0.990, value accuracy 1.000 (all 120
files, see docs/README-text.md: P 0.889, R 0.940, F1 0.914, kind 0.982, value 0.992).
"""

from __future__ import annotations

import pytest

from newsgraph.eval import gold_sha256
from newsgraph.eval.amounts import evaluate_amounts, gold_files

pytestmark = [pytest.mark.gold, pytest.mark.model]

SUBSET = 40
GOLD_SHA256 = "1cc60752425204590eba7d9d3a6da1c722849b1e544bd1fabbb3c46bb41afe15"


def test_eval_amounts_meantime_floor(shared, nlp):  # type: ignore[no-untyped-def]
    data = shared / "data/meantime"
    assert gold_sha256(gold_files(data)[:SUBSET]) == GOLD_SHA256, "gold data changed: re-measure and re-pin"
    score = evaluate_amounts(data, nlp, limit=SUBSET)
    assert score.f1 >= 0.82
    assert score.recall >= 0.90
    assert score.kind_accuracy >= 0.96
    assert score.value_accuracy >= 0.97
