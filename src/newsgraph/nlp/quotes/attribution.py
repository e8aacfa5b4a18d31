"""Attribution: each quoted stretch goes to a frame (its content, a cue next to it, the quote before it, the
speaker of the paragraph); frames left over report indirect, partial or mixed speech."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from newsgraph.nlp.quotes.lexicon import Cue, DocContext, Frame, base_form, cue_frame, has_frame_between
from newsgraph.nlp.quotes.marks import MARKS, SENTENCE_END, covers, ends_sentence, opens_sentence

#: (content start, content end, kind, frame or None, rule) of one quote before trimming and speaker resolution
Item = tuple[int, int, str, Frame | None, str]


class Attributor:
    """Attaches quote marks to frames; settings only, the document comes in a :class:`DocContext`."""

    def __init__(
        self,
        cues: dict[str, Cue],
        *,
        min_direct_words: int = 4,
        continuation_paragraphs: int = 2,
        extend_paragraph: bool = True,
        not_cues: frozenset[str] = frozenset(),
    ) -> None:
        self.cues = cues
        #: verbs that report nothing after a quote either ("“...,” Murphy has ...": quote_words.tsv, not_cue)
        self.not_cues = not_cues
        self.min_direct_words = min_direct_words
        self.continuation_paragraphs = continuation_paragraphs
        self.extend_paragraph = extend_paragraph

    def attribute(self, ctx: DocContext, frames: list[Frame]) -> list[Item]:
        """The quotes of the document: quoted stretches with their frames (direct), then the frames no quote
        took (indirect, partial, mixed). Surface frames found on the way are appended to ``frames``."""
        doc, text = ctx.doc, ctx.text
        out: list[Item] = []
        last_direct: tuple[int, Frame] | None = None  # (end of the quote, its frame)
        for qs, qe in ctx.marks:
            sentence_like = self._sentence_like(doc, qs, qe)
            # "“Really,” she added.", "“You lie!” he yelled": a short turn opening its sentence and closed by its
            # own comma, "!" or "?" is speech when a cue follows it (a title inside a sentence is not)
            turn = sentence_like or self._short_turn(text, qs, qe)
            frame, how = self._frame_for_quote(ctx, frames, qs, qe)
            if frame is not None and how != "content" and not (sentence_like or (turn and how == "after")):
                frame = None  # a title or term next to a cue ("In an interview on “Face the Nation,” X said")
            if frame is None and turn:
                frame = self._surface_frame(ctx, qe, verbs=not ends_sentence(text, qe))
                how = "surface"
                if frame is not None:
                    frames.append(frame)
            if frame is not None:
                if how == "content" and frame.content is not None and not covers(qs, qe, frame.content):
                    # quoted words inside the frame's own content: partial or mixed, reported with the frame,
                    # unless a cue inside the content introduces them ("which the country calls “...”")
                    if not self._introduced_by_inner_cue(ctx, qs):
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
                # a continuation opens a sentence ("...,” he said. “Then we ...") or goes on in the same one
                # ("...,” he said, “and ..."); quoted words inside a later sentence are a title or a term
                # ("the book by Malala Yousafzai, “I am Malala: ...”")
                if (
                    gap.count("\n") <= self.continuation_paragraphs * 2
                    and not has_frame_between(frames, prev_end, qs, prev_frame)
                    and (opens_sentence(text, qs) or not SENTENCE_END.search(text, prev_end, qs))
                ):
                    out.append((qs, qe, "direct", prev_frame, "direct:continuation"))
                    last_direct = (qe, prev_frame)
                    continue
            # a quoted clause inside a sentence with no cue and no continuation ("His assumption was that “...”")
            # is treated like a scare quote: nothing grounds it (dropping it raised PolNeAR precision)
            if sentence_like and opens_sentence(text, qs):
                prev = self._preceding_speaker(ctx, frames, qs)
                if prev is not None:
                    # "Valastro praised Christie. “We need someone who ...”": a quote with no cue of its own
                    # goes to the speaker of the attribution just before it
                    out.append((qs, qe, "direct", prev, "direct:preceding"))
                    last_direct = (qe, prev)
                    continue
                # a full quoted sentence with no cue yet: a later quote's cue may claim it (below)
                out.append((qs, qe, "direct", None, "direct:no_cue"))
            # else: a scare quote, title or term ("the Ukrainian crisis"): not speech
        return out + self._frame_items(ctx, frames)

    def _frame_items(self, ctx: DocContext, frames: list[Frame]) -> list[Item]:
        """Frames no quote took: their content is indirect speech, or partial / mixed with the quoted words
        inside it."""
        doc, text = ctx.doc, ctx.text
        out: list[Item] = []
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
                    and not MARKS.search(text, para, cs)
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

    def _preceding_speaker(self, ctx: DocContext, frames: list[Frame], qs: int) -> Frame | None:
        """The nearest speech frame (an act of speech too: "Valastro praised Christie.") with a speaker whose cue
        is before ``qs``, in this or the previous paragraph."""
        before = [f for f in frames if f.cue_end <= qs and f.speaker is not None and f.cls in ("speech", "act")]
        best = max(before, key=lambda f: f.cue_end, default=None)
        if best is None or ctx.text.count("\n", best.cue_end, qs) > self.continuation_paragraphs * 2:
            return None
        return best

    def _surface_frame(self, ctx: DocContext, qe: int, verbs: bool = True) -> Frame | None:
        """“...,” said Tim Hess, a developer. / “...,” Hess said.: the cue read off the words after the quote
        when the parse did not give the verb a frame."""
        doc, text = ctx.doc, ctx.text
        span = doc.char_span(qe, min(len(text), qe + 1), alignment_mode="expand")
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
        # "“...,” Toomey fumed.": a turn closed by its own comma, "?" or "!" is said by whoever the finite verb
        # right after it has, whatever the verb (the lexicon's speech verbs count everywhere)
        turn = text[qe - 1] in ",?!"
        verb_first = self._speech_verb(doc[i]) or (turn and self._finite_verb(doc[i]))
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
            sent = ctx.sents.of(i)
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
            while hi > lo and doc[hi - 1].text in (".", "-"):
                hi -= 1  # "..., said Tim Hess.": the sentence's full stop is no part of the name
            if hi == lo:
                return None
        else:
            lo = i
            hi = i
            while hi < n and hi - lo < 8 and doc[hi].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PRON", "NUM"):
                hi += 1
            if hi == lo or hi >= n or not (self._speech_verb(doc[hi]) or (turn and self._finite_verb(doc[hi]))):
                return None
            cue_tok = doc[hi]
        cue = self._cue_of(cue_tok)
        if cue is None or (cue.cls != "speech" and turn):
            if not turn:
                return None
            cue = Cue(cue_tok.lemma_.lower(), "speech", "clause")
        return cue_frame(ctx, cue_tok, cue, (lo, hi), None, f"{cue.cls}:surface")

    def _cue_of(self, tok: Token) -> Cue | None:
        """The lexicon entry of a word, by its lemma or else its lower-case form ("retweeted" left unlemmatised)."""
        return self.cues.get(base_form(tok.lemma_.lower(), self.cues)) or self.cues.get(
            base_form(tok.lower_, self.cues)
        )

    def _finite_verb(self, tok: Token) -> bool:
        """A finite verb that may report speech: not a ``not_cue`` ("have", "come", "include")."""
        return tok.pos_ == "VERB" and tok.tag_ in ("VBD", "VBZ", "VBP") and tok.lemma_.lower() not in self.not_cues

    def _speech_verb(self, tok: Token) -> bool:
        cue = self._cue_of(tok)
        return cue is not None and cue.cls == "speech" and tok.pos_ in ("VERB", "AUX", "NOUN", "PROPN")

    def _introduced_by_inner_cue(self, ctx: DocContext, qs: int) -> bool:
        """A cue nested in the frame's content just before the quote introduces it ("which X calls “...”")."""
        text = ctx.text
        i = bisect.bisect_right(ctx.inner_cues, qs) - 1
        return (
            i >= 0
            and qs - ctx.inner_cues[i] <= 25
            and not any(c in text[ctx.inner_cues[i] : qs] for c in ".;\n")
        )

    def _frame_for_quote(self, ctx: DocContext, frames: list[Frame], qs: int, qe: int) -> tuple[Frame | None, str]:
        doc, text = ctx.doc, ctx.text
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
                and not ends_sentence(text, qe)
                and not SENTENCE_END.search(text, qe + 1, f.cue_start)
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

    @staticmethod
    def _short_turn(text: str, qs: int, qe: int) -> bool:
        """The quoted words open their sentence and end with their own ",", "!" or "?" inside the marks
        (“Denver,” he answered): a turn of speech, whatever its length, if a cue follows."""
        return qe - qs >= 2 and text[qe - 1] in ",!?" and opens_sentence(text, qs)

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
