"""The embedded store: Oxigraph (RocksDB) in a directory, no server to run."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import StoreError, UsageError
from kg.sparql_terms import render
from kg.store import Closing, RenderedGraph, Results, snapshots
from kg.terms import PREFIXES

log = logging.getLogger("kg.store")

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def to_ox(term: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"unsupported term {term!r}")


def from_ox(term: object) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"unsupported term {term!r}")


_DIGEST = """SELECT ?g ?hash WHERE {
  GRAPH ?g { ?g <https://w3id.org/tradekg/ontology#contentHash> ?hash }
}"""


class EmbeddedStore(Closing):
    """An on-disk Oxigraph store. One process may open it at a time."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.location = str(path)
        if not create and not path.exists():
            raise StoreError(
                f"no store at {path}",
                hint="ingest something first (tradekg ingest or tradekg demo) "
                "or choose the store with --store",
            )
        try:
            path.mkdir(parents=True, exist_ok=True)
            self._store = ox.Store(str(path))
        except OSError as e:
            text = str(e)
            if "lock" in text.lower():
                raise StoreError(
                    f"the store at {path} is in use by another process",
                    hint="wait for the other tradekg command to finish, or use another --store",
                ) from None
            raise StoreError(f"cannot open the store at {path}: {text}") from None

    def replace_graphs(self, graphs: Sequence[RenderedGraph]) -> None:
        """Replace the graphs in one transaction.

        Graphs the store does not have yet are loaded as N-Quads (Oxigraph's loader, one
        transaction); if any of them exists, one SPARQL update drops and re-inserts them all.
        """
        if not graphs:
            return
        names = [(render(name), lines) for name, lines in graphs]
        exists = any(
            self._store.contains_named_graph(ox.NamedNode(str(name))) for name, _ in graphs
        )
        try:
            if not exists:
                self._store.load(
                    input="".join(f"{line} {name} .\n" for name, lines in names for line in lines),
                    format=ox.RdfFormat.N_QUADS,
                )
            else:
                self._store.update(
                    "".join(
                        [
                            *(f"DROP SILENT GRAPH {name} ;\n" for name, _ in names),
                            "INSERT DATA {\n",
                            *(
                                f"GRAPH {name} {{\n"
                                + "".join(f"{line} .\n" for line in lines)
                                + "}\n"
                                for name, lines in names
                            ),
                            "}",
                        ]
                    )
                )
        except (OSError, SyntaxError) as e:
            raise StoreError(
                f"could not write to the store at {self.location}: {e}",
                hint="nothing of this transaction was written",
            ) from None
        if snapshots.served(self.location):
            try:
                self.publish()
            except StoreError as e:  # the graphs are written; only the server lags behind
                log.warning(
                    "the graphs are written, but the server reading this store "
                    "will not see them until the next write: %s",
                    e,
                )

    def publish(self) -> Path:
        """Publish a snapshot of the store for ``tradekg serve`` (see kg.store.snapshots)."""
        return snapshots.publish(self.backup, self.location)

    def graph_digest(self, graph: URIRef) -> str | None:
        rows = self.select(_DIGEST, {"g": graph}).rows
        return str(rows[0][1]) if rows and rows[0][1] is not None else None

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> Results:
        subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()
        }
        try:
            answer = self._store.query(
                query, use_default_graph_as_union=True, substitutions=subs or None
            )
        except SyntaxError as e:
            raise UsageError(
                f"the query does not parse: {e}",
                hint="tradekg sparql runs SPARQL 1.1 queries; updates are refused",
            ) from None
        except OSError as e:
            raise StoreError(f"the query failed: {e}") from None
        except RuntimeError as e:  # e.g. a substituted variable that is not projected
            raise UsageError(
                f"the query cannot bind its parameters: {e}",
                hint="a saved query must SELECT every parameter variable",
            ) from None
        if isinstance(answer, ox.QueryBoolean):
            return Results([], [], boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            raise UsageError("this query returns triples; use a SELECT or ASK query here")
        variables = [v.value for v in answer.variables]
        cache: dict[object, Node | None] = {}  # answers repeat values (labels, types, modes)

        def convert(term: object) -> Node | None:
            if term is None:
                return None
            node = cache.get(term)
            if node is None:
                node = cache[term] = from_ox(term)
            return node

        rows = [tuple(convert(sol[v]) for v in variables) for sol in answer]
        return Results(variables, rows)

    def construct(self, query: str) -> Graph:
        try:
            answer = self._store.query(query, use_default_graph_as_union=True)
        except SyntaxError as e:
            raise UsageError(f"the query does not parse: {e}") from None
        if not isinstance(answer, ox.QueryTriples):
            raise UsageError("this query does not return triples")
        g = Graph()
        for t in answer:
            g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))  # type: ignore[arg-type]
        return g

    def graph_names(self) -> list[URIRef]:
        return sorted(
            URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)
        )

    def quad_count(self, graph: URIRef | None = None) -> int:
        """Quads in one named graph, or in all of them."""
        bindings = {"g": graph} if graph is not None else {}
        row = self.select(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
            if graph is not None
            else "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
            bindings,
        ).rows
        return int(str(row[0][-1])) if row else 0

    def dump(self, output: BinaryIO, fmt: str, graph: URIRef | None = None) -> None:
        rdf_format = FORMATS[fmt]
        prefixes = PREFIXES if fmt not in ("ntriples", "nquads") else None
        if graph is not None:
            if rdf_format.supports_datasets:
                quads = self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph)))
                ox.serialize(quads, output, rdf_format, prefixes=prefixes)
            else:
                self._store.dump(
                    output, rdf_format, from_graph=ox.NamedNode(str(graph)), prefixes=prefixes
                )
        elif rdf_format.supports_datasets:
            self._store.dump(output, rdf_format, prefixes=prefixes)
        else:
            triples = (q.triple for q in self._store.quads_for_pattern(None, None, None, None))
            ox.serialize(triples, output, rdf_format, prefixes=prefixes)

    def backup(self, target: Path) -> None:
        """A consistent copy of the store in the new directory ``target``."""
        try:
            self._store.backup(str(target))
        except OSError as e:
            raise StoreError(f"cannot copy the store to {target}: {e}") from None

    def flush(self) -> None:
        """Write RocksDB's memory buffers to disk: without it they grow with every load."""
        try:
            self._store.flush()
        except OSError as e:
            raise StoreError(f"could not write to the store at {self.location}: {e}") from None

    def close(self) -> None:
        """Flush and release the store (its lock goes with it), even when the flush fails."""
        try:
            self.flush()
        finally:
            del self._store
