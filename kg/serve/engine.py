"""The store as the server reads it: every query in a killable worker, within the limits.

``PooledStore`` offers the read side of the ``kg.store.Store`` interface, so saved queries,
parameter lookups and the VoID builder run through it unchanged, each query stopped at the
time limit and cut at ``max_rows`` rows (``Rows.truncated`` says so). ``query`` is the
general form the SPARQL endpoint uses.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import StoreError, UsageError
from kg.serve.guard import check_local
from kg.serve.pool import WorkerPool, snapshot
from kg.store import RenderedGraph, Results
from kg.terms import PREFIXES

WIRE_FORMATS = ("turtle", "ntriples", "jsonld", "rdfxml")


@dataclass
class Rows(Results):
    """SELECT rows or an ASK answer; ``truncated`` when rows beyond the limit were dropped."""

    truncated: bool = False


@dataclass
class GraphText:
    """A CONSTRUCT or DESCRIBE answer, serialised; ``truncated`` as for Rows."""

    data: str
    count: int
    truncated: bool


def to_wire(term: Node) -> list[Any]:
    if isinstance(term, URIRef):
        return ["uri", str(term)]
    if isinstance(term, BNode):
        return ["bnode", str(term)]
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype is not None else None
        return ["literal", str(term), datatype, term.language]
    raise TypeError(f"unsupported term {term!r}")


def from_wire(term: list[Any] | None) -> Node | None:
    if term is None:
        return None
    if term[0] == "uri":
        return URIRef(term[1])
    if term[0] == "bnode":
        return BNode(term[1])
    if term[3]:
        return Literal(term[1], lang=term[3])
    return Literal(term[1], datatype=URIRef(term[2]) if term[2] else None)


class PooledStore:
    """Read-only access to a store snapshot through a pool of query workers."""

    def __init__(self, location: str, pool: WorkerPool, *, max_rows: int) -> None:
        self.location = location
        self.pool = pool
        self.max_rows = max_rows

    def query(self, text: str, bindings: Mapping[str, Node] | None = None, *,
              fmt: str = "rows", default_graph: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None,
              limit: int | None = None) -> Rows | GraphText | Graph:
        """Run any query: Rows for SELECT/ASK; for CONSTRUCT/DESCRIBE a Graph when ``fmt``
        is "rows", else GraphText in ``fmt`` (one of WIRE_FORMATS)."""
        reply = self.pool.run({
            "query": text,
            "bindings": {k: to_wire(v) for k, v in (bindings or {}).items()},
            "limit": self.max_rows if limit is None else limit,
            "format": fmt,
            "default_graph": list(default_graph) if default_graph is not None else None,
            "named_graphs": list(named_graphs) if named_graphs is not None else None,
            "prefixes": {k: v for k, v in PREFIXES.items() if k != "id"},
        })
        kind = reply["kind"]
        if kind == "error":
            if reply["error"] == "syntax":
                raise UsageError(f"the query does not parse: {reply['message']}")
            if reply["error"] == "bind":
                raise UsageError(f"the query cannot bind its parameters: {reply['message']}")
            raise StoreError(f"the query failed: {reply['message']}")
        if kind == "boolean":
            return Rows([], [], boolean=bool(reply["value"]))
        if kind == "rows":
            return Rows(list(reply["vars"]),
                        [tuple(from_wire(t) for t in row) for row in reply["rows"]],
                        truncated=bool(reply["truncated"]))
        if kind == "graph":
            return GraphText(reply["data"], int(reply["count"]), bool(reply["truncated"]))
        graph = Graph()
        for s, p, o in reply["triples"]:
            graph.add((from_wire(s), from_wire(p), from_wire(o)))  # type: ignore[arg-type]
        return graph

    # --- the read side of kg.store.Store ---

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> Rows:
        answer = self.query(query, bindings)
        if not isinstance(answer, Rows):
            raise UsageError("this query returns triples; use a SELECT or ASK query here")
        return answer

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        answer = self.query(query, bindings)
        if not isinstance(answer, Graph):
            raise UsageError("this query does not return triples")
        return answer

    def graph_names(self) -> list[URIRef]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }").rows
        return sorted(r[0] for r in rows if isinstance(r[0], URIRef))

    def quad_count(self, graph: URIRef | None = None) -> int:
        if graph is None:
            rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        else:
            rows = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                               "GROUP BY ?g", {"g": graph}).rows
        return int(str(rows[0][-1])) if rows else 0

    def graph_digest(self, graph: URIRef) -> str | None:
        rows = self.select("SELECT ?g ?hash WHERE { GRAPH ?g { ?g "
                           "<https://w3id.org/tradekg/ontology#contentHash> ?hash } }",
                           {"g": graph}).rows
        return str(rows[0][1]) if rows and rows[0][1] is not None else None

    def replace_graphs(self, graphs: Sequence[RenderedGraph]) -> None:
        raise StoreError("the server is read-only")

    def dump(self, output: BinaryIO, fmt: str, graph: URIRef | None = None) -> None:
        raise StoreError("the server does not dump the store; use tradekg export")

    def flush(self) -> None:
        """Nothing to flush: the workers only read."""

    def close(self) -> None:
        self.pool.close()


def select_within(store: Any, text: str, timeout: float) -> Rows:
    """Run one SELECT or ASK query on an embedded store, stopped at ``timeout`` seconds.

    The mechanism of ``tradekg serve``: the query runs in a worker process over a snapshot of
    the store, and the worker is killed at the time limit (Oxigraph cannot interrupt a query),
    which raises ``QueryTimeout``. ``SERVICE`` and ``FROM <elsewhere>`` are refused first.
    """
    check_local(text, {str(g) for g in store.graph_names()})
    parent = Path(store.location).resolve().parent  # hard links: the store's file system
    try:
        tmp = tempfile.TemporaryDirectory(prefix=".tradekg-query-", dir=parent)
    except OSError:
        tmp = tempfile.TemporaryDirectory(prefix="tradekg-query-")
    with tmp:
        target = Path(tmp.name) / "snapshot"
        snapshot(store, target)
        pool = WorkerPool(target, size=1, timeout=timeout)
        try:
            return PooledStore(store.location, pool, max_rows=sys.maxsize).select(text)
        except UsageError as e:
            if e.message.startswith("the query does not parse") and e.hint is None:
                e.hint = "tradekg sparql runs SPARQL 1.1 queries; updates are refused"
            raise
        finally:
            pool.close()
