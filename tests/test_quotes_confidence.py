"""The quote confidence model (``nlp/quotes/confidence.py``): its features, its bundled weights, the score every
quote carries, and the readers' rule (``shown``)."""

from __future__ import annotations

import json

import pytest

from newsgraph.nlp.knowledge import bundled_dir
from newsgraph.nlp.quotes.confidence import (
    MIN_CONFIDENCE,
    MODEL_FILE,
    load_quote_model,
    quote_confidence,
    quote_features,
    score_quote,
    shown,
)
from newsgraph.records import Addressee, Quote, Speaker, TextSpan

TEXT = "“We will not back down,” Lin Jian said. Officials noted that it rained."


def _said() -> Quote:
    return Quote(start=1, end=23, text="We will not back down,", kind="direct", cue=TextSpan(35, 39, "said"),
                 speaker=Speaker(26, 34, "Lin Jian", "e1", ["e1"]), cue_lemma="say",
                 rule="direct:after:speech:clause:subject|speaker:name", cue_class="speech")


def _noted() -> Quote:
    return Quote(start=53, end=63, text="it rained.", kind="indirect", cue=TextSpan(46, 51, "noted"),
                 speaker=Speaker(36, 45, "Officials"), cue_lemma="note",
                 rule="indirect:evidence:clause:subject|speaker:unresolved", cue_class="evidence")


def test_quotes_confidence_features_read_rule_speaker_and_content() -> None:
    feats = quote_features(_said(), {"e1": "PERSON"})
    for f in ("rule=direct:after:speech:clause:subject", "how=name", "cls=speech", "kind=direct",
              "cls_how=speech:name", "lemma=say", "part1=after", "rpart=subject", "len=4-8", "spk_words=2-3",
              "spk_ent=True", "spk_label=PERSON", "spk_cap=True"):
        assert f in feats, f
    assert "addressee" not in feats and "paragraphs" not in feats
    noted = quote_features(_noted(), {})
    assert "how=unresolved" in noted and "spk=Name" in noted and "spk_label=none" in noted
    # the lemma with its content's rule; what the speaker's last word is
    assert "lemma_content=say:clause" in feats and "spk_head=name" in feats
    assert "spk_head=role" in noted  # "Officials": a role noun of roles.tsv
    thing = Quote(start=20, end=30, text="the plan", kind="indirect", cue_lemma="support", cue_class="position",
                  speaker=Speaker(0, 15, "The only regret"), rule="indirect:position:object:subject|speaker:unresolved")
    assert "spk_head=common" in quote_features(thing, {})


def test_quotes_confidence_features_of_pronouns_addressees_and_no_speaker() -> None:
    he = Quote(start=10, end=40, text="that they had lied\nagain?", kind="indirect", cue_lemma="accuse",
               speaker=Speaker(0, 2, "He"), rule="indirect:speech:addressee:subject|speaker:pronoun",
               addressee=Addressee(5, 9, "them"), cue_class="speech")
    feats = quote_features(he, {})
    assert {"spk=he", "addressee", "paragraphs", "question", "first=that", "how=pronoun"} <= set(feats)
    alone = Quote(start=0, end=9, text="Go home now", kind="direct", rule="direct:no_cue", cue_class="speech")
    assert "how=none" in quote_features(alone, {}) and not any(f.startswith("spk") for f in quote_features(alone, {}))


def test_quotes_confidence_model_is_bundled_with_its_threshold() -> None:
    data = json.loads((bundled_dir() / MODEL_FILE).read_text(encoding="utf-8"))
    assert data["threshold"] == MIN_CONFIDENCE, "copy the trained threshold to MIN_CONFIDENCE"
    assert "PolNeAR train" in data["trained_on"]
    assert load_quote_model() is not None


def test_quotes_confidence_ranks_a_named_direct_quote_over_unsourced_evidence() -> None:
    said, noted = quote_confidence(quote_features(_said(), {"e1": "PERSON"})), quote_confidence(
        quote_features(_noted(), {}))
    assert said is not None and noted is not None
    # evidence a thing gives ("the data noted") scores under the named quote and under evidence from a role noun
    # ("Officials noted", which PolNeAR mostly credits: since session 12's model it scores with the named quote)
    from dataclasses import replace

    thing = quote_confidence(quote_features(replace(_noted(), speaker=Speaker(36, 44, "The data")), {}))
    assert thing is not None
    assert said > 0.9 and said > thing and noted > thing
    assert score_quote(_said(), {"e1": "PERSON"}) == said


def test_quotes_confidence_shown_hides_low_named_quotes_only() -> None:
    from dataclasses import replace

    low = replace(_noted(), confidence=0.2)
    assert not shown(low, MIN_CONFIDENCE) and shown(low, 0.0) and shown(low, 0.2)
    assert shown(replace(_said(), confidence=0.95), MIN_CONFIDENCE)
    assert shown(_noted(), 0.99)  # no confidence (a record from before it): always shown
    alone = Quote(start=0, end=9, text="Go home now", kind="direct", rule="direct:no_cue", confidence=0.01)
    assert shown(alone, 0.99)  # names no one: shows no wrong speaker


def test_quotes_confidence_default_setting_is_the_trained_threshold() -> None:
    from newsgraph.settings import Settings

    assert Settings().min_quote_confidence == MIN_CONFIDENCE


def test_quotes_confidence_without_a_model_keeps_every_quote(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.nlp.quotes import confidence

    monkeypatch.setattr(confidence, "load_quote_model", lambda: None)
    assert confidence.quote_confidence(["how=name"]) is None
    assert confidence.score_quote(_noted(), {}) is None


def test_quotes_confidence_component_keeps_every_quote_with_its_score(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.nlp.annotations import get_list, register_extensions
    from newsgraph.nlp.quotes.component import QuotesComponent

    register_extensions()
    # "That echoes the agenda .": a demonstrative as the speaker of a bare object, a low score, still extracted
    words = ["That", "echoes", "the", "agenda", "."]
    doc = hand_doc(words, spaces=[True, True, True, False, False], heads=[1, 1, 3, 1, 1],
                   deps=["nsubj", "ROOT", "det", "dobj", "punct"], pos=["PRON", "VERB", "DET", "NOUN", "PUNCT"],
                   tags=["DT", "VBZ", "DT", "NN", "."], lemmas=["that", "echo", "the", "agenda", "."])
    every = list(get_list(QuotesComponent(blank_nlp)(doc), "ng_quotes"))
    assert [q.text for q in every] == ["the agenda"] and every[0].speaker is not None
    assert every[0].confidence == score_quote(replace_confidence(every[0]), {})
    assert every[0].confidence is not None and every[0].confidence < MIN_CONFIDENCE
    assert not shown(every[0], MIN_CONFIDENCE) and shown(every[0], 0.0)


def replace_confidence(q: Quote) -> Quote:
    """The quote as the component built it, before its score (the features never read the confidence)."""
    from dataclasses import replace

    return replace(q, confidence=None)
