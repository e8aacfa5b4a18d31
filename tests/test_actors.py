"""Actor coding: knowledge files, code parsing, date choice, composition, common-noun actors, the seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.nlp.actors import (
    KNOWLEDGE,
    ActorsComponent,
    CodeRange,
    choose_code,
    load_actor_knowledge,
    parse_code,
)
from newsgraph.nlp.annotations import EntityAnn, register_extensions


def test_actors_parse_code_maps_cameo_to_plover():
    assert parse_code("CHNGOV") == ("CHN", "GOV")
    assert parse_code("UKRMIL") == ("UKR", "MIL")
    assert parse_code("IGOUNOKID") == ("UNO", None)
    assert parse_code("IGOEUREEC") == ("EUR", None)
    assert parse_code("IGOWSTNAT") == ("IGO", None)
    assert parse_code("RUSMED") == ("RUS", "JRN")  # CAMEO MED was media
    assert parse_code("~HLH") == (None, "MED")
    assert parse_code("---") == (None, None)


def test_actors_choose_code_by_publication_date():
    kb = load_actor_knowledge()
    trump = kb.actors["donald trump"]
    assert choose_code(trump, "2025-04-10") == "USAGOV"
    assert choose_code(trump, "2022-06-01") == "USAELI"
    assert choose_code(trump, "2018-01-01") == "USAGOV"
    kallas = kb.actors["kaja kallas"]
    assert choose_code(kallas, "2022-01-01") == "ESTGOV"
    assert choose_code(kallas, "2025-04-10") == "EURGOV"
    # no date: the open-ended (current) code
    assert choose_code((CodeRange("AAAGOV", "19900101", "20000101"), CodeRange("AAAELI")), None) == "AAAELI"


def test_actors_knowledge_has_today_and_petrarch_entries():
    kb = load_actor_knowledge()
    assert kb.countries["kyiv"] == "UKR" and kb.countries["beijing"] == "CHN" and kb.countries["moscow"] == "RUS"
    assert kb.countries["ukrainian"] == "UKR"
    for name in ("volodymyr zelenskyy", "kaja kallas", "xi jinping", "vladimir putin", "lin jian", "donald trump"):
        assert name in kb.actors, name
    assert kb.agents["spokesperson"] == "GOV"
    assert parse_code(kb.agents["troops"])[1] == "MIL"
    assert parse_code(kb.agents["nationals"])[1] == "CVL"
    # a bare "State Department" is the U.S. one in news (the PETRARCH entries all name the country)
    assert [r.code for r in kb.actors["state department"]] == ["USAGOV"]


def test_actors_knowledge_files_are_small_and_licensed():
    files = [*KNOWLEDGE.glob("actors/*.tsv"), KNOWLEDGE / "petrarch_verbs.tsv"]
    assert sum(f.stat().st_size for f in files) < 4_000_000
    for f in files:
        if f.name != "additions.tsv":
            assert "The MIT License" in f.read_text(encoding="utf-8")[:4000], f


def test_actors_user_knowledge_dir_adds_entries(tmp_path: Path):
    (tmp_path / "actors").mkdir()
    (tmp_path / "actors/additions.tsv").write_text("actor\tjane example\tFRAGOV:20240101-\n", encoding="utf-8")
    kb = load_actor_knowledge(str(tmp_path))
    assert choose_code(kb.actors["jane example"], "2025-01-01") == "FRAGOV"


def _doc(hand_doc, words, pos, deps, heads, lemmas):  # type: ignore[no-untyped-def]
    register_extensions()
    return hand_doc(words, pos=pos, deps=deps, heads=heads, lemmas=lemmas)


def test_actors_common_noun_actor_is_added_with_fresh_id(hand_doc, blank_nlp):  # type: ignore[no-untyped-def]
    # "Ukrainian forces captured Chinese nationals ."
    doc = _doc(
        hand_doc,
        ["Ukrainian", "forces", "captured", "Chinese", "nationals", "."],
        ["ADJ", "NOUN", "VERB", "ADJ", "NOUN", "PUNCT"],
        ["amod", "nsubj", "ROOT", "amod", "dobj", "punct"],
        [1, 2, 2, 4, 2, 2],
        ["ukrainian", "force", "capture", "chinese", "national", "."],
    )
    doc._.ng_entities = [
        EntityAnn("e1", "Ukrainian", "NORP", [(0, 9)]),
        EntityAnn("e2", "Chinese", "NORP", [(26, 33)]),
    ]
    ActorsComponent(blank_nlp)(doc)
    ents = {e.name: e for e in doc._.ng_entities}
    assert ents["Ukrainian"].actor.code == "UKR"
    forces = ents["Ukrainian forces"]
    assert (forces.id, forces.rule, forces.label) == ("e3", "actor_np", "ORG")
    assert (forces.actor.country, forces.actor.sector) == ("UKR", "MIL")
    assert "agent:forces" in forces.actor.evidence
    nationals = ents["Chinese nationals"]
    assert (nationals.actor.country, nationals.actor.sector, nationals.label) == ("CHN", "CVL", "NORP")
    assert doc.text[slice(*nationals.mentions[0])] == "Chinese nationals"


def test_actors_role_without_country_is_not_an_actor(hand_doc, blank_nlp):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["The", "troops", "left", "."], ["DET", "NOUN", "VERB", "PUNCT"],
               ["det", "nsubj", "ROOT", "punct"], [1, 2, 2, 2], ["the", "troop", "leave", "."])
    doc._.ng_entities = []
    ActorsComponent(blank_nlp)(doc)
    assert doc._.ng_entities == []


@pytest.mark.model
def test_actors_seed_codes(nlp, seed_text):  # type: ignore[no-untyped-def]
    doc = nlp.make_doc(seed_text)
    doc._.ng_published = "2025-04-10"
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    ents = {e.name: e for e in doc._.ng_entities}
    expect = {
        "Lin Jian": ("CHN", "GOV"),
        "Volodymyr Zelenskyy": ("UKR", "GOV"),
        "Chinese Foreign Ministry": ("CHN", "GOV"),
        "Kaja Kallas": ("EUR", "GOV"),
        "Ukrainian forces": ("UKR", "MIL"),
        "Chinese nationals": ("CHN", "CVL"),
        "Chinese government": ("CHN", "GOV"),
        "China": ("CHN", None),
    }
    for name, (country, sector) in expect.items():
        actor = ents[name].actor
        assert actor is not None and (actor.country, actor.sector) == (country, sector), (name, actor)
        assert actor.evidence, name
    assert ents["Zhang Renbo"].actor.country == "CHN"
    assert ents["Wang Guanjun"].actor.country == "CHN"
    ids = [e.id for e in doc._.ng_entities]
    assert len(ids) == len(set(ids))
