"""Claim check: the stored statements that agree with, deny or discuss a claim typed by a user.

1. **Retrieval.** The claim's terms (terms.py) are split into words and country codes. A stored claim is a
   candidate when it shares at least one word and covers at least ``MIN_COVERAGE`` of all the claim's terms.
2. **Stance.** Where the trained stance classifier (``newsgraph.claims.stance.classify``, FNC-1 labels) is
   installed, each (claim, statement sentence) pair is classified; without it the step is skipped and the rules
   alone decide.
3. **Combination** (precision first):
   - the rule sign is the statement's polarity (the cue's stance times the content's own negation: a denial
     over content that matches the claim is -1) times the claim's own polarity ("... are not fighting" is -1);
   - a statement whose main clause (the proposition, ``core_terms``) matches closely (``MATCH_WORDS`` of the
     claim's words, all its countries and all its other names) and whose rule sign is not 0 **agrees** (+1) or **disagrees**
     (-1): the cue is the evidence;
   - otherwise, when the classifier says agree or disagree with confidence ``MODEL_CONFIDENCE`` or more, the
     rules do not contradict it and the main clause holds ``MODEL_WORDS`` of the claim's words and all its
     countries, its label is taken (the model reads short statements outside its training distribution, so it
     only decides between close candidates);
   - a loose match the classifier calls unrelated with confidence ``UNRELATED_CONFIDENCE`` is dropped;
   - everything else **discusses** the claim.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.claims.lexicon import load_lexicon
from newsgraph.claims.polarity import find_negation
from newsgraph.claims.terms import Termer
from newsgraph.errors import NewsgraphError, StoreError
from newsgraph.store.claims.queries import statement_anchor
from newsgraph.store.claims.tables import has_claims
from newsgraph.store.duck import Store

LOGGER = logging.getLogger(__name__)

MIN_COVERAGE = 0.5
MATCH_WORDS = 0.6
MATCH_COUNTRIES = 1.0
MODEL_CONFIDENCE = 0.7
#: the model's agree/disagree counts only on a statement whose main clause holds this share of the claim's words
MODEL_WORDS = 0.5
UNRELATED_CONFIDENCE = 0.8
MAX_CLAIM_CHARS = 1000

STANCES = ("agree", "disagree", "discuss")
Classifier = Callable[[Sequence[tuple[str, str]]], Sequence[Any]]


@dataclass(frozen=True, slots=True)
class Match:
    words: float  # share of the claim's words found
    countries: float  # share of the claim's country codes found (1.0 when the claim names none)
    coverage: float  # share of all the claim's terms found
    names: float = 1.0  # share of the claim's names (capitalised words, not countries) found


def stance_classifier() -> Classifier | None:
    """The trained stance classifier, or None where ``newsgraph.claims.stance`` is not installed."""
    import importlib
    import importlib.util

    if importlib.util.find_spec("newsgraph.claims.stance") is None:
        return None
    return importlib.import_module("newsgraph.claims.stance").classify  # type: ignore[no-any-return]


def match(query: set[str], other: set[str], names: set[str] = frozenset()) -> Match:  # type: ignore[assignment]
    words = {t for t in query if not t.startswith("@")}
    places = query - words
    w = len(words & other) / len(words) if words else 0.0
    c = len(places & other) / len(places) if places else 1.0
    n = len(names & other) / len(names) if names else 1.0
    return Match(w, c, len(query & other) / len(query) if query else 0.0, n)


def decide(rule_sign: int, m: Match, model: tuple[str, float] | None) -> tuple[str | None, str]:
    """(stance or None to drop, why)."""
    close = m.words >= MATCH_WORDS and m.countries >= MATCH_COUNTRIES and m.names == 1.0
    if close and rule_sign:
        return ("agree" if rule_sign > 0 else "disagree"), "cue and polarity over a close match"
    if model is not None:
        label, conf = model
        agrees_with_rules = not rule_sign or (label == "agree") == (rule_sign > 0)
        partial = m.words >= MODEL_WORDS and m.countries >= MATCH_COUNTRIES
        if label in ("agree", "disagree") and conf >= MODEL_CONFIDENCE and agrees_with_rules and partial:
            return label, f"stance model ({conf:.2f})"
        if label == "unrelated" and conf >= UNRELATED_CONFIDENCE and not close:
            return None, f"stance model: unrelated ({conf:.2f})"
    return "discuss", "related statement" + ("" if close else " (partial match)")


def check(
    store: Store, claim: str, *, limit: int = 50, classifier: Classifier | bool | None = True
) -> dict[str, Any]:
    """The statements in ``store`` about ``claim``; ``classifier=True`` uses the stance model when installed."""
    claim = " ".join(claim.split())
    if not claim:
        raise NewsgraphError("the claim is empty")
    if len(claim) > MAX_CLAIM_CHARS:
        raise NewsgraphError(f"the claim is over {MAX_CLAIM_CHARS} characters")
    if not has_claims(store.con):
        raise StoreError(f"{store.path} has no claims tables: open it once with a writer (newsgraph ingest) to add them")
    lex = load_lexicon()
    termer = Termer(lex)
    query = set(termer.terms(claim))
    words = sorted(t for t in query if not t.startswith("@"))
    names = termer.name_terms(claim) & query
    out: dict[str, Any] = {"claim": claim, "terms": sorted(query), "model": None, "statements": [], "speakers": []}
    if not words:
        return out
    claim_sign = -1 if find_negation(lex, claim, 0, len(claim), denial=False).negated else 1
    _, rows = store.query(
        "SELECT c.id, c.article_id, c.start, c.\"end\", c.text, c.sentence.start, c.sentence.\"end\", c.stance, "
        "c.polarity, c.cue.text, c.actor, c.speaker.code, c.reporter, c.terms, c.published, c.source, a.title, "
        "substr(a.text, c.sentence.start + 1, c.sentence.\"end\" - c.sentence.start) AS sentence, c.rule, c.core_terms, "
        "c.quote, c.event "
        "FROM claim_actors c JOIN articles a ON a.id = c.article_id WHERE list_has_any(c.terms, ?::VARCHAR[])",
        [words],
    )
    cands = []
    for row in rows:
        m = match(query, set(row[13] or []))
        if m.coverage >= MIN_COVERAGE and m.words > 0:
            cands.append((m, match(query, set(row[19] or []), names), row))
    cands.sort(key=lambda x: (-x[1].coverage, -x[0].coverage, x[2][14] or "", x[2][1], x[2][2]))
    cands = cands[: max(limit * 3, limit)]
    clf = stance_classifier() if classifier is True else (classifier or None)
    models: list[tuple[str, float] | None] = [None] * len(cands)
    if clf is not None and cands:
        results = clf([(claim, row[17]) for _, _, row in cands])
        models = [(r.label, float(r.confidence)) for r in results]
        out["model"] = getattr(results[0], "model", None) or getattr(clf, "__module__", "stance") if results else None
    statements = []
    for (m, core, row), model in zip(cands, models, strict=True):
        sign = {"positive": 1, "negative": -1}.get(row[8], 0) * claim_sign
        stance, why = decide(sign, core, model)
        if stance is None:
            continue
        statements.append({
            "stance": stance, "speaker": row[10], "code": row[11], "text": row[4], "article_id": row[1],
            "start": row[2], "end": row[3], "sentence": row[17], "sentence_start": row[5], "sentence_end": row[6],
            "cue": row[9], "cue_stance": row[7], "polarity": row[8], "reporter": row[12], "published": row[14],
            "source": row[15], "title": row[16], "claim_id": row[0], "coverage": round(m.coverage, 3),
            "model": {"label": model[0], "confidence": round(model[1], 3)} if model else None, "why": why,
            "rule": row[18], "anchor": statement_anchor(row[20], row[21]),
        })
    order = {s: i for i, s in enumerate(STANCES)}
    statements.sort(key=lambda s: (order[s["stance"]], -s["coverage"], s["published"] or "", s["article_id"], s["start"]))
    statements = statements[:limit]
    out["statements"] = statements
    speakers: dict[str, dict[str, Any]] = {}
    for s in statements:
        g = speakers.setdefault(s["speaker"], {"speaker": s["speaker"], "code": s["code"],
                                               "counts": dict.fromkeys(STANCES, 0), "statements": []})
        g["counts"][s["stance"]] += 1
        g["statements"].append(s)
    out["speakers"] = sorted(speakers.values(), key=lambda g: (-(g["counts"]["agree"] + g["counts"]["disagree"]),
                                                             -len(g["statements"]), g["speaker"]))
    return out


def render_check(result: dict[str, Any]) -> str:
    """The check as readable text: per speaker, each statement with its stance, date, source and sentence."""
    lines = [f"claim: {result['claim']}"]
    if not result["statements"]:
        lines.append("  no statement in the database matches it")
        return "\n".join(lines)
    n = {s: sum(1 for x in result["statements"] if x["stance"] == s) for s in STANCES}
    lines.append(f"  {n['agree']} agree, {n['disagree']} disagree, {n['discuss']} discuss"
                 + ("" if result["model"] else "   (stance model not installed: rules only)"))
    for g in result["speakers"]:
        lines += ["", f"{g['speaker']}" + (f" ({g['code']})" if g["code"] else "")]
        for s in g["statements"]:
            via = f", reported by {s['reporter']}" if s["reporter"] else ""
            lines.append(f"  [{s['stance'].upper():<8}] {s['published'] or 'undated'} · {s['source'] or '?'} · "
                         f"{s['cue_stance']} “{s['cue'] or ''}”{via}")
            lines.append(f"             {' '.join(s['sentence'].split())}")
            lines.append(f"             article {s['article_id']} [{s['start']}:{s['end']}]")
    return "\n".join(lines)
