"""Input records that are not articles (a WARC request, a PDF, a feed item without text).

They are neither Articles nor Failures: a crawl holds many of them by design. Readers yield a ``SkippedInput``
for each, and the runner counts them per reason in the run statistics, so nothing disappears without a count.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SkippedInput:
    origin: str
    reason: str  # short and stable, so counts group: "warc record type: request", "http status 404", ...
