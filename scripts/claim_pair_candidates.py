"""Candidate claim pairs for hand labelling (the gold set in tests/gold/claims/): how they were drawn.

    python scripts/claim_pair_candidates.py newsgraph.duckdb > candidates.jsonl

Reads the claims of a database made by ``newsgraph ingest samples/articles.jsonl`` (VOA stories only, not the
seed), scores every pair of claims that share a word term with the grouping similarity *without* its minimum
counts, and draws pairs stratified by that score (seeded), so the set holds clear matches, near misses and
unrelated pairs that share words. The labels are then written by hand (see tests/gold/claims/README.md).
"""

from __future__ import annotations

import itertools
import json
import random
import sys
from collections import defaultdict

from newsgraph.store.claims.groups import idf_table
from newsgraph.store.duck import Store

BANDS = ((0.7, 1.01, 30), (0.5, 0.7, 30), (0.35, 0.5, 25), (0.2, 0.35, 15))


def main(db: str) -> None:
    store = Store(db, read_only=True)
    idf, unseen = idf_table(store.con)
    rows = store.con.execute(
        "SELECT id, article_id, start, \"end\", text, actor, polarity, core_terms FROM claim_actors "
        "WHERE article_id LIKE 'voa-%' AND len(core_terms) >= 3 ORDER BY id").fetchall()
    index = defaultdict(list)
    for i, r in enumerate(rows):
        for t in r[7]:
            if not t.startswith("@"):
                index[t].append(i)
    scored = {}
    for ids in index.values():
        if len(ids) > 60:
            continue
        for a, b in itertools.combinations(ids, 2):
            if (a, b) in scored or rows[a][4] == rows[b][4]:
                continue
            ta, tb = set(rows[a][7]), set(rows[b][7])
            w = lambda ts: sum(idf.get(t, unseen) for t in ts)  # noqa: E731
            scored[(a, b)] = w(ta & tb) / min(w(ta), w(tb))
    rng = random.Random(14)
    for lo, hi, n in BANDS:
        band = sorted(k for k, s in scored.items() if lo <= s < hi)
        for a, b in rng.sample(band, min(n, len(band))):
            ra, rb = rows[a], rows[b]
            print(json.dumps({
                "a": {"article_id": ra[1], "start": ra[2], "end": ra[3], "speaker": ra[5], "text": ra[4]},
                "b": {"article_id": rb[1], "start": rb[2], "end": rb[3], "speaker": rb[5], "text": rb[4]},
                "score": round(scored[(a, b)], 3),
            }, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
