"""Train the quote confidence model: logistic regression on newsgraph's own quotes of PolNeAR train.

    PYTHONPATH=src python scripts/train_quote_confidence.py [--data ../shared/data/polnear] [--C 0.3] [--cache PATH]

Analyses the PolNeAR train articles (the quotes component keeps every quote; the parses are shared with
``train_cue_detector.py`` through ``scripts/quote_training_parses.py``, ``--cache`` keeps them between runs; the cues
of the learned cue detector are those its 5-fold predictions on train accept), labels each predicted quote right
when it matches a gold attribution on content and source (``newsgraph.eval.quotes``, level ``content+source``),
fits an L2 logistic regression (scikit-learn, liblinear, deterministic; C 0.3, of 0.3, 0.5 and 1 the one with the
best cross-validated content+source F1 in session 11) on the binary features of
``newsgraph.nlp.quotes.confidence.quote_features`` and writes its intercept and weights as JSON to
``src/newsgraph/knowledge/models/quote_confidence.json``. It prints, from 5-fold predictions grouped by article,
PolNeAR train content and content+source precision, recall and F1 per threshold. PolNeAR dev and the speakers
gold are never read. The threshold written (``threshold``; copy it to ``MIN_CONFIDENCE`` in
``newsgraph/nlp/quotes/confidence.py`` and to the default of the setting ``min_quote_confidence``; a test checks
they agree) is precision first: the highest threshold whose cross-validated content+source F1 on train (to three
decimals) is at most 0.001 under the best (``PLATEAU``; session 12: before it, the best, of equals the higher, which
a change of 0.001 moved between 0.30 and 0.40 from one retraining to the next). As readers do (``confidence.shown``), a quote with no speaker is kept whatever its score (it shows
no wrong speaker; PolNeAR's sourceless attributions need them).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from quote_training_parses import Judge, cue_candidates, parse, run  # scripts/quote_training_parses.py
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_predict

from newsgraph.eval.base import Counts
from newsgraph.eval.quotes import GoldArticle, load_polnear, score_article
from newsgraph.nlp.quotes.confidence import quote_features
from newsgraph.records import Quote

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/newsgraph/knowledge/models/quote_confidence.json"
CUE_MODEL = ROOT / "src/newsgraph/knowledge/models/cue_detector.json"
LABEL = "content+source"
THRESHOLDS = [round(0.05 * i, 2) for i in range(13)]
#: how far (in thousandths of F1) under the best cross-validated content+source F1 a threshold may score and still
#: be on its plateau (the highest such threshold is written)
PLATEAU = 1


def predict(articles: list[GoldArticle], cache: Path | None) -> list[tuple[list[Quote], list[list[str]]]]:
    """Every quote of each article (no confidence filter) with its features. The cue detector's cues are those
    its 5-fold predictions accept (its settings and threshold from ``knowledge/models/cue_detector.json``): the
    bundled detector was trained on these articles and would look better here than on others."""
    from newsgraph.nlp.annotations import get_list

    nlp, docs = parse(articles, cache)
    from spacy.language import Language

    judge = None
    # only when the component finds learned cues by default (its config learned_cues)
    if CUE_MODEL.is_file() and Language.get_factory_meta("newsgraph_quotes_v1").default_config["learned_cues"]:
        meta = json.loads(CUE_MODEL.read_text(encoding="utf-8"))
        *_, oof = cue_candidates(nlp, docs, articles, meta["C"], meta["min_count"])
        judge = Judge(lambda k, i: oof.get((k, i), 0.0) >= meta["threshold"])
    out = []
    for doc, quotes in zip(docs, run(nlp, docs, judge), strict=True):
        labels = {e.id: e.label for e in get_list(doc, "ng_entities")}
        out.append((quotes, [quote_features(q, labels) for q in quotes]))
    return out


def scores(articles: list[GoldArticle], quotes: list[list[Quote]]) -> dict[str, Counts]:
    total = {"content": Counts(), "content+source": Counts()}
    for art, qs in zip(articles, quotes, strict=True):
        for level, sc in score_article(qs, art.attributions).items():
            if level in total:
                total[level].add(sc)
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/polnear")
    ap.add_argument("--C", type=float, default=0.3)
    ap.add_argument("--cache", type=Path, default=None, help="pickle of the parses, kept between runs "
                    "(scripts/quote_training_parses.py)")
    args = ap.parse_args()
    articles = load_polnear(args.data, "train")
    predicted = predict(articles, args.cache)
    x, y, groups = [], [], []
    for art, (quotes, feats) in zip(articles, predicted, strict=True):
        for q, f in zip(quotes, feats, strict=True):
            right = score_article([q], art.attributions)[LABEL].true_pos_pred
            x.append(dict.fromkeys(f, 1.0))
            y.append(int(right > 0))
            groups.append(art.name)
    vec = DictVectorizer(sort=True, sparse=False)
    xm = vec.fit_transform(x)
    model = LogisticRegression(C=args.C, solver="liblinear", random_state=0)
    cv = cross_val_predict(model, xm, y, groups=groups, cv=GroupKFold(n_splits=5), method="predict_proba")[:, 1]
    by_article: dict[str, list[float]] = defaultdict(list)
    for name, c in zip(groups, cv, strict=True):
        by_article[name].append(float(c))
    table = {}
    for t in THRESHOLDS:
        # as readers do (confidence.shown): a quote that names no one shows no wrong speaker and is kept
        kept = [[q for q, c in zip(quotes, by_article[art.name], strict=True) if q.speaker is None or c >= t]
                for art, (quotes, _) in zip(articles, predicted, strict=True)]
        sc = scores(articles, kept)
        table[t] = sc
        c, s = sc["content"], sc["content+source"]
        print(f"PolNeAR train threshold {t:.2f}: content P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f}; "
              f"content+source P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} ({s.predicted} quotes, "
              "cross-validated)")
    # precision first: the highest threshold on the plateau of the best F1 (in thousandths, one below it counts:
    # a difference of 0.001 is within what one fold more or less moves)
    top = max(round(table[t]["content+source"].f1 * 1000) for t in THRESHOLDS)
    best = max(t for t in THRESHOLDS if round(table[t]["content+source"].f1 * 1000) >= top - PLATEAU)
    print(f"threshold: the highest within {PLATEAU / 1000:.3f} of the best cross-validated content+source F1 "
          f"({top / 1000:.3f}): {best:.2f}")
    model.fit(xm, y)
    weights = {name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
               if abs(w) >= 1e-5}
    meta = {
        "model": f"logistic regression (scikit-learn liblinear, L2, C={args.C:g})",
        "trained_on": f"PolNeAR train ({len(y)} predicted quotes, {sum(y)} right on content+source)",
        "threshold": best,
        "threshold_rule": "the highest threshold whose cross-validated PolNeAR train content+source F1 (three "
                          "decimals) is at most 0.001 under the best; quotes with no speaker are kept",
        "intercept": round(float(model.intercept_[0]), 5),
        "weights": weights,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(weights)} weights)")


if __name__ == "__main__":
    main()
