"""De-duplication before the parser: one wire story reprinted by many outlets is one story, analysed once.

Each article is reduced to its normalised words (NFKC, case-folded, punctuation dropped). Two tests run in order:

- **exact**: the sha256 of the normalised words; reprints that differ only in spacing, case, quotes or
  punctuation share it;
- **near**: MinHash signatures (datasketch, ``num_perm`` permutations) of word ``shingle``-grams, looked up in
  an LSH index and confirmed by the estimated Jaccard similarity (``dedup_threshold``, 0.5 by default). A
  different headline, a wire dateline or copyright line added at either end and a few edited words leave a
  reprint well above it; distinct stories on the same subject share few 5-word sequences and stay far below.

The first report of a story is analysed and becomes the story's id; later reports are stored as members of its
story group (``story_members``), with status ``duplicate`` and no extraction, and are not parsed. Counts per
distinct story or per report (GDELT's NumMentions/NumSources analogue) come from the views in
``store/stories.py``. The index lives in memory (about 0.6 KB per distinct story) and is rebuilt from the
store when a run starts, so later runs group their reprints with stories stored earlier.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

LOGGER = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
#: datasketch's hashing scheme, named so that stored signatures stay comparable across its versions
SCHEME = "affine32"
_FNV = np.uint64(0x01000193)
_MASK32 = np.uint64(0xFFFFFFFF)


@dataclass(frozen=True, slots=True)
class Decision:
    """What the index says about one article."""

    article_id: str
    story_id: str  # the article's own id when it is the first report
    method: str  # "first" | "exact" | "near"
    similarity: float | None
    text_hash: str
    minhash: np.ndarray | None  # kept for first reports only (the index stores them)

    @property
    def duplicate(self) -> bool:
        return self.method != "first"


def words(text: str) -> list[str]:
    """Normalised words: NFKC, case-folded, punctuation and spacing dropped."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def text_hash(tokens: list[str]) -> str:
    return hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest()[:32]


class Deduper:
    """An in-memory index of the stories seen so far; ``classify`` adds each article it is shown."""

    def __init__(
        self, *, threshold: float = 0.5, num_perm: int = 128, shingle: int = 5, near: bool = True, min_words: int = 25
    ) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self.near = near
        self.min_words = min_words  # shorter texts are only matched exactly: a few shingles say too little
        self.exact: dict[str, str] = {}
        self.signatures: dict[str, np.ndarray] = {}
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        from datasketch import MinHash

        self._template = MinHash(num_perm=num_perm, seed=1, scheme=SCHEME, hashfunc=int)

    def __len__(self) -> int:
        return len(self.signatures)

    def signature(self, tokens: list[str]) -> np.ndarray:
        """MinHash of the word ``shingle``-grams. Words are hashed with crc32 and shingles combined in numpy:
        about 1 ms for a 600-word article, against tens of ms to parse it."""
        k = self.shingle
        t = np.fromiter(map(zlib.crc32, (w.encode("utf-8") for w in tokens)), dtype=np.uint64, count=len(tokens))
        if len(t) < k:
            t = np.pad(t, (0, k - len(t)))
        n = len(t) - k + 1
        h = np.zeros(n, dtype=np.uint64)
        for j in range(k):  # FNV-style: order-sensitive, 32 bits
            h = ((h * _FNV) ^ t[j : j + n]) & _MASK32
        m = self._template.copy()
        m.update_batch(np.unique(h).tolist())
        return np.asarray(m.hashvalues, dtype=np.uint32)

    def _jaccard(self, a: np.ndarray, b: np.ndarray) -> float:
        return float(np.count_nonzero(a == b)) / len(a)

    def add(self, story_id: str, hash_: str, minhash: np.ndarray | None, *, first: bool) -> None:
        """Register a stored article (used when the index is rebuilt from a store)."""
        self.exact.setdefault(hash_, story_id)
        if first and minhash is not None and self.near and story_id not in self.signatures:
            sig = np.asarray(minhash, dtype=np.uint32)
            self.signatures[story_id] = sig
            self.lsh.insert(story_id, self._lean(sig))

    def _lean(self, sig: np.ndarray):  # type: ignore[no-untyped-def]
        from datasketch import LeanMinHash

        return LeanMinHash(seed=1, hashvalues=sig, scheme=SCHEME)

    def classify(self, article_id: str, text: str) -> Decision:
        """The story this article belongs to; a first report is added to the index as a new story."""
        tokens = words(text)
        h = text_hash(tokens)
        story = self.exact.get(h)
        if story is not None and story != article_id:
            return Decision(article_id, story, "exact", 1.0, h, None)
        if story == article_id:  # the story's own first report, seen again (a resumed run)
            return Decision(article_id, article_id, "first", None, h, self.signatures.get(article_id))
        sig = None
        if self.near and len(tokens) >= self.min_words:
            sig = self.signature(tokens)
            best, best_sim = None, 0.0
            for cand in self.lsh.query(self._lean(sig)):
                sim = self._jaccard(sig, self.signatures[cand])
                if sim > best_sim or (sim == best_sim and best is not None and cand < best):
                    best, best_sim = cand, sim
            if best is not None and best_sim >= self.threshold:
                self.exact.setdefault(h, best)
                return Decision(article_id, best, "near", round(best_sim, 4), h, None)
        self.add(article_id, h, sig, first=True)
        return Decision(article_id, article_id, "first", None, h, sig)

    def classify_all(self, items: Iterable[tuple[str, str]]) -> list[Decision]:
        return [self.classify(i, t) for i, t in items]


def from_settings(settings) -> Deduper | None:  # type: ignore[no-untyped-def]
    """A Deduper for ``settings.dedup`` ("near", "exact" or "off"); None when off."""
    mode = settings.dedup
    if mode == "off":
        return None
    if mode not in ("near", "exact"):
        from newsgraph.errors import SettingsError

        raise SettingsError(f"setting dedup: {mode!r} is not one of near, exact, off")
    return Deduper(threshold=settings.dedup_threshold, near=mode == "near")
