"""Real near-duplicates for the de-duplication tests: bundled VOA stories reprinted the way wire copy is.

Each reprint gets another headline (as a line at the top of the text and as its title), a dateline and wire
credit prepended, a copyright/boilerplate line appended, and minor edits: a word changed in the first
sentence, "said" -> "stated" once, and one sentence of the middle paragraph dropped.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

OUTLETS = [
    ("Daily Ledger", "WASHINGTON (Daily Ledger wire) —", "Copyright 2025 Daily Ledger. All rights reserved. "
     "This material may not be published, broadcast, rewritten or redistributed."),
    ("Metro Post", "By Metro Post staff and wire services.", "Sign up for our free morning newsletter to get "
     "the day's top stories delivered to your inbox."),
    ("Valley Herald", "(Valley Herald) —", "Have a news tip? Contact the Valley Herald newsroom. Reporting by "
     "wire services; editing by the Valley Herald desk."),
]


def voa_articles() -> list[dict]:  # type: ignore[type-arg]
    rows = [json.loads(line) for line in (ROOT / "samples/articles.jsonl").read_text(encoding="utf-8").splitlines()]
    return [r for r in rows if r["id"].startswith("voa")]


def _edit(text: str, variant: int) -> str:
    paras = [p for p in text.split("\n") if p.strip()]
    first = paras[0]
    first = re.sub(r"\b(the|a)\b", "one" if variant % 2 else "this", first, count=1)
    paras[0] = first
    mid = len(paras) // 2
    sentences = re.split(r"(?<=[.!?])\s+", paras[mid])
    if len(sentences) > 1:
        del sentences[variant % len(sentences)]
        paras[mid] = " ".join(sentences)
    body = "\n\n".join(paras)
    return re.sub(r"\bsaid\b", "stated", body, count=1)


def reprint(row: dict, variant: int) -> dict:  # type: ignore[type-arg]
    outlet, dateline, boilerplate = OUTLETS[variant % len(OUTLETS)]
    headline = f"{outlet}: " + " ".join(reversed((row.get("title") or "Story").split()))
    text = f"{headline}\n\n{dateline} {_edit(row['text'], variant)}\n\n{boilerplate}\n"
    return {"id": f"{row['id']}~{outlet.lower().replace(' ', '-')}", "title": headline, "text": text,
            "url": None, "source": outlet, "published": row.get("published")}
