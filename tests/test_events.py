"""Event coding: pattern choice, arguments from the parse, flags, date and place, the seed's events."""

from __future__ import annotations

import pytest

from newsgraph.nlp.annotations import EntityAnn, register_extensions
from newsgraph.nlp.events import EventsComponent, load_event_knowledge
from newsgraph.records import DateMention, Place


@pytest.fixture(scope="module")
def events(blank_nlp):  # type: ignore[no-untyped-def]
    register_extensions()
    return EventsComponent(blank_nlp)


def _doc(hand_doc, words, pos, deps, heads, lemmas, ents):  # type: ignore[no-untyped-def]
    register_extensions()
    doc = hand_doc(words, pos=pos, deps=deps, heads=heads, lemmas=lemmas)
    text = doc.text
    anns = []
    for n, (name, label) in enumerate(ents, 1):
        start = text.index(name)
        anns.append(EntityAnn(f"e{n}", name, label, [(start, start + len(name))]))
    doc._.ng_entities = anns
    return doc


def test_events_knowledge_maps_cameo_to_plover():
    kb = load_event_knowledge()
    assert kb.to_plover("173")[:2] == ("COERCE", "arrest")
    assert kb.to_plover("1711")[0] == "COERCE"
    assert kb.to_plover("0841")[0] == "RETREAT"
    assert kb.to_plover("020")[0] == "REQUEST"  # appeals: newsgraph's addition
    assert kb.to_plover("010") is None  # statements: dropped by PLOVER
    hand = [p for p in kb.patterns[("VERB", "urge")] if p.hand]
    assert hand and hand[0].id == "req.urge"


def test_events_active_verb_source_and_target(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Police", "arrested", "Smith", "and", "Jones", "."],
               ["PROPN", "VERB", "PROPN", "CCONJ", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "cc", "conj", "punct"], [1, 1, 1, 2, 2, 1],
               ["Police", "arrest", "Smith", "and", "Jones", "."],
               [("Police", "ORG"), ("Smith", "PERSON"), ("Jones", "PERSON")])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.cameo, ev.mode, ev.rule) == ("COERCE", "173", "arrest", "coe.arrest")
    assert ev.source == ["e1"] and ev.target == ["e2", "e3"]  # coordination: both
    assert doc.text[ev.trigger.start : ev.trigger.end] == "arrested"
    assert (ev.sentence.start, ev.sentence.end) == (0, len(doc.text.rstrip()))
    assert not ev.negated and not ev.hypothetical


def test_events_passive_by_agent_and_implicit_agent(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Smith", "was", "detained", "by", "Police", "."],
               ["PROPN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
               ["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"], [2, 2, 2, 2, 3, 2],
               ["Smith", "be", "detain", "by", "Police", "."], [("Smith", "PERSON"), ("Police", "ORG")])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.source, ev.target) == ("COERCE", ["e2"], ["e1"])
    doc = _doc(hand_doc, ["Smith", "was", "detained", "."], ["PROPN", "AUX", "VERB", "PUNCT"],
               ["nsubjpass", "auxpass", "ROOT", "punct"], [2, 2, 2, 2], ["Smith", "be", "detain", "."],
               [("Smith", "PERSON")])
    events(doc)
    (ev,) = doc._.ng_events
    assert ev.source == [] and ev.target == ["e1"]  # left empty, not invented


def test_events_negation_and_intent(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Russia", "did", "not", "attack", "Georgia", "."],
               ["PROPN", "AUX", "PART", "VERB", "PROPN", "PUNCT"],
               ["nsubj", "aux", "neg", "ROOT", "dobj", "punct"], [3, 3, 3, 3, 3, 3],
               ["Russia", "do", "not", "attack", "Georgia", "."], [("Russia", "GPE"), ("Georgia", "GPE")])
    events(doc)
    (ev,) = doc._.ng_events
    assert ev.type == "ASSAULT" and ev.negated
    doc = _doc(hand_doc, ["Syria", "will", "release", "Smith", "."], ["PROPN", "AUX", "VERB", "PROPN", "PUNCT"],
               ["nsubj", "aux", "ROOT", "dobj", "punct"], [2, 2, 2, 2, 2], ["Syria", "will", "release", "Smith", "."],
               [("Syria", "GPE"), ("Smith", "PERSON")])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.cameo, ev.hypothetical) == ("CONCEDE", "035", True)  # an intent: own type, hypothetical


def test_events_active_verb_without_actor_subject_is_not_coded(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Storms", "attacked", "Georgia", "."], ["NOUN", "VERB", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "punct"], [1, 1, 1, 1], ["storm", "attack", "Georgia", "."],
               [("Georgia", "GPE")])
    events(doc)
    assert doc._.ng_events == []


def test_events_own_date_and_nearest_place(hand_doc, events):  # type: ignore[no-untyped-def]
    words = ["Police", "arrested", "Smith", "in", "Kyiv", "on", "Tuesday", "."]
    doc = _doc(hand_doc, words, ["PROPN", "VERB", "PROPN", "ADP", "PROPN", "ADP", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "prep", "pobj", "prep", "pobj", "punct"], [1, 1, 1, 1, 3, 1, 5, 1],
               ["Police", "arrest", "Smith", "in", "Kyiv", "on", "Tuesday", "."],
               [("Police", "ORG"), ("Smith", "PERSON")])
    doc._.ng_published = "2025-04-10"
    kyiv = doc.text.index("Kyiv")
    tue = doc.text.index("Tuesday")
    doc._.ng_places = [Place(kyiv, kyiv + 4, "Kyiv", "Kyiv", country="UA", lat=50.45, lon=30.52)]
    doc._.ng_dates = [DateMention(tue, tue + 7, "Tuesday", "2025-04-08")]
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.date, ev.date_source, ev.place) == ("2025-04-08", "own", 0)
    doc._.ng_dates = []
    doc._.ng_places = []
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.date, ev.date_source, ev.place) == ("2025-04-10", "published", None)


def _run(nlp, text, published="2025-04-10"):  # type: ignore[no-untyped-def]
    doc = nlp.make_doc(text)
    doc._.ng_published = published
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


@pytest.mark.model
def test_events_seed_events(nlp, seed_text):  # type: ignore[no-untyped-def]
    doc = _run(nlp, seed_text)
    ents = {e.id: e for e in doc._.ng_entities}

    def countries(ids):  # type: ignore[no-untyped-def]
        return {ents[i].actor.country for i in ids if ents[i].actor}

    def names(ids):  # type: ignore[no-untyped-def]
        return {ents[i].name for i in ids}

    evs = doc._.ng_events
    for ev in evs:
        assert doc.text[ev.trigger.start : ev.trigger.end] == ev.trigger.text
        assert ev.sentence.start <= ev.trigger.start < ev.trigger.end <= ev.sentence.end
        assert ev.rule
    # Ukrainian forces captured the Chinese men in Donetsk
    assert any(e.type == "COERCE" and countries(e.source) == {"UKR"} and countries(e.target) == {"CHN"} for e in evs)
    # the captured men ask the Chinese government to bring them back
    assert any(e.type == "REQUEST" and countries(e.source) == {"CHN"} and "Chinese government" in names(e.target)
               for e in evs)
    # Kallas accuses China
    assert any(e.type == "ACCUSE" and names(e.source) == {"Kaja Kallas"} and countries(e.target) == {"CHN"}
               for e in evs)
    # Lin Jian (for Beijing) urges citizens / asks parties: a first-person subject stands for the reporter
    urges = [e for e in evs if e.type == "REQUEST" and e.trigger.text in ("urged", "ask")]
    assert len(urges) == 2
    for e in urges:
        assert names(e.source) == {"Lin Jian"} and names(e.reporter) == {"Lin Jian"}
    # a nominal event: "the recruitment of Chinese citizens into the Russian army continues, said Zelenskyy"
    (rec,) = [e for e in evs if e.trigger.text == "recruitment"]
    assert rec.type == "MOBILIZE" and countries(rec.target) == {"CHN"}
    assert names(rec.reporter) == {"Volodymyr Zelenskyy"} and rec.source == []
    # no event is coded from the speech verbs themselves
    assert not any(e.trigger.text in ("said", "claimed", "reports", "stated") for e in evs)


@pytest.mark.model
def test_events_reported_speech_keeps_reporter(nlp):  # type: ignore[no-untyped-def]
    doc = _run(nlp, "UkrInform reported that Russian troops attacked Kharkiv.")
    ents = {e.id: e.name for e in doc._.ng_entities}
    (ev,) = [e for e in doc._.ng_events if e.type == "ASSAULT"]
    assert [ents[i] for i in ev.reporter] == ["UkrInform"]
    assert "UkrInform" not in [ents[i] for i in ev.source]


def test_events_user_knowledge_dir_adds_patterns(tmp_path, hand_doc, blank_nlp):  # type: ignore[no-untyped-def]
    (tmp_path / "event_patterns.tsv").write_text(
        "user.snub\tVERB\tsnub\t\t\t\t\t111\t\t\tmy own pattern\n", encoding="utf-8")
    comp = EventsComponent(blank_nlp, knowledge_dir=str(tmp_path))
    doc = _doc(hand_doc, ["France", "snubbed", "Italy", "."], ["PROPN", "VERB", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "punct"], [1, 1, 1, 1], ["France", "snub", "Italy", "."],
               [("France", "GPE"), ("Italy", "GPE")])
    comp(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.rule, ev.source, ev.target) == ("ACCUSE", "user.snub", ["e1"], ["e2"])


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "typ"),
    [
        ("President Bush has threatened further action against Russia.", "THREATEN"),  # the object's preposition
        ("The Azerbaijani parliament threatened on Monday to break relations with Russia.", "THREATEN"),  # xcomp
    ],
)
def test_events_target_one_step_down(nlp, text, typ) -> None:  # type: ignore[no-untyped-def]
    doc = _run(nlp, text)
    entities = {e.id: e for e in doc._.ng_entities}
    events = [e for e in doc._.ng_events if e.type == typ]
    assert events, [(e.type, e.trigger) for e in doc._.ng_events]
    assert {entities[i].name for e in events for i in e.target} == {"Russia"}
