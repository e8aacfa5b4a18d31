"""Train the stance model on FNC-1 (``scripts/train_stance.py``), deterministically.

1. Split the pairs by Body ID (:func:`newsgraph.eval.stance.split_by_body`): the held-out fifth (``test``) is
   never read here. The rest (``train``) is split again, seeded, into ``fit`` and ``dev`` (a fifth of its bodies).
2. On ``fit``: fit the TF-IDF/LSA state, train LightGBM with early stopping on ``dev``; then tune the decision
   weights (one multiplier per class on the probabilities, maximising the FNC-1 score on ``dev``).
3. Refit the state and the trees on all of ``train`` with the chosen number of rounds; save with the weights.
"""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from newsgraph.claims.features import (
    FeatureState,
    content_tokens,
    feature_names,
    featurize,
    lexicon_sha256,
    sentences,
)
from newsgraph.claims.stance import LABELS, MODEL_NAME
from newsgraph.eval.stance import SPLIT_SEED, FncPair, files_sha256, read_fnc1, score_labels, split_by_body

LOGGER = logging.getLogger(__name__)

SEED = 14
#: extra weight per training pair by gold class (the rare related classes count more in the FNC-1 score)
CLASS_WEIGHTS = {"agree": 2.0, "disagree": 4.0, "discuss": 1.0, "unrelated": 0.5}
PARAMS: dict[str, Any] = {
    "objective": "multiclass", "num_class": len(LABELS), "learning_rate": 0.05, "num_leaves": 31,
    "min_data_in_leaf": 20, "feature_fraction": 0.7, "bagging_fraction": 0.8, "bagging_freq": 1,
    "lambda_l2": 1.0, "seed": SEED, "deterministic": True, "force_row_wise": True, "num_threads": 2,
    "verbose": -1,
}
MAX_ROUNDS = 2000
#: weight of the statement-sized copies of the training pairs (see :func:`statement_pairs`)
STATEMENT_WEIGHT = 0.3
STATEMENT_SENTENCES = 2
GRID = (0.6, 0.8, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0)


def _state_texts(pairs: Sequence[FncPair]) -> list[str]:
    return sorted({p.headline for p in pairs} | {p.body for p in pairs})


def statement_pairs(pairs: Sequence[FncPair]) -> list[FncPair]:
    """Statement-sized copies of the pairs, so the model also sees short texts (a quote, as ``newsgraph check``
    passes): each body cut to its :data:`STATEMENT_SENTENCES` sentences sharing most content words with the
    headline (in text order), with the pair's label. Noisy (the denial in a disagreeing body may sit elsewhere),
    hence their low weight; the early stopping and the decision weights are tuned on whole articles only."""
    out = []
    for p in pairs:
        head = set(content_tokens(p.headline))
        sents = sentences(p.body)
        ranked = sorted(range(len(sents)), key=lambda i: (-len(head & set(content_tokens(sents[i]))), i))
        keep = sorted(ranked[:STATEMENT_SENTENCES])
        out.append(FncPair(p.headline, p.body_id, " ".join(sents[i] for i in keep), p.stance))
    return out


def _matrix(state: FeatureState, pairs: Sequence[FncPair],
            statements: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = featurize(state, [(p.headline, p.body) for p in pairs])
    y = np.asarray([LABELS.index(p.stance) for p in pairs])
    w = np.asarray([CLASS_WEIGHTS[p.stance] for p in pairs])
    if statements:
        short = statement_pairs(pairs)
        x = np.vstack([x, featurize(state, [(p.headline, p.body) for p in short])])
        y = np.concatenate([y, y])
        w = np.concatenate([w, w * STATEMENT_WEIGHT])
    return x, y, w


def _decide(probs: np.ndarray, weights: np.ndarray) -> list[str]:
    return [LABELS[k] for k in np.argmax(probs * weights, axis=1)]


def tune_weights(probs: np.ndarray, gold: Sequence[str]) -> dict[str, float]:
    """Per-class multipliers (unrelated fixed at 1) maximising the FNC-1 score, ties to disagree F1."""
    best: tuple[float, float] = (-1.0, -1.0)
    chosen = (1.0, 1.0, 1.0)
    for a, d, s in itertools.product(GRID, GRID, GRID):
        w = np.asarray([a, d, s, 1.0])
        score = score_labels(gold, _decide(probs, w))
        key = (round(score.weighted, 4), score.prf("disagree")[2])
        if key > best:
            best, chosen = key, (a, d, s)
    return {"agree": chosen[0], "disagree": chosen[1], "discuss": chosen[2], "unrelated": 1.0}


def train(data: Path, out: Path) -> dict[str, Any]:
    import lightgbm as lgb

    names: list[str] | None = None
    rest, _held_out = split_by_body(read_fnc1(data))
    fit, dev = split_by_body(rest, seed=SPLIT_SEED + 1)
    LOGGER.info("train part %d pairs (fit %d, dev %d)", len(rest), len(fit), len(dev))

    state = FeatureState.fit(_state_texts(fit), seed=SEED)
    names = feature_names(state.components.shape[0])
    x_fit, y_fit, w_fit = _matrix(state, fit, statements=True)
    x_dev, y_dev, w_dev = _matrix(state, dev)
    booster = lgb.train(
        PARAMS, lgb.Dataset(x_fit, y_fit, weight=w_fit, feature_name=names), num_boost_round=MAX_ROUNDS,
        valid_sets=[lgb.Dataset(x_dev, y_dev, weight=w_dev, feature_name=names)],
        callbacks=[lgb.early_stopping(100, verbose=False)],
    )
    rounds = booster.best_iteration or MAX_ROUNDS
    dev_probs = np.asarray(booster.predict(x_dev, num_iteration=rounds))
    gold_dev = [LABELS[k] for k in y_dev]
    weights = tune_weights(dev_probs, gold_dev)
    plain = score_labels(gold_dev, _decide(dev_probs, np.ones(len(LABELS))))
    tuned = score_labels(gold_dev, _decide(dev_probs, np.asarray([weights[k] for k in LABELS])))
    LOGGER.info("dev: %d rounds, FNC %.4f (untuned %.4f), disagree F1 %.3f", rounds, tuned.weighted,
                plain.weighted, tuned.prf("disagree")[2])

    final_rounds = round(rounds * len(rest) / len(fit))
    state = FeatureState.fit(_state_texts(rest), seed=SEED)
    x, y, w = _matrix(state, rest, statements=True)
    booster = lgb.train(PARAMS, lgb.Dataset(x, y, weight=w, feature_name=names), num_boost_round=final_rounds)

    out.mkdir(parents=True, exist_ok=True)
    state.save(out)
    (out / "model.txt").write_text(booster.model_to_string(), encoding="utf-8")
    meta = {
        "model": MODEL_NAME, "labels": list(LABELS), "features": names, "decision_weights": weights,
        "trained_on": {"data": "FNC-1 (../shared/data/fnc1), train part (Body ID split, seed "
                       f"{SPLIT_SEED}, held-out fifth excluded)", "data_sha256": files_sha256(data),
                       "pairs": len(rest)},
        "rounds": final_rounds, "params": PARAMS, "class_weights": CLASS_WEIGHTS,
        "statement_copies": {"sentences": STATEMENT_SENTENCES, "weight": STATEMENT_WEIGHT},
        "dev": {"pairs": len(dev), "rounds": rounds, "fnc_score": round(tuned.weighted, 4),
                "fnc_score_untuned": round(plain.weighted, 4),
                "f1": {k: round(tuned.prf(k)[2], 4) for k in LABELS}},
        "lexicon_sha256": lexicon_sha256(), "lightgbm": lgb.__version__,
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return meta
