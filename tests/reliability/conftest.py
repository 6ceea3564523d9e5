"""Fixtures of the runtime reliability tests: the command in its own process, a listener that
stands in for the internet, and a synthetic 1,000-article corpus with the store an
uninterrupted ingest makes of it."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.store import open_store

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = 1000
BATCH = 50


def tradekg(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m kg ARGS`` in its own process, as a user runs it."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TRADEKG_")}
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        capture_output=True,
        text=True,
        env={**clean, **(env or {})},
        timeout=timeout,
        input=input,
        check=False,
    )


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", *args]


def start_ingest(
    store: Path, corpus: Path, *, batch: int = BATCH, workers: int = 2
) -> subprocess.Popen[str]:
    """``tradekg --verbose ingest`` of ``corpus`` in its own session (so that a test can kill
    it with its worker processes), its progress lines readable from ``stderr``."""
    process = subprocess.Popen(
        command(
            "--verbose",
            "--store",
            str(store),
            "ingest",
            "-q",
            "--batch",
            str(batch),
            "--workers",
            str(workers),
            str(corpus),
        ),
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    assert process.stderr is not None
    return process


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections it accepts."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.connections = 0
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    it = Listener()
    yield it
    it.close()


def nquads(store_dir: Path) -> dict[str, set[str]]:
    """The quads of an embedded store by graph IRI (N-Quads lines without the graph)."""
    store = open_store(store_dir, create=False)
    try:
        out = io.BytesIO()
        store.dump(out, "nquads")
    finally:
        store.close()
    graphs: dict[str, set[str]] = {}
    for line in out.getvalue().decode().splitlines():
        head, _, graph = line.removesuffix(" .").rpartition(" ")
        graphs.setdefault(graph, set()).add(head)
    return graphs


ONTOLOGY = "<https://w3id.org/tradekg/ontology>"


def comparable(graphs: dict[str, set[str]]) -> dict[str, set[str] | int]:
    """Graphs to compare across runs: the ontology graph by size (its blank nodes are
    labelled anew on each run), every other graph by its quads."""
    return {g: (len(q) if g == ONTOLOGY else q) for g, q in graphs.items()}


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """benchmarks/synth.py's first 1,000 articles."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import synth
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    where = tmp_path_factory.mktemp("corpus")
    synth.write_corpus(where, ARTICLES, 0, own_threads=False)  # no --reference needed
    return where


@pytest.fixture(scope="session")
def full_store(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    """The store an uninterrupted ingest of the corpus makes (closed; read it, do not write)."""
    where = tmp_path_factory.mktemp("full") / "store"
    done = tradekg("--store", str(where), "ingest", "-q", "--batch", str(BATCH), str(corpus))
    assert done.returncode == 0, done.stderr
    return where


@pytest.fixture(scope="session")
def full_quads(full_store: Path) -> dict[str, set[str]]:
    return nquads(full_store)
