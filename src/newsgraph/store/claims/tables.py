"""The claims tables and views in DuckDB; ``write_claims`` runs inside the store's write transaction.

Tables (layouts derived from the dataclasses, like the record parts):

- ``claims``: one row per claim (``Claim`` fields), keyed by ``(article_id, idx)``; ``id`` is the stable claim id.
- ``claim_groups``: one row per group: ``group_id`` (the founding claim's id with a ``g`` prefix), the founding
  claim, its wording (the representative) and terms.
- ``claim_members``: claim id -> group id, with the similarity to the group's founder.

Views (always current, so the canonical actor names follow ``actor_names``):

- ``claim_actors``: ``claims`` plus ``actor``, the speaker's canonical cross-document name (store/actors.py);
  a speaker the quotes component did not resolve to an entity is its mention in lower case ("security sources").
- ``claim_positions``: per group and speaker: supporting, denying and discussing statements and the position
  (``supports`` | ``denies`` | ``both`` | ``discusses``), first and last date.
- ``claim_group_stats``: per group: claims, articles, sources, speakers, supporters, deniers, ``contested``
  (at least one supporting and one denying speaker), first and last date, the representative wording.
- ``quotation_occurrences`` / ``quotations``: Quotebank-style: the same direct quote (same words, case and
  punctuation ignored, at least six words) in several articles is one quotation with its occurrences;
  ``misattributed`` when its occurrences name different resolved speakers (unresolved mentions such as
  "the official" do not count).
"""

from __future__ import annotations

import logging
import time
from typing import Any

import duckdb
import pyarrow as pa

from newsgraph.claims.extract import Extractor
from newsgraph.claims.model import Claim
from newsgraph.records import ArticleRecord

LOGGER = logging.getLogger(__name__)

#: seconds spent in the claims step (extraction, writing, grouping) since the process started
TIMER = {"seconds": 0.0, "claims": 0}


def _schema():  # type: ignore[no-untyped-def]
    from newsgraph.store import schema  # the store's derivation, imported late (store imports this module)

    return schema


def ddl() -> list[str]:
    schema = _schema()
    return [
        schema.part_ddl("claims", Claim),
        "CREATE TABLE IF NOT EXISTS claim_groups (group_id VARCHAR PRIMARY KEY, founder VARCHAR NOT NULL, "
        "text VARCHAR, terms VARCHAR[], created_at TIMESTAMP)",
        "CREATE TABLE IF NOT EXISTS claim_members (claim_id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, "
        "idx INTEGER NOT NULL, group_id VARCHAR NOT NULL, similarity DOUBLE, added_at TIMESTAMP)",
        # the grouping's indexes, kept at write time so a batch costs the same at any size of the store
        # (store/claims/groups.py): term -> how often it occurs in the claims' core terms
        # (seen: the order the store first saw each term, for the prefix filter), and term -> group (of each
        # founder's prefix terms only)
        "CREATE TABLE IF NOT EXISTS claim_term_df (term VARCHAR PRIMARY KEY, df BIGINT NOT NULL, seen BIGINT)",
        "CREATE TABLE IF NOT EXISTS claim_group_terms (term VARCHAR NOT NULL, group_id VARCHAR NOT NULL)",
    ]


VIEWS = [
    """CREATE OR REPLACE VIEW claim_actors AS
    SELECT c.*, CASE WHEN c.speaker.entity IS NULL AND c.speaker.text IS NOT NULL THEN lower(c.speaker.text)
        ELSE coalesce(an.actor, c.speaker.name, 'unattributed') END AS actor
    FROM claims c LEFT JOIN actor_names an ON an.name = c.speaker.name AND an.label = c.speaker.label""",
    """CREATE OR REPLACE VIEW claim_positions AS
    SELECT m.group_id, ca.actor, mode(ca.speaker.code) AS code,
        count(*) FILTER (WHERE ca.polarity = 'positive') AS supporting,
        count(*) FILTER (WHERE ca.polarity = 'negative') AS denying,
        count(*) FILTER (WHERE ca.polarity = 'neutral') AS discussing,
        CASE WHEN supporting > 0 AND denying = 0 THEN 'supports' WHEN denying > 0 AND supporting = 0 THEN 'denies'
             WHEN supporting > 0 AND denying > 0 THEN 'both' ELSE 'discusses' END AS position,
        min(ca.published) AS first_published, max(ca.published) AS last_published
    FROM claim_members m JOIN claim_actors ca ON ca.id = m.claim_id
    WHERE ca.actor <> 'unattributed'
    GROUP BY m.group_id, ca.actor""",
    """CREATE OR REPLACE VIEW claim_group_stats AS
    WITH pos AS (
        SELECT group_id, count(*) AS speakers, count(*) FILTER (WHERE supporting > 0) AS supporters,
            count(*) FILTER (WHERE denying > 0) AS deniers
        FROM claim_positions GROUP BY group_id),
    mem AS (
        SELECT m.group_id, count(*) AS claims, count(DISTINCT m.article_id) AS articles,
            count(DISTINCT c.source) AS sources, min(c.published) AS first_published,
            max(c.published) AS last_published
        FROM claim_members m JOIN claims c ON c.id = m.claim_id GROUP BY m.group_id)
    SELECT g.group_id, g.text, g.founder, mem.claims, mem.articles, mem.sources,
        coalesce(pos.speakers, 0) AS speakers, coalesce(pos.supporters, 0) AS supporters,
        coalesce(pos.deniers, 0) AS deniers, coalesce(pos.supporters > 0 AND pos.deniers > 0, false) AS contested,
        mem.first_published, mem.last_published
    FROM claim_groups g JOIN mem ON mem.group_id = g.group_id LEFT JOIN pos ON pos.group_id = g.group_id""",
    """CREATE OR REPLACE VIEW quotation_occurrences AS
    SELECT md5(trim(regexp_replace(lower(q.text), '[^a-z0-9]+', ' ', 'g'))) AS quotation_id, q.article_id, q.idx,
        q.start, q."end", q.text, ae.name AS speaker, q.speaker.text AS mention, a.source, a.published
    FROM quotes q JOIN articles a ON a.id = q.article_id
    LEFT JOIN actor_entities ae ON ae.article_id = q.article_id AND ae.id = q.speaker.entity
    WHERE q.kind = 'direct' AND len(string_split(trim(q.text), ' ')) >= 6""",
    """CREATE OR REPLACE VIEW quotations AS
    SELECT quotation_id, min(text) AS text, count(*) AS occurrences, count(DISTINCT article_id) AS articles,
        count(DISTINCT source) AS sources, list(DISTINCT speaker ORDER BY speaker) FILTER (WHERE speaker IS NOT NULL)
        AS speakers, count(DISTINCT speaker) > 1 AS misattributed,
        min(published) AS first_published, max(published) AS last_published
    FROM quotation_occurrences GROUP BY quotation_id""",
]


def create(con: duckdb.DuckDBPyConnection) -> bool:
    """Create the tables and views; True when the claims table is new (older databases are then backfilled)."""
    from newsgraph.store.claims.groups import build_indexes

    existed = bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'claims'").fetchone()[0])  # type: ignore[index]
    indexed = bool(con.execute(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'claim_term_df' AND column_name = 'seen'"
    ).fetchall()[0][0])
    for stmt in ddl() + VIEWS:
        con.execute(stmt)
    if not (existed and indexed):  # a database from before the grouping indexes (or their prefix order, or the
        # claims): built from its claims and groups, or emptied
        con.execute("ALTER TABLE claim_term_df ADD COLUMN IF NOT EXISTS seen BIGINT")
        build_indexes(con)
    return not existed


def has_claims(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('claims', 'claim_groups')"
    ).fetchone()[0] == 2)  # type: ignore[index]


_EXTRACTOR: Extractor | None = None
_SCALARS = (str, int, float, bool)


def _plain(value: Any) -> Any:
    """A claim as plain data, like ``Record.to_dict`` but by the slots of the frozen dataclasses (the claims
    step's hot path: about half its time went to the generic conversion)."""
    if value is None or isinstance(value, _SCALARS):
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return {name: _plain(getattr(value, name)) for name in value.__slots__}


def write_claims(con: duckdb.DuckDBPyConnection, records: list[ArticleRecord], *, group: bool = True) -> int:
    """Extract and insert the claims of freshly stored records, then group the new claims. The caller holds the
    transaction. Returns the number of claims written."""
    global _EXTRACTOR
    from newsgraph.store.claims.groups import add_term_counts, assign_groups

    t0 = time.perf_counter()
    if _EXTRACTOR is None:
        _EXTRACTOR = Extractor()
    rows: list[dict[str, Any]] = []
    for r in records:
        try:
            found = _EXTRACTOR.claims(r)
        except Exception:  # a record the rules cannot read keeps its place in the store, without claims
            LOGGER.exception("claims: skipped the claims of article %s", r.id)
            continue
        for i, c in enumerate(found):
            rows.append({"article_id": r.id, "idx": i, **_plain(c)})
    if rows:
        data = pa.Table.from_pylist(rows, schema=_schema().part_arrow_schema(Claim))
        con.register("_ng_claims", data)
        try:
            cols = ", ".join(f'"{c}"' for c in data.column_names)
            # the records are fresh (just stored, or without claims when backfilled): none of their claims is
            # stored yet, so each counts once in the grouping's term frequencies
            con.execute(f"INSERT INTO claims ({cols}) SELECT {cols} FROM _ng_claims ON CONFLICT DO NOTHING")
            add_term_counts(con, "_ng_claims")
        finally:
            con.unregister("_ng_claims")
    if group:  # the rows just inserted are the batch's ungrouped claims: no lookup in the growing tables
        assign_groups(con, fresh=rows)
    TIMER["seconds"] += time.perf_counter() - t0
    TIMER["claims"] += len(rows)
    return len(rows)
