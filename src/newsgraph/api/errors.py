"""One error handler for the whole app: every error becomes ``{"ok": false, "error": ...}`` with its status.

API paths (``/api/...``) get JSON; page paths get the same message in a small HTML page. Domain errors map
to statuses here and nowhere else: NotFound -> 404, bad input (IngestError, ExtractionError, SettingsError,
request validation) -> 422, a body over the limit -> 413, anything unexpected -> 500 (logged, message hidden).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsgraph.errors import ExtractionError, IngestError, NewsgraphError, NotFound, SettingsError, StoreError

LOGGER = logging.getLogger(__name__)


class PayloadTooLarge(NewsgraphError):
    """A request body over the configured limit."""


def status_and_message(exc: Exception) -> tuple[int, str, Any]:
    """(HTTP status, message, extra detail or None) for any exception."""
    if isinstance(exc, RequestValidationError):
        details = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
            for e in exc.errors()
        ]
        msg = "; ".join(f"{'.'.join(d['loc'])}: {d['msg']}" for d in details) or "invalid request"
        return 422, msg, details
    if isinstance(exc, StarletteHTTPException):
        return exc.status_code, str(exc.detail), None
    if isinstance(exc, NotFound):
        return 404, str(exc), None
    if isinstance(exc, PayloadTooLarge):
        return 413, str(exc), None
    if isinstance(exc, (IngestError, ExtractionError, SettingsError)):
        return 422, str(exc), None
    if isinstance(exc, StoreError):
        LOGGER.error("database error: %s", exc)
        return 500, "database error", None
    LOGGER.exception("unexpected error", exc_info=exc)
    return 500, "internal error", None


def error_body(status: int, message: str, detail: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"ok": False, "error": message, "status": status}
    if detail is not None:
        body["detail"] = detail
    return body


async def handle_error(request: Request, exc: Exception) -> Response:
    status, message, detail = status_and_message(exc)
    if request.url.path.startswith("/api") or request.url.path.startswith("/static"):
        return JSONResponse(error_body(status, message, detail), status_code=status)
    templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    ) if templates is not None else HTMLResponse(f"error {status}", status_code=status)
