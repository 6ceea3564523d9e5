"""The VoID/DCAT description of the dataset: what the store holds, in RDF.

One builder, used by ``tradekg export --format void`` and by ``tradekg serve`` at
``/.well-known/void``, so both publish the same description. Every IRI in it is canonical
(under ``https://w3id.org/tradekg/``): the server maps that base onto itself, so the SPARQL
endpoint ``<base>sparql`` and the example resources resolve on a running server.

Counts: ``void:triples`` counts the statements of every tradekg graph (the ontology and the
reference data included) as ``tradekg stats`` does, from the counts the store keeps;
``void:classPartition`` gives the number of distinct instances of each class, ``tkg:Article``
among them. ``dcterms:modified`` is the time of the store's newest data file (the graphs
themselves carry no write times, since the same input always yields the same graph); it is
left out when the store is not a local directory.
"""

from __future__ import annotations

from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from kg.store import Store
from kg.terms import BASE, DATA, ONTOLOGY_IRI, PREFIXES, SKOS, SPARQL_PREFIXES, WD

VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace(PREFIXES["dcterms"])
FOAF = Namespace("http://xmlns.com/foaf/0.1/")

DESCRIPTION = URIRef(BASE + ".well-known/void")
DATASET = URIRef(BASE + ".well-known/void#dataset")
WIKIDATA_LINKS = URIRef(BASE + ".well-known/void#wikidata-links")
WIKIDATA = URIRef(BASE + ".well-known/void#wikidata")
ENDPOINT = URIRef(BASE + "sparql")
SERVICE = URIRef(BASE + ".well-known/void#sparql-service")
CONTEXT = URIRef(BASE + "context.jsonld")

_PREFIXES = SPARQL_PREFIXES
# tradekg's own graphs (each says it is a prov:Bundle), not a SPARQL server's system graphs
_CLASSES = """
SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
  GRAPH ?g { ?g a <http://www.w3.org/ns/prov#Bundle> } GRAPH ?g { ?x a ?class }
} GROUP BY ?class ORDER BY ?class
"""
_PUBLISHED = (
    _PREFIXES
    + """
SELECT (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE { ?a a tkg:Article ; schema:datePublished ?d }
"""
)
_LINKS = (
    _PREFIXES
    + """
SELECT (COUNT(*) AS ?n) WHERE {
  SELECT DISTINCT ?x ?wd WHERE {
    ?x skos:exactMatch ?wd . FILTER(STRSTARTS(STR(?wd), "http://www.wikidata.org/entity/"))
  }
}
"""
)
# one example of each kind, the first by IRI: an article, an actor with a Wikidata link,
# a proposal, an issue
_EXAMPLES = (
    _PREFIXES
    + """
SELECT ?kind (MIN(?x) AS ?example) WHERE {
  { ?x a tkg:Article . BIND(1 AS ?kind) }
  UNION { ?cls rdfs:subClassOf* tkg:Actor . ?x a ?cls ; skos:exactMatch ?wd . BIND(2 AS ?kind) }
  UNION { ?x a tkg:Proposal . BIND(3 AS ?kind) }
  UNION { ?x a tkg:Issue . BIND(4 AS ?kind) }
} GROUP BY ?kind ORDER BY ?kind
"""
)
VOCABULARIES = ("tkg", "schema", "prov", "oa", "skos", "time", "org", "dcterms", "rdfs")


def _triples(store: Store) -> int:
    """The triples of tradekg's graphs, as ``tradekg stats`` counts them (from the counts the
    store keeps: queries/stats.rq)."""
    from kg.queries import run_saved

    rows = {str(what): count for what, count in run_saved(store, "stats").rows}
    return int(str(rows["triples"]))


def _count(store: Store, query: str) -> int:
    rows = store.select(query).rows
    return int(str(rows[0][0])) if rows and rows[0][0] is not None else 0


def describe(store: Store) -> Graph:
    """The VoID/DCAT description of what ``store`` holds."""
    g = Graph()
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)
    g.bind("void", VOID)
    g.bind("dcat", DCAT)
    g.bind("foaf", FOAF)

    def lit(value: object, datatype: URIRef | None = None) -> Literal:
        return Literal(value, datatype=datatype)

    def add(s: Node, p: URIRef, o: Node) -> None:
        g.add((s, p, o))

    add(DESCRIPTION, RDF.type, VOID.DatasetDescription)
    add(DESCRIPTION, DCTERMS.title, lit("A VoID/DCAT description of the tradekg dataset"))
    add(DESCRIPTION, FOAF.primaryTopic, DATASET)

    add(DATASET, RDF.type, VOID.Dataset)
    add(DATASET, RDF.type, DCAT.Dataset)
    add(DATASET, DCTERMS.title, lit("tradekg: trade-negotiation claims with their evidence"))
    add(
        DATASET,
        DCTERMS.description,
        lit(
            "Facts drawn from news articles about trade negotiations (who proposed what, who "
            "objected and why, who said what, when and where), each resting on the exact words "
            "of its article. One named graph per article, a reference graph of shared actors, "
            "agreements and issues, and the ontology graph."
        ),
    )
    for keyword in ("trade", "negotiation", "news", "claims", "provenance"):
        add(DATASET, DCAT.keyword, lit(keyword))
    add(DATASET, VOID.uriSpace, lit(str(DATA)))
    add(DATASET, VOID.sparqlEndpoint, ENDPOINT)
    for prefix in VOCABULARIES:
        add(DATASET, VOID.vocabulary, URIRef(PREFIXES[prefix]))
    add(DATASET, DCTERMS.conformsTo, URIRef(ONTOLOGY_IRI))

    add(DATASET, VOID.triples, lit(_triples(store)))
    classes = store.select(_CLASSES).rows
    add(DATASET, VOID.classes, lit(len(classes)))
    for cls, n in classes:
        if not isinstance(cls, URIRef):
            continue
        part = BNode()
        add(DATASET, VOID.classPartition, part)
        add(part, VOID["class"], cls)
        add(part, VOID.entities, lit(int(str(n))))

    published = store.select(_PUBLISHED).rows
    if published and published[0][0] is not None:
        period = BNode()
        add(DATASET, DCTERMS.temporal, period)
        add(period, RDF.type, DCTERMS.PeriodOfTime)
        add(period, DCAT.startDate, lit(str(published[0][0]), XSD.date))
        add(period, DCAT.endDate, lit(str(published[0][1]), XSD.date))
    modified = store.last_modified()
    if modified is not None:
        add(DATASET, DCTERMS.modified, lit(modified.isoformat(), XSD.dateTime))

    for _, example in store.select(_EXAMPLES).rows:
        if isinstance(example, URIRef):
            add(DATASET, VOID.exampleResource, example)

    # the SPARQL endpoint, as a DCAT data service and distribution
    add(SERVICE, RDF.type, DCAT.DataService)
    add(SERVICE, DCAT.endpointURL, ENDPOINT)
    add(SERVICE, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/"))
    add(SERVICE, DCAT.servesDataset, DATASET)
    distribution = BNode()
    add(DATASET, DCAT.distribution, distribution)
    add(distribution, RDF.type, DCAT.Distribution)
    add(distribution, DCAT.accessURL, ENDPOINT)
    add(distribution, DCAT.accessService, SERVICE)
    add(DATASET, DCTERMS.references, CONTEXT)

    # the skos:exactMatch links to Wikidata, as a linkset
    add(WIKIDATA, RDF.type, VOID.Dataset)
    add(WIKIDATA, DCTERMS.title, lit("Wikidata"))
    add(WIKIDATA, VOID.uriSpace, lit(str(WD)))
    add(WIKIDATA_LINKS, RDF.type, VOID.Linkset)
    add(WIKIDATA_LINKS, VOID.linkPredicate, SKOS.exactMatch)
    add(WIKIDATA_LINKS, VOID.subjectsTarget, DATASET)
    add(WIKIDATA_LINKS, VOID.objectsTarget, WIKIDATA)
    add(WIKIDATA_LINKS, VOID.triples, lit(_count(store, _LINKS)))
    add(DATASET, VOID.subset, WIKIDATA_LINKS)
    return g


__all__ = ["DATASET", "DCAT", "DESCRIPTION", "ENDPOINT", "VOID", "describe"]
