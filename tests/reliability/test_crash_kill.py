"""SIGKILL during a 1,000-article ingest: the store opens again, holds only whole articles
(each article graph exactly the quads an uninterrupted run writes for it), and running the
ingest again converges to exactly the quads of an uninterrupted run.

The kill lands at points read from ``--verbose``'s progress lines on stderr: early (after the
first batch), in the middle, and while the store is being flushed. Each run starts from the
state the previous kill left."""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

import pytest
from conftest import BATCH, ONTOLOGY, comparable, nquads, start_ingest, tradekg

from kg.iris import COUNTS_GRAPH, SHARED_GRAPH
from kg.iris import TOTALS as TOTALS_NODE

KILL_POINTS = [
    "wrote batch 1:",  # early
    "wrote batch 10:",  # the middle (20 batches of 50)
    "flushing the store after batch 8",  # during a flush
]


def ingest_until(store: Path, corpus: Path, marker: str) -> list[str]:
    """Run the ingest and SIGKILL it (and its worker processes) when ``marker`` appears."""
    process = start_ingest(store, corpus)
    assert process.stderr is not None
    lines = []
    for line in process.stderr:
        lines.append(line)
        if marker in line:
            os.killpg(process.pid, signal.SIGKILL)
            break
    process.wait(60)
    assert process.returncode == -signal.SIGKILL, "".join(lines)
    return lines


def assert_only_whole_articles(store: Path, full: dict[str, set[str]]) -> int:
    graphs = nquads(store)
    articles = [
        g
        for g in graphs
        if g not in (ONTOLOGY, SHARED_NODES, TOTALS) and g.rpartition("/")[2] != "reference>"
    ]
    for g in articles:
        assert graphs[g] == full[g], f"{g} is not whole"
    # the store's totals, kept in each batch's transaction, are the sums of the graphs written
    if articles:
        assert counts(graphs, TOTALS, f"<{TOTALS_NODE}>") == sum_counts(graphs)
    # the shared nodes the written articles point at are described, as in the full store
    described = graphs.get(SHARED_NODES, set())
    pointed = {q.rsplit(" ", 1)[1] for g in articles for q in graphs[g]}
    wanted = {q for q in full.get(SHARED_NODES, set()) if q.split(" ", 1)[0] in pointed}
    assert wanted <= described <= full.get(SHARED_NODES, set())
    if articles:  # the ontology and reference graphs come with the first article, whole
        shared = {
            g: q
            for g, q in comparable(graphs).items()
            if g not in (*articles, SHARED_NODES, TOTALS)
        }
        assert shared == {g: q for g, q in comparable(full).items() if g in shared}
        assert len(shared) == 2
    return len(articles)


SHARED_NODES = f"<{SHARED_GRAPH}>"
TOTALS = f"<{COUNTS_GRAPH}>"
_COUNT = re.compile(r'^(<[^>]+>) <https://w3id\.org/tradekg/ontology#(\w+Count)> "(\d+)"')


def counts(graphs: dict[str, set[str]], graph: str, subject: str) -> dict[str, int]:
    """The counts ``subject`` states in ``graph`` (N-Quads lines)."""
    found = {}
    for line in graphs.get(graph, set()):
        match = _COUNT.match(line)
        if match and match[1] == subject:
            found[match[2]] = int(match[3])
    return found


def sum_counts(graphs: dict[str, set[str]]) -> dict[str, int]:
    """The sums of the counts each graph states of itself, and how many graphs state them."""
    sums: dict[str, int] = {}
    for graph in graphs:
        own = counts(graphs, graph, graph)
        if own:
            own["graphCount"] = 1
        for name, n in own.items():
            sums[name] = sums.get(name, 0) + n
    return sums


@pytest.mark.slow
def test_sigkill_during_ingest_loses_nothing_and_converges(
    tmp_path: Path, corpus: Path, full_quads: dict[str, set[str]]
) -> None:
    store = tmp_path / "store"
    seen = []
    for marker in KILL_POINTS:
        ingest_until(store, corpus, marker)
        seen.append(assert_only_whole_articles(store, full_quads))
    assert seen[0] >= BATCH  # the first batch was written before the kill
    done = tradekg("--store", str(store), "ingest", "-q", "--batch", str(BATCH), str(corpus))
    assert done.returncode == 0, done.stderr
    assert comparable(nquads(store)) == comparable(full_quads)
