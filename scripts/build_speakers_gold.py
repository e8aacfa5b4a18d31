"""Build gold/speakers-voa/speakers.jsonl from the hand annotations (tune.txt, held.txt) and the bundled stories.

Each annotation line names a statement by text, not by offsets (``cue | content_first ~ content_last | speaker |
mention | kind``, see gold/speakers-voa/README.md); this script finds the character offsets in the story's text
from ``samples/articles.jsonl`` and fails, naming file and line, when a piece cannot be found. Reproducible:
``python scripts/build_speakers_gold.py`` rewrites the same file.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "gold" / "speakers-voa"
ARTICLES = ROOT / "samples" / "articles.jsonl"
#: how far (characters) a cue may stand from its content, and a mention from its cue
CUE_WINDOW = 300
MENTION_WINDOW = 400


def _occurrences(text: str, needle: str) -> list[int]:
    pattern = re.escape(needle)
    if needle[:1].isalnum():
        pattern = r"\b" + pattern
    if needle[-1:].isalnum():
        pattern += r"\b"
    return [m.start() for m in re.finditer(pattern, text)]


def _nearest(text: str, needle: str, span: tuple[int, int], limit: int, *, fold: bool = False) -> tuple[int, int] | None:
    """The occurrence of ``needle`` closest to ``span`` (outside it), within ``limit`` characters."""
    lo, hi = span
    haystack, target = (text.lower(), needle.lower()) if fold else (text, needle)
    best: tuple[int, int, int] | None = None
    for start in _occurrences(haystack, target):
        end = start + len(needle)
        if start >= lo and end <= hi:
            continue
        gap = lo - end if end <= lo else (start - hi if start >= hi else 0)
        if gap <= limit and (best is None or gap < best[0]):
            best = (gap, start, end)
    return None if best is None else (best[1], best[2])


def _content(text: str, content: str, cursor: int) -> tuple[int, int] | None:
    first, _, last = content.partition(" ~ ")
    start = text.find(first, cursor)
    if start < 0:
        start = text.find(first)
    if start < 0:
        return None
    if not last:
        return start, start + len(first)
    end = text.find(last, start + max(0, len(first) - len(last)))
    return None if end < 0 else (start, end + len(last))


def _cue(text: str, cue: str, content: tuple[int, int]) -> tuple[int, int] | None:
    word, _, context = cue.partition("@")
    hit = _nearest(text, context or word, content, CUE_WINDOW, fold=True)
    if hit is None or not context:
        return hit
    offset = context.lower().find(word.lower())
    return hit[0] + offset, hit[0] + offset + len(word)


def _piece(text: str, span: tuple[int, int]) -> dict[str, object]:
    return {"start": span[0], "end": span[1], "text": text[span[0]:span[1]]}


def build(split: str, texts: dict[str, str]) -> tuple[list[dict[str, object]], list[str]]:
    """The statements of one annotation file, and the errors (file:line: what)."""
    path = GOLD / f"{split}.txt"
    rows: list[dict[str, object]] = []
    errors: list[str] = []
    doc, text, cursor = "", "", 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{number}"
        if line.startswith("## "):
            doc, cursor = line[3:].strip(), 0
            if doc not in texts:
                errors.append(f"{where}: unknown story {doc!r}")
            text = texts.get(doc, "")
            continue
        if not line.strip() or line.startswith("#"):
            continue
        fields = [field.strip() for field in line.split(" | ")]
        if len(fields) != 5:
            errors.append(f"{where}: expected 5 fields separated by ' | ', got {len(fields)}")
            continue
        cue, content, speaker, mention, kind = fields
        span = _content(text, content, cursor)
        if span is None:
            errors.append(f"{where}: content not found: {content!r}")
            continue
        cursor = span[0] + 1
        row: dict[str, object] = {"doc": doc, "split": split, "line": number, "content": _piece(text, span),
                                  "cue": None, "speaker": speaker, "mention": None, "mention_kind": kind}
        anchor = span
        if cue != "-":
            cue_span = _cue(text, cue, span)
            if cue_span is None:
                errors.append(f"{where}: cue not found near the content: {cue!r}")
                continue
            row["cue"] = _piece(text, cue_span)
            anchor = cue_span
        if mention != "-":
            mention_span = _nearest(text, mention, anchor, MENTION_WINDOW)
            if mention_span is None or span[0] <= mention_span[0] < span[1]:
                errors.append(f"{where}: mention not found near the cue: {mention!r}")
                continue
            row["mention"] = _piece(text, mention_span)
        rows.append(row)
    return rows, errors


def main() -> int:
    texts = {}
    for line in ARTICLES.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        texts[record["id"]] = record["text"]
    rows, errors = [], []
    for split in ("tune", "held"):
        found, failed = build(split, texts)
        rows += found
        errors += failed
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        return 1
    docs = sorted({str(row["doc"]) for row in rows})
    digest = hashlib.sha256("".join(texts[d] for d in docs).encode()).hexdigest()
    (GOLD / "speakers.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                         encoding="utf-8")
    print(f"{len(rows)} statements in {len(docs)} stories; texts sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
