"""The learned cue detector (``nlp/quotes/learned.py``): verbs outside the cue lexicon that a model takes for cues;
hand-built parses, with stand-in judges and the bundled model."""

from __future__ import annotations

from newsgraph.nlp.annotations import get_list, register_extensions
from newsgraph.nlp.quotes.learned import LEARNED_CLASS, CueModel, load_cue_model
from newsgraph.records import CUE_CLASSES


class _Judge:
    def __init__(self, answer: bool, lemma: str = "rebut") -> None:
        self.answer = answer
        self.lemma = lemma
        self.asked: list[tuple[str, list[str]]] = []

    def accept(self, ctx, tok, frame, feats) -> bool:  # type: ignore[no-untyped-def]
        self.asked.append((tok.lemma_, feats))
        return self.answer and tok.lemma_ == self.lemma


def _rebutted(hand_doc):  # type: ignore[no-untyped-def]
    # "Sanders rebutted that taxes would rise ." ("rebut" is not in cues.tsv)
    return hand_doc(
        ["Sanders", "rebutted", "that", "taxes", "would", "rise", "."],
        spaces=[True, True, True, True, True, False, False],
        heads=[1, 1, 5, 5, 5, 1, 1],
        deps=["nsubj", "ROOT", "mark", "nsubj", "aux", "ccomp", "punct"],
        pos=["PROPN", "VERB", "SCONJ", "NOUN", "AUX", "VERB", "PUNCT"],
        tags=["NNP", "VBD", "IN", "NNS", "MD", "VB", "."],
        lemmas=["Sanders", "rebut", "that", "tax", "would", "rise", "."],
    )


def _run(blank_nlp, doc, judge):  # type: ignore[no-untyped-def]
    from newsgraph.nlp.quotes import QuotesComponent

    register_extensions()
    component = QuotesComponent(blank_nlp)
    component.finder.cue_judge = judge
    return list(get_list(component(doc), "ng_quotes"))


def test_quotes_learned_cue_accepted_gives_class_other(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    judge = _Judge(True)
    quotes = _run(blank_nlp, _rebutted(hand_doc), judge)
    assert "rebut" in [lemma for lemma, _ in judge.asked]
    (q,) = quotes
    assert q.text == "that taxes would rise" and q.cue_lemma == "rebut" and q.cue_class == LEARNED_CLASS
    assert q.speaker is not None and q.speaker.text == "Sanders" and q.rule.startswith("indirect:other:clause:subject")
    feats = next(f for lemma, f in judge.asked if lemma == "rebut")
    assert {"lemma=rebut", "content=clause", "that_clause", "child=ccomp", "lemma_content=rebut:clause"} <= set(feats)
    assert LEARNED_CLASS in CUE_CLASSES


def test_quotes_learned_cue_rejected_gives_nothing(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    assert _run(blank_nlp, _rebutted(hand_doc), _Judge(False)) == []
    assert _run(blank_nlp, _rebutted(hand_doc), None) == []


def test_quotes_learned_cue_needs_a_speaker(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Rebutted that taxes would rise ." : no one named, never proposed
    doc = hand_doc(
        ["Rebutted", "that", "taxes", "would", "rise", "."],
        spaces=[True, True, True, True, False, False],
        heads=[0, 4, 4, 4, 0, 0],
        deps=["ROOT", "mark", "nsubj", "aux", "ccomp", "punct"],
        pos=["VERB", "SCONJ", "NOUN", "AUX", "VERB", "PUNCT"],
        tags=["VBD", "IN", "NNS", "MD", "VB", "."],
        lemmas=["rebut", "that", "tax", "would", "rise", "."],
    )
    judge = _Judge(True)
    assert _run(blank_nlp, doc, judge) == [] and "rebut" not in [lemma for lemma, _ in judge.asked]


def test_quotes_learned_lexicon_cues_are_no_candidates(blank_nlp, hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc(
        ["Sanders", "said", "that", "taxes", "would", "rise", "."],
        spaces=[True, True, True, True, True, False, False],
        heads=[1, 1, 5, 5, 5, 1, 1],
        deps=["nsubj", "ROOT", "mark", "nsubj", "aux", "ccomp", "punct"],
        pos=["PROPN", "VERB", "SCONJ", "NOUN", "AUX", "VERB", "PUNCT"],
        tags=["NNP", "VBD", "IN", "NNS", "MD", "VB", "."],
        lemmas=["Sanders", "say", "that", "tax", "would", "rise", "."],
    )
    judge = _Judge(True)
    (q,) = _run(blank_nlp, doc, judge)
    assert judge.asked == [] and q.cue_class == "speech"


def test_quotes_learned_model_scores_and_threshold() -> None:
    model = CueModel(-1.0, {"lemma=rebut": 3.0}, 0.65)
    assert abs(model.score(["lemma=rebut"]) - 0.8808) < 1e-3 and model.score([]) < 0.65
    bundled = load_cue_model()
    assert bundled is not None and 0 < bundled.threshold < 1 and bundled.weights
