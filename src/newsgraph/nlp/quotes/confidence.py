"""The quote confidence model: binary features of a finished quote and the logistic model that scores them.

The weights live in ``knowledge/models/quote_confidence.json``, written by ``scripts/train_quote_confidence.py``
(which reads the same :func:`quote_features`; trained on PolNeAR train, a quote being right when its content and
speaker match a gold attribution). The quotes component keeps every quote and gives it the model's score
(``Quote.confidence``; None when the file is absent); readers choose what to show with :func:`shown` (the setting
``min_quote_confidence``, :data:`MIN_CONFIDENCE` by default): a quote naming a speaker and scored under the
threshold is hidden; quotes naming no one show no wrong speaker and are always shown, and so are quotes without a
confidence. store/queries.py ``list_quotes`` applies the same rule in SQL.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Mapping
from functools import lru_cache

from newsgraph.nlp.knowledge import bundled_dir
from newsgraph.records import Quote

LOGGER = logging.getLogger(__name__)

MODEL_FILE = "models/quote_confidence.json"
#: the precision-first threshold chosen by scripts/train_quote_confidence.py (see its docstring): the default of
#: the setting ``min_quote_confidence`` (a test checks they agree); see docs/README-quotes.md
MIN_CONFIDENCE = 0.40
#: cue classes as the rule spells them ("indirect:speech:clause:subject"): the part after one is the content's rule
_CLASSES = frozenset(["speech", "thought", "position", "evidence", "act", "other"])
#: words of a one-word speaker kept as a feature of their own (other one-word speakers: "Name" or "word")
_PRONOUNS = frozenset(["i", "we", "you", "he", "she", "it", "they", "who", "which", "that", "this", "one"])


def _bucket(n: int) -> str:
    for limit, name in ((1, "1"), (3, "2-3"), (8, "4-8"), (20, "9-20"), (50, "21-50")):
        if n <= limit:
            return name
    return "51+"


def _head_kind(words: list[str]) -> str:
    """What the last word of a speaker mention is: "role" (a role or organisation noun of ``roles.tsv``:
    "officials", "the campaign"), "pronoun", "common" (another lower-case word: "The only regret", "the
    amount", "His speech", things more often than people) or "name"."""
    from newsgraph.nlp.mentions import vocabulary  # here: readers (store, API) import this module too

    last = words[-1].lower().removesuffix("'s").removesuffix("’s").strip(".,")
    if last in _PRONOUNS:
        return "pronoun"
    uses = vocabulary().uses
    stem = last[:-1] if last.endswith("s") else last
    if any(last in uses[k] or stem in uses[k] for k in ("title", "role", "speaker", "org")):
        return "role"
    return "common" if words[-1][:1].islower() else "name"


def quote_features(quote: Quote, labels: Mapping[str, str]) -> list[str]:
    """The binary features the quote confidence model reads: the quote's rule and its parts, how its speaker was
    resolved (the rule's ``|speaker:`` suffix), cue class, kind and lemma, the lemma with the content's rule
    ("find" with an object or a clause), the content's length, the speaker mention's shape, what its last word is
    (``_head_kind``: a role noun, a pronoun, a common word, a name) and its entity's label (``labels``: entity id -> NER label), an addressee, a content running
    over a paragraph break or ending in a question mark."""
    base, _, how = quote.rule.partition("|speaker:")
    how = how or ("none" if quote.speaker is None else "other")
    cls = quote.cue_class or "none"
    lemma = (quote.cue_lemma or "").lower()
    length = _bucket(len(quote.text.split()))
    feats = [f"rule={base}", f"how={how}", f"cls={cls}", f"kind={quote.kind}", f"cls_how={cls}:{how}",
             f"kind_how={quote.kind}:{how}", f"len={length}", f"cls_len={cls}:{length}", f"lemma={lemma}",
             f"lemma_how={lemma}:{how}"]
    parts = base.split(":")
    feats += [f"part{i}={p}" for i, p in enumerate(parts[:4])]
    feats += [f"rpart={p}" for p in dict.fromkeys(parts)]
    content = next((parts[i + 1] for i, p in enumerate(parts[:-1]) if p in _CLASSES), None)
    if content is not None:
        feats.append(f"lemma_content={lemma}:{content}")  # "find" with an object ("found himself") or a clause
    sp = quote.speaker
    if sp is not None:
        words = sp.text.split()
        feats += [f"spk_words={_bucket(len(words))}", f"spk_ent={bool(sp.entity)}",
                  f"spk_multi={len(sp.entities) > 1}", f"spk_cap={sp.text[:1].isupper()}",
                  f"spk_label={labels.get(sp.entity, 'none') if sp.entity else 'none'}"]
        if len(words) == 1:
            word = sp.text.lower()
            feats.append(f"spk={word}" if word in _PRONOUNS else "spk=Name" if sp.text[:1].isupper() else "spk=word")
        if quote.start <= sp.start < quote.end:
            feats.append("spk_inside")
        feats.append(f"spk_head={_head_kind(words)}")
    if quote.addressee is not None:
        feats.append("addressee")
    if "\n" in quote.text:
        feats.append("paragraphs")
    if quote.text.rstrip().endswith("?"):
        feats.append("question")
    first = quote.text.split(maxsplit=1)[0].lower() if quote.text.strip() else ""
    if first in ("that", "to", "of", "for", "about", "on"):
        feats.append(f"first={first}")
    return feats


@lru_cache(maxsize=1)
def load_quote_model() -> tuple[float, dict[str, float]] | None:
    """(intercept, weights) of the logistic quote confidence model, or None when the file is absent."""
    path = bundled_dir() / MODEL_FILE
    if not path.is_file():
        LOGGER.warning("no quote confidence model at %s: quotes get no confidence", path)
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return float(data["intercept"]), {k: float(v) for k, v in data["weights"].items()}


def quote_confidence(feats: list[str]) -> float | None:
    """The model's probability that the quote is right, or None without a model."""
    model = load_quote_model()
    if model is None:
        return None
    intercept, weights = model
    z = intercept + sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-z))


def score_quote(quote: Quote, labels: Mapping[str, str]) -> float | None:
    """The model's probability that ``quote`` is right (``labels``: entity id -> NER label), None without a
    model."""
    return quote_confidence(quote_features(quote, labels))


def shown(quote: Quote, threshold: float) -> bool:
    """Whether a reader at ``threshold`` (the setting ``min_quote_confidence``; 0 shows all) sees ``quote``: it
    names no speaker, has no confidence, or scores at least ``threshold``."""
    return threshold <= 0 or quote.speaker is None or quote.confidence is None or quote.confidence >= threshold
