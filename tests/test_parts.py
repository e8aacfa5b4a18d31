"""Parquet parts (what distributed runs write) round-trip records and failures; CLI engine options fail clearly."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.distributed.parts import iter_parts, load_parts, results_to_table, table_to_results
from newsgraph.records import (
    Actor,
    ArticleRecord,
    Entity,
    Event,
    Failure,
    Mention,
    Offsets,
    Quote,
    Speaker,
    TextSpan,
    Tone,
)
from newsgraph.settings import Settings
from newsgraph.store.duck import Store

TEXT = "Spokesperson Lin Jian said on Tuesday that China denies it."


def _record() -> ArticleRecord:
    return ArticleRecord(
        id="a1", text=TEXT, language="en", title="T", published="2025-04-08",
        entities=[Entity(id="e1", name="Lin Jian", label="PERSON", actor=Actor(country="CHN", sector="GOV"),
                         mentions=[Mention(13, 21, "Lin Jian")], roles=["spokesperson"])],
        quotes=[Quote(start=0, end=10, text=TEXT[:10], kind="indirect", cue=TextSpan(22, 26, "said"),
                      speaker=Speaker(13, 21, "Lin Jian", entity="e1", entities=["e1"]))],
        events=[Event(type="REJECT", trigger=TextSpan(48, 54, "denies"), sentence=Offsets(0, len(TEXT)),
                      source=["e1"], negated=False)],
        tone=Tone(score=-1.5, positive=0.1, negative=0.2, polarity=0.3), themes=["diplomacy"],
    )


def test_parts_round_trip_records_and_failures(tmp_path: Path) -> None:
    results = [_record(), Failure(origin="x.jsonl:3", stage="ingest", error="malformed JSON", text="{")]
    table = results_to_table(results)
    assert table_to_results(table) == results
    pq.write_table(table, tmp_path / "part-0.parquet")
    assert [r for b in iter_parts([str(tmp_path)]) for r in b] == results
    with Store(tmp_path / "p.duckdb") as store:
        stats = load_parts([str(tmp_path)], store, Settings())
        assert (stats.analyzed, stats.failed) == (1, 1)
        assert store.get("a1") == _record() and len(store.failures()) == 1


def test_parts_refuses_files_that_are_not_parts(tmp_path: Path) -> None:
    pq.write_table(pa.table({"x": [1]}), tmp_path / "other.parquet")
    out = CliRunner().invoke(app, ["load", str(tmp_path), "--db", str(tmp_path / "d.duckdb")])
    assert out.exit_code == 1 and "not a newsgraph part" in out.stderr


def test_parts_cli_engine_options_fail_clearly(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Some text.", encoding="utf-8")
    runner = CliRunner()
    bad = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--engine", "spark"])
    assert bad.exit_code == 1 and "unknown engine" in bad.stderr
    local_out = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--out", str(tmp_path / "p")])
    assert local_out.exit_code == 1 and "--engine ray" in local_out.stderr
    empty = runner.invoke(app, ["load", str(tmp_path / "nothing"), "--db", str(tmp_path / "d.duckdb")])
    assert empty.exit_code == 1 and "no such file" in empty.stderr
