"""The amounts component: value, qualifier, counted object, kind and unit."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from newsgraph.nlp.amounts import AmountsComponent
from newsgraph.nlp.annotations import register_extensions
from newsgraph.nlp.numbers import parse_number
from newsgraph.records import DateMention


@pytest.fixture
def amounts(blank_nlp):  # type: ignore[no-untyped-def]
    register_extensions()
    return AmountsComponent(blank_nlp)


def _items(component, doc):  # type: ignore[no-untyped-def]
    return [(a.text, a.value, a.qualifier, a.object, a.kind, a.unit) for a in component(doc)._.ng_amounts]


@pytest.mark.parametrize(
    ("words", "value"),
    [(["155"], 155), (["1,200"], 1200), (["1.2", "million"], 1.2e6), (["two", "dozen"], 24),
     (["forty-five"], 45), (["three", "hundred", "and", "twenty"], 320), (["5bn"], 5e9), (["a", "hundred"], 100)],
)
def test_numbers_parse_number(words, value):  # type: ignore[no-untyped-def]
    assert parse_number(words) == value


@pytest.mark.parametrize("words", [["two", "three"], ["million"], ["a"], ["dozens"], ["1st"], ["May"]])
def test_numbers_parse_number_rejects(words):  # type: ignore[no-untyped-def]
    assert parse_number(words) is None


def test_amounts_count_with_qualifier_and_object(amounts, hand_doc):  # type: ignore[no-untyped-def]
    doc = hand_doc(
        ["At", "least", "155", "Chinese", "nationals", "are", "fighting", "."],
        pos=["ADP", "ADV", "NUM", "ADJ", "NOUN", "AUX", "VERB", "PUNCT"],
    )
    assert _items(amounts, doc) == [("At least 155", 155.0, "at least", "Chinese nationals", "count", None)]


def test_amounts_money_percent_and_scale(amounts, hand_doc):  # type: ignore[no-untyped-def]
    doc = hand_doc(["The", "EU", "gave", "$", "5", "billion", ",", "up", "12", "%", "or", "12", "percent", "."])
    items = _items(amounts, doc)
    assert ("$ 5 billion", 5e9, None, None, "money", "USD") in items
    assert ("12 %", 12.0, None, None, "percent", "%") in items
    assert ("12 percent", 12.0, None, None, "percent", "%") in items


def test_amounts_spelled_out_numbers(amounts, hand_doc):  # type: ignore[no-untyped-def]
    doc = hand_doc(
        ["three", "soldiers", "and", "two", "dozen", "civilians", "and", "1.2", "million", "people"],
        pos=["NUM", "NOUN", "CCONJ", "NUM", "NUM", "NOUN", "CCONJ", "NUM", "NUM", "NOUN"],
    )
    assert [(t, v, o) for t, v, _q, o, _k, _u in _items(amounts, doc)] == [
        ("three", 3.0, "soldiers"), ("two dozen", 24.0, "civilians"), ("1.2 million", 1.2e6, "people"),
    ]


@pytest.mark.parametrize(
    ("qualifier", "words"),
    [("about", ["about"]), ("around", ["around"]), ("nearly", ["nearly"]), ("almost", ["almost"]),
     ("more than", ["more", "than"]), ("over", ["over"]), ("up to", ["up", "to"]), ("at most", ["at", "most"]),
     ("some", ["some"]), ("roughly", ["roughly"]), ("fewer than", ["fewer", "than"])],
)
def test_amounts_qualifiers(amounts, hand_doc, qualifier, words):  # type: ignore[no-untyped-def]
    doc = hand_doc(["They", "saw", *words, "40", "tanks", "."])
    (item,) = _items(amounts, doc)
    assert item[1] == 40.0 and item[2] == qualifier


@pytest.mark.parametrize(("words", "value", "qualifier"), [
    (["dozens", "of", "protesters"], 24.0, "dozens of"),
    (["hundreds", "of", "protesters"], 200.0, "hundreds of"),
    (["tens", "of", "thousands", "of", "protesters"], 20_000.0, "tens of thousands of"),
])
def test_amounts_vague_plurals(amounts, hand_doc, words, value, qualifier):  # type: ignore[no-untyped-def]
    (item,) = _items(amounts, hand_doc(words))
    assert item[1:4] == (value, qualifier, "protesters")


def test_amounts_excludes_dates_years_times_ordinals_phones(amounts, hand_doc):  # type: ignore[no-untyped-def]
    words = ["In", "2019", ",", "on", "March", "3", "at", "10:30", ",", "the", "1st", "call", "to", "555-1234", "."]
    doc = hand_doc(words)
    doc.ents = [Span(doc, 4, 6, label="DATE")]
    assert _items(amounts, doc) == []


def test_amounts_skips_numbers_inside_ng_dates(amounts, hand_doc):  # type: ignore[no-untyped-def]
    doc = hand_doc(["three", "days", "ago", "5", "men"])
    doc._.ng_dates = [DateMention(start=0, end=14, text="three days ago", value="2025-04-07")]
    assert [i[0] for i in _items(amounts, doc)] == ["5"]


def test_amounts_range_keeps_lower_bound(amounts, hand_doc):  # type: ignore[no-untyped-def]
    (item,) = _items(amounts, hand_doc(["between", "20", "and", "30", "people"]))
    assert item[:3] == ("between 20 and 30", 20.0, "between")


def test_amounts_offsets_slice_to_text(amounts, hand_doc):  # type: ignore[no-untyped-def]
    doc = hand_doc(["About", "$", "3", "million", "and", "nearly", "40", "%", "."])
    for a in amounts(doc)._.ng_amounts:
        assert doc.text[a.start : a.end] == a.text
        assert a.rule


@pytest.mark.model
def test_amounts_seed_article(nlp, seed_text):  # type: ignore[no-untyped-def]
    doc = nlp.make_doc(seed_text)
    doc._.ng_published = "2025-04-10"
    doc = nlp(doc)
    found = [(a.value, a.qualifier, a.object) for a in doc._.ng_amounts]
    assert (155.0, "at least", "Chinese nationals") in found
    assert all(a.value != 2025 for a in doc._.ng_amounts)


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The EU approved $5 billion in aid for Ukraine.", ("$5 billion", 5e9, None, "money", "USD")),
        ("Three soldiers were killed near the border.", ("Three", 3.0, None, "count", None)),
        ("Turnout fell to 12 percent, officials said.", ("12 percent", 12.0, None, "percent", "%")),
        ("Nearly 1.2 million people have fled the region.", ("Nearly 1.2 million", 1.2e6, "nearly", "count", None)),
        ("Dozens of protesters gathered outside parliament.", ("Dozens of", 24.0, "dozens of", "count", None)),
    ],
)
def test_amounts_real_sentences(nlp, sentence, expected):  # type: ignore[no-untyped-def]
    doc = nlp.make_doc(sentence)
    doc._.ng_published = "2025-04-10"
    found = [(a.text, a.value, a.qualifier, a.kind, a.unit) for a in nlp(doc)._.ng_amounts]
    assert expected in found


@pytest.mark.model
def test_amounts_real_sentence_objects(nlp):  # type: ignore[no-untyped-def]
    doc = nlp("Ukraine said 300 Russian soldiers and two dozen tanks were lost in 2024 near Bakhmut.")
    assert [(a.value, a.object) for a in doc._.ng_amounts] == [(300.0, "Russian soldiers"), (24.0, "tanks")]


def test_amounts_hyphenated_modifiers(amounts, hand_doc):  # type: ignore[no-untyped-def]
    doc = hand_doc(["a", "10", "-", "year", "-", "old", "boy", "and", "a", "2,000", "-", "kilometer", "border"],
                   spaces=[True, False, False, False, False, True, True, True, True, False, False, True, False])
    assert [(a.text, a.value, a.kind, a.unit) for a in amounts(doc)._.ng_amounts] == [
        ("2,000-kilometer", 2000.0, "quantity", "km")
    ]


def test_amounts_empty_doc(amounts, hand_doc):  # type: ignore[no-untyped-def]
    assert _items(amounts, hand_doc([])) == []


def test_amounts_knowledge_dir_extends_lexicon(blank_nlp, hand_doc, tmp_path):  # type: ignore[no-untyped-def]
    from newsgraph.nlp.amounts import load_amount_lexicon

    register_extensions()
    (tmp_path / "amounts.tsv").write_text("currency_word\tbitcoins\tBTC\nqualifier\twell above\t\n", encoding="utf-8")
    component = AmountsComponent(blank_nlp, load_amount_lexicon(str(tmp_path)))
    (item,) = _items(component, hand_doc(["well", "above", "30", "bitcoins"]))
    assert item == ("well above 30 bitcoins", 30.0, "well above", None, "money", "BTC")


def test_amounts_lexicon_bad_line_names_the_line():  # type: ignore[no-untyped-def]
    from newsgraph.errors import SettingsError
    from newsgraph.nlp.amounts import AmountLexicon, read_amount_lexicon

    with pytest.raises(SettingsError, match=r"x\.tsv:2"):
        read_amount_lexicon(AmountLexicon(), "# header\ncurrency\t$\tUSD\n", "x.tsv")
