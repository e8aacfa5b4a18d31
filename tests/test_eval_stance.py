"""Gold floor: stance on FNC-1, the held-out fifth of the bodies (Body ID split, seed 14), which the committed
model was neither trained nor tuned on.

Measured (newsgraph eval stance --data ../shared/data/fnc1): 4,269 pairs, 142 bodies, FNC-1 weighted score
0.8948, F1 agree 0.608, disagree 0.509, discuss 0.855, unrelated 0.996.
"""

from __future__ import annotations

import pytest

from newsgraph.eval.stance import evaluate_stance, files_sha256

pytestmark = [pytest.mark.gold, pytest.mark.slow]

GOLD_SHA256 = "b6b337ef265cc9c588dbfb39e42d02d09ed18ed6fffe2e3e01c30057f31ec53a"


def test_eval_stance_fnc1_heldout_floor(shared):  # type: ignore[no-untyped-def]
    data = shared / "data/fnc1"
    assert files_sha256(data) == GOLD_SHA256, "gold data changed: re-measure and re-pin"
    score = evaluate_stance(data, "test")
    assert score.pairs == 4269 and score.bodies == 142
    assert score.weighted >= 0.88
    assert score.prf("disagree")[2] >= 0.45
    assert score.prf("agree")[2] >= 0.57
    assert score.prf("discuss")[2] >= 0.83
    assert score.prf("unrelated")[2] >= 0.98
