"""``newsgraph_themes_v1``: GDELT-style themes from an editable keyword lexicon (knowledge/themes.tsv).

Each lexicon entry is matched with a PhraseMatcher, on lower-cased words ("lower" entries) or on lemmas
("lemma" entries, so "prisoner of war" also finds "prisoners of war"). A theme is assigned when it has at least
``min_hits`` matches (overlapping matches of one theme count once). ``doc._.ng_themes`` gets the sorted theme
codes; ``doc._.ng_theme_mentions`` maps each assigned theme to its matched character spans.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from newsgraph.errors import SettingsError
from newsgraph.nlp.annotations import get_list, register_extensions
from newsgraph.nlp.knowledge import bundled_text, knowledge_texts, parse_table

LOGGER = logging.getLogger(__name__)

LEXICON_FILE = "themes.tsv"


@dataclass(frozen=True, slots=True)
class ThemeEntry:
    theme: str
    match: str  # "lower" | "lemma"
    phrase: str
    origin: str  # "file:line"


def read_lexicon(path: Path | None = None, text: str | None = None) -> list[ThemeEntry]:
    """Entries of a themes.tsv file (the bundled one by default). Bad lines are an error naming the line."""
    if text is None:
        if path is None:
            text, name = bundled_text(LEXICON_FILE), f"newsgraph/knowledge/{LEXICON_FILE}"
        else:
            text, name = path.read_text(encoding="utf-8"), str(path)
    else:
        name = str(path or "<text>")
    return _entries(text, name)


def _entries(text: str, name: str) -> list[ThemeEntry]:
    entries: list[ThemeEntry] = []
    for row in parse_table(text, name, ("theme", "match", "phrase"), required=0):
        theme, match, phrase = row.cells
        if row.width != 3 or match not in ("lower", "lemma") or not theme or not phrase:
            raise row.error(f"expected 'THEME<TAB>lower|lemma<TAB>phrase', got {row.raw!r}")
        entries.append(ThemeEntry(theme.upper(), match, phrase.lower(), row.origin))
    return entries


def load_lexicon(knowledge_dir: str | None = None) -> list[ThemeEntry]:
    """The bundled lexicon plus the user's ``<knowledge_dir>/themes.tsv`` if there is one."""
    entries: list[ThemeEntry] = []
    for name, text in knowledge_texts(LEXICON_FILE, knowledge_dir):
        entries += _entries(text, name)
    return entries


@Language.factory(
    "newsgraph_themes_v1",
    default_config={"min_hits": 2, "knowledge_dir": None},
    assigns=["doc._.ng_themes", "doc._.ng_theme_mentions"],
    requires=["token.lemma"],
)
def make_themes(nlp: Language, name: str, min_hits: int, knowledge_dir: str | None) -> ThemesComponent:
    register_extensions()
    return ThemesComponent(nlp, load_lexicon(knowledge_dir), min_hits=min_hits)


class ThemesComponent:
    """``min_hits``: matches a theme needs in a document; ``knowledge_dir``: folder with an extra themes.tsv."""

    def __init__(self, nlp: Language, entries: list[ThemeEntry], *, min_hits: int = 2) -> None:
        if min_hits < 1:
            raise SettingsError("themes: min_hits must be at least 1")
        self.min_hits = min_hits
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        lower: dict[str, list[Doc]] = {}
        lemma: dict[str, list[Doc]] = {}
        for e in entries:
            words = [t.text for t in nlp.make_doc(e.phrase)]
            if e.match == "lower":
                lower.setdefault(e.theme, []).append(Doc(nlp.vocab, words=words))
            else:
                lemma.setdefault(e.theme, []).append(Doc(nlp.vocab, words=words, lemmas=words))
        for theme, docs in lower.items():
            self.lower.add(theme, docs)
        for theme, docs in lemma.items():
            self.lemma.add(theme, docs)
        self.themes = sorted(set(lower) | set(lemma))

    def __call__(self, doc: Doc) -> Doc:
        spans: dict[str, set[tuple[int, int]]] = {}
        matches = list(self.lower(doc))
        if doc.has_annotation("LEMMA"):
            matches += self.lemma(doc)
        strings = doc.vocab.strings
        for match_id, start, end in matches:
            spans.setdefault(strings[match_id], set()).add((start, end))
        mentions: dict[str, list[tuple[int, int]]] = {}
        for theme, found in spans.items():
            kept = _longest_non_overlapping(found)
            if len(kept) >= self.min_hits:
                mentions[theme] = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in kept]
        themes = get_list(doc, "ng_themes")
        themes[:] = sorted(mentions)
        doc._.ng_theme_mentions = mentions
        return doc


def _longest_non_overlapping(spans: set[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for s, e in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
        if all(e <= ks or s >= ke for ks, ke in kept):
            kept.append((s, e))
    return sorted(kept)
