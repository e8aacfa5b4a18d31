"""Full-text search (store/search.py): a tantivy index beside the database, kept current by every write."""

from __future__ import annotations

import shutil
from pathlib import Path

from newsgraph.records import ArticleRecord
from newsgraph.store import queries, search
from newsgraph.store.duck import Store


def rec(i: int, text: str, title: str = "") -> ArticleRecord:
    return ArticleRecord(id=f"a{i}", text=text, language="en", title=title or None, published=f"2025-01-{i + 1:02d}")


def ids(store: Store, q: str, **kw: object) -> list[str]:
    return [it["id"] for it in queries.list_articles(store, q=q, **kw)["items"]]  # type: ignore[arg-type]


def test_store_search_ranks_by_bm25_and_needs_every_word(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.write([
            rec(0, "The ministers met in Geneva to talk about grain."),
            rec(1, "Grain prices rose. Grain exports fell. Grain, grain everywhere.", title="Grain report"),
            rec(2, "Nothing about food here; the Kraków minister spoke."),
        ])
        assert (db.parent / "s.duckdb.search" / "meta.json").is_file()
        assert ids(store, "grain") == ["a1", "a0"]  # the article that is about grain first
        assert ids(store, "GRAIN geneva") == ["a0"]  # every word
        assert ids(store, "kraków") == ["a2"]
        assert ids(store, "minister") == ["a2"]  # words, not substrings: "ministers" is another word
        assert ids(store, "%") == []
        page = queries.list_articles(store, q="grain", limit=1, offset=1)
        assert page["total"] == 2 and [i["id"] for i in page["items"]] == ["a0"]
        assert ids(store, "grain", date_from="2025-01-02") == ["a1"]  # combined with a filter


def test_store_search_index_is_rebuilt_and_never_doubles(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.write([rec(0, "alpha beta"), rec(1, "alpha gamma")])
    (tmp_path / "s.duckdb.search" / "indexed.json").unlink()  # as if killed after the commit, before the mark
    with Store(db) as store:
        store.write([rec(2, "alpha delta")])  # the next write indexes everything after the mark: all three
        assert queries.list_articles(store, q="alpha")["total"] == 3
    shutil.rmtree(tmp_path / "s.duckdb.search")
    search._OPEN.clear()
    with Store(db, read_only=True) as store:  # no index: the scan answers (substrings, as before)
        assert search.reader_index(store) is None
        assert ids(store, "alph") == ["a2", "a1", "a0"]
    with Store(db) as store:
        store.write([rec(3, "omega")])
        assert queries.list_articles(store, q="alpha")["total"] == 3
        assert ids(store, "omega") == ["a3"]
