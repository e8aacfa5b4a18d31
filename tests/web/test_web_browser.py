"""End to end in Debian's headless Chromium (driven by Playwright): the pages as a person uses them.

The app runs under uvicorn on a free loopback port in a thread, over the hand-made fixture records, over the demo
database (samples/ through the real pipeline) and over a store built with a 330-actor network. The tests skip,
saying why, only where no chromium binary is installed (`.ci/run` installs Debian's chromium). The README's
screenshots are made by scripts/screenshots.py on the demo database.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import actor_record

from newsgraph.api import create_app
from newsgraph.store.duck import Store
from newsgraph.web.live import CHROMIUM_ARGS, chromium_binary
from newsgraph.web.live import serve_in_thread as serve

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs/screenshots"  # the claims browser test writes its screenshot here

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live_url(app) -> Iterator[str]:  # type: ignore[no-untyped-def]
    with serve(app) as url:
        yield url


@pytest.fixture(scope="module")
def demo_url(demo_db: Path) -> Iterator[str]:
    with serve(create_app(demo_db)) as url:
        yield url


@pytest.fixture(scope="module")
def big_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A store whose network has 330 actors (people with real-looking names of varied length) and 660 links."""
    first = ["Ana", "Bo", "Christopher", "Dmitri", "Elena", "Fatima", "Gao", "Hiroshi", "Ines", "Jean-Baptiste",
             "Kwame", "Li", "Maximilian", "Nia", "Olu", "Pavel", "Qing", "Rosa", "Sven", "Tatiana", "Umar", "Vera"]
    last = ["Abe", "Barros", "Chen", "Dlamini", "Eriksson", "Fernandez-Lopez", "Gupta", "Horvath", "Ivanova",
            "Jung", "Kowalczyk", "Lindqvist", "Mensah", "Nakamura", "Okafor"]
    n = 330
    people = [(f"{first[i % len(first)]} {last[i // len(first)]}", "PERSON", "USAGOV") for i in range(n)]
    assert len(set(people)) == n
    links = [(i, (i + 1) % n) for i in range(n)] + [(i, (i * 7 + 3) % n) for i in range(n) if (i * 7 + 3) % n != i]
    records = []
    for k in range(0, len(links), 10):
        chunk = links[k : k + 10]
        ids = sorted({a for pair in chunk for a in pair})
        local = {a: j for j, a in enumerate(ids)}
        records.append(actor_record(f"big-{k}", "2025-03-01", [people[a] for a in ids],
                                    [("CONSULT", local[a], local[b]) for a, b in chunk]))
    path = tmp_path_factory.mktemp("big") / "big.duckdb"
    with Store(path) as store:
        store.write(records)
        store.refresh_actors()
    with serve(create_app(path)) as url:
        yield url


def open_page(browser: Any, base: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=base)
    pg = context.new_page()
    pg.problems = []  # console errors, page errors, CSP violations, dialogs, requests to other sites
    pg.on("console", lambda m: pg.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))

    def on_dialog(d: Any) -> None:
        pg.problems.append(f"dialog {d.type}: {d.message}")
        d.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("request", lambda r: None if r.url.startswith(base) or r.url.startswith("data:")
          else pg.problems.append(f"request to another site: {r.url}"))
    yield pg
    context.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    binary = chromium_binary()
    if binary is None:
        pytest.skip("no chromium binary found (install Debian's chromium: apt-get install chromium chromium-driver)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=binary, args=list(CHROMIUM_ARGS))
        yield b
        b.close()


@pytest.fixture
def page(browser, live_url) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    yield from open_page(browser, live_url)


@pytest.fixture
def demo_page(browser, demo_url) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    yield from open_page(browser, demo_url)


@pytest.fixture
def big_page(browser, big_url) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    yield from open_page(browser, big_url)


# label boxes of the network's shown labels, in page pixels, as Cytoscape measures them
LABEL_BOXES = """() => {
  const cy = window.newsgraphNetwork, box = document.getElementById("network").getBoundingClientRect();
  return cy.nodes().not(".nolabel").map((n) => {
    const b = n.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
    return { name: n.data("name"), x1: box.left + b.x1, x2: box.left + b.x2, y1: box.top + b.y1, y2: box.top + b.y2 };
  });
}"""


def overlapping(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(a["name"], b["name"]) for i, a in enumerate(boxes) for b in boxes[i + 1 :]
            if a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"]]


def node_point(page: Any, name: str) -> tuple[float, float]:
    """Where on the page a network node is drawn."""
    pos = page.evaluate("""(name) => {
      const n = window.newsgraphNetwork.getElementById(name), p = n.renderedPosition();
      const box = document.getElementById("network").getBoundingClientRect();
      return [box.left + p.x, box.top + p.y];
    }""", name)
    return pos[0], pos[1]


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
    expect(page.locator("#timeline[data-state=ready]")).to_be_attached()
    # by publication day (the default): three days, six type bars, each a link to its events
    bars = page.locator("#timeline svg g.bars a")
    expect(bars).to_have_count(6)
    assert page.locator('#timeline svg g.bars a[href*="published_from=2025-04-10"]').count() == 3
    expect(page.locator("#timeline-legend li")).to_have_count(6)
    expect(page.locator("#map svg g.countries path").first).to_be_attached()
    expect(page.locator("#map svg g.dots circle")).to_have_count(3)
    # a bar of the timeline opens the events behind it, with their sentences
    page.locator('#timeline svg g.bars a[href*="type=ASSAULT"]').click()
    expect(page).to_have_url(re.compile(r"/events\?.*published_from=2025-04-10.*type=ASSAULT"))
    expect(page.locator("blockquote.sentence")).to_have_text(["Russian forces shelled Kharkiv overnight, officials said."])
    # the switch counts events on their own dates: the shelling on the 8th
    page.go_back()
    page.locator('#timeline-dates input[value="event"]').check()
    expect(page.locator('#timeline svg g.bars a[href*="date_from=2025-04-08"]')).to_have_count(1)
    page.locator('#timeline svg g.bars a[href*="date_from=2025-04-08"]').click()
    expect(page.locator("blockquote.sentence")).to_have_text(["Russian forces shelled Kharkiv overnight, officials said."])
    # a place on the map opens the mentions of that place
    page.go_back()
    page.locator("#map g.dots a", has=page.locator("title", has_text="Kraków")).click()
    expect(page.locator("mark.place")).to_have_text(["Kraków"])
    # search narrows the list
    page.goto("/")
    page.fill('input[name="q"]', "kharkiv")
    page.click('form.filters button[type="submit"]')
    expect(page.locator("ol.articles > li")).to_have_count(1)
    assert page.problems == []


def test_browser_network_hover_and_click(page) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto("/network")
    expect(page.locator("#network[data-state=ready]")).to_be_attached(timeout=30_000)
    assert page.evaluate("window.newsgraphNetwork.nodes().length") == 7
    assert page.evaluate("window.newsgraphNetwork.edges().length") == 4
    assert overlapping(page.evaluate(LABEL_BOXES)) == []
    # hovering an actor highlights its links and fades the rest
    page.mouse.move(*node_point(page, "Volodymyr Zelenskyy"))
    expect(page.locator("#network-summary")).to_contain_text("Volodymyr Zelenskyy (UKRGOV): 1 event with 1 actor")
    assert page.evaluate("window.newsgraphNetwork.$('.faded').length") > 0
    assert page.evaluate("window.newsgraphNetwork.$('.highlight').map((e) => e.id()).sort()").count("Russia") == 1
    page.mouse.move(5, 5)
    assert page.evaluate("window.newsgraphNetwork.$('.faded').length") == 0
    # the filters: a type with no event between two actors
    page.goto("/network?type=THREATEN")
    expect(page.locator("#network p")).to_have_text("No events between two named actors for these filters.")
    page.goto("/network?type=ACCUSE")
    expect(page.locator("#network[data-state=ready]")).to_be_attached(timeout=30_000)
    assert page.evaluate("window.newsgraphNetwork.nodes().map((n) => n.id()).sort()") == ["Russia", "Volodymyr Zelenskyy"]
    assert page.locator('input[name="min_confidence"]').count() == 1  # events carry a confidence
    # clicking an actor opens their page
    page.mouse.click(*node_point(page, "Volodymyr Zelenskyy"))
    expect(page.locator("#entity-name")).to_have_text("Volodymyr Zelenskyy")
    expect(page.locator("#quotes q")).to_have_text(["Kyiv would keep fighting for a just peace"])
    assert page.problems == []


def test_browser_actor_page_timeline_counterparts_map(page) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto("/entities/Russia")
    expect(page.locator("#actor-timeline[data-state=ready]")).to_be_attached()
    # Russia: REJECT as source (xss-1, March), ACCUSE as target (seed, April)
    expect(page.locator("#actor-timeline svg g.bars a")).to_have_count(2)
    expect(page.locator("#counterparts")).to_contain_text("Volodymyr Zelenskyy")
    page.locator('#actor-timeline svg g.bars a[href*="type=ACCUSE"]').click()
    expect(page).to_have_url(re.compile(r"/events\?target=Russia&type=ACCUSE"))
    expect(page.locator("blockquote.sentence")).to_have_count(1)
    page.goto("/entities/Poland")
    expect(page.locator("#actor-map[data-state=ready]")).to_be_attached()
    expect(page.locator("#actor-map svg g.dots circle")).to_have_count(1)
    page.locator("#actor-map g.dots a").click()
    expect(page.locator("li.event .badge")).to_have_text(["AID"])
    assert page.problems == []


DEMO_ARTICLE = "seed-ukrinform-2025-04-10"


@pytest.mark.slow
def test_browser_demo_every_page_without_console_errors(demo_page, demo_db) -> None:  # type: ignore[no-untyped-def]
    from urllib.parse import quote

    from playwright.sync_api import expect

    from newsgraph.store import queries

    with Store(demo_db, read_only=True) as store:  # the 1815 background event, at the default threshold
        shown_1815 = queries.list_events(store, date_from="1815-01-01", date_to="1815-12-31")["total"]

    page = demo_page
    page.goto("/")
    expect(page.locator("#timeline[data-state=ready]")).to_be_attached(timeout=30_000)
    expect(page.locator("#map[data-state=ready]")).to_be_attached(timeout=30_000)
    # by publication month the timeline starts with the corpus, not with a background date of 1815
    first_bar = page.locator("#timeline svg g.bars a").first.get_attribute("href")
    assert "published_from=2019" in first_bar
    page.locator('#timeline-dates input[value="event"]').check()
    # by event date background events get their own years: 2004's (confidence 0.87 and more), and 1815's only
    # where its event reaches min_event_confidence (the chart counts what the Events page shows)
    expect(page.locator('#timeline svg g.bars a[href*="date_from=2004"]').first).to_be_attached()
    expect(page.locator('#timeline svg g.bars a[href*="date_from=1815"]')).to_have_count(min(shown_1815, 1))
    page.goto("/network")
    expect(page.locator("#network[data-state=ready]")).to_be_attached(timeout=60_000)
    names = set(page.evaluate("window.newsgraphNetwork.nodes().map((n) => n.id())"))
    assert {"Donald Trump", "China", "United States"} <= names
    assert not names & {"Trump", "Article 5", "Charter", "its navy", "YChina"}
    assert overlapping(page.evaluate(LABEL_BOXES)) == []
    actor = page.evaluate("window.newsgraphNetwork.nodes().max((n) => n.data('weight')).ele.id()")
    pages = [
        (f"/articles/{DEMO_ARTICLE}", "#text .ann"),
        ("/entities", "table.grid tbody tr"),
        (f"/entities/{quote(actor, safe='')}", "#actor-timeline[data-state=ready]"),
        ("/entities/Donald%20Trump", "#actor-map[data-state=ready]"),
        ("/quotes", "ol.quote-list li"),
        ("/events", "ol.event-rows li"),
        ("/places?name=China", "ol.place-rows li"),
        ("/network?type=ACCUSE&min_weight=1", "#network[data-state=ready]"),
    ]
    for path, ready in pages:
        page.goto(path)
        expect(page.locator(ready).first).to_be_attached(timeout=60_000)
        page.wait_for_load_state("networkidle")
    assert page.problems == []


@pytest.mark.slow
def test_browser_network_of_330_actors_labels_never_overlap(big_page) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page = big_page
    page.goto("/network")
    expect(page.locator("#network[data-state=ready]")).to_be_attached(timeout=120_000)
    assert page.evaluate("window.newsgraphNetwork.nodes().length") == 330
    boxes = page.evaluate(LABEL_BOXES)
    assert len(boxes) >= 30, f"only {len(boxes)} labels shown"
    assert overlapping(boxes) == []
    view = page.locator("#network").bounding_box()
    inside = [b for b in boxes if b["x1"] >= view["x"] - 1 and b["x2"] <= view["x"] + view["width"] + 1]
    assert len(inside) == len(boxes)
    # zooming in makes room: more labels, still none overlapping
    page.evaluate("""() => { const cy = window.newsgraphNetwork;
      cy.zoom({ level: cy.zoom() * 3, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }); }""")
    deadline = time.monotonic() + 10  # (wait_for_function would need eval, which the CSP forbids)
    while int(page.locator("#network").get_attribute("data-labels") or 0) <= len(boxes):
        assert time.monotonic() < deadline, "zooming in showed no more labels"
        time.sleep(0.1)
    assert overlapping(page.evaluate(LABEL_BOXES)) == []
    assert page.problems == []
