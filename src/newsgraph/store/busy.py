"""The message for a database held by another process: DuckDB's lock error, and what to run instead."""

from __future__ import annotations


def is_lock_error(exc: BaseException) -> bool:
    text = str(exc)
    return "Could not set lock" in text or "Conflicting lock" in text


def busy_message(path: str, *, read_only: bool) -> str:
    """What to say when another process holds ``path``."""
    if read_only:
        return (
            f"database {path} is being written by another process (newsgraph ingest or watch). To read it while "
            f"articles come in, run ingest and server in one process: newsgraph serve --db {path} --watch SOURCE "
            "(it ingests SOURCE and serves pages and the API at once); or wait for the other process to finish."
        )
    return (
        f"database {path} is open in another process (newsgraph serve, watch or ingest holds it). DuckDB lets one "
        f"process write a file: to ingest while serving, stop that process and run newsgraph serve --db {path} "
        f"--watch SOURCE (one process ingests SOURCE and serves); to keep adding articles without a server, "
        f"run newsgraph watch SOURCE --db {path} once the other process has stopped."
    )
