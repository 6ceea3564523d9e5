"""A runaway ad-hoc query on the embedded store is stopped at the time limit (--timeout,
TRADEKG_QUERY_TIMEOUT, 60 s by default), and its work really stops: the worker process that
ran it is killed and its store snapshot removed. (tradekg serve's limit: test_serve.py.)"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import tradekg
from support import ingest_sample

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
MARGIN = 10.0  # process start, snapshot, worker start: far below what the runaway needs


def workers_of(where: Path) -> list[str]:
    """Command lines of running processes that name a path under ``where``."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if str(where) in cmdline and "worker.py" in cmdline:
            found.append(cmdline)
    return found


@pytest.mark.parametrize("how", ["option", "environment"])
def test_a_runaway_query_is_stopped(tmp_path: Path, how: str) -> None:
    store = ingest_sample(tmp_path / "store")
    args, env = (
        (["--timeout", "1.5"], None) if how == "option" else ([], {"TRADEKG_QUERY_TIMEOUT": "1.5"})
    )
    started = time.monotonic()
    done = tradekg("--store", str(store), "sparql", *args, RUNAWAY, env=env)
    took = time.monotonic() - started
    assert (done.returncode, done.stdout) == (3, "")
    assert done.stderr == (
        "Error: the query ran past the time limit of 1.5 s and was stopped "
        "(make it more selective, or add a LIMIT)\n"
    )
    assert took < 1.5 + MARGIN
    assert workers_of(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]  # no snapshot left


def test_the_default_limit_is_documented() -> None:
    done = tradekg("sparql", "--help")
    assert done.returncode == 0
    help_text = " ".join(done.stdout.split())
    assert "Stop the query after this many seconds (exit 3)." in help_text
    assert "[env var: TRADEKG_QUERY_TIMEOUT; default: 60.0; x>=0.001]" in help_text
