"""The offline gazetteer: name keys, lookups, knowledge files, load time."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newsgraph.gazetteer import Gazetteer, get_gazetteer, name_key


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


def test_gazetteer_name_key_folds_case_accents_and_saint() -> None:
    assert name_key("Donets’k") == name_key("Donetsk") == "donetsk"
    assert name_key("St. Louis") == name_key("Saint-Louis") == "saint louis"
    assert name_key("the Black Sea") == "black sea"
    # periods stay: "La." is Louisiana, "La" is not
    assert name_key("La.") != name_key("La")


def test_gazetteer_loads_under_a_second() -> None:
    start = time.perf_counter()
    gaz = Gazetteer()
    elapsed = time.perf_counter() - start
    assert len(gaz) > 180_000
    assert elapsed < 1.0, f"gazetteer took {elapsed:.2f} s to load"


def test_gazetteer_donetsk_oblast_is_the_region(gaz: Gazetteer) -> None:
    (cand, _), *rest = gaz.lookup("Donetsk Oblast")
    assert not rest
    assert (cand.key, cand.feature, cand.country) == ("a1:UA:05", "admin1", "UA")
    # a point inside the region, near 48.0 N 37.8 E, not Kyiv's
    assert abs(cand.lat - 48.0) < 1.0 and abs(cand.lon - 37.8) < 1.0


def test_gazetteer_countries_have_geonames_ids_and_interior_points(gaz: Gazetteer) -> None:
    ukraine = gaz.by_key("c:UA")
    assert ukraine is not None and ukraine.geonameid == 690791
    # Ukraine's point is not Kyiv's (50.45 N 30.52 E)
    assert abs(ukraine.lat - 50.45) + abs(ukraine.lon - 30.52) > 1.0


@pytest.mark.parametrize(
    ("alias", "key"),
    [("W.Va.", "a1:US:WV"), ("Ind.", "a1:US:IN"), ("D.C.", "a1:US:DC"), ("U.S.", "c:US"), ("Britain", "c:GB")],
)
def test_gazetteer_press_abbreviations(gaz: Gazetteer, alias: str, key: str) -> None:
    assert key in {c.key for c, main in gaz.lookup(alias) if main}


@pytest.mark.parametrize("name", ["Donbas", "Crimea", "Middle East", "West Bank", "Gaza Strip", "Darfur", "Black Sea"])
def test_gazetteer_news_places(gaz: Gazetteer, name: str) -> None:
    cands = [c for c, _ in gaz.lookup(name) if c.key.startswith("k:")]
    assert cands and cands[0].lat is not None


def test_gazetteer_towns_carry_population_and_admin1(gaz: Gazetteer) -> None:
    towns = {c.country: c for c, _ in gaz.lookup("London") if c.feature == "city"}
    assert towns["GB"].population > 1_000_000 and towns["GB"].geonameid == 2643743
    assert any(c.admin1 == "Kentucky" for c, _ in gaz.lookup("London"))


def test_gazetteer_user_knowledge_dir_adds_places_and_aliases(tmp_path: Path) -> None:
    (tmp_path / "places.tsv").write_text(
        "# test\nZaporizhzhia Nuclear Power Plant\tsite\tUA\tZaporizhia\t47.51\t34.59\t\t\tZNPP\n", encoding="utf-8"
    )
    (tmp_path / "place_aliases.tsv").write_text("Kyiv region\ta1:UA:13\nNowhere\tc:XX\n", encoding="utf-8")
    gaz = Gazetteer(tmp_path)
    (site, main), = gaz.lookup("ZNPP")
    assert site.feature == "site" and site.country == "UA" and main
    assert [c.key for c, _ in gaz.lookup("Kyiv region")] == ["a1:UA:13"]
    assert gaz.lookup("Nowhere") == []


def test_gazetteer_indexed_search_finds_what_a_scan_finds(gaz: Gazetteer) -> None:
    """The name index (line offsets and a two-byte table) agrees with a plain search of the sorted lines."""
    lines = gaz._names.split(b"\n")
    keys = [line.split(b"\t", 1)[0] for line in lines[:: len(lines) // 500] if line]
    probes = keys + [k + b"x" for k in keys] + [k[:1] for k in keys] + [b"", b"\xff\xff", b"zzzz"]
    known = {line.split(b"\t", 1)[0]: line for line in lines if line}
    for key in probes:
        found = gaz._name_index.find(key)
        if key in known:
            assert found is not None and gaz._names[found[0] + 1 : found[1]] == known[key].split(b"\t", 1)[1]
        else:
            assert found is None


def test_gazetteer_has_agrees_with_lookup(gaz: Gazetteer) -> None:
    for name in ("Donetsk", "Ukraine", "Qwertyville", "W.Va.", "Ukrainian"):
        assert gaz.has(name) == bool(gaz.lookup(name))
        assert gaz.has(name) == bool(gaz.lookup(name))  # cached the second time


def test_gazetteer_region_points_refresh_from_the_towns(tmp_path: Path) -> None:
    """scripts/refresh_region_points.py: a first-level region's point from all but 0.5% of its towns at each
    end (the sparse north counts), the name index re-pointed at the moved lines, and a second run a no-op."""
    import gzip
    import importlib.util
    import random

    spec = importlib.util.spec_from_file_location(
        "refresh_region_points", Path(__file__).resolve().parents[1] / "scripts/refresh_region_points.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    rnd = random.Random(16)
    # 400 towns crowd the south (lat 42-44), 7 run north to lat 51.7: trimming 2% would drop the north
    towns = [(42 + 2 * rnd.random(), -80 - 10 * rnd.random()) for _ in range(400)]
    towns += [(44.5 + 1.2 * i, -84.0 - i % 3) for i in range(7)]
    lines = ["a1:XX:01\t\tadmin1\tNorthland\tXX\tNorthland\t43.0000\t-85.0000\t0"]
    lines += [f"p:{i}\t{i}\tcity\tTown{i}\tXX\tNorthland\t{lat:.4f}\t{lon:.4f}\t1000" for i, (lat, lon) in
              enumerate(towns)]
    lines.sort()
    offsets, pos = {}, 0
    for line in lines:
        offsets[line.split("\t")[3]] = pos
        pos += len(line.encode()) + 1
    names = "\n".join(f"{name_key(n)}\t{offsets[n]}" for n in sorted(offsets, key=lambda n: name_key(n).encode()))
    header = "# test\n# key\tgeonameid\tfeature\tname\tcountry\tadmin1\tlat\tlon\tpopulation\n"
    data = gzip.compress((header + "".join(f"{x}\n" for x in lines) + "## names\n" + names).encode(), mtime=0)
    new, moved = mod.refresh(data)
    assert moved == 1
    assert mod.refresh(new)[1] == 0
    text = gzip.decompress(new).decode()
    block = text[text.index("\n# key\t") + 1:].split("\n", 1)[1].split("## names\n")[0]
    row = next(r.split("\t") for r in block.splitlines() if r.startswith("a1:"))
    assert (float(row[6]), float(row[7])) == mod.region_point(towns, mod.ADMIN1_TRIM)
    assert float(row[6]) > mod.region_point(towns, 0.02)[0] + 1  # pulled north of the crowded south
    index = dict(line.split("\t") for line in text.split("## names\n")[1].splitlines())
    for name in ("Northland", "Town7", "Town403"):
        ref = int(index[name_key(name)])
        assert block.encode()[ref:].split(b"\t")[3].decode().startswith(name)
