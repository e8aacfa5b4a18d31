"""Helpers for tests that make an older database out of a new one."""

from __future__ import annotations

import duckdb


def drop_indexes(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Drop the indexes the store makes on a part table (an older database has none, and DuckDB drops no column
    an index depends on, or that comes before an indexed one)."""
    for column in ("article_id", "row_key"):
        con.execute(f"DROP INDEX IF EXISTS {table}_{column}")
