"""JSON-LD that reads as JSON: the context of ``ontology/context.jsonld``, generated from the
ontology, and the compaction of Oxigraph's (expanded) JSON-LD with it.

Every class and property of the ontology gets a term, its local name (``Proposal``, ``agent``,
``summary``); a property whose values are resources is coerced to ``@id`` and one whose range
is a datatype other than ``xsd:string`` to that datatype, so values read as plain JSON strings.
A few properties of other vocabularies that the loader writes get a term too (``label``,
``headline``, ``url``, ``exact``). A local name that is also a prefix takes another name
(``tkg:time`` is ``when``: ``time`` is the OWL-Time prefix). The prefixes stay, for everything
else.

>>> ctx = build_context(ontology_graph())["@context"]
>>> ctx["agent"], ctx["Proposal"], ctx["when"]
({'@id': 'tkg:agent', '@type': '@id'}, 'tkg:Proposal', {'@id': 'tkg:time', '@type': '@id'})
"""

from __future__ import annotations

from typing import Any

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.resources import ontology_graph
from kg.terms import PREFIXES

TKG = PREFIXES["tkg"]
_RDF_TYPE = str(RDF.type)
XSD = PREFIXES["xsd"]
RENAMED = {"time": "when"}  # local names that are prefixes
# terms for properties of other vocabularies that the loader writes: (name, IRI, coercion)
OTHER_TERMS: tuple[tuple[str, str, str | None], ...] = (
    ("label", PREFIXES["rdfs"] + "label", None),
    ("altLabel", PREFIXES["skos"] + "altLabel", None),
    ("headline", PREFIXES["schema"] + "headline", None),
    ("url", PREFIXES["schema"] + "url", XSD + "anyURI"),
    ("exact", PREFIXES["oa"] + "exact", None),
)

__all__ = ["build_context", "compact", "ontology_terms"]


def ontology_terms(ontology: Graph) -> list[URIRef]:
    """The ontology's classes and properties, in IRI order."""
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return sorted(
        {
            s
            for kind in kinds
            for s in ontology.subjects(RDF.type, kind)
            if isinstance(s, URIRef) and str(s).startswith(TKG) and str(s) != TKG
        }
    )


def build_context(ontology: Graph) -> dict[str, Any]:
    """The published context (``{"@context": {...}}``): the prefixes, then a term for every
    class and property of the ontology and for OTHER_TERMS."""
    ctx: dict[str, Any] = dict(PREFIXES)
    for iri in ontology_terms(ontology):
        local = str(iri)[len(TKG) :]
        name = RENAMED.get(local, local)
        compact_iri = "tkg:" + local
        if (iri, RDF.type, OWL.Class) in ontology:
            ctx[name] = compact_iri
        elif (iri, RDF.type, OWL.ObjectProperty) in ontology:
            ctx[name] = {"@id": compact_iri, "@type": "@id"}
        else:
            ranges = [str(r) for r in ontology.objects(iri, RDFS.range) if isinstance(r, URIRef)]
            datatype = ranges[0] if len(ranges) == 1 and ranges[0] != XSD + "string" else None
            ctx[name] = {"@id": compact_iri, **({"@type": _short(datatype)} if datatype else {})}
    for name, other, datatype in OTHER_TERMS:
        ctx[name] = {"@id": _short(other), **({"@type": _short(datatype)} if datatype else {})}
    return {"@context": ctx}


def _short(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


class Compactor:
    """Compacts expanded JSON-LD nodes (as Oxigraph writes them) with a context."""

    def __init__(self, context: dict[str, Any]) -> None:
        self.prefixes = sorted(
            (
                (ns, p)
                for p, ns in context.items()
                if isinstance(ns, str) and ns.endswith(("/", "#"))
            ),
            key=lambda x: -len(x[0]),
        )
        self.terms: dict[str, tuple[str, str | None]] = {}  # IRI -> (term, coercion)
        self._heads: dict[str, tuple[str, str] | tuple[()]] = {}  # see iri()
        for name, value in context.items():
            definition = {"@id": value} if isinstance(value, str) else value
            iri = self.expand(definition["@id"])
            if iri in self.terms or any(name == p for _, p in self.prefixes):
                continue
            coercion = definition.get("@type")
            self.terms[iri] = (name, self.expand(coercion) if coercion else None)

    def expand(self, value: str) -> str:
        prefix, sep, rest = value.partition(":")
        for ns, p in self.prefixes:
            if sep and p == prefix:
                return ns + rest
        return value

    def iri(self, value: str, vocab: bool = False) -> str:
        if vocab and value in self.terms:
            return self.terms[value][0]
        # Every namespace ends with / or #, so the one an IRI starts with is the one its head
        # (the IRI up to its last / or #) starts with: looked up once per head, not by trying
        # every prefix on each of millions of IRIs (a store has few heads; the memo is capped).
        head = value[: max(value.rfind("/"), value.rfind("#")) + 1]
        found = self._heads.get(head)
        if found is None:
            found = self._prefix_of(head)
            if len(self._heads) < 65536:
                self._heads[head] = found
        if found:
            ns, prefix = found
            return f"{prefix}:{value[len(ns) :]}"
        return value

    def _prefix_of(self, value: str) -> tuple[str, str] | tuple[()]:
        """(namespace, prefix) of the longest namespace ``value`` starts with, or ()."""
        for ns, prefix in self.prefixes:
            if value.startswith(ns) and not value[len(ns) :].startswith("//"):
                return ns, prefix
        return ()

    def node(self, node: Any) -> Any:
        if isinstance(node, list):
            return [self.node(n) for n in node]
        if not isinstance(node, dict):
            return node
        result: dict[str, Any] = {}
        for key, value in node.items():
            if key == _RDF_TYPE:
                result["@type"] = [self.iri(v["@id"], vocab=True) for v in value]
            elif key == "@type":
                result[key] = (
                    [self.iri(v, vocab=True) for v in value]
                    if isinstance(value, list)
                    else self.iri(value, vocab=True)
                )
            elif key == "@id":
                result[key] = self.iri(value)
            elif key.startswith("@"):
                result[key] = self.node(value)
            else:
                term = self.terms.get(key)
                if term is None:  # no term: the values as they are, IRIs shortened
                    result[self.iri(key)] = self.node(value)
                    continue
                name, coercion = term
                values = [self.value(v, coercion) for v in value]
                result[name] = values[0] if len(values) == 1 else values
        return result

    def value(self, value: Any, coercion: str | None) -> Any:
        """One value of a property with a term: a plain string where the term says what the
        string is (an IRI, a literal of its datatype, or a plain string)."""
        if not isinstance(value, dict):
            return value
        if set(value) == {"@id"} and coercion == "@id":
            return self.iri(value["@id"])
        if (
            coercion not in (None, "@id")
            and value.get("@type") in (coercion, _short(coercion or ""))
            and set(value) == {"@type", "@value"}
        ):
            return value["@value"]
        if set(value) == {"@value"} and coercion is None and isinstance(value["@value"], str):
            return value["@value"]
        return self.node(value)


def compact(node: Any, context: dict[str, Any]) -> Any:
    """``node`` (expanded JSON-LD) compacted with ``context`` (the inner ``@context``)."""
    return Compactor(context).node(node)


if __name__ == "__main__":  # regenerate ontology/context.jsonld from the ontology
    import json
    import sys

    json.dump(build_context(ontology_graph()), sys.stdout, indent=2)
    sys.stdout.write("\n")
