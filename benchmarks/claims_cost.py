"""Cost of the claims step against spaCy's own time on the same articles, in one run.

    python benchmarks/claims_cost.py [--corpus samples/articles.jsonl] [--repeat 3]

1. plain spaCy ``nlp.pipe`` over the corpus texts (the model of the settings, the same pipe batch size);
2. newsgraph's analysis of the corpus (records; not part of the comparison, it only makes the input);
3. the claims step: the records written into a fresh in-memory store, timing only what ``Store.write`` spends
   in ``newsgraph.store.claims.tables.write_claims`` (extraction from the records, insert, grouping).

Prints both times (medians over ``--repeat`` rounds) and ``claims/spacy: X`` (the issue's bound is 0.05).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "samples/articles.jsonl")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    import spacy

    from newsgraph.batch import process_batch
    from newsgraph.ingest.readers import make_article
    from newsgraph.records import ArticleRecord
    from newsgraph.settings import Settings
    from newsgraph.store.claims import tables
    from newsgraph.store.duck import Store

    settings = Settings()
    rows = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [r["text"] for r in rows]
    nlp = spacy.load(settings.model)
    articles = [make_article(r["text"], id=r.get("id"), published=r.get("published"), source=r.get("source"))
                for r in rows]
    records = [r for r in process_batch(articles, settings) if isinstance(r, ArticleRecord)]
    spacy_times, claim_times = [], []
    n_claims = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=settings.pipe_batch_size):
            pass
        spacy_times.append(time.perf_counter() - t0)
        before = tables.TIMER["seconds"]
        with Store(":memory:") as store:
            store.write(records)
            n_claims = store.con.execute("SELECT count(*) FROM claims").fetchone()[0]  # type: ignore[index]
        claim_times.append(tables.TIMER["seconds"] - before)
    sp, cl = statistics.median(spacy_times), statistics.median(claim_times)
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(texts)} articles, {words:,} words, {n_claims} claims; medians of {args.repeat} rounds")
    print(f"plain spaCy nlp.pipe ({settings.model}): {sp:.2f} s")
    print(f"claims step (extract + store + group):  {cl:.2f} s")
    print(f"claims/spacy: {cl / sp:.3f}")


if __name__ == "__main__":
    main()
