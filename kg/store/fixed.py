"""The store's fixed queries, written once: a graph's content hash, quad counts, graph names.

Every backend answers them through its own ``select`` (values are bound, never pasted). A
SPARQL server also holds graphs that are not tradekg's (Virtuoso's system graphs), so on a
server tradekg counts and lists only its own graphs, those that say ``<g> a prov:Bundle``
(``own=True``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.iris import COUNTS_GRAPH, SHARED_GRAPH, TOTALS
from kg.sparql_terms import render
from kg.terms import KIND_COUNTS, PREFIXES, TKG

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


# The store's totals (kg.iris.COUNTS_GRAPH): the sums of the counts each graph keeps of itself
# (kg.rdf.with_count), and how many graphs they sum. They exist only while every graph but
# the shared one keeps counts: a write creates them then (TOTALS_CREATE), keeps them in its
# own transaction (TOTALS_CHANGE before and after it), or drops them (TOTALS_DROP) when it
# writes a graph without counts; queries/stats.rq reads them, else sums the graphs' counts.
_TOTALS = render(TOTALS)
_COUNTS = render(COUNTS_GRAPH)
_KEPT = ", ".join(render(p) for p in (*KIND_COUNTS.values(), TKG.tripleCount))
_MARK = render(TKG.articleCount)  # a graph that keeps counts keeps this one
_GRAPHS = render(TKG.graphCount)
# (over the whole store one branch per property: ``?g ?p ?k`` with ?g unbound reads every triple)
_SUMS = (
    "SELECT ?p (SUM(?k) AS ?sum) WHERE {\n  "
    + "\n  UNION ".join(
        f"{{ GRAPH ?g {{ ?g {render(p)} ?k }} BIND({render(p)} AS ?p) }}"
        for p in (*KIND_COUNTS.values(), TKG.tripleCount)
    )
    + f"\n  UNION {{ GRAPH ?g {{ ?g {_MARK} ?counted }} BIND({_GRAPHS} AS ?p) "
    + "BIND(1 AS ?k) }\n} GROUP BY ?p"
)
HAS_TOTALS = f"SELECT ?n WHERE {{ GRAPH {_COUNTS} {{ {_TOTALS} {_GRAPHS} ?n }} }}"
# a graph of tradekg's, other than the shared one, that keeps no counts (an older store's) or
# not all of them (MINUS: FILTER NOT EXISTS would look each graph up, many times slower)
_UNCOUNTED = f"""GRAPH ?g {{ ?g a <{PREFIXES["prov"]}Bundle> }}
    MINUS {{ GRAPH ?g {{ ?g {_MARK} ?counted }} }}
    MINUS {{ GRAPH ?g {{ ?g {render(TKG.tripleCount)} ?size }} }}
    FILTER(?g != {render(SHARED_GRAPH)})"""
UNCOUNTED = f"SELECT ?g WHERE {{ {_UNCOUNTED} }} LIMIT 1"
TOTALS_SUMS = _SUMS  # (a SELECT: the totals as they should be, over the whole store)
# made once every graph but the shared one keeps counts (the first subquery is the guard: when
# a graph keeps none it gives no row, and nothing is summed)
TOTALS_CREATE = f"""INSERT {{ GRAPH {_COUNTS} {{ {_TOTALS} ?p ?sum }} }} WHERE {{
  {{ SELECT (1 AS ?every) WHERE {{ FILTER NOT EXISTS {{ {_UNCOUNTED} }} }} }}
  {{ {_SUMS} }}
}}"""
TOTALS_DROP = f"DROP SILENT GRAPH {_COUNTS}"


def totals_change(graphs: Sequence[str], sign: str) -> str:
    """The update that adds (``sign`` "+") or takes off ("-") the counts the graphs
    ``graphs`` (rendered IRIs) keep to or from the totals: taken off before they are
    replaced, added once they are written."""
    if not graphs:
        return ""
    values = " ".join(graphs)
    return f"""DELETE {{ GRAPH {_COUNTS} {{ {_TOTALS} ?p ?old }} }}
INSERT {{ GRAPH {_COUNTS} {{ {_TOTALS} ?p ?new }} }}
WHERE {{
  GRAPH {_COUNTS} {{ {_TOTALS} ?p ?old }}
  {{ SELECT ?p (SUM(?k) AS ?change) WHERE {{
    VALUES ?g {{ {values} }}
    {{ GRAPH ?g {{ ?g ?p ?k }} FILTER(?p IN ({_KEPT})) }}
    UNION {{ GRAPH ?g {{ ?g {_MARK} ?counted }} BIND({_GRAPHS} AS ?p) BIND(1 AS ?k) }}
  }} GROUP BY ?p }}
  BIND(?old {sign} ?change AS ?new)
}}"""


def keeps_counts(name: str, lines: Sequence[str]) -> bool:
    """Whether a graph's N-Triples lines (its rendered IRI ``name``) state its counts (of
    its kinds and of its triples)."""
    marks = (f"{name} {_MARK} ", f"{name} {render(TKG.tripleCount)} ")
    return all(any(line.startswith(mark) for line in reversed(lines)) for mark in marks)


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
