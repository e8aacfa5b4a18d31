"""Take the README's screenshots of the web UI from a real database, in headless Chromium.

    make demo                                   # builds newsgraph.duckdb from samples/
    python scripts/screenshots.py --db newsgraph.duckdb

Serves the database with the app (uvicorn on a free loopback port), opens each page as a person would in
Debian's headless Chromium driven by Playwright (``NEWSGRAPH_CHROMIUM`` may point to another binary), waits for
the charts and the network to be drawn, and writes docs/screenshots/{home,article,network,actor}.png. Exits
non-zero, writing nothing more, if a page logs a console error or asks another site for anything.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsgraph.web.live import CHROMIUM_ARGS, chromium_binary, serve_in_thread

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "seed-ukrinform-2025-04-10"  # the demo's annotated article (make demo prints its summary)


@contextmanager
def serve(db: Path) -> Iterator[str]:
    """The app over ``db`` on a free loopback port, for as long as the block runs."""
    from newsgraph.api import create_app
    from newsgraph.errors import NewsgraphError

    try:
        with serve_in_thread(create_app(db)) as base:
            yield base
    except NewsgraphError as exc:
        raise SystemExit(str(exc)) from exc


def watch(page: Any, base: str) -> list[str]:
    """Console errors, page errors and requests to other sites of a Playwright page, as they come."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: None if r.url.startswith((base, "data:"))
            else problems.append(f"request to another site: {r.url}"))
    return problems


def top_actor(base: str, page: Any) -> str:
    """The actor with the most events between named actors (the network's heaviest node)."""
    data = page.request.get(f"{base}/api/network?limit=600").json()
    if not data["nodes"]:
        raise SystemExit("the database has no events between two named actors")
    return str(data["nodes"][0]["name"])


def take(db: Path, out: Path, article: str) -> list[str]:
    from urllib.parse import quote

    from playwright.sync_api import sync_playwright

    binary = chromium_binary()
    if binary is None:
        raise SystemExit("no chromium binary found (apt-get install chromium, or set NEWSGRAPH_CHROMIUM)")
    out.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with serve(db) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=binary, args=list(CHROMIUM_ARGS))
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=base)
        page = context.new_page()
        seen = watch(page, base)
        actor = top_actor(base, page)
        shots = [
            ("home.png", "/", ["#timeline[data-state=ready]", "#map[data-state=ready]"], False),
            ("article.png", f"/articles/{quote(article, safe='')}", ["#text"], False),
            ("network.png", "/network", ["#network[data-state=ready]"], False),
            ("actor.png", f"/entities/{quote(actor, safe='')}",
             ["#actor-timeline[data-state=ready]", "#actor-map[data-state=ready]"], False),
        ]
        for name, path, ready, full in shots:
            page.goto(path)
            for selector in ready:
                page.wait_for_selector(selector, state="attached", timeout=60_000)
            page.wait_for_load_state("networkidle")
            problems += [f"{path}: {p}" for p in seen]
            seen.clear()
            page.screenshot(path=str(out / name), full_page=full)
            print(f"{path} -> {out / name}")
        browser.close()
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=ROOT / "newsgraph.duckdb", help="the database (make demo)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs/screenshots", help="folder for the PNG files")
    parser.add_argument("--article", default=ARTICLE, help="id of the article to show")
    args = parser.parse_args()
    if not args.db.is_file():
        raise SystemExit(f"{args.db}: no such database (run `make demo` first)")
    problems = take(args.db, args.out, args.article)
    for p in problems:
        print(p, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
