"""Quote attribution scored against PolNeAR (Newell, Margolin & Ruths, LREC 2018).

PolNeAR is brat standoff: ``data/<split>/text/<article>.txt`` and ``data/<split>/attributions/<article>_<annotator>
.ann``, whose T lines are Source/Cue/Content spans (discontinuous spans as ``s e;s e``) and whose E lines bind
them into attributions. Some articles have several annotators; the first ``.ann`` file by name is used.

Three levels, each with precision (predicted quotes that match some gold attribution) and recall (gold
attributions matched by some predicted quote):

- ``content``: the predicted content span overlaps the attribution's Content;
- ``content+cue``: that, and the predicted cue overlaps the attribution's Cue;
- ``content+source``: that content match, and the predicted speaker overlaps the attribution's Source; where the
  attribution has no Source, the prediction must name no speaker.

Only the quotes a reader sees at ``min_confidence`` are scored (default: the setting ``min_quote_confidence``; 0
scores every quote; ``nlp/quotes/confidence.shown``). Every class of attribution is scored (PolNeAR annotates
beliefs and positions too). The report adds, per
``cue_class`` of the predicted quotes, how many there are and the share that match some gold Content.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.errors import NewsgraphError
from newsgraph.eval.base import Counts, GoldDataError, Report, fmt, gold_sha256, share
from newsgraph.nlp.quotes.confidence import shown
from newsgraph.records import Quote

LOGGER = logging.getLogger(__name__)

LEVELS = ("content", "content+cue", "content+source")
Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    content: Spans
    cue: Spans
    source: Spans  # empty: the attribution has no source


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]
    files: tuple[Path, ...]  # the files read, for the data hash


@dataclass(slots=True)
class QuoteEvaluation:
    split: str
    articles: int
    #: per level: predicted quotes (matching some gold attribution), gold attributions (matched by some quote)
    scores: dict[str, Counts] = field(default_factory=lambda: {level: Counts() for level in LEVELS})
    #: per predicted cue_class: [predicted quotes, of which match some gold Content]
    classes: dict[str, list[int]] = field(default_factory=dict)
    #: the quote confidence the scored quotes reach (0: every quote)
    min_confidence: float = 0.0


def split_dir(data: Path, split: str) -> Path:
    """The folder of a split, given the PolNeAR root (with ``data/``) or its ``data/`` folder."""
    for cand in (data / "data" / split, data / split):
        if (cand / "text").is_dir() and (cand / "attributions").is_dir():
            return cand
    raise GoldDataError(
        f"no PolNeAR split {split!r} under {data} (expected data/{split}/text and attributions)"
    )


_SPAN = re.compile(r"^(\d+) (\d+)$")


def _parse_spans(field_: str) -> Spans:
    out = []
    for part in field_.split(";"):
        m = _SPAN.match(part.strip())
        if m:
            out.append((int(m.group(1)), int(m.group(2))))
    return tuple(out)


def parse_ann(text: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one brat ``.ann`` file."""
    spans: dict[str, Spans] = {}
    events: list[dict[str, list[str]]] = []
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        if cols[0].startswith("T"):
            _label, _, offsets = cols[1].partition(" ")
            spans[cols[0]] = _parse_spans(offsets)
        elif cols[0].startswith("E"):
            roles: dict[str, list[str]] = {}
            for arg in cols[1].split():
                role, _, ref = arg.partition(":")
                roles.setdefault(role.rstrip("0123456789"), []).append(ref)
            events.append(roles)
    out = []
    for roles in events:

        def get(role: str, roles: dict[str, list[str]] = roles) -> Spans:
            return tuple(s for ref in roles.get(role, []) for s in spans.get(ref, ()))

        out.append(GoldAttribution(content=get("Content"), cue=get("Cue"), source=get("Source")))
    return tuple(out)


def load_polnear(data: str | Path, split: str = "dev", limit: int | None = None) -> list[GoldArticle]:
    """Articles of a split with the first annotator's attributions, in name order."""
    folder = split_dir(Path(data), split)
    anns = sorted(p.name for p in (folder / "attributions").glob("*.ann"))
    articles = []
    for txt in sorted((folder / "text").glob("*.txt")):
        pattern = re.compile(re.escape(txt.stem) + r"_[0-9A-Za-z]+\.ann$")
        mine = [a for a in anns if pattern.match(a)]
        if not mine:
            LOGGER.warning("no attributions for %s", txt.name)
            continue
        ann = folder / "attributions" / mine[0]
        text = txt.read_text(encoding="utf-8")
        articles.append(GoldArticle(txt.stem, text, parse_ann(ann.read_text(encoding="utf-8")), (txt, ann)))
        if limit is not None and len(articles) >= limit:
            break
    return articles


def data_hash(articles: Iterable[GoldArticle]) -> str:
    """:func:`~newsgraph.eval.base.gold_sha256` of every file read, in order (pins the gold data of a floor)."""
    return gold_sha256(path for art in articles for path in art.files)


def _overlaps(span: tuple[int, int] | None, gold: Spans) -> bool:
    if span is None:
        return False
    s, e = span
    return any(s < ge and gs < e for gs, ge in gold)


def match(quote: Quote, gold: GoldAttribution, level: str) -> bool:
    if not _overlaps((quote.start, quote.end), gold.content):
        return False
    if level == "content+cue":
        return quote.cue is not None and _overlaps((quote.cue.start, quote.cue.end), gold.cue)
    if level == "content+source":
        if not gold.source:
            return quote.speaker is None
        return quote.speaker is not None and _overlaps((quote.speaker.start, quote.speaker.end), gold.source)
    return True


def score_article(quotes: Sequence[Quote], gold: Sequence[GoldAttribution]) -> dict[str, Counts]:
    out = {}
    for level in LEVELS:
        hits = [[match(q, g, level) for g in gold] for q in quotes]
        out[level] = Counts(
            predicted=len(quotes),
            true_pos_pred=sum(any(row) for row in hits),
            gold=len(gold),
            matched_gold=sum(any(hits[i][j] for i in range(len(quotes))) for j in range(len(gold))),
        )
    return out


def evaluate_quotes(
    data: str | Path,
    split: str = "dev",
    *,
    limit: int | None = None,
    nlp=None,  # type: ignore[no-untyped-def]
    min_confidence: float | None = None,
) -> QuoteEvaluation:
    """Run the pipeline (default settings unless ``nlp`` is given) over a PolNeAR split and score its quotes,
    those shown at ``min_confidence`` (None: the default of the setting ``min_quote_confidence``; 0: every
    quote)."""
    from newsgraph.nlp.annotations import get_list
    from newsgraph.settings import Settings

    threshold = Settings().min_quote_confidence if min_confidence is None else min_confidence

    if nlp is None:
        from newsgraph.batch import get_pipeline

        nlp = get_pipeline(Settings())
    if "newsgraph_quotes_v1" not in nlp.pipe_names:
        raise NewsgraphError("the pipeline has no quotes component (add 'quotes' to the components setting)")
    articles = load_polnear(data, split, limit)
    result = QuoteEvaluation(split=split, articles=len(articles), min_confidence=threshold)
    for art, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        quotes = [q for q in get_list(doc, "ng_quotes") if shown(q, threshold)]
        for level, score in score_article(quotes, art.attributions).items():
            result.scores[level].add(score)
        for q in quotes:
            counts = result.classes.setdefault(q.cue_class or "none", [0, 0])
            counts[0] += 1
            counts[1] += any(match(q, g, "content") for g in art.attributions)
    return result


def report(result: QuoteEvaluation) -> Report:
    rows = [(level, fmt(sc.precision), fmt(sc.recall), fmt(sc.f1), str(sc.predicted), str(sc.gold))
            for level, sc in result.scores.items()]
    for cls, (predicted, right) in sorted(result.classes.items(), key=lambda kv: -kv[1][0]):
        rows.append((f"content, class {cls}", fmt(share(right, predicted)), "", "", str(predicted), ""))
    return Report(
        ("level", "P", "R", "F1", "pred", "gold"),
        rows,
        title=f"PolNeAR {result.split}: {result.articles} articles, min quote confidence {result.min_confidence:.2f}",
    )
