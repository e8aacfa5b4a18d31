"""The stance classifier's interface, model files and the ``newsgraph stance`` command (no gold data needed)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from newsgraph.claims.features import FeatureState, feature_names, featurize, lexicon, sentences
from newsgraph.claims.stance import LABELS, MODEL_DIR, StanceResult, classify, classify_pair, load_model
from newsgraph.cli import app
from newsgraph.eval.stance import FncPair, fnc_score, score_labels, split_by_body

CLAIM = "Apple to buy Tesla for $100 billion"
UNRELATED = "The city council voted on Tuesday to repair three bridges over the river before winter, officials said."
HEDGED = ("Apple may buy Tesla for $100 billion, according to unconfirmed reports. Neither company would comment "
          "on the rumours.")


def test_stance_model_files_are_small_and_not_pickled() -> None:
    files = {p.name: p.stat().st_size for p in MODEL_DIR.iterdir()}
    assert set(files) == {"meta.json", "model.txt", "vocabulary.json", "idf.npy", "svd_components.npy"}
    assert sum(files.values()) < 10_000_000
    for name in ("idf.npy", "svd_components.npy"):
        np.load(MODEL_DIR / name, allow_pickle=False)


def test_stance_load_model_is_cached() -> None:
    assert load_model() is load_model()


def test_stance_classify_unrelated_and_related() -> None:
    results = classify([(CLAIM, UNRELATED), (CLAIM, HEDGED)])
    assert [r.label for r in results] == ["unrelated", "discuss"]
    for r in results:
        assert isinstance(r, StanceResult)
        assert r.label in LABELS and 0.0 <= r.confidence <= 1.0
        assert sum(r.probabilities) == pytest.approx(1.0, abs=1e-6)
        assert r.confidence == r.probabilities[LABELS.index(r.label)]
    assert results[0].confidence > 0.9


def test_stance_classify_pair_matches_batch_and_statements_work() -> None:
    one = classify_pair(CLAIM, HEDGED)
    assert one == classify([(UNRELATED, CLAIM), (CLAIM, HEDGED)])[1]
    statement = classify_pair("The minister resigned", "The minister resigned on Friday.")
    assert statement.label != "unrelated"
    assert classify([]) == []


def test_stance_classify_rejects_non_strings() -> None:
    with pytest.raises(TypeError, match="text must be a string"):
        classify([(CLAIM, None)])  # type: ignore[list-item]


def test_stance_features_are_deterministic_and_state_round_trips(tmp_path) -> None:  # type: ignore[no-untyped-def]
    texts = [UNRELATED, HEDGED, CLAIM, "Tesla denied the report. It called the story fake.", "Apple said nothing."]
    state = FeatureState.fit(texts, max_features=200, n_components=3, seed=0)
    state.save(tmp_path)
    loaded = FeatureState.load(tmp_path)
    pairs = [(CLAIM, t) for t in texts]
    a, b = featurize(state, pairs), featurize(loaded, pairs)
    assert a.shape == (len(pairs), len(feature_names(3)))
    np.testing.assert_allclose(a, b, atol=1e-3)  # components are stored as float16
    np.testing.assert_array_equal(a, featurize(state, pairs))


def test_stance_lexicon_and_sentences() -> None:
    lex = lexicon()
    assert lex["hoax"] == "refute" and lex["allegedly"] == "hedge" and lex["not"] == "negation"
    assert sentences("One thing. Another thing! \"A quote.\" Last") == ["One thing.", "Another thing!",
                                                                        "\"A quote.\"", "Last"]


def test_stance_fnc_score_and_split() -> None:
    assert fnc_score(["unrelated", "agree", "discuss"], ["unrelated", "discuss", "discuss"]) == (1.5, 2.25)
    s = score_labels(["agree", "disagree", "unrelated"], ["agree", "agree", "unrelated"])
    assert s.prf("agree") == (0.5, 1.0, pytest.approx(2 / 3))
    pairs = [FncPair("h", i % 10, "b", "unrelated") for i in range(50)]
    rest, held = split_by_body(pairs)
    assert {p.body_id for p in rest}.isdisjoint({p.body_id for p in held})
    assert len({p.body_id for p in held}) == 2 and len(rest) + len(held) == 50
    assert split_by_body(pairs) == (rest, held)


def test_stance_cli_reports_malformed_lines_and_goes_on(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a", "claim": CLAIM, "text": UNRELATED}),
        "{not json",
        json.dumps({"id": "b", "claim": CLAIM}),
        json.dumps([1, 2]),
        "",
        json.dumps({"id": 7, "claim": CLAIM, "text": HEDGED}),
    ]) + "\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["stance", str(path)])
    assert out.exit_code == 1
    lines = [json.loads(x) for x in out.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["a", 7]
    assert [x["stance"] for x in lines] == ["unrelated", "discuss"]
    assert all(set(x) == {"id", "stance", "confidence"} for x in lines)
    assert "line 2: not JSON" in out.stderr
    assert "line 3: missing key(s): text" in out.stderr
    assert "line 4: expected an object, got list" in out.stderr


def test_stance_cli_missing_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = CliRunner().invoke(app, ["stance", str(tmp_path / "nope.jsonl")])
    assert out.exit_code == 1
    assert "error:" in out.stderr
