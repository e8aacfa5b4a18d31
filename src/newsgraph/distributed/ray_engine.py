"""The Ray backend: the same ``process_batch()`` on Ray Data, one model per actor, Parquet parts out.

    newsgraph analyze shards/ --engine ray --out parts/ [--address ray://head:10001] [--workers N]
    newsgraph load parts/ --db newsgraph.duckdb

Input is sharded JSONL (``.jsonl``, ``.jsonl.gz``, read with the same line reader as the local path, so ids,
texts and failures are identical) or Parquet with the article columns (``text`` and optionally ``id``,
``title``, ``url``, ``source``, ``published``). Each shard is parsed by a Ray task; articles go in batches of
``batch_size`` to a pool of ``workers`` actors, each of which builds the pipeline once; results come back as
Parquet parts (parts.py), which one writer step (``newsgraph load``) stores. Reprint grouping happens in that
writer step (store/stories.py): on Ray every article is analysed, and reprints are stored as story members.

Ray is the optional extra ``newsgraph[ray]``; nothing here is imported on the default path. Without
``--address`` a local Ray is started on the loopback interface with ``workers`` + 1 CPUs, no dashboard and no
usage reporting.
"""

from __future__ import annotations

import gzip
import io
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from newsgraph.batch import Result, get_pipeline, process_batch
from newsgraph.distributed.parts import results_to_table, table_to_results
from newsgraph.errors import NewsgraphError
from newsgraph.ingest.articles import make_article
from newsgraph.ingest.readers import JSONL_SUFFIXES, iter_jsonl
from newsgraph.records import Article, Failure
from newsgraph.settings import Settings

LOGGER = logging.getLogger(__name__)

#: the article fields carried from the read stage to the analysis actors (``home``: the source's home place)
ARTICLE_COLUMNS = ("id", "text", "title", "url", "source", "published", "home")
#: CPUs asked by each read-and-parse task: light work, and it leaves room beside actors that hold one CPU each
_READ_CPUS = 0.5
#: what the parse stage hands the analysis actors: an article, or (error set) an input that failed to read
_ITEM_SCHEMA = pa.schema([pa.field(c, pa.string()) for c in (*ARTICLE_COLUMNS, "origin", "error")])


def _require_ray():  # type: ignore[no-untyped-def]
    try:
        import ray
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise NewsgraphError("the Ray engine needs the optional extra: pip install 'newsgraph[ray]'") from exc
    return ray


def init_ray(address: str | None = None, num_cpus: int | None = None) -> None:
    """Connect to a Ray cluster at ``address``, or start a local one on loopback (no dashboard, no telemetry)."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    if not address:
        loopback_only()
    ray = _require_ray()
    if ray.is_initialized():
        return
    if address:
        ray.init(address=address, configure_logging=False, log_to_driver=False)
    else:
        ray.init(num_cpus=num_cpus, include_dashboard=False, configure_logging=False, log_to_driver=False)


def loopback_only() -> None:
    """Make a local Ray use 127.0.0.1 for every address it binds and connects to.

    Ray's single-machine mode (RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0) takes the loopback address as the node's
    address; by default it would pick the machine's outward-facing address. Set before Ray starts; child
    processes inherit it.
    """
    os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"
    import sys

    constants = sys.modules.get("ray._private.ray_constants")
    if constants is not None:  # Ray imported already: its constant was read at import
        constants.ENABLE_RAY_CLUSTER = False  # type: ignore[attr-defined]


# ---- stages ----------------------------------------------------------------------------------------------------


def _items_table(items: list[Article | Failure]) -> pa.Table:
    rows = []
    for it in items:
        if isinstance(it, Failure):
            rows.append({"id": it.id, "text": it.text, "origin": it.origin, "error": it.error})
        else:
            rows.append({**{c: getattr(it, c) for c in ARTICLE_COLUMNS}, "origin": it.origin})
    return pa.Table.from_pylist(rows, schema=_ITEM_SCHEMA)


def parse_jsonl_files(batch: dict[str, Any]) -> pa.Table:
    """Ray task: whole JSONL shards (bytes) -> one row per line, by the local path's line reader."""
    items: list[Article | Failure] = []
    for path, data in zip(batch["path"], batch["bytes"], strict=True):
        raw = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data  # Ray may have gunzipped it already
        items += iter_jsonl(io.BytesIO(raw), str(path))
    return _items_table(items)


def parse_article_rows(batch: pa.Table) -> pa.Table:
    """Ray task: Parquet rows with article columns -> validated articles (a bad row becomes a failure)."""
    from newsgraph.errors import IngestError

    items: list[Article | Failure] = []
    cols = [c for c in ARTICLE_COLUMNS if c in batch.column_names]
    paths = batch.column("path").to_pylist() if "path" in batch.column_names else [None] * batch.num_rows
    for n, (row, path) in enumerate(zip(batch.select(cols).to_pylist(), paths, strict=True)):
        origin = f"{path or 'parquet'}#row{n}"
        try:
            items.append(make_article(row.get("text"), id=row.get("id"), title=row.get("title"), url=row.get("url"),
                                      source=row.get("source"), published=row.get("published"), home=row.get("home"),
                                       origin=origin))
        except IngestError as exc:
            text = row.get("text")
            items.append(Failure(origin=origin, stage="ingest", error=str(exc),
                                 text=text if isinstance(text, str) else None))
    return _items_table(items)


class Analyzer:
    """Ray actor: builds the pipeline once, then runs ``process_batch`` on each batch of articles."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        get_pipeline(settings)

    def __call__(self, batch: pa.Table) -> pa.Table:
        results: list[Result | None] = []
        articles: list[Article] = []
        slots: list[int] = []
        for row in batch.to_pylist():
            if row["error"] is not None:
                results.append(Failure(origin=row["origin"], stage="ingest", error=row["error"], id=row["id"],
                                       text=row["text"]))
                continue
            slots.append(len(results))
            results.append(None)
            articles.append(Article(**{c: row[c] for c in ARTICLE_COLUMNS}, origin=row["origin"]))
        for i, r in zip(slots, process_batch(articles, self.settings), strict=True):
            results[i] = r
        return results_to_table([r for r in results if r is not None])


# ---- the run ---------------------------------------------------------------------------------------------------


def _input_files(paths: list[str]) -> tuple[list[str], list[str]]:
    jsonl: list[str] = []
    parquet: list[str] = []
    for p in map(Path, paths):
        files = sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")) if p.is_dir() else [p]
        if not p.exists():
            raise NewsgraphError(f"{p}: no such file or folder")
        for f in files:
            name = f.name.lower()
            if any(name.endswith(s) for s in JSONL_SUFFIXES):
                jsonl.append(str(f))
            elif name.endswith(".parquet"):
                parquet.append(str(f))
            else:
                raise NewsgraphError(
                    f"{f}: the Ray engine reads sharded JSONL (.jsonl, .jsonl.gz) or Parquet; "
                    "other inputs (HTML, WARC, feeds) go through the local engine"
                )
    if not jsonl and not parquet:
        raise NewsgraphError("no input files")
    return jsonl, parquet


def build_dataset(paths: list[str], settings: Settings):  # type: ignore[no-untyped-def]
    """The Ray Dataset of part rows for ``paths`` (lazy: nothing runs until it is consumed)."""
    _require_ray()
    import ray.data

    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True  # parts in input order, as the local path writes
    ctx.enable_progress_bars = False  # the CLI reports counts; Ray Data's own log goes to its session folder
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    jsonl, parquet = _input_files(paths)
    parts = []
    if jsonl:
        parts.append(ray.data.read_binary_files(jsonl, include_paths=True, num_cpus=_READ_CPUS)
                     .map_batches(parse_jsonl_files, batch_format="numpy", num_cpus=_READ_CPUS))
    if parquet:
        parts.append(ray.data.read_parquet(parquet, include_paths=True, num_cpus=_READ_CPUS)
                     .map_batches(parse_article_rows, batch_format="pyarrow", num_cpus=_READ_CPUS))
    ds = parts[0] if len(parts) == 1 else parts[0].union(*parts[1:])
    return ds.map_batches(
        Analyzer,
        fn_constructor_args=(settings,),
        batch_size=settings.batch_size,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=settings.workers),
        num_cpus=1,
    )


def analyze_ray(paths: list[str], settings: Settings, *, address: str | None = None) -> Iterator[Result]:
    """Records (and failures) for ``paths``, computed on Ray and streamed back to the caller."""
    init_ray(address, num_cpus=settings.workers + 1)
    ds = build_dataset(paths, settings)
    for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None):
        yield from table_to_results(batch)


def write_parts(paths: list[str], out: str | Path, settings: Settings, *, address: str | None = None) -> int:
    """Analyse ``paths`` on Ray and write Parquet parts under ``out``. Returns the number of part rows."""
    init_ray(address, num_cpus=settings.workers + 1)
    out = Path(out)
    if out.exists() and any(out.glob("*.parquet")):
        raise NewsgraphError(f"{out}: already holds Parquet parts; choose an empty folder")
    ds = build_dataset(paths, settings)
    ds.write_parquet(str(out))
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(f).metadata.num_rows for f in out.glob("*.parquet"))


def ingest_ray(
    paths: list[str], store, settings: Settings, *, address: str | None = None, parts: str | Path | None = None
):  # type: ignore[no-untyped-def]
    """Analyse on Ray into Parquet parts (kept under ``parts`` if given, else in a temporary folder), then
    store them in one writer step. Returns the load's RunStats."""
    import tempfile
    import time

    from newsgraph.distributed.parts import load_parts

    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newsgraph-parts-") as tmp:
        out = Path(parts) if parts else Path(tmp)
        write_parts(paths, out, settings, address=address)
        stats = load_parts([str(out)], store, settings)
    stats.seconds = time.perf_counter() - t0
    return stats
