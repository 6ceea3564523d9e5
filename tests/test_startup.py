"""A quick start: each command imports only what it needs (issue 12, item 6).

What is imported is checked here, in fresh processes; how long it takes is measured by
``benchmarks/startup.py``, not by a timed test.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

import kg.cli
from kg.cli import COMMANDS, cli

# modules a command that does not load, check, draft or serve has no use for
HEAVY = (
    "kg.serve",
    "kg.extract",
    "kg.ingest",
    "kg.validate",
    "kg.loaders",
    "kg.export",
    "kg.rdf",
    "kg.model",
    "pyshacl",
    "rdflib.plugins.sparql",
    "requests",
    "SPARQLWrapper",
)

# run the command line in this process's Python and print the modules it imported
PROBE = """
import json, sys
from kg.cli import main
sys.argv = ["tradekg", *sys.argv[1:]]
try:
    main()
except SystemExit as e:
    code = e.code
else:
    code = 0
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def imported_by(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=False
    )
    report = json.loads(done.stderr.splitlines()[-1])
    assert report["code"] in (0, None), done.stderr
    return set(report["modules"])


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY))


def test_help_imports_no_command_and_no_rdflib() -> None:
    modules = imported_by("--help")
    assert heavy(modules) == []
    assert sorted(m for m in modules if m.startswith(("kg.cli.", "rdflib", "pyoxigraph"))) == []


def test_queries_imports_nothing_heavy() -> None:
    assert heavy(imported_by("queries")) == []


def test_query_on_the_embedded_store_imports_nothing_heavy(sample_store_dir: Path) -> None:
    modules = imported_by("--store", str(sample_store_dir), "query", "proposals")
    assert heavy(modules) == []
    assert sorted(m for m in modules if m.startswith("kg.cli.")) == ["kg.cli.ask"]


def test_commands_name_the_module_that_defines_each_command() -> None:
    for info in pkgutil.iter_modules(kg.cli.__path__):
        importlib.import_module(f"kg.cli.{info.name}")
    assert sorted(cli.commands) == sorted(COMMANDS)
    defined = {name: cmd.callback.__module__ for name, cmd in cli.commands.items() if cmd.callback}
    assert defined == {name: module for name, (module, _) in COMMANDS.items()}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_summary_is_the_first_paragraph_of_the_command_help(name: str) -> None:
    command = cli.commands[name]
    assert command.help is not None
    summary = click.Command(name, help=COMMANDS[name][1])
    assert summary.get_short_help_str(500) == command.get_short_help_str(500)
    assert not command.hidden


@pytest.mark.parametrize("columns", ["60", "80", "200"])
def test_help_lists_the_same_commands_before_and_after_they_are_imported(columns: str) -> None:
    def help_text(*first: str) -> str:
        imports = "".join(f"import {module}; " for module in first)
        return subprocess.run(
            [sys.executable, "-c", f"{imports}from kg.cli import main; main()", "--help"],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "COLUMNS": columns},
        ).stdout

    fresh = help_text()
    assert fresh == help_text(*sorted({module for module, _ in COMMANDS.values()}))
    if columns == "80":
        assert "  query     Run a saved query; without NAME, list the catalogue.\n" in fresh


def test_an_unknown_command_suggests_one_not_yet_imported() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kg", "qurey"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert done.stderr.endswith("Error: No such command 'qurey'. Did you mean 'query'?\n")
