"""Frames reported by no one named, or by a poll: appearances ("Trump seems to enjoy it"), passive views ("is
widely seen as"), hearsay adverbs ("reportedly") and polls opening a sentence ("In a CNN poll, ...")."""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.nlp.mentions import mention_range
from newsgraph.nlp.quotes.lexicon import Cue, DocContext, Frame, cue_frame
from newsgraph.nlp.quotes.parse import PASSIVE_SUBJECT_DEPS, RAISING_COMP_DEPS, SUBJECT_DEPS, span_chars


def raising_frame(ctx: DocContext, tok: Token, cue: Cue) -> Frame | None:
    """ "Trump seems to have a different set of rules": an appearance with no one holding it; the subject and
    its complement are the content and there is no source."""
    doc = ctx.doc
    subj = [c for c in tok.children if c.dep_ in SUBJECT_DEPS and c.i < tok.i]
    comp = [c for c in tok.children if c.i > tok.i and (
        c.dep_ in RAISING_COMP_DEPS or (c.dep_ == "prep" and c.lower_ == "like"))]
    if not subj or not comp:
        return None
    if subj[0].lower_ == "it":
        # "it appears that the game wasn’t boring": the clause alone
        if comp[0].dep_ != "ccomp":
            return None
        content = span_chars(doc, comp[0].left_edge.i, comp[0].right_edge.i + 1)
    else:
        # "Trump seems to enjoy it"
        content = span_chars(doc, subj[0].left_edge.i, comp[0].right_edge.i + 1)
    return cue_frame(ctx, tok, cue, None, content, f"{cue.cls}:raising")


def passive_view_frame(ctx: DocContext, tok: Token, cue: Cue) -> Frame | None:
    """ "Delaware and Maryland are widely seen as Clinton strongholds", "A decision is expected in mid-May": a
    view held by no one named; the clause (subject, cue and complement) is the content, class evidence, no
    source (as "Trump seems to enjoy it")."""
    if tok.dep_ not in ("ROOT", "conj", "ccomp") or tok.pos_ != "VERB":
        return None
    subj = [c for c in tok.children if c.dep_ in PASSIVE_SUBJECT_DEPS and c.i < tok.i]
    if not subj:
        return None
    content = span_chars(ctx.doc, subj[0].left_edge.i, tok.right_edge.i + 1)
    frame = cue_frame(ctx, tok, cue, None, content, "evidence:passive_view:passive")
    frame.cls = "evidence"
    return frame


def hearsay_frame(ctx: DocContext, adverb: Token) -> Frame | None:
    """ "Google and Facebook have reportedly looked at Twitter": the clause of the verb the adverb modifies is
    reported by no one named; class evidence, no source."""
    head = adverb.head
    if head.pos_ not in ("VERB", "AUX") or head is adverb:
        return None
    content = span_chars(ctx.doc, head.left_edge.i, head.right_edge.i + 1)
    if content is None:
        return None
    sent = ctx.sents.of(adverb.i)
    return Frame(
        cue_start=adverb.idx,
        cue_end=adverb.idx + len(adverb.text),
        cue_lemma=adverb.lower_,
        cls="evidence",
        speaker=None,
        content=content,
        sent_start=sent.start_char,
        sent_end=sent.end_char,
        rule="evidence:hearsay",
    )


def poll_frame(ctx: DocContext, prep: Token, poll_nouns: frozenset[str]) -> Frame | None:
    """ "In a CNN national poll, Hillary Clinton held a 24-point lead": a poll (a ``poll_noun``) opening its
    sentence is the source, the clause it qualifies (without the phrase) the content; class evidence. (The
    phrase after its verb, "mired in single digits in the polls", was right less than half the time on PolNeAR
    train.)"""
    doc = ctx.doc
    objs = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
    head = prep.head
    if head.pos_ == "NOUN" and head.dep_ in ("dobj", "attr", "nsubj") and head.head.pos_ in ("VERB", "AUX"):
        head = head.head  # "has a decisive lead in the polls"
    if not objs or objs[0].lemma_.lower() not in poll_nouns or head.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ == "prep" and c.i > objs[0].i for c in objs[0].children if c.lower_ == "of"):
        return None  # "in the count of ...", "in an average of 3 days": a measure, not a poll
    sent = ctx.sents.of(prep.i)
    opening = [t for t in doc[sent.start : prep.i] if not t.is_punct and not t.is_space]
    after = prep.right_edge.i + 1
    if (
        prep.i > head.i
        or any(t.lower_ not in ("but", "and", "yet") for t in opening)
        or after >= len(doc)
        or doc[after].text != ","
    ):
        return None  # only "In a CNN poll, ...": "mired in single digits in the polls" reports no finding
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    plo, phi = prep.left_edge.i, prep.right_edge.i + 1
    left = [t for t in doc[lo:plo] if not t.is_punct and not t.is_space]
    right = [t for t in doc[phi:hi] if not t.is_punct and not t.is_space]
    content = span_chars(doc, phi, hi) if len(right) >= len(left) else span_chars(doc, lo, plo)
    if content is None or max(len(left), len(right)) < 3:
        return None
    return Frame(
        cue_start=prep.idx,
        cue_end=prep.idx + len(prep.text),
        cue_lemma="in",
        cls="evidence",
        speaker=mention_range(objs[0]),
        content=content,
        sent_start=sent.start_char,
        sent_end=sent.end_char,
        rule="evidence:poll",
    )


def poll_shares(ctx: DocContext, frames: list[Frame], shares: frozenset[str], polls: frozenset[str]) -> None:
    """ "Sixty-seven percent said they had an unfavorable impression of Trump in a Washington Post-ABC News poll
    this month", "28 percent supported Mr. Trump, a Des Moines Register/Bloomberg Politics poll released Saturday
    found": a share of those polled (a speaker holding a ``poll_share`` word) speaks for the poll named in the
    cue's sentence outside the speaker (a ``poll_noun``, the nearest to the cue), its source on PolNeAR ("86
    percent of black voters in a recent Gallup survey" keeps its own). Rule ``poll_share``."""
    doc = ctx.doc
    for f in frames:
        if f.speaker is None:
            continue
        lo, hi = f.speaker
        if not any(t.lower_ in shares for t in doc[lo:hi]) or any(t.lemma_.lower() in polls for t in doc[lo:hi]):
            continue
        cue = doc.char_span(f.cue_start, f.cue_end, alignment_mode="expand")
        if cue is None:
            continue
        sent = ctx.sents.of(cue[0].i)
        found = [t for t in doc[sent.start : sent.end]
                 if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in polls and not lo <= t.i < hi]
        if found:
            poll = min(found, key=lambda t: abs(t.i - cue[0].i))
            f.speaker = mention_range(poll)
            f.rule = f.rule.rsplit(":", 1)[0] + ":poll_share"
