"""Parquet parts: the records a distributed run writes, one row per input article, and reading them back.

A part row has the article ``id`` and either ``record`` (the ArticleRecord as a nested struct, typed from
records.py like every other table) or ``failure`` (the Failure). DuckDB reads parts directly
(``SELECT record.id, unnest(record.entities) FROM 'parts/*.parquet'``); ``newsgraph load`` stores them.
This module needs only pyarrow: loading parts does not import Ray.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsgraph.batch import Result
from newsgraph.errors import NewsgraphError
from newsgraph.records import ArticleRecord, Failure
from newsgraph.store.schema import arrow_type


@lru_cache(maxsize=1)
def part_schema() -> pa.Schema:
    return pa.schema([
        pa.field("id", pa.string()),
        pa.field("record", arrow_type(ArticleRecord)),
        pa.field("failure", arrow_type(Failure)),
    ])


def results_to_table(results: list[Result]) -> pa.Table:
    rows = []
    for r in results:
        if isinstance(r, Failure):
            rows.append({"id": r.id, "record": None, "failure": r.to_dict()})
        else:
            rows.append({"id": r.id, "record": r.to_dict(), "failure": None})
    return pa.Table.from_pylist(rows, schema=part_schema())


def table_to_results(table: pa.Table | pa.RecordBatch) -> list[Result]:
    out: list[Result] = []
    for row in table.to_pylist():
        if row["record"] is not None:
            out.append(ArticleRecord.from_dict(row["record"]))
        else:
            out.append(Failure.from_dict(row["failure"]))
    return out


def part_files(paths: list[str]) -> list[Path]:
    """Parquet files under the given files and folders, in name order (a run's parts sort in write order)."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.rglob("*.parquet") if f.is_file())
        elif p.is_file():
            files.append(p)
        else:
            raise NewsgraphError(f"{p}: no such file or folder")
    if not files:
        raise NewsgraphError(f"no Parquet parts under {', '.join(paths)}")
    return files


def iter_parts(paths: list[str], batch_size: int = 256) -> Iterator[list[Result]]:
    """Results from part files, a batch at a time (memory stays flat)."""
    for f in part_files(paths):
        pf = pq.ParquetFile(f)
        if not {"id", "record", "failure"} <= set(pf.schema_arrow.names):
            raise NewsgraphError(f"{f}: not a newsgraph part (columns id, record, failure)")
        for batch in pf.iter_batches(batch_size=batch_size, columns=["id", "record", "failure"]):
            yield table_to_results(batch)  # from_dict fills fields that older parts lack with their defaults


def load_parts(paths: list[str], store, settings):  # type: ignore[no-untyped-def]
    """Store the records and failures of Parquet parts in one writer step; safe to re-run.

    The write path's pre-analysis step (``newsgraph.intake``) is the local ingest's: repeated and stored ids,
    reprint grouping (a record whose text is a reprint of a story already stored or met earlier in the parts is
    stored as a member of that story, without its extraction) and the counts, words included.
    """
    import time

    from newsgraph.intake import Intake

    t0 = time.perf_counter()
    intake = Intake(store, settings)
    for results in iter_parts(paths, batch_size=max(settings.batch_size, 256)):
        records = intake.admit(list(intake.read(results)))
        store.write(records, intake.take_failures())
        intake.count(records)
    store.refresh_actors()
    intake.stats.seconds = time.perf_counter() - t0
    return intake.stats
