"""Turning what a user typed ("Freeland", "sunset clause", an id or an IRI) into RDF terms.

Values are matched by binding them into fixed lookup queries, never by pasting them into
query text. A name must match exactly one thing, case-insensitively, or the user is told
what matched (or what came close).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping

from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from kg.errors import InputError, UsageError
from kg.iris import check_iri
from kg.queries.catalogue import SavedQuery
from kg.store import Store
from kg.terms import TKG

# what a parameter type may name: instances of these classes or their subclasses
TOPS: dict[str, tuple[URIRef, ...]] = {
    "actor": (TKG.Actor,),
    "issue": (TKG.Issue,),
    "agreement": (TKG.TradeAgreement,),
    "place": (TKG.Place,),
    "proposal": (TKG.Proposal,),
    "article": (TKG.Article,),
    "fact": (TKG.Proposal, TKG.SpeechAct, TKG.Event),
}
# the IRI segment before an id: id/actor/freeland, id/article/<key>/proposal/sunset-clause
SEGMENT = {"actor": "actor", "issue": "issue", "agreement": "agreement", "place": "place",
           "proposal": "proposal", "article": "article", "fact": ""}

_LOOKUP = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX tkg: <https://w3id.org/tradekg/ontology#>
SELECT ?x (SAMPLE(?name) AS ?label) WHERE {
  ?cls rdfs:subClassOf* ?top .
  {
    ?x rdfs:label|skos:altLabel|tkg:printedDescription|schema:headline ?l .
    FILTER(LCASE(STR(?l)) = ?needle)
  } UNION {
    ?x schema:url ?u . FILTER(STR(?u) = ?raw)
  } UNION {
    ?x a ?cls . FILTER(STRENDS(STR(?x), ?suffix))
  } UNION {
    ?x a ?cls . FILTER(STR(?x) = ?raw)
  }
  ?x a ?cls .
  OPTIONAL { ?x rdfs:label|schema:headline|tkg:summary ?name }
} GROUP BY ?x ORDER BY ?x
"""

_NAMES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?l WHERE {
  ?cls rdfs:subClassOf* ?top . ?x a ?cls ; rdfs:label|skos:altLabel ?l
}
"""


def _lookup(store: Store, query: str, kind: str, bindings: dict[str, Node]
            ) -> list[tuple[Node | None, ...]]:
    rows: list[tuple[Node | None, ...]] = []
    for top in TOPS[kind]:
        rows.extend(store.select(query, {**bindings, "top": top}).rows)
    return list(dict.fromkeys(rows))


def resolve(store: Store, kind: str, raw: str, name: str = "value") -> Node:
    """The RDF term a parameter value stands for."""
    value = raw.strip()
    if kind == "string":
        return Literal(value)
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise UsageError(f"parameter {name!r} must be a whole number, not {raw!r}")
        return Literal(int(value))
    if kind == "date":
        try:
            return Literal(dt.date.fromisoformat(value), datatype=XSD.date)
        except ValueError:
            raise UsageError(f"parameter {name!r} must be a date (YYYY-MM-DD), not {raw!r}"
                             ) from None
    if not value:
        raise UsageError(f"parameter {name!r} is empty")
    bindings: dict[str, Node] = {"needle": Literal(value.lower()), "raw": Literal(value)}
    segment = SEGMENT[kind]
    suffix = f"/{segment}/{value}" if segment else f"/{value}"
    bindings["suffix"] = Literal(suffix)
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value):
        try:
            check_iri(value)
        except InputError as e:
            raise UsageError(f"parameter {name!r}: {e.message}", hint=e.hint) from None
    found = _lookup(store, _LOOKUP, kind, bindings)
    if len(found) == 1:
        term = found[0][0]
        assert term is not None
        return term
    if not found:
        names = [str(r[0]) for r in _lookup(store, _NAMES, kind, {})]
        close = difflib.get_close_matches(value, names, n=3, cutoff=0.6)
        hint = ("did you mean " + ", ".join(repr(c) for c in close) + "?") if close else (
            f"give an id, an IRI, or a name or alias of a {kind} in the store")
        raise UsageError(f"no {kind} matches {raw!r} (parameter {name!r})", hint=hint)
    listed = "; ".join(f"{r[0]} ({r[1]})" if r[1] is not None else str(r[0])
                       for r in found[:6])
    raise UsageError(f"{raw!r} matches {len(found)} {kind}s (parameter {name!r}): {listed}",
                     hint="give the id or the IRI of the one you mean")


def resolve_params(store: Store, query: SavedQuery, raw: Mapping[str, str]) -> dict[str, Node]:
    """Check names against the query's declared parameters and resolve every value."""
    declared = {p.name: p for p in query.params}
    for key in raw:
        if key not in declared:
            known = ", ".join(declared) or "none"
            raise UsageError(f"query {query.name!r} has no parameter {key!r}",
                             hint=f"its parameters: {known}")
    for p in query.params:
        if p.required and p.name not in raw:
            raise UsageError(f"query {query.name!r} needs parameter {p.name!r}",
                             hint=f"add --param {p.name}=VALUE ({p.description})")
    return {k: resolve(store, declared[k].type, v, k) for k, v in raw.items()}
