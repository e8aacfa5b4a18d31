"""newsgraph: an open news-intelligence engine.

Library entry points: ``analyze_text``, ``process_batch``, ``build_pipeline``, ``Store``.
"""

from newsgraph.records import ArticleRecord, json_schema

__version__ = "0.1.0"

__all__ = ["ArticleRecord", "__version__", "json_schema"]
