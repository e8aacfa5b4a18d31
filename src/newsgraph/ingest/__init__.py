"""Ingest: files, folders, JSONL and stdin become Articles; what cannot be read becomes a Failure.

Nothing is dropped silently: every input yields either an Article or a Failure that says why.
"""

from newsgraph.ingest.articles import article_id, make_article
from newsgraph.ingest.lang import detect_language
from newsgraph.ingest.readers import iter_inputs, read_path

__all__ = ["article_id", "detect_language", "iter_inputs", "make_article", "read_path"]
