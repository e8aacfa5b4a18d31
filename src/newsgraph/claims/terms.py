"""Comparable terms of a text: content words stemmed and folded by synonyms, country names as country codes.

The same function reads a stored claim's content and a claim typed by a user, so the two compare term by term.
Stemming is a small suffix stripper (plural, -ed, -ing, final e): "fighting", "fights" and "fight" all become
"fight"; "forces" and "force" become "forc". Terms are never shown to users, only compared.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsgraph.claims.lexicon import Lexicon

TOKEN = re.compile(r"[A-Za-z][A-Za-z'’.\-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")
_VOWELS = set("aeiou")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'.-")
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith(("ies", "ied")) and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("ing") and len(w) >= 6:
        w = w[:-3]
    elif w.endswith("ed") and len(w) >= 5:
        w = w[:-2]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsaeiou":
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


class Termer:
    """text -> sorted comparable terms, with the lexicon's stop words, synonyms and country names."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        # "=nationals" matches that word only (not "national security"); other variants match by stem
        self.exact = {k[1:]: stem(v) for k, v in lexicon.synonyms.items() if k.startswith("=")}
        self.synonyms = {stem(k): stem(v) for k, v in lexicon.synonyms.items() if " " not in k and not k.startswith("=")}
        self.stop = {stem(w) for w in lexicon.stopwords} | set(lexicon.stopwords)
        self.countries = lexicon.countries

    def tokens(self, text: str) -> list[tuple[str, int, int]]:
        return [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]

    def terms(self, text: str) -> list[str]:
        out: set[str] = set()
        toks = [t for t, _, _ in self.tokens(text)]
        i = 0
        while i < len(toks):
            tok = toks[i]
            if tok[:1].isupper():  # a country name or demonym: "China", "Chinese", "United States", "U.S."
                code = None
                for n in (3, 2, 1):
                    if n > len(toks) - i:
                        continue
                    phrase = " ".join(toks[i : i + n]).lower().replace("’", "'").removesuffix("'s")
                    if n == 1 and len(phrase) <= 2 and not tok.isupper():
                        continue
                    hit = next((p for p in (phrase, phrase + ".", phrase.replace(".", "")) if p in self.countries), None)
                    if hit:
                        code = self.countries[hit]
                        break
                if code:
                    out.add("@" + code)
                    i += n
                    continue
            low = tok.lower()
            if low in self.exact:
                out.add(self.exact[low])
            elif low not in self.stop:
                s = stem(low)
                if s and s not in self.stop and (len(s) > 1 or s.isdigit()):
                    out.add(self.synonyms.get(s, s))
            i += 1
        return sorted(out)


    def name_terms(self, text: str) -> set[str]:
        """Terms of the capitalised words that are not countries ("Hamas", "Zelenskyy"): names a match must keep."""
        caps = " ".join(t for t, _, _ in self.tokens(text) if t[:1].isupper())
        return {t for t in self.terms(caps) if not t.startswith("@")}


def coverage(query: set[str], other: set[str]) -> float:
    """Share of the query's terms found in the other set."""
    return len(query & other) / len(query) if query else 0.0


def overlap(a: set[str], b: set[str]) -> float:
    """Overlap coefficient: shared terms over the smaller set."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0
