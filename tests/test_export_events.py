"""PLOVER JSONL and GDELT 2.0 event exports, read back from files written from a store."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from newsgraph.records import Actor, ArticleRecord, Entity, Event, Mention, Offsets, Place, TextSpan, Tone
from newsgraph.store.duck import Store
from newsgraph.store.export import EXPORTERS, GDELT_COLUMNS, export, goldstein

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
        places=[Place(41, 48, "Donetsk", "Donetsk", country="UA", admin1="14", feature="city", lat=48.023,
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
    assert row["Actor1Geo_Type"] == "0"
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
