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
