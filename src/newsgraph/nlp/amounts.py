"""``newsgraph_amounts_v1``: numbers that count, cost or measure something, with qualifier and counted object.

"At least 155 Chinese nationals" -> value 155, qualifier "at least", object "Chinese nationals", kind "count";
"$5 billion" -> 5e9, unit "USD", kind "money"; "12%" / "12 percent" -> 12, kind "percent"; "three soldiers",
"two dozen", "1.2 million"; "dozens of protesters" -> value 24 (the least "dozens" can mean), qualifier
"dozens of". Numbers inside dates and times (``doc._.ng_dates`` and spaCy DATE/TIME entities), years, ordinals,
clock times and phone-like numbers are not amounts.

Qualifiers, vague plurals, currencies, percent words and units are data: knowledge/amounts.tsv, extended by an
amounts.tsv in the ``knowledge_dir`` folder. Number tokens are found with numpy over the Doc's token attributes; only those few positions are looked at
in Python. The counted
object is read from part-of-speech tags when the Doc has them (the noun phrase after the number, skipping
"of the"), else it is left empty.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import ENT_TYPE, LIKE_NUM, LOWER, SHAPE
from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.errors import SettingsError
from newsgraph.nlp.annotations import get_list, register_extensions
from newsgraph.nlp.idsets import id_set, member
from newsgraph.nlp.knowledge import knowledge_texts, parse_table, word_set
from newsgraph.nlp.numbers import DOZEN, ORDINALS, SCALES, parse_number
from newsgraph.records import Amount

LOGGER = logging.getLogger(__name__)

LEXICON_FILE = "amounts.tsv"
LEXICON_KINDS = ("qualifier", "vague", "currency_symbol", "currency_word", "percent", "measure", "hyphen_count")


@dataclass(slots=True)
class AmountLexicon:
    """The words around numbers, from knowledge/amounts.tsv (plus a user's file)."""

    qualifiers: dict[str, list[str]] = field(default_factory=dict)  # qualifier -> its words
    by_last_word: dict[str, list[str]] = field(default_factory=dict)  # last word -> qualifiers, longest first
    vague: dict[str, float] = field(default_factory=dict)
    currency_symbols: dict[str, str] = field(default_factory=dict)
    currency_words: dict[str, str] = field(default_factory=dict)
    percent: set[str] = field(default_factory=set)
    measures: dict[str, str] = field(default_factory=dict)
    hyphen_count: set[str] = field(default_factory=set)

    def add(self, kind: str, phrase: str, value: str, origin: str) -> None:
        if kind == "qualifier":
            self.qualifiers[phrase] = phrase.split()
        elif kind == "vague":
            self.vague[phrase] = float(value)
        elif kind == "currency_symbol":
            self.currency_symbols[phrase] = value
        elif kind == "currency_word":
            self.currency_words[phrase] = value
        elif kind == "percent":
            self.percent.add(phrase)
        elif kind == "measure":
            self.measures[phrase] = value
        elif kind == "hyphen_count":
            self.hyphen_count.add(phrase)
        else:
            raise SettingsError(f"{origin}: unknown kind {kind!r}; known: {', '.join(LEXICON_KINDS)}")

    def finish(self) -> AmountLexicon:
        self.by_last_word = {}
        for q, words in sorted(self.qualifiers.items(), key=lambda kv: -len(kv[1])):
            self.by_last_word.setdefault(words[-1], []).append(q)
        return self


def read_amount_lexicon(lexicon: AmountLexicon, text: str, name: str) -> AmountLexicon:
    """Add the entries of one amounts.tsv text to ``lexicon``; a bad line is an error naming it."""
    for row in parse_table(text, name, ("kind", "phrase", "value"), required=0):
        kind, phrase, value = row.cells
        if row.width != 3 or not phrase:
            raise row.error(f"expected 'kind<TAB>phrase<TAB>value', got {row.raw!r}")
        try:
            lexicon.add(kind, phrase.lower(), value, row.origin)
        except ValueError as exc:
            raise row.error(f"bad value in {row.raw!r}: {exc}") from exc
    return lexicon


def load_amount_lexicon(knowledge_dir: str | None = None) -> AmountLexicon:
    """The bundled knowledge/amounts.tsv plus ``<knowledge_dir>/amounts.tsv`` if there is one."""
    lexicon = AmountLexicon()
    for name, text in knowledge_texts(LEXICON_FILE, knowledge_dir):
        read_amount_lexicon(lexicon, text, name)
    return lexicon.finish()


_NUM_SUFFIX = re.compile(r"^\d+(?:\.\d+)?(?:bn|mln|bln|tn|m|k)$", re.IGNORECASE)
#: shapes of "5bn", "1.2m", "300k" (checked again by parse_number); Matcher REGEX predicates are slow
_NUM_SUFFIX_SHAPES = [d + x for d in ("d", "dd", "ddd", "d.d", "d.dd", "dd.d") for x in ("x", "xx", "xxx")]
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.IGNORECASE)
_CLOCK = re.compile(r"^\d{1,2}:\d{2}$")
#: words before a four-digit number that make it a year: knowledge/year_words.tsv
_YEAR_PREPS = word_set("year_words.tsv", "used_by", "amounts")
_OBJECT_POS = {"ADJ", "NOUN", "PROPN", "NUM"}
_NOUN_POS = {"NOUN", "PROPN"}
_SCALE_WORDS = sorted(set(SCALES) - {"m", "k"} | set(DOZEN))


@dataclass(slots=True)
class _Found:
    start: int  # token indices, end exclusive
    end: int
    value: float
    qualifier: str | None
    kind: str
    unit: str | None
    obj: tuple[int, int] | None  # token range of the counted object
    rule: str


@Language.factory(
    "newsgraph_amounts_v1",
    default_config={"skip_years": True, "max_object_tokens": 5, "skip_bare_one": True, "knowledge_dir": None},
    assigns=["doc._.ng_amounts"],
    requires=["doc._.ng_dates", "doc.ents", "token.ent_type", "token.pos", "token.tag", "token.is_sent_start"],
)
def make_amounts(
    nlp: Language, name: str, skip_years: bool, max_object_tokens: int, skip_bare_one: bool,
    knowledge_dir: str | None,
) -> AmountsComponent:
    register_extensions()
    return AmountsComponent(
        nlp, load_amount_lexicon(knowledge_dir), skip_years=skip_years, max_object_tokens=max_object_tokens,
        skip_bare_one=skip_bare_one,
    )


class AmountsComponent:
    """Writes ``Amount`` records to ``doc._.ng_amounts``.

    ``skip_years``: a four-digit number 1900-2100 introduced like a year ("in 2019") is not an amount;
    ``max_object_tokens``: longest counted object; ``skip_bare_one``: "one" without a counted noun ("one of
    them", "no one") is not an amount; ``knowledge_dir``: folder with an extra amounts.tsv.
    """

    def __init__(self, nlp: Language, lexicon: AmountLexicon | None = None, *, skip_years: bool = True,
                 max_object_tokens: int = 5, skip_bare_one: bool = True) -> None:
        self.lex = lexicon or load_amount_lexicon()
        self.skip_years = skip_years
        self.max_object_tokens = max_object_tokens
        self.skip_bare_one = skip_bare_one
        strings = nlp.vocab.strings
        self.scale_words = id_set(strings, _SCALE_WORDS)
        self.suffix_shapes = id_set(strings, _NUM_SUFFIX_SHAPES)
        self.vague_words = id_set(strings, self.lex.vague)
        self.of = strings.add("of")
        self.blocking_labels = id_set(strings, ("DATE", "TIME", "ORDINAL"))

    def __call__(self, doc: Doc) -> Doc:
        amounts = get_list(doc, "ng_amounts")
        amounts[:] = [self._record(doc, f) for f in self.find(doc)]
        return doc

    # ---- finding -----------------------------------------------------------------------------------------

    def find(self, doc: Doc) -> list[_Found]:
        if len(doc) == 0:
            return []
        # number tokens and "dozens of"-style words, found with numpy over token attributes (no token loop)
        arr = doc.to_array([LIKE_NUM, LOWER, SHAPE]).astype(np.uint64)
        numeric = (arr[:, 0] == 1) | member(arr[:, 1], self.scale_words)
        for i in np.flatnonzero(member(arr[:, 2], self.suffix_shapes) & ~numeric).tolist():
            numeric[i] = bool(_NUM_SUFFIX.match(doc[i].text))  # "5bn" yes, "777s" (the plane) no
        next_is_of = np.zeros(len(doc), dtype=bool)
        next_is_of[:-1] = arr[1:, 1] == self.of
        vague = np.flatnonzero(member(arr[:, 1], self.vague_words) & next_is_of).tolist()
        if not numeric.any() and not vague:
            return []
        blocked = self._blocked(doc)
        number_tokens = [i for i in np.flatnonzero(numeric).tolist() if i not in blocked]
        runs = _runs(doc, number_tokens)
        found: list[_Found] = []
        consumed = -1
        for start, end in runs:
            if start < consumed:
                continue
            item = self._amount(doc, start, end, runs)
            if item is not None:
                found.append(item)
                consumed = item.end
        taken = {i for f in found for i in range(f.start, f.end)}
        for start in vague:
            if start in taken or start in blocked:
                continue
            item = self._vague(doc, start)
            if item is not None:
                found.append(item)
                taken.update(range(item.start, item.end))
        found.sort(key=lambda f: f.start)
        return found

    def _blocked(self, doc: Doc) -> set[int]:
        """Token indices inside dates, times and ordinals."""
        # every token of an entity carries its label: read them as one array instead of building doc.ents
        ent_types = doc.to_array([ENT_TYPE]).astype(np.uint64)
        blocked: set[int] = set(np.flatnonzero(member(ent_types, self.blocking_labels)).tolist())
        dates = doc._.ng_dates or []
        if dates:
            for d in dates:
                span = doc.char_span(d.start, d.end, alignment_mode="expand")
                if span is not None:
                    blocked.update(range(span.start, span.end))
        return blocked

    def _amount(self, doc: Doc, start: int, end: int, runs: list[tuple[int, int]]) -> _Found | None:
        words = [t.text for t in doc[start:end]]
        if _phone_like(doc, start, end):
            return None
        if any(_ORDINAL.match(w) or w.lower() in ORDINALS for w in words) or any(_CLOCK.match(w) for w in words):
            return None
        value = parse_number(words)
        if value is None:
            return None
        lex = self.lex
        kind, unit = "count", None
        rule = "number"
        # currency before: "$ 5", "US$ 2.7"
        left = start
        if left > 0 and doc[left - 1].lower_ in lex.currency_symbols:
            left -= 1
            kind, unit, rule = "money", lex.currency_symbols[doc[left].lower_], "money_symbol"
            if left > 0 and doc[left - 1].text in ("US", "U.S.", "A", "C", "HK") and doc[left].text == "$":
                left -= 1
        right = end
        ranged = False
        joiners = ("-", "to", "–", "and") if left > 0 and doc[left - 1].lower_ == "between" else ("-", "to", "–")
        if right + 1 < len(doc) and doc[right].lower_ in joiners and any(r[0] == right + 1 for r in runs):
            second = next(r for r in runs if r[0] == right + 1)
            if parse_number([t.text for t in doc[second[0] : second[1]]]) is not None:
                right, ranged = second[1], True  # "20-25 percent", "20 to 25 percent": the lower bound
        hyphen_word = ""
        if not ranged and right + 1 < len(doc) and doc[right].text == "-" and not doc[right - 1].whitespace_:
            # "a 2,000-kilometer border", "a 5,000-strong force"; "a 10-year-old boy" counts nothing
            hyphen_word = doc[right + 1].lower_
            if hyphen_word not in lex.measures and hyphen_word.rstrip("s") not in lex.measures and (
                hyphen_word not in lex.hyphen_count
            ):
                return None
        nxt = doc[right].lower_ if right < len(doc) else ""
        nxt2 = doc[right : right + 2].text.lower() if right + 1 < len(doc) else ""
        if nxt2 in lex.percent:
            kind, unit, rule, right = "percent", "%", "percent", right + 2
        elif nxt in lex.percent:
            kind, unit, rule, right = "percent", "%", "percent", right + 1
        elif nxt in ("cents", "cent") and kind == "count":
            kind, unit, rule, right = "money", "USD", "money_cents", right + 1
            value /= 100
        elif nxt in lex.currency_words:
            unit = unit or lex.currency_words[nxt]
            kind, rule, right = "money", "money_word", right + 1
        elif nxt in lex.currency_symbols and nxt not in ("#",) and kind != "money" and doc[right].is_upper:
            kind, unit, rule, right = "money", lex.currency_symbols[nxt], "money_code", right + 1
        elif kind == "count" and nxt in lex.measures:
            kind, unit, rule, right = "quantity", lex.measures[nxt], "measure", right + 1
        elif kind == "count" and hyphen_word:
            unit = lex.measures.get(hyphen_word) or lex.measures.get(hyphen_word.rstrip("s"))
            kind, rule, right = ("quantity", "measure_hyphen", right + 2) if unit else ("count", "number", right + 2)
        elif kind == "count" and nxt == "times":
            kind, unit, rule, right = "quantity", "times", "multiplier", right + 1
        if kind == "count" and self.skip_years and not ranged and _is_year(doc, start, end, value):
            return None
        left, qualifier = self._qualifier(doc, left)
        if ranged:
            qualifier, rule = qualifier or "between", rule + "+range"
        obj = self._object(doc, right, kind)
        if self.skip_bare_one and kind == "count" and value == 1 and qualifier is None and obj is None:
            return None
        if kind == "count" and _part_of_name(doc, start):
            return None
        if kind == "count" and obj is None and qualifier is None and _model_number(doc, start):
            return None
        return _Found(left, right, value, qualifier, kind, unit, obj, rule)

    def _vague(self, doc: Doc, start: int) -> _Found | None:
        """"dozens of soldiers", "tens of thousands of people"."""
        word = doc[start].lower_
        end = start + 2
        value = self.lex.vague[word]
        qualifier_words = [word, "of"]
        if end + 1 < len(doc) and doc[end].lower_ in self.lex.vague and doc[end + 1].lower_ == "of":
            # "tens of thousands of": 20 x 1,000; "hundreds of thousands of": 200 x 1,000
            second = doc[end].lower_
            value = self.lex.vague[word] * self.lex.vague[second] / 2
            qualifier_words += [second, "of"]
            end += 2
        elif word == "tens":
            return None
        obj = self._object(doc, end, "count")
        if obj is None:
            return None
        return _Found(start, end, value, " ".join(qualifier_words), "count", None, obj, "vague_plural")

    def _qualifier(self, doc: Doc, left: int) -> tuple[int, str | None]:
        if left == 0:
            return left, None
        for q in self.lex.by_last_word.get(doc[left - 1].lower_, ()):
            words = self.lex.qualifiers[q]
            k = len(words)
            if left - k < 0 or [t.lower_ for t in doc[left - k : left]] != words:
                continue
            if q == "some" and left - k > 0 and doc[left - k - 1].lower_ in ("for",):
                continue
            return left - k, q
        return left, None

    def _object(self, doc: Doc, i: int, kind: str) -> tuple[int, int] | None:
        """Token range of the counted noun phrase at token i ("Chinese nationals"; "of the soldiers" -> "soldiers")."""
        n = len(doc)
        if i < n and doc[i].lower_ == "of" and kind in ("count", "percent", "quantity"):
            i += 1
            if i < n and doc[i].lower_ in ("the", "its", "their", "his", "her", "our", "those", "these"):
                i += 1
        elif kind == "percent":
            return None
        while i < n and doc[i].like_num and i + 1 < n and not doc[i + 1].like_num:
            i += 1  # "3 of the 10 hostages" -> "hostages"
        if not doc.has_annotation("POS"):
            return self._object_no_pos(doc, i)
        j = i
        last_noun = -1
        while j < n and j - i < self.max_object_tokens:
            tok = doc[j]
            if tok.pos_ in _OBJECT_POS and not (tok.pos_ == "NUM" and j == i):
                if tok.pos_ in _NOUN_POS:
                    last_noun = j
                j += 1
            elif tok.text == "-" and j + 1 < n and doc[j + 1].pos_ in _OBJECT_POS:
                j += 1
            else:
                break
        if last_noun < i:
            return None
        return i, last_noun + 1

    def _object_no_pos(self, doc: Doc, i: int) -> tuple[int, int] | None:
        j = i
        while j < len(doc) and j - i < 3 and doc[j].is_alpha and not doc[j].is_stop:
            j += 1
        if j == i:
            return None
        return i, j

    def _record(self, doc: Doc, f: _Found) -> Amount:
        span = doc[f.start : f.end]
        obj = doc[f.obj[0] : f.obj[1]] if f.obj else None
        return Amount(
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            value=f.value,
            qualifier=f.qualifier,
            object=obj.text if obj is not None else None,
            kind=f.kind,
            unit=f.unit,
            rule=f.rule,
        )


def _runs(doc: Doc, positions: list[int]) -> list[tuple[int, int]]:
    """Group number tokens into phrases: "1.2 million", "two dozen", "forty - five"."""
    runs: list[tuple[int, int]] = []
    for i in positions:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        elif runs and runs[-1][1] == i - 1 and doc[i - 1].text == "-" and _word_number(doc[i - 1 - 1]):
            runs[-1] = (runs[-1][0], i + 1)  # "forty-five" tokenised as forty - five
        else:
            runs.append((i, i + 1))
    # a run may not start with a scale word alone ("million" after a non-number): parse_number rejects those
    return runs


def _word_number(tok: Token) -> bool:
    return tok.is_alpha and tok.like_num


def _is_year(doc: Doc, start: int, end: int, value: float) -> bool:
    if end - start != 1 or not re.fullmatch(r"\d{4}", doc[start].text):
        return False
    if not 1900 <= value <= 2100:
        return False
    prev = doc[start - 1].lower_ if start > 0 else ""
    nxt = doc[end] if end < len(doc) else None
    if prev in _YEAR_PREPS or (nxt is not None and nxt.is_punct) or nxt is None:
        return True
    return not (nxt.pos_ in _NOUN_POS and nxt.tag_ in ("NNS", "NNPS"))


def _part_of_name(doc: Doc, start: int) -> bool:
    """"Boeing 737", "Resolution 2231", "No. 5", "G7": a number right after a capitalised name word."""
    if start == 0:
        return False
    prev = doc[start - 1]
    if prev.lower_ in ("no.", "#", "number", "article", "resolution", "flight", "route", "chapter"):
        return True
    if not (prev.is_title and prev.is_alpha) or prev.is_sent_start:
        return False
    return prev.pos_ == "PROPN" if doc.has_annotation("POS") else True


def _model_number(doc: Doc, start: int) -> bool:
    """A bare number after "the", a possessive, a name or a hyphen: "the 787", "Boeing's 787", "S&P 500",
    "number-one"."""
    if start == 0:
        return False
    prev = doc[start - 1]
    return prev.lower_ in ("the", "'s", "’s", "-", "this", "that") or prev.pos_ == "PROPN" or (
        not prev.is_lower and not prev.is_title and prev.is_alpha
    )


def _phone_like(doc: Doc, start: int, end: int) -> bool:
    """"555-1234", "+1 202 555 0100": digit groups joined by hyphens or dots with seven or more digits."""
    lo, hi = max(0, start - 4), min(len(doc), end + 4)
    window = doc[lo:hi].text
    for m in re.finditer(r"\+?\(?\d[\d().\- ]{5,}\d", window):
        digits = re.sub(r"\D", "", m.group(0))
        if len(digits) >= 7 and re.search(r"\d[-.)]\s?\d", m.group(0)) and "," not in m.group(0):
            a, b = doc[lo].idx + m.start(), doc[lo].idx + m.end()
            if a < doc[end - 1].idx + len(doc[end - 1]) and doc[start].idx < b:
                return True
    return False


__all__ = ["AmountLexicon", "AmountsComponent", "load_amount_lexicon", "read_amount_lexicon"]
