"""``newsgraph_dates_v1``: date and time expressions with TIMEX3-style values.

Candidates come from spaCy's DATE/TIME entities and from this module's own token patterns (weekdays, months,
"yesterday", "last week", "three days ago", "the third quarter", "now", clock times). Each candidate is
normalised against the publication date ``doc._.ng_published`` (the anchor); candidates that do not normalise
(durations such as "two years", ages, "We", the modal verb "may") are dropped, and overlapping ones are
resolved longest first.

Values follow TIMEX3 (TimeML 1.2): "2025-04-08", "2025-04", "2025", "2025-W15", "2025-W15-WE" (weekend),
"2025-Q2", "2025-H1", "2025-SU" (season), "199" (the 1990s), "19" (the 20th century),
"2025-04-08TMO" (morning; TAF afternoon, TEV evening, TNI night), "2025-04-08T22:00", and "PRESENT_REF",
"PAST_REF", "FUTURE_REF" for "now", "recently", "the future".

Without an anchor only values that do not depend on it are produced ("April 2025", "2019", "the 1990s", "now").
Weekdays and month names without a year resolve to the nearest one before (or at) the publication date, or
after it when the governing verb is in the future tense ("will meet on Tuesday").
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, LOWER, SHAPE
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from newsgraph.nlp.annotations import get_list, register_extensions
from newsgraph.nlp.idsets import id_set, member
from newsgraph.nlp.knowledge import load_kinds, word_set
from newsgraph.nlp.numbers import number_word_to_int
from newsgraph.records import DateMention

LOGGER = logging.getLogger(__name__)

#: date words analysts may edit: knowledge/date_words.tsv (kind, word, value)
DATE_WORD_KINDS = ("month", "weekday", "relative", "unit", "quarter", "half", "ref", "part_of_day", "season",
                   "decade", "leading", "timezone", "future_head")
_DATE_WORDS = load_kinds("date_words.tsv", DATE_WORD_KINDS)
MONTHS = {w: int(v) for w, v in _DATE_WORDS["month"].items()}
WEEKDAYS = {w: int(v) for w, v in _DATE_WORDS["weekday"].items()}
PART_OF_DAY = _DATE_WORDS["part_of_day"]
SEASONS = _DATE_WORDS["season"]
REFS = _DATE_WORDS["ref"]
DECADE_WORDS = {w: int(v) for w, v in _DATE_WORDS["decade"].items()}
#: words stripped from the front of a candidate before it is read ("early 1990s" is the 1990s)
_LEADING = set(_DATE_WORDS["leading"])
_TIMEZONES = set(_DATE_WORDS["timezone"])
#: "planned to leave on Thursday", "is scheduled to meet Tuesday": an infinitive under these looks ahead
FUTURE_HEADS = set(_DATE_WORDS["future_head"])
#: the month each season ends in (winter ends in February of the next year)
SEASON_END = {"SP": 5, "SU": 8, "FA": 11, "WI": 2}
_RELATIVE = {w: int(v) for w, v in _DATE_WORDS["relative"].items()}
_UNITS = _DATE_WORDS["unit"]
_PLURAL_UNITS = {"days", "weeks", "months", "years", "decades"}
_QUARTER_ORD = {w: int(v) for w, v in _DATE_WORDS["quarter"].items()}
_HALF_ORD = {w: int(v) for w, v in _DATE_WORDS["half"].items()}
_CLOCK = re.compile(
    r"(?:\b(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ap>a\.?\s?m\.?|p\.?\s?m\.?)(?=\s|$|,)"
    r"|\b(?P<h24>\d{1,2}):(?P<m24>\d{2})\b|\b(?P<word>noon|midday|midnight)\b)"
)
_WORD = re.compile(r"[a-z]+\.?|'\d{2}s|\d{3}0s|\d+(?:st|nd|rd|th)?|[-/]|\S")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")

FUTURE_AUX = {"will", "'ll", "shall", "wo", "would"}
_ABBREV_MONTHS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}

# ---------------------------------------------------------------------------------------------------------------
# normalisation: text -> TIMEX3 value


@dataclass(frozen=True, slots=True)
class Normalised:
    value: str
    rule: str


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + delta
    return n // 12, n % 12 + 1


def _year_for_month(month: int, day: int | None, anchor: dt.date, direction: int) -> int:
    """The year of a month (and day) named without one: the nearest at/before the anchor, or after it."""
    year = anchor.year
    key = (month, day or 1)
    if direction == 0:  # tense unknown: the nearest such month, ties to the past
        return min((year - 1, year, year + 1), key=lambda y: (abs((y - anchor.year) * 12 + month - anchor.month),
                                                               y > anchor.year))
    if direction < 0 and key > (anchor.month, anchor.day) and month - anchor.month > 1:
        return year - 1
    if direction > 0 and key < (anchor.month, anchor.day) and anchor.month - month > 1:
        return year + 1
    return year


def _weekday_date(weekday: int, anchor: dt.date, direction: int, shift: int = 0) -> dt.date:
    """The weekday nearest the anchor: at/before it for past (and unknown) tense, at/after it for future."""
    if shift < 0:  # "last Tuesday": the one before the anchor
        delta = (anchor.weekday() - weekday) % 7 or 7
        return anchor - dt.timedelta(days=delta)
    if shift > 0:  # "next Tuesday"
        delta = (weekday - anchor.weekday()) % 7 or 7
        return anchor + dt.timedelta(days=delta)
    if direction > 0:
        return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def _words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"(?<=\w)-(?=\w)", " - ", text)
    words = _WORD.findall(text)
    return [w for w in words if w not in {",", "-", "'s", "'", "s"}]


def _strip_leading(words: list[str]) -> list[str]:
    i = 0
    while i < len(words) - 1 and words[i] in _LEADING:
        i += 1
    while len(words) > i + 1 and words[-1] in {"'s", ".", "'", "s"}:
        words = words[:-1]
    return words[i:]


def _part_of_day(words: list[str]) -> tuple[list[str], str]:
    if len(words) > 1 and words[-1] in PART_OF_DAY:
        return words[:-1], "T" + PART_OF_DAY[words[-1]]
    if len(words) > 1 and words[0] in PART_OF_DAY:  # "mid-afternoon yesterday" -> "afternoon yesterday"
        return words[1:], "T" + PART_OF_DAY[words[0]]
    return words, ""


def _year(word: str) -> int | None:
    if re.fullmatch(r"\d{4}", word):
        y = int(word)
        if 1000 <= y <= 2199:
            return y
    return None


def _day(word: str) -> int | None:
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", word)
    if m and 1 <= int(m.group(1)) <= 31:
        return int(m.group(1))
    return None


def _date_value(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def normalise(text: str, anchor: dt.date | None, direction: int = 0) -> Normalised | None:
    """TIMEX3 value of a date/time expression, or None if it is not one (or needs an anchor we lack).

    ``direction``: -1 past tense, +1 future tense, 0 unknown (read as past, the news default).
    """
    raw = " ".join(text.lower().split()).replace("’", "'")
    raw = raw.strip(" .,;:")
    if raw in REFS:
        return Normalised(REFS[raw], "ref")
    iso = _ISO.fullmatch(raw)
    if iso and (value := _date_value(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))):
        return Normalised(value, "iso")
    # clock times: "10 p.m.", "9 a.m. EST Tuesday", "noon"
    clock = _CLOCK.search(raw)
    if clock:
        return _normalise_clock(raw, clock, anchor, direction)
    words = _strip_leading(_words(raw))
    if not words:
        return None
    if " ".join(words) in REFS:
        return Normalised(REFS[" ".join(words)], "ref")
    return _normalise_words(words, anchor, direction)


def _normalise_clock(raw: str, clock: re.Match[str], anchor: dt.date | None, direction: int) -> Normalised | None:
    if clock.group("word"):
        hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[clock.group("word")]
    elif clock.group("h24"):
        hour, minute = int(clock.group("h24")), int(clock.group("m24"))
        if hour > 23 or minute > 59:
            return None
    else:
        hour, minute = int(clock.group("h")), int(clock.group("m") or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        pm = clock.group("ap").startswith("p")
        hour = (hour % 12) + (12 if pm else 0)
    rest = (raw[: clock.start()] + " " + raw[clock.end() :]).strip()
    words = [w for w in _strip_leading(_words(rest)) if w not in _TIMEZONES and w not in {"on", "at", "of", "."}]
    if words:
        day = _normalise_words(words, anchor, direction)
        if day is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day.value):
            return None
        date_value = day.value
    elif anchor is not None:
        date_value = anchor.isoformat()
    else:
        return None
    return Normalised(f"{date_value}T{hour:02d}:{minute:02d}", "clock")


def _normalise_words(words: list[str], anchor: dt.date | None, direction: int) -> Normalised | None:
    n = len(words)
    joined = " ".join(words)
    # ---- absolute ------------------------------------------------------------------------------------------
    if n == 1 and (y := _year(words[0])) is not None:
        return Normalised(str(y), "year")
    m = re.fullmatch(r"(\d{1,2}) / (\d{1,2}) / (\d{4})", joined)
    if m and (v := _date_value(int(m.group(3)), int(m.group(1)), int(m.group(2)))):
        return Normalised(v, "us_numeric")
    m = re.fullmatch(r"(\d{2})(\d)0s|'(\d)0s", joined.replace(" ", ""))
    if m:  # "1990s" -> 199; "'80s" -> 198 (the 20th century assumed)
        return Normalised(f"{m.group(1)}{m.group(2)}" if m.group(1) else f"19{m.group(3)}", "decade")
    if n == 1 and words[0] in DECADE_WORDS:
        return Normalised(f"19{DECADE_WORDS[words[0]]}", "decade")
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th) century", joined)
    if m:
        return Normalised(f"{int(m.group(1)) - 1:02d}", "century")
    # weekday in front of a full date: "tuesday april 8 2025"
    if n > 1 and words[0] in WEEKDAYS and (words[1] in MONTHS or _day(words[1])):
        return _normalise_words(words[1:], anchor, direction)
    month_date = _month_date(words, anchor, direction)
    if month_date is not None:
        return month_date
    season = _season(words, anchor, direction)
    if season is not None:
        return season
    quarter = _quarter(words, anchor, direction)
    if quarter is not None:
        return quarter
    if anchor is None:
        return None
    # ---- relative to the anchor ----------------------------------------------------------------------------
    rest, pod = _part_of_day(words)
    head = rest[0]
    if len(rest) == 1 and head in {"today", "tonight", "yesterday", "tomorrow"}:
        delta = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[head]
        suffix = "TNI" if head == "tonight" else pod
        return Normalised((anchor + dt.timedelta(days=delta)).isoformat() + suffix, "deictic")
    if len(rest) == 1 and head == "this" and pod:  # "this morning"
        return Normalised(anchor.isoformat() + pod, "deictic")
    if rest == ["last"] and pod == "TNI":  # "last night"
        return Normalised((anchor - dt.timedelta(days=1)).isoformat() + pod, "deictic")
    if rest == ["weekend"]:
        week = anchor if direction > 0 or anchor.weekday() >= 5 else anchor - dt.timedelta(weeks=1)
        return Normalised(_iso_week(week) + "-WE", "weekend")
    if len(rest) == 1 and head in WEEKDAYS:
        return Normalised(_weekday_date(WEEKDAYS[head], anchor, direction).isoformat() + pod, "weekday")
    if len(rest) == 2 and rest[0] in _RELATIVE and rest[1] in WEEKDAYS:
        shift = _RELATIVE[rest[0]]
        d = _weekday_date(WEEKDAYS[rest[1]], anchor, direction if shift == 0 else shift, shift)
        return Normalised(d.isoformat() + pod, "weekday")
    # "last week", "this year", "next month", "the past weekend", "this past week"
    if rest and rest[0] in _RELATIVE:
        rel = [w for w in rest if w not in {"past"}] if rest[0] == "this" else rest
        if len(rel) == 2 and rel[0] in _RELATIVE and rel[1] in _PLURAL_UNITS:
            # "the coming days", "recent weeks": vague, no calendar unit
            return Normalised("FUTURE_REF" if _RELATIVE[rel[0]] > 0 else "PAST_REF", "ref")
        if len(rel) == 2 and rel[0] in _RELATIVE and rel[1] in _UNITS:
            shift = -1 if (rest[0] == "this" and "past" in rest) else _RELATIVE[rel[0]]
            return _relative_unit(_UNITS[rel[1]], shift, anchor)
    # "three days ago", "a year ago", "two weeks ago"
    if n == 3 and words[2] == "ago" and words[1] in _UNITS:
        count = number_word_to_int(words[0])
        if count is not None:
            return _relative_unit(_UNITS[words[1]], -count, anchor, rule="ago")
    if n == 2 and words[1] == "ago" and words[0] in ("years", "weeks", "months", "days", "decades"):
        return Normalised("PAST_REF", "ref")
    return None


def _month_date(words: list[str], anchor: dt.date | None, direction: int) -> Normalised | None:
    """"april 8 2025", "8 april 2025", "april 2025", "april 8", "april", "oct. 23"."""
    w = [x for x in words if x not in {".", "of", "/", "the"}]
    if len(w) >= 2 and w[0] in ("this", "last", "next", "coming", "past") and w[1] in MONTHS:
        # "this September": in the anchor's year; "last/next September": the one before/after the anchor
        if anchor is None or len(w) > 2:
            return None
        rel_month = MONTHS[w[1]]
        shift = _RELATIVE[w[0]]
        rel_year = anchor.year
        if shift < 0 and rel_month >= anchor.month:
            rel_year -= 1
        elif shift > 0 and rel_month <= anchor.month:
            rel_year += 1
        return Normalised(f"{rel_year}-{rel_month:02d}", "relative_month")
    month: int | None = None
    day: int | None = None
    year: int | None = None
    if w and w[0] in MONTHS:
        month = MONTHS[w[0]]
        rest = w[1:]
        if rest and _day(rest[0]) is not None and _year(rest[0]) is None:
            day = _day(rest[0])
            rest = rest[1:]
        if rest and _year(rest[0]) is not None:
            year = _year(rest[0])
            rest = rest[1:]
        if rest:
            return None
    elif len(w) >= 2 and _day(w[0]) is not None and w[1] in MONTHS:
        day, month = _day(w[0]), MONTHS[w[1]]
        rest = w[2:]
        if rest and _year(rest[0]) is not None:
            year = _year(rest[0])
            rest = rest[1:]
        if rest:
            return None
    else:
        return None
    if year is None:
        if anchor is None:
            return None
        year = _year_for_month(month, day, anchor, direction)
        rule = "month_day" if day else "month"
    else:
        rule = "month_day_year" if day else "month_year"
    if day is None:
        return Normalised(f"{year}-{month:02d}", rule)
    value = _date_value(year, month, day)
    return Normalised(value, rule) if value else None


def _season(words: list[str], anchor: dt.date | None, direction: int) -> Normalised | None:
    w = [x for x in words if x not in {"of", "the"}]
    if not w:
        return None
    if w[-1] in SEASONS and len(w) <= 3:
        code = SEASONS[w[-1]]
        mods = w[:-1]
        if anchor is None:
            return None
        year = anchor.year
        if mods in ([], ["this"]):
            return Normalised(f"{year}-{code}", "season")
        if mods in (["last"], ["this", "past"], ["past"]):
            if anchor.month <= SEASON_END[code] or code == "WI":
                year -= 1
            return Normalised(f"{year}-{code}", "season")
        if mods in (["next"], ["coming"]):
            if anchor.month >= SEASON_END[code] - 2:
                year += 1
            return Normalised(f"{year}-{code}", "season")
        return None
    if len(w) == 2 and w[0] in SEASONS and _year(w[1]):
        return Normalised(f"{w[1]}-{SEASONS[w[0]]}", "season_year")
    return None


def _quarter(words: list[str], anchor: dt.date | None, direction: int) -> Normalised | None:
    """"the third quarter", "third - quarter", "the fourth quarter of 1998", "first half of 1989"."""
    w = [x for x in words if x not in {"-", "the", "of", "fiscal", "calendar"}]
    if len(w) < 2 or w[1] not in ("quarter", "half"):
        return None
    table = _QUARTER_ORD if w[1] == "quarter" else _HALF_ORD
    if w[0] not in table:
        return None
    number = table[w[0]]
    rest = w[2:]
    year: int | None = None
    if rest and _year(rest[0]):
        year = _year(rest[0])
        rest = rest[1:]
    elif rest[:2] in (["this", "year"], ["last", "year"], ["next", "year"]) and anchor is not None:
        year = anchor.year + _RELATIVE[rest[0]]
        rest = rest[2:]
    elif not rest and anchor is not None:
        year = anchor.year
        current = (anchor.month - 1) // 3 + 1 if w[1] == "quarter" else (anchor.month - 1) // 6 + 1
        if direction <= 0 and number > current:  # a past quarter not yet begun this year: last year's
            year -= 1
    if rest or year is None:
        return None
    letter = "Q" if w[1] == "quarter" else "H"
    return Normalised(f"{year}-{letter}{number}", "quarter" if letter == "Q" else "half")


def _relative_unit(unit: str, shift: int, anchor: dt.date, rule: str = "relative") -> Normalised | None:
    if unit == "D":
        return Normalised((anchor + dt.timedelta(days=shift)).isoformat(), rule)
    if unit == "W":
        return Normalised(_iso_week(anchor + dt.timedelta(weeks=shift)), rule)
    if unit == "WE":
        return Normalised(_iso_week(anchor + dt.timedelta(weeks=shift)) + "-WE", rule)
    if unit == "M":
        y, m = _add_months(anchor.year, anchor.month, shift)
        return Normalised(f"{y}-{m:02d}", rule)
    if unit == "Y":
        return Normalised(str(anchor.year + shift), rule)
    if unit == "Q":
        q = (anchor.month - 1) // 3 + shift
        y = anchor.year + q // 4
        return Normalised(f"{y}-Q{q % 4 + 1}", rule)
    if unit == "DE":
        return Normalised(str(anchor.year // 10 + shift), rule)
    if unit == "CE":
        return Normalised(f"{anchor.year // 100 + shift:02d}", rule)
    return None


# ---------------------------------------------------------------------------------------------------------------
# the component


def parse_anchor(value: object) -> dt.date | None:
    """``doc._.ng_published`` as a date ("2025-04-10", also a longer ISO timestamp), else None."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        LOGGER.debug("unreadable publication date %r", value)
        return None


_MONTH_TEXTS = sorted({m.title() for m in MONTHS if len(m) > 2} | {"Sept.", "Sept"})
_WEEKDAY_WORDS = [w for w in WEEKDAYS if not w.endswith(".")]
_WEEKDAY_TEXTS = sorted({w.title() for w in WEEKDAYS} | set(_WEEKDAY_WORDS))
#: words before a four-digit number that make it a year: knowledge/year_words.tsv
_YEAR_PREPS = word_set("year_words.tsv", "used_by", "dates")
#: "May" is a month only after one of these words or before a number
_MAY_PREPS = _YEAR_PREPS | {"on", "last", "next", "this", "early", "late", "mid", "of", "in", "since", "until",
                            "for", "each", "every"}


#: token shapes of day numbers: "8", "23", "8th", "23rd" (Matcher REGEX predicates are slow; shapes are not)
_DAY_SHAPES = ["d", "dd", "dxx", "ddxx"]


#: tokens every date pattern contains one of (lower-cased words, and token shapes)
_TRIGGER_WORDS = (
    set(MONTHS) | set(WEEKDAYS) | set(_UNITS) | set(SEASONS) | set(PART_OF_DAY)
    | {"today", "tonight", "yesterday", "tomorrow", "now", "currently", "recently", "nowadays", "presently",
       "present", "future", "past", "half", "a.m.", "p.m.", "am", "pm", "a.m", "p.m"}
    | {m.lower() for m in ("Sept.", "Sept")}
)
_TRIGGER_SHAPES = {"dddd", "ddddx", "ddx", "d:dd", "dd:dd"}
#: how far a pattern reaches before and after its trigger token (window size for the Matcher)
_BEFORE, _AFTER = 4, 6


def _patterns() -> dict[str, list[list[dict]]]:
    unit_words = sorted(set(_UNITS) | set(SEASONS) | set(_WEEKDAY_WORDS))
    pod = {"LOWER": {"IN": sorted(PART_OF_DAY)}, "OP": "?"}
    ordinal_words = sorted(set(_QUARTER_ORD) | set(_HALF_ORD))
    return {
        "deictic": [[{"LOWER": {"IN": ["today", "tonight", "yesterday", "tomorrow"]}}, pod],
                    [{"LOWER": "this"}, {"LOWER": {"IN": ["morning", "afternoon", "evening"]}}],
                    [{"LOWER": "last"}, {"LOWER": "night"}]],
        "weekday": [[{"LOWER": {"IN": ["last", "next", "this"]}, "OP": "?"}, {"TEXT": {"IN": _WEEKDAY_TEXTS}}, pod]],
        "relative_month": [[{"LOWER": {"IN": ["last", "next", "this", "coming", "past"]}},
                            {"TEXT": {"IN": _MONTH_TEXTS}}]],
        "relative": [[{"LOWER": {"IN": sorted(_RELATIVE)}}, {"LOWER": "past", "OP": "?"},
                      {"LOWER": {"IN": unit_words}}]],
        "ago": [[{"LIKE_NUM": True}, {"LOWER": {"IN": sorted(_UNITS)}}, {"LOWER": "ago"}],
                [{"LOWER": {"IN": ["a", "an", "several", "few"]}}, {"LOWER": {"IN": sorted(_UNITS)}},
                 {"LOWER": "ago"}]],
        "month": [[{"TEXT": {"IN": _MONTH_TEXTS}}, {"TEXT": ".", "OP": "?"},
                   {"SHAPE": {"IN": _DAY_SHAPES}, "OP": "?"}, {"TEXT": ",", "OP": "?"},
                   {"SHAPE": "dddd", "OP": "?"}],
                  [{"SHAPE": {"IN": ["d", "dd"]}}, {"TEXT": {"IN": _MONTH_TEXTS}}, {"SHAPE": "dddd", "OP": "?"}]],
        "year": [[{"LOWER": {"IN": sorted(_YEAR_PREPS)}}, {"SHAPE": "dddd"}]],
        "decade": [[{"SHAPE": "ddddx"}], [{"ORTH": {"IN": ["'", "’"]}}, {"SHAPE": "ddx"}]],
        "quarter": [[{"LOWER": {"IN": ordinal_words}}, {"TEXT": "-", "OP": "?"},
                     {"LOWER": {"IN": ["quarter", "half"]}}, {"LOWER": "of", "OP": "?"},
                     {"SHAPE": "dddd", "OP": "?"}]],
        "ref": [[{"LOWER": {"IN": ["now", "currently", "recently", "nowadays", "presently"]}}],
                [{"LOWER": "in"}, {"LOWER": "the"}, {"LOWER": "past"}],
                [{"LOWER": "right"}, {"LOWER": "now"}], [{"LOWER": "at"}, {"LOWER": "present"}],
                [{"LOWER": "these"}, {"LOWER": "days"}],
                [{"LOWER": "the"}, {"LOWER": "near", "OP": "?"}, {"LOWER": "future"}]],
        "clock": [[{"LIKE_NUM": True}, {"LOWER": {"IN": ["a.m.", "p.m.", "am", "pm", "a.m", "p.m"]}},
                   {"TEXT": {"IN": ["EST", "EDT", "GMT", "UTC", "PST", "PDT", "CET"]}, "OP": "?"}],
                  [{"SHAPE": {"IN": ["d:dd", "dd:dd"]}}, {"LOWER": {"IN": ["a.m.", "p.m.", "am", "pm"]}, "OP": "?"}]],
    }


@Language.factory(
    "newsgraph_dates_v1",
    default_config={"use_entities": True, "use_patterns": True, "refs": True},
    assigns=["doc._.ng_dates"],
    requires=["doc.ents", "token.ent_iob", "token.ent_type", "token.pos", "token.tag", "token.dep", "token.lemma"],
)
def make_dates(nlp: Language, name: str, use_entities: bool, use_patterns: bool, refs: bool) -> DatesComponent:
    register_extensions()
    return DatesComponent(nlp, use_entities=use_entities, use_patterns=use_patterns, refs=refs)


class DatesComponent:
    """Finds date expressions and writes ``DateMention`` records to ``doc._.ng_dates``.

    ``use_entities``: take spaCy DATE/TIME entities as candidates; ``use_patterns``: add this module's token
    patterns; ``refs``: keep PRESENT_REF/PAST_REF/FUTURE_REF values ("now", "recently", "the future").
    """

    def __init__(self, nlp: Language, *, use_entities: bool = True, use_patterns: bool = True,
                 refs: bool = True) -> None:
        self.use_entities = use_entities
        self.use_patterns = use_patterns
        self.refs = refs
        self.matcher = Matcher(nlp.vocab)
        for key, patterns in _patterns().items():
            self.matcher.add(key, patterns)
        # every pattern contains one of these words or shapes; the Matcher runs only on windows around them
        strings = nlp.vocab.strings
        self.trigger_words = id_set(strings, _TRIGGER_WORDS)
        self.trigger_shapes = id_set(strings, _TRIGGER_SHAPES)
        self.date_labels = id_set(strings, ("DATE", "TIME"))

    def __call__(self, doc: Doc) -> Doc:
        anchor = parse_anchor(doc._.ng_published)
        candidates: list[tuple[Span, str]] = []
        if self.use_entities:
            candidates += [(ent, "ner") for ent in self._date_ents(doc)]
        if self.use_patterns:
            strings = doc.vocab.strings
            for window in self._windows(doc):
                for match_id, start, end in self.matcher(window):
                    key = strings[match_id]
                    span = doc[window.start + start : window.start + end]
                    if key == "year" and span[0].lower_ not in ("early", "late", "mid", "fiscal"):
                        span = span[1:]  # the preposition is context, not part of the expression
                    candidates.append((span, "pattern:" + key))
        found: list[tuple[int, int, int, str, str, str]] = []  # (start, end, order, text, value, rule)
        tenses: dict[int, int] = {}
        seen: set[tuple[int, int]] = set()
        for order, (raw_span, source) in enumerate(candidates):
            trimmed = _trim(raw_span)
            if trimmed is None:
                continue
            span = trimmed
            if (span.start, span.end) in seen or _has_false_trigger(span):
                continue
            seen.add((span.start, span.end))
            if source == "pattern:ref" and span.end < len(doc) and (
                doc[span.end].like_num or doc[span.end].lower_ in _UNITS or doc[span.end].lower_ == "of"
            ):
                continue  # "the past two years" is a duration; "the future of Europe" is not a time
            root = span.root.i
            if root not in tenses:
                tenses[root] = _tense(span)
            text = span.text
            norm = normalise(text, anchor, tenses[root])
            if norm is None or (not self.refs and norm.value.endswith("_REF")):
                continue
            if norm.rule == "year" and not _year_context(span, source):
                continue
            found.append((span.start_char, span.end_char, order, text, norm.value, f"{source}+{norm.rule}"))
        dates = get_list(doc, "ng_dates")
        dates[:] = _non_overlapping(found)
        return doc

    def _date_ents(self, doc: Doc) -> list[Span]:
        """The DATE and TIME entities of ``doc.ents``, in order, read from the IOB arrays (doc.ents builds every
        entity): an entity starts at a B token and runs over the I tokens after it."""
        if len(doc) == 0:
            return []
        arr = doc.to_array([ENT_IOB, ENT_TYPE]).astype(np.uint64)
        iob = arr[:, 0].tolist()
        out: list[Span] = []
        for start in np.flatnonzero((arr[:, 0] == 3) & member(arr[:, 1], self.date_labels)).tolist():
            end = start + 1
            while end < len(iob) and iob[end] == 1:
                end += 1
            out.append(doc[start:end])
        return out

    def _windows(self, doc: Doc) -> list[Span]:
        """Stretches of the doc around trigger tokens, merged; found without a Python loop over tokens."""
        if len(doc) == 0:
            return []
        arr = doc.to_array([LOWER, SHAPE]).astype(np.uint64)
        hits = np.flatnonzero(member(arr[:, 0], self.trigger_words) | member(arr[:, 1], self.trigger_shapes))
        windows: list[Span] = []
        start = end = -1
        for i in hits.tolist():
            lo, hi = max(0, i - _BEFORE), min(len(doc), i + _AFTER)
            if lo <= end:
                end = max(end, hi)
            else:
                if end > 0:
                    windows.append(doc[start:end])
                start, end = lo, hi
        if end > 0:
            windows.append(doc[start:end])
        return windows


def _trim(span: Span) -> Span | None:
    """Drop a trailing possessive or punctuation and a leading determiner-like preposition."""
    start, end = span.start, span.end
    doc = span.doc
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"
                           or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    while start < end and doc[start].is_punct:
        start += 1
    if start >= end:
        return None
    return doc[start:end]


def _has_false_trigger(span: Span) -> bool:
    """"We" (tagged DATE by the small model), "may" the modal verb, "march" the verb."""
    for tok in span:
        low = tok.lower_
        if low in ("may", "march") and (tok.tag_ in ("MD", "VB", "VBP", "VBZ") or tok.pos_ in ("AUX", "VERB")):
            return True
        if low == "may" and tok.text != "May":
            return True
        if low in _ABBREV_MONTHS and tok.i == span.start and not _month_abbrev_ok(tok):
            return True
        if low == "may" and not _may_is_month(tok):
            return True
    return span[0].pos_ == "PRON" and len(span) == 1


def _month_abbrev_ok(tok) -> bool:  # type: ignore[no-untyped-def]
    """"Jan." or "Jan 5" is a month; "Jan Kavan" is a name."""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return tok.text.endswith(".") or (nxt is not None and (nxt.text == "." or nxt.like_num))


def _may_is_month(tok) -> bool:  # type: ignore[no-untyped-def]
    doc = tok.doc
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if prev in _MAY_PREPS:
        return True
    return nxt is not None and (nxt.like_num or nxt.shape_ == "dddd")


def _year_context(span: Span, source: str) -> bool:
    """A bare four-digit number is a year when the NER said DATE or a preposition introduces it."""
    if source == "ner" or source.startswith("pattern:year"):
        return True
    return span.start > 0 and span.doc[span.start - 1].lower_ in _YEAR_PREPS


def _tense(span: Span) -> int:
    """-1 past, +1 future, 0 unknown: read from the verb that governs the expression (needs a parse)."""
    doc = span.doc
    if not doc.has_annotation("DEP"):
        return 0
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return 0
    if tok.lemma_ in ("schedule", "plan", "slate"):  # "has scheduled a news conference Thursday"
        return 1
    words = [tok, *[c for c in tok.children if c.dep_ in ("aux", "auxpass")]]
    if any(w.lower_ in FUTURE_AUX for w in words):
        return 1
    if any(w.lower_ == "going" for w in words) and any(c.lower_ == "to" for c in tok.children):
        return 1
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and tok.head.lemma_ in FUTURE_HEADS:
        return 1
    if any(w.tag_ in ("VBD",) for w in words) or (
        tok.tag_ == "VBN" and any(w.lower_ in ("has", "have", "had") for w in words)
    ):
        return -1
    return 0


def _non_overlapping(found: list[tuple[int, int, int, str, str, str]]) -> list[DateMention]:
    """Longest candidates first; ties go to the earlier source (NER before patterns)."""
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    for start, end, _order, text, value, rule in sorted(found, key=lambda f: (-(f[1] - f[0]), f[2])):
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        out.append(DateMention(start=start, end=end, text=text, value=value, rule=rule))
    out.sort(key=lambda d: d.start)
    return out


__all__ = ["DatesComponent", "Normalised", "normalise", "parse_anchor"]
