"""The claim grouping's write-time indexes (store/claims/groups.py): ``claim_term_df`` holds what a recount from
the stored claims gives, ``claim_group_terms`` each founder's prefix, and grouping through them places every claim
as the former in-memory grouping did (every group's terms loaded, the IDF recounted from all claims, at each
batch), also after the indexes are rebuilt for an older database."""

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
        # seen: one number per term, first-seen order; commoner terms were seen earlier on the whole
        seen = dict(con.execute("SELECT term, seen FROM claim_term_df").fetchall())
        assert None not in seen.values() and len(set(seen.values())) == len(seen)
        df = dict(con.execute("SELECT term, df FROM claim_term_df").fetchall())
        early = sorted(seen, key=seen.__getitem__)[:50]
        assert sum(df[t] for t in early) / 50 > 5 * sum(df.values()) / len(df)
        # claim_group_terms: each founder's prefix, all but its MIN_SHARED - 1 first-seen terms
        stored = {(t, g) for t, g in con.execute("SELECT term, group_id FROM claim_group_terms").fetchall()}
        expected = {(t, g) for g, terms in con.execute("SELECT group_id, terms FROM claim_groups").fetchall()
                    for t in groups.prefix(set(terms or []), seen)}
        assert stored == expected and len(stored) > 1000
        for (terms,) in con.execute("SELECT terms FROM claim_groups").fetchall():
            assert len(groups.prefix(set(terms or []), seen)) == max(0, len(set(terms or [])) - groups.MIN_SHARED + 1)


def test_claims_groups_through_the_index_as_before(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(demo_db, db)
    con = duckdb.connect(str(db))
    try:
        ids = [r[0] for r in con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
        batches = [ids[k:k + 16] for k in range(0, len(ids), 16)]
        results = []
        for way in ("index", "fresh rows", "reference"):
            con.execute("DELETE FROM claim_members")
            con.execute("DELETE FROM claim_groups")
            con.execute("DELETE FROM claim_group_terms")
            for batch in batches:
                if way == "index":
                    groups.assign_groups(con, article_ids=batch)
                elif way == "fresh rows":  # what a write hands over: the rows it inserted, in insertion order
                    cur = con.execute("SELECT id, article_id, idx, core_terms, text, published FROM claims "
                                      "WHERE article_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY article_id, idx",
                                      [batch])
                    names = [d[0] for d in cur.description]
                    groups.assign_groups(con, fresh=[dict(zip(names, r, strict=True)) for r in cur.fetchall()])
                else:
                    _reference(con, batch)
            results.append(con.execute(
                "SELECT claim_id, group_id, round(similarity, 4) FROM claim_members ORDER BY claim_id").fetchall())
        assert len(results[0]) > 500 and results[0] == results[1] == results[2]
        assert len({g for _, g, _ in results[0]}) < len(results[0])  # some claims were grouped together
    finally:
        con.close()


def test_claims_groups_indexes_rebuilt_for_a_database_from_before_the_prefix_order(demo_db: Path, tmp_path: Path) -> None:
    """A database whose ``claim_term_df`` has no ``seen`` (and whose ``claim_group_terms`` holds every founder
    term) gets both rebuilt when a writer opens it; its groups do not change."""
    db = tmp_path / "old.duckdb"
    shutil.copy(demo_db, db)
    con = duckdb.connect(str(db))
    members = con.execute("SELECT claim_id, group_id FROM claim_members ORDER BY claim_id").fetchall()
    con.execute("ALTER TABLE claim_term_df DROP COLUMN seen")
    con.execute("DELETE FROM claim_group_terms")
    con.execute("INSERT INTO claim_group_terms SELECT DISTINCT unnest(terms), group_id FROM claim_groups")
    con.close()
    with Store(db) as store:
        seen = dict(store.con.execute("SELECT term, seen FROM claim_term_df").fetchall())
        assert None not in seen.values()
        stored = set(store.con.execute("SELECT term, group_id FROM claim_group_terms").fetchall())
        expected = {(t, g) for g, terms in store.con.execute("SELECT group_id, terms FROM claim_groups").fetchall()
                    for t in groups.prefix(set(terms or []), seen)}
        assert stored == expected
        assert store.con.execute("SELECT claim_id, group_id FROM claim_members ORDER BY claim_id").fetchall() == members
