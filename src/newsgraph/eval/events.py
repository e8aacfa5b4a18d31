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

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.eval.base import PRF, Counts, GoldDataError, Report, fmt, gold_sha256, prf, share
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
    #: per event type: sentences of that gold type, sentences coded with it, and the sentences that are both
    per_type: dict[str, Counts] = field(default_factory=dict)
    misses: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (id, gold type, predicted types)

    @property
    def type_prf(self) -> PRF:
        return prf(self.correct, self.predicted, self.correct, self.sentences)

    @property
    def source_accuracy(self) -> float:
        return share(self.source_ok, self.source_n)

    @property
    def target_accuracy(self) -> float:
        return share(self.target_ok, self.target_n)


def gold_path(data: Path) -> Path:
    path = data / GOLD_FILE if data.is_dir() else data
    if not path.is_file():
        raise GoldDataError(f"PLOVER gold file not found: {path} (expected {GOLD_FILE} in --data)")
    return path


def data_hash(data: Path) -> str:
    return gold_sha256(gold_path(data))


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
            c = scores.per_type.setdefault(t, Counts())
            hit = t == g.type and t in types
            c.gold += t == g.type
            c.matched_gold += hit
            c.predicted += t in types
            c.true_pos_pred += hit
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


def report(scores: Scores) -> Report:
    p, r, f = scores.type_prf
    rows = [("event type (sentence)", fmt(p), fmt(r), fmt(f), str(scores.sentences))]
    rows += [(f"  {t}", fmt(c.precision), fmt(c.recall), fmt(c.f1), str(c.gold)) for t, c in sorted(scores.per_type.items())]
    rows.append(("source country accuracy", "", "", fmt(scores.source_accuracy), str(scores.source_n)))
    rows.append(("target country accuracy", "", "", fmt(scores.target_accuracy), str(scores.target_n)))
    return Report(("measure", "P", "R", "F1", "n"), rows)
