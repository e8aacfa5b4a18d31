"""Table layouts derived from the record dataclasses: DuckDB DDL and Arrow schemas from one source."""

from __future__ import annotations

import hashlib
from typing import Any, get_args, get_origin

import pyarrow as pa

from newsgraph.records import PART_TABLES, ArticleRecord, Failure, Record, field_types, unwrap_optional

_SQL = {str: "VARCHAR", int: "BIGINT", float: "DOUBLE", bool: "BOOLEAN"}
_ARROW = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}

#: article-level columns: the ArticleRecord fields that are not part lists, plus bookkeeping
ARTICLE_FIELDS = [
    (name, tp) for name, tp in field_types(ArticleRecord) if name not in {t[1] for t in PART_TABLES}
]
ARTICLE_EXTRA_SQL = [("content_hash", "VARCHAR"), ("ingested_at", "TIMESTAMP")]


def _quote(name: str) -> str:
    return f'"{name}"'


def sql_type(tp: Any) -> str:
    inner, _ = unwrap_optional(tp)
    if get_origin(inner) is list:
        (item,) = get_args(inner)
        return sql_type(item) + "[]"
    if isinstance(inner, type) and issubclass(inner, Record):
        cols = ", ".join(f"{_quote(n)} {sql_type(t)}" for n, t in field_types(inner))
        return f"STRUCT({cols})"
    return _SQL[inner]


def arrow_type(tp: Any) -> pa.DataType:
    inner, _ = unwrap_optional(tp)
    if get_origin(inner) is list:
        (item,) = get_args(inner)
        return pa.list_(arrow_type(item))
    if isinstance(inner, type) and issubclass(inner, Record):
        return pa.struct([pa.field(n, arrow_type(t)) for n, t in field_types(inner)])
    return _ARROW[inner]


def articles_ddl() -> str:
    cols = [f"{_quote(n)} {'DATE' if n == 'published' else sql_type(t)}" for n, t in ARTICLE_FIELDS]
    cols += [f"{_quote(n)} {t}" for n, t in ARTICLE_EXTRA_SQL]
    return f"CREATE TABLE IF NOT EXISTS articles ({', '.join(cols)}, PRIMARY KEY (id))"


#: part tables whose rows pages show one by one (a page of events, quotes, places): each row carries ``row_key``, a
#: 64-bit key of (article_id, idx) with a one-column index, since DuckDB looks up single rows through a one-column
#: index only (never through the composite primary key; its article_id index fetches every row of the article)
ROW_KEYED: tuple[str, ...] = ("events", "quotes", "places")


def row_key(article_id: str, idx: str) -> str:
    """SQL: the ``row_key`` of the row of (``article_id``, ``idx``), two SQL expressions (the low 64 bits of the
    MD5 of ``article_id#idx``: the same in every DuckDB version; keys that collide are told apart by the
    (article_id, idx) join every lookup makes after it)."""
    return f"md5_number_lower({article_id} || '#' || CAST({idx} AS VARCHAR))"


def row_key_of(article_id: str, idx: int) -> int:
    """The ``row_key`` of (``article_id``, ``idx``) as :func:`row_key` computes it in SQL (DuckDB's
    ``md5_number_lower``: the last 8 bytes of the MD5, little-endian), for lookups of rows a query has named."""
    digest = hashlib.md5(f"{article_id}#{idx}".encode(), usedforsecurity=False).digest()
    return int.from_bytes(digest[8:], "little")


def part_ddl(table: str, cls: type[Record]) -> str:
    cols = ["article_id VARCHAR NOT NULL", "idx INTEGER NOT NULL"]
    cols += [f"{_quote(n)} {sql_type(t)}" for n, t in field_types(cls)]
    if table in ROW_KEYED:
        cols.append("row_key UBIGINT")
    return f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(cols)}, PRIMARY KEY (article_id, idx))"


def failures_ddl() -> str:
    cols = ["key VARCHAR PRIMARY KEY"] + [f"{_quote(n)} {sql_type(t)}" for n, t in field_types(Failure)]
    cols.append("failed_at TIMESTAMP")
    return f"CREATE TABLE IF NOT EXISTS failures ({', '.join(cols)})"


def part_arrow_schema(cls: type[Record]) -> pa.Schema:
    return pa.schema(
        [pa.field("article_id", pa.string()), pa.field("idx", pa.int32())]
        + [pa.field(n, arrow_type(t)) for n, t in field_types(cls)]
    )


def article_arrow_schema() -> pa.Schema:
    fields = [pa.field(n, pa.date32() if n == "published" else arrow_type(t)) for n, t in ARTICLE_FIELDS]
    fields.append(pa.field("content_hash", pa.string()))
    return pa.schema(fields)


# ---- story groups (scale: de-duplication, dedup.py) ---------------------------------------------------------


def stories_ddl() -> list[str]:
    """Story groups: one membership row per stored report, and views that count per story or per report.

    - ``story_members``: article_id -> story_id (the id of the story's first report), how it was matched
      (``first`` | ``exact`` | ``near``), the estimated similarity, the normalised-text hash, and for first
      reports the MinHash signature that the de-duplication index is rebuilt from.
    - ``story_reports`` (view): every stored article with its story; articles stored without a membership row
      (databases from before de-duplication) are their own story.
    - ``story_groups`` (view): per story, ``reports`` (GDELT NumArticles/NumMentions analogue), ``sources``
      (distinct sources, NumSources), first and last publication date.
    - ``story_events``, ``story_quotes`` (views): each event or quote of a story's analysed report with its
      story's ``reports`` and ``sources``; ``count(*)`` counts per distinct story, ``sum(reports)`` per report.
    """
    return [
        "CREATE TABLE IF NOT EXISTS story_members (article_id VARCHAR PRIMARY KEY, story_id VARCHAR NOT NULL, "
        "method VARCHAR NOT NULL, similarity DOUBLE, text_hash VARCHAR, minhash UINTEGER[], added_at TIMESTAMP)",
        "CREATE OR REPLACE VIEW story_reports AS SELECT a.id AS article_id, coalesce(m.story_id, a.id) AS story_id, "
        "coalesce(m.method, 'first') AS method, m.similarity, a.status, a.source, a.url, a.published "
        "FROM articles a LEFT JOIN story_members m ON m.article_id = a.id",
        "CREATE OR REPLACE VIEW story_groups AS SELECT story_id, count(*) AS reports, "
        "count(DISTINCT source) AS sources, min(published) AS first_published, max(published) AS last_published "
        "FROM story_reports GROUP BY story_id",
        "CREATE OR REPLACE VIEW story_events AS SELECT g.story_id, g.reports, g.sources, e.* "
        "FROM events e JOIN story_groups g ON g.story_id = e.article_id",
        "CREATE OR REPLACE VIEW story_quotes AS SELECT g.story_id, g.reports, g.sources, q.* "
        "FROM quotes q JOIN story_groups g ON g.story_id = q.article_id",
    ]
