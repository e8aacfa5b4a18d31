"""newsgraph_places_v1: recognition and resolution on hand-built Docs, and the seed with the model."""

from __future__ import annotations

import math

import pytest
from spacy.tokens import Doc

from newsgraph.gazetteer import get_gazetteer
from newsgraph.nlp.annotations import EntityAnn, get_list, register_extensions
from newsgraph.nlp.places import PlacesComponent
from newsgraph.records import Place


@pytest.fixture(scope="module")
def places(blank_nlp) -> PlacesComponent:  # type: ignore[no-untyped-def]
    register_extensions()
    return PlacesComponent(blank_nlp, get_gazetteer())


def _run(places: PlacesComponent, doc: Doc, entities: list[EntityAnn] | None = None) -> dict[str, Place]:
    get_list(doc, "ng_entities")[:] = entities or []
    places(doc)
    return {p.text: p for p in get_list(doc, "ng_places")}


def _km(p: Place, lat: float, lon: float) -> float:
    assert p.lat is not None and p.lon is not None
    la1, lo1, la2, lo2 = map(math.radians, (p.lat, p.lon, lat, lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def test_places_entities_and_relabelled_region(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["Forces", "in", "Donetsk", "Oblast", "and", "Ukraine", "."]
    doc = hand_doc(words, ents=["O", "O", "B-ORG", "I-ORG", "O", "B-GPE", "O"])
    # the entities component relabels "Donetsk Oblast" (ORG in the small model) as GPE
    ann = EntityAnn(id="e1", name="Donetsk Oblast", label="GPE", mentions=[(10, 24)], rule="ner+place_head")
    got = _run(places, doc, [ann])
    oblast = got["Donetsk Oblast"]
    assert (oblast.feature, oblast.country, oblast.rule) == ("admin1", "UA", "ner+place_head")
    assert _km(oblast, 48.0, 37.8) < 161
    assert (got["Ukraine"].feature, got["Ukraine"].country, got["Ukraine"].geonameid) == ("country", "UA", 690791)


def test_places_gazetteer_finds_town_the_model_missed(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc(["Soldiers", "were", "captured", "in", "Donetsk", "."])
    got = _run(places, doc)
    assert got["Donetsk"].country == "UA" and got["Donetsk"].rule.startswith("gazetteer:")


def test_places_demonyms_and_people_are_not_places(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["Chinese", "nationals", "met", "Paris", "Hilton", "and", "Ukrainians", "."]
    doc = hand_doc(words, ents=["B-NORP", "O", "O", "B-PERSON", "I-PERSON", "O", "B-GPE", "O"])
    assert _run(places, doc) == {}


def test_places_qualifier_picks_the_state(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["Police", "in", "London", ",", "Ky.", ",", "and", "Paris", ",", "Texas", ",", "said", "."]
    ents = ["O", "O", "B-GPE", "O", "B-GPE", "O", "O", "B-GPE", "O", "B-GPE", "O", "O", "O"]
    spaces = [True, True, False, True, False, True, True, False, True, False, True, False, False]
    got = _run(places, hand_doc(words, spaces=spaces, ents=ents))
    assert (got["London"].country, got["London"].admin1) == ("US", "Kentucky")
    assert "qualifier Kentucky" in (got["London"].reason or "")
    assert (got["Ky."].feature, got["Ky."].name) == ("admin1", "Kentucky")
    assert (got["Paris"].country, got["Paris"].admin1) == ("US", "Texas")


@pytest.mark.parametrize(("state", "admin1"), [("La.", "Louisiana"), ("Virginia", "Virginia")])
def test_places_admin1_consistency(places, hand_doc, state: str, admin1: str) -> None:  # type: ignore[no-untyped-def]
    words = ["In", "Alexandria", ",", state, ",", "officials", "spoke", "."]
    spaces = [True, False, True, False, True, True, False, False]
    got = _run(places, hand_doc(words, spaces=spaces, ents=["O", "B-GPE", "O", "B-GPE", "O", "O", "O", "O"]))
    assert (got["Alexandria"].country, got["Alexandria"].admin1) == ("US", admin1)


def test_places_without_context_the_most_populous_wins(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    got = _run(places, hand_doc(["Talks", "in", "Alexandria", "."], ents=["O", "O", "B-GPE", "O"]))
    assert got["Alexandria"].country == "EG"
    assert "share the name" in (got["Alexandria"].reason or "")


def test_places_document_country_context(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["Birmingham", "officials", "and", "Alabama", "police", "said", "."]
    got = _run(places, hand_doc(words, ents=["B-GPE", "O", "O", "B-GPE", "O", "O", "O"]))
    assert (got["Birmingham"].country, got["Birmingham"].admin1) == ("US", "Alabama")
    assert "Alabama named in the article" in (got["Birmingham"].reason or "")


def test_places_dateline_sets_the_context(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["CAIRO", "—", "Officials", "in", "Alexandria", "said", "."]
    doc = hand_doc(words, ents=["O", "O", "O", "O", "B-GPE", "O", "O"])
    got = _run(places, doc)
    assert got["CAIRO"].rule == "dateline" and got["CAIRO"].country == "EG"
    assert got["Alexandria"].country == "EG"


def test_places_unresolvable_name_keeps_null_point(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["From", "Qwertzuiopville", "to", "Ukraine", "."]
    got = _run(places, hand_doc(words, ents=["O", "B-GPE", "O", "B-GPE", "O"]))
    unknown = got["Qwertzuiopville"]
    assert (unknown.lat, unknown.lon, unknown.geonameid, unknown.country) == (None, None, None, None)
    assert unknown.reason == "no gazetteer entry"
    assert got["Ukraine"].country == "UA"


def test_places_offsets_slice_the_text(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc(["Shelling", "near", "the", "Black", "Sea", "coast", "."])
    _run(places, doc)
    for p in get_list(doc, "ng_places"):
        assert doc.text[p.start : p.end] == p.text
    assert [p.name for p in get_list(doc, "ng_places")] == ["Black Sea"]


@pytest.mark.model
def test_places_seed_article(nlp, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(seed_text)
    got = get_list(doc, "ng_places")
    for p in got:
        assert seed_text[p.start : p.end] == p.text
    oblast = [p for p in got if p.text == "Donetsk Oblast"]
    assert oblast and oblast[0].country == "UA" and oblast[0].feature == "admin1"
    assert _km(oblast[0], 48.0, 37.8) < 161
    countries = {p.text: p for p in got if p.feature == "country"}
    assert {"Ukraine", "China", "Russia"} <= set(countries)
    assert {countries[n].country for n in ("Ukraine", "China", "Russia")} == {"UA", "CN", "RU"}
    captured = [p for p in got if p.text == "Donetsk"]
    assert captured and captured[0].country == "UA"
    assert not any(p.text in ("Chinese", "Ukrainian", "Lin Jian") for p in got)


def test_places_empty_and_placeless_docs(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    assert _run(places, hand_doc([])) == {}
    assert _run(places, hand_doc(["nothing", "here", "at", "all", "."])) == {}


def test_places_site_placed_at_the_main_town(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["In", "Chattanooga", ",", "crowds", "left", "Chattanooga", "for", "Zzyx", "Street", "."]
    ents = ["O", "B-GPE", "O", "O", "O", "B-GPE", "O", "B-FAC", "I-FAC", "O"]
    spaces = [True, False, True, True, True, True, True, True, False, False]
    got = _run(places, hand_doc(words, spaces=spaces, ents=ents))
    site = got["Zzyx Street"]
    assert (site.feature, site.admin1, site.geonameid) == ("site", "Tennessee", None)
    assert "main town" in (site.reason or "") and site.rule.endswith("+main_town")


def test_places_site_placed_in_the_articles_main_region(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    """A town of the region the article names most holds its sites, though named once: New Orleans, not the
    Washington Square of Pennsylvania named twice."""
    words = ["Louisiana", "and", "New", "Orleans", "and", "Shreveport", ",", "Washington", "Square", "and",
             "Washington", "Square", "and", "Zzyx", "Street", "."]
    ents = ["B-GPE", "O", "B-GPE", "I-GPE", "O", "B-GPE", "O", "B-GPE", "I-GPE", "O", "B-GPE", "I-GPE", "O",
            "B-FAC", "I-FAC", "O"]
    spaces = [True, True, True, True, True, False, True, True, True, True, True, True, True, True, False, False]
    got = _run(places, hand_doc(words, spaces=spaces, ents=ents))
    site = got["Zzyx Street"]
    assert (site.feature, site.admin1) == ("site", "Louisiana")
    assert "placed at New Orleans" in (site.reason or "")


def test_places_the_only_town_holds_unknown_sites_and_districts(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    """A story that names one town, once: its unknown street and lone-word district are placed there; a lake
    is not."""
    words = ["In", "Chattanooga", ",", "Zzyx", "Street", "and", "Qwzyxtown", "and", "Lake", "Qwzyx", "flooded", "."]
    ents = ["O", "B-GPE", "O", "B-FAC", "I-FAC", "O", "B-GPE", "O", "B-LOC", "I-LOC", "O", "O"]
    spaces = [True, False, True, True, True, True, True, True, True, True, False, False]
    got = _run(places, hand_doc(words, spaces=spaces, ents=ents))
    assert (got["Zzyx Street"].feature, got["Zzyx Street"].admin1) == ("site", "Tennessee")
    assert (got["Qwzyxtown"].feature, got["Qwzyxtown"].admin1) == ("district", "Tennessee")
    assert "placed at Chattanooga" in (got["Qwzyxtown"].reason or "")
    assert got["Lake Qwzyx"].lat is None


def test_places_token_arrays_match_the_doc(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    """The arrays recognition reads instead of Token and Span objects: doc.text, doc.ents, char_span."""
    from newsgraph.nlp.places import token_at as _token_at

    words = ["The", "Black", "Sea", "port", "of", "Odesa", ",", "Ukraine", "and", "the", "UN", "in", "New", "York"]
    spaces = [True, True, True, True, True, False, True, True, True, True, True, True, True, False]
    doc = hand_doc(words, spaces=spaces, ents=["B-LOC", "I-LOC", "I-LOC", "O", "O", "B-GPE", "O", "B-GPE", "O",
                                                "B-ORG", "I-ORG", "O", "B-GPE", "I-GPE"])
    toks = places.tokens(doc)
    assert toks.text == doc.text
    assert toks.ents == [(e.start, e.end, e.label) for e in doc.ents]
    for start in range(len(doc.text)):
        for end in range(start + 1, len(doc.text) + 1):
            span = doc.char_span(start, end, alignment_mode="expand")
            first, last = _token_at(toks.starts, len(doc.text), start), _token_at(toks.starts, len(doc.text), end - 1)
            if start == toks.ends[first]:
                first += 1
            assert (span.start, span.end) == (first, last + 1)
    assert places.tokens(hand_doc([])).text == ""


def _run_home(places, doc, home):  # type: ignore[no-untyped-def]
    from newsgraph.nlp.places import register_home

    register_home()
    doc._.ng_home = home
    return _run(places, doc)


def test_places_source_home_is_a_prior_for_local_names(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["Talks", "in", "Alexandria", "."]
    got = _run_home(places, hand_doc(words, ents=["O", "O", "B-GPE", "O"]), ("Richmond, Va.", None, None))
    assert (got["Alexandria"].country, got["Alexandria"].admin1) == ("US", "Virginia")
    assert "the source's home Richmond" in (got["Alexandria"].reason or "")
    # no home: the most populous namesake, as before
    got = _run_home(places, hand_doc(words, ents=["O", "O", "B-GPE", "O"]), None)
    assert got["Alexandria"].country == "EG"


def test_places_sources_table_and_international_broadcaster(places, hand_doc, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.nlp.places import Sources

    bundled = Sources()
    assert bundled.home_of(None, "https://www.voanews.com/a/story.html") is None  # VOA: no home
    assert bundled.home_of("Voice of America", None) is None
    (tmp_path / "sources.tsv").write_text("# mine\nlocal.example\tAlexandria, La.\t\nThe Town Talk\ta1:US:LA\n",
                                          encoding="utf-8")
    mine = Sources(tmp_path)
    assert mine.home_of(None, "https://news.local.example/x") == "Alexandria, La."
    assert mine.home_of("the town talk", None) == "a1:US:LA"
    words = ["Talks", "in", "Alexandria", "."]
    places.sources, saved = mine, places.sources
    try:
        got = _run_home(places, hand_doc(words, ents=["O", "O", "B-GPE", "O"]), (None, None, "http://local.example/a"))
    finally:
        places.sources = saved
    assert (got["Alexandria"].country, got["Alexandria"].admin1) == ("US", "Louisiana")


def test_places_qualifier_anywhere_in_the_article(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["Alexandria", "voted", ".", "Police", "in", "Alexandria", ",", "Va.", ",", "said", "."]
    spaces = [True, False, True, True, True, False, True, False, True, False, False]
    ents = ["B-GPE", "O", "O", "O", "O", "B-GPE", "O", "B-GPE", "O", "O", "O"]
    doc = hand_doc(words, spaces=spaces, ents=ents)
    get_list(doc, "ng_entities")[:] = []
    places(doc)
    alexandrias = [p for p in get_list(doc, "ng_places") if p.text == "Alexandria"]
    assert len(alexandrias) == 2 and all(p.admin1 == "Virginia" for p in alexandrias)
    assert "elsewhere in the article" in (alexandrias[0].reason or "")


def test_places_distance_to_the_articles_towns(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["From", "Chattanooga", "to", "Cleveland", "."]
    got = _run(places, hand_doc(words, ents=["O", "B-GPE", "O", "B-GPE", "O"]))
    assert (got["Cleveland"].country, got["Cleveland"].admin1) == ("US", "Tennessee")
    assert "km from Chattanooga" in (got["Cleveland"].reason or "")


def test_places_a_repeated_name_does_not_vote_for_itself(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["Delft", "met", ".", "Delft", "said", "."]
    got = _run(places, hand_doc(words, ents=["B-GPE", "O", "O", "B-GPE", "O", "O"]))
    assert "named in the article" not in (got["Delft"].reason or "")


def test_places_multiword_toponyms_kept_whole(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["Police", "in", "Twin", "Lakes", "and", "at", "Lake", "Vermont", "and", "in", "Douglas", "County", ",",
             "Nebraska", "."]
    spaces = [True, True, True, True, True, True, True, True, True, True, True, False, True, False, False]
    ents = ["O", "O", "O", "B-GPE", "O", "O", "O", "B-GPE", "O", "O", "B-GPE", "O", "O", "B-GPE", "O"]
    got = _run(places, hand_doc(words, spaces=spaces, ents=ents))
    assert "Lakes" not in got and got["Twin Lakes"].feature == "city"
    assert got["Twin Lakes"].rule == "ner+whole_name"
    assert "Vermont" not in got and got["Lake Vermont"].lat is None  # a lake, not the state
    county = got["Douglas County"]
    assert (county.feature, county.country, county.admin1) == ("admin2", "US", "Nebraska")


def test_places_name_split_by_the_model_is_joined(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    """"Democratic Republic of the" and "Congo", tagged apart, are one country; "Paris and Lyon" stay two."""
    words = ["Aid", "reached", "the", "Democratic", "Republic", "of", "the", "Congo", "and", "Paris", "and", "Lyon",
             "."]
    ents = ["O", "O", "O", "B-GPE", "I-GPE", "I-GPE", "I-GPE", "B-GPE", "O", "B-GPE", "O", "B-GPE", "O"]
    spaces = [True] * 11 + [False, False]
    got = _run(places, hand_doc(words, spaces=spaces, ents=ents))
    drc = got["Democratic Republic of the Congo"]
    assert (drc.feature, drc.country) == ("country", "CD") and drc.rule.endswith("+whole_name")
    assert "Congo" not in got and {"Paris", "Lyon"} <= set(got)


def test_places_a_list_of_countries_is_not_a_qualifier(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["Cases", "in", "Chad", ",", "Niger", ",", "Nigeria", "and", "Mali", "."]
    ents = ["O", "O", "B-GPE", "O", "B-GPE", "O", "B-GPE", "O", "B-GPE", "O"]
    spaces = [True, True, False, True, False, True, True, True, False, False]
    got = _run(places, hand_doc(words, spaces=spaces, ents=ents))
    assert (got["Niger"].feature, got["Niger"].country) == ("country", "NE")
    assert "qualifier" not in (got["Niger"].reason or "")


def test_places_sources_table_bad_row_names_file_and_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.errors import KnowledgeError
    from newsgraph.nlp.places import Sources

    (tmp_path / "sources.tsv").write_text("# mine\nok.example\tIowa\n\tRichmond, Va.\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"sources.tsv:3"):
        Sources(tmp_path)


def _ents(words: list[str], places: set[str]) -> list[str]:
    return ["B-GPE" if w in places else "O" for w in words]


def test_places_kind_word_beside_the_name(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.nlp.places.kinds import kind_word

    assert kind_word("a New York state governor", 2, 10) == "region"
    assert kind_word("the state of Washington said", 13, 23) == "region"
    assert kind_word("the village of Pongpong", 15, 23) == "town"
    assert kind_word("the New York State Police", 4, 12) is None  # an organisation's name follows
    assert kind_word("in the Washington region", 7, 17) is None  # a town's area
    words = ["Cases", "in", "New", "York", "state", "and", "the", "state", "of", "Washington", "."]
    ents = ["O", "O", "B-GPE", "I-GPE", "O", "O", "O", "O", "O", "B-GPE", "O"]
    got = _run(places, hand_doc(words, ents=ents))
    assert (got["New York"].feature, got["New York"].admin1) == ("admin1", "New York")
    assert (got["Washington"].feature, got["Washington"].admin1) == ("admin1", "Washington")
    # without the kind word the city keeps its prior
    got = _run(places, hand_doc(["Cases", "in", "New", "York", "."], ents=["O", "O", "B-GPE", "I-GPE", "O"]))
    assert got["New York"].feature == "city"
    # a country keeps its name before "state" ("Georgia state media")
    got = _run(places, hand_doc(["Georgia", "state", "media", "said", "."], ents=["B-GPE", "O", "O", "O", "O"]))
    assert got["Georgia"].feature == "country"


def test_places_a_list_of_regions_passes_its_kind(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["Cases", "in", "British", "Columbia", ",", "Alberta", ",", "Manitoba", ",", "Ontario", "and", "New",
             "Brunswick", "."]
    ents = ["O", "O", "B-GPE", "I-GPE", "O", "B-GPE", "O", "B-GPE", "O", "B-GPE", "O", "B-GPE", "I-GPE", "O"]
    spaces = [True, True, True, False, True, False, True, False, True, True, True, True, False, False]
    got = _run(places, hand_doc(words, spaces=spaces, ents=ents))
    for name in ("Ontario", "New Brunswick"):
        assert (got[name].feature, got[name].country) == ("admin1", "CA"), got[name]
        assert "listed with" in (got[name].reason or "")
    # towns in a list pass nothing on: "Florida" after a town is still the state
    words = ["Stops", "in", "Boston", ",", "Florida", "and", "Ohio", "."]
    spaces = [True, True, False, True, True, True, False, False]
    got = _run(places, hand_doc(words, spaces=spaces, ents=_ents(words, {"Boston", "Florida", "Ohio"})))
    assert got["Florida"].feature == "admin1"


def test_places_a_list_of_states_is_not_a_qualifier(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["Cases", "in", "Washington", ",", "Pennsylvania", "and", "California", "."]
    spaces = [True, True, False, True, True, True, False, False]
    got = _run(places, hand_doc(words, spaces=spaces, ents=_ents(words, {"Washington", "Pennsylvania", "California"})))
    assert (got["Washington"].feature, got["Washington"].admin1) == ("admin1", "Washington")
    # one qualifier alone still qualifies: Washington, Pa.
    words = ["Police", "in", "Washington", ",", "Pennsylvania", ",", "said", "."]
    spaces = [True, True, False, True, False, True, False, False]
    got = _run(places, hand_doc(words, spaces=spaces, ents=_ents(words, {"Washington", "Pennsylvania"})))
    assert (got["Washington"].feature, got["Washington"].admin1) == ("city", "Pennsylvania")


def test_places_a_qualifying_name_is_the_region_that_holds(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["A", "girl", "from", "Buffalo", ",", "New", "York", ",", "and", "a", "man", "from", "Atlanta", ",",
             "Georgia", ",", "and", "from", "Queens", ",", "New", "York", "."]
    ents = ["O", "O", "O", "B-GPE", "O", "B-GPE", "I-GPE", "O", "O", "O", "O", "O", "B-GPE", "O", "B-GPE", "O", "O",
            "O", "B-GPE", "O", "B-GPE", "I-GPE", "O"]
    doc = hand_doc(words, spaces=[w not in ("Buffalo", "York", "Atlanta", "Georgia", "Queens") and i + 1 < len(words)
                                  and words[i + 1] not in (",", ".") for i, w in enumerate(words)], ents=ents)
    _run(places, doc)
    got = [(p.text, p.feature, p.country, p.admin1) for p in get_list(doc, "ng_places")]
    assert got[1] == ("New York", "admin1", "US", "New York")  # Buffalo, New York: the state
    assert got[3] == ("Georgia", "admin1", "US", "Georgia")  # Atlanta, Georgia: the US state, not the country
    assert got[5] == ("New York", "city", "US", "New York")  # Queens, New York: the city that holds Queens
    assert "qualifies" in (get_list(doc, "ng_places")[3].reason or "")


def test_places_compass_variant_and_common_word_names(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    got = _run(places, hand_doc(["Camps", "in", "South", "Darfur", "."], ents=["O", "O", "B-GPE", "I-GPE", "O"]))
    assert (got["South Darfur"].name, got["South Darfur"].feature) == ("Southern Darfur", "admin1")
    # an organisation's name made of common and region words names no region: "Central District" (Israel)
    words = ["The", "Seoul", "Central", "District", "Court", "ruled", "."]
    ann = EntityAnn(id="e1", name="Seoul Central District Court", label="ORG", mentions=[(4, 32)], rule="ner")
    got = _run(places, hand_doc(words, ents=["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O"]), [ann])
    assert "Central District" not in got


def test_places_capital_datelines_opening_a_paragraph(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["By", "Peter", "Goffin", ".", "\n\n", "TORONTO", "—", "The", "family", "said", ".", "\n\n", "UPDATE", ":",
             "more", "."]
    doc = hand_doc(words)
    got = _run(places, doc)
    assert got["TORONTO"].country == "CA" and got["TORONTO"].rule == "dateline"
    assert "UPDATE" not in got


def test_places_abbreviations_and_names_of_one_sense(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "NSW", an ORG in capitals, is a press abbreviation of a region; "U.S." inside an organisation's name
    words = ["NSW", "and", "the", "U.S.", "Centers", "for", "Disease", "Control", "agreed", "."]
    anns = [EntityAnn(id="e1", name="NSW", label="ORG", mentions=[(0, 3)], rule="ner"),
            EntityAnn(id="e2", name="the U.S. Centers for Disease Control", label="ORG", mentions=[(8, 40)], rule="ner")]
    got = _run(places, hand_doc(words, ents=["B-ORG", "O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O",
                                             "O"]), anns)
    assert (got["NSW"].feature, got["NSW"].country) == ("admin1", "AU")
    assert (got["U.S."].feature, got["U.S."].country) == ("country", "US")
    # "Douma" tagged as a town twice and a person once is the town every time; "Noma", a person more often
    # than a place, is not made a place
    text = "Fighting in Douma . Douma fell . Douma 's fall . Noma said . Noma went to Noma ."
    words = text.split()
    mentions = {w: [] for w in ("Douma", "Noma")}
    pos = 0
    for w in words:
        if w in mentions:
            mentions[w].append((pos, pos + len(w)))
        pos += len(w) + 1
    anns = [EntityAnn(id="p1", name="Douma", label="GPE", mentions=mentions["Douma"][:2], rule="ner"),
            EntityAnn(id="p2", name="Douma", label="PERSON", mentions=mentions["Douma"][2:], rule="ner"),
            EntityAnn(id="p3", name="Noma", label="PERSON", mentions=mentions["Noma"][:2], rule="ner"),
            EntityAnn(id="p4", name="Noma", label="GPE", mentions=mentions["Noma"][2:], rule="ner")]
    doc = hand_doc(words)
    _run(places, doc, anns)
    placed = [(p.start, p.text) for p in get_list(doc, "ng_places")]
    assert [s for s, t in placed if t == "Douma"] == [s for s, _ in mentions["Douma"]]
    assert [s for s, t in placed if t == "Noma"] == [mentions["Noma"][2][0]]


def test_places_person_tagged_region_and_stray_town(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    ann = EntityAnn(id="e1", name="Tamil Nadu", label="PERSON", mentions=[(0, 10)], rule="ner")
    got = _run(places, hand_doc(["Tamil", "Nadu", "said", "."], ents=["B-PERSON", "I-PERSON", "O", "O"]), [ann])
    assert (got["Tamil Nadu"].feature, got["Tamil Nadu"].country) == ("admin1", "IN")
    # "Bains", a French village the gazetteer alone finds, in a story naming no place in France: no point
    words = ["Residents", "of", "Bains", "met", "in", "Nassau", ",", "Bahamas", "."]
    spaces = [True, True, True, True, True, False, True, False, False]
    got = _run(places, hand_doc(words, spaces=spaces, ents=_ents(words, {"Nassau", "Bahamas"})))
    assert got["Bains"].lat is None and got["Nassau"].country == "BS"
    got = _run(places, hand_doc(["Residents", "of", "Bains", "met", "."]))
    assert got["Bains"].lat is None


def test_places_press_cities_prior() -> None:
    from newsgraph.nlp.places.press import PRESS_CITY_BONUS, press_bonus, press_cities

    gaz, press = get_gazetteer(), press_cities()
    assert ("US", "washington") in press and ("GB", "manchester") in press
    cands = gaz.lookup("Manchester")
    got = {(c.country, c.admin1): b for (c, _), b in zip(cands, press_bonus("Manchester", cands, press), strict=True)
           if b}
    assert got == {("GB", "England"): PRESS_CITY_BONUS}  # the English city, not the 20-odd US Manchesters
    # a name the country's region has ("california", "washington") is not a town's: no town of it gains; nor
    # does an old name ("Salisbury" for Harare)
    for name in ("California", "Washington"):
        cands = gaz.lookup(name)
        assert not any(press_bonus(name, cands, press))
    cands = gaz.lookup("Salisbury")
    assert not any(b for (c, _), b in zip(cands, press_bonus("Salisbury", cands, press), strict=True)
                   if c.country == "ZW")


def test_places_product_and_group_spans_that_are_places(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["A", "laboratory", "in", "Winnipeg", "and", "the", "Punjab", "province", ";", "Georgian", "troops",
             "and", "Winnipeg", "Jets", "."]
    ents = ["O", "O", "O", "B-PRODUCT", "O", "O", "B-NORP", "O", "O", "B-NORP", "O", "O", "B-PRODUCT", "I-PRODUCT",
            "O"]
    got = _run(places, hand_doc(words, ents=ents))
    assert (got["Winnipeg"].country, got["Winnipeg"].rule) == ("CA", "mislabel:PRODUCT")
    assert (got["Punjab"].feature, got["Punjab"].rule) == ("admin1", "mislabel:NORP")
    assert "Georgian" not in got and "Winnipeg Jets" not in got  # a demonym; a product not after a locative word


def test_places_the_articles_place_names_inside_organisations(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    text = "A car in Beverly Hills was hit , Beverly Hills Police Department said . Aden Barre Duale spoke in Aden ."
    words = text.split()
    anns = [EntityAnn(id="p", name="Beverly Hills", label="GPE", mentions=[(9, 22)], rule="ner"),
            EntityAnn(id="o", name="Beverly Hills Police Department", label="ORG", mentions=[(33, 64)], rule="ner"),
            EntityAnn(id="a", name="Aden", label="GPE", mentions=[(98, 102)], rule="ner"),
            EntityAnn(id="d", name="Aden Barre Duale", label="PERSON", mentions=[(72, 88)], rule="ner")]
    assert text[33:64] == "Beverly Hills Police Department" and text[72:88] == "Aden Barre Duale"
    assert text[98:102] == "Aden"
    doc = hand_doc(words)
    _run(places, doc, anns)
    got = [(p.start, p.text, p.rule) for p in get_list(doc, "ng_places")]
    assert (33, "Beverly Hills", "embedded_in_org:named_in_article") in got  # a town of 34,000: by the article
    assert not any(72 <= s < 88 for s, _, _ in got) and (98, "Aden", "ner") in got  # never inside a person's name


def test_places_hyphenated_country_kept_whole(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    """"Guinea-Bissau" is one country, not Guinea and the town of Bissau; "Kyiv-based" stays Kyiv."""
    words = ["Cases", "rose", "in", "Guinea", "-", "Bissau", "and", "a", "Kyiv", "-", "based", "group", "said", "."]
    spaces = [True, True, True, False, False, True, True, True, False, False, True, True, False, False]
    ents = ["O", "O", "O", "B-GPE", "O", "O", "O", "O", "B-GPE", "O", "O", "O", "O", "O"]
    got = _run(places, hand_doc(words, spaces=spaces, ents=ents))
    gb = got["Guinea-Bissau"]
    assert (gb.feature, gb.country) == ("country", "GW") and gb.rule.endswith("+whole_name")
    assert "Guinea" not in got and "Bissau" not in got
    assert got["Kyiv"].country == "UA"


def test_places_a_natural_feature_is_not_the_town_inside_its_name(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    """"Islington Bay" (New Zealand) is not in London's Islington: a bay, valley or island named after a town
    is not placed at that town."""
    words = ["The", "ferry", "left", "Islington", "Bay", "."]
    ents = ["O", "O", "O", "B-LOC", "I-LOC", "O"]
    got = _run(places, hand_doc(words, spaces=[True, True, True, True, False, False], ents=ents))
    bay = got["Islington Bay"]
    assert bay.lat is None and bay.country is None


def test_places_a_site_is_held_by_the_place_named_beside_it(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    """"Fort Detrick in Maryland" lies in Maryland, not in New York City, the town the story names most."""
    words = ["Scientists", "at", "Fort", "Detrick", "in", "Maryland", "spoke", ".", "New", "York", "officials", "and",
             "New", "York", "police", "agreed", "."]
    ents = ["O", "O", "B-FAC", "I-FAC", "O", "B-GPE", "O", "O", "B-GPE", "I-GPE", "O", "O", "B-GPE", "I-GPE", "O",
            "O", "O"]
    spaces = [True] * 6 + [False, True] + [True] * 8 + [False]
    got = _run(places, hand_doc(words, spaces=spaces, ents=ents))
    fort = got["Fort Detrick"]
    assert (fort.country, fort.admin1, fort.feature) == ("US", "Maryland", "site")
    assert fort.rule.endswith("+beside") and "named beside it" in (fort.reason or "")


def test_places_a_small_town_does_not_beat_its_region_by_country_share(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    """"Kent, in England": England is the English region even when "Kent" alone first looks American (Kent,
    Washington), not England, Arkansas (2,765 people)."""
    words = ["He", "was", "born", "in", "Kent", ",", "in", "England", "."]
    ents = ["O", "O", "O", "O", "B-GPE", "O", "O", "B-GPE", "O"]
    spaces = [True, True, True, True, False, True, True, False, False]
    got = _run(places, hand_doc(words, spaces=spaces, ents=ents))
    assert (got["England"].feature, got["England"].country) == ("admin1", "GB")


def test_places_people_and_other_countries_are_not_parts_of_the_main_town(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    """A name the model calls a place but the gazetteer lacks is not put at the article's main town when its
    context says it is a person ("Qwzyx said") or the towns around it all lie in another country."""
    filler = ["and"] * 60
    words = ["Chattanooga", "and", "Chattanooga", "officials", "met", ".", *filler, "Qwzyx", "said", "no", ".", "In",
             "Qwzyxtown", "people", "fled", "to", "Ghazni", "city", "."]
    ents = ["B-GPE", "O", "B-GPE", "O", "O", "O", *["O"] * 60, "B-GPE", "O", "O", "O", "O", "B-GPE", "O", "O", "O",
            "B-GPE", "O", "O"]
    spaces = [True, True, True, True, False, True, *[True] * 60, True, True, False, True, True, True, True, True,
              True, True, False, False]
    got = _run(places, hand_doc(words, spaces=spaces, ents=ents))
    assert got["Qwzyx"].lat is None  # "Qwzyx said": a person
    assert got["Ghazni"].country == "AF"
    assert got["Qwzyxtown"].lat is None  # the town around it is Afghan: not a part of Chattanooga


def test_places_a_world_city_is_not_beaten_by_a_small_namesake_on_country_share(places, hand_doc) -> None:  # type: ignore[no-untyped-def]
    """"Britain and Washington agreed": Washington, D.C., not Washington, Tyne and Wear (67,000 people), which
    only Britain's share favours."""
    words = ["Britain", "and", "Washington", "agreed", "."]
    ents = ["B-GPE", "O", "B-GPE", "O", "O"]
    got = _run(places, hand_doc(words, spaces=[True, True, True, False, False], ents=ents))
    assert (got["Washington"].country, got["Washington"].admin1) == ("US", "Washington, D.C.")
