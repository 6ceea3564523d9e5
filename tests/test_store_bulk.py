"""Large writes to the embedded store go through Oxigraph's bulk loader, which is not a
transaction: a journal makes them all-or-none. A failed bulk write leaves the store as it
was, a write cut short (the state a kill leaves) is undone when the store is next opened,
and a finished one holds exactly the quads written."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from support import store_quads

from kg.errors import StoreError
from kg.iris import COUNTS_GRAPH
from kg.sparql_terms import render_lines
from kg.store import open_store
from kg.store.embedded import _PENDING, BULK_QUADS, UNFINISHED

ID = "https://w3id.org/tradekg/id/"
NAME = URIRef("https://schema.org/name")


def big_graph(name: str, size: int) -> tuple[URIRef, list[str]]:
    """A graph of ``size`` triples, one per subject."""
    return (
        URIRef(ID + "graph/" + name),
        render_lines([(URIRef(f"{ID}x/{name}/{i}"), NAME, Literal(f"n{i}")) for i in range(size)]),
    )


@pytest.fixture
def store_dir(sample_store_copy: Path) -> Path:
    return sample_store_copy


def test_a_bulk_write_holds_exactly_its_quads_and_replaces_existing_graphs(
    store_dir: Path,
) -> None:
    before = store_quads(store_dir)
    small = (URIRef(ID + "graph/small"), render_lines([(URIRef(ID + "x/s"), NAME, Literal("a"))]))
    store = open_store(store_dir)
    try:
        store.replace_graphs([small])  # one transaction: it exists before the bulk write
        new = big_graph("big", BULK_QUADS)
        replaced = (small[0], render_lines([(URIRef(ID + "x/s"), NAME, Literal("b"))]))
        store.replace_graphs([new, replaced])
        assert store.graph_names().count(UNFINISHED) == 0
    finally:
        store.close()
    written = {f"{line} <{graph}> ." for graph, lines in (new, replaced) for line in lines}
    # graphs that keep no counts of themselves: the store's totals go (kg.store.fixed)
    totals = {q for q in before if q.endswith(f" <{COUNTS_GRAPH}> .")}
    assert len(totals) == 13
    assert store_quads(store_dir) == (before - totals) | written


def test_a_failed_bulk_write_leaves_the_store_unchanged(store_dir: Path) -> None:
    before = store_quads(store_dir)
    good = big_graph("good", BULK_QUADS)
    broken = (URIRef(ID + "graph/broken"), ["<a> <b> not-a-term"])
    store = open_store(store_dir)
    try:
        with pytest.raises(StoreError, match="^could not write to the store at ") as raised:
            store.replace_graphs([good, broken])
        assert raised.value.hint == "nothing of this transaction was written"
    finally:
        store.close()
    assert store_quads(store_dir) == before


def test_a_bulk_write_cut_short_is_undone_when_the_store_opens(store_dir: Path) -> None:
    """The journal and half of the new graphs are in the store, as a kill between the bulk
    load and the transaction that ends it leaves them: opening the store drops both."""
    before = store_quads(store_dir)
    graph, lines = big_graph("cut", 100)
    raw = ox.Store(str(store_dir))
    try:
        journal = ox.NamedNode(str(UNFINISHED))
        raw.add(ox.Quad(journal, ox.NamedNode(_PENDING), ox.NamedNode(str(graph)), journal))
        raw.bulk_load(
            input="".join(f"{line} <{graph}> .\n" for line in lines[:50]),
            format=ox.RdfFormat.N_QUADS,
        )
        raw.flush()
    finally:
        del raw
    assert store_quads(store_dir) == before
