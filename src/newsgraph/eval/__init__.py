"""Scorers for each gold set: ``newsgraph eval <task> --data PATH``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc


def pipe_anchored(nlp: Language, texts: Iterable[tuple[str, str | None]], batch_size: int = 16) -> Iterator[Doc]:
    """Run ``nlp`` over (text, publication date) pairs, setting each doc's reference date before the pipeline."""

    def docs() -> Iterator[Doc]:
        for text, published in texts:
            doc = nlp.make_doc(text)
            doc._.ng_published = published
            yield doc

    return nlp.pipe(docs(), batch_size=batch_size)


class SpanScores:
    """Precision, recall and F1 from span counts: ``predicted`` spans of which ``true_pos_pred`` match gold, and
    ``gold`` spans of which ``matched_gold`` are matched (the scorer's dataclass declares the four counts)."""

    __slots__ = ()
    predicted: int
    true_pos_pred: int
    gold: int
    matched_gold: int

    @property
    def precision(self) -> float:
        return self.true_pos_pred / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0
