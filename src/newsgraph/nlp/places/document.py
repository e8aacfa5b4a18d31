"""One document's state through the component: its mentions, and the context object that carries them."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.gazetteer import Candidate
from newsgraph.nlp.places.tokens import Tokens


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    rule: str
    label: str  # GPE LOC FAC or "" for gazetteer matches
    cands: list[tuple[Candidate, bool]] = field(default_factory=list)
    qualifier: list[tuple[Candidate, bool]] = field(default_factory=list)
    dateline: bool = False
    inner: tuple[str, list[tuple[Candidate, bool]]] | None = None  # a place named inside an unknown name
    far_qualifier: bool = False  # the qualifier follows another mention of the name
    priors: list[float] = field(default_factory=list)  # prior of each candidate, in the order of cands
    kind: str | None = None  # "region" or "town" when a kind word stands beside the name (``kinds.kind_word``)
    listed_with: tuple[tuple[str, str | None], ...] = ()  # (feature, country) of the sure names listed with it
    entity_name: bool = False  # the name of one of the article's people or organisations as well


@dataclass(slots=True)
class PlaceDoc:
    """What the component knows of one document, passed from step to step (never kept on the component):
    its text and token arrays, its source's home place and the mentions recognition found."""

    text: str
    toks: Tokens
    home: Candidate | None = None
    mentions: list[Mention] = field(default_factory=list)


#: what ranking a mention depends on besides its context (``name_and_qualifier``)
RankKey = tuple[str, tuple[str, ...], str | None]


def name_and_qualifier(m: Mention) -> RankKey:
    """What ranking a mention depends on besides its context: its name (hence candidates), qualifier and the
    kind word beside it."""
    return m.text, tuple(q.key for q, _ in m.qualifier), m.kind
