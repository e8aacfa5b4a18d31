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
   participles (", arguing that ..."), which cut the outer content short.
3. **Attribution.** A quoted stretch takes the frame whose content holds it, else the cue right after or before
   it ("“...,” Lin Jian said."; "He said: “...”"; "“...” ― Name"), else the speaker of the quote just before it
   when it reads as a sentence (a quote broken by its cue, or running over paragraphs), else, for a quoted
   sentence standing on its own, the speaker of the nearest speech cue before it in the last two paragraphs
   ("Valastro praised Christie. “We need someone ...”"). A quoted stretch with no cue that is not a
   continuation is a scare quote or a title ("the Ukrainian crisis") and is not speech, and neither are quoted
   clauses with no cue inside a sentence ("His assumption was that “...”"). A frame whose content
   holds short quoted words is *partial* ("called China the “main sponsor”"), one that mixes quoted clauses with
   the reporter's words is *mixed*, other frames are *indirect*.

Speakers resolve to ``doc._.ng_entities``: names through the entities' mentions; pronouns ("He", "she", "they"),
role nouns ("the spokesperson", "the diplomat") and "who" to the right entity by gender/number agreement and
recency, preferring recent speakers (coreference-lite). The resolved mention is added to that entity with
``add_mention``. A group ("Zhang Renbo and Wang Guanjun") gives every entity in ``Speaker.entities``. A speaker
that cannot be found stays ``None``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy
from spacy.attrs import DEP, LEMMA, LOWER, POS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.symbols import ADJ, AUX, NOUN, VERB
from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.annotations import EntityAnn, get_list, register_extensions
from newsgraph.nlp.idsets import id_set, member
from newsgraph.records import Quote, Speaker, TextSpan

LOGGER = logging.getLogger(__name__)

CLASSES = ("speech", "thought", "position", "evidence")
CONTENT_SLOTS = ("clause", "object", "any", "raising")

#: verbs that take a clause without attributing it ("make sure", "be", "have"), skipped by the generic rule
NOT_CUES = {
    "be",
    "have",
    "do",
    "make",
    "let",
    "ensure",
    "mean",
    "seem",
    "appear",
    "become",
    "get",
    "go",
    "come",
    "happen",
    "take",
    "give",
    "put",
    "keep",
    "help",
    "turn",
    "look",
    "sound",
    "feel",
    "remain",
    "stay",
}

#: "NAME: what they said" at the start of a paragraph (transcripts, headlines)
_COLON_SPEAKER = re.compile(r"(?m)^[ \t]*[\"“]?([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[ \t]+(\S[^\n]*)$")
COLON_NOT_SPEAKERS = {
    "note",
    "update",
    "updated",
    "related",
    "photo",
    "photos",
    "video",
    "editor",
    "editor's",
    "editor’s",
    "source",
    "sources",
    "read",
    "watch",
    "listen",
    "correction",
    "clarification",
    "disclosure",
    "warning",
    "q",
    "a",
    "question",
    "answer",
    "the",
    "this",
    "here",
    "what",
    "why",
    "how",
    "who",
    "when",
    "where",
    "bottom",
    "step",
    "part",
    "chapter",
    "live",
    "breaking",
    "exclusive",
    "analysis",
    "opinion",
    "latest",
    "more",
    "also",
    "today",
}

#: quote-mark pairs: opener -> closer
CURLY = {"“": "”", "«": "»", "‘": "’", "„": "“", "‹": "›"}
_MARKS = re.compile(r"''|[“”«»‘’„‹›\"]")  # '' is the NYT's straight double quote
_WORDCHAR = re.compile(r"\w")
CLOSING_MARKS = {"”", '"', "''", "»", "’"}

PRONOUNS_MALE = {"he", "him", "his", "himself"}
PRONOUNS_FEMALE = {"she", "her", "hers", "herself"}
PRONOUNS_PLURAL = {"they", "them", "their", "themselves"}
PRONOUNS_THING = {"it", "its"}
PRONOUNS_RELATIVE = {"who", "which", "that", "whom"}
PRONOUNS_FIRST = {"i", "we", "me", "us", "you"}

#: role nouns and the gender they imply (None: either)
ROLE_NOUNS: dict[str, str | None] = {
    "spokesperson": None,
    "spokesman": "m",
    "spokeswoman": "f",
    "diplomat": None,
    "minister": None,
    "president": None,
    "official": None,
    "officer": None,
    "senator": None,
    "governor": None,
    "mayor": None,
    "leader": None,
    "candidate": None,
    "nominee": None,
    "chairman": "m",
    "chairwoman": "f",
    "chair": None,
    "ambassador": None,
    "envoy": None,
    "secretary": None,
    "chancellor": None,
    "premier": None,
    "king": "m",
    "queen": "f",
    "prince": "m",
    "princess": "f",
    "general": None,
    "commander": None,
    "director": None,
    "adviser": None,
    "advisor": None,
    "lawmaker": None,
    "congressman": "m",
    "congresswoman": "f",
    "judge": None,
    "prosecutor": None,
    "attorney": None,
    "lawyer": None,
    "businessman": "m",
    "businesswoman": "f",
    "billionaire": None,
    "mogul": None,
    "executive": None,
    "ceo": None,
    "representative": None,
    "speaker": None,
    "congressman-elect": "m",
    "strategist": None,
    "pollster": None,
    "aide": None,
    "analyst": None,
    "economist": None,
    "expert": None,
    "founder": None,
    "host": None,
    "author": None,
    "man": "m",
    "woman": "f",
}
HONORIFICS = {
    "mr.": "m",
    "mr": "m",
    "mrs.": "f",
    "mrs": "f",
    "ms.": "f",
    "ms": "f",
    "miss": "f",
    "sir": "m",
    "madam": "f",
    "lady": "f",
    "lord": "m",
}
#: dependency labels kept when a subject is cut down to its mention (no relative clauses, no prepositions)
NP_DEPS = {
    "compound",
    "amod",
    "det",
    "poss",
    "nmod",
    "nummod",
    "flat",
    "conj",
    "cc",
    "appos",
    "case",
    "quantmod",
    "punct",
    "prt",
}
SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
CLAUSE_DEPS = {"ccomp", "xcomp"}
#: the complement of "seem" / "appear": "to enjoy it", "that ..." (not adjectives: "seems stable" costs precision)
RAISING_COMP_DEPS = {"xcomp", "ccomp"}
OBJECT_DEPS = {"dobj", "attr", "oprd"}
#: cues whose "if" clause is an indirect question ("asked if ..."), not a condition ("said if elected ...")
QUESTION_CUES = {"ask", "wonder", "question", "inquire"}
CONTENT_PREPS = {"about", "of", "for", "on", "against", "to", "that", "with"}
#: a cue verb inside a content clause of another verb heads its own frame; coordination passes the speaker on
INHERIT_DEPS = {"conj", "xcomp", "advcl", "acl", "acomp"}
CLIMB_DEPS = {"pcomp", "pobj", "prep", "advcl", "xcomp", "conj", "acomp"}


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


def load_cues(knowledge_dir: str | Path | None = None) -> dict[str, Cue]:
    """The bundled cue lexicon, extended (and overridden) by ``<knowledge_dir>/cues.tsv`` if present."""
    texts = [resources.files("newsgraph").joinpath("knowledge", "cues.tsv").read_text(encoding="utf-8")]
    if knowledge_dir:
        extra = Path(knowledge_dir) / "cues.tsv"
        if extra.is_file():
            texts.append(extra.read_text(encoding="utf-8"))
    cues: dict[str, Cue] = {}
    for text in texts:
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = [c.strip() for c in line.split("\t")]
            lemma = cols[0].lower()
            cls = cols[1] if len(cols) > 1 and cols[1] else "speech"
            slot = cols[2] if len(cols) > 2 and cols[2] else "clause"
            if cls not in CLASSES or slot not in CONTENT_SLOTS:
                LOGGER.warning("cues.tsv line %s: unknown class %r or content %r; skipped", n, cls, slot)
                continue
            pos = cols[3] if len(cols) > 3 and cols[3] else "verb"
            cues[lemma if pos != "noun" else "noun:" + lemma] = Cue(lemma, cls, slot)
    return cues


def load_first_names(knowledge_dir: str | Path | None = None) -> dict[str, str]:
    """First name (lower case) -> "m" or "f", from ``knowledge/first_names.tsv`` (and the user's)."""
    texts = [
        resources.files("newsgraph").joinpath("knowledge", "first_names.tsv").read_text(encoding="utf-8")
    ]
    if knowledge_dir:
        extra = Path(knowledge_dir) / "first_names.tsv"
        if extra.is_file():
            texts.append(extra.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for text in texts:
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) >= 2 and cols[1].strip() in ("m", "f"):
                out[cols[0].strip().lower()] = cols[1].strip()
    return out


# ----------------------------------------------------------------------------------------------------------------
# quote marks


def _is_apostrophe(text: str, i: int) -> bool:
    """’ or ' between letters ("don’t") or after a letter and before a space is an apostrophe or possessive."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return bool(_WORDCHAR.match(before)) and bool(_WORDCHAR.match(after))


def find_quote_spans(text: str, max_chars: int = 200_000) -> list[tuple[int, int]]:
    """Paired quote marks as (start, end) of the text *inside* the marks, in order, never nested.

    Works paragraph by paragraph (a paragraph is a line). An unclosed opener closes at the end of its paragraph
    when the next paragraph opens with a quote mark (a multi-paragraph quote); otherwise it is dropped. Inner
    quotes inside an open quote are skipped. Linear in the length of the text.
    """
    spans: list[tuple[int, int]] = []
    para_start = 0
    paragraphs = text.split("\n")
    # the first non-blank paragraph after each one (a quote may run on past blank lines)
    following = [""] * len(paragraphs)
    nxt = ""
    for k in range(len(paragraphs) - 1, -1, -1):
        following[k] = nxt
        if paragraphs[k].strip():
            nxt = paragraphs[k].lstrip()
    for p_idx, para in enumerate(paragraphs):
        next_para = following[p_idx]
        open_at: int | None = None
        closer = ""
        for m in _MARKS.finditer(para):
            i, ch = m.start(), m.group(0)
            if open_at is None:
                if ch in ('"', "''"):
                    open_at, closer = i, ch
                elif ch in CURLY:
                    if ch == "‘" and _is_apostrophe(para, i):
                        continue
                    open_at, closer = i, CURLY[ch]
                continue
            if ch == closer:
                if closer in "’'" and _is_apostrophe(para, i):
                    continue  # "don’t" inside ‘...’
                if closer == "’" and i + 1 < len(para) and para[i + 1].isalpha():
                    continue
                s, e = para_start + open_at + len(closer if closer == "''" else "x"), para_start + i
                if e > s and e - s <= max_chars:
                    spans.append((s, e))
                open_at = None
            elif closer == "”" and ch == "“":
                # a second opener before the closer: the first was stray, start again here
                open_at = i
        if open_at is not None and next_para[:1] in ("“", '"', "«", "‘", "'") and closer != "’":
            s, e = (
                para_start + open_at + len(closer if closer == "''" else "x"),
                para_start + len(para.rstrip()),
            )
            if e > s and e - s <= max_chars:
                spans.append((s, e))
        para_start += len(para) + 1
    return spans


# ----------------------------------------------------------------------------------------------------------------
# the component


@Language.factory(
    "newsgraph_quotes_v1",
    default_config={
        "knowledge_dir": None,
        "max_quote_chars": 200_000,
        "min_direct_words": 4,
        "continuation_paragraphs": 2,
        "pronoun_window": 3,
        "classes": list(CLASSES),
        "generic_clause": False,
        "extend_paragraph": True,
    },
    assigns=["doc._.ng_quotes", "doc._.ng_entities"],
    requires=["doc._.ng_entities", "token.dep", "token.lemma", "token.pos"],
)
def make_quotes(
    nlp: Language,
    name: str,
    knowledge_dir: str | None,
    max_quote_chars: int,
    min_direct_words: int,
    continuation_paragraphs: int,
    pronoun_window: int,
    classes: list[str],
    generic_clause: bool,
    extend_paragraph: bool,
) -> QuotesComponent:
    register_extensions()
    return QuotesComponent(
        nlp,
        knowledge_dir=knowledge_dir,
        max_quote_chars=max_quote_chars,
        min_direct_words=min_direct_words,
        continuation_paragraphs=continuation_paragraphs,
        pronoun_window=pronoun_window,
        classes=classes,
        generic_clause=generic_clause,
        extend_paragraph=extend_paragraph,
    )


class QuotesComponent:
    def __init__(
        self,
        nlp: Language,
        *,
        knowledge_dir: str | None = None,
        max_quote_chars: int = 200_000,
        min_direct_words: int = 4,
        continuation_paragraphs: int = 2,
        pronoun_window: int = 3,
        classes: Iterable[str] = CLASSES,
        generic_clause: bool = False,
        extend_paragraph: bool = True,
    ) -> None:
        allowed = set(classes)
        self.cues = {k: v for k, v in load_cues(knowledge_dir).items() if v.cls in allowed}
        self.first_names = load_first_names(knowledge_dir)
        self.max_quote_chars = max_quote_chars
        self.min_direct_words = min_direct_words
        self.continuation_paragraphs = continuation_paragraphs
        self.pronoun_window = pronoun_window
        single = sorted(k for k in self.cues if " " not in k and not k.startswith("noun:"))
        phrases = sorted(k for k in self.cues if " " in k and not k.startswith("noun:"))
        nouns = sorted(k[5:] for k in self.cues if k.startswith("noun:"))
        # one-token cues are found with whole-document masks over the token attributes (spaCy's Matcher did the
        # same with per-token predicates at two thirds of this component's time); see cue_tokens()
        strings = nlp.vocab.strings
        self._cue_lemmas = id_set(strings, single)
        # the lemmatizer sometimes leaves the inflected form ("tweeted"); catch the lower-case form as well
        self._cue_lowers = id_set(strings, _inflections(single))
        # "Trump’s claim that ...", "her support for ...": nouns of speech and stance
        self._noun_lemmas = id_set(strings, nouns)
        self._acomp = strings.add("acomp")
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        if phrases:
            self.phrases.add("CUE_PHRASE", [nlp.make_doc(p) for p in phrases])
        self.generic_clause = generic_clause
        self.extend_paragraph = extend_paragraph
        self._ccomp = nlp.vocab.strings.add("ccomp")

    # ------------------------------------------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        quotes = get_list(doc, "ng_quotes")
        quotes.clear()
        if not doc.has_annotation("DEP"):
            LOGGER.debug("quotes: the doc has no dependency parse; nothing done")
            return doc
        text = self._text = doc.text  # Doc.text joins every token on each access: read it once
        marks = find_quote_spans(text, self.max_quote_chars)
        self._sents = _Sents(doc, text)
        found = _outside(self._frames(doc) + self._colon_frames(doc, text), marks)
        frames = _outermost(found)
        self._inner_cues = sorted(f.cue_end for f in found if f not in frames)
        resolver = _Resolver(
            doc, get_list(doc, "ng_entities"), self.first_names, self.pronoun_window, self._sents
        )
        for item in self._attribute(doc, frames, marks):
            content_s, content_e, kind, frame, rule = item
            content_s, content_e = _trim(text, content_s, content_e)
            if content_e <= content_s:
                continue
            speaker = None
            cue = None
            lemma = None
            if frame is not None:
                cue = TextSpan(frame.cue_start, frame.cue_end, text[frame.cue_start : frame.cue_end])
                lemma = frame.cue_lemma
                if frame.speaker is not None:
                    speaker = resolver.speaker(frame.speaker, frame)
                    if speaker is not None:
                        rule = f"{rule}|speaker:{resolver.last_rule}"
            quotes.append(
                Quote(
                    start=content_s,
                    end=content_e,
                    text=text[content_s:content_e],
                    kind=kind,
                    cue=cue,
                    speaker=speaker,
                    cue_lemma=lemma,
                    rule=rule,
                )
            )
        quotes.sort(key=lambda q: (q.start, q.end))
        return doc

    # ------------------------------------------------------------------------------------------------------------
    # frames

    def cue_tokens(self, doc: Doc) -> tuple[list[int], list[int]]:
        """Positions of one-token cues, in order: (verbs and adjectives, nouns).

        A verb or auxiliary whose lemma is a cue, or whose lower-case form is an inflection of one ("tweeted"
        left unlemmatised; verbs only); an adjective cue after a copula ("sure that", "critical of"); a noun
        whose lemma is a noun cue ("claim", "support").
        """
        if not len(doc):
            return [], []
        table = doc.to_array([LEMMA, LOWER, POS, DEP]).astype(numpy.uint64, copy=False)
        lemma, lower, pos, dep = table[:, 0], table[:, 1], table[:, 2], table[:, 3]
        cue_lemma = member(lemma, self._cue_lemmas)
        verbs = (
            (cue_lemma & ((pos == VERB) | (pos == AUX)))
            | (cue_lemma & (pos == ADJ) & (dep == self._acomp))
            | (member(lower, self._cue_lowers) & (pos == VERB))
        )
        nouns = member(lemma, self._noun_lemmas) & (pos == NOUN)
        return numpy.flatnonzero(verbs).tolist(), numpy.flatnonzero(nouns).tolist()

    def _frames(self, doc: Doc) -> list[Frame]:
        frames: list[Frame] = []
        seen: set[int] = set()
        for _, start, end in self.phrases(doc):
            span = doc[start:end]
            frame = self._phrase_frame(doc, span)
            if frame is not None:
                frames.append(frame)
                seen.update(range(start, end))
        verbs, nouns = self.cue_tokens(doc)
        for start in verbs:
            if start in seen:
                continue
            seen.add(start)
            tok = doc[start]
            cue = self.cues.get(tok.lemma_.lower()) or self.cues.get(_base_form(tok.lower_, self.cues))
            if cue is None:
                continue
            frame = self._verb_frame(doc, tok, cue)
            if frame is not None:
                frames.append(frame)
        for start in nouns:
            if start in seen:
                continue
            tok = doc[start]
            cue = self.cues.get("noun:" + tok.lemma_.lower())
            if cue is None:
                continue
            frame = self._noun_frame(doc, tok, cue)
            if frame is not None:
                seen.add(start)
                frames.append(frame)
        if self.generic_clause:
            deps = doc.to_array("DEP")
            for i in numpy.nonzero(deps == self._ccomp)[0]:
                head = doc[int(i)].head
                if head.i in seen or head.pos_ != "VERB" or head.lemma_.lower() in NOT_CUES:
                    continue
                seen.add(head.i)
                frame = self._verb_frame(doc, head, Cue(head.lemma_.lower(), "speech", "clause"))
                if frame is not None and frame.speaker is not None:
                    frame.rule = "generic:" + frame.rule
                    frames.append(frame)
        frames.sort(key=lambda f: f.cue_start)
        return frames

    def _colon_frames(self, doc: Doc, text: str) -> list[Frame]:
        """ "PENCE: Gennifer Flowers will not ..." and "Pat Caddell: Voters Worried ...": a name opening a
        paragraph with a colon speaks the rest of it."""
        out = []
        for m in _COLON_SPEAKER.finditer(text):
            name = m.group(1)
            if name.lower() in COLON_NOT_SPEAKERS or name.split()[0].lower() in COLON_NOT_SPEAKERS:
                continue
            speaker = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
            if speaker is None or not any(t.pos_ in ("PROPN", "NOUN") for t in speaker):
                continue
            colon = m.end(1)
            sent = self._sents.of(speaker.start)
            out.append(
                Frame(
                    cue_start=colon,
                    cue_end=colon + 1,
                    cue_lemma=":",
                    cls="speech",
                    speaker=(speaker.start, speaker.end),
                    content=(m.start(2), m.end(2)),
                    sent_start=sent.start_char,
                    sent_end=sent.end_char,
                    rule="speech:colon_name",
                )
            )
        return out

    def _cue_frame(self, tok: Token, cue: Cue, speaker: tuple[int, int] | None, content: tuple[int, int] | None,
                   rule: str) -> Frame:
        """A frame whose cue is the lexicon word ``tok``, in ``tok``'s sentence."""
        sent = self._sents.of(tok.i)
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

    def _raising_frame(self, doc: Doc, tok: Token, cue: Cue) -> Frame | None:
        """ "Trump seems to have a different set of rules": an appearance with no one holding it; the subject and
        its complement are the content and there is no source."""
        subj = [c for c in tok.children if c.dep_ in SUBJECT_DEPS and c.i < tok.i]
        comp = [c for c in tok.children if c.dep_ in RAISING_COMP_DEPS and c.i > tok.i]
        if not subj or not comp:
            return None
        if subj[0].lower_ == "it":
            # "it appears that the game wasn’t boring": the clause alone
            if comp[0].dep_ != "ccomp":
                return None
            content = _span_chars(doc, comp[0].left_edge.i, comp[0].right_edge.i + 1)
        else:
            # "Trump seems to enjoy it"
            content = _span_chars(doc, subj[0].left_edge.i, comp[0].right_edge.i + 1)
        return self._cue_frame(tok, cue, None, content, f"{cue.cls}:raising")

    def _noun_frame(self, doc: Doc, tok: Token, cue: Cue) -> Frame | None:
        """ "Trump’s claim that ...", "the campaign’s support for ...": the possessor holds the content."""
        content = None
        for c in tok.children:
            if (
                c.dep_ in ("acl", "ccomp")
                and c.i > tok.i
                and (cue.content != "object" or any(g.dep_ == "mark" for g in c.children))
            ):
                content = _span_chars(doc, c.left_edge.i, c.right_edge.i + 1)
                break
            if (
                c.dep_ == "prep"
                and c.i > tok.i
                and c.lower_ in ("for", "of", "against", "to", "on", "about")
                and cue.content != "clause"
                and any(g.dep_ in ("pobj", "pcomp") for g in c.children)
            ):
                content = _span_chars(doc, c.i + 1, c.right_edge.i + 1)
                break
        if content is None:
            return None
        speaker = None
        for c in tok.children:
            if c.dep_ == "poss":
                speaker = _np_range(c)
        rule = "poss"
        if speaker is None and tok.dep_ in ("dobj", "attr") and tok.head.pos_ in ("VERB", "AUX"):
            speaker, rule = _subject(tok.head)
        if (
            speaker is None
            and tok.dep_ == "pobj"
            and tok.head.head.pos_ in ("VERB", "AUX")
            and tok.head.lower_ in ("as", "with", "in", "of")
        ):
            # "emerged as an advocate for democracy", "in his criticism of ...": the verb's subject holds it
            speaker, rule = _subject(tok.head.head)
        if speaker is None:
            return None
        return self._cue_frame(tok, cue, speaker, content, f"{cue.cls}:noun:{rule}")

    def _phrase_frame(self, doc: Doc, span: Span) -> Frame | None:
        """ "according to X, ..." / "..., according to X.": X speaks, the rest of the clause is the content."""
        sent = self._sents.of(span.start)
        to = span[-1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        speaker = _np_range(objs[0]) if objs else None
        phrase_start = span.start
        phrase_end = max(span.end, speaker[1] if speaker else span.end)
        before = (sent.start, phrase_start)
        after = (phrase_end, sent.end)
        left = doc[before[0] : before[1]]
        right = doc[after[0] : after[1]]
        if len([t for t in right if not t.is_punct]) >= len([t for t in left if not t.is_punct]):
            content = (right.start_char, right.end_char) if len(right) else None
        else:
            content = (left.start_char, left.end_char) if len(left) else None
        return Frame(
            cue_start=span.start_char,
            cue_end=span.end_char,
            cue_lemma=span.text.lower(),
            cls="speech",
            speaker=speaker,
            content=content,
            sent_start=sent.start_char,
            sent_end=sent.end_char,
            rule="according_to",
        )

    def _verb_frame(self, doc: Doc, tok: Token, cue: Cue) -> Frame | None:
        sent = self._sents.of(tok.i)
        if cue.content == "raising":
            return self._raising_frame(doc, tok, cue)
        speaker, speaker_rule = _subject(tok)
        if speaker is None and cue.cls == "speech" and tok.i > 0 and doc[tok.i - 1].text in CLOSING_MARKS:
            # "“How big is that wall?” asked the boy": the speaker after the verb, parsed as its object
            objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubj") and c.i > tok.i]
            if objs:
                speaker, speaker_rule = _np_range(objs[0]), "inverted"
        if _bare_participle(tok):
            # "Asked whether he would ..., Trump said ...": the question's asker is not named
            speaker, speaker_rule = None, "asked"
        content, content_rule = _content(doc, tok, cue, self.cues)
        colon = _ends_with_colon(tok)
        if content is None and not colon:
            return None
        if speaker is None and cue.cls != "speech" and content_rule != "clause":
            return None
        cue_start, cue_end = _cue_extent(tok)
        return Frame(
            cue_start=cue_start,
            cue_end=cue_end,
            cue_lemma=cue.lemma,
            cls=cue.cls,
            speaker=speaker,
            content=content,
            sent_start=sent.start_char,
            sent_end=sent.end_char,
            rule=f"{cue.cls}:{content_rule or 'colon'}:{speaker_rule}",
            colon=colon,
            relative=tok.dep_ == "relcl"
            and speaker is not None
            and doc[speaker[0]].lower_ in PRONOUNS_RELATIVE,
            participle=tok.tag_ == "VBG" and tok.i > 0 and doc[tok.i - 1].text == ",",
        )

    # ------------------------------------------------------------------------------------------------------------
    # attribution of quote marks to frames

    def _attribute(
        self, doc: Doc, frames: list[Frame], marks: list[tuple[int, int]]
    ) -> list[tuple[int, int, str, Frame | None, str]]:
        text = self._text
        out: list[tuple[int, int, str, Frame | None, str]] = []
        last_direct: tuple[int, Frame] | None = None  # (end of the quote, its frame)
        for qs, qe in marks:
            sentence_like = self._sentence_like(doc, qs, qe)
            frame, how = self._frame_for_quote(doc, frames, qs, qe)
            if frame is not None and how != "content" and not sentence_like:
                frame = None  # a title or term next to a cue ("In an interview on “Face the Nation,” X said")
            if frame is None and sentence_like:
                frame = self._surface_frame(doc, qe, verbs=not _ends_sentence(text, qe))
                how = "surface"
                if frame is not None:
                    frames.append(frame)
            if frame is not None:
                if how == "content" and frame.content is not None and not _covers(qs, qe, frame.content):
                    # quoted words inside the frame's own content: partial or mixed, reported with the frame,
                    # unless a cue inside the content introduces them ("which the country calls “...”")
                    if not self._introduced_by_inner_cue(text, qs):
                        frame.quotes.append((qs, qe))
                    if sentence_like:
                        last_direct = (qe, frame)
                    continue
                frame.used = True
                frame.quotes.append((qs, qe))
                out.append((qs, qe, "direct", frame, f"direct:{how}:{frame.rule}"))
                last_direct = (qe, frame)
                continue
            if sentence_like and last_direct is not None:
                prev_end, prev_frame = last_direct
                gap = text[prev_end:qs]
                if gap.count("\n") <= self.continuation_paragraphs * 2 and not _has_frame_between(
                    frames, prev_end, qs, prev_frame
                ):
                    out.append((qs, qe, "direct", prev_frame, "direct:continuation"))
                    last_direct = (qe, prev_frame)
                    continue
            # a quoted clause inside a sentence with no cue and no continuation ("His assumption was that “...”")
            # is treated like a scare quote: nothing grounds it (dropping it raised PolNeAR precision)
            if sentence_like and _opens_sentence(text, qs):
                prev = self._preceding_speaker(frames, qs)
                if prev is not None:
                    # "Valastro praised Christie. “We need someone who ...”": a quote with no cue of its own
                    # goes to the speaker of the attribution just before it
                    out.append((qs, qe, "direct", prev, "direct:preceding"))
                    last_direct = (qe, prev)
                    continue
                # a full quoted sentence with no cue yet: a later quote's cue may claim it (below)
                out.append((qs, qe, "direct", None, "direct:no_cue"))
            # else: a scare quote, title or term ("the Ukrainian crisis"): not speech
        for frame in frames:
            if frame.used or frame.content is None:
                continue
            if frame.speaker is None and frame.rule.endswith(":none"):
                continue  # reported content with no one reporting it: a participle or infinitive, not a quote
            cs, ce = frame.content
            rule_extra = ""
            if (
                self.extend_paragraph
                and frame.cls == "speech"
                and ce <= frame.cue_start
                and frame.speaker is not None
            ):
                # "At least 155 ... battlefield. As of April, ... continues, said Zelenskyy.": an attribution
                # closing a paragraph covers the paragraph's earlier unattributed sentences
                para = text.rfind("\n", 0, cs) + 1
                if (
                    para < cs
                    and not any(para <= f.cue_start < cs for f in frames)
                    and not _MARKS.search(text, para, cs)
                    and doc[frame.speaker[0]].idx > frame.cue_start
                ):
                    cs, rule_extra = para, "+paragraph"
            kind = "indirect"
            if frame.quotes:
                quoted = sum(e - s for s, e in frame.quotes)
                has_clause = any(self._sentence_like(doc, s, e) for s, e in frame.quotes)
                kind = "mixed" if has_clause and quoted < 0.8 * (ce - cs) else "partial"
            out.append((cs, ce, kind, frame, f"{kind}:{frame.rule}{rule_extra}"))
        return out

    def _preceding_speaker(self, frames: list[Frame], qs: int) -> Frame | None:
        """The nearest speech frame with a speaker whose cue is before ``qs``, in this or the previous
        paragraph."""
        before = [f for f in frames if f.cue_end <= qs and f.speaker is not None and f.cls == "speech"]
        best = max(before, key=lambda f: f.cue_end, default=None)
        if best is None or self._text.count("\n", best.cue_end, qs) > self.continuation_paragraphs * 2:
            return None
        return best

    def _surface_frame(self, doc: Doc, qe: int, verbs: bool = True) -> Frame | None:
        """“...,” said Tim Hess, a developer. / “...,” Hess said.: the cue read off the words after the quote
        when the parse did not give the verb a frame."""
        span = doc.char_span(qe, min(len(self._text), qe + 1), alignment_mode="expand")
        if span is None:
            return None
        i = span.start
        n = len(doc)
        while (
            i < n
            and (doc[i].is_punct or doc[i].is_space)
            and doc[i].text not in (".", "!", "?", "―", "—", "–")
        ):
            i += 1
        if i >= n:
            return None
        verb_first = self._speech_verb(doc[i])
        if doc[i].text in ("―", "—", "–") and i + 1 < n:
            # "“Maybe, we can build a wall around Donald Trump.” ― Steve Quinlan": a dash credits the speaker
            lo = hi = i + 1
            while lo < n and doc[lo].is_space:
                lo += 1
            hi = lo
            while hi < n and hi - lo < 5 and doc[hi].pos_ in ("PROPN", "NOUN") and doc[hi].is_title:
                hi += 1
            if hi == lo:
                return None
            sent = self._sents.of(i)
            return Frame(
                cue_start=doc[i].idx,
                cue_end=doc[i].idx + 1,
                cue_lemma=doc[i].text,
                cls="speech",
                speaker=(lo, hi),
                content=None,
                sent_start=sent.start_char,
                sent_end=sent.end_char,
                rule="speech:dash",
            )
        if not verbs:
            return None
        if verb_first:
            cue_tok = doc[i]
            lo = hi = i + 1
            while (
                hi < n
                and hi - lo < 8
                and (
                    doc[hi].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PRON", "NUM")
                    or (doc[hi].text in (".", "-")
                    and doc[hi - 1].pos_ == "PROPN")
                )
            ):
                hi += 1
            if hi == lo:
                return None
        else:
            lo = i
            hi = i
            while hi < n and hi - lo < 8 and doc[hi].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PRON", "NUM"):
                hi += 1
            if hi == lo or hi >= n or not self._speech_verb(doc[hi]):
                return None
            cue_tok = doc[hi]
        cue = self.cues[_base_form(cue_tok.lemma_.lower(), self.cues)]
        return self._cue_frame(cue_tok, cue, (lo, hi), None, f"{cue.cls}:surface")

    def _speech_verb(self, tok: Token) -> bool:
        cue = self.cues.get(_base_form(tok.lemma_.lower(), self.cues)) or self.cues.get(
            _base_form(tok.lower_, self.cues)
        )
        return cue is not None and cue.cls == "speech" and tok.pos_ in ("VERB", "AUX", "NOUN", "PROPN")

    def _introduced_by_inner_cue(self, text: str, qs: int) -> bool:
        import bisect

        i = bisect.bisect_right(self._inner_cues, qs) - 1
        return (
            i >= 0
            and qs - self._inner_cues[i] <= 25
            and not any(c in text[self._inner_cues[i] : qs] for c in ".;\n")
        )

    def _frame_for_quote(self, doc: Doc, frames: list[Frame], qs: int, qe: int) -> tuple[Frame | None, str]:
        text = self._text
        best: tuple[int, Frame, str] | None = None
        for f in frames:
            if f.used:
                continue
            if f.rule == "speech:colon_name" and qs <= f.cue_start < qe:
                if f.cue_start - qs < 40 and f.speaker is not None and doc[f.speaker[0]].idx - qs <= 2:
                    return f, "colon_name"  # "“PENCE: Well, look, ...": a transcript turn in quote marks
                continue
            if qs <= f.cue_start < qe:
                continue  # the cue is inside the quote: speech within speech
            # 1. the frame's content holds (or is held by) the quote
            if f.content is not None and f.content[0] < qe and qs < f.content[1]:
                if f.cue_start >= qe:
                    dist = f.cue_start - qe
                elif f.cue_end <= qs:
                    dist = qs - f.cue_end
                else:
                    dist = 0
                if best is None or dist < best[0]:
                    best = (dist, f, "content")
                continue
            # 2. the cue right after the quote, in the same paragraph: "“...,” Lin Jian said."
            if (
                qe <= f.cue_start
                and not _ends_sentence(text, qe)
                and not _SENTENCE_END.search(text, qe + 1, f.cue_start)
            ):
                dist = f.cue_start - qe
                if dist < 120 and (best is None or dist < best[0]):
                    best = (dist, f, "after")
                continue
            # 3. a cue before the quote that introduces it: "He said: “...”" (also across a paragraph break)
            if f.cue_end <= qs:
                between = text[f.cue_end : qs]
                if f.colon and len(between) < 200 and between.count("\n") <= 2:
                    dist = qs - f.cue_end
                    if best is None or dist < best[0]:
                        best = (dist, f, "colon")
                elif f.sent_end >= qs - 1 and "\n" not in between and len(between) < 80:
                    dist = qs - f.cue_end
                    if best is None or dist < best[0]:
                        best = (dist, f, "before")
        if best is None:
            return None, ""
        return best[1], best[2]

    def _sentence_like(self, doc: Doc, qs: int, qe: int) -> bool:
        """Does the quoted stretch read as a sentence (enough words, a verb) rather than a term or title?"""
        span = doc.char_span(qs, qe, alignment_mode="expand")
        if span is None:
            return False
        words = 0
        verb = False
        for t in span[:60]:
            if not t.is_punct and not t.is_space:
                words += 1
            if t.pos_ in ("VERB", "AUX"):
                verb = True
        return words >= self.min_direct_words and verb


# ----------------------------------------------------------------------------------------------------------------
# parse helpers


def _inflections(lemmas: list[str]) -> list[str]:
    out = set()
    for lemma in lemmas:
        out.update({lemma, lemma + "s", lemma + "ed", lemma + "d", lemma + "ing"})
        if lemma.endswith("e"):
            out.add(lemma[:-1] + "ing")
        if lemma.endswith("y"):
            out.update({lemma[:-1] + "ied", lemma[:-1] + "ies"})
    return sorted(out)


def _base_form(word: str, cues: dict[str, Cue]) -> str:
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


def _np_range(head: Token) -> tuple[int, int]:
    """Token range [start, end) of a noun phrase cut down to its mention: no relative clauses or prepositions."""
    lo = hi = head.i
    stack = [head]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in NP_DEPS and (c.dep_ != "punct" or lo < c.i < hi):
                lo = min(lo, c.left_edge.i if c.dep_ not in ("conj", "appos") else c.i)
                hi = max(hi, c.i)
                if c.dep_ in ("conj", "appos", "compound", "flat", "cc", "poss", "nmod"):
                    stack.append(c)
                else:
                    lo = min(lo, c.left_edge.i)
                    hi = max(hi, c.right_edge.i) if c.dep_ not in ("punct",) else hi
    doc = head.doc
    while hi > lo and (doc[hi].is_punct or doc[hi].dep_ == "cc"):
        hi -= 1
    while lo < hi and doc[lo].is_punct:
        lo += 1
    return lo, hi + 1


def _subject(tok: Token) -> tuple[tuple[int, int] | None, str]:
    """The speaker of a cue verb: its subject, a "by" agent, or the subject of the verb it hangs from."""
    cur = tok
    for depth in range(4):
        passive = False
        for c in cur.children:
            if c.dep_ in SUBJECT_DEPS:
                if c.is_punct:
                    continue
                if c.lower_ == "it" and _expletive(cur):
                    return None, "expletive"
                return _np_range(c), "subject" if depth == 0 else "inherited"
            if c.dep_ in PASSIVE_SUBJECT_DEPS:
                passive = True
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return _np_range(objs[0]), "agent"
        if passive:
            return None, "passive"
        if (
            cur.dep_ == "acl"
            and cur.head.i < cur.i
            and cur.head.pos_ in ("NOUN", "PROPN")
            and cur.i > 0
            and cur.doc[cur.i - 1].text == ","
        ):
            # "the EU’s chief diplomat, Kaja Kallas, called China ..." parsed as a noun with a reduced clause
            return _np_range(cur.head), "acl"
        if cur.dep_ == "xcomp" and cur.head is not cur:
            # object control: "forced Stumpf to admit ..." -> Stumpf admits
            objs = [c for c in cur.head.children if c.dep_ == "dobj" and c.i < cur.i and not c.is_punct]
            if objs:
                return _np_range(objs[0]), "controller"
        if cur.dep_ in INHERIT_DEPS and cur.head is not cur:
            cur = cur.head
            continue
        if cur.dep_ == "relcl":
            return None, "relative"
        break
    # "published the results by announcing ...", "criticizing ... in a statement": the nearest clause up the
    # tree that has a subject speaks
    cur = tok
    for _ in range(5):
        if cur.dep_ not in CLIMB_DEPS or cur.head is cur:
            break
        cur = cur.head
        for c in cur.children:
            if c.dep_ in SUBJECT_DEPS and not c.is_punct and c.lower_ != "it":
                return _np_range(c), "climbed"
    return None, "none"


def _bare_participle(tok: Token) -> bool:
    """ "Asked about ...", "When asked whether ...": a passive participle of "ask" with no subject or auxiliary."""
    return (
        tok.lemma_.lower() == "ask"
        and tok.tag_ == "VBN"
        and tok.dep_ in ("advcl", "ROOT", "conj")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "agent") for c in tok.children)
    )


def _expletive(verb: Token) -> bool:
    return any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in verb.children) and verb.lemma_ in (
        "seem",
        "appear",
        "be",
    )


def _ends_with_colon(tok: Token) -> bool:
    """The cue's clause ends with ":" ("Caddell continued:", "He said:")."""
    r = tok.i + 1
    doc = tok.doc
    limit = min(len(doc), tok.i + 12)
    while r < limit and doc[r].text != ":":
        if doc[r].text in ".!?\n" or (doc[r].is_space and "\n" in doc[r].text):
            return False
        if doc[r].text in ("“", '"', "«"):
            return False
        r += 1
    return r < limit and doc[r].text == ":"


def _cue_extent(tok: Token) -> tuple[int, int]:
    """The cue verb with its particle ("called for", "pointed out")."""
    start, end = tok.idx, tok.idx + len(tok.text)
    for c in tok.children:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            end = c.idx + len(c.text)
    return start, end


def _span_chars(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    """Char offsets of tokens [lo, hi) without edge punctuation; None if nothing is left."""
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space) and doc[lo].text not in ("“", '"', "‘", "«"):
        lo += 1
    while (
        hi > lo
        and (doc[hi - 1].is_punct or doc[hi - 1].is_space)
        and doc[hi - 1].text not in ("”", '"', "’", "»")
    ):
        hi -= 1
    if hi <= lo:
        return None
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)


def _content(doc: Doc, tok: Token, cue: Cue, cues: dict[str, Cue]) -> tuple[tuple[int, int] | None, str]:
    """The content of a cue verb: its clause, its object, or the clause it comments on ("..., he said.")."""
    children = list(tok.children)
    if cue.content in ("clause", "any"):
        # a clause after the cue first: one before it is often a misparse of the previous sentence's words
        # ("Canova has ripped ...: He said he’s raised ..." hangs "ripped" under "said")
        clauses = [c for c in children if c.dep_ in CLAUSE_DEPS]
        if clauses:
            c = next((c for c in clauses if c.i > tok.i), clauses[0])
            return _span_chars(doc, c.left_edge.i, c.right_edge.i + 1), "clause"
    if cue.content in ("object", "any") and any(c.dep_ == "agent" for c in children):
        # "Trump is supported by far fewer publications": the passive subject is the content
        subj = [c for c in children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        if subj:
            return _span_chars(doc, subj[0].left_edge.i, subj[0].right_edge.i + 1), "passive_subject"
    if cue.content in ("object", "any"):
        objs = [c for c in children if c.dep_ in OBJECT_DEPS or c.dep_ == "dative"]
        if objs:
            lo = min(c.left_edge.i for c in objs)
            hi = max(c.right_edge.i for c in objs) + 1
            for c in children:
                if c.dep_ in ("xcomp", "ccomp", "oprd") and c.i > tok.i:
                    hi = max(hi, c.right_edge.i + 1)
            return _span_chars(doc, lo, hi), "object"
        for c in children:
            if c.dep_ == "xcomp" and c.i > tok.i:
                return _span_chars(doc, c.left_edge.i, c.right_edge.i + 1), "xcomp"
    # "is calling for the United States to step up ...": a for-to clause, parsed as an adverbial with "for"
    # "asked if he was ready", "wondered whether ...": an indirect question parsed as an adverbial
    marks = {"for", "whether", "if"} if cue.lemma in QUESTION_CUES else {"for", "whether"}
    for c in children:
        if c.dep_ == "advcl" and c.i > tok.i and any(g.dep_ == "mark" and g.lower_ in marks for g in c.children):
            return _span_chars(doc, c.left_edge.i, c.right_edge.i + 1), "marked_clause"
    # "called for reform", "spoke about the plan", "warned of ..."
    for c in children:
        if (
            c.dep_ == "prep"
            and c.i > tok.i
            and (
                c.lower_ in CONTENT_PREPS
                if cue.content != "clause"
                else c.lower_ in ("about", "of", "against")
            )
        ):
            pobj = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if pobj:
                return _span_chars(doc, c.i, c.right_edge.i + 1), "prep"
    # "But to prevent problems, he said, local officials should be vigilant": the cue interposed in its content
    if tok.dep_ == "parataxis" and tok.head.i > tok.i and cue.cls == "speech":
        head = tok.head
        return _span_chars(doc, head.left_edge.i, head.right_edge.i + 1), "interposed"
    # "Trump said after the convention he would not accept ...": the clause parsed as an unmarked adverbial
    if cue.cls == "speech" and cue.content != "object":
        for c in children:
            if c.dep_ == "advcl" and c.i > tok.i and not any(g.dep_ == "mark" for g in c.children):
                return _span_chars(doc, c.left_edge.i, c.right_edge.i + 1), "advcl"
    # "..., he said." where the parser hung the cue under the reported clause
    if (
        tok.dep_ in ("parataxis", "ccomp")
        and tok.head.i < tok.i
        and cue.cls == "speech"
        and tok.head.lemma_.lower()
        not in cues  # "X said the recruitment continues": not "continues"' content
    ):
        head = tok.head
        lo = head.left_edge.i
        hi = tok.left_edge.i
        return _span_chars(doc, lo, hi), "parataxis"
    return None, ""


def _covers(qs: int, qe: int, content: tuple[int, int]) -> bool:
    """The quote is (nearly) the whole content: a direct quote rather than quoted words inside reported speech."""
    cs, ce = content
    inter = max(0, min(qe, ce) - max(qs, cs))
    return inter >= 0.6 * (ce - cs) or (qs <= cs + 3 and qe >= ce - 3)


_SENTENCE_END = re.compile(r"[.!?]\s|\n")


def _opens_sentence(text: str, qs: int) -> bool:
    """The quote starts a sentence or paragraph (“... .” standing alone), not words inside a sentence."""
    i = qs - 1
    while i >= 0 and text[i] in " \t“\"'‘«":
        i -= 1
    return i < 0 or text[i] in ".!?\n”:"


def _ends_sentence(text: str, qe: int) -> bool:
    """The quote closes its own sentence (“... .” Then a new sentence), so the words after it are not its cue."""
    return qe > 0 and text[qe - 1] == "." and text[qe - 3 : qe] != "..."


def _outside(frames: list[Frame], marks: list[tuple[int, int]]) -> list[Frame]:
    """Frames whose cue is not inside quoted text ("“I think ...”" is the quote, not a new attribution)."""
    if not marks:
        return frames
    import bisect

    starts = [s for s, _ in marks]
    out = []
    for f in frames:
        i = bisect.bisect_right(starts, f.cue_start) - 1
        if i >= 0 and marks[i][0] <= f.cue_start < marks[i][1] and f.rule != "speech:colon_name":
            continue
        out.append(f)
    return out


_RANK = {"speech": 0, "position": 1, "thought": 2, "evidence": 2}


def _outermost(frames: list[Frame]) -> list[Frame]:
    """Drop a frame whose cue lies in another frame's content: attributions do not nest (as in PolNeAR).

    A speech cue outranks a thought or evidence cue around it ("X would see ..., according to Y").
    """
    drop: set[int] = set()
    for i, a in enumerate(frames):
        if a.content is None:
            continue
        cs, ce = a.content
        for j, b in enumerate(frames):
            if i == j or not (cs <= b.cue_start < ce) or b.relative:
                continue
            if b.participle and b.cue_start > a.cue_end and b.cue_start > cs:
                # "said he didn’t believe ..., arguing that ...": two attributions, the first ends at the comma
                a.content = (cs, b.cue_start)
                ce = b.cue_start
                continue
            if b.content is not None and b.content[0] <= a.cue_start < b.content[1]:
                # each holds the other's cue (a misparse): keep the one with the larger content
                drop.add(i if (ce - cs) < (b.content[1] - b.content[0]) else j)
            elif _RANK[b.cls] < _RANK[a.cls]:
                drop.add(i)
            else:
                drop.add(j)
    return [f for k, f in enumerate(frames) if k not in drop]


def _has_frame_between(frames: list[Frame], start: int, end: int, own: Frame) -> bool:
    """Another speaker's cue between two quotes (a cue of the same speaker, "..., referring to ...", is not)."""
    return any(
        start <= f.cue_start < end and f.speaker is not None and f is not own and f.speaker != own.speaker
        for f in frames
    )


_EDGE = " \t\n,;:.-–—"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


class _Sents:
    """Sentence lookups computed once per doc (``Token.sent`` rescans the whole doc on every call)."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.doc = doc
        self.text = text
        self.spans = list(doc.sents)
        self.token_sent = numpy.zeros(len(doc), dtype=numpy.int32)
        self.start_chars = [s.start_char for s in self.spans]
        for n, sent in enumerate(self.spans):
            self.token_sent[sent.start : sent.end] = n

    def of(self, i: int) -> Span:
        return self.spans[int(self.token_sent[i])]

    def start_char_before(self, char: int, window: int) -> int:
        """Start of the sentence ``window`` sentences before the one holding ``char``."""
        import bisect

        n = bisect.bisect_right(self.start_chars, char) - 1
        return self.start_chars[max(0, n - window)] if self.start_chars else 0


# ----------------------------------------------------------------------------------------------------------------
# speaker resolution


class _Resolver:
    """Speaker mention -> entity: names by overlap, pronouns and role nouns by agreement and recency."""

    def __init__(
        self, doc: Doc, entities: list[EntityAnn], first_names: dict[str, str], window: int, sents: _Sents
    ) -> None:
        self.doc = doc
        self.text = sents.text
        self.sents = sents
        self.entities = entities
        self.first_names = first_names
        self.window = window
        # (start, end, entity) for every mention, in text order
        self.mentions = sorted((s, e, ann) for ann in entities for s, e in ann.mentions)
        self.recent_speakers: list[tuple[int, EntityAnn]] = []  # (char offset, entity) of resolved speakers
        self.last_rule = ""  # how the last speaker was resolved: name, pronoun, role, relative, unresolved
        self._gender: dict[str, str | None] = {}

    def speaker(self, rng: tuple[int, int], frame: Frame) -> Speaker | None:
        doc = self.doc
        lo, hi = rng
        if hi <= lo:
            return None
        span = doc[lo:hi]
        start, end = span.start_char, span.end_char
        found = self._named(start, end)
        rule = "name"
        if not found:
            head = span.root
            word = head.lower_
            if word in PRONOUNS_RELATIVE and head.head.dep_ == "relcl":
                antecedent = head.head.head
                ant_lo, ant_hi = _np_range(antecedent)
                found = self._named(doc[ant_lo].idx, doc[ant_hi - 1].idx + len(doc[ant_hi - 1].text))
                rule = "relative"
            elif word in PRONOUNS_MALE | PRONOUNS_FEMALE:
                found = self._pronoun(start, "m" if word in PRONOUNS_MALE else "f")
                rule = "pronoun"
            elif word in PRONOUNS_PLURAL:
                found = self._plural(start)
                rule = "pronoun"
            elif word in PRONOUNS_THING:
                found = self._thing(start)
                rule = "pronoun"
            elif (
                word in ROLE_NOUNS
                and head.tag_ in ("NN", "NNS")
                and any(t.lower_ in ("the", "this", "that") for t in span)
            ):
                found = self._role(start, word)
                rule = "role"
            if found:
                for ann in found:
                    ann.add_mention(start, end)
        for ann in found[:1]:
            self.recent_speakers.append((start, ann))
        self.last_rule = rule if found else "unresolved"
        text = self.text[start:end]
        if not found:
            return Speaker(start=start, end=end, text=text, entity=None, entities=[])
        ids = [a.id for a in found]
        return Speaker(start=start, end=end, text=text, entity=ids[0], entities=ids)

    def _named(self, start: int, end: int) -> list[EntityAnn]:
        out: list[EntityAnn] = []
        for s, e, ann in self.mentions:
            if s >= end:
                break
            if e > start and ann not in out and ann.label in ("PERSON", "ORG", "NORP", "GPE"):
                out.append(ann)
        people = [a for a in out if a.label == "PERSON"]
        if people:
            return people
        return out[:1]

    def _candidates(self, before: int) -> list[tuple[int, EntityAnn]]:
        """Entity mentions before ``before`` in the last few sentences, most recent first."""
        limit = self.sents.start_char_before(before, self.window)
        out = [(s, ann) for s, _e, ann in self.mentions if limit <= s < before]
        out.sort(key=lambda x: -x[0])
        return out

    def gender(self, ann: EntityAnn) -> str | None:
        if ann.id in self._gender:
            return self._gender[ann.id]
        g: str | None = None
        text = self.text
        for s, _e in ann.mentions:
            prev = text[max(0, s - 6) : s].strip().split()
            if prev and prev[-1].lower() in HONORIFICS:
                g = HONORIFICS[prev[-1].lower()]
                break
        if g is None:
            for r in ann.roles:
                if ROLE_NOUNS.get(r):
                    g = ROLE_NOUNS[r]
        if g is None:
            first = ann.name.split()[0].lower() if ann.name.split() else ""
            g = self.first_names.get(first)
        self._gender[ann.id] = g
        return g

    def _pronoun(self, start: int, gender: str) -> list[EntityAnn]:
        # a recent speaker of the right gender first (the subject of reported speech stays the topic)
        for pos, ann in reversed(self.recent_speakers[-3:]):
            if (
                self.person(ann)
                and self.gender(ann) in (None, gender)
                and start - pos < 1500
                and self._no_closer_rival(ann, pos, start, gender)
            ):
                return [ann]
        for _s, ann in self._candidates(start):
            if self.person(ann) and self.gender(ann) in (None, gender):
                return [ann]
        return []

    def person(self, ann: EntityAnn) -> bool:
        """A PERSON, or a name the small model mislabelled whose first word is a known first name."""
        if ann.label == "PERSON":
            return True
        words = ann.name.split()
        return ann.label in ("ORG", "GPE", "NORP") and len(words) > 1 and words[0].lower() in self.first_names

    def _no_closer_rival(self, ann: EntityAnn, pos: int, start: int, gender: str) -> bool:
        """No other person of the same gender mentioned between the speaker and the pronoun."""
        for s, _e, other in self.mentions:
            if pos < s < start and other is not ann and self.person(other) and self.gender(other) == gender:
                return False
        return True

    def _plural(self, start: int) -> list[EntityAnn]:
        for _s, ann in self._candidates(start):
            if ann.label in ("ORG", "NORP"):
                return [ann]
        return []

    def _thing(self, start: int) -> list[EntityAnn]:
        for _s, ann in self._candidates(start):
            if ann.label in ("ORG", "GPE"):
                return [ann]
        return []

    def _role(self, start: int, word: str) -> list[EntityAnn]:
        from newsgraph.nlp.entities import ROLE_ALIASES

        role = ROLE_ALIASES.get(word, word)
        before = [(s, ann) for s, _e, ann in self.mentions if s < start and ann.label == "PERSON"]
        for _s, ann in sorted(before, key=lambda x: -x[0]):
            if role in ann.roles:
                return [ann]
        gender = ROLE_NOUNS.get(word)
        for _pos, ann in reversed(self.recent_speakers[-3:]):
            if ann.label == "PERSON" and (gender is None or self.gender(ann) in (None, gender)):
                return [ann]
        for _s, ann in self._candidates(start):
            if ann.label == "PERSON" and (gender is None or self.gender(ann) in (None, gender)):
                return [ann]
        return []
