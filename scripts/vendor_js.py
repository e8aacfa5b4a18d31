"""Fetch the web UI's JavaScript libraries from npm at their pinned versions into src/newsgraph/web/static/.

    python scripts/vendor_js.py            # npm pack each package into a temporary folder, check, copy
    python scripts/vendor_js.py --check    # only check the files in static/ against the pins (no network)

Each library is one file of the package's own ``dist/`` build plus its licence text, copied byte for byte and
checked against the sha256 pinned below (the same pins are listed in docs/README-web.md and
static/LICENSES.md; tests/web/test_web_static.py checks that static/ holds nothing else). Nothing is loaded
from another site at run time: the pages use these copies.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "src/newsgraph/web/static"


@dataclass(frozen=True, slots=True)
class Vendored:
    package: str
    version: str
    dist: str  # path inside the npm tarball's package/ folder
    name: str  # file name in static/
    sha256: str
    licence: str  # SPDX id

    @property
    def licence_name(self) -> str:
        return f"{self.name.split('-')[0]}-{self.version}.LICENSE.txt"


LIBRARIES = (
    Vendored("cytoscape", "3.35.0", "dist/cytoscape.min.js", "cytoscape-3.35.0.min.js",
             "71fa9ebec21a7ca2c40cff6aacc30d1f6464e363662ad4b2c197e1adc770cd94", "MIT"),
    Vendored("d3", "7.9.0", "dist/d3.min.js", "d3-7.9.0.min.js",
             "f2094bbf6141b359722c4fe454eb6c4b0f0e42cc10cc7af921fc158fceb86539", "ISC"),
    Vendored("@observablehq/plot", "0.6.17", "dist/plot.umd.min.js", "plot-0.6.17.umd.min.js",
             "4358086467740777dd788d6b27a95cebdbaefdd50c730a3060117073bd7134cb", "ISC"),
)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(lib: Vendored, tmp: Path) -> None:
    subprocess.run(["npm", "pack", "--silent", f"{lib.package}@{lib.version}"], cwd=tmp, check=True,
                   stdout=subprocess.DEVNULL)
    (tgz,) = tmp.glob(lib.package.lstrip("@").replace("/", "-") + f"-{lib.version}.tgz")
    out = tmp / lib.name
    out.mkdir()
    with tarfile.open(tgz) as tar:
        tar.extractall(out, filter="data")
    dist = out / "package" / lib.dist
    if sha256(dist) != lib.sha256:
        raise SystemExit(f"{lib.package}@{lib.version}: {lib.dist} has sha256 {sha256(dist)}, pinned {lib.sha256}")
    (STATIC / lib.name).write_bytes(dist.read_bytes())
    licences = sorted((out / "package").glob("LICENSE*"))
    if not licences:
        raise SystemExit(f"{lib.package}@{lib.version}: no LICENSE file in the package")
    (STATIC / lib.licence_name).write_bytes(licences[0].read_bytes())


def check() -> list[str]:
    problems = []
    for lib in LIBRARIES:
        path = STATIC / lib.name
        if not path.is_file():
            problems.append(f"{lib.name}: missing")
        elif sha256(path) != lib.sha256:
            problems.append(f"{lib.name}: sha256 {sha256(path)}, pinned {lib.sha256}")
        if not (STATIC / lib.licence_name).is_file():
            problems.append(f"{lib.licence_name}: missing")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check the vendored files against the pins")
    args = parser.parse_args()
    if not args.check:
        with tempfile.TemporaryDirectory() as tmp:
            for lib in LIBRARIES:
                fetch(lib, Path(tmp))
                print(f"{lib.package}@{lib.version} -> static/{lib.name}")
    problems = check()
    for p in problems:
        print(p, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
