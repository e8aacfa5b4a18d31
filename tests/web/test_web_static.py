"""web/static holds the project's own files and the vendored libraries listed in docs/README-web.md, each at
its pinned sha256 with its licence next to it, and nothing else."""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "src/newsgraph/web/static"
OWN = {"app.js", "charts.js", "network.js", "app.css", "network.css", "favicon.svg", "LICENSES.md",
       "world-110m.geojson"}


def listed() -> dict[str, str]:
    """file -> sha256 from the README's table of bundled libraries."""
    doc = (ROOT / "docs/README-web.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\| `([^`]+\.js)` \| [^|]+ \| [^|]+ \| `([0-9a-f]{64})` \|$", doc, re.M))


def test_web_static_holds_only_own_and_listed_vendored_files() -> None:
    libs = listed()
    assert len(libs) >= 3
    licences = {name.rsplit(".min.js", 1)[0].replace(".umd", "") + ".LICENSE.txt" for name in libs}
    present = {p.name for p in STATIC.iterdir()}
    assert all(p.is_file() for p in STATIC.iterdir())  # no folders to hide anything in
    assert present == OWN | set(libs) | licences
    notes = (STATIC / "LICENSES.md").read_text(encoding="utf-8")
    for name, digest in libs.items():
        assert hashlib.sha256((STATIC / name).read_bytes()).hexdigest() == digest, name
        assert f"`{name}`" in notes, f"{name} is not in static/LICENSES.md"


def test_web_static_vendor_script_pins_what_the_readme_lists() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import vendor_js
    finally:
        sys.path.pop(0)
    assert {lib.name: lib.sha256 for lib in vendor_js.LIBRARIES} == listed()
    assert {lib.licence_name for lib in vendor_js.LIBRARIES} <= {p.name for p in STATIC.iterdir()}
    assert vendor_js.check() == []


def test_web_static_pages_load_no_other_site() -> None:
    """No script, style or font reference to another site in the project's files or the templates."""
    files = [STATIC / n for n in OWN if n.endswith((".js", ".css"))] + list((STATIC.parent / "templates").glob("*.html"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), path
        assert "@import" not in text and "url(http" not in text, path
