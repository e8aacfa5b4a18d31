"""Hand features of a (claim, text) pair for the stance model, in the spirit of the FNC-1 baseline and the
feature-based entries: TF-IDF and LSA (SVD topic) similarity of the claim to the whole text, to its lead and to
its sentences most like the claim; word, word n-gram and character n-gram overlap; refuting, hedging,
supporting, attribution and negation words (``knowledge/stance_words.tsv``) in the claim, in the text and in the
sentences most like the claim; VADER polarity of the claim and of those sentences; lengths.

The fitted state (TF-IDF vocabulary and idf, SVD components) is plain arrays: :class:`FeatureState` saves to
and loads from a folder as JSON and ``.npy`` files, no pickle.

Texts may be whole articles or single statements: a statement is one "sentence", so the sentence features then
equal the whole-text ones.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from newsgraph.nlp.knowledge import bundled_text, load_table

LOGGER = logging.getLogger(__name__)

#: the stance lexicon, bundled only: the trained model records its sha256 and refuses another file
LEXICON_FILE = "stance_words.tsv"
CLASSES = ("refute", "hedge", "support", "negation", "attribution")
#: how many of the sentences most like the claim the "top" features read
TOP_SENTENCES = 3
#: the lead: the text's first characters (the FNC-1 baseline reads the first 255)
LEAD_CHARS = 255
#: cap on sentences read per text (very long texts: the rest adds little and costs time)
MAX_SENTENCES = 400

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NEXT = r"(?=[\"'“‘(A-Z0-9])"
_SENTENCE = re.compile(rf"(?<=[.!?])\s+{_NEXT}|(?<=[.!?][\"'”’)])\s+{_NEXT}|\n\s*\n|\n(?=[A-Z\"“])")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().translate(_QUOTES))


def sentences(text: str) -> list[str]:
    parts = [s.strip() for s in _SENTENCE.split(text)]
    return [s for s in parts if s][:MAX_SENTENCES] or [text]


@cache
def lexicon() -> dict[str, str]:
    """word -> class of the bundled stance lexicon (read through the one knowledge loader)."""
    words: dict[str, str] = {}
    for row in load_table(LEXICON_FILE, ("word", "class"), required=2):
        word, cls = row.cells
        if cls not in CLASSES:
            raise row.error(f"unknown class {cls!r} for {word!r}; known: {', '.join(CLASSES)}")
        words[word] = cls
    return words


def lexicon_sha256() -> str:
    """The bundled lexicon's sha256, which the model's metadata must match."""
    return hashlib.sha256(bundled_text(LEXICON_FILE).encode("utf-8")).hexdigest()


def _class_counts(toks: Iterable[str]) -> dict[str, int]:
    lex = lexicon()
    counts = dict.fromkeys(CLASSES, 0)
    for t in toks:
        cls = lex.get(t)
        if cls is None and t.endswith("n't"):
            cls = "negation"
        if cls is not None:
            counts[cls] += 1
    return counts


def content_tokens(text: str) -> list[str]:
    """Lower-case word tokens of ``text`` less English stop words."""
    return _content(tokens(text))


def _content(toks: Sequence[str]) -> list[str]:
    return [t for t in toks if t not in ENGLISH_STOP_WORDS]


def _ngrams(toks: Sequence[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)}


def _char_grams(text: str, n: int = 4) -> set[str]:
    s = " ".join(tokens(text))
    return {s[i : i + n] for i in range(len(s) - n + 1)}


def _frac(part: set, whole: set) -> float:  # type: ignore[type-arg]
    return len(part & whole) / len(part) if part else 0.0


@dataclass(slots=True)
class FeatureState:
    """The fitted part: TF-IDF (word 1-2 grams) vocabulary and idf, and the LSA (truncated SVD) components."""

    vocabulary: list[str]
    idf: np.ndarray
    components: np.ndarray  # (n_components, len(vocabulary)), float32
    _vectorizer: TfidfVectorizer | None = field(default=None, repr=False)

    @classmethod
    def fit(cls, texts: Sequence[str], max_features: int = 10000, n_components: int = 50,
            seed: int = 0) -> FeatureState:
        from sklearn.decomposition import TruncatedSVD

        vec = _vectorizer(None)
        vec.set_params(max_features=max_features, min_df=2)
        matrix = vec.fit_transform(texts)
        svd = TruncatedSVD(n_components=n_components, random_state=seed, algorithm="randomized", n_iter=7)
        svd.fit(matrix)
        vocab = [""] * len(vec.vocabulary_)
        for term, i in vec.vocabulary_.items():
            vocab[i] = term
        state = cls(vocab, vec.idf_.astype(np.float64), svd.components_.astype(np.float32))
        return state

    @property
    def vectorizer(self) -> TfidfVectorizer:
        if self._vectorizer is None:
            vec = _vectorizer(self.vocabulary)
            vec.idf_ = self.idf
            self._vectorizer = vec
        return self._vectorizer

    def tfidf(self, texts: Sequence[str]) -> sp.csr_matrix:
        return self.vectorizer.transform(texts).tocsr()

    def lsa(self, matrix: sp.csr_matrix) -> np.ndarray:
        """Unit-length LSA vectors of TF-IDF rows."""
        dense = np.asarray(matrix @ self.components.T, dtype=np.float64)
        norms = np.linalg.norm(dense, axis=1, keepdims=True)
        return dense / np.where(norms > 0, norms, 1.0)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "vocabulary.json").write_text(json.dumps(self.vocabulary, ensure_ascii=False), encoding="utf-8")
        np.save(folder / "idf.npy", self.idf, allow_pickle=False)
        np.save(folder / "svd_components.npy", self.components.astype(np.float16), allow_pickle=False)

    @classmethod
    def load(cls, folder: Path) -> FeatureState:
        vocab = json.loads((folder / "vocabulary.json").read_text(encoding="utf-8"))
        idf = np.load(folder / "idf.npy", allow_pickle=False)
        components = np.load(folder / "svd_components.npy", allow_pickle=False).astype(np.float32)
        return cls(vocab, idf, components)


def _vectorizer(vocabulary: list[str] | None) -> TfidfVectorizer:
    return TfidfVectorizer(
        tokenizer=tokens, token_pattern=None, lowercase=False, ngram_range=(1, 2), sublinear_tf=True,
        stop_words=None, vocabulary=vocabulary, dtype=np.float64,
    )


@dataclass(slots=True)
class _Text:
    """What the features read of one text, computed once per distinct text in a batch."""

    raw: str
    toks: list[str]
    content: set[str]
    bigrams: set[tuple[str, ...]]
    trigrams: set[tuple[str, ...]]
    chars: set[str]
    lead: set[str]
    sents: list[str]
    sent_toks: list[list[str]]
    doc_vec: sp.csr_matrix
    lead_vec: sp.csr_matrix
    sent_vecs: sp.csr_matrix
    doc_lsa: np.ndarray
    sent_lsa: np.ndarray


def _describe(state: FeatureState, texts: Sequence[str]) -> list[_Text]:
    out: list[_Text] = []
    all_sents = [sentences(t) for t in texts]
    leads = [t[:LEAD_CHARS] for t in texts]
    doc_vecs = state.tfidf(texts)
    lead_vecs = state.tfidf(leads)
    flat = [s for ss in all_sents for s in ss]
    sent_matrix = state.tfidf(flat) if flat else sp.csr_matrix((0, len(state.vocabulary)))
    doc_lsa = state.lsa(doc_vecs)
    sent_lsa = state.lsa(sent_matrix) if flat else np.zeros((0, state.components.shape[0]))
    pos = 0
    for i, text in enumerate(texts):
        toks = tokens(text)
        content = _content(toks)
        ss = all_sents[i]
        out.append(_Text(
            raw=text, toks=toks, content=set(content), bigrams=_ngrams(content, 2), trigrams=_ngrams(content, 3),
            chars=_char_grams(text), lead=set(_content(tokens(leads[i]))), sents=ss,
            sent_toks=[tokens(s) for s in ss], doc_vec=doc_vecs[i], lead_vec=lead_vecs[i],
            sent_vecs=sent_matrix[pos : pos + len(ss)], doc_lsa=doc_lsa[i], sent_lsa=sent_lsa[pos : pos + len(ss)],
        ))
        pos += len(ss)
    return out


def _vader():  # type: ignore[no-untyped-def]
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


_VADER = None


def _compound(text: str) -> float:
    global _VADER
    if _VADER is None:
        _VADER = _vader()
    return float(_VADER.polarity_scores(text[:2000])["compound"])


def feature_names(n_components: int) -> list[str]:
    names = [
        "cos_tfidf", "cos_lsa", "cos_lead", "sent_max", "sent_top_mean", "sent_best_pos", "sent_lsa_max",
        "cover_words", "jaccard_words", "cover_lead", "cover_bigrams", "cover_trigrams", "cover_chars",
        "cover_best_sentence",
    ]
    for cls in CLASSES:
        names += [f"claim_{cls}", f"text_{cls}_rate", f"top_{cls}", f"best_{cls}"]
    names += [
        "claim_neg_odd", "best_neg_odd", "neg_mismatch", "top_neg_odd_frac", "vader_claim", "vader_best", "vader_top_mean",
        "vader_product", "log_claim_len", "log_text_len", "log_sentences", "claim_question", "claim_quoted",
    ]
    names += [f"lsa_prod_{k}" for k in range(n_components)]
    return names


def featurize(state: FeatureState, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    """One row of features per (claim, text) pair, in :func:`feature_names` order."""
    claims = sorted({c for c, _ in pairs})
    texts = sorted({t for _, t in pairs})
    c_index = {c: i for i, c in enumerate(claims)}
    t_index = {t: i for i, t in enumerate(texts)}
    c_desc = _describe(state, claims)
    t_desc = _describe(state, texts)
    c_vader = [_compound(c) for c in claims]
    n_comp = state.components.shape[0]
    rows = np.zeros((len(pairs), len(feature_names(n_comp))), dtype=np.float64)
    vader_cache: dict[str, float] = {}
    for r, (claim, text) in enumerate(pairs):
        c, t = c_desc[c_index[claim]], t_desc[t_index[text]]
        rows[r] = _pair_row(c, t, c_vader[c_index[claim]], vader_cache)
    return rows


def _cos(a: sp.csr_matrix, b: sp.csr_matrix) -> float:
    # TfidfVectorizer rows are L2-normalised
    return float(a.multiply(b).sum())


def _pair_row(c: _Text, t: _Text, vader_claim: float, vader_cache: dict[str, float]) -> list[float]:
    sims = np.asarray((t.sent_vecs @ c.doc_vec.T).todense()).ravel() if t.sent_vecs.shape[0] else np.zeros(1)
    order = np.argsort(-sims, kind="stable")
    top = order[:TOP_SENTENCES]
    best = int(order[0])
    sent_lsa = t.sent_lsa @ c.doc_lsa if t.sent_lsa.shape[0] else np.zeros(1)
    best_toks = t.sent_toks[best] if t.sent_toks else []
    row = [
        _cos(c.doc_vec, t.doc_vec), float(c.doc_lsa @ t.doc_lsa), _cos(c.doc_vec, t.lead_vec),
        float(sims[best]), float(sims[top].mean()), best / max(len(t.sents), 1), float(sent_lsa.max()),
        _frac(c.content, t.content), len(c.content & t.content) / max(len(c.content | t.content), 1),
        _frac(c.content, t.lead), _frac(c.bigrams, t.bigrams), _frac(c.trigrams, t.trigrams),
        _frac(c.chars, t.chars), _frac(c.content, set(best_toks)),
    ]
    claim_counts = _class_counts(c.toks)
    text_counts = _class_counts(t.toks)
    top_counts = _class_counts(tok for i in top for tok in t.sent_toks[i])
    best_counts = _class_counts(best_toks)
    n_text = max(len(t.toks), 1)
    for cls in CLASSES:
        row += [claim_counts[cls], 100.0 * text_counts[cls] / n_text, top_counts[cls], best_counts[cls]]
    top_neg = [_class_counts(t.sent_toks[i])["negation"] % 2 for i in top]
    best_sentence = t.sents[best] if t.sents else ""
    vb = vader_cache.get(best_sentence)
    if vb is None:
        vb = vader_cache[best_sentence] = _compound(best_sentence)
    top_v = []
    for i in top:
        s = t.sents[i]
        v = vader_cache.get(s)
        if v is None:
            v = vader_cache[s] = _compound(s)
        top_v.append(v)
    row += [
        claim_counts["negation"] % 2, best_counts["negation"] % 2,
        float(claim_counts["negation"] % 2 != best_counts["negation"] % 2), float(np.mean(top_neg)) if top_neg else 0.0,
        vader_claim, vb, float(np.mean(top_v)) if top_v else 0.0, vader_claim * vb,
        math.log1p(len(c.toks)), math.log1p(len(t.toks)), math.log1p(len(t.sents)),
        float("?" in c.raw), float(any(q in c.raw for q in "'\"‘’“”")),
    ]
    row += list(c.doc_lsa * t.doc_lsa)
    return row
