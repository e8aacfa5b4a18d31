"""`newsgraph serve --watch` end to end: one process ingests a folder while pages and the API keep reading.

A real server process on a free loopback port; 200 short articles dropped into the watched folder in two
halves; a reader thread requests pages and API routes all along; the server is killed with SIGKILL in the
middle of the first half's batches and started again. At the end: no read failed while the server was up, each
of the 200 articles is stored exactly once, and the alert rule on a watched actor reached a local webhook.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from localhttp import LocalServer
from test_watch import drop, sample_chunks

from newsgraph.store.duck import Store, content_hash

pytestmark = [pytest.mark.model, pytest.mark.slow]

READS = ("/api/articles?limit=5", "/api/events?limit=5", "/", "/api/alerts", "/alerts", "/api/entities?limit=5",
         "/events", "/api/facets")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, timeout: float = 60) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.read()


class Server:
    def __init__(self, db: Path, folder: Path, log: Path) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "NEWSGRAPH_BATCH_SIZE": "8"}
        self.log = open(log, "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--port", str(self.port),
             "--watch", str(folder), "--every", "0.3s"],
            stdout=self.log, stderr=subprocess.STDOUT, env=env,
        )
        deadline = time.monotonic() + 120
        while True:
            try:
                _get(f"{self.base}/api/facets", timeout=5)
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert self.proc.poll() is None, log.read_text(errors="replace")
                assert time.monotonic() < deadline, "server did not come up"
                time.sleep(0.2)

    def stored(self) -> int:
        return int(json.loads(_get(f"{self.base}/api/articles?limit=1")[1])["total"])

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)
        self.log.close()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(30)
        self.log.close()


class Reader(threading.Thread):
    """Requests READS in turn while ``up`` is set; bounded by ``stop`` and a deadline."""

    def __init__(self, deadline_s: float) -> None:
        super().__init__(daemon=True)
        self.base = ""
        self.up = threading.Event()
        self.stop = threading.Event()
        self.ok = 0
        self.failed: list[str] = []
        self.deadline = time.monotonic() + deadline_s

    def run(self) -> None:
        i = 0
        while not self.stop.is_set() and time.monotonic() < self.deadline:
            if not self.up.wait(0.2):
                continue
            path = READS[i % len(READS)]
            i += 1
            base = self.base
            try:
                status, body = _get(base + path)
                if status != 200 or not body:
                    raise AssertionError(f"HTTP {status}")
                self.ok += 1
            except Exception as exc:  # noqa: BLE001 - every failed read is counted, with its cause
                if self.up.is_set() and base == self.base:
                    self.failed.append(f"{path}: {type(exc).__name__}: {exc}")
            time.sleep(0.05)


def _wait(cond, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def test_serve_watch_reads_all_along_kill_and_restart_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app

    folder = tmp_path / "in"
    folder.mkdir()
    db = tmp_path / "live.duckdb"
    log = tmp_path / "server.log"
    texts = sample_chunks(200)
    reader = Reader(deadline_s=900)
    with LocalServer() as hook:
        added = CliRunner().invoke(app, ["alerts", "add", "event", "-p", "actor=Russia", "--webhook",
                                         f"{hook.url}/hook", "--db", str(db)])
        assert added.exit_code == 0, added.output
        server = Server(db, folder, log)
        reader.base = server.base
        reader.up.set()
        reader.start()
        try:
            for i, t in enumerate(texts[:100]):
                drop(folder, f"a{i:03d}.txt", t)
            _wait(lambda: server.stored() >= 16, 300, "the first batches")
            reader.up.clear()
            server.kill()  # SIGKILL while the first hundred are still being analysed
            killed_at = _count(db)
            assert 0 < killed_at < 100, killed_at
            for i, t in enumerate(texts[100:], 100):
                drop(folder, f"a{i:03d}.txt", t)
            server = Server(db, folder, log)
            reader.base = server.base
            reader.up.set()
            _wait(lambda: server.stored() >= 200, 600, "all 200 articles")
            time.sleep(1.0)  # one more poll: nothing new
            assert server.stored() == 200
            _wait(lambda: _alerts_sent(server), 60, "webhook deliveries")
        finally:
            reader.stop.set()
            reader.join(60)
            server.stop()
        assert reader.failed == [], reader.failed[:5]
        assert reader.ok > 50
        with Store(db, read_only=True) as store:
            ids = [i for (i,) in store.query("SELECT id FROM articles")[1]]
            assert len(ids) == 200 and len(set(ids)) == 200
            hashes = {h for (h,) in store.query("SELECT content_hash FROM articles")[1]}
            assert hashes == {content_hash(t) for t in texts}
            _, alert_rows = store.query("SELECT key, delivered_at FROM alerts ORDER BY key")
            assert store.query("SELECT count(*) FROM failures")[1] == [(0,)]
        assert alert_rows, "no event with Russia among 200 sample articles"
        assert all(delivered for _, delivered in alert_rows)
        posted = {p["alert"]["key"] for p in hook.posts}
        assert posted == {k for k, _ in alert_rows}  # every alert reached the webhook (at least once)
        assert all("Russia" in p["alert"]["summary"] for p in hook.posts)
        assert all(p["alert"]["article_id"] in set(ids) for p in hook.posts)


def _count(db: Path) -> int:
    with Store(db, read_only=True) as store:
        return int(store.query("SELECT count(*) FROM articles")[1][0][0])


def _alerts_sent(server: Server) -> bool:
    items = json.loads(_get(f"{server.base}/api/alerts?limit=500")[1])["items"]
    return bool(items) and all(i["delivered_at"] for i in items)
