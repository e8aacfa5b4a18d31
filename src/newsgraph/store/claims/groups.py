"""Claim groups across articles: claims about the same proposition, across speakers, sources and dates.

Incremental leader clustering over the terms of the claims' main clauses (``core_terms``) (terms.py: stems folded by synonyms, country codes):

- claims not yet in a group are taken in publication order (then article id, index);
- each is compared with the founding claims of the existing groups that share a term with it (an inverted
  index), by ``similarity``: the IDF-weighted overlap coefficient of the two term sets (shared weight over the
  lighter set's weight; a number only one of them has is left out, being a detail), where the IDF comes from
  every stored claim; at least ``MIN_SHARED`` shared terms of
  which ``MIN_WORDS`` are words (not country codes) are required;
- it joins the most similar group at ``THRESHOLD`` or above, else it founds a new group whose id is ``g`` plus
  its own id (stable: a group's id and representative wording never change as batches arrive).

A group's representative is its founder; the group's proposition is the founder's content, and each member's
polarity says whether its speaker supports (positive), denies (negative) or discusses (neutral) it. Comparing
only with founders keeps one long statement from chaining unrelated claims together. The threshold was chosen
on the dev half of the gold pairs (tests/gold/claims/pairs.jsonl); see docs/README-claims.md.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict

import duckdb
import pyarrow as pa

LOGGER = logging.getLogger(__name__)

THRESHOLD = 0.75
MIN_SHARED = 3
MIN_WORDS = 2
#: claims with fewer terms found no group of their own (too little to compare: "for peace negotiations")
MIN_TERMS = 3


_GROUP_SCHEMA = pa.schema([("group_id", pa.string()), ("founder", pa.string()), ("text", pa.string()),
                           ("terms", pa.list_(pa.string()))])
_MEMBER_SCHEMA = pa.schema([("claim_id", pa.string()), ("article_id", pa.string()), ("idx", pa.int32()),
                            ("group_id", pa.string()), ("similarity", pa.float64())])


def _insert(con: duckdb.DuckDBPyConnection, table: str, data: pa.Table) -> None:
    con.register("_ng_groups", data)
    try:
        cols = ", ".join(data.column_names)
        con.execute(f"INSERT INTO {table} ({cols}, {'created_at' if table == 'claim_groups' else 'added_at'}) "
                    f"SELECT {cols}, now() FROM _ng_groups ON CONFLICT DO NOTHING")
    finally:
        con.unregister("_ng_groups")


def idf_table(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, float], float]:
    """term -> inverse document frequency over the stored claims, and the weight of an unseen term."""
    n = con.execute("SELECT count(*) FROM claims").fetchone()[0] or 1  # type: ignore[index]
    rows = con.execute("SELECT t, count(*) FROM (SELECT unnest(core_terms) AS t FROM claims) GROUP BY t").fetchall()
    return {t: math.log(1 + n / df) for t, df in rows}, math.log(1 + n)


def similarity(a: set[str], b: set[str], idf: dict[str, float], unseen: float) -> float:
    shared = a & b
    if len(shared) < MIN_SHARED or sum(1 for t in shared if not t.startswith("@")) < MIN_WORDS:
        return 0.0
    w = lambda ts: sum(idf.get(t, unseen) for t in ts)  # noqa: E731
    # a number is a detail ("155 Chinese nationals" vs "Chinese nationals"): it counts when shared, never against
    da = {t for t in a - shared if t[:1].isdigit()}
    db = {t for t in b - shared if t[:1].isdigit()}
    return w(shared) / min(w(a - da), w(b - db))


def assign_groups(con: duckdb.DuckDBPyConnection, threshold: float | None = None) -> int:
    """Put every claim that has no group into one (at ``threshold``, default ``THRESHOLD``); returns how many
    claims were placed."""
    threshold = THRESHOLD if threshold is None else threshold
    new = con.execute(
        "SELECT c.id, c.article_id, c.idx, c.core_terms, c.text FROM claims c "
        "LEFT JOIN claim_members m ON m.claim_id = c.id WHERE m.claim_id IS NULL "
        "ORDER BY c.published NULLS LAST, c.article_id, c.idx"
    ).fetchall()
    if not new:
        return 0
    idf, unseen = idf_table(con)
    founders: dict[str, set[str]] = {}
    index: dict[str, list[str]] = defaultdict(list)
    for gid, terms in con.execute("SELECT group_id, terms FROM claim_groups").fetchall():
        founders[gid] = set(terms or [])
        for t in founders[gid]:
            index[t].append(gid)
    groups_rows, member_rows = [], []
    for cid, article_id, idx, terms, text in new:
        ts = set(terms or [])
        candidates = {g for t in ts if not t.startswith("@") for g in index.get(t, ())}
        best, best_sim = None, 0.0
        for g in sorted(candidates):
            s = similarity(ts, founders[g], idf, unseen)
            if s > best_sim:
                best, best_sim = g, s
        if best is not None and best_sim >= threshold:
            member_rows.append([cid, article_id, idx, best, round(best_sim, 4)])
            continue
        gid = "g" + cid[1:]
        groups_rows.append([gid, cid, text, sorted(ts)])
        member_rows.append([cid, article_id, idx, gid, 1.0])
        if len(ts) >= MIN_TERMS:
            founders[gid] = ts
            for t in ts:
                index[t].append(gid)
    if groups_rows:
        _insert(con, "claim_groups", pa.table(list(zip(*groups_rows, strict=True)), schema=_GROUP_SCHEMA))
    _insert(con, "claim_members", pa.table(list(zip(*member_rows, strict=True)), schema=_MEMBER_SCHEMA))
    LOGGER.info("claim groups: %d claims placed, %d new groups", len(member_rows), len(groups_rows))
    return len(member_rows)
