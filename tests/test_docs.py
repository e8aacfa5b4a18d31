"""Docs that cannot drift: every CLI command and every setting is in the README; the schema command works."""

from __future__ import annotations

import json
import re
from pathlib import Path

import typer.main
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.records import json_schema
from newsgraph.settings import SETTINGS_SPEC

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    names = []
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        sub = getattr(cmd, "commands", None)
        names += [f"{name} {s}" for s in sub] if sub else [name]
    return names


def test_docs_every_cli_command_in_readme() -> None:
    missing = [c for c in _commands() if not re.search(rf"newsgraph {re.escape(c)}\b", README)]
    assert not missing, f"README lacks: {missing}"


def test_docs_every_setting_in_readme() -> None:
    missing = [name for name, _, _ in SETTINGS_SPEC if f"`{name}`" not in README]
    assert not missing, f"README settings table lacks: {missing}"


def test_docs_readme_opens_with_the_two_commands() -> None:
    head = "\n".join(README.splitlines()[:8])
    assert "make demo" in head and "make test" in head


def test_docs_schema_command_prints_the_record_schema() -> None:
    out = CliRunner().invoke(app, ["schema"])
    assert out.exit_code == 0
    schema = json.loads(out.stdout)
    assert schema == json_schema()
    for key in ("id", "text", "entities", "quotes", "events", "places", "dates", "amounts", "tone", "themes"):
        assert key in schema["properties"]
