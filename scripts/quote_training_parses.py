"""PolNeAR articles parsed once up to the quotes component, and the quotes component rerun on them: shared by
``train_cue_detector.py`` and ``train_quote_confidence.py`` (``--cache``: the parses kept in a pickle outside the
repository between runs; the figures are those of a fresh parse)."""

from __future__ import annotations

import copy
import pickle
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_predict
from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.eval.quotes import GoldArticle
from newsgraph.nlp.quotes.learned import CueJudge
from newsgraph.nlp.quotes.lexicon import DocContext, Frame

QUOTES = "newsgraph_quotes_v1"
#: features seen on fewer candidates than this are left out (a small file; a lemma seen once or twice teaches little)
MIN_COUNT = 3


def parse(articles: list[GoldArticle], cache: Path | None) -> tuple[Language, list[Doc]]:
    """The pipeline and the articles parsed up to the quotes component (from ``cache`` when it exists)."""
    from newsgraph.batch import get_pipeline
    from newsgraph.settings import Settings

    nlp = get_pipeline(Settings())
    if cache is not None and cache.is_file():
        stored = pickle.loads(cache.read_bytes())
        docs = []
        for data, user in stored:
            doc = Doc(nlp.vocab).from_bytes(data)
            doc.user_data.update(pickle.loads(user))
            docs.append(doc)
        return nlp, docs
    names = nlp.pipe_names
    with nlp.select_pipes(disable=names[names.index(QUOTES):]):
        docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    if cache is not None:
        cache.write_bytes(pickle.dumps([(d.to_bytes(exclude=["user_data"]), pickle.dumps(d.user_data)) for d in docs]))
    return nlp, docs


class Judge:
    """A stand-in for the cue model: records each candidate (document, token, features, frame) and accepts those
    ``decide`` accepts."""

    def __init__(self, decide: Callable[[int, int], bool] | None = None) -> None:
        self.decide = decide
        self.doc_index: dict[int, int] = {}
        self.seen: list[tuple[int, int, list[str], tuple[int, int], tuple[int, int]]] = []

    def accept(self, ctx: DocContext, tok: Token, frame: Frame, feats: list[str]) -> bool:
        k = self.doc_index[id(ctx.doc)]
        assert frame.content is not None
        self.seen.append((k, tok.i, feats, (tok.idx, tok.idx + len(tok.text)), frame.content))
        return self.decide is not None and self.decide(k, tok.i)


def run(nlp: Language, docs: list[Doc], judge: CueJudge | None) -> list[list]:
    """Every quote of each document with ``judge`` deciding on the candidate cues (a ``Judge``, or the bundled
    model); the documents are left as parsed."""
    from newsgraph.nlp.annotations import get_list

    component = nlp.get_pipe(QUOTES)
    component.finder.cue_judge = judge
    out = []
    for k, doc in enumerate(docs):
        if isinstance(judge, Judge):
            judge.doc_index = {id(doc): k}
        saved = copy.deepcopy(doc.user_data)
        component(doc)
        out.append(list(get_list(doc, "ng_quotes")))
        doc.user_data.clear()
        doc.user_data.update(saved)
    return out


def _overlap(a: tuple[int, int], spans: tuple[tuple[int, int], ...]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def cue_candidates(nlp: Language, docs: list[Doc], articles: list[GoldArticle], c: float, min_count: int = MIN_COUNT,
                   ) -> tuple[LogisticRegression, DictVectorizer, object, list[int], dict[tuple[int, int], float]]:
    """The learned cue detector's candidates in ``docs``: (the unfitted model, the fitted vectorizer, the feature
    matrix, the labels, each candidate's 5-fold prediction grouped by article by (document, token)). A candidate is
    right when a gold attribution's Cue overlaps the verb and its Content the frame's content."""
    recorder = Judge()
    run(nlp, docs, recorder)
    x, y, groups, keys = [], [], [], []
    for k, i, feats, cue, content in recorder.seen:
        x.append(dict.fromkeys(feats, 1.0))
        y.append(int(any(_overlap(cue, g.cue) and _overlap(content, g.content) for g in articles[k].attributions)))
        groups.append(k)
        keys.append((k, i))
    print(f"{len(y)} candidate cues, {sum(y)} right")
    counts = Counter(f for row in x for f in row)
    x = [{f: v for f, v in row.items() if counts[f] >= min_count} for row in x]
    vec = DictVectorizer(sort=True)
    xm = vec.fit_transform(x).tocsr()
    xm.indices, xm.indptr = xm.indices.astype("int32"), xm.indptr.astype("int32")  # liblinear takes 32-bit indices
    model = LogisticRegression(C=c, solver="liblinear", random_state=0)
    cv = cross_val_predict(model, xm, y, groups=groups, cv=GroupKFold(n_splits=5), method="predict_proba")[:, 1]
    return model, vec, xm, y, dict(zip(keys, (float(p) for p in cv), strict=True))
