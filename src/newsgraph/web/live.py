"""The app on a loopback port in a background thread, and the headless Chromium that drives it.

Used by the browser tests and ``scripts/screenshots.py`` (and handy in a notebook)::

    with serve_in_thread(create_app("news.duckdb")) as base:   # "http://127.0.0.1:<free port>"
        ...

``newsgraph serve`` itself runs uvicorn in the foreground; this is the same server, started on a free port and
stopped when the block ends.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsgraph.errors import NewsgraphError

# flags for Debian's chromium run headless in a container: no sandbox, no GPU, nothing fetched in the background
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
)


def chromium_binary() -> str | None:
    """``NEWSGRAPH_CHROMIUM`` if set, else Debian's chromium; None where none is installed."""
    for candidate in (os.environ.get("NEWSGRAPH_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on now (the OS picks it)."""
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


@contextmanager
def serve_in_thread(app: Any, *, host: str = "127.0.0.1", timeout: float = 30.0) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a daemon thread for as long as the block runs; yields its base URL.

    Raises :class:`~newsgraph.errors.NewsgraphError` if the server has not started within ``timeout`` seconds."""
    import uvicorn

    port = free_port(host)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            server.should_exit = True
            raise NewsgraphError(f"the app did not start on {host}:{port} within {timeout:.0f} s")
        time.sleep(0.05)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
