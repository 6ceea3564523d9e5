"""The store as the server reads it, within the limits: ``PooledStore`` (an embedded store's
snapshot, every query in a killable worker) and ``RemoteEngine`` (a SPARQL server).

Both offer the read side of the ``kg.store.Store`` interface, so saved queries, parameter
lookups and the VoID builder run through them unchanged, each query stopped at the time limit
and cut at ``max_rows`` rows (``Rows.truncated`` says so). ``query`` is the general form the
SPARQL endpoint uses.
"""

from __future__ import annotations

import io
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import StoreError, UsageError
from kg.serve.guard import check_local
from kg.serve.pool import QueryTimeout, WorkerPool
from kg.sparql_terms import query_form
from kg.store import Closing, RenderedGraph, Results
from kg.store.embedded import from_ox
from kg.store.faults import TimedOut
from kg.store.remote import RemoteStore
from kg.terms import PREFIXES

WIRE_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


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


class ReadOnly(Closing):
    """The read side of ``kg.store.Store`` over ``query``; writing is refused."""

    location: str
    max_rows: int

    def query(
        self,
        text: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        fmt: str = "rows",
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> Rows | GraphText | Graph:
        raise NotImplementedError

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
            rows = self.select(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                {"g": graph},
            ).rows
        return int(str(rows[0][-1])) if rows else 0

    def graph_digest(self, graph: URIRef) -> str | None:
        rows = self.select(
            "SELECT ?g ?hash WHERE { GRAPH ?g { ?g "
            "<https://w3id.org/tradekg/ontology#contentHash> ?hash } }",
            {"g": graph},
        ).rows
        return str(rows[0][1]) if rows and rows[0][1] is not None else None

    def replace_graphs(self, graphs: Sequence[RenderedGraph]) -> None:
        raise StoreError("the server is read-only")

    def dump(self, output: BinaryIO, fmt: str, graph: URIRef | None = None) -> None:
        raise StoreError("the server does not dump the store; use tradekg export")

    def flush(self) -> None:
        """Nothing to flush: the workers only read."""

    def close(self) -> None:
        """Nothing to close: the server owns the pool or the store."""


class PooledStore(ReadOnly):
    """Read-only access to one store snapshot through a pool of query workers."""

    def __init__(self, location: str, pool: WorkerPool, snapshot: Path, *, max_rows: int) -> None:
        self.location = location
        self.pool = pool
        self.snapshot = snapshot
        self.max_rows = max_rows

    def query(
        self,
        text: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        fmt: str = "rows",
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> Rows | GraphText | Graph:
        """Run any query: Rows for SELECT/ASK; for CONSTRUCT/DESCRIBE a Graph when ``fmt``
        is "rows", else GraphText in ``fmt`` (one of WIRE_FORMATS)."""
        reply = self.pool.run(
            {
                "snapshot": str(self.snapshot),
                "query": text,
                "bindings": {k: to_wire(v) for k, v in (bindings or {}).items()},
                "limit": self.max_rows if limit is None else limit,
                "format": fmt,
                "default_graph": list(default_graph) if default_graph is not None else None,
                "named_graphs": list(named_graphs) if named_graphs is not None else None,
                "prefixes": {k: v for k, v in PREFIXES.items() if k != "id"},
            }
        )
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
            return Rows(
                list(reply["vars"]),
                [tuple(from_wire(t) for t in row) for row in reply["rows"]],
                truncated=bool(reply["truncated"]),
            )
        if kind == "graph":
            return GraphText(reply["data"], int(reply["count"]), bool(reply["truncated"]))
        graph = Graph()
        for s, p, o in reply["triples"]:
            graph.add((from_wire(s), from_wire(p), from_wire(o)))  # type: ignore[arg-type]
        return graph


class RemoteEngine(ReadOnly):
    """Read-only access to a SPARQL server; a query past the store's timeout is a
    QueryTimeout (the server's own time limit is what stops its work)."""

    def __init__(self, store: RemoteStore, *, max_rows: int) -> None:
        self.location = store.location
        self.store = store
        self.max_rows = max_rows

    def query(
        self,
        text: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        fmt: str = "rows",
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> Rows | GraphText | Graph:
        limit = self.max_rows if limit is None else limit
        dataset = None
        if default_graph is not None or named_graphs is not None:
            dataset = (list(default_graph or ()), list(named_graphs or ()))
        try:
            if query_form(text) in ("CONSTRUCT", "DESCRIBE"):
                triples = self.store.triples(text, bindings, dataset=dataset)
                return _graph_answer(triples, fmt, limit)
            answer = self.store.select(text, bindings, dataset=dataset)
        except TimedOut as e:
            raise QueryTimeout(
                e.message, hint="make the query more selective, or add a LIMIT"
            ) from None
        return Rows(
            answer.variables,
            answer.rows[:limit],
            boolean=answer.boolean,
            truncated=len(answer.rows) > limit,
        )

    # tradekg's own graphs (the server's system graphs are left out), as the CLI counts them
    def graph_names(self) -> list[URIRef]:
        return self.store.graph_names()

    def quad_count(self, graph: URIRef | None = None) -> int:
        return self.store.quad_count(graph)


def _graph_answer(triples: list[ox.Triple], fmt: str, limit: int) -> GraphText | Graph:
    truncated = len(triples) > limit
    triples = triples[:limit]
    if fmt == "rows":
        graph = Graph()
        for t in triples:
            graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))  # type: ignore[arg-type]
        return graph
    out = io.BytesIO()
    prefixes = {k: v for k, v in PREFIXES.items() if k != "id"}
    ox.serialize(
        triples, out, WIRE_FORMATS[fmt], prefixes=prefixes if fmt in ("turtle", "rdfxml") else None
    )
    return GraphText(out.getvalue().decode("utf-8"), len(triples), truncated)


def select_within(store: Any, text: str, timeout: float) -> Rows:
    """Run one SELECT or ASK query on an embedded store, stopped at ``timeout`` seconds.

    The mechanism of ``tradekg serve``: the query runs in a worker process over a snapshot of
    the store, and the worker is killed at the time limit (Oxigraph cannot interrupt a query),
    which raises ``QueryTimeout``. ``SERVICE`` and ``FROM <elsewhere>`` are refused first.
    """
    from kg.store.embedded import EmbeddedStore

    if not isinstance(store, EmbeddedStore):
        raise StoreError("a time-limited query needs an embedded store (a directory)")
    check_local(text, {str(g) for g in store.graph_names()})
    parent = Path(store.location).resolve().parent  # hard links: the store's file system
    try:
        tmp = tempfile.TemporaryDirectory(prefix=".tradekg-query-", dir=parent)
    except OSError:
        tmp = tempfile.TemporaryDirectory(prefix="tradekg-query-")
    with tmp:
        target = Path(tmp.name) / "snapshot"
        store.backup(target)
        pool = WorkerPool(target, size=1, timeout=timeout)
        try:
            return PooledStore(store.location, pool, target, max_rows=sys.maxsize).select(text)
        except UsageError as e:
            if e.message.startswith("the query does not parse") and e.hint is None:
                e.hint = "tradekg sparql runs SPARQL 1.1 queries; updates are refused"
            raise
        finally:
            pool.close()
