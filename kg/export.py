"""Exports: every standard RDF syntax, the whole store or one article, to any binary stream.

JSON-LD is compacted with the context published with the package (``ontology/context.jsonld``,
generated from the ontology by ``kg.jsonld``: a term for every class and property), embedded
in the document so it can be read offline; it is written one graph at a time.
``void`` is not a syntax but the VoID/DCAT description of the whole store, in Turtle
(``kg.void.describe``, the same document ``tradekg serve`` publishes at ``/.well-known/void``).
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from functools import cache
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from kg import syntaxes
from kg.errors import UsageError
from kg.iris import LINKS_GRAPH, REFERENCE_GRAPH, SHARED_GRAPH
from kg.oxterms import to_ox
from kg.resources import resource
from kg.sparql_terms import render
from kg.store import Store
from kg.terms import ONTOLOGY_IRI, PREFIXES

_NOT_ARTICLES = {URIRef(ONTOLOGY_IRI), REFERENCE_GRAPH, LINKS_GRAPH, SHARED_GRAPH}

# every syntax of kg.syntaxes, and the VoID description
FORMATS = (*syntaxes.NAMES, "void")
CONTEXT_IRI = "https://w3id.org/tradekg/context.jsonld"  # where tradekg's context is published


@cache
def context() -> dict[str, Any]:
    """The JSON-LD context published with tradekg (``{"@context": {...}}``)."""
    with resource("ontology", "context.jsonld").open(encoding="utf-8") as f:
        doc: dict[str, Any] = json.load(f)
    return doc


def read_jsonld(data: str | bytes) -> Dataset:
    """Read a JSON-LD document offline: a ``@context`` that names tradekg's context IRI is
    replaced by the bundled context, never fetched. Any other remote context is left to
    rdflib, which would fetch it, and which the network guard refuses (``kg.guard``)."""
    doc = json.loads(data)

    def local(node: Any) -> Any:
        if isinstance(node, list):
            return [local(n) for n in node]
        if not isinstance(node, dict):
            return node
        out = {k: local(v) for k, v in node.items()}
        if "@context" in node:
            ctx = node["@context"]
            names = ctx if isinstance(ctx, list) else [ctx]
            out["@context"] = [
                context()["@context"] if c == CONTEXT_IRI else local(c) for c in names
            ]
        return out

    dataset = Dataset()
    dataset.parse(data=json.dumps(local(doc)), format="json-ld")
    return dataset


# the description of the shared nodes an article's graph points at (a person, a round)
_SHARED_OF = f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  GRAPH ?g {{ ?x ?q ?s }}
  GRAPH {render(SHARED_GRAPH)} {{ ?s ?p ?o }}
}}"""


def export(store: Store, out: BinaryIO, fmt: str, graph: URIRef | None = None) -> None:
    """Write the store (or one named graph) to ``out`` in ``fmt`` (one of FORMATS): the
    store yields the quads and writes them in the syntax (``Store.dump``). An article's graph
    comes with the description of the shared nodes it points at (kg.iris.SHARED_GRAPH), so
    that it can be loaded on its own."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    if fmt == "void":
        if graph is not None:
            raise UsageError(
                "the VoID description covers the whole store, not one article",
                hint="leave out --article",
            )
        from kg.void import describe

        out.write(describe(store).serialize(format="turtle", encoding="utf-8"))
    elif graph is not None and graph not in _NOT_ARTICLES:
        quads = [*store.quads(graph), *_shared_of(store, graph)]
        if fmt == "jsonld":
            _jsonld(store, out, [quads])
        else:
            syntaxes.write(quads, out, syntaxes.by_name(fmt), PREFIXES)
    elif fmt == "jsonld":
        _jsonld(store, out, [graph] if graph is not None else store.graph_names())
    else:
        store.dump(out, fmt, graph)


def _shared_of(store: Store, graph: URIRef) -> list[ox.Quad]:
    shared = ox.NamedNode(str(SHARED_GRAPH))
    found = store.construct(_SHARED_OF, {"g": graph})
    return [
        ox.Quad(to_ox(s), to_ox(p), to_ox(o), shared)  # type: ignore[arg-type]
        for s, p, o in found
    ]


def _jsonld(store: Store, out: BinaryIO, parts: Sequence[URIRef | list[ox.Quad]]) -> None:
    """JSON-LD of named graphs (each dumped by the store) or of quads, one part at a time."""
    from kg.jsonld import Compactor

    compactor = Compactor(context()["@context"])
    out.write(b'{"@context": ')
    out.write(json.dumps(context()["@context"]).encode())
    out.write(b', "@graph": [')
    first = True
    for part in parts:
        buffer = io.BytesIO()
        if isinstance(part, list):
            syntaxes.write(part, buffer, syntaxes.by_name("jsonld"))
        else:
            store.dump(buffer, "jsonld", part)
        for node in json.loads(buffer.getvalue() or b"[]"):
            if not first:
                out.write(b",\n")
            first = False
            out.write(json.dumps(compactor.node(node), ensure_ascii=False).encode())
    out.write(b"]}\n")
