"""Score the entities component on CoNLL-2003 (English NER over Reuters newswire, 1996).

CoNLL-2003 marks person (PER), organisation (ORG), location (LOC) and miscellaneous (MISC) names as token spans in
IOB2. Each ``-DOCSTART-`` document is rebuilt as text: its sentences one a line, tokens joined by single spaces
with none before closing punctuation and the clitics ("'s", "n't") or after an opening bracket, so character spans
follow the tokens. The default pipeline runs (what users get); its named entities (every mention of every
canonical entity, after the cleanup: titles, articles and possessives stripped, and the surnames the speaker
resolver adds; not the pronouns and descriptions it adds, nor the actors component's common-noun actor phrases)
are mapped to CoNLL's four types:

- PERSON -> PER; ORG -> ORG; GPE, LOC, FAC -> LOC; NORP, EVENT, LAW, PRODUCT, WORK_OF_ART -> MISC.

Levels, each mention counted once on both sides:
- ``exact typed``: the CoNLL measure: same first and last character and the same type;
- ``exact``: same span, any type;
- ``overlap typed``: the spans share a character and the type is the same (each gold span matched at most once).

The report adds exact-typed rows per CoNLL type, and the exact-typed level of the model's own ``doc.ents`` (what
newsgraph's cleanup adds or loses). The model is spaCy's (OntoNotes labels, trained on other news):
the figures measure what newsgraph users get on newswire, not a model trained on CoNLL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from newsgraph.eval.base import Counts, GoldDataError, Report, fmt, require_gold
from newsgraph.nlp.annotations import EntityAnn, get_list

__all__ = ["SPLITS", "ConllDoc", "EntityScore", "evaluate_entities", "gold_file", "parse_conll", "report"]

#: split name -> file under ``<data>/data/``
SPLITS = {"train": "train.txt", "valid": "valid.txt", "test": "test.txt"}
TYPES = ("PER", "ORG", "LOC", "MISC")
#: newsgraph (spaCy OntoNotes) label -> CoNLL type
CONLL_TYPE = {
    "PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
    "NORP": "MISC", "EVENT": "MISC", "LAW": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC",
}
LEVELS = ("exact typed", "exact", "overlap typed")
_NO_SPACE_BEFORE = {",", ".", ";", ":", "%", ")", "]", "}", "'s", "n't", "?", "!", "'", "'re", "'ve", "'ll", "'d"}
_NO_SPACE_AFTER = {"(", "[", "{", "$"}

Span = tuple[int, int, str]  # start, end (character offsets), CoNLL type
#: first words of mentions that are no names: the pronouns, relatives and descriptions the speaker resolver adds
#: to an entity's mentions ("he", "which", "the 104th-ranked Tarango"), which CoNLL does not mark
_NOT_NAME_STARTS = {
    "he", "she", "it", "they", "him", "her", "them", "his", "hers", "its", "their", "theirs", "i", "we", "you",
    "me", "us", "my", "our", "your", "who", "whom", "whose", "which", "that", "the", "a", "an", "this", "these",
    "those",
}


@dataclass(slots=True)
class ConllDoc:
    text: str
    spans: list[Span] = field(default_factory=list)


def gold_file(data: Path, split: str) -> Path:
    """The file of a split (``train``, ``valid``: the shared task's testa, ``test``: testb)."""
    if split not in SPLITS:
        raise GoldDataError(f"unknown CoNLL-2003 split {split!r} (one of {', '.join(SPLITS)})")
    return require_gold(data / "data" / SPLITS[split], f"CoNLL-2003 {split} in IOB2 (token POS chunk NER)")


def parse_conll(path: Path) -> list[ConllDoc]:
    """The documents of a CoNLL-2003 file, as text and gold spans."""
    docs: list[ConllDoc] = []
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []

    def close_sentence() -> None:
        if current:
            sentences.append(list(current))
            current.clear()

    def close_doc() -> None:
        close_sentence()
        if sentences:
            docs.append(_document(sentences))
            sentences.clear()

    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        cols = line.split()
        if not cols:
            close_sentence()
        elif cols[0] == "-DOCSTART-":
            close_doc()
        elif len(cols) != 4 or not (cols[3] == "O" or cols[3][:2] in ("B-", "I-")):
            raise GoldDataError(f"{path}:{n}: not a CoNLL-2003 line (token POS chunk NER): {line[:80]!r}")
        else:
            current.append((cols[0], cols[3]))
    close_doc()
    if not docs:
        raise GoldDataError(f"no CoNLL-2003 documents in {path}")
    return docs


def _document(sentences: Sequence[Sequence[tuple[str, str]]]) -> ConllDoc:
    parts: list[str] = []
    length = 0
    spans: list[Span] = []
    for si, sentence in enumerate(sentences):
        open_span: list[int | str] | None = None  # [start, end, type]
        prev = ""
        for ti, (token, tag) in enumerate(sentence):
            sep = "" if not parts else "\n" if ti == 0 and si else (
                "" if token in _NO_SPACE_BEFORE or prev in _NO_SPACE_AFTER else " ")
            parts.append(sep)
            length += len(sep)
            start, end = length, length + len(token)
            parts.append(token)
            length = end
            prev = token
            if tag.startswith("I-") and open_span is not None and open_span[2] == tag[2:]:
                open_span[1] = end
                continue
            if open_span is not None:
                spans.append((int(open_span[0]), int(open_span[1]), str(open_span[2])))
                open_span = None
            if tag != "O":  # B-, or an I- that opens a span (IOB1 habits)
                open_span = [start, end, tag[2:]]
        if open_span is not None:
            spans.append((int(open_span[0]), int(open_span[1]), str(open_span[2])))
    return ConllDoc("".join(parts), spans)


@dataclass(slots=True)
class EntityScore:
    split: str
    documents: int = 0
    levels: dict[str, Counts] = field(default_factory=lambda: {level: Counts() for level in LEVELS})
    by_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TYPES})
    #: predicted spans with the wrong type, exact span: (gold type, predicted type) -> count
    confusions: dict[tuple[str, str], int] = field(default_factory=dict)
    #: the same levels for the model's own ``doc.ents`` (before newsgraph's cleanup and clustering), or None
    model: EntityScore | None = None


def is_name(text: str) -> bool:
    """A mention that is a name: it starts with a capital or a digit and not with a pronoun or a determiner."""
    words = text.split(maxsplit=1)
    first = words[0] if words else ""
    return bool(first) and (first[0].isupper() or first[0].isdigit()) and first.lower() not in _NOT_NAME_STARTS


def predicted_spans(text: str, entities: Sequence[EntityAnn]) -> list[Span]:
    """Every name mention (:func:`is_name`) of every entity as (start, end, CoNLL type); labels CoNLL has no type
    for, and the actors component's common-noun actor phrases (rule ``actor_np``: "its troops", "Japanese
    investors"), are left out."""
    out: set[Span] = set()
    for e in entities:
        kind = CONLL_TYPE.get(e.label)
        if kind is None or e.rule.startswith("actor_np"):
            continue
        for start, end in e.mentions:
            if is_name(text[start:end]):
                out.add((start, end, kind))
    return sorted(out)


def _add_exact(c: Counts, gold: set[Any], pred: set[Any]) -> None:
    """Add exact matches of two sets of spans to ``c`` (each span counted once on both sides)."""
    hits = len(gold & pred)
    c.predicted += len(pred)
    c.gold += len(gold)
    c.true_pos_pred += hits
    c.matched_gold += hits


def score_document(gold: Sequence[Span], pred: Sequence[Span], score: EntityScore) -> None:
    """Add one document's gold and predicted spans to ``score``."""
    gold_set, pred_set = set(gold), set(pred)
    _add_exact(score.levels["exact typed"], gold_set, pred_set)
    _add_exact(score.levels["exact"], {(s, e) for s, e, _ in gold}, {(s, e) for s, e, _ in pred})
    overlap = score.levels["overlap typed"]
    overlap.predicted += len(pred_set)
    overlap.gold += len(gold_set)
    used: set[Span] = set()
    golds = sorted(gold_set)
    for p in sorted(pred_set):
        match = next((g for g in golds if g not in used and g[2] == p[2] and g[0] < p[1] and p[0] < g[1]), None)
        if match is not None:
            used.add(match)
            overlap.true_pos_pred += 1
    overlap.matched_gold += len(used)
    gold_type = {(s, e): t for s, e, t in gold}
    for t in TYPES:
        _add_exact(score.by_type[t], {g for g in gold_set if g[2] == t}, {p for p in pred_set if p[2] == t})
    for s, e, t in pred_set:
        g = gold_type.get((s, e))
        if g is not None and g != t:
            score.confusions[(g, t)] = score.confusions.get((g, t), 0) + 1


def evaluate_entities(data: Path, nlp: Language, split: str = "valid", *, limit: int | None = None) -> EntityScore:
    """Run ``nlp`` (with newsgraph_entities_v1) over a CoNLL-2003 split (its first ``limit`` documents) and score
    its entities."""
    if "newsgraph_entities_v1" not in nlp.pipe_names:
        raise GoldDataError("the pipeline has no entities component (add 'entities' to the components setting)")
    docs = parse_conll(gold_file(data, split))[:limit]
    score = EntityScore(split=split, documents=len(docs))
    score.model = EntityScore(split=split, documents=len(docs))
    for g, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=16), strict=True):
        score_document(g.spans, predicted_spans(doc.text, get_list(doc, "ng_entities")), score)
        own = [(e.start_char, e.end_char, CONLL_TYPE[e.label_]) for e in doc.ents if e.label_ in CONLL_TYPE]
        score_document(g.spans, own, score.model)
    return score


def report(score: EntityScore) -> Report:
    rows = [(level, fmt(c.precision), fmt(c.recall), fmt(c.f1), str(c.predicted), str(c.gold))
            for level, c in score.levels.items()]
    rows += [(f"exact typed {t}", fmt(c.precision), fmt(c.recall), fmt(c.f1), str(c.predicted), str(c.gold))
             for t, c in score.by_type.items()]
    if score.model is not None:
        c = score.model.levels["exact typed"]
        rows.append(("exact typed, the model's own spans", fmt(c.precision), fmt(c.recall), fmt(c.f1), str(c.predicted),
                     str(c.gold)))
    top = sorted(score.confusions.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
    if top:
        rows.append(("same span, other type", "", "", "", ", ".join(f"{g}->{p} {n}" for (g, p), n in top), ""))
    return Report(("level", "P", "R", "F1", "pred", "gold"), rows,
                  title=f"CoNLL-2003 {score.split}: {score.documents} documents")
