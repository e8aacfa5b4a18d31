"""A small HTTP server on 127.0.0.1 for tests: serves given bytes per path, records requests and POST bodies.

``with LocalServer() as srv:`` starts it on a free port (loopback only) in a thread and stops it on exit.
``srv.routes[path] = (body, headers)`` sets what a GET returns; a GET carrying an ``If-None-Match`` equal to the
route's ``ETag`` gets 304. ``srv.posts`` holds the JSON bodies POSTed (the webhook receiver);
``srv.requests`` every (method, path, headers).
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, tuple[bytes, dict[str, str]]] = {}
        self.posts: list[Any] = []
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.post_status = 200
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                outer.requests.append(("GET", self.path, dict(self.headers)))
                route = outer.routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                body, headers = route
                if headers.get("ETag") and self.headers.get("If-None-Match") == headers["ETag"]:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:
                outer.requests.append(("POST", self.path, dict(self.headers)))
                data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.posts.append(json.loads(data))
                self.send_response(outer.post_status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(10)
