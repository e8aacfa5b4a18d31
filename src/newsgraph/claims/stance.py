"""Stance of a text towards a claim: ``unrelated``, ``discuss``, ``agree`` or ``disagree`` (the FNC-1 labels).

What it expects: pairs of (claim, text). The claim is a short assertion (a headline, a user's claim: one
sentence). The text is either a whole article (what the model was trained on: FNC-1 headline/body pairs) or a
single statement (the content of a quote); a statement is read as a one-sentence article, so the features that
look for the sentences most like the claim read that sentence. The labels mean:

- ``unrelated``: the text is about something else;
- ``discuss``: the text is about the claim but takes no position (reports it, hedges);
- ``agree`` / ``disagree``: the text affirms / denies or debunks the claim.

Model: gradient-boosted trees (LightGBM) over hand features (:mod:`newsgraph.claims.features`), trained by
``scripts/train_stance.py`` from FNC-1; weights and feature state live in ``knowledge/models/stance/`` as
LightGBM's text model, JSON and ``.npy`` files (no pickle). It is loaded once, lazily, on first use, and runs
offline. On short statements it works outside its training distribution (FNC-1 bodies are articles), so treat
its confidence there as a ranking, not a calibrated probability.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from newsgraph.claims.features import FeatureState, feature_names, featurize, lexicon_sha256
from newsgraph.nlp.knowledge import bundled_dir

LOGGER = logging.getLogger(__name__)

MODEL_DIR = bundled_dir() / "models" / "stance"
LABELS = ("agree", "disagree", "discuss", "unrelated")
MODEL_NAME = "newsgraph.stance.v1"
#: pairs featurised together (texts shared by several claims are read once per chunk)
CHUNK = 512


@dataclass(frozen=True, slots=True)
class StanceResult:
    """One pair's stance: ``label``, the model's probability of it (``confidence``), all four probabilities
    (``probabilities``, in :data:`LABELS` order) and the model that produced it (``model``)."""

    label: str
    confidence: float
    probabilities: tuple[float, float, float, float]
    model: str = MODEL_NAME

    def to_dict(self) -> dict[str, object]:
        return {"stance": self.label, "confidence": round(self.confidence, 4),
                "probabilities": dict(zip(LABELS, (round(p, 4) for p in self.probabilities))), "model": self.model}


class StanceModel:
    """The trained model: feature state, LightGBM booster and the decision weights tuned on the dev part."""

    def __init__(self, folder: Path) -> None:
        import lightgbm as lgb

        meta_path = folder / "meta.json"
        if not meta_path.is_file():
            raise FileNotFoundError(f"no stance model in {folder} (train one with scripts/train_stance.py)")
        self.meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if tuple(self.meta["labels"]) != LABELS:
            raise ValueError(f"{meta_path}: labels {self.meta['labels']} differ from {LABELS}")
        self.state = FeatureState.load(folder)
        self.names = feature_names(self.state.components.shape[0])
        if self.meta["features"] != self.names:
            raise ValueError(f"{meta_path}: the model's features differ from this code's; retrain it")
        self.booster = lgb.Booster(model_str=(folder / "model.txt").read_text(encoding="utf-8"))
        self.weights = np.asarray([self.meta["decision_weights"][label] for label in LABELS], dtype=np.float64)
        if self.meta.get("lexicon_sha256") != lexicon_sha256():
            LOGGER.warning("knowledge/stance_words.tsv changed since the stance model was trained: retrain it")

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """(n, 4) class probabilities in :data:`LABELS` order."""
        out = []
        for start in range(0, len(pairs), CHUNK):
            x = featurize(self.state, pairs[start : start + CHUNK])
            out.append(np.asarray(self.booster.predict(x, num_threads=1), dtype=np.float64).reshape(len(x), -1))
        return np.vstack(out) if out else np.zeros((0, len(LABELS)))

    def classify(self, pairs: Iterable[tuple[str, str]]) -> list[StanceResult]:
        items = [(_check(c, "claim"), _check(t, "text")) for c, t in pairs]
        probs = self.probabilities(items)
        results = []
        for row in probs:
            k = int(np.argmax(row * self.weights))
            results.append(StanceResult(LABELS[k], float(row[k]), tuple(float(p) for p in row)))  # type: ignore[arg-type]
        return results


def _check(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string, not {type(value).__name__}")
    return value


@cache
def _cached(folder: Path) -> StanceModel:
    LOGGER.debug("loading the stance model from %s", folder)
    return StanceModel(folder)


def load_model(folder: Path | None = None) -> StanceModel:
    """The model in ``folder`` (default: the bundled one), loaded once per process."""
    return _cached((folder or MODEL_DIR).resolve())


def classify(pairs: Iterable[tuple[str, str]], model_dir: Path | None = None) -> list[StanceResult]:
    """Stance of each (claim, text) pair, in order. Texts may be whole articles or single statements."""
    return load_model(model_dir).classify(pairs)


def classify_pair(claim: str, text: str, model_dir: Path | None = None) -> StanceResult:
    """Stance of one text towards one claim."""
    return classify([(claim, text)], model_dir)[0]
