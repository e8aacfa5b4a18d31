"""What the text right around a name says of where it is: a qualifier ("London, Ky.", "Paris, Texas",
"Kyiv, Ukraine") and the dateline ("KYIV, Ukraine —", "BEIRUT (AP) —")."""

from __future__ import annotations

import re

from newsgraph.gazetteer import Candidate, Gazetteer
from newsgraph.nlp.places.document import Mention

QUALIFIER = re.compile(r",\s*((?:[A-Z][\w’'.]*\.?)(?:\s+[A-Z][\w’'.]*\.?){0,2})")
DATELINE = re.compile(r"^\s*([A-Z][A-Za-z .’'-]{1,40}?)(?:,\s*([A-Z][\w .’']{1,30}?))?\s*(?:\([^)]{1,20}\)\s*)?[—–-]{1,2}\s")
#: a dateline in capitals opening a paragraph, however it goes on: "TORONTO — ", "SAN ANTONIO Turner Sports...",
#: "PLEASANTON, Calif.--", "SOUTH WAZIRISTAN, April 5 (APP):" (a wire story's dateline after a byline paragraph)
CAPS_DATELINE = re.compile(r"(?m)^[ \t]*([A-Z][A-Z.’'-]+(?:[ ][A-Z][A-Z.’'-]+){0,2})(?=[ \t]*[,(:—–-]|[ ]+[A-Z][a-z])")
_QUALIFIER_FEATURES = ("country", "admin1", "region")


def qualifier(gaz: Gazetteer, text: str, end: int) -> list[tuple[Candidate, bool]]:
    """"London, Ky." -> Kentucky; "Paris, Texas" -> Texas; "Kyiv, Ukraine" -> Ukraine."""
    m = QUALIFIER.match(text, end)
    if not m:
        return []
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        cands: list[tuple[Candidate, bool]] = [(c, main) for c, main in gaz.lookup(name)
                                               if main and c.feature in _QUALIFIER_FEATURES]
        if not cands and name.endswith(".") and n == len(words):  # "Nebraska." ends the sentence; "Va." stays
            name = name.rstrip(".")
            cands = [(c, main) for c, main in gaz.lookup(name) if main and c.feature in _QUALIFIER_FEATURES]
        if not cands and len(name) == 2 and name.isupper():
            state = gaz.by_key(f"a1:US:{name}")
            cands = [(state, True)] if state else []
        if cands:
            return cands
    return []


def qual_bonus(m: Mention, c: Candidate) -> float:
    """What a mention's qualifier adds to candidate ``c``: 10 in the qualifying region, 8 in its country."""
    for q, _ in m.qualifier:
        if q.key == c.key:
            continue
        if q.feature == "admin1" and c.country == q.country and c.admin1 == q.admin1:
            return 10.0
        if q.feature == "country" and c.country == q.country:
            return 8.0
    return 0.0


def mark_dateline(text: str, mentions: list[Mention]) -> None:
    """"KYIV, Ukraine —" or "WASHINGTON (AP) —": the place the story was filed from."""
    m = DATELINE.match(text[:120])
    if not m:
        return
    for men in mentions:
        if men.start >= m.end():
            break
        men.dateline = True
