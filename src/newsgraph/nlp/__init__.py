"""The NLP spine: one spaCy pipeline (``build_pipeline``) and one boundary out of spaCy (``convert``).

``build_pipeline`` is imported on first use, so that ``newsgraph.nlp.knowledge`` (the knowledge loader, which
the store and the exports read their tables through) does not import spaCy.
"""

from __future__ import annotations

from typing import Any

__all__ = ["build_pipeline"]


def __getattr__(name: str) -> Any:
    if name == "build_pipeline":
        from newsgraph.nlp.pipeline import build_pipeline

        return build_pipeline
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
