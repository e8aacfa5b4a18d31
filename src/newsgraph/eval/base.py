"""What every scorer shares: one precision/recall/F1 type, span counts, the gold-data hash, the printed report.

An eval module (``eval/<task>.py``) reads its gold set, runs the pipeline, and returns a score object; it then
says how the score is printed as a :class:`Report`. The pieces here:

- :func:`prf` and :class:`PRF`: precision, recall and F1 from counts, the one place they are computed;
- :class:`SpanScores`: a mixin for a scorer's dataclass that declares the four counts (``predicted``,
  ``true_pos_pred``, ``gold``, ``matched_gold``) and derives ``precision``, ``recall``, ``f1`` and ``prf``;
  :class:`Counts` is the plain dataclass of just those four (one per level, per type, per class);
- :func:`share`: a ratio that is 0.0 when there is nothing to divide (accuracies: value, kind, acc@161);
- :func:`gold_sha256`: the hash a test pins together with a floor, so a floor is never checked on other data;
- :func:`require_gold`: a missing gold file or folder becomes one clear :class:`GoldDataError`;
- :class:`Report`: a title, column names and formatted rows, printed by ``newsgraph eval <task>``;
- :func:`pipe_anchored`: run a pipeline over (text, reference date) pairs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import NewsgraphError


class GoldDataError(NewsgraphError):
    """Gold data that is missing or cannot be read."""


class PRF(NamedTuple):
    precision: float
    recall: float
    f1: float


def prf(true_pos_pred: int, predicted: int, matched_gold: int, gold: int) -> PRF:
    """Precision (``true_pos_pred`` of ``predicted`` match gold), recall (``matched_gold`` of ``gold`` are
    matched) and their harmonic mean; each is 0.0 where its denominator is 0."""
    p = true_pos_pred / predicted if predicted else 0.0
    r = matched_gold / gold if gold else 0.0
    return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def share(part: int, whole: int) -> float:
    """``part / whole``, 0.0 when ``whole`` is 0."""
    return part / whole if whole else 0.0


class SpanScores:
    """Precision, recall and F1 from span counts: ``predicted`` spans of which ``true_pos_pred`` match gold, and
    ``gold`` spans of which ``matched_gold`` are matched (the scorer's dataclass declares the four counts)."""

    __slots__ = ()
    predicted: int
    true_pos_pred: int
    gold: int
    matched_gold: int

    @property
    def prf(self) -> PRF:
        return prf(self.true_pos_pred, self.predicted, self.matched_gold, self.gold)

    @property
    def precision(self) -> float:
        return self.prf.precision

    @property
    def recall(self) -> float:
        return self.prf.recall

    @property
    def f1(self) -> float:
        return self.prf.f1


@dataclass(slots=True)
class Counts(SpanScores):
    """Just the four counts: one level, type or class of a scorer."""

    predicted: int = 0
    true_pos_pred: int = 0
    gold: int = 0
    matched_gold: int = 0

    def add(self, other: SpanScores) -> None:
        """Add another score's four counts to this one's (documents into a corpus, levels into a total)."""
        self.predicted += other.predicted
        self.true_pos_pred += other.true_pos_pred
        self.gold += other.gold
        self.matched_gold += other.matched_gold


def gold_sha256(files: Path | Iterable[Path]) -> str:
    """The sha256 that pins a gold set. One file: the sha256 of its bytes (what ``sha256sum`` prints). Several:
    the sha256 over each file's name and bytes, in the order given."""
    if isinstance(files, Path):
        return hashlib.sha256(files.read_bytes()).hexdigest()
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def require_gold(path: Path, what: str) -> Path:
    """``path`` when it exists, else a GoldDataError naming what was expected there."""
    if not path.exists():
        raise GoldDataError(f"gold data not found: {path} (expected {what})")
    return path


@dataclass(frozen=True, slots=True)
class Report:
    """What ``newsgraph eval <task>`` prints: a table of already formatted cells.

    With ``widths`` the table is plain fixed-width text (first column left-aligned, the others right-aligned),
    one line a row; without, a rich table under ``title``.
    """

    columns: tuple[str, ...]
    rows: Sequence[tuple[str, ...]] = ()
    title: str | None = None
    widths: tuple[int, ...] | None = None

    def lines(self) -> Iterator[str]:
        """The plain fixed-width form (``widths`` must be set)."""
        widths = self.widths or tuple(len(c) for c in self.columns)
        for row in (self.columns, *self.rows):
            cells = [f"{row[0]:<{widths[0]}}", *(f"{c:>{w}}" for c, w in zip(row[1:], widths[1:], strict=True))]
            yield " ".join(cells)


def fmt(value: float) -> str:
    """A score as printed: three decimals."""
    return f"{value:.3f}"


def pipe_anchored(nlp: Language, texts: Iterable[tuple[str, str | None]], batch_size: int = 16) -> Iterator[Doc]:
    """Run ``nlp`` over (text, publication date) pairs, setting each doc's reference date before the pipeline."""

    def docs() -> Iterator[Doc]:
        for text, published in texts:
            doc = nlp.make_doc(text)
            doc._.ng_published = published
            yield doc

    return nlp.pipe(docs(), batch_size=batch_size)
