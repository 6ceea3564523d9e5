"""The store's fixed queries, written once: a graph's content hash, quad counts, graph names.

Every backend answers them through its own ``select`` (values are bound, never pasted). A
SPARQL server also holds graphs that are not tradekg's (Virtuoso's system graphs), so on a
server tradekg counts and lists only its own graphs, those that say ``<g> a prov:Bundle``
(``own=True``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.iris import SHARED_GRAPH
from kg.sparql_terms import render
from kg.terms import PREFIXES, TKG

_PROLOGUE = f"PREFIX prov: <{PREFIXES['prov']}>\nPREFIX tkg: <{TKG._NS}>\n"
DIGEST = _PROLOGUE + "SELECT ?g ?hash WHERE { GRAPH ?g { ?g tkg:contentHash ?hash } }"
COUNT_EACH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
COUNT_OWN = (
    _PROLOGUE
    + "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g a prov:Bundle } GRAPH ?g { ?s ?p ?o } }"
)
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"
PAGE = 1000  # graph names per request (under any server's row cap)
GRAPHS_OWN = (
    _PROLOGUE
    + "SELECT ?g WHERE { GRAPH ?g { ?g a prov:Bundle } FILTER(STR(?g) > ?after) } "
    + f"ORDER BY STR(?g) LIMIT {PAGE}"
)
HAS_GRAPH = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1"
TRIPLES_OF = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
# the shared graph's nodes no other graph points at any more (an article that named them was
# replaced by one that does not): their description goes (kg.iris.SHARED_GRAPH)
_UNUSED = f"""GRAPH {render(SHARED_GRAPH)} {{ ?s ?p ?o FILTER (?s != {render(SHARED_GRAPH)}) }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?x ?q ?s }} FILTER (?g != {render(SHARED_GRAPH)}) }}"""
UNUSED_SHARED = f"SELECT ?s ?p ?o WHERE {{ {_UNUSED} }}"
PRUNE_SHARED = f"DELETE {{ GRAPH {render(SHARED_GRAPH)} {{ ?s ?p ?o }} }} WHERE {{ {_UNUSED} }}"


class _Rows(Protocol):
    rows: list[tuple[Node | None, ...]]


class Selects(Protocol):
    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> _Rows: ...


def graph_digest(store: Selects, graph: URIRef) -> str | None:
    """The ``tkg:contentHash`` a graph states about itself, if any."""
    rows = store.select(DIGEST, {"g": graph}).rows
    return str(rows[0][1]) if rows and rows[0][1] is not None else None


def quad_count(store: Selects, graph: URIRef | None = None, *, own: bool = False) -> int:
    """Quads in one named graph, or in all of them (only tradekg's with ``own``)."""
    if graph is not None:
        rows = store.select(COUNT_EACH, {"g": graph}).rows
    else:
        rows = store.select(COUNT_OWN if own else COUNT_ALL).rows
    return int(str(rows[0][-1])) if rows and rows[0][-1] is not None else 0


def graph_names(store: Selects, *, own: bool = False) -> list[URIRef]:
    """The named graphs, sorted (only tradekg's with ``own``, a page at a time so no row cap
    can cut the list)."""
    if not own:
        rows = store.select(GRAPHS).rows
        return sorted(r[0] for r in rows if isinstance(r[0], URIRef))
    names: list[URIRef] = []
    after = ""
    while True:
        rows = store.select(GRAPHS_OWN, {"after": Literal(after)}).rows
        names.extend(URIRef(str(r[0])) for r in rows if isinstance(r[0], URIRef))
        if len(rows) < PAGE:
            return sorted(names)
        after = str(rows[-1][0])


def has_graph(store: Selects, graph: URIRef) -> bool:
    """True when the store holds a non-empty graph of this name."""
    return bool(store.select(HAS_GRAPH, {"g": graph}).rows)


__all__ = [
    "COUNT_EACH",
    "DIGEST",
    "PAGE",
    "TRIPLES_OF",
    "graph_digest",
    "graph_names",
    "has_graph",
    "quad_count",
]
