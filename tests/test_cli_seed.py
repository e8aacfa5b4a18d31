"""The foundation issue's acceptance checks on the seed article, through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsgraph.records import ArticleRecord

pytestmark = pytest.mark.model

REQUIRED_KEYS = {
    "id", "title", "url", "source", "published", "language", "text", "entities", "quotes", "events", "places",
    "dates", "amounts", "tone", "themes",
}


@pytest.fixture(scope="module")
def seed_record(shared) -> dict:  # type: ignore[no-untyped-def]
    out = subprocess.run(
        [sys.executable, "-m", "newsgraph", "analyze", str(shared / "examples/seed/article.txt"),
         "--published", "2025-04-10", "--format", "jsonl"],
        check=True, capture_output=True, text=True,
    )
    lines = out.stdout.splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def test_cli_seed_has_every_record_key(seed_record):  # type: ignore[no-untyped-def]
    assert set(seed_record) >= REQUIRED_KEYS
    ArticleRecord.from_dict(seed_record)


def test_cli_seed_offsets_slice_to_text(seed_record):  # type: ignore[no-untyped-def]
    text = seed_record["text"]
    for ent in seed_record["entities"]:
        for m in ent["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    for part in ("quotes", "places", "dates", "amounts"):
        for item in seed_record[part]:
            assert text[item["start"] : item["end"]] == item["text"]


def test_cli_seed_entities(seed_record):  # type: ignore[no-untyped-def]
    names = [e["name"] for e in seed_record["entities"]]
    assert names.count("Lin Jian") == 1
    for name in ("Chinese Foreign Ministry", "Kaja Kallas", "Volodymyr Zelenskyy", "Zhang Renbo", "Wang Guanjun",
                 "UkrInform"):
        assert name in names
    lin = next(e for e in seed_record["entities"] if e["name"] == "Lin Jian")
    assert "spokesperson" in lin["roles"]
    donetsk = next(e for e in seed_record["entities"] if e["name"] == "Donetsk Oblast")
    assert donetsk["label"] in ("GPE", "LOC")
