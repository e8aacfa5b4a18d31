"""Negation and hedges of a claim's content, found in the text with the editable marker lists.

Negation is looked for in the content's main clause only (up to the first "; ", ", and ", ", but ", ", which",
", suggesting", a subordinate clause ("if", "unless", "because", ...) or sentence end), so "X happened, and nobody was hurt" is not a negated X. Under a denial cue a negative-polarity item
("any involvement", "ever") is recorded as the evidence of the negative reading; it does not flip the sign.
Hedges ("reportedly", "allegedly", modal verbs) are looked for in the whole sentence, since they often stand
outside the content ("China reportedly denied ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsgraph.claims.lexicon import Lexicon
from newsgraph.records import TextSpan

_CLAUSE_END = re.compile(
    r";\s|,[\"”’]?\s+(?:and|but|while|whereas|which|who|where|although|though)\s|,[\"”’]?\s+[a-z]+ing\s"
    r"|[.!?][\"”’]?\s|\s+but\s"
    r"|\s(?:if|unless|because|when|after|before|until|whether|although|though|since)\s"
)


@dataclass(frozen=True, slots=True)
class Negation:
    negated: bool
    marker: TextSpan | None


@lru_cache(maxsize=16)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alts = sorted(words, key=len, reverse=True)
    parts = [re.escape(w).replace("'", "['’]") if w.startswith("n'") else r"\b" + re.escape(w) + r"\b" for w in alts]
    return re.compile("|".join(parts), re.IGNORECASE)


def _span(text: str, base: int, m: re.Match[str]) -> TextSpan:
    return TextSpan(start=base + m.start(), end=base + m.end(), text=m.group())


def main_clause_end(content: str) -> int:
    m = _CLAUSE_END.search(content)
    return m.start() if m else len(content)


def find_negation(lex: Lexicon, text: str, start: int, end: int, *, denial: bool) -> Negation:
    """Negation of the content text[start:end]: (negated?, marker). Under a denial, an NPI is the marker."""
    clause = text[start : start + main_clause_end(text[start:end])]
    neg = tuple(w for w, k in lex.negations.items() if k == "negation")
    m = _pattern(neg).search(clause)
    if m:
        return Negation(True, _span(text, start, m))
    if denial:
        npi = tuple(w for w, k in lex.negations.items() if k == "npi")
        m = _pattern(npi).search(clause)
        if m:
            return Negation(False, _span(text, start, m))
    return Negation(False, None)


def find_hedges(lex: Lexicon, text: str, start: int, end: int) -> list[TextSpan]:
    if not lex.hedges:
        return []
    pat = _pattern(tuple(lex.hedges))
    return [_span(text, start, m) for m in pat.finditer(text[start:end])]
