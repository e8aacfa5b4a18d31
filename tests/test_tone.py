"""The tone component: GDELT-scale tone from VADER's lexicon."""

from __future__ import annotations

import time

import pytest

from newsgraph.nlp.annotations import register_extensions
from newsgraph.nlp.tone import ToneComponent, load_vader_lexicon
from newsgraph.records import Tone


@pytest.fixture(scope="module")
def tone(blank_nlp):  # type: ignore[no-untyped-def]
    register_extensions()
    return ToneComponent(blank_nlp)


def test_tone_lexicon_ships_with_vader():  # type: ignore[no-untyped-def]
    lexicon = load_vader_lexicon()
    assert len(lexicon) > 7000
    assert lexicon["good"] > 0 > lexicon["war"]


def test_tone_gdelt_percentages(tone, hand_doc):  # type: ignore[no-untyped-def]
    # 10 words (the full stop is not a word): "good" and "great" positive, "war" negative
    doc = hand_doc(["a", "good", "and", "great", "day", "despite", "the", "war", "in", "town", "."])
    t = tone(doc)._.ng_tone
    assert t == Tone(score=10.0, positive=20.0, negative=10.0, polarity=30.0)


def test_tone_negation_flips_valence(tone, hand_doc):  # type: ignore[no-untyped-def]
    t = tone(hand_doc(["this", "is", "not", "good"]))._.ng_tone
    assert t.positive == 0.0 and t.negative == 25.0


def test_tone_ignores_function_words(tone, hand_doc):  # type: ignore[no-untyped-def]
    t = tone(hand_doc(["it", "looks", "like", "rain"]))._.ng_tone
    assert t.polarity == 0.0


def test_tone_empty_and_punctuation_only(tone, hand_doc):  # type: ignore[no-untyped-def]
    assert tone(hand_doc([]))._.ng_tone == Tone()
    assert tone(hand_doc(["!", "?"]))._.ng_tone == Tone()


def test_tone_faster_than_vader_per_sentence(tone, blank_nlp):  # type: ignore[no-untyped-def]
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sentence = "Officials said the brutal attack killed many people, but peace talks offered some hope. "
    text = sentence * 400
    doc = blank_nlp(text)
    t0 = time.perf_counter()
    tone(doc)
    ours = time.perf_counter() - t0
    analyser = SentimentIntensityAnalyzer()
    t0 = time.perf_counter()
    for _ in range(400):
        analyser.polarity_scores(sentence)
    vader = time.perf_counter() - t0
    assert ours < vader


@pytest.mark.model
def test_tone_seed_article_is_negative(nlp, seed_text):  # type: ignore[no-untyped-def]
    t = nlp(seed_text)._.ng_tone
    assert t.score < 0
    assert t.polarity == pytest.approx(t.positive + t.negative)
    assert -100 <= t.score <= 100


def test_tone_knowledge_dir_adds_words(blank_nlp, hand_doc, tmp_path):  # type: ignore[no-untyped-def]
    from newsgraph.nlp.tone import make_tone

    (tmp_path / "tone.tsv").write_text("# extra words\nshelling\t-2.5\n", encoding="utf-8")
    component = make_tone(blank_nlp, "tone", 0.0, 3, [], str(tmp_path))
    assert component(hand_doc(["heavy", "shelling"]))._.ng_tone.negative == 50.0
