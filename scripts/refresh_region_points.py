"""Recompute the points of the gazetteer's first-level regions from its own towns, in place.

``python scripts/refresh_region_points.py`` reads ``src/newsgraph/knowledge/gazetteer.tsv.gz``, gives each
``admin1`` row the point ``build_gazetteer.region_point`` finds for the towns of the gazetteer in that region
(country and region name), with ``ADMIN1_TRIM`` of the towns trimmed at each end of latitude and longitude,
and writes the file back (the name index re-pointed at the moved lines, gzip mtime fixed): the same input gives
the same file. It needs no package beyond the standard library, so the region points can be refreshed where
the build's PyPI packages are not installed; ``build_gazetteer.py`` applies the same rule when it builds.

Why: a region's towns crowd its populated part (southern Ontario, coastal Queensland), so trimming 2% of them
at each end, as for second-level regions, drops the sparse north or interior and pulls the point hundreds of
kilometres from the region's middle, where common reference points (GeoNames', Wikipedia's) lie.
"""

from __future__ import annotations

import gzip
import io
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_gazetteer import ADMIN1_TRIM, OUT, region_point


def refresh(data: bytes) -> tuple[bytes, int]:
    """The gazetteer file's bytes with new admin1 points, and how many rows moved."""
    text = gzip.decompress(data).decode("utf-8")
    head_end = text.index("\n", text.index("\n# key\t") + 1) + 1
    names_at = text.index("## names\n", head_end)
    header, block, names = text[:head_end], text[head_end:names_at], text[names_at + len("## names\n"):]
    lines = block.splitlines()
    rows = [line.split("\t") for line in lines]
    towns: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for r in rows:
        if r[2] == "city" and r[5]:
            towns[(r[4], r[5])].append((float(r[6]), float(r[7])))
    moved = 0
    for r in rows:
        if r[2] == "admin1" and towns.get((r[4], r[5])):
            lat, lon = region_point(towns[(r[4], r[5])], ADMIN1_TRIM)
            new = [f"{lat:.4f}", f"{lon:.4f}"]
            if new != r[6:8]:
                r[6:8] = new
                moved += 1
    old_offsets: dict[int, int] = {}
    pos = 0
    for i, line in enumerate(lines):
        old_offsets[pos] = i
        pos += len(line.encode("utf-8")) + 1
    new_lines = ["\t".join(r) for r in rows]
    new_offsets, pos = [], 0
    for line in new_lines:
        new_offsets.append(pos)
        pos += len(line.encode("utf-8")) + 1

    def move(ref: int) -> int:
        return new_offsets[old_offsets[ref]] if ref >= 0 else -new_offsets[old_offsets[-ref - 1]] - 1

    out_names = []
    for line in names.split("\n"):
        key, refs = line.split("\t")
        out_names.append(f"{key}\t{','.join(str(move(int(x))) for x in refs.split(','))}")
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(header.encode("utf-8"))
        gz.write("".join(line + "\n" for line in new_lines).encode("utf-8"))
        gz.write(("## names\n" + "\n".join(out_names)).encode("utf-8"))
    return buf.getvalue(), moved


def main() -> int:
    data, moved = refresh(OUT.read_bytes())
    OUT.write_bytes(data)
    print(f"{OUT}: {moved} first-level region points moved, {OUT.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
