"""The table of fact kinds (kg.kinds) and the lists of classes in saved queries and shapes agree
with the ontology: a class added to the ontology and forgotten in one of them fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from kg.kinds import FAMILIES, KINDS, SPEECH_ACTS, family_classes, kind_of_class
from kg.terms import TKG

ROOT = Path(__file__).parents[1]
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
TKG_NS = str(TKG._NS)

# a VALUES block of one variable, and the list of an IN test
_VALUES = re.compile(r"VALUES\s+\?\w+\s*\{([^{}]*)\}")
_IN = re.compile(r"\?\w+\s+IN\s*\(([^()]*)\)", re.IGNORECASE)
_TERM = re.compile(r"[^\s,]+")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ROOT / "ontology" / "tradekg.ttl", format="turtle")


def subclasses(ontology: Graph, cls: URIRef) -> set[URIRef]:
    """The class and all its subclasses in the ontology."""
    return {c for c in ontology.transitive_subjects(RDFS.subClassOf, cls) if isinstance(c, URIRef)}


def name(iri: URIRef) -> str:
    return iri.removeprefix(TKG_NS)


def class_lists(text: str) -> list[tuple[int, list[str]]]:
    """Every VALUES block and IN list of a query, with its line: the terms as written."""
    found = []
    for pattern in (_VALUES, _IN):
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append((line, _TERM.findall(match[1])))
    return found


def closed_sets(ontology: Graph, classes: set[URIRef]) -> tuple[set[URIRef], set[URIRef]]:
    """The top classes of a set (those no other member is a superclass of), and the set it
    should be: the tops with all their subclasses."""
    tops = {
        c
        for c in classes
        if not any(o != c and o in classes for o in ontology.transitive_objects(c, RDFS.subClassOf))
    }
    return tops, set().union(*(subclasses(ontology, top) for top in tops))


def test_the_queries_have_class_lists() -> None:
    """The check below has something to check (the lists are found where they are)."""
    lists = {q.name: [terms for _, terms in class_lists(q.read_text())] for q in QUERIES}
    assert ["tkg:Objection", "tkg:Rejection"] in lists["objections.rq"]
    assert ["tkg:DirectQuote", "tkg:PartialQuote"] in lists["quotes.rq"]
    assert ["tkg:Event", "tkg:SpeechAct"] in lists["timeline.rq"]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_class_lists_in_queries_are_whole_subclass_sets(ontology: Graph, query: Path) -> None:
    """A query that lists classes (tkg:Objection and tkg:Rejection) lists exactly the subclass
    sets of its top classes, so a class added to the ontology cannot silently drop out of it.
    A list of families (tkg:Event, tkg:SpeechAct) stands for every class under them: each fact
    is typed with its family too (kg.rdf writes superclass types). Lists of other things
    (modes, statuses) are left alone."""
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    families = set(family_classes())
    for line, terms in class_lists(query.read_text()):
        iris = {URIRef(TKG_NS + t.removeprefix("tkg:")) for t in terms if t.startswith("tkg:")}
        listed = iris & classes
        if not listed:
            continue
        where = f"{query.name}:{line}"
        assert listed == iris and len(iris) == len(terms), f"{where} mixes classes and others"
        if listed <= families:
            continue
        tops, whole = closed_sets(ontology, listed)
        missing = sorted(name(c) for c in whole - listed)
        assert not missing, (
            f"{where} lists {', '.join(sorted(name(t) for t in tops))} and some subclasses "
            f"but not {', '.join(missing)}"
        )


def test_shapes_target_whole_subclass_sets(ontology: Graph) -> None:
    """A shape that targets a class targets its subclasses too (each is listed by hand)."""
    shapes = Graph().parse(ROOT / "shapes" / "tradekg.shapes.ttl", format="turtle")
    for shape in set(shapes.subjects(SH.targetClass, None)):
        targets = {t for t in shapes.objects(shape, SH.targetClass) if isinstance(t, URIRef)}
        _, whole = closed_sets(ontology, targets)
        assert not whole - targets, f"{shape} does not target {sorted(whole - targets)}"


def test_fact_kinds_cover_every_fact_class(ontology: Graph) -> None:
    """Every class under a family (Proposal, SpeechAct, Event) belongs to exactly one fact
    kind, except a family class no kind writes (SpeechAct and Event are abstract)."""
    written = [c for kind in KINDS.values() for c in kind.classes]
    assert len(written) == len(set(written))
    for family in FAMILIES:
        expected = {name(c) for c in subclasses(ontology, TKG[family])}
        if not any(family in kind.classes for kind in KINDS.values()):
            expected.remove(family)
        in_table = {c for kind in KINDS.values() if kind.family == family for c in kind.classes}
        assert in_table == expected, family
    assert family_classes() == (TKG.Proposal, TKG.SpeechAct, TKG.Event, TKG.StatusChange)


def test_the_table() -> None:
    """The sections of a facts file, in the order they are read, and what each writes."""
    table = [
        (k.section, k.segment, k.family, k.classes, k.choice, k.drafted) for k in KINDS.values()
    ]
    assert table == [
        ("proposals", "proposal", "Proposal", ("Proposal",), None, True),
        ("demands", "demand", "SpeechAct", ("Demand",), None, True),
        ("objections", "objection", "SpeechAct", ("Objection", "Rejection"), "kind", True),
        ("statements", "statement", "SpeechAct", ("Statement",), None, True),
        ("threats", "threat", "SpeechAct", ("Threat",), None, True),
        ("supports", "support", "SpeechAct", ("Support",), None, True),
        (
            "events",
            "event",
            "Event",
            ("Negotiation", "NegotiationRound", "Meeting", "PressConference", "Milestone"),
            "type",
            True,
        ),
        ("changes", "change", "StatusChange", ("StatusChange",), None, False),
    ]
    assert list(SPEECH_ACTS) == ["demands", "objections", "statements", "threats", "supports"]
    assert KINDS["objections"].pick("rejection") == "Rejection"
    assert KINDS["objections"].pick("Rejection") is None
    assert KINDS["events"].pick("Meeting") == "Meeting"
    assert KINDS["events"].pick("meeting") is None
    assert kind_of_class("Rejection") is KINDS["objections"]
    with pytest.raises(KeyError):
        kind_of_class("SpeechAct")
