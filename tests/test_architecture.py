"""docs/ARCHITECTURE.md stays true: the paths it names exist, every module is in a layer, and no module imports
from a higher layer or takes part in an import circle (module or package). Imports are read with ``ast``, those
inside functions and under ``TYPE_CHECKING`` included."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "newsgraph"
DOC = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")

#: layer of each top-level module or package of newsgraph, lowest first (the table in docs/ARCHITECTURE.md)
LAYERS: dict[str, int] = {
    **dict.fromkeys(["newsgraph", "errors", "records", "settings", "ids", "gazetteer", "dedup"], 0),
    "ingest": 1,
    **dict.fromkeys(["nlp", "claims"], 2),
    "store": 3,
    **dict.fromkeys(["batch", "intake", "runner", "distributed", "eval", "watch", "notify"], 4),
    **dict.fromkeys(["api", "web"], 5),
    **dict.fromkeys(["cli", "__main__"], 6),
}
LAYER_NAMES = ["base", "ingest", "nlp", "store", "batch/runner", "api/web", "cli"]


def _modules() -> dict[str, Path]:
    out = {}
    for path in PKG.rglob("*.py"):
        parts = path.relative_to(PKG.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _target(name: str, modules: dict[str, Path]) -> str:
    while name not in modules:
        name = name.rsplit(".", 1)[0]
    return name


def _imports() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for mod, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                # "from newsgraph.eval import dates" imports the module newsgraph.eval.dates
                names = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in modules else node.module
                         for a in node.names]
            else:
                assert not (isinstance(node, ast.ImportFrom) and node.level), f"{mod}: relative import"
                continue
            graph[mod] |= {_target(n, modules) for n in names if n.split(".")[0] == "newsgraph"} - {mod}
    return graph


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "newsgraph"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while (w := stack.pop()) != v:
                comp.append(w)
            comp.append(v)
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_architecture_every_module_is_in_a_layer() -> None:
    missing = sorted({_top(m) for m in _modules()} - set(LAYERS))
    assert not missing, f"put these in a layer (LAYERS here and the table in docs/ARCHITECTURE.md): {missing}"


def test_architecture_no_import_from_a_higher_layer() -> None:
    wrong = [
        f"{m} ({LAYER_NAMES[LAYERS[_top(m)]]}) imports {t} ({LAYER_NAMES[LAYERS[_top(t)]]})"
        for m, targets in _imports().items() for t in sorted(targets)
        if LAYERS[_top(t)] > LAYERS[_top(m)]
    ]
    assert not wrong, "\n".join(wrong)


def test_architecture_no_import_circle() -> None:
    graph = _imports()
    assert not _cycles(graph), _cycles(graph)
    packages: dict[str, set[str]] = {_top(m): set() for m in graph}
    for m, targets in graph.items():
        packages[_top(m)] |= {_top(t) for t in targets} - {_top(m)}
    assert not _cycles(packages), _cycles(packages)


def test_architecture_doc_names_existing_paths_and_every_layer() -> None:
    named = set(re.findall(r"`([\w/.]+?(?:\.py|/))`", DOC))
    assert len(named) > 30
    missing = [p for p in sorted(named) if not (PKG / p).exists() and not (ROOT / p).exists()]
    assert not missing, f"docs/ARCHITECTURE.md names paths that do not exist: {missing}"
    for top in LAYERS:
        if top != "newsgraph":
            assert f"`{top}.py`" in DOC or f"`{top}/`" in DOC, f"docs/ARCHITECTURE.md does not place {top}"
    for name in LAYER_NAMES:
        assert f"| {name} |" in DOC, f"docs/ARCHITECTURE.md has no row for the {name} layer"


def test_architecture_checks_can_fail() -> None:
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
    assert _top("newsgraph.store.duck") == "store" and _top("newsgraph") == "newsgraph"
