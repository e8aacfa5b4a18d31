"""What the words around a name say of the kind of place it is.

- A kind word beside the name: "New York state", "the state of Washington", "the Karo district", "the district
  of Karo" name a region, not the town of the same name; "the village of Pongpong" names a settlement of its
  own (never a part of the article's main town).
- A list of names: "British Columbia, Alberta, Manitoba, Ontario and New Brunswick" are all provinces, so the
  doubtful "Ontario" and "New Brunswick" are the provinces, not the towns in California and New Jersey (only
  regions and countries pass their kind on: a town beside a name says little of it).
- A name that qualifies the name before it: in "Buffalo, New York" and "Atlanta, Georgia" the second name is
  the region the first lies in (the state, not New York City nor the country Georgia); where the region shares
  its name with a larger city that holds the first place ("Queens, New York") it is that city.
"""

from __future__ import annotations

import re

from newsgraph.gazetteer import Candidate
from newsgraph.nlp.places.document import Mention
from newsgraph.nlp.places.geography import km

#: kind words after a name ("New York state", "the Karo district") or before it with "of" ("the state of
#: Washington", "the district of Karo"): the name is a region
REGION_KIND_WORDS = ("state", "province", "region", "county", "district", "department", "governorate",
                     "prefecture", "oblast", "territory")
#: after a name, "region" often means a town's area ("the Washington region"): only the other words count there
_AFTER_WORDS = tuple(w for w in REGION_KIND_WORDS if w != "region")
#: kind words before a name with "of" that make it a settlement of its own ("the village of Pongpong")
TOWN_KIND_WORDS = ("village", "town", "city")
_REGION_AFTER = re.compile(rf"\s+(?:{'|'.join(_AFTER_WORDS)})\b", re.IGNORECASE)
_KIND_BEFORE = re.compile(rf"\b({'|'.join(REGION_KIND_WORDS + TOWN_KIND_WORDS)})\s+of\s+(?:the\s+)?$")
#: what separates two names of a list: a comma, "and", "or", ", and"
_LIST_JOINER = re.compile(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")
REGION_FEATURES = frozenset({"admin1", "admin2", "region"})
#: the features a list passes on to its doubtful names
LIST_FEATURES = frozenset({"country", "admin1"})
#: a region kind word moves a candidate by this much: up for a region, down for a town
KIND_BONUS = 4.0
KIND_MALUS = -2.0
#: a doubtful name in a list gains this in the feature (and country) its listed neighbours have with little doubt
LIST_BONUS = 3.0
#: a qualifying name that is also a larger city within this distance of the qualified place holds it: that city
HOLDS_KM = 30.0


def kind_word(text: str, start: int, end: int) -> str | None:
    """"region" when a region word stands beside the name, "town" after "village of" and the like, else None.
    Words after the name count only when they end its phrase or lead to more lowercase words ("New York state
    governor"), not before a capitalised name ("New York State Police" is an organisation)."""
    before = _KIND_BEFORE.search(text, max(0, start - 30), start)
    if before:
        return "town" if before.group(1) in TOWN_KIND_WORDS else "region"
    after = _REGION_AFTER.match(text, end)
    if after:
        rest = text[after.end() : after.end() + 2].lstrip()
        if not rest[:1].isupper():
            return "region"
    return None


def kind_prior(m: Mention, c: Candidate) -> float:
    """What the kind word beside a mention adds to a candidate's prior. A country keeps its name whatever
    follows it ("Georgia state media" is the country's)."""
    if m.kind == "region" and any(main and k.feature == "country" for k, main in m.cands):
        return 0.0
    if m.kind == "region":
        return KIND_BONUS if c.feature in REGION_FEATURES else KIND_MALUS if c.feature == "city" else 0.0
    if m.kind == "town":
        return KIND_BONUS if c.feature == "city" else 0.0
    return 0.0


def list_neighbours(text: str, mentions: list[Mention]) -> list[list[int]]:
    """For each mention, the other mentions of the list it is in ("A, B, C and D"), or none."""
    out: list[list[int]] = [[] for _ in mentions]
    run = [0] if mentions else []
    for i in range(1, len(mentions) + 1):
        if i < len(mentions):
            a, b = mentions[i - 1], mentions[i]
            if b.start - a.end <= 7 and _LIST_JOINER.match(text[a.end : b.start]):
                run.append(i)
                continue
        if len(run) > 1:
            for j in run:
                out[j] = [k for k in run if k != j]
        run = [i]
    return out


def list_kinds(neighbours: list[int], sure: list[Candidate | None]) -> tuple[tuple[str, str | None], ...]:
    """The (feature, country) of the listed neighbours resolved with little doubt, when they are regions or
    countries (a town beside a name says little: "Florida" listed after a town is still the state)."""
    return tuple(sorted({(c.feature, c.country) for c in (sure[j] for j in neighbours)
                         if c is not None and c.feature in LIST_FEATURES}))


def list_bonus(m: Mention, c: Candidate) -> float:
    """What a mention's list adds to candidate ``c``: LIST_BONUS when a neighbour is of its feature and country."""
    return LIST_BONUS if (c.feature, c.country) in m.listed_with else 0.0


def continues_list(text: str, after: int, nxt: Mention | None, feature: str) -> bool:
    """Whether a qualifier ending at ``after`` is followed by another listed name that is a place of ``feature``
    by its main name: "Washington, Pennsylvania and California" is a list of states, not Washington, Pa."""
    return (nxt is not None and nxt.start >= after and nxt.start - after <= 7
            and bool(_LIST_JOINER.match(text[after : nxt.start]))
            and any(main and c.feature == feature for c, main in nxt.cands))


def qualifying_region(m: Mention, qualified: Candidate, quals: list[tuple[Candidate, bool]]) -> tuple[Candidate, str] | None:
    """The place a name that qualifies another is: the region of ``quals`` that holds the qualified place (a
    larger city of the same name holding it instead, "Queens, New York"; not "Maryland City" for "Rockville,
    Maryland"), with the reason."""
    for q, _ in quals:
        holds = (q.feature == "country" and qualified.country == q.country) or (
            q.feature in ("admin1", "region") and qualified.country == q.country and qualified.admin1 == q.admin1)
        if not holds or q.key == qualified.key or not any(c.key == q.key for c, _ in m.cands):
            continue
        if qualified.lat is not None and qualified.lon is not None:
            for c, _ in m.cands:
                if (c.feature == "city" and c.country == q.country and c.admin1 == qualified.admin1
                        and c.population > qualified.population and c.lat is not None and c.lon is not None
                        and km(c.lat, c.lon, qualified.lat, qualified.lon) <= HOLDS_KM):
                    return c, f"the city that holds {qualified.name}, which it qualifies"
        return q, f"the {q.feature} that holds {qualified.name}, which it qualifies"
    return None
