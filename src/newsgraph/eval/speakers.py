"""Quote attribution with resolved speakers, scored against ``gold/speakers-voa`` (30 VOA stories, 513 statements).

PolNeAR credits a predicted speaker span that merely overlaps the gold source, so a "he" resolved to the wrong
person still counts. This gold set names each statement's speaker as a canonical person or organisation (see
its README.md), and the scorer asks whether newsgraph's quote resolves to it.

Matching, one to one, story by story:

- **content**: a predicted quote matches a gold statement when their content spans overlap by at least half of
  the shorter one; each gold statement takes the unmatched prediction with the largest overlap, in text order.
- **speaker right**: the predicted speaker resolves to an entity whose canonical name matches the gold speaker
  (case and punctuation folded; equal, or one name's words all contained in the other's: "Akar" ~ "Hulusi
  Akar"; a gold pair "A and B" matches either). Where the gold speaker is a *description* ("senior State
  Department official", "analysts", "Turkish media": it has a lower-case word of four letters or more), a
  predicted speaker mention overlapping the gold mention is right too, since there is no name to resolve to.
- **content+speaker**: precision is the share of predicted quotes that match a gold statement and have its
  speaker right; recall the share of gold statements so matched.
- **statements only**: the gold annotates statements (see its README.md), so a predicted quote counts when its
  ``cue_class`` is ``"speech"`` (said, told, denied, urged, "according to", a direct quote with no cue word;
  records from before the field, ``None``, count too). Beliefs, positions and evidence ("hopes", "backs", "the
  data show") are attributions PolNeAR scores but not statements; the last line, ``content+speaker (all
  classes)``, scores every predicted quote as before cue_class existed, so nothing is hidden.
- **unresolved abstains** (the row ``content+speaker (unresolved abstains)``): a content-matched quote that
  names no one, its speaker ``None`` or a mention with no entity lying on the gold mention ("the group said"
  left unlinked), shows the reader no wrong speaker, only a missing link; that row leaves such quotes out of
  precision (they still miss recall). An unlinked mention elsewhere ("the investment review" for Tran Quoc
  Bao) is wrong on both rows.
- **confidence**: only the quotes a reader sees at ``min_confidence`` are scored (default: the setting
  ``min_quote_confidence``; 0 scores every quote; ``nlp/quotes/confidence.shown``: a quote naming no one or with
  no confidence is always seen), as the web UI and ``/api/quotes`` show them.
- **resolution accuracy** by the gold mention's kind (``name``, ``role``, ``pronoun``, ``none`` for a
  continuation with no cue): of the content-matched statements of that kind, the share with the speaker right.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.eval.base import Counts, GoldDataError, Report, fmt, gold_sha256, require_gold, share
from newsgraph.nlp.quotes.confidence import shown
from newsgraph.records import ArticleRecord, Quote

SPLITS = ("tune", "held", "all")
KINDS = ("name", "role", "pronoun", "none")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class GoldStatement:
    doc: str
    content: tuple[int, int]
    speaker: str
    mention: tuple[int, int] | None
    kind: str


@dataclass(slots=True)
class SpeakerEvaluation:
    split: str
    stories: int
    content: Counts = field(default_factory=Counts)
    speaker: Counts = field(default_factory=Counts)
    #: per gold mention kind: [content-matched, speaker right]
    kinds: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0] for k in KINDS})
    #: content+speaker over every predicted quote, whatever its cue_class
    all_classes: Counts = field(default_factory=Counts)
    #: content-matched statements whose speaker is unresolved on the gold mention (or absent): no wrong speaker
    abstained: int = 0
    #: the quote confidence the scored quotes reach (0: every quote)
    min_confidence: float = 0.0

    @property
    def resolved(self) -> Counts:
        """content+speaker with unresolved speakers abstaining: left out of precision, still missing recall."""
        sc = self.speaker
        return Counts(sc.predicted - self.abstained, sc.true_pos_pred, sc.gold, sc.matched_gold)


def is_statement(quote: Quote) -> bool:
    """A quote the gold would annotate: its cue is a speech cue (or it predates ``cue_class``)."""
    return quote.cue_class in ("speech", None)


def gold_file(data: Path) -> Path:
    return require_gold(Path(data) / "speakers.jsonl", "speakers.jsonl (python scripts/build_speakers_gold.py)")


def data_hash(data: Path) -> str:
    return gold_sha256(gold_file(data))


def load_gold(data: str | Path, split: str = "all") -> dict[str, list[GoldStatement]]:
    """The gold statements of a split, by story id, in text order."""
    if split not in SPLITS:
        raise GoldDataError(f"unknown split {split!r}: choose one of {', '.join(SPLITS)}")
    out: dict[str, list[GoldStatement]] = {}
    for number, line in enumerate(gold_file(Path(data)).read_text(encoding="utf-8").splitlines(), 1):
        try:
            row = json.loads(line)
            if split != "all" and row["split"] != split:
                continue
            mention = row["mention"]
            statement = GoldStatement(
                doc=row["doc"],
                content=(row["content"]["start"], row["content"]["end"]),
                speaker=row["speaker"],
                mention=(mention["start"], mention["end"]) if mention else None,
                kind=row["mention_kind"],
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise GoldDataError(f"speakers.jsonl:{number}: malformed gold row ({exc})") from exc
        out.setdefault(statement.doc, []).append(statement)
    return out


def _words(name: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(name)]


def names_match(predicted: str, gold: str) -> bool:
    """Equal after folding, or one name's words all contained in the other's; "A and B" matches A or B."""
    mine = set(_words(predicted))
    if not mine:
        return False
    for part in re.split(r"\s+and\s+", gold):
        theirs = set(_words(part))
        if theirs and (mine <= theirs or theirs <= mine):
            return True
    return False


def is_description(speaker: str) -> bool:
    """A gold speaker with no name to resolve to ("senior State Department official", "Turkish media")."""
    return any(len(w) >= 4 and w.islower() for w in _WORD.findall(speaker))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def abstains(quote: Quote, gold: GoldStatement) -> bool:
    """The quote names no one for this statement: no speaker, or a mention linked to no entity lying on the gold
    mention (what the reader sees is the story's own words, unlinked)."""
    sp = quote.speaker
    if sp is None:
        return True
    return not sp.entity and not sp.entities and gold.mention is not None and _overlap((sp.start, sp.end),
                                                                                       gold.mention) > 0


def _speaker_right(quote: Quote, gold: GoldStatement, names: dict[str, str]) -> bool:
    sp = quote.speaker
    if sp is None:
        return False
    ids = [sp.entity] if sp.entity else []
    ids += [i for i in sp.entities if i not in ids]
    if any(names_match(names.get(i, ""), gold.speaker) for i in ids):
        return True
    return is_description(gold.speaker) and gold.mention is not None and _overlap((sp.start, sp.end),
                                                                                  gold.mention) > 0


def score_story(record: ArticleRecord, gold: Sequence[GoldStatement], result: SpeakerEvaluation) -> None:
    """Add one story's predicted statements and gold statements to ``result`` (and every quote to
    ``result.all_classes``)."""
    names = {e.id: e.name for e in record.entities}
    seen = [q for q in record.quotes if shown(q, result.min_confidence)]
    every = SpeakerEvaluation(split=result.split, stories=0)
    _score(seen, gold, names, every)
    result.all_classes.add(every.speaker)
    _score([q for q in seen if is_statement(q)], gold, names, result)


def _score(quotes: list[Quote], gold: Sequence[GoldStatement], names: dict[str, str],
           result: SpeakerEvaluation) -> None:
    taken: set[int] = set()
    result.content.predicted += len(quotes)
    result.speaker.predicted += len(quotes)
    result.content.gold += len(gold)
    result.speaker.gold += len(gold)
    for statement in gold:
        best, best_overlap = None, 0
        for i, q in enumerate(quotes):
            if i in taken:
                continue
            ov = _overlap((q.start, q.end), statement.content)
            shorter = min(q.end - q.start, statement.content[1] - statement.content[0])
            if shorter > 0 and ov * 2 >= shorter and ov > best_overlap:
                best, best_overlap = i, ov
        if best is None:
            continue
        taken.add(best)
        result.content.true_pos_pred += 1
        result.content.matched_gold += 1
        counts = result.kinds.setdefault(statement.kind, [0, 0])
        counts[0] += 1
        if _speaker_right(quotes[best], statement, names):
            result.speaker.true_pos_pred += 1
            result.speaker.matched_gold += 1
            counts[1] += 1
        elif abstains(quotes[best], statement):
            result.abstained += 1


def evaluate_speakers(data: str | Path, articles: str | Path, split: str = "held", settings=None,  # type: ignore[no-untyped-def]
                      min_confidence: float | None = None) -> SpeakerEvaluation:
    """Analyse the gold stories (texts from ``articles``, the bundled sample JSONL) and score their quotes, those
    shown at ``min_confidence`` (None: the setting ``min_quote_confidence``; 0: every quote)."""
    from newsgraph.batch import process_batch
    from newsgraph.ingest.articles import make_article
    from newsgraph.settings import Settings

    gold = load_gold(data, split)
    stories = {}
    for line in require_gold(Path(articles), "the bundled sample (samples/articles.jsonl)").read_text(
            encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["id"] in gold:
            stories[row["id"]] = row
    missing = sorted(set(gold) - set(stories))
    if missing:
        raise GoldDataError(f"gold stories not in {articles}: {', '.join(missing)}")
    batch = [make_article(r["text"], id=r["id"], title=r.get("title"), url=r.get("url"), source=r.get("source"),
                          published=r.get("published")) for r in stories.values()]
    settings = settings or Settings()
    threshold = settings.min_quote_confidence if min_confidence is None else min_confidence
    result = SpeakerEvaluation(split=split, stories=len(batch), min_confidence=threshold)
    for res in process_batch(batch, settings):
        if not isinstance(res, ArticleRecord):
            raise GoldDataError(f"a gold story could not be analysed: {res.error}")
        score_story(res, gold[res.id], result)
    return result


def report(result: SpeakerEvaluation) -> Report:
    rows = [(level, fmt(sc.precision), fmt(sc.recall), fmt(sc.f1), str(sc.predicted), str(sc.gold))
            for level, sc in (("content", result.content), ("content+speaker", result.speaker),
                              ("content+speaker (unresolved abstains)", result.resolved))]
    for kind, (matched, right) in result.kinds.items():
        rows.append((f"resolution: {kind}", fmt(share(right, matched)), "", "", str(right), str(matched)))
    sc = result.all_classes
    rows.append(("content+speaker (all classes)", fmt(sc.precision), fmt(sc.recall), fmt(sc.f1), str(sc.predicted),
                 str(sc.gold)))
    return Report(("level", "P/acc", "R", "F1", "pred/right", "gold/matched"), rows,
                  title=f"speakers-voa {result.split}: {result.stories} stories, min quote confidence "
                        f"{result.min_confidence:.2f}")
