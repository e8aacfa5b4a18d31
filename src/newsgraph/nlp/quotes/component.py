"""The spaCy component ``newsgraph_quotes_v1``: quote marks, frames and attribution put together per document."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.nlp.annotations import get_list, register_extensions
from newsgraph.nlp.quotes.attribution import Attributor, Item
from newsgraph.nlp.quotes.confidence import score_quote
from newsgraph.nlp.quotes.frames import FrameFinder
from newsgraph.nlp.quotes.learned import load_cue_model
from newsgraph.nlp.quotes.lexicon import (
    CLASSES,
    DocContext,
    Frame,
    capital_metonyms,
    load_cues,
    load_first_names,
    load_quote_words,
    outermost,
    outside,
    within_line,
)
from newsgraph.nlp.quotes.marks import find_quote_spans, trim
from newsgraph.nlp.quotes.parse import in_discourse_phrase
from newsgraph.nlp.quotes.unsourced import poll_shares
from newsgraph.nlp.sentences import SentenceIndex
from newsgraph.nlp.speakers import SpeakerResolver, vocabulary
from newsgraph.records import Addressee, Quote, Speaker, TextSpan

LOGGER = logging.getLogger(__name__)



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
        "bare_object_words": 4,
        "learned_cues": False,
    },
    assigns=["doc._.ng_quotes", "doc._.ng_entities"],
    requires=["doc._.ng_entities", "token.dep", "token.lemma", "token.pos", "token.tag", "doc.sents"],
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
    bare_object_words: int,
    learned_cues: bool,
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
        bare_object_words=bare_object_words,
        learned_cues=learned_cues,
    )


class QuotesComponent:
    """Built once per pipeline (lexicon, matchers, settings); each call works on a fresh DocContext."""

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
        bare_object_words: int = 4,
        learned_cues: bool = False,
    ) -> None:
        allowed = set(classes)
        self.cues = {k: v for k, v in load_cues(knowledge_dir).items() if v.cls in allowed}
        self.first_names = load_first_names(knowledge_dir)
        words = load_quote_words(knowledge_dir)
        self.documents = words["document_noun"]
        self.capitals = capital_metonyms(words["capital_metonym"])
        self.discourse_phrases = words["discourse_phrase"]
        # pronouns.tsv and roles.tsv: the bundled ones, extended by knowledge_dir's
        self.vocab = vocabulary(knowledge_dir)
        self.max_quote_chars = max_quote_chars
        self.min_direct_words = min_direct_words
        self.continuation_paragraphs = continuation_paragraphs
        self.pronoun_window = pronoun_window
        self.generic_clause = generic_clause
        self.extend_paragraph = extend_paragraph
        # bare_object_words > 0: "criticized China" (a speech cue whose object is a noun phrase of at most that
        # many words, no verb) is kept with cue_class "act", not "speech": an act reported, not a statement
        # (speakers-voa's definition; PolNeAR counts it as an attribution); 0 keeps them "speech"
        # learned_cues: verbs outside the lexicon that the cue detector (knowledge/models/cue_detector.json) takes
        # for attribution cues are cues too (class "other"; nlp/quotes/learned.py)
        self.finder = FrameFinder(nlp, self.cues, generic_clause, words, bare_object_words,
                                  self.vocab, load_cue_model() if learned_cues else None)
        self.attributor = Attributor(
            self.cues,
            min_direct_words=min_direct_words,
            continuation_paragraphs=continuation_paragraphs,
            extend_paragraph=extend_paragraph,
            not_cues=words["not_cue"],
        )

    @staticmethod
    def _quoting_frames(doc: Doc, items: list[Item], first: frozenset[str] | None = None) -> dict[int, tuple[int, int]]:
        """Frames (by id) whose speaker is "we"/"I" (``first``: the first-person pronouns) inside a direct quote
        of another speaker -> that speaker."""
        if first is None:
            first = vocabulary().pronouns["first"]
        direct = [(qs, qe, f) for qs, qe, kind, f, _ in items if kind == "direct" and f is not None and f.speaker]
        out: dict[int, tuple[int, int]] = {}
        for _s, _e, _kind, frame, _rule in items:
            if frame is None or frame.speaker is None or id(frame) in out:
                continue
            root = doc[frame.speaker[0] : frame.speaker[1]].root
            if root.lower_ not in first:
                continue
            for qs, qe, f in direct:
                if qs <= root.idx < qe and f is not frame and f.speaker is not None:
                    if doc[f.speaker[0] : f.speaker[1]].root.lower_ not in first:
                        out[id(frame)] = f.speaker
                    break
        return out

    def cue_tokens(self, doc: Doc) -> tuple[list[int], list[int]]:
        """Positions of one-token cues, in order: (verbs and adjectives, nouns); see FrameFinder.cue_tokens."""
        return self.finder.cue_tokens(doc)

    def _discourse(self, ctx: DocContext, frame: Frame) -> bool:
        """The frame's cue is a word of a discourse phrase ("That said, ...": ``parse.in_discourse_phrase``)."""
        if not self.discourse_phrases:
            return False
        cue = ctx.doc.char_span(frame.cue_start, frame.cue_end, alignment_mode="expand")
        return cue is not None and in_discourse_phrase(cue[0], ctx.sents.of(cue[0].i), self.discourse_phrases)

    def __call__(self, doc: Doc) -> Doc:
        quotes = get_list(doc, "ng_quotes")
        quotes.clear()
        if not doc.has_annotation("DEP"):
            LOGGER.debug("quotes: the doc has no dependency parse; nothing done")
            return doc
        text = doc.text  # Doc.text joins every token on each access: read it once
        ctx = DocContext(doc, text, SentenceIndex(doc, text), find_quote_spans(text, self.max_quote_chars))
        found = within_line(ctx, outside(self.finder.find(ctx) + self.finder.colon_frames(ctx), ctx.marks))
        found = [f for f in found if self.finder.headline_statement_ok(ctx, f) and not self._discourse(ctx, f)]
        self.finder.ancestor_subjects(ctx, found)
        poll_shares(ctx, found, self.finder.poll_shares, self.finder.poll_nouns)
        frames = outermost(found)
        ctx.inner_cues = sorted(f.cue_end for f in found if f not in frames)
        resolver = SpeakerResolver(
            doc, get_list(doc, "ng_entities"), self.first_names, self.pronoun_window, ctx.sents, self.vocab,
            self.documents, self.capitals, ctx.marks,
        )
        items = self.attributor.attribute(ctx, frames)
        quoting = self._quoting_frames(doc, items, self.vocab.pronouns["first"])
        # speakers resolve in reading order (where each speaker is mentioned): recent speakers steer pronouns;
        # "we"/"I" inside a direct quote last, as its quote's speaker
        items.sort(key=lambda it: (id(it[3]) in quoting, doc[it[3].speaker[0]].idx if it[3] is not None and it[3].speaker
                                   else it[0]))
        for content_s, content_e, kind, frame, rule in items:
            content_s, content_e = trim(text, content_s, content_e)
            if content_e <= content_s:
                continue
            speaker = None
            cue = None
            lemma = None
            cls = "speech"  # a quote with no cue ("NAME: ...", a continuation) is a statement
            addressee = None
            if frame is not None and frame.addressee is not None:
                aimed = resolver.resolve(*frame.addressee, speaker=False)
                if aimed is not None:
                    ids = aimed.ids
                    addressee = Addressee(aimed.start, aimed.end, text[aimed.start : aimed.end], ids[0] if ids else None)
            if frame is not None:
                cue = TextSpan(frame.cue_start, frame.cue_end, text[frame.cue_start : frame.cue_end])
                lemma = frame.cue_lemma
                cls = frame.cls
                if id(frame) in quoting:
                    # "“We're not going to ...,” Rubio said, adding that ...": the parse gave the cue the quote's
                    # "We"; it stands for the quote's speaker
                    resolved = resolver.speaker(quoting[id(frame)])
                    own = doc[frame.speaker[0] : frame.speaker[1]]  # type: ignore[index]
                    if resolved is not None:
                        ids = resolved[0].entities
                        speaker = Speaker(own.start_char, own.end_char, own.text, ids[0] if ids else None, ids)
                        rule = f"{rule}|speaker:first_person" if ids else f"{rule}|speaker:unresolved"
                elif frame.speaker is not None:
                    resolved = resolver.speaker(frame.speaker)
                    if resolved is not None:
                        speaker, how = resolved
                        rule = f"{rule}|speaker:{how}"
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
                    addressee=addressee,
                    cue_class=cls,
                )
            )
        # every quote is kept with the confidence model's score (knowledge/models/quote_confidence.json; None
        # without it): readers choose what to show (setting min_quote_confidence, nlp/quotes/confidence.py)
        labels = {e.id: e.label for e in get_list(doc, "ng_entities")}
        quotes[:] = [replace(q, confidence=score_quote(q, labels)) for q in quotes]
        quotes.sort(key=lambda q: (q.start, q.end))
        return doc
