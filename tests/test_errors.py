"""The exception tree of kg.errors, pinned: each class's base and exit code, and every class
tradekg raises on purpose lives there (code branches on these types, never on messages)."""

from __future__ import annotations

import ast
from pathlib import Path

import kg
from kg import errors

TREE = {
    # class: (its base, exit code)
    "KgError": ("Exception", 1),
    "InputError": ("KgError", 1),
    "FileMissing": ("InputError", 1),
    "ValidationFailed": ("KgError", 1),
    "UsageError": ("KgError", 2),
    "QuerySyntaxError": ("UsageError", 2),
    "Refused": ("UsageError", 2),
    "StaleCursor": ("UsageError", 2),
    "NetworkRefused": ("UsageError", 2),
    "StoreError": ("KgError", 3),
    "StoreInUse": ("StoreError", 3),
    "TimedOut": ("StoreError", 3),
    "QueryTimeout": ("TimedOut", 3),
    "Busy": ("StoreError", 3),
    "WorkerDied": ("StoreError", 3),
}


def test_the_tree() -> None:
    found = {
        name: (cls.__bases__[0].__name__, cls.exit_code)
        for name, cls in vars(errors).items()
        if isinstance(cls, type) and issubclass(cls, errors.KgError)
    }
    assert found == TREE
    assert {name for name in TREE} <= set(errors.__all__)
    assert all(len(getattr(errors, name).__bases__) == 1 for name in TREE)


def test_the_docstring_draws_every_class() -> None:
    drawn = errors.__doc__ or ""
    for name in TREE:
        assert f" {name} " in drawn or f"── {name}" in drawn, name


def test_no_exception_class_outside_kg_errors() -> None:
    """An exception class of tradekg's own is defined in kg/errors.py and nowhere else."""
    package = Path(kg.__file__).parent
    elsewhere = []
    for path in sorted(package.rglob("*.py")):
        if path == package / "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(b, ast.Name) and (b.id.endswith(("Error", "Exception")) or b.id in TREE)
                for b in node.bases
            ):
                elsewhere.append(f"{path.relative_to(package)}: {node.name}")
    assert elsewhere == []


def test_no_branch_on_message_text() -> None:
    """Code branches on the error's type: no comparison or search on ``e.message``."""
    package = Path(kg.__file__).parent
    found = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            tests = []
            if isinstance(node, ast.Compare):
                tests = [node.left, *node.comparators]
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("startswith", "endswith", "find", "index")
            ):
                tests = [node.func.value]
            for part in tests:
                if isinstance(part, ast.Attribute) and part.attr == "message":
                    found.append(f"{path.relative_to(package)}:{node.lineno}")
    assert found == []
