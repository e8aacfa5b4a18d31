"""Score the amounts component on MEANTIME (NewsReader, English Wikinews, intra-document annotation).

MEANTIME marks numeric expressions as VALUE markables typed MONEY, PERCENT or QUANTITY, as token spans, with
no normalised number and no counted object. So this scores what the gold has:
- span detection by character overlap: precision (predicted amounts overlapping a gold VALUE / predicted), recall
  (gold VALUEs overlapped by a prediction / gold), F1;
- kind accuracy on matched spans: MONEY -> "money", PERCENT -> "percent", QUANTITY -> "count" or "quantity";
- value accuracy on matched spans whose gold text is plainly numeric ("$ 82.29 billion", "17 %", "1,000"):
  the gold value is read from the gold span's digits and scale word by this module's own small reader, not by
  the component's number parser.

MEANTIME annotates only the title, the date line and the first five sentences of each article (sentences 0-5;
two VALUEs sit in sentence 6), so predictions after sentence 5 are left out of precision.

MEANTIME ships tokens without the original spacing; the text is rebuilt with single spaces, no space before
closing punctuation or "%", none after "$", "#" or an opening bracket.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from newsgraph.eval.base import GoldDataError, Report, SpanScores, fmt, pipe_anchored, share
from newsgraph.nlp.annotations import get_list
from newsgraph.records import Amount

__all__ = ["AmountsScore", "evaluate_amounts", "gold_files", "parse_meantime", "report"]

_NO_SPACE_BEFORE = {",", ".", ";", ":", "%", ")", "]", "'s", "n't", "?", "!", "'", "''"}
_NO_SPACE_AFTER = {"$", "#", "(", "[", "``", "US$", "€", "£"}
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_KIND = {"MONEY": ("money",), "PERCENT": ("percent",), "QUANTITY": ("count", "quantity")}


@dataclass(frozen=True, slots=True)
class GoldValue:
    start: int
    end: int
    text: str
    type: str


@dataclass(slots=True)
class MeantimeDoc:
    name: str
    text: str
    dct: str | None
    values: list[GoldValue] = field(default_factory=list)
    annotated_end: int = 0  # character offset where the annotated sentences end


#: last sentence index that MEANTIME annotates
ANNOTATED_SENTENCES = 5


def parse_meantime(path: Path) -> MeantimeDoc:
    """Tokens joined into text, VALUE markables as character spans, and the document creation date."""
    root = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    length = 0
    prev_sentence = None
    prev_text = ""
    annotated_end = 0
    for tok in root.iter("token"):
        word = tok.text or ""
        sentence = tok.get("sentence")
        if parts:
            if sentence != prev_sentence:
                sep = "\n"
            elif word in _NO_SPACE_BEFORE or prev_text in _NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            parts.append(sep)
            length += len(sep)
        offsets[tok.get("t_id", "")] = (length, length + len(word))
        parts.append(word)
        length += len(word)
        if sentence is not None and int(sentence) <= ANNOTATED_SENTENCES:
            annotated_end = length
        prev_sentence, prev_text = sentence, word
    text = "".join(parts)
    values: list[GoldValue] = []
    for v in root.iter("VALUE"):
        ids = [a.get("t_id", "") for a in v.iter("token_anchor")]
        spans = [offsets[i] for i in ids if i in offsets]
        if not spans:
            continue
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        values.append(GoldValue(start, end, text[start:end], v.get("type", "")))
    dct = None
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME":
            dct = (t.get("value") or "")[:10] or None
    return MeantimeDoc(path.stem, text, dct, values, annotated_end)


def gold_files(data: Path) -> list[Path]:
    """The intra-document annotation files (the cross-document folder repeats the same texts)."""
    files = sorted(p for p in data.rglob("*.xml") if "intra-doc_annotation" in p.parts)
    if not files:
        raise GoldDataError(f"no MEANTIME intra-doc_annotation .xml files under {data}")
    return files


def gold_number(text: str) -> float | None:
    """The value of a plainly numeric gold span, read independently: digits, then an optional scale word."""
    m = re.fullmatch(
        r"(?:US\$|\$|#|GB#|€|£)?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(thousand|million|billion|trillion)?"
        r"\s*(?:%|percent|dollars|points)?",
        text.strip(),
    )
    if not m:
        return None
    value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
    return value * _SCALE.get(m.group(3) or "", 1.0)


@dataclass(slots=True)
class AmountsScore(SpanScores):
    documents: int = 0
    gold: int = 0
    predicted: int = 0
    true_pos_pred: int = 0
    matched_gold: int = 0
    kind_correct: int = 0
    value_checked: int = 0
    value_correct: int = 0
    #: kind -> [predicted, overlapping a gold VALUE]
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    false_pos: list[tuple[str, str]] = field(default_factory=list)
    wrong: list[tuple[str, str, str, str]] = field(default_factory=list)  # (doc, gold text, expected, got)

    @property
    def kind_accuracy(self) -> float:
        return share(self.kind_correct, self.matched_gold)

    @property
    def value_accuracy(self) -> float:
        return share(self.value_correct, self.value_checked)


def score_document(doc: MeantimeDoc, predicted: list[Amount], score: AmountsScore) -> None:
    score.documents += 1
    score.gold += len(doc.values)
    for p in predicted:
        if p.start >= doc.annotated_end:
            continue
        score.predicted += 1
        kind = score.by_kind.setdefault(p.kind, [0, 0])
        kind[0] += 1
        if any(p.start < g.end and g.start < p.end for g in doc.values):
            score.true_pos_pred += 1
            kind[1] += 1
        else:
            score.false_pos.append((doc.name, p.text))
    for g in doc.values:
        match = next((p for p in predicted if p.start < g.end and g.start < p.end), None)
        if match is None:
            score.misses.append((doc.name, g.text, g.type))
            continue
        score.matched_gold += 1
        if match.kind in _KIND.get(g.type, ()):
            score.kind_correct += 1
        else:
            score.wrong.append((doc.name, g.text, g.type, match.kind))
        expected = gold_number(g.text)
        if expected is not None:
            score.value_checked += 1
            if abs(match.value - expected) <= 1e-6 * max(1.0, abs(expected)):
                score.value_correct += 1
            else:
                score.wrong.append((doc.name, g.text, str(expected), str(match.value)))


def evaluate_amounts(data: Path, nlp: Language, *, limit: int | None = None) -> AmountsScore:
    """Run ``nlp`` (with newsgraph_amounts_v1) over MEANTIME's intra-document files and score it."""
    files = gold_files(data)[:limit] if limit else gold_files(data)
    golds = [parse_meantime(f) for f in files]
    score = AmountsScore()
    for g, doc in zip(golds, pipe_anchored(nlp, [(g.text, g.dct) for g in golds]), strict=True):
        score_document(g, list(get_list(doc, "ng_amounts")), score)
    return score


def report(data: Path, score: AmountsScore) -> Report:
    return Report(
        ("metric", "score"),
        [("span precision", fmt(score.precision)), ("span recall", fmt(score.recall)), ("span F1", fmt(score.f1)),
         ("kind accuracy (matched)", fmt(score.kind_accuracy)),
         (f"value accuracy ({score.value_checked} numeric gold)", fmt(score.value_accuracy))],
        title=f"amounts on {data} ({score.documents} documents, {score.gold} gold VALUEs)",
    )
