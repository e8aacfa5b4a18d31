"""Batches and the store: failures recorded, nothing lost, nothing twice; resume after a real kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from spacy.language import Language

from newsgraph.batch import _PIPELINES, process_batch
from newsgraph.errors import NotFound, StoreError
from newsgraph.ingest import make_article
from newsgraph.records import ArticleRecord, Failure
from newsgraph.runner import ingest_paths
from newsgraph.settings import Settings
from newsgraph.store.duck import Store

pytestmark = pytest.mark.model

EN = "The foreign minister said on Tuesday that talks with the rebels would resume in Geneva next week."
FR = "Le ministre des affaires étrangères a déclaré mardi que les pourparlers avec les rebelles reprendraient."


@Language.component("test_boom")
def _boom(doc):  # type: ignore[no-untyped-def]
    if "BOOM" in doc.text:
        raise RuntimeError("component exploded")
    return doc


def test_batch_crash_in_one_document_fails_only_that_document(nlp) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(batch_size=5)  # its own pipeline cache entry
    from newsgraph.nlp.pipeline import build_pipeline

    crashing = build_pipeline(settings)
    crashing.add_pipe("test_boom")
    _PIPELINES[settings] = crashing
    try:
        arts = [make_article(EN, id="a"), make_article(EN + " BOOM", id="b"), make_article(EN + " Again.", id="c")]
        out = process_batch(arts, settings)
    finally:
        del _PIPELINES[settings]
    assert [type(r).__name__ for r in out] == ["ArticleRecord", "Failure", "ArticleRecord"]
    assert "component exploded" in out[1].error and out[1].text == arts[1].text


def test_batch_huge_article_refused_with_stated_limit(settings) -> None:  # type: ignore[no-untyped-def]
    big = ("word " * 2_100_000)[:10_485_760]
    (res,) = process_batch([make_article(big, id="huge")], settings)
    assert isinstance(res, Failure)
    assert "10,485,760 characters; the limit is 1,000,000" in res.error
    assert res.text == big


def test_batch_non_english_is_stored_as_skipped_with_reason(settings) -> None:  # type: ignore[no-untyped-def]
    (res,) = process_batch([make_article(FR, id="fr")], settings)
    assert isinstance(res, ArticleRecord)
    assert res.status == "skipped" and res.language == "fr" and "'fr'" in (res.reason or "")
    assert res.entities == [] and res.quotes == []


def _jsonl(path: Path, rows: list[dict]) -> Path:  # type: ignore[type-arg]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_store_reingest_changes_nothing_and_duplicate_ids_are_recorded(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    src = _jsonl(tmp_path / "a.jsonl", [{"id": "x1", "text": EN}, {"id": "x2", "text": FR}])
    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        first = ingest_paths([str(src)], store, settings)
        assert (first.analyzed, first.skipped) == (1, 1)
        before = store.counts()
        again = ingest_paths([str(src)], store, settings)
        assert again.unchanged == 2 and again.analyzed == 0
        assert store.counts() == before
        clash = _jsonl(tmp_path / "b.jsonl", [{"id": "x1", "text": EN + " Changed."}])
        res = ingest_paths([str(clash)], store, settings)
        assert res.failed == 1
        assert store.get("x1").text == EN  # the stored article is kept
        (fail,) = store.failures()
        assert "duplicate id 'x1' with different text" in fail.error and fail.text == EN + " Changed."
        ingest_paths([str(clash)], store, settings)  # the same failure again is not recorded twice
        assert len(store.failures()) == 1


def test_store_get_unknown_id_and_read_only_sql(tmp_path: Path) -> None:
    db = tmp_path / "r.duckdb"
    Store(db).close()
    with Store(db, read_only=True) as store:
        with pytest.raises(NotFound):
            store.get("missing")
        with pytest.raises(StoreError):
            store.query("DELETE FROM articles")
    with pytest.raises(StoreError, match="not found"):
        Store(tmp_path / "absent.duckdb", read_only=True)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsgraph", *args], capture_output=True, text=True, check=False)


def test_store_resume_after_kill(tmp_path: Path) -> None:
    voa = Path(__file__).resolve().parents[1] / "samples/articles.jsonl"
    rows = [json.loads(line) for line in voa.read_text(encoding="utf-8").splitlines()[:24]]
    src = _jsonl(tmp_path / "in.jsonl", rows)
    db = tmp_path / "k.duckdb"
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "--verbose", "ingest", str(src), "--db", str(db),
                             "--batch-size", "2", "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    committed = 0
    assert proc.stderr is not None
    for line in proc.stderr:  # the writer logs each committed batch; kill after the second
        if "committed batch" in line:
            committed += 1
            if committed == 2:
                os.kill(proc.pid, signal.SIGKILL)
                break
    proc.wait()
    assert committed == 2 and proc.returncode == -signal.SIGKILL, "the run should be killed midway"
    con = duckdb.connect(str(db), read_only=True)
    stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    assert 4 <= stored < len(rows)
    res = _cli("ingest", str(src), "--db", str(db), "--batch-size", "2", "--quiet")
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)
    assert summary["totals"]["articles"] == len(rows)
    assert summary["run"]["unchanged"] >= stored - 2  # a batch in flight when killed is redone, once
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(DISTINCT id), count(*) FROM articles").fetchone() == (len(rows), len(rows))


def test_store_cli_show_sql_export(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "a.jsonl", [{"id": "s1", "text": EN, "published": "2025-01-02"}])
    db = tmp_path / "e.duckdb"
    assert _cli("ingest", str(src), "--db", str(db), "--quiet").returncode == 0
    shown = _cli("show", "s1", "--db", str(db))
    assert json.loads(shown.stdout)["published"] == "2025-01-02"
    missing = _cli("show", "nope", "--db", str(db))
    assert missing.returncode == 1 and "no article with id 'nope'" in missing.stderr
    q = _cli("sql", "SELECT id, published FROM articles", "--db", str(db), "--format", "jsonl")
    assert json.loads(q.stdout) == {"id": "s1", "published": "2025-01-02"}
    bad = _cli("sql", "DROP TABLE articles", "--db", str(db))
    assert bad.returncode == 1 and "error:" in bad.stderr
    out = tmp_path / "out.jsonl"
    assert _cli("export", "--format", "jsonl", "--out", str(out), "--db", str(db)).returncode == 0
    assert ArticleRecord.from_dict(json.loads(out.read_text())).id == "s1"
    pq = tmp_path / "pq"
    assert _cli("export", "--format", "parquet", "--out", str(pq), "--db", str(db)).returncode == 0
    import pyarrow.parquet as papq

    assert papq.read_table(pq / "articles.parquet").column("id").to_pylist() == ["s1"]


def test_batch_two_workers_give_the_same_records(tmp_path: Path) -> None:
    voa = Path(__file__).resolve().parents[1] / "samples/articles.jsonl"
    src = _jsonl(tmp_path / "w.jsonl", [json.loads(x) for x in voa.read_text().splitlines()[:6]])
    one = _cli("analyze", str(src), "--batch-size", "2")
    two = _cli("analyze", str(src), "--batch-size", "2", "--workers", "2")
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == 6


def test_batch_workers_get_slices_caller_gets_whole_batches_in_order() -> None:
    from newsgraph.batch import chunked, iter_results

    texts = [f"Officials in city number {i} said on Monday that the bridge would reopen next week." for i in range(11)]
    articles = [make_article(t, id=f"a{i}") for i, t in enumerate(texts)]
    settings = Settings(workers=2, batch_size=5, pipe_batch_size=2)
    got = list(iter_results(chunked(articles, settings.batch_size), settings))
    assert [[a.id for a in batch] for batch, _ in got] == [[f"a{i}" for i in range(k, min(k + 5, 11))]
                                                           for k in (0, 5, 10)]
    assert [[r.id for r in results] for _, results in got] == [[a.id for a in batch] for batch, _ in got]
    assert all(isinstance(r, ArticleRecord) and r.status == "analyzed" for _, results in got for r in results)
