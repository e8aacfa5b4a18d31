"""The Claims pages in Debian's headless Chromium: contested group first, its speakers for and against on the
timeline, a statement's link opening its highlighted sentence on the article page, the check form; article
text that holds a script tag is shown as text and runs nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import test_web_browser as shared
from claims_records import contested_records

from newsgraph.api import create_app
from newsgraph.store.claims import groups
from newsgraph.store.duck import Store

pytestmark = pytest.mark.browser
SHOTS = shared.SHOTS
# the shared browser fixtures, reused here over this module's app
browser = shared.browser
live_url = shared.live_url
page = shared.page


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Overrides the shared app: the server of this module runs over the contested-claim database."""
    path: Path = tmp_path_factory.mktemp("claimsweb") / "claims.duckdb"
    mp = pytest.MonkeyPatch()
    mp.setattr(groups, "THRESHOLD", 0.6)  # two-article store: flat IDF weights (see tests/test_claims.py)
    try:
        with Store(path) as store:
            store.write(contested_records())
    finally:
        mp.undo()
    return create_app(path)


def test_browser_claims_contested_group_timeline_and_sentence(page) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto("/")
    page.locator("header nav a", has_text="Claims").click()
    first = page.locator("ol.claim-groups > li").first
    expect(first).to_have_class("claim-group contested")
    expect(first.locator(".positions")).to_contain_text("Chinese government: denies")
    expect(first.locator(".positions")).to_contain_text("Volodymyr Zelenskyy: supports")
    first.locator("a.claim-text").click()
    expect(page.locator("#claim-text")).to_contain_text("any involvement of its citizens")
    expect(page.locator(".side-supports")).to_contain_text("Volodymyr Zelenskyy")
    expect(page.locator(".side-denies")).to_contain_text("Chinese government")
    # the timeline: one dot for, one against, in date order (the denial came a day earlier)
    expect(page.locator("svg.claim-timeline circle.pos-supports")).to_have_count(1)
    expect(page.locator("svg.claim-timeline circle.pos-denies")).to_have_count(1)
    xs = page.evaluate("Array.from(document.querySelectorAll('svg.claim-timeline circle'))"
                       ".map(c => [c.classList.contains('pos-denies'), +c.getAttribute('cx')])")
    deny_x = next(x for d, x in xs if d)
    assert all(deny_x < x for d, x in xs if not d)
    # the article text holds a script tag: shown as text in the statement, nothing runs
    expect(page.locator("#statements blockquote.sentence").first).to_contain_text("<script>alert(5)</script>")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "claims.png"), full_page=True)
    # a statement's link opens the article at its highlighted statement
    page.locator("#statements li.st-denies a.src").click()
    expect(page).to_have_url(re.compile(r"/articles/claim-deny#q0$"))
    expect(page.locator("#q0")).to_be_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('#q0')).boxShadow") != "none"
    assert page.problems == []


def test_browser_claims_check_form(page) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto("/check")
    page.fill('input[name="claim"]', "Chinese nationals are fighting in the Russian army")
    page.click('form.filters button[type="submit"]')
    expect(page.locator("#check-summary")).to_contain_text("1 agree")
    expect(page.locator("#check-summary")).to_contain_text("1 disagree")
    zel = page.locator("section.check-speaker", has=page.locator("h2", has_text="Volodymyr Zelenskyy"))
    expect(zel.locator(".pos")).to_have_text(["agree"])
    gov = page.locator("section.check-speaker", has=page.locator("h2", has_text="Chinese government"))
    expect(gov.locator(".pos")).to_have_text(["disagree"])
    # the actor page lists the claims the actor made
    zel.locator("h2 a.actor").click()
    expect(page.locator("#claims")).to_contain_text("Claims made (1)")
    assert page.problems == []
