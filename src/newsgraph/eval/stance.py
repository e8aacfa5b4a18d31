"""Score the stance classifier on FNC-1 (Fake News Challenge stage 1): headline/body pairs labelled unrelated,
discuss, agree or disagree.

The folder (``../shared/data/fnc1``) holds ``bodies.csv`` (Body ID, articleBody) and ``stances.csv`` (Headline,
Body ID, Stance). The pairs are split by Body ID, seeded (:data:`SPLIT_SEED`): a fifth of the bodies and all their
pairs are the held-out part (``test``), on which the committed model was never trained nor tuned; the rest is
``train`` (the training script tunes on a further seeded fifth of the train bodies, ``dev``, then refits on all
of ``train``).

Measures, as the official scorer defines them: the weighted score (per pair +0.25 when unrelated/related is
right, +0.75 more when a related pair gets exactly its related label; divided by the score of a perfect
labelling), per-class precision, recall and F1, macro F1, and the confusion matrix (rows gold, columns predicted).
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.eval.base import gold_sha256, prf

__all__ = ["LABELS", "FncPair", "StanceScore", "evaluate_stance", "files_sha256", "fnc_score", "read_fnc1",
           "split_by_body"]

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED = frozenset(("agree", "disagree", "discuss"))
SPLIT_SEED = 14
TEST_FRACTION = 0.2


@dataclass(frozen=True, slots=True)
class FncPair:
    headline: str
    body_id: int
    body: str
    stance: str


def _csv_rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise FileNotFoundError(f"FNC-1 file not found: {path}")
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def read_fnc1(data: Path) -> list[FncPair]:
    """All labelled pairs of the folder, in file order."""
    bodies = {int(r["Body ID"]): r["articleBody"] for r in _csv_rows(data / "bodies.csv")}
    pairs = []
    for r in _csv_rows(data / "stances.csv"):
        stance = r["Stance"].strip()
        if stance not in LABELS:
            raise ValueError(f"{data / 'stances.csv'}: unknown stance {stance!r}")
        body_id = int(r["Body ID"])
        pairs.append(FncPair(r["Headline"], body_id, bodies[body_id], stance))
    return pairs


def files_sha256(data: Path) -> str:
    """:func:`~newsgraph.eval.base.gold_sha256` of the two FNC-1 files."""
    return gold_sha256([data / "bodies.csv", data / "stances.csv"])


def split_by_body(pairs: Sequence[FncPair], fraction: float = TEST_FRACTION,
                  seed: int = SPLIT_SEED) -> tuple[list[FncPair], list[FncPair]]:
    """(rest, held out): the held-out part is ``fraction`` of the distinct Body IDs, drawn with ``seed``."""
    ids = sorted({p.body_id for p in pairs})
    random.Random(seed).shuffle(ids)
    held = set(ids[: round(len(ids) * fraction)])
    return [p for p in pairs if p.body_id not in held], [p for p in pairs if p.body_id in held]


def fnc_score(gold: Iterable[str], predicted: Iterable[str]) -> tuple[float, float]:
    """(score, best possible score) by the official FNC-1 weighting."""
    score = best = 0.0
    for g, p in zip(gold, predicted, strict=True):
        best += 0.25 if g == "unrelated" else 1.0
        if g == p:
            score += 0.25 if g == "unrelated" else 1.0
        elif g in RELATED and p in RELATED:
            score += 0.25
    return score, best


@dataclass(slots=True)
class StanceScore:
    pairs: int = 0
    bodies: int = 0
    score: float = 0.0
    best: float = 0.0
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds_per_pair: float = 0.0

    @property
    def weighted(self) -> float:
        """The FNC-1 score relative to a perfect labelling (0..1)."""
        return self.score / self.best if self.best else 0.0

    @property
    def accuracy(self) -> float:
        right = sum(self.confusion[g][g] for g in LABELS)
        return right / self.pairs if self.pairs else 0.0

    def prf(self, label: str) -> tuple[float, float, float]:
        tp = self.confusion[label][label]
        pred = sum(self.confusion[g][label] for g in LABELS)
        gold = sum(self.confusion[label].values())
        return prf(tp, pred, tp, gold)

    @property
    def macro_f1(self) -> float:
        return sum(self.prf(label)[2] for label in LABELS) / len(LABELS)


def score_labels(gold: Sequence[str], predicted: Sequence[str]) -> StanceScore:
    s = StanceScore(pairs=len(gold), confusion={g: dict.fromkeys(LABELS, 0) for g in LABELS})
    for g, p in zip(gold, predicted, strict=True):
        s.confusion[g][p] += 1
    s.score, s.best = fnc_score(gold, predicted)
    return s


def evaluate_stance(data: Path, split: str = "test", limit: int | None = None,
                    model_dir: Path | None = None) -> StanceScore:
    """Classify the pairs of one part (``test``: the held-out fifth; ``train``: the rest) and score them."""
    import time

    from newsgraph.claims.stance import load_model

    rest, held = split_by_body(read_fnc1(data))
    if split not in ("test", "train"):
        raise ValueError(f"unknown split {split!r}: test or train")
    pairs = held if split == "test" else rest
    if limit is not None:
        pairs = pairs[:limit]
    model = load_model(model_dir)
    start = time.perf_counter()
    results = model.classify([(p.headline, p.body) for p in pairs])
    elapsed = time.perf_counter() - start
    score = score_labels([p.stance for p in pairs], [r.label for r in results])
    score.bodies = len({p.body_id for p in pairs})
    score.seconds_per_pair = elapsed / len(pairs) if pairs else 0.0
    return score
