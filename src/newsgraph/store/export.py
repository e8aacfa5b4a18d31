"""Exporters: JSONL records, Parquet tables, PLOVER JSONL, GDELT 2.0 event rows and GDELT GKG 2.1 rows (``gkg``).

Each reads records from the store (``store.iter_records()``), never spaCy objects.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import IO

from newsgraph import __version__
from newsgraph.errors import NewsgraphError
from newsgraph.records import PART_TABLES, ActorPhrase, ArticleRecord, Entity, Event
from newsgraph.store import schema
from newsgraph.store.duck import Store
from newsgraph.store.gdelt_geo import (
    KNOWLEDGE,
    NO_GEO,
    NON_FIPS_ADMIN1,
    Geo,
    country_place,
    fips_country,
    fips_table,
    gdelt_adm1,
    gdelt_geo,
    knowledge_pairs,
)
from newsgraph.store.gkg import export_gdelt_gkg, safe_fields

__all__ = ["KNOWLEDGE", "NON_FIPS_ADMIN1", "fips_country", "fips_table", "gdelt_adm1"]


def export_jsonl(store: Store, out: Path | None) -> str:
    fh = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
    n = 0
    try:
        for record in store.iter_records():
            fh.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    finally:
        if out:
            fh.close()
    return f"{n} records written to {out or 'stdout'}"


def export_parquet(store: Store, out: Path | None) -> str:
    folder = out or Path("newsgraph-parquet")
    folder.mkdir(parents=True, exist_ok=True)
    tables = ["articles", *(t for t, _, _ in PART_TABLES), "failures"]
    for table in tables:
        target = str(folder / f"{table}.parquet").replace("'", "''")
        # the record's fields only: a row's lookup key (schema.ROW_KEYED) is the store's, not part of the record
        columns = "* EXCLUDE (row_key)" if table in schema.ROW_KEYED and "row_key" in store.columns(table) else "*"
        store.con.execute(f"COPY (SELECT {columns} FROM {table}) TO '{target}' (FORMAT PARQUET)")
    return f"{len(tables)} tables written to {folder}/"


# ---- events ------------------------------------------------------------------------------------------------

#: PLOVER manual table 7.2
PLOVER_QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
#: a CAMEO code for events that carry none (the type's usual root)
TYPE_CAMEO = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "COOPERATE": "060", "AID": "070", "CONCEDE": "080",
    "RETREAT": "084", "ACCUSE": "110", "REQUEST": "100", "REJECT": "120", "THREATEN": "130", "PROTEST": "140",
    "MOBILIZE": "150", "SANCTION": "160", "COERCE": "170", "ASSAULT": "190",
}
INTERNATIONAL = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")

#: the 61 columns of a GDELT 2.0 event record (http://data.gdeltproject.org/documentation/GDELT-Event_Codebook-V2.0.pdf)
GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{f}" for n in (1, 2) for f in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{g}Geo_{f}" for g in ("Actor1", "Actor2", "Action") for f in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)


@lru_cache(maxsize=1)
def goldstein_table() -> dict[str, float]:
    return {code: float(value) for code, value in knowledge_pairs("goldstein.tsv").items()}


def goldstein(cameo: str) -> float | None:
    table = goldstein_table()
    for n in range(len(cameo), 1, -1):
        if cameo[:n] in table:
            return table[cameo[:n]]
    return None


def cameo_quad(cameo: str) -> int:
    """GDELT QuadClass from the CAMEO root: 1 verbal / 2 material cooperation, 3 verbal / 4 material conflict."""
    root = int(cameo[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def event_day(event: Event, record: ArticleRecord) -> str | None:
    """YYYY-MM-DD: the event's own full date, else the publication date (values that are no calendar day, such
    as "PRESENT_REF" or "2025-W10", are passed over)."""
    for value in (event.date, record.published):
        if value and _DAY.match(value):
            try:
                return date.fromisoformat(value[:10]).isoformat()
            except ValueError:
                continue
    return None


@contextmanager
def _open(out: Path | None) -> Iterator[IO[str]]:
    if out is None:
        yield sys.stdout
        return
    with open(out, "w", encoding="utf-8", newline="") as fh:
        yield fh


def _entity_json(e: Entity) -> dict:
    a = e.actor
    return {
        "code": a.country, "sector": a.sector, "entity_text": e.name, "identifier_text": e.name,
        "identifier_id": e.kb_id, "newsgraph_id": e.id,
    }


def _phrase_json(p: ActorPhrase) -> dict:
    """A side named by a phrase no entity stands for ("the police"): no code, the sector its head noun implies."""
    return {
        "code": None, "sector": p.sector, "entity_text": p.text, "identifier_text": p.text, "identifier_id": None,
        "newsgraph_id": None, "newsgraph_phrase": {"start": p.start, "end": p.end},
    }


def plover_event(record: ArticleRecord, n: int, event: Event) -> dict:
    """One PLOVER event record (PLOVER manual ch. 6; field names in snake_case)."""
    ents = {e.id: e for e in record.entities}
    place = record.places[event.place] if event.place is not None and event.place < len(record.places) else None
    sent = record.text[event.sentence.start : event.sentence.end]
    out: dict = {
        "id": f"{record.id}-{n:03d}",
        "has_event": True,
        "date": event_day(event, record),
        "actor": [_entity_json(ents[i]) for i in event.source if i in ents]
        + [_phrase_json(p) for p in event.source_phrases],
        "recipient": [_entity_json(ents[i]) for i in event.target if i in ents]
        + [_phrase_json(p) for p in event.target_phrases],
        "event": [event.type],
        "mode": [event.mode] if event.mode else [],
        "context": list(event.context),
        "event_text": [event.trigger.text],
        "quad_code": PLOVER_QUAD.get(event.type),
        "event_scale": goldstein(event.cameo) if event.cameo else None,
        "event_loc": None if place is None else {
            "extracted_place": place.text, "resolved_place": place.name, "geonameid": place.geonameid,
            "lat": place.lat, "lon": place.lon, "province": place.admin1, "country_code": place.country,
            "feature_code": place.feature,
        },
        "text": sent,
        "text_info": {"start": event.sentence.start, "end": event.sentence.end,
                      "trigger_start": event.trigger.start, "trigger_end": event.trigger.end},
        "cite_info": {"url": record.url, "title": record.title, "publication": record.source,
                      "language": record.language, "coder": f"newsgraph {__version__}", "codebook": "plover-0.8",
                      "citation": record.id},
        "coder": f"newsgraph {__version__}",
        # extensions
        "cameo": event.cameo, "negated": event.negated, "hypothetical": event.hypothetical,
        "date_source": event.date_source, "reporter": list(event.reporter), "rule": event.rule,
        "confidence": event.confidence,
    }
    return out


def export_plover(store: Store, out: Path | None) -> str:
    n = 0
    with _open(out) as fh:
        for record in store.iter_records():
            for i, event in enumerate(record.events, 1):
                fh.write(json.dumps(plover_event(record, i, event), ensure_ascii=False) + "\n")
                n += 1
    return f"{n} PLOVER events written to {out or 'stdout'}"


#: the columns ``gdelt-events`` adds after GDELT's 61 with ``extra=True``: the event's confidence (0..1, empty
#: when it has none) and the newsgraph event it comes from ("<article id>#ev<n>", never empty, so last)
GDELT_EXTRA_COLUMNS: tuple[str, ...] = ("NewsgraphConfidence", "NewsgraphEvent")


def _gdelt_actor(e: Entity | ActorPhrase | None) -> list[str]:
    if e is None:
        return [""] * 10
    if isinstance(e, ActorPhrase):  # "the police": GDELT codes an unknown country's sector by the sector alone
        return [e.sector or "", e.text.upper(), "", "", "", "", "", e.sector or "", "", ""]
    a = e.actor
    country = a.country if a.country and a.country not in INTERNATIONAL else ""
    group = a.country if a.country in INTERNATIONAL else ""
    code = a.code or ""
    return [code, e.name.upper(), country, group, "", "", "", a.sector or "", "", ""]


#: the actor's geo: the place an actor names when it is a place ("Ukraine said", "Kyiv accused"), else its country
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def actor_geo(entity: Entity | ActorPhrase | None, record: ArticleRecord, event: Event) -> Geo | None:
    """Actor1Geo / Actor2Geo: where the actor is, by the rule of docs/README-events.md.

    1. An actor that is a place (a GPE, LOC or FAC entity with a resolved place at one of its mentions, those in
       the event's sentence first): that place.
    2. Else the actor's country (``actor.country``, alpha-3; not an international code such as IGO or UNO),
       as a country-level geo (type 1, the gazetteer's point for the country).
    3. Else none (type 0).
    """
    if entity is None or isinstance(entity, ActorPhrase):
        return None
    if entity.label in PLACE_LABELS and record.places:
        sent = event.sentence
        mentions = sorted(entity.mentions, key=lambda m: not (sent.start <= m.start < sent.end))
        for m in mentions:
            for place in record.places:
                if place.start < m.end and m.start < place.end:
                    geo = gdelt_geo(place)
                    if geo is not None:
                        return geo
    country = entity.actor.country
    if country and country not in INTERNATIONAL:
        return gdelt_geo(country_place(country))
    return None


def _geo_fields(geo: Geo | None) -> list[str]:
    return NO_GEO if geo is None else geo.fields()


def gdelt_rows(record: ArticleRecord, extra: bool = False) -> Iterator[list[str]]:
    """GDELT 2.0 event rows for one record: one per (source, target) pair of each event, a side no entity stands
    for given by its phrases ("the police": Actor1Code COP); ``extra`` adds ``GDELT_EXTRA_COLUMNS``."""
    ents = {e.id: e for e in record.entities}
    for n, event in enumerate(record.events, 1):
        day = event_day(event, record)
        if day is None:
            continue
        d = date.fromisoformat(day)
        cameo = event.cameo or TYPE_CAMEO.get(event.type, "")
        score = goldstein(cameo) if cameo else None
        place = record.places[event.place] if event.place is not None and event.place < len(record.places) else None
        sources: list[Entity | ActorPhrase | None] = [ents.get(i) for i in event.source]
        sources = sources or list(event.source_phrases) or [None]
        targets: list[Entity | ActorPhrase | None] = [ents.get(i) for i in event.target]
        targets = targets or list(event.target_phrases) or [None]
        added = (record.published or day).replace("-", "")[:8] + "000000"
        for si, src in enumerate(sources):
            for ti, tgt in enumerate(targets):
                key = f"{record.id}\x1f{n}\x1f{si}\x1f{ti}".encode()
                gid = int(hashlib.sha256(key).hexdigest()[:15], 16)
                row = [
                    str(gid), d.strftime("%Y%m%d"), d.strftime("%Y%m"), str(d.year),
                    f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}",
                    *_gdelt_actor(src), *_gdelt_actor(tgt),
                    "1", cameo, cameo[:3], cameo[:2], str(cameo_quad(cameo)) if cameo else "",
                    "" if score is None else f"{score:.1f}",
                    "1", "1", "1", f"{record.tone.score:.4f}",
                    *_geo_fields(actor_geo(src, record, event)), *_geo_fields(actor_geo(tgt, record, event)),
                    *_geo_fields(gdelt_geo(place)),
                    # never empty: GDELT readers strip a line before splitting it, which drops an empty last column
                    added, record.url or record.id,
                ]
                if extra:
                    conf = "" if event.confidence is None else f"{event.confidence:.3f}"
                    row += [conf, f"{record.id}#ev{n}"]
                yield safe_fields(row)


def export_gdelt_events(store: Store, out: Path | None, extra: bool = False) -> str:
    n = 0
    with _open(out) as fh:
        for record in store.iter_records():
            for row in gdelt_rows(record, extra):
                fh.write("\t".join(row) + "\n")
                n += 1
    cols = len(GDELT_COLUMNS) + (len(GDELT_EXTRA_COLUMNS) if extra else 0)
    return f"{n} GDELT event rows ({cols} columns, no header) written to {out or 'stdout'}"


EXPORTERS: dict[str, Callable[[Store, Path | None], str]] = {
    "jsonl": export_jsonl,
    "parquet": export_parquet,
    "plover": export_plover,
    "gdelt-events": export_gdelt_events,
    "claims": lambda store, out: __import__("newsgraph.store.claims.export", fromlist=["x"]).export_claims(store, out),
    "gdelt-gkg": export_gdelt_gkg,
}


def export(store: Store, fmt: str, out: Path | None, extra: bool = False) -> str:
    """Write the store in format ``fmt``; ``extra`` adds newsgraph's columns to ``gdelt-events`` (only)."""
    try:
        fn = EXPORTERS[fmt]
    except KeyError:
        raise NewsgraphError(f"unknown export format {fmt!r}; known: {', '.join(EXPORTERS)}") from None
    if extra:
        if fmt != "gdelt-events":
            raise NewsgraphError(f"--extra-columns is for gdelt-events only (the {fmt} export has every field)")
        return export_gdelt_events(store, out, extra=True)
    return fn(store, out)
