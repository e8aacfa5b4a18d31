"""Bytes to text: UTF-8 kept byte for byte; binary refused; other encodings detected and noted."""

from __future__ import annotations

from newsgraph.errors import IngestError

_CONTROL = set(range(32)) - {9, 10, 12, 13}


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls / len(sample) > 0.05


def decode_bytes(data: bytes, origin: str) -> tuple[str, list[str]]:
    """Decode article bytes. Returns (text, warnings). UTF-8 text (with or without BOM) is kept exactly."""
    if looks_binary(data):
        raise IngestError(f"{origin}: binary data, not text (NUL or control bytes)")
    try:
        text = data.decode("utf-8")
        if text.startswith("\ufeff"):
            return text[1:], ["utf-8 byte order mark removed"]
        return text, []
    except UnicodeDecodeError as exc:
        first_error = exc
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise IngestError(f"{origin}: not valid UTF-8 ({first_error}) and no other encoding fits")
    return str(best), [f"not valid UTF-8 ({first_error.reason} at byte {first_error.start}); decoded as {best.encoding}"]
