"""A page per entity: what the graph says about one IRI, for people (HTML) and machines.

The RDF document of an entity holds its own triples, those of the nodes minted under its
IRI that it links to (a fact's time, reason and reports: ``<fact>/time``, ``<fact>/report/1``)
and the ``rdfs:label`` of everything it links to; an actor's also holds what it said: the facts
it is the agent of or that a report credits to it, with their times, reports and the spans of
text (the quotes) the reports rest on. The HTML page shows the same with labels,
the evidence quotes (the exact words of the article, with its headline) of every report that
is about the entity, and the entities that refer to it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import RDF, Graph, URIRef
from rdflib.term import Node

from kg.export import context
from kg.serve import html
from kg.sparql_terms import bind_values
from kg.store.readers import ReadOnly
from kg.terms import PREFIXES, SCHEMA, SKOS, SPARQL_PREFIXES, TKG

_PREFIXES = SPARQL_PREFIXES
# ?c: the nodes minted under ?x that ?x links to (<fact>/time, <fact>/report/1)
_OUT = "SELECT DISTINCT ?x ?p ?o WHERE { ?x ?p ?o } ORDER BY ?p ?o LIMIT 2000"
_CHILDREN = (
    _PREFIXES
    + """
SELECT DISTINCT ?x ?c ?p ?o WHERE {
  ?x ?link ?c . FILTER(isIRI(?c) && STRSTARTS(STR(?c), CONCAT(STR(?x), "/")))
  ?c ?p ?o
} ORDER BY ?c ?p LIMIT 2000
"""
)
_LABELS = (
    _PREFIXES
    + """
SELECT ?x ?o (SAMPLE(COALESCE(?l1, ?l2, ?l3, ?l4)) AS ?label) WHERE {
  { ?x ?p ?o }
  UNION { ?x ?link ?c . FILTER(isIRI(?c) && STRSTARTS(STR(?c), CONCAT(STR(?x), "/"))) ?c ?cp ?o }
  UNION { ?o ?ip ?x }
  FILTER(isIRI(?o))
  OPTIONAL { ?o rdfs:label ?l1 } OPTIONAL { ?o schema:headline ?l2 }
  OPTIONAL { ?o tkg:summary ?l3 } OPTIONAL { ?o tkg:printedDescription ?l4 }
} GROUP BY ?x ?o LIMIT 5000
"""
)
_INCOMING = (
    _PREFIXES
    + """
SELECT DISTINCT ?x ?s ?p WHERE {
  ?s ?p ?x .
  FILTER(?p NOT IN (rdf:type, oa:hasSource, tkg:inArticle, tkg:source, tkg:report))
  FILTER(!STRSTARTS(STR(?s), CONCAT(STR(?x), "/")))
} ORDER BY ?p ?s LIMIT 300
"""
)
# every report about ?x: of ?x itself, crediting ?x, of a fact that names ?x, in article ?x
_EVIDENCE = (
    _PREFIXES
    + """
SELECT ?x ?fact ?report ?quote ?mode ?source ?article ?headline WHERE {
  { ?x tkg:report ?report . BIND(?x AS ?fact) }
  UNION { ?report tkg:source ?x . ?fact tkg:report ?report }
  UNION { ?fact ?role ?x . FILTER(?role != tkg:report) ?fact tkg:report ?report }
  UNION { ?report tkg:inArticle ?x . ?fact tkg:report ?report }
  ?report tkg:evidence ?span ; tkg:inArticle ?article .
  ?span oa:hasSelector ?selector . ?selector oa:exact ?quote .
  OPTIONAL { ?report tkg:mode ?mode } OPTIONAL { ?report tkg:source ?source }
  OPTIONAL { ?article schema:headline ?headline }
} GROUP BY ?x ?fact ?report ?quote ?mode ?source ?article ?headline
ORDER BY ?article ?fact ?report LIMIT 500
"""
)
# ?a: what ?x said, the facts ?x is the agent of (speech acts) or that a report credits to ?x,
# with their time, reports and the spans of text they rest on (the quotes)
_SAID = """
  { ?a tkg:agent ?x } UNION { ?a tkg:report ?credited . ?credited tkg:source ?x }
  ?a ?alink ?ac . FILTER(isIRI(?ac) && STRSTARTS(STR(?ac), CONCAT(STR(?a), "/")))
"""
_DOCUMENT = (
    _PREFIXES
    + """
CONSTRUCT {
  ?x ?p ?o . ?c ?cp ?co . ?o rdfs:label ?l .
  ?a ?ap ?ao . ?ac ?acp ?aco . ?span ?sp ?so . ?selector ?selp ?selo
} WHERE {
  { ?x ?p ?o }
  UNION {
    ?x ?link ?c . FILTER(isIRI(?c) && STRSTARTS(STR(?c), CONCAT(STR(?x), "/")))
    ?c ?cp ?co
  }
  UNION { ?x ?p ?o . ?o rdfs:label ?l }
  UNION { { ?a tkg:agent ?x } UNION { ?a tkg:report ?credited . ?credited tkg:source ?x }
          ?a ?ap ?ao }
  UNION { """
    + _SAID
    + """ ?ac ?acp ?aco }
  UNION { """
    + _SAID
    + """ ?ac tkg:evidence ?span . ?span ?sp ?so }
  UNION { """
    + _SAID
    + """ ?ac tkg:evidence ?span . ?span oa:hasSelector ?selector . ?selector ?selp ?selo }
}
"""
)
# the names of the IRIs a page shows that _LABELS did not reach (the facts of its evidence)
_NAMES = (
    _PREFIXES
    + """
SELECT ?x (SAMPLE(COALESCE(?l1, ?l2, ?l3, ?l4)) AS ?label) WHERE {
  OPTIONAL { ?x rdfs:label ?l1 } OPTIONAL { ?x schema:headline ?l2 }
  OPTIONAL { ?x tkg:summary ?l3 } OPTIONAL { ?x tkg:printedDescription ?l4 }
} GROUP BY ?x
"""
)
ONTOLOGY_LABELS = (
    _PREFIXES
    + """
SELECT ?t (SAMPLE(?l) AS ?label) WHERE {
  GRAPH <https://w3id.org/tradekg/ontology> { ?t rdfs:label ?l }
} GROUP BY ?t
"""
)
NAME_PREDICATES = (
    URIRef(PREFIXES["rdfs"] + "label"),
    SCHEMA.headline,
    SKOS.prefLabel,
    TKG.summary,
    TKG.printedDescription,
)
HIDDEN = {str(RDF.type), str(TKG.report), str(SCHEMA.articleBody)}


@dataclass
class Entity:
    """What the store says about one IRI, ready to render."""

    iri: URIRef
    facts: list[tuple[URIRef, Node]]
    children: dict[URIRef, list[tuple[URIRef, Node]]]
    labels: dict[str, str]
    evidence: list[tuple[Node | None, ...]]
    incoming: list[tuple[Node | None, ...]]

    @property
    def label(self) -> str:
        for predicate in NAME_PREDICATES:
            for p, o in self.facts:
                if p == predicate:
                    return str(o)
        return str(self.iri).rstrip("/").rsplit("/", 1)[-1]

    def values(self, predicate: URIRef) -> list[Node]:
        return [o for p, o in self.facts if p == predicate]


def load(pstore: ReadOnly, iri: URIRef) -> Entity | None:
    """Everything the page shows, or None when the store says nothing about ``iri``."""
    bind = {"x": iri}
    facts = [
        (r[1], r[2])
        for r in pstore.select(_OUT, bind).rows
        if isinstance(r[1], URIRef) and r[2] is not None
    ]
    if not facts:
        return None
    children: dict[URIRef, list[tuple[URIRef, Node]]] = defaultdict(list)
    for row in pstore.select(_CHILDREN, bind).rows:
        if isinstance(row[1], URIRef) and isinstance(row[2], URIRef) and row[3] is not None:
            children[row[1]].append((row[2], row[3]))
    labels = {
        str(r[1]): str(r[2])
        for r in pstore.select(_LABELS, bind).rows
        if r[1] is not None and r[2] is not None
    }
    found = Entity(
        iri,
        facts,
        dict(children),
        labels,
        [r[1:] for r in pstore.select(_EVIDENCE, bind).rows],
        [r[1:] for r in pstore.select(_INCOMING, bind).rows],
    )
    labels[str(iri)] = found.label
    shown = {
        str(term)
        for row in (*found.evidence, *found.incoming)
        for term in row
        if isinstance(term, URIRef)
    }
    missing = sorted(shown - set(labels))
    if missing:
        rows = [{"x": URIRef(x)} for x in missing]
        for r in pstore.select(bind_values(_NAMES, rows)).rows:
            if r[0] is not None and r[1] is not None:
                labels[str(r[0])] = str(r[1])
    return found


def document(pstore: ReadOnly, iri: URIRef) -> Graph:
    graph = pstore.construct(_DOCUMENT, {"x": iri})
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def serialize(graph: Graph, fmt: str) -> bytes:
    """Turtle, N-Triples or JSON-LD (compacted with the published context)."""
    if fmt == "jsonld":
        return graph.serialize(
            format="json-ld", context=context()["@context"], auto_compact=True, encoding="utf-8"
        )
    return graph.serialize(format="nt" if fmt == "ntriples" else "turtle", encoding="utf-8")


def term_name(iri: str, vocabulary: Mapping[str, str]) -> str:
    """A property or class as a person reads it: its ontology label, else its local name."""
    if iri in vocabulary:
        return vocabulary[iri]
    return iri.rstrip("/#").replace("#", "/").rsplit("/", 1)[-1]


def _rows(
    pairs: list[tuple[URIRef, Node]], labels: Mapping[str, str], vocabulary: Mapping[str, str]
) -> list[list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for p, o in pairs:
        if str(p) in HIDDEN:
            continue
        shown = labels.get(str(o)) or vocabulary.get(str(o))
        grouped[term_name(str(p), vocabulary)].append(
            html.link(str(o), shown) if isinstance(o, URIRef) else html.term(o)
        )
    return [[html.esc(name), "<br>".join(values)] for name, values in sorted(grouped.items())]


def render(entity: Entity, vocabulary: Mapping[str, str], view: str = "") -> bytes:
    """The HTML page of an entity; ``view`` (HTML: the article with its evidence marked, an
    actor's positions) comes first, and stands for the article's plain text."""
    labels = entity.labels
    types = ", ".join(
        html.link(str(t), term_name(str(t), vocabulary)) for t in entity.values(RDF.type)
    )
    path = html.local(str(entity.iri)) or ""
    doc = "/doc/" + path.removeprefix("/id/")
    parts = [
        f"<p>{types}</p>" if types else "",
        view,
        f'<p class="note">IRI <code>{html.esc(entity.iri)}</code> · as '
        f'<a href="{html.esc(doc)}.ttl">Turtle</a>, '
        f'<a href="{html.esc(doc)}.jsonld">JSON-LD</a>, '
        f'<a href="{html.esc(doc)}.nt">N-Triples</a></p>',
        "<h2>Facts</h2>",
        html.table(["property", "value"], _rows(entity.facts, labels, vocabulary)),
    ]
    for child, pairs in sorted(entity.children.items()):
        if any(o == TKG.Report for p, o in pairs if p == RDF.type):
            continue  # reports are shown with their quotes under Evidence
        kinds = ", ".join(term_name(str(o), vocabulary) for p, o in pairs if p == RDF.type)
        parts.append(f"<h3>{html.esc(kinds or child.rsplit('/', 1)[-1])}</h3>")
        parts.append(html.table(["property", "value"], _rows(pairs, labels, vocabulary)))
    if entity.evidence:
        parts.append("<h2>Evidence</h2>")
        for fact, _report, quote, mode, source, article, headline in entity.evidence:
            who = ""
            if isinstance(source, URIRef):
                who = " by " + html.link(str(source), labels.get(str(source)))
            kind = term_name(str(mode), vocabulary) if mode is not None else "report"
            about = (
                f" · about {html.link(str(fact), labels.get(str(fact)))}"
                if isinstance(fact, URIRef) and fact != entity.iri
                else ""
            )
            parts.append(
                f"<blockquote>{html.esc(quote)}</blockquote>"
                f'<p class="note">{html.esc(kind)}{who}, in '
                f"{html.link(str(article), str(headline) if headline else None)}{about}</p>"
            )
    if entity.incoming:
        parts.append("<h2>Referred to by</h2><ul>")
        for subject, predicate in entity.incoming:
            parts.append(
                f"<li>{html.link(str(subject), labels.get(str(subject)))} "
                f'<span class="note">({html.esc(term_name(str(predicate), vocabulary))}'
                ")</span></li>"
            )
        parts.append("</ul>")
    if not view:
        for body in entity.values(SCHEMA.articleBody):
            parts.append("<h2>Text</h2>" + html.paragraphs(str(body)))
    return html.page(entity.label, "".join(parts))
