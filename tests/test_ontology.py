"""The ontology, the closed namespace ``kg.terms.TKG`` and the SHACL shapes agree with each other.

Behavioural tests build tiny article graphs by hand, merge the ontology into them (as the loader
does at validation time) and check the exact SHACL results: focus node, path, constraint, severity.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pyshacl import validate
from pyshacl.errors import ReportableRuntimeError
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

import kg
from kg.terms import DATA, ONTOLOGY_IRI, SCHEMA, SKOS, TIME, TKG

OA = Namespace("http://www.w3.org/ns/oa#")
# a plain namespace: pytest probes module globals, and rdflib's XSD warns on unknown names
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
TKGSH = Namespace("https://w3id.org/tradekg/shapes#")

ROOT = Path(__file__).parents[1]
ONTOLOGY_FILE = ROOT / "ontology" / "tradekg.ttl"
SHAPES_FILE = ROOT / "shapes" / "tradekg.shapes.ttl"

TKG_NS = str(TKG._NS)
OWL_KINDS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def tkg_terms_in(graph: Graph, positions: str = "s") -> set[URIRef]:
    nodes: set[Node] = set()
    for s, p, o in graph:
        nodes.update(n for n, pos in ((s, "s"), (p, "p"), (o, "o")) if pos in positions)
    return {n for n in nodes if isinstance(n, URIRef) and str(n).startswith(TKG_NS)}


def declared_terms() -> set[URIRef]:
    return {URIRef(TKG_NS + name) for name in TKG.__annotations__}


# --- the ontology --------------------------------------------------------------------------


def test_ontology_parses(ontology: Graph) -> None:
    assert (URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology) in ontology


def test_ontology_defines_exactly_the_terms_of_the_closed_namespace(ontology: Graph) -> None:
    defined = tkg_terms_in(ontology, "s")
    declared = declared_terms()
    assert sorted(declared - defined) == [], "in kg/terms.py but not defined by the ontology"
    assert sorted(defined - declared) == [], "defined by the ontology but not in kg/terms.py"


def test_no_tkg_term_is_used_without_being_defined(ontology: Graph) -> None:
    assert sorted(tkg_terms_in(ontology, "spo") - tkg_terms_in(ontology, "s")) == []


@pytest.mark.parametrize("name", sorted(TKG.__annotations__))
def test_every_term_is_typed_labelled_defined_and_attributed(ontology: Graph, name: str) -> None:
    term = URIRef(TKG_NS + name)
    kinds = set(ontology.objects(term, RDF.type)) & OWL_KINDS
    assert len(kinds) == 1, f"{name} has OWL types {kinds}"
    (kind,) = kinds
    if name[0].islower():
        assert kind in {OWL.ObjectProperty, OWL.DatatypeProperty}
    else:
        assert kind in {OWL.Class, OWL.NamedIndividual}
    labels = [o for o in ontology.objects(term, RDFS.label) if isinstance(o, Literal)]
    assert [label.language for label in labels] == ["en"]
    definitions = list(ontology.objects(term, SKOS.definition))
    assert len(definitions) == 1
    assert isinstance(definitions[0], Literal) and definitions[0].language == "en"
    assert len(str(definitions[0])) > 20
    assert list(ontology.objects(term, RDFS.isDefinedBy)) == [URIRef(ONTOLOGY_IRI)]


@pytest.mark.parametrize(
    ("individual", "cls"),
    [
        (TKG.DirectQuote, TKG.ReportMode),
        (TKG.PartialQuote, TKG.ReportMode),
        (TKG.Paraphrase, TKG.ReportMode),
        (TKG.OutletVoice, TKG.ReportMode),
        (TKG.EconomicHarm, TKG.ReasonKind),
        (TKG.Sovereignty, TKG.ReasonKind),
        (TKG.LegalConcern, TKG.ReasonKind),
        (TKG.Imbalance, TKG.ReasonKind),
        (TKG.Procedural, TKG.ReasonKind),
        (TKG.OtherReason, TKG.ReasonKind),
        (TKG.Occurred, TKG.EventStatus),
        (TKG.Scheduled, TKG.EventStatus),
        (TKG.Expected, TKG.EventStatus),
        (TKG.Draft, TKG.ReviewStatus),
        (TKG.Reviewed, TKG.ReviewStatus),
        (TKG.IssueScheme, SKOS.ConceptScheme),
    ],
)
def test_individuals_have_their_class(ontology: Graph, individual: URIRef, cls: URIRef) -> None:
    assert (individual, RDF.type, cls) in ontology
    if cls != SKOS.ConceptScheme:
        assert (individual, RDF.type, SKOS.Concept) in ontology
        assert (individual, SKOS.inScheme, cls) in ontology


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        (c, TKG.Actor)
        for c in (
            TKG.Person,
            TKG.Country,
            TKG.Organization,
            TKG.ActorGroup,
            TKG.UnnamedSource,
            TKG.GovernmentBody,
            TKG.InterestGroup,
        )
    ]
    + [
        (c, TKG.SpeechAct)
        for c in (TKG.Statement, TKG.Demand, TKG.Objection, TKG.Threat, TKG.Support, TKG.Rejection)
    ]
    + [(TKG.Rejection, TKG.Objection)]
    + [(TKG.Extraction, URIRef("http://www.w3.org/ns/prov#Activity"))]
    + [
        (c, TKG.Event)
        for c in (
            TKG.Negotiation,
            TKG.NegotiationRound,
            TKG.Meeting,
            TKG.PressConference,
            TKG.Milestone,
        )
    ],
)
def test_subclass_tree(ontology: Graph, sub: URIRef, sup: URIRef) -> None:
    assert sup in set(ontology.transitive_objects(sub, RDFS.subClassOf))


def test_version_iri_matches_package_version(ontology: Graph) -> None:
    version_iris = list(ontology.objects(URIRef(ONTOLOGY_IRI), OWL.versionIRI))
    assert version_iris == [URIRef(f"{ONTOLOGY_IRI}/{kg.__version__}")]
    assert str(version_iris[0]).endswith(kg.__version__)
    assert list(ontology.objects(URIRef(ONTOLOGY_IRI), OWL.versionInfo)) == [
        Literal(kg.__version__)
    ]


# --- the shapes ----------------------------------------------------------------------------


def test_shapes_use_only_terms_the_ontology_defines(ontology: Graph, shapes: Graph) -> None:
    used = tkg_terms_in(shapes, "spo")
    assert used, "the shapes should mention tkg: terms"
    assert sorted(used - tkg_terms_in(ontology, "s")) == []


TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
LOGICAL = (SH["or"], SH["not"], SH["and"], SH.xone, SH.node)


def test_every_constraint_a_person_can_see_has_a_message(shapes: Graph) -> None:
    """Results come from shapes with targets and the property shapes they list; shapes nested in
    sh:or / sh:not only decide whether their parent conforms, so their messages never show."""
    targeted = {s for p in TARGETS for s in shapes.subjects(p, None)}
    property_shapes = {o for s in targeted for o in shapes.objects(s, SH.property)}
    node_rules = {s for s in targeted if any((s, p, None) in shapes for p in LOGICAL)}
    targeted_paths = {s for s in targeted if (s, SH.path, None) in shapes}
    constraints = property_shapes | node_rules | targeted_paths
    assert len(constraints) > 40
    missing = [c for c in constraints if not list(shapes.objects(c, SH.message))]
    assert missing == []


def test_shapes_are_shacl_core_only(shapes: Graph) -> None:
    """pySHACL re-parses a SPARQL constraint's query for every focus node (about 1.5 s for the
    sample article); the Core shapes validate it in well under 150 ms."""
    assert not list(shapes.triples((None, SH.sparql, None)))
    assert not list(shapes.triples((None, SH.select, None)))
    assert not list(shapes.subjects(RDF.type, SH.SPARQLConstraint))


def test_severities_are_standard(shapes: Graph) -> None:
    assert set(shapes.objects(None, SH.severity)) <= {SH.Violation, SH.Warning, SH.Info}


def test_shapes_graph_is_well_formed_shacl(shapes: Graph) -> None:
    conforms, _, text = validate(Graph(), shacl_graph=shapes, meta_shacl=True, inference="none")
    assert conforms, text


def test_meta_shacl_check_catches_a_broken_shape(shapes: Graph) -> None:
    broken = Graph()
    for triple in shapes:
        broken.add(triple)
    broken.add((TKGSH.ArticleShape, SH.property, TKGSH.Broken))
    broken.add((TKGSH.Broken, SH.path, SCHEMA.url))
    broken.add((TKGSH.Broken, SH.minCount, Literal("one")))
    with pytest.raises(ReportableRuntimeError):
        validate(Graph(), shacl_graph=broken, meta_shacl=True, inference="none")


# --- behaviour on hand-built article graphs ------------------------------------------------

ARTICLE = DATA["article/0123456789abcdef"]
SPAN = URIRef(f"{ARTICLE}/span/0-9")
QUOTE = URIRef(f"{SPAN}/quote")
POSITION = URIRef(f"{SPAN}/position")
STATEMENT = URIRef(f"{ARTICLE}/statement/progress")
REPORT = URIRef(f"{STATEMENT}/report/1")
FREELAND = DATA["actor/freeland"]
OTTAWA = DATA["place/ottawa"]
BODY = "Some progress, Freeland said."


def minimal_article(ontology: Graph) -> Graph:
    """The smallest article graph that conforms: an article, a span, a report, a statement."""
    g = Graph()
    for triple in ontology:
        g.add(triple)
    g.add((ARTICLE, RDF.type, TKG.Article))
    g.add((ARTICLE, SCHEMA.url, Literal("https://example.org/news/1", datatype=XSD.anyURI)))
    g.add((ARTICLE, SCHEMA.headline, Literal("Talks make little headway")))
    g.add((ARTICLE, SCHEMA.publisher, Literal("Example Wire")))
    g.add((ARTICLE, SCHEMA.datePublished, Literal("2017-11-21", datatype=XSD.date)))
    g.add((ARTICLE, SCHEMA.inLanguage, Literal("en")))
    g.add((ARTICLE, SCHEMA.articleBody, Literal(BODY)))
    g.add((ARTICLE, TKG.contentHash, Literal(hashlib.sha256(BODY.encode()).hexdigest())))

    g.add((SPAN, RDF.type, TKG.EvidenceSpan))
    g.add((SPAN, OA.hasSource, ARTICLE))
    g.add((SPAN, OA.hasSelector, QUOTE))
    g.add((SPAN, OA.hasSelector, POSITION))
    g.add((QUOTE, RDF.type, OA.TextQuoteSelector))
    g.add((QUOTE, OA.exact, Literal("Some prog")))
    g.add((QUOTE, OA.suffix, Literal("ress, Free")))
    g.add((POSITION, RDF.type, OA.TextPositionSelector))
    g.add((POSITION, OA.start, Literal(0, datatype=XSD.integer)))
    g.add((POSITION, OA.end, Literal(9, datatype=XSD.integer)))

    g.add((REPORT, RDF.type, TKG.Report))
    g.add((REPORT, TKG.inArticle, ARTICLE))
    g.add((REPORT, TKG.evidence, SPAN))
    g.add((REPORT, TKG.mode, TKG.Paraphrase))
    g.add((REPORT, TKG.source, FREELAND))
    g.add((REPORT, TKG.reportingVerb, Literal("said")))
    g.add((REPORT, TKG.content, Literal("Some progress")))

    g.add((STATEMENT, RDF.type, TKG.Statement))
    g.add((STATEMENT, TKG.agent, FREELAND))
    g.add((STATEMENT, TKG.report, REPORT))

    # from the reference graph: the type lives there, and the ontology says a Person is an Actor
    g.add((FREELAND, RDF.type, TKG.Person))
    g.add((FREELAND, RDFS.label, Literal("Chrystia Freeland")))
    g.add((OTTAWA, RDF.type, TKG.Place))
    g.add((OTTAWA, RDFS.label, Literal("Ottawa")))
    return g


def results(g: Graph, shapes: Graph) -> tuple[bool, list[dict[str, Node | None]]]:
    conforms, report, _ = validate(
        g,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=True,
        allow_infos=True,  # per SHACL any result fails; only Violations block
    )
    found = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        found.append(
            {
                "focus": report.value(r, SH.focusNode),
                "path": report.value(r, SH.resultPath),
                "severity": report.value(r, SH.resultSeverity),
                "component": report.value(r, SH.sourceConstraintComponent),
                "shape": report.value(r, SH.sourceShape),
                "message": report.value(r, SH.resultMessage),
                "value": report.value(r, SH.value),
            }
        )
    return conforms, found


def only(found: list[dict[str, Node | None]]) -> dict[str, Node | None]:
    assert len(found) == 1, found
    return found[0]


def test_minimal_article_conforms_without_any_result(ontology: Graph, shapes: Graph) -> None:
    conforms, found = results(minimal_article(ontology), shapes)
    assert conforms
    assert found == []


def test_paraphrase_without_source_is_a_violation(ontology: Graph, shapes: Graph) -> None:
    g = minimal_article(ontology)
    g.remove((REPORT, TKG.source, None))
    conforms, found = results(g, shapes)
    assert not conforms
    r = only(found)
    assert r["focus"] == REPORT
    assert r["path"] is None  # a node-level rule: its message names the key
    assert r["severity"] == SH.Violation
    assert r["component"] == SH.OrConstraintComponent
    assert r["shape"] == TKGSH.ReportNamesSource
    assert "names no source" in str(r["message"]) and "`source:`" in str(r["message"])


def test_report_without_mode_is_reported_once(ontology: Graph, shapes: Graph) -> None:
    g = minimal_article(ontology)
    g.remove((REPORT, TKG.mode, None))
    g.remove((REPORT, TKG.source, None))
    r = only(results(g, shapes)[1])
    assert (r["focus"], r["path"], r["component"]) == (
        REPORT,
        TKG.mode,
        SH.MinCountConstraintComponent,
    )


def test_outlet_voice_with_source_is_a_violation(ontology: Graph, shapes: Graph) -> None:
    g = minimal_article(ontology)
    g.set((REPORT, TKG.mode, TKG.OutletVoice))
    conforms, found = results(g, shapes)
    assert not conforms
    r = only(found)
    assert (r["focus"], r["path"], r["shape"], r["value"]) == (
        REPORT,
        TKG.mode,
        TKGSH.OutletVoiceHasNoSource,
        TKG.OutletVoice,
    )
    assert "remove `source:`" in str(r["message"])


def test_outlet_voice_without_source_conforms(ontology: Graph, shapes: Graph) -> None:
    g = minimal_article(ontology)
    g.set((REPORT, TKG.mode, TKG.OutletVoice))
    g.remove((REPORT, TKG.source, None))
    assert results(g, shapes) == (True, [])


def test_source_must_be_an_actor_subclasses_count_without_inference(
    ontology: Graph, shapes: Graph
) -> None:
    """``sh:class tkg:Actor`` accepts a tkg:Person (above) because the ontology is in the data
    graph; a place is not an actor."""
    g = minimal_article(ontology)
    g.set((REPORT, TKG.source, OTTAWA))
    conforms, found = results(g, shapes)
    assert not conforms
    r = only(found)
    assert (r["focus"], r["path"], r["component"], r["severity"]) == (
        REPORT,
        TKG.source,
        SH.ClassConstraintComponent,
        SH.Violation,
    )


def test_objection_without_reason_is_only_a_warning(ontology: Graph, shapes: Graph) -> None:
    g = minimal_article(ontology)
    proposal = URIRef(f"{ARTICLE}/proposal/sunset")
    issue = DATA["issue/sunset-clause"]
    g.add((issue, RDF.type, TKG.Issue))
    g.add((issue, RDFS.label, Literal("sunset clause")))
    g.add((issue, SKOS.inScheme, TKG.IssueScheme))
    g.add((proposal, RDF.type, TKG.Proposal))
    g.add((proposal, TKG.proposer, FREELAND))
    g.add((proposal, TKG.issue, issue))
    g.add((proposal, TKG.summary, Literal("End the agreement after five years")))
    g.add((proposal, TKG.report, REPORT))
    # a rejection is typed only tkg:Rejection; the objection shapes must still apply
    g.set((STATEMENT, RDF.type, TKG.Rejection))
    g.add((STATEMENT, TKG.target, proposal))
    conforms, found = results(g, shapes)
    assert conforms
    r = only(found)
    assert r["focus"] == STATEMENT
    assert r["path"] == TKG.reason
    assert r["severity"] == SH.Info  # articles often give no reason: information, not a warning
    assert r["component"] == SH.MinCountConstraintComponent
    assert "states no reason" in str(r["message"])


def test_negotiation_round_numbered_zero_is_a_violation(ontology: Graph, shapes: Graph) -> None:
    g = minimal_article(ontology)
    event = URIRef(f"{ARTICLE}/event/round-5")
    g.add((event, RDF.type, TKG.NegotiationRound))
    g.add((event, RDFS.label, Literal("fifth round of NAFTA talks")))
    g.add((event, TKG.roundNumber, Literal(0)))
    g.add((event, TKG.status, TKG.Occurred))
    g.add((event, TKG.place, OTTAWA))
    g.add((event, TKG.participant, FREELAND))
    g.add((event, TKG.report, REPORT))
    conforms, found = results(g, shapes)
    assert not conforms
    r = only(found)
    assert (r["focus"], r["path"], r["component"], r["severity"]) == (
        event,
        TKG.roundNumber,
        SH.MinInclusiveConstraintComponent,
        SH.Violation,
    )


def test_impossible_publication_date_is_a_violation(ontology: Graph, shapes: Graph) -> None:
    g = minimal_article(ontology)
    g.set((ARTICLE, SCHEMA.datePublished, Literal("2017-13-45", datatype=XSD.date)))
    conforms, found = results(g, shapes)
    assert not conforms
    r = only(found)
    assert (r["focus"], r["path"], r["component"], r["severity"]) == (
        ARTICLE,
        SCHEMA.datePublished,
        SH.DatatypeConstraintComponent,
        SH.Violation,
    )


def test_unresolved_time_is_info_and_partly_resolved_time_a_violation(
    ontology: Graph, shapes: Graph
) -> None:
    g = minimal_article(ontology)
    when = URIRef(f"{STATEMENT}/time")
    g.add((STATEMENT, TKG.time, when))
    g.add((when, RDF.type, TKG.TimeSpec))
    g.add((when, TKG.phrase, Literal("next month")))
    g.add((when, TKG.evidence, SPAN))
    conforms, found = results(g, shapes)
    assert conforms
    r = only(found)
    assert (r["focus"], r["path"], r["severity"]) == (when, TKG.value, SH.Info)
    assert "no resolved date" in str(r["message"])

    g.add((when, TKG.value, Literal("2017-12", datatype=XSD.gYearMonth)))
    conforms, found = results(g, shapes)
    assert not conforms
    r = only(found)
    assert (r["focus"], r["shape"], r["severity"]) == (
        when,
        TKGSH.TimeResolvedWhole,
        SH.Violation,
    )

    for p, o in (
        (TKG.precision, TIME.unitMonth),
        (TKG.start, Literal("2017-12-01", datatype=XSD.date)),
        (TKG.end, Literal("2017-12-31", datatype=XSD.date)),
    ):
        g.add((when, p, o))
    assert results(g, shapes) == (True, [])


def test_precision_must_fit_the_form_of_the_date(ontology: Graph, shapes: Graph) -> None:
    g = minimal_article(ontology)
    when = URIRef(f"{STATEMENT}/time")
    g.add((STATEMENT, TKG.time, when))
    g.add((when, RDF.type, TKG.TimeSpec))
    g.add((when, TKG.phrase, Literal("next month")))
    g.add((when, TKG.evidence, SPAN))
    g.add((when, TKG.value, Literal("2017-12", datatype=XSD.gYearMonth)))
    g.add((when, TKG.precision, TIME.unitDay))
    g.add((when, TKG.start, Literal("2017-12-31", datatype=XSD.date)))
    g.add((when, TKG.end, Literal("2017-12-01", datatype=XSD.date)))
    conforms, found = results(g, shapes)
    assert not conforms
    assert sorted((str(r["shape"]), str(r["path"]), str(r["value"])) for r in found) == [
        (str(TKGSH.TimePrecisionFitsValue), "None", str(when)),
        (str(TKGSH.TimeStartNotAfterEnd), str(TKG.start), "2017-12-31"),
    ]


def test_span_that_ends_before_it_starts_is_a_violation(ontology: Graph, shapes: Graph) -> None:
    g = minimal_article(ontology)
    g.set((POSITION, OA.start, Literal(9, datatype=XSD.integer)))
    conforms, found = results(g, shapes)
    assert not conforms
    r = only(found)
    assert (r["focus"], r["path"], r["shape"], r["component"]) == (
        POSITION,
        OA.start,
        TKGSH.StartBeforeEnd,
        SH.LessThanConstraintComponent,
    )


def test_statement_in_outlet_voice_needs_no_agent(ontology: Graph, shapes: Graph) -> None:
    g = minimal_article(ontology)
    g.remove((STATEMENT, TKG.agent, None))
    r = only(results(g, shapes)[1])
    assert (r["focus"], r["path"], r["shape"]) == (STATEMENT, None, TKGSH.StatementShape)
    g.set((REPORT, TKG.mode, TKG.OutletVoice))
    g.remove((REPORT, TKG.source, None))
    assert results(g, shapes) == (True, [])


def test_evidence_from_another_article_is_a_violation(ontology: Graph, shapes: Graph) -> None:
    g = minimal_article(ontology)
    other = DATA["article/fedcba9876543210"]
    for p, o in list(g.predicate_objects(ARTICLE)):
        g.add((other, p, o))
    g.set((other, SCHEMA.url, Literal("https://example.org/news/2", datatype=XSD.anyURI)))
    g.set((REPORT, TKG.inArticle, other))
    r = only(results(g, shapes)[1])
    assert (r["focus"], r["path"], r["shape"], r["component"]) == (
        REPORT,
        None,
        TKGSH.ReportEvidenceInArticle,
        SH.NotConstraintComponent,
    )


def test_actor_group_needs_two_members(ontology: Graph, shapes: Graph) -> None:
    g = minimal_article(ontology)
    group = URIRef(f"{ARTICLE}/actor/canada-and-mexico")
    g.add((group, RDF.type, TKG.ActorGroup))
    g.add((group, RDFS.label, Literal("Canada and Mexico")))
    g.add((group, TKG.member, FREELAND))
    g.add((group, SKOS.exactMatch, BNode()))
    conforms, found = results(g, shapes)
    assert not conforms
    assert sorted((str(r["path"]), str(r["component"])) for r in found) == sorted(
        [
            (str(TKG.member), str(SH.MinCountConstraintComponent)),
            (str(SKOS.exactMatch), str(SH.NodeKindConstraintComponent)),
            (str(SKOS.exactMatch), str(SH.PatternConstraintComponent)),
        ]
    )
