"""Shared fixtures.

- ``shared``: the read-only ``../shared`` folder (gold data, seed article), or the folder named by the environment
  variable NEWSGRAPH_SHARED (for checkouts whose parent has no ``shared``); tests that need it skip when absent.
- ``seed_text``: the seed article's text.
- ``nlp``: the full newsgraph pipeline on the pinned spaCy model, built once per session (tests using it are
  marked ``model``; they run in CI).
- ``demo_db``: the demo database, ``samples/articles.jsonl`` through the real pipeline as ``make demo`` builds it,
  once per session (``NEWSGRAPH_DEMO_DB`` may name one already built, to save the half minute it takes); tests
  read it, never write to it.
- ``hand_doc``: builds a spaCy Doc by hand (words, spaces, entity labels, heads and dependency labels) without
  any model, for fast unit tests of components.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from newsgraph.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
#: ../shared beside the checkout; NEWSGRAPH_SHARED points elsewhere (e.g. from a worktree)
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED") or ROOT.parent / "shared")


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def seed_text(shared: Path) -> str:
    return (shared / "examples/seed/article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def nlp(settings: Settings):  # type: ignore[no-untyped-def]
    from newsgraph.batch import get_pipeline

    return get_pipeline(settings)


@pytest.fixture(scope="session")
def blank_nlp():  # type: ignore[no-untyped-def]
    return spacy.blank("en")


@pytest.fixture
def hand_doc(blank_nlp) -> Callable[..., Doc]:  # type: ignore[no-untyped-def]
    """hand_doc(words, spaces=None, ents=None, heads=None, deps=None, pos=None, tags=None, lemmas=None)."""

    def make(words: list[str], **kw) -> Doc:  # type: ignore[no-untyped-def]
        return Doc(blank_nlp.vocab, words=words, **kw)

    return make


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("NEWSGRAPH_DEMO_DB")
    if given:
        return Path(given)
    from newsgraph.runner import ingest_paths
    from newsgraph.store.duck import Store

    path = tmp_path_factory.mktemp("demo") / "newsgraph.duckdb"
    with Store(path) as store:
        stats = ingest_paths([str(ROOT / "samples/articles.jsonl")], store, Settings(db=str(path)))
    assert stats.analyzed == 90 and stats.failed == 0
    return path
