"""Parse helpers: a cue's speaker, content and extent read off the dependency parse."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.quotes.lexicon import Cue
from newsgraph.nlp.quotes.marks import CLOSING_MARKS
from newsgraph.nlp.speakers import mention_range

SUBJECT_DEPS = {"nsubj", "csubj"}


def punct_word(tok: Token) -> bool:
    """A punctuation token that is no word of a noun phrase: "%" ("42% say they are liberal"), which the tagger
    makes a noun, is a word (spaCy's ``is_punct`` is true of it; a dash tagged a noun is not)."""
    return tok.is_punct and not (tok.text == "%" and tok.pos_ == "NOUN")
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
CLAUSE_DEPS = {"ccomp", "xcomp"}
#: the complement of "seem" / "appear": "to enjoy it", "that ...", "appeared pleased", "seemed a reminder" (and
#: "like ..." in frames.py; "appeared in Florida" is no view: 14 more quotes on PolNeAR train, 10 right)
RAISING_COMP_DEPS = {"xcomp", "ccomp", "acomp", "attr"}
OBJECT_DEPS = {"dobj", "attr", "oprd"}
#: cues whose "if" clause is an indirect question ("asked if ..."), not a condition ("said if elected ...")
QUESTION_CUES = {"ask", "wonder", "question", "inquire"}
CONTENT_PREPS = {"about", "of", "for", "on", "against", "to", "that", "with"}
#: a cue verb inside a content clause of another verb heads its own frame; coordination passes the speaker on
INHERIT_DEPS = {"conj", "xcomp", "advcl", "acl", "acomp"}
CLIMB_DEPS = {"pcomp", "pobj", "prep", "advcl", "xcomp", "conj", "acomp"}


def cue_subject(tok: Token) -> tuple[tuple[int, int] | None, str]:
    """The speaker of a cue verb: its subject, a "by" agent, or the subject of the verb it hangs from."""
    absolute = with_absolute_subject(tok)
    if absolute is not None:
        return absolute, "with"
    cur = tok
    for depth in range(4):
        passive = False
        for c in cur.children:
            if c.dep_ in SUBJECT_DEPS:
                if punct_word(c):
                    continue
                if c.lower_ == "it" and expletive(cur):
                    return None, "expletive"
                return mention_range(c), "subject" if depth == 0 else "inherited"
            if c.dep_ in PASSIVE_SUBJECT_DEPS:
                passive = True
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return mention_range(objs[0]), "agent"
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
            return mention_range(cur.head), "acl"
        if cur.dep_ == "xcomp" and cur.head is not cur:
            # object control: "forced Stumpf to admit ..." -> Stumpf admits
            objs = [c for c in cur.head.children if c.dep_ == "dobj" and c.i < cur.i and not punct_word(c)]
            if objs:
                return mention_range(objs[0]), "controller"
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
            if c.dep_ in SUBJECT_DEPS and not punct_word(c) and c.lower_ != "it":
                return mention_range(c), "climbed"
    return None, "none"


def with_absolute_subject(tok: Token) -> tuple[int, int] | None:
    """The noun of a "with" absolute before an "-ing" cue the parse hung on the clause, not on the noun: "..., with
    Erdogan at one point suggesting Macron needed ...", "with many of them saying ...": Erdogan, not the clause's
    subject. Only an absolute set off by a comma (or opening its sentence), with nothing but adverbs and
    prepositional phrases between the noun and the cue ("campaign with him - essentially conceding ...", "file
    reports with the FEC detailing ..." are no absolutes)."""
    if tok.tag_ != "VBG" or tok.dep_ not in ("advcl", "acl") or tok.head is tok:
        return None
    if any(c.dep_ in SUBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS for c in tok.children):
        return None
    doc = tok.doc
    for prep in tok.head.children:
        if prep.dep_ != "prep" or prep.lower_ != "with" or prep.i > tok.i:
            continue
        if not (prep.is_sent_start or (prep.i > 0 and doc[prep.i - 1].text == ",")):
            return None
        objs = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN", "PRON")]
        if not objs or objs[0].right_edge.i >= tok.i:
            return None
        between = doc[objs[0].right_edge.i + 1 : tok.i]
        if any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in between):
            return None
        return mention_range(objs[0])
    return None


def ancestor_subject(tok: Token) -> tuple[int, int] | None:
    """The subject, before ``tok``, of the nearest verb up the tree from it that has one, not "it" or "there"
    ("Forbes shot back in an article stating ...": Forbes for "stating")."""
    cur = tok
    while cur.head.i != cur.i:
        cur = cur.head
        for c in cur.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i and not c.is_punct and c.lower_ not in ("it", "there"):
                return mention_range(c)
    return None


def in_discourse_phrase(tok: Token, sent: Span, phrases: frozenset[str]) -> bool:
    """ "That said, Fox News's audience tends to ...", "All told, super PACs spent ...": ``tok`` is a word of one of
    ``phrases`` (quote_words.tsv ``discourse_phrase``) opening its sentence, after "but", "and", "yet" or "still",
    and closed by a comma (``sent`` is ``tok``'s sentence)."""
    i = sent.start
    while i < tok.i and (tok.doc[i].lower_ in ("but", "and", "yet", "still") or tok.doc[i].is_punct
                         or tok.doc[i].is_space):
        i += 1
    j = i
    while j < sent.end and tok.doc[j].text != ",":
        j += 1
    if not i <= tok.i < j or j >= sent.end:
        return False
    return " ".join(t.lower_ for t in tok.doc[i:j]) in phrases


def bare_participle(tok: Token) -> bool:
    """ "Asked about ...", "When asked whether ...": a passive participle of "ask" with no subject or auxiliary."""
    return (
        tok.lemma_.lower() == "ask"
        and tok.tag_ == "VBN"
        and tok.dep_ in ("advcl", "ROOT", "conj")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "agent") for c in tok.children)
    )


def expletive(verb: Token) -> bool:
    return any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in verb.children) and verb.lemma_ in (
        "seem",
        "appear",
        "be",
    )


def ends_with_colon(tok: Token) -> bool:
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


def cue_extent(tok: Token) -> tuple[int, int]:
    """The cue verb with its particle ("called for", "pointed out")."""
    start, end = tok.idx, tok.idx + len(tok.text)
    for c in tok.children:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            end = c.idx + len(c.text)
    return start, end


def span_chars(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
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


def cue_content(doc: Doc, tok: Token, cue: Cue, cues: dict[str, Cue]) -> tuple[tuple[int, int] | None, str]:
    """The content of a cue verb: its clause, its object, or the clause it comments on ("..., he said.")."""
    children = list(tok.children)
    if cue.content in ("clause", "any"):
        # a clause after the cue first: one before it is often a misparse of the previous sentence's words
        # ("Canova has ripped ...: He said he’s raised ..." hangs "ripped" under "said")
        clauses = [c for c in children if c.dep_ in CLAUSE_DEPS]
        if clauses:
            c = next((c for c in clauses if c.i > tok.i), clauses[0])
            return span_chars(doc, c.left_edge.i, c.right_edge.i + 1), "clause"
    if cue.content in ("object", "any") and any(c.dep_ == "agent" for c in children):
        # "Trump is supported by far fewer publications": the passive subject is the content
        subj = [c for c in children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        if subj:
            return span_chars(doc, subj[0].left_edge.i, subj[0].right_edge.i + 1), "passive_subject"
    if cue.content in ("object", "any"):
        objs = [c for c in children if c.dep_ in OBJECT_DEPS or c.dep_ == "dative"]
        if objs:
            lo = min(c.left_edge.i for c in objs)
            hi = max(c.right_edge.i for c in objs) + 1
            for c in children:
                if c.dep_ in ("xcomp", "ccomp", "oprd") and c.i > tok.i:
                    hi = max(hi, c.right_edge.i + 1)
                elif c.dep_ == "prep" and c.lower_ == "as" and c.i > tok.i and any(
                        o.tag_ in ("WP", "WDT") and o.i < tok.i for o in objs):
                    # "what officials described as “high threat illegal aliens”": what they said is the "as" part
                    hi = max(hi, c.right_edge.i + 1)
            return span_chars(doc, lo, hi), "object"
        for c in children:
            if c.dep_ == "xcomp" and c.i > tok.i:
                return span_chars(doc, c.left_edge.i, c.right_edge.i + 1), "xcomp"
    # "is calling for the United States to step up ...": a for-to clause, parsed as an adverbial with "for"
    # "asked if he was ready", "wondered whether ...": an indirect question parsed as an adverbial
    marks = {"for", "whether", "if"} if cue.lemma in QUESTION_CUES else {"for", "whether"}
    for c in children:
        if c.dep_ == "advcl" and c.i > tok.i and any(g.dep_ == "mark" and g.lower_ in marks for g in c.children):
            return span_chars(doc, c.left_edge.i, c.right_edge.i + 1), "marked_clause"
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
                return span_chars(doc, c.i, c.right_edge.i + 1), "prep"
    hung = _as_clause(doc, tok)
    if hung is not None:
        return hung, "as_clause"
    # "But to prevent problems, he said, local officials should be vigilant": the cue interposed in its content
    if tok.dep_ == "parataxis" and tok.head.i > tok.i and cue.cls == "speech":
        head = tok.head
        return span_chars(doc, head.left_edge.i, head.right_edge.i + 1), "interposed"
    # "Trump said after the convention he would not accept ...": the clause parsed as an unmarked adverbial
    if cue.cls == "speech" and cue.content != "object":
        for c in children:
            if c.dep_ == "advcl" and c.i > tok.i and not any(g.dep_ == "mark" for g in c.children):
                return span_chars(doc, c.left_edge.i, c.right_edge.i + 1), "advcl"
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
        return span_chars(doc, lo, hi), "parataxis"
    if cue.cls == "speech" and cue.content != "object":
        return _answer(doc, tok)
    return None, ""


def _as_clause(doc: Doc, tok: Token) -> tuple[int, int] | None:
    """ "As Menendez pointed out, the rulings have real impact", "..., as Clinton supporters point out": the clause
    the cue's "as" clause hangs on, without it (not a comparison: "as polite as ...", "sharper ... as he spoke")."""
    head = tok.head
    if tok.dep_ != "advcl" or head.i == tok.i or head.pos_ not in ("VERB", "AUX") or not any(
            g.dep_ == "mark" and g.lower_ == "as" and g.i < tok.i for g in tok.children):
        return None
    if tok.i < head.i:
        return span_chars(doc, tok.right_edge.i + 1, head.right_edge.i + 1)
    return span_chars(doc, head.left_edge.i, tok.left_edge.i)


def _answer(doc: Doc, tok: Token) -> tuple[tuple[int, int] | None, str]:
    """"half said so", "72 percent said yes": the answer word just after the cue, closing its clause."""
    nxt = tok.i + 1
    after = nxt + 1
    if (
        nxt < len(doc)
        and doc[nxt].lower_ in ANSWER_WORDS
        and doc[nxt].head.i == tok.i
        and (after == len(doc) or doc[after].is_punct or doc[after].is_sent_start)
    ):
        return span_chars(doc, nxt, after), "answer"
    return None, ""


#: one-word answers a speech cue may report as its whole content ("said so", "said yes")
ANSWER_WORDS = frozenset({"so", "yes", "no"})

#: prepositions that carry the point of an accusation or request after its target ("accused X of ...")
POINT_PREPS = {"of", "for"}


def cue_addressee(tok: Token) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """ "accused Lin of raping her", "urged the council to press ...", "called on X to ...": the target's token
    range and the token range of target plus point (the content); None when the cue has no target and point."""
    target = None
    for c in tok.children:
        if c.i <= tok.i:
            continue
        if c.dep_ in ("dobj", "dative") and c.pos_ in ("NOUN", "PROPN", "PRON"):
            target = c
            break
        if c.dep_ == "prep" and c.lower_ == "on" and c.i == tok.i + 1:
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                target = objs[0]
                break
    if target is None:
        return None
    for c in tok.children:
        if c.i <= target.i:
            continue
        point = c.dep_ == "xcomp" or (
            c.dep_ == "prep" and c.lower_ in POINT_PREPS and any(g.dep_ in ("pcomp", "pobj") for g in c.children)
        )
        if point:
            return mention_range(target), (target.left_edge.i, c.right_edge.i + 1)
    return None


#: the words of a name and its description between a quote and its cue ("Robert Shrum, a veteran Democratic
#: strategist, said"; "President Obama's former chief of staff")
DESCRIPTION_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM", "PART", "ADP", "CCONJ"})


def described_after_quote(tok: Token) -> tuple[tuple[int, int] | None, str]:
    """ "''...,'' Robert Shrum, a veteran Democratic strategist, said": a name and its description set off by
    commas between a quote's closing mark and the cue (at most 16 words, no verb), the name first, and the rule
    "after_quote"; (None, "quoted") where there is none."""
    doc = tok.doc
    end = tok.i
    if end > 0 and doc[end - 1].text == ",":
        end -= 1
    lo = end
    while lo > 0 and end - lo < 16 and (doc[lo - 1].pos_ in DESCRIPTION_POS or doc[lo - 1].text in (",", "(", ")")):
        lo -= 1
    while lo < end and doc[lo].text == ",":
        lo += 1
    if lo >= end or lo == 0 or doc[lo - 1].text not in CLOSING_MARKS or doc[lo].pos_ != "PROPN":
        return None, "quoted"
    if not any(t.text == "," for t in doc[lo:end]):
        return None, "quoted"  # no description: the rule before it reads a bare noun phrase
    return (lo, end), "after_quote"
