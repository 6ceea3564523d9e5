"""Shared fixtures: stores loaded with the bundled sample (or any articles), and golden files.

``pytest --update-goldens`` rewrites golden files from the current answers; without it a
missing or different golden is a failure. Check every rewritten golden by hand against the
article before committing it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kg.ingest import ingest
from kg.loaders import Reference, load_reference
from kg.resources import sample_dir
from kg.store import Store, open_store


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite tests/golden/ from the current answers (check them by hand!)",
    )


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """True when pytest runs with --update-goldens."""
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def reference() -> Reference:
    """The bundled reference data."""
    return load_reference()


MakeStore = Callable[..., Store]


@pytest.fixture(scope="session")
def make_store(
    tmp_path_factory: pytest.TempPathFactory, reference: Reference
) -> Iterator[MakeStore]:
    """A factory: ``make_store(path, ...)`` ingests facts files or directories into a new store
    in a temporary directory and returns it open; every article must load. The stores are
    closed at the end of the session."""
    opened: list[Store] = []

    def make(*paths: Path, name: str = "store") -> Store:
        store = open_store(tmp_path_factory.mktemp(name))
        opened.append(store)
        outcome = ingest(store, list(paths), reference)
        assert outcome.ok, [str(f) for v in outcome.rejected for f in v.findings]
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture(scope="session")
def sample_store(make_store: MakeStore) -> Store:
    """An open store holding the bundled sample article (read-only: do not write to it)."""
    return make_store(sample_dir(), name="sample")


@pytest.fixture(scope="session")
def sample_store_dir(tmp_path_factory: pytest.TempPathFactory, reference: Reference) -> Path:
    """The directory of a closed store holding the sample, for tests that open it themselves
    (the command line). One process can hold a store open at a time, so it is its own copy."""
    path = tmp_path_factory.mktemp("sample-closed")
    store = open_store(path)
    try:
        outcome = ingest(store, [sample_dir()], reference)
        assert outcome.ok
    finally:
        store.close()
    return path
