"""The cities the press names for their countries: a prior for the namesake the news means.

PETRARCH's country dictionary (``knowledge/actors/countries.tsv``, the actors component's) lists, beside each
country's names and demonyms, its capital and the big cities the news uses for it ("washington" for the United
States, "london" and "manchester" for the United Kingdom). A city of that name in that country (the most populous one, where
the country has several) is the one an article most likely means, over a namesake elsewhere ("Manchester" is
the English city unless the article's places say New Hampshire). A name that is also a region of the country
("california", "washington") is left to the other rules: the dictionary does not say which it means.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from newsgraph.gazetteer import Candidate, name_key
from newsgraph.nlp.knowledge import load_table

#: what a press city adds to its candidate's prior
PRESS_CITY_BONUS = 1.5


@lru_cache(maxsize=4)
def press_cities(knowledge_dir: str | Path | None = None) -> frozenset[tuple[str, str]]:
    """(ISO alpha-2 country, name key) of every name of ``actors/countries.tsv`` (the country's ISO alpha-3 code
    read through ``fips_countries.tsv``); names of the country itself never match a city, so all are kept."""
    iso2 = {r.cells[3]: r.cells[0] for r in load_table("fips_countries.tsv", ("iso2", "fips", "name", "iso3"),
                                                        knowledge_dir, required=4)}
    out: set[tuple[str, str]] = set()
    for row in load_table("actors/countries.tsv", ("code", "names"), knowledge_dir, required=2):
        country = iso2.get(row.cells[0])
        if country:
            out.update((country, name_key(n)) for n in row.cells[1].split("|") if n)
    return frozenset(out)


def press_bonus(name: str, cands: list[tuple[Candidate, bool]], press: frozenset[tuple[str, str]]) -> list[float]:
    """PRESS_CITY_BONUS for the most populous city (by its main name) of each country whose press name ``name``
    is and that has no first-level region of that name, else 0."""
    bonus = [0.0] * len(cands)
    if not press:
        return bonus
    key = name_key(name)
    # a first-level region of the name in the country is what the dictionary lists ("california" is the state,
    # not the town in Maryland; a city's own district, "Manchester" admin2, does not count); an old name ("Salisbury" for Harare) is an alternate name and does not count
    regions = {c.country for c, main in cands if main and c.feature in ("country", "admin1", "region")}
    best: dict[str, int] = {}
    for i, (c, main) in enumerate(cands):
        if main and c.feature == "city" and c.country and c.country not in regions and (c.country, key) in press:
            j = best.get(c.country)
            if j is None or c.population > cands[j][0].population:
                best[c.country] = i
    for i in best.values():
        bonus[i] = PRESS_CITY_BONUS
    return bonus
