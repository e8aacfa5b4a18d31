"""The claim grouping's write-time indexes (store/claims/groups.py): ``claim_term_df`` and ``claim_group_terms``
hold what a recount from the stored claims gives, and grouping through them places every claim as the former
in-memory grouping did (every group's terms loaded, the IDF recounted from all claims, at each batch)."""

from __future__ import annotations

import math
import shutil
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

from newsgraph.store.claims import groups
from newsgraph.store.duck import Store

pytestmark = [pytest.mark.model, pytest.mark.slow]


def _reference(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> list[tuple[str, str, float]]:
    """The grouping as it was before the indexes (kept here as the oracle), for one batch of articles."""
    new = con.execute(
        "SELECT c.id, c.core_terms, c.text FROM claims c LEFT JOIN claim_members m ON m.claim_id = c.id "
        "WHERE m.claim_id IS NULL AND c.article_id IN (SELECT unnest(?::VARCHAR[])) "
        "ORDER BY c.published NULLS LAST, c.article_id, c.idx", [article_ids]).fetchall()
    n = con.execute("SELECT count(*) FROM claims").fetchone()[0]
    rows = con.execute("SELECT t, count(*) FROM (SELECT unnest(core_terms) AS t FROM claims) GROUP BY t").fetchall()
    idf, unseen = {t: math.log(1 + n / df) for t, df in rows}, math.log(1 + n)
    founders: dict[str, set[str]] = {}
    index: dict[str, list[str]] = defaultdict(list)
    for gid, terms in con.execute("SELECT group_id, terms FROM claim_groups").fetchall():
        founders[gid] = set(terms or [])
        for t in founders[gid]:
            index[t].append(gid)
    placed = []
    for cid, terms, text in new:
        ts = set(terms or [])
        best, best_sim = None, 0.0
        for g in sorted({g for t in ts if not t.startswith("@") for g in index.get(t, ())}):
            s = groups.similarity(ts, founders[g], idf, unseen)
            if s > best_sim:
                best, best_sim = g, s
        if best is not None and best_sim >= groups.THRESHOLD:
            placed.append((cid, best, round(best_sim, 4)))
            continue
        gid = "g" + cid[1:]
        con.execute("INSERT INTO claim_groups (group_id, founder, text, terms) VALUES (?, ?, ?, ?)",
                    [gid, cid, text, sorted(ts)])
        placed.append((cid, gid, 1.0))
        if len(ts) >= groups.MIN_TERMS:
            founders[gid] = ts
            for t in ts:
                index[t].append(gid)
    for cid, gid, sim in placed:
        con.execute("INSERT INTO claim_members (claim_id, article_id, idx, group_id, similarity) "
                    "SELECT id, article_id, idx, ?, ? FROM claims WHERE id = ?", [gid, sim, cid])
    return placed


def test_claims_groups_indexes_equal_a_recount(demo_db: Path) -> None:
    with Store(demo_db, read_only=True) as store:
        con = store.con
        assert con.execute("SELECT count(*) FROM claim_term_df").fetchone()[0] > 100
        diff = con.execute("""SELECT count(*) FROM claim_term_df d FULL JOIN
            (SELECT t, count(*) AS df FROM (SELECT unnest(core_terms) AS t FROM claims) GROUP BY t) r ON r.t = d.term
            WHERE d.df IS DISTINCT FROM r.df""").fetchone()[0]
        assert diff == 0
        diff = con.execute("""SELECT count(*) FROM (SELECT term, group_id FROM claim_group_terms) d FULL JOIN
            (SELECT DISTINCT unnest(terms) AS term, group_id FROM claim_groups) r
            ON r.term = d.term AND r.group_id = d.group_id WHERE d.term IS NULL OR r.term IS NULL""").fetchone()[0]
        assert diff == 0


def test_claims_groups_through_the_index_as_before(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(demo_db, db)
    con = duckdb.connect(str(db))
    try:
        ids = [r[0] for r in con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
        batches = [ids[k:k + 16] for k in range(0, len(ids), 16)]
        results = []
        for use_index in (True, False):
            con.execute("DELETE FROM claim_members")
            con.execute("DELETE FROM claim_groups")
            con.execute("DELETE FROM claim_group_terms")
            for batch in batches:
                if use_index:
                    groups.assign_groups(con, article_ids=batch)
                else:
                    _reference(con, batch)
            results.append(con.execute(
                "SELECT claim_id, group_id, round(similarity, 4) FROM claim_members ORDER BY claim_id").fetchall())
        assert len(results[0]) > 500 and results[0] == results[1]
        assert len({g for _, g, _ in results[0]}) < len(results[0])  # some claims were grouped together
    finally:
        con.close()
