"""Exporters: JSONL records, Parquet tables. Each reads the store, never spaCy objects."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from newsgraph.errors import NewsgraphError
from newsgraph.records import PART_TABLES
from newsgraph.store.duck import Store


def export_jsonl(store: Store, out: Path | None) -> str:
    fh = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
    n = 0
    try:
        for record in store.iter_records():
            fh.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    finally:
        if out:
            fh.close()
    return f"{n} records written to {out or 'stdout'}"


def export_parquet(store: Store, out: Path | None) -> str:
    folder = out or Path("newsgraph-parquet")
    folder.mkdir(parents=True, exist_ok=True)
    tables = ["articles", *(t for t, _, _ in PART_TABLES), "failures"]
    for table in tables:
        target = str(folder / f"{table}.parquet").replace("'", "''")
        store.con.execute(f"COPY (SELECT * FROM {table}) TO '{target}' (FORMAT PARQUET)")
    return f"{len(tables)} tables written to {folder}/"


EXPORTERS: dict[str, Callable[[Store, Path | None], str]] = {
    "jsonl": export_jsonl,
    "parquet": export_parquet,
}


def export(store: Store, fmt: str, out: Path | None) -> str:
    try:
        fn = EXPORTERS[fmt]
    except KeyError:
        raise NewsgraphError(f"unknown export format {fmt!r}; known: {', '.join(EXPORTERS)}") from None
    return fn(store, out)
