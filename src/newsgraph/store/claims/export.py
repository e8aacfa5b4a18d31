"""``newsgraph export --format claims``: one claim a line (JSONL), with its canonical speaker and its group."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsgraph.claims.model import Claim
from newsgraph.errors import StoreError
from newsgraph.records import field_types
from newsgraph.store.claims.queries import POSITIONS
from newsgraph.store.claims.tables import has_claims
from newsgraph.store.duck import Store


def export_claims(store: Store, out: Path | None) -> str:
    if not has_claims(store.con):
        raise StoreError(f"{store.path} has no claims tables: open it once with a writer (newsgraph ingest) to add them")
    names = [n for n, _ in field_types(Claim)]
    cols = ", ".join(f'c."{n}"' for n in names)
    cur = store.con.execute(
        f"SELECT c.article_id, {cols}, c.actor, m.group_id, g.text, s.contested FROM claim_actors c "
        "LEFT JOIN claim_members m ON m.claim_id = c.id LEFT JOIN claim_groups g ON g.group_id = m.group_id "
        "LEFT JOIN claim_group_stats s ON s.group_id = m.group_id ORDER BY c.article_id, c.idx")
    fh = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
    n = 0
    try:
        while rows := cur.fetchmany(1000):
            for row in rows:
                claim = Claim.from_dict(dict(zip(names, row[1 : 1 + len(names)], strict=True))).to_dict()
                actor, gid, gtext, contested = row[1 + len(names):]
                item = {"article_id": row[0], **claim, "actor": actor, "position": POSITIONS.get(claim["polarity"]),
                        "group": {"id": gid, "text": gtext, "contested": bool(contested)} if gid else None}
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")
                n += 1
    finally:
        if out:
            fh.close()
    return f"{n} claims written to {out or 'stdout'}"
