"""newsgraph.nlp.speakers on hand-built parses (no model): names, pronouns, role nouns, relative pronouns."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from newsgraph.nlp.annotations import EntityAnn
from newsgraph.nlp.sentences import SentenceIndex
from newsgraph.nlp.speakers import (
    SpeakerResolver,
    TokenEntityIndex,
    mention_range,
    relative_antecedent,
    vocabulary,
)


def _two_sentences(hand_doc: Callable[..., Doc], second_subject: str) -> Doc:
    # "Lin Jian said it . <subject> added more ."
    words = ["Lin", "Jian", "said", "it", ".", second_subject, "added", "more", "."]
    heads = [1, 2, 2, 2, 2, 6, 6, 6, 6]
    deps = ["compound", "nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "dobj", "punct"]
    pos = ["PROPN", "PROPN", "VERB", "PRON", "PUNCT", "PRON", "VERB", "ADJ", "PUNCT"]
    tags = ["NNP", "NNP", "VBD", "PRP", ".", "PRP", "VBD", "JJR", "."]
    return hand_doc(words, heads=heads, deps=deps, pos=pos, tags=tags)


def _lin(doc: Doc, **kw) -> EntityAnn:  # type: ignore[no-untyped-def]
    return EntityAnn(id="e1", name="Lin Jian", label="PERSON", mentions=[(0, len("Lin Jian"))], **kw)


def _resolver(doc: Doc, entities: list[EntityAnn], first_names: dict[str, str] | None = None) -> SpeakerResolver:
    return SpeakerResolver(doc, entities, first_names or {}, 3, SentenceIndex(doc))


def test_speakers_name_by_overlap(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = _two_sentences(hand_doc, "He")
    lin = _lin(doc)
    res = _resolver(doc, [lin]).resolve(0, 2)
    assert res is not None and res.ids == ["e1"] and res.rule == "name"
    assert (res.start, res.end) == (0, 8)


def test_speakers_pronoun_resolves_and_adds_the_mention(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = _two_sentences(hand_doc, "He")
    lin = _lin(doc)
    resolver = _resolver(doc, [lin], {"lin": "m"})
    resolver.resolve(0, 2)  # Lin Jian speaks first: a recent speaker
    res = resolver.resolve(5, 6)
    assert res is not None and res.ids == ["e1"] and res.rule == "pronoun"
    he = doc[5].idx
    assert (he, he + 2) in lin.mentions


def test_speakers_pronoun_of_the_other_gender_stays_unresolved(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = _two_sentences(hand_doc, "She")
    lin = _lin(doc)
    res = _resolver(doc, [lin], {"lin": "m"}).resolve(5, 6)
    assert res is not None and res.entities == [] and res.rule == "unresolved"
    speaker = _resolver(doc, [_lin(doc)], {"lin": "m"}).speaker((5, 6))
    assert speaker is not None and speaker[0].entity is None and speaker[0].text == "She" and speaker[1] == "unresolved"


def test_speakers_role_noun_goes_to_the_person_holding_the_role(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Lin Jian met Kallas . The spokesman said more .": the role, not recency, picks Lin Jian
    words = ["Lin", "Jian", "met", "Kallas", ".", "The", "spokesman", "said", "more", "."]
    heads = [1, 2, 2, 2, 2, 6, 7, 7, 7, 7]
    deps = ["compound", "nsubj", "ROOT", "dobj", "punct", "det", "nsubj", "ROOT", "dobj", "punct"]
    tags = ["NNP", "NNP", "VBD", "NNP", ".", "DT", "NN", "VBD", "JJR", "."]
    doc = hand_doc(words, heads=heads, deps=deps, tags=tags)
    lin = _lin(doc, roles=["spokesperson"])
    kallas = EntityAnn(id="e2", name="Kallas", label="PERSON", mentions=[(doc[3].idx, doc[3].idx + 6)])
    res = _resolver(doc, [lin, kallas]).resolve(5, 7)
    assert res is not None and res.ids == ["e1"] and res.rule == "role"
    # without the role on record, the most recent person of a fitting gender
    res = _resolver(doc, [_lin(doc), kallas]).resolve(5, 7)
    assert res is not None and res.ids == ["e2"] and res.rule == "role"


def test_speakers_relative_pronoun_takes_its_antecedent(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Kallas , who said it , left ."
    words = ["Kallas", ",", "who", "said", "it", ",", "left", "."]
    heads = [6, 0, 3, 0, 3, 0, 6, 6]
    deps = ["nsubj", "punct", "nsubj", "relcl", "dobj", "punct", "ROOT", "punct"]
    doc = hand_doc(words, heads=heads, deps=deps)
    kallas = EntityAnn(id="e7", name="Kallas", label="PERSON", mentions=[(0, 6)])
    antecedent = relative_antecedent(doc[2])
    assert antecedent is not None and antecedent.i == 0
    assert relative_antecedent(doc[4]) is None
    res = _resolver(doc, [kallas]).resolve(2, 3)
    assert res is not None and res.ids == ["e7"] and res.rule == "relative"
    assert mention_range(doc[0]) == (0, 1)


def test_speakers_token_index_pronoun_and_role(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "NATO met Lin Jian . They said the diplomat left ."
    words = ["NATO", "met", "Lin", "Jian", ".", "They", "said", "the", "diplomat", "left", "."]
    heads = [1, 1, 3, 1, 1, 6, 6, 8, 9, 6, 6]
    deps = ["nsubj", "ROOT", "compound", "dobj", "punct", "nsubj", "ROOT", "det", "nsubj", "ccomp", "punct"]
    pos = ["PROPN", "VERB", "PROPN", "PROPN", "PUNCT", "PRON", "VERB", "DET", "NOUN", "VERB", "PUNCT"]
    lemmas = ["NATO", "meet", "Lin", "Jian", ".", "they", "say", "the", "diplomat", "leave", "."]
    doc = hand_doc(words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    nato = EntityAnn(id="e1", name="NATO", label="ORG", mentions=[(0, 4)])
    lin = EntityAnn(id="e2", name="Lin Jian", label="PERSON", mentions=[(doc[2].idx, doc[3].idx + 4)])
    idx = TokenEntityIndex(doc, [nato, lin])
    assert idx.root[3] == ["e2"] and idx.inside[2] == ["e2"]
    assert idx.reference(doc[5], doc[5].children) == (["e1"], "pronoun")
    assert idx.reference(doc[8], doc[8].children) == (["e2"], "role")
    assert idx.reference(doc[9], doc[9].children) == ([], "")
    assert idx.first_person(doc[5]) is False


def test_speakers_vocabulary_is_one_shared_list() -> None:
    from newsgraph.nlp import entities

    v = vocabulary()
    assert v.role_gender("spokeswoman") == "f" and v.role_gender("spokesperson") is None
    assert v.aliases["spokesman"] == "spokesperson"
    roles, titles = entities.ROLE_WORDS, entities.TITLES
    assert roles == v.uses["role"] and titles == v.uses["title"]
    assert "who" in v.pronouns["relative"] and "you" not in v.pronouns["first"]


def _said(hand_doc, subject: list[str], subject_pos: list[str], lead: list[str] | None = None):  # type: ignore[no-untyped-def]
    """ "<lead ...> . <subject ...> said it ." with the subject's last word its head (compounds before it)."""
    lead = lead or ["Andrew", "Kirkwood", "met", "Lin", "."]
    lead_heads = [1, 2, 2, 2, 2] if len(lead) == 5 else list(range(len(lead)))
    lead_deps = ["compound", "nsubj", "ROOT", "dobj", "punct"]
    lead_pos = ["PROPN", "PROPN", "VERB", "PROPN", "PUNCT"]
    n, k = len(lead), len(subject)
    said = n + k
    words = lead + subject + ["said", "it", "."]
    heads = lead_heads + [n + k - 1] * (k - 1) + [said, said, said, said]
    deps = lead_deps + ["compound"] * (k - 1) + ["nsubj", "ROOT", "dobj", "punct"]
    pos = lead_pos + subject_pos + ["VERB", "PRON", "PUNCT"]
    tags = ["NNP" if p == "PROPN" else "NN" if p == "NOUN" else "DT" if p == "DET" else "XX" for p in pos]
    return hand_doc(words, heads=heads, deps=deps, pos=pos, tags=tags)


def test_speakers_surname_links_to_the_full_name(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Andrew Kirkwood met Lin . Kirkwood said it .": the NER missed the second "Kirkwood"
    doc = _said(hand_doc, ["Kirkwood"], ["PROPN"])
    kirkwood = EntityAnn(id="e1", name="Andrew Kirkwood", label="PERSON", mentions=[(0, 15)])
    res = _resolver(doc, [kirkwood]).resolve(5, 6)
    assert res is not None and res.ids == ["e1"] and res.rule == "surname"
    assert (doc[5].idx, doc[5].idx + 8) in kirkwood.mentions
    # two people share the surname: no guess
    other = EntityAnn(id="e2", name="Jane Kirkwood", label="PERSON", mentions=[(doc[3].idx, doc[3].idx + 3)])
    res = _resolver(doc, [_kirk(), other]).resolve(5, 6)
    assert res is not None and res.entities == [] and res.rule == "unresolved"


def _kirk() -> EntityAnn:
    return EntityAnn(id="e1", name="Andrew Kirkwood", label="PERSON", mentions=[(0, 15)])


def test_speakers_role_noun_is_not_the_org_inside_it(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "... . The UNICEF head said it .": UNICEF modifies the head; the head is a person, not UNICEF
    doc = _said(hand_doc, ["The", "UNICEF", "head"], ["DET", "PROPN", "NOUN"])
    unicef = EntityAnn(id="e9", name="UNICEF", label="ORG", mentions=[(doc[6].idx, doc[6].idx + 6)])
    res = _resolver(doc, [_kirk(), unicef]).resolve(5, 8)
    assert res is not None and "e9" not in res.ids


def test_speakers_org_noun_resolves_to_the_named_organisation(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Andrew Kirkwood met Lin . The ministry said it .", with an earlier "Foreign Ministry" (ORG)
    doc = _said(hand_doc, ["The", "ministry"], ["DET", "NOUN"])
    ministry = EntityAnn(id="e3", name="Foreign Ministry", label="ORG", mentions=[(doc[3].idx, doc[3].idx + 3)])
    res = _resolver(doc, [_kirk(), ministry]).resolve(5, 7)
    assert res is not None and res.ids == ["e3"] and res.rule == "org_noun"
    # no organisation of that kind named: unresolved, never the nearest name
    group = _said(hand_doc, ["The", "group"], ["DET", "NOUN"])
    ministry = EntityAnn(id="e3", name="Foreign Ministry", label="ORG", mentions=[(doc[3].idx, doc[3].idx + 3)])
    res = _resolver(group, [_kirk(), ministry]).resolve(5, 7)
    assert res is not None and res.entities == []


def test_speakers_pronoun_after_an_unnamed_speaker_stays_unresolved(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Andrew Kirkwood met Lin . Oh said it . He said it .": "Oh" has no entity; "He" is Oh, not Kirkwood
    words = ["Andrew", "Kirkwood", "met", "Lin", ".", "Oh", "said", "it", ".", "He", "said", "it", "."]
    heads = [1, 2, 2, 2, 2, 6, 6, 6, 6, 10, 10, 10, 10]
    deps = ["compound", "nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "dobj", "punct",
            "nsubj", "ROOT", "dobj", "punct"]
    pos = ["PROPN", "PROPN", "VERB", "PROPN", "PUNCT", "PROPN", "VERB", "PRON", "PUNCT",
           "PRON", "VERB", "PRON", "PUNCT"]
    doc = hand_doc(words, heads=heads, deps=deps, pos=pos)
    resolver = _resolver(doc, [_kirk()], {"andrew": "m"})
    assert resolver.resolve(5, 6).entities == []  # type: ignore[union-attr]
    res = resolver.resolve(9, 10)
    assert res is not None and res.entities == []
    # without the unnamed speaker in between, "He" is the last fitting person speaking
    resolver = _resolver(doc, [_kirk()], {"andrew": "m"})
    resolver.resolve(0, 2)
    res = resolver.resolve(9, 10)
    assert res is not None and res.ids == ["e1"] and res.rule == "pronoun"


def test_speakers_same_range_resolves_the_same_way(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = _said(hand_doc, ["Kirkwood"], ["PROPN"])
    resolver = _resolver(doc, [_kirk()])
    first, again = resolver.resolve(5, 6), resolver.resolve(5, 6)
    assert first is again
    # an addressee is resolved without becoming a recent speaker
    before = len(resolver.speakers_seen)
    assert resolver.resolve(0, 2, speaker=False) is not None and len(resolver.speakers_seen) == before


def test_speakers_role_phrase_goes_to_the_person_named_in_it(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Resident Coordinator for Myanmar Andrew Kirkwood said it": the NER made "Resident Coordinator" an ORG
    words = ["Resident", "Coordinator", "for", "Myanmar", "Andrew", "Kirkwood", "said", "it", "."]
    heads = [1, 6, 1, 5, 5, 2, 6, 6, 6]
    deps = ["compound", "nsubj", "prep", "compound", "compound", "pobj", "ROOT", "dobj", "punct"]
    pos = ["PROPN", "PROPN", "ADP", "PROPN", "PROPN", "PROPN", "VERB", "PRON", "PUNCT"]
    tags = ["NNP", "NNP", "IN", "NNP", "NNP", "NNP", "VBD", "PRP", "."]
    doc = hand_doc(words, heads=heads, deps=deps, pos=pos, tags=tags)
    org = EntityAnn(id="e1", name="Resident Coordinator", label="ORG", mentions=[(0, 20)])
    person = EntityAnn(id="e2", name="Andrew Kirkwood", label="PERSON", mentions=[(doc[4].idx, doc[5].idx + 8)])
    res = _resolver(doc, [org, person]).resolve(0, 2)
    assert res is not None and res.ids == ["e2"] and res.rule == "role_name"
    # no person in the phrase: the role is not the organisation the NER made of it
    res = _resolver(doc, [org]).resolve(0, 2)
    assert res is not None and res.entities == []


def test_speakers_described_role_is_the_person_introduced_next(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Lin Jian met them . The head of MSF said it . Secretary Lockyear added more ."
    words = ["Lin", "Jian", "met", "them", ".", "The", "head", "of", "MSF", "said", "it", ".",
             "Secretary", "Lockyear", "added", "more", "."]
    heads = [1, 2, 2, 2, 2, 6, 9, 6, 7, 9, 9, 9, 13, 14, 14, 14, 14]
    deps = ["compound", "nsubj", "ROOT", "dobj", "punct", "det", "nsubj", "prep", "pobj", "ROOT", "dobj", "punct",
            "compound", "nsubj", "ROOT", "dobj", "punct"]
    pos = ["PROPN", "PROPN", "VERB", "PRON", "PUNCT", "DET", "NOUN", "ADP", "PROPN", "VERB", "PRON", "PUNCT",
           "PROPN", "PROPN", "VERB", "ADJ", "PUNCT"]
    tags = ["NNP", "NNP", "VBD", "PRP", ".", "DT", "NN", "IN", "NNP", "VBD", "PRP", ".", "NNP", "NNP", "VBD",
            "JJR", "."]
    doc = hand_doc(words, heads=heads, deps=deps, pos=pos, tags=tags)
    lin = _lin(doc, roles=["spokesperson"])
    lockyear = EntityAnn(id="e2", name="Lockyear", label="PERSON", roles=["secretary"],
                         mentions=[(doc[12].idx, doc[13].idx + 8)])
    res = _resolver(doc, [lin, lockyear]).resolve(5, 7)
    assert res is not None and res.ids == ["e2"] and res.rule == "role"
    # nobody new named after it: unresolved, not Lin Jian (the last person named before)
    res = _resolver(doc, [_lin(doc)]).resolve(5, 7)
    assert res is not None and res.entities == []


def test_speakers_new_person_then_interjection_surname(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Oh Ei Sun said it . Oh added more .": no entity; the cue's name becomes a person, "Oh" (an INTJ) its surname
    words = ["Oh", "Ei", "Sun", "said", "it", ".", "Oh", "added", "more", "."]
    heads = [2, 2, 3, 3, 3, 3, 7, 7, 7, 7]
    deps = ["intj", "compound", "nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "dobj", "punct"]
    pos = ["INTJ", "PROPN", "PROPN", "VERB", "PRON", "PUNCT", "INTJ", "VERB", "ADJ", "PUNCT"]
    tags = ["UH", "NNP", "NNP", "VBD", "PRP", ".", "UH", "VBD", "JJR", "."]
    doc = hand_doc(words, heads=heads, deps=deps, pos=pos, tags=tags)
    entities: list[EntityAnn] = []
    resolver = _resolver(doc, entities)
    res = resolver.resolve(1, 3)
    assert res is not None and res.rule == "new_name"
    assert [(e.name, e.label, e.rule) for e in entities] == [("Oh Ei Sun", "PERSON", "speaker_name")]
    later = resolver.resolve(6, 7)
    assert later is not None and later.ids == [entities[0].id] and later.rule == "surname"


def test_speakers_no_new_person_from_a_role_or_one_word(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Minister Lin said it .": a title word is not part of a new name; "Revenue said it .": one word is too few
    for words, pos in ((["Minister", "Lin", "said", "it", "."], ["PROPN", "PROPN", "VERB", "PRON", "PUNCT"]),
                       (["Revenue", "said", "it", "."], ["PROPN", "VERB", "PRON", "PUNCT"])):
        n = len(words)
        heads = [1, 2, 2, 2, 2] if n == 5 else [1, 1, 1, 1]
        deps = (["compound", "nsubj", "ROOT", "dobj", "punct"] if n == 5 else ["nsubj", "ROOT", "dobj", "punct"])
        doc = hand_doc(words, heads=heads, deps=deps, pos=pos, tags=["NNP"] * (n - 3) + ["VBD", "PRP", "."])
        entities: list[EntityAnn] = []
        res = _resolver(doc, entities).resolve(0, n - 3)
        assert res is not None and not entities and res.rule == "unresolved", words


def test_speakers_surname_taken_for_an_organisation_is_the_person(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Jeffrey Towson spoke . Towson said more .": the NER made the lone surname an ORG; it is Jeffrey Towson,
    # and a later "he" finds him (a male speaker) through it
    words = ["Jeffrey", "Towson", "spoke", ".", "Towson", "said", "more", "."]
    heads = [1, 2, 2, 2, 5, 5, 5, 5]
    deps = ["compound", "nsubj", "ROOT", "punct", "nsubj", "ROOT", "dobj", "punct"]
    pos = ["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "ADJ", "PUNCT"]
    tags = ["NNP", "NNP", "VBD", ".", "NNP", "VBD", "JJR", "."]
    doc = hand_doc(words, heads=heads, deps=deps, pos=pos, tags=tags)
    person = EntityAnn(id="e1", name="Jeffrey Towson", label="PERSON", mentions=[(0, 14)])
    org = EntityAnn(id="e2", name="Towson", label="ORG", mentions=[(doc[4].idx, doc[4].idx + 6)])
    resolver = _resolver(doc, [person, org], {"jeffrey": "m"})
    res = resolver.resolve(4, 5)
    assert res is not None and res.ids == ["e1"] and res.rule == "surname"
    # two people holding the name: the organisation stands (no guess between them)
    other = EntityAnn(id="e3", name="Ann Towson", label="PERSON", mentions=[(0, 14)])
    person = EntityAnn(id="e1", name="Jeffrey Towson", label="PERSON", mentions=[(0, 14)])
    res = _resolver(doc, [person, other, org]).resolve(4, 5)
    assert res is not None and res.ids == ["e2"] and res.rule == "name"


def test_speakers_org_noun_goes_to_the_name_an_earlier_phrase_gave_it(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "The militant group Shabab attacked . Kenya replied . The group said more .": "the group" is the entity
    # the earlier "group" phrase named (the NER called it a person), not the organisation named last
    words = ["The", "militant", "group", "Shabab", "attacked", ".", "Kenya", "replied", ".", "The", "group", "said",
             "more", "."]
    heads = [2, 2, 4, 2, 4, 4, 7, 7, 7, 10, 11, 11, 11, 11]
    deps = ["det", "compound", "nsubj", "appos", "ROOT", "punct", "nsubj", "ROOT", "punct", "det", "nsubj", "ROOT",
            "dobj", "punct"]
    pos = ["DET", "NOUN", "NOUN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT", "DET", "NOUN", "VERB", "ADJ",
           "PUNCT"]
    tags = ["DT", "NN", "NN", "NNP", "VBD", ".", "NNP", "VBD", ".", "DT", "NN", "VBD", "JJR", "."]
    lemmas = ["the", "militant", "group", "Shabab", "attack", ".", "Kenya", "reply", ".", "the", "group", "say",
              "more", "."]
    doc = hand_doc(words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    shabab = EntityAnn(id="e1", name="Shabab", label="PERSON", mentions=[(doc[3].idx, doc[3].idx + 6)])
    kenya = EntityAnn(id="e2", name="Kenya Group", label="ORG", mentions=[(doc[6].idx, doc[6].idx + 5)])
    res = _resolver(doc, [shabab, kenya]).resolve(9, 11)
    assert res is not None and res.ids == ["e1"] and res.rule == "org_noun"
    # with no such phrase, the last organisation whose name holds the noun
    doc2 = hand_doc(words[4:], heads=[h - 4 for h in heads[4:]], deps=["ROOT", *deps[5:]], pos=pos[4:], tags=tags[4:],
                    lemmas=lemmas[4:])
    kenya = EntityAnn(id="e2", name="Kenya Group", label="ORG", mentions=[(doc2[2].idx, doc2[2].idx + 5)])
    res = _resolver(doc2, [kenya]).resolve(5, 7)
    assert res is not None and res.ids == ["e2"] and res.rule == "org_noun"


def _spokesperson_doc(hand_doc: Callable[..., Doc]) -> Doc:
    # "A DHS spokesperson told VOA . Lin Jian said it . The spokesperson added more ."
    words = ["A", "DHS", "spokesperson", "told", "VOA", ".", "Lin", "Jian", "said", "it", ".", "The", "spokesperson",
             "added", "more", "."]
    heads = [2, 2, 3, 3, 3, 3, 7, 8, 8, 8, 8, 12, 13, 13, 13, 13]
    deps = ["det", "compound", "nsubj", "ROOT", "dobj", "punct", "compound", "nsubj", "ROOT", "dobj", "punct", "det",
            "nsubj", "ROOT", "dobj", "punct"]
    pos = ["DET", "PROPN", "NOUN", "VERB", "PROPN", "PUNCT", "PROPN", "PROPN", "VERB", "PRON", "PUNCT", "DET", "NOUN",
           "VERB", "ADJ", "PUNCT"]
    tags = ["DT", "NNP", "NN", "VBD", "NNP", ".", "NNP", "NNP", "VBD", "PRP", ".", "DT", "NN", "VBD", "JJR", "."]
    return hand_doc(words, heads=heads, deps=deps, pos=pos, tags=tags)


def test_speakers_role_noun_after_an_unnamed_holder_stays_unresolved(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "the spokesperson" is the unnamed DHS spokesperson, not Lin Jian, who holds the role elsewhere
    doc = _spokesperson_doc(hand_doc)
    lin = EntityAnn(id="e1", name="Lin Jian", label="PERSON", mentions=[(doc[6].idx, doc[7].idx + 4)],
                    roles=["spokesperson"])
    res = _resolver(doc, [lin]).resolve(11, 13)
    assert res is not None and res.ids == [] and res.rule == "unresolved"
    # the earlier phrase naming its holder ("DHS spokesperson Lin Jian" here: the name on the role's phrase)
    named = EntityAnn(id="e2", name="Ann DHS", label="PERSON", mentions=[(doc[1].idx, doc[2].idx + 12)])
    res = _resolver(doc, [named, lin]).resolve(11, 13)
    assert res is not None and res.ids == ["e2"] and res.rule == "role"


def test_speakers_pronoun_prefers_the_subject_of_its_sentence(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Trump hosted Erdogan for what he called a meeting .": no recent speaker; the subject, not the nearer object
    words = ["Trump", "hosted", "Erdogan", "for", "what", "he", "called", "a", "meeting", "."]
    heads = [1, 1, 1, 1, 6, 6, 3, 8, 6, 1]
    deps = ["nsubj", "ROOT", "dobj", "prep", "dobj", "nsubj", "pcomp", "det", "oprd", "punct"]
    pos = ["PROPN", "VERB", "PROPN", "ADP", "PRON", "PRON", "VERB", "DET", "NOUN", "PUNCT"]
    tags = ["NNP", "VBD", "NNP", "IN", "WP", "PRP", "VBD", "DT", "NN", "."]
    doc = hand_doc(words, heads=heads, deps=deps, pos=pos, tags=tags)
    trump = EntityAnn(id="e1", name="Donald Trump", label="PERSON", mentions=[(0, 5)])
    erdogan = EntityAnn(id="e2", name="Erdogan", label="PERSON", mentions=[(doc[2].idx, doc[2].idx + 7)])
    res = _resolver(doc, [trump, erdogan], {"donald": "m"}).resolve(5, 6)
    assert res is not None and res.ids == ["e1"] and res.rule == "pronoun"


def _statement_doc(hand_doc: Callable[..., Doc]) -> Doc:
    # "The U.S. statement said it . China ’s U.N. ambassador added more ."
    words = ["The", "U.S.", "statement", "said", "it", ".", "China", "’s", "U.N.", "ambassador", "added", "more",
             "."]
    heads = [2, 2, 3, 3, 3, 3, 9, 6, 9, 10, 10, 10, 10]
    deps = ["det", "compound", "nsubj", "ROOT", "dobj", "punct", "poss", "case", "compound", "nsubj", "ROOT",
            "dobj", "punct"]
    pos = ["DET", "PROPN", "NOUN", "VERB", "PRON", "PUNCT", "PROPN", "PART", "PROPN", "NOUN", "VERB", "ADJ",
           "PUNCT"]
    tags = ["DT", "NNP", "NN", "VBD", "PRP", ".", "NNP", "POS", "NNP", "NN", "VBD", "JJR", "."]
    return hand_doc(words, heads=heads, deps=deps, pos=pos, tags=tags)


def test_speakers_document_speaks_for_its_issuer(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = _statement_doc(hand_doc)
    us = EntityAnn(id="e1", name="U.S.", label="GPE", mentions=[(doc[1].idx, doc[1].idx + 4)])
    resolver = SpeakerResolver(doc, [us], {}, 3, SentenceIndex(doc), documents=frozenset({"statement"}))
    res = resolver.resolve(0, 3)
    assert res is not None and res.ids == ["e1"] and res.rule == "document"
    # without the document noun, the modifier does not speak
    res = _resolver(doc, [EntityAnn(id="e1", name="U.S.", label="GPE", mentions=[(doc[1].idx, doc[1].idx + 4)])]
                    ).resolve(0, 3)
    assert res is not None and res.ids == []


def test_speakers_actor_description_is_no_name(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # the actors component made "China’s U.N. ambassador" an entity: it names no one; the ambassador of
    # another country named before does not hold this role
    doc = _statement_doc(hand_doc)
    start, end = doc[6].idx, doc[9].idx + len("ambassador")
    actor = EntityAnn(id="e2", name="China’s U.N. ambassador", label="ORG", mentions=[(start, end)], rule="actor_np")
    res = _resolver(doc, [actor]).resolve(6, 10)
    assert res is not None and res.ids == [] and res.rule == "unresolved:description"


def test_speakers_capital_speaking_is_its_country(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Erdogan visited Turkey ships . Ankara said it .": a capital that speaks stands for the country it governs
    from newsgraph.nlp.quotes.lexicon import capital_metonyms, load_quote_words

    doc = _said(hand_doc, ["Ankara"], ["PROPN"], lead=["Erdogan", "visited", "Turkey", "ships", "."])
    turkey = EntityAnn(id="e1", name="Turkey", label="GPE", mentions=[(doc[2].idx, doc[2].idx + 6)])
    ankara = EntityAnn(id="e2", name="Ankara", label="GPE", mentions=[(doc[5].idx, doc[5].idx + 6)])
    capitals = capital_metonyms(load_quote_words()["capital_metonym"])
    resolver = SpeakerResolver(doc, [turkey, ankara], {}, 3, SentenceIndex(doc), capitals=capitals)
    res = resolver.resolve(5, 6)
    assert res is not None and res.ids == ["e1"] and res.rule == "capital"
    # without the country in the document, the capital stays the speaker
    res = SpeakerResolver(doc, [ankara], {}, 3, SentenceIndex(doc), capitals=capitals).resolve(5, 6)
    assert res is not None and res.ids == ["e2"] and res.rule == "name"


def _parsed(hand_doc: Callable[..., Doc], rows: list[tuple[str, int, str, str, str]]) -> Doc:
    """A hand parse from (word, head index, dep, pos, tag) rows."""
    words, heads, deps, pos, tags = (list(col) for col in zip(*rows, strict=True))
    return hand_doc(words, heads=heads, deps=deps, pos=pos, tags=tags)


def _char(doc: Doc, i: int, j: int | None = None) -> tuple[int, int]:
    """Char offsets of tokens [i, j] (j inclusive; one token when None)."""
    last = doc[j if j is not None else i]
    return doc[i].idx, last.idx + len(last.text)


def test_speakers_person_named_inside_a_quote_is_no_rival_for_he(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Hecker said it . “ Vladimir Putin left . ” He added more .": Putin is named only inside Hecker's quote
    doc = _parsed(hand_doc, [
        ("Hecker", 1, "nsubj", "PROPN", "NNP"), ("said", 1, "ROOT", "VERB", "VBD"), ("it", 1, "dobj", "PRON", "PRP"),
        (".", 1, "punct", "PUNCT", "."), ("“", 7, "punct", "PUNCT", "``"), ("Vladimir", 6, "compound", "PROPN", "NNP"),
        ("Putin", 7, "nsubj", "PROPN", "NNP"), ("left", 7, "ROOT", "VERB", "VBD"), (".", 7, "punct", "PUNCT", "."),
        ("”", 7, "punct", "PUNCT", "''"), ("He", 11, "nsubj", "PRON", "PRP"), ("added", 11, "ROOT", "VERB", "VBD"),
        ("more", 11, "dobj", "ADJ", "JJR"), (".", 11, "punct", "PUNCT", "."),
    ])
    def people() -> list[EntityAnn]:
        return [EntityAnn(id="e1", name="Charles Hecker", label="PERSON", mentions=[_char(doc, 0)]),
                EntityAnn(id="e2", name="Vladimir Putin", label="PERSON", mentions=[_char(doc, 5, 6)])]

    names = {"charles": "m", "vladimir": "m"}
    quote = (doc[4].idx, doc[9].idx + 1)
    resolver = SpeakerResolver(doc, people(), names, 3, SentenceIndex(doc), quoted=[quote])
    resolver.resolve(0, 1)
    res = resolver.resolve(10, 11)
    assert res is not None and res.ids == ["e1"] and res.rule == "pronoun"
    # named outside any quote, Putin is a rival and the nearest fitting person
    resolver = SpeakerResolver(doc, people(), names, 3, SentenceIndex(doc))
    resolver.resolve(0, 1)
    res = resolver.resolve(10, 11)
    assert res is not None and res.ids == ["e2"]


def _turned_doc(hand_doc: Callable[..., Doc], subject: bool) -> Doc:
    # "Najib said it . Mahathir was outspoken . He called more ." (subject) or
    # "Najib said it . Crowds cheered Mahathir . He called more ." (object)
    second = ([("Mahathir", 5, "nsubj", "PROPN", "NNP"), ("was", 5, "ROOT", "AUX", "VBD"),
               ("outspoken", 5, "acomp", "ADJ", "JJ")] if subject else
              [("Crowds", 5, "nsubj", "NOUN", "NNS"), ("cheered", 5, "ROOT", "VERB", "VBD"),
               ("Mahathir", 5, "dobj", "PROPN", "NNP")])
    return _parsed(hand_doc, [
        ("Najib", 1, "nsubj", "PROPN", "NNP"), ("said", 1, "ROOT", "VERB", "VBD"), ("it", 1, "dobj", "PRON", "PRP"),
        (".", 1, "punct", "PUNCT", "."), *second, (".", 5, "punct", "PUNCT", "."),
        ("He", 9, "nsubj", "PRON", "PRP"), ("called", 9, "ROOT", "VERB", "VBD"), ("more", 9, "dobj", "ADJ", "JJR"),
        (".", 9, "punct", "PUNCT", "."),
    ])


def test_speakers_he_goes_to_a_subject_named_since_the_last_speaker(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # the story turned to Mahathir (a subject of the sentence before, gender unknown): "He" is Mahathir
    for subject, expected in ((True, "e2"), (False, "e1")):
        doc = _turned_doc(hand_doc, subject)
        najib = EntityAnn(id="e1", name="Najib Razak", label="PERSON", mentions=[_char(doc, 0)])
        mahathir = EntityAnn(id="e2", name="Mahathir Mohamad", label="PERSON", mentions=[_char(doc, 4 + (not subject) * 2)])
        resolver = _resolver(doc, [najib, mahathir], {"najib": "m"})
        resolver.resolve(0, 1)
        res = resolver.resolve(8, 9)
        assert res is not None and res.ids == [expected], subject


def test_speakers_name_with_a_role_in_apposition_is_a_person(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Simasiku , director , said it . He added more .": the NER made Simasiku an ORG; the role says a person
    doc = _parsed(hand_doc, [
        ("Simasiku", 4, "nsubj", "PROPN", "NNP"), (",", 0, "punct", "PUNCT", ","), ("director", 0, "appos", "NOUN", "NN"),
        (",", 0, "punct", "PUNCT", ","), ("said", 4, "ROOT", "VERB", "VBD"), ("it", 4, "dobj", "PRON", "PRP"),
        (".", 4, "punct", "PUNCT", "."), ("He", 8, "nsubj", "PRON", "PRP"), ("added", 8, "ROOT", "VERB", "VBD"),
        ("more", 8, "dobj", "ADJ", "JJR"), (".", 8, "punct", "PUNCT", "."),
    ])
    org = EntityAnn(id="e1", name="Simasiku", label="ORG", mentions=[_char(doc, 0)])
    resolver = _resolver(doc, [org])
    assert resolver.resolve(0, 4).ids == ["e1"]  # type: ignore[union-attr]
    res = resolver.resolve(7, 8)
    assert res is not None and res.ids == ["e1"] and res.rule == "pronoun"
    # without the role, an organisation is no "he": "Simasiku said it . He added more ."
    doc = _parsed(hand_doc, [
        ("Simasiku", 1, "nsubj", "PROPN", "NNP"), ("said", 1, "ROOT", "VERB", "VBD"), ("it", 1, "dobj", "PRON", "PRP"),
        (".", 1, "punct", "PUNCT", "."), ("He", 5, "nsubj", "PRON", "PRP"), ("added", 5, "ROOT", "VERB", "VBD"),
        ("more", 5, "dobj", "ADJ", "JJR"), (".", 5, "punct", "PUNCT", "."),
    ])
    resolver = _resolver(doc, [EntityAnn(id="e1", name="Simasiku", label="ORG", mentions=[_char(doc, 0)])])
    resolver.resolve(0, 1)
    res = resolver.resolve(4, 5)
    assert res is not None and res.entities == []


def test_speakers_they_after_an_unnamed_group_stays_unresolved(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "NATO met Lin . Rights groups said it . They said more .": "They" is most likely the rights groups
    doc = _parsed(hand_doc, [
        ("NATO", 1, "nsubj", "PROPN", "NNP"), ("met", 1, "ROOT", "VERB", "VBD"), ("Lin", 1, "dobj", "PROPN", "NNP"),
        (".", 1, "punct", "PUNCT", "."), ("Rights", 5, "compound", "NOUN", "NNS"), ("groups", 6, "nsubj", "NOUN", "NNS"),
        ("said", 6, "ROOT", "VERB", "VBD"), ("it", 6, "dobj", "PRON", "PRP"), (".", 6, "punct", "PUNCT", "."),
        ("They", 10, "nsubj", "PRON", "PRP"), ("said", 10, "ROOT", "VERB", "VBD"), ("more", 10, "dobj", "ADJ", "JJR"),
        (".", 10, "punct", "PUNCT", "."),
    ])
    nato = EntityAnn(id="e1", name="NATO", label="ORG", mentions=[_char(doc, 0)])
    resolver = _resolver(doc, [nato])
    assert resolver.resolve(4, 6).entities == []  # type: ignore[union-attr]
    res = resolver.resolve(9, 10)
    assert res is not None and res.entities == []
    # with no unnamed speaker before it, "They" is the organisation named before
    res = _resolver(doc, [EntityAnn(id="e1", name="NATO", label="ORG", mentions=[_char(doc, 0)])]).resolve(9, 10)
    assert res is not None and res.ids == ["e1"] and res.rule == "pronoun"


def _envoy_doc(hand_doc: Callable[..., Doc]) -> Doc:
    # "The U.N. envoy met President Assad . Pedersen added more . Kim spoke . The U.N. envoy said it ."
    return _parsed(hand_doc, [
        ("The", 2, "det", "DET", "DT"), ("U.N.", 2, "compound", "PROPN", "NNP"), ("envoy", 3, "nsubj", "NOUN", "NN"),
        ("met", 3, "ROOT", "VERB", "VBD"), ("President", 5, "compound", "PROPN", "NNP"), ("Assad", 3, "dobj", "PROPN", "NNP"),
        (".", 3, "punct", "PUNCT", "."), ("Pedersen", 8, "nsubj", "PROPN", "NNP"), ("added", 8, "ROOT", "VERB", "VBD"),
        ("more", 8, "dobj", "ADJ", "JJR"), (".", 8, "punct", "PUNCT", "."), ("Kim", 12, "nsubj", "PROPN", "NNP"),
        ("spoke", 12, "ROOT", "VERB", "VBD"), (".", 12, "punct", "PUNCT", "."), ("The", 16, "det", "DET", "DT"),
        ("U.N.", 16, "compound", "PROPN", "NNP"), ("envoy", 17, "nsubj", "NOUN", "NN"), ("said", 17, "ROOT", "VERB", "VBD"),
        ("it", 17, "dobj", "PRON", "PRP"), (".", 17, "punct", "PUNCT", "."),
    ])


def test_speakers_described_role_is_the_next_sentences_new_subject(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # the description's own sentence names Assad (another role): not him; Pedersen, first named as the next
    # sentence's subject, is the envoy; the later "The U.N. envoy" is the person the earlier one was
    doc = _envoy_doc(hand_doc)

    def people() -> list[EntityAnn]:
        return [EntityAnn(id="e1", name="Assad", label="PERSON", roles=["president"], mentions=[_char(doc, 4, 5)]),
                EntityAnn(id="e2", name="Geir Pedersen", label="PERSON", mentions=[_char(doc, 7)]),
                EntityAnn(id="e3", name="Kim Lee", label="PERSON", mentions=[_char(doc, 11)])]

    resolver = _resolver(doc, people())
    res = resolver.resolve(0, 3)
    assert res is not None and res.ids == ["e2"] and res.rule == "role"
    later = resolver.resolve(14, 17)
    assert later is not None and later.ids == ["e2"] and later.rule == "role"
    # without the first description, nobody is introduced after the later one: unresolved, not Kim
    resolver = _resolver(doc, people())
    res = resolver.resolve(14, 17)
    assert res is not None and res.entities == []


def _envoy_after(hand_doc: Callable[..., Doc], country: str) -> Doc:
    # "<country> 's representative Munir Akram said it . The Pakistani envoy added more ."
    doc = _parsed(hand_doc, [
        (country, 2, "poss", "PROPN", "NNP"), ("'s", 0, "case", "PART", "POS"),
        ("representative", 4, "compound", "NOUN", "NN"), ("Munir", 4, "compound", "PROPN", "NNP"),
        ("Akram", 5, "nsubj", "PROPN", "NNP"), ("said", 5, "ROOT", "VERB", "VBD"), ("it", 5, "dobj", "PRON", "PRP"),
        (".", 5, "punct", "PUNCT", "."), ("The", 10, "det", "DET", "DT"), ("Pakistani", 10, "amod", "ADJ", "JJ"),
        ("envoy", 11, "nsubj", "NOUN", "NN"), ("added", 11, "ROOT", "VERB", "VBD"), ("more", 11, "dobj", "ADJ", "JJR"),
        (".", 11, "punct", "PUNCT", "."),
    ])
    return doc


def test_speakers_described_role_is_the_last_speaker_so_described(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # the description's words are written by the last speaker's name ("Pakistan" ~ "Pakistani"): him
    doc = _envoy_after(hand_doc, "Pakistan")
    akram = EntityAnn(id="e1", name="Munir Akram", label="PERSON", mentions=[_char(doc, 3, 4)])
    resolver = _resolver(doc, [akram])
    resolver.resolve(3, 5)
    res = resolver.resolve(8, 11)
    assert res is not None and res.ids == ["e1"] and res.rule == "role"
    # described otherwise ("Kenya's representative"): a new person, unresolved
    doc = _envoy_after(hand_doc, "Kenya")
    resolver = _resolver(doc, [EntityAnn(id="e1", name="Munir Akram", label="PERSON", mentions=[_char(doc, 3, 4)])])
    resolver.resolve(3, 5)
    res = resolver.resolve(8, 11)
    assert res is not None and res.entities == []


def test_speakers_capitalised_common_noun_mid_sentence_is_a_surname(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Rogier Creemers spoke . Then , Creemers said it .": the tagger made "Creemers" a plural common noun
    doc = _parsed(hand_doc, [
        ("Rogier", 1, "compound", "PROPN", "NNP"), ("Creemers", 2, "nsubj", "PROPN", "NNP"),
        ("spoke", 2, "ROOT", "VERB", "VBD"), (".", 2, "punct", "PUNCT", "."), ("Then", 7, "advmod", "ADV", "RB"),
        (",", 7, "punct", "PUNCT", ","), ("Creemers", 7, "nsubj", "NOUN", "NNS"), ("said", 7, "ROOT", "VERB", "VBD"),
        ("it", 7, "dobj", "PRON", "PRP"), (".", 7, "punct", "PUNCT", "."),
    ])
    person = EntityAnn(id="e1", name="Rogier Creemers", label="PERSON", mentions=[_char(doc, 0, 1)])
    res = _resolver(doc, [person]).resolve(6, 7)
    assert res is not None and res.ids == ["e1"] and res.rule == "surname"


def test_speakers_professor_is_a_speaker_role() -> None:
    # "Rogier Creemers, assistant professor at Leiden, told VOA": the role makes the name a person
    assert "professor" in vocabulary().uses["speaker"]


def test_speakers_a_name_modifying_the_subject_is_no_new_topic(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Najib said it . The Mahathir government was outspoken . He called more .": the subject is the
    # government, not Mahathir; "He" stays the last speaker
    doc = _parsed(hand_doc, [
        ("Najib", 1, "nsubj", "PROPN", "NNP"), ("said", 1, "ROOT", "VERB", "VBD"), ("it", 1, "dobj", "PRON", "PRP"),
        (".", 1, "punct", "PUNCT", "."), ("The", 6, "det", "DET", "DT"), ("Mahathir", 6, "compound", "PROPN", "NNP"),
        ("government", 7, "nsubj", "NOUN", "NN"), ("was", 7, "ROOT", "AUX", "VBD"), ("outspoken", 7, "acomp", "ADJ", "JJ"),
        (".", 7, "punct", "PUNCT", "."), ("He", 11, "nsubj", "PRON", "PRP"), ("called", 11, "ROOT", "VERB", "VBD"),
        ("more", 11, "dobj", "ADJ", "JJR"), (".", 11, "punct", "PUNCT", "."),
    ])
    najib = EntityAnn(id="e1", name="Najib Razak", label="PERSON", mentions=[_char(doc, 0)])
    mahathir = EntityAnn(id="e2", name="Mahathir Mohamad", label="PERSON", mentions=[_char(doc, 5)])
    resolver = _resolver(doc, [najib, mahathir], {"najib": "m"})
    resolver.resolve(0, 1)
    res = resolver.resolve(10, 11)
    assert res is not None and res.ids == ["e1"]


def test_speakers_it_after_an_unresolved_organisation_noun_is_the_nearest_one(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "NATO met Lin . The group said it . It said more .": "the group" unresolved says less than a
    # description; "It" is the nearest organisation
    doc = _parsed(hand_doc, [
        ("NATO", 1, "nsubj", "PROPN", "NNP"), ("met", 1, "ROOT", "VERB", "VBD"), ("Lin", 1, "dobj", "PROPN", "NNP"),
        (".", 1, "punct", "PUNCT", "."), ("The", 5, "det", "DET", "DT"), ("group", 6, "nsubj", "NOUN", "NN"),
        ("said", 6, "ROOT", "VERB", "VBD"), ("it", 6, "dobj", "PRON", "PRP"), (".", 6, "punct", "PUNCT", "."),
        ("It", 10, "nsubj", "PRON", "PRP"), ("said", 10, "ROOT", "VERB", "VBD"), ("more", 10, "dobj", "ADJ", "JJR"),
        (".", 10, "punct", "PUNCT", "."),
    ])
    nato = EntityAnn(id="e1", name="NATO", label="ORG", mentions=[_char(doc, 0)])
    resolver = _resolver(doc, [nato])
    resolver.resolve(4, 6)
    res = resolver.resolve(9, 10)
    assert res is not None and res.ids == ["e1"] and res.rule == "pronoun"
