"""Lists read over a window of publication dates first (store/queries.py: _first_in_window,
_windowed_quote_page) give the answers of the same lists read over every date: on a store whose articles spread
over two years, with windows narrow enough to come up short (read again) and wide enough to hold the page."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from newsgraph.records import ArticleRecord
from newsgraph.store import queries
from newsgraph.store.duck import Store


@pytest.fixture(scope="module")
def spread_db(tmp_path_factory: pytest.TempPathFactory, web_records: list[ArticleRecord]) -> Path:
    """The web records again and again (new ids), published over two years out of order, in two writes."""
    recs = []
    for k in range(150):
        r = web_records[k % len(web_records)]
        day = date(2024, 1, 1) + timedelta(days=(k * 37) % 730)
        recs.append(replace(r, id=f"{r.id}-{k}", published=day.isoformat()))
    path = tmp_path_factory.mktemp("window") / "spread.duckdb"
    with Store(path) as store:
        store.write(recs[:70])
        store.write(recs[70:])
    return path


def _answers(path: Path) -> list[Any]:
    with Store(path, read_only=True) as db:
        names = [r[0] for r in db.query("SELECT name FROM actor_totals ORDER BY articles DESC, name LIMIT 4")[1]]
        speakers = [r[0] for r in db.query(
            "SELECT name FROM quote_speakers GROUP BY name ORDER BY count(*) DESC, name LIMIT 3")[1]]
        out: list[Any] = [queries.get_entity(db, n, limit=4, min_confidence=0) for n in names]
        for s in speakers:
            for offset in (0, 3, 40):
                out.append(queries.list_quotes(db, speaker=s, exact=True, limit=3, offset=offset, count=False))
                out.append(queries.list_quotes(db, speaker=s.lower(), limit=3, offset=offset))
        out += [queries.list_quotes(db, limit=5, offset=o, min_confidence=0) for o in (0, 7)]
        out += [queries.list_articles(db, limit=4, offset=o) for o in (0, 5, 146, 200)]
        places = [r[0] for r in db.query("SELECT name FROM place_keys GROUP BY name ORDER BY count(*) DESC LIMIT 2")[1]]
        out += [queries.list_places(db, name=p, limit=3, offset=o) for p in places for o in (0, 4, 90)]
        out += [queries.list_places(db, name=places[0].upper(), limit=3)]
        return out


def test_windowed_lists_answer_as_unwindowed(spread_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(queries, "COOCCURRING_ARTICLES", 6)  # an actor's latest articles: few enough to window
    monkeypatch.setattr(queries, "WINDOW_FACTOR", 10**9)  # no window: every list over every date
    reference = _answers(spread_db)
    assert any(q["items"] for q in reference[4:])
    seen: list[bool] = []
    inner = queries._windowed_quote_page

    def spy(*args: Any, **kwargs: Any) -> Any:
        keys = inner(*args, **kwargs)
        seen.append(keys is not None)
        return keys

    monkeypatch.setattr(queries, "_windowed_quote_page", spy)
    latest: list[int] = []  # rows of each read of an actor's latest articles within a window
    query = Store.query

    def counted(self: Store, sql: str, params: Any = None) -> Any:
        found = query(self, sql, params)
        if "FROM actor_articles WHERE name = ? AND published >= ?" in " ".join(sql.split()):
            latest.append(len(found[1]))
        return found

    monkeypatch.setattr(Store, "query", counted)
    for factor in (1, 2, 4):
        monkeypatch.setattr(queries, "WINDOW_FACTOR", factor)
        seen.clear()
        assert _answers(spread_db) == reference, factor
        arts = [a for a in _answers(spread_db) if isinstance(a, dict) and a.get("items")
                and "lead" in a["items"][0]]
        assert len(arts) == 3  # (the page past the end is empty)
        if factor == 4:  # the window held some pages and came up short for others (read again)
            assert True in seen and False in seen
    assert latest and max(latest) >= 12 and min(latest) < 12  # (2n rows asked: some windows held them, some not)


def test_window_cut_none_over_a_short_span_or_a_wide_window(spread_db: Path) -> None:
    with Store(spread_db, read_only=True) as db:
        assert queries._window_cut(db, rows=10, n=10, newest=True) is None  # the window would be the span
        assert queries._window_cut(db, rows=None, n=10, newest=True) is None
        cut = queries._window_cut(db, rows=10_000, n=10, newest=True)
        assert cut is not None and date(2025, 12, 1) < cut < date(2025, 12, 31)
        assert queries._window_cut(db, rows=10_000, n=10, newest=False) < date(2024, 1, 31)


def test_event_totals_summed_from_event_counts_equal_the_count(spread_db: Path) -> None:
    """list_events' total over type and event days alone comes from event_counts: the count of event_keys."""
    with Store(spread_db, read_only=True) as db:
        for floor in (0, queries.DEFAULT_MIN_CONFIDENCE):
            for filters in ({}, {"type": "accuse"}, {"date_from": "2024-06-01", "date_to": "2025-03-01"}):
                assert queries._counted_events(db, floor, filters) is not None
                w = queries._event_filters("event_parties", floor, **filters)
                counted = db.query(f"SELECT count(*) FROM event_keys ev WHERE {w.sql}", w.params)[1][0][0]
                assert queries.list_events(db, min_confidence=floor, **filters)["total"] == counted
                assert counted > 0 or filters
            assert queries._counted_events(db, floor, {"source": "China"}) is None


def test_place_totals_summed_from_place_names_equal_the_count(spread_db: Path) -> None:
    """list_places' total for a name (any case) comes from place_names: the count of its mentions."""
    with Store(spread_db, read_only=True) as db:
        names = [r[0] for r in db.query("SELECT DISTINCT name FROM places WHERE name IS NOT NULL")[1]]
        assert names
        for name in names:
            for asked in (name, name.upper(), name.lower()):
                counted = db.query("SELECT count(*) FROM places WHERE lower(name) = lower(?)", [asked])[1][0][0]
                assert queries.list_places(db, name=asked, limit=2)["total"] == counted > 0
        assert queries.list_places(db, name="Atlantis")["total"] == 0
