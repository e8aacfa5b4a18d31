"""The queries over the summary tables (store/summaries.py) against the queries they replace.

``queries_before_summaries.py`` is store/queries.py as it stood before the summary tables, frozen: the reference
semantics. Every actor, quote, event, network, profile and place query is compared on a store written in many
batches (the write path's additive merge), before and after ``refresh_actors`` (the rebuild), and on a copy
without the summary tables opened read-only (an older database: the same rows computed on the fly). The one
tolerated difference: DuckDB's ``mode`` picks any of tied values; the new queries take the smallest, so a label,
code or country must be one of the tied most frequent values.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import pytest
import queries_before_summaries as old
from conftest import actor_record

from newsgraph.records import ArticleRecord
from newsgraph.store import queries, summaries
from newsgraph.store.duck import Store

CHINA, USA = ("China", "GPE", "CHN"), ("United States", "GPE", "USA")


def _noisy_records() -> list[ArticleRecord]:
    recs = [
        actor_record("n1", "2025-03-01", [CHINA, ("Article 5", "LAW", None), ("its navy", "ORG", "CHNMIL"),
                                          ("YChina", "ORG", None), ("Resolution 2231", "ORG", None),
                                          ("Acme Group", "ORG", None), ("Trump", "ORG", "USAGOV"), USA],
                     [("ACCUSE", 1, 0), ("ASSAULT", 2, 0), ("REQUEST", 3, 0), ("REJECT", 4, 0), ("AGREE", 5, 0),
                      ("THREATEN", 6, 0), ("SANCTION", 7, 0)], [("Beijing", 39.9, 116.4)]),
        actor_record("n2", "2025-04-02", [CHINA, ("Resolution 2231", "ORG", None), ("Acme Group", "ORG", None),
                                          ("Trump", "PERSON", "USAGOV"), ("Charter", "ORG", None)],
                     [("REJECT", 1, 0), ("AGREE", 2, 0), ("CONSULT", 3, 0), ("PROTEST", 4, 0)]),
        actor_record("n3", "2025-04-20", [("Donald Trump", "PERSON", "USAGOV"), CHINA, USA],
                     [("THREATEN", 0, 1), ("SUPPORT", 2, 0)], [("Washington", 38.9, -77.0)]),
        actor_record("n4", "2025-05-01", [("Unit 8200", "ORG", "ISRMIL"), ("Charles III", "PERSON", None), USA],
                     [("COOPERATE", 0, 2), ("CONSULT", 1, 2)]),
        actor_record("n5", "2025-05-02", [("Charles III", "PERSON", None), ("Resolution 2231", "ORG", None), USA],
                     [("CONSULT", 0, 2), ("CONSULT", 1, 2)]),
        # ties: "Acme Group" once ORG, once PERSON; "China" coded twice CHN, twice CHNGOV
        actor_record("n6", "2025-05-03", [("Acme Group", "PERSON", "USABUS"), ("China", "GPE", "CHNGOV"), USA],
                     [("AID", 0, 1), ("AID", 2, 1)], [("Beijing", 39.9, 116.4)]),
        actor_record("n7", "2025-05-04", [("China", "GPE", "CHNGOV"), ("Trump", "PERSON", "USAGOV")],
                     [("ACCUSE", 1, 0), ("ACCUSE", 1, 0)]),
    ]
    # confidences around the default threshold, and a party listed on both sides
    out = []
    for k, r in enumerate(recs):
        evs = [replace(ev, confidence=(None, 0.2, 0.645, 0.9)[(k + j) % 4]) for j, ev in enumerate(r.events)]
        if r.id == "n7":
            evs[1] = replace(evs[1], source=["e2", "e1"], target=["e1"])
        out.append(replace(r, events=evs))
    return out


@pytest.fixture(scope="module")
def dbs(tmp_path_factory: pytest.TempPathFactory, web_records: list[ArticleRecord]) -> dict[str, Path]:
    """'batches': every record its own write, refresh_actors halfway, the rest written after it;
    'rebuilt': the same then refresh_actors; 'bare': 'rebuilt' without the summary tables."""
    d = tmp_path_factory.mktemp("summaries")
    records = [*web_records, *_noisy_records()]
    paths = {"batches": d / "batches.duckdb", "rebuilt": d / "rebuilt.duckdb", "bare": d / "bare.duckdb"}
    with Store(paths["batches"]) as store:
        for k, r in enumerate(records):
            store.write([r])
            if k == len(records) // 2:
                store.refresh_actors()
    paths["rebuilt"].write_bytes(paths["batches"].read_bytes())
    with Store(paths["rebuilt"]) as store:
        store.refresh_actors()
    paths["bare"].write_bytes(paths["rebuilt"].read_bytes())
    con = duckdb.connect(str(paths["bare"]))
    for table in summaries.TABLES:
        con.execute(f"DROP TABLE {table}")
    con.close()
    return paths


def _ties(store: Store, where: str = "TRUE") -> dict[tuple[str, str], set[Any]]:
    """(name, field) -> the values of that field with the highest count among the name's entity rows."""
    out: dict[tuple[str, str], set[Any]] = {}
    for field, expr in (("label", "label"), ("code", "actor.code"), ("country", "actor.country"),
                        ("sector", "actor.sector"), ("kb_id", "kb_id")):
        rows = store.query(
            f"""SELECT name, v FROM (SELECT name, {expr} AS v, count(*) AS n FROM actor_entities
                WHERE {expr} IS NOT NULL AND {where} GROUP BY ALL)
                QUALIFY n = max(n) OVER (PARTITION BY name)""")[1]
        for name, v in rows:
            out.setdefault((name, field), set()).add(v)
    return out


def _same(new: dict[str, Any], ref: dict[str, Any], ties: dict[tuple[str, str], set[Any]], what: str) -> None:
    assert set(new) == set(ref), what
    for k, v in ref.items():
        if k in ("label", "code", "country", "sector", "kb_id") and new[k] != v:
            assert new[k] in ties.get((new["name"], k), {None}), (what, k, new[k], v)
        elif k == "roles":
            assert sorted(new[k]) == sorted(v), what
        else:
            assert new[k] == v, (what, k)


#: fields the current queries add to what the frozen reference returns (Quote.cue_class, shown by the Quotes page;
#: an event's actor phrases, shown by the Events page where no entity stands for a side; Quote.confidence)
ADDED = ("cue_class", "source_phrases", "target_phrases", "confidence", "total_exact")


def _base(value: Any) -> Any:
    """A query result without the ADDED fields, to compare with the reference."""
    if isinstance(value, dict):
        return {k: _base(v) for k, v in value.items() if k not in ADDED}
    if isinstance(value, list):
        return [_base(v) for v in value]
    return value


def _names(store: Store) -> list[str]:
    return [r[0] for r in store.query("SELECT DISTINCT name FROM actor_entities ORDER BY 1")[1]]


@pytest.mark.parametrize("which", ["batches", "rebuilt", "bare"])
def test_actor_queries_match_the_join_queries(dbs: dict[str, Path], which: str) -> None:
    with Store(dbs[which], read_only=True) as store:
        ties = _ties(store)
        names = _names(store)
        assert len(names) > 20
        for args in ({}, {"label": "PERSON"}, {"label": "gpe"}, {"label": "ORG"}, {"q": "trump"}, {"q": "CHN"},
                     {"q": "a", "label": "ORG"}, {"offset": 3, "limit": 5}, {"q": "a", "offset": 2, "limit": 3},
                     {"q": "n", "offset": 1, "limit": 1}):
            ref = old.list_entities(store, **{"limit": 10_000, **args})
            new = queries.list_entities(store, **{"limit": 10_000, **args}, min_confidence=0)
            assert new["total"] == ref["total"] and len(new["items"]) == len(ref["items"]), args
            for a, b in zip(new["items"], ref["items"], strict=True):
                _same(a, b, ties, f"list_entities {args}")
        for name in names:
            ref_e = old.get_entity(store, name)
            new_e = queries.get_entity(store, name, min_confidence=0)
            for part in ("quotes", "events_as_source", "events_as_target", "articles_list"):
                assert _base(new_e.pop(part)) == ref_e.pop(part), (name, part)
            assert new_e.pop("cooccurring_over") == min(ref_e["articles"], queries.COOCCURRING_ARTICLES)
            co_new, co_ref = new_e.pop("cooccurring"), ref_e.pop("cooccurring")
            assert [(c["name"], c["articles"]) for c in co_new] == [(c["name"], c["articles"]) for c in co_ref], name
            co_ties: dict[str, set[str]] = {}  # the most frequent labels of each name in the shared articles
            for o, label in store.query(
                    """SELECT name, label FROM (SELECT o.name, o.label, count(*) AS n FROM actor_entities o
                       WHERE o.article_id IN (SELECT article_id FROM actor_entities WHERE name = ?) GROUP BY ALL)
                       QUALIFY n = max(n) OVER (PARTITION BY name)""", [name])[1]:
                co_ties.setdefault(o, set()).add(label)
            for c in co_new:
                assert c["label"] in co_ties[c["name"]], (name, c)
            _same(new_e, ref_e, ties, f"get_entity {name}")
            assert queries.actor_profile(store, name, min_confidence=0) == old.actor_profile(store, name), name
        with pytest.raises(queries.NotFound):
            queries.get_entity(store, "Nobody")


@pytest.mark.parametrize("which", ["batches", "rebuilt", "bare"])
def test_quote_and_event_queries_match_the_join_queries(dbs: dict[str, Path], which: str) -> None:
    with Store(dbs[which], read_only=True) as store:
        names = _names(store)
        assert _base(queries.list_quotes(store, limit=1000)) == old.list_quotes(store, limit=1000)
        for speaker in [*names, "lin jian", "spokes", "Zelenskyy", "he"]:
            for exact in (False, True):
                assert _base(queries.list_quotes(store, speaker=speaker, exact=exact, limit=1000)) == old.list_quotes(
                    store, speaker=speaker, exact=exact, limit=1000), (speaker, exact)
        assert _base(queries.list_events(store, limit=1000, min_confidence=0)) == old.list_events(store, limit=1000)
        for value in [*names, "chn", "USAGOV", "rus"]:
            for key in ("source", "target", "actor"):
                assert _base(queries.list_events(store, limit=1000, min_confidence=0, **{key: value})) == old.list_events(
                    store, limit=1000, **{key: value}), (key, value)
            for key in ("source", "target"):
                assert _base(queries.list_events(store, limit=1000, min_confidence=0, exact=True, **{key: value})) == (
                    old.list_events(store, limit=1000, exact=True, **{key: value})), (key, value)
        for country in ("CHN", "usa", "UKR", "RUS"):
            for key in ("source_country", "target_country"):
                assert _base(queries.list_events(store, limit=1000, min_confidence=0, **{key: country})) == old.list_events(
                    store, limit=1000, **{key: country}), (key, country)
        for by in ("type", "actor"):
            for interval in ("day", "month", "all"):
                assert queries.event_stats(store, by=by, interval=interval, top=5, min_confidence=0) == (
                    old.event_stats(store, by=by, interval=interval, top=5)), (by, interval)


@pytest.mark.parametrize("which", ["batches", "bare"])
def test_quotes_by_speaker_words_page_and_count_the_union_of_both_matches(
        dbs: dict[str, Path], which: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A speaker's words match the mention's text or an actor named so: each page of two is the union's page
    (as the reference, which ORs them in one scan), and past QUOTE_COUNT_CAP the total is the cap, not exact."""
    cut: set[str] = set()
    with Store(dbs[which], read_only=True) as store:
        for speaker in [*_names(store), "lin jian", "spokes", "he"]:
            full = old.list_quotes(store, speaker=speaker, limit=1000)
            pages = [queries.list_quotes(store, speaker=speaker, limit=2, offset=k, count=False)
                     for k in range(0, full["total"] + 2, 2)]
            assert [_base(it) for pg in pages for it in pg["items"]] == full["items"], speaker
            monkeypatch.setattr(queries, "QUOTE_COUNT_CAP", 2)
            capped = queries.list_quotes(store, speaker=speaker, limit=1000)
            monkeypatch.undo()
            assert _base(capped["items"]) == full["items"], speaker
            if capped["total_exact"]:
                assert capped["total"] == full["total"], speaker
            else:
                assert capped["total"] == 2 <= full["total"], speaker
                cut.add(speaker)
        assert cut, "no speaker reached the cap"
        # a list keyed one way (no speaker, or the exact actor) is always counted exactly
        monkeypatch.setattr(queries, "QUOTE_COUNT_CAP", 1)
        assert queries.list_quotes(store)["total_exact"] is True
        assert queries.list_quotes(store)["total"] == old.list_quotes(store)["total"]


@pytest.mark.parametrize("which", ["batches", "rebuilt", "bare"])
def test_quote_totals_from_quote_counts_match_the_quote_keys(dbs: dict[str, Path], which: str) -> None:
    """Every quote list's total without a speaker, at 0, at the threshold quote_counts counts at and at another,
    per class, is the count of the quote keys (from quote_counts where it can answer)."""
    at = summaries.QUOTE_SHOWN_AT
    with Store(dbs[which], read_only=True) as store:
        answered = 0
        for floor in (0.0, at, at + 0.1):
            for classes in (None, ["speech"], ["speech", "other"], ["nothing"]):
                w = f"list_contains({classes!r}::VARCHAR[], cue_class)" if classes is not None else "TRUE"
                # a bare store has no summary tables: its quotes as quote_keys has them (no speaker: shown)
                table = "quote_keys" if which != "bare" else (
                    "(SELECT coalesce(cue_class, 'speech') AS cue_class, CASE WHEN speaker IS NULL THEN NULL "
                    "ELSE confidence END AS confidence FROM quotes)")
                sql = f"SELECT count(*) FROM {table} WHERE {w} AND coalesce(confidence, 1) >= {floor!r}"
                keys = store.query(sql)[1][0][0]
                total = queries._quote_total(store, floor, classes)
                answered += total is not None
                assert total in (None, keys), (floor, classes)
                assert queries.list_quotes(store, cue_class=classes, min_confidence=floor)["total"] == keys
        assert answered == (0 if which == "bare" else 8)


def test_quote_counts_at_another_threshold_are_counted_again(dbs: dict[str, Path], tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "other.duckdb"
    path.write_bytes(dbs["rebuilt"].read_bytes())
    monkeypatch.setattr(summaries, "QUOTE_SHOWN_AT", 0.9)
    with Store(path) as store:  # a writer of a version whose default is 0.9
        assert store.query("SELECT DISTINCT shown_at FROM quote_counts")[1] == [(0.9,)]
        shown = store.query("SELECT sum(quotes_shown) FROM quote_counts")[1][0][0]
        assert shown == store.query("SELECT count(*) FROM quote_keys WHERE coalesce(confidence, 1) >= 0.9")[1][0][0]


#: filters read from event_keys (each event's day, publication date, type, place) instead of events and articles
EVENT_KEY_FILTERS: tuple[dict[str, Any], ...] = (
    {"type": "consult"}, {"date_from": "2025-04-01"}, {"date_to": "2025-04-30"},
    {"date_from": "2025-04-01", "date_to": "2025-05-02"}, {"published_from": "2025-04-02"},
    {"published_to": "2025-04-20"}, {"place": "beijing"}, {"place": "ua"}, {"type": "accuse", "actor": "China"},
    {"article": "n1"}, {"offset": 2, "limit": 3},
)


@pytest.mark.parametrize("which", ["batches", "rebuilt", "bare"])
def test_event_key_filters_match_the_join_queries(dbs: dict[str, Path], which: str) -> None:
    with Store(dbs[which], read_only=True) as store:
        for args in EVENT_KEY_FILTERS:
            page = {"limit": 1000, **args}
            assert _base(queries.list_events(store, min_confidence=0, **page)) == old.list_events(store, **page), args
            filters = {k: v for k, v in args.items() if k not in ("limit", "offset")}
            for by in ("type", "actor"):
                for dates in ("event", "published"):
                    got = queries.event_stats(store, by=by, dates=dates, top=3, min_confidence=0, **filters)
                    assert got == old.event_stats(store, by=by, dates=dates, top=3, **filters), (args, by, dates)


@pytest.mark.parametrize("which", ["batches", "rebuilt", "bare"])
def test_network_and_places_match_the_join_queries(dbs: dict[str, Path], which: str) -> None:
    with Store(dbs[which], read_only=True) as store:
        actor_rows = summaries.network_row("name", "label", "actor.code")
        ties = _ties(store, actor_rows)
        for args in ({}, {"type": "consult"}, {"min_weight": 2}, {"date_from": "2025-04-01", "date_to": "2025-04-30"},
                     {"limit": 3}):
            new = queries.network(store, **args, min_confidence=0)
            ref = old.network(store, **args)
            assert new["edges"] == ref["edges"], args
            assert len(new["nodes"]) == len(ref["nodes"]) and ref["nodes"], args
            for x, y in zip(new["nodes"], ref["nodes"], strict=True):
                _same(x, y, ties, f"network {args}")
        assert sorted(queries.place_stats(store), key=repr) == sorted(old.place_stats(store), key=repr)
        assert queries.place_stats(store, limit=1) == old.place_stats(store, limit=1)


def test_confidence_floors_match_the_join_queries(dbs: dict[str, Path], tmp_path: Path) -> None:
    # the former network dropped events without a confidence at any floor; now they are shown (as everywhere):
    # on a copy where they carry 1.0 the two agree at every floor
    path = tmp_path / "ones.duckdb"
    path.write_bytes(dbs["rebuilt"].read_bytes())
    with Store(path) as store:
        store.con.execute("UPDATE events SET confidence = 1.0 WHERE confidence IS NULL")
        store.refresh_actors()
    with Store(path, read_only=True) as store:
        ties = _ties(store, summaries.network_row("name", "label", "actor.code"))
        full = queries.network(store, min_confidence=0, limit=1000)
        for floor in (0.5, 0.645, 0.9):
            new = queries.network(store, min_confidence=floor, limit=1000)
            ref = old.network(store, min_confidence=floor, limit=1000)
            assert new["edges"] == ref["edges"] and new["edges"] != full["edges"], floor
            for x, y in zip(new["nodes"], ref["nodes"], strict=True):
                _same(x, y, ties, f"network {floor}")
            # events and their counts: the former queries with the floor as a filter
            kept = {tuple(r) for r in store.query(
                "SELECT article_id, idx FROM events WHERE confidence >= ?", [floor])[1]}
            got = queries.list_events(store, limit=1000, min_confidence=floor)["items"]
            assert {(e["article_id"], e["idx"]) for e in got} == kept
            ents = {e["name"]: e["events"] for e in queries.list_entities(store, limit=1000, min_confidence=floor)["items"]}
            ref_counts = dict(store.query(
                """SELECT p.name, count(*) FROM event_parties p JOIN events ev USING (article_id, idx)
                   WHERE ev.confidence >= ? GROUP BY 1""", [floor])[1])
            assert {n: c for n, c in ents.items() if c} == ref_counts, floor


@pytest.mark.parametrize("which", ["batches", "bare"])
def test_place_mentions_match_the_former_query(dbs: dict[str, Path], which: str) -> None:
    with Store(dbs[which], read_only=True) as store:
        for args in ({}, {"name": "beijing"}, {"country": "ua"}, {"limit": 2, "offset": 1}):
            assert queries.list_places(store, **args) == old.list_places(store, **args), args


@pytest.mark.parametrize("which", ["batches", "bare"])
def test_article_lists_and_their_counts_match_the_former_query(dbs: dict[str, Path], which: str) -> None:
    # the counts of a page of articles come from article_counts (bare: counted in the part tables)
    with Store(dbs[which], read_only=True) as store:
        for args in ({}, {"limit": 2, "offset": 1}, {"date_from": "2025-04-01"}):
            assert queries.list_articles(store, min_confidence=0, **args) == old.list_articles(store, **args), args
        for floor in (None, 0.5, 0.645, 0.9):  # the stored threshold, and others counted on the fly
            got = {it["id"]: it["events"] for it in queries.list_articles(store, min_confidence=floor, limit=100)["items"]}
            at = summaries.SHOWN_AT if floor is None else floor
            ref = dict(store.query("""SELECT a.id, count(ev.idx) FILTER (WHERE coalesce(ev.confidence, 1) >= ?)
                                      FROM articles a LEFT JOIN events ev ON ev.article_id = a.id GROUP BY 1""",
                                   [at])[1])
            assert got == ref and any(got.values()), floor


@pytest.mark.parametrize("which", ["batches", "rebuilt", "bare"])
def test_event_charts_and_timelines_from_the_counts_match_the_event_rows(dbs: dict[str, Path], which: str,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # GET /api/stats/events reads event_counts (by type) and party_counts (by actor), an actor's timeline reads
    # party_months, at 0 and at the threshold they count at; the answers are those of counting event_keys and
    # event_parties (any other threshold, or filters the counts cannot answer, count there)
    cases = [(by, floor, interval, dates, filters) for by in ("type", "actor")
             for floor in (None, 0, 0.5, 0.645, 0.9) for interval in ("day", "month", "all")
             for dates in ("event", "published")
             for filters in ({}, {"type": "consult"}, {"date_from": "2025-04-01", "date_to": "2025-05-02"})]
    with Store(dbs[which], read_only=True) as store:
        names = _names(store)
        got = [queries.event_stats(store, by=b, interval=i, dates=d, top=3, min_confidence=f, **x)
               for b, f, i, d, x in cases]
        timelines = [queries.actor_profile(store, n, min_confidence=f)["timeline"] for n in names
                     for f in (None, 0, 0.9)]
        monkeypatch.setattr(queries, "_counted", lambda *args: None)
        monkeypatch.setattr(queries, "_counted_sides", lambda *args: None)
        want = [queries.event_stats(store, by=b, interval=i, dates=d, top=3, min_confidence=f, **x)
                for b, f, i, d, x in cases]
        assert timelines == [queries.actor_profile(store, n, min_confidence=f)["timeline"] for n in names
                             for f in (None, 0, 0.9)]
    assert got == want and any(g["buckets"] for g in got) and any(timelines)


@pytest.mark.parametrize("which", ["batches", "rebuilt"])
def test_network_and_counterparts_from_edge_counts_match_the_event_edges(dbs: dict[str, Path], which: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # the network and an actor's counterparts read edge_counts at 0 and at the threshold it counts at; the
    # answers are those of counting event_edges (any other threshold counts there)
    cases = [(floor, args) for floor in (None, 0, 0.5, 0.645, 0.9)
             for args in ({}, {"type": "consult"}, {"min_weight": 2}, {"date_from": "2025-04-01", "date_to": "2025-04-30"},
                          {"date_to": "2025-04-10"}, {"limit": 3})]
    with Store(dbs[which], read_only=True) as store:
        assert store.query("SELECT count(*) FROM edge_counts")[1][0][0] > 0
        names = _names(store)
        got = [queries.network(store, min_confidence=f, **a) for f, a in cases]
        # an actor's counterparts (who it acts on, who acts on it) are counted there too
        profiles = [queries.actor_profile(store, n, min_confidence=f) for n in names for f in (None, 0, 0.9)]
        monkeypatch.setattr(queries, "_counted_edges", lambda *args: None)
        want = [queries.network(store, min_confidence=f, **a) for f, a in cases]
        assert profiles == [queries.actor_profile(store, n, min_confidence=f) for n in names for f in (None, 0, 0.9)]
    assert got == want and any(g["edges"] for g in got) and any(p["acts_on"] for p in profiles)


@pytest.mark.parametrize("which", ["batches", "rebuilt", "bare"])
def test_facets_and_shown_counts_from_the_summary_tables_match_the_article_and_event_rows(
        dbs: dict[str, Path], which: str) -> None:
    with Store(dbs[which], read_only=True) as store:
        ref = old.facets(store)
        assert ref["sources"] and ref["themes"] and ref["first"] < ref["last"], "the fixture has every facet"
        assert queries.facets(store) == ref
        for floor in (0, 0.2, 0.44, summaries.SHOWN_AT, 0.7, 1):
            shown = store.query("SELECT count(*) FROM events WHERE coalesce(confidence, 1) >= ?", [floor])[1][0][0]
            counts = queries.shown_counts(store, min_confidence=floor)
            assert (counts["events"], counts["events_hidden"]) == (shown, store.counts()["events"] - shown), floor


@pytest.mark.parametrize("which", ["batches", "rebuilt"])
def test_actor_maps_from_party_places_match_the_event_parties(dbs: dict[str, Path], which: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # an actor's map reads party_places at 0 and at the threshold it counts at; the answer is that of its
    # event_parties rows (any other threshold counts there)
    with Store(dbs[which], read_only=True) as store:
        assert store.query("SELECT count(*) FROM party_places")[1][0][0] > 0
        names = _names(store)
        got = [queries.actor_profile(store, n, min_confidence=f)["places"] for n in names for f in (None, 0, 0.9)]
        counted_at = queries._counted_at
        monkeypatch.setattr(queries, "_counted_at",
                            lambda s, table, floor: None if table == "party_places" else counted_at(s, table, floor))
        want = [queries.actor_profile(store, n, min_confidence=f)["places"] for n in names for f in (None, 0, 0.9)]
    assert got == want and any(got)
