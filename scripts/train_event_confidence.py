"""Train the event confidence model: logistic regression on the coder's own events in events-train.

    PYTHONPATH=src python scripts/train_event_confidence.py [--data ../shared/data/events-train]

Analyses the events-train stories, labels each predicted event by whether it matches a gold event of the same
type (``newsgraph.eval.events_gold``), fits an L2 logistic regression (scikit-learn, liblinear, deterministic)
on the binary features of ``newsgraph.nlp.events.confidence_features`` and writes its intercept and weights as
JSON to ``src/newsgraph/knowledge/models/event_confidence.json``. It also prints, from 5-fold predictions
grouped by story (seeded), the lowest threshold at which typed precision on events-train reaches 0.80: the
default of the setting ``min_event_confidence``. events-voa is never read.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_predict

from newsgraph.eval.events_gold import predict, score
from newsgraph.nlp.events import confidence_features
from newsgraph.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/newsgraph/knowledge/models/event_confidence.json"


def features(p) -> dict[str, float]:  # type: ignore[no-untyped-def]
    ev = p.event
    return {f: 1.0 for f in confidence_features(ev.type, ev.rule, ev.trigger.text, bool(ev.source),
                                                 bool(ev.target), ev.hypothetical, ev.negated, bool(ev.reporter))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/events-train")
    ap.add_argument("--target-precision", type=float, default=0.80)
    ap.add_argument("--C", type=float, default=1.0)
    args = ap.parse_args()
    gold, preds = predict(args.data, Settings())
    right = score(gold, preds).typed_right
    x = [features(p) for p in preds]
    y = [int(id(p) in right) for p in preds]
    groups = [p.sid for p in preds]
    docs = {g.sid: g.doc for g in gold}
    groups = [docs[s] for s in groups]
    vec = DictVectorizer(sort=True, sparse=False)
    xm = vec.fit_transform(x)
    model = LogisticRegression(C=args.C, solver="liblinear", random_state=0)
    cv = cross_val_predict(model, xm, y, groups=groups, cv=GroupKFold(n_splits=5), method="predict_proba")[:, 1]
    total_gold = sum(len(g.events) for g in gold)
    best = None
    for t in sorted(set(round(float(c), 3) for c in cv)):
        kept = [yy for yy, c in zip(y, cv, strict=True) if c >= t]
        if kept and sum(kept) / len(kept) >= args.target_precision and len(kept) >= 20:
            best = t
            break
    for t in (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, best or 1.0):
        kept = [yy for yy, c in zip(y, cv, strict=True) if c >= t]
        p = sum(kept) / len(kept) if kept else 0.0
        r = sum(kept) / total_gold
        print(f"threshold {t:.3f}: typed P {p:.3f} R {r:.3f} ({len(kept)} events kept, cross-validated)")
    print(f"lowest threshold with typed precision >= {args.target_precision}: {best}")
    model.fit(xm, y)
    weights = {name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
               if abs(w) >= 1e-5}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({
        "model": f"logistic regression (scikit-learn liblinear, L2, C={args.C:g})",
        "trained_on": f"events-train ({len(y)} predicted events, {sum(y)} right)",
        f"threshold_for_precision_{args.target_precision:.2f}": best,
        "intercept": round(float(model.intercept_[0]), 5), "weights": weights,
    }, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(weights)} weights)")


if __name__ == "__main__":
    main()
