"""Frames: each cue found in a document (verb, copular adjective, noun, "according to", "NAME:") with its speaker
and content, before quote marks are attached."""

from __future__ import annotations

import re

import numpy
from spacy.attrs import DEP, LEMMA, LOWER, POS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.symbols import ADJ, AUX, NOUN, VERB
from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.idsets import id_set, member
from newsgraph.nlp.quotes.learned import LEARNED_CLASS, CueJudge, cue_features, is_candidate, learned_cue
from newsgraph.nlp.quotes.lexicon import (
    COLON_SPEAKER,
    Cue,
    DocContext,
    Frame,
    base_form,
    cue_frame,
    inflections,
    line_of,
    load_quote_words,
)
from newsgraph.nlp.quotes.marks import CLOSING_MARKS, quoted_apart
from newsgraph.nlp.quotes.parse import (
    ancestor_subject,
    bare_participle,
    cue_addressee,
    cue_content,
    cue_extent,
    cue_subject,
    described_after_quote,
    ends_with_colon,
    span_chars,
)
from newsgraph.nlp.quotes.unsourced import hearsay_frame, passive_view_frame, poll_frame, raising_frame
from newsgraph.nlp.speakers import Vocabulary, headline_case, mention_range, vocabulary

#: content rules of an act cue that report an act, not a statement (see quote_words.tsv, act_cue)
ACT_CONTENT = frozenset({"object", "prep", "xcomp", "passive_subject"})
#: the content of a request for anonymity ("asked not to be named"), which reports no statement
ANONYMITY = re.compile(r"(?i)(?:not )?to be (?:named|identified|quoted)")

#: entity labels of someone who can make a statement
PERSONLIKE = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def inverted_speaker(tok: Token) -> tuple[tuple[int, int] | None, str]:
    """The speaker after a cue verb that follows a closing quote mark, where the parse gave the verb no subject;
    (None, "") when there is none."""
    doc = tok.doc
    speaker: tuple[int, int] | None = None
    speaker_rule = ""
    # "“How big is that wall?” asked the boy": the speaker after the verb, parsed as its object
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubj", "attr") and c.i > tok.i]
    if objs:
        speaker, speaker_rule = mention_range(objs[0]), "inverted"
    elif tok.i + 1 < len(doc) and doc[tok.i + 1].is_sent_start:
        # "“...,” said | international relations expert Soli Ozel of ...": the parser ended the sentence
        # at the verb; the noun phrase opening the next one speaks
        head = doc[tok.i + 1]
        while head.head is not head and head.head.pos_ in ("NOUN", "PROPN") and head.dep_ in (
                "compound", "amod", "det", "flat", "nmod"):
            head = head.head
        if head.pos_ in ("NOUN", "PROPN") and head.i - tok.i <= 8:
            speaker, speaker_rule = mention_range(head), "inverted"
    if speaker is None:
        # "''...,'' said Richard L. Trumka, president of ...\n\nThe potential ...": the parse ran the
        # paragraph on and made the name the subject of a later verb; the name right after the cue speaks
        hi = tok.i + 1
        while hi < len(doc) and hi - tok.i <= 6 and doc[hi].pos_ == "PROPN" and "\n" not in doc[hi].text:
            hi += 1
        if hi - tok.i >= 2:
            speaker, speaker_rule = (tok.i + 1, hi), "inverted"
    return speaker, speaker_rule


class FrameFinder:
    """Finds the frames of a document: built once per pipeline from the cue lexicon, holds no document state."""

    def __init__(
        self,
        nlp: Language,
        cues: dict[str, Cue],
        generic_clause: bool = False,
        words: dict[str, frozenset[str]] | None = None,
        bare_object_words: int = 0,
        vocab: Vocabulary | None = None,
        cue_judge: CueJudge | None = None,
    ) -> None:
        self.cues = cues
        # verbs outside the lexicon the learned cue detector takes for cues (None: none; nlp/quotes/learned.py)
        self.cue_judge = cue_judge
        self.vocab = vocab = vocab if vocab is not None else vocabulary()
        self.bare_object_words = bare_object_words
        words = words if words is not None else load_quote_words()
        self.addressee_cues = words["addressee_cue"]
        self.not_cues = words["not_cue"]
        self.not_colon_speakers = words["not_colon_speaker"]
        self.evidence_cues = words["evidence_cue"]
        self.act_cues = words["act_cue"]
        self.object_act_cues = words["object_act_cue"]
        self.poll_nouns = words["poll_noun"]
        self.poll_shares = words["poll_share"]
        self.hearsay = words["hearsay_adverb"]
        self.aspect_cues = words["aspect_cue"]
        self.passive_views = words["passive_view_cue"]
        self._relative = vocab.pronouns["relative"]
        pron = vocab.pronouns
        self._speaker_roles = vocab.uses["speaker"] | vocab.uses["org"]
        self._people_pronouns = frozenset().union(*(pron[c] for c in ("male", "female", "plural", "first", "second",
                                                                         "relative")))
        single = sorted(k for k in self.cues if " " not in k and not k.startswith("noun:"))
        phrases = sorted(k for k in self.cues if " " in k and not k.startswith("noun:"))
        nouns = sorted(k[5:] for k in self.cues if k.startswith("noun:"))
        # one-token cues are found with whole-document masks over the token attributes (spaCy's Matcher did the
        # same with per-token predicates at two thirds of this component's time); see cue_tokens()
        strings = nlp.vocab.strings
        self._cue_lemmas = id_set(strings, single)
        # the lemmatizer sometimes leaves the inflected form ("tweeted"); catch the lower-case form as well
        self._cue_lowers = id_set(strings, inflections(single))
        self._known = set(inflections(single))
        # "Trump’s claim that ...", "her support for ...": nouns of speech and stance
        self._noun_lemmas = id_set(strings, nouns)
        self._acomp = strings.add("acomp")
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        if phrases:
            self.phrases.add("CUE_PHRASE", [nlp.make_doc(p) for p in phrases])
        self.generic_clause = generic_clause
        self._ccomp = nlp.vocab.strings.add("ccomp")

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

    def find(self, ctx: DocContext) -> list[Frame]:
        """Every frame of the document, in cue order (nested ones included; see ``outermost``)."""
        doc = ctx.doc
        frames: list[Frame] = []
        seen: set[int] = set()
        for _, start, end in self.phrases(doc):
            span = doc[start:end]
            frame = self._phrase_frame(ctx, span)
            if frame is not None:
                frames.append(frame)
                seen.update(range(start, end))
        if self.poll_nouns or self.hearsay:
            for tok in doc:
                frame = None
                if tok.lower_ == "in" and tok.dep_ == "prep" and self.poll_nouns:
                    frame = poll_frame(ctx, tok, self.poll_nouns)
                elif tok.lower_ in self.hearsay and tok.dep_ == "advmod":
                    frame = hearsay_frame(ctx, tok)
                if frame is not None:
                    frames.append(frame)
                    seen.add(tok.i)
        verbs, nouns = self.cue_tokens(doc)
        for start in verbs:
            if start in seen:
                continue
            seen.add(start)
            tok = doc[start]
            cue = self.cues.get(tok.lemma_.lower()) or self.cues.get(base_form(tok.lower_, self.cues))
            if cue is None:
                continue
            frame = self._verb_frame(ctx, tok, cue)
            if frame is not None:
                frames.append(frame)
        for start in nouns:
            if start in seen:
                continue
            tok = doc[start]
            cue = self.cues.get("noun:" + tok.lemma_.lower())
            if cue is None:
                continue
            frame = self._noun_frame(ctx, tok, cue)
            if frame is not None:
                seen.add(start)
                frames.append(frame)
        if self.cue_judge is not None:
            frames.extend(self._learned_frames(ctx, seen))
        if self.generic_clause:
            deps = doc.to_array("DEP")
            for i in numpy.nonzero(deps == self._ccomp)[0]:
                head = doc[int(i)].head
                if head.i in seen or head.pos_ != "VERB" or head.lemma_.lower() in self.not_cues:
                    continue
                seen.add(head.i)
                frame = self._verb_frame(ctx, head, Cue(head.lemma_.lower(), "speech", "clause"))
                if frame is not None and frame.speaker is not None:
                    frame.rule = "generic:" + frame.rule
                    frames.append(frame)
        frames.extend(self._colon_clause_frames(ctx, frames))
        frames.sort(key=lambda f: f.cue_start)
        self._coordinated_speakers(ctx, frames)
        return frames

    def ancestor_subjects(self, ctx: DocContext, frames: list[Frame]) -> None:
        """A verb cue still left with no one (rule ``...:none``) after the line rules: "Clinton's campaign took the
        unusual step of criticizing ...", "Forbes shot back in an article stating that ...", "Police receive 911
        calls saying ...". The noun an "-ing" participle right after it describes speaks when it is someone; else
        the subject before the cue of the nearest verb up the tree (``parse.ancestor_subject``; rule
        ``ancestor``). PolNeAR train: 512 such frames had been dropped, 360 of them right on content; with this
        speaker 124 are right on content and source (48 would be with no speaker)."""
        doc = ctx.doc
        for f in frames:
            if f.speaker is not None or not f.rule.endswith(":none") or ":noun:" in f.rule:
                continue
            cue = doc.char_span(f.cue_start, f.cue_end, alignment_mode="expand")
            if cue is None:
                continue
            tok, found = cue[0], None
            if tok.dep_ == "acl" and tok.tag_ == "VBN":
                continue  # "a company called Harmony", "a statement emailed to VOA": the participle describes a noun
            head = tok.head
            if tok.dep_ == "acl" and tok.tag_ == "VBG" and head.i < tok.i and head.pos_ in ("NOUN", "PROPN", "PRON"):
                held = mention_range(head)
                if not self._thing(doc[held[0] : held[1]]):
                    found = held
            found = found or ancestor_subject(tok)
            if found is not None:
                f.speaker, f.rule = found, f.rule[: -len("none")] + "ancestor"

    def _learned_frames(self, ctx: DocContext, seen: set[int]) -> list[Frame]:
        """Frames of the verbs outside the lexicon that the cue detector accepts (``nlp/quotes/learned.py``): read
        as a speech cue with a clause or an object, then given class ``other``; only those naming a speaker."""
        judge = self.cue_judge
        out: list[Frame] = []
        if judge is None:
            return out
        for tok in ctx.doc:
            if tok.i in seen or not is_candidate(tok, self._known, self.not_cues):
                continue
            cue = learned_cue()
            cue.lemma = tok.lemma_.lower()
            frame = self._verb_frame(ctx, tok, cue)
            if frame is None or frame.content is None or frame.speaker is None:
                continue  # a learned cue with no one named: 14 on PolNeAR train, 3 right
            if judge.accept(ctx, tok, frame, cue_features(ctx, tok, frame, self._speaker_roles)):
                seen.add(tok.i)
                frame.cls = LEARNED_CLASS
                frame.rule = LEARNED_CLASS + ":" + frame.rule.split(":", 1)[1]
                out.append(frame)
        return out

    def _colon_clause_frames(self, ctx: DocContext, frames: list[Frame]) -> list[Frame]:
        """ "Christie shot back: “...”", "He returned to his familiar lines: “...”": a clause ending with a colon
        right before a quote introduces it, whatever its verb (the lexicon's cues make their own frames); its
        subject, when someone (not a thing: "The rules are simple:"), speaks. The verb is the cue."""
        doc, text = ctx.doc, ctx.text
        cued = {f.cue_start for f in frames}
        out: list[Frame] = []
        for qs, _qe in ctx.marks:
            j = qs - 1
            while j > 0 and text[j] in "\"“'‘«":
                j -= 1
            while j > 0 and text[j] in " \t\n":
                j -= 1
            if j <= 0 or text[j] != ":" or text.count("\n", j, qs) > 2:
                continue
            colon = doc.char_span(j, j + 1, alignment_mode="expand")
            if colon is None:
                continue
            verb = colon[0].head
            if verb.i > colon[0].i or verb.pos_ != "VERB" or verb.idx in cued or "\n" in text[verb.idx : j]:
                continue
            ls, le = line_of(text, verb.idx)
            if headline_case(text[ls:le]):
                continue  # "Gillibrand on Hillary ...: ‘I Think She Will.’": a headline's capitals fool the parse
            speaker, how = cue_subject(verb)
            if speaker is None or how not in ("subject", "inherited") or self._thing(doc[speaker[0] : speaker[1]]):
                continue
            frame = cue_frame(ctx, verb, Cue(verb.lemma_.lower(), "speech", "clause"), speaker, None,
                              f"speech:colon_clause:{how}")
            frame.colon = True
            cued.add(verb.idx)
            out.append(frame)
        return out

    @staticmethod
    def _coordinated_speakers(ctx: DocContext, frames: list[Frame]) -> None:
        """ "Clark said Brooks had begun making calls ... but said the outcome was still up in the air": a
        speech cue right after "and"/"but", with no subject the parse could give it (it hung the second verb
        inside the first one's clause), is said by the speaker of the speech verb before it in its sentence."""
        doc = ctx.doc
        previous: Frame | None = None
        for f in frames:
            if (
                f.speaker is None
                and f.cls == "speech"
                and f.rule.endswith(":none")
                and previous is not None
                and previous.sent_start == f.sent_start
            ):
                cue = doc.char_span(f.cue_start, f.cue_end, alignment_mode="expand")
                if cue is not None and cue.start > 0 and doc[cue.start - 1].lower_ in ("and", "but"):
                    f.speaker = previous.speaker
                    f.rule = f.rule[: -len("none")] + "coordinated"
            if f.speaker is not None and f.cls == "speech" and ":noun:" not in f.rule:
                previous = f  # a verb's frame ("making calls" is not who said it)

    def colon_frames(self, ctx: DocContext) -> list[Frame]:
        """ "PENCE: Gennifer Flowers will not ..." and "Pat Caddell: Voters Worried ...": a name opening a
        paragraph with a colon speaks the rest of it."""
        doc, text = ctx.doc, ctx.text
        out = []
        for m in COLON_SPEAKER.finditer(text):
            name = m.group(1)
            if name.lower() in self.not_colon_speakers or name.split()[0].lower() in self.not_colon_speakers:
                continue
            speaker = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
            if speaker is None or not (any(t.pos_ in ("PROPN", "NOUN") for t in speaker) or self._named_elsewhere(
                    doc, speaker)):
                continue
            colon = m.end(1)
            sent = ctx.sents.of(speaker.start)
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

    @staticmethod
    def _named_elsewhere(doc: Doc, speaker: Span) -> bool:
        """ "Issa: Hillary Clinton’s ‘Honesty Is In Question.’" with "Issa" tagged an adjective: one title-case
        word that is part of a person's or organisation's name elsewhere in the story ("Rep. Darrell Issa")."""
        if len(speaker) != 1 or not speaker[0].is_title:
            return False
        word = speaker[0].text
        return any(e.label_ in ("PERSON", "ORG") and e.start != speaker.start and word in e.text.split()
                   for e in doc.ents)

    def _noun_frame(self, ctx: DocContext, tok: Token, cue: Cue) -> Frame | None:
        """ "Trump’s claim that ...", "the campaign’s support for ...": the possessor holds the content. A speech
        noun whose content is a short thing ("a statement to media", "his criticism of the world body", "a
        request for comment") reports an act (class act), as a speech verb with a bare object does."""
        doc = ctx.doc
        content = None
        thing = False
        for c in tok.children:
            if (
                c.dep_ in ("acl", "ccomp")
                and c.i > tok.i
                and (cue.content != "object" or any(g.dep_ == "mark" for g in c.children))
                and not self._reduced_participle(c)
            ):
                content = span_chars(doc, c.left_edge.i, c.right_edge.i + 1)
                break
            if (
                c.dep_ == "prep"
                and c.i > tok.i
                and c.lower_ in ("for", "of", "against", "to", "on", "about")
                and cue.content != "clause"
                and any(g.dep_ in ("pobj", "pcomp") for g in c.children)
            ):
                content = span_chars(doc, c.i + 1, c.right_edge.i + 1)
                thing = self._bare_noun_content(c)
                break
        if content is None:
            return None
        speaker = None
        for c in tok.children:
            if c.dep_ == "poss":
                speaker = mention_range(c)
        rule = "poss"
        subject = self._possessor_subject(tok) if speaker is not None else None
        if subject is not None:
            speaker, rule = subject, "poss_subject"
        if speaker is None and tok.dep_ in ("dobj", "attr") and tok.head.pos_ in ("VERB", "AUX"):
            speaker, rule = cue_subject(tok.head)
        if (
            speaker is None
            and tok.dep_ == "pobj"
            and tok.head.head.pos_ in ("VERB", "AUX")
            and tok.head.lower_ in ("as", "with", "in", "of")
        ):
            # "emerged as an advocate for democracy", "in his criticism of ...": the verb's subject holds it
            speaker, rule = cue_subject(tok.head.head)
        if speaker is None:
            return None
        frame = cue_frame(ctx, tok, cue, speaker, content, f"{cue.cls}:noun:{rule}")
        if thing and frame.cls == "speech":
            frame.cls = "act"
            frame.rule = f"act:noun:{rule}"
        return frame

    def _bare_noun_content(self, prep: Token) -> bool:
        """A speech noun's prepositional content is a short thing, no clause: a noun phrase of at most
        ``bare_object_words`` words with no verb ("to media", "of the world body"), except after "for", which
        names what is asked ("a call for sanctions relief") unless it is an act cue's word ("for comment")."""
        objs = [g for g in prep.children if g.dep_ == "pobj"]
        if not self.bare_object_words or len(objs) != 1 or objs[0].pos_ not in ("NOUN", "PROPN"):
            return False
        words = [t for t in objs[0].subtree if not t.is_punct]
        if len(words) > self.bare_object_words or any(t.pos_ in ("VERB", "AUX") for t in words):
            return False
        return prep.lower_ != "for" or objs[0].lemma_.lower() in self.act_cues

    @staticmethod
    def _possessor_subject(noun: Token) -> tuple[int, int] | None:
        """ "Trump is keeping up his criticism of ...", "Sanders declined to discuss his plan": a possessive
        pronoun agreeing with the subject of the verb the noun hangs from stands for that subject, which names
        the speaker (PolNeAR marks the subject); None otherwise."""
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        if poss is None or poss.lower_ not in ("his", "her", "its", "their"):
            return None
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        if noun.dep_ not in ("dobj", "pobj", "attr") or verb.pos_ not in ("VERB", "AUX"):
            return None
        found, how = cue_subject(verb)
        if found is None or how not in ("subject", "inherited"):
            return None
        root = noun.doc[found[0] : found[1]].root
        if poss.lower_ in ("his", "her"):
            fits = root.pos_ == "PROPN" or root.lower_ == ("he" if poss.lower_ == "his" else "she")
        elif poss.lower_ == "their":
            fits = root.tag_ in ("NNS", "NNPS") or root.lower_ == "they"
        else:
            fits = root.tag_ in ("NN", "NNP") and root.pos_ != "PRON"
        return found if fits else None

    def _participle_holder(self, tok: Token) -> bool:
        """The cue is an "-ing" participle right after the noun it describes, with no subject of its own, and that
        noun is someone (not a thing: "a bill supporting veterans", "calls saying ...")."""
        head = tok.head
        return (
            tok.dep_ == "acl"
            and tok.tag_ == "VBG"
            and head.i == tok.i - 1
            and head.pos_ in ("NOUN", "PROPN")
            and not self._thing(tok.doc[head.left_edge.i : head.i + 1])
        )

    @staticmethod
    def _reduced_participle(verb: Token) -> bool:
        """ "a statement emailed to VOA", "remarks made to a French television station": a past participle
        with no subject or "that" describes the noun; it is not what was said."""
        return verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(
            g.dep_ in ("mark", "nsubj", "nsubjpass", "aux", "auxpass") for g in verb.children
        )

    def _phrase_frame(self, ctx: DocContext, span: Span) -> Frame | None:
        """ "according to X, ..." / "..., according to X.": X speaks, the rest of the clause is the content."""
        doc = ctx.doc
        sent = ctx.sents.of(span.start)
        to = span[-1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        speaker = mention_range(objs[0]) if objs else None
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

    def _quoted_subject(self, ctx: DocContext, speaker: tuple[int, int] | None, cue: Token) -> bool:
        """The speaker span is a word of a quote that does not hold the cue, and not "we"/"I"."""
        if speaker is None:
            return False
        root = ctx.doc[speaker[0] : speaker[1]].root
        return root.lower_ not in self.vocab.pronouns["first"] and quoted_apart(ctx.marks, root.idx, cue.idx)

    @staticmethod
    def _after_quote_speaker(ctx: DocContext, tok: Token) -> tuple[tuple[int, int] | None, str]:
        """The speaker of a cue whose parsed subject is a word of a quote before it: the words between the quote's
        closing mark and the cue when they are a noun phrase (at most eight words), else the noun phrase after
        the cue (``inverted_speaker``); (None, "quoted") when neither."""
        doc = tok.doc
        lo = tok.i
        while lo > 0 and tok.i - lo < 8 and doc[lo - 1].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PRON", "NUM"):
            lo -= 1
        if lo < tok.i and lo > 0 and doc[lo - 1].text in CLOSING_MARKS | {","} and doc[tok.i - 1].pos_ in (
                "PROPN", "NOUN", "PRON"):
            return (lo, tok.i), "after_quote"
        if tok.i > 0 and doc[tok.i - 1].text in CLOSING_MARKS:
            found, how = inverted_speaker(tok)
            if found is not None and not quoted_apart(ctx.marks, doc[found[0]].idx, tok.idx):
                return found, how
        return described_after_quote(tok)

    @staticmethod
    def _predicated(tok: Token) -> bool:
        """The cue says something of its object ("criticized the plan as a mistake", "called it a disgrace"): a
        predicate after the object, so a statement rather than a bare act."""
        return any(
            c.i > tok.i and (c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as")) for c in tok.children
        )

    @staticmethod
    def _pronoun_only(doc: Doc, content: tuple[int, int] | None) -> bool:
        """The content is one pronoun, wh-word or determiner ("what", "that", "it")."""
        if content is None:
            return False
        span = doc.char_span(content[0], content[1], alignment_mode="expand")
        words = [t for t in span if not t.is_punct] if span is not None else []
        return len(words) == 1 and words[0].tag_ in ("WP", "WDT", "DT", "PRP")

    def _bare_thing(self, tok: Token) -> bool:
        """The cue's object is a short noun phrase with no clause in it ("China", "the arbitral ruling")."""
        objs = [c for c in tok.children if c.dep_ in ("dobj", "attr", "oprd", "dative")]
        if not objs or any(c.dep_ in ("xcomp", "ccomp", "oprd") and c.i > tok.i for c in tok.children):
            return False
        words = [t for o in objs for t in o.subtree if not t.is_punct]
        return len(words) <= self.bare_object_words and not any(t.pos_ in ("VERB", "AUX") for t in words)

    def headline_statement_ok(self, ctx: DocContext, frame: Frame) -> bool:
        """In a title-case line ("Retired General Reveals ...", "Growing Number Of Chinese Call Japan Home"), a
        statement whose speaker span is in headline case too stands only when its cue is a speech verb and the
        speaker is named (an entity, or a role noun: "Pentagon Reveals New Details", "Retired General Reveals
        ..."); otherwise the headline's capitals fooled the parse and the frame is dropped. "NAME: ..." is left
        to the colon rule (and its not_colon_speaker words)."""
        if frame.cls != "speech" or frame.speaker is None or frame.rule == "speech:colon_name":
            return True
        ls, le = line_of(ctx.text, frame.cue_start)
        if not headline_case(ctx.text[ls:le]):
            return True
        span = ctx.doc[frame.speaker[0] : frame.speaker[1]]
        if not headline_case(span.text, min_words=1):
            return True
        if ":noun:" in frame.rule:
            return False
        if any(t.ent_type_ in PERSONLIKE for t in span):
            return True
        root = span.root
        return root.lower_ in self._speaker_roles or root.lemma_.lower() in self._speaker_roles

    def _thing(self, subject: Span) -> bool:
        """A subject that is no one: no entity or proper name in it, not a personal or relative pronoun, and its
        head not a role noun ("the data", "a new study", "it"; not "Lin", "officials", "he", "the ministry")."""
        if any(t.ent_type_ in PERSONLIKE or t.pos_ == "PROPN" for t in subject):
            return False
        root = subject.root
        vocab = self.vocab
        if root.lower_ in self._people_pronouns or root.pos_ not in ("NOUN", "PRON"):
            return False
        lemma = root.lemma_.lower()
        return not any(lemma in words or root.lower_ in words for words in vocab.uses.values())

    def _verb_class(self, ctx: DocContext, tok: Token, cue: Cue, content: tuple[int, int] | None, content_rule: str,
                    speaker: tuple[int, int] | None, speaker_rule: str) -> str:
        """The class of a verb cue's frame: the cue's class, but a speech cue that reports an act, a passive report
        by no one named or evidence is classed so (see each case)."""
        doc = ctx.doc
        cls = cue.cls
        if (
            self.bare_object_words
            and content_rule == "object"
            and cls == "speech"
            and self._bare_thing(tok)
            and not self._predicated(tok)
        ):
            cls = "act"  # "criticized China", "rejected the budget", "published her book": an act, not a statement
        infinitive = content_rule == "clause" and not any(c.dep_ == "ccomp" for c in tok.children)
        if (
            cls == "speech"
            and cue.lemma in self.act_cues
            and (content_rule in ACT_CONTENT or infinitive)
            and not self._predicated(tok)
        ):
            cls = "act"  # "responded to a request for comment", "declined to be named": no statement reported
        if cls == "speech" and content_rule == "object" and cue.lemma in self.object_act_cues and not self._predicated(
                tok):
            cls = "act"  # "called a private meeting": an act; "called it a disgrace" says something of its object
        if cls == "speech" and content is not None and ANONYMITY.fullmatch(ctx.text, content[0], content[1]):
            cls = "act"  # "asked not to be named", "spoke on condition ... not to be identified": no statement
        if cls == "speech" and speaker_rule == "passive" and any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
            # "Paris was accused of aiding rebels", "they were told that ...": reported by no one named, as
            # "reportedly" is; not a statement of anyone's
            cls = "evidence"
        if cls == "speech" and content_rule == "object" and self._pronoun_only(doc, content):
            cls = "act"  # "described what ...", "characterized that": the content is a pronoun; nothing said shows
        if cue.lemma in self.evidence_cues and speaker is not None and self._thing(doc[speaker[0] : speaker[1]]):
            cls = "evidence"  # "the data suggest ...", "the video reveals ...": evidence, not a statement
        return cls

    def _verb_frame(self, ctx: DocContext, tok: Token, cue: Cue) -> Frame | None:
        doc = ctx.doc
        sent = ctx.sents.of(tok.i)
        if cue.content == "raising":
            return raising_frame(ctx, tok, cue)
        speaker, speaker_rule = cue_subject(tok)
        if speaker is None and cue.cls == "speech" and tok.i > 0 and doc[tok.i - 1].text in CLOSING_MARKS:
            found, how = inverted_speaker(tok)
            if found is not None:
                speaker, speaker_rule = found, how
        if speaker_rule == "inherited" and self._quoted_subject(ctx, speaker, tok):
            # '"They should consider ...," the spokesperson added, further describing ...': the verb the cue hangs
            # from is the quote's, its subject a word of the quote, not the speaker ("we"/"I" stand for the quote's
            # speaker and are left to the component), unless a described name comes between ("Robert Shrum, a ...")
            speaker, speaker_rule = described_after_quote(tok)
        elif speaker_rule == "subject" and speaker is not None and self._quoted_subject(ctx, speaker, tok) and all(
                quoted_apart(ctx.marks, t.idx, tok.idx) for t in doc[speaker[0] : speaker[1]] if not t.is_punct):
            # '“My dear Michael Cohen,” the conference speaker says', "''That, unfortunately,'' he said": the
            # parse took a word of the quote for the subject; the noun phrase between the quote and the cue, else
            # the one after the cue, speaks
            speaker, speaker_rule = self._after_quote_speaker(ctx, tok)
        if speaker is None and cue.cls == "position" and self._participle_holder(tok):
            # "the super PAC backing Jeb Bush", "voters supporting a ban": the noun the participle describes
            speaker, speaker_rule = mention_range(tok.head), "participle"
        if bare_participle(tok):
            # "Asked whether he would ..., Trump said ...": the question's asker is not named
            speaker, speaker_rule = None, "asked"
        content, content_rule = cue_content(doc, tok, cue, self.cues)
        if cue.lemma in self.aspect_cues and content_rule in ("clause", "xcomp") and not any(
                c.dep_ == "ccomp" for c in tok.children):
            return None  # "Trump continues to run a primary campaign": an action going on, nothing said
        addressee = None
        if cue.lemma in self.addressee_cues and cue.cls == "speech":
            aimed = cue_addressee(tok)
            if aimed is not None and not self._thing(doc[aimed[0][0] : aimed[0][1]]):
                # "called a private meeting ... to discuss": a thing is no one to address
                # "blamed the Trump administration for disrupting ...": the target and the point are the content
                addressee, (lo, hi) = aimed
                content, content_rule = span_chars(doc, lo, hi), "addressee"
        colon = ends_with_colon(tok)
        if content is None and not colon and speaker_rule == "passive" and cue.lemma in self.passive_views:
            return passive_view_frame(ctx, tok, cue)
        if content is None and not colon:
            return None
        if speaker is None and cue.cls != "speech" and content_rule != "clause":
            return None
        cue_start, cue_end = cue_extent(tok)
        cls = self._verb_class(ctx, tok, cue, content, content_rule, speaker, speaker_rule)
        return Frame(
            cue_start=cue_start,
            cue_end=cue_end,
            cue_lemma=cue.lemma,
            cls=cls,
            speaker=speaker,
            content=content,
            sent_start=sent.start_char,
            sent_end=sent.end_char,
            rule=f"{cls}:{content_rule or 'colon'}:{speaker_rule}",
            colon=colon,
            relative=tok.dep_ == "relcl"
            and speaker is not None
            and doc[speaker[0]].lower_ in self._relative,
            participle=tok.tag_ == "VBG" and tok.i > 0 and doc[tok.i - 1].text == ",",
            addressee=addressee,
            clause_start=self._coordinated_clause(tok, speaker, speaker_rule),
        )

    @staticmethod
    def _coordinated_clause(tok: Token, speaker: tuple[int, int] | None, speaker_rule: str) -> int | None:
        """Where the clause of a cue coordinated with a verb before it starts (char offset), when it has a subject
        of its own ("..., and 26% say ..."); None otherwise."""
        if tok.dep_ != "conj" or speaker is None or speaker_rule != "subject" or tok.head.i > tok.i:
            return None
        if speaker[0] <= tok.head.i:
            return None
        doc = tok.doc
        start = min(speaker[0], tok.left_edge.i)
        while start > tok.head.i + 1 and (doc[start - 1].dep_ == "cc" or doc[start - 1].is_punct):
            start -= 1
        return doc[start].idx

