"""HTTP GET for watched feeds and the pages they link to: conditional requests, size and time limits.

``fetch(url, etag=..., last_modified=...)`` sends ``If-None-Match`` / ``If-Modified-Since`` when it has them, so
an unchanged feed costs one 304 and no parsing. Only http and https URLs are fetched.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from dataclasses import dataclass

from newsgraph import __version__
from newsgraph.errors import IngestError

LOGGER = logging.getLogger(__name__)

TIMEOUT_S = 20.0
MAX_BYTES = 20 * 1024 * 1024
USER_AGENT = f"newsgraph/{__version__} (+monitoring)"


@dataclass(frozen=True, slots=True)
class Response:
    status: int  # 200, or 304 (not modified: body empty)
    body: bytes
    etag: str | None
    last_modified: str | None
    url: str  # after redirects


def fetch(url: str, *, etag: str | None = None, last_modified: str | None = None,
          timeout: float = TIMEOUT_S) -> Response:
    """GET ``url``; raises IngestError for anything but 200 or 304."""
    if not url.lower().startswith(("http://", "https://")):
        raise IngestError(f"{url}: only http and https URLs are fetched")
    headers = {"user-agent": USER_AGENT, "accept-encoding": "identity"}
    if etag:
        headers["if-none-match"] = etag
    if last_modified:
        headers["if-modified-since"] = last_modified
    req = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                raise IngestError(f"{url}: over {MAX_BYTES:,} bytes")
            return Response(resp.status, body, resp.headers.get("etag"), resp.headers.get("last-modified"),
                            resp.geturl())
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Response(304, b"", etag, last_modified, url)
        raise IngestError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise IngestError(f"{url}: cannot fetch ({getattr(exc, 'reason', exc)})") from exc
