"""What the endpoint's check lets through without parsing, and what it still refuses.

A query the SPARQL endpoint (and ``tradekg sparql --timeout``) runs is checked first: no update,
no SERVICE, no FROM naming a graph the store does not hold. Parsing every text with rdflib's
grammar cost 50-250 ms of CPU, one parse at a time, and set the pace of the whole server under
load; most queries now pass on their tokens alone, and anything unusual is still parsed.
"""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from kg.errors import Refused
from kg.queries.catalogue import catalogue
from kg.sparql_terms import bind_values
from kg.store import querycheck

GRAPHS = {"https://w3id.org/tradekg/id/graph/shared"}


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_saved_query_passes_on_its_tokens(name: str) -> None:
    """As clients send it (its parameters in a VALUES block): read without a parse, and read
    the same as the parser reads it."""
    saved = catalogue()[name]
    bound = {p.name: URIRef(f"https://example.org/{p.name}") for p in saved.params}
    if saved.params:
        bound[saved.params[0].name] = Literal("x # not a comment ' \" FROM")
    for text in (saved.text, bind_values(saved.text, bound)):
        read = querycheck._read_shape(text)
        assert read is not None
        assert read == querycheck._parsed_shape(text)


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("# FROM <http://example.org/g>\nASK { ?s ?p ?o }", "ASK"),
        ("SELECT ?from WHERE { ?from ?p <http://example.org/from> }", "SELECT"),
        (
            "BASE <http://example.org/> PREFIX : <x#> CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
            "CONSTRUCT",
        ),
        ("describe <http://example.org/a>", "DESCRIBE"),
        ('SELECT * WHERE { ?s ?p """FROM <x>\n SELECT""" FILTER(?s < ?o) }', "SELECT"),
    ],
)
def test_ordinary_queries_are_read_on_their_tokens(text: str, form: str) -> None:
    assert querycheck._read_shape(text) == querycheck._Shape(form, False, (), ())


@pytest.mark.parametrize(
    ("text", "refusal"),
    [
        # SPARQL decodes \u escapes before parsing: this is SERVICE
        (
            "SELECT * WHERE { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }",
            "SERVICE is refused: this endpoint does not query other endpoints",
        ),
        (
            "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://x.org/s> { ?s ?p ?o } } }",
            "SERVICE is refused: this endpoint does not query other endpoints",
        ),
        (
            "select * from<http://example.org/remote.ttl> where { ?s ?p ?o }",
            "FROM <http://example.org/remote.ttl> is not a graph of this store: the endpoint "
            "reads only its own graphs and fetches nothing",
        ),
        (
            "PREFIX ex: <http://example.org/> SELECT * FROM NAMED ex:g WHERE { ?s ?p ?o }",
            "FROM NAMED <http://example.org/g> is not a graph of this store: the endpoint "
            "reads only its own graphs and fetches nothing",
        ),
        (
            "PREFIX ex: <http://example.org/> INSERT DATA { ex:a ex:b ex:c }",
            "updates are refused: this endpoint is read-only",
        ),
    ],
)
def test_what_the_tokens_do_not_settle_is_parsed_and_refused(text: str, refusal: str) -> None:
    assert querycheck._read_shape(text) is None
    with pytest.raises(Refused) as caught:
        querycheck.check(text, GRAPHS)
    assert caught.value.message == refusal


def test_a_known_graph_in_from_is_parsed_and_kept() -> None:
    text = "SELECT * FROM <https://w3id.org/tradekg/id/graph/shared> WHERE { ?s ?p ?o }"
    checked = querycheck.check(text, GRAPHS)
    assert (checked.form, checked.default_graphs, checked.named_graphs) == (
        "SELECT",
        ("https://w3id.org/tradekg/id/graph/shared",),
        (),
    )


def test_service_in_a_literal_is_parsed_and_allowed() -> None:
    text = 'SELECT * WHERE { ?s ?p "SERVICE <http://x> LOAD" }'
    assert querycheck._read_shape(text) is None
    assert querycheck.check(text, GRAPHS).form == "SELECT"
