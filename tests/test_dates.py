"""The dates component: TIMEX3-style normalisation against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Span

from newsgraph.nlp.annotations import register_extensions
from newsgraph.nlp.dates import DatesComponent, normalise, parse_anchor

THURSDAY = dt.date(2025, 4, 10)


@pytest.fixture
def dates(blank_nlp):  # type: ignore[no-untyped-def]
    register_extensions()
    return DatesComponent(blank_nlp)


def _run(component, doc, published="2025-04-10"):  # type: ignore[no-untyped-def]
    doc._.ng_published = published
    return [(d.text, d.value) for d in component(doc)._.ng_dates]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("April 2025", "2025-04"),
        ("Tuesday", "2025-04-08"),
        ("Thursday", "2025-04-10"),
        ("this year", "2025"),
        ("last year", "2024"),
        ("last week", "2025-W14"),
        ("next week", "2025-W16"),
        ("yesterday", "2025-04-09"),
        ("today", "2025-04-10"),
        ("March 3", "2025-03-03"),
        ("Oct. 23", "2024-10-23"),
        ("2019", "2019"),
        ("the 1990s", "199"),
        ("the nineties", "199"),
        ("'80s", "198"),
        ("the 20th century", "19"),
        ("now", "PRESENT_REF"),
        ("currently", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("the future", "FUTURE_REF"),
        ("last month's", "2025-03"),
        ("three days ago", "2025-04-07"),
        ("two years ago", "2023"),
        ("the fourth quarter of 1998", "1998-Q4"),
        ("the first quarter", "2025-Q1"),
        ("the first half of 1989", "1989-H1"),
        ("Friday night", "2025-04-04TNI"),
        ("this morning", "2025-04-10TMO"),
        ("10 p.m.", "2025-04-10T22:00"),
        ("9 a.m. EST Tuesday", "2025-04-08T09:00"),
        ("Tuesday, April 8, 2025", "2025-04-08"),
        ("8 April 2025", "2025-04-08"),
        ("2025-04-08", "2025-04-08"),
        ("this summer", "2025-SU"),
        ("earlier this year", "2025"),
    ],
)
def test_dates_normalise_values(text, value):  # type: ignore[no-untyped-def]
    norm = normalise(text, THURSDAY, -1)
    assert norm is not None and norm.value == value


@pytest.mark.parametrize("text", ["We", "two years", "44", "the year", "days"])
def test_dates_normalise_rejects_non_dates(text):  # type: ignore[no-untyped-def]
    assert normalise(text, THURSDAY, -1) is None


def test_dates_normalise_future_weekday_looks_ahead():  # type: ignore[no-untyped-def]
    assert normalise("Tuesday", THURSDAY, 1).value == "2025-04-15"  # type: ignore[union-attr]
    assert normalise("Thursday", THURSDAY, 1).value == "2025-04-10"  # type: ignore[union-attr]


def test_dates_normalise_month_without_year_takes_nearest_past():  # type: ignore[no-untyped-def]
    assert normalise("December", THURSDAY, -1).value == "2024-12"  # type: ignore[union-attr]
    assert normalise("December", THURSDAY, 1).value == "2025-12"  # type: ignore[union-attr]


def test_dates_normalise_without_anchor_keeps_only_absolute():  # type: ignore[no-untyped-def]
    assert normalise("April 2025", None).value == "2025-04"  # type: ignore[union-attr]
    assert normalise("2019", None).value == "2019"  # type: ignore[union-attr]
    for text in ("Tuesday", "yesterday", "last week", "March 3", "this year"):
        assert normalise(text, None) is None


def test_dates_parse_anchor():  # type: ignore[no-untyped-def]
    assert parse_anchor("2025-04-10") == THURSDAY
    assert parse_anchor("2025-04-10T12:00:00Z") == THURSDAY
    assert parse_anchor("April") is None
    assert parse_anchor(None) is None


def test_dates_component_patterns_on_hand_doc(dates, hand_doc):  # type: ignore[no-untyped-def]
    doc = hand_doc(["As", "of", "April", "2025", ",", "fighting", "went", "on", "Tuesday", "and", "yesterday", "."])
    assert _run(dates, doc) == [("April 2025", "2025-04"), ("Tuesday", "2025-04-08"), ("yesterday", "2025-04-09")]


def test_dates_component_offsets_slice_to_text(dates, hand_doc):  # type: ignore[no-untyped-def]
    doc = hand_doc(["Talks", "began", "last", "week", "in", "2019", "."])
    doc._.ng_published = "2025-04-10"
    for d in dates(doc)._.ng_dates:
        assert doc.text[d.start : d.end] == d.text
        assert d.rule


def test_dates_component_reads_ner_spans_and_drops_we(dates, hand_doc):  # type: ignore[no-untyped-def]
    doc = hand_doc(["We", "met", "on", "March", "3", "."])
    doc.ents = [Span(doc, 0, 1, label="DATE"), Span(doc, 3, 5, label="DATE")]
    assert _run(dates, doc) == [("March 3", "2025-03-03")]


def test_dates_component_modal_may_is_not_a_month(dates, hand_doc):  # type: ignore[no-untyped-def]
    doc = hand_doc(["They", "may", "return", "in", "May", "2025", "."], tags=["PRP", "MD", "VB", "IN", "NNP", "CD", "."])
    assert _run(dates, doc) == [("May 2025", "2025-05")]
    doc = hand_doc(["May", "they", "return", "?"])
    assert _run(dates, doc) == []


def test_dates_component_without_publication_date(dates, hand_doc):  # type: ignore[no-untyped-def]
    doc = hand_doc(["On", "Tuesday", ",", "in", "April", "2025", "."])
    assert _run(dates, doc, published=None) == [("April 2025", "2025-04")]


def test_dates_component_name_jan_is_not_january(dates, hand_doc):  # type: ignore[no-untyped-def]
    doc = hand_doc(["Minister", "Jan", "Kavan", "spoke", "on", "Jan", ".", "5", "."])
    assert [v for _, v in _run(dates, doc)] == ["2025-01-05"]


@pytest.mark.model
def test_dates_seed_article(nlp, seed_text):  # type: ignore[no-untyped-def]
    doc = nlp.make_doc(seed_text)
    doc._.ng_published = "2025-04-10"
    doc = nlp(doc)
    values = {(d.text, d.value) for d in doc._.ng_dates}
    assert ("April 2025", "2025-04") in values
    assert all(d.text.lower() != "we" for d in doc._.ng_dates)
    for d in doc._.ng_dates:
        assert seed_text[d.start : d.end] == d.text


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The minister said on Tuesday that talks would resume.", ("Tuesday", "2025-04-08")),
        ("The delegation will travel to Kyiv on Tuesday.", ("Tuesday", "2025-04-15")),
        ("Prices rose sharply last month, the bank said.", ("last month", "2025-03")),
        ("Officials may announce the results soon.", None),
        ("We have issued numerous warnings.", None),
    ],
)
def test_dates_real_sentences(nlp, sentence, expected):  # type: ignore[no-untyped-def]
    doc = nlp.make_doc(sentence)
    doc._.ng_published = "2025-04-10"
    found = [(d.text, d.value) for d in nlp(doc)._.ng_dates]
    if expected is None:
        assert found == []
    else:
        assert expected in found


def test_dates_vague_plural_units_are_refs():  # type: ignore[no-untyped-def]
    assert normalise("the coming days", THURSDAY, 1).value == "FUTURE_REF"  # type: ignore[union-attr]
    assert normalise("the past weeks", THURSDAY, -1).value == "PAST_REF"  # type: ignore[union-attr]


def test_dates_future_of_is_not_a_time(dates, hand_doc):  # type: ignore[no-untyped-def]
    assert _run(dates, hand_doc(["the", "future", "of", "Europe"])) == []
    assert _run(dates, hand_doc(["in", "the", "future", "."])) == [("the future", "FUTURE_REF")]


def test_dates_sentence_final_period_is_not_part_of_the_date(dates, hand_doc):  # type: ignore[no-untyped-def]
    assert _run(dates, hand_doc(["It", "ended", "in", "February", "."])) == [("February", "2025-02")]


def test_dates_empty_doc(dates, hand_doc):  # type: ignore[no-untyped-def]
    assert _run(dates, hand_doc([])) == []


def test_dates_normalise_month_with_unknown_tense_takes_nearest():  # type: ignore[no-untyped-def]
    november = dt.date(1989, 11, 20)
    assert normalise("January", november, 0).value == "1990-01"  # type: ignore[union-attr]
    assert normalise("September", november, 0).value == "1989-09"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "value"),
    [("this September", "2025-09"), ("last September", "2024-09"), ("next March", "2026-03"),
     ("last March", "2025-03")],
)
def test_dates_normalise_relative_month(text, value):  # type: ignore[no-untyped-def]
    assert normalise(text, THURSDAY, -1).value == value  # type: ignore[union-attr]
