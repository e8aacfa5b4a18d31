"""`newsgraph serve`: a real server process on a free loopback port, and a clear error for a missing database."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from typer.testing import CliRunner

from newsgraph.cli import app


def test_cli_serve_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "database not found" in result.output


def test_cli_serve_serves_the_database(web_db: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsgraph", "serve", "--db", str(web_db), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/articles?limit=1", timeout=2) as r:
                    body = json.loads(r.read())
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
                assert time.monotonic() < deadline, "server did not come up"
                time.sleep(0.2)
        assert body["ok"] is True and body["total"] == 4
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/articles/seed", timeout=5) as r:
            assert r.status == 200 and "Who said what" in r.read().decode()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
