"""The answer cache of the read queries (store/cache.py): keyed by a store version every write bumps, so an answer
is never stale; the same answers as the SQL; one computation per key however many ask at once; bounded."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import duckdb
import pytest

from newsgraph.records import Actor, ArticleRecord, Entity, Event, Mention, Offsets, Quote, Speaker, TextSpan
from newsgraph.store import cache, queries
from newsgraph.store.cache import ResultCache, cached
from newsgraph.store.duck import Store


def _record(i: int) -> ArticleRecord:
    text = "Lin Jian said China met Russia."
    ents = [Entity(id="e1", name="Lin Jian", label="PERSON", actor=Actor(code="CHNGOV", country="CHN"),
                   mentions=[Mention(0, 8, "Lin Jian")]),
            Entity(id="e2", name="China", label="GPE", actor=Actor(code="CHN", country="CHN"),
                   mentions=[Mention(14, 19, "China")]),
            Entity(id="e3", name="Russia", label="GPE", actor=Actor(code="RUS", country="RUS"),
                   mentions=[Mention(24, 30, "Russia")])]
    quotes = [Quote(14, 30, text[14:30], "indirect", speaker=Speaker(0, 8, "Lin Jian", entity="e1"))]
    events = [Event("CONSULT", TextSpan(20, 23, "met"), Offsets(0, len(text)), source=["e2"], target=["e3"],
                    confidence=0.9)]
    return ArticleRecord(id=f"r{i}", text=text, language="en", published=f"2025-01-{1 + i % 28:02d}",
                         entities=ents, quotes=quotes, events=events)


def _cached_reader(path: Path, answers: ResultCache) -> Store:
    store = Store(path, read_only=True)
    store.cache = answers
    return store


def test_store_cache_version_bumped_by_every_write(tmp_path: Path) -> None:
    with Store(tmp_path / "v.duckdb") as store:
        token, v0 = cache.version(store.con)  # type: ignore[misc]
        store.write([_record(1)])
        _, v1 = cache.version(store.con)  # type: ignore[misc]
        store.write([_record(1)])  # stored already: nothing changes
        _, v2 = cache.version(store.con)  # type: ignore[misc]
        store.refresh_actors()
        again, v3 = cache.version(store.con)  # type: ignore[misc]
    assert v1 > v0 and v2 == v1 and v3 > v2 and again == token
    with Store(tmp_path / "other.duckdb") as other:
        assert cache.version(other.con)[0] != token  # type: ignore[index]


def test_store_cache_answers_equal_the_sql_and_follow_writes(tmp_path: Path) -> None:
    path = tmp_path / "c.duckdb"
    with Store(path) as store:
        store.write([_record(i) for i in range(3)])
    answers = ResultCache()
    calls = [(queries.list_entities, {}), (queries.get_entity, {"name": "Lin Jian"}),
             (queries.list_quotes, {"speaker": "Lin Jian"}), (queries.list_events, {"actor": "Russia"}),
             (queries.event_stats, {"by": "actor"}), (queries.network, {}), (queries.list_articles, {}),
             (queries.shown_counts, {}), (queries.facets, {})]

    def run(store: Store) -> list[object]:
        out = []
        for fn, kw in calls:
            args = dict(kw)
            pos = [args.pop("name")] if "name" in args else []
            out.append(fn(store, *pos, **args))  # type: ignore[operator]
        return out

    with Store(path, read_only=True) as plain, _cached_reader(path, answers) as fast:
        want = run(plain)
        assert run(fast) == want  # misses: computed
        misses = answers.misses
        got = run(fast)
        assert got == want and answers.misses == misses and answers.hits >= len(calls)  # hits: the same answers
        got[0]["items"].clear()  # type: ignore[index]  # a caller changing its answer changes nobody else's
        assert run(fast)[0] == want[0]
    with Store(path) as store:  # a write: the next answers are the new ones
        store.write([_record(9)])
    with Store(path, read_only=True) as plain, _cached_reader(path, answers) as fast:
        fresh = run(plain)
        assert fresh != want and run(fast) == fresh


def test_store_cache_computes_once_for_concurrent_requests() -> None:
    answers = ResultCache()
    calls = []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.2)
        return 42

    got: list[int] = []
    threads = [threading.Thread(target=lambda: got.append(answers.get_or_compute(("k",), slow))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [42] * 8 and len(calls) == 1


def test_store_cache_bounded_and_errors_not_cached() -> None:
    answers = ResultCache(max_entries=3)
    for k in range(5):
        answers.get_or_compute((k,), lambda k=k: k)  # type: ignore[misc]
    assert len(answers) == 3 and answers.get_or_compute((0,), lambda: "again") == "again"

    def fail() -> int:
        raise ValueError("no")

    with pytest.raises(ValueError):
        answers.get_or_compute(("bad",), fail)
    assert answers.get_or_compute(("bad",), lambda: 1) == 1


def test_store_cache_skipped_without_a_version_table(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.write([_record(1)])
    con = duckdb.connect(str(path))
    con.execute(f"DROP TABLE {cache.TABLE}")  # a database from before the version table, opened read-only
    con.close()
    runs = []

    @cached
    def query(store: Store) -> int:
        runs.append(1)
        return 1

    with _cached_reader(path, ResultCache()) as store:
        query(store)
        query(store)
    assert len(runs) == 2


def test_store_cache_shared_store_reader_sees_the_writers_batch(tmp_path: Path) -> None:
    from newsgraph.store.shared import SharedStore

    shared = SharedStore(tmp_path / "watch.duckdb")  # serve --watch: one writer, readers on cursors
    answers = ResultCache()
    try:
        shared.writer().write([_record(1)])

        def articles() -> object:
            reader = shared.reader()
            reader.cache = answers
            try:
                return queries.list_articles(reader)["total"]
            finally:
                reader.close()

        assert articles() == articles() == 1 and answers.hits == 1
        shared.writer().write([_record(2)])  # committed: the next request reads the new version
        assert articles() == 2
    finally:
        shared.close()


@pytest.mark.parametrize(("value", "cached_answers"), [(None, True), ("false", False), ("on", True)])
def test_store_cache_serve_follows_the_answer_cache_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            value: str | None, cached_answers: bool) -> None:
    """``newsgraph serve`` builds its app with the cache the setting ``answer_cache`` asks for (the benchmark
    turns it off through NEWSGRAPH_ANSWER_CACHE); a word that is not a boolean is a settings error."""
    import uvicorn
    from typer.testing import CliRunner

    from newsgraph.cli import app

    db = tmp_path / "news.duckdb"
    with Store(db) as store:
        store.write([_record(0)])
    served = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: served.append(application))
    monkeypatch.chdir(tmp_path)  # no newsgraph.toml of the working directory
    env = {} if value is None else {"NEWSGRAPH_ANSWER_CACHE": value}
    out = CliRunner().invoke(app, ["serve", "--db", str(db)], env=env)
    assert out.exit_code == 0, out.output
    assert (served[0].state.stores.cache is not None) is cached_answers
    bad = CliRunner().invoke(app, ["serve", "--db", str(db)], env={"NEWSGRAPH_ANSWER_CACHE": "maybe"})
    assert bad.exit_code != 0 and "answer_cache" in bad.output
