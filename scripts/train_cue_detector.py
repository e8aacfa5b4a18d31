"""Train the learned cue detector: logistic regression on the verbs outside the cue lexicon in PolNeAR train.

    PYTHONPATH=src python scripts/train_cue_detector.py [--data ../shared/data/polnear] [--C 0.3] [--min-count 3]
        [--cache PATH]

Parses the PolNeAR train articles (the pipeline up to the quotes component; ``--cache`` keeps the parses in a
pickle outside the repository between runs), runs the quotes component with a stand-in judge that records every
candidate of ``newsgraph.nlp.quotes.learned`` (a verb outside the lexicon whose frame has a content) and its
features, and labels a candidate right when a gold attribution's Cue overlaps the verb and its Content overlaps
the frame's content. It fits an L2 logistic regression (scikit-learn, liblinear, deterministic) and writes its
intercept, weights and threshold as JSON to ``src/newsgraph/knowledge/models/cue_detector.json``.

Features seen on fewer than ``--min-count`` candidates are left out. The threshold: for each of 0.15 ... 0.95
the component is rerun on train with the candidates whose 5-fold prediction (grouped by article, so no
article's own labels score it) reaches it, and PolNeAR train content+source precision and F1 over every quote
(``min_confidence`` 0) are printed; the threshold written is, of those whose precision (three decimals) is not
below the precision with no learned cue, the one with the best F1 (three decimals; of equals, the higher: fewer
cues). Precision first: a missing quote is better than a wrong one. PolNeAR dev and the speakers gold are never
read.
Retrain the quote confidence afterwards (``scripts/train_quote_confidence.py``): it scores the quotes these
cues add.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from quote_training_parses import MIN_COUNT, Judge, cue_candidates, parse, run  # scripts/quote_training_parses.py

from newsgraph.eval.base import Counts
from newsgraph.eval.quotes import load_polnear, score_article

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/newsgraph/knowledge/models/cue_detector.json"
THRESHOLDS = [round(0.05 * i, 2) for i in range(3, 20)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/polnear")
    ap.add_argument("--C", type=float, default=0.3)
    ap.add_argument("--min-count", type=int, default=MIN_COUNT)
    ap.add_argument("--cache", type=Path, default=None, help="pickle of the parses, kept between runs")
    args = ap.parse_args()
    articles = load_polnear(args.data, "train")
    nlp, docs = parse(articles, args.cache)
    model, vec, xm, y, oof = cue_candidates(nlp, docs, articles, args.C, args.min_count)
    table: dict[float, tuple[float, float]] = {}
    base = 0.0
    for t in [0.0, *THRESHOLDS]:
        quotes = run(nlp, docs, Judge((lambda k, i, t=t: t > 0 and oof.get((k, i), 0.0) >= t)))
        total = {"content": Counts(), "content+source": Counts()}
        for art, qs in zip(articles, quotes, strict=True):
            for level, sc in score_article(qs, art.attributions).items():
                if level in total:
                    total[level].add(sc)
        c, s = total["content"], total["content+source"]
        label = f"threshold {t:.2f}" if t else "no learned cues"
        print(f"PolNeAR train {label}: content P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.4f}; content+source "
              f"P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.4f} ({s.predicted} quotes, cross-validated)")
        if t:
            table[t] = (s.precision, s.f1)
        else:
            base = s.precision
    kept = [t for t in THRESHOLDS if round(table[t][0], 3) >= round(base, 3)] or [THRESHOLDS[-1]]
    best = max(kept, key=lambda t: (round(table[t][1], 3), t))
    print(f"threshold: best cross-validated content+source F1 at no lower precision: {best:.2f}")
    model.fit(xm, y)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
               if abs(w) >= 0.01}
    meta = {
        "model": f"logistic regression (scikit-learn liblinear, L2, C={args.C:g})",
        "C": args.C,
        "min_count": args.min_count,
        "trained_on": f"PolNeAR train ({len(y)} candidate verbs outside the lexicon, {sum(y)} a gold Cue with "
                      "its Content)",
        "threshold": best,
        "threshold_rule": "best cross-validated PolNeAR train content+source F1 over every quote (three decimals; "
                          "of equals, the higher) of the thresholds whose precision is not below that with no "
                          "learned cue",
        "intercept": round(float(model.intercept_[0]), 4),
        "weights": weights,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(meta, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(weights)} weights)")


if __name__ == "__main__":
    main()
