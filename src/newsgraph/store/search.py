"""Full-text search over article titles and bodies: a tantivy index (BM25 ranking) beside the database file.

Why tantivy and not DuckDB's ``fts`` extension: the ``duckdb`` wheel does not bundle ``fts`` (DuckDB downloads
it on ``INSTALL fts``, which cannot happen offline), and the PyPI packages that carry it (``duckdb-extension-fts``
1.5.5, ``duckdb-ext-fts`` 1.4.4) are built for older DuckDB releases than the one installed here (2.x), which
refuses them. ``fts`` would also have to rebuild its whole index after every batch (``PRAGMA create_fts_index``
is not incremental). tantivy (a Rust library, pinned on PyPI) is embedded, adds documents per batch and ranks
with BM25 over block-max posting lists, so a common word does not cost a scan of every article.

Layout: the folder ``<database>.search/`` holds the index; its ``indexed.json`` records the ``ingested_at`` of
the last article indexed. The writer brings the index up to date after every committed batch (``sync``): the
articles stored after that mark are indexed (each first deleted by id, so a batch indexed twice after a kill is
still there once), then the mark moves. A database without the folder (written before this, or by a reader)
gets it built on the next write; readers fall back to scanning text while it is absent.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from pathlib import Path
from typing import Any

LOGGER = logging.getLogger(__name__)

#: the most hits a search hands to the SQL filters (source, dates, actor, theme) when they are combined with q
MAX_CANDIDATES = 10_000
#: memory budget of tantivy's writer during one sync, in bytes
WRITER_HEAP = 30_000_000
_QUERY_WORDS = re.compile(r"\w+", re.UNICODE)
_OPEN: dict[str, SearchIndex] = {}
_OPEN_LOCK = threading.Lock()


def index_dir(db_path: str) -> Path | None:
    if db_path == ":memory:":
        return None
    return Path(db_path + ".search")


def _schema() -> Any:
    import tantivy

    b = tantivy.SchemaBuilder()
    b.add_text_field("id", stored=True, tokenizer_name="raw")
    b.add_text_field("title", stored=False, tokenizer_name="default")
    b.add_text_field("body", stored=False, tokenizer_name="default")
    return b.build()


class SearchIndex:
    """The tantivy index of one database; one per process and path (``for_db``)."""

    def __init__(self, path: Path) -> None:
        import tantivy

        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.index = tantivy.Index(_schema(), path=str(path), reuse=True)
        self._lock = threading.Lock()

    @classmethod
    def for_db(cls, db_path: str, *, create: bool) -> SearchIndex | None:
        d = index_dir(db_path)
        if d is None:
            return None
        key = os.path.abspath(d)
        with _OPEN_LOCK:
            got = _OPEN.get(key)
            if got is None:
                if not create and not (d / "meta.json").is_file():
                    return None
                try:
                    got = _OPEN[key] = cls(d)
                except (ImportError, OSError, ValueError) as exc:
                    LOGGER.warning("search index %s unavailable (%s); text search scans", d, exc)
                    return None
            return got

    # ---- writing -------------------------------------------------------------------------------------------
    def _mark(self) -> str | None:
        try:
            return json.loads((self.path / "indexed.json").read_text(encoding="utf-8")).get("ingested_to")
        except (OSError, ValueError):
            return None

    def _set_mark(self, value: str) -> None:
        tmp = self.path / "indexed.json.tmp"
        tmp.write_text(json.dumps({"ingested_to": value}), encoding="utf-8")
        os.replace(tmp, self.path / "indexed.json")

    def sync(self, con: Any) -> int:
        """Index every article stored after the mark; returns how many. ``con``: a DuckDB connection."""
        import tantivy

        with self._lock:
            mark = self._mark()
            cur = con.execute(
                "SELECT id, title, text, CAST(ingested_at AS VARCHAR) FROM articles "
                "WHERE ingested_at > coalesce(CAST(? AS TIMESTAMP), '-infinity'::TIMESTAMP) ORDER BY ingested_at",
                [mark],
            )
            n, last, writer = 0, mark, None
            while rows := cur.fetchmany(2000):
                if writer is None:  # taken per sync and dropped after it: tantivy's writer lock is not held
                    writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=1)
                for aid, title, text, ts in rows:
                    writer.delete_documents_by_term("id", aid)
                    writer.add_document(tantivy.Document(id=aid, title=title or "", body=text or ""))
                    last = ts
                    n += 1
            if writer is not None:
                writer.commit()
                writer.wait_merging_threads()
                del writer
                self._set_mark(str(last))
                self.index.reload()
            return n

    # ---- reading -------------------------------------------------------------------------------------------
    def search(self, q: str, *, limit: int, offset: int = 0) -> tuple[int, list[str]]:
        """(number of matching articles, ids of hits ``offset``..``offset+limit`` by BM25). Every word must occur."""
        import tantivy

        words = _QUERY_WORDS.findall(q.lower())
        if not words:
            return 0, []
        clauses = []
        for w in words:
            per_field = [(tantivy.Occur.Should, tantivy.Query.term_query(self.index.schema, f, w))
                         for f in ("title", "body")]
            clauses.append((tantivy.Occur.Must, tantivy.Query.boolean_query(per_field)))
        query = tantivy.Query.boolean_query(clauses)
        searcher = self.index.searcher()
        result = searcher.search(query, limit=limit, offset=offset, count=True)
        ids = [searcher.doc(addr)["id"][0] for _score, addr in result.hits]
        return int(getattr(result, "count", 0) or 0), ids  # the stubs lack count


def sync_store(store: Any) -> None:
    """After a committed write: bring the database's search index up to date (the writer calls this).

    A failure is logged and leaves the mark where it was: the next write indexes those articles again.
    """
    try:
        idx = SearchIndex.for_db(store.path, create=True)
        if idx is not None:
            idx.sync(store.con)
    except Exception:
        LOGGER.warning("search index of %s not updated", store.path, exc_info=True)


def reader_index(store: Any) -> SearchIndex | None:
    """The search index for reading, or None (no index yet: callers scan)."""
    idx = SearchIndex.for_db(store.path, create=False)
    if idx is not None:
        idx.index.reload()
    return idx
