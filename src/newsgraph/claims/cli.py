"""``newsgraph stance``: JSONL pairs in, one stance line per pair out; a malformed line is reported and skipped."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from newsgraph.claims.stance import CHUNK, classify

__all__ = ["parse_pair", "stance_lines"]


class PairError(ValueError):
    """A JSONL line that is not a {"id", "claim", "text"} object."""


def parse_pair(line: str) -> tuple[object, str, str]:
    """(id, claim, text) of one line; :class:`PairError` saying what is wrong otherwise."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise PairError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise PairError(f"expected an object, got {type(obj).__name__}")
    missing = [k for k in ("id", "claim", "text") if k not in obj]
    if missing:
        raise PairError(f"missing key(s): {', '.join(missing)}")
    if not isinstance(obj["id"], str | int) or isinstance(obj["id"], bool):
        raise PairError("id must be a string or an integer")
    for key in ("claim", "text"):
        if not isinstance(obj[key], str) or not obj[key].strip():
            raise PairError(f"{key} must be a non-empty string")
    return obj["id"], obj["claim"], obj["text"]


def stance_lines(lines: Iterable[str], out: Callable[[str], None], err: Callable[[str], None]) -> int:
    """Classify each good line of ``lines``, writing one JSON line per pair to ``out`` in input order and one
    ``line N: ...`` message per malformed line to ``err``. Returns the number of malformed lines."""
    bad = 0
    batch: list[tuple[object, str, str]] = []

    def flush() -> None:
        for (pid, _, _), result in zip(batch, classify([(c, t) for _, c, t in batch]), strict=True):
            out(json.dumps({"id": pid, "stance": result.label, "confidence": round(result.confidence, 4)},
                           ensure_ascii=False))
        batch.clear()

    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            batch.append(parse_pair(line))
        except PairError as exc:
            bad += 1
            err(f"error: line {number}: {exc}")
            continue
        if len(batch) >= CHUNK:
            flush()
    if batch:
        flush()
    return bad
