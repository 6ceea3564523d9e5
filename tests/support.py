"""Helpers shared by tests (importable: pytest puts tests/ on sys.path)."""

from __future__ import annotations

import http.server
import importlib.util
import io
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from click.testing import CliRunner

from kg.cli import cli
from kg.resources import sample_dir
from kg.store import open_store


class QuietHTTPServer(http.server.ThreadingHTTPServer):
    """The tests' scripted HTTP servers. A client that hangs up on them is what a test of
    timeouts does on purpose: socketserver would print the handler's BrokenPipeError to stderr
    when the handler wakes up, seconds later, into whatever test is capturing stderr then
    (a test comparing a command's stderr failed so, now and then, under pytest -n)."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def store_quads(store_dir: Path) -> set[str]:
    """Every quad of an embedded store, as N-Quads lines."""
    store = open_store(store_dir)
    try:
        out = io.BytesIO()
        store.dump(out, "nquads")
        return set(out.getvalue().decode().splitlines())
    finally:
        store.close()


def ingest_sample(store_dir: Path) -> Path:
    """``store_dir`` with the bundled sample loaded through the CLI."""
    result = CliRunner().invoke(cli, ["--store", str(store_dir), "ingest", str(sample_dir())])
    assert result.exit_code == 0, result.stderr
    return store_dir


def synth() -> ModuleType:
    """benchmarks/synth.py, the synthetic corpus's generator, as a module."""
    spec = importlib.util.spec_from_file_location(
        "synth", Path(__file__).resolve().parent.parent / "benchmarks" / "synth.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("synth", module)
    spec.loader.exec_module(module)
    return module
