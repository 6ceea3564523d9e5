"""Two processes at once on the embedded store: the second is told the store is in use
(exit 3), whatever it wants to do, and nothing is corrupted: the writer's articles are
whole when it stops (here: killed), and a reader sees them whole."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from conftest import BATCH, nquads, start_ingest, tradekg
from test_crash_kill import assert_only_whole_articles

from kg.resources import sample_dir


def test_a_second_process_waits_for_nothing_and_says_in_use(
    tmp_path: Path, corpus: Path, full_quads: dict[str, set[str]]
) -> None:
    store = tmp_path / "store"
    writer = start_ingest(store, corpus, workers=1)
    assert writer.stderr is not None
    try:
        for line in writer.stderr:
            if "wrote batch 1:" in line:
                break
        in_use = (
            f"Error: the store at {store} is in use by another process (wait for the "
            "other tradekg command to finish, or use another --store)\n"
        )
        for args in (
            ["ingest", str(sample_dir())],
            ["stats"],
            ["export"],
            ["query", "proposals"],
            ["sparql", "ASK {}"],
        ):
            done = tradekg("--store", str(store), *args)
            assert (done.returncode, done.stdout, done.stderr) == (3, "", in_use), args
    finally:
        os.killpg(writer.pid, signal.SIGKILL)
        writer.wait(60)
    assert assert_only_whole_articles(store, full_quads) >= BATCH
    # and a reader now sees each article whole
    done = tradekg("--store", str(store), "export", "--format", "nquads")
    assert done.returncode == 0
    graphs: dict[str, set[str]] = {}
    for line in done.stdout.splitlines():
        head, _, graph = line.removesuffix(" .").rpartition(" ")
        graphs.setdefault(graph, set()).add(head)
    assert graphs == nquads(store)
