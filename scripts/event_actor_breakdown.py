"""Where full event matches are lost (issue 13): for each typed-correct event, why its source or target is wrong.

    PYTHONPATH=src python scripts/event_actor_breakdown.py [--data ../shared/data/events-voa --half a]
        [--show CATEGORY]

Prints, per side, the counts of ``newsgraph.eval.events_gold.actor_loss`` categories (ok, extra, pronoun, prep,
nominal, entity, swapped, by-agent, wrong) at the default ``min_event_confidence``; ``--show`` lists the cases of
one category (sentence, trigger, gold span, predicted spans). Examples are never listed for the held-out half b.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newsgraph.eval.events_gold import actor_breakdown, actor_loss, predict, score
from newsgraph.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/events-voa")
    ap.add_argument("--half", default=None, help="a or b (events-voa); default: all sentences")
    ap.add_argument("--show", default=None, help="list the cases of this category (e.g. nominal, prep)")
    args = ap.parse_args()
    settings = Settings()
    gold, preds = predict(args.data, settings, half=args.half)
    sc = score(gold, preds, settings.min_event_confidence)
    counts = actor_breakdown(sc)
    name = f"{args.data.name}{' half ' + args.half if args.half else ''}"
    tp, tr, tf = sc.typed.prf
    print(f"{name}: {sc.typed.tp} typed matches (typed P {tp:.3f} R {tr:.3f} F1 {tf:.3f}), {sc.full.tp} full; "
          f"full F1 {sc.full.prf[2]:.3f}")
    for side in ("event", "source", "target"):
        row = sorted(((k[1], n) for k, n in counts.items() if k[0] == side), key=lambda x: -x[1])
        print(f"  {side:7s} " + "  ".join(f"{c} {n}" for c, n in row))
    if args.show and args.half != "b":
        for p, g, _s, _t in sc.matches:
            for side in ("source", "target"):
                if actor_loss(p, g, side) == args.show:
                    start = p.event.sentence.start  # type: ignore[attr-defined]
                    spans = p.source if side == "source" else p.target
                    got = [p.sentence[a - start:b - start] for a, b in spans]
                    want = g.source_text if side == "source" else g.target_text
                    print(f"\n[{side}] {p.type} {p.trigger_text!r} rule={p.event.rule}  gold={want!r} "  # type: ignore[attr-defined]
                          f"pred={got}\n    {p.sentence}")


if __name__ == "__main__":
    main()
