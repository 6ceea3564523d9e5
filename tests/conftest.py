"""Shared fixtures: stores loaded with the bundled sample (or any articles), and golden files.

``pytest --update-goldens`` rewrites golden files from the current answers; without it a
missing or different golden is a failure. Check every rewritten golden by hand against the
article before committing it.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.ingest import ingest
from kg.loaders import Reference, load_reference
from kg.resources import sample_dir
from kg.store import Store, open_store

# Tests run in parallel processes with pytest-xdist (README's command: ``-n auto``), in groups:
# the tests of a group run one after the other on one worker, never at the same time as each
# other. A test file is a group, except that the tests on a SPARQL server (which .ci/run starts
# once for all workers, and whose graphs the tests clear and load) are the group of that server
# (servers that one test uses together share a group), and every test on the 1,000-article
# corpus (built once per worker that needs it) is in one group. Those are the scale and soak
# tests: marked slow, they run with ``-m slow`` (README's command leaves them out; .ci/run runs
# them after it).
#
# The groups reach the scheduler through a file per worker, not through xdist's own
# ``xdist_group`` marks: xdist passes those by appending ``@group`` to each test's id, which
# pytest 9.2 no longer sees (its ids are kept elsewhere: pytest-xdist issue 1386), so the marks
# were silently dropped and two tests on one server could run at once.
SERVER_FIXTURES = {"oxigraph", "virtuoso", "virtuoso_capped"}
CORPUS_FIXTURES = {"corpus", "full_store", "full_quads"}
GROUPS_DIR = "TRADEKG_TEST_GROUPS_DIR"  # set by the controlling process for its workers


def servers_of(item: pytest.Item) -> set[str]:
    """The SPARQL servers a test uses."""
    names = set(getattr(item, "fixturenames", ()))
    params = getattr(getattr(item, "callspec", None), "params", {})
    # a server may also be asked for by name (request.getfixturevalue), as a parameter
    return SERVER_FIXTURES & (names | {str(v) for v in params.values()})


def groups_of(items: list[pytest.Item]) -> dict[str, str]:
    """The group of each test (by node id): ``servers:NAME[+NAME]``, ``corpus`` or its file."""
    together = {name: {name} for name in SERVER_FIXTURES}  # servers used by one test, joined
    for item in items:
        used = servers_of(item)
        if used:
            joined = set().union(*(together[name] for name in used))
            for name in joined:
                together[name] = joined
    groups = {}
    for item in items:
        used = servers_of(item)
        if used:
            groups[item.nodeid] = "servers:" + "+".join(sorted(together[min(used)]))
        elif CORPUS_FIXTURES & set(getattr(item, "fixturenames", ())):
            groups[item.nodeid] = "corpus"
        else:
            groups[item.nodeid] = item.nodeid.split("::")[0]
    return groups


@pytest.hookimpl(tryfirst=True)  # before -m deselects by the slow mark
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    groups = groups_of(items)
    for item in items:
        if groups[item.nodeid] == "corpus":
            item.add_marker(pytest.mark.slow)
    worker = getattr(config, "workerinput", {}).get("workerid")
    if worker and os.environ.get(GROUPS_DIR):
        target = Path(os.environ[GROUPS_DIR]) / f"{worker}.json"
        target.write_text(json.dumps(groups), encoding="utf-8")


def pytest_configure(config: pytest.Config) -> None:
    # the controlling process of a parallel run: a new directory for its workers' groups
    if hasattr(config, "workerinput") or not config.pluginmanager.hasplugin("xdist"):
        return
    if config.getoption("dist") != "no" and config.getoption("tx"):
        before = os.environ.get(GROUPS_DIR)
        os.environ[GROUPS_DIR] = tempfile.mkdtemp(prefix="tradekg-test-groups-")

        def forget() -> None:
            shutil.rmtree(os.environ.pop(GROUPS_DIR), ignore_errors=True)
            if before is not None:
                os.environ[GROUPS_DIR] = before

        config.add_cleanup(forget)


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Schedule ``-n`` runs (``--dist load`` or ``loadgroup``) by the groups above: a group is
    one unit of work, given whole to one worker. The largest groups go first."""
    if config.getoption("dist") not in ("load", "loadgroup"):
        return None
    from xdist.scheduler import LoadScopeScheduling

    where = Path(os.environ[GROUPS_DIR])

    class GroupScheduling(LoadScopeScheduling):  # type: ignore[misc]
        groups: dict[str, str]

        def _split_scope(self, nodeid: str) -> str:
            # called once every worker has collected, so has written its groups
            if nodeid not in getattr(self, "groups", {}):
                self.groups = {}
                for path in sorted(where.glob("*.json")):
                    self.groups.update(json.loads(path.read_text(encoding="utf-8")))
            if nodeid not in self.groups:  # never run it as a group of its own by mistake
                raise RuntimeError(f"no test group for {nodeid} in {where}")
            return self.groups[nodeid]

    return GroupScheduling(config, log)


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


@pytest.fixture(scope="session")
def sample_cli_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed store directory with the sample loaded through the command line, once per
    process: tests copy it (``sample_store_copy``) instead of loading the sample again."""
    from support import ingest_sample

    return ingest_sample(tmp_path_factory.mktemp("sample-cli") / "store")


@pytest.fixture
def sample_store_copy(tmp_path: Path, sample_cli_template: Path) -> Path:
    """``tmp_path / "store"``: this test's own store directory holding the sample, as the
    command line's ``ingest`` of the sample leaves it (a copy of ``sample_cli_template``)."""
    return Path(shutil.copytree(sample_cli_template, tmp_path / "store"))
