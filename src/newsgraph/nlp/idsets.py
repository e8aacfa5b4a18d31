"""Sets of spaCy string ids as sorted arrays, and whole-document membership masks over them.

Components test token attributes (``doc.to_array([LOWER, ...])``, uint64 string ids) against word lists many
times per document; a sorted id array built once answers each test by binary search, with no set built or
sorted per document.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from spacy.strings import StringStore


def id_set(strings: StringStore, words: Iterable[str]) -> np.ndarray:
    """The string ids of ``words`` (added to ``strings``), sorted and unique, as uint64."""
    return np.array(sorted({strings.add(w) for w in words}), dtype=np.uint64)


def member(values: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """``np.isin(values, ids)`` for a sorted id array (an ``id_set``), by binary search; False everywhere if empty."""
    if not len(ids):
        return np.zeros(len(values), dtype=bool)
    pos = np.searchsorted(ids, values)
    return ids[np.minimum(pos, len(ids) - 1)] == values
