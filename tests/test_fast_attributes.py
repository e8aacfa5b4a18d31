"""The indexed attribute-ruler matcher finds exactly the matches of spaCy's Matcher."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from newsgraph.nlp.fast_attributes import IndexedMatcher, Unsupported, speed_up
from newsgraph.settings import Settings

ROOT = Path(__file__).resolve().parents[1]

#: the model's own edge-case rules: contractions, "gonna", "y'all", spaces, pronoun case by dependency
EDGE_CASES = [
    "Y'all ain't gonna believe it. Let's go, c'm on! I got ta say nothin' about it.\n\n  There is a dog.",
    "I'd have done it if you had asked. You gave it to me, and I gave it to you. It isn't what it's not.",
    "We're here; I'm there. They've gone. He gets it, she got it. Do they? Did he? Have you? Whether or not...",
    "That which was said, was said.   \t Which one? This one. Those that did.",
    "",
    " ",
    "\n",
]


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    return spacy.load(Settings().model)


def _docs(model, texts):  # type: ignore[no-untyped-def]
    # the attribute ruler's input: everything before it in the pipeline
    return list(model.pipe(texts, disable=["attribute_ruler", "lemmatizer", "ner"]))


@pytest.mark.model
def test_fast_attributes_matches_equal_spacy_matcher(model):  # type: ignore[no-untyped-def]
    texts = [json.loads(line)["text"] for line in (ROOT / "samples/articles.jsonl").read_text().splitlines()]
    ruler = model.get_pipe("attribute_ruler")
    fast = IndexedMatcher(ruler)
    docs = _docs(model, texts[:40] + EDGE_CASES)
    mismatched = [i for i, doc in enumerate(docs) if fast(doc) != ruler.match(doc)]
    assert mismatched == []
    # the edge cases exercise the rules beyond the tag map: contractions, regexes, two-token rules
    tag_map = {rule for rules in fast.by_tag.values() for rule, _key in rules}
    other_rules_hit = {m[0] for doc in docs[-len(EDGE_CASES):] for m in fast(doc)} - tag_map
    assert len(other_rules_hit) >= 20, sorted(other_rules_hit)


@pytest.mark.model
def test_fast_attributes_pipeline_annotations_unchanged(model):  # type: ignore[no-untyped-def]
    fast_model = spacy.load(Settings().model)
    assert speed_up(fast_model)
    texts = EDGE_CASES[:4]
    for slow, quick in zip(model.pipe(texts), fast_model.pipe(texts), strict=True):
        assert [(t.pos_, t.tag_, t.dep_, t.lemma_, str(t.morph)) for t in slow] == [
            (t.pos_, t.tag_, t.dep_, t.lemma_, str(t.morph)) for t in quick
        ]


def test_fast_attributes_hand_rules(blank_nlp, hand_doc):  # type: ignore[no-untyped-def]
    ruler = AttributeRuler(blank_nlp.vocab)
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    ruler.add([[{"LOWER": {"IN": ["gon", "wan"]}}, {"LOWER": "na"}]], {"LEMMA": "go"})
    ruler.add([[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux"]}}]], {"POS": "AUX"})
    ruler.add([[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], {"LEMMA": "nothing"})
    doc = hand_doc(["Gon", "na", "say", "nothin'", "cat"], tags=["VBG", "TO", "VB", "NN", "NN"],
                   deps=["aux", "aux", "ROOT", "dobj", "npadvmod"], heads=[2, 2, 2, 2, 2])
    fast = IndexedMatcher(ruler)
    assert fast(doc) == ruler.match(doc)
    assert [(m[0], m[2], m[3]) for m in fast(doc)] == [(0, 3, 4), (0, 4, 5), (1, 0, 2), (2, 0, 1), (3, 3, 4)]
    # a rule added after indexing: the ruler falls back to spaCy's Matcher rather than miss it
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    assert speed_up(nlp)
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "cat"}]], {"POS": "PROPN"})
    d = nlp.make_doc("cat")
    assert nlp.get_pipe("attribute_ruler")(d)[0].pos_ == "PROPN"
    # rules cleared and loaded again, as many as before: still spaCy's Matcher, never a stale index
    other = spacy.blank("en")
    other.add_pipe("attribute_ruler").add([[{"TAG": "NN"}]], {"POS": "VERB"})
    assert speed_up(other)
    ruler2 = other.get_pipe("attribute_ruler")
    ruler2.clear()
    ruler2.add([[{"LOWER": "cat"}]], {"POS": "PROPN"})
    assert ruler2(other.make_doc("cat"))[0].pos_ == "PROPN"


def test_fast_attributes_unsupported_pattern_keeps_matcher(blank_nlp):  # type: ignore[no-untyped-def]
    ruler = AttributeRuler(blank_nlp.vocab)
    ruler.add([[{"ORTH": "x", "OP": "+"}]], {"POS": "X"})
    with pytest.raises(Unsupported):
        IndexedMatcher(ruler)
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([[{"SHAPE": "dd"}]], {"POS": "NUM"})
    assert not speed_up(nlp)
    assert nlp("12")[0].pos_ == "NUM"
