"""The write path's one pre-analysis step: local ingest and loading Parquet parts store and count the same.

The parts are made the way the Ray engine makes them: every input line read by the local line reader and every
article analysed, reprints and repeated ids included; ``load_parts`` then groups, checks and counts them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from reprints import reprint, voa_articles

from newsgraph.batch import Result, chunked, process_batch
from newsgraph.distributed.parts import load_parts, results_to_table
from newsgraph.ingest import iter_inputs
from newsgraph.intake import word_count
from newsgraph.records import Article, Failure
from newsgraph.runner import ingest_paths
from newsgraph.settings import Settings
from newsgraph.store.duck import Store

pytestmark = pytest.mark.model

FR = ("Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les agriculteurs touchés par "
      "la sécheresse, selon un communiqué publié dans la soirée par le ministère.")


def _corpus(tmp_path: Path) -> Path:
    arts = voa_articles()[:4]
    rows = [*arts, reprint(arts[0], 0), reprint(arts[1], 1), {"id": "fr1", "text": FR},
            dict(arts[2]),  # the same id and text again: unchanged
            {"id": arts[3]["id"], "text": arts[3]["text"] + " Edited."}]  # the same id, other text: a failure
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + "{not json\n", encoding="utf-8")
    return path


def _parts(src: Path, out: Path, settings: Settings) -> Path:
    """Parts as the Ray engine writes them: every line read, every article analysed, nothing grouped."""
    results: list[Result] = []
    items = [i for i in iter_inputs([str(src)]) if isinstance(i, (Article, Failure))]
    results += [i for i in items if isinstance(i, Failure)]
    for batch in chunked([i for i in items if isinstance(i, Article)], settings.batch_size):
        results += process_batch(batch, settings)
    out.mkdir()
    pq.write_table(results_to_table(results), out / "part-00000.parquet")
    return out


def _stored(store: Store) -> dict[str, object]:
    return {
        "articles": store.query("SELECT id, status, language, reason, content_hash FROM articles ORDER BY id")[1],
        "members": store.query("SELECT article_id, story_id, method FROM story_members ORDER BY article_id")[1],
        "failures": sorted((f.origin, f.error) for f in store.failures()),
        "counts": store.counts(),
    }


def test_intake_local_ingest_and_load_parts_agree(tmp_path: Path) -> None:
    settings = Settings(components=("entities",), batch_size=3)
    src = _corpus(tmp_path)
    parts = _parts(src, tmp_path / "parts", settings)
    with Store(tmp_path / "local.duckdb") as local, Store(tmp_path / "parts.duckdb") as loaded:
        a = ingest_paths([str(src)], local, settings)
        b = load_parts([str(parts)], loaded, settings)
        run_a, run_b = a.as_dict(), b.as_dict()
        run_a.pop("seconds"), run_b.pop("seconds")
        assert run_a == run_b
        assert (a.read, a.analyzed, a.skipped, a.duplicates, a.unchanged, a.failed) == (10, 4, 1, 2, 1, 2)
        voa = voa_articles()[:4]
        assert a.words == b.words == sum(word_count(r["text"]) for r in voa)  # analysed articles only
        assert _stored(local) == _stored(loaded)
        again_a, again_b = ingest_paths([str(src)], local, settings), load_parts([str(parts)], loaded, settings)
        assert (again_a.unchanged, again_a.analyzed, again_a.failed) == (again_b.unchanged, again_b.analyzed,
                                                                        again_b.failed) == (8, 0, 2)
        assert _stored(local) == _stored(loaded)
