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


def _doc(hand_doc, words, pos, deps, heads, lemmas, ents, tags=None):  # type: ignore[no-untyped-def]
    register_extensions()
    doc = hand_doc(words, pos=pos, deps=deps, heads=heads, lemmas=lemmas, tags=tags)
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


def test_events_negated_cooperation_past_keeps_type_refusal_is_reject(hand_doc, events):  # type: ignore[no-untyped-def]
    # "did not meet": an event that did not happen keeps its type, negated (events-voa guidelines)
    doc = _doc(hand_doc, ["Kenya", "did", "not", "meet", "Smith", "."],
               ["PROPN", "AUX", "PART", "VERB", "PROPN", "PUNCT"],
               ["nsubj", "aux", "neg", "ROOT", "dobj", "punct"], [3, 3, 3, 3, 3, 3],
               ["Kenya", "do", "not", "meet", "Smith", "."], [("Kenya", "GPE"), ("Smith", "PERSON")],
               tags=["NNP", "VBD", "RB", "VB", "NNP", "."])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.negated) == ("CONSULT", True)
    # "will not meet": a refusal, REJECT (CAMEO 12)
    doc = _doc(hand_doc, ["Kenya", "will", "not", "meet", "Smith", "."],
               ["PROPN", "AUX", "PART", "VERB", "PROPN", "PUNCT"],
               ["nsubj", "aux", "neg", "ROOT", "dobj", "punct"], [3, 3, 3, 3, 3, 3],
               ["Kenya", "will", "not", "meet", "Smith", "."], [("Kenya", "GPE"), ("Smith", "PERSON")],
               tags=["NNP", "MD", "RB", "VB", "NNP", "."])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.negated, ev.rule) == ("REJECT", False, "con.meet+negation")


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


# ---- actors the entities missed, senses, frames (issue 13) ---------------------------------------------------


def test_events_nominal_actor_subject_is_coded(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Lawmakers", "denounced", "Smith", "."], ["NOUN", "VERB", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "punct"], [1, 1, 1, 1], ["lawmaker", "denounce", "Smith", "."],
               [("Smith", "PERSON")])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.rule, ev.source, ev.target) == ("ACCUSE", "acc.denounce+nominal", [], ["e1"])


def test_events_passive_without_any_actor_entity(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Civilians", "were", "killed", "."], ["NOUN", "AUX", "VERB", "PUNCT"],
               ["nsubjpass", "auxpass", "ROOT", "punct"], [2, 2, 2, 2], ["civilian", "be", "kill", "."], [])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.source, ev.target) == ("ASSAULT", [], []) and ev.rule.endswith("+none")


def test_events_needs_actor_noun_alone_is_not_coded(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Threats", "grew", "."], ["NOUN", "VERB", "PUNCT"], ["nsubj", "ROOT", "punct"],
               [1, 1, 1], ["threat", "grow", "."], [])
    events(doc)
    assert doc._.ng_events == []


def test_events_hand_pattern_beats_petrarch_object_pattern(hand_doc, events):  # type: ignore[no-untyped-def]
    # PETRARCH codes "support the call" 032 (AGREE); the hand "support" pattern (SUPPORT) wins
    doc = _doc(hand_doc, ["Greece", "supported", "the", "call", "."], ["PROPN", "VERB", "DET", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "det", "dobj", "punct"], [1, 1, 3, 1, 1],
               ["Greece", "support", "the", "call", "."], [("Greece", "GPE")])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.rule) == ("SUPPORT", "sup.support")
    # a PETRARCH pattern of the same type keeps its finer code
    doc = _doc(hand_doc, ["Pakistan", "rejected", "the", "resolution", "."], ["PROPN", "VERB", "DET", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "det", "dobj", "punct"], [1, 1, 3, 1, 1],
               ["Pakistan", "reject", "the", "resolution", "."], [("Pakistan", "GPE")])
    events(doc)
    (ev,) = doc._.ng_events
    assert ev.type == "REJECT"


def test_events_sanctions_are_sanction_and_relief_concede(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Washington", "imposed", "sanctions", "on", "Moscow", "."],
               ["PROPN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"], ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
               [1, 1, 1, 1, 3, 1], ["Washington", "impose", "sanction", "on", "Moscow", "."],
               [("Washington", "GPE"), ("Moscow", "GPE")])
    events(doc)
    (ev,) = doc._.ng_events  # one event: the noun is its action word, the light verb gives its sides
    assert (ev.type, ev.trigger.text, ev.source, ev.target) == ("SANCTION", "sanctions", ["e1"], ["e2"])
    doc = _doc(hand_doc, ["Iran", "wants", "sanctions", "relief", "."], ["PROPN", "VERB", "NOUN", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "compound", "dobj", "punct"], [1, 1, 3, 1, 1],
               ["Iran", "want", "sanction", "relief", "."], [("Iran", "GPE")])
    events(doc)
    assert [(e.type, e.trigger.text) for e in doc._.ng_events] == [("CONCEDE", "relief")]


def test_events_relative_clause_head_is_the_object(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["the", "tariffs", "Washington", "imposed"], ["DET", "NOUN", "PROPN", "VERB"],
               ["det", "ROOT", "nsubj", "relcl"], [1, 1, 3, 1], ["the", "tariff", "Washington", "impose"],
               [("Washington", "GPE")])
    events(doc)
    assert [(e.type, e.rule) for e in doc._.ng_events] == [("SANCTION", "san.impose_tariff")]


def test_events_compound_noun_trigger_is_a_modifier(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Police", "built", "a", "detention", "center", "."],
               ["NOUN", "VERB", "DET", "NOUN", "NOUN", "PUNCT"], ["nsubj", "ROOT", "det", "compound", "dobj", "punct"],
               [1, 1, 4, 4, 1, 1], ["police", "build", "a", "detention", "center", "."], [])
    events(doc)
    assert doc._.ng_events == []


@pytest.mark.parametrize(
    ("words", "pos", "deps", "heads", "lemmas", "expected"),
    [
        # "bare" frame: a trend, not a refusal; with an object it is REJECT
        (["Japan", "'s", "population", "declined", "."], ["PROPN", "PART", "NOUN", "VERB", "PUNCT"],
         ["poss", "case", "nsubj", "ROOT", "punct"], [2, 0, 3, 3, 3], ["Japan", "'s", "population", "decline", "."],
         []),
        (["Japan", "declined", "the", "offer", "."], ["PROPN", "VERB", "DET", "NOUN", "PUNCT"],
         ["nsubj", "ROOT", "det", "dobj", "punct"], [1, 1, 3, 1, 1], ["Japan", "decline", "the", "offer", "."],
         ["REJECT"]),
        # a question is no request; voting is no event; "demonstrated the value" is no protest
        (["Japan", "asked", "questions", "."], ["PROPN", "VERB", "NOUN", "PUNCT"], ["nsubj", "ROOT", "dobj", "punct"],
         [1, 1, 1, 1], ["Japan", "ask", "question", "."], []),
        (["Japan", "voted", "."], ["PROPN", "VERB", "PUNCT"], ["nsubj", "ROOT", "punct"], [1, 1, 1],
         ["Japan", "vote", "."], []),
        (["Japan", "demonstrated", "value", "."], ["PROPN", "VERB", "NOUN", "PUNCT"],
         ["nsubj", "ROOT", "dobj", "punct"], [1, 1, 1, 1], ["Japan", "demonstrate", "value", "."], []),
    ],
)
def test_events_non_event_senses(hand_doc, events, words, pos, deps, heads, lemmas, expected):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, words, pos, deps, heads, lemmas, [("Japan", "GPE")])
    events(doc)
    assert [e.type for e in doc._.ng_events] == expected


def test_events_demanded_action_is_hypothetical_and_never_negated(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Kyiv", "demanded", "that", "Russia", "withdraw", "."],
               ["PROPN", "VERB", "SCONJ", "PROPN", "VERB", "PUNCT"], ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "punct"],
               [1, 1, 4, 4, 1, 1], ["Kyiv", "demand", "that", "Russia", "withdraw", "."],
               [("Kyiv", "GPE"), ("Russia", "GPE")])
    events(doc)
    by = {e.trigger.text: e for e in doc._.ng_events}
    assert by["demanded"].type == "REQUEST" and not by["demanded"].hypothetical
    assert by["withdraw"].type == "RETREAT" and by["withdraw"].hypothetical
    doc = _doc(hand_doc, ["Russia", "would", "no", "longer", "attack", "Georgia", "."],
               ["PROPN", "AUX", "ADV", "ADV", "VERB", "PROPN", "PUNCT"],
               ["nsubj", "aux", "neg", "advmod", "ROOT", "dobj", "punct"], [4, 4, 3, 4, 4, 4, 4],
               ["Russia", "would", "no", "long", "attack", "Georgia", "."], [("Russia", "GPE"), ("Georgia", "GPE")])
    events(doc)
    (ev,) = doc._.ng_events
    assert ev.type == "ASSAULT" and ev.negated and ev.hypothetical


def test_events_source_is_never_also_target(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Smith", "attacked", "himself", "."], ["PROPN", "VERB", "PRON", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "punct"], [1, 1, 1, 1], ["Smith", "attack", "himself", "."],
               [("Smith", "PERSON")])
    doc._.ng_entities[0].mentions.append((doc.text.index("himself"), doc.text.index("himself") + 7))
    events(doc)
    (ev,) = doc._.ng_events
    assert ev.source == ["e1"] and ev.target == []


def test_events_user_knowledge_dir_extends_word_lists_and_senses(tmp_path, hand_doc, blank_nlp):  # type: ignore[no-untyped-def]
    (tmp_path / "event_words.tsv").write_text("actor_noun\tstorm\n", encoding="utf-8")
    (tmp_path / "event_senses.tsv").write_text("arrest\tany\tnot in my corpus\n", encoding="utf-8")
    comp = EventsComponent(blank_nlp, knowledge_dir=str(tmp_path))
    doc = _doc(hand_doc, ["Storms", "attacked", "Georgia", "."], ["NOUN", "VERB", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "punct"], [1, 1, 1, 1], ["storm", "attack", "Georgia", "."],
               [("Georgia", "GPE")])
    comp(doc)
    assert [(e.type, e.rule) for e in doc._.ng_events] == [("ASSAULT", "ass.attack+nominal")]
    doc = _doc(hand_doc, ["Police", "arrested", "Smith", "."], ["PROPN", "VERB", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "punct"], [1, 1, 1, 1], ["Police", "arrest", "Smith", "."],
               [("Police", "ORG"), ("Smith", "PERSON")])
    comp(doc)
    assert doc._.ng_events == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a perfect with "since" (event_words.tsv state_prep) is a state or a span summed up, not one event
        ("He has been in power since 1986.", []),
        ("Berisha, who has retreated from politics since 2013, rejected the allegations.", ["REJECT", "ACCUSE"]),
        ("Since 2009, hundreds of people have been killed in suicide attacks.", ["ASSAULT"]),  # the attacks stay
        ("Al-Shabab has been attacking and fighting Kenyan troops since 2011.", []),  # conjuncts share both
        # a simple perfect with an object counts actions: coded, as the guidelines do
        ("The security forces have arrested at least 2,400 people since February 1.", ["COERCE"]),
        ("Russian troops attacked Kharkiv on Monday.", ["ASSAULT"]),
        # "declined to 230,000" is a trend (event_senses.tsv), "declined the offer" a refusal
        ("The number of refugees declined to 230,000 last year.", []),
        ("Kenya declined the offer.", ["REJECT"]),
        ("Berisha retreated from leading roles.", []),  # biography, not a military retreat
    ],
)
def test_events_states_and_trends_are_not_events(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert [e.type for e in _run(nlp, text)._.ng_events] == expected


def _one(doc, events, trigger):  # type: ignore[no-untyped-def]
    events(doc)
    found = [e for e in doc._.ng_events if e.trigger.text == trigger]
    assert len(found) == 1, doc._.ng_events
    return found[0]


def test_events_actor_phrases_when_no_entity_stands_for_a_side(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Police", "arrested", "the", "soldiers", "."], ["NOUN", "VERB", "DET", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "det", "dobj", "punct"], [1, 1, 3, 1, 1],
               ["police", "arrest", "the", "soldier", "."], [])
    ev = _one(doc, events, "arrested")
    assert ev.source == [] and ev.target == []  # no entities: the phrases carry the sides
    assert [(a.text, a.sector) for a in ev.source_phrases] == [("Police", "COP")]
    assert [(a.text, a.sector) for a in ev.target_phrases] == [("the soldiers", "MIL")]
    assert doc.text[ev.target_phrases[0].start:ev.target_phrases[0].end] == "the soldiers"
    doc = _doc(hand_doc, ["Police", "arrested", "Smith", "."], ["NOUN", "VERB", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "punct"], [1, 1, 1, 1], ["police", "arrest", "Smith", "."],
               [("Smith", "PERSON")])
    ev = _one(doc, events, "arrested")
    assert ev.target == ["e1"] and ev.target_phrases == []  # an entity side has no phrase
    assert [a.text for a in ev.source_phrases] == ["Police"]


def test_events_what_is_asked_for_is_no_target_phrase(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Protesters", "called", "for", "reform", "."], ["NOUN", "VERB", "ADP", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "prep", "pobj", "punct"], [1, 1, 1, 2, 1],
               ["protester", "call", "for", "reform", "."], [])
    ev = _one(doc, events, "called")
    assert ev.type == "REQUEST" and ev.target_phrases == []
    assert [a.text for a in ev.source_phrases] == ["Protesters"]


def test_events_patient_noun_possessor_is_the_target(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Khalil", "'s", "deportation", "was", "halted", "."],
               ["PROPN", "PART", "NOUN", "AUX", "VERB", "PUNCT"],
               ["poss", "case", "nsubjpass", "auxpass", "ROOT", "punct"], [2, 0, 4, 4, 4, 4],
               ["Khalil", "'s", "deportation", "be", "halt", "."], [("Khalil", "PERSON")])
    ev = _one(doc, events, "deportation")
    assert ev.type == "COERCE" and ev.source == [] and ev.target == ["e1"]
    doc = _doc(hand_doc, ["Russia", "'s", "invasion", "of", "Ukraine", "continued", "."],
               ["PROPN", "PART", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"],
               ["poss", "case", "nsubj", "prep", "pobj", "ROOT", "punct"], [2, 0, 5, 2, 3, 5, 5],
               ["Russia", "'s", "invasion", "of", "Ukraine", "continue", "."], [("Russia", "GPE"), ("Ukraine", "GPE")])
    ev = _one(doc, events, "invasion")
    assert (ev.source, ev.target) == (["e1"], ["e2"])  # not a patient noun: the possessor acts


def test_events_noun_between_pair_and_source_preposition(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Talks", "between", "Russia", "and", "Ukraine", "resumed", "."],
               ["NOUN", "ADP", "PROPN", "CCONJ", "PROPN", "VERB", "PUNCT"],
               ["nsubj", "prep", "pobj", "cc", "conj", "ROOT", "punct"], [5, 0, 1, 2, 2, 5, 5],
               ["talk", "between", "Russia", "and", "Ukraine", "resume", "."], [("Russia", "GPE"), ("Ukraine", "GPE")])
    ev = _one(doc, events, "Talks")
    assert (ev.type, ev.source, ev.target) == ("CONSULT", ["e1"], ["e2"])
    doc = _doc(hand_doc, ["An", "attack", "from", "rebels", "killed", "Smith", "."],
               ["DET", "NOUN", "ADP", "NOUN", "VERB", "PROPN", "PUNCT"],
               ["det", "nsubj", "prep", "pobj", "ROOT", "dobj", "punct"], [1, 4, 1, 2, 4, 4, 4],
               ["an", "attack", "from", "rebel", "kill", "Smith", "."], [("Smith", "PERSON")])
    ev = _one(doc, events, "attack")
    assert ev.source == [] and [a.text for a in ev.source_phrases] == ["rebels"]


def test_events_gerund_under_a_blame_verb_is_done_by_the_blamed(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Paris", "was", "accused", "of", "aiding", "rebels", "."],
               ["PROPN", "AUX", "VERB", "ADP", "VERB", "NOUN", "PUNCT"],
               ["nsubjpass", "auxpass", "ROOT", "prep", "pcomp", "dobj", "punct"], [2, 2, 2, 2, 3, 4, 2],
               ["Paris", "be", "accuse", "of", "aid", "rebel", "."], [("Paris", "GPE")])
    ev = _one(doc, events, "aiding")
    assert ev.type == "AID" and ev.source == ["e1"]
    assert [a.text for a in ev.target_phrases] == ["rebels"]


def test_events_frame_preposition_gives_the_clause_subject(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Smith", "spoke", "during", "a", "visit", "to", "Beijing", "."],
               ["PROPN", "VERB", "ADP", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "prep", "det", "pobj", "prep", "pobj", "punct"], [1, 1, 1, 4, 2, 4, 5, 1],
               ["Smith", "speak", "during", "a", "visit", "to", "Beijing", "."], [("Smith", "PERSON"), ("Beijing", "GPE")])
    ev = _one(doc, events, "visit")
    assert (ev.type, ev.source, ev.target) == ("CONSULT", ["e1"], ["e2"])


def test_events_noun_participle_by_agent_is_the_source(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["India", "rejected", "the", "allegations", "made", "by", "Pakistan", "."],
               ["PROPN", "VERB", "DET", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "det", "dobj", "acl", "agent", "pobj", "punct"], [1, 1, 3, 1, 3, 4, 5, 1],
               ["India", "reject", "the", "allegation", "make", "by", "Pakistan", "."],
               [("India", "GPE"), ("Pakistan", "GPE")], tags=["NNP", "VBD", "DT", "NNS", "VBN", "IN", "NNP", "."])
    doc.vocab.strings.add("VBN")
    doc[4].tag_ = "VBN"
    ev = _one(doc, events, "allegations")
    assert ev.type == "ACCUSE" and ev.source == ["e2"]


def test_events_custody_holder_and_under_attack(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Smith", "remains", "in", "Thai", "custody", "."],
               ["PROPN", "VERB", "ADP", "ADJ", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "prep", "amod", "pobj", "punct"], [1, 1, 1, 4, 2, 1],
               ["Smith", "remain", "in", "thai", "custody", "."], [("Smith", "PERSON"), ("Thai", "NORP")])
    ev = _one(doc, events, "custody")
    assert (ev.type, ev.source, ev.target) == ("COERCE", ["e2"], ["e1"])  # the holder, the held
    doc = _doc(hand_doc, ["Troops", "came", "under", "attack", "from", "rebels", "."],
               ["NOUN", "VERB", "ADP", "NOUN", "ADP", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "prep", "pobj", "prep", "pobj", "punct"], [1, 1, 1, 2, 3, 4, 1],
               ["troop", "come", "under", "attack", "from", "rebel", "."], [])
    ev = _one(doc, events, "attack")
    assert [a.text for a in ev.source_phrases] == ["rebels"]
    assert [a.text for a in ev.target_phrases] == ["Troops"]


def test_events_relative_pronoun_is_its_antecedent(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Smith", "dismissed", "critics", "who", "condemned", "Jones", "."],
               ["PROPN", "VERB", "NOUN", "PRON", "VERB", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "nsubj", "relcl", "dobj", "punct"], [1, 1, 1, 4, 2, 4, 1],
               ["Smith", "dismiss", "critic", "who", "condemn", "Jones", "."],
               [("Smith", "PERSON"), ("Jones", "PERSON")])
    ev = _one(doc, events, "condemned")
    assert ev.source == [] and [a.text for a in ev.source_phrases] == ["critics"]
    assert ev.target == ["e2"]


def test_events_people_object_beats_the_destination(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Thailand", "deported", "the", "women", "to", "Turkey", "."],
               ["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"], [1, 1, 3, 1, 1, 4, 1],
               ["Thailand", "deport", "the", "woman", "to", "Turkey", "."], [("Thailand", "GPE"), ("Turkey", "GPE")])
    ev = _one(doc, events, "deported")
    assert ev.source == ["e1"] and ev.target == []
    assert [a.text for a in ev.target_phrases] == ["the women"]


def test_events_gold_span_is_found_as_whole_words():
    from newsgraph.eval.events_gold import _span

    text = "When she went there, he was abusing women, South Korean and South Korea officials said."
    assert _span(text, 100, "he", "source", "t") == (100 + text.index(" he ") + 1, 100 + text.index(" he ") + 3)
    i = text.index("South Korea officials")
    assert _span(text, 0, "South Korea", "source", "t") == (i, i + len("South Korea"))
    assert _span(text, 0, "abus", "trigger", "t") == (text.index("abus"), text.index("abus") + 4)  # inside a word


def test_events_gold_span_that_occurs_twice_matches_either_occurrence():
    # the gold gives text, not offsets: two "talks" events, and "they" twice, may be at either occurrence
    from newsgraph.eval.events_gold import GoldSentence, PredictedEvent, _all_spans, _span, score

    text = "They held talks in May and they held talks again in June."
    first, second = text.index("talks"), text.rindex("talks")
    they2 = text.index("they")

    def gold_event(source: str | None) -> object:
        from newsgraph.eval.events_gold import GoldEvent
        return GoldEvent(_span(text, 0, "talks", "trigger", "t") or (0, 0), "CONSULT", _span(text, 0, source, "s", "t"),
                         None, source, None, False, False, _all_spans(text, 0, "talks"),
                         _all_spans(text, 0, source), ())

    gold = [GoldSentence("t", "d", "voa", 0, len(text), text, (gold_event("They"), gold_event("they")))]

    def pred(at: int, src: int) -> PredictedEvent:
        return PredictedEvent("t", (at, at + 5), "talks", "CONSULT", ((src, src + 4),), (), False, False, True,
                              False, 1.0)

    sc = score(gold, [pred(first, 0), pred(second, they2)])
    assert (sc.detection.tp, sc.typed.tp, sc.full.tp) == (2, 2, 2)
    assert _all_spans(text, 0, "May") == ()  # once: the first occurrence is the only place


def test_events_passive_second_verb_keeps_its_voice(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Police arrived and were attacked": the subject borrowed from the first verb undergoes the second
    doc = _doc(hand_doc, ["Police", "arrived", "and", "were", "attacked", "."],
               ["PROPN", "VERB", "CCONJ", "AUX", "VERB", "PUNCT"],
               ["nsubj", "ROOT", "cc", "auxpass", "conj", "punct"], [1, 1, 1, 4, 1, 1],
               ["Police", "arrive", "and", "be", "attack", "."], [("Police", "ORG")])
    events(doc)
    (ev,) = [e for e in doc._.ng_events if e.type == "ASSAULT"]
    assert ev.source == [] and ev.target == ["e1"]


def test_events_event_noun_under_in_is_done_by_the_clause_subject(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Abbott", "spoke", "in", "defiance", "of", "Trump", "."],
               ["PROPN", "VERB", "ADP", "NOUN", "ADP", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "prep", "pobj", "prep", "pobj", "punct"], [1, 1, 1, 2, 3, 4, 1],
               ["Abbott", "speak", "in", "defiance", "of", "Trump", "."], [("Abbott", "PERSON"), ("Trump", "PERSON")])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.source, ev.target) == ("REJECT", ["e1"], ["e2"])


@pytest.mark.parametrize(("words", "pos", "deps", "heads", "lemmas"), [
    # "The attack was carried out by Shabab": the passive light verb's agent
    (["The", "attack", "was", "carried", "out", "by", "Shabab", "."],
     ["DET", "NOUN", "AUX", "VERB", "ADP", "ADP", "PROPN", "PUNCT"],
     ["det", "nsubjpass", "auxpass", "ROOT", "prt", "agent", "pobj", "punct"], [1, 3, 3, 3, 3, 3, 5, 3],
     ["the", "attack", "be", "carry", "out", "by", "Shabab", "."]),
    # "The attack was a blunder by Shabab": the predicate noun's by-agent
    (["The", "attack", "was", "a", "blunder", "by", "Shabab", "."],
     ["DET", "NOUN", "AUX", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
     ["det", "nsubj", "ROOT", "det", "attr", "prep", "pobj", "punct"], [1, 2, 2, 4, 2, 4, 5, 2],
     ["the", "attack", "be", "a", "blunder", "by", "Shabab", "."]),
])
def test_events_event_noun_by_agent_on_its_verb_or_predicate(hand_doc, events, words, pos, deps, heads, lemmas
                                                             ):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, words, pos, deps, heads, lemmas, [("Shabab", "ORG")])
    events(doc)
    (ev,) = [e for e in doc._.ng_events if e.type == "ASSAULT" and e.trigger.text == "attack"]
    assert ev.source == ["e1"] and ev.target == []


@pytest.mark.parametrize(("noun", "typ", "source"), [("sanctions", "SANCTION", ["e1"]), ("summit", "CONSULT", [])])
def test_events_place_modifier_does_it_unless_a_venue(hand_doc, events, noun, typ, source
                                                      ):  # type: ignore[no-untyped-def]
    # "the Washington sanctions": Washington imposed them; "the Singapore summit": where it was held
    place = "Washington" if noun == "sanctions" else "Singapore"
    doc = _doc(hand_doc, ["The", place, noun, "ended", "."], ["DET", "PROPN", "NOUN", "VERB", "PUNCT"],
               ["det", "compound", "nsubj", "ROOT", "punct"], [2, 2, 3, 3, 3], ["the", place, noun.removesuffix("s"), "end", "."],
               [(place, "GPE")])
    events(doc)
    (ev,) = [e for e in doc._.ng_events if e.type == typ]
    assert ev.source == source


def test_events_event_noun_framed_below_the_verb_is_done_by_its_subject(hand_doc, events
                                                                         ):  # type: ignore[no-untyped-def]
    # "Malaysians created leverage for negotiations with China": the noun the frame preposition hangs on is the
    # verb's object; the verb's subject negotiates
    doc = _doc(hand_doc, ["Malaysians", "created", "leverage", "for", "negotiations", "with", "China", "."],
               ["PROPN", "VERB", "NOUN", "ADP", "NOUN", "ADP", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "prep", "pobj", "prep", "pobj", "punct"], [1, 1, 1, 2, 3, 4, 5, 1],
               ["Malaysians", "create", "leverage", "for", "negotiation", "with", "China", "."],
               [("Malaysians", "NORP"), ("China", "GPE")])
    events(doc)
    (ev,) = [e for e in doc._.ng_events if e.type == "CONSULT"]
    assert ev.source == ["e1"] and ev.target == ["e2"]
    # "Washington imposed sanctions over the attack": what the sanctions are about, not Washington's attack
    doc = _doc(hand_doc, ["Washington", "imposed", "sanctions", "over", "the", "attack", "."],
               ["PROPN", "VERB", "NOUN", "ADP", "DET", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "prep", "det", "pobj", "punct"], [1, 1, 1, 2, 5, 3, 1],
               ["Washington", "impose", "sanction", "over", "the", "attack", "."], [("Washington", "GPE")])
    events(doc)
    assert all(e.source == [] for e in doc._.ng_events if e.type == "ASSAULT")


def test_events_author_of_the_thing_acted_on_is_the_target(hand_doc, events):  # type: ignore[no-untyped-def]
    # "India rejected the allegations made by Pakistan": Pakistan is rejected, not "the allegations"
    doc = _doc(hand_doc, ["India", "rejected", "the", "allegations", "made", "by", "Pakistan", "."],
               ["PROPN", "VERB", "DET", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "det", "dobj", "acl", "agent", "pobj", "punct"], [1, 1, 3, 1, 3, 4, 5, 1],
               ["India", "reject", "the", "allegation", "make", "by", "Pakistan", "."],
               [("India", "GPE"), ("Pakistan", "GPE")], tags=["NNP", "VBD", "DT", "NNS", "VBN", "IN", "NNP", "."])
    events(doc)
    (ev,) = [e for e in doc._.ng_events if e.type == "REJECT"]
    assert ev.source == ["e1"] and ev.target == ["e2"] and ev.target_phrases == []


def test_events_coordinated_event_nouns_share_the_possessor(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Lai's arrest and detention ended": Lai is detained too
    doc = _doc(hand_doc, ["Lai", "'s", "arrest", "and", "detention", "ended", "."],
               ["PROPN", "PART", "NOUN", "CCONJ", "NOUN", "VERB", "PUNCT"],
               ["poss", "case", "nsubj", "cc", "conj", "ROOT", "punct"], [2, 0, 5, 2, 2, 5, 5],
               ["Lai", "'s", "arrest", "and", "detention", "end", "."], [("Lai", "PERSON")])
    events(doc)
    (ev,) = [e for e in doc._.ng_events if e.trigger.text == "detention"]
    assert ev.target == ["e1"] and ev.source == []


def test_events_by_agent_of_the_noun_an_event_noun_specifies(hand_doc, events):  # type: ignore[no-untyped-def]
    # "a campaign of criticism by Smith": Smith criticises
    doc = _doc(hand_doc, ["A", "campaign", "of", "criticism", "by", "Smith", "began", "."],
               ["DET", "NOUN", "ADP", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"],
               ["det", "nsubj", "prep", "pobj", "prep", "pobj", "ROOT", "punct"], [1, 6, 1, 2, 1, 4, 6, 6],
               ["a", "campaign", "of", "criticism", "by", "Smith", "begin", "."], [("Smith", "PERSON")])
    events(doc)
    (ev,) = [e for e in doc._.ng_events if e.trigger.text == "criticism"]
    assert ev.source == ["e1"]


@pytest.mark.parametrize(("noun", "lemma", "source"), [("plans", "plan", ["e1"]), ("demand", "demand", [])])
def test_events_possessor_of_the_framing_noun_does_the_event(hand_doc, events, noun, lemma, source
                                                             ):  # type: ignore[no-untyped-def]
    # "Smith's plans for talks with Kim": Smith talks; "Smith's demand for talks": asked for, not done by Smith
    doc = _doc(hand_doc, ["Smith", "'s", noun, "for", "talks", "with", "Kim", "ended", "."],
               ["PROPN", "PART", "NOUN", "ADP", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"],
               ["poss", "case", "nsubj", "prep", "pobj", "prep", "pobj", "ROOT", "punct"], [2, 0, 7, 2, 3, 4, 5, 7, 7],
               ["Smith", "'s", lemma, "for", "talk", "with", "Kim", "end", "."], [("Smith", "PERSON"), ("Kim", "PERSON")])
    events(doc)
    (ev,) = [e for e in doc._.ng_events if e.trigger.text == "talks"]
    assert ev.source == source and ev.target == ["e2"]


@pytest.mark.parametrize(("verb", "noun", "typ"), [("received", "visit", "CONSULT"), ("sought", "assistance", "AID"),
                                                   ("sought", "talks", "CONSULT"), ("drew", "criticism", "ACCUSE"),
                                                   ("attracted", "criticism", "ACCUSE")])
def test_events_recipient_verb_subject_undergoes_the_event_noun(hand_doc, events, verb, noun, typ
                                                                ):  # type: ignore[no-untyped-def]
    # "Ukraine received a visit from Smith", "Ukraine sought assistance from Smith": Smith visits, assists;
    # "Ukraine sought talks with Smith": Ukraine's own talks; "Ukraine drew criticism from Smith": Smith criticizes
    prep = "with" if noun == "talks" else "from"
    lemma = {"received": "receive", "sought": "seek", "drew": "draw", "attracted": "attract"}[verb]
    doc = _doc(hand_doc, ["Ukraine", verb, noun, prep, "Smith", "."], ["PROPN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"], [1, 1, 1, 1, 3, 1],
               ["Ukraine", lemma, noun.removesuffix("s"), prep, "Smith", "."], [("Ukraine", "GPE"), ("Smith", "PERSON")])
    events(doc)
    (ev,) = [e for e in doc._.ng_events if e.type == typ and e.trigger.text == noun]
    assert (ev.source, ev.target) == ((["e1"], ["e2"]) if noun == "talks" else (["e2"], ["e1"]))


def test_events_own_people_object_is_no_target(hand_doc, events):  # type: ignore[no-untyped-def]
    # "France recalled its ambassador": its own envoy, not a side; "recalled the ambassador" keeps the phrase
    for det, phrases in (("its", []), ("the", ["the ambassador"])):
        doc = _doc(hand_doc, ["France", "recalled", det, "ambassador", "."], ["PROPN", "VERB", "PRON", "NOUN", "PUNCT"],
                   ["nsubj", "ROOT", "poss" if det == "its" else "det", "dobj", "punct"], [1, 1, 3, 1, 1],
                   ["France", "recall", det, "ambassador", "."], [("France", "GPE")])
        events(doc)
        (ev,) = [e for e in doc._.ng_events if e.trigger.text == "recalled"]
        assert ev.source == ["e1"] and ev.target == [] and [a.text for a in ev.target_phrases] == phrases


def test_events_gerund_under_a_noun_or_a_coordinated_preposition_takes_the_clause_subject(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Botswana earned money since lifting a ban": the preposition hangs on the verb's object noun
    doc = _doc(hand_doc, ["Botswana", "earned", "money", "since", "lifting", "a", "ban", "."],
               ["PROPN", "VERB", "NOUN", "ADP", "VERB", "DET", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "prep", "pcomp", "det", "dobj", "punct"], [1, 1, 1, 2, 3, 6, 4, 1],
               ["Botswana", "earn", "money", "since", "lift", "a", "ban", "."], [("Botswana", "GPE")],
               tags=["NNP", "VBD", "NN", "IN", "VBG", "DT", "NN", "."])
    assert _one(doc, events, "lifting").source == ["e1"]
    # "Kenya left over the costs and for lifting a ban": a gerund under the second of two prepositions
    doc = _doc(hand_doc, ["Kenya", "left", "over", "costs", "and", "for", "lifting", "a", "ban", "."],
               ["PROPN", "VERB", "ADP", "NOUN", "CCONJ", "ADP", "VERB", "DET", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "prep", "pobj", "cc", "conj", "pcomp", "det", "dobj", "punct"],
               [1, 1, 1, 2, 2, 2, 5, 8, 6, 1],
               ["Kenya", "leave", "over", "cost", "and", "for", "lift", "a", "ban", "."], [("Kenya", "GPE")],
               tags=["NNP", "VBD", "IN", "NNS", "CC", "IN", "VBG", "DT", "NN", "."])
    assert _one(doc, events, "lifting").source == ["e1"]


def test_events_meeting_topic_is_no_target(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Ministers discussed China's role": a thing as the object of a CONSULT verb is its topic
    doc = _doc(hand_doc, ["Ministers", "discussed", "China", "'s", "role", "."],
               ["NOUN", "VERB", "PROPN", "PART", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "poss", "case", "dobj", "punct"], [1, 1, 4, 2, 1, 1],
               ["minister", "discuss", "China", "'s", "role", "."], [("China", "GPE")])
    ev = _one(doc, events, "discussed")
    assert ev.type == "CONSULT" and ev.target == [] and ev.target_phrases == []
    # "Ministers discussed the issue with Russia": the other side is still the target
    doc = _doc(hand_doc, ["Ministers", "discussed", "the", "issue", "with", "Russia", "."],
               ["NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"], [1, 1, 3, 1, 3, 4, 1],
               ["minister", "discuss", "the", "issue", "with", "Russia", "."], [("Russia", "GPE")])
    assert _one(doc, events, "discussed").target == ["e1"]
    # "Putin met Erdogan": an actor object is the target
    doc = _doc(hand_doc, ["Putin", "met", "Erdogan", "."], ["PROPN", "VERB", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "punct"], [1, 1, 1, 1], ["Putin", "meet", "Erdogan", "."],
               [("Putin", "PERSON"), ("Erdogan", "PERSON")])
    assert _one(doc, events, "met").target == ["e2"]
    # "the Council held a meeting on Afghanistan": what a meeting is about, not with whom
    doc = _doc(hand_doc, ["The", "Council", "held", "a", "meeting", "on", "Afghanistan", "."],
               ["DET", "PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
               ["det", "nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"], [1, 2, 2, 4, 2, 4, 5, 2],
               ["the", "Council", "hold", "a", "meeting", "on", "Afghanistan", "."],
               [("Council", "ORG"), ("Afghanistan", "GPE")])
    ev = _one(doc, events, "meeting")  # the light verb gives the meeting event its sides
    assert ev.type == "CONSULT" and ev.source == ["e1"] and ev.target == [] and ev.target_phrases == []
    # "a Council meeting on Afghanistan": the event noun alone
    doc = _doc(hand_doc, ["A", "Council", "meeting", "on", "Afghanistan", "ended", "."],
               ["DET", "PROPN", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"],
               ["det", "compound", "nsubj", "prep", "pobj", "ROOT", "punct"], [2, 2, 5, 2, 3, 5, 5],
               ["a", "Council", "meeting", "on", "Afghanistan", "end", "."],
               [("Council", "ORG"), ("Afghanistan", "GPE")])
    ev = _one(doc, events, "meeting")
    assert ev.source == ["e1"] and ev.target == [] and ev.target_phrases == []


def test_events_light_verb_event_is_reported_by_its_noun(hand_doc, events):  # type: ignore[no-untyped-def]
    # "the group launched 504 attacks": one event, on the action noun, with the verb's subject; the noun is no target
    doc = _doc(hand_doc, ["The", "group", "launched", "504", "attacks", "."],
               ["DET", "NOUN", "VERB", "NUM", "NOUN", "PUNCT"], ["det", "nsubj", "ROOT", "nummod", "dobj", "punct"],
               [1, 2, 2, 4, 2, 2], ["the", "group", "launch", "504", "attack", "."], [])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.trigger.text) == ("ASSAULT", "attacks")
    assert [p.text for p in ev.source_phrases] == ["The group"] and ev.target_phrases == []
    # "the sanctions Washington has imposed on Moscow": the noun's event, not a second one on the clause's verb
    doc = _doc(hand_doc, ["the", "sanctions", "Washington", "has", "imposed", "on", "Moscow"],
               ["DET", "NOUN", "PROPN", "AUX", "VERB", "ADP", "PROPN"],
               ["det", "ROOT", "nsubj", "aux", "relcl", "prep", "pobj"], [1, 1, 4, 4, 1, 4, 5],
               ["the", "sanction", "Washington", "have", "impose", "on", "Moscow"],
               [("Washington", "GPE"), ("Moscow", "GPE")])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.trigger.text, ev.source, ev.target) == ("SANCTION", "sanctions", ["e1"], ["e2"])


def test_events_capitalised_name_tagged_as_common_noun_is_an_actor(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Trump met with Kim" with "Trump" tagged NN and no entity: a one-word name of the actor dictionaries
    doc = _doc(hand_doc, ["Trump", "met", "with", "Kim", "."], ["NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "prep", "pobj", "punct"], [1, 1, 1, 2, 1], ["trump", "meet", "with", "Kim", "."],
               [("Kim", "PERSON")])
    ev = _one(doc, events, "met")
    assert ev.type == "CONSULT" and ev.target == ["e1"] and [p.text for p in ev.source_phrases] == ["Trump"]
    # "ICE deported 177 detainees": an acronym
    doc = _doc(hand_doc, ["ICE", "deported", "177", "detainees", "."], ["NOUN", "VERB", "NUM", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "nummod", "dobj", "punct"], [1, 1, 3, 1, 1], ["ice", "deport", "177", "detainee", "."],
               [])
    ev = _one(doc, events, "deported")
    assert [p.text for p in ev.source_phrases] == ["ICE"] and [p.text for p in ev.target_phrases] == ["177 detainees"]
    # a lower-case common noun is not: "the storm attacked the coast" is still not coded
    doc = _doc(hand_doc, ["The", "storm", "attacked", "the", "coast", "."], ["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"],
               ["det", "nsubj", "ROOT", "det", "dobj", "punct"], [1, 2, 2, 4, 2, 2],
               ["the", "storm", "attack", "the", "coast", "."], [])
    events(doc)
    assert doc._.ng_events == []


def test_events_relative_pronoun_subject_stands_for_its_antecedent(hand_doc, events):  # type: ignore[no-untyped-def]
    # "The countries that agreed to contribute": the antecedent is an actor noun, so the event is coded
    doc = _doc(hand_doc, ["The", "countries", "that", "agreed", "to", "contribute", "left", "."],
               ["DET", "NOUN", "PRON", "VERB", "PART", "VERB", "VERB", "PUNCT"],
               ["det", "nsubj", "nsubj", "relcl", "aux", "xcomp", "ROOT", "punct"], [1, 6, 3, 1, 5, 3, 6, 6],
               ["the", "country", "that", "agree", "to", "contribute", "leave", "."], [])
    ev = _one(doc, events, "agreed")
    assert ev.type == "AGREE" and ev.rule.endswith("+nominal")
    assert [p.text for p in ev.source_phrases] == ["The countries"]


def test_events_pair_subject_of_a_meeting_is_source_and_target(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Kim and Putin met": as "talks between Kim and Putin", the first is the source, the second the target
    doc = _doc(hand_doc, ["Kim", "and", "Putin", "met", "."], ["PROPN", "CCONJ", "PROPN", "VERB", "PUNCT"],
               ["nsubj", "cc", "conj", "ROOT", "punct"], [3, 0, 0, 3, 3], ["Kim", "and", "Putin", "meet", "."],
               [("Kim", "PERSON"), ("Putin", "PERSON")])
    ev = _one(doc, events, "met")
    assert (ev.source, ev.target) == (["e1"], ["e2"])
    # three or more stay sources; a pair with another side keeps both as sources
    doc = _doc(hand_doc, ["Mali", ",", "Niger", "and", "Chad", "met", "."],
               ["PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN", "VERB", "PUNCT"],
               ["nsubj", "punct", "conj", "cc", "conj", "ROOT", "punct"], [5, 0, 0, 2, 2, 5, 5],
               ["Mali", ",", "Niger", "and", "Chad", "meet", "."],
               [("Mali", "GPE"), ("Niger", "GPE"), ("Chad", "GPE")])
    ev = _one(doc, events, "met")
    assert (ev.source, ev.target) == (["e1", "e2", "e3"], [])
    doc = _doc(hand_doc, ["Kim", "and", "Putin", "met", "Xi", "."], ["PROPN", "CCONJ", "PROPN", "VERB", "PROPN", "PUNCT"],
               ["nsubj", "cc", "conj", "ROOT", "dobj", "punct"], [3, 0, 0, 3, 3, 3],
               ["Kim", "and", "Putin", "meet", "Xi", "."], [("Kim", "PERSON"), ("Putin", "PERSON"), ("Xi", "PERSON")])
    ev = _one(doc, events, "met")
    assert (ev.source, ev.target) == (["e1", "e2"], ["e3"])


def test_events_finer_petrarch_entry_reports_the_hand_pattern(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Iran condemned the attack": a PETRARCH object entry of the hand pattern's type keeps its CAMEO code but is
    # reported (and scored) as the hand-curated lemma
    doc = _doc(hand_doc, ["Iran", "condemned", "the", "attack", "."], ["PROPN", "VERB", "DET", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "det", "dobj", "punct"], [1, 1, 3, 1, 1], ["Iran", "condemn", "the", "attack", "."],
               [("Iran", "GPE")])
    ev = _one(doc, events, "condemned")
    assert ev.type == "ACCUSE" and ev.rule == "acc.condemn"
    # "back off his threats" gives in: CONCEDE, not backing someone
    doc = _doc(hand_doc, ["Trump", "backed", "off", "his", "threats", "."], ["PROPN", "VERB", "ADP", "PRON", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "prt", "poss", "dobj", "punct"], [1, 1, 1, 4, 1, 1],
               ["Trump", "back", "off", "his", "threat", "."], [("Trump", "PERSON")])
    assert _one(doc, events, "backed").type == "CONCEDE"


def test_events_participle_with_an_object_is_active(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Israeli airstrikes killed 30 Palestinians, officials said", parsed with "killed" as a participle of
    # "airstrikes": with a direct object it is active, the noun is the doer
    doc = _doc(hand_doc, ["Israeli", "airstrikes", "killed", "30", "Palestinians", ",", "officials", "said", "."],
               ["ADJ", "NOUN", "VERB", "NUM", "PROPN", "PUNCT", "NOUN", "VERB", "PUNCT"],
               ["amod", "nsubj", "acl", "nummod", "dobj", "punct", "nsubj", "ROOT", "punct"], [1, 7, 1, 4, 2, 7, 7, 7, 7],
               ["israeli", "airstrike", "kill", "30", "Palestinians", ",", "official", "say", "."],
               [("Israeli", "NORP"), ("Palestinians", "NORP")],
               tags=["JJ", "NNS", "VBN", "CD", "NNPS", ",", "NNS", "VBD", "."])
    ev = _one(doc, events, "killed")
    assert ev.source == ["e1"] and ev.target == ["e2"]


def test_events_gerund_after_the_passive_agent(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Israel has been accused by rights groups of killing civilians": "of killing" hung on the agent's noun
    doc = _doc(hand_doc, ["Israel", "was", "accused", "by", "groups", "of", "killing", "civilians", "."],
               ["PROPN", "AUX", "VERB", "ADP", "NOUN", "ADP", "VERB", "NOUN", "PUNCT"],
               ["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "prep", "pcomp", "dobj", "punct"],
               [2, 2, 2, 2, 3, 4, 5, 6, 2], ["Israel", "be", "accuse", "by", "group", "of", "kill", "civilian", "."],
               [("Israel", "GPE")], tags=["NNP", "VBD", "VBN", "IN", "NNS", "IN", "VBG", "NNS", "."])
    ev = _one(doc, events, "killing")
    assert ev.type == "ASSAULT" and ev.source == ["e1"]


def test_events_counterpart_object_is_the_other_side(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Rubio met his Chinese counterpart Wang Yi": not the subject's own people, nor a meeting's topic
    doc = _doc(hand_doc, ["Rubio", "met", "his", "counterpart", "Wang", "Yi", "."],
               ["PROPN", "VERB", "PRON", "NOUN", "PROPN", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "poss", "dobj", "compound", "appos", "punct"], [1, 1, 3, 1, 5, 3, 1],
               ["Rubio", "meet", "his", "counterpart", "Wang", "Yi", "."], [("Rubio", "PERSON"), ("Wang Yi", "PERSON")],
               tags=["NNP", "VBD", "PRP$", "NN", "NNP", "NNP", "."])
    assert _one(doc, events, "met").target == ["e2"]


def test_events_fired_means_is_no_target(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Police fired tear gas at protesters": the gas is the means, the protesters the target
    doc = _doc(hand_doc, ["Police", "fired", "tear", "gas", "at", "protesters", "."],
               ["NOUN", "VERB", "NOUN", "NOUN", "ADP", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "compound", "dobj", "prep", "pobj", "punct"], [1, 1, 3, 1, 1, 4, 1],
               ["police", "fire", "tear", "gas", "at", "protester", "."], [])
    ev = _one(doc, events, "fired")
    assert ev.type == "ASSAULT" and [p.text for p in ev.target_phrases] == ["protesters"]


def test_events_the_one_blamed_for_an_event_did_it(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Pakistan blamed India for the attack": India attacked, not Pakistan
    doc = _doc(hand_doc, ["Pakistan", "blamed", "India", "for", "the", "attack", "."],
               ["PROPN", "VERB", "PROPN", "ADP", "DET", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "prep", "det", "pobj", "punct"], [1, 1, 1, 1, 5, 3, 1],
               ["Pakistan", "blame", "India", "for", "the", "attack", "."], [("Pakistan", "GPE"), ("India", "GPE")])
    assert _one(doc, events, "attack").source == ["e2"]


def test_events_light_verb_event_under_a_quantity(hand_doc, events):  # type: ignore[no-untyped-def]
    # "The Houthis launched dozens of attacks on ships": one event on "attacks", its target from the noun
    doc = _doc(hand_doc, ["Houthis", "launched", "dozens", "of", "attacks", "on", "ships", "."],
               ["PROPN", "VERB", "NOUN", "ADP", "NOUN", "ADP", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "prep", "pobj", "prep", "pobj", "punct"], [1, 1, 1, 2, 3, 4, 5, 1],
               ["Houthis", "launch", "dozen", "of", "attack", "on", "ship", "."], [("Houthis", "ORG")])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.trigger.text, ev.source) == ("ASSAULT", "attacks", ["e1"])
    assert [p.text for p in ev.target_phrases] == ["ships"]


@pytest.mark.parametrize(("words", "lemmas", "typ"), [
    (["Gunmen", "stormed", "a", "hotel", "."], ["gunman", "storm", "a", "hotel", "."], "ASSAULT"),
    (["Yoon", "declared", "martial", "law", "."], ["Yoon", "declare", "martial", "law", "."], "COERCE"),
])
def test_events_storm_and_declared_martial_law(hand_doc, events, words, lemmas, typ):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, words, ["NOUN", "VERB", "DET" if words[2] == "a" else "ADJ", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "det" if words[2] == "a" else "amod", "dobj", "punct"], [1, 1, 3, 1, 1], lemmas,
               [("Yoon", "PERSON")] if words[0] == "Yoon" else [])
    assert _one(doc, events, words[1]).type == typ


def test_events_particle_with_an_object_names_the_target(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Zelenskyy called on allies to send air defenses", parsed with "on" as a particle holding "allies"
    doc = _doc(hand_doc, ["Zelenskyy", "called", "on", "allies", "to", "send", "defenses", "."],
               ["PROPN", "VERB", "ADP", "NOUN", "PART", "VERB", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "prt", "pobj", "aux", "xcomp", "dobj", "punct"], [1, 1, 1, 2, 5, 1, 5, 1],
               ["Zelenskyy", "call", "on", "ally", "to", "send", "defense", "."], [("Zelenskyy", "PERSON")])
    ev = _one(doc, events, "called")
    assert ev.type == "REQUEST" and [p.text for p in ev.target_phrases] == ["allies"]


def test_events_kept_from_doing_it(hand_doc, events):  # type: ignore[no-untyped-def]
    # "A judge blocked the administration from deporting the migrants": the administration would deport them
    doc = _doc(hand_doc, ["A", "judge", "blocked", "the", "administration", "from", "deporting", "migrants", "."],
               ["DET", "NOUN", "VERB", "DET", "NOUN", "ADP", "VERB", "NOUN", "PUNCT"],
               ["det", "nsubj", "ROOT", "det", "dobj", "prep", "pcomp", "dobj", "punct"], [1, 2, 2, 4, 2, 2, 5, 6, 2],
               ["a", "judge", "block", "the", "administration", "from", "deport", "migrant", "."], [],
               tags=["DT", "NN", "VBD", "DT", "NN", "IN", "VBG", "NNS", "."])
    ev = _one(doc, events, "deporting")
    assert [p.text for p in ev.source_phrases] == ["the administration"]


def test_events_it_under_a_reporting_actor_and_quantities_of_actors(hand_doc, events):  # type: ignore[no-untyped-def]
    # "The group said it had kidnapped two workers": "it" is the group that reports it
    doc = _doc(hand_doc, ["The", "group", "said", "it", "had", "kidnapped", "two", "workers", "."],
               ["DET", "NOUN", "VERB", "PRON", "AUX", "VERB", "NUM", "NOUN", "PUNCT"],
               ["det", "nsubj", "ROOT", "nsubj", "aux", "ccomp", "nummod", "dobj", "punct"], [1, 2, 2, 5, 5, 2, 7, 5, 2],
               ["the", "group", "say", "it", "have", "kidnap", "two", "worker", "."], [])
    ev = _one(doc, events, "kidnapped")
    assert ev.type == "ASSAULT" and [p.text for p in ev.source_phrases] == ["it"]
    # "It said it had kidnapped ...": no actor to stand for
    doc = _doc(hand_doc, ["Rain", "said", "it", "kidnapped", "workers", "."], ["NOUN", "VERB", "PRON", "VERB", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "nsubj", "ccomp", "dobj", "punct"], [1, 1, 3, 1, 3, 1],
               ["rain", "say", "it", "kidnap", "worker", "."], [])
    events(doc)
    assert doc._.ng_events == []
    # "Hundreds of protesters marched against the law": a quantity of actors is an actor
    doc = _doc(hand_doc, ["Hundreds", "of", "protesters", "protested", "."], ["NUM", "ADP", "NOUN", "VERB", "PUNCT"],
               ["nsubj", "prep", "pobj", "ROOT", "punct"], [3, 0, 1, 3, 3], ["hundred", "of", "protester", "protest", "."],
               [])
    ev = _one(doc, events, "protested")
    assert ev.type == "PROTEST" and ev.rule.endswith("+nominal")


@pytest.mark.parametrize(("verb", "lemma", "obj", "typ"), [
    ("sent", "send", "troops", "MOBILIZE"), ("sent", "send", "aid", "AID"), ("pardoned", "pardon", "prisoners", "CONCEDE"),
])
def test_events_sending_troops_and_pardons(hand_doc, events, verb, lemma, obj, typ):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Kenya", verb, obj, "."], ["PROPN", "VERB", "NOUN", "PUNCT"], ["nsubj", "ROOT", "dobj", "punct"],
               [1, 1, 1, 1], ["Kenya", lemma, obj.rstrip("s"), "."], [("Kenya", "GPE")])
    assert _one(doc, events, verb).type == typ


def test_events_forces_moved_are_no_target(hand_doc, events):  # type: ignore[no-untyped-def]
    # "North Korea sent thousands of troops to Russia": its own troops; the destination stays
    doc = _doc(hand_doc, ["Pyongyang", "sent", "thousands", "of", "troops", "to", "Russia", "."],
               ["PROPN", "VERB", "NOUN", "ADP", "NOUN", "ADP", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "prep", "pobj", "prep", "pobj", "punct"], [1, 1, 1, 2, 3, 1, 5, 1],
               ["Pyongyang", "send", "thousand", "of", "troop", "to", "Russia", "."],
               [("Pyongyang", "GPE"), ("Russia", "GPE")])
    ev = _one(doc, events, "sent")
    assert ev.type == "MOBILIZE" and ev.target == ["e2"] and ev.target_phrases == []
    # "troops were deployed": the forces moved are no target of the deployment
    doc = _doc(hand_doc, ["Troops", "were", "deployed", "."], ["NOUN", "AUX", "VERB", "PUNCT"],
               ["nsubjpass", "auxpass", "ROOT", "punct"], [2, 2, 2, 2], ["troop", "be", "deploy", "."], [],
               tags=["NNS", "VBD", "VBN", "."])
    ev = _one(doc, events, "deployed")
    assert ev.target == [] and ev.target_phrases == []


def test_events_complement_clause_subject_is_the_target_phrase(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Washington alleges the group has violated the deal": the group is accused, also when no entity names it
    words = ["Washington", "alleges", "the", "group", "has", "violated", "the", "deal", "."]
    doc = _doc(hand_doc, words, ["PROPN", "VERB", "DET", "NOUN", "AUX", "VERB", "DET", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "det", "nsubj", "aux", "ccomp", "det", "dobj", "punct"], [1, 1, 3, 5, 5, 1, 7, 5, 1],
               ["Washington", "allege", "the", "group", "have", "violate", "the", "deal", "."], [("Washington", "GPE")])
    ev = _one(doc, events, "alleges")
    assert ev.type == "ACCUSE" and ev.source == ["e1"] and [p.text for p in ev.target_phrases] == ["the group"]
    # "Kenya discussed how the group could help": a meeting's clause is what is discussed, no target
    words = ["Kenya", "discussed", "how", "the", "group", "could", "help", "."]
    doc = _doc(hand_doc, words, ["PROPN", "VERB", "SCONJ", "DET", "NOUN", "AUX", "VERB", "PUNCT"],
               ["nsubj", "ROOT", "advmod", "det", "nsubj", "aux", "ccomp", "punct"], [1, 1, 6, 4, 6, 6, 1, 1],
               ["Kenya", "discuss", "how", "the", "group", "could", "help", "."], [("Kenya", "GPE")])
    ev = _one(doc, events, "discussed")
    assert ev.type == "CONSULT" and ev.target == [] and ev.target_phrases == []


def test_events_two_word_frame_preposition_gives_the_clause_subject(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Kenya filed requests, along with other demands": the demands are Kenya's ("along" hangs on the verb)
    words = ["Kenya", "filed", "requests", ",", "along", "with", "other", "demands", "."]
    doc = _doc(hand_doc, words, ["PROPN", "VERB", "NOUN", "PUNCT", "ADP", "ADP", "ADJ", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "punct", "prep", "prep", "amod", "pobj", "punct"], [1, 1, 1, 1, 1, 4, 7, 5, 1],
               ["Kenya", "file", "request", ",", "along", "with", "other", "demand", "."], [("Kenya", "GPE")],
               tags=["NNP", "VBD", "NNS", ",", "IN", "IN", "JJ", "NNS", "."])
    ev = _one(doc, events, "demands")
    assert ev.type == "REQUEST" and ev.source == ["e1"]


def test_events_participle_taken_for_a_clausal_subject_is_done_by_the_subject(hand_doc, events
                                                                             ):  # type: ignore[no-untyped-def]
    # "The ministry, working with Kenya, stepped up efforts": the parser made "working" a csubj beside "ministry"
    words = ["The", "ministry", ",", "working", "with", "Kenya", "stepped", "up", "efforts", "."]
    doc = _doc(hand_doc, words, ["DET", "NOUN", "PUNCT", "VERB", "ADP", "PROPN", "VERB", "ADP", "NOUN", "PUNCT"],
               ["det", "nsubj", "punct", "csubj", "prep", "pobj", "ROOT", "prt", "dobj", "punct"],
               [1, 6, 6, 6, 3, 4, 6, 6, 6, 6],
               ["the", "ministry", ",", "work", "with", "Kenya", "step", "up", "effort", "."], [("Kenya", "GPE")],
               tags=["DT", "NN", ",", "VBG", "IN", "NNP", "VBD", "RP", "NNS", "."])
    ev = _one(doc, events, "working")
    assert ev.type == "COOPERATE" and [p.text for p in ev.source_phrases] == ["The ministry"] and ev.target == ["e1"]


def test_events_threat_of_an_event_is_made_by_its_doer(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Turkey faces threats of Washington sanctions": Washington threatens; its sanctions are no target
    words = ["Ankara", "ignored", "threats", "of", "Washington", "sanctions", "."]
    doc = _doc(hand_doc, words, ["PROPN", "VERB", "NOUN", "ADP", "PROPN", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "prep", "compound", "pobj", "punct"], [1, 1, 1, 2, 5, 3, 1],
               ["Ankara", "ignore", "threat", "of", "Washington", "sanction", "."],
               [("Ankara", "GPE"), ("Washington", "GPE")], tags=["NNP", "VBD", "NNS", "IN", "NNP", "NNS", "."])
    ev = _one(doc, events, "threats")
    assert ev.type == "THREATEN" and ev.source == ["e2"] and ev.target == [] and ev.target_phrases == []


def test_events_people_sent_or_forced_out_are_removed(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Kenya sent the migrants to Somalia": a removal (COERCE), not aid; "migrants sent to Guantanamo": the noun a
    # passive participle modifies is its object
    doc = _doc(hand_doc, ["Kenya", "sent", "migrants", "to", "Somalia", "."], ["PROPN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"], [1, 1, 1, 1, 3, 1],
               ["Kenya", "send", "migrant", "to", "Somalia", "."], [("Kenya", "GPE"), ("Somalia", "GPE")])
    assert _one(doc, events, "sent").rule == "coe.send_people"
    doc = _doc(hand_doc, ["Kenya", "freed", "migrants", "sent", "to", "Somalia", "."],
               ["PROPN", "VERB", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "acl", "prep", "pobj", "punct"], [1, 1, 1, 2, 3, 4, 1],
               ["Kenya", "free", "migrant", "send", "to", "Somalia", "."], [("Kenya", "GPE"), ("Somalia", "GPE")],
               tags=["NNP", "VBD", "NNS", "VBN", "IN", "NNP", "."])
    ev = _one(doc, events, "sent")
    assert ev.type == "COERCE" and ev.rule.startswith("coe.send_people")
    # "their parents were forced out of their homeland"
    doc = _doc(hand_doc, ["Parents", "were", "forced", "out", "of", "Chagos", "."],
               ["NOUN", "AUX", "VERB", "ADP", "ADP", "PROPN", "PUNCT"],
               ["nsubjpass", "auxpass", "ROOT", "prt", "prep", "pobj", "punct"], [2, 2, 2, 2, 2, 4, 2],
               ["parent", "be", "force", "out", "of", "Chagos", "."], [("Chagos", "GPE")])
    assert _one(doc, events, "forced").type == "COERCE"


@pytest.mark.parametrize(("verb", "lemma", "obj", "rule"), [
    ("froze", "freeze", "pipeline", "san.freeze"), ("raised", "raise", "tariffs", "san.raise_tariff"),
])
def test_events_freezing_projects_and_raising_tariffs_are_sanctions(hand_doc, events, verb, lemma, obj, rule
                                                                    ):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Malaysia", verb, "the", obj, "."], ["PROPN", "VERB", "DET", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "det", "dobj", "punct"], [1, 1, 3, 1, 1], ["Malaysia", lemma, "the", obj, "."],
               [("Malaysia", "GPE")])
    ev = _one(doc, events, verb)
    assert (ev.type, ev.rule) == ("SANCTION", rule)
    # "the freeze on weapons" is one; "relations are in a deep freeze" is none
    doc = _doc(hand_doc, ["Washington", "lifted", "the", "freeze", "on", "weapons", "."],
               ["PROPN", "VERB", "DET", "NOUN", "ADP", "NOUN", "PUNCT"], ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"],
               [1, 1, 3, 1, 3, 4, 1], ["Washington", "lift", "the", "freeze", "on", "weapon", "."], [("Washington", "GPE")])
    events(doc)
    assert "SANCTION" in {e.type for e in doc._.ng_events if e.trigger.text == "freeze"}


def test_events_opposition_and_support_from_are_aimed_at_the_subject(hand_doc, events):  # type: ignore[no-untyped-def]
    # "The plan met with opposition from China": China rejects, the plan is what it rejects
    words = ["The", "plan", "met", "with", "opposition", "from", "China", "."]
    doc = _doc(hand_doc, words, ["DET", "NOUN", "VERB", "ADP", "NOUN", "ADP", "PROPN", "PUNCT"],
               ["det", "nsubj", "ROOT", "prep", "pobj", "prep", "pobj", "punct"], [1, 2, 2, 2, 3, 4, 5, 2],
               ["the", "plan", "meet", "with", "opposition", "from", "China", "."], [("China", "GPE")])
    ev = _one(doc, events, "opposition")
    assert (ev.type, ev.rule, ev.source) == ("REJECT", "rej.opposition_from", ["e1"])
    assert [p.text for p in ev.target_phrases] == ["The plan"]
    # "The season was held amid support from France": the passive subject too
    words = ["The", "season", "was", "held", "amid", "support", "from", "France", "."]
    doc = _doc(hand_doc, words, ["DET", "NOUN", "AUX", "VERB", "ADP", "NOUN", "ADP", "PROPN", "PUNCT"],
               ["det", "nsubjpass", "auxpass", "ROOT", "prep", "pobj", "prep", "pobj", "punct"],
               [1, 3, 3, 3, 3, 4, 5, 6, 3], ["the", "season", "be", "hold", "amid", "support", "from", "France", "."],
               [("France", "GPE")])
    ev = _one(doc, events, "support")
    assert (ev.type, ev.rule, ev.source) == ("SUPPORT", "sup.support_from", ["e1"])
    assert [p.text for p in ev.target_phrases] == ["The season"]
    # without a "from" doer the clause's subject stays out ("Smith spoke with support": no target)
    doc = _doc(hand_doc, ["Smith", "spoke", "with", "opposition", "to", "it", "."],
               ["PROPN", "VERB", "ADP", "NOUN", "ADP", "PRON", "PUNCT"],
               ["nsubj", "ROOT", "prep", "pobj", "prep", "pobj", "punct"], [1, 1, 1, 2, 3, 4, 1],
               ["Smith", "speak", "with", "opposition", "to", "it", "."], [("Smith", "PERSON")])
    events(doc)
    assert all(p.text != "Smith" for e in doc._.ng_events for p in e.target_phrases)


def test_events_holding_hostages_is_an_assault(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Gunmen", "were", "holding", "hostages", "."], ["NOUN", "AUX", "VERB", "NOUN", "PUNCT"],
               ["nsubj", "aux", "ROOT", "dobj", "punct"], [2, 2, 2, 2, 2], ["gunman", "be", "hold", "hostage", "."], [])
    ev = _one(doc, events, "holding")
    assert (ev.type, ev.rule) == ("ASSAULT", "ass.hold_hostage+nominal")
    assert [p.text for p in ev.target_phrases] == ["hostages"]
    # "Smith held the record": not an assault
    doc = _doc(hand_doc, ["Smith", "held", "the", "record", "."], ["PROPN", "VERB", "DET", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "det", "dobj", "punct"], [1, 1, 3, 1, 1], ["Smith", "hold", "the", "record", "."],
               [("Smith", "PERSON")])
    events(doc)
    assert not [e for e in doc._.ng_events if e.type == "ASSAULT"]


def test_events_charged_with_a_crime_is_an_accusation(hand_doc, events):  # type: ignore[no-untyped-def]
    # "he has not been charged with any crime": ACCUSE (the guidelines), negated; "racially charged" is no event
    words = ["He", "has", "not", "been", "charged", "with", "any", "crime", "."]
    doc = _doc(hand_doc, words, ["PRON", "AUX", "PART", "AUX", "VERB", "ADP", "DET", "NOUN", "PUNCT"],
               ["nsubjpass", "aux", "neg", "auxpass", "ROOT", "prep", "det", "pobj", "punct"],
               [4, 4, 4, 4, 4, 4, 7, 5, 4], ["he", "have", "not", "be", "charge", "with", "any", "crime", "."], [],
               tags=["PRP", "VBZ", "RB", "VBN", "VBN", "IN", "DT", "NN", "."])
    ev = _one(doc, events, "charged")
    assert (ev.type, ev.rule, ev.negated) == ("ACCUSE", "acc.charge+none", True)
    doc = _doc(hand_doc, ["A", "racially", "charged", "debate", "began", "."], ["DET", "ADV", "VERB", "NOUN", "VERB", "PUNCT"],
               ["det", "advmod", "conj", "nsubj", "ROOT", "punct"], [3, 2, 3, 4, 4, 4],
               ["a", "racially", "charge", "debate", "begin", "."], [], tags=["DT", "RB", "VBN", "NN", "VBD", "."])
    events(doc)
    assert not [e for e in doc._.ng_events if e.trigger.text == "charged"]


def test_events_speech_verb_object_is_the_clause_subject(hand_doc, events):  # type: ignore[no-untyped-def]
    # "A source said Ankara later imposed controls on Kenya": the parser made Ankara the object of "said"
    words = ["A", "source", "said", "Ankara", "later", "imposed", "controls", "on", "Kenya", "."]
    doc = _doc(hand_doc, words, ["DET", "NOUN", "VERB", "PROPN", "ADV", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
               ["det", "nsubj", "ROOT", "dobj", "advmod", "ccomp", "dobj", "prep", "pobj", "punct"],
               [1, 2, 2, 2, 5, 2, 5, 6, 7, 2],
               ["a", "source", "say", "Ankara", "later", "impose", "control", "on", "Kenya", "."],
               [("Ankara", "GPE"), ("Kenya", "GPE")])
    ev = _one(doc, events, "imposed")
    assert (ev.type, ev.source, ev.target) == ("COERCE", ["e1"], ["e2"])


def test_events_name_modifier_found_in_part_is_the_doer(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Islamic State violence against Yazidis": the NER found only "Islamic"; the name it is part of did it
    words = ["Islamic", "State", "violence", "against", "Yazidis", "continued", "."]
    doc = _doc(hand_doc, words, ["PROPN", "PROPN", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"],
               ["compound", "compound", "nsubj", "prep", "pobj", "ROOT", "punct"], [1, 2, 5, 2, 3, 5, 5],
               ["Islamic", "State", "violence", "against", "Yazidis", "continue", "."],
               [("Islamic", "NORP"), ("Yazidis", "NORP")])
    ev = _one(doc, events, "violence")
    assert (ev.type, ev.source, ev.target) == ("ASSAULT", ["e1"], ["e2"])
    assert [p.text for p in ev.source_phrases] == ["Islamic State"]


def test_events_passive_in_an_event_led_by_someone_is_theirs(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Morsi was ousted in a coup led by Sisi": Sisi ousted him; "arrested in a house owned by X" says nothing of X
    words = ["Morsi", "was", "ousted", "in", "a", "coup", "led", "by", "Sisi", "."]
    doc = _doc(hand_doc, words, ["PROPN", "AUX", "VERB", "ADP", "DET", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
               ["nsubjpass", "auxpass", "ROOT", "prep", "det", "pobj", "acl", "agent", "pobj", "punct"],
               [2, 2, 2, 2, 5, 3, 5, 6, 7, 2], ["Morsi", "be", "oust", "in", "a", "coup", "lead", "by", "Sisi", "."],
               [("Morsi", "PERSON"), ("Sisi", "PERSON")], tags=["NNP", "VBD", "VBN", "IN", "DT", "NN", "VBN", "IN", "NNP", "."])
    ev = _one(doc, events, "ousted")
    assert (ev.source, ev.target) == (["e2"], ["e1"])
    words = ["Smith", "was", "arrested", "in", "a", "house", "owned", "by", "Jones", "."]
    doc = _doc(hand_doc, words, ["PROPN", "AUX", "VERB", "ADP", "DET", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
               ["nsubjpass", "auxpass", "ROOT", "prep", "det", "pobj", "acl", "agent", "pobj", "punct"],
               [2, 2, 2, 2, 5, 3, 5, 6, 7, 2], ["Smith", "be", "arrest", "in", "a", "house", "own", "by", "Jones", "."],
               [("Smith", "PERSON"), ("Jones", "PERSON")], tags=["NNP", "VBD", "VBN", "IN", "DT", "NN", "VBN", "IN", "NNP", "."])
    ev = _one(doc, events, "arrested")
    assert (ev.source, ev.target) == ([], ["e1"])


def test_events_light_verb_petrarch_guess_gives_way_to_the_event_noun(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Smith launched an investigation into Jones": PETRARCH's "launch ... investigation" is ACCUSE like the hand
    # noun pattern, which the event is reported by (its rule and CAMEO code, so its confidence too)
    doc = _doc(hand_doc, ["Smith", "launched", "an", "investigation", "into", "Jones", "."],
               ["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"], [1, 1, 3, 1, 3, 4, 1],
               ["Smith", "launch", "an", "investigation", "into", "Jones", "."], [("Smith", "PERSON"), ("Jones", "PERSON")])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.trigger.text, ev.rule, ev.source, ev.target) == (
        "ACCUSE", "investigation", "acc.investigation", ["e1"], ["e2"])


@pytest.mark.parametrize(("noun", "lemma", "source"), [("talks", "talk", ["e1"]), ("clashes", "clash", [])])
def test_events_time_prep_frames_only_a_meeting(hand_doc, events, noun, lemma, source
                                                ):  # type: ignore[no-untyped-def]
    # "Smith spoke after talks": Smith took part; "Smith spoke after the clashes": someone else's clashes
    doc = _doc(hand_doc, ["Smith", "spoke", "after", "the", noun, "."], ["PROPN", "VERB", "ADP", "DET", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "prep", "det", "pobj", "punct"], [1, 1, 1, 4, 2, 1],
               ["Smith", "speak", "after", "the", lemma, "."], [("Smith", "PERSON")])
    events(doc)
    (ev,) = [e for e in doc._.ng_events if e.trigger.text == noun]
    assert ev.source == source


def test_events_open_fire_and_object_patterns_make_no_hand_lemma(hand_doc, events):  # type: ignore[no-untyped-def]
    # "the police opened fire on protesters": ASSAULT (the fire is the means, "on X" the target)
    doc = _doc(hand_doc, ["Police", "opened", "fire", "on", "protesters", "."],
               ["NOUN", "VERB", "NOUN", "ADP", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"], [1, 1, 1, 1, 3, 1],
               ["police", "open", "fire", "on", "protester", "."], [])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.rule, [a.text for a in ev.target_phrases]) == ("ASSAULT", "ass.open_fire+nominal",
                                                                        ["protesters"])
    # an object-constrained hand pattern does not make "open" a hand lemma: PETRARCH's other "open" entries
    # still need an entity subject ("the police opened the bridge" is not coded)
    doc = _doc(hand_doc, ["Police", "opened", "the", "bridge", "."], ["NOUN", "VERB", "DET", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "det", "dobj", "punct"], [1, 1, 3, 1, 1],
               ["police", "open", "the", "bridge", "."], [])
    events(doc)
    assert doc._.ng_events == []


def test_events_needs_actor_verb_with_nominal_actor(hand_doc, events):  # type: ignore[no-untyped-def]
    # "the activist was released by police": a needs_actor verb whose actors no entity covers is still coded
    doc = _doc(hand_doc, ["The", "activist", "was", "released", "by", "police", "."],
               ["DET", "NOUN", "AUX", "VERB", "ADP", "NOUN", "PUNCT"],
               ["det", "nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"], [1, 3, 3, 3, 3, 4, 3],
               ["the", "activist", "be", "release", "by", "police", "."], [])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.rule) == ("CONCEDE", "ret.release+nominal")
    assert [a.text for a in ev.source_phrases] == ["police"]
    assert [a.text for a in ev.target_phrases] == ["The activist"]
    # a needs_actor noun keeps its guard: "a threat to their integrity" names no actor that threatens
    doc = _doc(hand_doc, ["They", "face", "a", "threat", "to", "their", "integrity", "."],
               ["PRON", "VERB", "DET", "NOUN", "ADP", "PRON", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "det", "dobj", "prep", "poss", "pobj", "punct"], [1, 1, 3, 1, 3, 6, 4, 1],
               ["they", "face", "a", "threat", "to", "their", "integrity", "."], [])
    events(doc)
    assert [e for e in doc._.ng_events if e.trigger.text == "threat"] == []
    # nor a participle describing a noun: "an agreement supporting refugees" (the demo's Events page showed it)
    doc = _doc(hand_doc, ["They", "signed", "an", "agreement", "supporting", "refugees", "."],
               ["PRON", "VERB", "DET", "NOUN", "VERB", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "det", "dobj", "acl", "dobj", "punct"], [1, 1, 3, 1, 3, 4, 1],
               ["they", "sign", "an", "agreement", "support", "refugee", "."], [])
    events(doc)
    assert [e for e in doc._.ng_events if e.trigger.text == "supporting"] == []


def test_events_light_verb_participle_of_its_event_noun(hand_doc, events):  # type: ignore[no-untyped-def]
    # "sanctions imposed on Russia by the EU": one event, the noun's, with the participle's by-agent and object
    doc = _doc(hand_doc, ["Sanctions", "imposed", "on", "Russia", "by", "the", "EU", "remain", "."],
               ["NOUN", "VERB", "ADP", "PROPN", "ADP", "DET", "PROPN", "VERB", "PUNCT"],
               ["nsubj", "acl", "prep", "pobj", "agent", "det", "pobj", "ROOT", "punct"], [7, 0, 1, 2, 1, 6, 4, 7, 7],
               ["sanction", "impose", "on", "Russia", "by", "the", "EU", "remain", "."],
               [("Russia", "GPE"), ("EU", "ORG")], tags=["NNS", "VBN", "IN", "NNP", "IN", "DT", "NNP", "VBP", "."])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.trigger.text, ev.source, ev.target) == ("SANCTION", "Sanctions", ["e2"], ["e1"])


@pytest.mark.parametrize(("words", "pos", "deps", "heads", "lemmas", "typ", "rule"), [
    # a ban on goods or technology is an embargo (SANCTION), a ban on a party stays COERCE
    (["Washington", "banned", "the", "supply", "of", "chips", "."],
     ["PROPN", "VERB", "DET", "NOUN", "ADP", "NOUN", "PUNCT"], ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"],
     [1, 1, 3, 1, 3, 4, 1], ["Washington", "ban", "the", "supply", "of", "chip", "."], "SANCTION", "san.ban_trade"),
    (["Washington", "banned", "the", "party", "."], ["PROPN", "VERB", "DET", "NOUN", "PUNCT"],
     ["nsubj", "ROOT", "det", "dobj", "punct"], [1, 1, 3, 1, 1], ["Washington", "ban", "the", "party", "."],
     "COERCE", "coe.ban"),
    (["Washington", "cut", "ties", "with", "Kenya", "."], ["PROPN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
     ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"], [1, 1, 1, 1, 3, 1], ["Washington", "cut", "tie", "with", "Kenya", "."],
     "SANCTION", "san.cut_ties"),
])
def test_events_trade_measures_are_sanctions(hand_doc, events, words, pos, deps, heads, lemmas, typ, rule
                                             ):  # type: ignore[no-untyped-def]
    ents = [("Washington", "GPE")] + ([("Kenya", "GPE")] if "Kenya" in words else [])
    doc = _doc(hand_doc, words, pos, deps, heads, lemmas, ents)
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.rule, ev.source) == (typ, rule, ["e1"])


def test_events_trade_war_noun_is_a_sanction(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Washington", "escalated", "the", "trade", "war", "with", "Beijing", "."],
               ["PROPN", "VERB", "DET", "NOUN", "NOUN", "ADP", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "det", "compound", "dobj", "prep", "pobj", "punct"], [1, 1, 4, 4, 1, 4, 5, 1],
               ["Washington", "escalate", "the", "trade", "war", "with", "Beijing", "."],
               [("Washington", "GPE"), ("Beijing", "GPE")])
    events(doc)
    (ev,) = [e for e in doc._.ng_events if e.trigger.text == "war"]
    assert (ev.type, ev.rule, ev.target) == ("SANCTION", "san.trade_war", ["e2"])


def test_events_pair_subject_of_an_agreement_is_source_and_target(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Hamas and Israel agreed", as "talks between A and B": an agreement is made together (PAIR_TYPES);
    # three agreeing parties stay sources
    doc = _doc(hand_doc, ["Hamas", "and", "Israel", "agreed", "."], ["PROPN", "CCONJ", "PROPN", "VERB", "PUNCT"],
               ["nsubj", "cc", "conj", "ROOT", "punct"], [3, 0, 0, 3, 3], ["Hamas", "and", "Israel", "agree", "."],
               [("Hamas", "ORG"), ("Israel", "GPE")])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.source, ev.target) == ("AGREE", ["e1"], ["e2"])
    doc = _doc(hand_doc, ["Russia", ",", "China", "and", "Iran", "agreed", "."],
               ["PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN", "VERB", "PUNCT"],
               ["nsubj", "punct", "conj", "cc", "conj", "ROOT", "punct"], [5, 0, 0, 2, 2, 5, 5],
               ["Russia", ",", "China", "and", "Iran", "agree", "."],
               [("Russia", "GPE"), ("China", "GPE"), ("Iran", "GPE")])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.source, ev.target) == (["e1", "e2", "e3"], [])


@pytest.mark.parametrize(("noun", "lemma"), [("talks", "talk"), ("ceasefire", "ceasefire"), ("restraint", "restraint")])
def test_events_call_for_frame_keeps_the_hand_pattern(hand_doc, events, noun, lemma):  # type: ignore[no-untyped-def]
    # "the EU called for talks": PETRARCH's finer "call for X" entries (some of another type: "call for talks" was
    # AGREE at low confidence) give way to req.call_for, or report it when they give its type
    doc = _doc(hand_doc, ["The", "EU", "called", "for", noun, "."], ["DET", "PROPN", "VERB", "ADP", "NOUN", "PUNCT"],
               ["det", "nsubj", "ROOT", "prep", "pobj", "punct"], [1, 2, 2, 2, 3, 2],
               ["the", "EU", "call", "for", lemma, "."], [("EU", "ORG")])
    events(doc)
    (ev,) = [e for e in doc._.ng_events if e.trigger.text == "called"]
    assert (ev.type, ev.rule, ev.source) == ("REQUEST", "req.call_for", ["e1"])
    assert ev.confidence is not None and ev.confidence >= 0.44


def test_events_motion_verb_subject_does_the_purpose_infinitive(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Zelenskyy traveled to Washington to meet Trump": the traveller meets (the parser hangs "to meet" as advcl)
    words = ["Zelenskyy", "traveled", "to", "Washington", "to", "meet", "Trump", "."]
    doc = _doc(hand_doc, words, ["PROPN", "VERB", "ADP", "PROPN", "PART", "VERB", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "prep", "pobj", "aux", "advcl", "dobj", "punct"], [1, 1, 1, 2, 5, 1, 5, 1],
               ["Zelenskyy", "travel", "to", "Washington", "to", "meet", "Trump", "."],
               [("Zelenskyy", "PERSON"), ("Washington", "GPE"), ("Trump", "PERSON")],
               tags=["NNP", "VBD", "IN", "NNP", "TO", "VB", "NNP", "."])
    events(doc)
    (ev,) = [e for e in doc._.ng_events if e.trigger.text == "meet"]
    assert (ev.type, ev.source, ev.target) == ("CONSULT", ["e1"], ["e3"])
    # "Protesters took to the streets to denounce Smith" (session 16: take, pour, flock, stream)
    words = ["Protesters", "took", "to", "streets", "to", "denounce", "Smith", "."]
    doc = _doc(hand_doc, words, ["NOUN", "VERB", "ADP", "NOUN", "PART", "VERB", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "prep", "pobj", "aux", "advcl", "dobj", "punct"], [1, 1, 1, 2, 5, 1, 5, 1],
               ["protester", "take", "to", "street", "to", "denounce", "Smith", "."], [("Smith", "PERSON")],
               tags=["NNS", "VBD", "IN", "NNS", "TO", "VB", "NNP", "."])
    events(doc)
    (ev,) = [e for e in doc._.ng_events if e.trigger.text == "denounce"]
    assert ev.type == "ACCUSE" and [p.text for p in ev.source_phrases] == ["Protesters"]


def test_events_block_trade_and_supply_is_no_target(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Washington blocked the sale of jets to Turkey": a trade measure against Turkey
    doc = _doc(hand_doc, ["Washington", "blocked", "the", "sale", "of", "jets", "to", "Turkey", "."],
               ["PROPN", "VERB", "DET", "NOUN", "ADP", "NOUN", "ADP", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "prep", "pobj", "punct"], [1, 1, 3, 1, 3, 4, 3, 6, 1],
               ["Washington", "block", "the", "sale", "of", "jet", "to", "Turkey", "."],
               [("Washington", "GPE"), ("Turkey", "GPE")])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.rule, ev.source, ev.target) == ("SANCTION", "san.block_trade", ["e1"], ["e2"])
    # "banned the supply of chips": the supply is what is banned (a content_noun), no target
    doc = _doc(hand_doc, ["Washington", "banned", "the", "supply", "of", "chips", "."],
               ["PROPN", "VERB", "DET", "NOUN", "ADP", "NOUN", "PUNCT"], ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"],
               [1, 1, 3, 1, 3, 4, 1], ["Washington", "ban", "the", "supply", "of", "chip", "."], [("Washington", "GPE")])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.target, ev.target_phrases) == ([], [])


def test_events_reaction_to_a_named_attack_targets_its_doer(hand_doc, events):  # type: ignore[no-untyped-def]
    # "the EU condemned Israel's attacks": an instrument noun object (the means of a firing verb) is still what a
    # reaction verb reacts to, and its named doer is the target; "condemned the attack" names none
    doc = _doc(hand_doc, ["The", "EU", "condemned", "Israel", "'s", "attacks", "."],
               ["DET", "PROPN", "VERB", "PROPN", "PART", "NOUN", "PUNCT"],
               ["det", "nsubj", "ROOT", "poss", "case", "dobj", "punct"], [1, 2, 2, 5, 3, 2, 2],
               ["the", "EU", "condemn", "Israel", "'s", "attack", "."], [("EU", "ORG"), ("Israel", "GPE")],
               tags=["DT", "NNP", "VBD", "NNP", "POS", "NNS", "."])
    events(doc)
    (ev,) = [e for e in doc._.ng_events if e.trigger.text == "condemned"]
    assert (ev.type, ev.source, ev.target) == ("ACCUSE", ["e1"], ["e2"])
    doc = _doc(hand_doc, ["The", "EU", "condemned", "the", "attack", "."], ["DET", "PROPN", "VERB", "DET", "NOUN", "PUNCT"],
               ["det", "nsubj", "ROOT", "det", "dobj", "punct"], [1, 2, 2, 4, 2, 2],
               ["the", "EU", "condemn", "the", "attack", "."], [("EU", "ORG")])
    events(doc)
    (ev,) = [e for e in doc._.ng_events if e.trigger.text == "condemned"]
    assert (ev.target, ev.target_phrases) == ([], [])


def test_events_gathering_subject_does_the_purpose_infinitive(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Georgians rallied in Tbilisi to protest the law": the ralliers protest
    doc = _doc(hand_doc, ["Georgians", "rallied", "in", "Tbilisi", "to", "protest", "the", "law", "."],
               ["PROPN", "VERB", "ADP", "PROPN", "PART", "VERB", "DET", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "prep", "pobj", "aux", "advcl", "det", "dobj", "punct"], [1, 1, 1, 2, 5, 1, 7, 5, 1],
               ["Georgians", "rally", "in", "Tbilisi", "to", "protest", "the", "law", "."],
               [("Georgians", "NORP"), ("Tbilisi", "GPE")], tags=["NNPS", "VBD", "IN", "NNP", "TO", "VB", "DT", "NN", "."])
    events(doc)
    (ev,) = [e for e in doc._.ng_events if e.trigger.text == "protest"]
    assert (ev.type, ev.source) == ("PROTEST", ["e1"])


def test_events_exchange_of_fire_between_a_pair(hand_doc, events):  # type: ignore[no-untyped-def]
    # "an exchange of fire reported between soldiers and militants": ASSAULT, the pair of the participle's "between"
    # are the sides, the fire is what is exchanged (a content_noun, no target)
    words = ["an", "exchange", "of", "fire", "reported", "between", "soldiers", "and", "militants"]
    doc = _doc(hand_doc, [*words, "."], ["DET", "NOUN", "ADP", "NOUN", "VERB", "ADP", "NOUN", "CCONJ", "NOUN", "PUNCT"],
               ["det", "ROOT", "prep", "pobj", "acl", "prep", "pobj", "cc", "conj", "punct"],
               [1, 1, 1, 2, 1, 4, 5, 6, 6, 1],
               ["an", "exchange", "of", "fire", "report", "between", "soldier", "and", "militant", "."], [],
               tags=["DT", "NN", "IN", "NN", "VBN", "IN", "NNS", "CC", "NNS", "."])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.rule) == ("ASSAULT", "ass.exchange_fire_n+none")
    assert [a.text for a in ev.source_phrases] == ["soldiers"]
    assert [a.text for a in ev.target_phrases] == ["militants"]


def test_events_exchanged_insults_is_an_accusation_with_no_target(hand_doc, events):  # type: ignore[no-untyped-def]
    doc = _doc(hand_doc, ["Paris", "and", "Ankara", "exchanged", "insults", "."],
               ["PROPN", "CCONJ", "PROPN", "VERB", "NOUN", "PUNCT"], ["nsubj", "cc", "conj", "ROOT", "dobj", "punct"],
               [3, 0, 0, 3, 3, 3], ["Paris", "and", "Ankara", "exchange", "insult", "."],
               [("Paris", "GPE"), ("Ankara", "GPE")])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.rule, ev.source, ev.target_phrases) == ("ACCUSE", "acc.exchange_barbs", ["e1", "e2"], [])


def test_events_coordinated_verbs_share_a_raised_object_and_agent(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Police arrested and charged Smith": the object of the second verb is the first one's too (right-node raising)
    doc = _doc(hand_doc, ["Police", "arrested", "and", "charged", "Smith", "."],
               ["PROPN", "VERB", "CCONJ", "VERB", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "cc", "conj", "dobj", "punct"], [1, 1, 1, 1, 3, 1],
               ["Police", "arrest", "and", "charge", "Smith", "."], [("Police", "ORG"), ("Smith", "PERSON")])
    events(doc)
    arrest = next(ev for ev in doc._.ng_events if ev.trigger.text == "arrested")
    assert (arrest.type, arrest.source, arrest.target) == ("COERCE", ["e1"], ["e2"])
    # "Smith was arrested and charged by Police": the by-agent of the second verb did both
    doc = _doc(hand_doc, ["Smith", "was", "arrested", "and", "charged", "by", "Police", "."],
               ["PROPN", "AUX", "VERB", "CCONJ", "VERB", "ADP", "PROPN", "PUNCT"],
               ["nsubjpass", "auxpass", "ROOT", "cc", "conj", "agent", "pobj", "punct"], [2, 2, 2, 2, 2, 4, 5, 2],
               ["Smith", "be", "arrest", "and", "charge", "by", "Police", "."], [("Smith", "PERSON"), ("Police", "ORG")])
    events(doc)
    arrest = next(ev for ev in doc._.ng_events if ev.trigger.text == "arrested")
    assert (arrest.source, arrest.target) == (["e2"], ["e1"])
    # "Police arrested Smith and charged him": each verb keeps its own object; "arrested in Kyiv and charged X":
    # a phrase between the verbs ends the sharing
    doc = _doc(hand_doc, ["Police", "arrested", "protesters", "in", "Kyiv", "and", "charged", "Smith", "."],
               ["PROPN", "VERB", "NOUN", "ADP", "PROPN", "CCONJ", "VERB", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "prep", "pobj", "cc", "conj", "dobj", "punct"], [1, 1, 1, 1, 3, 1, 1, 6, 1],
               ["Police", "arrest", "protester", "in", "Kyiv", "and", "charge", "Smith", "."],
               [("Police", "ORG"), ("Kyiv", "GPE"), ("Smith", "PERSON")])
    events(doc)
    arrest = next(ev for ev in doc._.ng_events if ev.trigger.text == "arrested")
    assert arrest.target == [] and [p.text for p in arrest.target_phrases] == ["protesters"]


def test_events_prepositional_object_control_and_appeal_sense(hand_doc, events):  # type: ignore[no-untyped-def]
    # "the UN appealed to Kenya to release Smith": Kenya is asked (REQUEST's target) and would do the release
    words = ["UN", "appealed", "to", "Kenya", "to", "release", "Smith", "."]
    doc = _doc(hand_doc, words, ["PROPN", "VERB", "ADP", "PROPN", "PART", "VERB", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "prep", "pobj", "aux", "xcomp", "dobj", "punct"], [1, 1, 1, 2, 5, 1, 5, 1],
               ["UN", "appeal", "to", "Kenya", "to", "release", "Smith", "."],
               [("UN", "ORG"), ("Kenya", "GPE"), ("Smith", "PERSON")])
    events(doc)
    by = {ev.trigger.text: ev for ev in doc._.ng_events}
    assert (by["appealed"].type, by["appealed"].source, by["appealed"].target) == ("REQUEST", ["e1"], ["e2"])
    assert (by["release"].type, by["release"].source, by["release"].target) == ("CONCEDE", ["e2"], ["e3"])
    assert by["release"].hypothetical
    # "Smith appealed to voters": attraction (event_senses.tsv), no request
    doc = _doc(hand_doc, ["Smith", "appealed", "to", "voters", "."], ["PROPN", "VERB", "ADP", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "prep", "pobj", "punct"], [1, 1, 1, 2, 1], ["Smith", "appeal", "to", "voter", "."],
               [("Smith", "PERSON")])
    events(doc)
    assert doc._.ng_events == []


def test_events_analysts_and_experts_are_actor_nouns(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Security analysts are praising ECOWAS", "Public health experts are urging people": the events-voa gold counts
    # them as doers (actor_noun in event_words.tsv)
    for noun in ("analysts", "experts"):
        doc = _doc(hand_doc, [noun.capitalize(), "praised", "Smith", "."], ["NOUN", "VERB", "PROPN", "PUNCT"],
                   ["nsubj", "ROOT", "dobj", "punct"], [1, 1, 1, 1], [noun[:-1], "praise", "Smith", "."],
                   [("Smith", "PERSON")])
        events(doc)
        (ev,) = doc._.ng_events
        assert (ev.type, ev.rule, ev.target) == ("SUPPORT", "sup.praise+nominal", ["e1"])
        assert [p.text for p in ev.source_phrases] == [noun.capitalize()]


def test_events_dative_to_names_the_recipient_and_the_gift_is_no_side(hand_doc, events):  # type: ignore[no-untyped-def]
    # the parser labels the "to" of "provided weapons to Ukraine" ``dative``: its object is the target
    doc = _doc(hand_doc, ["Iran", "provided", "weapons", "to", "Ukraine", "."],
               ["PROPN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "dative", "pobj", "punct"], [1, 1, 1, 1, 3, 1],
               ["Iran", "provide", "weapon", "to", "Ukraine", "."], [("Iran", "GPE"), ("Ukraine", "GPE")])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.source, ev.target) == ("AID", ["e1"], ["e2"])
    # "provided weapons to the rebels": the rebels get them, the weapons are no target phrase
    doc = _doc(hand_doc, ["Iran", "provided", "weapons", "to", "the", "rebels", "."],
               ["PROPN", "VERB", "NOUN", "ADP", "DET", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "dative", "det", "pobj", "punct"], [1, 1, 1, 1, 5, 3, 1],
               ["Iran", "provide", "weapon", "to", "the", "rebel", "."], [("Iran", "GPE")])
    events(doc)
    (ev,) = doc._.ng_events
    assert ev.target == [] and [p.text for p in ev.target_phrases] == ["the rebels"]


def test_events_noun_by_agent_hung_on_its_of_object(hand_doc, events):  # type: ignore[no-untyped-def]
    # "the arrest of Smith by Police": the parser hangs "by Police" on "Smith"; Police still made the arrest
    doc = _doc(hand_doc, ["The", "arrest", "of", "Smith", "by", "Police", "angered", "Kenya", "."],
               ["DET", "NOUN", "ADP", "PROPN", "ADP", "PROPN", "VERB", "PROPN", "PUNCT"],
               ["det", "nsubj", "prep", "pobj", "prep", "pobj", "ROOT", "dobj", "punct"], [1, 6, 1, 2, 3, 4, 6, 6, 6],
               ["the", "arrest", "of", "Smith", "by", "Police", "anger", "Kenya", "."],
               [("Smith", "PERSON"), ("Police", "ORG"), ("Kenya", "GPE")])
    events(doc)
    arrest = next(ev for ev in doc._.ng_events if ev.trigger.text == "arrest")
    assert (arrest.type, arrest.source, arrest.target) == ("COERCE", ["e2"], ["e1"])


def test_events_lobby_and_a_quantity_of_actors_as_object(hand_doc, events):  # type: ignore[no-untyped-def]
    # "officials lobbied scores of ministers for Smith": REQUEST (req.lobby); the ministers are lobbied, the
    # object's own "for" names what is asked for, not the target
    words = ["Kenya", "lobbied", "scores", "of", "ministers", "for", "Smith", "."]
    doc = _doc(hand_doc, words, ["PROPN", "VERB", "NOUN", "ADP", "NOUN", "ADP", "PROPN", "PUNCT"],
               ["nsubj", "ROOT", "dobj", "prep", "pobj", "prep", "pobj", "punct"], [1, 1, 1, 2, 3, 2, 5, 1],
               ["Kenya", "lobby", "score", "of", "minister", "for", "Smith", "."], [("Kenya", "GPE"), ("Smith", "PERSON")])
    events(doc)
    (ev,) = doc._.ng_events
    assert (ev.type, ev.rule, ev.source, ev.target) == ("REQUEST", "req.lobby", ["e1"], [])
    assert [p.text for p in ev.target_phrases] == ["scores"]  # the phrase ends at its head noun


def test_events_a_date_is_no_prepositional_target(hand_doc, events):  # type: ignore[no-untyped-def]
    # "Protesters rallied on Sunday against the law": "on Sunday" is when, the law what is protested
    from spacy.tokens import Span

    doc = _doc(hand_doc, ["Protesters", "rallied", "on", "Sunday", "against", "the", "law", "."],
               ["NOUN", "VERB", "ADP", "PROPN", "ADP", "DET", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "prep", "pobj", "prep", "det", "pobj", "punct"], [1, 1, 1, 2, 1, 6, 4, 1],
               ["protester", "rally", "on", "Sunday", "against", "the", "law", "."], [])
    doc.ents = [Span(doc, 3, 4, label="DATE")]
    events(doc)
    (ev,) = doc._.ng_events
    assert ev.type == "PROTEST" and [p.text for p in ev.target_phrases] == ["the law"]
