"""A mention's candidates: looked up by name or found inside a longer name, with their priors."""

from __future__ import annotations

import math

from newsgraph.gazetteer import Candidate, Gazetteer
from newsgraph.nlp.places.document import Mention
from newsgraph.nlp.places.kinds import kind_prior
from newsgraph.nlp.places.press import press_bonus
from newsgraph.nlp.places.qualifiers import qual_bonus
from newsgraph.nlp.places.words import (
    FACILITY_HEADS,
    FEATURE_WORDS,
    NATURAL_HEADS,
    NEWS_FEATURES,
    REGION_WORDS,
    SAINT,
    STREET_HEADS,
    common_words,
)

FEATURE_PRIOR = {"country": 5.0, "continent": 5.0, "region": 5.5, "water": 5.5, "landform": 5.5, "admin1": 3.5,
                 "admin2": 1.5, "district": 1.0, "site": 0.5}
#: a town's prior: POPULATION_WEIGHT per tenfold population above 1,000 people, plus 0.5
POPULATION_WEIGHT = 1.2


def contained(gaz: Gazetteer, name: str, named: frozenset[str] = frozenset()
              ) -> tuple[str, list[tuple[Candidate, bool]]] | None:
    """A place named inside a name the gazetteer lacks: "Colorado State University" -> Colorado, "north
    west London" -> London, "Nazi Germany" -> Germany. Only countries, regions and towns of 100,000 or
    more, longest sub-name first, never a sub-name of common and region words only ("Central District" in
    "Seoul Central District Court") unless it names a news region ("West Coast"); never inside street names ("Hampton Avenue" is not in Hampton) and never
    the head word of a facility ("Marigny Plantation" is not in Plantation, Florida)."""
    words = name.split()
    if len(words) < 2 or words[-1].lower() in STREET_HEADS:
        return None
    if words[0].lower() in FEATURE_WORDS:
        return None
    if words[-1].lower() in FACILITY_HEADS:
        words = words[:-1]
    # a natural feature named after a town ("Islington Bay", "Swat Valley") lies anywhere: only a region,
    # country or larger feature named inside it holds it ("Sichuan Basin", "Ohio River Valley"), or a town the
    # article names by itself too ("the Tijuana River" in a story that names Tijuana; ``named``)
    natural = words[-1].lower() in NATURAL_HEADS
    for n in range(min(len(words), len(name.split()) - 1), 0, -1):
        for i in range(len(words) - n + 1):
            sub = " ".join(words[i : i + n])
            if not sub[:1].isupper() or (sub.isupper() and n > 1):
                continue
            cands = [(c, True) for c, main in gaz.lookup(sub) if main and (
                c.feature in ("country", "admin1", "admin2", "region", "water", "landform", "continent")
                or c.population >= 100_000)]
            if common_words(words[i : i + n]):
                # "Central District" inside "Seoul Central District Court", "Northwest" in a centre's name: only
                # a news region or feature so named ("West Coast") counts
                cands = [(c, m) for c, m in cands if c.feature in NEWS_FEATURES]
            if sub.isupper():
                cands = [(c, m) for c, m in cands if c.feature == "country"]
            if SAINT.match(sub):
                cands = [(c, m) for c, m in cands if c.feature != "admin1"]
            if natural and sub not in named:
                cands = [(c, m) for c, m in cands if c.feature not in ("city", "admin2")]
            if cands:
                return sub, cands
    return None


#: "South Darfur" is GeoNames' "Southern Darfur"; "Northern Cape" may be written "North Cape"
_COMPASS = {"north": "northern", "south": "southern", "east": "eastern", "west": "western"}
_COMPASS.update({v: k for k, v in list(_COMPASS.items())})


def compass_variant(gaz: Gazetteer, name: str) -> list[tuple[Candidate, bool]]:
    """A region the gazetteer knows by the other form of the name's compass word ("South Darfur" -> "Southern
    Darfur"): first-level regions, counties and news regions by their main name only."""
    first, _, rest = name.partition(" ")
    other = _COMPASS.get(first.lower())
    if not other or not rest:
        return []
    return [(c, True) for c, main in gaz.lookup(f"{other.capitalize()} {rest}")
            if main and c.feature in ("admin1", "admin2", "region")]


def prior(m: Mention, c: Candidate, main: bool) -> float:
    """What a candidate is worth before the context: feature class and population, main name, region words
    in the name or beside it ("Donetsk Oblast", "New York state")."""
    if c.feature == "city":
        score = POPULATION_WEIGHT * (math.log10(max(c.population, 1)) - 3.0) + 0.5
    else:
        score = FEATURE_PRIOR.get(c.feature, 1.0)
    if not main:
        score -= 1.5
    words = m.text.split()
    if words and words[-1].lower() in REGION_WORDS:
        score += 6.0 if c.feature in ("admin1", "admin2", "region") else -3.0
    elif m.kind:
        score += kind_prior(m, c)
    return score


def rank(m: Mention, press: frozenset[tuple[str, str]] = frozenset()) -> tuple[list[float], Candidate | None]:
    """The priors of a mention's candidates (with the bonus of a city the press names for its country), and its
    best candidate when there is little doubt."""
    priors = [prior(m, c, main) + b for (c, main), b in zip(m.cands, press_bonus(m.text, m.cands, press),
                                                              strict=True)]
    ranked = sorted(((p + qual_bonus(m, c), c) for p, (c, _) in zip(priors, m.cands, strict=True)),
                    key=lambda x: -x[0])
    if not ranked:
        return priors, None
    top, best = ranked[0]
    clash = any(c.feature in ("country", "admin1") and c.key != best.key for _, c in ranked[1:])
    if len(ranked) == 1 or (top - ranked[1][0] >= 2.5 and not clash) or qual_bonus(m, best):
        return priors, best
    return priors, None


def prior_reason(c: Candidate) -> str:
    if c.feature == "city":
        return f"most populous match ({c.population:,} people)"
    return f"{c.feature} by name"
