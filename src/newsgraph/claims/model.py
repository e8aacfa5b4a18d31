"""The claim record: an attributed statement with its speaker, the cue's stance, the proposition and polarity.

Offsets are Python string indices into the article text (``end`` exclusive), as in every record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.records import Offsets, Record, TextSpan


@dataclass(frozen=True, slots=True)
class ClaimSpeaker(Record):
    """Who makes the claim: the mention in the text and the document's entity (the store adds the canonical
    cross-document actor name from ``actor_names``)."""

    start: int | None = None
    end: int | None = None
    text: str | None = None
    entity: str | None = None  # the article's entity id
    name: str | None = None  # the entity's name in this article
    label: str | None = None
    code: str | None = None  # actor code (CAMEO/PLOVER style)


@dataclass(frozen=True, slots=True)
class Claim(Record):
    """One attributed statement as a claim."""

    id: str  # stable: a hash of article id, content offsets, speaker offsets and rule
    kind: str  # direct | indirect | partial | mixed (the quote's kind) | nested | event
    start: int  # the content (the proposition's span)
    end: int
    text: str
    sentence: Offsets  # the sentence(s) holding cue, speaker and content
    stance: str  # asserts, denies, warns, promises, accuses, questions, ... (knowledge/claims/stances.tsv)
    sign: int  # +1 the speaker holds the content true, -1 false, 0 neither (from the stance)
    polarity: str  # positive | negative | neutral: sign combined with the content's own negation
    speaker: ClaimSpeaker = field(default_factory=ClaimSpeaker)
    cue: TextSpan | None = None
    cue_lemma: str | None = None
    predicate: TextSpan | None = None  # the content's main predicate
    subjects: list[str] = field(default_factory=list)  # entity ids before / as source of the predicate
    objects: list[str] = field(default_factory=list)  # entity ids after / as target of the predicate
    entities: list[str] = field(default_factory=list)  # every entity id mentioned in the content
    negated: bool = False  # the content itself is negated ("did not", "no Chinese citizens")
    negation: TextSpan | None = None  # the negation marker (or, under a denial, the negative-polarity item)
    hedges: list[TextSpan] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)  # comparable terms of the content (see terms.py), sorted
    core_terms: list[str] = field(default_factory=list)  # terms of the content's main clause: the proposition
    quote: int | None = None  # index of the quote in the record it comes from
    event: int | None = None  # index of the event it comes from (or that types its cue)
    reporter: str | None = None  # who reports the statement ("UkrInform reports the government has denied ...")
    published: str | None = None
    source: str | None = None
    rule: str = ""
