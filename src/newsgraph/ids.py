"""Article ids and text hashes, shared by ingest, the write path and the store (and owned by none of them).

- ``article_id``: the id an article gets when its input names none, from its text (stable across runs);
- ``content_hash``: the sha256 of a text, stored with each article to tell a re-run of the same article from a
  different article reusing an id;
- ``duplicate_id_failure``: the Failure recorded for such a different article (the stored one is kept).
"""

from __future__ import annotations

import hashlib

from newsgraph.records import Failure


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id(text: str) -> str:
    """Content hash id: stable across runs and machines for the same text."""
    return "sha256:" + content_hash(text)[:24]


def duplicate_id_failure(article_id: str, text: str, stage: str) -> Failure:
    return Failure(
        origin=article_id,
        stage=stage,
        error=f"duplicate id {article_id!r} with different text: the stored article is kept, this one is "
        "recorded here (give it another id to store it)",
        id=article_id,
        text=text,
    )
