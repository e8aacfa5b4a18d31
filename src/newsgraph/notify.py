"""Webhook delivery of alerts: one JSON POST per alert, to the URL saved with its rule.

Delivery is at least once: an alert is marked delivered when the receiver answered 2xx; a failure is recorded
on the alert (``attempts``, ``last_error``) and tried again after the next batch, up to ``alerts.MAX_ATTEMPTS``.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from typing import Any

from newsgraph import __version__
from newsgraph.store import alerts
from newsgraph.store.duck import Store

LOGGER = logging.getLogger(__name__)

TIMEOUT_S = 5.0


def post_json(url: str, payload: dict[str, Any], timeout: float = TIMEOUT_S) -> str | None:
    """POST ``payload``; None when the receiver answered 2xx, else what went wrong."""
    data = json.dumps(payload, default=str).encode("utf-8")
    req = urllib.request.Request(url, data=data, method="POST", headers={
        "content-type": "application/json", "user-agent": f"newsgraph/{__version__} (alerts)"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            if 200 <= resp.status < 300:
                return None
            return f"HTTP {resp.status}"
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError) as exc:
        return f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}"


def deliver_pending(store: Store) -> tuple[int, int]:
    """Send every undelivered alert whose rule has a webhook; returns (delivered, failed)."""
    ok = bad = 0
    for alert, url in alerts.undelivered(store):
        error = post_json(url, {"alert": alert})
        alerts.mark_delivery(store, alert["rule_id"], alert["key"], error)
        if error is None:
            ok += 1
        else:
            bad += 1
            LOGGER.warning("webhook %s for alert %s/%s failed: %s", url, alert["rule_id"], alert["key"], error)
    return ok, bad
