"""Gold floor: PLOVER events on 400 real VOA news sentences (``../shared/data/events-voa``), the main events measure.

The whole stories are analysed and the events inside the annotated sentences scored (see
``newsgraph.eval.events_gold``) at the default ``min_event_confidence``. Tuning and the confidence model use
``events-train`` only; events-voa is reported whole. Measured figures are in ``docs/README-events.md``; the floors
sit a little below them.
"""

from __future__ import annotations

import pytest

from newsgraph.eval.events_gold import data_hash, load_sentence_gold, score, split_half

pytestmark = [pytest.mark.gold, pytest.mark.model]

GOLD_SHA256 = "d04b0fc43435d3508abe552f8039542f36ae275da5357f839a29b990af298b7c"
TYPED_P_FLOOR = 0.80
TYPED_F1_FLOOR = 0.16
FULL_F1_FLOOR = 0.07


@pytest.fixture(scope="module")
def data(shared):  # type: ignore[no-untyped-def]
    return shared / "data/events-voa"


def test_events_voa_gold_data_is_pinned(data):  # type: ignore[no-untyped-def]
    assert data_hash(data) == GOLD_SHA256, "events-voa changed: re-measure and re-pin the floors"
    gold = load_sentence_gold(data)
    assert len(gold) == 400 and sum(len(g.events) for g in gold) == 323
    a, b = split_half(gold, "a"), split_half(gold, "b")
    assert len(a) + len(b) == 400 and not {g.doc for g in a} & {g.doc for g in b}


def test_events_voa_scorer_counts_matches_one_to_one(data):  # type: ignore[no-untyped-def]
    gold = [g for g in load_sentence_gold(data) if g.events][:1]
    sc = score(gold, [])
    assert sc.typed.gold == len(gold[0].events) and sc.typed.tp == 0 and sc.typed.prf == (0.0, 0.0, 0.0)


def test_events_voa_typed_and_full_floors(data, settings):  # type: ignore[no-untyped-def]
    from newsgraph.eval.events_gold import evaluate_sentence_events

    sc = evaluate_sentence_events(data, settings)
    p, _r, f1 = sc.typed.prf
    assert p >= TYPED_P_FLOOR, sc.typed
    assert f1 >= TYPED_F1_FLOOR, sc.typed
    assert sc.full.prf[2] >= FULL_F1_FLOOR, sc.full
