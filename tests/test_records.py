"""Records: JSON and DuckDB round trips (hypothesis), schema validity."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.records import (
    Actor,
    Amount,
    ArticleRecord,
    DateMention,
    Entity,
    Event,
    Mention,
    Offsets,
    Place,
    Quote,
    Record,
    Speaker,
    TextSpan,
    Tone,
    json_schema,
)
from newsgraph.store.duck import Store
from tests.olddb import drop_column

text_st = st.text(min_size=1, max_size=200)
small = st.integers(min_value=0, max_value=10_000)
maybe_str = st.none() | st.text(max_size=20)
finite = st.floats(allow_nan=False, allow_infinity=False, width=64)


def spans(cls):  # type: ignore[no-untyped-def]
    return st.builds(cls, start=small, end=small, text=st.text(max_size=30))


entity_st = st.builds(
    Entity, id=st.text(min_size=1, max_size=5), name=st.text(max_size=20), label=st.sampled_from(["PERSON", "ORG"]),
    actor=st.builds(Actor, country=maybe_str, sector=maybe_str, code=maybe_str, evidence=st.lists(st.text(max_size=8), max_size=3)),
    kb_id=maybe_str, mentions=st.lists(spans(Mention), max_size=3), roles=st.lists(st.text(max_size=8), max_size=2),
)
quote_st = st.builds(
    Quote, start=small, end=small, text=st.text(max_size=30), kind=st.sampled_from(["direct", "indirect", "partial", "mixed"]),
    cue=st.none() | spans(TextSpan),
    speaker=st.none() | st.builds(Speaker, start=small, end=small, text=st.text(max_size=10), entity=maybe_str,
                                  entities=st.lists(st.text(max_size=4), max_size=2)),
    cue_lemma=maybe_str, cue_class=st.none() | st.sampled_from(["speech", "thought", "position", "evidence"]),
)
event_st = st.builds(
    Event, type=st.sampled_from(["ACCUSE", "COERCE"]), trigger=spans(TextSpan), sentence=st.builds(Offsets, start=small, end=small),
    mode=maybe_str, context=st.lists(st.text(max_size=5), max_size=2), cameo=maybe_str,
    source=st.lists(st.text(max_size=4), max_size=2), target=st.lists(st.text(max_size=4), max_size=2),
    place=st.none() | small, date=maybe_str, negated=st.booleans(), hypothetical=st.booleans(),
)
place_st = st.builds(
    Place, start=small, end=small, text=st.text(max_size=10), name=st.text(max_size=10), country=maybe_str,
    lat=st.none() | finite, lon=st.none() | finite, geonameid=st.none() | small,
)
record_st = st.builds(
    ArticleRecord,
    id=st.text(min_size=1, max_size=20), text=text_st, language=st.sampled_from(["en", "fr"]),
    title=maybe_str, url=maybe_str, source=maybe_str,
    published=st.none() | st.dates().map(lambda d: d.isoformat()),
    entities=st.lists(entity_st, max_size=3), quotes=st.lists(quote_st, max_size=2),
    events=st.lists(event_st, max_size=2), places=st.lists(place_st, max_size=2),
    dates=st.lists(st.builds(DateMention, start=small, end=small, text=st.text(max_size=9), value=st.text(max_size=9)), max_size=2),
    amounts=st.lists(st.builds(Amount, start=small, end=small, text=st.text(max_size=9), value=finite,
                               qualifier=maybe_str, object=maybe_str), max_size=2),
    tone=st.builds(Tone, score=finite, positive=finite, negative=finite, polarity=finite),
    themes=st.lists(st.text(max_size=10), max_size=3),
)


@given(record_st)
def test_records_json_round_trip(record: ArticleRecord) -> None:
    assert ArticleRecord.from_dict(json.loads(json.dumps(record.to_dict()))) == record


def _walk(value: Any) -> Any:
    """The plain form by the generic walk over dataclass fields (what to_dict did before it was compiled)."""
    if isinstance(value, Record):
        return {f.name: _walk(getattr(value, f.name)) for f in dataclasses.fields(value)}  # type: ignore[arg-type]
    if isinstance(value, (list, tuple)):
        return [_walk(v) for v in value]
    return value


@given(record_st)
def test_records_compiled_to_dict_equals_the_generic_walk(record: ArticleRecord) -> None:
    plain = record.to_dict()
    assert plain == _walk(record)
    assert type(plain["entities"]) is list and all(type(e["mentions"]) is list for e in plain["entities"])


@given(record_st)
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_records_duckdb_round_trip(record: ArticleRecord) -> None:
    with Store(":memory:") as store:
        assert store.write([record]) == 1
        assert store.get(record.id) == record


@given(record_st)
@settings(max_examples=25, deadline=None)
def test_records_validate_against_json_schema(record: ArticleRecord) -> None:
    jsonschema.validate(json.loads(json.dumps(record.to_dict())), json_schema())


def test_records_are_frozen_and_slotted() -> None:
    t = Tone()
    assert not hasattr(t, "__dict__")
    try:
        t.score = 1.0  # type: ignore[misc]
    except AttributeError:
        return
    raise AssertionError("records must be frozen")


def test_records_from_dict_rejects_missing_required_key() -> None:
    import pytest

    with pytest.raises(KeyError, match="text"):
        ArticleRecord.from_dict({"id": "x", "language": "en"})


def test_records_quote_addressee_in_schema_store_and_older_databases(tmp_path) -> None:  # type: ignore[no-untyped-def]

    from newsgraph.records import Addressee

    text = "Fu Cong blamed the Trump administration for disrupting the deal."
    q = Quote(start=15, end=64, text=text[15:64], kind="indirect", speaker=Speaker(0, 7, "Fu Cong", "e1"),
              addressee=Addressee(15, 39, text[15:39], "e2"))
    rec = ArticleRecord(id="a1", text=text, language="en", quotes=[q])
    quote_schema = json.dumps(json_schema())
    assert '"addressee"' in quote_schema
    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        store.write([rec])
        assert store.get("a1").quotes[0].addressee == q.addressee
    # a database written before the field existed: read-only it reads as None, opened for writing it gains it
    drop_column(db, "quotes", "addressee")
    with Store(db, read_only=True) as store:
        got = store.get("a1").quotes[0]
        assert got.addressee is None and got.speaker == q.speaker
    with Store(db) as store:
        store.write([ArticleRecord(id="a2", text=text, language="en", quotes=[q])])
        assert store.get("a2").quotes[0].addressee == q.addressee
        assert store.get("a1").quotes[0].addressee is None


def test_records_quote_cue_class_in_schema_store_exports_and_older_databases(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pyarrow.parquet as pq

    text = "Lin hopes the talks resume."
    q = Quote(start=10, end=26, text=text[10:26], kind="indirect", speaker=Speaker(0, 3, "Lin", "e1"),
              cue=TextSpan(4, 9, "hopes"), cue_lemma="hope", cue_class="thought")
    rec = ArticleRecord(id="a1", text=text, language="en", quotes=[q])
    schema = json_schema()
    assert '"cue_class"' in json.dumps(schema)
    jsonschema.validate(json.loads(json.dumps(rec.to_dict())), schema)
    assert ArticleRecord.from_dict(json.loads(json.dumps(rec.to_dict()))).quotes[0].cue_class == "thought"
    # a JSON record from before the field reads with cue_class None
    old = rec.to_dict()
    del old["quotes"][0]["cue_class"]
    assert ArticleRecord.from_dict(old).quotes[0].cue_class is None
    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        store.write([rec])
        assert store.get("a1").quotes[0].cue_class == "thought"
    drop_column(db, "quotes", "cue_class")
    with Store(db, read_only=True) as store:
        got = store.get("a1").quotes[0]
        assert got.cue_class is None and got.cue_lemma == "hope"
    with Store(db) as store:
        store.write([ArticleRecord(id="a2", text=text, language="en", quotes=[q])])
        assert store.get("a2").quotes[0].cue_class == "thought"
        assert store.get("a1").quotes[0].cue_class is None
        # the exports carry it
        from newsgraph.store.export import export_jsonl, export_parquet

        export_jsonl(store, tmp_path / "out.jsonl")
        rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
        assert {r["id"]: r["quotes"][0]["cue_class"] for r in rows} == {"a1": None, "a2": "thought"}
        export_parquet(store, tmp_path / "pq")
    table = pq.read_table(tmp_path / "pq" / "quotes.parquet")
    assert sorted(v for v in table.column("cue_class").to_pylist() if v) == ["thought"]


def test_records_quote_confidence_in_schema_store_exports_and_older_databases(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pyarrow.parquet as pq

    text = "Lin said the talks resume."
    q = Quote(start=9, end=25, text=text[9:25], kind="indirect", speaker=Speaker(0, 3, "Lin", "e1"),
              cue=TextSpan(4, 8, "said"), cue_lemma="say", cue_class="speech", confidence=0.8125)
    rec = ArticleRecord(id="a1", text=text, language="en", quotes=[q])
    schema = json_schema()
    jsonschema.validate(json.loads(json.dumps(rec.to_dict())), schema)
    assert ArticleRecord.from_dict(json.loads(json.dumps(rec.to_dict()))).quotes[0].confidence == 0.8125
    old = rec.to_dict()  # a JSON record from before the field reads with confidence None
    del old["quotes"][0]["confidence"]
    assert ArticleRecord.from_dict(old).quotes[0].confidence is None
    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        store.write([rec])
        assert store.get("a1").quotes[0] == q
    # a database written before the field existed: read-only it reads as None, opened for writing it gains it
    drop_column(db, "quotes", "confidence")
    with Store(db, read_only=True) as store:
        got = store.get("a1").quotes[0]
        assert got.confidence is None and got.speaker == q.speaker
    with Store(db) as store:
        store.write([ArticleRecord(id="a2", text=text, language="en", quotes=[q])])
        assert store.get("a2").quotes[0] == q
        assert store.get("a1").quotes[0].confidence is None
        from newsgraph.store.export import export_jsonl, export_parquet

        export_jsonl(store, tmp_path / "out.jsonl")
        rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
        assert {r["id"]: r["quotes"][0]["confidence"] for r in rows} == {"a1": None, "a2": 0.8125}
        export_parquet(store, tmp_path / "pq")
    table = pq.read_table(tmp_path / "pq" / "quotes.parquet")
    assert sorted(v for v in table.column("confidence").to_pylist() if v is not None) == [0.8125]
