"""Read-only stores within limits, for readers that must stop every query in time:
``PooledStore`` (a snapshot of an embedded store, every query in a killable worker) and
``RemoteReader`` (a SPARQL server).

Both are stores (the read side of ``kg.store.Store``), so saved queries, parameter lookups and
the VoID builder run through them unchanged, each query stopped at ``timeout`` and cut at
``max_rows`` rows (``Results.truncated`` says so). ``query`` is the general form the SPARQL
endpoint of ``tradekg serve`` uses (a CONSTRUCT answer serialised where it is made).
``within`` runs queries with a time limit on an open embedded store.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg import syntaxes
from kg.errors import QuerySyntaxError, StoreError, UsageError
from kg.sparql_terms import query_form
from kg.store import Caps, Dataset, Reading, RenderedGraph, Results, Triples, fixed
from kg.store.pool import WorkerPool
from kg.store.querycheck import check_local
from kg.terms import PREFIXES

if TYPE_CHECKING:
    from kg.store.remote import RemoteStore

# prefixes for the answers of the SPARQL endpoint (IRIs under id/ stay whole)
WIRE_PREFIXES = {k: v for k, v in PREFIXES.items() if k != "id"}


@dataclass
class GraphText:
    """A CONSTRUCT or DESCRIBE answer, serialised; ``truncated`` as for Results."""

    data: str
    count: int
    truncated: bool


def to_wire(term: Node) -> list[Any]:
    """A term as the query workers take it (kg.store.worker)."""
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


class ReadOnly(Reading):
    """The read side of ``kg.store.Store`` over ``query``; writing is refused. ``max_rows``
    and ``timeout`` are the limits of a query that gives none."""

    location: str
    caps: Caps
    max_rows: int
    timeout: float | None = None

    def query(
        self,
        text: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        fmt: str = "rows",
        dataset: Dataset | None = None,
        max_rows: int | None = None,
        offset: int = 0,
        timeout: float | None = None,
    ) -> Results | GraphText | Triples:
        """Run any query: Results for SELECT/ASK; for CONSTRUCT/DESCRIBE Triples when
        ``fmt`` is "rows", else GraphText in ``fmt`` (a syntax of kg.syntaxes). ``offset``
        skips the first rows of a SELECT's answer (``max_rows`` counts the rows after them)."""
        raise NotImplementedError

    # --- the read side of kg.store.Store ---

    def select(
        self,
        query: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        timeout: float | None = None,
        max_rows: int | None = None,
        offset: int = 0,
        dataset: Dataset | None = None,
    ) -> Results:
        answer = self.query(
            query, bindings, dataset=dataset, max_rows=max_rows, offset=offset, timeout=timeout
        )
        if not isinstance(answer, Results):
            raise UsageError("this query returns triples; use a SELECT or ASK query here")
        return answer

    def construct(
        self,
        query: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        timeout: float | None = None,
        max_rows: int | None = None,
        dataset: Dataset | None = None,
    ) -> Triples:
        answer = self.query(query, bindings, dataset=dataset, max_rows=max_rows, timeout=timeout)
        if not isinstance(answer, Triples):
            raise UsageError("this query does not return triples")
        return answer

    def graph_names(self) -> list[URIRef]:
        return fixed.graph_names(self)

    def quad_count(self, graph: URIRef | None = None) -> int:
        return fixed.quad_count(self, graph)

    def replace_graphs(
        self, graphs: Sequence[RenderedGraph], add: Sequence[RenderedGraph] = ()
    ) -> None:
        raise StoreError("the server is read-only")

    def dump(self, output: BinaryIO, fmt: str, graph: URIRef | None = None) -> None:
        raise StoreError("the server does not dump the store; use tradekg export")

    def flush(self) -> None:
        """Nothing to flush: the workers only read."""

    def close(self) -> None:
        """Nothing to close: the server owns the pool or the store."""


class PooledStore(ReadOnly):
    """Read-only access to one store snapshot through a pool of query workers."""

    caps = Caps(timeouts=True, codepoint_order=True)

    def __init__(
        self, location: str, pool: WorkerPool, snapshot: Path, *, max_rows: int = sys.maxsize
    ) -> None:
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
        dataset: Dataset | None = None,
        max_rows: int | None = None,
        offset: int = 0,
        timeout: float | None = None,
    ) -> Results | GraphText | Triples:
        reply = self.pool.run(
            {
                "snapshot": str(self.snapshot),
                "query": text,
                "bindings": {k: to_wire(v) for k, v in (bindings or {}).items()},
                "limit": self.max_rows if max_rows is None else max_rows,
                "offset": offset,
                "format": fmt,
                "default_graph": list(dataset[0]) if dataset is not None else None,
                "named_graphs": list(dataset[1]) if dataset is not None else None,
                "prefixes": WIRE_PREFIXES,
            },
            timeout,
        )
        kind = reply["kind"]
        if kind == "error":
            if reply["error"] == "syntax":
                raise QuerySyntaxError(str(reply["message"]))
            if reply["error"] == "bind":
                raise UsageError(f"the query cannot bind its parameters: {reply['message']}")
            raise StoreError(f"the query failed: {reply['message']}")
        if kind == "boolean":
            return Results([], [], boolean=bool(reply["value"]))
        if kind == "rows":
            return Results(
                list(reply["vars"]),
                [tuple(from_wire(t) for t in row) for row in reply["rows"]],
                truncated=bool(reply["truncated"]),
            )
        if kind == "graph":
            return GraphText(reply["data"], int(reply["count"]), bool(reply["truncated"]))
        graph = Triples()
        graph.truncated = bool(reply["truncated"])
        for s, p, o in reply["triples"]:
            graph.add((from_wire(s), from_wire(p), from_wire(o)))  # type: ignore[arg-type]
        return graph

    def last_modified(self) -> dt.datetime | None:
        """When the store the snapshot was taken of was last written."""
        from kg.store.embedded import last_modified

        return last_modified(self.location)

    def generation(self) -> str:
        """The generation of the store when the snapshot was taken (kg.store.generation)."""
        from kg.store import generation

        return generation.read(self.snapshot)


class RemoteReader(ReadOnly):
    """Read-only access to a SPARQL server; a query past ``timeout`` is a QueryTimeout (the
    server's own time limit is what stops its work)."""

    caps = Caps(timeouts=False)

    def __init__(self, store: RemoteStore, *, max_rows: int, timeout: float) -> None:
        self.location = store.location
        self.store = store
        self.max_rows = max_rows
        self.timeout = timeout

    def query(
        self,
        text: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        fmt: str = "rows",
        dataset: Dataset | None = None,
        max_rows: int | None = None,
        offset: int = 0,
        timeout: float | None = None,
    ) -> Results | GraphText | Triples:
        limit = self.max_rows if max_rows is None else max_rows
        wait = self.timeout if timeout is None else timeout
        if query_form(text) in ("CONSTRUCT", "DESCRIBE"):
            if fmt == "rows":
                return self.store.construct(
                    text, bindings, dataset=dataset, timeout=wait, max_rows=limit
                )
            triples = self.store.triples(text, bindings, dataset=dataset, timeout=wait)
            return _graph_text(triples, fmt, limit)
        return self.store.select(
            text, bindings, dataset=dataset, timeout=wait, max_rows=limit, offset=offset
        )

    # tradekg's own graphs (the server's system graphs are left out), as the CLI counts them
    def graph_names(self) -> list[URIRef]:
        return self.store.graph_names()

    def quad_count(self, graph: URIRef | None = None) -> int:
        return self.store.quad_count(graph)

    def last_modified(self) -> dt.datetime | None:
        return self.store.last_modified()


def _graph_text(triples: list[ox.Triple], fmt: str, limit: int) -> GraphText:
    syntax = syntaxes.by_name(fmt)
    out = io.BytesIO()
    prefixes = WIRE_PREFIXES if syntax.prefixes else None
    ox.serialize(triples[:limit], out, syntax.format, prefixes=prefixes)
    return GraphText(out.getvalue().decode("utf-8"), min(len(triples), limit), len(triples) > limit)


@contextmanager
def within(store: Any, text: str, timeout: float) -> Iterator[PooledStore]:
    """A reader of an open embedded store whose queries stop at ``timeout`` seconds.

    The query runs in a worker process over a snapshot of the store, and the worker is killed
    at the time limit (Oxigraph cannot interrupt a query), which raises ``QueryTimeout``.
    ``SERVICE`` and ``FROM <elsewhere>`` in ``text`` are refused first.
    """
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
            yield PooledStore(store.location, pool, target)
        except QuerySyntaxError as e:
            if e.hint is None:
                e.hint = "tradekg sparql runs SPARQL 1.1 queries; updates are refused"
            raise
        finally:
            pool.close()
