"""Reading numbers written in words or digits: "155", "1,200", "1.2 million", "two dozen", "forty-five".

Shared by the dates component ("two weeks ago") and the amounts component ("three soldiers", "$5 billion").
Pure functions over strings; no spaCy.
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "mln": 1_000_000, "bln": 1_000_000_000, "bn": 1_000_000_000,
    "m": 1_000_000, "k": 1_000, "tn": 1_000_000_000_000,
}
#: number words that also stand alone as scale words in "two dozen", "a dozen"
DOZEN = {"dozen": 12, "score": 20}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
#: words meaning "one" before a unit: "a week ago", "a dozen"
ONE_WORDS = {"a": 1, "an": 1}

NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(SCALES) | frozenset(DOZEN)

_DIGITS = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_DIGITS_SCALE = re.compile(r"^(\d+(?:\.\d+)?)(k|m|bn|mln|bln|tn)$", re.IGNORECASE)


def parse_digits(word: str) -> float | None:
    """"1,200" -> 1200.0, "3.5" -> 3.5, "5bn" -> 5e9; None for anything else (dates, phone numbers, "1st")."""
    w = word.strip()
    if _DIGITS.match(w):
        return float(w.replace(",", ""))
    m = _DIGITS_SCALE.match(w)
    if m:
        return float(m.group(1)) * SCALES[m.group(2).lower()]
    return None


def parse_number(words: list[str]) -> float | None:
    """The value of a whole number phrase, or None if any word is not part of a number.

    ``["1.2", "million"]`` -> 1.2e6; ``["two", "dozen"]`` -> 24; ``["forty", "-", "five"]`` -> 45;
    ``["a", "hundred"]`` -> 100; ``["three", "hundred", "and", "twenty"]`` -> 320.
    """
    tokens: list[str] = []
    for w in words:
        for part in w.lower().replace("-", " - ").split():
            if part != "-":
                tokens.append(part)
    if not tokens:
        return None
    total = 0.0
    current: float | None = None
    seen = False
    for i, tok in enumerate(tokens):
        digits = parse_digits(tok)
        if digits is not None:
            if current is not None:
                return None  # "3 5": two numbers
            current = digits
            seen = True
        elif tok in UNITS or tok in TENS:
            value = float(UNITS[tok] if tok in UNITS else TENS[tok])
            if current is None:
                current = value
            elif tok in UNITS and current % 10 == 0 and current % 100 >= 20:
                current += value  # "forty five", "three hundred forty five"
            elif current >= 100 and current % 100 == 0:
                current += value  # "three hundred twenty"
            else:
                return None
            seen = True
        elif tok in ONE_WORDS and i == 0 and len(tokens) > 1:
            current = 1.0
        elif tok == "and" and seen:
            continue
        elif tok in DOZEN:
            current = (current if current is not None else 1.0) * DOZEN[tok]
            seen = True
        elif tok in SCALES:
            if current is None or (tok in ("m", "k") and len(tokens) == 1):
                return None
            scale = SCALES[tok]
            if scale == 100:
                current *= 100
            else:
                total += current * scale
                current = None
            seen = True
        else:
            return None
    if not seen:
        return None
    return total + (current or 0.0)


def number_word_to_int(word: str) -> int | None:
    """A single count word or digits, as used in "two weeks ago": "two" -> 2, "12" -> 12, "a" -> 1."""
    w = word.lower()
    if w in ONE_WORDS:
        return 1
    value = parse_number([w])
    if value is None or value != int(value):
        return None
    return int(value)
