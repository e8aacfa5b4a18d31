"""Read-only queries over a newsgraph DuckDB store: the SQL behind the HTTP API and the web pages.

Every function takes a :class:`~newsgraph.store.duck.Store` plus plain, already validated arguments and returns
plain JSON-ready dicts and lists. Values always travel as bound parameters, never spliced into SQL text.

Across articles an *actor* is identified by its canonical actor name (entity ids such as ``"e3"`` are only
unique within one record): the view ``actor_entities`` (store/actors.py) maps each document's entity name to the
corpus-level actor ("Trump" -> "Donald Trump", "U.N." -> "United Nations"), so ``GET /api/entities/Lin%20Jian``
gathers every article's "Lin Jian".

Dates: an event's day is its own date when it has a full or reduced ISO date ("2025-04" counts from the first
of the month), else the article's publication date.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsgraph.errors import NotFound
from newsgraph.records import ArticleRecord
from newsgraph.store.duck import Store

#: event types of PLOVER, for validation and chart colours
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

SNIPPET = 80  # characters of context either side of a mention

# an event's day as "YYYY-MM-DD" (see module docstring); needs aliases ev (events) and a (articles)
_EVENT_DAY = """(CASE
    WHEN regexp_matches(coalesce(ev.date, ''), '^\\d{4}-\\d{2}-\\d{2}') THEN left(ev.date, 10)
    WHEN regexp_matches(coalesce(ev.date, ''), '^\\d{4}-\\d{2}$') THEN ev.date || '-01'
    WHEN regexp_matches(coalesce(ev.date, ''), '^\\d{4}$') THEN ev.date || '-01-01'
    ELSE strftime(a.published, '%Y-%m-%d') END)"""

# entities of the same article named by a list of entity ids, as [{id, name, code, country}]; evaluate it on a
# page of rows only (after LIMIT): DuckDB runs a correlated subquery for every row it sees
_PARTIES = """coalesce((SELECT list(struct_pack(id := e.id, name := e.name, label := e.label,
        code := e.actor.code, country := e.actor.country) ORDER BY e.idx)
    FROM actor_entities e WHERE e.article_id = ev.article_id AND list_contains({ids}, e.id)), [])"""


def _party_filter(side: str, pred: str) -> str:
    """SQL: event ``ev`` has, on ``side`` ("source" or "target"), an entity of its article matching ``pred``.

    A semi-join on (article_id, idx) against the events' unnested party ids joined to the matching entities by
    equality, so DuckDB hashes it instead of testing ``list_contains`` against every entity of every article."""
    return f"""EXISTS (SELECT 1 FROM (SELECT u.article_id, u.idx
        FROM (SELECT article_id, idx, unnest({side}) AS eid FROM events) u
        JOIN actor_entities e ON e.article_id = u.article_id AND e.id = u.eid WHERE {pred}) m
        WHERE m.article_id = ev.article_id AND m.idx = ev.idx)"""


# does one of the entities named by a list of ids match an actor (name, case-insensitive, or actor code)?
_MATCH = "(lower(e.name) = lower(?) OR e.actor.code = upper(?))"
_NAME = "e.name = ?"
_COUNTRY = "e.actor.country = upper(?)"


def _rows(store: Store, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cols, rows = store.query(sql, list(params))
    return [dict(zip(cols, row, strict=True)) for row in rows]


def _scalar(store: Store, sql: str, params: Sequence[Any] = ()) -> Any:
    _, rows = store.query(sql, list(params))
    return rows[0][0] if rows else None


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _contains(column: str) -> str:
    """SQL: column contains the parameter, case-insensitively (no LIKE wildcards to escape)."""
    return f"strpos(lower(coalesce({column}, '')), lower(?)) > 0"


def _page(total: int, limit: int, offset: int, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


# ---- articles ------------------------------------------------------------------------------------------------
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
) -> dict[str, Any]:
    """Articles matching every given filter, newest first. ``q`` searches title and text."""
    where: list[str] = ["TRUE"]
    params: list[Any] = []
    ranked: list[str] | None = None  # ids in BM25 order, when the search index answers q
    if q:
        ranked, total = _search(store, q, limit, offset, bool(source or date_from or date_to or actor or theme))
        if ranked is not None:
            where.append("list_contains(?::VARCHAR[], a.id)")
            params.append(ranked)
        else:
            where.append(f"({_contains('a.title')} OR {_contains('a.text')})")
            params += [q, q]
    if source:
        where.append("a.source = ?")
        params.append(source)
    if date_from:
        where.append("a.published >= CAST(? AS DATE)")
        params.append(date_from)
    if date_to:
        where.append("a.published <= CAST(? AS DATE)")
        params.append(date_to)
    if actor:
        where.append(
            "EXISTS (SELECT 1 FROM actor_entities e WHERE e.article_id = a.id "
            "AND (lower(e.name) = lower(?) OR e.actor.code = upper(?)))"
        )
        params += [actor, actor]
    if theme:
        where.append("list_contains(a.themes, ?)")
        params.append(theme)
    cond = " AND ".join(where)
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
    # the page is chosen first; the per-article counts are then computed for its rows only
    again = page[:1] if ranked is not None else []
    items = _rows(
        store,
        f"""WITH page AS (SELECT a.* FROM articles a WHERE {cond} ORDER BY {order} LIMIT ? OFFSET ?)
            SELECT a.id, a.title, a.source, a.url, a.published, a.language, a.status, a.themes,
               a.tone.score AS tone, left(a.text, 240) AS lead, length(a.text) AS chars,
               (SELECT count(*) FROM actor_entities e WHERE e.article_id = a.id) AS entities,
               (SELECT count(*) FROM quotes x WHERE x.article_id = a.id) AS quotes,
               (SELECT count(*) FROM events x WHERE x.article_id = a.id) AS events,
               (SELECT count(*) FROM places x WHERE x.article_id = a.id) AS places
            FROM page a ORDER BY {order}""",
        [*params, *page, *again],
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
    """The full record; raises NotFound."""
    return store.get(article_id)


def facets(store: Store) -> dict[str, Any]:
    """Values for the search form: sources, themes, date range, event types present."""
    sources = [r["source"] for r in _rows(
        store, "SELECT source, count(*) n FROM articles WHERE source IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1")]
    themes = [r["theme"] for r in _rows(
        store, "SELECT t AS theme, count(*) n FROM (SELECT unnest(themes) t FROM articles) GROUP BY 1 ORDER BY n DESC, 1")]
    span = _rows(store, "SELECT min(published) lo, max(published) hi FROM articles")[0]
    types = [r["type"] for r in _rows(store, "SELECT DISTINCT type FROM events ORDER BY 1")]
    return {"sources": sources, "themes": themes, "first": _iso(span["lo"]), "last": _iso(span["hi"]),
            "event_types": types}


# ---- actors --------------------------------------------------------------------------------------------------
def list_entities(
    store: Store, *, q: str | None = None, label: str | None = None, limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    """Actors across articles (grouped by canonical name) with article, mention, quote and event counts."""
    where, params = ["TRUE"], []
    if q:
        where.append(f"({_contains('e.name')} OR e.actor.code = upper(?))")
        params += [q, q]
    if label:
        where.append("e.label = upper(?)")
        params.append(label)
    cond = " AND ".join(where)
    base = f"""
        WITH ents AS (SELECT e.* FROM actor_entities e WHERE {cond}),
        q AS (SELECT e.name, count(*) n FROM (SELECT article_id,
                     unnest(list_distinct(list_append(speaker.entities, speaker.entity))) AS eid FROM quotes) x
              JOIN ents e ON e.article_id = x.article_id AND e.id = x.eid GROUP BY 1),
        ev AS (SELECT e.name, count(*) n FROM (SELECT article_id,
                      unnest(list_distinct(list_concat(source, target))) AS eid FROM events) x
              JOIN ents e ON e.article_id = x.article_id AND e.id = x.eid GROUP BY 1),
        g AS (SELECT name, mode(label) AS label, mode(actor.code) AS code, mode(actor.country) AS country,
                     count(DISTINCT article_id) AS articles, sum(len(mentions)) AS mentions
              FROM ents GROUP BY name)
        """
    total = _scalar(store, base + "SELECT count(*) FROM g", params)
    items = _rows(
        store,
        base + """SELECT g.name AS id, g.name, g.label, g.code, g.country, g.articles, g.mentions,
                         coalesce(q.n, 0) AS quotes, coalesce(ev.n, 0) AS events
                  FROM g LEFT JOIN q USING (name) LEFT JOIN ev USING (name)
                  ORDER BY g.articles DESC, g.mentions DESC, g.name LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    )
    return _page(total, limit, offset, items)


def get_entity(store: Store, name: str, *, limit: int = 200) -> dict[str, Any]:
    """One actor: counts, roles, its quotes over time, events as source and as target, co-occurring actors."""
    head = _rows(
        store,
        """SELECT name, mode(label) AS label, mode(actor.code) AS code, mode(actor.country) AS country,
                  mode(actor.sector) AS sector, mode(kb_id) AS kb_id,
                  count(DISTINCT article_id) AS articles, sum(len(mentions)) AS mentions,
                  list_distinct(flatten(list(roles))) AS roles
           FROM actor_entities WHERE name = ? GROUP BY name""",
        [name],
    )
    if not head:
        raise NotFound(f"no actor named {name!r}")
    out = head[0]
    out["id"] = name
    out["quotes"] = list_quotes(store, speaker=name, exact=True, limit=limit)["items"]
    out["events_as_source"] = list_events(store, source=name, exact=True, limit=limit)["items"]
    out["events_as_target"] = list_events(store, target=name, exact=True, limit=limit)["items"]
    out["cooccurring"] = _rows(
        store,
        """SELECT o.name, mode(o.label) AS label, count(DISTINCT o.article_id) AS articles
           FROM actor_entities o JOIN (SELECT DISTINCT article_id FROM actor_entities WHERE name = ?) s USING (article_id)
           WHERE o.name <> ? GROUP BY o.name ORDER BY articles DESC, o.name LIMIT 30""",
        [name, name],
    )
    out["articles_list"] = [
        {**r, "published": _iso(r["published"])}
        for r in _rows(
            store,
            """SELECT a.id, a.title, a.published FROM articles a
               WHERE a.id IN (SELECT article_id FROM actor_entities WHERE name = ?)
               ORDER BY a.published DESC NULLS LAST, a.id LIMIT ?""",
            [name, limit],
        )
    ]
    return out


def _speaker_filter(pred: str) -> str:
    """SQL: one of the entities listed as quote ``x``'s speakers matches ``pred`` (a hash semi-join, as
    :func:`_party_filter`)."""
    return f"""EXISTS (SELECT 1 FROM (SELECT u.article_id, u.idx
        FROM (SELECT article_id, idx, unnest(speaker.entities) AS eid FROM quotes) u
        JOIN actor_entities e ON e.article_id = u.article_id AND e.id = u.eid WHERE {pred}) m
        WHERE m.article_id = x.article_id AND m.idx = x.idx)"""


# ---- quotes --------------------------------------------------------------------------------------------------
def list_quotes(
    store: Store,
    *,
    speaker: str | None = None,
    cue: str | None = None,
    q: str | None = None,
    article: str | None = None,
    exact: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """Quotes with their speaker resolved to an actor name, oldest first (a speaker's quotes over time).

    ``speaker``: an actor name (case-insensitive) or words of the local speaker mention ("the spokesperson");
    with ``exact`` only the actor named exactly so; ``cue``: the cue's lemma or text ("say", "said");
    ``q``: words in the quote.
    """
    where, params = ["TRUE"], []
    if speaker and exact:
        where.append(
            f"(sp.name = ? OR {_speaker_filter('e.name = ?')})"
        )
        params += [speaker, speaker]
    elif speaker:
        where.append(
            f"(lower(sp.name) = lower(?) OR {_speaker_filter('lower(e.name) = lower(?)')} "
            f"OR {_contains('x.speaker.text')})"
        )
        params += [speaker, speaker, speaker]
    if cue:
        where.append("(lower(x.cue_lemma) = lower(?) OR lower(x.cue.text) = lower(?))")
        params += [cue, cue]
    if q:
        where.append(_contains("x.text"))
        params.append(q)
    if article:
        where.append("x.article_id = ?")
        params.append(article)
    cond = " AND ".join(where)
    frm = """FROM quotes x JOIN articles a ON a.id = x.article_id
             LEFT JOIN actor_entities sp ON sp.article_id = x.article_id AND sp.id = x.speaker.entity"""
    total = _scalar(store, f"SELECT count(*) {frm} WHERE {cond}", params)
    items = _rows(
        store,
        f"""SELECT x.article_id, x.idx, a.title, a.published, x.start, x."end", x.text, x.kind,
                   x.cue.text AS cue, x.cue_lemma, x.speaker.text AS speaker_text, x.speaker.entity AS speaker_entity,
                   sp.name AS speaker, sp.actor.code AS speaker_code, x.rule
            {frm} WHERE {cond}
            ORDER BY a.published NULLS LAST, x.article_id, x.idx LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    )
    for it in items:
        it["published"] = _iso(it["published"])
    return _page(total, limit, offset, items)


# ---- events --------------------------------------------------------------------------------------------------
def _event_filters(
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
) -> tuple[str, list[Any]]:
    """WHERE clause and parameters; with ``exact``, source and target name one actor exactly (no codes)."""
    where, params = ["TRUE"], []
    if type:
        where.append("ev.type = upper(?)")
        params.append(type)
    if source and exact:
        where.append(_party_filter("source", _NAME))
        params.append(source)
    elif source:
        where.append(_party_filter("source", _MATCH))
        params += [source, source]
    if target and exact:
        where.append(_party_filter("target", _NAME))
        params.append(target)
    elif target:
        where.append(_party_filter("target", _MATCH))
        params += [target, target]
    if actor:
        where.append(f"({_party_filter('source', _MATCH)} OR {_party_filter('target', _MATCH)})")
        params += [actor, actor, actor, actor]
    if source_country:
        where.append(_party_filter("source", _COUNTRY))
        params.append(source_country)
    if target_country:
        where.append(_party_filter("target", _COUNTRY))
        params.append(target_country)
    if date_from:
        where.append(f"{_EVENT_DAY} >= ?")
        params.append(date_from)
    if date_to:
        where.append(f"{_EVENT_DAY} <= ?")
        params.append(date_to)
    if place:
        where.append(
            "EXISTS (SELECT 1 FROM places p WHERE p.article_id = ev.article_id AND p.idx = ev.place "
            f"AND ({_contains('p.name')} OR lower(p.country) = lower(?)))"
        )
        params += [place, place]
    if article:
        where.append("ev.article_id = ?")
        params.append(article)
    if published_from:
        where.append("a.published >= CAST(? AS DATE)")
        params.append(published_from)
    if published_to:
        where.append("a.published <= CAST(? AS DATE)")
        params.append(published_to)
    return " AND ".join(where), params


def list_events(store: Store, *, limit: int = 50, offset: int = 0, **filters: Any) -> dict[str, Any]:
    """Events with source and target actors resolved, the sentence behind each, and its place."""
    cond, params = _event_filters(**filters)
    frm = "FROM events ev JOIN articles a ON a.id = ev.article_id"
    total = _scalar(store, f"SELECT count(*) {frm} WHERE {cond}", params)
    # the page is chosen first (keys only), then its rows are decorated: parties, place and sentence text
    items = _rows(
        store,
        f"""WITH page AS (SELECT ev.article_id, ev.idx, {_EVENT_DAY} AS day {frm} WHERE {cond}
                          ORDER BY day NULLS LAST, ev.article_id, ev.idx LIMIT ? OFFSET ?)
            SELECT ev.article_id, ev.idx, a.title, ev.type, ev.mode, ev.cameo, ev.date, pg.day,
                   ev.trigger, ev.sentence,
                   substring(a.text, ev.sentence.start + 1, ev.sentence."end" - ev.sentence.start) AS sentence_text,
                   {_PARTIES.format(ids="ev.source")} AS source, {_PARTIES.format(ids="ev.target")} AS target,
                   (SELECT struct_pack(name := p.name, country := p.country, lat := p.lat, lon := p.lon)
                    FROM places p WHERE p.article_id = ev.article_id AND p.idx = ev.place) AS place,
                   ev.negated, ev.hypothetical, ev.rule
            FROM page pg JOIN events ev ON ev.article_id = pg.article_id AND ev.idx = pg.idx
            JOIN articles a ON a.id = ev.article_id
            ORDER BY pg.day NULLS LAST, ev.article_id, ev.idx""",
        [*params, limit, offset],
    )
    return _page(total, limit, offset, items)


def event_stats(
    store: Store, *, by: str = "type", interval: str = "month", top: int = 20, dates: str = "event", **filters: Any
) -> dict[str, Any]:
    """Event counts for charts: per period ("day", "month" or "all") and per key (event type, or actor name
    on either side). Keys beyond the ``top`` most frequent are summed as "other".

    ``dates``: "event" counts an event on its own day (see the module docstring), "published" on its article's
    publication day (the news as it came; a background sentence about 1815 counts when it was reported)."""
    cond, params = _event_filters(**filters)
    day = _EVENT_DAY if dates == "event" else "strftime(a.published, '%Y-%m-%d')"
    period = {"day": day, "month": f"left({day}, 7)", "all": "'all'"}[interval]
    if by == "type":
        keyed = f"SELECT {period} AS period, ev.type AS key FROM events ev JOIN articles a ON a.id = ev.article_id WHERE {cond}"
    else:  # actor: each named party of an event counts once
        keyed = f"""SELECT {period} AS period, e.name AS key
            FROM events ev JOIN articles a ON a.id = ev.article_id
            JOIN (SELECT article_id, idx, unnest(list_distinct(list_concat(source, target))) AS eid FROM events) u
                 ON u.article_id = ev.article_id AND u.idx = ev.idx
            JOIN actor_entities e ON e.article_id = u.article_id AND e.id = u.eid
            WHERE {cond}"""
    rows = _rows(
        store,
        f"""WITH k AS ({keyed}),
            t AS (SELECT key, count(*) n FROM k GROUP BY key ORDER BY n DESC, key LIMIT ?)
            SELECT k.period, CASE WHEN t.key IS NULL THEN 'other' ELSE k.key END AS key, count(*) AS count
            FROM k LEFT JOIN t ON t.key = k.key
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
ACTOR_LABELS: tuple[str, ...] = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")

# a name that is a numbered document part or an ordinal, not an actor: "Article 5", "Resolution 2231",
# "Chapter VII", "Fifth", "21st" (a word followed by a number, or an ordinal on its own); only for names with no
# actor code and not tagged as a person ("Unit 8200" coded ISRMIL and "Charles III" stay)
_NOT_ACTOR_NAME = (
    r"^([A-Z][a-z]+ +([0-9]+[A-Za-z]?|[IVXLC]+)|[0-9]+(st|nd|rd|th)|"
    r"(First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth))$"
)

#: the corpus-level actors the network may show, one row per canonical actor name (store/actors.py):
#: named with an actor label, a proper name (some capital letter: not "its navy"), not an uncoded numbered
#: document part or ordinal, and either coded as an actor or named in two or more articles (a one-off name with no
#: code is too often a parsing accident: "YChina", "Charter")
NETWORK_ACTORS = f"""SELECT name, mode(label) AS label, mode(actor.code) AS code, mode(actor.country) AS country,
        count(DISTINCT article_id) AS articles
    FROM actor_entities
    WHERE list_contains({list(ACTOR_LABELS)!r}, label)
      AND regexp_matches(name, '[A-Z]')
      AND NOT (label <> 'PERSON' AND actor.code IS NULL AND regexp_matches(name, '{_NOT_ACTOR_NAME}'))
    GROUP BY name
    HAVING count(actor.code) > 0 OR count(DISTINCT article_id) >= 2"""


def has_column(store: Store, table: str, column: str) -> bool:
    """Whether a stored table has a column (fields added to the record contract later, e.g. events.confidence)."""
    return bool(_scalar(
        store,
        "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = ?",
        [table, column],
    ))


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

    Actors are the corpus-level ones of :data:`NETWORK_ACTORS` (names merged across documents, what is not an
    actor left out). ``date_from``/``date_to`` bound the event's day; ``min_confidence`` applies only where
    events carry a ``confidence`` (the answer's ``confidence`` says whether they do)."""
    with_confidence = has_column(store, "events", "confidence")
    where: list[str] = ["TRUE"]
    params: list[Any] = []
    if type:
        where.append("ev.type = upper(?)")
        params.append(type)
    if date_from:
        where.append(f"{_EVENT_DAY} >= ?")
        params.append(date_from)
    if date_to:
        where.append(f"{_EVENT_DAY} <= ?")
        params.append(date_to)
    if min_confidence is not None and with_confidence:
        where.append("ev.confidence >= ?")
        params.append(min_confidence)
    nodes = {r["name"]: r for r in _rows(store, NETWORK_ACTORS)}
    edges = _rows(
        store,
        f"""WITH keep AS ({NETWORK_ACTORS}),
            pairs AS (
              SELECT DISTINCT ev.article_id, ev.idx, ev.type, {_EVENT_DAY} AS day, s.name AS source, t.name AS target
              FROM events ev JOIN articles a ON a.id = ev.article_id
              JOIN actor_entities s ON s.article_id = ev.article_id AND list_contains(ev.source, s.id)
              JOIN actor_entities t ON t.article_id = ev.article_id AND list_contains(ev.target, t.id)
              WHERE {" AND ".join(where)} AND s.name <> t.name
                AND s.name IN (SELECT name FROM keep) AND t.name IN (SELECT name FROM keep))
            SELECT source, target, count(*) AS weight, list_distinct(list(type ORDER BY type)) AS types,
                   min(day) AS first, max(day) AS last
            FROM pairs GROUP BY source, target HAVING count(*) >= ?
            ORDER BY weight DESC, source, target LIMIT ?""",
        [*params, min_weight, limit],
    )
    weight: dict[str, int] = {}
    for e in edges:
        e["types"] = sorted(e["types"])
        for end in (e["source"], e["target"]):
            weight[end] = weight.get(end, 0) + e["weight"]
    out_nodes = [
        {"id": n, "name": n, "weight": w, "label": nodes[n]["label"], "code": nodes[n]["code"],
         "country": nodes[n]["country"], "articles": nodes[n]["articles"]}
        for n, w in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return {"nodes": out_nodes, "edges": edges, "confidence": with_confidence}


# ---- one actor's profile -------------------------------------------------------------------------------------
def actor_profile(store: Store, name: str, *, top: int = 15) -> dict[str, Any]:
    """One actor over time, for the charts of its page: events as source and as target and quotes, by
    publication month and type; the actors it acts on and that act on it most; where its events happen.

    Raises NotFound for a name no article has."""
    if not _scalar(store, "SELECT count(*) FROM actor_entities WHERE name = ?", [name]):
        raise NotFound(f"no actor named {name!r}")
    month = "strftime(a.published, '%Y-%m')"
    sides = """SELECT DISTINCT ev.article_id, ev.idx, ev.type, ev.place, a.published, '{role}' AS role
        FROM events ev JOIN articles a ON a.id = ev.article_id
        JOIN actor_entities e ON e.article_id = ev.article_id AND list_contains(ev.{side}, e.id)
        WHERE e.name = ?"""
    mine = f"({sides.format(role='source', side='source')} UNION ALL {sides.format(role='target', side='target')})"
    timeline = _rows(
        store,
        f"""SELECT {month} AS period, role, type, count(*) AS count FROM {mine} a
            GROUP BY ALL
            UNION ALL
            SELECT {month} AS period, 'quote' AS role, 'quote' AS type, count(*) AS count
            FROM quotes x JOIN articles a ON a.id = x.article_id
            WHERE EXISTS (SELECT 1 FROM actor_entities e WHERE e.article_id = x.article_id AND e.name = ?
                          AND (e.id = x.speaker.entity OR list_contains(x.speaker.entities, e.id)))
            GROUP BY ALL ORDER BY period NULLS LAST, role, type""",
        [name, name, name],
    )
    counterparts = _rows(
        store,
        f"""WITH mine AS {mine}
            SELECT m.role, o.name, count(DISTINCT (m.article_id, m.idx)) AS events,
                   list_distinct(list(m.type ORDER BY m.type)) AS types
            FROM mine m JOIN events ev ON ev.article_id = m.article_id AND ev.idx = m.idx
            JOIN actor_entities o ON o.article_id = ev.article_id
                 AND list_contains(CASE WHEN m.role = 'source' THEN ev.target ELSE ev.source END, o.id)
            WHERE o.name <> ?
            GROUP BY m.role, o.name ORDER BY events DESC, o.name""",
        [name, name, name],
    )
    places = _rows(
        store,
        f"""WITH mine AS {mine}
            SELECT p.name, p.country, p.lat, p.lon, count(DISTINCT (m.article_id, m.idx)) AS events,
                   list_distinct(list(m.type ORDER BY m.type)) AS types
            FROM mine m JOIN places p ON p.article_id = m.article_id AND p.idx = m.place
            WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL
            GROUP BY p.name, p.country, p.lat, p.lon ORDER BY events DESC, p.name LIMIT 500""",
        [name, name],
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
def place_stats(store: Store, *, limit: int = 500) -> list[dict[str, Any]]:
    """Places with coordinates, grouped by name and point, with mention and article counts (for the map)."""
    return _rows(
        store,
        """SELECT name, country, feature, lat, lon, count(*) AS mentions, count(DISTINCT article_id) AS articles
           FROM places WHERE lat IS NOT NULL AND lon IS NOT NULL
             AND lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180
           GROUP BY name, country, feature, lat, lon ORDER BY mentions DESC, name LIMIT ?""",
        [limit],
    )


def list_places(
    store: Store, *, name: str | None = None, country: str | None = None, limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    """Place mentions with the text around each (the evidence behind a point on the map)."""
    where, params = ["TRUE"], []
    if name:
        where.append("lower(p.name) = lower(?)")
        params.append(name)
    if country:
        where.append("lower(p.country) = lower(?)")
        params.append(country)
    cond = " AND ".join(where)
    frm = "FROM places p JOIN articles a ON a.id = p.article_id"
    total = _scalar(store, f"SELECT count(*) {frm} WHERE {cond}", params)
    items = _rows(
        store,
        f"""SELECT p.article_id, p.idx, a.title, a.published, p.start, p."end", p.text, p.name, p.country,
                   p.admin1, p.feature, p.lat, p.lon, p.geonameid,
                   substring(a.text, greatest(p.start - {SNIPPET}, 0) + 1, p.start - greatest(p.start - {SNIPPET}, 0))
                       AS before,
                   substring(a.text, p."end" + 1, {SNIPPET}) AS after
            {frm} WHERE {cond} ORDER BY a.published NULLS LAST, p.article_id, p.idx LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    )
    for it in items:
        it["published"] = _iso(it["published"])
    return _page(total, limit, offset, items)
