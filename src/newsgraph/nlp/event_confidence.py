"""The event confidence model: binary features of a coded event and the logistic model that scores them.

The weights live in ``knowledge/models/event_confidence.json``, written by ``scripts/train_event_confidence.py``
(which reads the same ``confidence_features``). Events get no confidence when the file is absent.
"""

from __future__ import annotations

import json
import logging
import math
from functools import lru_cache

from newsgraph.nlp.knowledge import bundled_dir

LOGGER = logging.getLogger(__name__)


def confidence_features(typ: str, rule: str, word: str, has_source: bool, has_target: bool,
                        hypothetical: bool, negated: bool, reported: bool, pos: str = "VERB") -> list[str]:
    """The binary features the event confidence model reads (scripts/train_event_confidence.py): type, hand or
    PETRARCH pattern, trigger word, part of speech, which entity arguments were found, how an actor was found
    (rule suffix ``+nominal``/``+none``), flags and the rule's other suffixes."""
    kind = "hand" if not rule.startswith("petrarch:") else "petrarch"
    args = f"{int(has_source)}{int(has_target)}"
    feats = [f"type={typ}", f"kind={kind}", f"word={word.lower()}", f"args={args}", f"kind_type={kind}:{typ}",
             f"type_args={typ}:{args}", f"kind_args={kind}:{args}"]
    feats += [f"flag={x}" for x, on in (("hypothetical", hypothetical), ("negated", negated),
                                         ("reported", reported)) if on]
    suffixes = rule.split("+")[1:]
    feats += [f"rule+={suffix}" for suffix in suffixes]
    actor = next((x for x in suffixes if x in ("nominal", "none")), "entity")
    feats += [f"pos={pos}", f"pos_actor={pos}:{actor}", f"type_actor={typ}:{actor}"]
    return feats


@lru_cache(maxsize=1)
def load_confidence_model() -> tuple[float, dict[str, float]] | None:
    """(intercept, weights) of the logistic event confidence model, or None when the file is absent."""
    path = bundled_dir() / "models" / "event_confidence.json"
    if not path.is_file():
        LOGGER.warning("no event confidence model at %s: events get no confidence", path)
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return float(data["intercept"]), {k: float(v) for k, v in data["weights"].items()}


def event_confidence(feats: list[str]) -> float | None:
    model = load_confidence_model()
    if model is None:
        return None
    intercept, weights = model
    z = intercept + sum(weights.get(f, 0.0) for f in feats)
    return round(1.0 / (1.0 + math.exp(-z)), 4)
