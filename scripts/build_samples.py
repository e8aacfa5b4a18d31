"""Rebuild samples/articles.jsonl: the seed article plus the Voice of America stories from ../shared/data/voa.

    python scripts/build_samples.py [--shared ../shared]

VOA stories are US government work in the public domain; each keeps its url and the credit
"voanews.com / Voice of America".
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    seed = (args.shared / "examples/seed/article.txt").read_text(encoding="utf-8")
    rows = [{
        "id": "seed-ukrinform-2025-04-10", "title": None, "published": "2025-04-10", "url": None,
        "source": "newsgraph seed example (reporting UkrInform)", "text": seed,
    }]
    for line in (args.shared / "data/voa/voa_stories.jsonl").read_text(encoding="utf-8").splitlines():
        o = json.loads(line)
        rows.append({
            "id": f"voa-{o['id']}", "title": o["title"], "published": o["published"][:10], "url": o["url"],
            "source": "voanews.com / Voice of America", "text": o["text"],
        })
    out = ROOT / "samples/articles.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} articles -> {out}")


if __name__ == "__main__":
    main()
