"""HTTP API (FastAPI): ``create_app(db)``; routes are thin over :mod:`newsgraph.store.queries`."""

from newsgraph.api.app import create_app

__all__ = ["create_app"]
