"""Summary tables: per canonical actor and per quote or event party, maintained at write time.

The actor queries of the API (store/queries.py) used to join every entity row to every quote and event on each
request (11-13 s at 50,000 articles). These tables hold what those joins compute, keyed by the canonical actor
name of store/actors.py. ``add_batch`` extends them from the rows of one write, inside the writer's transaction;
``rebuild`` recomputes them from the stored rows (``Store.refresh_actors``, after the canonical names change,
and when a writer first opens a database from before them). Every table is defined once, as SQL over source
rows, so the write path, the rebuild and the fallback for an older database read only (``source``) agree.

- ``quote_speakers``: one row per quote and speaker entity (``speaker.entity`` and ``speaker.entities``,
  distinct): the entity's canonical ``name``, ``label``, ``code``; ``is_entity`` for the quote's own speaker; the
  article's ``published``, the quote's ``cue_class`` and ``confidence`` (a speaker's quotes paged and filtered
  without the quotes table), the quote's ``row_key``.
- ``event_parties``: one row per event and party entity (source and target ids, distinct): canonical ``name``,
  ``label``, ``code``, ``country``, ``is_source``, ``is_target``, and the event's ``type``, ``day`` (its own date,
  else the publication date; see store/queries.py), ``confidence``, the entity's number ``entity_idx``, the
  article's ``published`` and the event's place (``place_name``, ``place_country``, ``place_lat``, ``place_lon``):
  an actor's charts without the events, articles and places tables; the event's ``row_key``.
- ``event_keys``: one row per event: its ``type``, ``day`` (as in ``event_parties``), the article's
  ``published``, ``confidence`` and ``place``: what the event list pages and orders by and the charts count by,
  without computing the day of every event per request (three regular expressions a row).
- ``event_counts``: per event day, publication day and type ('' for none), the events and ``events_shown``:
  the event charts by type (``GET /api/stats/events``) from a few thousand rows instead of every event.
- ``quote_keys``, ``place_keys``: one row per quote (its article's ``published``, its ``cue_class``, the
  ``confidence`` the quote lists filter on: the quote's, NULL for a quote naming no speaker, which is always shown,
  and its speaker mention's text in lower case, ``speaker_text``, that ``/api/quotes?speaker=`` searches)
  and per place mention (``published``, ``name``, ``country``): the unfiltered quote and place lists page by date
  from them, without joining the quotes or places to the articles.
- ``quote_counts``: per publication day ('' for none) and ``cue_class``, the quotes of ``quote_keys`` and
  ``quotes_shown``, those at or above ``shown_at`` (:data:`QUOTE_SHOWN_AT`, the default of setting
  ``min_quote_confidence``; a quote naming no speaker counts as shown): the quote lists' totals from a few
  thousand rows instead of every quote key.
- ``event_edges``: one row per event and (source name, target name) pair of two different actors, with the
  event's ``type``, ``day`` and ``confidence``: the network's edges without joining ``event_parties`` to itself.
- ``party_counts``: per actor name, event day, publication day and type ('' for none), its ``rows`` of
  ``event_parties`` (what the event charts by actor count) and its distinct events as source and as target (what
  its profile's timeline counts), each also at ``SHOWN_AT`` (``*_shown``).
- ``party_months``: the same distinct events per actor name, publication month ('YYYY-MM', '' for none) and type:
  an actor's timeline from a few hundred rows (from party_counts, whose rows are merged by key and so not in
  actor order, it read all of them: 15-22 ms at 200,000 articles, 1.1M rows). ``speaker_months``: per actor name
  and publication month, its distinct quotes (of every class): the timeline's quotes (counted from its
  quote_speakers rows, 12 ms for an actor in a quarter of 200,000 articles).
- ``edge_counts``: per (source name, target name, type, day) of ``event_edges`` ('' for no type or day), the
  events and ``events_shown``: the network's edge weights from pre-counted rows instead of every edge.
- ``actor_keys``: per canonical name and (label, code, country, sector, kb_id) of its entity rows (NULL stored
  as ''): entity ``rows``, ``mentions``, ``quotes`` and ``events`` (quote/event-party rows, as the counts of
  ``GET /api/entities`` always counted), ``events_shown`` (events at or above ``SHOWN_AT``, the default of setting
  ``min_event_confidence``; an event without a confidence counts as shown), and the ``roles`` seen. Modes
  (an actor's label, code, country) are read from the row counts.
- ``actor_totals``: per name, distinct ``articles``, and ``network_articles`` (articles over the entity rows the
  network may show, :data:`NETWORK_ROW`); ``actor_label_totals``: distinct articles per (name, label).
- ``actor_articles``: per (name, article, label) the entity rows and the article's ``published``: who appears
  where (an actor's latest articles, co-occurring actors).
- ``article_actors``: one row per article, the actors in it as one JSON text (``actors_json``: a list of
  ``{"name", "label", "rows"}``, by name and label: actor_articles turned by article): the actors of a few
  hundred given articles are read through the index on ``article_id`` (co-occurring actors), not by a scan of
  actor_articles, which grows with the store. One text, not three lists: DuckDB fetches a row's lists by row id
  at about 4x the cost of a text (200 rows at 200,000 articles: 33 ms as lists, 9.5 as texts).
- ``article_counts``: one row per article, its ``entities``, ``quotes``, ``events`` (and ``events_shown``, as in
  ``actor_keys``) and ``places``: the counts of a page of articles read by id (at 155,000 articles 56 ms of
  index lookups into four tables for 50 articles).
- ``place_counts``: per (name, country, feature, lat, lon) of places with valid coordinates: mentions, articles.
- ``place_names``: per place name (as the places have it), its ``mentions``: the total of the place list
  filtered on a name, from a few thousand rows (a count over place_keys read every mention: 15 ms at 200,000
  articles, growing with the store).
- ``party_places``: per actor name, event place (name, country, lat, lon) and type, its distinct ``events``
  there (and ``events_shown``), per write: appended, not merged, and kept in name order (:data:`CLUSTERED`), so
  that an actor's map reads its few rows instead of every ``event_parties`` row it has.
- ``article_facets``: per ``facet`` (``source``, ``theme``, ``day``: the publication day) and ``value``, the
  ``articles`` (for themes, the theme's occurrences): the search form's sources and themes and the date span
  from a few thousand rows instead of a pass over every article.

Every count is additive over batches because a batch only adds articles (stored ids are skipped). Confidence
buckets: only the default threshold is counted ahead (``events_shown``) beside all events; any other threshold
is counted from ``event_parties`` at read time. After changing stored rows by hand, run ``refresh_actors``.
"""

from __future__ import annotations

import time

import duckdb
import pyarrow as pa

from newsgraph.settings import Settings
from newsgraph.store import schema

#: the confidence threshold ``actor_keys.events_shown`` counts at (the default of ``min_event_confidence``)
SHOWN_AT: float = Settings().min_event_confidence

#: the confidence threshold ``quote_counts.quotes_shown`` counts at (the default of ``min_quote_confidence``)
QUOTE_SHOWN_AT: float = Settings().min_quote_confidence

#: entity labels that can name an actor (spaCy's LAW, WORK_OF_ART, PRODUCT, EVENT, ORDINAL... cannot)
ACTOR_LABELS: tuple[str, ...] = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")

# a name that is a numbered document part or an ordinal, not an actor: "Article 5", "Resolution 2231",
# "Chapter VII", "Fifth", "21st" (a word followed by a number, or an ordinal on its own); only for names with no
# actor code and not tagged as a person ("Unit 8200" coded ISRMIL and "Charles III" stay)
NOT_ACTOR_NAME = (
    r"^([A-Z][a-z]+ +([0-9]+[A-Za-z]?|[IVXLC]+)|[0-9]+(st|nd|rd|th)|"
    r"(First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth))$"
)


def network_row(name: str, label: str, code: str) -> str:
    """SQL: an entity row the network may show (actor label, a capital letter, not an uncoded document part).
    ``code`` is an expression that is NULL (or '' in ``actor_keys``) when the row has no actor code."""
    return (f"(list_contains({list(ACTOR_LABELS)!r}, {label}) AND regexp_matches({name}, '[A-Z]') "
            f"AND NOT ({label} <> 'PERSON' AND coalesce({code}, '') = '' AND regexp_matches({name}, '{NOT_ACTOR_NAME}')))")


# an event's day as "YYYY-MM-DD": its own full or reduced ISO date, else the article's publication date;
# needs aliases ev (events) and a (articles)
EVENT_DAY = """(CASE
    WHEN regexp_matches(coalesce(ev.date, ''), '^\\d{4}-\\d{2}-\\d{2}') THEN left(ev.date, 10)
    WHEN regexp_matches(coalesce(ev.date, ''), '^\\d{4}-\\d{2}$') THEN ev.date || '-01'
    WHEN regexp_matches(coalesce(ev.date, ''), '^\\d{4}$') THEN ev.date || '-01-01'
    ELSE strftime(a.published, '%Y-%m-%d') END)"""

TABLES: dict[str, str] = {
    "quote_speakers": "article_id VARCHAR, idx INTEGER, eid VARCHAR, name VARCHAR, label VARCHAR, code VARCHAR, "
                      "is_entity BOOLEAN, published DATE, cue_class VARCHAR, confidence DOUBLE, row_key UBIGINT",
    "event_parties": "article_id VARCHAR, idx INTEGER, eid VARCHAR, name VARCHAR, label VARCHAR, code VARCHAR, "
                     "country VARCHAR, is_source BOOLEAN, is_target BOOLEAN, type VARCHAR, day VARCHAR, "
                     "confidence DOUBLE, entity_idx INTEGER, published DATE, place_name VARCHAR, "
                     "place_country VARCHAR, place_lat DOUBLE, place_lon DOUBLE, row_key UBIGINT",
    "event_keys": "article_id VARCHAR, idx INTEGER, type VARCHAR, day VARCHAR, published DATE, confidence DOUBLE, "
                  "place INTEGER",
    "event_counts": "day VARCHAR, published VARCHAR, type VARCHAR, events BIGINT, events_shown BIGINT, "
                    "PRIMARY KEY (day, published, type)",
    "quote_keys": "article_id VARCHAR, idx INTEGER, published DATE, cue_class VARCHAR, confidence DOUBLE, "
                  "speaker_text VARCHAR",
    "place_keys": "article_id VARCHAR, idx INTEGER, published DATE, name VARCHAR, country VARCHAR",
    "event_edges": "article_id VARCHAR, idx INTEGER, source VARCHAR, target VARCHAR, type VARCHAR, day VARCHAR, "
                   "confidence DOUBLE",
    "party_counts": "name VARCHAR, day VARCHAR, published VARCHAR, type VARCHAR, rows BIGINT, rows_shown BIGINT, "
                    "as_source BIGINT, as_source_shown BIGINT, as_target BIGINT, as_target_shown BIGINT, "
                    "PRIMARY KEY (name, day, published, type)",
    "party_months": "name VARCHAR, published VARCHAR, type VARCHAR, as_source BIGINT, as_source_shown BIGINT, "
                    "as_target BIGINT, as_target_shown BIGINT, PRIMARY KEY (name, published, type)",
    "speaker_months": "name VARCHAR, published VARCHAR, quotes BIGINT, PRIMARY KEY (name, published)",
    "edge_counts": "source VARCHAR, target VARCHAR, type VARCHAR, day VARCHAR, events BIGINT, events_shown BIGINT, "
                   "PRIMARY KEY (source, target, type, day)",
    "actor_keys": "name VARCHAR, label VARCHAR, code VARCHAR, country VARCHAR, sector VARCHAR, kb_id VARCHAR, "
                  "rows BIGINT, mentions BIGINT, quotes BIGINT, events BIGINT, events_shown BIGINT, roles VARCHAR[], "
                  "PRIMARY KEY (name, label, code, country, sector, kb_id)",
    "actor_totals": "name VARCHAR PRIMARY KEY, articles BIGINT, network_articles BIGINT",
    "actor_label_totals": "name VARCHAR, label VARCHAR, articles BIGINT, PRIMARY KEY (name, label)",
    "actor_articles": "name VARCHAR, article_id VARCHAR, label VARCHAR, published DATE, rows BIGINT",
    "article_actors": "article_id VARCHAR, actors_json VARCHAR",
    "article_counts": "article_id VARCHAR, entities BIGINT, quotes BIGINT, events BIGINT, events_shown BIGINT, "
                      "places BIGINT",
    "place_counts": "name VARCHAR, country VARCHAR, feature VARCHAR, lat DOUBLE, lon DOUBLE, mentions BIGINT, "
                    "articles BIGINT, PRIMARY KEY (name, country, feature, lat, lon)",
    "place_names": "name VARCHAR PRIMARY KEY, mentions BIGINT",
    "party_places": "name VARCHAR, place_name VARCHAR, place_country VARCHAR, lat DOUBLE, lon DOUBLE, "
                    "type VARCHAR, events BIGINT, events_shown BIGINT",
    "article_facets": "facet VARCHAR, value VARCHAR, articles BIGINT, PRIMARY KEY (facet, value)",
    "quote_counts": "published VARCHAR, cue_class VARCHAR, quotes BIGINT, quotes_shown BIGINT, shown_at DOUBLE, "
                    "PRIMARY KEY (published, cue_class)",
}

def columns(table: str) -> tuple[str, ...]:
    """The columns of summary table ``table``, as :data:`TABLES` defines them."""
    ddl = TABLES[table]
    cut = ddl.find(", PRIMARY KEY (")  # a key over several columns closes the list
    return tuple(col.split()[0] for col in (ddl if cut < 0 else ddl[:cut]).split(","))


#: summary tables read by article (the actors of an actor's latest articles): indexed on article_id
BY_ARTICLE: tuple[str, ...] = ("article_actors", "article_counts")
#: summary tables read by the ``row_key`` of their event or quote (store/schema.py; the parties and speakers of
#: a page's rows): indexed on it. By article, a page of 25 events fetched 625 party rows (19 ms at 155,000
#: articles); by key, the rows of its 25 events.
BY_ROW_KEY: tuple[str, ...] = ("event_parties", "quote_speakers")

# how a batch's rows merge into a table with a key: counts add up (a batch only adds articles)
def _added(*columns: str) -> str:
    """The ON CONFLICT update of a summary table whose ``columns`` are counts: a batch's counts are added."""
    return ", ".join(f"{c} = {c} + excluded.{c}" for c in columns)


_MERGE = {
    "actor_keys": _added("rows", "mentions", "quotes", "events", "events_shown")
                  + ", roles = list_distinct(list_concat(actor_keys.roles, excluded.roles))",
    "actor_totals": _added("articles", "network_articles"),
    "actor_label_totals": _added("articles"),
    "place_counts": _added("mentions", "articles"),
    "place_names": _added("mentions"),
    "article_facets": _added("articles"),
    "event_counts": _added("events", "events_shown"),
    "quote_counts": _added("quotes", "quotes_shown"),
    "edge_counts": _added("events", "events_shown"),
    "speaker_months": _added("quotes"),
    "party_months": _added("as_source", "as_source_shown", "as_target", "as_target_shown"),
    "party_counts": _added("rows", "rows_shown", "as_source", "as_source_shown", "as_target", "as_target_shown"),
}


def _actor_rows(entities: str) -> str:
    """Entity rows with the canonical actor name (as the view ``actor_entities``)."""
    return (f"(SELECT e.* REPLACE (coalesce(an.actor, e.name) AS name) FROM {entities} e "
            "LEFT JOIN actor_names an ON an.name = e.name AND an.label = e.label)")


def definitions(src: dict[str, str], confidence: bool, shown_at: float = SHOWN_AT,
                cue_class: bool = True, quote_confidence: bool = True) -> dict[str, str]:
    """SELECT of each summary table over source rows: ``src`` names the entities, quotes, events, places and
    articles relations (the stored tables, or one batch's rows); ``confidence``: events have that column;
    ``shown_at``: the threshold ``events_shown`` counts at; ``cue_class``: quotes have that column (a quote
    from before it is a statement); ``quote_confidence``: quotes have a ``confidence`` column (else NULL: shown)."""
    ents = _actor_rows(src["entities"])
    conf = "ev.confidence" if confidence else "NULL::DOUBLE"
    cls = "coalesce(q.cue_class, 'speech')" if cue_class else "'speech'"
    qconf = "q.confidence" if quote_confidence else "NULL::DOUBLE"
    quote_at = float(QUOTE_SHOWN_AT)  # (read at each call: quote_counts counts at this version's default)
    # an event counted as shown: at or above the threshold, or without a confidence
    shown = f"coalesce(confidence, 1) >= {float(shown_at)!r}"
    # a quote's publication date and class, an event's publication date and place: the keys the actor page's
    # lists and charts order and filter by, without joining the wide tables
    qs = f"""SELECT x.article_id, x.idx, e.id AS eid, e.name, e.label, e.actor.code AS code,
               coalesce(e.id = x.speaker.entity, false) AS is_entity, x.published, x.cue_class, x.confidence,
               {schema.row_key('x.article_id', 'x.idx')} AS row_key
        FROM (SELECT q.article_id, q.idx, q.speaker, a.published, {cls} AS cue_class, {qconf} AS confidence,
                     unnest(list_distinct(list_append(q.speaker.entities, q.speaker.entity))) AS eid
              FROM {src['quotes']} q JOIN {src['articles']} a ON a.id = q.article_id) x
        JOIN {ents} e ON e.article_id = x.article_id AND e.id = x.eid"""
    ep = f"""SELECT x.article_id, x.idx, e.id AS eid, e.name, e.label, e.actor.code AS code,
               e.actor.country AS country, list_contains(x.source, e.id) AS is_source,
               list_contains(x.target, e.id) AS is_target, x.type, x.day, x.confidence, e.idx AS entity_idx,
               x.published, x.place_name, x.place_country, x.place_lat, x.place_lon,
               {schema.row_key('x.article_id', 'x.idx')} AS row_key
        FROM (SELECT ev.article_id, ev.idx, ev.source, ev.target, ev.type, {EVENT_DAY} AS day, {conf} AS confidence,
                     a.published, pl.name AS place_name, pl.country AS place_country, pl.lat AS place_lat,
                     pl.lon AS place_lon, unnest(list_distinct(list_concat(ev.source, ev.target))) AS eid
              FROM {src['events']} ev JOIN {src['articles']} a ON a.id = ev.article_id
              LEFT JOIN {src['places']} pl ON pl.article_id = ev.article_id AND pl.idx = ev.place) x
        JOIN {ents} e ON e.article_id = x.article_id AND e.id = x.eid"""
    keys = f"""SELECT e.name, e.label, coalesce(e.actor.code, '') AS code, coalesce(e.actor.country, '') AS country,
               coalesce(e.actor.sector, '') AS sector, coalesce(e.kb_id, '') AS kb_id, count(*) AS rows,
               coalesce(sum(len(e.mentions)), 0) AS mentions, coalesce(sum(q.n), 0) AS quotes,
               coalesce(sum(v.n), 0) AS events, coalesce(sum(v.shown), 0) AS events_shown,
               list_sort(list_distinct(flatten(list(e.roles)))) AS roles
        FROM {ents} e
        LEFT JOIN (SELECT article_id, eid, count(*) AS n FROM ({qs}) GROUP BY ALL) q
             ON q.article_id = e.article_id AND q.eid = e.id
        LEFT JOIN (SELECT article_id, eid, count(*) AS n,
                          count(*) FILTER (WHERE {shown}) AS shown
                   FROM ({ep}) GROUP BY ALL) v ON v.article_id = e.article_id AND v.eid = e.id
        GROUP BY ALL"""
    quote_keys = f"""SELECT q.article_id, q.idx, a.published, {cls} AS cue_class,
               CASE WHEN q.speaker IS NULL THEN NULL ELSE {qconf} END AS confidence,
               lower(q.speaker.text) AS speaker_text
        FROM {src['quotes']} q JOIN {src['articles']} a ON a.id = q.article_id"""
    keyed = f"""SELECT ev.article_id, ev.idx, ev.type, {EVENT_DAY} AS day, a.published, {conf} AS confidence, ev.place
        FROM {src['events']} ev JOIN {src['articles']} a ON a.id = ev.article_id"""
    # each actor's distinct events (party rows, side, shown), what party_counts and party_months count
    party_events = f"""WITH p AS ({ep}),
            e AS (SELECT name, article_id, idx, any_value(type) AS type, any_value(day) AS day,
                         any_value(published) AS published, count(*) AS rows, bool_or(is_source) AS s,
                         bool_or(is_target) AS t,
                         bool_and({shown}) AS shown
                  FROM p GROUP BY name, article_id, idx)"""
    # who acts on whom: each event's distinct (source name, target name) pairs, two different actors
    edges = f"""WITH p AS ({ep})
        SELECT DISTINCT s.article_id, s.idx, s.name AS source, t.name AS target, s.type, s.day, s.confidence
        FROM p s JOIN p t ON t.article_id = s.article_id AND t.idx = s.idx AND t.is_target
        WHERE s.is_source AND s.name <> t.name"""
    return {
        "quote_speakers": qs,
        "event_parties": ep,
        "event_keys": keyed,
        # (a key column holds '' for NULL: DuckDB refuses NULL in a primary key)
        "event_counts": f"""SELECT coalesce(day, '') AS day, coalesce(strftime(published, '%Y-%m-%d'), '') AS published,
               coalesce(type, '') AS type, count(*) AS events,
               count(*) FILTER (WHERE {shown}) AS events_shown
            FROM ({keyed}) GROUP BY ALL""",
        "quote_keys": quote_keys,
        "quote_counts": f"""SELECT coalesce(strftime(published, '%Y-%m-%d'), '') AS published, cue_class,
               count(*) AS quotes, count(*) FILTER (WHERE coalesce(confidence, 1) >= {quote_at!r})
               AS quotes_shown, {quote_at!r}::DOUBLE AS shown_at
            FROM ({quote_keys}) GROUP BY ALL""",
        "place_keys": f"""SELECT p.article_id, p.idx, a.published, p.name, p.country
            FROM {src['places']} p JOIN {src['articles']} a ON a.id = p.article_id""",
        "event_edges": edges,
        # per actor: its party rows (what the event charts by actor count) and its distinct events on each side
        # (what its profile's timeline counts), by event day, publication day and type
        "party_counts": f"""{party_events}
            SELECT coalesce(name, '') AS name, coalesce(day, '') AS day,
                   coalesce(strftime(published, '%Y-%m-%d'), '') AS published, coalesce(type, '') AS type,
                   sum(rows) AS rows, coalesce(sum(rows) FILTER (WHERE shown), 0) AS rows_shown,
                   count(*) FILTER (WHERE s) AS as_source, count(*) FILTER (WHERE s AND shown) AS as_source_shown,
                   count(*) FILTER (WHERE t) AS as_target, count(*) FILTER (WHERE t AND shown) AS as_target_shown
            FROM e GROUP BY ALL""",
        # an actor's timeline: the same by publication month and type
        "party_months": f"""{party_events}
            SELECT coalesce(name, '') AS name, coalesce(strftime(published, '%Y-%m'), '') AS published,
                   coalesce(type, '') AS type,
                   count(*) FILTER (WHERE s) AS as_source, count(*) FILTER (WHERE s AND shown) AS as_source_shown,
                   count(*) FILTER (WHERE t) AS as_target, count(*) FILTER (WHERE t AND shown) AS as_target_shown
            FROM e GROUP BY ALL""",
        # and its quotes (of every class and confidence) by publication month
        "speaker_months": f"""SELECT coalesce(name, '') AS name, coalesce(strftime(published, '%Y-%m'), '') AS published,
                   count(DISTINCT (article_id, idx)) AS quotes
            FROM ({qs}) GROUP BY ALL""",
        # an actor's map: its distinct events per place with coordinates and type
        "party_places": f"""WITH p AS ({ep}),
            e AS (SELECT name, article_id, idx, any_value(type) AS type, any_value(place_name) AS place_name,
                         any_value(place_country) AS place_country, any_value(place_lat) AS lat,
                         any_value(place_lon) AS lon, bool_and({shown}) AS shown
                  FROM p WHERE place_lat IS NOT NULL AND place_lon IS NOT NULL GROUP BY name, article_id, idx)
            SELECT name, place_name, place_country, lat, lon, type, count(*) AS events,
                   count(*) FILTER (WHERE shown) AS events_shown
            FROM e GROUP BY ALL""",
        "edge_counts": f"""SELECT source, target, coalesce(type, '') AS type, coalesce(day, '') AS day, count(*) AS events,
               count(*) FILTER (WHERE {shown}) AS events_shown
            FROM ({edges}) GROUP BY ALL""",
        "actor_keys": keys,
        "actor_totals": f"""SELECT name, count(DISTINCT article_id) AS articles,
               count(DISTINCT article_id) FILTER (WHERE {network_row('name', 'label', 'actor.code')}) AS network_articles
            FROM {ents} GROUP BY name""",
        "actor_label_totals": f"SELECT name, label, count(DISTINCT article_id) AS articles FROM {ents} GROUP BY ALL",
        "actor_articles": f"""SELECT e.name, e.article_id, e.label, a.published, count(*) AS rows
            FROM {ents} e JOIN {src['articles']} a ON a.id = e.article_id GROUP BY ALL""",
        "article_actors": f"""SELECT article_id,
               to_json(list({{'name': name, 'label': label, 'rows': rows}} ORDER BY name, label))::VARCHAR AS actors_json
            FROM (SELECT e.name, e.article_id, e.label, count(*) AS rows FROM {ents} e GROUP BY ALL)
            GROUP BY article_id""",
        "article_counts": f"""SELECT a.id AS article_id, coalesce(ne.n, 0) AS entities, coalesce(nq.n, 0) AS quotes,
               coalesce(nv.n, 0) AS events, coalesce(nv.shown, 0) AS events_shown, coalesce(np.n, 0) AS places
            FROM {src['articles']} a
            LEFT JOIN (SELECT article_id, count(*) AS n FROM {src['entities']} GROUP BY 1) ne ON ne.article_id = a.id
            LEFT JOIN (SELECT article_id, count(*) AS n FROM {src['quotes']} GROUP BY 1) nq ON nq.article_id = a.id
            LEFT JOIN (SELECT ev.article_id, count(*) AS n,
                              count(*) FILTER (WHERE coalesce({conf}, 1) >= {float(shown_at)!r}) AS shown
                       FROM {src['events']} ev GROUP BY 1) nv ON nv.article_id = a.id
            LEFT JOIN (SELECT article_id, count(*) AS n FROM {src['places']} GROUP BY 1) np ON np.article_id = a.id""",
        "place_names": f"""SELECT name, count(*) AS mentions FROM {src['places']} WHERE name IS NOT NULL
            GROUP BY name""",
        "place_counts": f"""SELECT name, coalesce(country, '') AS country, coalesce(feature, '') AS feature, lat, lon,
               count(*) AS mentions, count(DISTINCT article_id) AS articles
            FROM {src['places']} WHERE lat IS NOT NULL AND lon IS NOT NULL
              AND lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180
            GROUP BY ALL""",
        "article_facets": f"""SELECT 'source' AS facet, source AS value, count(*) AS articles
            FROM {src['articles']} WHERE source IS NOT NULL GROUP BY ALL
            UNION ALL SELECT 'theme', t, count(*) FROM (SELECT unnest(themes) AS t FROM {src['articles']}) WHERE t IS NOT NULL
            GROUP BY ALL
            UNION ALL SELECT 'day', strftime(published, '%Y-%m-%d'), count(*)
            FROM {src['articles']} WHERE published IS NOT NULL GROUP BY ALL""",
    }


STORED = {"entities": "entities", "quotes": "quotes", "events": "events", "places": "places", "articles": "articles"}


def _has_column(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = ?", [table, column]
    ).fetchone()[0])  # type: ignore[index]


def _has_confidence(con: duckdb.DuckDBPyConnection) -> bool:
    return _has_column(con, "events", "confidence")


def _stored(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, ...]]:
    """The summary tables the database has, each with its columns in order."""
    out: dict[str, list[str]] = {}
    for table, column in con.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE list_contains(?::VARCHAR[], table_name) ORDER BY table_name, ordinal_position",
            [list(TABLES)]).fetchall():
        out.setdefault(table, []).append(column)
    return {t: tuple(c) for t, c in out.items()}


def present(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the database has every summary table as this version lays it out (a database no writer has
    opened since they, or the latest of them, or a column of them, came: no)."""
    stored = _stored(con)
    return all(stored.get(t) == columns(t) for t in TABLES)


def create(con: duckdb.DuckDBPyConnection) -> tuple[str, ...]:
    """Create the tables; returns those that must be built from the stored rows: every table when none existed or
    when ``events_shown`` counts at another threshold than this version's default of ``min_event_confidence``,
    else the tables a later version added or laid out otherwise (made again; a database with all the others
    gets only those, not a full rebuild), and ``quote_counts`` when it counts at another threshold than this
    version's default of ``min_quote_confidence``."""
    stored = _stored(con)
    for name in TABLES:  # laid out by an older version: made again, then built
        if name in stored and stored[name] != columns(name):
            for column in ("article_id", "row_key"):
                con.execute(f"DROP INDEX IF EXISTS {name}_{column}")
            con.execute(f"DROP TABLE {name}")
    had = {name for name in stored if stored[name] == columns(name)}
    for name, cols in TABLES.items():
        con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({cols})")
    con.execute(f"CREATE TABLE IF NOT EXISTS {INFO} (shown_at DOUBLE)")
    at = con.execute(f"SELECT shown_at FROM {INFO}").fetchall()
    if not had or not at or float(at[0][0]) != SHOWN_AT:
        return tuple(TABLES)
    if con.execute("SELECT count(*) FROM quote_counts WHERE shown_at <> ?", [QUOTE_SHOWN_AT]).fetchall()[0][0]:
        had.discard("quote_counts")  # counted at another default of min_quote_confidence: counted again
    return tuple(name for name in TABLES if name not in had)


#: one row: the threshold the stored ``actor_keys.events_shown`` counts at (set when the tables are built)
INFO = "summary_info"


def shown_at(con: duckdb.DuckDBPyConnection) -> float | None:
    """The threshold the stored ``events_shown`` counts at: None where the tables hold none (a database without
    them counts on the fly at :data:`SHOWN_AT`, see :func:`source`)."""
    if not present(con):
        return SHOWN_AT
    has_info = con.execute(
        f"SELECT count(*) FROM information_schema.tables WHERE table_name = '{INFO}'").fetchone()[0]  # type: ignore[index]
    row = con.execute(f"SELECT shown_at FROM {INFO}").fetchone() if has_info else None
    return None if row is None else float(row[0])


def _fill(con: duckdb.DuckDBPyConnection, src: dict[str, str], only: tuple[str, ...] = tuple(TABLES)) -> None:
    at = shown_at(con)
    for name, select in definitions(src, _has_confidence(con), SHOWN_AT if at is None else at,
                                    _has_column(con, "quotes", "cue_class"),
                                    _has_column(con, "quotes", "confidence")).items():
        if name not in only:
            continue
        merge = _MERGE.get(name)
        tail = f" ON CONFLICT DO UPDATE SET {merge}" if merge else ""
        con.execute(f"INSERT INTO {name} {select}{tail}")


def add_batch(con: duckdb.DuckDBPyConnection, batch: dict[str, pa.Table]) -> None:
    """Extend the tables with one write's rows (``batch``: table name -> the Arrow rows inserted), in the
    caller's transaction."""
    src = {}
    for table in STORED:
        view = f"_ng_batch_{table}"
        con.register(view, batch[table])
        src[table] = view
    try:
        _fill(con, src)
    finally:
        for view in src.values():
            con.unregister(view)


def rebuild(con: duckdb.DuckDBPyConnection, only: tuple[str, ...] = tuple(TABLES)) -> None:
    """Recompute the tables (``only``: some of them, at the stored threshold) from the stored rows, in one
    transaction; the clustered ones are then put in order (:func:`cluster`)."""
    con.execute("BEGIN TRANSACTION")
    try:
        for name in only:
            con.execute(f"DELETE FROM {name}")
        if set(only) == set(TABLES):
            con.execute(f"DELETE FROM {INFO}")
            con.execute(f"INSERT INTO {INFO} VALUES (?)", [SHOWN_AT])
        _fill(con, STORED, only)
        con.execute("COMMIT")
    except duckdb.Error:
        con.execute("ROLLBACK")
        raise
    cluster(con, only=tuple(t for t in only if t in CLUSTERED), force=True)


# ---- clustering ----------------------------------------------------------------------------------------------
#: summary tables kept in the order of these columns, so that the rows of one actor lie together: DuckDB keeps
#: the min and max of every column per row group (122,880 rows) and skips the row groups a ``name = ?`` filter
#: rules out, and within an actor's rows a top-N by date stops early (event_keys, in date order: the first page of
#: all events, 35 -> 5 ms). At 155,000 articles (3.1M rows of
#: event_parties) an actor's keys took 17-26 ms unsorted and 2-5 ms sorted (10 ms for "U.S.", in half the
#: articles). Batches append after the sorted rows; :func:`cluster` sorts a table again when that tail grows.
CLUSTERED: dict[str, str] = {
    "event_parties": "name, day, article_id, idx",
    "party_places": "name, place_name, place_country, lat, lon, type",
    "quote_speakers": "name, published DESC, article_id, idx",
    "actor_articles": "name, published DESC, article_id",
    "event_edges": "source, day, article_id, idx",
    "event_keys": "day, article_id, idx",  # the event list's order: its first page read from the first row groups
    "quote_keys": "published, article_id, idx",  # the quote and place lists' order, the same way
    "place_keys": "published, article_id, idx",
}
#: a table is sorted again when the rows appended since it was last sorted pass this share of the sorted ones
#: and :data:`MIN_TAIL` rows: each row is sorted a bounded number of times on average (a geometric schedule),
#: and the unsorted tail that every actor query reads in full stays under a quarter of the table
TAIL_SHARE = 0.25
MIN_TAIL = 500_000
#: per clustered table, how many of its rows were in order when it was last sorted
ORDER = "summary_order"


def cluster(con: duckdb.DuckDBPyConnection, *, only: tuple[str, ...] = tuple(CLUSTERED),
            force: bool = False) -> dict[str, float]:
    """Sort the clustered tables whose unsorted tail has grown past :data:`TAIL_SHARE` (``force``: all of
    ``only``), each in its own transaction: the table is written again in order and takes the old one's place
    (readers inside the process keep reading the old one until they finish; the answers do not change).
    Returns the seconds each sorted table took."""
    con.execute(f"CREATE TABLE IF NOT EXISTS {ORDER} (name VARCHAR PRIMARY KEY, sorted_rows BIGINT)")
    done: dict[str, float] = {}
    for name in only:
        # (fetchall: a result fetched in part is left open, and DuckDB then refuses con.register)
        rows = con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
        sorted_rows = (con.execute(f"SELECT sorted_rows FROM {ORDER} WHERE name = ?", [name]).fetchall() or [(0,)])[0][0]
        tail = rows - min(sorted_rows, rows)
        if not force and tail <= max(MIN_TAIL, TAIL_SHARE * sorted_rows):
            continue
        t0 = time.perf_counter()
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("DROP TABLE IF EXISTS _ng_sorted")
            con.execute(f"CREATE TABLE _ng_sorted AS SELECT * FROM {name} ORDER BY {CLUSTERED[name]}")
            con.execute(f"DROP TABLE {name}")  # its indexes go with it
            con.execute(f"ALTER TABLE _ng_sorted RENAME TO {name}")
            for column, tables in (("article_id", BY_ARTICLE), ("row_key", BY_ROW_KEY)):
                if name in tables:
                    con.execute(f"CREATE INDEX {name}_{column} ON {name} ({column})")
            con.execute(f"INSERT OR REPLACE INTO {ORDER} VALUES (?, ?)", [name, rows])
            con.execute("COMMIT")
        except duckdb.Error:
            con.execute("ROLLBACK")
            raise
        done[name] = time.perf_counter() - t0
    return done


def source(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """The relation to read summary table ``name`` from: the table, or on a database without the tables (an
    older one opened read-only) the same rows computed from the stored tables (slow, but the same answers)."""
    if present(con):
        return name
    select = definitions(STORED, _has_confidence(con), cue_class=_has_column(con, "quotes", "cue_class"),
                         quote_confidence=_has_column(con, "quotes", "confidence"))[name]
    return f"({select})"
