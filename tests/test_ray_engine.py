"""The Ray engine gives the same records as the local engine on the same input (local Ray, loopback only)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsgraph.records import ArticleRecord, Failure

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module")
def local_ray():  # type: ignore[no-untyped-def]
    pytest.importorskip("ray")
    from newsgraph.distributed.ray_engine import init_ray

    init_ray(num_cpus=2)  # ray.init(num_cpus=2, include_dashboard=False) on 127.0.0.1
    import ray

    assert ray.util.get_node_ip_address() == "127.0.0.1"
    yield ray
    ray.shutdown()


def _rows(n: int) -> list[dict]:  # type: ignore[type-arg]
    lines = (ROOT / "samples/articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[:n]]


def _jsonl(rows: list[dict]) -> str:  # type: ignore[type-arg]
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def test_ray_engine_same_records_as_local(tmp_path: Path, local_ray) -> None:  # type: ignore[no-untyped-def]
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsgraph.distributed.parts import iter_parts, load_parts
    from newsgraph.distributed.ray_engine import write_parts
    from newsgraph.runner import analyze_paths
    from newsgraph.settings import Settings
    from newsgraph.store.duck import Store

    rows = _rows(6)
    shards = tmp_path / "shards"
    shards.mkdir()
    (shards / "a.jsonl").write_text(_jsonl(rows[:2]), encoding="utf-8")
    with gzip.open(shards / "b.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(_jsonl(rows[2:4]) + "{not json\n")
    pq.write_table(pa.Table.from_pylist(rows[4:]), shards / "c.parquet")
    (tmp_path / "c.jsonl").write_text(_jsonl(rows[4:]), encoding="utf-8")  # the same rows, for the local engine

    settings = Settings(workers=1, batch_size=2)
    local = list(analyze_paths([str(shards / "a.jsonl"), str(shards / "b.jsonl.gz"), str(tmp_path / "c.jsonl")],
                               settings))
    parts = tmp_path / "parts"
    # two actors, a slice per article: slices finish out of order and must come back in input order
    assert write_parts([str(shards)], parts, Settings(workers=2, batch_size=2, pipe_batch_size=1)) == 7
    remote = [r for batch in iter_parts([str(parts)]) for r in batch]
    assert [(r.id, type(r)) for r in remote] == [(r.id, type(r)) for r in local]

    def by_id(results: list) -> dict[str, dict]:  # type: ignore[type-arg]
        return {r.id: r.to_dict() for r in results if isinstance(r, ArticleRecord)}

    local_records, remote_records = by_id(local), by_id(remote)
    assert len(local_records) == 6 and sum(len(r["entities"]) for r in local_records.values()) > 30
    assert remote_records == local_records
    assert [r.error for r in remote if isinstance(r, Failure)] == [r.error for r in local if isinstance(r, Failure)]

    # one writer step stores the parts; the stored records are the local ones
    with Store(tmp_path / "ray.duckdb") as store:
        stats = load_parts([str(parts)], store, Settings())
        assert (stats.analyzed, stats.failed) == (6, 1)
        assert {i: store.get(i).to_dict() for i in local_records} == local_records
        again = load_parts([str(parts)], store, Settings())
        assert again.unchanged == 6 and store.counts()["articles"] == 6


def test_ray_engine_carries_the_article_home(tmp_path: Path) -> None:
    """The driver's reader hands ``home`` to the analysis actors (JSONL lines and Parquet rows alike)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsgraph.distributed.ray_engine import ARTICLE_COLUMNS, read_items

    (tmp_path / "x.jsonl").write_text(
        json.dumps({"id": "a1", "text": "Talks in Alexandria.", "home": "Richmond, Va."}) + "\n", encoding="utf-8")
    pq.write_table(pa.Table.from_pylist([{"id": "a2", "text": "Talks in Alexandria.", "home": "Iowa"},
                                         {"id": "a3", "text": None}]), tmp_path / "y.parquet")
    items = list(read_items([str(tmp_path)]))
    assert [(it.id, getattr(it, "home", None)) for it in items[:2]] == [("a1", "Richmond, Va."), ("a2", "Iowa")]
    assert isinstance(items[2], Failure) and items[2].origin == f"{tmp_path / 'y.parquet'}#row1"
    assert "home" in ARTICLE_COLUMNS
