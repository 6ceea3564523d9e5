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

# Tests run in parallel processes with pytest-xdist (``-n auto``), distributed by group
# (``--dist loadgroup``, which ``-n`` alone chooses here): a test file is a group, except that
# every test on the SPARQL servers (which .ci/run starts once for all workers, and whose graphs
# the tests clear and load) is in one group, and so is every test on the 1,000-article corpus
# (built once per worker that needs it). Those are the scale and soak tests: marked slow, they
# run with ``-m slow`` (README's command leaves them out; .ci/run runs them after it).
SERVER_FIXTURES = {"oxigraph", "virtuoso", "virtuoso_capped"}
CORPUS_FIXTURES = {"corpus", "full_store", "full_quads"}


def pytest_configure(config: pytest.Config) -> None:
    if getattr(config.option, "dist", "no") == "load":
        config.option.dist = "loadgroup"


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        params = getattr(getattr(item, "callspec", None), "params", {})
        # a server may also be asked for by name (request.getfixturevalue), as a parameter
        if names & SERVER_FIXTURES or SERVER_FIXTURES & {str(v) for v in params.values()}:
            group = "servers"
        elif names & CORPUS_FIXTURES:
            group = "corpus"
            item.add_marker(pytest.mark.slow)
        else:
            group = item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))


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
