"""Terms between rdflib and Oxigraph: ``to_ox`` and ``from_ox``, for the stores and the RDF
file loader (both read with Oxigraph and hand rdflib terms on)."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.sparql_terms import XSD_STRING


def to_ox(term: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """The Oxigraph term for an rdflib term."""
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
    """The rdflib term for an Oxigraph term (None for an unbound value); a plain
    ``xsd:string`` literal stays plain, as rdflib writes it."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"unsupported term {term!r}")


__all__ = ["XSD_STRING", "from_ox", "to_ox"]
