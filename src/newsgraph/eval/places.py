"""Geoparsing scores on GeoWebNews and GeoVirus: recognition P/R/F1 (span overlap) and acc@161.

Gold (``../shared/data/geowebnews``, read at evaluation time, never copied):
- ``GWN.xml``: GeoWebNews, 200 articles, toponyms typed by the Pragmatic Taxonomy (Gritta et al. 2020). Gold
  toponyms here are the typed place names that carry coordinates (Literal, Mixed, Metonymic, Coercion,
  Literal/Non-Literal Modifier, Embedded Literal/Non-Literal) *except adjectival modifiers* ("British",
  "Japanese": demonym forms, which newsgraph does not tag as places by design). Demonyms, languages, homonyms,
  non-toponyms and the common-noun "expressions" are not toponyms.
- ``GeoVirus.xml``: 229 WikiNews articles on disease outbreaks; every location is a toponym. Its offsets are
  one past the name (1-based); they are corrected by checking the text.

Recognition: a prediction is correct when it overlaps a gold toponym; a gold toponym is found when a
prediction overlaps it. acc@161: of the found gold toponyms with coordinates, the share whose predicted point
is within 161 km (100 miles) of the gold point; a prediction without a point counts as a miss. Beside it, the
geoparsing literature's error measures over the same toponyms (Gritta et al. 2018): the mean error in km and
the AUC of the error curve (sorted log(1 + km) errors, scaled by the largest error on Earth, 20,039 km; 0 is
perfect, lower is better); a prediction without a point counts as the largest error.

Both corpora serve as development sets, so each is split by document into two seeded halves
(``split_halves``): the rules are studied on the ``study`` half only, and the ``heldout`` half is the one
reported.
"""

from __future__ import annotations

import itertools
import math
import random
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.eval.base import GoldDataError, Report, SpanScores, fmt, require_gold, share

#: GeoWebNews types that are toponyms (see the module docstring)
GWN_TOPONYM_TYPES = frozenset({
    "Literal", "Mixed", "Metonymic", "Coercion", "Literal_Modifier", "Non_Literal_Modifier", "Embedded_Literal",
    "Embedded_Non_Lit",
})
DATASETS = {"geowebnews": "GWN.xml", "geovirus": "GeoVirus.xml"}
KM = 161.0
#: the largest distance between two points on Earth (half its circumference): the error of a toponym without a point
MAX_ERROR_KM = 20_039.0
#: the seed of the by-document split of each corpus into a studied half and a held-out half
SPLIT_SEED = 16
HALVES = ("study", "heldout")


@dataclass(frozen=True, slots=True)
class GoldPlace:
    start: int
    end: int
    text: str
    kind: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    id: str
    text: str
    places: list[GoldPlace]


@dataclass(frozen=True, slots=True)
class PredPlace:
    start: int
    end: int
    lat: float | None
    lon: float | None


@dataclass(slots=True)
class PlaceScores(SpanScores):
    dataset: str
    docs: int = 0
    gold: int = 0
    predicted: int = 0
    true_pos_pred: int = 0  # predictions overlapping a gold toponym
    matched_gold: int = 0  # gold toponyms overlapped by a prediction
    resolvable: int = 0  # found gold toponyms with gold coordinates
    within: int = 0
    recall_by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)
    mean_error_km: float = 0.0  # over the found gold toponyms with coordinates (``resolution_errors``)
    auc: float = 0.0  # the AUC of their error curve (``error_auc``)

    @property
    def acc161(self) -> float:
        return share(self.within, self.resolvable)


def load_geowebnews(path: Path) -> list[GoldDoc]:
    docs: list[GoldDoc] = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        places = []
        for t in art.iter("toponym"):
            kind = t.findtext("type") or ""
            if kind not in GWN_TOPONYM_TYPES or (t.findtext("modifierType") or "") == "Adjective":
                continue
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            name = t.findtext("extractedName") or text[start:end]
            places.append(GoldPlace(start, end, name, kind, _float(lat), _float(lon)))
        docs.append(GoldDoc(art.get("file") or str(len(docs)), text, places))
    return docs


def load_geovirus(path: Path) -> list[GoldDoc]:
    docs = []
    for n, art in enumerate(ET.parse(path).getroot().iter("article")):
        text = art.findtext("text") or ""
        places = []
        for loc in art.iter("location"):
            name = loc.findtext("name") or ""
            start, end = int(loc.findtext("start") or 0), int(loc.findtext("end") or 0)
            for shift in (-1, 0, 1, -2):
                if text[start + shift : end + shift] == name:
                    start, end = start + shift, end + shift
                    break
            else:
                found = text.find(name, max(0, start - 20))
                if found < 0:
                    continue
                start, end = found, found + len(name)
            places.append(GoldPlace(start, end, name, "Location", _float(loc.findtext("lat")),
                                    _float(loc.findtext("lon"))))
        docs.append(GoldDoc(str(n), text, places))
    return docs


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def score(dataset: str, gold: list[GoldDoc], predictions: Iterable[list[PredPlace]]) -> PlaceScores:
    s = PlaceScores(dataset)
    by_kind: Counter[tuple[str, bool]] = Counter()
    for doc, preds in zip(gold, predictions, strict=True):
        s.docs += 1
        s.gold += len(doc.places)
        s.predicted += len(preds)
        s.true_pos_pred += sum(
            1 for p in preds if any(p.start < g.end and g.start < p.end for g in doc.places)
        )
        for g in doc.places:
            hits = [p for p in preds if p.start < g.end and g.start < p.end]
            by_kind[(g.kind, bool(hits))] += 1
            if not hits:
                continue
            s.matched_gold += 1
            if g.lat is None or g.lon is None:
                continue
            s.resolvable += 1
            best = max(hits, key=lambda p: min(p.end, g.end) - max(p.start, g.start))
            if best.lat is not None and best.lon is not None and haversine_km(best.lat, best.lon, g.lat, g.lon) <= KM:
                s.within += 1
    kinds = {k for k, _ in by_kind}
    s.recall_by_kind = {k: (by_kind[(k, True)], by_kind[(k, True)] + by_kind[(k, False)]) for k in sorted(kinds)}
    return s


def resolution_errors(gold: list[GoldDoc], predictions: Iterable[list[PredPlace]]) -> list[float]:
    """The error in km of each found gold toponym with coordinates (the toponyms acc@161 counts), matched to
    its most-overlapping prediction as in ``score``; ``MAX_ERROR_KM`` for a prediction without a point."""
    errors: list[float] = []
    for doc, preds in zip(gold, predictions, strict=True):
        for g in doc.places:
            if g.lat is None or g.lon is None:
                continue
            hits = [p for p in preds if p.start < g.end and g.start < p.end]
            if not hits:
                continue
            best = max(hits, key=lambda p: min(p.end, g.end) - max(p.start, g.start))
            if best.lat is None or best.lon is None:
                errors.append(MAX_ERROR_KM)
            else:
                errors.append(min(MAX_ERROR_KM, haversine_km(best.lat, best.lon, g.lat, g.lon)))
    return errors


def error_auc(errors: list[float]) -> float:
    """The area under the curve of sorted log(1 + error km), by the trapezoid rule over the toponyms' ranks,
    scaled to [0, 1] by log(1 + MAX_ERROR_KM) (Gritta et al. 2018: 0 is perfect, lower is better)."""
    if not errors:
        return 0.0
    if len(errors) == 1:
        return math.log1p(errors[0]) / math.log1p(MAX_ERROR_KM)
    ys = sorted(math.log1p(e) for e in errors)
    area = sum((a + b) / 2 for a, b in itertools.pairwise(ys))
    return area / ((len(ys) - 1) * math.log1p(MAX_ERROR_KM))


def split_halves(docs: list[GoldDoc], seed: int = SPLIT_SEED) -> dict[str, list[GoldDoc]]:
    """The corpus split by document into two halves, ``study`` and ``heldout``, by a seeded shuffle of the
    documents (in file order); each half keeps file order. The study half has the extra document of an odd
    count."""
    order = list(range(len(docs)))
    random.Random(seed).shuffle(order)
    cut = (len(docs) + 1) // 2
    study = sorted(order[:cut])
    heldout = sorted(order[cut:])
    return {"study": [docs[i] for i in study], "heldout": [docs[i] for i in heldout]}


def load(data: Path, dataset: str, limit: int | None = None, half: str | None = None) -> list[GoldDoc]:
    """A corpus's documents: all, or one half of ``split_halves`` (taken before ``limit``)."""
    if dataset not in DATASETS:
        raise GoldDataError(f"unknown place gold set {dataset!r}: use {' or '.join(DATASETS)}")
    path = require_gold(Path(data) / DATASETS[dataset], f"{DATASETS[dataset]} of {dataset}")
    try:
        docs = load_geowebnews(path) if dataset == "geowebnews" else load_geovirus(path)
    except ET.ParseError as exc:
        raise GoldDataError(f"{path}: not readable XML ({exc})") from exc
    if half is not None:
        if half not in HALVES:
            raise GoldDataError(f"unknown half {half!r}: use one of {', '.join(HALVES)}")
        docs = split_halves(docs)[half]
    return docs[:limit] if limit else docs


def newsgraph_predictor(settings=None) -> Callable[[list[str]], list[list[PredPlace]]]:  # type: ignore[no-untyped-def]
    """Predictions of newsgraph's pipeline (entities + places components) on raw texts."""
    from newsgraph.batch import get_pipeline
    from newsgraph.nlp.annotations import get_list
    from newsgraph.settings import Settings

    settings = settings or Settings()
    if "places" not in settings.components:
        settings = settings.replace(components=(*settings.components, "places"))
    keep = tuple(c for c in settings.components if c in ("entities", "places"))
    nlp = get_pipeline(settings.replace(components=keep))

    def predict(texts: list[str]) -> list[list[PredPlace]]:
        return [
            [PredPlace(p.start, p.end, p.lat, p.lon) for p in get_list(doc, "ng_places")]
            for doc in nlp.pipe(texts, batch_size=16)
        ]

    return predict


def naive_predictor(settings=None) -> Callable[[list[str]], list[list[PredPlace]]]:  # type: ignore[no-untyped-def]
    """The naive baseline: spaCy's GPE/LOC/FAC entities, each placed at its most populous gazetteer entry."""
    import spacy

    from newsgraph.gazetteer import get_gazetteer
    from newsgraph.settings import Settings

    settings = settings or Settings()
    nlp = spacy.load(settings.model)
    gaz = get_gazetteer(settings.knowledge_dir)

    def place(text: str) -> tuple[float | None, float | None]:
        cands = [c for c, _ in gaz.lookup(text)]
        if not cands:
            return None, None
        best = max(cands, key=lambda c: c.population)
        return best.lat, best.lon

    def predict(texts: list[str]) -> list[list[PredPlace]]:
        out = []
        for doc in nlp.pipe(texts, batch_size=16):
            preds = []
            for ent in doc.ents:
                if ent.label_ in ("GPE", "LOC", "FAC"):
                    preds.append(PredPlace(ent.start_char, ent.end_char, *place(ent.text)))
            out.append(preds)
        return out

    return predict


def evaluate_places(
    data: Path, datasets: Iterable[str] = ("geowebnews", "geovirus"), *, limit: int | None = None,
    baseline: bool = False, settings=None, half: str | None = None,  # type: ignore[no-untyped-def]
) -> list[PlaceScores]:
    """Score newsgraph (and the naive baseline when asked) on each dataset, or on one half of each."""
    systems = [("newsgraph", newsgraph_predictor(settings))]
    if baseline:
        systems.append(("naive", naive_predictor(settings)))
    results = []
    for dataset in datasets:
        gold = load(Path(data), dataset, limit, half)
        label = f"{dataset}:{half}" if half else dataset
        for name, predict in systems:
            preds = predict([d.text for d in gold])
            scores = score(label if name == "newsgraph" else f"{label} (naive)", gold, preds)
            add_error_measures(scores, gold, preds)
            results.append(scores)
    return results


def add_error_measures(scores: PlaceScores, gold: list[GoldDoc], predictions: list[list[PredPlace]]) -> None:
    """Set ``mean_error_km`` and ``auc`` of ``scores`` from the same gold and predictions."""
    errors = resolution_errors(gold, predictions)
    scores.mean_error_km = sum(errors) / len(errors) if errors else 0.0
    scores.auc = error_auc(errors)


def report(results: Iterable[PlaceScores]) -> Report:
    return Report(
        ("dataset", "docs", "gold", "pred", "P", "R", "F1", "acc@161", "mean km", "AUC"),
        [(s.dataset, str(s.docs), str(s.gold), str(s.predicted), fmt(s.precision), fmt(s.recall), fmt(s.f1),
          fmt(s.acc161), f"{s.mean_error_km:.0f}", fmt(s.auc)) for s in results],
        widths=(30, 5, 5, 5, 6, 6, 6, 8, 8, 6),
    )
