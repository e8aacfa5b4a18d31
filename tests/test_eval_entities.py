"""CoNLL-2003 scoring: the reader and the scorer on hand-made files, and the gold floor on the valid split.

Measured on valid (testa, 216 documents, 5,942 names; session 10): exact typed P 0.751 R 0.624 F1 0.682 (the model's
own spans: 0.645); PER 0.741, ORG 0.412, LOC 0.797, MISC 0.679. See docs/README-text.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.eval import gold_sha256
from newsgraph.eval.base import GoldDataError
from newsgraph.eval.entities import EntityScore, evaluate_entities, gold_file, parse_conll, score_document

GOLD_SHA256 = "c02eb19809eafb83998326a0481942eb37d96f31826ae387cfe8773699969f5b"

CONLL = """-DOCSTART- -X- -X- O

EU NNP B-NP B-ORG
rejects VBZ B-VP O
German JJ B-NP B-MISC
call NN I-NP O
. . O O

Peter NNP B-NP B-PER
Blackburn NNP I-NP I-PER
( ( O O
AP NNP B-NP B-ORG
) ) O O

-DOCSTART- -X- -X- O

BRUSSELS NNP B-NP B-LOC
1996-08-22 CD I-NP O
"""


def test_eval_entities_reads_documents_spans_and_spacing(tmp_path: Path) -> None:
    f = tmp_path / "valid.txt"
    f.write_text(CONLL, encoding="utf-8")
    docs = parse_conll(f)
    assert [d.text for d in docs] == ["EU rejects German call.\nPeter Blackburn (AP)", "BRUSSELS 1996-08-22"]
    assert [(docs[0].text[s:e], t) for s, e, t in docs[0].spans] == [
        ("EU", "ORG"), ("German", "MISC"), ("Peter Blackburn", "PER"), ("AP", "ORG")]
    assert [(docs[1].text[s:e], t) for s, e, t in docs[1].spans] == [("BRUSSELS", "LOC")]
    f.write_text("EU NNP B-ORG\n", encoding="utf-8")  # three columns
    with pytest.raises(GoldDataError, match="not a CoNLL-2003 line"):
        parse_conll(f)
    with pytest.raises(GoldDataError, match="unknown CoNLL-2003 split"):
        gold_file(tmp_path, "dev")


def test_eval_entities_levels_and_confusions() -> None:
    gold = [(0, 2, "ORG"), (11, 17, "MISC"), (24, 39, "PER")]
    pred = [(0, 2, "LOC"), (11, 17, "MISC"), (24, 29, "PER"), (50, 55, "ORG")]
    score = EntityScore(split="t")
    score_document(gold, pred, score)
    typed, exact, overlap = (score.levels[k] for k in ("exact typed", "exact", "overlap typed"))
    assert (typed.true_pos_pred, typed.predicted, typed.gold) == (1, 4, 3)
    assert (exact.true_pos_pred, exact.gold) == (2, 3)
    assert (overlap.true_pos_pred, overlap.matched_gold) == (2, 2)  # "Peter" overlaps "Peter Blackburn"
    assert score.confusions == {("ORG", "LOC"): 1}
    assert score.by_type["MISC"].f1 == 1.0 and score.by_type["ORG"].true_pos_pred == 0


@pytest.mark.gold
@pytest.mark.model
def test_eval_entities_conll_valid_floor(shared, nlp) -> None:  # type: ignore[no-untyped-def]
    data = shared / "data/conll2003"
    assert gold_sha256(gold_file(data, "valid")) == GOLD_SHA256, "gold data changed: re-measure and re-pin"
    score = evaluate_entities(data, nlp, "valid")
    typed = score.levels["exact typed"]
    assert score.documents == 216 and typed.gold == 5942
    assert typed.f1 >= 0.67 and typed.precision >= 0.74
    assert score.model is not None and typed.f1 > score.model.levels["exact typed"].f1  # the cleanup helps
