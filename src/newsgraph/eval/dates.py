"""Score the dates component on TimeML gold (TimeBank 1.2 + AQUAINT, "TBAQ-cleaned" from TempEval-3).

Each ``.tml`` document's TEXT is analysed with its DCT (document creation time) as the publication date.
Gold: TIMEX3 of type DATE or TIME. Matching is by character overlap (TempEval-3's relaxed span match):
- precision: predictions overlapping a gold DATE/TIME / predictions, where predictions that overlap only a
  gold DURATION or SET are left out (neither right nor wrong: the component does not emit durations);
- recall: gold DATE/TIME overlapped by a prediction / gold DATE/TIME;
- value accuracy: among matched gold expressions, how many got exactly the gold TIMEX3 value.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from newsgraph.eval.base import GoldDataError, Report, SpanScores, fmt, pipe_anchored, share
from newsgraph.nlp.annotations import get_list
from newsgraph.records import DateMention

_TAG = re.compile(r"<(/?)(\w+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(slots=True)
class TimeMLDoc:
    name: str
    text: str
    dct: str | None
    timexes: list[Timex] = field(default_factory=list)


def parse_timeml(path: Path) -> TimeMLDoc:
    """The TEXT of a TimeML file as plain text, with its TIMEX3 character offsets and the DCT."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    dct = None
    if dct_match:
        dct = dict(_ATTR.findall(dct_match.group(1))).get("value", "")[:10] or None
    body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
    parts: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[Timex] = []
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs, selfclosing = m.groups()
        if name != "TIMEX3" or selfclosing:
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(attrs))))
        elif open_timex:
            start, a = open_timex.pop()
            timexes.append(Timex(start, length, "", a.get("type", ""), a.get("value", "")))
    parts.append(html.unescape(body[pos:]))
    text = "".join(parts)
    timexes = [Timex(t.start, t.end, text[t.start : t.end], t.type, t.value) for t in timexes]
    return TimeMLDoc(path.stem, text, dct, timexes)


def gold_files(data: Path) -> list[Path]:
    files = sorted(data.rglob("*.tml"))
    if not files:
        raise GoldDataError(f"no .tml files under {data}")
    return files


@dataclass(slots=True)
class DatesScore(SpanScores):
    documents: int = 0
    gold: int = 0
    predicted: int = 0  # predictions counted (those overlapping only DURATION/SET gold are left out)
    ignored: int = 0
    true_pos_pred: int = 0
    matched_gold: int = 0
    value_correct: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (doc, gold text, gold value)
    wrong_values: list[tuple[str, str, str, str]] = field(default_factory=list)  # (doc, text, gold, predicted)
    false_pos: list[tuple[str, str, str]] = field(default_factory=list)  # (doc, text, predicted)

    @property
    def value_accuracy(self) -> float:
        return share(self.value_correct, self.matched_gold)


def _overlaps(a: DateMention | Timex, b: DateMention | Timex) -> bool:
    return a.start < b.end and b.start < a.end


def score_document(doc: TimeMLDoc, predicted: list[DateMention], score: DatesScore) -> None:
    gold = [t for t in doc.timexes if t.type in ("DATE", "TIME")]
    other = [t for t in doc.timexes if t.type not in ("DATE", "TIME")]
    score.documents += 1
    score.gold += len(gold)
    for p in predicted:
        if any(_overlaps(p, g) for g in gold):
            score.predicted += 1
            score.true_pos_pred += 1
        elif any(_overlaps(p, o) for o in other):
            score.ignored += 1
        else:
            score.predicted += 1
            score.false_pos.append((doc.name, p.text, p.value))
    for g in gold:
        match = next((p for p in predicted if _overlaps(p, g)), None)
        if match is None:
            score.misses.append((doc.name, g.text, g.value))
            continue
        score.matched_gold += 1
        if match.value == g.value:
            score.value_correct += 1
        else:
            score.wrong_values.append((doc.name, g.text, g.value, match.value))


def evaluate_dates(data: Path, nlp: Language, *, limit: int | None = None) -> DatesScore:
    """Run ``nlp`` (which must contain newsgraph_dates_v1) over the TimeML files under ``data`` and score it."""
    files = gold_files(data)[:limit] if limit else gold_files(data)
    docs_gold = [parse_timeml(f) for f in files]
    score = DatesScore()
    for g, doc in zip(docs_gold, pipe_anchored(nlp, [(g.text, g.dct) for g in docs_gold]), strict=True):
        score_document(g, list(get_list(doc, "ng_dates")), score)
    return score


def report(data: Path, score: DatesScore) -> Report:
    return Report(
        ("metric", "score"),
        [("span precision", fmt(score.precision)), ("span recall", fmt(score.recall)), ("span F1", fmt(score.f1)),
         ("value accuracy (matched)", fmt(score.value_accuracy))],
        title=f"dates on {data} ({score.documents} documents, {score.gold} gold DATE/TIME)",
    )
