"""``newsgraph_quotes_v1``: who said (or thinks, or backs) what: direct, partial, mixed and indirect quotes.

Rules over the dependency parse, in three steps:

1. **Quote marks** are paired on the text (“ ” « » ‘ ’ and straight quotes), paragraph by paragraph: a mark pairs
   only with its partner, apostrophes ("nationals’ appeal", "don’t") are never openers, an opener left open at
   the end of a paragraph closes there when the next paragraph opens again (a quote running over paragraphs),
   and a stray mark is dropped.
2. **Cues** come from an editable lexicon (``knowledge/cues.tsv``: lemma, class, where the content is, part of
   speech). Each cue verb, copular adjective ("is sure that") or noun ("Trump’s claim that") found by the
   Matchers becomes a *frame*: its speaker (subject, "by" agent, possessor, the object of "according to", or
   inherited from the verb it hangs from) and its content (the that-clause or quote, the object for "backs
   Clinton", the clause around an interposed "he said", or the rest of the sentence for "..., X said." and
   "according to X, ..."). A paragraph opening "NAME: ..." (transcripts, headlines) is NAME's. Frames do not
   nest: a cue inside another frame's content is dropped, except relative clauses ("who said") and trailing
   participles (", arguing that ..."), which cut the outer content short. A speech cue with a bare object
   ("criticized China") or an act cue (``quote_words.tsv``) with an object, preposition or infinitive
   ("responded to a request for comment") reports an act (``cue_class`` "act"), not a statement, unless the cue
   says something of its object ("criticized the plan as a mistake"); so does a request for anonymity ("asked
   not to be named"). A sentence opening "In a CNN poll, ..." is the poll's evidence, and a clause with
   "reportedly" is evidence with no source (``quote_words.tsv``: poll_noun, hearsay_adverb). A speech verb the
   parse left without a subject takes the speaker of the speech verb before it after "and"/"but", else the
   name opening its paragraph ("Sen. Chuck Grassley, facing ..., said"), else the names right after it
   (",'' said Richard L. Trumka"); a possessive pronoun on a noun cue gives way to the verb's agreeing subject
   ("Trump is keeping up his criticism of ...").
3. **Attribution.** A quoted stretch takes the frame whose content holds it, else the cue right after or before
   it ("“...,” Lin Jian said."; "He said: “...”"; "“...” ― Name"), else the speaker of the quote just before it
   when it reads as a sentence (a quote broken by its cue, or running over paragraphs), else, for a quoted
   sentence standing on its own, the speaker of the nearest speech cue before it in the last two paragraphs
   ("Valastro praised Christie. “We need someone ...”"). A short turn opening its sentence and closed by its own
   comma, "!" or "?" (“Really,” she added) takes the cue after it like a sentence. A quoted stretch with no cue that is not a
   continuation is a scare quote or a title ("the Ukrainian crisis") and is not speech, and neither are quoted
   clauses with no cue inside a sentence ("His assumption was that “...”"). A frame whose content
   holds short quoted words is *partial* ("called China the “main sponsor”"), one that mixes quoted clauses with
   the reporter's words is *mixed*, other frames are *indirect*.

Speakers resolve to ``doc._.ng_entities``: names through the entities' mentions; pronouns ("He", "she", "they"),
role nouns ("the spokesperson", "the diplomat") and "who" to the right entity by gender/number agreement and
recency, preferring recent speakers (coreference-lite). A document ("the U.S. statement said") speaks for the entity in its
modifiers (``document_noun``); a role phrase the actors component made an entity ("China’s U.N. ambassador")
is no name: it resolves to the person holding the role, else stays unresolved (rule ``unresolved:description``). The resolved mention is added to that entity with
``add_mention``. A group ("Zhang Renbo and Wang Guanjun") gives every entity in ``Speaker.entities``. A speaker
that cannot be found stays ``None``.

The package: :mod:`.marks` (quote marks on the text), :mod:`.lexicon` (cue lexicon, frames, the per-document
context), :mod:`.parse` (speaker and content off the parse), :mod:`.frames` (finding frames), :mod:`.attribution`
(quotes to frames) and :mod:`.component` (the factory). Speakers are resolved by :mod:`newsgraph.nlp.speakers`.
"""

from __future__ import annotations

from newsgraph.nlp.quotes.component import QuotesComponent, make_quotes
from newsgraph.nlp.quotes.frames import FrameFinder
from newsgraph.nlp.quotes.lexicon import (
    CLASSES,
    COLON_NOT_SPEAKERS,
    CONTENT_SLOTS,
    NOT_CUES,
    Cue,
    DocContext,
    Frame,
    inflections,
    load_cues,
    load_first_names,
    load_quote_words,
)
from newsgraph.nlp.quotes.marks import CLOSING_MARKS, CURLY, find_quote_spans
from newsgraph.nlp.speakers import SpeakerResolver

_inflections = inflections  # the name tests and older callers use

__all__ = [
    "CLASSES",
    "CLOSING_MARKS",
    "COLON_NOT_SPEAKERS",
    "CONTENT_SLOTS",
    "CURLY",
    "NOT_CUES",
    "Cue",
    "DocContext",
    "Frame",
    "FrameFinder",
    "QuotesComponent",
    "SpeakerResolver",
    "find_quote_spans",
    "inflections",
    "load_cues",
    "load_first_names",
    "load_quote_words",
    "make_quotes",
]
