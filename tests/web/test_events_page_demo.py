"""Issue 13's check on the demo: the Events page, in its default order (by date), shows no biography, state or
trend sentence in its first 25 events.

Whether a sentence reports an event is a human judgement, kept in ``tests/gold/events-demo-page.tsv`` (one row per
event the page has shown, with its verdict). The test fails when one of the first 25 events is judged anything but
an event, and when one is not judged yet: then read its sentence and add a row (the message lists them).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.api import create_app

pytestmark = [pytest.mark.model, pytest.mark.slow]

JUDGED = Path(__file__).resolve().parents[1] / "gold" / "events-demo-page.tsv"
VERDICTS = {"event", "biography", "state", "trend", "non-event"}
FIRST = 25


def judged() -> dict[tuple[str, int], tuple[str, str]]:
    """(article id, trigger start) -> (trigger, verdict)."""
    out: dict[tuple[str, int], tuple[str, str]] = {}
    for n, line in enumerate(JUDGED.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        article, start, trigger, _type, verdict, *_ = line.split("\t")
        assert verdict in VERDICTS, f"{JUDGED.name}:{n}: unknown verdict {verdict!r}"
        out[(article, int(start))] = (trigger, verdict)
    return out


def test_events_page_demo_judged_file_has_non_events() -> None:
    verdicts = {v for _, v in judged().values()}
    assert "event" in verdicts and verdicts - {"event"}  # it can tell the two apart


def test_events_page_demo_first_events_are_events(demo_db: Path) -> None:
    with TestClient(create_app(demo_db)) as client:
        items = client.get("/api/events", params={"limit": FIRST}).json()["items"]
        page = client.get("/events").text
    assert len(items) == FIRST
    # the page lists the same events in the same order (each links to its article's #evN)
    shown = re.findall(r'href="/articles/([^"#]+)#ev(\d+)"', page)[:FIRST]
    assert shown == [(it["article_id"], str(it["idx"])) for it in items]
    verdicts = judged()
    unjudged = [f'{it["article_id"]}\t{it["trigger"]["start"]}\t{it["trigger"]["text"]}\t{it["type"]}\t?\t'
                f'{it["sentence_text"][:100]}' for it in items
                if (it["article_id"], it["trigger"]["start"]) not in verdicts]
    assert not unjudged, "judge these events in tests/gold/events-demo-page.tsv:\n" + "\n".join(unjudged)
    wrong = [(it["article_id"], it["trigger"]["text"], verdicts[(it["article_id"], it["trigger"]["start"])][1])
             for it in items if verdicts[(it["article_id"], it["trigger"]["start"])][1] != "event"]
    assert not wrong, f"not events, shown among the first {FIRST}: {wrong}"
