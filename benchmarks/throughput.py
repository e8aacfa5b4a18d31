"""Throughput: newsgraph's full extraction side by side with plain spaCy ``nlp.pipe`` on the same articles.

    python benchmarks/throughput.py [--corpus samples/articles.jsonl] [--min-words 50000] [--workers 1 2]

Each configuration runs in its own subprocess, so peak RSS is that run's alone (per worker for pools). The
clock covers processing only, after the model is loaded in the parent; pools include their workers' start-up,
for spaCy and newsgraph alike. The last line is ``ratio: X`` = newsgraph / plain spaCy articles/s at the
highest worker count.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_corpus(path: Path, min_words: int) -> list[dict]:  # type: ignore[type-arg]
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    out: list[dict] = []  # type: ignore[type-arg]
    words = 0
    rep = 0
    while words < min_words or not out:
        for r in rows:
            out.append({**r, "id": f"{r.get('id', len(out))}#{rep}"})
            words += len(r["text"].split())
        rep += 1
    return out


def _peak_rss_mb(children: bool) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024.0


def run_one(mode: str, workers: int, corpus: Path, min_words: int, batch_size: int) -> dict:  # type: ignore[type-arg]
    rows = load_corpus(corpus, min_words)
    words = sum(len(r["text"].split()) for r in rows)
    from newsgraph.settings import Settings

    settings = Settings(workers=workers, batch_size=batch_size)
    if mode == "spacy":
        import spacy

        nlp = spacy.load(settings.model)
        texts = [r["text"] for r in rows]
        t = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=batch_size, n_process=workers):
            pass
        secs = time.perf_counter() - t
    else:
        from newsgraph.batch import chunked, get_pipeline, iter_results
        from newsgraph.ingest import make_article

        articles = [make_article(r["text"], id=r["id"], published=r.get("published")) for r in rows]
        if workers == 1:
            get_pipeline(settings)  # load outside the clock, as for spaCy
        t = time.perf_counter()
        n = 0
        for _batch, results in iter_results(chunked(articles, batch_size), settings):
            n += len(results)
        secs = time.perf_counter() - t
        assert n == len(articles)
    rss = _peak_rss_mb(children=workers > 1) if workers > 1 else _peak_rss_mb(children=False)
    return {"mode": mode, "workers": workers, "articles": len(rows), "words": words, "seconds": secs,
            "peak_rss_mb_per_worker": rss}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT / "samples/articles.jsonl")
    ap.add_argument("--min-words", type=int, default=50_000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--run", choices=["spacy", "newsgraph"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.run:
        (w,) = args.workers
        print(json.dumps(run_one(args.run, w, args.corpus, args.min_words, args.batch_size)))
        return
    results = []
    for workers in args.workers:
        for mode in ("spacy", "newsgraph"):
            cmd = [sys.executable, __file__, "--run", mode, "--workers", str(workers), "--corpus", str(args.corpus),
                   "--min-words", str(args.min_words), "--batch-size", str(args.batch_size)]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True)
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    r0 = results[0]
    print(f"corpus: {args.corpus.name}, {r0['articles']} articles, {r0['words']:,} words")
    print(f"{'pipeline':<12} {'workers':>7} {'articles/s':>11} {'words/s':>10} {'peak RSS/worker MB':>19}")
    for r in results:
        print(f"{r['mode']:<12} {r['workers']:>7} {r['articles'] / r['seconds']:>11.1f} "
              f"{r['words'] / r['seconds']:>10,.0f} {r['peak_rss_mb_per_worker']:>19.0f}")
    top = max(args.workers)
    by = {(r["mode"], r["workers"]): r for r in results}
    ng1, ngt = by.get(("newsgraph", 1)), by[("newsgraph", top)]
    if ng1 and top > 1:
        print(f"newsgraph speedup {top} workers / 1: {ng1['seconds'] / ngt['seconds']:.2f}x")
    ratio = by[("spacy", top)]["seconds"] / ngt["seconds"]
    print(f"ratio: {ratio:.2f}")


if __name__ == "__main__":
    main()
