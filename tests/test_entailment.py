"""The ontology's domain and range axioms survive RDFS entailment, and class membership needs none.

Under RDFS entailment (a store with inference on, or a reasoner such as owlrl) a domain or range
axiom types whatever the loader writes the property on: were ``tkg:partOf`` given the domain
``tkg:NegotiationRound``, every meeting part of a negotiation would become a round, and the shapes
would reject it. So the RDFS closure of every curated article graph, with the reference graph and
the ontology, must give exactly the same SHACL findings as the graph itself (none of them errors).

The other way round: the loader writes the superclass types of the ontology's own classes
(``kg.rdf.with_supertypes``), so a plain SPARQL client finds every objection with
``?x a tkg:SpeechAct``, no inference needed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import owlrl
import pytest
from rdflib import RDF, Graph, Literal, URIRef

from kg.iris import article_iri, child
from kg.kinds import kind_of_class
from kg.loaders.facts import load_facts
from kg.loaders.reference import Reference
from kg.rdf import article_rdf, reference_to_graph, tkg_superclasses
from kg.resources import ontology_graph, sample_dir
from kg.store import Store
from kg.terms import TKG
from kg.validate import Finding, shacl_findings

ROOT = Path(__file__).resolve().parents[1]
CURATED = sorted(sample_dir().glob("*.facts.yaml")) + sorted(
    (ROOT / "benchmarks" / "devset").glob("*.facts.yaml")
)


class RDFSClosure(owlrl.RDFS_Semantics):  # type: ignore[misc]
    """owlrl's RDFS rules (rdfs2/3/5/7/9/11 and the rest), without its one-time step that
    copies every triple onto each literal of "the same value": it takes "x" and "x"@en for the
    same value, which RDF does not (and no RDFS rule says), so it would give every issue a
    second, language-tagged rdfs:label."""

    def one_time_rules(self) -> None:
        pass


def rdfs_closure(graph: Graph) -> Graph:
    closed = Graph(store="SimpleMemory")
    for triple in graph:
        closed.add(triple)
    # improved_datatypes=False: owlrl's own lexical conversions would replace rdflib's for the
    # whole process (rdflib.term._toPythonMapping) and change how later tests compare dates
    try:
        owlrl.DeductiveClosure(RDFSClosure, improved_datatypes=False).expand(closed)
    finally:
        owlrl.DatatypeHandling.use_RDFLib_lexical_conversions()
    # rdfs3 on a literal ("x" a xsd:string) is generalised RDF, which no store or SHACL engine
    # takes: drop those
    for triple in [t for t in closed if isinstance(t[0], Literal)]:
        closed.remove(triple)
    return closed


def findings(graph: Graph) -> list[tuple[str, str, str, str | None]]:
    found: list[Finding] = shacl_findings(graph)
    return sorted({(f.severity, f.node, f.message, f.path) for f in found})


@pytest.fixture(scope="module")
def shared(reference: Reference) -> Graph:
    g = Graph(store="SimpleMemory")
    for part in (ontology_graph(), reference_to_graph(reference)):
        for triple in part:
            g.add(triple)
    return g


def test_the_curated_corpus_is_all_there() -> None:
    names = [p.name for p in CURATED]
    assert names[0] == "nafta-round5.facts.yaml"  # the sample
    assert len(names) == 11  # and the ten articles of the dev set


@pytest.mark.parametrize("path", CURATED, ids=[f"{p.parent.name}/{p.name}" for p in CURATED])
def test_the_rdfs_closure_of_a_curated_article_conforms_as_the_article_does(
    path: Path, reference: Reference, shared: Graph
) -> None:
    data = Graph(store="SimpleMemory")
    for triple in shared:
        data.add(triple)
    for triple in article_rdf(load_facts(path, reference)).triples:
        data.add(triple)
    closed = rdfs_closure(data)
    assert len(closed) > len(data) + 1000  # the reasoner did run (every node is a rdfs:Resource)
    before, after = findings(data), findings(closed)
    assert [f for f in after if f[0] == "error"] == []
    assert after == before


def test_a_meeting_part_of_a_negotiation_stays_a_meeting_under_entailment(
    reference: Reference, shared: Graph
) -> None:
    facts = load_facts(sample_dir() / "nafta-round5.facts.yaml", reference)
    data = Graph(store="SimpleMemory")
    for triple in (*shared, *article_rdf(facts).triples):
        data.add(triple)
    closed = rdfs_closure(data)
    meeting = child(article_iri(facts.article.url), "event", "next-round")
    assert (meeting, TKG.partOf, None) in data
    tkg_types = {t for t in closed.objects(meeting, RDF.type) if t.startswith(str(TKG._NS))}
    assert tkg_types == {TKG.Meeting, TKG.Event}


def test_a_round_number_on_another_event_is_refused_by_the_shapes(shared: Graph) -> None:
    # tkg:roundNumber keeps its domain tkg:NegotiationRound: the shapes say what it implies
    meeting = URIRef("https://w3id.org/tradekg/id/article/0/event/m")
    data = Graph(store="SimpleMemory")
    for triple in shared:
        data.add(triple)
    data.add((meeting, RDF.type, TKG.Meeting))
    data.add((meeting, TKG.roundNumber, Literal(5)))
    assert (
        "error",
        str(meeting),
        "Only a negotiation round has a `round:` number: remove `round:` from this event, "
        "or give it `type: NegotiationRound`.",
        None,
    ) in findings(data)


def test_superclasses_come_from_the_ontology() -> None:
    supers = tkg_superclasses()
    assert supers[TKG.Rejection] == (TKG.Objection, TKG.SpeechAct)
    assert supers[TKG.GovernmentBody] == (TKG.Actor, TKG.Organization)
    assert supers[TKG.Meeting] == (TKG.Event,)
    assert TKG.Report not in supers  # its superclass (prov:Attribution) is not tkg's own
    assert TKG.SpeechAct not in supers


def rows(store: Store, query: str) -> set[Any]:
    return {row for row in store.select(query).rows}


def test_speech_acts_are_found_by_class_without_inference(
    sample_store: Store, reference: Reference
) -> None:
    facts = load_facts(sample_dir() / "nafta-round5.facts.yaml", reference)
    a = article_iri(facts.article.url)
    acts = {(child(a, kind_of_class(act.kind).segment, act.key),) for act in facts.acts}
    assert len(acts) == 19
    found = rows(
        sample_store,
        "PREFIX tkg: <https://w3id.org/tradekg/ontology#> SELECT ?x WHERE { ?x a tkg:SpeechAct }",
    )
    assert found == acts


def test_events_and_actors_are_found_by_their_superclass(sample_store: Store) -> None:
    prefix = "PREFIX tkg: <https://w3id.org/tradekg/ontology#> "
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    events = rows(
        sample_store, prefix + f"SELECT ?label WHERE {{ ?x a tkg:Event ; {label} ?label }}"
    )
    assert {str(row[0]) for row in events} == {
        "NAFTA renegotiation",
        "Fifth round of the NAFTA renegotiation",
        "Freeland speaks to reporters in Ottawa",
        "Negotiating teams meet again in Washington",
        "Meaningful progress hoped for before the end of the year",
    }
    organisations = rows(
        sample_store,
        prefix + f"SELECT ?label WHERE {{ ?x a tkg:Organization , tkg:Actor ; {label} ?label "
        'FILTER(?label IN ("business groups", "Office of the United States Trade Representative"))'
        " }",
    )
    assert {str(row[0]) for row in organisations} == {
        "business groups",  # an interest group the article defines
        "Office of the United States Trade Representative",  # a government body, reference data
    }
