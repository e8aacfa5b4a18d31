"""The cue lexicon (``knowledge/cues.tsv``), the frames cues make, and the per-document context of the component."""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Token

from newsgraph.nlp.knowledge import load_kinds, load_table
from newsgraph.nlp.mentions import mention_range
from newsgraph.nlp.sentences import SentenceIndex

LOGGER = logging.getLogger(__name__)

CLASSES = ("speech", "thought", "position", "evidence")
CONTENT_SLOTS = ("clause", "object", "any", "raising")
WORD_KINDS = ("not_cue", "not_colon_speaker", "addressee_cue", "evidence_cue", "act_cue", "object_act_cue",
              "poll_noun", "document_noun", "hearsay_adverb", "capital_metonym", "aspect_cue",
              "passive_view_cue", "discourse_phrase",
              "poll_share")


def load_quote_words(knowledge_dir: str | Path | None = None) -> dict[str, frozenset[str]]:
    """The word lists analysts may edit (``knowledge/quote_words.tsv``, and the user's), kind -> words."""
    return {k: frozenset(v) for k, v in load_kinds("quote_words.tsv", WORD_KINDS, knowledge_dir).items()}


def capital_metonyms(words: frozenset[str]) -> dict[str, frozenset[str]]:
    """``capital_metonym`` entries ("ankara:turkey|turkiye") as capital -> the names of its country."""
    out: dict[str, frozenset[str]] = {}
    for entry in words:
        capital, _, countries = entry.partition(":")
        if capital and countries:
            out[capital.strip()] = out.get(capital.strip(), frozenset()) | frozenset(
                c.strip() for c in countries.split("|") if c.strip())
    return out


#: the bundled lists (the component reads them through its knowledge_dir: ``load_quote_words``)
_WORDS = load_quote_words()

#: verbs that take a clause without attributing it ("make sure", "be", "have"), skipped by the generic rule
NOT_CUES = frozenset(_WORDS["not_cue"])

#: "NAME: what they said" at the start of a paragraph (transcripts, headlines)
COLON_SPEAKER = re.compile(r"(?m)^[ \t]*[\"“]?([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[ \t]+(\S[^\n]*)$")
COLON_NOT_SPEAKERS = frozenset(_WORDS["not_colon_speaker"])



@dataclass(slots=True)
class Cue:
    lemma: str
    cls: str  # speech | thought | position | evidence
    content: str  # clause | object | any


@dataclass(slots=True)
class Frame:
    """One cue occurrence with its speaker and content, before quote marks are attached."""

    cue_start: int  # char offsets
    cue_end: int
    cue_lemma: str
    cls: str
    speaker: tuple[int, int] | None  # token range [start, end)
    content: tuple[int, int] | None  # char offsets
    sent_start: int  # char offsets of the cue's sentence
    sent_end: int
    rule: str
    colon: bool = False  # the cue's clause ends with ":" and its content follows
    used: bool = False
    quotes: list[tuple[int, int]] = field(default_factory=list)
    relative: bool = False  # the cue heads a relative clause ("an architect who said ..."): kept when nested
    participle: bool = False  # ", arguing that ...": a new attribution that ends the content before it
    addressee: tuple[int, int] | None = None  # token range of whom an accusation or request targets
    #: "42% say A and 26% say B": a cue coordinated with a verb before it, with its own subject: where its clause
    #: starts (char offset); a frame of the same cue whose content holds it ends there, both are kept
    clause_start: int | None = None



def cue_frame(ctx: DocContext, tok: Token, cue: Cue, speaker: tuple[int, int] | None,
              content: tuple[int, int] | None, rule: str) -> Frame:
    """A frame whose cue is the lexicon word ``tok``, in ``tok``'s sentence."""
    sent = ctx.sents.of(tok.i)
    return Frame(
        cue_start=tok.idx,
        cue_end=tok.idx + len(tok.text),
        cue_lemma=cue.lemma,
        cls=cue.cls,
        speaker=speaker,
        content=content,
        sent_start=sent.start_char,
        sent_end=sent.end_char,
        rule=rule,
    )



@dataclass(slots=True)
class DocContext:
    """What the component knows about the document it is working on, passed to every step (never kept on the
    long-lived component)."""

    doc: Doc
    text: str  # doc.text, read once (Doc.text joins every token on each access)
    sents: SentenceIndex
    marks: list[tuple[int, int]]  # quoted stretches, from find_quote_spans
    inner_cues: list[int] = field(default_factory=list)  # ends of the cues dropped as nested in another frame


def load_cues(knowledge_dir: str | Path | None = None) -> dict[str, Cue]:
    """The bundled cue lexicon, extended (and overridden) by ``<knowledge_dir>/cues.tsv`` if present.

    Keys are lemmas ("say", "according to") and "noun:" + lemma for noun cues. A row with an unknown class or
    content slot is a KnowledgeError naming the file and line.
    """
    cues: dict[str, Cue] = {}
    for row in load_table("cues.tsv", ("lemma", "class", "content", "pos"), knowledge_dir):
        lemma_cell, cls, slot, pos = row.cells
        lemma = lemma_cell.lower()
        cls = cls or "speech"
        slot = slot or "clause"
        if cls not in CLASSES or slot not in CONTENT_SLOTS:
            raise row.error(f"unknown class {cls!r} or content {slot!r} (class: {', '.join(CLASSES)}; "
                            f"content: {', '.join(CONTENT_SLOTS)})")
        pos = pos or "verb"
        cues[lemma if pos != "noun" else "noun:" + lemma] = Cue(lemma, cls, slot)
    return cues


def load_first_names(knowledge_dir: str | Path | None = None) -> dict[str, str]:
    """First name (lower case) -> "m" or "f", from ``knowledge/first_names.tsv`` (and the user's)."""
    out: dict[str, str] = {}
    for row in load_table("first_names.tsv", ("name", "gender"), knowledge_dir, required=2):
        name, gender = row.cells
        if gender not in ("m", "f"):
            raise row.error(f"gender must be 'm' or 'f', got {gender!r}")
        out[name.lower()] = gender
    return out


def inflections(lemmas: list[str]) -> list[str]:
    out = set()
    for lemma in lemmas:
        out.update({lemma, lemma + "s", lemma + "ed", lemma + "d", lemma + "ing"})
        if lemma.endswith("e"):
            out.add(lemma[:-1] + "ing")
        if lemma.endswith("y"):
            out.update({lemma[:-1] + "ied", lemma[:-1] + "ies"})
    return sorted(out)


def base_form(word: str, cues: dict[str, Cue]) -> str:
    if word in cues:
        return word
    for suffix, repl in (
        ("ied", "y"),
        ("ies", "y"),
        ("ing", "e"),
        ("ing", ""),
        ("ed", "e"),
        ("ed", ""),
        ("d", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and word[: len(word) - len(suffix)] + repl in cues:
            return word[: len(word) - len(suffix)] + repl
    return word


_RANK = {"speech": 0, "act": 1, "position": 1, "thought": 2, "evidence": 2, "other": 3}  # act: a speech cue with a bare object


def outermost(frames: list[Frame]) -> list[Frame]:
    """Drop a frame whose cue lies in another frame's content: attributions do not nest (as in PolNeAR).

    A speech cue outranks a thought or evidence cue around it ("X would see ..., according to Y").
    """
    drop: set[int] = set()
    for i, a in enumerate(frames):
        if a.content is None:
            continue
        cs, ce = a.content
        for j, b in enumerate(frames):
            if i == j or not (cs <= b.cue_start < ce):
                continue
            if b.relative:
                if a.speaker is not None:
                    drop.add(j)
                continue
            if b.participle and b.cue_start > a.cue_end and b.cue_start > cs:
                # "said he didn’t believe ..., arguing that ...": two attributions, the first ends at the comma
                a.content = (cs, b.cue_start)
                ce = b.cue_start
                continue
            if (b.clause_start is not None and b.cue_lemma == a.cue_lemma and b.cue_start > a.cue_end
                    and cs < b.clause_start):
                # "42% say they're liberal and 26% say they are conservative": the parse hung the second cue in
                # the first one's clause; the same cue again with a subject of its own is a second attribution
                # ("said A and he feels B" is one), the first ends where the second's clause starts
                a.content = (cs, b.clause_start)
                ce = b.clause_start
                continue
            if b.content is not None and b.content[0] <= a.cue_start < b.content[1]:
                # each holds the other's cue (a misparse): keep the one with the larger content
                drop.add(i if (ce - cs) < (b.content[1] - b.content[0]) else j)
            elif _RANK[b.cls] < _RANK[a.cls]:
                drop.add(i)
            else:
                drop.add(j)
    return [f for k, f in enumerate(frames) if k not in drop]


def line_of(text: str, pos: int) -> tuple[int, int]:
    """Char offsets of the line (paragraph) holding ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def within_line(ctx: DocContext, frames: list[Frame]) -> list[Frame]:
    """Cut each frame's speaker and content to the line of its cue: a parse that runs a headline into the first
    paragraph ("Former Top EU Official Calls for Immigration Halt\n\nFormer top ... official Michel Barnier said
    ...") must not give the cue a speaker or content from the other line. A speaker with nothing left on the
    cue's line is dropped (None); a colon frame's content (on the next lines) is left alone."""
    doc, text = ctx.doc, ctx.text
    for f in frames:
        ls, le = line_of(text, f.cue_start)
        if f.speaker is not None:
            keep = [t.i for t in doc[f.speaker[0] : f.speaker[1]] if ls <= t.idx < le and not t.is_space]
            f.speaker = (keep[0], keep[-1] + 1) if keep else (
                _line_subject(doc, ls, f.cue_start) or _opening_subject(doc, ls, f.cue_start))
        elif f.cls == "speech" and f.rule.endswith(":none"):
            # "...works.”\n\nSen. Chuck Grassley, facing a ... challenge, said he would ...": the parse ran the
            # paragraph into the sentence before and made the name an object there; the cue is left with no one
            found = _opening_subject(doc, ls, f.cue_start)
            if found is not None:
                f.speaker, f.rule = found, f.rule[: -len("none")] + "line_opening"
            elif (left := _left_subject(doc, ls, f.cue_start)) is not None:
                f.speaker, f.rule = left, f.rule[: -len("none")] + "left_subject"
        if f.content is not None and not f.colon:
            cs, ce = max(f.content[0], ls), min(f.content[1], le)
            if ce > cs and text[cs:ce].strip():
                f.content = (cs, ce)
    return frames


#: parts of speech of a bare noun phrase opening a line ("GOP presidential candidate Dr. Ben Carson")
_NP_POS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "NUM", "PUNCT", "PART", "CCONJ"})


def _line_subject(doc: Doc, line_start: int, cue_start: int) -> tuple[int, int] | None:
    """ "Dr. Ben Carson: Hillary Clinton ‘Not Fit ...’\n\nGOP presidential candidate Dr. Ben Carson says ...":
    the parse gave the cue a subject on the headline; the words from the start of the cue's line to the cue, when
    they are one bare noun phrase (at most ten words, no verb, ending in a noun), are its speaker instead."""
    first = doc.char_span(line_start, cue_start, alignment_mode="contract")
    if first is None:
        return None
    toks = [t for t in first if not t.is_space]
    if not 1 <= len(toks) <= 10 or any(t.pos_ not in _NP_POS for t in toks) or toks[-1].pos_ not in ("NOUN", "PROPN"):
        return None
    if toks[0].is_punct:
        return None
    return toks[0].i, toks[-1].i + 1


def _left_subject(doc: Doc, line_start: int, cue_start: int) -> tuple[int, int] | None:
    """ "About 4 in 10 say they want ...", "the campaign chief, Paul Manafort, bluntly suggested that ...": the parse
    gave the cue no subject; the noun phrase ending right before it (past adverbs, auxiliaries and one comma) on
    its line, when it is no object or prepositional object, speaks."""
    cue = doc.char_span(cue_start, cue_start + 1, alignment_mode="expand")
    if cue is None or cue[0].tag_ not in ("VBD", "VBZ", "VBP"):
        return None  # a participle ("a company called Harmony", "a contractor accused of spying") describes a noun
    i = cue.start - 1
    while i >= 0 and doc[i].pos_ in ("ADV", "AUX", "PART") and doc[i].idx >= line_start:
        i -= 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i < 0 or doc[i].idx < line_start:
        return None
    tok = doc[i]
    if tok.pos_ == "NUM" and tok.dep_ in ("appos", "amod") and tok.head.i < tok.i:
        tok = tok.head  # "Jessie Elkins, 70, said": the age's person
    if (tok.pos_ not in ("NOUN", "PROPN", "PRON", "NUM")
            or tok.dep_ in ("pobj", "dobj", "poss", "attr", "dative", "npadvmod")  # "last week said": a time
            or tok.lower_ in ("it", "there")):
        return None
    lo, hi = mention_range(tok)
    if not lo <= tok.i < hi or doc[lo].idx < line_start:
        return None
    return lo, hi


def _opening_subject(doc: Doc, line_start: int, cue_start: int) -> tuple[int, int] | None:
    """The name opening the cue's line, when only it (and a phrase set off by commas, or adverbs and auxiliaries)
    comes before the cue: "Sen. Chuck Grassley, facing a spirited challenge, said", "Jessie Elkins, 70, said",
    "Clark said", "Mrs. Clinton often says", "Trump has also said"."""
    before = doc.char_span(line_start, cue_start, alignment_mode="contract")
    if before is None:
        return None
    toks = [t for t in before if not t.is_space]
    end = 0
    while end < len(toks) and end < 8 and toks[end].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "NUM", "PART"):
        end += 1
    if end == 0 or end > 7 or toks[end - 1].pos_ != "PROPN" or toks[0].pos_ == "PART":
        return None
    rest = toks[end:]
    if all(t.pos_ in ("ADV", "AUX", "PART") for t in rest) and len(rest) <= 3:
        return toks[0].i, toks[end - 1].i + 1
    if not (rest[0].text == "," and rest[-1].text == "," and len(rest) <= 25):
        return None
    return toks[0].i, toks[end - 1].i + 1


def has_frame_between(frames: list[Frame], start: int, end: int, own: Frame) -> bool:
    """Another speaker's cue between two quotes (a cue of the same speaker, "..., referring to ...", is not)."""
    return any(
        start <= f.cue_start < end and f.speaker is not None and f is not own and f.speaker != own.speaker
        for f in frames
    )


def outside(frames: list[Frame], marks: list[tuple[int, int]]) -> list[Frame]:
    """Frames whose cue is not inside quoted text ("“I think ...”" is the quote, not a new attribution)."""
    if not marks:
        return frames
    starts = [s for s, _ in marks]
    out = []
    for f in frames:
        i = bisect.bisect_right(starts, f.cue_start) - 1
        if i >= 0 and marks[i][0] <= f.cue_start < marks[i][1] and f.rule != "speech:colon_name":
            continue
        out.append(f)
    return out
