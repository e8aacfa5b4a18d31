"""The article's geography: the countries, regions and points its names give with little doubt, and the
context one mention is resolved against (the geography less that mention's own name)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from newsgraph.gazetteer import Candidate, name_key

#: features whose points place an article's other names ("Alexandria" near "Arlington")
LOCAL_FEATURES = frozenset({"city", "admin2", "district", "site"})
HOME_KEY = "\x00home"  # the source's home in the article's geography: no mention has this name


class Geography:
    """The places an article names with little doubt, by name: what they add to countries, regions and points."""

    def __init__(self) -> None:
        self.countries: Counter[str] = Counter()  # float weights
        self.regions: Counter[tuple[str, str]] = Counter()
        # by name key ("LONDON" and "London" are one name)
        self.by_name: dict[str, list[tuple[str, tuple[str, str] | None, float]]] = {}
        self.points: list[tuple[str, str, float, float]] = []  # (name key, label, lat, lon) of towns, counties, sites

    def add(self, name: str, best: Candidate, weight: float, label: str | None = None) -> None:
        if not best.country:
            return
        region: tuple[str, str] | None = None
        if best.admin1 and best.feature not in ("country", "admin1"):
            region = (best.country, best.admin1)
        elif best.feature == "admin1":
            region = (best.country, best.admin1 or best.name)
        self.countries[best.country] += weight  # type: ignore[assignment]  # the counters hold float weights
        if region:
            self.regions[region] += weight  # type: ignore[assignment]
        key = name_key(name)
        self.by_name.setdefault(key, []).append((best.country, region, weight))
        if best.feature in LOCAL_FEATURES and best.lat is not None and best.lon is not None:
            self.points.append((key, label or f"{name}, named in the article", best.lat, best.lon))

    def copy(self) -> Geography:
        other = Geography()
        other.countries, other.regions = Counter(self.countries), Counter(self.regions)
        other.by_name = {k: list(v) for k, v in self.by_name.items()}
        other.points = list(self.points)
        return other

    def without(self, name: str) -> Context:
        """The geography less what the mentions of ``name`` added to it."""
        countries: dict[str, float] = dict(self.countries)
        regions: dict[tuple[str, str], float] = dict(self.regions)
        key = name_key(name)
        for country, region, weight in self.by_name.get(key, ()):
            countries[country] = countries.get(country, 0) - weight
            if region:
                regions[region] = regions.get(region, 0) - weight
        total = sum(v for v in countries.values() if v > 0)
        home = self.by_name.get(name_key(HOME_KEY), [None])[0]
        points = [(label, lat, lon) for k, label, lat, lon in self.points if k != key]
        return Context(countries, regions, total, points, home)


@dataclass(frozen=True, slots=True)
class Context:
    """What a mention is resolved against: the weights of the countries and regions the other names give, their
    total, and the points of the other names' towns and counties."""

    countries: dict[str, float]
    regions: dict[tuple[str, str], float]
    total: float
    points: list[tuple[str, float, float]]
    home: tuple[str, tuple[str, str] | None, float] | None = None  # the source's home's vote

    def said(self, country: str, admin1: str | None) -> str:
        """Who gave the country (or region): the article, or only the source's home."""
        if self.home:
            hc, hr, weight = self.home
            if admin1 is None and hc == country and self.countries.get(country, 0.0) <= weight:
                return "of the source's home"
            if admin1 is not None and hr == (country, admin1) and self.regions.get(hr, 0.0) <= weight:
                return "of the source's home"
        return "named in the article"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
