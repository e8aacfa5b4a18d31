"""The themes component: editable keyword lexicon, PhraseMatcher on LOWER and LEMMA."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import SettingsError
from newsgraph.nlp.annotations import register_extensions
from newsgraph.nlp.themes import ThemeEntry, ThemesComponent, load_lexicon, read_lexicon

REQUIRED = {
    "ARMED_CONFLICT", "PRISONERS_OF_WAR", "DIPLOMACY", "MIGRATION", "ELECTIONS", "ECONOMY", "HEALTH", "CRIME",
    "TERRORISM", "HUMAN_RIGHTS", "PROTEST", "NATURAL_DISASTER", "CLIMATE", "ENERGY", "MEDIA_FREEDOM", "CORRUPTION",
    "SANCTIONS", "NUCLEAR", "MERCENARIES", "CYBER",
}


def _entries(*rows: tuple[str, str, str]) -> list[ThemeEntry]:
    return [ThemeEntry(t, m, p, "test") for t, m, p in rows]


def test_themes_bundled_lexicon_covers_required_themes():  # type: ignore[no-untyped-def]
    entries = read_lexicon()
    assert {e.theme for e in entries} >= REQUIRED
    assert all(e.match in ("lower", "lemma") for e in entries)


def test_themes_bad_line_names_the_line(tmp_path: Path):  # type: ignore[no-untyped-def]
    bad = tmp_path / "themes.tsv"
    bad.write_text("# comment\nWAR\twar\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"themes\.tsv:2"):
        read_lexicon(bad)


def test_themes_knowledge_dir_adds_entries(tmp_path: Path):  # type: ignore[no-untyped-def]
    (tmp_path / "themes.tsv").write_text("SPACE\tlower\tspace station\n", encoding="utf-8")
    themes = {e.theme for e in load_lexicon(str(tmp_path))}
    assert "SPACE" in themes and "DIPLOMACY" in themes


def test_themes_lower_and_lemma_matching(blank_nlp, hand_doc):  # type: ignore[no-untyped-def]
    register_extensions()
    component = ThemesComponent(
        blank_nlp,
        _entries(("PRISONERS_OF_WAR", "lemma", "prisoner of war"), ("PRISONERS_OF_WAR", "lower", "pows"),
                 ("DIPLOMACY", "lower", "peace talks")),
        min_hits=2,
    )
    words = ["prisoners", "of", "war", "and", "POWs", "at", "peace", "talks"]
    doc = hand_doc(words, lemmas=["prisoner", "of", "war", "and", "pow", "at", "peace", "talk"])
    component(doc)
    assert doc._.ng_themes == ["PRISONERS_OF_WAR"]  # DIPLOMACY has one hit only
    assert [doc.text[s:e] for s, e in doc._.ng_theme_mentions["PRISONERS_OF_WAR"]] == ["prisoners of war", "POWs"]


def test_themes_min_hits_one_and_overlaps_count_once(blank_nlp, hand_doc):  # type: ignore[no-untyped-def]
    register_extensions()
    component = ThemesComponent(
        blank_nlp, _entries(("WAR", "lower", "war"), ("WAR", "lower", "war crimes")), min_hits=2
    )
    doc = component(hand_doc(["war", "crimes"]))
    assert doc._.ng_themes == []
    component = ThemesComponent(blank_nlp, _entries(("WAR", "lower", "war")), min_hits=1)
    assert component(hand_doc(["war"]))._.ng_themes == ["WAR"]


def test_themes_lemma_entries_skipped_without_lemmas(blank_nlp, hand_doc):  # type: ignore[no-untyped-def]
    register_extensions()
    component = ThemesComponent(blank_nlp, _entries(("WAR", "lemma", "war")), min_hits=1)
    assert component(hand_doc(["war"]))._.ng_themes == []


@pytest.mark.model
def test_themes_seed_article(nlp, seed_text):  # type: ignore[no-untyped-def]
    themes = nlp(seed_text)._.ng_themes
    assert {"ARMED_CONFLICT", "PRISONERS_OF_WAR", "DIPLOMACY"} <= set(themes)
    assert themes == sorted(themes)


@pytest.mark.model
def test_themes_real_sentences(nlp):  # type: ignore[no-untyped-def]
    doc = nlp("Thousands of refugees crossed the border as migrants sought asylum. Protesters held a rally.")
    assert "MIGRATION" in doc._.ng_themes
    assert "ELECTIONS" not in doc._.ng_themes
