"""DuckDB store: one table per record part, keyed by article id; one writer, many read-only readers."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, Self

import duckdb
import pyarrow as pa

from newsgraph.errors import NotFound, StoreError
from newsgraph.ids import content_hash, duplicate_id_failure
from newsgraph.records import PART_TABLES, ArticleRecord, Failure, Record, field_types
from newsgraph.store import actors, schema, summaries
from newsgraph.store import cache as answers
from newsgraph.store.claims import tables as claim_tables

LOGGER = logging.getLogger(__name__)


def failure_key(f: Failure) -> str:
    h = hashlib.sha256()
    for part in (f.origin, f.stage, f.error, f.id or "", f.text or ""):
        h.update(part.encode("utf-8", "replace") + b"\x1f")
    return h.hexdigest()[:32]


#: the WAL size at which the writer checkpoints (see Store.__init__)
CHECKPOINT_THRESHOLD = "256MB"
#: DuckDB's dynamic_or_filter_threshold: a join whose build side has at most this many keys pushes them into the
#: probe side's scan as an IN filter, which an ART index answers by lookup; over a longer list the join scans the
#: whole table. At the default, 50, a page of more than 50 rows read by key (store/queries.py: an actor's 200
#: latest events and quotes, a page of 100 events) scanned every event: ``get_entity(limit=200)`` at 255,000
#: articles took 1,230 ms of CPU at 50 and 160 ms at 250. Above the API's largest page (500 rows).
OR_FILTER_KEYS = 1024


class Store:
    """A DuckDB database of article records.

    Open with ``read_only=True`` for queries (the API, ``newsgraph sql``); writes go through one writer.
    ``cache``: where the read queries keep their answers (store/cache.py; the app's, None: always run the SQL).
    """

    cache: answers.ResultCache | None = None

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._inserted: dict[str, pa.Table] = {}
        self._column_memo: dict[str, frozenset[str]] = {}  # see columns()
        self.last_clustered: dict[str, float] = {}  # summary tables the last write sorted, and their seconds
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"database not found: {self.path}")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            from newsgraph.store.busy import busy_message, is_lock_error  # monitor: who holds the file

            if is_lock_error(exc):
                raise StoreError(busy_message(self.path, read_only=read_only)) from exc
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        if read_only:  # global: the per-request cursors (web/deps.py) are connections of their own. Not on the
            # writer yet: its batch writes at 255,000 articles were not measured with it on a quiet machine
            self.con.execute(f"SET GLOBAL dynamic_or_filter_threshold = {OR_FILTER_KEYS}")
        if not read_only:
            # scale: DuckDB checkpoints when its WAL passes this size, and a checkpoint writes every index it
            # changed in full, so its cost grows with the store; at the default 16 MB a batch of 256 articles
            # passed it every time (1.5 s of a 3.1 s write at 155,000 articles, claims on), at 256 MB one batch
            # in 15 pays 4 s (mean write 1.8 s). A crash replays at most this much WAL when the file is opened.
            self.con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
            self.con.execute("SET enable_progress_bar = false")  # long rebuilds drew bars on the user's stdout
            self._create()

    # ---- lifecycle -------------------------------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _create(self) -> None:
        self.con.execute(schema.articles_ddl())
        for table, _, cls in PART_TABLES:
            self.con.execute(schema.part_ddl(table, cls))
            # a database from before a field was added to the record (quotes.addressee) gets the column
            have = self._stored_columns(table)
            for n, tp in field_types(cls):
                if n not in have:  # DuckDB alters no table an index depends on: the indexes are made again below
                    self._drop_indexes(table)
                    self.con.execute(f'ALTER TABLE {table} ADD COLUMN "{n}" {schema.sql_type(tp)}')
            if table in schema.ROW_KEYED and "row_key" not in have:  # scale: a database from before row keys
                self._drop_indexes(table)
                self.con.execute(f"ALTER TABLE {table} ADD COLUMN row_key UBIGINT")
                self.con.execute(f"UPDATE {table} SET row_key = {schema.row_key('article_id', 'idx')}")
        self.con.execute(schema.failures_ddl())
        answers.create(self.con)  # scale: the version every write bumps (cached answers are keyed by it)
        self._create_stories()
        self.con.execute(actors.ACTOR_NAMES_DDL)
        self.con.execute(actors.ACTOR_ENTITIES_VIEW)
        if claim_tables.create(self.con):  # claims: a database from before them gets its claims once
            self.backfill_claims()
        todo = summaries.create(self.con)  # per-actor summary tables: built for an older database (the tables it
        if todo:  # lacks), or all rebuilt when they count shown events at another default threshold than this one's
            summaries.rebuild(self.con, todo)
            answers.bump(self.con)
        # scale: one article's rows found through an index, not a scan of the table (the record of an article, the
        # rows behind a page of events or quotes); DuckDB uses a one-column index for article_id = ? and for the
        # IN filters a join on a small page pushes down, never the (article_id, idx) primary key for either
        for table in [t for t, _, _ in PART_TABLES] + list(summaries.BY_ARTICLE):
            self.con.execute(f"CREATE INDEX IF NOT EXISTS {table}_article_id ON {table} (article_id)")
        for table in schema.ROW_KEYED + summaries.BY_ROW_KEY:  # a page's rows, looked up by key (schema.ROW_KEYED)
            self.con.execute(f"CREATE INDEX IF NOT EXISTS {table}_row_key ON {table} (row_key)")
        # scale: the summary tables in actor order (a database from before that is sorted once, here)
        self.last_clustered = summaries.cluster(self.con)

    def _drop_indexes(self, table: str) -> None:
        """Drop the indexes _create makes on a part table (DuckDB alters no table an index depends on)."""
        for column in ("article_id", "row_key"):
            self.con.execute(f"DROP INDEX IF EXISTS {table}_{column}")

    def backfill_claims(self) -> int:
        """claims: extract and group the claims of stored records that have none (databases from before claims)."""
        done = 0
        todo = "WHERE status = 'analyzed' AND id NOT IN (SELECT DISTINCT article_id FROM claims)"
        records = list(self.iter_records(todo))
        if records:
            self.con.execute("BEGIN TRANSACTION")
            try:
                done = claim_tables.write_claims(self.con, records)
                answers.bump(self.con)
                self.con.execute("COMMIT")
            except duckdb.Error:
                self.con.execute("ROLLBACK")
                raise
        return done

    def refresh_actors(self) -> int:
        """Recompute the cross-document actor names (see store/actors.py) and the summary tables keyed by them
        (store/summaries.py); returns how many names join another."""
        joined = actors.refresh_actor_names(self.con)
        summaries.rebuild(self.con)
        answers.bump(self.con)
        return joined

    def _create_stories(self) -> None:
        """scale: story groups of reprints (dedup.py) and the views that count per story or per report."""
        for ddl in schema.stories_ddl():
            self.con.execute(ddl)

    # ---- writing ---------------------------------------------------------------------------------------------
    def known_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        """content hash of each given id already stored."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT id, content_hash FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]
        ).fetchall()
        return dict(rows)

    def write(self, records: list[ArticleRecord], failures: list[Failure] = ()) -> int:  # type: ignore[assignment]
        """Store records and failures in one transaction. Records whose id is stored already are skipped.

        Returns the number of records written.
        """
        known = self.known_hashes(r.id for r in records)
        fresh: list[ArticleRecord] = []
        seen: set[str] = set()
        extra_failures = list(failures)
        for r in records:
            if r.id in seen:
                continue
            seen.add(r.id)
            if r.id in known:
                if known[r.id] != content_hash(r.text):
                    extra_failures.append(duplicate_id_failure(r.id, r.text, "store"))
                continue
            fresh.append(r)
        self._inserted = {}
        try:
            self.con.execute("BEGIN TRANSACTION")
            if fresh:
                self._insert_articles(fresh)
                for table, attr, cls in PART_TABLES:
                    rows = [
                        {"article_id": r.id, "idx": i, **item.to_dict()}
                        for r in fresh
                        for i, item in enumerate(getattr(r, attr))
                    ]
                    if rows:
                        key = {"row_key": schema.row_key("article_id", "idx")} if table in schema.ROW_KEYED else {}
                        self._insert(table, pa.Table.from_pylist(rows, schema=schema.part_arrow_schema(cls)), key)
                claim_tables.write_claims(self.con, fresh)  # claims: extracted and grouped in the same transaction
                summaries.add_batch(self.con, self._batch_rows(fresh))  # scale: per-actor counts, same transaction
            if extra_failures:
                self._insert_failures(extra_failures)
            if fresh or extra_failures:
                answers.bump(self.con)  # scale: answers cached at the version before are not used again
            self.con.execute("COMMIT")
        except (duckdb.Error, pa.ArrowException) as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"cannot write {len(fresh)} records: {exc}") from exc
        if fresh and self.path != ":memory:":
            from newsgraph.store.search import sync_store  # monitor: full-text index beside the file

            sync_store(self)
            answers.bump(self.con)  # a search cached between the commit and the index's catch-up is not used again
        if fresh:  # scale: a summary table whose unsorted tail has grown is put in order again (same answers)
            self.last_clustered = summaries.cluster(self.con)
        return len(fresh)

    def _batch_rows(self, fresh: list[ArticleRecord]) -> dict[str, pa.Table]:
        """The Arrow rows this write inserted per table (empty tables for parts the batch has none of)."""
        rows = {table: pa.Table.from_pylist([], schema=schema.part_arrow_schema(cls)) for table, _, cls in PART_TABLES}
        rows.update(self._inserted)
        self._inserted = {}
        return rows

    def _insert(self, table: str, data: pa.Table, computed: dict[str, str] | None = None) -> None:
        """Insert Arrow rows; ``computed``: more columns, each an SQL expression over the rows (``now()``: the
        transaction's time)."""
        self._inserted[table] = data  # scale: the summary tables are extended from the same rows
        self.con.register("_ng_rows", data)
        try:
            extra = computed or {}
            into = ", ".join([f'"{c}"' for c in data.column_names] + [f'"{c}"' for c in extra])
            values = ", ".join([f'"{c}"' for c in data.column_names] + list(extra.values()))
            self.con.execute(f"INSERT INTO {table} ({into}) SELECT {values} FROM _ng_rows")
        finally:
            self.con.unregister("_ng_rows")

    def _insert_articles(self, records: list[ArticleRecord]) -> None:
        rows = []
        for r in records:
            # only the article-level fields: the parts go to their own tables (a whole to_dict was half the time)
            row = {name: _plain(getattr(r, name)) for name, _ in schema.ARTICLE_FIELDS}
            row["published"] = date.fromisoformat(r.published) if r.published else None
            row["content_hash"] = content_hash(r.text)
            rows.append(row)
        # ingested_at set as the rows go in (an UPDATE of the rows still NULL read the whole table each batch)
        self._insert("articles", pa.Table.from_pylist(rows, schema=schema.article_arrow_schema()),
                     {"ingested_at": "now()"})

    def _insert_failures(self, failures: list[Failure]) -> None:
        for f in failures:
            self.con.execute(
                "INSERT INTO failures (key, origin, stage, error, id, text, failed_at) VALUES (?, ?, ?, ?, ?, ?, now()) "
                "ON CONFLICT DO NOTHING",
                [failure_key(f), f.origin, f.stage, f.error, f.id, f.text],
            )

    # ---- reading ---------------------------------------------------------------------------------------------
    def columns(self, table: str) -> frozenset[str]:
        """The columns a stored table has, looked up once per table (a reader's tables do not change: the one
        writer alters them when it opens the database, before any reader; readers over cursors share it)."""
        if table not in self._column_memo:
            self._column_memo[table] = self._stored_columns(table)
        return self._column_memo[table]

    def _stored_columns(self, table: str) -> frozenset[str]:
        rows = self.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
        ).fetchall()
        return frozenset(r[0] for r in rows)

    def _part_columns(self) -> dict[str, set[str]]:
        """The columns of every part table, in one query."""
        rows = self.con.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE list_contains(?::VARCHAR[], table_name)",
            [[table for table, _, _ in PART_TABLES]],
        ).fetchall()
        out: dict[str, set[str]] = {}
        for table, column in rows:
            out.setdefault(table, set()).add(column)
        return out

    def get(self, article_id: str) -> ArticleRecord:
        rows = self._articles("WHERE id = ?", [article_id])
        if not rows:
            raise NotFound(f"no article with id {article_id!r}")
        return rows[0]

    def iter_records(self, where: str = "", params: list[Any] | None = None, batch: int = 500) -> Iterator[ArticleRecord]:
        ids = [r[0] for r in self.con.execute(f"SELECT id FROM articles {where} ORDER BY id", params or []).fetchall()]
        for i in range(0, len(ids), batch):
            chunk = ids[i : i + batch]
            yield from self._articles("WHERE id IN (SELECT unnest(?::VARCHAR[])) ORDER BY id", [chunk])

    def _articles(self, where: str, params: list[Any]) -> list[ArticleRecord]:
        names = [n for n, _ in schema.ARTICLE_FIELDS]
        cols = ", ".join(f'"{n}"' for n in names)
        rows = self.con.execute(f"SELECT {cols} FROM articles {where}", params).fetchall()
        if not rows:
            return []
        base = [dict(zip(names, row, strict=True)) for row in rows]
        ids = [b["id"] for b in base]
        # one article (a page, the API): an equality, which the zone maps of article_id answer by skipping the
        # row groups of other articles (an IN over a list reads every row group)
        which, arg = ("article_id = ?", ids[0]) if len(ids) == 1 else (
            "article_id IN (SELECT unnest(?::VARCHAR[]))", ids)
        have_all = self._part_columns()  # an older read-only database may lack later fields: their defaults
        parts: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for table, attr, cls in PART_TABLES:
            have = have_all.get(table, set())
            fnames = [n for n, _ in field_types(cls) if n in have]
            fcols = ", ".join(f'"{n}"' for n in fnames)
            got = self.con.execute(
                f"SELECT article_id, {fcols} FROM {table} WHERE {which} ORDER BY article_id, idx", [arg]
            ).fetchall()
            by_article: dict[str, list[dict[str, Any]]] = {}
            for row in got:
                by_article.setdefault(row[0], []).append(dict(zip(fnames, row[1:], strict=True)))
            parts[attr] = by_article
        out = []
        for b in base:
            if isinstance(b["published"], date):
                b["published"] = b["published"].isoformat()
            for _, attr, _cls in PART_TABLES:
                b[attr] = parts[attr].get(b["id"], [])
            out.append(ArticleRecord.from_dict(b))
        return out

    def failures(self) -> list[Failure]:
        rows = self.con.execute("SELECT origin, stage, error, id, text FROM failures ORDER BY failed_at, key").fetchall()
        return [Failure(origin=o, stage=s, error=e, id=i, text=t) for o, s, e, i, t in rows]

    def counts(self) -> dict[str, int]:
        out = {"articles": self.con.execute("SELECT count(*) FROM articles").fetchone()[0]}  # type: ignore[index]
        for table, _, _ in PART_TABLES:
            out[table] = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
        out["failures"] = self.con.execute("SELECT count(*) FROM failures").fetchone()[0]  # type: ignore[index]
        return out

    def query(self, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run a query; returns (column names, rows). On a read-only store nothing can be changed."""
        try:
            cur = self.con.execute(sql, params or [])
        except duckdb.Error as exc:
            raise StoreError(str(exc).splitlines()[0]) from exc
        cols = [d[0] for d in cur.description] if cur.description else []
        return cols, cur.fetchall() if cur.description else []


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value

