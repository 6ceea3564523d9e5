"""A SIGKILLed command leaves no worker process behind: ingest's validators and the query
worker of a time-limited query end with it within seconds (they used to run on as orphans,
waiting for work that never came or finishing a query nobody would read), and the store is
as it was.

Only the command itself is killed here, never its process group: the workers must end on
their own. Each test kills whatever is left of its process group when it ends."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, command, comparable, nquads, start_ingest, tradekg
from support import ingest_sample

ARTICLES = 200
BATCH = 20
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
GRACE = 5.0  # seconds the workers get to end after their parent


def stat(pid: int) -> tuple[int, str, str, int] | None:
    """(parent pid, state, start time, CPU ticks used) of a process, None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()  # after "pid (command name) "
    return int(fields[1]), fields[0], fields[19], int(fields[11]) + int(fields[12])


def children(parent: int) -> dict[int, str]:
    """The processes whose parent is ``parent``: pid -> start time (pids are reused)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (it := stat(int(entry.name))) and it[0] == parent:
            found[int(entry.name)] = it[2]
    return found


def alive(processes: dict[int, str]) -> list[int]:
    """Which of ``processes`` still run (a zombie has ended: it only waits to be reaped)."""
    return [
        pid
        for pid, started in processes.items()
        if (it := stat(pid)) is not None and it[2] == started and it[1] != "Z"
    ]


def left_alive_after(process: subprocess.Popen[str], workers: dict[int, str]) -> list[int]:
    """SIGKILL ``process`` alone; the workers still running ``GRACE`` seconds later."""
    os.kill(process.pid, signal.SIGKILL)
    process.wait(60)
    assert process.returncode == -signal.SIGKILL
    deadline = time.monotonic() + GRACE
    while alive(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive(workers)


@pytest.fixture
def session_reaper() -> Iterator[list[int]]:
    """Pids of started commands, each its own session: what is left of them is killed."""
    started: list[int] = []
    yield started
    for pid in started:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """benchmarks/synth.py's first 200 articles, and the store an uninterrupted ingest makes."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import synth
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    where = tmp_path_factory.mktemp("orphans")
    synth.write_corpus(where / "corpus", ARTICLES, 0, own_threads=False)  # no --reference
    done = tradekg(
        "--store",
        str(where / "store"),
        "ingest",
        "-q",
        "--batch",
        str(BATCH),
        str(where / "corpus"),
    )
    assert done.returncode == 0, done.stderr
    return where / "corpus", where / "store"


@pytest.mark.slow
def test_a_killed_ingest_leaves_no_worker(
    tmp_path: Path, small_store: tuple[Path, Path], session_reaper: list[int]
) -> None:
    corpus, full = small_store
    store = tmp_path / "store"
    shutil.copytree(full, store)
    before = comparable(nquads(store))
    # the same articles again: whatever batches are written before the kill, the store's
    # quads stay the same, so "as before" is exact
    process = start_ingest(store, corpus, batch=BATCH)
    session_reaper.append(process.pid)
    assert process.stderr is not None
    lines = []
    for line in process.stderr:  # mid-run: a batch is written, the workers check the next
        lines.append(line)
        if "wrote batch 2:" in line:
            break
    workers = children(process.pid)
    assert len(workers) == 2, "".join(lines)
    assert left_alive_after(process, workers) == []
    assert comparable(nquads(store)) == before


def test_a_killed_query_leaves_no_worker(tmp_path: Path, session_reaper: list[int]) -> None:
    store = ingest_sample(tmp_path / "store")
    before = comparable(nquads(store))
    process = subprocess.Popen(
        command("--store", str(store), "sparql", "--timeout", "600", RUNAWAY),
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    session_reaper.append(process.pid)
    deadline = time.monotonic() + 60
    workers: dict[int, str] = {}
    while not workers and time.monotonic() < deadline:  # the worker that runs the query
        time.sleep(0.1)
        workers = children(process.pid)
    assert len(workers) == 1
    (worker,) = workers
    ticks = os.sysconf("SC_CLK_TCK")
    while (it := stat(worker)) and it[3] < 2 * ticks and time.monotonic() < deadline:
        time.sleep(0.1)  # 2 s of CPU: far past its start, so it is in the runaway query
    assert it and it[3] >= 2 * ticks
    assert left_alive_after(process, workers) == []
    assert comparable(nquads(store)) == before
