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

The stored groups a claim is compared with come from one join on ``claim_group_terms``, an inverted index of
each founder's *prefix* (prefix filtering, as in set-similarity joins): two term sets that share at least
``MIN_SHARED`` terms share a term among the first ``len - MIN_SHARED + 1`` of each, in any fixed order of the
terms. The order is the order the store first saw each term, newest first (``claim_term_df.seen``, assigned once,
never changed): the commonest terms ("@USA", "say", "military") are seen early and fall out of every prefix, so
their long posting lists are never joined, and the candidates are still every group that can reach the
threshold (the test compares with the grouping over every group's terms).

A group's representative is its founder; the group's proposition is the founder's content, and each member's
polarity says whether its speaker supports (positive), denies (negative) or discusses (neutral) it. Comparing
only with founders keeps one long statement from chaining unrelated claims together. The threshold was chosen
on the dev half of the gold pairs (tests/gold/claims/pairs.jsonl); see docs/README-claims.md.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

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


@contextmanager
def _registered(con: duckdb.DuckDBPyConnection, name: str, data: pa.Table) -> Iterator[str]:
    """``data`` readable as relation ``name`` for as long as the block runs."""
    con.register(name, data)
    try:
        yield name
    finally:
        con.unregister(name)


def _insert(con: duckdb.DuckDBPyConnection, table: str, data: pa.Table) -> None:
    with _registered(con, "_ng_groups", data):
        cols = ", ".join(data.column_names)
        con.execute(f"INSERT INTO {table} ({cols}, {'created_at' if table == 'claim_groups' else 'added_at'}) "
                    f"SELECT {cols}, now() FROM _ng_groups ON CONFLICT DO NOTHING")


def _term_stats(con: duckdb.DuckDBPyConnection, terms: set[str]) -> dict[str, tuple[int, int]]:
    """term -> (df, seen) from ``claim_term_df`` for ``terms``."""
    if not terms:
        return {}
    with _registered(con, "_ng_terms", pa.table({"term": pa.array(sorted(terms), pa.string())})):
        rows = con.execute("SELECT d.term, d.df, d.seen FROM claim_term_df d JOIN _ng_terms t ON t.term = d.term"
                           ).fetchall()
    return {t: (df, seen) for t, df, seen in rows}


def idf_table(con: duckdb.DuckDBPyConnection, terms: list[str] | None = None) -> tuple[dict[str, float], float]:
    """term -> inverse document frequency over the stored claims (of ``terms`` only, when given), and the weight
    of an unseen term. Read from ``claim_term_df``, kept at write time (``add_term_counts``)."""
    if terms is None:
        return _idf(con, dict(con.execute("SELECT term, df FROM claim_term_df").fetchall()))
    return _idf(con, {t: df for t, (df, _) in _term_stats(con, set(terms)).items()})


def _idf(con: duckdb.DuckDBPyConnection, dfs: dict[str, int]) -> tuple[dict[str, float], float]:
    """The IDF of terms of known frequency ``dfs`` over the stored claims, and the weight of an unseen term."""
    n = con.execute("SELECT count(*) FROM claims").fetchall()[0][0] or 1
    return {t: math.log(1 + n / df) for t, df in dfs.items()}, math.log(1 + n)


def prefix(terms: set[str], seen: dict[str, int]) -> list[str]:
    """The terms of a set that the candidate join reads: all but its ``MIN_SHARED - 1`` first-seen (commonest)
    terms, by ``seen`` (a term the store has not counted sorts as newest); nothing for a set too small to share
    ``MIN_SHARED`` terms with any other."""
    oldest_first = sorted(terms, key=lambda t: (seen.get(t, _NEWEST), t))  # as build_indexes orders them
    return oldest_first[MIN_SHARED - 1 :]


_NEWEST = 1 << 62


def add_term_counts(con: duckdb.DuckDBPyConnection, claims: str) -> None:
    """Add the core terms of the claims in relation ``claims`` (just inserted) to ``claim_term_df``; a term seen
    for the first time is numbered after every stored one (``seen``; commonest of the batch first)."""
    con.execute(f"""INSERT INTO claim_term_df
        SELECT t, n, (SELECT coalesce(max(seen), 0) FROM claim_term_df) + row_number() OVER (ORDER BY n DESC, t)
        FROM (SELECT t, count(*) AS n FROM (SELECT unnest(core_terms) AS t FROM {claims}) GROUP BY t)
        ON CONFLICT DO UPDATE SET df = claim_term_df.df + excluded.df""")


def build_indexes(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)build ``claim_term_df`` and ``claim_group_terms`` from the stored claims and groups (a database from
    before them)."""
    con.execute("DELETE FROM claim_term_df")
    add_term_counts(con, "claims")
    con.execute("DELETE FROM claim_group_terms")
    con.execute(f"""INSERT INTO claim_group_terms SELECT term, group_id FROM (
        SELECT g.term, g.group_id, row_number() OVER (PARTITION BY g.group_id ORDER BY d.seen NULLS LAST, g.term) AS r
        FROM (SELECT DISTINCT unnest(terms) AS term, group_id FROM claim_groups) g
        LEFT JOIN claim_term_df d ON d.term = g.term) WHERE r >= {MIN_SHARED}""")


def similarity(a: set[str], b: set[str], idf: dict[str, float], unseen: float) -> float:
    shared = a & b
    if len(shared) < MIN_SHARED or sum(1 for t in shared if not t.startswith("@")) < MIN_WORDS:
        return 0.0
    w = lambda ts: sum(idf.get(t, unseen) for t in ts)  # noqa: E731
    # a number is a detail ("155 Chinese nationals" vs "Chinese nationals"): it counts when shared, never against
    da = {t for t in a - shared if t[:1].isdigit()}
    db = {t for t in b - shared if t[:1].isdigit()}
    return w(shared) / min(w(a - da), w(b - db))


def _stored_candidates(
    con: duckdb.DuckDBPyConnection, new: list[tuple], seen: dict[str, int]  # type: ignore[type-arg]
) -> dict[str, set[str]]:
    """claim id -> the stored groups whose founder's prefix shares a term with the claim's prefix: every group
    that can share ``MIN_SHARED`` terms with it (``prefix``), through one join on ``claim_group_terms``."""
    pairs = sorted({(cid, t) for cid, _a, _i, terms, _t in new for t in prefix(set(terms or []), seen)})
    if not pairs:
        return {}
    with _registered(con, "_ng_new_terms", pa.table({"cid": [p[0] for p in pairs], "term": [p[1] for p in pairs]})):
        rows = con.execute("SELECT DISTINCT n.cid, g.group_id FROM _ng_new_terms n "
                           "JOIN claim_group_terms g ON g.term = n.term").fetchall()
    out: dict[str, set[str]] = defaultdict(set)
    for cid, gid in rows:
        out[cid].add(gid)
    return out


def _founder_terms(con: duckdb.DuckDBPyConnection, groups: set[str]) -> dict[str, set[str]]:
    if not groups:
        return {}
    with _registered(con, "_ng_groups_wanted", pa.table({"group_id": pa.array(sorted(groups), pa.string())})):
        rows = con.execute("SELECT g.group_id, g.terms FROM claim_groups g "
                           "JOIN _ng_groups_wanted w ON w.group_id = g.group_id").fetchall()
    return {gid: set(terms or []) for gid, terms in rows}


def assign_groups(
    con: duckdb.DuckDBPyConnection, threshold: float | None = None, *, article_ids: list[str] | None = None,
    fresh: list[dict] | None = None,  # type: ignore[type-arg]
) -> int:
    """Put every claim that has no group into one (at ``threshold``, default ``THRESHOLD``); returns how many
    claims were placed. ``article_ids``: only those articles' claims can be new (a write's batch), which spares
    a look at every stored claim. ``fresh``: the claim rows a write has just inserted for articles new to the
    store (none of them grouped yet), taken as they are instead of looked up: no read of the claims or members
    tables, whose size grows with the store."""
    threshold = THRESHOLD if threshold is None else threshold
    if fresh is not None:
        rows = list({r["id"]: r for r in reversed(fresh)}.values())  # one row per id, the first of each
        rows.sort(key=lambda r: (r["published"] is None, r["published"] or "", r["article_id"], r["idx"]))
        new = [(r["id"], r["article_id"], r["idx"], r["core_terms"], r["text"]) for r in rows]
    else:
        scope, params = "", []
        if article_ids is not None:
            if not article_ids:
                return 0
            scope, params = "AND c.article_id IN (SELECT unnest(?::VARCHAR[]))", [article_ids]
        new = con.execute(
            "SELECT c.id, c.article_id, c.idx, c.core_terms, c.text FROM claims c "
            f"LEFT JOIN claim_members m ON m.claim_id = c.id WHERE m.claim_id IS NULL {scope} "
            "ORDER BY c.published NULLS LAST, c.article_id, c.idx", params
        ).fetchall()
    if not new:
        return 0
    stats = _term_stats(con, {t for _c, _a, _i, terms, _t in new for t in (terms or [])})
    seen = {t: s for t, (_, s) in stats.items()}
    stored = _stored_candidates(con, new, seen)
    founders = _founder_terms(con, set().union(*stored.values()) if stored else set())
    stats |= _term_stats(con, {t for terms in founders.values() for t in terms} - stats.keys())
    idf, unseen = _idf(con, {t: df for t, (df, _) in stats.items()})
    # groups founded by this batch: compared with the later claims of the batch through an index in memory
    index: dict[str, list[str]] = defaultdict(list)
    groups_rows, member_rows = [], []
    for cid, article_id, idx, terms, text in new:
        ts = set(terms or [])
        candidates = stored.get(cid, set()) | {g for t in ts if not t.startswith("@") for g in index.get(t, ())}
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
        terms_of = sorted({(t, g[0]) for g in groups_rows for t in prefix(set(g[3]), seen)})
        with _registered(con, "_ng_group_terms",
                         pa.table({"term": [t for t, _ in terms_of], "group_id": [g for _, g in terms_of]})):
            con.execute("INSERT INTO claim_group_terms SELECT term, group_id FROM _ng_group_terms")
    _insert(con, "claim_members", pa.table(list(zip(*member_rows, strict=True)), schema=_MEMBER_SCHEMA))
    LOGGER.info("claim groups: %d claims placed, %d new groups", len(member_rows), len(groups_rows))
    return len(member_rows)
