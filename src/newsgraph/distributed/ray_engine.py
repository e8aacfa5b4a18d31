"""The Ray backend: the same ``process_batch()`` on a pool of Ray actors, one model per actor, Parquet parts out.

    newsgraph analyze shards/ --engine ray --out parts/ [--address ray://head:10001] [--workers N]
    newsgraph load parts/ --db newsgraph.duckdb

Input is sharded JSONL (``.jsonl``, ``.jsonl.gz``, read with the local path's reader, so ids, texts and
failures are identical) or Parquet with the article columns (``text`` and optionally ``id``, ``title``, ``url``,
``source``, ``published``, ``home``). The driver reads the input (reading is a small fraction of the cost of
analysis) and hands slices of ``pipe_batch_size`` articles to a pool of ``workers`` actors, each of which builds
the pipeline once, as the local process pool hands slices to its workers; each actor keeps at most two slices
queued, so none waits for the driver and none is left with a long queue at the end. An actor returns its slice's
records (analyzer.py); the driver takes them in input order and writes them as Parquet parts (parts.py),
which one writer step (``newsgraph load``) stores. Reprint grouping happens in that writer step
(store/stories.py): on Ray every article is analysed, and reprints are stored as story members.

The engine uses Ray's actors directly rather than Ray Data: on a small machine Ray Data's own actors (statistics,
autoscaling, locality) and its import in every worker cost start-up time and about 100 MB per actor, and its
blocks follow the input files, so a few large shards left actors idle (README-scale.md, "The Ray engine").

Ray is the optional extra ``newsgraph[ray]``; nothing here is imported on the default path. Without
``--address`` a local Ray is started on the loopback interface with ``workers`` CPUs, no dashboard and no usage
reporting.
"""

from __future__ import annotations

import itertools
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from newsgraph.batch import Result, chunked
from newsgraph.distributed.parts import part_schema, results_to_table
from newsgraph.errors import IngestError, NewsgraphError
from newsgraph.ingest.articles import make_article
from newsgraph.ingest.readers import JSONL_SUFFIXES, read_path
from newsgraph.records import Article, Failure
from newsgraph.settings import Settings

LOGGER = logging.getLogger(__name__)

#: the article columns read from Parquet input (``home``: the source's home place)
ARTICLE_COLUMNS = ("id", "text", "title", "url", "source", "published", "home")
#: slices an actor holds at once: the one it analyses and the next, so that it never waits for the driver
_QUEUED_PER_ACTOR = 2
#: slices finished ahead of the oldest one still running, per actor, before the driver stops handing out more
_AHEAD_PER_ACTOR = 4
#: rows per Parquet row group, and row groups per part file
_ROW_GROUP_ROWS = 1024
_GROUPS_PER_PART = 8
#: the analysis actors' environment: glibc gives each thread that allocates an arena of its own (up to 8 per
#: core), and a Ray worker runs some 20 threads; two arenas cut an actor's peak RSS by about 50 MB on the
#: benchmark's articles at no cost in speed (README-scale.md, "The Ray engine"). A value set by the user wins.
ACTOR_ENV = {"MALLOC_ARENA_MAX": os.environ.get("MALLOC_ARENA_MAX", "2")}


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


# ---- input -----------------------------------------------------------------------------------------------------


def _input_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if not p.exists():
            raise NewsgraphError(f"{p}: no such file or folder")
        for f in sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")) if p.is_dir() else [p]:
            name = f.name.lower()
            if not (any(name.endswith(s) for s in JSONL_SUFFIXES) or name.endswith(".parquet")):
                raise NewsgraphError(
                    f"{f}: the Ray engine reads sharded JSONL (.jsonl, .jsonl.gz) or Parquet; "
                    "other inputs (HTML, WARC, feeds) go through the local engine"
                )
            files.append(f)
    if not files:
        raise NewsgraphError("no input files")
    return files


def parse_article_rows(
    batch: pa.Table | pa.RecordBatch, path: str = "parquet", start: int = 0
) -> list[Article | Failure]:
    """Parquet rows with article columns -> validated articles (a bad row becomes a failure); ``start``: the
    number of the batch's first row in its file, for the origin ``path#rowN``."""
    cols = [c for c in ARTICLE_COLUMNS if c in batch.schema.names]
    items: list[Article | Failure] = []
    for n, row in enumerate(batch.select(cols).to_pylist(), start):
        origin = f"{path}#row{n}"
        try:
            items.append(make_article(row.get("text"), id=row.get("id"), title=row.get("title"), url=row.get("url"),
                                      source=row.get("source"), published=row.get("published"), home=row.get("home"),
                                      origin=origin))
        except IngestError as exc:
            text = row.get("text")
            items.append(Failure(origin=origin, stage="ingest", error=str(exc),
                                 text=text if isinstance(text, str) else None))
    return items


def read_items(paths: list[str]) -> Iterator[Article | Failure]:
    """Every article (or input that failed to read) under ``paths``, file by file in name order."""
    import pyarrow.parquet as pq

    for f in _input_files(paths):
        if not f.name.lower().endswith(".parquet"):
            yield from read_path(f)  # type: ignore[misc]  # JSONL: Articles and Failures only
            continue
        start = 0
        for batch in pq.ParquetFile(f).iter_batches(batch_size=_ROW_GROUP_ROWS):
            yield from parse_article_rows(batch, str(f), start)
            start += batch.num_rows


# ---- the actor pool -------------------------------------------------------------------------------------------


def iter_ray_results(paths: list[str], settings: Settings, *, address: str | None = None) -> Iterator[list[Result]]:
    """Results for every input under ``paths``, computed on ``settings.workers`` Ray actors (analyzer.py), a
    slice at a time, in input order."""
    ray = _require_ray()
    from newsgraph.distributed.analyzer import Analyzer

    items = read_items(paths)  # checks the inputs before Ray starts
    first = next(items, None)
    if first is None:
        return
    init_ray(address, num_cpus=settings.workers)
    n = max(1, settings.workers)
    remote = ray.remote(num_cpus=1, runtime_env={"env_vars": ACTOR_ENV})(Analyzer)
    actors = [remote.remote(settings) for _ in range(n)]
    slices = chunked(itertools.chain([first], items), max(1, settings.pipe_batch_size))
    running: dict[Any, tuple[int, Any]] = {}  # task -> (slice number, actor)
    queued = dict.fromkeys(actors, 0)
    finished: dict[int, Any] = {}
    sent = given = 0  # slices handed out, slices given back to the caller
    more = True
    try:
        while True:
            while more and sent - given < _AHEAD_PER_ACTOR * n:
                actor = min(actors, key=queued.__getitem__)
                if queued[actor] >= _QUEUED_PER_ACTOR:
                    break
                piece = next(slices, None)
                if piece is None:
                    more = False
                    break
                running[actor.analyze.remote(piece)] = (sent, actor)
                queued[actor] += 1
                sent += 1
            if not running:
                return
            ready, _ = ray.wait(list(running), num_returns=1)
            for task in ready:
                number, actor = running.pop(task)
                queued[actor] -= 1
                finished[number] = task
            while given in finished:
                yield _get(ray, finished.pop(given))
                given += 1
    finally:
        for actor in actors:
            ray.kill(actor)


def _get(ray, task) -> list[Result]:  # type: ignore[no-untyped-def]
    try:
        return ray.get(task)
    except ray.exceptions.RayError as exc:
        raise NewsgraphError(f"the Ray engine failed: {exc}") from exc


# ---- the run ---------------------------------------------------------------------------------------------------


def analyze_ray(paths: list[str], settings: Settings, *, address: str | None = None) -> Iterator[Result]:
    """Records (and failures) for ``paths``, computed on Ray and streamed back to the caller."""
    for results in iter_ray_results(paths, settings, address=address):
        yield from results


def write_parts(paths: list[str], out: str | Path, settings: Settings, *, address: str | None = None) -> int:
    """Analyse ``paths`` on Ray and write Parquet parts under ``out``. Returns the number of part rows.

    The parts are ``part-00000.parquet``, ... in input order, each of up to ``_GROUPS_PER_PART`` row groups of
    about ``_ROW_GROUP_ROWS`` rows; a file is complete once the next one is begun (or the run ends).
    """
    import pyarrow.parquet as pq

    out = Path(out)
    if out.exists() and any(out.glob("*.parquet")):
        raise NewsgraphError(f"{out}: already holds Parquet parts; choose an empty folder")
    out.mkdir(parents=True, exist_ok=True)
    writer: pq.ParquetWriter | None = None
    files = groups = total = 0
    pending: list[Result] = []

    def flush() -> None:  # the pending records as one row group, in the current part or a new one
        nonlocal writer, files, groups
        if not pending:
            return
        if writer is None or groups >= _GROUPS_PER_PART:
            if writer is not None:
                writer.close()
            writer = pq.ParquetWriter(out / f"part-{files:05d}.parquet", part_schema())
            files, groups = files + 1, 0
        writer.write_table(results_to_table(pending))
        groups += 1
        pending.clear()

    try:
        for results in iter_ray_results(paths, settings, address=address):
            pending += results
            total += len(results)
            if len(pending) >= _ROW_GROUP_ROWS:
                flush()
        flush()
    finally:
        if writer is not None:
            writer.close()
    return total


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
