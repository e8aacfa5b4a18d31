"""De-duplication: real VOA stories and reprints of them (other headline, wire boilerplate, minor edits)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from reprints import reprint, voa_articles

from newsgraph.dedup import Deduper, text_hash, words


def _corpus(n_reprinted: int) -> tuple[list[dict], list[dict]]:  # type: ignore[type-arg]
    arts = voa_articles()
    reprinted = arts[:: max(len(arts) // n_reprinted, 1)][:n_reprinted]
    copies = [reprint(a, v) for a in reprinted for v in range(3)]
    return arts, copies


def test_dedup_normalised_exact_hash_ignores_case_spacing_and_punctuation() -> None:
    a = "The minister said: “We will not retreat.”\n\nTalks resume Monday."
    b = "the Minister said -- \"We will NOT retreat\"   Talks resume Monday!"
    assert text_hash(words(a)) == text_hash(words(b))
    assert text_hash(words(a)) != text_hash(words(a.replace("Monday", "Tuesday")))


def test_dedup_one_story_group_per_reprinted_story_and_no_false_merges() -> None:
    arts, copies = _corpus(12)
    # interleave: reprints arrive after their original, mixed with other stories
    stream = [(a["id"], a["text"]) for a in arts] + [(c["id"], c["text"]) for c in copies]
    decisions = Deduper().classify_all(stream)
    groups: dict[str, set[str]] = defaultdict(set)
    for d in decisions:
        groups[d.story_id].add(d.article_id)
    # every VOA story is its own group (no two distinct stories merged) ...
    assert len(groups) == len(arts)
    # ... and each reprinted story's group is the original plus exactly its three reprints
    for c in copies:
        original = c["id"].split("~")[0]
        assert c["id"] in groups[original]
    assert sorted(len(g) for g in groups.values() if len(g) > 1) == [4] * 12
    near = [d for d in decisions if d.method == "near"]
    assert len(near) == 36 and min(d.similarity for d in near) >= 0.5  # type: ignore[type-var]


def test_dedup_reprint_first_then_original_still_one_group() -> None:
    arts, copies = _corpus(3)
    stream = [(c["id"], c["text"]) for c in copies[:1]] + [(a["id"], a["text"]) for a in arts]
    decisions = {d.article_id: d for d in Deduper().classify_all(stream)}
    first = copies[0]["id"]
    original = first.split("~")[0]
    assert decisions[first].method == "first" and decisions[original].story_id == first


def test_dedup_exact_mode_groups_only_exact_copies() -> None:
    arts, copies = _corpus(2)
    d = Deduper(near=False)
    assert [x.method for x in d.classify_all([(a["id"], a["text"]) for a in arts[:5]])] == ["first"] * 5
    assert d.classify(copies[0]["id"], copies[0]["text"]).method == "first"  # a reprint with edits: not exact
    same = d.classify("copy", arts[0]["text"].upper())
    assert (same.method, same.story_id) == ("exact", arts[0]["id"])


def test_dedup_short_texts_match_only_exactly() -> None:
    d = Deduper()
    d.classify("a", "Fire at the port; two hurt.")
    assert d.classify("b", "Fire at the port; three hurt.").method == "first"
    assert d.classify("c", "FIRE AT THE PORT -- two hurt").story_id == "a"


def _write(path: Path, rows: list[dict]) -> Path:  # type: ignore[type-arg]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.model
def test_dedup_ingest_stores_reprints_as_story_members_not_analysed(tmp_path: Path) -> None:
    from newsgraph.runner import ingest_paths
    from newsgraph.settings import Settings
    from newsgraph.store.duck import Store

    arts, copies = _corpus(2)
    reprinted = {c["id"].split("~")[0] for c in copies}
    originals = [a for a in arts if a["id"] in reprinted] + [next(a for a in arts if a["id"] not in reprinted)]
    first = _write(tmp_path / "day1.jsonl", originals + copies[:2])
    second = _write(tmp_path / "day2.jsonl", copies[2:])
    settings = Settings(components=(), db=str(tmp_path / "g.duckdb"))
    with Store(settings.db) as store:
        s1 = ingest_paths([str(first)], store, settings)
        assert s1.duplicates == 2 and s1.analyzed == 3
    with Store(settings.db) as store:  # a later run: the index is rebuilt from the store
        s2 = ingest_paths([str(second)], store, settings)
        assert s2.duplicates == 4 and s2.analyzed == 0
        s3 = ingest_paths([str(first), str(second)], store, settings)
        assert (s3.unchanged, s3.analyzed, s3.duplicates) == (9, 0, 0)
        _cols, rows = store.query("SELECT story_id, reports, sources FROM story_groups WHERE reports >= 2 "
                                  "ORDER BY reports DESC, story_id")
        assert [r[1] for r in rows] == [4, 4] and [r[2] for r in rows] == [4, 4]  # VOA + three outlets
        dup = store.get(copies[0]["id"])
        assert dup.status == "duplicate" and dup.entities == [] and copies[0]["id"].split("~")[0] in dup.reason
        _, by_status = store.query("SELECT status, count(*) FROM articles GROUP BY 1 ORDER BY 1")
        assert dict(by_status) == {"analyzed": 3, "duplicate": 6}
        # per-story and per-report counts over the (here empty) events view run and agree in shape
        cols, _ = store.query("SELECT type, sum(reports) AS report_count, count(DISTINCT story_id) AS stories "
                              "FROM story_events GROUP BY 1")
        assert cols == ["type", "report_count", "stories"]


def test_dedup_views_count_per_story_and_per_report(tmp_path: Path) -> None:
    """Hand-made rows: one story of 3 reports with 2 events, one single-report story with 1 event."""
    from newsgraph.intake import group_batch
    from newsgraph.records import Article, ArticleRecord, Event, Offsets, TextSpan
    from newsgraph.settings import Settings
    from newsgraph.store.duck import Store
    from newsgraph.store.stories import open_index

    arts, copies = _corpus(1)
    a, b = arts[0], arts[1]
    ev = lambda t: Event(type=t, trigger=TextSpan(0, 3, a["text"][:3]), sentence=Offsets(0, 10))  # noqa: E731
    settings = Settings(db=str(tmp_path / "v.duckdb"))
    with Store(settings.db) as store:
        dedup = open_index(store, settings)
        assert dedup is not None
        todo, n = group_batch(store, dedup, [Article(id=x["id"], text=x["text"], source=x["source"]) for x in (a, b)],
                              settings)
        assert n == 0 and len(todo) == 2
        store.write([ArticleRecord(id=a["id"], text=a["text"], language="en", source=a["source"],
                                   events=[ev("ASSAULT"), ev("ACCUSE")]),
                     ArticleRecord(id=b["id"], text=b["text"], language="en", source=b["source"],
                                   events=[ev("ASSAULT")])])
        reprints = [Article(id=c["id"], text=c["text"], source=c["source"]) for c in copies]
        todo, n = group_batch(store, dedup, reprints, settings)
        assert n == 3 and todo == []
        _, per_story = store.query("SELECT type, count(*) FROM story_events GROUP BY 1")
        _, per_report = store.query("SELECT type, sum(reports) FROM story_events GROUP BY 1")
        assert dict(per_story) == {"ASSAULT": 2, "ACCUSE": 1}
        assert dict(per_report) == {"ASSAULT": 5, "ACCUSE": 4}
        _, rows = store.query("SELECT reports, sources FROM story_groups WHERE story_id = ?", [a["id"]])
        assert rows == [(4, 4)]
