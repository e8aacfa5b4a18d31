"""The token attributes recognition reads, as arrays read once per doc (no Token or Span objects)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, IS_TITLE, IS_UPPER, LENGTH, LOWER, ORTH, SENT_START, SPACY
from spacy.strings import StringStore
from spacy.tokens import Doc

_SPACES = np.array(["", " "], dtype=object)
_PREV_WORD = re.compile(r"(\w+)\W*$")


@dataclass(slots=True)
class Tokens:
    """The token attributes recognition reads, as arrays read once per doc (no Token objects)."""

    title: np.ndarray  # bool: title case
    upper: np.ndarray  # bool: in capitals, two characters or more
    lower: list[int]  # LOWER hashes
    starts: list[int]  # character offsets
    ends: list[int]  # character end offsets
    sent_start: np.ndarray  # bool: a sentence starts here
    ents: list[tuple[int, int, int]]  # the named entities (doc.ents) as (start token, end token, label hash)
    text: str  # doc.text


def read_tokens(doc: Doc, strings: StringStore) -> Tokens:
    arr = doc.to_array([IS_TITLE, IS_UPPER, LENGTH, LOWER, IDX, SENT_START, ENT_IOB, ENT_TYPE, ORTH, SPACY])
    starts = arr[:, 4]
    # doc.ents without Span objects: an entity begins at B with a label and runs over the I tokens after it
    iob, ent_type = arr[:, 6], arr[:, 7]
    begins = np.flatnonzero((iob == 3) & (ent_type != 0))
    breaks = np.append(np.flatnonzero(iob != 1), len(arr))
    ent_ends = breaks[np.searchsorted(breaks, begins, side="right")]
    return Tokens(
        title=arr[:, 0].astype(bool), upper=arr[:, 1].astype(bool) & (arr[:, 2] >= 2),
        lower=arr[:, 3].tolist(), starts=starts.tolist(),
        ends=(starts + arr[:, 2]).tolist(), sent_start=arr[:, 5] == 1,
        ents=list(zip(begins.tolist(), ent_ends.tolist(), ent_type[begins].tolist(), strict=True)),
        text=_text(strings, arr[:, 8], arr[:, 9]),
    )


def _text(strings: StringStore, orth: np.ndarray, spacy: np.ndarray) -> str:
    """doc.text (every token's text and its trailing space) with one string look-up per distinct word:
    Doc.text makes a Token object per token."""
    n = len(orth)
    if not n:
        return ""
    distinct, where = np.unique(orth, return_inverse=True)
    words = np.array([strings[h] for h in distinct.tolist()], dtype=object)
    parts = np.empty(2 * n, dtype=object)
    parts[0::2] = words[where.ravel()]
    parts[1::2] = _SPACES[spacy.astype(np.intp)]
    return "".join(parts.tolist())


def token_at(starts: list[int], length: int, char: int) -> int:
    """The token whose text or trailing space holds character ``char`` (tokens tile the text), or -1."""
    if char < 0 or char >= length:
        return -1
    return bisect_right(starts, char) - 1


def prev_word(text: str, start: int) -> str:
    m = _PREV_WORD.search(text, max(0, start - 24), start)
    return m.group(1).lower() if m else ""
