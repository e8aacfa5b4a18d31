"""Event coding scored on real-news gold sentences: ``events-voa`` (the main measure) and ``events-train``.

Each gold folder holds ``sentences.jsonl`` (``sid``, ``doc``, ``start``, ``end``, ``text``, optional ``corpus``)
and ``events.jsonl`` (every PLOVER event of each sentence: trigger, type, source, target, negated, hypothetical).
The whole stories are analysed (``../voa/voa_stories.jsonl``, PolNeAR train texts for ``corpus: polnear-train``);
the predicted events whose trigger lies inside an annotated sentence are kept and matched one to one to gold (a gold span
is located at its whole-word occurrences in the sentence: "he" is not the end of "the"; a text that occurs more than
once, "they" or "talks" twice, may be any of them, as the gold gives text, not offsets):

- detection: the predicted trigger overlaps a gold trigger of the same sentence;
- typed: and the type is equal;
- full: and the source and the target each overlap the gold span (or both are empty). A predicted side is its
  entity ids and its actor phrases (``source_phrases``/``target_phrases``, the sides no entity stands for): it
  overlaps when one of the phrases or one of the entities' mentions inside the sentence overlaps the gold span,
  or when the gold span is a pronoun and an entity has no mention inside the sentence (the pronoun was resolved).

``min_confidence`` keeps only the events at or above that confidence, as the web UI and the counts do.
``half`` (``"a"``/``"b"``) scores one of two halves split by story with a fixed seed, for tuning on one half.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.errors import NewsgraphError
from newsgraph.settings import Settings

LOGGER = logging.getLogger(__name__)

FILES = ("sentences.jsonl", "events.jsonl")
SPLIT_SEED = 1301
PRONOUNS = frozenset({
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "his", "its", "their", "our", "who",
    "which", "that", "this", "these", "those"})


@dataclass(frozen=True, slots=True)
class GoldEvent:
    trigger: tuple[int, int]  # offsets in the story
    type: str
    source: tuple[int, int] | None
    target: tuple[int, int] | None
    source_text: str | None
    target_text: str | None
    negated: bool
    hypothetical: bool
    #: every whole-word occurrence of the trigger, source and target text in the sentence (the gold gives text,
    #: not offsets: "they" or "talks" twice in a sentence may be either); empty: the first one only
    trigger_all: tuple[tuple[int, int], ...] = ()
    source_all: tuple[tuple[int, int], ...] = ()
    target_all: tuple[tuple[int, int], ...] = ()

    def spans(self, what: str) -> tuple[tuple[int, int], ...]:
        """Where ``what`` (trigger, source, target) may be: all its occurrences, else the first; () if empty."""
        every: tuple[tuple[int, int], ...] = getattr(self, f"{what}_all")
        first: tuple[int, int] | None = getattr(self, what)
        return every or ((first,) if first is not None else ())


@dataclass(frozen=True, slots=True)
class GoldSentence:
    sid: str
    doc: str
    corpus: str
    start: int
    end: int
    text: str
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True, slots=True)
class PredictedEvent:
    """A predicted event with the spans needed to score it, and the features the confidence model reads."""

    sid: str
    trigger: tuple[int, int]
    trigger_text: str
    type: str
    source: tuple[tuple[int, int], ...]  # mentions of the source entities inside the sentence
    target: tuple[tuple[int, int], ...]
    source_resolved: bool  # a source entity with no mention inside the sentence (a resolved pronoun)
    target_resolved: bool
    has_source: bool
    has_target: bool
    confidence: float
    event: object = None  # the newsgraph Event
    sentence: str = ""
    entity_spans: tuple[tuple[int, int], ...] = ()  # every entity mention inside the sentence (for breakdowns)


@dataclass(slots=True)
class Level:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass(slots=True)
class SentenceScores:
    sentences: int = 0
    detection: Level = field(default_factory=Level)
    typed: Level = field(default_factory=Level)
    full: Level = field(default_factory=Level)
    per_type: dict[str, Level] = field(default_factory=dict)
    confusion: Counter = field(default_factory=Counter)  # (gold type, predicted type) for detected, mistyped
    false_positives: list[tuple[str, str, str]] = field(default_factory=list)  # (sid, trigger, type)
    typed_right: set[int] = field(default_factory=set)  # id() of the predicted events with a typed match
    #: every typed match: (predicted, gold, source right, target right)
    matches: list[tuple[PredictedEvent, GoldEvent, bool, bool]] = field(default_factory=list)


def _paths(data: Path) -> tuple[Path, Path]:
    sentences, events = (data / f for f in FILES)
    for p in (sentences, events):
        if not p.is_file():
            raise NewsgraphError(f"gold file not found: {p} (expected {', '.join(FILES)} in --data)")
    return sentences, events


def is_sentence_gold(data: Path) -> bool:
    return data.is_dir() and all((data / f).is_file() for f in FILES)


def data_hash(data: Path) -> str:
    h = hashlib.sha256()
    for p in _paths(data):
        h.update(p.read_bytes())
    return h.hexdigest()


def _span(sentence: str, offset: int, text: str | None, what: str, sid: str) -> tuple[int, int] | None:
    if not text:
        return None
    i = _find_words(sentence, text)
    if i < 0:
        raise NewsgraphError(f"{sid}: {what} {text!r} is not a substring of its sentence")
    return offset + i, offset + i + len(text)


def _all_spans(sentence: str, offset: int, text: str | None) -> tuple[tuple[int, int], ...]:
    """Every whole-word occurrence of ``text`` in ``sentence`` as story offsets (() when it occurs once or not at
    all as whole words: the first occurrence, ``_span``, is then the only place)."""
    if not text:
        return ()
    found = tuple((offset + m.start(), offset + m.end()) for m in re.finditer(_words_pattern(text), sentence))
    return found if len(found) > 1 else ()


def _words_pattern(text: str) -> str:
    return ((r"(?<!\w)" if text[0].isalnum() else "") + re.escape(text)
            + (r"(?!\w)" if text[-1].isalnum() else ""))


def _find_words(sentence: str, text: str) -> int:
    """The first occurrence of ``text`` in ``sentence`` that is whole words ("he" is not the end of "the", "South
    Korea" not the start of "South Korean"), else the first occurrence (a span cut inside a word); -1 if none."""
    m = re.search(_words_pattern(text), sentence)
    return m.start() if m else sentence.find(text)


def load_sentence_gold(data: Path) -> list[GoldSentence]:
    spath, epath = _paths(data)
    events: dict[str, list[dict]] = {}
    for line in epath.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            events[rec["sid"]] = rec.get("events") or []
    out = []
    for line in spath.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        s = json.loads(line)
        evs = tuple(GoldEvent(
            _span(s["text"], s["start"], e["trigger"], "trigger", s["sid"]) or (0, 0),
            e["type"],
            _span(s["text"], s["start"], e.get("source"), "source", s["sid"]),
            _span(s["text"], s["start"], e.get("target"), "target", s["sid"]),
            e.get("source"), e.get("target"), bool(e.get("negated")), bool(e.get("hypothetical")),
            *(_all_spans(s["text"], s["start"], e.get(k)) for k in ("trigger", "source", "target")),
        ) for e in events.get(s["sid"], []))
        out.append(GoldSentence(s["sid"], str(s["doc"]), s.get("corpus", "voa"), s["start"], s["end"], s["text"],
                                evs))
    return out


def split_half(gold: list[GoldSentence], half: str | None) -> list[GoldSentence]:
    """Half ``a`` or ``b`` of the sentences, split by story (seeded); ``None``: all."""
    if half is None:
        return gold
    if half not in ("a", "b"):
        raise NewsgraphError(f"half must be 'a' or 'b', got {half!r}")
    docs = sorted({g.doc for g in gold})
    random.Random(SPLIT_SEED).shuffle(docs)
    chosen = set(docs[: len(docs) // 2] if half == "a" else docs[len(docs) // 2:])
    return [g for g in gold if g.doc in chosen]


def _stories(data: Path, gold: list[GoldSentence]) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(corpus, doc) -> (text, published) for the stories the gold sentences come from."""
    shared = data.resolve().parent
    want = {(g.corpus, g.doc) for g in gold}
    out: dict[tuple[str, str], tuple[str, str | None]] = {}
    if any(c == "voa" for c, _ in want):
        path = shared / "voa" / "voa_stories.jsonl"
        if not path.is_file():
            raise NewsgraphError(f"VOA stories not found: {path}")
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                if ("voa", str(rec["id"])) in want:
                    out["voa", str(rec["id"])] = (rec["text"], (rec.get("published") or "")[:10] or None)
    for corpus, doc in want:
        if corpus.startswith("polnear-"):
            path = shared / "polnear" / "data" / corpus.split("-", 1)[1] / "text" / f"{doc}.txt"
            if not path.is_file():
                raise NewsgraphError(f"PolNeAR text not found: {path}")
            out[corpus, doc] = (path.read_text(encoding="utf-8"), None)
    missing = want - set(out)
    if missing:
        raise NewsgraphError(f"{len(missing)} stories of the gold set were not found, e.g. {sorted(missing)[0]}")
    for g in gold:
        text = out[g.corpus, g.doc][0]
        if text[g.start:g.end] != g.text:
            raise NewsgraphError(f"{g.sid}: the sentence offsets do not match the story text")
    return out


def predict(data: Path, settings: Settings | None = None, half: str | None = None
            ) -> tuple[list[GoldSentence], list[PredictedEvent]]:
    """Analyse the stories behind the gold sentences; every predicted event inside an annotated sentence."""
    from newsgraph.batch import get_pipeline
    from newsgraph.nlp.annotations import get_list

    gold = split_half(load_sentence_gold(data), half)
    stories = _stories(data, gold)
    nlp = get_pipeline(settings or Settings())
    by_doc: dict[tuple[str, str], list[GoldSentence]] = {}
    for g in gold:
        by_doc.setdefault((g.corpus, g.doc), []).append(g)
    preds: list[PredictedEvent] = []

    def docs() -> Iterator:
        for key in by_doc:
            text, published = stories[key]
            doc = nlp.make_doc(text)
            doc._.ng_published = published
            yield doc

    for key, doc in zip(by_doc, nlp.pipe(docs()), strict=True):
        entities = {e.id: e for e in get_list(doc, "ng_entities")}
        mention_spans = sorted(_offsets(m) for e in entities.values() for m in e.mentions)
        for ev in get_list(doc, "ng_events"):
            t0 = ev.trigger.start
            found = next((s for s in by_doc[key] if s.start <= t0 < s.end), None)
            if found is None:
                continue
            g = found

            def spans(ids: list[str], g: GoldSentence = g, entities: dict = entities
                      ) -> tuple[tuple[tuple[int, int], ...], bool]:
                out, resolved = [], False
                for i in ids:
                    ent = entities.get(i)
                    mentions = ent.mentions if ent else []
                    inside = [_offsets(m) for m in mentions if g.start <= _offsets(m)[0] < g.end]
                    out.extend(inside)
                    resolved = resolved or not inside
                return tuple(out), resolved

            src, src_res = spans(ev.source)
            tgt, tgt_res = spans(ev.target)
            src += tuple((a.start, a.end) for a in ev.source_phrases)
            tgt += tuple((a.start, a.end) for a in ev.target_phrases)
            preds.append(PredictedEvent(
                g.sid, (ev.trigger.start, ev.trigger.end), ev.trigger.text, ev.type, src, tgt, src_res, tgt_res,
                bool(ev.source or ev.source_phrases), bool(ev.target or ev.target_phrases), float(getattr(ev, "confidence", None) or 1.0), ev, g.text,
                tuple(m for m in mention_spans if g.start <= m[0] < g.end)))
    return gold, preds


def _offsets(m: object) -> tuple[int, int]:
    """A mention's (start, end): a ``Mention`` record, or the (start, end, text) tuple the pipeline keeps."""
    if isinstance(m, tuple):
        return int(m[0]), int(m[1])
    return int(m.start), int(m.end)  # type: ignore[attr-defined]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _actor_ok(spans: tuple[tuple[int, int], ...], resolved: bool, present: bool,
              gold: tuple[tuple[int, int], ...], gold_text: str | None) -> bool:
    """Whether a predicted side is right: ``gold`` is where the gold span may be (every occurrence of its text;
    () when gold leaves the side empty)."""
    if not gold:
        return not present
    if not present:
        return False
    if any(_overlap(s, g) for s in spans for g in gold):
        return True
    return resolved and (gold_text or "").lower() in PRONOUNS


def _hits(trigger: tuple[int, int], gold: GoldEvent) -> bool:
    """A predicted trigger overlaps (one occurrence of) the gold trigger."""
    return any(_overlap(trigger, g) for g in gold.spans("trigger"))


def score(gold: list[GoldSentence], preds: list[PredictedEvent], min_confidence: float = 0.0) -> SentenceScores:
    """Match predicted to gold events one to one (typed matches first) at three levels."""
    sc = SentenceScores(sentences=len(gold))
    by_sid: dict[str, list[PredictedEvent]] = {}
    for p in preds:
        if p.confidence >= min_confidence:
            by_sid.setdefault(p.sid, []).append(p)
    for g in gold:
        ps = by_sid.get(g.sid, [])
        for lvl in (sc.detection, sc.typed, sc.full):
            lvl.gold += len(g.events)
            lvl.pred += len(ps)
        for e in g.events:
            sc.per_type.setdefault(e.type, Level()).gold += 1
        for p in ps:
            sc.per_type.setdefault(p.type, Level()).pred += 1
        # detection: any overlap, one to one; typed/full: overlap and same type, one to one
        free = list(range(len(g.events)))
        for p in ps:
            hit = next((j for j in free if _hits(p.trigger, g.events[j])), None)
            if hit is not None:
                free.remove(hit)
                sc.detection.tp += 1
        free = list(range(len(g.events)))
        for p in ps:
            cands = [j for j in free if _hits(p.trigger, g.events[j])]
            typed = [j for j in cands if g.events[j].type == p.type]
            if not typed:
                if cands:
                    sc.confusion[g.events[cands[0]].type, p.type] += 1
                else:
                    sc.false_positives.append((g.sid, p.trigger_text, p.type))
                continue
            sides = {j: (_actor_ok(p.source, p.source_resolved, p.has_source, g.events[j].spans("source"),
                                   g.events[j].source_text),
                         _actor_ok(p.target, p.target_resolved, p.has_target, g.events[j].spans("target"),
                                   g.events[j].target_text)) for j in typed}
            full = [j for j in typed if all(sides[j])]
            j = (full or typed)[0]
            free.remove(j)
            sc.typed.tp += 1
            sc.typed_right.add(id(p))
            sc.per_type[p.type].tp += 1
            sc.full.tp += bool(full)
            sc.matches.append((p, g.events[j], *sides[j]))
    return sc


def evaluate_sentence_events(data: Path, settings: Settings | None = None, half: str | None = None,
                             min_confidence: float | None = None) -> SentenceScores:
    settings = settings or Settings()
    gold, preds = predict(data, settings, half)
    threshold = settings.min_event_confidence if min_confidence is None else min_confidence
    return score(gold, preds, threshold)


#: the word before an actor span that makes it a prepositional object ("a letter to Congress", "talks with X")
PREPOSITIONS = frozenset({"to", "with", "against", "on", "of", "from", "for", "in", "at", "into", "over", "toward",
                          "towards", "between", "among", "upon", "about", "near"})


def actor_loss(p: PredictedEvent, gold: GoldEvent, side: str) -> str:
    """Why one side (``source``/``target``) of a typed match is wrong, as a category of the issue-13 breakdown:
    ``extra`` (a predicted actor gold leaves empty), ``pronoun`` (gold is an unresolved pronoun), ``prep`` (gold
    is a prepositional object or a clause the coder drops), ``nominal`` (gold is a noun phrase no entity covers),
    ``entity`` (gold is an entity mention the coder missed), ``swapped`` (the predicted actor is gold's other side),
    ``by-agent`` (gold is a passive agent "by X"), ``wrong`` (some other phrase); ``ok`` when it is right."""
    spans, resolved, present = ((p.source, p.source_resolved, p.has_source) if side == "source"
                                else (p.target, p.target_resolved, p.has_target))
    g, text = (gold.source, gold.source_text) if side == "source" else (gold.target, gold.target_text)
    if _actor_ok(spans, resolved, present, gold.spans(side), text):
        return "ok"
    if g is None:
        return "extra"
    other = gold.target if side == "source" else gold.source
    before = p.sentence[: g[0] - _sentence_start(p)].split()[-1:] if p.sentence else []
    if present:
        if other is not None and any(_overlap(s, other) for s in spans):
            return "swapped"
        if before and before[0].lower() == "by":
            return "by-agent"
        return "wrong"
    if (text or "").lower() in PRONOUNS:
        return "pronoun"
    if before and before[0].lower() == "by":
        return "by-agent"
    if (before and before[0].lower() in PREPOSITIONS) or len((text or "").split()) > 8:
        return "prep"
    if any(_overlap(m, g) for m in p.entity_spans):
        return "entity"
    return "nominal"


def _sentence_start(p: PredictedEvent) -> int:
    """The story offset of the predicted event's sentence (its trigger lies inside it)."""
    ev = p.event
    return int(ev.sentence.start) if ev is not None else 0  # type: ignore[attr-defined]


def actor_breakdown(sc: SentenceScores) -> Counter:
    """(side, category) -> count over the typed matches (see ``actor_loss``); ("event", "full") counts the
    typed matches that are full matches."""
    out: Counter = Counter()
    for p, g, src_ok, tgt_ok in sc.matches:
        out["event", "full" if src_ok and tgt_ok else "not full"] += 1
        for side in ("source", "target"):
            out[side, actor_loss(p, g, side)] += 1
    return out
