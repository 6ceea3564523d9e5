"""Helpers shared by tests (importable: pytest puts tests/ on sys.path)."""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli
from kg.resources import sample_dir
from kg.store import open_store


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
