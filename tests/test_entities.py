"""Entities: canonical names, roles, clustering, mislabel fixes."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from newsgraph.nlp.entities import EntitiesComponent, _Mention, cluster_mentions


def _m(start: int, name: str, label: str = "PERSON", roles: list[str] | None = None) -> _Mention:
    return _Mention(start, start + len(name), name, label, roles or [], "ner")


def test_entities_partial_names_join_the_full_name() -> None:
    ents = cluster_mentions([_m(0, "Lin Jian", roles=["spokesperson"]), _m(50, "Jian"), _m(90, "Kaja Kallas"),
                             _m(120, "Kallas"), _m(150, "Lin Jian")])
    assert [(e.name, len(e.mentions)) for e in ents] == [("Lin Jian", 3), ("Kaja Kallas", 2)]
    assert ents[0].roles == ["spokesperson"] and [e.id for e in ents] == ["e1", "e2"]


def test_entities_ambiguous_surname_is_not_merged() -> None:
    ents = cluster_mentions([_m(0, "John Smith"), _m(20, "Jane Smith"), _m(40, "Smith")])
    assert sorted(e.name for e in ents) == ["Jane Smith", "John Smith", "Smith"]


def test_entities_acronym_joins_its_expansion() -> None:
    ents = cluster_mentions([_m(0, "European Union", "ORG"), _m(30, "EU", "ORG")])
    assert [(e.name, len(e.mentions)) for e in ents] == [("European Union", 2)]


def test_entities_same_name_different_kind_stays_apart() -> None:
    ents = cluster_mentions([_m(0, "Georgia", "GPE"), _m(20, "Georgia", "PERSON")])
    assert len(ents) == 2


def test_entities_component_strips_titles_and_possessives(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc(["Spokesperson", "Lin", "Jian", "spoke", ".", "The", "EU", "’s", "envoy", "left", "."],
                   spaces=[True, True, True, False, True, True, False, True, True, False, False])
    doc.ents = [Span(doc, 0, 3, "PERSON"), Span(doc, 6, 8, "ORG")]
    EntitiesComponent(["PERSON", "ORG"])(doc)
    ents = doc._.ng_entities
    assert [(e.name, e.label) for e in ents] == [("Lin Jian", "PERSON"), ("EU", "ORG")]
    assert ents[0].roles == ["spokesperson"]
    s, e = ents[1].mentions[0]
    assert doc.text[s:e] == "EU"


def test_entities_place_heads_fix_org_label(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc(["captured", "in", "Donetsk", "Oblast", "."], spaces=[True, True, True, False, False])
    doc.ents = [Span(doc, 2, 4, "ORG")]
    EntitiesComponent(["ORG", "GPE"])(doc)
    (ent,) = doc._.ng_entities
    assert (ent.name, ent.label) == ("Donetsk Oblast", "GPE")


def test_entities_an_office_portfolio_is_no_organisation(hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["Secretary", "of", "State", "Marco", "Rubio", "met", "the", "Secretary", "-", "General", "of", "the",
             "United", "Nations", "at", "the", "Department", "of", "State", "."]
    doc = hand_doc(words, spaces=[w not in ("Secretary", "-") and i + 1 < len(words) and words[i + 1] != "."
                                  for i, w in enumerate(words)])
    doc.ents = [Span(doc, 2, 3, "ORG"), Span(doc, 3, 5, "PERSON"), Span(doc, 12, 14, "ORG"), Span(doc, 18, 19, "ORG")]
    EntitiesComponent(["PERSON", "ORG"])(doc)
    # "State" of "Secretary of State" is the office; the UN after "Secretary-General of" and the State of
    # "Department of State" are named
    assert [(e.name, len(e.mentions)) for e in doc._.ng_entities] == [("Marco Rubio", 1), ("United Nations", 1),
                                                                     ("State", 1)]
    assert doc._.ng_entities[2].mentions[0][0] == doc[18].idx


@pytest.mark.model
def test_entities_seed_roles_and_clusters(nlp, seed_text) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(seed_text)
    by_name = {e.name: e for e in doc._.ng_entities}
    assert "diplomat" in by_name["Kaja Kallas"].roles
    assert "president" in by_name["Volodymyr Zelenskyy"].roles
    assert len(by_name["Lin Jian"].mentions) >= 2
    assert by_name["Chinese Foreign Ministry"].label == "ORG"
