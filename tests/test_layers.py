"""The layering of kg/: every import of a kg module points down the table below (or
within its own layer), and no two parts of kg/ import each other, directly or round a
loop. docs/architecture.md describes the same layers in words; this table is the one
that is checked.

A "part" is a top-level module (kg/rdf.py -> kg.rdf) or a top-level package with all its
modules (kg/store/... -> kg.store). Every import counts: at module level, inside a
function (a lazy import is still a dependency), under ``if TYPE_CHECKING:``, and a module
named in a string for ``importlib`` (any string constant that is exactly a kg module's name).
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

KG = Path(__file__).resolve().parent.parent / "kg"

# part -> layer; an import may go to a part of the same or a lower layer, never higher
LAYERS: dict[str, int] = {
    # 0 foundation: the error family and the closed namespaces
    "kg.errors": 0,
    "kg.terms": 0,
    # 1 registries and small tools every layer above may use
    "kg.resources": 1,
    "kg.files": 1,
    "kg.guard": 1,
    "kg.lifeline": 1,
    "kg.iris": 1,
    "kg.kinds": 1,
    "kg.syntaxes": 1,
    "kg.model": 1,
    "kg.sparql_terms": 1,
    "kg.oxterms": 1,
    # 2 the facts model as RDF, and the JSON-LD context
    "kg.rdf": 2,
    "kg.jsonld": 2,
    # 3 reading inputs and keeping the graph
    "kg.loaders": 3,
    "kg.store": 3,
    # 4 work on facts and on the store
    "kg.extract": 4,
    "kg.validate": 4,
    "kg.queries": 4,
    "kg.link": 4,
    "kg.void": 4,
    # 5 what the user asks for: ingest, export, views
    "kg.ingest": 5,
    "kg.export": 5,
    "kg.views": 5,
    # 6 the doors: Python (kg, kg.api), the command line, HTTP
    "kg": 6,
    "kg.api": 6,
    "kg.cli": 6,
    "kg.serve": 6,
    "kg.__main__": 6,
}

# (importing part, imported name) -> why it is allowed although it goes up
EXCEPTIONS: dict[tuple[str, str], str] = {
    ("kg.extract", "kg.__version__"): (
        "drafts record the tool's version; kg/__init__.py defines __version__ and imports "
        "nothing from kg when loaded (checked below), so this runs no front-door code"
    ),
}


def _module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(KG.parent).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    return ".".join(parts), is_package


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in sorted(KG.rglob("*.py")):
        name, is_package = _module_name(path)
        found[name] = (path, is_package)
    return found


def part(module: str) -> str:
    """kg.store.remote -> kg.store; kg.__version__ (a name in kg/__init__.py) -> kg"""
    parts = module.split(".")
    if len(parts) > 1 and parts[1].startswith("__") and parts[1] != "__main__":
        return "kg"
    return ".".join(parts[:2])


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                inside.update(id(n) for n in ast.walk(child))
    return inside


@functools.cache
def imports() -> tuple[tuple[str, str, str, int], ...]:
    """(importing module, imported kg module or name, how: top|lazy|typing|named, line)"""
    modules = _modules()
    found = []
    for name, (path, is_package) in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = _type_checking_nodes(tree)
        in_function = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                in_function.update(id(n) for n in ast.walk(node) if n is not node)
        logger_names = {
            id(node.args[0])
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "getLogger"
            and node.args
        }
        for node in ast.walk(tree):
            # a module imported by its name (kg/__init__.py's front-door names, the
            # command line's lazy commands): a string that is exactly a kg module's name
            # (not a logger's name, not the package itself)
            if (
                isinstance(node, ast.Constant)
                and node.value in modules
                and node.value not in ("kg", name)
                and id(node) not in logger_names
            ):
                found.append((name, node.value, "named", node.lineno))
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".") if is_package else name.split(".")[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                for alias in node.names:
                    full = f"{source}.{alias.name}"
                    # a submodule, or a dunder of the package itself; otherwise the module
                    targets.append(
                        full if full in modules or alias.name.startswith("__") else source
                    )
            for target in targets:
                if target == "kg" or target.startswith("kg."):
                    how = (
                        "typing"
                        if id(node) in typing_only
                        else "lazy"
                        if id(node) in in_function
                        else "top"
                    )
                    found.append((name, target, how, node.lineno))
    return tuple(found)


def _edges() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for importer, target, _how, _line in imports():
        if (part(importer), target) in EXCEPTIONS:
            continue
        a, b = part(importer), part(target)
        if a != b:
            graph.setdefault(a, set()).add(b)
    return graph


def test_every_part_of_kg_has_a_layer():
    parts = {part(name) for name in _modules()}
    assert sorted(parts - LAYERS.keys()) == [], (
        "place new modules in LAYERS (and docs/architecture.md)"
    )
    assert sorted(LAYERS.keys() - parts) == [], "LAYERS names a part kg/ no longer has"


def test_no_import_goes_up():
    upward = [
        f"{importer}:{line} imports {target} ({how}): "
        f"layer {LAYERS[part(importer)]} -> {LAYERS[part(target)]}"
        for importer, target, how, line in imports()
        if (part(importer), target) not in EXCEPTIONS
        and LAYERS[part(target)] > LAYERS[part(importer)]
    ]
    assert upward == []


def test_the_exceptions_are_still_needed_and_still_true():
    used = {(part(importer), target) for importer, target, _how, _line in imports()}
    assert sorted(EXCEPTIONS.keys() - used) == []
    # the version exception holds only while kg/__init__.py imports no kg module when loaded
    loaded_by_package = [t for i, t, how, _ in imports() if i == "kg" and how == "top"]
    assert loaded_by_package == []


def test_no_cycle_between_parts():
    graph = _edges()
    cycles = []
    state: dict[str, int] = {}  # 1 on the path, 2 done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(
                    " -> ".join(path[path.index(nxt) :] + [node, nxt])
                    if nxt in path
                    else f"{node} -> {nxt}"
                )
            elif nxt not in state:
                visit(nxt, path + [node])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [])
    assert cycles == []


def test_the_layers_see_real_imports():
    """The parser finds the kinds of import the checks rely on (so an empty list above
    means no violation, not a parser that found nothing)."""
    found = {(i, t, how) for i, t, how, _ in imports()}
    assert ("kg.rdf", "kg.terms", "top") in found
    assert ("kg.export", "kg.void", "lazy") in found  # inside a function
    assert ("kg", "kg.api", "typing") in found  # under TYPE_CHECKING
    assert ("kg.export", "kg.syntaxes", "top") in found  # from kg import syntaxes
    assert ("kg.store.remote", "kg.store.fixed", "top") in found  # from kg.store import fixed
    assert ("kg", "kg.api", "named") in found  # imported by name on first use
