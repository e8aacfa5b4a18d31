"""Sentence lookups computed once per document (``Token.sent`` rescans the whole doc on every call)."""

from __future__ import annotations

import bisect

import numpy
from spacy.tokens import Doc, Span


class SentenceIndex:
    """Token -> sentence and char -> sentence, for one document."""

    def __init__(self, doc: Doc, text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text
        self.spans = list(doc.sents)
        self.token_sent = numpy.zeros(len(doc), dtype=numpy.int32)
        self.start_chars = [s.start_char for s in self.spans]
        for n, sent in enumerate(self.spans):
            self.token_sent[sent.start : sent.end] = n

    def of(self, i: int) -> Span:
        """The sentence holding token ``i``."""
        return self.spans[int(self.token_sent[i])]

    def start_char_before(self, char: int, window: int) -> int:
        """Start of the sentence ``window`` sentences before the one holding ``char``."""
        n = bisect.bisect_right(self.start_chars, char) - 1
        return self.start_chars[max(0, n - window)] if self.start_chars else 0
