"""schemathesis against /api/openapi.json: generated requests, good and bad, never get a 5xx.

Runs in process (ASGI) over the hand-made database, with the fake analyzer for POST /api/analyze. The
operations are driven with hypothesis directly (schemathesis's pytest fixture loader does not work with
pytest 9), one test per operation.
"""

from __future__ import annotations

from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error, status_code_conformance  # noqa: E402

OPERATIONS = [
    "GET /api/articles", "GET /api/articles/{article_id}", "GET /api/entities", "GET /api/entities/{entity_id}",
    "GET /api/quotes", "GET /api/events", "GET /api/stats/events", "GET /api/network", "GET /api/places",
    "GET /api/stats/places", "GET /api/facets", "POST /api/analyze",
    # claims
    "GET /api/claims", "GET /api/claims/{group_id}", "GET /api/statements", "GET /api/quotations", "GET /api/check",
    "GET /api/alerts", "GET /api/alerts/rules",  # monitor
]

NO_PARAMETERS = {"GET /api/facets", "GET /api/alerts/rules"}


def test_api_schema_lists_the_fuzzed_operations(app) -> None:  # type: ignore[no-untyped-def]
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    labels = {r.ok().label for r in schema.get_all_operations()}
    assert labels == set(OPERATIONS)


@pytest.mark.parametrize("mode", ["positive", "negative"])
@pytest.mark.parametrize("label", OPERATIONS)
def test_api_schema_no_server_errors(app, label: str, mode: str) -> None:  # type: ignore[no-untyped-def]
    """Valid requests (positive) and requests that break the schema (negative): 2xx/4xx only, JSON errors."""
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    method, path = label.split(" ", 1)
    operation = schema[path][method]
    if mode == "negative" and label in NO_PARAMETERS:
        pytest.skip(f"{label} takes no parameters: nothing to break")

    @given(case=operation.as_strategy(GenerationMode(mode)))
    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
              database=None)
    def check(case: Any) -> None:
        response = case.call()
        case.validate_response(response, checks=[not_a_server_error, status_code_conformance])
        if response.status_code >= 400:
            body = response.json()
            assert body["ok"] is False and body["error"]

    check()
