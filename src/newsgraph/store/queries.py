"""Read-only queries over a newsgraph DuckDB store: the SQL behind the HTTP API and the web pages.

Every function takes a :class:`~newsgraph.store.duck.Store` plus plain, already validated arguments and returns
plain JSON-ready dicts and lists. Values always travel as bound parameters, never spliced into SQL text.

Across articles an *actor* is identified by its canonical actor name (entity ids such as ``"e3"`` are only
unique within one record): the view ``actor_entities`` (store/actors.py) maps each document's entity name to the
corpus-level actor ("Trump" -> "Donald Trump", "U.N." -> "United Nations"), so ``GET /api/entities/Lin%20Jian``
gathers every article's "Lin Jian".

Dates: an event's day is its own date when it has a full or reduced ISO date ("2025-04" counts from the first
of the month), else the article's publication date.

Confidence: what is shown and counted leaves out events below ``min_confidence`` (default
:data:`DEFAULT_MIN_CONFIDENCE`, the setting ``min_event_confidence``; 0 shows all; an event without a confidence
is shown; a database whose events have no confidence column shows all). Exports (store/export.py) keep every event.
Quotes likewise (``list_quotes``): a quote naming a speaker and scored below ``min_confidence`` (default
:data:`DEFAULT_MIN_QUOTE_CONFIDENCE`, the setting ``min_quote_confidence``) is not listed; a quote naming no one,
or without a confidence, always is (``nlp/quotes/confidence.shown``). Claims and exports keep every quote.

Speed: the actor counts, quote speakers and event parties come from the summary tables of store/summaries.py,
maintained at write time, instead of joining every entity to every quote and event per request. The functions
marked ``@cached`` keep their answers in ``store.cache`` (the app's; store/cache.py) per store version.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from newsgraph.errors import NotFound
from newsgraph.records import ArticleRecord
from newsgraph.settings import Settings
from newsgraph.store import schema, summaries
from newsgraph.store.cache import cached
from newsgraph.store.duck import Store
from newsgraph.store.where import Where

#: event types of PLOVER, for validation and chart colours
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

SNIPPET = 80  # characters of context either side of a mention

#: rows of each list of one actor (quotes, events as source, as target, articles) on its page and in
#: ``GET /api/entities/{name}``; the rest are one link away (the Quotes and Events pages filtered on the actor)
ENTITY_ROWS = 25

#: the co-occurring actors of one actor are counted over its latest this many articles (by publication date):
#: their rows of article_actors are looked up by id, about 120 microseconds each at 1,000,000 articles (over
#: 1,000 articles, or through a scan of the table, 180 ms of CPU per actor page)
COOCCURRING_ARTICLES = 200
#: ids per lookup: DuckDB turns an IN over at most this many values (its dynamic_or_filter_threshold: 50 by
#: default, as on the writer's connection that ``serve --watch`` reads through; duck.OR_FILTER_KEYS on a
#: read-only Store) into an index lookup; over a longer list it joins, and scans the whole table
LOOKUP_IDS = 50

#: a list's first rows, in publication order, are read first over a window of publication dates at the end of
#: the store's span where they should lie: this many times as wide as the rows' average density says it takes,
#: so that DuckDB skips the row groups of other dates (and sorts fewer rows); a window that yields fewer rows
#: than asked is read again without it (the answer is the same either way). At 200,000 articles the latest 400
#: articles of "U.S." (in half of them) took 17 ms of CPU, within a window 6 ms
WINDOW_FACTOR = 4

#: events below this confidence are left out of what is shown and counted (the setting min_event_confidence)
DEFAULT_MIN_CONFIDENCE: float = summaries.SHOWN_AT
#: quotes naming a speaker below this confidence are left out of the quote lists (the setting min_quote_confidence)
DEFAULT_MIN_QUOTE_CONFIDENCE: float = Settings().min_quote_confidence


def _party_filter(parties: str, side: str, pred: str) -> str:
    """SQL: event ``ev`` has, on ``side`` ("source" or "target"), an entity of its article matching ``pred``
    (over alias ``p`` of ``parties``, the summary table event_parties; side "party": either side): a hash
    semi-join on (article_id, idx), written as an IN over structs so that DuckDB builds its hash table on the
    matching parties (the EXISTS it replaces was planned with every event on the build side: 3x slower at
    55,000 articles)."""
    on = "(p.is_source OR p.is_target)" if side == "party" else f"p.is_{side}"
    return f"""{{'a': ev.article_id, 'i': ev.idx}} IN (
        SELECT {{'a': p.article_id, 'i': p.idx}} FROM {parties} p WHERE {on} AND {pred})"""


# does one of the entities named by a list of ids match an actor (name, case-insensitive, or actor code)?
_MATCH = "(lower(p.name) = lower(?) OR p.code = upper(?))"
_NAME = "p.name = ?"
_COUNTRY = "p.country = upper(?)"


def confidence_floor(store: Store, min_confidence: float | None) -> float:
    """The confidence events must reach to be shown: ``min_confidence`` (None: the default), 0 where the
    database's events carry no confidence."""
    floor = DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence
    return floor if floor > 0 and has_column(store, "events", "confidence") else 0.0


def _confident(floor: float, alias: str = "ev", column: str = "confidence") -> tuple[str, list[Any]]:
    """SQL condition and parameters: the event (alias) reaches ``floor`` (an event without one does)."""
    if floor <= 0:
        return "TRUE", []
    return f"coalesce({alias}.{column}, 1) >= ?", [floor]


def _counted_at(store: Store, table: str, floor: float) -> str | None:
    """The suffix of summary table ``table``'s count columns at ``floor``: "" (every event: ``events``) at 0,
    "_shown" (``events_shown``) at the threshold the table counts at; None where the table cannot answer (another
    threshold, or an older database read only): the rows are then counted."""
    if _tables(store)[table] != table:
        return None
    if floor <= 0:
        return ""
    return "_shown" if floor == summaries.shown_at(store.con) else None


def _rows(store: Store, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cols, rows = store.query(sql, list(params))
    return [dict(zip(cols, row, strict=True)) for row in rows]


def _scalar(store: Store, sql: str, params: Sequence[Any] = ()) -> Any:
    _, rows = store.query(sql, list(params))
    return rows[0][0] if rows else None


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _contains(column: str) -> str:
    """SQL: column contains the parameter (never empty), case-insensitively (no LIKE wildcards to escape).
    ``contains`` over the bare column, as DuckDB can evaluate it once per dictionary entry of a compressed string
    column (``strpos(lower(coalesce(...)))`` was evaluated per row: 30x slower over the quotes' speakers)."""
    return f"contains(lower({column}), lower(?))"


def _page(total: int | None, limit: int, offset: int, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


# Pages are read in two steps: the keys of the page's rows (filtered, ordered, limited over narrow columns), then
# those rows of the wide tables, looked up by key. DuckDB fetches single rows only through a one-column index
# (schema.ROW_KEYED), and only when the keys are given as a list: joined to a page computed in the same query, the
# wide tables were scanned (a page of 50 events read 133,000 rows of events and 121,000 of places at 150,000
# articles, 57 and 30 ms; through row_key 1.7 ms). The lookups are MATERIALIZED CTEs: inlined, the optimizer
# turned them back into joins on the page, and the scans with them.
def _page_rows(keys: Sequence[tuple[str, int]], **extra: tuple[str, list[Any]]) -> tuple[str, list[Any]]:
    """SQL relation of the page's rows (article_id, idx, n: the position on the page, and each ``extra`` column:
    its SQL type and values), and its parameters."""
    cols = ["unnest(?::VARCHAR[]) AS article_id", "unnest(?::INTEGER[]) AS idx", "unnest(?::INTEGER[]) AS n"]
    cols += [f"unnest(?::{tp}[]) AS {name}" for name, (tp, _) in extra.items()]
    params = [[a for a, _ in keys], [i for _, i in keys], list(range(len(keys)))]
    return f"SELECT {', '.join(cols)}", params + [values for _, values in extra.values()]


def _keyed(store: Store, table: str, keys: Sequence[tuple[str, int]]) -> tuple[str, list[Any]]:
    """SQL condition (and parameter) selecting the rows of ``table`` with these (article_id, idx) keys, and maybe
    others (the caller joins on article_id and idx): by ``row_key``, or on an older database read only, by
    article."""
    if has_column(store, table, "row_key"):
        return "row_key IN (SELECT unnest(?::UBIGINT[]))", [sorted({schema.row_key_of(a, i) for a, i in keys})]
    return f"article_id IN {_ID_LIST}", [sorted({a for a, _ in keys})]


def _of_articles(keys: Sequence[tuple[str, int]], column: str = "article_id") -> tuple[str, list[Any]]:
    """SQL condition over ``column`` (and parameter): the articles of the page's rows."""
    return f"{column} IN {_ID_LIST}", [sorted({a for a, _ in keys})]


# an id list given as a parameter (an IN over it is what DuckDB answers through an index), and a page of ids in
# their given order (``n``; two parameters, the same list twice)
_ID_LIST = "(SELECT unnest(?::VARCHAR[]))"
_ID_PAGE = "SELECT unnest(?::VARCHAR[]) AS id, generate_subscripts(?::VARCHAR[], 1) AS n"


# ---- articles ------------------------------------------------------------------------------------------------
@cached
def list_articles(
    store: Store,
    *,
    q: str | None = None,
    source: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    actor: str | None = None,
    theme: str | None = None,
    limit: int = 50,
    offset: int = 0,
    min_confidence: float | None = None,
) -> dict[str, Any]:
    """Articles matching every given filter, newest first. ``q`` searches title and text; ``events`` counts
    the events at or above ``min_confidence`` (see the module docstring)."""
    where = Where()
    ranked: list[str] | None = None  # ids in BM25 order, when the search index answers q
    if q:
        ranked, total = _search(store, q, limit, offset, bool(source or date_from or date_to or actor or theme))
        if ranked is not None:
            where.add("list_contains(?::VARCHAR[], a.id)", ranked)
        else:
            where.add(f"({_contains('a.title')} OR {_contains('a.text')})", q, q)
    if source:
        where.add("a.source = ?", source)
    if date_from:
        where.add("a.published >= CAST(? AS DATE)", date_from)
    if date_to:
        where.add("a.published <= CAST(? AS DATE)", date_to)
    if actor:
        where.add(
            "EXISTS (SELECT 1 FROM actor_entities e WHERE e.article_id = a.id "
            "AND (lower(e.name) = lower(?) OR e.actor.code = upper(?)))", actor, actor
        )
    if theme:
        where.add("list_contains(a.themes, ?)", theme)
    cond, params = where.sql, where.params
    shown, shown_params = _confident(confidence_floor(store, min_confidence), "x")
    order = "a.published DESC NULLS LAST, a.id"
    page: list[Any] = [limit, offset]
    if ranked is not None:
        order = "list_position(?::VARCHAR[], a.id)"
        if total is None:  # combined with filters: the filtered candidates, paged here
            total = _scalar(store, f"SELECT count(*) FROM articles a WHERE {cond}", params)
            page = [ranked, limit, offset]
        else:  # the index paged already
            page = [ranked, limit, 0]
    else:
        total = _scalar(store, f"SELECT count(*) FROM articles a WHERE {cond}", params)
    # the page is chosen first (ids only); its rows and their counts are then looked up by id: newest first,
    # over a window of the latest publication dates first (a full page from it is the page, _window_cut)
    ids: list[str] = []
    cut = _window_cut(store, total, limit + offset, newest=True) if ranked is None else None
    if cut is not None:
        ids = [r[0] for r in store.query(
            f"SELECT a.id FROM articles a WHERE {cond} AND a.published >= ? ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, cut, *page])[1]]
    if len(ids) < limit:
        ids = [r[0] for r in store.query(
            f"SELECT a.id FROM articles a WHERE {cond} ORDER BY {order} LIMIT ? OFFSET ?", [*params, *page])[1]]
    if not ids:
        return _page(total, limit, offset, [])
    mine = f"article_id IN {_ID_LIST}"
    floor = confidence_floor(store, min_confidence)
    suffix = _counted_at(store, "article_counts", floor)
    if suffix is not None:
        # the counts stored per article (summaries.article_counts), read by id
        events = f"events{suffix}"
        counts = f"""c AS MATERIALIZED (SELECT article_id, entities, quotes, {events} AS events, places
                                        FROM article_counts WHERE {mine})"""
        cols, joins, count_params = ("c.entities, c.quotes, c.events, c.places",
                                     "LEFT JOIN c ON c.article_id = a.id", [ids])
    else:  # another threshold, or an older database read only: counted in the part tables
        parts = {name: f"""{name} AS MATERIALIZED (SELECT article_id, count(*) AS n FROM {table} x
                                                   WHERE {mine}{cond_} GROUP BY article_id)"""
                 for name, table, cond_ in (("ne", "actor_entities", ""), ("nq", "quotes", ""),
                                            ("nv", "events", f" AND {shown}"), ("np", "places", ""))}
        counts = ", ".join(parts.values())
        cols = ("coalesce(ne.n, 0) AS entities, coalesce(nq.n, 0) AS quotes, coalesce(nv.n, 0) AS events, "
                "coalesce(np.n, 0) AS places")
        joins = ("LEFT JOIN ne ON ne.article_id = a.id LEFT JOIN nq ON nq.article_id = a.id "
                 "LEFT JOIN nv ON nv.article_id = a.id LEFT JOIN np ON np.article_id = a.id")
        count_params = [ids, ids, ids, *shown_params, ids]
    items = _rows(
        store,
        f"""WITH page AS ({_ID_PAGE}),
                 a AS MATERIALIZED (SELECT * FROM articles WHERE id IN {_ID_LIST}),
                 {counts}
            SELECT a.id, a.title, a.source, a.url, a.published, a.language, a.status, a.themes,
               a.tone.score AS tone, left(a.text, 240) AS lead, length(a.text) AS chars, {cols}
            FROM page JOIN a USING (id) {joins}
            ORDER BY page.n""",
        [ids, ids, ids, *count_params],
    )
    for it in items:
        it["published"] = _iso(it["published"])
    return _page(total, limit, offset, items)


def _search(store: Store, q: str, limit: int, offset: int, filtered: bool) -> tuple[list[str] | None, int | None]:
    """(ranked ids, total) from the full-text index (store/search.py); (None, None) when there is none.

    Alone, q is paged by the index (total is its count); with other filters the best ``MAX_CANDIDATES`` hits
    are filtered in SQL (total None: counted there)."""
    from newsgraph.store import search

    idx = search.reader_index(store)
    if idx is None:
        return None, None
    if filtered:
        return idx.search(q, limit=search.MAX_CANDIDATES)[1], None
    total, ids = idx.search(q, limit=limit, offset=offset)
    return ids, total


def get_article(store: Store, article_id: str) -> ArticleRecord:
    """The full record (every event, whatever its confidence: see :func:`hidden_events`); raises NotFound."""
    return store.get(article_id)


def hidden_events(record: ArticleRecord, floor: float) -> frozenset[int]:
    """Numbers of the record's events below ``floor`` (:func:`confidence_floor`): left out of an article's page."""
    if floor <= 0:
        return frozenset()
    return frozenset(j for j, ev in enumerate(record.events) if ev.confidence is not None and ev.confidence < floor)


@cached
def shown_counts(store: Store, *, min_confidence: float | None = None) -> dict[str, int]:
    """``Store.counts()`` with ``events`` counting the events shown (at or above ``min_confidence``) and
    ``events_hidden`` those below."""
    counts = store.counts()
    floor = confidence_floor(store, min_confidence)
    shown_in = _counted_at(store, "event_counts", floor)
    if shown_in is not None:  # the per-day counts hold it: a few thousand rows, not every event
        shown = int(_scalar(store, f"SELECT coalesce(sum(events{shown_in}), 0) FROM event_counts"))
    else:
        cond, params = _confident(floor, "ev")
        shown = int(_scalar(store, f"SELECT count(*) FROM events ev WHERE {cond}", params))
    counts["events_hidden"] = counts["events"] - shown
    counts["events"] = shown
    return counts


@cached
def facets(store: Store) -> dict[str, Any]:
    """Values for the search form: sources, themes, date range, event types present (from the summary tables
    article_facets and event_counts)."""
    t = _tables(store)
    values: dict[str, list[str]] = {"source": [], "theme": []}
    for facet, value in store.query(
            f"""SELECT facet, value FROM {t['article_facets']} WHERE facet IN ('source', 'theme')
                ORDER BY facet, articles DESC, value""")[1]:
        values[facet].append(value)
    lo, hi = store.query(f"SELECT min(value), max(value) FROM {t['article_facets']} WHERE facet = 'day'")[1][0]
    types = [r[0] for r in store.query(
        f"SELECT DISTINCT nullif(type, '') AS type FROM {t['event_counts']} ORDER BY 1")[1]]
    return {"sources": values["source"], "themes": values["theme"], "first": lo, "last": hi, "event_types": types}


# ---- actors --------------------------------------------------------------------------------------------------
_SUMMARY_TABLES = tuple(summaries.TABLES)


def _tables(store: Store) -> dict[str, str]:
    """Where each summary table is read from (store/summaries.py): the tables, or for an older database without
    them the same rows computed from the stored tables."""
    if all(set(summaries.columns(t)) <= store.columns(t) for t in summaries.TABLES):  # (looked up once)
        return {t: t for t in _SUMMARY_TABLES}
    return {t: summaries.source(store.con, t) for t in _SUMMARY_TABLES}


def _modes(store: Store, keys: str, names: list[str], params: Sequence[Any] = ()) -> dict[str, dict[str, Any]]:
    """Per name of ``names``: the most frequent label, code, country, sector and kb_id of its entity rows (over
    ``keys``, a relation of actor_keys rows; ties go to the smallest value), as DuckDB's ``mode`` but repeatable.

    The names' few actor_keys rows are read once and counted here: five GROUP BYs and a window over them cost
    about ten times more, most of it DuckDB's fixed cost per operator."""
    fields = ("label", "code", "country", "sector", "kb_id")
    out: dict[str, dict[str, Any]] = {n: dict.fromkeys(fields) for n in names}
    if not names:
        return out
    counts: dict[tuple[str, int, str], int] = {}
    for name, n, *values in store.query(
            f"SELECT name, rows, {', '.join(fields)} FROM {keys} WHERE list_contains(?::VARCHAR[], name)",
            [*params, names])[1]:
        for k, value in enumerate(values):
            if value is not None and value != "":
                counts[name, k, value] = counts.get((name, k, value), 0) + (n or 0)
    best: dict[tuple[str, int], tuple[int, str]] = {}
    for (name, k, value), n in counts.items():
        if (name, k) not in best or (-n, value) < best[name, k]:
            best[name, k] = (-n, value)
    for (name, k), (_, value) in best.items():
        out[name][fields[k]] = value
    return out


def _event_count(
    t: dict[str, str], floor: float, label: str | None, shown_at: float | None
) -> tuple[str, str, list[Any]]:
    """(column of actor_keys, extra CTE, params) counting an actor's events at ``floor``: the counts stored for
    all events and for the threshold the tables were built at (``shown_at``), or for any other threshold a count
    over event_parties."""
    if floor <= 0:
        return "sum(k.events)", "", []
    if floor == shown_at:
        return "sum(k.events_shown)", "", []
    w = Where("coalesce(p.confidence, 1) >= ?", floor)
    if label:
        w.add("p.label = upper(?)", label)
    cte = f", evc AS (SELECT p.name, count(*) AS n FROM {t['event_parties']} p WHERE {w.sql} GROUP BY 1)"
    return "coalesce(any_value(evc.n), 0)", cte, w.params


@cached
def list_entities(
    store: Store, *, q: str | None = None, label: str | None = None, limit: int = 50, offset: int = 0,
    min_confidence: float | None = None,
) -> dict[str, Any]:
    """Actors across articles (grouped by canonical name) with article, mention, quote and event counts (events
    at or above ``min_confidence``). Read from the summary tables; with ``q`` (part of a name, or an actor code:
    which may select some of an actor's entities only) the matching entities are joined to the speaker and party
    rows instead."""
    floor = confidence_floor(store, min_confidence)
    t = _tables(store)
    if q:
        return _list_entities_matching(store, t, q, label, limit, offset, floor)
    w = Where()
    if label:
        w.add("k.label = upper(?)", label)
    events, evc, evc_params = _event_count(t, floor, label, summaries.shown_at(store.con))
    if label:
        totals = f"(SELECT name, articles FROM {t['actor_label_totals']} WHERE label = upper(?))"
        totals_params = [label]
    else:
        totals, totals_params = f"(SELECT name, articles FROM {t['actor_totals']})", []
    base = f"""WITH tot AS {totals}{evc},
        g AS (SELECT k.name, any_value(tot.articles) AS articles, sum(k.mentions) AS mentions,
                     sum(k.quotes) AS quotes, {events} AS events
              FROM {t['actor_keys']} k JOIN tot USING (name) {'LEFT JOIN evc USING (name)' if evc else ''}
              WHERE {w.sql} GROUP BY k.name)"""
    params = [*totals_params, *evc_params, *w.params]
    total = _scalar(store, base + " SELECT count(*) FROM g", params)
    items = _rows(
        store,
        base + """ SELECT name AS id, name, articles, mentions, quotes, events FROM g
                   ORDER BY articles DESC, mentions DESC, name LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    )
    keys = f"(SELECT * FROM {t['actor_keys']} WHERE label = upper(?))" if label else t["actor_keys"]
    modes = _modes(store, keys, [it["name"] for it in items], [label] if label else [])
    return _page(total, limit, offset, [
        {"id": it["id"], "name": it["name"], "label": modes[it["name"]]["label"], "code": modes[it["name"]]["code"],
         "country": modes[it["name"]]["country"], "articles": it["articles"], "mentions": it["mentions"],
         "quotes": it["quotes"], "events": it["events"]}
        for it in items])


def _list_entities_matching(
    store: Store, t: dict[str, str], q: str, label: str | None, limit: int, offset: int, floor: float
) -> dict[str, Any]:
    """list_entities with a name or code filter: the matching entity rows grouped by name and paged (the order
    needs only their articles and mentions), then the page's entity rows joined to quote_speakers and
    event_parties (a hash join on a small side; joining every matching row first took twice as long for "lin"
    at 55,000 articles)."""
    w = Where(f"({_contains('e.name')} OR e.actor.code = upper(?))", q, q)
    if label:
        w.add("e.label = upper(?)", label)
    conf, conf_params = _confident(floor, "x")
    base = f"""
        WITH ents AS (SELECT e.* FROM actor_entities e WHERE {w.sql}),
        g AS (SELECT name, count(DISTINCT article_id) AS articles, sum(len(mentions)) AS mentions
              FROM ents GROUP BY name)
        """
    total = _scalar(store, base + "SELECT count(*) FROM g", w.params)
    items = _rows(
        store,
        base + f""", pg AS (SELECT * FROM g ORDER BY articles DESC, mentions DESC, name LIMIT ? OFFSET ?),
        pe AS (SELECT e.* FROM ents e WHERE e.name IN (SELECT name FROM pg)),
        q AS (SELECT e.name, count(*) n FROM {t['quote_speakers']} x
              JOIN pe e ON e.article_id = x.article_id AND e.id = x.eid GROUP BY 1),
        ev AS (SELECT e.name, count(*) n FROM {t['event_parties']} x
              JOIN pe e ON e.article_id = x.article_id AND e.id = x.eid WHERE {conf} GROUP BY 1)
        SELECT pg.name AS id, pg.name, pg.articles, pg.mentions,
               coalesce(q.n, 0) AS quotes, coalesce(ev.n, 0) AS events
        FROM pg LEFT JOIN q USING (name) LEFT JOIN ev USING (name)
        ORDER BY pg.articles DESC, pg.mentions DESC, pg.name""",
        [*w.params, limit, offset, *conf_params],
    )
    names = [it["name"] for it in items]
    modes = {r["name"]: r for r in _rows(
        store,
        f"""SELECT name, mode(label) AS label, mode(actor.code) AS code, mode(actor.country) AS country
            FROM actor_entities e WHERE {w.sql} AND list_contains(?::VARCHAR[], e.name) GROUP BY name""",
        [*w.params, names],
    )} if names else {}
    return _page(total, limit, offset, [
        {"id": it["id"], "name": it["name"], "label": modes[it["name"]]["label"], "code": modes[it["name"]]["code"],
         "country": modes[it["name"]]["country"], "articles": it["articles"], "mentions": it["mentions"],
         "quotes": it["quotes"], "events": it["events"]}
        for it in items])


@cached
def get_entity(store: Store, name: str, *, limit: int = 200, min_confidence: float | None = None,
               cue_class: Sequence[str] | None = None, min_quote_confidence: float | None = None) -> dict[str, Any]:
    """One actor: counts, roles, its quotes over time (of the classes ``cue_class``, None: every class, and shown
    at ``min_quote_confidence``, as :func:`list_quotes`), events as source and as target (at or above
    ``min_confidence``), co-occurring actors."""
    t = _tables(store)
    head = _rows(
        store,
        f"""SELECT k.name, any_value(tot.articles) AS articles, sum(k.mentions) AS mentions,
                   list_sort(list_distinct(flatten(list(k.roles)))) AS roles
            FROM {t['actor_keys']} k JOIN {t['actor_totals']} tot USING (name) WHERE k.name = ? GROUP BY k.name""",
        [name],
    )
    if not head:
        raise NotFound(f"no actor named {name!r}")
    modes = _modes(store, t["actor_keys"], [name])[name]
    h = head[0]
    out: dict[str, Any] = {
        "name": name, "label": modes["label"], "code": modes["code"], "country": modes["country"],
        "sector": modes["sector"], "kb_id": modes["kb_id"], "articles": h["articles"], "mentions": h["mentions"],
        "roles": h["roles"], "id": name,
    }
    # the rows only: their totals are not shown (count=False saves a pass over each list)
    out["quotes"] = list_quotes(store, speaker=name, exact=True, cue_class=cue_class, limit=limit, count=False,
                                min_confidence=min_quote_confidence)["items"]
    # its events on each side (as list_events(source=name, exact=True) has them), decorated in one read
    floor = confidence_floor(store, min_confidence)
    sides = {}
    for side in ("source", "target"):
        one = _one_party(t, floor, {side: name, "exact": True})
        assert one is not None  # (one side, named exactly: always read from the actor's event_parties rows)
        sides[side] = _first_events(store, one, limit)
    both = list(dict.fromkeys(sides["source"] + sides["target"]))
    rows = {(it["article_id"], it["idx"]): it for it in _event_rows(store, t, both)}
    for side in ("source", "target"):
        out[f"events_as_{side}"] = [rows[a, i] for a, i, _ in sides[side]]
    # counted over the actor's latest COOCCURRING_ARTICLES articles: bounded work however many it has (over all
    # of them, 300 ms for an actor in half of 150,000 articles; 600 ms of CPU, growing with the store)
    # its latest articles (newest first), read once: the first ``limit`` are listed, the first
    # COOCCURRING_ARTICLES are where its co-occurring actors are counted
    # (from its own rows of actor_articles, which carry each article's publication date: no join of articles)
    # (one row per article and label: the first distinct)
    # (within a window of the latest publication dates first: _first_in_window)
    latest = [r[0] for r in _first_in_window(
        store, f"""SELECT article_id FROM {t['actor_articles']} WHERE name = ? {{}}
                   ORDER BY published DESC NULLS LAST, article_id LIMIT ?""", [name],
        max(limit, COOCCURRING_ARTICLES), rows=h["articles"], newest=True)]
    shared = latest[:COOCCURRING_ARTICLES]
    out["cooccurring_over"] = len(shared)
    out["cooccurring"] = _cooccurring(store, t["article_actors"], name, shared)
    listed = latest[:limit]
    out["articles_list"] = [
        {**r, "published": _iso(r["published"])}
        for r in _rows(
            store,
            f"""WITH page AS ({_ID_PAGE})
               SELECT a.id, a.title, a.published FROM page JOIN articles a USING (id) ORDER BY page.n""",
            [listed, listed],
        )
    ] if listed else []
    return out


def _first_distinct(store: Store, sql: str, params: list[Any], n: int) -> list[tuple[Any, ...]]:
    """The first ``n`` distinct rows of ``sql``, a SELECT that orders its rows and ends in ``LIMIT ?``: its first
    2n rows, read again twice as many while repeated rows leave fewer than n (a SELECT DISTINCT, or a GROUP BY,
    sorts or hashes every row of an actor before its first n: for an actor in half of 255,000 articles, 12 ms
    against 5 for its latest articles)."""
    rows = 2 * n
    while True:
        found = store.query(sql, [*params, rows])[1]
        distinct = list(dict.fromkeys(tuple(r) for r in found))
        if len(distinct) >= n or len(found) < rows:
            return distinct[:n]
        rows *= 2


def _window_cut(store: Store, rows: int | None, n: int, newest: bool) -> Any:
    """The publication date at which a window holding the first ``n`` of ``rows`` rows (spread over the store's
    span of publication dates, :data:`WINDOW_FACTOR` times as many as that density gives) ends: the newest
    date less the window (``newest``) or the oldest plus it; None where the window would be half the span or
    more (no gain), or the store has no dates."""
    from datetime import timedelta

    lo, hi = store.query("SELECT min(published), max(published) FROM articles")[1][0]
    if lo is None or not rows:
        return None
    span = (hi - lo).days + 1
    days = WINDOW_FACTOR * n * span // rows + 1
    if days * 2 >= span:
        return None
    return hi - timedelta(days=days) if newest else lo + timedelta(days=days)


def _first_in_window(store: Store, sql: str, params: list[Any], n: int, *, rows: int | None, newest: bool,
                     column: str = "published") -> list[tuple[Any, ...]]:
    """The first ``n`` distinct rows of ``sql`` (as :func:`_first_distinct`; ordered by ``column`` first, newest
    first with ``newest``, else oldest first, NULLs last; ``{}`` where one more condition goes, after a WHERE),
    read over the window of :func:`_window_cut` first: the rows within it are the first rows of the order, so
    where they are ``n`` or more they are the answer, else it is read again over every date."""
    cut = _window_cut(store, rows, n, newest)
    if cut is not None:
        found = _first_distinct(store, sql.format(f"AND {column} {'>=' if newest else '<='} ?"), [*params, cut], n)
        if len(found) >= n:
            return found
    return _first_distinct(store, sql.format(""), params, n)


def _cooccurring(store: Store, article_actors: str, name: str, ids: list[str], top: int = 30) -> list[dict[str, Any]]:
    """The actors other than ``name`` in most of the articles ``ids`` (each with the label of most of its entity
    rows there, ties to the smallest), from their rows of article_actors, read by id in lists of
    :data:`LOOKUP_IDS`."""
    articles: dict[str, set[str]] = {}
    label_rows: dict[tuple[str, str], int] = {}
    for k in range(0, len(ids), LOOKUP_IDS):
        for aid, actors in store.query(
                f"SELECT article_id, actors_json FROM {article_actors} WHERE article_id IN {_ID_LIST}",
                [ids[k:k + LOOKUP_IDS]])[1]:
            for one in json.loads(actors):
                other, label, n = one["name"], one["label"], one["rows"]
                if other != name:
                    articles.setdefault(other, set()).add(aid)
                    label_rows[other, label] = label_rows.get((other, label), 0) + n
    best: dict[str, tuple[int, str]] = {}
    for (other, label), n in label_rows.items():
        if other not in best or (-n, label) < best[other]:
            best[other] = (-n, label)
    chosen = sorted(articles, key=lambda o: (-len(articles[o]), o))[:top]
    return [{"name": o, "label": best[o][1], "articles": len(articles[o])} for o in chosen]


def _speaker_filter(speakers: str, pred: str) -> str:
    """SQL: one of the entities of quote ``x``'s speaker (``speaker.entity`` or ``speaker.entities``) matches
    ``pred`` over alias ``s`` of ``speakers`` (the summary table quote_speakers): a hash semi-join, built on the
    matching speakers (see :func:`_party_filter`)."""
    return f"""{{'a': x.article_id, 'i': x.idx}} IN (SELECT {{'a': s.article_id, 'i': s.idx}} FROM {speakers} s WHERE {pred})"""


# ---- quotes --------------------------------------------------------------------------------------------------
def _named_like(t: dict[str, str], column: str) -> str:
    """SQL: ``column`` holds a canonical name equal to the parameter, case-insensitively, the names read from
    actor_keys first: an ``IN`` over the few matching names, by which the scan of a table clustered by name
    (quote_speakers, event_parties) skips the row groups of other actors (``lower(name) = lower(?)`` over the
    table itself read and lowered every row)."""
    return f"{column} IN (SELECT a.name FROM {t['actor_keys']} a WHERE lower(a.name) = lower(?))"


def _quote_keys(t: dict[str, str], floor: float, speaker: str | None, exact: bool,
                cue_class: Sequence[str] | None) -> list[tuple[str, list[Any]]]:
    """The keys of the quotes a list by speaker, class and confidence shows, read from the summary tables alone,
    not the quotes: a list of relations (FROM and WHERE, params), each of distinct rows ``k`` (article_id, idx,
    published, cue_class, confidence), whose union is the list: one actor's own quote_speakers rows
    (``exact``); else quote_keys, and with a ``speaker`` two relations: the quotes whose mention's text
    (``speaker_text``) holds the words, and, through the quote's speaker entities, the quotes of an actor named
    so (case-insensitive; the names come from actor_keys first, so that the scan of the clustered
    quote_speakers skips the row groups of other actors). Kept apart, each is a narrow scan; an OR of the two
    in one scan of quote_keys made DuckDB hash every quote's key (84 of 160 ms at 255,000 articles)."""
    w = Where()
    if cue_class is not None:
        w.add("list_contains(?, k.cue_class)", list(cue_class))
    if floor > 0:  # (NULL for a quote naming no one: always shown)
        w.add("coalesce(k.confidence, 1) >= ?", floor)
    own = f"""(SELECT DISTINCT s.article_id, s.idx, s.published, s.cue_class, s.confidence
               FROM {t['quote_speakers']} s WHERE s.name {{}}) k"""
    if speaker and exact:
        return [(f"{own.format('= ?')} WHERE {w.sql}", [speaker, *w.params])]
    if not speaker:
        return [(f"{t['quote_keys']} k WHERE {w.sql}", w.params)]
    named = _named_like(t, "s.name").removeprefix("s.name ")
    # (the actor's side first: the narrower read, and what a count reaching the cap stops at)
    return [(f"{own.format(named)} WHERE {w.sql}", [speaker, *w.params]),
            (f"{t['quote_keys']} k WHERE contains(k.speaker_text, lower(?)) AND {w.sql}", [speaker, *w.params])]


#: a list of quotes matched two ways (a speaker's words, see ``_quote_keys``) is counted exactly up to this many
#: quotes; past it, ``total`` is this number and ``total_exact`` false (a union of 120,000 quote keys cost 60-90 ms
#: at 255,000 articles; a search engine's "10,000+" results)
QUOTE_COUNT_CAP = 10_000


def _count_union(store: Store, sides: list[tuple[str, list[Any]]]) -> tuple[int, bool]:
    """(count, exact) of the union of ``sides`` (relations of distinct rows): exact for one side, or when every
    side holds fewer than QUOTE_COUNT_CAP rows; else the cap, not exact."""
    if len(sides) == 1:
        sql, params = sides[0]
        return _scalar(store, f"SELECT count(*) FROM {sql}", params), True
    cap = QUOTE_COUNT_CAP
    for sql, params in sides:
        if _scalar(store, f"SELECT count(*) FROM (SELECT 1 FROM {sql} LIMIT {int(cap)})", params) >= cap:
            return cap, False
    union = " UNION ".join(f"SELECT k.article_id, k.idx FROM {sql}" for sql, _ in sides)
    return _scalar(store, f"SELECT count(*) FROM ({union})", [p for _, params in sides for p in params]), True


def _quote_total(store: Store, floor: float, cue_class: Sequence[str] | None) -> int | None:
    """The quotes of every speaker of the classes ``cue_class`` (None: all) shown at ``floor``, summed from
    quote_counts (per publication day and class: a few thousand rows; counting quote_keys took 39 ms at 255,000
    articles); None where it cannot answer (another threshold than the one it counts at, an older database)."""
    if _tables(store)["quote_counts"] != "quote_counts":
        return None
    column = "quotes"
    if floor > 0:
        lo, hi = store.query("SELECT min(shown_at), max(shown_at) FROM quote_counts")[1][0]
        if lo is not None and not lo == hi == floor:
            return None
        column = "quotes_shown"
    w = Where()
    if cue_class is not None:
        w.add("list_contains(?, cue_class)", list(cue_class))
    return int(_scalar(store, f"SELECT coalesce(sum({column}), 0) FROM quote_counts WHERE {w.sql}", w.params))


def _union_page(sides: list[tuple[str, list[Any]]], limit: int, offset: int) -> tuple[str, list[Any]]:
    """SQL (article_id, idx) of the page ``limit``/``offset`` of the union of ``sides``, oldest first, and
    its parameters: each side's first ``limit + offset`` rows, then the page of their union (a row on the page
    is among the first ``limit + offset`` of its side), so that each side is read in order and cut short."""
    order = "published NULLS LAST, article_id, idx"
    first = int(limit) + int(offset)
    heads = " UNION ".join(f"(SELECT k.article_id, k.idx, k.published FROM {sql} ORDER BY {order} LIMIT {first})"
                           for sql, _ in sides)
    return (f"SELECT article_id, idx FROM ({heads}) ORDER BY {order} LIMIT ? OFFSET ?",
            [p for _, params in sides for p in params])


def _windowed_quote_page(store: Store, t: dict[str, str], sides: list[tuple[str, list[Any]]], limit: int,
                         offset: int, total: int | None, actor: str | None) -> list[tuple[str, int]] | None:
    """The keys of the page ``limit``/``offset`` of the union of ``sides`` (as :func:`_union_page`, oldest
    first) read over a window of the oldest publication dates (:func:`_window_cut`, for ``total`` rows, or as
    many as the ``actor``'s articles): every row within it comes before every row after it, so a full page
    from it is the page; None where there is no window or the page from it is not full (read it over every
    date)."""
    rows = total
    if rows is None and actor is not None:
        rows = _scalar(store, f"SELECT max(articles) FROM {t['actor_totals']} WHERE name = ?", [actor])
    cut = _window_cut(store, rows, limit + offset, newest=False)
    if cut is None:
        return None
    sql, params = _union_page([(f"{frm} AND k.published <= ?", [*p, cut]) for frm, p in sides], limit, offset)
    keys = [(a, i) for a, i in store.query(sql, [*params, limit, offset])[1]]
    return keys if len(keys) >= limit else None


@cached
def list_quotes(
    store: Store,
    *,
    speaker: str | None = None,
    cue: str | None = None,
    q: str | None = None,
    article: str | None = None,
    cue_class: Sequence[str] | None = None,
    exact: bool = False,
    limit: int = 50,
    offset: int = 0,
    count: bool = True,
    min_confidence: float | None = None,
) -> dict[str, Any]:
    """Quotes with their speaker resolved to an actor name, oldest first (a speaker's quotes over time).

    ``speaker``: an actor name (case-insensitive) or words of the local speaker mention ("the spokesperson");
    with ``exact`` only the actor named exactly so; ``cue``: the cue's lemma or text ("say", "said");
    ``q``: words in the quote; ``cue_class``: only quotes of these classes (``records.CUE_CLASSES``; a quote
    stored before classes existed counts as "speech"); None: every class. ``count`` False: no ``total``
    (None), the rows only. ``min_confidence``: leave out quotes naming a speaker scored below it (None: the
    setting's default; 0: none left out; see the module docstring).
    """
    t = _tables(store)
    speakers = t["quote_speakers"]
    # a read-only older database whose quotes have no confidence shows them all
    scored = has_column(store, "quotes", "confidence")
    floor = (DEFAULT_MIN_QUOTE_CONFIDENCE if min_confidence is None else min_confidence) if scored else 0.0
    # a quote stored before cue_class existed is a statement; a read-only older database lacks the column
    cls = "coalesce(x.cue_class, 'speech')" if has_column(store, "quotes", "cue_class") else "'speech'"
    total, total_exact = None, True
    keys: list[tuple[str, int]] | None = None
    if not (cue or q or article):
        # by speaker, class and confidence alone: keyed, counted and ordered from the summary tables
        sides = _quote_keys(t, floor, speaker, exact, cue_class)
        if count and not speaker:
            total = _quote_total(store, floor, cue_class)
        if count and total is None:
            total, total_exact = _count_union(store, sides)
        keys = _windowed_quote_page(store, t, sides, limit, offset, total if count else None,
                                    speaker if exact else None)
        keys_sql, params = _union_page(sides, limit, offset)
    else:
        w = Where()
        if speaker and exact:
            w.add(_speaker_filter(speakers, "s.name = ?"), speaker)
        elif speaker:
            w.add(f"({_speaker_filter(speakers, _named_like(t, 's.name'))} OR {_contains('x.speaker.text')})",
                  speaker, speaker)
        if cue:
            w.add("(lower(x.cue_lemma) = lower(?) OR lower(x.cue.text) = lower(?))", cue, cue)
        if q:
            w.add(_contains("x.text"), q)
        if article:
            w.add("x.article_id = ?", article)
        if cue_class is not None:
            w.add(f"list_contains(?, {cls})", list(cue_class))
        if floor > 0:  # a quote naming no one, or without a confidence, is shown
            w.add("(x.speaker IS NULL OR coalesce(x.confidence, 1) >= ?)", floor)
        # counted without the articles (no filter reads them; every stored quote has its article)
        params = w.params
        keys_sql = f"""SELECT x.article_id, x.idx FROM quotes x JOIN articles a ON a.id = x.article_id WHERE {w.sql}
            ORDER BY a.published NULLS LAST, x.article_id, x.idx LIMIT ? OFFSET ?"""
        if count:
            total = _scalar(store, f"SELECT count(*) FROM quotes x WHERE {w.sql}", params)
    # the page is chosen first (keys only), then its rows and speakers are looked up
    if keys is None:
        keys = [(a, i) for a, i in store.query(keys_sql, [*params, limit, offset])[1]]
    if not keys:
        return {**_page(total, limit, offset, []), "total_exact": total_exact}
    items = _quote_rows(store, speakers, keys, cls, scored)
    return {**_page(total, limit, offset, items), "total_exact": total_exact}


def _quote_rows(store: Store, speakers: str, keys: list[tuple[str, int]], cls: str, scored: bool) -> list[dict[str, Any]]:
    """The quotes of ``keys`` (in that order) for a list, with their articles' titles and dates and their speakers'
    actor names: three narrow lookups by key put together here (joined in one query, the planning and joins over
    a page's few dozen rows cost more than the lookups)."""
    wanted = set(keys)
    rows, rows_params = _keyed(store, "quotes", keys)
    cols, got = store.query(
        f"""SELECT x.article_id, x.idx, x.start, x."end", x.text, x.kind, x.cue.text AS cue, x.cue_lemma,
                   x.speaker.text AS speaker_text, x.speaker.entity AS speaker_entity, x.rule, {cls} AS cue_class,
                   {'x.confidence' if scored else 'NULL::DOUBLE'} AS confidence
            FROM quotes x WHERE {rows}""", rows_params)
    quotes = {(r[0], r[1]): dict(zip(cols, r)) for r in got if (r[0], r[1]) in wanted}
    arts, arts_params = _of_articles(keys, "id")
    heads = {aid: (title, published) for aid, title, published in
             store.query(f"SELECT id, title, published FROM articles WHERE {arts}", arts_params)[1]}
    # (the quote's own speaker, is_entity, is matched by its id here: a filter on is_entity was pushed into the
    # lookup, and DuckDB then scanned the table instead of using the index, 2 -> 45 ms)
    mine, mine_params = _keyed(store, "quote_speakers", keys)
    names = {(a, i, eid): (name, code) for a, i, eid, name, code in store.query(
        f"SELECT article_id, idx, eid, name, code FROM {speakers} WHERE {mine}", mine_params)[1]}
    items = []
    for a, i in keys:
        x = quotes.get((a, i))
        if x is None or a not in heads:
            continue
        title, published = heads[a]
        name, code = names.get((a, i, x["speaker_entity"]), (None, None))
        items.append({
            "article_id": a, "idx": i, "title": title, "published": _iso(published), "start": x["start"],
            "end": x["end"], "text": x["text"], "kind": x["kind"], "cue": x["cue"], "cue_lemma": x["cue_lemma"],
            "speaker_text": x["speaker_text"], "speaker_entity": x["speaker_entity"], "speaker": name,
            "speaker_code": code, "rule": x["rule"], "cue_class": x["cue_class"], "confidence": x["confidence"],
        })
    return items


# ---- events --------------------------------------------------------------------------------------------------
def _event_filters(
    parties: str,
    floor: float,
    *,
    type: str | None = None,
    source: str | None = None,
    target: str | None = None,
    actor: str | None = None,
    source_country: str | None = None,
    target_country: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    place: str | None = None,
    article: str | None = None,
    published_from: str | None = None,
    published_to: str | None = None,
    exact: bool = False,
) -> Where:
    """The WHERE clause over alias ev of the summary table event_keys (type, day, published, confidence, place
    of each event); ``parties``: where event_parties is read;
    ``floor``: the confidence an event must reach. With ``exact``, source and target name one actor exactly."""
    w = Where()
    if floor > 0:
        w.add("coalesce(ev.confidence, 1) >= ?", floor)
    if type:
        w.add("ev.type = upper(?)", type)
    if source and exact:
        w.add(_party_filter(parties, "source", _NAME), source)
    elif source:
        w.add(_party_filter(parties, "source", _MATCH), source, source)
    if target and exact:
        w.add(_party_filter(parties, "target", _NAME), target)
    elif target:
        w.add(_party_filter(parties, "target", _MATCH), target, target)
    if actor:  # either side: one pass over event_parties
        w.add(_party_filter(parties, "party", _MATCH), actor, actor)
    if source_country:
        w.add(_party_filter(parties, "source", _COUNTRY), source_country)
    if target_country:
        w.add(_party_filter(parties, "target", _COUNTRY), target_country)
    if date_from:
        w.add("ev.day >= ?", date_from)
    if date_to:
        w.add("ev.day <= ?", date_to)
    if place:
        w.add(
            "EXISTS (SELECT 1 FROM places p WHERE p.article_id = ev.article_id AND p.idx = ev.place "
            f"AND ({_contains('p.name')} OR lower(p.country) = lower(?)))", place, place
        )
    if article:
        w.add("ev.article_id = ?", article)
    if published_from:
        w.add("ev.published >= CAST(? AS DATE)", published_from)
    if published_to:
        w.add("ev.published <= CAST(? AS DATE)", published_to)
    return w


def _one_party(t: dict[str, str], floor: float, filters: dict[str, Any]) -> tuple[str, list[Any]] | None:
    """The FROM of the events of one actor on one side named exactly (the actor page's lists), or on either side
    (``actor``: name, case-insensitive, or actor code), as a relation ``ev`` of (article_id, idx, day) read from
    its rows of event_parties alone, which carry each event's type, day and confidence: no semi-join against
    every event; an event once per matching row (an actor twice on one side: twice), with the event's
    ``row_key`` to count them by, the pages read through :func:`_first_distinct`. None for any other
    combination of filters."""
    sides = [side for side in ("source", "target", "actor") if filters.get(side)]
    others = {k for k, v in filters.items() if v and k not in ("source", "target", "actor", "exact", "type",
                                                                 "date_from", "date_to")}
    if len(sides) != 1 or others or (sides[0] != "actor" and not filters.get("exact")):
        return None
    side, parties = sides[0], t["event_parties"]
    w = Where()
    if side == "actor":
        # the names that can match, from actor_keys (one row per name and code): a filter on the name that the
        # scan of the clustered event_parties can skip row groups by, beside the match itself
        w.add(f"""(p.is_source OR p.is_target) AND {_MATCH}
                  AND p.name IN (SELECT k.name FROM {t['actor_keys']} k
                                 WHERE lower(k.name) = lower(?) OR k.code = upper(?))""",
              *[filters["actor"]] * 4)
    else:
        w.add(f"p.is_{side} AND p.name = ?", filters[side])
    if floor > 0:
        w.add("coalesce(p.confidence, 1) >= ?", floor)
    if filters.get("type"):
        w.add("p.type = upper(?)", filters["type"])
    if filters.get("date_from"):
        w.add("p.day >= ?", filters["date_from"])
    if filters.get("date_to"):
        w.add("p.day <= ?", filters["date_to"])
    return f"FROM (SELECT p.row_key, p.article_id, p.idx, p.day FROM {parties} p WHERE {w.sql}) ev", w.params


#: the order of every list of events: by event day, then article and index
_EVENT_ORDER = "ORDER BY ev.day NULLS LAST, ev.article_id, ev.idx"


def _first_events(store: Store, one: tuple[str, list[Any]], n: int) -> list[tuple[str, int, str | None]]:
    """The keys (article_id, idx, day) of the first ``n`` events of relation ``one`` (a FROM of :func:`_one_party`,
    an event once per matching row), in list order."""
    frm, params = one
    return _first_distinct(store, f"SELECT ev.article_id, ev.idx, ev.day {frm} {_EVENT_ORDER} LIMIT ?", params, n)


@cached
def list_events(
    store: Store, *, limit: int = 50, offset: int = 0, min_confidence: float | None = None, count: bool = True,
    **filters: Any
) -> dict[str, Any]:
    """Events with source and target actors resolved, the sentence behind each, and its place; only events at
    or above ``min_confidence`` (see the module docstring). ``count`` False: no ``total`` (None), the rows only."""
    t = _tables(store)
    floor = confidence_floor(store, min_confidence)
    w = _event_filters(t["event_parties"], floor, **filters)
    cond, params = w.sql, w.params

    # filtered, counted and paged over event_keys (each event's day stored at write time), then the page's rows
    # are decorated: parties, place and sentence text
    frm = f"FROM {t['event_keys']} ev"
    one = _one_party(t, floor, filters)
    if one is not None:  # one actor: its events' keys are in its own event_parties rows
        # counted by the events' row keys (a hash of 64 bits: two events whose keys collide would count once,
        # about one chance in 10^7 over ten million events; a DISTINCT over the keys themselves costs 1.5x),
        # the page from the actor's first rows (no DISTINCT over all of them)
        total = _scalar(store, f"SELECT count(DISTINCT ev.row_key) {one[0]}", one[1]) if count else None
        found = _first_events(store, one, limit + offset)[offset:]
    else:
        total = (_counted_events(store, floor, filters) if count else None)
        if count and total is None:
            total = _scalar(store, f"SELECT count(*) {frm} WHERE {cond}", params)
        found = store.query(f"SELECT ev.article_id, ev.idx, ev.day {frm} WHERE {cond} {_EVENT_ORDER} LIMIT ? OFFSET ?",
                            [*params, limit, offset])[1]
    return _page(total, limit, offset, _event_rows(store, t, found))


def _counts_where(filters: dict[str, Any]) -> Where:
    """The WHERE over alias c of a table counted per event day and type (event_counts, party_counts) for the
    filters ``type``, ``date_from`` and ``date_to`` (event days)."""
    w = Where()
    if filters.get("type"):
        w.add("c.type = upper(?)", filters["type"])
    if filters.get("date_from"):
        w.add("nullif(c.day, '') >= ?", filters["date_from"])
    if filters.get("date_to"):
        w.add("nullif(c.day, '') <= ?", filters["date_to"])
    return w


def _counted_events(store: Store, floor: float, filters: dict[str, Any]) -> int | None:
    """The number of events a list filtered on type and event days alone shows at ``floor``, summed from
    event_counts (per event day, publication day and type: counting event_keys took 9.6 ms at 200,000 articles,
    the sum 0.8); None where it cannot answer (other filters, another threshold, an older database)."""
    shown = _counted_at(store, "event_counts", floor)
    if shown is None or any(v for k, v in filters.items() if k not in ("type", "date_from", "date_to")):
        return None
    w = _counts_where(filters)
    return int(_scalar(store, f"SELECT coalesce(sum(c.events{shown}), 0) FROM event_counts c WHERE {w.sql}",
                       w.params))


def _event_rows(store: Store, t: dict[str, str], found: list[tuple[str, int, str | None]]) -> list[dict[str, Any]]:
    """The events of keys ``found`` ((article_id, idx, day), in that order) decorated for a list: their parties,
    place and sentence text, read by key.

    Four narrow lookups put together here: the events, their articles' titles and texts, their parties and their
    places. (One query joining the first three in SQL cost 15 ms of CPU for a page of 50 events at 200,000
    articles, most of it planning, joins and a group-by over a few dozen rows; the lookups alone, 7.)"""
    if not found:
        return []
    keys = [(a, i) for a, i, _ in found]
    wanted = set(keys)
    # the sides no entity stands for ("Police arrested protesters"), by their phrases (none on older databases)
    phrases = ("source_phrases, target_phrases" if has_column(store, "events", "source_phrases")
               else "[] AS source_phrases, [] AS target_phrases")
    rows, rows_params = _keyed(store, "events", keys)
    cols, got = store.query(
        f"""SELECT article_id, idx, type, mode, cameo, date, trigger, sentence, place, negated, hypothetical, rule,
                   {phrases} FROM events WHERE {rows}""", rows_params)
    events = {(r[0], r[1]): dict(zip(cols, r)) for r in got if (r[0], r[1]) in wanted}
    arts, arts_params = _of_articles(keys, "id")
    texts = {aid: (title, text) for aid, title, text in
             store.query(f"SELECT id, title, text FROM articles WHERE {arts}", arts_params)[1]}
    mine, mine_params = _keyed(store, "event_parties", keys)
    sides: dict[tuple[str, int], dict[str, list[tuple[int, dict[str, Any]]]]] = {}
    for a, i, eid, name, label, code, country, is_source, is_target, entity_idx in store.query(
            f"""SELECT article_id, idx, eid, name, label, code, country, is_source, is_target, entity_idx
                FROM {t['event_parties']} WHERE {mine}""", mine_params)[1]:
        if (a, i) not in wanted:
            continue
        party = {"id": eid, "name": name, "label": label, "code": code, "country": country}
        one = sides.setdefault((a, i), {"source": [], "target": []})
        if is_source:
            one["source"].append((entity_idx, party))
        if is_target:
            one["target"].append((entity_idx, party))
    # each event's place (an index into its article's places)
    at = [(k[0], ev["place"]) for k, ev in events.items() if ev["place"] is not None]
    places: dict[tuple[str, int], dict[str, Any]] = {}
    if at:
        cond_p, params_p = _keyed(store, "places", at)
        for a, i, name, country, lat, lon in store.query(
                f"SELECT article_id, idx, name, country, lat, lon FROM places WHERE {cond_p}", params_p)[1]:
            places[(a, i)] = {"name": name, "country": country, "lat": lat, "lon": lon}
    items = []
    for a, i, day in found:
        ev = events.get((a, i))
        if ev is None or a not in texts:
            continue
        title, text = texts[a]
        sentence = ev["sentence"]
        one = sides.get((a, i), {"source": [], "target": []})
        items.append({
            "article_id": a, "idx": i, "title": title, "type": ev["type"], "mode": ev["mode"], "cameo": ev["cameo"],
            "date": ev["date"], "day": day, "trigger": ev["trigger"], "sentence": sentence,
            "sentence_text": _slice(text, sentence),
            **{side: [p for _, p in sorted(one[side], key=lambda x: x[0])] for side in ("source", "target")},
            "place": None if ev["place"] is None else places.get((a, ev["place"])),
            "negated": ev["negated"], "hypothetical": ev["hypothetical"], "rule": ev["rule"],
            "source_phrases": ev["source_phrases"], "target_phrases": ev["target_phrases"],
        })
    return items


def _slice(text: str | None, span: dict[str, int] | None) -> str | None:
    """The characters of ``text`` that ``span`` ({start, end}) covers (as SQL's substring would: None for none)."""
    if text is None or span is None or span.get("start") is None or span.get("end") is None:
        return None
    return text[span["start"]:span["end"]]


def _counted(store: Store, floor: float, by: str, dates: str, interval: str,
             filters: dict[str, Any]) -> tuple[str, list[Any]] | None:
    """The (period, key, n) rows of :func:`event_stats` from a summary table that counts them per event day,
    publication day and type: event_counts (by type: events) or party_counts (by actor: its event_parties rows),
    where the filters are only type and event days and ``floor`` is 0 or the threshold the tables count at; None
    otherwise."""
    table, key, n = {"type": ("event_counts", "type", "events"), "actor": ("party_counts", "name", "rows")}[by]
    shown = _counted_at(store, table, floor)
    if shown is None or any(v for k, v in filters.items() if k not in ("type", "date_from", "date_to")):
        return None
    day = "nullif(c.day, '')" if dates == "event" else "nullif(c.published, '')"
    period = {"day": day, "month": f"left({day}, 7)", "all": "'all'"}[interval]
    w = _counts_where(filters)
    n = f"c.{n}{shown}"
    w.add(f"{n} > 0")  # a (day, key) whose events are all under the threshold is no bucket
    return f"SELECT {period} AS period, nullif(c.{key}, '') AS key, {n} AS n FROM {table} c WHERE {w.sql}", w.params


@cached
def event_stats(
    store: Store, *, by: str = "type", interval: str = "month", top: int = 20, dates: str = "event",
    min_confidence: float | None = None, **filters: Any
) -> dict[str, Any]:
    """Event counts for charts: per period ("day", "month" or "all") and per key (event type, or actor name
    on either side). Keys beyond the ``top`` most frequent are summed as "other".

    ``dates``: "event" counts an event on its own day (see the module docstring), "published" on its article's
    publication day (the news as it came; a background sentence about 1815 counts when it was reported).
    Only events at or above ``min_confidence`` count."""
    t = _tables(store)
    parties = t["event_parties"]
    floor = confidence_floor(store, min_confidence)
    w = _event_filters(parties, floor, **filters)
    cond, params = w.sql, w.params
    day = "ev.day" if dates == "event" else "strftime(ev.published, '%Y-%m-%d')"
    period = {"day": day, "month": f"left({day}, 7)", "all": "'all'"}[interval]
    counted = _counted(store, floor, by, dates, interval, filters)
    if counted is not None:  # over the day and type filters: from event_counts or party_counts
        keyed, params = counted
    elif by == "type":
        keyed = f"SELECT {period} AS period, ev.type AS key FROM {t['event_keys']} ev WHERE {cond}"
    elif dates == "event" and not any(filters.get(f) for f in ("place", "published_from", "published_to")):
        # actor, filters event_parties can answer (its rows carry their event's type, day and confidence): no join
        keyed = f"SELECT {period} AS period, ev.name AS key FROM {parties} ev WHERE {cond}"
    else:  # actor: each named party of an event counts once
        keyed = f"""SELECT {period} AS period, u.name AS key
            FROM {t['event_keys']} ev JOIN {parties} u ON u.article_id = ev.article_id AND u.idx = ev.idx
            WHERE {cond}"""
    # counted per (period, key) first: the top keys and the buckets are then read from those groups
    rows = _rows(
        store,
        f"""WITH g AS (SELECT period, key, {'sum(n)' if counted else 'count(*)'} AS n FROM ({keyed}) GROUP BY ALL),
            t AS (SELECT key, sum(n) AS n FROM g GROUP BY key ORDER BY n DESC, key LIMIT ?)
            SELECT g.period, CASE WHEN t.key IS NULL THEN 'other' ELSE g.key END AS key, sum(g.n)::BIGINT AS count
            FROM g LEFT JOIN t ON t.key = g.key
            GROUP BY 1, 2 ORDER BY 1 NULLS LAST, 2""",
        [*params, top],
    )
    totals: dict[str, int] = {}
    for r in rows:
        totals[r["key"]] = totals.get(r["key"], 0) + r["count"]
    return {
        "by": by,
        "interval": interval,
        "dates": dates,
        "periods": sorted({r["period"] for r in rows if r["period"] is not None}),
        "keys": sorted(totals, key=lambda k: (-totals[k], k)),
        "buckets": rows,
    }


# ---- the actor network ---------------------------------------------------------------------------------------
#: entity labels that can name an actor (spaCy's LAW, WORK_OF_ART, PRODUCT, EVENT, ORDINAL... cannot)
ACTOR_LABELS: tuple[str, ...] = summaries.ACTOR_LABELS


def network_actors(t: dict[str, str]) -> str:
    """SQL: the corpus-level actors the network may show, one row per canonical actor name (``name``,
    ``articles``): over the entity rows named with an actor label, a proper name (some capital letter: not "its
    navy"), not an uncoded numbered document part or ordinal (summaries.network_row), the names coded as an
    actor or named in two or more articles (a one-off name with no code is too often a parsing accident:
    "YChina", "Charter"). ``t``: where the summary tables are read."""
    return f"""SELECT k.name, any_value(tot.network_articles) AS articles
        FROM {t['actor_keys']} k JOIN {t['actor_totals']} tot USING (name)
        WHERE {summaries.network_row('k.name', 'k.label', 'k.code')}
        GROUP BY k.name
        HAVING sum(k.rows) FILTER (WHERE k.code <> '') > 0 OR any_value(tot.network_articles) >= 2"""


def has_column(store: Store, table: str, column: str) -> bool:
    """Whether a stored table has a column (fields added to the record contract later, e.g. events.confidence)."""
    return column in store.columns(table)


def _counted_edges(store: Store, floor: float) -> str | None:
    """The source -> target edges as relation ``s`` (source, target, type, day, n events) from the summary table
    edge_counts, pre-counted per (source, target, type, day), where ``floor`` is 0 or the threshold the table
    counts at; None otherwise."""
    shown = _counted_at(store, "edge_counts", floor)
    if shown is None:
        return None
    return f"""(SELECT source, target, nullif(type, '') AS type, nullif(day, '') AS day, events{shown} AS n
                FROM edge_counts) s"""


def _edges(store: Store, t: dict[str, str], floor: float) -> tuple[str, Where]:
    """The events between two different actors at ``floor``, as relation ``s`` (source, target, type, day, n
    events) and the conditions it needs: pre-counted (:func:`_counted_edges`), else one row per event and pair
    of event_edges (n = 1; an event's rows there are one per pair, so sums of n count distinct events)."""
    w = Where()
    pairs = _counted_edges(store, floor)
    if pairs is not None:
        w.add("s.n > 0")  # a (pair, type, day) whose events are all under the threshold is no edge
        return pairs, w
    if floor > 0:
        w.add("coalesce(s.confidence, 1) >= ?", floor)
    return f"(SELECT source, target, type, day, confidence, 1 AS n FROM {t['event_edges']}) s", w


@cached
def network(
    store: Store,
    *,
    min_weight: int = 1,
    limit: int = 100,
    type: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    min_confidence: float | None = None,
) -> dict[str, Any]:
    """Who acts on whom: directed edges source actor -> target actor weighted by event count.

    Actors are the corpus-level ones of :func:`network_actors` (names merged across documents, what is not an
    actor left out). ``date_from``/``date_to`` bound the event's day; ``min_confidence`` (default: the setting)
    applies only where events carry a ``confidence`` (the answer's ``confidence`` says whether they do)."""
    with_confidence = has_column(store, "events", "confidence")
    t = _tables(store)
    pairs, w = _edges(store, t, confidence_floor(store, min_confidence))
    if type:
        w.add("s.type = upper(?)", type)
    if date_from:
        w.add("s.day >= ?", date_from)
    if date_to:
        w.add("s.day <= ?", date_to)
    edges = _rows(
        store,
        f"""WITH keep AS ({network_actors(t)}),
            pairs AS (
              SELECT s.type, s.day, s.source, s.target, s.n FROM {pairs}
              WHERE {w.sql} AND s.source IN (SELECT name FROM keep) AND s.target IN (SELECT name FROM keep))
            SELECT source, target, sum(n)::BIGINT AS weight, list_distinct(list(type ORDER BY type)) AS types,
                   min(day) AS first, max(day) AS last
            FROM pairs GROUP BY source, target HAVING sum(n) >= ?
            ORDER BY weight DESC, source, target LIMIT ?""",
        [*w.params, min_weight, limit],
    )
    weight: dict[str, int] = {}
    for e in edges:
        e["types"] = sorted(e["types"])
        for end in (e["source"], e["target"]):
            weight[end] = weight.get(end, 0) + e["weight"]
    names = list(weight)
    articles = {r["name"]: r["articles"] for r in _rows(
        store, f"SELECT name, articles FROM ({network_actors(t)}) WHERE list_contains(?::VARCHAR[], name)", [names])}
    # the node's label, code, country over the same entity rows as network_actors
    keys = f"(SELECT * FROM {t['actor_keys']} k WHERE {summaries.network_row('k.name', 'k.label', 'k.code')})"
    modes = _modes(store, keys, names)
    out_nodes = [
        {"id": n, "name": n, "weight": w_, "label": modes[n]["label"], "code": modes[n]["code"],
         "country": modes[n]["country"], "articles": articles[n]}
        for n, w_ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return {"nodes": out_nodes, "edges": edges, "confidence": with_confidence}


# ---- one actor's profile -------------------------------------------------------------------------------------
def _counted_sides(store: Store, floor: float, name: str) -> tuple[str, list[Any]] | None:
    """The (period, role, type, count) rows of actor ``name``'s events as source and as target by publication
    month, from the summary table party_months (its distinct events on each side, per month and type), where
    ``floor`` is 0 or the threshold the table counts at; None otherwise."""
    shown = _counted_at(store, "party_months", floor)
    if shown is None:
        return None
    # both sides in one pass over the actor's rows, then one row per side
    return f"""SELECT period, role, type, count FROM (
            SELECT nullif(c.published, '') AS period, nullif(c.type, '') AS type,
                   sum(c.as_source{shown})::BIGINT AS source, sum(c.as_target{shown})::BIGINT AS target
            FROM party_months c WHERE c.name = ? AND (c.as_source{shown} > 0 OR c.as_target{shown} > 0) GROUP BY ALL)
        UNPIVOT (count FOR role IN (source, target)) WHERE count > 0""", [name]


@cached
def actor_profile(store: Store, name: str, *, top: int = 15, min_confidence: float | None = None) -> dict[str, Any]:
    """One actor over time, for the charts of its page: events (at or above ``min_confidence``) as source and
    as target and quotes, by publication month and type; the actors it acts on and that act on it most; where its
    events happen.

    Raises NotFound for a name no article has."""
    t = _tables(store)
    if not _scalar(store, f"SELECT count(*) FROM {t['actor_totals']} WHERE name = ?", [name]):
        raise NotFound(f"no actor named {name!r}")
    floor = confidence_floor(store, min_confidence)
    conf, conf_params = _confident(floor, "p")
    month = "strftime(a.published, '%Y-%m')"
    # the actor's events on each side, from its own event_parties rows (which carry each event's type, place and
    # publication date), read in one pass: no join of the events, articles and places tables
    mine = f"""(SELECT DISTINCT p.article_id, p.idx, p.type, p.published, p.place_name, p.place_country, p.place_lat,
                       p.place_lon, r.role
        FROM {t['event_parties']} p, (VALUES ('source'), ('target')) r(role)
        WHERE p.name = ? AND (CASE r.role WHEN 'source' THEN p.is_source ELSE p.is_target END) AND {conf})"""
    mine_params = [name, *conf_params]
    events, events_params = _counted_sides(store, floor, name) or (
        f"SELECT {month} AS period, role, type, count(*) AS count FROM {mine} a GROUP BY ALL", mine_params)
    # its quotes by month: from speaker_months where the store has it, else from its quote_speakers rows
    quotes = ("""SELECT nullif(published, '') AS period, 'quote' AS role, 'quote' AS type, sum(quotes)::BIGINT AS count
                 FROM speaker_months WHERE name = ? GROUP BY ALL""" if t["speaker_months"] == "speaker_months" else
              f"""SELECT {month} AS period, 'quote' AS role, 'quote' AS type, count(*) AS count
                  FROM (SELECT DISTINCT article_id, idx, published FROM {t['quote_speakers']} WHERE name = ?) a
                  GROUP BY ALL""")
    timeline = _rows(
        store, f"{events} UNION ALL {quotes} ORDER BY period NULLS LAST, role, type", [*events_params, name])
    # who it acts on and who acts on it: the source -> target pairs of event_edges (two different actors)
    edges, w = _edges(store, t, floor)
    counterparts = _rows(
        store,
        f"""SELECT 'source' AS role, s.target AS name, sum(s.n)::BIGINT AS events,
                   list_distinct(list(s.type ORDER BY s.type)) AS types
            FROM {edges} WHERE s.source = ? AND {w.sql} GROUP BY s.target
            UNION ALL
            SELECT 'target' AS role, s.source AS name, sum(s.n)::BIGINT AS events,
                   list_distinct(list(s.type ORDER BY s.type)) AS types
            FROM {edges} WHERE s.target = ? AND {w.sql} GROUP BY s.source
            ORDER BY events DESC, name""",
        [name, *w.params, name, *w.params],
    )
    mapped = _counted_at(store, "party_places", floor)
    if mapped is not None:  # its distinct events per place and type, counted at write time
        places = _rows(
            store,
            f"""SELECT place_name AS name, place_country AS country, lat, lon, sum(events{mapped})::BIGINT AS events,
                       list_distinct(list(type ORDER BY type)) AS types
                FROM party_places WHERE name = ? AND events{mapped} > 0
                GROUP BY ALL ORDER BY events DESC, name LIMIT 500""",
            [name],
        )
    else:
        places = _rows(
            store,
            f"""SELECT m.place_name AS name, m.place_country AS country, m.place_lat AS lat, m.place_lon AS lon,
                       count(DISTINCT (m.article_id, m.idx)) AS events,
                       list_distinct(list(m.type ORDER BY m.type)) AS types
                FROM {mine} m WHERE m.place_lat IS NOT NULL AND m.place_lon IS NOT NULL
                GROUP BY ALL ORDER BY events DESC, name LIMIT 500""",
            mine_params,
        )
    for row in counterparts + places:
        row["types"] = sorted(row["types"])
    return {
        "name": name,
        "timeline": timeline,
        "acts_on": [c for c in counterparts if c["role"] == "source"][:top],
        "acted_on_by": [c for c in counterparts if c["role"] == "target"][:top],
        "places": places,
    }


# ---- places --------------------------------------------------------------------------------------------------
@cached
def place_stats(store: Store, *, limit: int = 500) -> list[dict[str, Any]]:
    """Places with coordinates, grouped by name and point, with mention and article counts (for the map); read
    from the summary table place_counts."""
    counts = _tables(store)["place_counts"]
    return _rows(
        store,
        f"""SELECT name, nullif(country, '') AS country, nullif(feature, '') AS feature, lat, lon, mentions, articles
            FROM {counts} ORDER BY mentions DESC, name LIMIT ?""",
        [limit],
    )


@cached
def list_places(
    store: Store, *, name: str | None = None, country: str | None = None, limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    """Place mentions with the text around each (the evidence behind a point on the map)."""
    w = Where()
    if name:
        w.add("lower(p.name) = lower(?)", name)
    if country:
        w.add("lower(p.country) = lower(?)", country)
    cond, params = w.sql, w.params
    # the page is chosen first, from place_keys (each mention's name, country and date, in date order), then its
    # rows get the text around them
    t = _tables(store)
    frm = f"FROM {t['place_keys']} p"
    if name and not country and t["place_names"] == "place_names":  # summed per name (summaries.place_names)
        total = int(_scalar(store, "SELECT coalesce(sum(mentions), 0) FROM place_names WHERE lower(name) = lower(?)",
                            [name]))
    else:
        total = _scalar(store, f"SELECT count(*) {frm} WHERE {cond}", params)
    # oldest first, over a window of the oldest publication dates first (a full page from it is the page)
    keys: list[tuple[str, int]] = []
    page_sql = f"""SELECT p.article_id, p.idx {frm} WHERE {cond} {{}}
                   ORDER BY p.published NULLS LAST, p.article_id, p.idx LIMIT ? OFFSET ?"""
    cut = _window_cut(store, total, limit + offset, newest=False)
    if cut is not None:
        keys = [(a, i) for a, i in store.query(page_sql.format("AND p.published <= ?"),
                                               [*params, cut, limit, offset])[1]]
    if len(keys) < limit:
        keys = [(a, i) for a, i in store.query(page_sql.format(""), [*params, limit, offset])[1]]
    if not keys:
        return _page(total, limit, offset, [])
    page, page_params = _page_rows(keys)
    rows, rows_params = _keyed(store, "places", keys)
    arts, arts_params = _of_articles(keys, "id")
    items = _rows(
        store,
        f"""WITH page AS ({page}),
                 p AS MATERIALIZED (SELECT * FROM places WHERE {rows}),
                 a AS MATERIALIZED (SELECT id, title, published, text FROM articles WHERE {arts})
            SELECT p.article_id, p.idx, a.title, a.published, p.start, p."end", p.text, p.name, p.country,
                   p.admin1, p.feature, p.lat, p.lon, p.geonameid,
                   substring(a.text, greatest(p.start - {SNIPPET}, 0) + 1, p.start - greatest(p.start - {SNIPPET}, 0))
                       AS before,
                   substring(a.text, p."end" + 1, {SNIPPET}) AS after
            FROM page pg JOIN p ON p.article_id = pg.article_id AND p.idx = pg.idx
            JOIN a ON a.id = p.article_id
            ORDER BY pg.n""",
        [*page_params, *rows_params, *arts_params],
    )
    for it in items:
        it["published"] = _iso(it["published"])
    return _page(total, limit, offset, items)
