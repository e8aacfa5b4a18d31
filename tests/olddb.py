"""Helpers for tests that make an older database out of a new one."""

from __future__ import annotations

from pathlib import Path

import duckdb


def drop_indexes(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Drop the indexes the store makes on a part table (an older database has none, and DuckDB drops no column
    an index depends on, or that comes before an indexed one)."""
    for column in ("article_id", "row_key"):
        con.execute(f"DROP INDEX IF EXISTS {table}_{column}")


def drop_column(db: Path, table: str, column: str) -> None:
    """Make database file ``db`` as it was before ``table`` had ``column`` (a record field added later)."""
    con = duckdb.connect(str(db))
    try:
        drop_indexes(con, table)
        con.execute(f'ALTER TABLE {table} DROP COLUMN "{column}"')
    finally:
        con.close()
