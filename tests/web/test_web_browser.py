"""End to end in Debian's headless Chromium (driven by Playwright): the pages as a person uses them.

The app runs under uvicorn on a free loopback port in a thread. The tests skip, saying why, only where no
chromium binary is installed (`.ci/run` installs Debian's chromium). The article and home page screenshots
in docs/screenshots/ are made here.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs/screenshots"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]

pytestmark = pytest.mark.browser


def chromium_binary() -> str | None:
    for candidate in (os.environ.get("NEWSGRAPH_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def live_url(app) -> Iterator[str]:  # type: ignore[no-untyped-def]
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    binary = chromium_binary()
    if binary is None:
        pytest.skip("no chromium binary found (install Debian's chromium: apt-get install chromium chromium-driver)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=binary, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_url) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=live_url)
    pg = context.new_page()
    pg.problems = []  # console errors, page errors, CSP violations, dialogs, requests to other sites
    pg.on("console", lambda m: pg.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))

    def on_dialog(d: Any) -> None:
        pg.problems.append(f"dialog {d.type}: {d.message}")
        d.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("request", lambda r: None if r.url.startswith(live_url) or r.url.startswith("data:")
          else pg.problems.append(f"request to another site: {r.url}"))
    yield pg
    context.close()


def test_browser_article_click_speaker_shows_their_quotes(page) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto("/articles/seed")
    expect(page.locator("#article-title")).to_have_text("Chinese nationals captured in Ukraine")
    lin = page.locator("details.speaker-group", has=page.locator(".speaker-name", has_text="Lin Jian"))
    first_quote = lin.locator(".quote-item q").first
    expect(first_quote).to_be_hidden()
    lin.locator("summary").click()
    expect(first_quote).to_be_visible()
    expect(first_quote).to_have_text("China has always maintained an objective and impartial position.")
    expect(lin.locator(".quote-item q").nth(1)).to_have_text("Beijing urged all parties to hold talks")
    # the speaker's quotes light up in the text, and only theirs
    expect(page.locator("#text .ann.quote.focus")).to_have_count(2)
    # clicking a speaker mention in the text opens that speaker's quotes
    zel = page.locator("details.speaker-group", has=page.locator(".speaker-name", has_text="Volodymyr Zelenskyy"))
    expect(zel.locator(".quote-item q")).to_be_hidden()
    page.locator('#text .ann.speaker:text-is("Zelenskyy")').click()
    expect(zel.locator(".quote-item q")).to_have_text("Kyiv would keep fighting for a just peace")
    # an event in the side panel marks its source and target in the text
    page.locator('#events li.event[data-event="1"] .muted').click()
    expect(page.locator("#text .ann.as-source")).to_have_text(["Russian forces"])
    expect(page.locator("#text .ann.as-target")).to_have_text(["Kharkiv"])
    page.locator('#text .ann.trigger:text-is("accused")').click()
    expect(page.locator("#text .ann.as-source")).to_have_text(["Volodymyr Zelenskyy", "Zelenskyy"])
    expect(page.locator("#text .ann.as-target")).to_have_text(["Russia"])
    # annotations are there and can be switched off
    expect(page.locator("#text .ann.trigger.t-ASSAULT")).to_have_text("shelled")
    page.locator('.toggles input[data-kind="ent"]').uncheck()
    expect(page.locator("body")).to_have_class("page-article hide-ent")
    page.locator('.toggles input[data-kind="ent"]').check()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "article.png"), full_page=True)
    assert page.problems == []


def test_browser_article_with_script_shows_text_runs_nothing(page) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto("/articles/xss-1")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#text")).to_contain_text("Officials said <script>alert(1)</script> was found in a page.")
    expect(page.locator("#text")).to_contain_text("<img src=x onerror=alert(2)>")
    expect(page.locator("#article-title")).to_have_text("Page with <script>alert(1)</script> inside")
    assert page.title().startswith("Page with <script>alert(1)</script> inside")
    assert page.locator("#text script, #text img, #text b").count() == 0
    scripts = page.evaluate("Array.from(document.scripts).map(s => s.getAttribute('src'))")
    assert scripts == ["/static/app.js"]
    # the speaker panel and entity names are text too
    page.locator("details.speaker-group summary").first.click()
    expect(page.locator("details.speaker-group .quote-item q").first).to_have_text("the <b>payload</b> was harmless")
    expect(page.locator(".entity-list")).to_contain_text("<b>Mallory</b>")
    assert page.problems == []  # no alert dialog, no error


def test_browser_home_charts_link_to_their_sentences(page) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto("/")
    expect(page.locator("ol.articles > li")).to_have_count(4)
    expect(page.locator("#timeline svg rect.bar")).to_have_count(6)
    expect(page.locator("#map svg path.country").first).to_be_attached()
    expect(page.locator("#map svg circle.dot")).to_have_count(3)
    page.wait_for_load_state("networkidle")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "home.png"), full_page=True)
    # a bar of the timeline opens the events behind it, with their sentences
    page.locator("#timeline a.t-ASSAULT").click()
    expect(page).to_have_url(re.compile(r"/events\?.*type=ASSAULT"))
    expect(page.locator("blockquote.sentence")).to_have_text(["Russian forces shelled Kharkiv overnight, officials said."])
    # a place on the map opens the mentions of that place
    page.go_back()
    page.locator("#map a", has=page.locator("circle.dot")).filter(has=page.locator("title", has_text="Kraków")).click()
    expect(page.locator("mark.place")).to_have_text(["Kraków"])
    # search narrows the list
    page.goto("/")
    page.fill('input[name="q"]', "kharkiv")
    page.click('form.filters button[type="submit"]')
    expect(page.locator("ol.articles > li")).to_have_count(1)
    assert page.problems == []


def test_browser_network_and_actor_page(page) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto("/network")
    expect(page.locator("#network svg a.node")).to_have_count(7)
    page.locator("#network a.node", has=page.locator("text", has_text="Volodymyr Zelenskyy")).click()
    expect(page.locator("#entity-name")).to_have_text("Volodymyr Zelenskyy")
    expect(page.locator("#quotes q")).to_have_text(["Kyiv would keep fighting for a just peace"])
    assert page.problems == []
