"""``newsgraph_amounts_v1``: numbers that count, cost or measure something, with qualifier and counted object.

"At least 155 Chinese nationals" -> value 155, qualifier "at least", object "Chinese nationals", kind "count";
"$5 billion" -> 5e9, unit "USD", kind "money"; "12%" / "12 percent" -> 12, kind "percent"; "three soldiers",
"two dozen", "1.2 million"; "dozens of protesters" -> value 24 (the least "dozens" can mean), qualifier
"dozens of". Numbers inside dates and times (``doc._.ng_dates`` and spaCy DATE/TIME entities), years, ordinals,
clock times and phone-like numbers are not amounts.

Number tokens are found with numpy over the Doc's token attributes; only those few positions are looked at
in Python. The counted
object is read from part-of-speech tags when the Doc has them (the noun phrase after the number, skipping
"of the"), else it is left empty.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import numpy as np
from spacy.attrs import LIKE_NUM, LOWER, SHAPE
from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.nlp.annotations import get_list, register_extensions
from newsgraph.nlp.numbers import DOZEN, ORDINALS, SCALES, parse_number
from newsgraph.records import Amount

LOGGER = logging.getLogger(__name__)

#: qualifiers, longest first when matched; the key is the lower-cased words before the number
QUALIFIERS = (
    "no fewer than", "no more than", "no less than", "as many as", "as much as", "as few as", "as little as",
    "upwards of", "more than", "less than", "fewer than", "at least", "at most", "up to", "close to", "just over",
    "just under", "well over", "nearly", "almost", "about", "around", "roughly", "approximately", "approx.",
    "some", "over", "under", "an estimated", "estimated", "only", "just", "exactly", "below", "above",
    "barely", "between",
)
_QUALIFIER_WORDS = {q: q.split() for q in sorted(set(QUALIFIERS), key=lambda q: -len(q.split()))}
_QUALIFIERS_BY_LAST: dict[str, list[str]] = {}
for _q, _w in _QUALIFIER_WORDS.items():  # longest first within each last word
    _QUALIFIERS_BY_LAST.setdefault(_w[-1], []).append(_q)
#: vague plural counts: word -> least value ("dozens of" means at least 24)
VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000, "millions": 2_000_000,
         "billions": 2_000_000_000, "tens": 20}
CURRENCY_SYMBOLS = {
    "$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY",
    "₴": "UAH", "₽": "RUB", "₹": "INR", "a$": "AUD", "au$": "AUD", "nz$": "NZD", "c$": "CAD", "hk$": "HKD", "rs": "INR", "rs.": "INR",
    "rmb": "CNY", "cny": "CNY", "uah": "UAH", "rub": "RUB", "chf": "CHF", "#": "GBP", "gb#": "GBP",
}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "ruble": "RUB", "rubles": "RUB",
    "rouble": "RUB", "roubles": "RUB", "hryvnia": "UAH", "hryvnias": "UAH", "hryvnas": "UAH", "rupee": "INR",
    "rupees": "INR", "francs": "CHF", "won": "KRW", "shekels": "ILS", "lira": "TRY", "rand": "ZAR", "riyals": "SAR",
}
PERCENT_WORDS = ("%", "percent", "per cent", "pct", "percentage points", "percentage point")
MEASURE_UNITS = {
    "km": "km", "kilometers": "km", "kilometres": "km", "kilometer": "km", "kilometre": "km", "miles": "mi",
    "mile": "mi", "meters": "m", "metres": "m", "meter": "m", "metre": "m", "feet": "ft", "foot": "ft",
    "kg": "kg", "kilograms": "kg", "kilogram": "kg", "tons": "t", "tonnes": "t", "ton": "t", "tonne": "t",
    "barrels": "bbl", "barrel": "bbl", "hectares": "ha", "hectare": "ha", "acres": "acre", "acre": "acre",
    "liters": "l", "litres": "l", "gallons": "gal", "mw": "MW", "megawatts": "MW", "gw": "GW", "gigawatts": "GW",
    "kwh": "kWh", "degrees": "deg", "points": "points", "km2": "km2", "sq": "sq", "square": "sq", "gb": "GB",
    "mph": "mph", "km/h": "km/h", "inch": "in", "inches": "in", "cm": "cm", "centimeters": "cm",
    "centimetres": "cm", "mm": "mm", "millimeters": "mm", "millimetres": "mm", "gigabytes": "GB", "tb": "TB",
    "terabytes": "TB", "megapixel": "MP", "megapixels": "MP", "calibre": "mm", "caliber": "mm",
}
#: words after "<number>-" that make the number a count: "a 5,000-strong force", "a 300-member parliament"
_HYPHEN_COUNT = {"strong", "man", "member", "person", "seat", "people"}
_NUM_SUFFIX = re.compile(r"^\d+(?:\.\d+)?(?:bn|mln|bln|tn|m|k)$", re.IGNORECASE)
#: shapes of "5bn", "1.2m", "300k" (checked again by parse_number); Matcher REGEX predicates are slow
_NUM_SUFFIX_SHAPES = [d + x for d in ("d", "dd", "ddd", "d.d", "d.dd", "dd.d") for x in ("x", "xx", "xxx")]
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.IGNORECASE)
_CLOCK = re.compile(r"^\d{1,2}:\d{2}$")
_YEAR_PREPS = {"in", "since", "by", "until", "till", "of", "from", "during", "before", "after", "through", "early",
               "late", "mid", "between", "and", "to", "fiscal", "year", "the"}
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
    default_config={"skip_years": True, "max_object_tokens": 5, "skip_bare_one": True},
    assigns=["doc._.ng_amounts"],
    requires=[],
)
def make_amounts(
    nlp: Language, name: str, skip_years: bool, max_object_tokens: int, skip_bare_one: bool
) -> AmountsComponent:
    register_extensions()
    return AmountsComponent(
        nlp, skip_years=skip_years, max_object_tokens=max_object_tokens, skip_bare_one=skip_bare_one
    )


class AmountsComponent:
    """Writes ``Amount`` records to ``doc._.ng_amounts``.

    ``skip_years``: a four-digit number 1900-2100 introduced like a year ("in 2019") is not an amount;
    ``max_object_tokens``: longest counted object; ``skip_bare_one``: "one" without a counted noun ("one of
    them", "no one") is not an amount.
    """

    def __init__(self, nlp: Language, *, skip_years: bool = True, max_object_tokens: int = 5,
                 skip_bare_one: bool = True) -> None:
        self.skip_years = skip_years
        self.max_object_tokens = max_object_tokens
        self.skip_bare_one = skip_bare_one
        strings = nlp.vocab.strings
        self.scale_words = _hash_array(strings, _SCALE_WORDS)
        self.suffix_shapes = _hash_array(strings, _NUM_SUFFIX_SHAPES)
        self.vague_words = _hash_array(strings, VAGUE)
        self.of = strings.add("of")

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
        numeric = (arr[:, 0] == 1) | _member(arr[:, 1], self.scale_words)
        for i in np.flatnonzero(_member(arr[:, 2], self.suffix_shapes) & ~numeric).tolist():
            numeric[i] = bool(_NUM_SUFFIX.match(doc[i].text))  # "5bn" yes, "777s" (the plane) no
        next_is_of = np.zeros(len(doc), dtype=bool)
        next_is_of[:-1] = arr[1:, 1] == self.of
        vague = np.flatnonzero(_member(arr[:, 1], self.vague_words) & next_is_of).tolist()
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
        blocked: set[int] = set()
        for ent in doc.ents:
            if ent.label_ in ("DATE", "TIME", "ORDINAL"):
                blocked.update(range(ent.start, ent.end))
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
        kind, unit = "count", None
        rule = "number"
        # currency before: "$ 5", "US$ 2.7"
        left = start
        if left > 0 and doc[left - 1].lower_ in CURRENCY_SYMBOLS:
            left -= 1
            kind, unit, rule = "money", CURRENCY_SYMBOLS[doc[left].lower_], "money_symbol"
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
            if hyphen_word not in MEASURE_UNITS and hyphen_word.rstrip("s") not in MEASURE_UNITS and (
                hyphen_word not in _HYPHEN_COUNT
            ):
                return None
        nxt = doc[right].lower_ if right < len(doc) else ""
        nxt2 = doc[right : right + 2].text.lower() if right + 1 < len(doc) else ""
        if nxt2 in PERCENT_WORDS:
            kind, unit, rule, right = "percent", "%", "percent", right + 2
        elif nxt in PERCENT_WORDS:
            kind, unit, rule, right = "percent", "%", "percent", right + 1
        elif nxt in ("cents", "cent") and kind == "count":
            kind, unit, rule, right = "money", "USD", "money_cents", right + 1
            value /= 100
        elif nxt in CURRENCY_WORDS:
            unit = unit or CURRENCY_WORDS[nxt]
            kind, rule, right = "money", "money_word", right + 1
        elif nxt in CURRENCY_SYMBOLS and nxt not in ("#",) and kind != "money" and doc[right].is_upper:
            kind, unit, rule, right = "money", CURRENCY_SYMBOLS[nxt], "money_code", right + 1
        elif kind == "count" and nxt in MEASURE_UNITS:
            kind, unit, rule, right = "quantity", MEASURE_UNITS[nxt], "measure", right + 1
        elif kind == "count" and hyphen_word:
            unit = MEASURE_UNITS.get(hyphen_word) or MEASURE_UNITS.get(hyphen_word.rstrip("s"))
            kind, rule, right = ("quantity", "measure_hyphen", right + 2) if unit else ("count", "number", right + 2)
        elif kind == "count" and nxt == "times":
            kind, unit, rule, right = "quantity", "times", "multiplier", right + 1
        if kind == "count" and self.skip_years and not ranged and _is_year(doc, start, end, value):
            return None
        left, qualifier = _qualifier(doc, left)
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
        value = float(VAGUE[word])
        qualifier_words = [word, "of"]
        if end + 1 < len(doc) and doc[end].lower_ in VAGUE and doc[end + 1].lower_ == "of":
            # "tens of thousands of": 20 x 1,000; "hundreds of thousands of": 200 x 1,000
            second = doc[end].lower_
            value = VAGUE[word] * VAGUE[second] / 2
            qualifier_words += [second, "of"]
            end += 2
        elif word == "tens":
            return None
        obj = self._object(doc, end, "count")
        if obj is None:
            return None
        return _Found(start, end, value, " ".join(qualifier_words), "count", None, obj, "vague_plural")

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


def _hash_array(strings, words) -> np.ndarray:  # type: ignore[no-untyped-def]
    return np.array(sorted({strings.add(w) for w in words}), dtype=np.uint64)


def _member(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """``np.isin`` for a sorted array, by binary search."""
    idx = np.searchsorted(sorted_set, values)
    idx[idx == len(sorted_set)] = 0
    return sorted_set[idx] == values


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


def _qualifier(doc: Doc, left: int) -> tuple[int, str | None]:
    if left == 0:
        return left, None
    for q in _QUALIFIERS_BY_LAST.get(doc[left - 1].lower_, ()):
        words = _QUALIFIER_WORDS[q]
        k = len(words)
        if left - k < 0 or [t.lower_ for t in doc[left - k : left]] != words:
            continue
        if q == "some" and left - k > 0 and doc[left - k - 1].lower_ in ("for",):
            continue
        return left - k, q
    return left, None


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


__all__ = ["AmountsComponent", "QUALIFIERS", "VAGUE"]
