"""Gold floor for geoparsing: GeoWebNews and GeoVirus, pinned by the data's sha256.

Both corpora are development sets, split by document into seeded halves (``split_halves``): the rules were
studied on the ``study`` half only; the floors are on the ``heldout`` half, the one reported. To stay well under
a minute the test scores the first 40 held-out articles of each set; the full scores are in
docs/README-places.md (`newsgraph eval places --half heldout`). Floors sit a little below the subset's measured
scores (GeoWebNews F1 0.864 acc@161 0.899 mean error 340 km AUC 0.219; GeoVirus F1 0.894 acc@161 0.787 mean
error 891 km AUC 0.326; before the kind words, lists, qualifying names and capital datelines: F1 0.851 and
0.890, acc@161 0.894 and 0.782, AUC 0.226 and 0.328; before issue 16's work: acc@161 0.880 and 0.768, AUC 0.238
and 0.339).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.eval import gold_sha256
from newsgraph.eval.places import DATASETS, evaluate_places, load

GOLD_SHA256 = {
    "geowebnews": "655fcf2abe9f2d12627bd22908c3675920f00d2a02ab30950a3faa68a345d687",
    "geovirus": "2f8a928b9af4a44232493b37c5324bcb14a06873a4d97315cf3b2c7653ea06b1",
}
SUBSET = 40
#: (recognition F1, acc@161, AUC ceiling) on the first SUBSET articles of each held-out half
FLOORS = {"geowebnews:heldout": (0.855, 0.893, 0.226), "geovirus:heldout": (0.885, 0.780, 0.332)}


@pytest.fixture(scope="module")
def data(shared: Path) -> Path:
    folder = shared / "data/geowebnews"
    for name, file in DATASETS.items():
        assert gold_sha256(folder / file) == GOLD_SHA256[name], f"{file} changed: re-measure and re-pin the floors"
    return folder


@pytest.mark.gold
def test_eval_places_gold_loads(data: Path) -> None:
    gwn = load(data, "geowebnews")
    assert len(gwn) == 200 and sum(len(d.places) for d in gwn) == 2252
    # offsets slice to the annotated names (GeoVirus's are one off and corrected on load)
    pairs = [(d.text[p.start : p.end], p.text) for d in gwn + load(data, "geovirus") for p in d.places]
    assert sum(a == b for a, b in pairs) >= 0.99 * len(pairs)


@pytest.mark.gold
@pytest.mark.model
def test_eval_places_floor(data: Path) -> None:
    for scores in evaluate_places(data, ("geowebnews", "geovirus"), limit=SUBSET, half="heldout"):
        f1_floor, acc_floor, auc_ceiling = FLOORS[scores.dataset]
        assert scores.f1 >= f1_floor, f"{scores.dataset} recognition F1 {scores.f1:.3f} < {f1_floor}"
        assert scores.acc161 >= acc_floor, f"{scores.dataset} acc@161 {scores.acc161:.3f} < {acc_floor}"
        assert scores.auc <= auc_ceiling, f"{scores.dataset} AUC {scores.auc:.3f} > {auc_ceiling}"


def test_eval_places_error_measures_and_halves() -> None:
    from newsgraph.eval.places import (
        MAX_ERROR_KM,
        GoldDoc,
        GoldPlace,
        PredPlace,
        error_auc,
        resolution_errors,
        split_halves,
    )

    assert error_auc([0.0, 0.0]) == 0.0
    assert error_auc([MAX_ERROR_KM, MAX_ERROR_KM]) == pytest.approx(1.0)
    assert 0.0 < error_auc([0.0, 100.0, 1000.0]) < 0.5
    gold = [GoldDoc("d", "Kyiv and Lviv and Odesa", [GoldPlace(0, 4, "Kyiv", "Literal", 50.45, 30.52),
                                                     GoldPlace(9, 13, "Lviv", "Literal", 49.84, 24.03),
                                                     GoldPlace(18, 23, "Odesa", "Literal", None, None)])]
    preds = [[PredPlace(0, 4, 50.45, 30.52), PredPlace(9, 13, None, None), PredPlace(18, 23, 46.5, 30.7)]]
    assert resolution_errors(gold, preds) == [0.0, MAX_ERROR_KM]  # Odesa has no gold point: not counted
    docs = [GoldDoc(str(i), "", []) for i in range(11)]
    halves = split_halves(docs)
    assert len(halves["study"]) == 6 and len(halves["heldout"]) == 5
    assert {d.id for d in halves["study"]} | {d.id for d in halves["heldout"]} == {str(i) for i in range(11)}
    assert not {d.id for d in halves["study"]} & {d.id for d in halves["heldout"]}
    assert [d.id for d in split_halves(docs)["study"]] == [d.id for d in halves["study"]]  # seeded
