"""Event coding scored on the PLOVER gold-standard records (``PLOVER_GSR_CAMEO.dev.json``).

Sentence level, as the issue defines it: a sentence is right when one of its events has the gold type. Precision
is over the sentences where newsgraph coded any event, recall over all gold sentences. The gold file predates
PLOVER 2021, so its old labels are mapped: DEMAND->REQUEST, DISAPPROVE->ACCUSE, FIGHT->ASSAULT,
INVESTIGATE->ACCUSE; its country code "IGO" covers the UN and the EU, which PLOVER 2021 codes "UNO" and "EUR".

Source (target) country accuracy is measured on the sentences whose type was found and whose gold source
(target) has a country code: right when a source (target) of an event of the gold type has one of the gold
countries. Each record's ``date`` is the reference date, so dated actor codes resolve as of the story.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.errors import NewsgraphError
from newsgraph.settings import Settings

LOGGER = logging.getLogger(__name__)

GOLD_FILE = "PLOVER_GSR_CAMEO.dev.json"
OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}
COUNTRY_ALIASES = {"UNO": "IGO", "EUR": "IGO"}
COMPONENTS = ("entities", "actors", "events")


@dataclass(frozen=True, slots=True)
class GoldSentence:
    id: str
    text: str
    type: str
    date: str | None
    source: frozenset[str]
    target: frozenset[str]


@dataclass(slots=True)
class Scores:
    sentences: int = 0
    predicted: int = 0
    correct: int = 0
    source_n: int = 0
    source_ok: int = 0
    target_n: int = 0
    target_ok: int = 0
    per_type: dict[str, Counter] = field(default_factory=dict)  # type -> Counter(gold, pred, tp)
    misses: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (id, gold type, predicted types)

    @staticmethod
    def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def type_prf(self) -> tuple[float, float, float]:
        return self.prf(self.correct, self.predicted, self.sentences)

    @property
    def source_accuracy(self) -> float:
        return self.source_ok / self.source_n if self.source_n else 0.0

    @property
    def target_accuracy(self) -> float:
        return self.target_ok / self.target_n if self.target_n else 0.0


def gold_path(data: Path) -> Path:
    path = data / GOLD_FILE if data.is_dir() else data
    if not path.is_file():
        raise NewsgraphError(f"PLOVER gold file not found: {path} (expected {GOLD_FILE} in --data)")
    return path


def data_hash(data: Path) -> str:
    return hashlib.sha256(gold_path(data).read_bytes()).hexdigest()


def _countries(actors: object) -> frozenset[str]:
    if not isinstance(actors, list):
        return frozenset()
    out = set()
    for a in actors:
        code = (a.get("code") or "").strip().upper() if isinstance(a, dict) else ""
        if len(code) == 3 and code.isalpha():
            out.add(COUNTRY_ALIASES.get(code, code))
    return frozenset(out)


def load_gold(data: Path) -> list[GoldSentence]:
    raw = json.loads(gold_path(data).read_text(encoding="utf-8"))
    out = []
    for rec in raw:
        if rec.get("event") == "DOCUMENT" or not rec.get("text"):
            continue
        typ = OLD_LABELS.get(rec["event"], rec["event"])
        out.append(GoldSentence(rec["id"], rec["text"], typ, rec.get("date"), _countries(rec.get("source")),
                                _countries(rec.get("target"))))
    return out


def evaluate_events(data: Path, settings: Settings | None = None, limit: int | None = None) -> Scores:
    """Run entities + actors + events over the gold sentences and score them."""
    from newsgraph.batch import get_pipeline
    from newsgraph.nlp.annotations import get_list

    gold = load_gold(data)[:limit]
    settings = (settings or Settings()).replace(components=COMPONENTS)
    nlp = get_pipeline(settings)
    scores = Scores(sentences=len(gold))
    for g in gold:
        doc = nlp.make_doc(g.text)
        doc._.ng_published = g.date
        for _name, proc in nlp.pipeline:
            doc = proc(doc)
        entities = {e.id: e for e in get_list(doc, "ng_entities")}
        events = get_list(doc, "ng_events")
        types = sorted({e.type for e in events})
        for t in {g.type, *types}:
            c = scores.per_type.setdefault(t, Counter())
            c["gold"] += t == g.type
            c["pred"] += t in types
            c["tp"] += t == g.type and t in types
        if types:
            scores.predicted += 1
        if g.type not in types:
            scores.misses.append((g.id, g.type, types))
            continue
        scores.correct += 1
        hits = [e for e in events if e.type == g.type]
        if g.source:
            scores.source_n += 1
            scores.source_ok += bool(_countries_of([i for e in hits for i in e.source], entities) & g.source)
        if g.target:
            scores.target_n += 1
            scores.target_ok += bool(_countries_of([i for e in hits for i in e.target], entities) & g.target)
    return scores


def _countries_of(ids: list[str], entities: dict) -> set[str]:
    out = set()
    for i in ids:
        actor = entities[i].actor if i in entities else None
        if actor is not None and actor.country:
            out.add(COUNTRY_ALIASES.get(actor.country, actor.country))
    return out
