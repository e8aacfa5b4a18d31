"""Quote marks on the raw text: pairing “ ” « » ‘ ’ and straight quotes, and sentence edges around a quote."""

from __future__ import annotations

import bisect
import re

#: quote-mark pairs: opener -> closer
CURLY = {"“": "”", "«": "»", "‘": "’", "„": "“", "‹": "›"}
MARKS = re.compile(r"''|[“”«»‘’„‹›\"]")  # '' is the NYT's straight double quote
_WORDCHAR = re.compile(r"\w")
CLOSING_MARKS = {"”", '"', "''", "»", "’"}


def is_apostrophe(text: str, i: int) -> bool:
    """’ or ' between letters ("don’t") or after a letter and before a space is an apostrophe or possessive."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return bool(_WORDCHAR.match(before)) and bool(_WORDCHAR.match(after))


def find_quote_spans(text: str, max_chars: int = 200_000) -> list[tuple[int, int]]:
    """Paired quote marks as (start, end) of the text *inside* the marks, in order, never nested.

    Works paragraph by paragraph (a paragraph is a line). An unclosed opener closes at the end of its paragraph
    when the next paragraph opens with a quote mark (a multi-paragraph quote); otherwise it is dropped. Inner
    quotes inside an open quote are skipped. Linear in the length of the text.
    """
    spans: list[tuple[int, int]] = []
    para_start = 0
    paragraphs = text.split("\n")
    # the first non-blank paragraph after each one (a quote may run on past blank lines)
    following = [""] * len(paragraphs)
    nxt = ""
    for k in range(len(paragraphs) - 1, -1, -1):
        following[k] = nxt
        if paragraphs[k].strip():
            nxt = paragraphs[k].lstrip()
    for p_idx, para in enumerate(paragraphs):
        next_para = following[p_idx]
        open_at: int | None = None
        closer = ""
        for m in MARKS.finditer(para):
            i, ch = m.start(), m.group(0)
            if open_at is None:
                if ch in ('"', "''"):
                    open_at, closer = i, ch
                elif ch in CURLY:
                    if ch == "‘" and is_apostrophe(para, i):
                        continue
                    open_at, closer = i, CURLY[ch]
                continue
            if ch == closer or (closer == '"' and ch == "”"):  # '"The fighting ...,” X told': mixed marks pair
                if closer in "’'" and is_apostrophe(para, i):
                    continue  # "don’t" inside ‘...’
                if closer == "’" and i + 1 < len(para) and para[i + 1].isalpha():
                    continue
                s, e = para_start + open_at + len(closer if closer == "''" else "x"), para_start + i
                if e > s and e - s <= max_chars:
                    spans.append((s, e))
                open_at = None
            elif closer == "”" and ch == "“":
                # a second opener before the closer: the first was stray, start again here
                open_at = i
        if open_at is not None and next_para[:1] in ("“", '"', "«", "‘", "'") and closer != "’":
            s, e = (
                para_start + open_at + len(closer if closer == "''" else "x"),
                para_start + len(para.rstrip()),
            )
            if e > s and e - s <= max_chars:
                spans.append((s, e))
        para_start += len(para) + 1
    return spans


def covers(qs: int, qe: int, content: tuple[int, int]) -> bool:
    """The quote is (nearly) the whole content: a direct quote rather than quoted words inside reported speech."""
    cs, ce = content
    inter = max(0, min(qe, ce) - max(qs, cs))
    return inter >= 0.6 * (ce - cs) or (qs <= cs + 3 and qe >= ce - 3)


SENTENCE_END = re.compile(r"[.!?]\s|\n")


def opens_sentence(text: str, qs: int) -> bool:
    """The quote starts a sentence or paragraph (“... .” standing alone), not words inside a sentence."""
    i = qs - 1
    while i >= 0 and text[i] in " \t“\"'‘«":
        i -= 1
    return i < 0 or text[i] in ".!?\n”:"


def ends_sentence(text: str, qe: int) -> bool:
    """The quote closes its own sentence (“... .” Then a new sentence), so the words after it are not its cue."""
    return qe > 0 and text[qe - 1] == "." and text[qe - 3 : qe] != "..."



_EDGE = " \t\n,;:.-–—"


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def quoted_apart(marks: list[tuple[int, int]], char: int, other: int) -> bool:
    """``char`` lies inside quoted text (``marks``, in order) that does not hold ``other``."""
    i = bisect.bisect_right([s for s, _ in marks], char) - 1
    return i >= 0 and marks[i][0] <= char < marks[i][1] and not marks[i][0] <= other < marks[i][1]
