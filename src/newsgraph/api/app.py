"""The FastAPI application: ``/api`` (JSON, OpenAPI at ``/api/docs``) and the server-rendered pages.

``create_app(db)`` opens nothing until the first request; the database is then opened read-only once and
each request gets its own cursor (DuckDB connections are not used by two calls at once). ``POST /api/analyze`` loads the spaCy pipeline
on first use, once, and runs one analysis at a time.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph import __version__
from newsgraph.api.errors import PayloadTooLarge, error_body, handle_error
from newsgraph.errors import NewsgraphError
from newsgraph.records import ArticleRecord
from newsgraph.settings import Settings
from newsgraph.store.cache import ResultCache
from newsgraph.store.shared import SharedStore
from newsgraph.web.deps import Stores

LOGGER = logging.getLogger(__name__)

#: default size limit of a request body (POST /api/analyze), in bytes
MAX_BODY = 1_000_000

Analyzer = Callable[[str, dict[str, Any]], ArticleRecord]

# pages: no inline script or style, nothing from another origin (the article text is untrusted)
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class PipelineAnalyzer:
    """analyze_text with the pipeline loaded lazily, once, and used by one request at a time."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._lock = threading.Lock()

    def __call__(self, text: str, meta: dict[str, Any]) -> ArticleRecord:
        from newsgraph.runner import analyze_text

        with self._lock:
            return analyze_text(text, self.settings, **meta)


class BodyLimit:
    """ASGI middleware: a request body over ``limit`` bytes gets 413 before the app reads it."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._too_large(send)
            return
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.limit:
                await self._too_large(send)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, send: Send) -> None:
        msg = str(PayloadTooLarge(f"request body over the limit of {self.limit} bytes"))
        body = json.dumps(error_body(413, msg)).encode()
        await send({
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        })
        await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """ASGI middleware: CSP and friends on every page (not on /api/docs, which needs Swagger's inline script)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                if path != "/api/docs":
                    headers.append((b"content-security-policy", CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _docs_assets() -> Path | None:
    """Swagger UI's files from the fastapi-offline package, so /api/docs needs no CDN."""
    try:
        path = Path(str(resources.files("fastapi_offline") / "static"))
    except ModuleNotFoundError:
        return None
    return path if (path / "swagger-ui-bundle.js").is_file() else None


def create_app(
    db: str | Path,
    *,
    analyzer: Analyzer | None = None,
    settings: Settings | None = None,
    max_body: int = MAX_BODY,
    shared: SharedStore | None = None,
    cache: bool = True,
) -> FastAPI:
    """The app over the database ``db`` (opened read-only). ``analyzer`` replaces the spaCy pipeline (tests).

    With ``shared`` (``serve --watch``) requests read through cursors of the database the writer holds open.
    ``cache``: keep the answers of the read queries per store version (store/cache.py); False runs the SQL of
    every request.
    """
    from newsgraph.api.alerts import router as alerts_router
    from newsgraph.api.claims import router as claims_router
    from newsgraph.api.routes import router as api_router
    from newsgraph.web.alerts import router as alerts_page_router
    from newsgraph.web.claims_pages import router as claims_page_router
    from newsgraph.web.pages import STATIC_DIR, make_templates
    from newsgraph.web.pages import router as page_router

    if not Path(db).is_file():
        raise NewsgraphError(f"database not found: {db}")
    stores = Stores(db, shared, ResultCache() if cache else None,
                    threads=(settings or Settings()).server_threads)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()

    app = FastAPI(
        lifespan=lifespan,
        title="newsgraph",
        version=__version__,
        description="Articles, actors, quotes, events and places of a newsgraph database (read-only), "
        "plus POST /api/analyze for a single text. Errors are `{\"ok\": false, \"error\": ...}`.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.stores = stores
    app.state.analyzer = analyzer or PipelineAnalyzer(settings)
    app.state.settings = settings or Settings()  # min_event_confidence: what pages and /api show and count
    app.state.templates = make_templates()
    app.state.db = str(db)
    for exc in (StarletteHTTPException, RequestValidationError, NewsgraphError, Exception):
        app.add_exception_handler(exc, handle_error)
    app.include_router(api_router)
    app.include_router(alerts_router)  # monitor: /api/alerts and the Alerts page
    app.include_router(claims_router)  # claims: /api/claims, /api/statements, /api/quotations, /api/check
    app.include_router(page_router)
    app.include_router(alerts_page_router)
    app.include_router(claims_page_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    docs = _docs_assets()
    if docs is not None:
        app.mount("/api/docs-assets", StaticFiles(directory=docs), name="docs-assets")

    @app.get("/api/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        if docs is None:
            return HTMLResponse('<p>Swagger UI is not installed; the spec is at <a href="/api/openapi.json">'
                                "/api/openapi.json</a>.</p>")
        return get_swagger_ui_html(
            openapi_url="/api/openapi.json",
            title="newsgraph API",
            swagger_js_url="/api/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/api/docs-assets/swagger-ui.css",
            swagger_favicon_url="/api/docs-assets/favicon.png",
        )

    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, limit=max_body)
    return app
