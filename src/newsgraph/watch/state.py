"""What the watcher has seen, kept in the database it writes (so a killed watcher resumes from there).

- ``watch_files``: each file of a watched folder, with the size, mtime and sha256 it had when it was ingested.
- ``watch_feeds``: each watched feed URL with the ``ETag`` and ``Last-Modified`` of the last fetch whose items
  were all stored (saved only then, so a fetch cut short is redone, not skipped by a 304).
- ``watch_items``: each feed item done (its guid or link), and the article id it became.
"""

from __future__ import annotations

from newsgraph.store.duck import Store

DDL = (
    "CREATE TABLE IF NOT EXISTS watch_files (path VARCHAR PRIMARY KEY, size BIGINT, mtime_ns BIGINT, "
    "sha256 VARCHAR, ingested_at TIMESTAMP)",
    "CREATE TABLE IF NOT EXISTS watch_feeds (url VARCHAR PRIMARY KEY, etag VARCHAR, last_modified VARCHAR, "
    "fetched_at TIMESTAMP, items INTEGER)",
    "CREATE TABLE IF NOT EXISTS watch_items (feed VARCHAR NOT NULL, key VARCHAR NOT NULL, link VARCHAR, "
    "article_id VARCHAR, done_at TIMESTAMP, PRIMARY KEY (feed, key))",
)


def create_tables(store: Store) -> None:
    for ddl in DDL:
        store.con.execute(ddl)
