"""The NLP spine: one spaCy pipeline (``build_pipeline``) and one boundary out of spaCy (``convert``)."""

from newsgraph.nlp.pipeline import build_pipeline

__all__ = ["build_pipeline"]
