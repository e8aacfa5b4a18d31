"""One loader for the editable word lists and tables in ``newsgraph/knowledge/`` (and a user's ``knowledge_dir``).

Every component reads its knowledge through :func:`load_table`: tab-separated rows, ``#`` comment lines and
blank lines skipped, cells stripped, the bundled file (found with ``importlib.resources``, so it works from a
wheel or a zip) first and then ``<knowledge_dir>/<name>`` if the user has one (later rows extend or override).
One error policy: a row with fewer cells than the table's required columns, or one a component rejects with
:meth:`Row.error`, raises :class:`~newsgraph.errors.KnowledgeError` naming the file and the line.

Adopting it in a component::

    for row in load_table("cues.tsv", ("lemma", "class", "content", "pos"), knowledge_dir, required=1):
        lemma, cls, slot, pos = row.cells          # padded with "" to len(columns)
        if cls not in CLASSES:
            raise row.error(f"unknown class {cls!r}")
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from newsgraph.errors import KnowledgeError

LOGGER = logging.getLogger(__name__)

PACKAGE = "newsgraph"


@dataclass(frozen=True, slots=True)
class Row:
    """One data row of a knowledge table: its cells (stripped, padded to the table's columns) and where it is."""

    cells: tuple[str, ...]
    file: str
    line: int
    extra: tuple[str, ...] = ()  # cells beyond the declared columns (trailing comments, for instance)
    width: int = 0  # how many tab-separated cells the line had

    @property
    def raw(self) -> str:
        """The row's cells joined again by tabs (for messages)."""
        return "\t".join(self.cells[: self.width] + self.extra)

    @property
    def origin(self) -> str:
        """``file:line``, for rules and messages."""
        return f"{self.file}:{self.line}"

    def error(self, message: str) -> KnowledgeError:
        """A :class:`KnowledgeError` for this row, naming its file and line (raise it)."""
        return KnowledgeError(f"{self.file}:{self.line}: {message}")


def bundled_dir() -> Path:
    """The bundled knowledge folder as a path (for listing files; read them with :func:`load_table`)."""
    return Path(str(resources.files(PACKAGE).joinpath("knowledge")))


def bundled_text(name: str) -> str:
    """The text of the bundled knowledge file ``name`` (a path relative to ``newsgraph/knowledge``)."""
    node = resources.files(PACKAGE).joinpath("knowledge", *name.split("/"))
    try:
        return node.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise KnowledgeError(f"{PACKAGE}/knowledge/{name}: bundled knowledge file is missing") from exc


def knowledge_texts(name: str, knowledge_dir: str | Path | None = None, *, bundled: bool = True) -> list[
    tuple[str, str]
]:
    """(label, text) of the bundled file (if ``bundled``) and then ``<knowledge_dir>/<name>`` if it exists."""
    out: list[tuple[str, str]] = []
    if bundled:
        out.append((f"{PACKAGE}/knowledge/{name}", bundled_text(name)))
    if knowledge_dir:
        extra = Path(knowledge_dir) / name
        if extra.is_file():
            try:
                out.append((str(extra), extra.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError) as exc:
                raise KnowledgeError(f"{extra}: cannot read knowledge file: {exc}") from exc
            LOGGER.debug("knowledge: %s extends the bundled %s", extra, name)
    return out


def parse_table(text: str, label: str, columns: Sequence[str], required: int = 1) -> list[Row]:
    """The rows of one table's text; ``required`` leading columns must be non-empty."""
    width = len(columns)
    rows: list[Row] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < required or not all(cells[:required]):
            want = "<TAB>".join(columns[:required])
            raise KnowledgeError(f"{label}:{n}: expected at least {required} non-empty tab-separated "
                                 f"column(s) '{want}', got {line!r}")
        head = cells[:width] + [""] * (width - len(cells))
        rows.append(Row(tuple(head), label, n, tuple(cells[width:]), len(cells)))
    return rows


def load_table(
    name: str,
    columns: Sequence[str],
    knowledge_dir: str | Path | None = None,
    *,
    required: int = 1,
    bundled: bool = True,
) -> list[Row]:
    """The rows of knowledge table ``name``: the bundled file's, then the user's ``<knowledge_dir>/<name>``.

    ``columns`` names the cells (each row is padded with "" to that many); the first ``required`` must be
    non-empty. ``bundled=False`` reads only the user's file (for optional tables). Raises KnowledgeError naming
    the file and line of a malformed row.
    """
    rows: list[Row] = []
    for label, text in knowledge_texts(name, knowledge_dir, bundled=bundled):
        rows.extend(parse_table(text, label, columns, required))
    return rows


def load_kinds(
    name: str, kinds: Sequence[str], knowledge_dir: str | Path | None = None
) -> dict[str, dict[str, str]]:
    """A 'kind<TAB>word<TAB>value' table as kind -> {word (lower case): value}; an unknown kind is an error."""
    out: dict[str, dict[str, str]] = {k: {} for k in kinds}
    for row in load_table(name, ("kind", "word", "value"), knowledge_dir, required=2):
        kind, word, value = row.cells
        if kind not in out:
            raise row.error(f"unknown kind {kind!r}; known: {', '.join(kinds)}")
        out[kind][word.lower()] = value
    return out


@lru_cache(maxsize=64)
def _words(name: str, column: str, value: str) -> frozenset[str]:
    rows = load_table(name, ("word", column), required=1)
    return frozenset(r.cells[0].lower() for r in rows if value in r.cells[1].split("|"))


def word_set(name: str, column: str, value: str) -> frozenset[str]:
    """Lower-cased first cells of the bundled table ``name`` whose second cell (``column``, a '|' list) holds
    ``value``: one file of words shared by several components, each reading the words tagged for it."""
    return _words(name, column, value)
