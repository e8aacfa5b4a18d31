"""Story groups in the store: the membership rows of reprints grouped before the parser (dedup.py).

``open_index`` rebuilds the de-duplication index from ``story_members``; ``write_members`` adds rows. Which
articles are reprints, and what is stored for them, is decided by the write path's pre-analysis step
(``newsgraph.intake.group_batch``).

The reader side is plain SQL over the views that ``schema.stories_ddl`` creates (``story_groups``,
``story_events``, ``story_quotes``), which ``newsgraph sql`` queries directly.
"""

from __future__ import annotations

import logging

import numpy as np
import pyarrow as pa

from newsgraph.dedup import Decision, Deduper, from_settings
from newsgraph.settings import Settings
from newsgraph.store.duck import Store

LOGGER = logging.getLogger(__name__)

_MEMBER_SCHEMA = pa.schema([
    pa.field("article_id", pa.string()), pa.field("story_id", pa.string()), pa.field("method", pa.string()),
    pa.field("similarity", pa.float64()), pa.field("text_hash", pa.string()),
    pa.field("minhash", pa.list_(pa.uint32())),
])


def open_index(store: Store, settings: Settings) -> Deduper | None:
    """The de-duplication index for ``settings.dedup``, holding every story already in ``store``.

    Stored articles without a membership row (a database written before de-duplication) are classified in
    storage order and their rows written, so reprints of them are found too.
    """
    dedup = from_settings(settings)
    if dedup is None:
        return None
    cur = store.con.execute("SELECT story_id, method, text_hash, minhash FROM story_members ORDER BY added_at")
    n = 0
    while rows := cur.fetchmany(10_000):
        for story_id, method, hash_, minhash in rows:
            dedup.add(story_id, hash_, np.asarray(minhash, dtype=np.uint32) if minhash else None,
                      first=method == "first")
            n += 1
    orphans = store.con.execute(
        "SELECT a.id, a.text FROM articles a LEFT JOIN story_members m ON m.article_id = a.id "
        "WHERE m.article_id IS NULL AND a.status <> 'duplicate' ORDER BY a.ingested_at, a.id"
    ).fetchall()
    if orphans:  # analysed already: a reprint among them joins its story (its own events are then not counted)
        write_members(store, [dedup.classify(i, t) for i, t in orphans])
    LOGGER.info("dedup index: %d stored reports, %d stories (%d added from older rows)", n, len(dedup), len(orphans))
    return dedup


def write_members(store: Store, decisions: list[Decision]) -> None:
    """Insert membership rows (existing ones are kept)."""
    if not decisions:
        return
    rows = [{
        "article_id": d.article_id,
        "story_id": d.story_id,
        "method": d.method,
        "similarity": d.similarity,
        "text_hash": d.text_hash,
        "minhash": d.minhash.tolist() if d.minhash is not None else None,
    } for d in decisions]
    store.con.register("_ng_members", pa.Table.from_pylist(rows, schema=_MEMBER_SCHEMA))
    try:
        store.con.execute(
            "INSERT INTO story_members SELECT *, now() AS added_at FROM _ng_members ON CONFLICT DO NOTHING"
        )
    finally:
        store.con.unregister("_ng_members")
