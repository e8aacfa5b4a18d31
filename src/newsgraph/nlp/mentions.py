"""Mentions: the shared pronoun and role vocabulary (``knowledge/pronouns.tsv``, ``knowledge/roles.tsv``) and the
noun-phrase helpers the speaker resolver, the quotes component, entities and events read (a mention's token range,
a relative pronoun's antecedent, headline case)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from newsgraph.nlp.knowledge import load_table

PRONOUN_CLASSES = ("male", "female", "plural", "thing", "relative", "first", "second")
ROLE_USES = ("title", "role", "speaker", "event", "honorific", "org")
GENDERS = ("", "m", "f")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The shared words: pronoun classes, role nouns with their gender and canonical role, honorifics."""

    pronouns: dict[str, frozenset[str]]  # class -> words
    event_pronoun_labels: dict[str, tuple[str, ...]]  # pronoun -> entity labels events may resolve it to
    uses: dict[str, frozenset[str]]  # use (title, role, speaker, event, honorific) -> words
    gender: dict[str, str | None]  # word -> "m" / "f" / None
    aliases: dict[str, str]  # word -> canonical role ("spokesman" -> "spokesperson")

    def role_gender(self, word: str) -> str | None:
        """The gender a speaker role noun or honorific implies (None: either, or not one)."""
        return self.gender.get(word)


@lru_cache(maxsize=8)
def vocabulary(knowledge_dir: str | Path | None = None) -> Vocabulary:
    """The pronoun and role vocabulary: the bundled ``pronouns.tsv`` and ``roles.tsv``, extended by the ones in
    ``knowledge_dir`` if given (the quotes component's setting); read once per folder."""
    pronouns: dict[str, set[str]] = {c: set() for c in PRONOUN_CLASSES}
    labels: dict[str, tuple[str, ...]] = {}
    for row in load_table("pronouns.tsv", ("word", "class", "event_labels"), knowledge_dir, required=2):
        word, cls, lab = row.cells
        if cls not in pronouns:
            raise row.error(f"unknown pronoun class {cls!r} (one of {', '.join(PRONOUN_CLASSES)})")
        pronouns[cls].add(word.lower())
        if lab:
            labels[word.lower()] = tuple(x for x in lab.split("|") if x)
    uses: dict[str, set[str]] = {u: set() for u in ROLE_USES}
    gender: dict[str, str | None] = {}
    aliases: dict[str, str] = {}
    for row in load_table("roles.tsv", ("word", "gender", "role", "uses"), knowledge_dir, required=1):
        word, g, role, use = row.cells
        word = word.lower()
        if g not in GENDERS:
            raise row.error(f"gender must be m, f or empty, got {g!r}")
        for u in filter(None, use.split("|")):
            if u not in uses:
                raise row.error(f"unknown use {u!r} (one of {', '.join(ROLE_USES)})")
            uses[u].add(word)
        gender[word] = g or None
        if role:
            aliases[word] = role
    return Vocabulary(
        {c: frozenset(w) for c, w in pronouns.items()},
        labels,
        {u: frozenset(w) for u, w in uses.items()},
        gender,
        aliases,
    )


def headline_case(line: str, min_words: int = 3) -> bool:
    """Title case: of the words of four letters or more, at least ``min_words`` and all but a fifth capitalised
    ("Trump Claims Victory In Iowa Caucus"; not "Iraq says key Islamic State leader is dead")."""
    words = [w for w in _WORDS.findall(line) if len(w) >= 4]
    return len(words) >= min_words and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


_WORDS = re.compile(r"[^\W\d_][\w'’-]*")


#: dependency labels kept when a mention is cut down from its head (no relative clauses, no prepositions)
NP_DEPS = {
    "compound", "amod", "det", "poss", "nmod", "nummod", "flat", "conj", "cc", "appos", "case", "quantmod",
    "punct", "prt",
}


#: dependency labels followed through a role's noun phrase when looking for the person holding it
PHRASE_DEPS = {"prep", "pobj", "appos", "compound", "flat", "poss", "nmod", "amod", "det", "case"}


def mention_range(head: Token) -> tuple[int, int]:
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
    # a head that is punctuation to spaCy but a word ("42%") stays
    while hi > lo and (doc[hi].is_punct or doc[hi].dep_ == "cc") and not (hi == head.i and head.text == "%"):
        hi -= 1
    while lo < hi and doc[lo].is_punct:
        lo += 1
    return lo, hi + 1


def relative_antecedent(tok: Token) -> Token | None:
    """ "an architect who said ...": the noun a relative pronoun stands for (its clause's head), else None."""
    if tok.lower_ in vocabulary().pronouns["relative"] and tok.head.dep_ == "relcl":
        return tok.head.head
    return None
