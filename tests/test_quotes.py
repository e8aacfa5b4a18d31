"""The quotes component: every quote shape of issue 3 on real sentences, malformed quoting, speakers."""

from __future__ import annotations

import pytest

from newsgraph.nlp.annotations import get_list
from newsgraph.nlp.quotes import find_quote_spans, load_cues
from newsgraph.records import Quote


def _quotes(nlp, text: str) -> list[Quote]:  # type: ignore[no-untyped-def]
    return list(get_list(nlp(text), "ng_quotes"))


def _entities(nlp, text: str):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return doc, list(get_list(doc, "ng_quotes")), {e.id: e for e in get_list(doc, "ng_entities")}


def _one(quotes: list[Quote], contains: str) -> Quote:
    found = [q for q in quotes if contains in q.text]
    assert found, f"no quote contains {contains!r}: {[q.text for q in quotes]}"
    return found[0]


# ---------------------------------------------------------------------------------------------------------------
# quote marks (no model)


def test_quotes_marks_pair_every_style() -> None:
    text = "He said “a b” and «c d» and ‘e f’ and \"g h\" and ''i j''."
    assert [text[s:e] for s, e in find_quote_spans(text)] == ["a b", "c d", "e f", "g h", "i j"]


def test_quotes_marks_apostrophes_are_not_quotes() -> None:
    text = "The captured Chinese nationals’ appeal to their government, which didn’t say ‘yes’."
    assert [text[s:e] for s, e in find_quote_spans(text)] == ["yes"]


def test_quotes_marks_unbalanced_recover() -> None:
    text = 'He said “we will win. Then ” and ” again “ and a stray " mark\nNext paragraph “fine” here.'
    spans = find_quote_spans(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert "fine" in [text[s:e] for s, e in spans]


def test_quotes_marks_multi_paragraph_quote() -> None:
    text = "He said: “First paragraph of the quote.\n“Second paragraph of it,” he added."
    spans = [text[s:e] for s, e in find_quote_spans(text)]
    assert spans[0] == "First paragraph of the quote."
    assert "Second paragraph of it," in spans


def test_quotes_marks_straight_opener_closes_with_curly_closer() -> None:
    text = '"The fighting is at their doors,” Catherine Russell told the council. She said more.'
    assert [text[s:e] for s, e in find_quote_spans(text)] == ["The fighting is at their doors,"]


def test_quotes_lexicon_has_the_issue_cues() -> None:
    cues = load_cues()
    for cue in ("say", "tell", "add", "state", "claim", "deny", "call", "urge", "warn", "according to"):
        assert cue in cues


def test_quotes_lexicon_user_entries(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "cues.tsv").write_text("# mine\nopine\tspeech\tclause\n", encoding="utf-8")
    assert load_cues(tmp_path)["opine"].cls == "speech"


def test_quotes_words_read_through_the_knowledge_dir(tmp_path, blank_nlp) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.nlp.quotes import QuotesComponent, load_quote_words

    assert "accuse" in load_quote_words()["addressee_cue"] and "warn" not in load_quote_words()["addressee_cue"]
    (tmp_path / "quote_words.tsv").write_text("addressee_cue\twarn\n", encoding="utf-8")
    assert "warn" in load_quote_words(tmp_path)["addressee_cue"]
    component = QuotesComponent(blank_nlp, knowledge_dir=str(tmp_path))
    assert "warn" in component.finder.addressee_cues and "accuse" in component.finder.addressee_cues


# ---------------------------------------------------------------------------------------------------------------
# quote shapes (model)

pytestmark_model = pytest.mark.model


@pytest.mark.model
def test_quotes_direct_curly_cue_after(nlp) -> None:  # type: ignore[no-untyped-def]
    q = _one(
        _quotes(nlp, "“The position of the Chinese government is very clear,” Lin Jian said."),
        "position of the Chinese government",
    )
    assert q.kind == "direct" and q.cue is not None and q.cue.text == "said"
    assert q.speaker is not None and q.speaker.text == "Lin Jian"


@pytest.mark.model
def test_quotes_direct_straight_quotes_cue_before(nlp) -> None:  # type: ignore[no-untyped-def]
    q = _one(
        _quotes(nlp, 'Kallas said: "We will not recognise the annexation of any Ukrainian territory."'),
        "annexation",
    )
    assert (
        q.kind == "direct" and q.cue_lemma == "say" and q.speaker is not None and q.speaker.text == "Kallas"
    )


@pytest.mark.model
def test_quotes_direct_guillemets(nlp) -> None:  # type: ignore[no-untyped-def]
    q = _one(
        _quotes(nlp, "«We are ready to negotiate with Kyiv at any time,» Putin told reporters."), "negotiate"
    )
    assert (
        q.kind == "direct" and q.cue_lemma == "tell" and q.speaker is not None and q.speaker.text == "Putin"
    )


@pytest.mark.model
def test_quotes_direct_spanning_sentences(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“The position of the Chinese government is very clear. We have issued numerous warnings and urged "
        "Chinese citizens to stay away from conflict zones,” Lin Jian said."
    )
    q = _one(_quotes(nlp, text), "numerous warnings")
    assert "The position" in q.text and q.speaker is not None and q.speaker.text == "Lin Jian"


@pytest.mark.model
def test_quotes_direct_interrupted_by_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“We have issued numerous warnings to our citizens,” the spokesperson said, “and we ask all parties to "
        "refrain from political manipulation.”"
    )
    quotes = _quotes(nlp, text)
    first, second = _one(quotes, "numerous warnings"), _one(quotes, "political manipulation")
    assert first.speaker is not None and second.speaker is not None
    assert first.speaker.text == second.speaker.text == "the spokesperson"


@pytest.mark.model
def test_quotes_direct_over_paragraphs(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Zelenskyy told lawmakers on Tuesday:\n\n“At least 155 Chinese nationals are fighting in the Russian army.\n\n"
        "“The recruitment of Chinese citizens into the Russian army continues.”"
    )
    quotes = _quotes(nlp, text)
    for part in ("At least 155", "recruitment of Chinese citizens"):
        q = _one(quotes, part)
        assert q.speaker is not None and q.speaker.text == "Zelenskyy"


@pytest.mark.model
def test_quotes_partial_inside_reported_speech(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Earlier, the EU’s chief diplomat, Kaja Kallas, called China the “main sponsor” of Russia’s war, "
        "commenting on the information about the participation of Chinese citizens in the war against Ukraine."
    )
    _doc, quotes, ents = _entities(nlp, text)
    q = _one(quotes, "main sponsor")
    assert q.kind == "partial" and q.cue_lemma == "call"
    assert q.speaker is not None and ents[q.speaker.entity].name == "Kaja Kallas"


@pytest.mark.model
def test_quotes_mixed(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Lin Jian said the behaviour of Chinese citizens abroad “will be examined in accordance with Chinese law, "
        "and necessary consular actions will be taken” after the investigation ends next month."
    )
    q = _one(_quotes(nlp, text), "examined in accordance")
    assert q.kind in ("mixed", "direct")
    assert q.speaker is not None and q.speaker.text == "Lin Jian"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "contains", "cue", "speaker"),
    [
        (
            "Lin Jian said that China’s stance remains consistent and clear.",
            "stance remains",
            "say",
            "Lin Jian",
        ),
        (
            "Zelenskyy said the recruitment of Chinese citizens into the Russian army continues.",
            "recruitment",
            "say",
            "Zelenskyy",
        ),
        (
            "The recruitment of Chinese citizens into the Russian army continues, Zelenskyy said.",
            "recruitment",
            "say",
            "Zelenskyy",
        ),
        (
            "According to Lin Jian, Chinese government agencies are still verifying the information.",
            "agencies are still verifying",
            "according to",
            "Lin Jian",
        ),
        (
            "The Chinese government denied that its citizens took part in the war.",
            "citizens took part",
            "deny",
            "The Chinese government",
        ),
        (
            "Kallas warned that Russia would use the prisoners for propaganda.",
            "prisoners for propaganda",
            "warn",
            "Kallas",
        ),
        (
            "Lin Jian urged Chinese citizens to stay away from conflict zones.",
            "stay away",
            "urge",
            "Lin Jian",
        ),
        (
            "Zelenskyy insisted that Beijing knew about the recruitment.",
            "Beijing knew",
            "insist",
            "Zelenskyy",
        ),
        (
            "Zelenskyy claimed that 155 Chinese nationals are fighting for Russia.",
            "155 Chinese",
            "claim",
            "Zelenskyy",
        ),
        ("Kallas believes China is the main sponsor of the war.", "main sponsor", "believe", "Kallas"),
        ("Macron backs a ceasefire along the current front line.", "ceasefire", "back", "Macron"),
    ],
)
def test_quotes_indirect_shapes(nlp, text, contains, cue, speaker) -> None:  # type: ignore[no-untyped-def]
    q = _one(_quotes(nlp, text), contains)
    assert q.kind == "indirect"
    assert q.cue_lemma == cue
    assert q.speaker is not None and q.speaker.text == speaker


@pytest.mark.model
def test_quotes_called_y_z(nlp) -> None:  # type: ignore[no-untyped-def]
    q = _one(_quotes(nlp, "Zelenskyy called the recruitment a crime against Ukraine."), "crime")
    assert q.cue_lemma == "call" and q.speaker is not None and q.speaker.text == "Zelenskyy"


@pytest.mark.model
def test_quotes_scare_quote_is_not_speech(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "He stated that China’s stance on Russia’s war against Ukraine, which the country calls “the Ukrainian "
        "crisis,” remains consistent and clear."
    )
    quotes = _quotes(nlp, text)
    assert not [q for q in quotes if q.text.strip(" ,.") == "the Ukrainian crisis"]
    q = _one(quotes, "remains consistent")
    assert q.kind == "indirect" and q.cue_lemma == "state"


@pytest.mark.model
def test_quotes_title_next_to_cue_is_not_a_direct_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "In an interview on “Face the Nation,” Ryan said the recent protests demand a response."
    assert not [q for q in _quotes(nlp, text) if q.text.startswith("Face the Nation")]


# ---------------------------------------------------------------------------------------------------------------
# malformed quoting


@pytest.mark.model
def test_quotes_stray_marks_do_not_crash(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Lin Jian said ” the talks “ failed. ”” “ Kallas said “ and then ' nothing \" more."
    quotes = _quotes(nlp, text)
    for q in quotes:
        assert text[q.start : q.end] == q.text


@pytest.mark.model
def test_quotes_five_thousand_word_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    body = " ".join(["We will defend every village and every road of our country."] * 455)  # 5,005 words
    text = f"“{body}” Zelenskyy said."
    q = _one(_quotes(nlp, text), "every village")
    assert q.kind == "direct" and len(q.text.split()) >= 5000


@pytest.mark.model
def test_quotes_without_cue_keep_null_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The hall fell silent.\n\n“We will never accept the occupation of our land by anyone.”"
    q = _one(_quotes(nlp, text), "never accept")
    assert q.cue is None and q.speaker is None and q.kind == "direct"


# ---------------------------------------------------------------------------------------------------------------
# speakers


@pytest.mark.model
def test_quotes_speaker_pronoun_by_gender(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Kaja Kallas met Volodymyr Zelenskyy in Kyiv on Tuesday. She said the EU would keep supporting Ukraine."
    _doc, quotes, ents = _entities(nlp, text)
    q = _one(quotes, "keep supporting")
    assert q.speaker is not None and ents[q.speaker.entity].name == "Kaja Kallas"
    assert (q.speaker.start, q.speaker.end) in ents[q.speaker.entity].mentions


@pytest.mark.model
def test_quotes_speaker_group(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Chinese mercenaries Zhang Renbo and Wang Guanjun, who were captured by Ukrainian forces in Donetsk "
        "Oblast, have expressed their willingness to be exchanged."
    )
    _doc, quotes, ents = _entities(nlp, text)
    q = _one(quotes, "willingness to be exchanged")
    assert q.speaker is not None
    assert [ents[i].name for i in q.speaker.entities] == ["Zhang Renbo", "Wang Guanjun"]
    assert q.speaker.entity == q.speaker.entities[0]


SEED = [
    ("The position of the Chinese government is very clear", "Lin Jian", "direct", "said"),
    ("will be examined in accordance with Chinese law", "Lin Jian", "direct", "claimed"),
    ("We ask all relevant parties to correctly understand", "Lin Jian", "direct", "said"),
    ("main sponsor", "Kaja Kallas", "partial", "called"),
    ("Chinese government agencies are still verifying", "Lin Jian", "indirect", "According to"),
    ("remains consistent and clear", "Lin Jian", "indirect", "stated"),
    ("At least 155 Chinese nationals are fighting", "Volodymyr Zelenskyy", "indirect", "said"),
    ("willingness to be exchanged", "Zhang Renbo|Wang Guanjun", "indirect", "expressed"),
]


@pytest.mark.model
def test_quotes_seed_eight_attributions(nlp, seed_text) -> None:  # type: ignore[no-untyped-def]
    _doc, quotes, ents = _entities(nlp, seed_text)
    for contains, speaker, kind, cue in SEED:
        q = _one(quotes, contains)
        assert q.kind == kind, contains
        assert q.cue is not None and q.cue.text == cue, contains
        assert q.speaker is not None, contains
        assert "|".join(ents[i].name for i in q.speaker.entities) == speaker, contains
    assert not [q for q in quotes if q.text.strip(" ,.") == "the Ukrainian crisis"]
    lin = next(e for e in ents.values() if e.name == "Lin Jian")
    texts = {seed_text[s:e] for s, e in lin.mentions}
    assert {"him", "the spokesperson", "He", "the diplomat"} <= texts


# ---------------------------------------------------------------------------------------------------------------
# PolNeAR recall rules: hand-built parses (no model)


def _hand_quotes(blank_nlp, doc) -> list[Quote]:  # type: ignore[no-untyped-def]
    from newsgraph.nlp.annotations import register_extensions
    from newsgraph.nlp.quotes import QuotesComponent

    register_extensions()
    return list(get_list(QuotesComponent(blank_nlp)(doc), "ng_quotes"))


def test_quotes_asked_participle_has_no_speaker(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc(
        ["Asked", "whether", "he", "would", "run", ",", "Trump", "said", "no", "."],
        spaces=[True, True, True, True, False, True, True, True, False, False],
        heads=[7, 4, 4, 4, 0, 7, 7, 7, 7, 7],
        deps=["advcl", "mark", "nsubj", "aux", "ccomp", "punct", "nsubj", "ROOT", "dobj", "punct"],
        pos=["VERB", "SCONJ", "PRON", "AUX", "VERB", "PUNCT", "PROPN", "VERB", "DET", "PUNCT"],
        tags=["VBN", "IN", "PRP", "MD", "VB", ",", "NNP", "VBD", "DT", "."],
        lemmas=["ask", "whether", "he", "would", "run", ",", "Trump", "say", "no", "."],
    )
    q = _one(_hand_quotes(blank_nlp, doc), "whether he would run")
    assert q.cue_lemma == "ask" and q.speaker is None and "asked" in q.rule


def test_quotes_speaker_after_verb_following_quote(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc(
        ["“", "How", "big", "is", "that", "wall", "?", "”", "asked", "the", "boy", "."],
        spaces=[False, True, True, True, True, False, False, True, True, True, False, False],
        heads=[3, 2, 3, 8, 5, 3, 3, 3, 8, 10, 8, 8],
        deps=["punct", "advmod", "acomp", "ccomp", "det", "nsubj", "punct", "punct", "ROOT", "det", "dobj", "punct"],
        pos=["PUNCT", "SCONJ", "ADJ", "AUX", "DET", "NOUN", "PUNCT", "PUNCT", "VERB", "DET", "NOUN", "PUNCT"],
        tags=["``", "WRB", "JJ", "VBZ", "DT", "NN", ".", "''", "VBD", "DT", "NN", "."],
        lemmas=["“", "how", "big", "be", "that", "wall", "?", "”", "ask", "the", "boy", "."],
    )
    q = _one(_hand_quotes(blank_nlp, doc), "How big is that wall")
    assert q.kind == "direct" and q.cue_lemma == "ask"
    assert q.speaker is not None and q.speaker.text == "the boy" and "inverted" in q.rule


def _with_absolute(blank_nlp, hand_doc, comma: bool) -> Quote:  # type: ignore[no-untyped-def]
    words = ["The", "leaders", "clashed", ",", "with", "Erdogan", "at", "one", "point", "suggesting", "Macron",
             "needed", "help", "."]
    heads = [1, 2, 2, 2, 2, 4, 2, 8, 6, 2, 11, 9, 11, 2]
    deps = ["det", "nsubj", "ROOT", "punct", "prep", "pobj", "prep", "nummod", "pobj", "advcl", "nsubj", "ccomp",
            "dobj", "punct"]
    pos = ["DET", "NOUN", "VERB", "PUNCT", "ADP", "PROPN", "ADP", "NUM", "NOUN", "VERB", "PROPN", "VERB", "NOUN",
           "PUNCT"]
    tags = ["DT", "NNS", "VBD", ",", "IN", "NNP", "IN", "CD", "NN", "VBG", "NNP", "VBD", "NN", "."]
    lemmas = ["the", "leader", "clash", ",", "with", "Erdogan", "at", "one", "point", "suggest", "Macron", "need",
              "help", "."]
    if not comma:
        del words[3], deps[3], pos[3], tags[3], lemmas[3], heads[3]
        heads = [h - 1 if h > 3 else h for h in heads]
    spaces = [w not in (",", ".") and i + 1 < len(words) and words[i + 1] not in (",", ".") for i, w in enumerate(words)]
    doc = hand_doc(words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    return _one(_hand_quotes(blank_nlp, doc), "Macron needed help")


def test_quotes_with_absolute_noun_speaks(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "..., with Erdogan at one point suggesting Macron needed ...": the noun of the absolute, not the clause's
    # subject (speakers-voa tune)
    q = _with_absolute(blank_nlp, hand_doc, comma=True)
    assert q.speaker is not None and q.speaker.text == "Erdogan" and ":with" in q.rule
    # no comma before "with": a complement of the verb ("file reports with the FEC detailing ..."), no absolute
    q = _with_absolute(blank_nlp, hand_doc, comma=False)
    assert q.speaker is not None and q.speaker.text == "The leaders" and ":with" not in q.rule


def test_quotes_name_and_description_between_quote_and_cue(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "''...,'' Robert Shrum, a veteran Democratic strategist, said" with the cue parsed under the quote's verb: the
    # name and its description speak, not the quote's subject (PolNeAR train: 3 quotes, 3 right on source)
    doc = hand_doc(
        ["“", "Costs", "rose", ",", "”", "Robert", "Shrum", ",", "a", "strategist", ",", "said", ",", "citing",
         "taxes", "."],
        spaces=[False, True, False, False, True, True, False, True, True, False, True, False, True, True, False,
                False],
        heads=[2, 2, 2, 2, 2, 6, 2, 6, 9, 6, 2, 2, 11, 11, 13, 2],
        deps=["punct", "nsubj", "ROOT", "punct", "punct", "compound", "npadvmod", "punct", "det", "appos", "punct",
              "advcl", "punct", "advcl", "dobj", "punct"],
        pos=["PUNCT", "NOUN", "VERB", "PUNCT", "PUNCT", "PROPN", "PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB",
             "PUNCT", "VERB", "NOUN", "PUNCT"],
        tags=["``", "NNS", "VBD", ",", "''", "NNP", "NNP", ",", "DT", "NN", ",", "VBD", ",", "VBG", "NNS", "."],
        lemmas=["“", "cost", "rise", ",", "”", "Robert", "Shrum", ",", "a", "strategist", ",", "say", ",", "cite",
                "tax", "."],
    )
    quotes = _hand_quotes(blank_nlp, doc)
    q = _one(quotes, "Costs rose")
    assert q.speaker is not None and q.speaker.text == "Robert Shrum, a strategist" and "after_quote" in q.rule


def test_quotes_it_appears_that_has_clause_and_no_source(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc(
        ["It", "appears", "that", "the", "game", "was", "boring", "."],
        spaces=[True, True, True, True, True, True, False, False],
        heads=[1, 1, 5, 4, 5, 1, 5, 1],
        deps=["nsubj", "ROOT", "mark", "det", "nsubj", "ccomp", "acomp", "punct"],
        pos=["PRON", "VERB", "SCONJ", "DET", "NOUN", "AUX", "ADJ", "PUNCT"],
        tags=["PRP", "VBZ", "IN", "DT", "NN", "VBD", "JJ", "."],
        lemmas=["it", "appear", "that", "the", "game", "be", "boring", "."],
    )
    q = _one(_hand_quotes(blank_nlp, doc), "game was boring")
    assert q.text == "that the game was boring" and q.cue_lemma == "appear" and q.speaker is None


def test_quotes_clause_after_cue_preferred(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # the parser hung the previous clause ("Canova ripped Schultz") under "said" as a second ccomp
    doc = hand_doc(
        ["Canova", "ripped", "Schultz", ":", "He", "said", "he", "raised", "money", "."],
        spaces=[True, True, False, True, True, True, True, True, False, False],
        heads=[1, 5, 1, 5, 5, 5, 7, 5, 7, 5],
        deps=["nsubj", "ccomp", "dobj", "punct", "nsubj", "ROOT", "nsubj", "ccomp", "dobj", "punct"],
        pos=["PROPN", "VERB", "PROPN", "PUNCT", "PRON", "VERB", "PRON", "VERB", "NOUN", "PUNCT"],
        tags=["NNP", "VBD", "NNP", ":", "PRP", "VBD", "PRP", "VBD", "NN", "."],
        lemmas=["Canova", "rip", "Schultz", ":", "he", "say", "he", "raise", "money", "."],
    )
    quotes = _hand_quotes(blank_nlp, doc)
    q = _one(quotes, "raised money")
    assert q.text == "he raised money" and q.cue_lemma == "say"
    assert q.speaker is not None and q.speaker.text == "He"
    assert not [q for q in quotes if "Schultz" in q.text]


def test_quotes_call_for_to_clause(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc(
        ["Clinton", "is", "calling", "for", "the", "US", "to", "act", "."],
        spaces=[True, True, True, True, True, True, True, False, False],
        heads=[2, 2, 2, 7, 5, 7, 7, 2, 2],
        deps=["nsubj", "aux", "ROOT", "mark", "det", "nsubj", "aux", "advcl", "punct"],
        pos=["PROPN", "AUX", "VERB", "SCONJ", "DET", "PROPN", "PART", "VERB", "PUNCT"],
        tags=["NNP", "VBZ", "VBG", "IN", "DT", "NNP", "TO", "VB", "."],
        lemmas=["Clinton", "be", "call", "for", "the", "US", "to", "act", "."],
    )
    q = _one(_hand_quotes(blank_nlp, doc), "the US to act")
    assert q.cue_lemma == "call" and q.speaker is not None and q.speaker.text == "Clinton"


def test_quotes_asked_if_question_clause(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc(
        ["Reporters", "asked", "if", "he", "was", "ready", "."],
        spaces=[True, True, True, True, True, False, False],
        heads=[1, 1, 4, 4, 1, 4, 1],
        deps=["nsubj", "ROOT", "mark", "nsubj", "advcl", "acomp", "punct"],
        pos=["NOUN", "VERB", "SCONJ", "PRON", "AUX", "ADJ", "PUNCT"],
        tags=["NNS", "VBD", "IN", "PRP", "VBD", "JJ", "."],
        lemmas=["reporter", "ask", "if", "he", "be", "ready", "."],
    )
    q = _one(_hand_quotes(blank_nlp, doc), "he was ready")
    assert q.cue_lemma == "ask" and q.speaker is not None and q.speaker.text == "Reporters"


# ---------------------------------------------------------------------------------------------------------------
# PolNeAR recall rules (model)


@pytest.mark.model
def test_quotes_uncued_quote_takes_preceding_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Valastro praised Christie on Monday.\n\n"
        "“We need someone who will cut through the noise and bring people together.”"
    )
    q = _one(_quotes(nlp, text), "cut through the noise")
    assert q.kind == "direct" and q.rule.startswith("direct:preceding")
    assert q.speaker is not None and q.speaker.text == "Valastro"


@pytest.mark.model
def test_quotes_uncued_quote_inside_a_sentence_is_not_speech(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Valastro praised Christie on Monday.\n\nThe idea was that “voters will come home in the end” after all."
    assert not [q for q in _quotes(nlp, text) if "voters will come home" in q.text]


@pytest.mark.model
def test_quotes_continuation_past_same_speaker_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“We had the biggest crowd in the history of the state,” Trump said, referring to the rally in Iowa. "
        "“Nobody has ever seen anything like it, folks.”"
    )
    q = _one(_quotes(nlp, text), "Nobody has ever seen")
    assert q.rule.startswith("direct:continuation") and q.speaker is not None and q.speaker.text == "Trump"


@pytest.mark.model
def test_quotes_stance_noun_after_preposition(nlp) -> None:  # type: ignore[no-untyped-def]
    q = _one(_quotes(nlp, "Ryan emerged as an advocate for tax reform."), "tax reform")
    assert q.cue_lemma == "advocate" and q.speaker is not None and q.speaker.text == "Ryan"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "contains", "cue", "speaker"),
    [
        ("Trump learned that the FBI had reopened the case.", "FBI had reopened", "learn", "Trump"),
        ("The mayor credited the police with the drop in crime.", "the police", "credit", "The mayor"),
        ("The letter read: “We will not back down.”", "not back down", "read", "The letter"),
    ],
)
def test_quotes_recall_lexicon_cues(nlp, text, contains, cue, speaker) -> None:  # type: ignore[no-untyped-def]
    q = _one(_quotes(nlp, text), contains)
    assert q.cue_lemma == cue and q.speaker is not None and q.speaker.text == speaker


@pytest.mark.model
def test_quotes_cue_tokens_equal_spacy_matcher(nlp) -> None:  # type: ignore[no-untyped-def]
    """The mask-based cue finder gives the positions the equivalent spaCy Matcher patterns give."""
    import json
    from pathlib import Path

    from spacy.matcher import Matcher

    from newsgraph.nlp.quotes import _inflections

    comp = nlp.get_pipe("newsgraph_quotes_v1")
    single = sorted(k for k in comp.cues if " " not in k and not k.startswith("noun:"))
    nouns = sorted(k[5:] for k in comp.cues if k.startswith("noun:"))
    verbs = Matcher(nlp.vocab)
    verbs.add("CUE", [[{"LEMMA": {"IN": single}, "POS": {"IN": ["VERB", "AUX"]}}]])
    verbs.add("CUE_ADJ", [[{"LEMMA": {"IN": single}, "POS": "ADJ", "DEP": "acomp"}]])
    verbs.add("CUE_LOWER", [[{"LOWER": {"IN": _inflections(single)}, "POS": {"IN": ["VERB"]}}]])
    noun_matcher = Matcher(nlp.vocab)
    noun_matcher.add("CUE_NOUN", [[{"LEMMA": {"IN": nouns}, "POS": "NOUN"}]])
    rows = (Path(__file__).resolve().parents[1] / "samples/articles.jsonl").read_text(encoding="utf-8").splitlines()
    names = [n for n in nlp.pipe_names if n.startswith("newsgraph")]
    with nlp.select_pipes(disable=names):
        docs = list(nlp.pipe(json.loads(r)["text"] for r in rows[:30]))
    found = 0
    for doc in docs:
        got_verbs, got_nouns = comp.cue_tokens(doc)
        assert got_verbs == sorted({s for _, s, _ in verbs(doc)})
        assert got_nouns == sorted({s for _, s, _ in noun_matcher(doc)})
        found += len(got_verbs) + len(got_nouns)
    assert found > 300
    assert comp.cue_tokens(nlp.make_doc("")) == ([], [])


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "addressee", "content"),
    [
        ("Fu Cong blamed the Trump administration for disrupting the deal.", "the Trump administration",
         "the Trump administration for disrupting the deal"),
        ("Anna Smith, a lawyer, accused Lin Jian of raping her.", "Lin Jian", "Lin Jian of raping her"),
        ("Catherine Russell urged the council to press the warring parties.", "the council",
         "the council to press the warring parties"),
    ],
)
def test_quotes_accusation_and_request_keep_the_addressee(nlp, text, addressee, content) -> None:  # type: ignore[no-untyped-def]
    q = _one(_quotes(nlp, text), content)
    assert q.text == content
    assert q.addressee is not None and q.addressee.text == addressee
    assert q.to_dict()["addressee"]["text"] == addressee
    assert Quote.from_dict(q.to_dict()) == q


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "cls"),
    [
        ("Lin Jian said the talks would resume next week.", "talks would resume", "speech"),
        ("Lin Jian hopes the talks will resume next week.", "talks will resume", "thought"),
        ("Senator Jones backs the new trade deal with Canada.", "trade deal", "position"),
        ("The new study shows that the vaccine works in older adults.", "vaccine works", "evidence"),
        ("“We will not give up on this,” Lin Jian said.", "We will not give up", "speech"),
        ("PENCE: Gennifer Flowers will not be part of this debate at all.", "Gennifer Flowers", "speech"),
        # evidence_cue (quote_words.tsv): evidence with a subject that is no one, speech with a speaker
        ("The new data suggest that the economy is slowing.", "economy is slowing", "evidence"),
        ("Lin Jian suggested that the talks resume.", "talks resume", "speech"),
        ("The video reveals that the guards fired first.", "guards fired first", "evidence"),
        ("He indicated that he would run again.", "run again", "speech"),
        ("A poll indicates that most voters back the plan.", "most voters", "evidence"),
    ],
)
def test_quotes_cue_class_says_what_the_attribution_is(nlp, text, content, cls) -> None:  # type: ignore[no-untyped-def]
    q = _one(_quotes(nlp, text), content)
    assert q.cue_class == cls and q.to_dict()["cue_class"] == cls


@pytest.mark.model
def test_quotes_speaker_and_content_stay_on_the_cue_line(nlp) -> None:  # type: ignore[no-untyped-def]
    # the parse runs the headline into the first paragraph; the cue's speaker and content stay on its line
    text = ("Former Top EU Official Calls for Immigration Halt\n\nFormer top European Union official Michel Barnier "
            "said on Thursday that immigration to France should stop for three years.")
    for q in _quotes(nlp, text):
        if q.cue is not None and q.cue.text == "said":
            assert q.speaker is not None and "Halt" not in q.speaker.text and "\n" not in q.speaker.text
            assert "\n" not in q.text and "immigration to France" in q.text
            break
    else:
        raise AssertionError("no quote for 'said'")


def test_quotes_headline_case() -> None:
    from newsgraph.nlp.speakers import headline_case

    assert headline_case("Trump Claims Victory In Iowa Caucus")
    assert headline_case("Retired General Reveals ‘Demoralizing’ Experience Of Serving Under Obama.")
    assert not headline_case("Iraq says key Islamic State leader is dead")
    assert not headline_case("Akar Said")  # too few words to tell


@pytest.mark.model
@pytest.mark.parametrize(
    ("headline", "speaker"),
    [
        ("Pentagon Reveals New Details Of The Strike On Iran\n\nThe strike hit three sites.", "Pentagon"),
        ("Retired General Reveals Demoralizing Experience Of Serving Under Obama\n\nHe served for years.",
         "Retired General"),
        ("Growing Number Of Chinese Families Now Call Japan Home\n\nThey moved for schools.", None),
    ],
)
def test_quotes_headline_statement_needs_a_named_speaker(nlp, headline, speaker) -> None:  # type: ignore[no-untyped-def]
    line = headline.split("\n")[0]
    speakers = [q.speaker.text if q.speaker else "" for q in _quotes(nlp, headline)
                if q.cue is not None and q.cue.end <= len(line) and q.cue_class == "speech"]
    assert speakers == ([speaker] if speaker else [])


def test_quotes_headline_colon_words_are_not_speakers() -> None:
    from newsgraph.nlp.quotes import load_quote_words

    assert {"report", "reporter’s", "q&a", "explainer"} <= load_quote_words()["not_colon_speaker"]


@pytest.mark.model
def test_quotes_plain_speech_has_no_addressee(nlp) -> None:  # type: ignore[no-untyped-def]
    q = _one(_quotes(nlp, "Lin Jian said the talks would resume next week."), "talks would resume")
    assert q.addressee is None and q.to_dict()["addressee"] is None


@pytest.mark.model
def test_quotes_speakers_resolve_in_reading_order(nlp) -> None:  # type: ignore[no-untyped-def]
    # direct quotes are attributed before indirect speech, but speakers resolve in text order: the last speaker
    # before "She" is Kallas (a direct quote), not von der Leyen (indirect, earlier in the text)
    text = (
        "Ursula von der Leyen said the EU would help Ukraine. “We will keep supporting Ukraine for as long as it "
        "takes,” Kaja Kallas said. She said the EU would send more money."
    )
    _doc, quotes, ents = _entities(nlp, text)
    q = _one(quotes, "send more money")
    assert q.speaker is not None and ents[q.speaker.entity].name == "Kaja Kallas"
    assert "speaker:pronoun" in q.rule


@pytest.mark.model
def test_quotes_bare_object_is_an_act_not_a_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.nlp.quotes import QuotesComponent

    # "condemned": a speech cue that is no act_cue ("criticized" is one, an act with any object)
    text = "Najib Razak condemned China on Monday. He said the loans would be repaid."
    doc = nlp(text)
    quotes = get_list(doc, "ng_quotes")
    # kept (PolNeAR counts it as an attribution), but as an act: not among the statements
    assert _one(quotes, "China").cue_class == "act"
    assert _one(quotes, "loans would be repaid").cue_class == "speech"
    as_speech = get_list(QuotesComponent(nlp, bare_object_words=0)(nlp(text)), "ng_quotes")
    assert _one(as_speech, "China").cue_class == "speech"


def test_quotes_pronouns_and_roles_read_through_the_knowledge_dir(tmp_path, blank_nlp) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.nlp.quotes import QuotesComponent
    from newsgraph.nlp.speakers import vocabulary

    (tmp_path / "roles.tsv").write_text("griot\t\t\tspeaker\n", encoding="utf-8")
    (tmp_path / "pronouns.tsv").write_text("xe\tplural\t\n", encoding="utf-8")
    component = QuotesComponent(blank_nlp, knowledge_dir=str(tmp_path))
    assert "griot" in component.vocab.uses["speaker"] and "spokesperson" in component.vocab.uses["speaker"]
    assert "xe" in component.vocab.pronouns["plural"] and "griot" in component.finder.vocab.uses["speaker"]
    assert "griot" not in vocabulary().uses["speaker"]  # the bundled vocabulary (entities, events) is unchanged


def test_quotes_first_person_inside_a_quote_is_its_speaker(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "“ We won ” , Rubio said , adding more .": the parse gave "adding" the quote's "We" as its subject
    from newsgraph.nlp.quotes import Frame, QuotesComponent

    words = ["“", "We", "won", "”", ",", "Rubio", "said", ",", "adding", "more", "."]
    doc = hand_doc(words)

    def frame(speaker: tuple[int, int], cue: int) -> Frame:
        return Frame(doc[cue].idx, doc[cue].idx + len(doc[cue].text), "say", "speech", speaker, None, 0,
                     len(doc.text), "test")

    rubio, adding = frame((5, 6), 6), frame((1, 2), 8)
    qs, qe = doc[1].idx, doc[2].idx + 3
    items = [(qs, qe, "direct", rubio, "direct"), (doc[9].idx, doc[9].idx + 4, "indirect", adding, "indirect")]
    quoting = QuotesComponent._quoting_frames(doc, items)  # type: ignore[arg-type]
    assert quoting == {id(adding): (5, 6)}
    # "We" outside any quote is the reporter's: left alone
    assert QuotesComponent._quoting_frames(doc, items[1:]) == {}  # type: ignore[arg-type]


@pytest.mark.model
def test_quotes_speaker_a_name_the_ner_missed_becomes_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Oh" is tagged an interjection and the NER finds no one: the cue's proper-name subject is a new person
    doc = nlp("Malaysia will stay neutral, Oh Ei Sun said on Monday.")
    quotes = get_list(doc, "ng_quotes")
    people = {e.id: e for e in get_list(doc, "ng_entities") if e.label == "PERSON"}
    assert [(e.name, e.rule) for e in people.values()] == [("Oh Ei Sun", "speaker_name")]
    assert quotes and quotes[0].speaker is not None and quotes[0].speaker.entity in people


@pytest.mark.model
def test_quotes_speaker_no_new_person_from_a_headline_or_a_description(nlp) -> None:  # type: ignore[no-untyped-def]
    for text in ("Growing Number Of Chinese Families Say Japan Is Home\n\nThey moved there for the schools.",
                 "Some residents said the water was unsafe."):
        doc = nlp(text)
        assert not [e for e in get_list(doc, "ng_entities") if e.rule == "speaker_name"], text


def test_quotes_act_cue_with_an_object_is_an_act(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Officials did not respond to a request for comment.": an act (quote_words.tsv act_cue), not a statement;
    # "Officials responded that the plan failed.": with a clause it is one
    act = hand_doc(
        ["Officials", "did", "not", "respond", "to", "a", "request", "for", "comment", "."],
        spaces=[True, True, True, True, True, True, True, True, False, False],
        heads=[3, 3, 3, 3, 3, 6, 4, 6, 7, 3],
        deps=["nsubj", "aux", "neg", "ROOT", "prep", "det", "pobj", "prep", "pobj", "punct"],
        pos=["NOUN", "AUX", "PART", "VERB", "ADP", "DET", "NOUN", "ADP", "NOUN", "PUNCT"],
        tags=["NNS", "VBD", "RB", "VB", "IN", "DT", "NN", "IN", "NN", "."],
        lemmas=["official", "do", "not", "respond", "to", "a", "request", "for", "comment", "."],
    )
    assert _one(_hand_quotes(blank_nlp, act), "request for comment").cue_class == "act"
    said = hand_doc(
        ["Officials", "responded", "that", "the", "plan", "failed", "."],
        spaces=[True, True, True, True, True, False, False],
        heads=[1, 1, 5, 4, 5, 1, 1],
        deps=["nsubj", "ROOT", "mark", "det", "nsubj", "ccomp", "punct"],
        pos=["NOUN", "VERB", "SCONJ", "DET", "NOUN", "VERB", "PUNCT"],
        tags=["NNS", "VBD", "IN", "DT", "NN", "VBD", "."],
        lemmas=["official", "respond", "that", "the", "plan", "fail", "."],
    )
    assert _one(_hand_quotes(blank_nlp, said), "plan failed").cue_class == "speech"


def test_quotes_noun_cue_with_a_reduced_participle_has_no_content(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Kenya issued a statement emailed to VOA .": the participle describes the statement, it is not its content
    doc = hand_doc(
        ["Kenya", "issued", "a", "statement", "emailed", "to", "VOA", "."],
        spaces=[True, True, True, True, True, True, False, False],
        heads=[1, 1, 3, 1, 3, 4, 5, 1],
        deps=["nsubj", "ROOT", "det", "dobj", "acl", "prep", "pobj", "punct"],
        pos=["PROPN", "VERB", "DET", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
        tags=["NNP", "VBD", "DT", "NN", "VBN", "IN", "NNP", "."],
        lemmas=["Kenya", "issue", "a", "statement", "email", "to", "VOA", "."],
    )
    assert not [q for q in _hand_quotes(blank_nlp, doc) if "VOA" in q.text]
    # "Kenya issued a statement that it would leave .": a that-clause is
    doc = hand_doc(
        ["Kenya", "issued", "a", "statement", "that", "it", "would", "leave", "."],
        spaces=[True, True, True, True, True, True, True, False, False],
        heads=[1, 1, 3, 1, 7, 7, 7, 3, 1],
        deps=["nsubj", "ROOT", "det", "dobj", "mark", "nsubj", "aux", "acl", "punct"],
        pos=["PROPN", "VERB", "DET", "NOUN", "SCONJ", "PRON", "AUX", "VERB", "PUNCT"],
        tags=["NNP", "VBD", "DT", "NN", "IN", "PRP", "MD", "VB", "."],
        lemmas=["Kenya", "issue", "a", "statement", "that", "it", "would", "leave", "."],
    )
    q = _one(_hand_quotes(blank_nlp, doc), "would leave")
    assert q.speaker is not None and q.speaker.text == "Kenya"


def test_quotes_speaker_after_verb_parsed_as_attribute(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "“Sanctions are waiting,” warned Asli Aydintasbas.": the name after the verb parsed as its attribute
    doc = hand_doc(
        ["“", "Sanctions", "are", "waiting", ",", "”", "warned", "Asli", "Aydintasbas", "."],
        spaces=[False, True, True, False, False, True, True, True, False, False],
        heads=[3, 3, 3, 6, 6, 6, 6, 8, 6, 6],
        deps=["punct", "nsubj", "aux", "ccomp", "punct", "punct", "ROOT", "compound", "attr", "punct"],
        pos=["PUNCT", "NOUN", "AUX", "VERB", "PUNCT", "PUNCT", "VERB", "PROPN", "PROPN", "PUNCT"],
        tags=["``", "NNS", "VBP", "VBG", ",", "''", "VBD", "NNP", "NNP", "."],
        lemmas=["“", "sanction", "be", "wait", ",", "”", "warn", "Asli", "Aydintasbas", "."],
    )
    q = _one(_hand_quotes(blank_nlp, doc), "Sanctions are waiting")
    assert q.speaker is not None and q.speaker.text == "Asli Aydintasbas" and "inverted" in q.rule


def test_quotes_speaker_after_verb_in_the_next_parsed_sentence(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "“We won,” said | expert Soli Ozel of Kadir Has.": the parser ended the sentence at the verb
    doc = hand_doc(
        ["“", "We", "won", ",", "”", "said", "expert", "Soli", "Ozel", "of", "Kadir", "."],
        spaces=[False, True, False, False, True, True, True, True, True, True, False, False],
        heads=[2, 2, 5, 5, 5, 5, 8, 8, 8, 8, 9, 8],
        deps=["punct", "nsubj", "ccomp", "punct", "punct", "ROOT", "compound", "compound", "ROOT", "prep", "pobj",
              "punct"],
        pos=["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "VERB", "NOUN", "PROPN", "PROPN", "ADP", "PROPN", "PUNCT"],
        tags=["``", "PRP", "VBD", ",", "''", "VBD", "NN", "NNP", "NNP", "IN", "NNP", "."],
        lemmas=["“", "we", "win", ",", "”", "say", "expert", "Soli", "Ozel", "of", "Kadir", "."],
        sent_starts=[True, False, False, False, False, False, True, False, False, False, False, False],
    )
    q = _one(_hand_quotes(blank_nlp, doc), "We won")
    assert q.speaker is not None and q.speaker.text == "expert Soli Ozel" and "inverted" in q.rule


def test_quotes_speaker_on_the_headline_gives_way_to_the_cue_lines_subject(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Carson : Clinton unfit \n GOP candidate Ben Carson says Clinton is unfit .": the parse gave "says" the
    # headline's "Carson"; the noun phrase opening the cue's line speaks
    from newsgraph.nlp.quotes.lexicon import DocContext, Frame, within_line
    from newsgraph.nlp.sentences import SentenceIndex

    words = ["Carson", ":", "Clinton", "unfit", "\n", "GOP", "candidate", "Ben", "Carson", "says", "Clinton", "is",
             "unfit", "."]
    spaces = [False, True, True, False, False, True, True, True, True, True, True, True, False, False]
    pos = ["PROPN", "PUNCT", "PROPN", "ADJ", "SPACE", "PROPN", "NOUN", "PROPN", "PROPN", "VERB", "PROPN", "AUX",
           "ADJ", "PUNCT"]
    doc = hand_doc(words, spaces=spaces, pos=pos, sent_starts=[True] + [False] * 4 + [True] + [False] * 8)
    text = doc.text
    says = doc[9]

    def frame() -> Frame:
        return Frame(says.idx, says.idx + 4, "say", "speech", (0, 1), (doc[10].idx, doc[12].idx + 5), 0, len(text),
                     "speech:clause:subject")

    ctx = DocContext(doc, text, SentenceIndex(doc, text), [])
    f = within_line(ctx, [frame()])[0]
    assert f.speaker == (5, 9) and doc[5:9].text == "GOP candidate Ben Carson"
    # a line opening with a clause, not a bare noun phrase, leaves the cue with no speaker
    doc2 = hand_doc(["Carson", ":", "no", "\n", "Then", "it", "says", "no", "."],
                    spaces=[False, True, False, False, True, True, True, False, False],
                    pos=["PROPN", "PUNCT", "DET", "SPACE", "ADV", "PRON", "VERB", "DET", "PUNCT"],
                    sent_starts=[True, False, False, False, True, False, False, False, False])
    f2 = Frame(doc2[6].idx, doc2[6].idx + 4, "say", "speech", (0, 1), None, 0, len(doc2.text), "speech:clause:subject")
    assert within_line(DocContext(doc2, doc2.text, SentenceIndex(doc2, doc2.text), []), [f2])[0].speaker is None


@pytest.mark.model
def test_quotes_short_turn_before_its_cue_is_speech(nlp) -> None:  # type: ignore[no-untyped-def]
    # a quote of one or two words opening its sentence, closed by its own comma, with a cue after it
    q = _one(_quotes(nlp, "The crowd went quiet. “Really,” she added. Then she left."), "Really")
    assert q.kind == "direct" and q.cue_class == "speech" and q.speaker is not None and q.speaker.text == "she"
    # a title inside a sentence stays a title
    quotes = _quotes(nlp, "In an interview on “Face the Nation,” Trump said he would win.")
    assert not [q for q in quotes if "Face the Nation" in q.text]


@pytest.mark.model
def test_quotes_poll_is_the_source_of_its_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    q = _one(_quotes(nlp, "In a CNN national poll, Hillary Clinton held a 24-point lead among black voters."),
             "24-point lead")
    assert q.cue_class == "evidence" and q.cue is not None and q.cue.text == "In"
    assert q.speaker is not None and q.speaker.text == "a CNN national poll"
    assert not _quotes(nlp, "He was injured in the count of votes.")


@pytest.mark.model
def test_quotes_colon_speaker_named_elsewhere_in_the_story(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Issa" is tagged an adjective on the headline; "Rep. Darrell Issa" names him below
    q = _one(_quotes(nlp, "Issa: Hillary Clinton is a liar\n\nRep. Darrell Issa said the thing was bad."),
             "Clinton is a liar")
    assert q.speaker is not None and q.speaker.text == "Issa" and q.rule.startswith("indirect:speech:colon_name")


@pytest.mark.model
def test_quotes_criticize_a_thing_is_an_act_unless_predicated(nlp) -> None:  # type: ignore[no-untyped-def]
    act = _one(_quotes(nlp, "The senator criticized the groups bringing the lawsuits."), "groups")
    assert act.cue_class == "act"
    said = _one(_quotes(nlp, "The senator criticized the plan as a costly mistake."), "plan")
    assert said.cue_class == "speech"


def test_quotes_name_after_the_verb_made_a_later_verbs_subject(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "“We won,” said Richard Trumka | The pairing helped .": the parse ran the paragraph on and made the name
    # the subject of "helped"; the proper names right after the cue speak
    doc = hand_doc(
        ["“", "We", "won", ",", "”", "said", "Richard", "Trumka", "\n\n", "The", "pairing", "helped", "."],
        spaces=[False, True, False, False, True, True, True, False, False, True, True, False, False],
        heads=[2, 2, 5, 5, 5, 5, 7, 11, 7, 10, 11, 5, 5],
        deps=["punct", "nsubj", "ccomp", "punct", "punct", "ROOT", "compound", "nsubj", "dep", "det", "nsubj",
              "ccomp", "punct"],
        pos=["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "VERB", "PROPN", "PROPN", "SPACE", "DET", "NOUN", "VERB",
             "PUNCT"],
        tags=["``", "PRP", "VBD", ",", "''", "VBD", "NNP", "NNP", "_SP", "DT", "NN", "VBD", "."],
        lemmas=["“", "we", "win", ",", "”", "say", "Richard", "Trumka", "\n\n", "the", "pairing", "help", "."],
    )
    q = _one(_hand_quotes(blank_nlp, doc), "We won")
    assert q.speaker is not None and q.speaker.text == "Richard Trumka" and "inverted" in q.rule


@pytest.mark.model
def test_quotes_request_for_anonymity_is_no_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    quotes = _quotes(nlp, "A DHS spokesperson, who asked not to be named, said the groups were wrong.")
    assert _one(quotes, "to be named").cue_class == "act"
    assert _one(quotes, "groups were wrong").cue_class == "speech"


@pytest.mark.model
def test_quotes_possessive_pronoun_gives_way_to_the_agreeing_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    q = _one(_quotes(nlp, "Donald Trump is keeping up his criticism of the Federal Reserve."), "Federal Reserve")
    assert q.speaker is not None and q.speaker.text == "Donald Trump" and "noun:poss_subject" in q.rule
    # "his" does not agree with "She": the claim stays his
    q = _one(_quotes(nlp, "She criticized his claim that the vote was rigged."), "vote was rigged")
    assert q.speaker is not None and q.speaker.text == "his"


@pytest.mark.model
def test_quotes_hearsay_adverb_reports_with_no_source(nlp) -> None:  # type: ignore[no-untyped-def]
    q = _one(_quotes(nlp, "Google and Facebook have reportedly looked at Twitter and passed."), "looked at Twitter")
    assert q.cue_class == "evidence" and q.speaker is None and q.cue is not None and q.cue.text == "reportedly"


@pytest.mark.model
def test_quotes_act_cue_with_an_infinitive_is_an_act(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _one(_quotes(nlp, "The ministry declined to comment on the report."), "comment").cue_class == "act"
    assert _one(_quotes(nlp, "He wrote that the plan failed."), "plan failed").cue_class == "speech"


def test_quotes_marks_quoted_apart() -> None:
    from newsgraph.nlp.quotes.marks import quoted_apart

    marks = [(1, 10), (20, 30)]
    assert quoted_apart(marks, 3, 15)
    assert not quoted_apart(marks, 3, 8)  # the same quote holds both
    assert not quoted_apart(marks, 15, 3)  # not inside any quote
    assert not quoted_apart([], 3, 15)


@pytest.mark.model
def test_quotes_answer_word_is_the_content(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Voters were asked whether the economy was improving. Half of them said so."
    q = _one(_quotes(nlp, text), "so")
    assert q.text == "so"
    assert q.speaker is not None and "Half" in q.speaker.text


@pytest.mark.model
def test_quotes_inherited_subject_inside_a_quote_is_no_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ('The agency rejected the lawsuit. "They should consider changing their name," the spokesperson added, '
            'further describing the legal challenges as "baseless."')
    for q in _quotes(nlp, text):
        assert q.speaker is None or q.speaker.text != "They", q


@pytest.mark.model
def test_quotes_call_with_a_bare_object_is_an_act(nlp) -> None:  # type: ignore[no-untyped-def]
    quotes = _quotes(nlp, "The United States called a private meeting of the Security Council on Wednesday.")
    assert all(q.cue_class != "speech" for q in quotes), quotes
    q = _one(_quotes(nlp, "Trump called the deal a disaster for American workers."), "disaster")
    assert q.cue_class == "speech"


@pytest.mark.model
def test_quotes_a_thing_is_no_addressee(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The United States called a private meeting of the U.N. Security Council to discuss Iran's program."
    assert all(q.addressee is None for q in _quotes(nlp, text))


@pytest.mark.model
def test_quotes_participle_holds_the_position_of_its_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Donors to the super PAC backing Jeb Bush met in Miami on Friday."
    q = _one(_quotes(nlp, text), "Jeb Bush")
    assert q.speaker is not None and "PAC" in q.speaker.text
    assert q.cue_class == "position"


def _rows_doc(hand_doc, rows):  # type: ignore[no-untyped-def]
    """A hand parse from (word, head index, dep, pos, tag, lemma) rows, a space after each word but the last and
    before punctuation."""
    words, heads, deps, pos, tags, lemmas = (list(col) for col in zip(*rows, strict=True))
    spaces = [i + 1 < len(words) and pos[i + 1] != "PUNCT" for i in range(len(words))]
    return hand_doc(words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)


def test_quotes_speech_noun_with_a_short_thing_is_an_act(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Kenya issued a statement to media .": what was said is not given; an act, as "criticized China" is
    act = _rows_doc(hand_doc, [
        ("Kenya", 1, "nsubj", "PROPN", "NNP", "Kenya"), ("issued", 1, "ROOT", "VERB", "VBD", "issue"),
        ("a", 3, "det", "DET", "DT", "a"), ("statement", 1, "dobj", "NOUN", "NN", "statement"),
        ("to", 3, "prep", "ADP", "IN", "to"), ("media", 4, "pobj", "NOUN", "NNS", "media"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])
    q = _one(_hand_quotes(blank_nlp, act), "media")
    assert q.cue_lemma == "statement" and q.cue_class == "act"
    # "Kenya made a call for sanctions relief .": "for" names what is asked: a statement
    asked = _rows_doc(hand_doc, [
        ("Kenya", 1, "nsubj", "PROPN", "NNP", "Kenya"), ("made", 1, "ROOT", "VERB", "VBD", "make"),
        ("a", 3, "det", "DET", "DT", "a"), ("call", 1, "dobj", "NOUN", "NN", "call"),
        ("for", 3, "prep", "ADP", "IN", "for"), ("sanctions", 6, "compound", "NOUN", "NNS", "sanction"),
        ("relief", 4, "pobj", "NOUN", "NN", "relief"), (".", 1, "punct", "PUNCT", ".", "."),
    ])
    q = _one(_hand_quotes(blank_nlp, asked), "sanctions relief")
    assert q.cue_lemma == "call" and q.cue_class == "speech"


def test_quotes_pronoun_object_is_no_statement_but_what_as_holds_one(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Gallagher characterized that as a problem .": the content found is "that": nothing said shows (act)
    that = _rows_doc(hand_doc, [
        ("Gallagher", 1, "nsubj", "PROPN", "NNP", "Gallagher"), ("characterized", 1, "ROOT", "VERB", "VBD", "characterize"),
        ("that", 1, "dobj", "DET", "DT", "that"), ("as", 1, "prep", "ADP", "IN", "as"), ("a", 5, "det", "DET", "DT", "a"),
        ("problem", 3, "pobj", "NOUN", "NN", "problem"), (".", 1, "punct", "PUNCT", ".", "."),
    ])
    q = _one(_hand_quotes(blank_nlp, that), "that")
    assert q.cue_lemma == "characterize" and q.cue_class == "act"
    # "They faced what officials described as baseless charges .": the content reaches the "as" phrase
    what = _rows_doc(hand_doc, [
        ("They", 1, "nsubj", "PRON", "PRP", "they"), ("faced", 1, "ROOT", "VERB", "VBD", "face"),
        ("what", 4, "dobj", "PRON", "WP", "what"), ("officials", 4, "nsubj", "NOUN", "NNS", "official"),
        ("described", 1, "ccomp", "VERB", "VBD", "describe"), ("as", 4, "prep", "ADP", "IN", "as"),
        ("baseless", 7, "amod", "ADJ", "JJ", "baseless"), ("charges", 5, "pobj", "NOUN", "NNS", "charge"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])
    q = _one(_hand_quotes(blank_nlp, what), "baseless charges")
    assert q.cue_lemma == "describe" and q.cue_class == "speech" and q.speaker is not None
    assert q.speaker.text == "officials"


def test_quotes_passive_report_without_an_agent_is_no_statement(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Paris was accused of aiding rebels .": reported by no one named (class evidence, as "reportedly")
    doc = _rows_doc(hand_doc, [
        ("Paris", 2, "nsubjpass", "PROPN", "NNP", "Paris"), ("was", 2, "auxpass", "AUX", "VBD", "be"),
        ("accused", 2, "ROOT", "VERB", "VBN", "accuse"), ("of", 2, "prep", "ADP", "IN", "of"),
        ("aiding", 3, "pcomp", "VERB", "VBG", "aid"), ("rebels", 4, "dobj", "NOUN", "NNS", "rebel"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ])
    q = _one(_hand_quotes(blank_nlp, doc), "aiding rebels")
    assert q.cue_lemma == "accuse" and q.speaker is None and q.cue_class == "evidence"
    # with its agent ("by Kenya") it is Kenya's statement
    doc = _rows_doc(hand_doc, [
        ("Paris", 2, "nsubjpass", "PROPN", "NNP", "Paris"), ("was", 2, "auxpass", "AUX", "VBD", "be"),
        ("accused", 2, "ROOT", "VERB", "VBN", "accuse"), ("by", 2, "agent", "ADP", "IN", "by"),
        ("Kenya", 3, "pobj", "PROPN", "NNP", "Kenya"), ("of", 2, "prep", "ADP", "IN", "of"),
        ("aiding", 5, "pcomp", "VERB", "VBG", "aid"), ("rebels", 6, "dobj", "NOUN", "NNS", "rebel"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ])
    quotes = _hand_quotes(blank_nlp, doc)
    assert all(q.cue_class != "evidence" for q in quotes) and quotes


def test_quotes_percentage_subject_speaks(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "42 % say they are liberal .": "%" is punctuation to spaCy but the tagger's noun, the poll's respondents
    doc = _rows_doc(hand_doc, [
        ("42", 1, "nummod", "NUM", "CD", "42"), ("%", 2, "nsubj", "NOUN", "NN", "%"),
        ("say", 2, "ROOT", "VERB", "VBP", "say"), ("they", 4, "nsubj", "PRON", "PRP", "they"),
        ("are", 2, "ccomp", "AUX", "VBP", "be"), ("liberal", 4, "acomp", "ADJ", "JJ", "liberal"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ])
    q = _one(_hand_quotes(blank_nlp, doc), "they are liberal")
    assert q.cue_lemma == "say" and q.speaker is not None and q.speaker.text == "42 %"


def test_quotes_speaker_opening_the_line_before_adverbs(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # the parse ran the paragraph into the one before and gave "says" a subject there; "Mrs. Clinton often says"
    # opens the cue's line: she speaks
    words = ["Bernstein", "spoke", ".", "\n\n", "Mrs.", "Clinton", "often", "says", "she", "is", "not", "running",
             "."]
    doc = hand_doc(
        words,
        spaces=[True, False, False, False, True, True, True, True, True, True, True, False, False],
        heads=[1, 7, 1, 2, 5, 1, 7, 7, 11, 11, 11, 7, 7],
        deps=["nsubj", "ROOT", "punct", "dep", "compound", "dobj", "advmod", "ccomp", "nsubj", "aux", "neg", "ccomp",
              "punct"],
        pos=["PROPN", "VERB", "PUNCT", "SPACE", "PROPN", "PROPN", "ADV", "VERB", "PRON", "AUX", "PART", "VERB",
             "PUNCT"],
        tags=["NNP", "VBD", ".", "_SP", "NNP", "NNP", "RB", "VBZ", "PRP", "VBZ", "RB", "VBG", "."],
        lemmas=["Bernstein", "speak", ".", "\n\n", "Mrs.", "Clinton", "often", "say", "she", "be", "not", "run", "."],
    )
    # the hand parse hangs "says" under "spoke" with "Bernstein" as its inherited subject on the other line
    q = _one(_hand_quotes(blank_nlp, doc), "she is not running")
    assert q.speaker is not None and q.speaker.text == "Mrs. Clinton"


def test_quotes_continue_to_is_no_attribution(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Trump continues to run a campaign .": an action going on (aspect_cue), nothing said
    doc = _rows_doc(hand_doc, [
        ("Trump", 1, "nsubj", "PROPN", "NNP", "Trump"), ("continues", 1, "ROOT", "VERB", "VBZ", "continue"),
        ("to", 3, "aux", "PART", "TO", "to"), ("run", 1, "xcomp", "VERB", "VB", "run"),
        ("a", 5, "det", "DET", "DT", "a"), ("campaign", 3, "dobj", "NOUN", "NN", "campaign"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])
    assert not [q for q in _hand_quotes(blank_nlp, doc) if q.cue_lemma == "continue"]
    # "Trump continued that the wall would be built .": a clause stays his statement
    said = _rows_doc(hand_doc, [
        ("Trump", 1, "nsubj", "PROPN", "NNP", "Trump"), ("continued", 1, "ROOT", "VERB", "VBD", "continue"),
        ("that", 7, "mark", "SCONJ", "IN", "that"), ("the", 4, "det", "DET", "DT", "the"),
        ("wall", 7, "nsubjpass", "NOUN", "NN", "wall"), ("would", 7, "aux", "AUX", "MD", "would"),
        ("be", 7, "auxpass", "AUX", "VB", "be"), ("built", 1, "ccomp", "VERB", "VBN", "build"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])
    q = _one(_hand_quotes(blank_nlp, said), "the wall")
    assert q.cue_lemma == "continue" and q.speaker is not None and q.speaker.text == "Trump"


def test_quotes_passive_view_has_no_source(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Maryland is widely seen as a stronghold .": a view held by no one named (passive_view_cue); the clause is
    # the content, class evidence, no speaker
    doc = _rows_doc(hand_doc, [
        ("Maryland", 3, "nsubjpass", "PROPN", "NNP", "Maryland"), ("is", 3, "auxpass", "AUX", "VBZ", "be"),
        ("widely", 3, "advmod", "ADV", "RB", "widely"), ("seen", 3, "ROOT", "VERB", "VBN", "see"),
        ("as", 3, "prep", "ADP", "IN", "as"), ("a", 6, "det", "DET", "DT", "a"),
        ("stronghold", 4, "pobj", "NOUN", "NN", "stronghold"), (".", 3, "punct", "PUNCT", ".", "."),
    ])
    q = _one(_hand_quotes(blank_nlp, doc), "stronghold")
    assert q.text == "Maryland is widely seen as a stronghold"
    assert q.cue_lemma == "see" and q.speaker is None and q.cue_class == "evidence"
    # "The race was decided .": not a view (decide is no passive_view_cue)
    decided = _rows_doc(hand_doc, [
        ("The", 1, "det", "DET", "DT", "the"), ("race", 3, "nsubjpass", "NOUN", "NN", "race"),
        ("was", 3, "auxpass", "AUX", "VBD", "be"), ("decided", 3, "ROOT", "VERB", "VBN", "decide"),
        (".", 3, "punct", "PUNCT", ".", "."),
    ])
    assert not _hand_quotes(blank_nlp, decided)


def test_quotes_dash_tagged_a_noun_is_no_speaker(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "... made public ― Trump boasted , “That makes me smart .”": the tagger made the dash a noun subject; only
    # "%" is a punctuation word that can speak
    doc = _rows_doc(hand_doc, [
        ("It", 1, "nsubj", "PRON", "PRP", "it"), ("ended", 1, "ROOT", "VERB", "VBD", "end"),
        ("―", 4, "nsubj", "NOUN", "NN", "―"), ("Trump", 4, "nsubj", "PROPN", "NNP", "Trump"),
        ("boasted", 1, "ccomp", "VERB", "VBD", "boast"), ("that", 7, "mark", "SCONJ", "IN", "that"),
        ("he", 7, "nsubj", "PRON", "PRP", "he"), ("won", 4, "ccomp", "VERB", "VBD", "win"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])
    q = _one(_hand_quotes(blank_nlp, doc), "he won")
    assert q.speaker is not None and q.speaker.text == "Trump"


def test_quotes_same_cue_coordinated_with_its_own_subject(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Trump says taxes will fall and experts say deficits will grow .": the parse hung the second "say" inside
    # the first one's clause; the same cue with a subject of its own is a second attribution
    doc = _rows_doc(hand_doc, [
        ("Trump", 1, "nsubj", "PROPN", "NNP", "Trump"), ("says", 1, "ROOT", "VERB", "VBZ", "say"),
        ("taxes", 4, "nsubj", "NOUN", "NNS", "tax"), ("will", 4, "aux", "AUX", "MD", "will"),
        ("fall", 1, "ccomp", "VERB", "VB", "fall"), ("and", 4, "cc", "CCONJ", "CC", "and"),
        ("experts", 7, "nsubj", "NOUN", "NNS", "expert"), ("say", 4, "conj", "VERB", "VBP", "say"),
        ("deficits", 10, "nsubj", "NOUN", "NNS", "deficit"), ("will", 10, "aux", "AUX", "MD", "will"),
        ("grow", 7, "ccomp", "VERB", "VB", "grow"), (".", 1, "punct", "PUNCT", ".", "."),
    ])
    quotes = _hand_quotes(blank_nlp, doc)
    first, second = _one(quotes, "taxes"), _one(quotes, "deficits")
    assert first.text == "taxes will fall" and first.speaker is not None and first.speaker.text == "Trump"
    assert second.text == "deficits will grow" and second.speaker is not None and second.speaker.text == "experts"


def test_quotes_seem_with_an_adjective_or_like(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Democrats appeared pleased .", "This seems like a fine idea .": appearances with no source (evidence)
    pleased = _rows_doc(hand_doc, [
        ("Democrats", 1, "nsubj", "PROPN", "NNPS", "Democrats"), ("appeared", 1, "ROOT", "VERB", "VBD", "appear"),
        ("pleased", 1, "acomp", "ADJ", "JJ", "pleased"), (".", 1, "punct", "PUNCT", ".", "."),
    ])
    q = _one(_hand_quotes(blank_nlp, pleased), "pleased")
    assert q.text == "Democrats appeared pleased" and q.speaker is None and q.cue_class == "evidence"
    like = _rows_doc(hand_doc, [
        ("This", 1, "nsubj", "PRON", "DT", "this"), ("seems", 1, "ROOT", "VERB", "VBZ", "seem"),
        ("like", 1, "prep", "ADP", "IN", "like"), ("a", 5, "det", "DET", "DT", "a"),
        ("fine", 5, "amod", "ADJ", "JJ", "fine"), ("idea", 2, "pobj", "NOUN", "NN", "idea"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])
    assert _one(_hand_quotes(blank_nlp, like), "fine idea").cue_lemma == "seem"
    # "Trump appeared in Florida .": a place, no view
    there = _rows_doc(hand_doc, [
        ("Trump", 1, "nsubj", "PROPN", "NNP", "Trump"), ("appeared", 1, "ROOT", "VERB", "VBD", "appear"),
        ("in", 1, "prep", "ADP", "IN", "in"), ("Florida", 2, "pobj", "PROPN", "NNP", "Florida"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])
    assert not _hand_quotes(blank_nlp, there)


def test_quotes_clause_ending_with_a_colon_introduces_the_quote(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Christie shot back : “ I told you so . ”": "shoot" is no cue, but a clause closed by a colon right before a
    # quote introduces it; its subject speaks
    doc = _rows_doc(hand_doc, [
        ("Christie", 1, "nsubj", "PROPN", "NNP", "Christie"), ("shot", 1, "ROOT", "VERB", "VBD", "shoot"),
        ("back", 1, "prt", "ADP", "RP", "back"), (":", 1, "punct", "PUNCT", ":", ":"),
        ("“", 6, "punct", "PUNCT", "``", "“"), ("I", 6, "nsubj", "PRON", "PRP", "I"),
        ("told", 6, "ROOT", "VERB", "VBD", "tell"), ("you", 6, "dobj", "PRON", "PRP", "you"),
        ("so", 6, "advmod", "ADV", "RB", "so"), (".", 6, "punct", "PUNCT", ".", "."),
        ("”", 6, "punct", "PUNCT", "''", "”"),
    ])
    q = _one(_hand_quotes(blank_nlp, doc), "I told you so")
    assert q.kind == "direct" and q.speaker is not None and q.speaker.text == "Christie"
    assert q.cue is not None and q.cue.text.startswith("shot") and "colon_clause" in q.rule
    # "The room fell silent : “ No one enters . ”": a thing is no speaker
    rules = _rows_doc(hand_doc, [
        ("The", 1, "det", "DET", "DT", "the"), ("room", 2, "nsubj", "NOUN", "NN", "room"),
        ("fell", 2, "ROOT", "VERB", "VBD", "fall"), ("silent", 2, "acomp", "ADJ", "JJ", "silent"),
        (":", 2, "punct", "PUNCT", ":", ":"), ("“", 8, "punct", "PUNCT", "``", "“"),
        ("No", 7, "det", "DET", "DT", "no"), ("one", 8, "nsubj", "NOUN", "NN", "one"),
        ("enters", 8, "ROOT", "VERB", "VBZ", "enter"), (".", 8, "punct", "PUNCT", ".", "."),
        ("”", 8, "punct", "PUNCT", "''", "”"),
    ])
    assert all(q.speaker is None for q in _hand_quotes(blank_nlp, rules))


def test_quotes_turn_followed_by_any_finite_verb(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "“ We lost , ” Toomey fumed .": "fume" is no cue, but a turn closed by its own comma is said by the subject of
    # the verb right after it
    def turn(verb: str, lemma: str):  # type: ignore[no-untyped-def]
        return _rows_doc(hand_doc, [
            ("“", 2, "punct", "PUNCT", "``", "“"), ("We", 2, "nsubj", "PRON", "PRP", "we"),
            ("lost", 6, "ccomp", "VERB", "VBD", "lose"), ("badly", 2, "advmod", "ADV", "RB", "badly"),
            (",", 6, "punct", "PUNCT", ",", ","), ("”", 6, "punct", "PUNCT", "''", "”"),
            (verb, 6, "ROOT", "VERB", "VBD", lemma), ("Toomey", 6, "dobj", "PROPN", "NNP", "Toomey"),
            (".", 6, "punct", "PUNCT", ".", "."),
        ])
    q = _one(_hand_quotes(blank_nlp, turn("fumed", "fume")), "We lost")
    assert q.kind == "direct" and q.speaker is not None and q.speaker.text == "Toomey" and q.cue_lemma == "fume"
    # a not_cue verb reports nothing ("“...,” came Toomey")
    assert all(q.speaker is None for q in _hand_quotes(blank_nlp, turn("came", "come")))


def test_quotes_subject_inside_the_quote_gives_way(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "“ It all ended , ” the speaker says .": the parse made the quote's "It" the subject of "says"; the noun phrase
    # between the quote and the cue speaks
    doc = _rows_doc(hand_doc, [
        ("“", 3, "punct", "PUNCT", "``", "“"), ("It", 8, "nsubj", "PRON", "PRP", "it"),
        ("all", 3, "advmod", "ADV", "RB", "all"), ("ended", 8, "ccomp", "VERB", "VBD", "end"),
        (",", 3, "punct", "PUNCT", ",", ","), ("”", 3, "punct", "PUNCT", "''", "”"),
        ("the", 7, "det", "DET", "DT", "the"), ("speaker", 8, "npadvmod", "NOUN", "NN", "speaker"),
        ("says", 8, "ROOT", "VERB", "VBZ", "say"), (".", 8, "punct", "PUNCT", ".", "."),
    ])
    q = _one(_hand_quotes(blank_nlp, doc), "It all ended")
    assert q.speaker is not None and q.speaker.text == "the speaker"


def test_quotes_as_clause_of_a_cue(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "As Menendez pointed out , the rulings have real impact .": the clause the "as" clause hangs on is the content
    doc = _rows_doc(hand_doc, [
        ("As", 2, "mark", "SCONJ", "IN", "as"), ("Menendez", 2, "nsubj", "PROPN", "NNP", "Menendez"),
        ("pointed", 7, "advcl", "VERB", "VBD", "point"), ("out", 2, "prt", "ADP", "RP", "out"),
        (",", 7, "punct", "PUNCT", ",", ","), ("the", 6, "det", "DET", "DT", "the"),
        ("rulings", 7, "nsubj", "NOUN", "NNS", "ruling"), ("have", 7, "ROOT", "VERB", "VBP", "have"),
        ("real", 9, "amod", "ADJ", "JJ", "real"), ("impact", 7, "dobj", "NOUN", "NN", "impact"),
        (".", 7, "punct", "PUNCT", ".", "."),
    ])
    q = _one(_hand_quotes(blank_nlp, doc), "rulings")
    assert q.text == "the rulings have real impact" and q.cue_lemma == "point"
    assert q.speaker is not None and q.speaker.text == "Menendez" and "as_clause" in q.rule


def test_quotes_noun_phrase_left_of_a_subjectless_cue(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "About 4 in 10 say they want change .": the parse gave "say" no subject; the noun phrase right before it
    # speaks
    doc = _rows_doc(hand_doc, [
        ("About", 1, "advmod", "ADV", "RB", "about"), ("4", 3, "quantmod", "NUM", "CD", "4"),
        ("in", 3, "quantmod", "ADP", "IN", "in"), ("10", 4, "nummod", "NUM", "CD", "10"),
        ("say", 4, "ROOT", "VERB", "VBP", "say"), ("they", 6, "nsubj", "PRON", "PRP", "they"),
        ("want", 4, "ccomp", "VERB", "VBP", "want"), ("change", 6, "dobj", "NOUN", "NN", "change"),
        (".", 4, "punct", "PUNCT", ".", "."),
    ])
    q = _one(_hand_quotes(blank_nlp, doc), "they want change")
    assert q.speaker is not None and q.speaker.text == "About 4 in 10" and "left_subject" in q.rule
    # "a company called Harmony": a participle describes its noun, no one speaks
    called = _rows_doc(hand_doc, [
        ("They", 1, "nsubj", "PRON", "PRP", "they"), ("hired", 1, "ROOT", "VERB", "VBD", "hire"),
        ("a", 3, "det", "DET", "DT", "a"), ("company", 1, "dobj", "NOUN", "NN", "company"),
        ("called", 3, "acl", "VERB", "VBN", "call"), ("Harmony", 4, "oprd", "PROPN", "NNP", "Harmony"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])
    assert all(q.speaker is None or q.speaker.text != "a company" for q in _hand_quotes(blank_nlp, called))


def test_quotes_subjectless_cue_takes_an_ancestor_subject(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Forbes shot back in an article stating that Trump lost .": the participle describes a thing ("an article"),
    # the parse gave "stating" no subject; the subject of the verb up the tree speaks (rule ancestor)
    doc = _rows_doc(hand_doc, [
        ("Forbes", 1, "nsubj", "PROPN", "NNP", "Forbes"), ("shot", 1, "ROOT", "VERB", "VBD", "shoot"),
        ("back", 1, "advmod", "ADV", "RB", "back"), ("in", 1, "prep", "ADP", "IN", "in"),
        ("an", 5, "det", "DET", "DT", "an"), ("article", 3, "pobj", "NOUN", "NN", "article"),
        ("stating", 5, "acl", "VERB", "VBG", "state"), ("that", 9, "mark", "SCONJ", "IN", "that"),
        ("Trump", 9, "nsubj", "PROPN", "NNP", "Trump"), ("lost", 6, "ccomp", "VERB", "VBD", "lose"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])
    q = _one(_hand_quotes(blank_nlp, doc), "Trump lost")
    assert q.cue_lemma == "state" and q.speaker is not None and q.speaker.text == "Forbes" and "ancestor" in q.rule
    # "Police receive calls saying shots were fired .": the noun an "-ing" participle describes, when someone, speaks
    calls = _rows_doc(hand_doc, [
        ("Police", 1, "nsubj", "NOUN", "NNS", "police"), ("receive", 1, "ROOT", "VERB", "VBP", "receive"),
        ("officials", 1, "dobj", "NOUN", "NNS", "official"), ("saying", 2, "acl", "VERB", "VBG", "say"),
        ("shots", 6, "nsubjpass", "NOUN", "NNS", "shot"), ("were", 6, "auxpass", "AUX", "VBD", "be"),
        ("fired", 3, "ccomp", "VERB", "VBN", "fire"), (".", 1, "punct", "PUNCT", ".", "."),
    ])
    q = _one(_hand_quotes(blank_nlp, calls), "shots were fired")
    assert q.speaker is not None and q.speaker.text == "officials" and "ancestor" in q.rule


def test_quotes_share_of_those_polled_speaks_for_the_poll(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Forty percent said Trump lost in a new poll .": a share of those polled (quote_words.tsv poll_share) speaks
    # for the poll its sentence names (rule poll_share), PolNeAR's source
    rows = [
        ("Forty", 1, "nummod", "NUM", "CD", "forty"), ("percent", 2, "nsubj", "NOUN", "NN", "percent"),
        ("said", 2, "ROOT", "VERB", "VBD", "say"), ("Trump", 4, "nsubj", "PROPN", "NNP", "Trump"),
        ("lost", 2, "ccomp", "VERB", "VBD", "lose"), ("in", 4, "prep", "ADP", "IN", "in"),
        ("a", 8, "det", "DET", "DT", "a"), ("new", 8, "amod", "ADJ", "JJ", "new"),
        ("poll", 5, "pobj", "NOUN", "NN", "poll"), (".", 2, "punct", "PUNCT", ".", "."),
    ]
    q = _one(_hand_quotes(blank_nlp, _rows_doc(hand_doc, rows)), "Trump lost")
    assert q.speaker is not None and q.speaker.text == "a new poll" and "poll_share" in q.rule
    # with no poll in the sentence the share keeps its words
    alone = _rows_doc(hand_doc, [*rows[:5], (".", 2, "punct", "PUNCT", ".", ".")])
    q = _one(_hand_quotes(blank_nlp, alone), "Trump lost")
    assert q.speaker is not None and q.speaker.text == "Forty percent" and "poll_share" not in q.rule


def test_quotes_relative_cue_inside_a_sourced_content_is_dropped(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Trump said supporters who claimed fraud were wrong .": the relative clause's cue lies in the content of a
    # frame naming a speaker; PolNeAR keeps the outer attribution (train: 23 of 62 such quotes right on source)
    rows = [
        ("Trump", 1, "nsubj", "PROPN", "NNP", "Trump"), ("said", 1, "ROOT", "VERB", "VBD", "say"),
        ("supporters", 6, "nsubj", "NOUN", "NNS", "supporter"), ("who", 4, "nsubj", "PRON", "WP", "who"),
        ("claimed", 2, "relcl", "VERB", "VBD", "claim"), ("fraud", 4, "dobj", "NOUN", "NN", "fraud"),
        ("were", 1, "ccomp", "AUX", "VBD", "be"), ("wrong", 6, "acomp", "ADJ", "JJ", "wrong"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ]
    quotes = _hand_quotes(blank_nlp, _rows_doc(hand_doc, rows))
    q = _one(quotes, "supporters who claimed fraud were wrong")
    assert q.speaker is not None and q.speaker.text == "Trump"
    assert not any(x.cue_lemma == "claim" for x in quotes)
    # with no one named outside it, the relative clause's attribution is kept
    alone = _rows_doc(hand_doc, [
        ("Supporters", 4, "nsubj", "NOUN", "NNS", "supporter"), ("who", 2, "nsubj", "PRON", "WP", "who"),
        ("claimed", 0, "relcl", "VERB", "VBD", "claim"), ("fraud", 2, "dobj", "NOUN", "NN", "fraud"),
        ("left", 4, "ROOT", "VERB", "VBD", "leave"), (".", 4, "punct", "PUNCT", ".", "."),
    ])
    assert any(x.cue_lemma == "claim" for x in _hand_quotes(blank_nlp, alone))


def test_quotes_discourse_phrase_is_no_attribution(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "That said , voters left .": a discourse phrase (quote_words.tsv discourse_phrase) opening its sentence
    def said(subject: str, tag: str, pos: str) -> list[Quote]:
        return _hand_quotes(blank_nlp, _rows_doc(hand_doc, [
            (subject, 1, "nsubj", pos, tag, subject.lower()), ("said", 1, "ROOT", "VERB", "VBD", "say"),
            (",", 1, "punct", "PUNCT", ",", ","), ("voters", 4, "nsubj", "NOUN", "NNS", "voter"),
            ("left", 1, "ccomp", "VERB", "VBD", "leave"), (".", 1, "punct", "PUNCT", ".", "."),
        ]))

    assert not any(q.cue_lemma == "say" for q in said("That", "DT", "PRON"))
    q = _one(said("Trump", "NNP", "PROPN"), "voters left")
    assert q.speaker is not None and q.speaker.text == "Trump"
