"""The claims knowledge: the cue -> stance table, hedges, negation markers, synonyms and stop words.

Files live in ``knowledge/claims/``; a ``claims/`` folder of the same files in the user's ``knowledge_dir``
extends (and for the same key overrides) them. A malformed line is an error naming the file and line.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from newsgraph.errors import SettingsError

LOGGER = logging.getLogger(__name__)

SIGNS = {"+": 1, "-": -1, "0": 0}


@dataclass(frozen=True, slots=True)
class Stance:
    cue: str
    stance: str
    sign: int


@dataclass(frozen=True, slots=True)
class Lexicon:
    stances: dict[str, Stance]  # cue lemma -> stance
    forms: dict[str, str]  # inflected word form -> cue lemma (one-word cues)
    hedges: dict[str, str]  # hedge phrase -> kind
    negations: dict[str, str]  # marker -> negation | npi
    synonyms: dict[str, str]  # word -> canonical term
    stopwords: frozenset[str]
    countries: dict[str, str] = field(default_factory=dict)  # lower-case name/demonym -> ISO alpha-3

    def stance_of(self, lemma: str | None) -> Stance:
        if lemma and lemma.lower() in self.stances:
            return self.stances[lemma.lower()]
        return Stance(lemma or "", "discusses", 0)


def _texts(name: str, knowledge_dir: str | Path | None) -> list[tuple[str, str]]:
    out = [(f"knowledge/claims/{name}",
            resources.files("newsgraph").joinpath("knowledge", "claims", name).read_text(encoding="utf-8"))]
    if knowledge_dir:
        extra = Path(knowledge_dir) / "claims" / name
        if extra.is_file():
            out.append((str(extra), extra.read_text(encoding="utf-8")))
    return out


def _rows(name: str, knowledge_dir: str | Path | None, min_cols: int) -> list[tuple[str, int, list[str]]]:
    rows = []
    for where, text in _texts(name, knowledge_dir):
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = [c.strip() for c in line.split("\t")]
            if len(cols) < min_cols or not cols[0]:
                raise SettingsError(f"{where} line {n}: expected {min_cols} tab-separated columns, got {line!r}")
            rows.append((where, n, cols))
    return rows


def inflections(lemma: str) -> set[str]:
    """Regular English forms of a verb or noun lemma: -s, -ed, -ing (with the usual spelling changes)."""
    out = {lemma, lemma + "s"}
    if lemma.endswith("e"):
        out |= {lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        out |= {lemma[:-1] + "ied", lemma[:-1] + "ies", lemma + "ing"}
    else:
        out |= {lemma + "ed", lemma + "ing", lemma + "es"}
        if re.fullmatch(r"[a-z]*[^aeiou][aeiou][bdgmnprt]", lemma) and len(lemma) <= 5:
            out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return out


def _countries() -> dict[str, str]:
    text = resources.files("newsgraph").joinpath("knowledge", "actors", "countries.tsv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, _, names = line.partition("\t")
        for name in names.split("|"):
            name = name.strip().lower()
            if name and len(name) > 1:
                out.setdefault(name, code.strip())
    return out


@lru_cache(maxsize=8)
def load_lexicon(knowledge_dir: str | None = None) -> Lexicon:
    """The claims knowledge, bundled plus ``<knowledge_dir>/claims/`` (cached per folder)."""
    stances: dict[str, Stance] = {}
    forms: dict[str, str] = {}
    for where, n, cols in _rows("stances.tsv", knowledge_dir, 3):
        cue, stance, sign = cols[0].lower(), cols[1], cols[2]
        if sign not in SIGNS:
            raise SettingsError(f"{where} line {n}: sign {sign!r} is not +, - or 0")
        stances[cue] = Stance(cue, stance, SIGNS[sign])
        if " " not in cue:
            extra = {f.strip().lower() for f in cols[3].split("|")} if len(cols) > 3 and cols[3] else set()
            for form in inflections(cue) | extra:
                forms[form] = cue
    hedges = {cols[0].lower(): cols[1] if len(cols) > 1 else "source" for _, _, cols in _rows("hedges.tsv", knowledge_dir, 1)}
    negations = {cols[0].lower(): cols[1] for _, _, cols in _rows("negations.tsv", knowledge_dir, 2)}
    synonyms: dict[str, str] = {}
    for _, _, cols in _rows("synonyms.tsv", knowledge_dir, 2):
        canon = cols[0].lower()
        for variant in [canon, *cols[1].split("|")]:
            if variant.strip():
                synonyms[variant.strip().lower()] = canon
    stop = frozenset(cols[0].lower() for _, _, cols in _rows("stopwords.txt", knowledge_dir, 1))
    return Lexicon(stances, forms, hedges, negations, synonyms, stop, _countries())
