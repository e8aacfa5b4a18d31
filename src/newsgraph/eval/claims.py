"""Claim grouping on the hand-labelled VOA claim pairs (tests/gold/claims/pairs.jsonl, README there).

Each gold pair names two statements by article id and character span. In the database (the bundled sample
corpus ingested) each is matched to the stored claim of that article overlapping its span most. Scores:

- grouping: a pair is predicted "same" when both claims are in one claim group; precision, recall and F1 of
  "same" over the pairs (a statement the extractor no longer finds counts as not grouped);
- relation: over gold-same pairs that are grouped, whether the two polarities agree (both positive or both
  negative), contradict (one positive, one negative) or neither (a neutral one), against the gold relation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.errors import NewsgraphError
from newsgraph.store.claims.tables import has_claims
from newsgraph.store.duck import Store

DEFAULT_PAIRS = Path("tests/gold/claims/pairs.jsonl")


@dataclass
class ClaimScores:
    pairs: int = 0
    gold_same: int = 0
    predicted_same: int = 0
    true_same: int = 0
    unmatched: int = 0  # pair members with no stored claim overlapping their span
    relation_total: int = 0
    relation_right: int = 0
    confusion: dict[str, int] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.true_same / self.predicted_same if self.predicted_same else 0.0

    @property
    def recall(self) -> float:
        return self.true_same / self.gold_same if self.gold_same else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def relation_accuracy(self) -> float:
        return self.relation_right / self.relation_total if self.relation_total else 0.0


def read_pairs(path: Path, split: str = "all") -> list[dict[str, Any]]:
    if not path.is_file():
        raise NewsgraphError(f"gold pairs not found: {path}")
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise NewsgraphError(f"{path} line {n}: {exc}") from exc
        if split == "all" or row.get("split") == split:
            rows.append(row)
    return rows


def _find(store: Store, side: dict[str, Any]) -> tuple[str, str] | None:
    """(group id, polarity) of the stored claim overlapping the gold span most."""
    rows = store.con.execute(
        'SELECT m.group_id, c.polarity, least(c."end", ?) - greatest(c.start, ?) AS ov FROM claims c '
        "JOIN claim_members m ON m.claim_id = c.id WHERE c.article_id = ? AND c.start < ? AND c.\"end\" > ? "
        "ORDER BY ov DESC, c.start LIMIT 1",
        [side["end"], side["start"], side["article_id"], side["end"], side["start"]],
    ).fetchall()
    return (rows[0][0], rows[0][1]) if rows else None


def relation(pa: str, pb: str) -> str:
    if "neutral" in (pa, pb):
        return "neither"
    return "agree" if pa == pb else "contradict"


def evaluate_claims(store: Store, pairs: list[dict[str, Any]]) -> ClaimScores:
    if not has_claims(store.con):
        raise NewsgraphError(f"{store.path} has no claims tables: ingest the sample corpus into it first")
    sc = ClaimScores()
    for p in pairs:
        sc.pairs += 1
        a, b = _find(store, p["a"]), _find(store, p["b"])
        sc.unmatched += (a is None) + (b is None)
        same = a is not None and b is not None and a[0] == b[0]
        sc.gold_same += bool(p["same"])
        sc.predicted_same += same
        sc.true_same += same and bool(p["same"])
        if same and p["same"] and p.get("relation") and a and b:
            got = relation(a[1], b[1])
            sc.relation_total += 1
            sc.relation_right += got == p["relation"]
            key = f"{p['relation']}->{got}"
            sc.confusion[key] = sc.confusion.get(key, 0) + 1
    return sc
