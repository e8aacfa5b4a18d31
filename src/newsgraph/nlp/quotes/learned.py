"""The learned cue detector: verbs outside the cue lexicon that a small logistic model, trained on PolNeAR train
(``scripts/train_cue_detector.py``), takes for attribution cues ("Trump boasted ...", "the group demanded ...").

A candidate is a verb whose lemma (and base form) is not in ``cues.tsv`` nor a ``not_cue`` of
``quote_words.tsv``, for which the lexicon's frame rules (``FrameFinder._verb_frame``, as for a speech cue whose
content is a clause or an object) find a content. Its features (:func:`cue_features`) are cheap reads of the
parse: the lemma, its tag and dependency, its children's dependencies and prepositions, the content's and
speaker's rules, what the speaker is (an entity's label, a pronoun, a role noun, a thing, no one) and whether a
quote is at hand. The model's weights and threshold live in ``knowledge/models/cue_detector.json``; a frame the
model keeps has cue class ``other`` (an attribution whose kind the lexicon does not say) and a rule starting
``other:``.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from spacy.tokens import Token

from newsgraph.nlp.knowledge import bundled_dir
from newsgraph.nlp.quotes.lexicon import Cue, DocContext, Frame
from newsgraph.nlp.quotes.marks import CLOSING_MARKS

LOGGER = logging.getLogger(__name__)

MODEL_FILE = "models/cue_detector.json"
#: the cue class of a frame whose cue the model proposed
LEARNED_CLASS = "other"
#: child dependencies read as features
_CHILD_DEPS = frozenset({"ccomp", "xcomp", "dobj", "prep", "advcl", "nsubj", "nsubjpass", "agent", "dative",
                         "neg", "aux", "auxpass", "advmod", "prt", "attr", "oprd", "acomp"})
_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "who"})


class CueJudge(Protocol):
    """What decides whether a candidate is a cue: the bundled model, or a stand-in the training script uses."""

    def accept(self, ctx: DocContext, tok: Token, frame: Frame, feats: list[str]) -> bool: ...


@dataclass(frozen=True, slots=True)
class CueModel:
    """The logistic cue detector: intercept, binary feature weights and the threshold its score must reach."""

    intercept: float
    weights: dict[str, float]
    threshold: float

    def score(self, feats: list[str]) -> float:
        z = self.intercept + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-z))

    def accept(self, ctx: DocContext, tok: Token, frame: Frame, feats: list[str]) -> bool:
        return self.score(feats) >= self.threshold


@lru_cache(maxsize=1)
def load_cue_model() -> CueModel | None:
    """The bundled cue detector, or None when its file is absent (then no cue outside the lexicon is found)."""
    path = bundled_dir() / MODEL_FILE
    if not path.is_file():
        LOGGER.warning("no cue detector at %s: only the lexicon's cues are found", path)
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return CueModel(float(data["intercept"]), {k: float(v) for k, v in data["weights"].items()},
                    float(data["threshold"]))


def is_candidate(tok: Token, known: set[str] | dict[str, Cue], not_cues: frozenset[str]) -> bool:
    """A verb (not an auxiliary) whose lemma is not a lexicon cue nor a ``not_cue``; ``known`` holds the lemmas
    and base forms of the lexicon's cues (see the caller)."""
    if tok.pos_ != "VERB" or not tok.is_alpha:
        return False
    lemma = tok.lemma_.lower()
    return lemma not in known and tok.lower_ not in known and lemma not in not_cues


def learned_cue() -> Cue:
    """The lexicon entry a candidate is read with: a speech cue taking a clause or an object."""
    return Cue("", "speech", "any")


def _bucket(n: int) -> str:
    return next((name for limit, name in ((3, "1-3"), (8, "4-8"), (20, "9-20")) if n <= limit), "21+")


def _speaker_kind(ctx: DocContext, frame: Frame, roles: frozenset[str]) -> str:
    if frame.speaker is None:
        return "none"
    span = ctx.doc[frame.speaker[0] : frame.speaker[1]]
    root = span.root
    if root.lower_ in _PRONOUNS:
        return "pronoun"
    labels = [t.ent_type_ for t in span if t.ent_type_]
    if labels:
        return "ent:" + labels[0]
    if root.pos_ == "PROPN":
        return "name"
    if root.lemma_.lower() in roles or root.lower_ in roles:
        return "role"
    return "thing"


def cue_features(ctx: DocContext, tok: Token, frame: Frame, roles: frozenset[str]) -> list[str]:
    """The binary features of a candidate cue ``tok`` with the frame the lexicon's rules give it (``roles``: role
    and organisation nouns, for what the speaker is)."""
    lemma = tok.lemma_.lower()
    _cls, content_rule, speaker_rule = [*frame.rule.split(":"), "", ""][:3]
    speaker = _speaker_kind(ctx, frame, roles)
    feats = [f"lemma={lemma}", f"tag={tok.tag_}", f"dep={tok.dep_}", f"head={tok.head.pos_}:{tok.dep_}",
             f"content={content_rule}", f"speaker={speaker_rule}", f"spk={speaker}",
             f"lemma_content={lemma}:{content_rule}", f"lemma_spk={lemma}:{speaker}",
             f"content_spk={content_rule}:{speaker}"]
    deps = {c.dep_ for c in tok.children if c.dep_ in _CHILD_DEPS}
    feats += [f"child={d}" for d in sorted(deps)]
    feats += [f"prep={c.lower_}" for c in tok.children if c.dep_ in ("prep", "prt")]
    feats += [f"lemma_prep={lemma}:{c.lower_}" for c in tok.children if c.dep_ in ("prep", "prt")]
    if any(g.dep_ == "mark" and g.lower_ == "that" for c in tok.children if c.dep_ == "ccomp" for g in c.children):
        feats.append("that_clause")
    if frame.content is not None:
        cs, ce = frame.content
        feats.append(f"len={_bucket(len(ctx.text[cs:ce].split()))}")
        if any(qs < ce and cs < qe for qs, qe in ctx.marks):
            feats.append("quote_in_content")
    if any(qs <= tok.idx < qe for qs, qe in ctx.marks):
        feats.append("cue_in_quote")
    if tok.i > 0 and tok.doc[tok.i - 1].text in CLOSING_MARKS | {","} and tok.i > 1 and (
            tok.doc[tok.i - 2].text in CLOSING_MARKS):
        feats.append("after_quote")
    if frame.colon:
        feats.append("colon")
    return feats
