"""Train the stance model on FNC-1 and write it where newsgraph loads it from.

    python scripts/train_stance.py --data ../shared/data/fnc1 --out src/newsgraph/knowledge/models/stance

Deterministic (fixed seeds, LightGBM's deterministic mode): the same data and versions give the same files.
The held-out fifth of the bodies (the part `newsgraph eval stance` reports) is not read; see
newsgraph/eval/stance_train.py for the steps.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from newsgraph.eval.stance_train import train


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/fnc1"), help="FNC-1 folder")
    parser.add_argument("--out", type=Path, default=Path("src/newsgraph/knowledge/models/stance"),
                        help="model folder to write")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    meta = train(args.data, args.out)
    print(json.dumps({k: meta[k] for k in ("rounds", "decision_weights", "dev")}, indent=1))


if __name__ == "__main__":
    main()
