"""Rebuild src/newsgraph/web/static/world-110m.geojson: the bundled world outline for the places map.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_world.py package/countries-110m.json

Source: the npm package world-atlas 2.0.2 (ISC licence, Mike Bostock), a TopoJSON conversion of Natural Earth's
1:110m Admin 0 countries (public domain, naturalearthdata.com). This script decodes the TopoJSON arcs into plain
GeoJSON, rounds coordinates to 0.1 degree, drops repeated points and Antarctica, and keeps rings that cross
the antimeridian in one piece, so the file is small and the page needs no
TopoJSON library.
"""

from __future__ import annotations

import argparse
import json
from itertools import pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/newsgraph/web/static/world-110m.geojson"


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((round(x * sx + tx, 1), round(y * sy + ty, 1)))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    out: list[tuple[float, float]] = []
    for i in indexes:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(pts[1:] if out else pts)
    dedup = [p for j, p in enumerate(out) if j == 0 or p != out[j - 1]]
    # a ring crossing the antimeridian (Russia's Chukotka, Fiji) would be drawn across the whole map: move its
    # western points past 180 degrees east instead (they fall just off the right edge of the map)
    if any(abs(a[0] - b[0]) > 180 for a, b in pairwise(dedup)):
        dedup = [(x + 360 if x < 0 else x, y) for x, y in dedup]
    return [list(p) for p in dedup]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("topojson", type=Path)
    args = ap.parse_args()
    topo = json.loads(args.topojson.read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom["type"] == "Polygon":
            polys = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polys = geom["arcs"]
        else:
            continue
        coords = [[r for r in (ring(rg, arcs) for rg in poly) if len(r) >= 4] for poly in polys]
        coords = [p for p in coords if p]
        name = geom.get("properties", {}).get("name")
        if not coords or name == "Antarctica":  # off the map's latitude range, and it wraps the whole globe
            continue
        features.append({
            "type": "Feature",
            "properties": {"name": name},
            "geometry": {"type": "MultiPolygon", "coordinates": coords},
        })
    fc = {
        "type": "FeatureCollection",
        "license": "Natural Earth 1:110m countries (public domain) via world-atlas 2.0.2 (ISC)",
        "features": features,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fc, separators=(",", ":")), encoding="utf-8")
    print(f"{OUT}: {len(features)} countries, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
