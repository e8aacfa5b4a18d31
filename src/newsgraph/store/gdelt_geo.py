"""GDELT geography for the exports: geo type codes, FIPS 10-4 country and ADM1 codes, feature ids.

Shared by the GDELT event export (``*Geo_*`` columns, ``store.export``) and the GKG export (Locations, Counts,
``store.gkg``). Places come from the record (``Place``: ISO alpha-2 country, admin1 name, feature, GeoNames
point and id); GDELT wants FIPS codes, so the country and region codes are converted here.

GDELT's geo types: 1 country, 2 US state, 3 US city or landmark, 4 world city or landmark, 5 world state (first-
level region). FeatureID, as GDELT writes it: the FIPS country code for a country, the ADM1 code for a world state
and the postal code for a US state; for a city or landmark GDELT writes a GNS/GNIS feature id, which newsgraph
does not have offline: it writes the GeoNames id instead (docs/README-gkg.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsgraph.gazetteer import admin1_codes, get_gazetteer
from newsgraph.nlp.knowledge import bundled_dir, load_table
from newsgraph.records import Place

KNOWLEDGE = bundled_dir()  # the bundled knowledge folder (tests read its files)
FIPS_COLUMNS = ("iso2", "fips", "name", "iso3")

#: countries whose GeoNames admin1 codes are not FIPS 10-4 region codes: ISO 3166-2 codes (BE, CH, ME; GeoNames
#: readme), an extra level (GB: ENG/SCT/WLS/NIR, GR: ESYE regions; same readme), France's INSEE region codes
#: ("11" Ile-de-France; FIPS has "A8"). Their places get the country's code alone as ADM1Code. The US is not here:
#: GeoNames and GDELT both use the state's postal code ("USTX").
NON_FIPS_ADMIN1 = frozenset({"BE", "CH", "FR", "GB", "GR", "ME"})

#: place features below the first-level region that GDELT types as a city or landmark (3 US, 4 elsewhere)
LOCAL_FEATURES = frozenset({"city", "district", "site", "admin2", "water", "landform", "region"})


def knowledge_rows(name: str, columns: tuple[str, ...], knowledge_dir: str | Path | None = None,
                   required: int | None = None) -> list[list[str]]:
    """The rows of a knowledge table through the one loader (``newsgraph.nlp.knowledge.load_table``): cells
    stripped and padded to ``columns``; a row missing one of the ``required`` leading cells (all by default) is a
    KnowledgeError naming the file and line. The bundled file's rows, then ``<knowledge_dir>/<name>``'s."""
    need = len(columns) if required is None else required
    return [list(r.cells) for r in load_table(name, columns, knowledge_dir, required=need)]


def knowledge_pairs(name: str) -> dict[str, str]:
    """The first two columns of a knowledge TSV file as key -> value."""
    return {row[0]: row[1] for row in knowledge_rows(name, ("key", "value"))}


@lru_cache(maxsize=1)
def fips_table() -> dict[str, str]:
    """ISO 3166-1 alpha-2 -> FIPS 10-4 country code, from knowledge/fips_countries.tsv."""
    return knowledge_pairs("fips_countries.tsv")


@lru_cache(maxsize=1)
def iso3_table() -> dict[str, str]:
    """ISO 3166-1 alpha-3 -> alpha-2 (the file's fourth column), for actors, whose country codes are alpha-3."""
    return {row[3]: row[0] for row in knowledge_rows("fips_countries.tsv", FIPS_COLUMNS) if row[3]}


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO alpha-2 -> the country's English name (GeoNames), for GDELT's FullName."""
    return {row[0]: row[2] for row in knowledge_rows("fips_countries.tsv", FIPS_COLUMNS)}


def fips_country(iso2: str | None) -> str:
    """GDELT's country code (FIPS 10-4) for an ISO alpha-2 code; the ISO code itself where FIPS has none."""
    if not iso2:
        return ""
    return fips_table().get(iso2, iso2)


def gdelt_adm1(place: Place) -> str:
    """GDELT ADM1Code: the FIPS country code, followed by the region's code when it is a FIPS region code.

    The region's code is the GeoNames admin1 code of ``place.admin1`` (a name, or already a code) in its country,
    used when it has two letters or digits (not "00", GeoNames' "no region") and the country is not in
    ``NON_FIPS_ADMIN1``; otherwise (a country, an unknown, shared or non-FIPS region) the country's code alone.
    """
    country = fips_country(place.country)
    if not country or not place.admin1 or place.country in NON_FIPS_ADMIN1:
        return country
    code = admin1_codes().get((place.country or "", place.admin1), "")
    if len(code) == 2 and code.isalnum() and code.isascii() and code != "00":
        return country + code.upper()
    return country


def geo_type(place: Place) -> int | None:
    """GDELT geo type of a place, or None when GDELT has no type for it (a continent, a place without a country)."""
    us = place.country == "US"
    if place.feature == "country" and place.country:
        return 1
    if place.feature == "admin1" and place.country:
        return 2 if us else 5
    if place.feature in LOCAL_FEATURES and place.country and place.lat is not None and place.lon is not None:
        return 3 if us else 4
    return None


def full_name(place: Place) -> str:
    """GDELT-style FullName: "Donetsk, Donetsk, Ukraine" (place, region, country), "Ukraine" for a country."""
    parts = [place.name]
    kind = geo_type(place)
    if kind in (3, 4) and place.admin1 and place.admin1 != place.name and not place.admin1.isdigit():
        parts.append(place.admin1)
    country = country_names().get(place.country or "")
    if kind != 1 and country and country != place.name:
        parts.append(country)
    return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Geo:
    """One place in GDELT's terms; ``fields()`` gives the columns the event export writes."""

    type: int
    name: str
    country: str  # FIPS 10-4
    adm1: str
    lat: float | None
    lon: float | None
    feature_id: str

    def fields(self) -> list[str]:
        """Type, FullName, CountryCode, ADM1Code, ADM2Code (empty), Lat, Long, FeatureID."""
        return [str(self.type), self.name, self.country, self.adm1, "", _coord(self.lat), _coord(self.lon),
                self.feature_id]


#: the columns of an empty geo (GDELT writes type 0 and nothing else)
NO_GEO = ["0", "", "", "", "", "", "", ""]


def _coord(value: float | None) -> str:
    """A coordinate as GDELT writes one: up to four decimals, no trailing zeros ("49", "37.8022")."""
    if value is None:
        return ""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def gdelt_geo(place: Place | None) -> Geo | None:
    """A record's place as a GDELT geo, or None when GDELT has no type for it."""
    if place is None:
        return None
    kind = geo_type(place)
    if kind is None:
        return None
    adm1 = gdelt_adm1(place)
    country = fips_country(place.country)
    if kind == 1:
        feature = country
    elif kind == 2:
        feature = adm1[2:] or adm1
    elif kind == 5 and len(adm1) > len(country):
        feature = adm1
    else:
        feature = "" if place.geonameid is None else str(place.geonameid)
    return Geo(kind, full_name(place), country, adm1, place.lat, place.lon, feature)


@lru_cache(maxsize=512)
def country_place(iso3: str) -> Place | None:
    """The country of an actor code's alpha-3 country as a place (the gazetteer's country row), or None."""
    iso2 = iso3_table().get(iso3)
    if iso2 is None:
        return None
    cand = get_gazetteer().by_key(f"c:{iso2}")
    if cand is None:
        return None
    return Place(0, 0, cand.name, cand.name, country=iso2, feature="country", lat=cand.lat, lon=cand.lon,
                 geonameid=cand.geonameid, rule="actor_country")
