"""``tradekg serve`` with real clients: SPARQLWrapper, plain HTTP, and headless Chromium.

The server runs in a thread of this process, on a free port, over a store holding the sample;
its queries run in worker processes, as in production.
"""

from __future__ import annotations

import http.client
import io
import json
import logging
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape as html_escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
import test_backends
from click.testing import CliRunner
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from SPARQLWrapper import JSON, POST, POSTDIRECTLY, TURTLE, URLENCODED, XML, SPARQLWrapper
from test_backends import cleared, remote

from kg.cli import cli
from kg.export import context
from kg.ingest import ingest
from kg.iris import COUNTS_GRAPH
from kg.loaders import load_reference
from kg.queries import catalogue, cursor, run_saved, write_results
from kg.resources import sample_dir
from kg.serve import Server, make_server
from kg.store import Store
from kg.terms import PREFIXES

oxigraph = test_backends.oxigraph  # the session's SPARQL servers (fixtures)
virtuoso = test_backends.virtuoso
TIMEOUT = 2.0
MAX_ROWS = 200
VOID = Namespace("http://rdfs.org/ns/void#")
DCTERMS = Namespace(PREFIXES["dcterms"])
TKG = Namespace(PREFIXES["tkg"])
OA = Namespace(PREFIXES["oa"])
FREELAND = URIRef(PREFIXES["id"] + "actor/freeland")
QUOTE = "These are proposals we simply cannot agree to"
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
PERSONS = (
    "PREFIX tkg: <https://w3id.org/tradekg/ontology#> "
    "SELECT ?p WHERE { ?p a tkg:Person } ORDER BY ?p"
)


@dataclass
class Running:
    url: str
    store: Store
    server: Server


@pytest.fixture(scope="module")
def served(make_store: object) -> Iterator[Running]:
    store = make_store(sample_dir(), name="served")  # type: ignore[operator]
    server = make_server(store, port=0, timeout=TIMEOUT, max_rows=MAX_ROWS, workers=2)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Running(server.url, store, server)
    server.shutdown()
    thread.join()
    server.close()


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def request(
    served: Running,
    path: str,
    *,
    accept: str | None = None,
    method: str = "GET",
    body: bytes | None = None,
    content_type: str | None = None,
) -> Reply:
    """One request, redirects not followed."""
    parts = urlsplit(served.url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    headers = {}
    if accept:
        headers["Accept"] = accept
    if content_type:
        headers["Content-Type"] = content_type
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        connection.close()


def sparql(served: Running, query: str, accept: str = "application/sparql-results+json") -> Reply:
    return request(served, "/sparql?" + urlencode({"query": query}), accept=accept)


def wrapper(served: Running, query: str, fmt: str) -> SPARQLWrapper:
    client = SPARQLWrapper(served.url + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setTimeout(30)
    return client


# --- the SPARQL endpoint, through SPARQLWrapper ---


def test_select_as_json(served: Running) -> None:
    answer = wrapper(served, PERSONS, JSON).query().convert()
    found = [b["p"]["value"] for b in answer["results"]["bindings"]]  # type: ignore[index]
    expected = [str(r[0]) for r in served.store.select(PERSONS).rows]
    assert found == expected
    assert str(FREELAND) in found


def test_select_as_xml(served: Running) -> None:
    document = wrapper(served, PERSONS, XML).query().convert()
    uris = [n.firstChild.data for n in document.getElementsByTagName("uri")]  # type: ignore[union-attr]
    assert uris == [str(r[0]) for r in served.store.select(PERSONS).rows]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (f"ASK {{ <{FREELAND}> ?p ?o }}", True),
        ("ASK { <https://w3id.org/tradekg/id/actor/nobody> ?p ?o }", False),
    ],
)
def test_ask(served: Running, query: str, expected: bool) -> None:
    assert wrapper(served, query, JSON).query().convert() == {"head": {}, "boolean": expected}


def test_construct_as_turtle(served: Running) -> None:
    query = f"CONSTRUCT {{ <{FREELAND}> ?p ?o }} WHERE {{ <{FREELAND}> ?p ?o }}"
    data = wrapper(served, query, TURTLE).query().convert()
    graph = Graph().parse(data=data, format="turtle")  # type: ignore[arg-type]
    assert isomorphic(graph, served.store.construct(query))
    assert (FREELAND, URIRef(PREFIXES["rdfs"] + "label"), Literal("Chrystia Freeland")) in graph


@pytest.mark.parametrize("method", [URLENCODED, POSTDIRECTLY])
def test_post_as_form_and_as_query(served: Running, method: str) -> None:
    client = wrapper(served, PERSONS, JSON)
    client.setMethod(POST)
    client.setRequestMethod(method)
    answer = client.query().convert()
    assert len(answer["results"]["bindings"]) == 3  # type: ignore[index]


@pytest.mark.parametrize(
    ("accept", "fmt"), [("text/csv", "csv"), ("text/tab-separated-values", "tsv")]
)
def test_csv_and_tsv(served: Running, accept: str, fmt: str) -> None:
    reply = sparql(served, PERSONS, accept)
    expected = io.StringIO(newline="")
    write_results(served.store.select(PERSONS), fmt, expected)
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith(accept)
    assert reply.text == expected.getvalue()


def test_construct_as_jsonld_and_ntriples(served: Running) -> None:
    query = f"CONSTRUCT {{ <{FREELAND}> ?p ?o }} WHERE {{ <{FREELAND}> ?p ?o }}"
    expected = served.store.construct(query)
    for accept, fmt in (("application/ld+json", "json-ld"), ("application/n-triples", "nt")):
        reply = sparql(served, query, accept)
        assert reply.status == 200, reply.text
        assert isomorphic(Graph().parse(data=reply.body, format=fmt), expected)


def test_from_a_graph_of_the_store(served: Running) -> None:
    reference = PREFIXES["id"] + "graph/reference"
    reply = sparql(served, f"SELECT (COUNT(*) AS ?n) FROM <{reference}> WHERE {{ ?s ?p ?o }}")
    n = json.loads(reply.body)["results"]["bindings"][0]["n"]["value"]
    assert int(n) == served.store.quad_count(URIRef(reference))


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", 403, "updates are refused"),
        ("DROP ALL", 403, "updates are refused"),
        ("LOAD <http://example.org/data.ttl>", 403, "LOAD is refused"),
        (
            "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
            403,
            "SERVICE is refused",
        ),
        (
            "SELECT * WHERE { { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } } "
            "UNION { ?s ?p ?o } }",
            403,
            "SERVICE is refused",
        ),
        (
            "SELECT * FROM <http://example.org/remote.ttl> WHERE { ?s ?p ?o }",
            403,
            "FROM <http://example.org/remote.ttl> is not a graph of this store",
        ),
        (
            "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
            403,
            "FROM NAMED <http://example.org/g> is not a graph of this store",
        ),
        (  # read on its tokens, the lower-case keyword with no space after it is still FROM
            "select * from<http://example.org/remote.ttl> where { ?s ?p ?o }",
            403,
            "FROM <http://example.org/remote.ttl> is not a graph of this store",
        ),
        # the words alone are not what is refused: a literal that says SERVICE is fine
        ('SELECT * WHERE { ?s ?p "SERVICE <http://x> LOAD" }', 200, ""),
        ("SELECT * WHERE { ?s ?p", 400, "the query does not parse"),
    ],
)
def test_what_the_endpoint_refuses(served: Running, query: str, status: int, message: str) -> None:
    reply = sparql(served, query)
    assert reply.status == status, reply.text
    assert message in reply.text


def test_updates_by_post_are_refused(served: Running) -> None:
    as_update = request(
        served, "/sparql", method="POST", body=b"DROP ALL", content_type="application/sparql-update"
    )
    as_form = request(
        served,
        "/sparql",
        method="POST",
        body=b"update=DROP+ALL",
        content_type="application/x-www-form-urlencoded",
    )
    for reply in (as_update, as_form):
        assert (reply.status, reply.text) == (
            403,
            "updates are refused: this endpoint is read-only\n",
        )
    assert served.store.quad_count() > 0


def test_a_query_over_the_time_limit_is_stopped(served: Running) -> None:
    started = time.monotonic()
    reply = sparql(served, CROSS_JOIN)
    elapsed = time.monotonic() - started
    assert reply.status == 503
    assert "ran past the time limit of 2 s and was stopped" in reply.text
    assert TIMEOUT <= elapsed < TIMEOUT + 1.0
    # the other worker answers at once, and the stopped one is replaced
    started = time.monotonic()
    assert sparql(served, "ASK { ?s ?p ?o }").status == 200
    assert time.monotonic() - started < 0.5
    replies: list[int] = []
    threads = [
        threading.Thread(target=lambda: replies.append(sparql(served, PERSONS).status))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert replies == [200] * 4


def test_a_slow_query_does_not_hold_up_the_quick_ones(make_store: object) -> None:
    """With its one worker on a query that runs to the time limit, the server starts a spare
    for the next query (after SPARE_AFTER s of waiting), which is answered while the slow one
    still runs."""
    store = make_store(sample_dir(), name="spare")  # type: ignore[operator]
    server = make_server(store, port=0, timeout=30, max_rows=MAX_ROWS, workers=1)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    running = Running(server.url, store, server)
    finished: list[str] = []

    def ask_slow() -> None:
        try:
            finished.append(f"slow {sparql(running, CROSS_JOIN).status}")
        except (OSError, http.client.HTTPException) as e:  # the server stopped under it
            finished.append(f"slow {type(e).__name__}")

    slow = threading.Thread(target=ask_slow)
    try:
        slow.start()
        time.sleep(0.5)  # the slow query has the worker
        finished.append(f"quick {sparql(running, 'ASK { ?s ?p ?o }').status}")
    finally:
        server.shutdown()
        thread.join()
        server.close()  # stops the slow query's worker
        slow.join()
    assert finished[0] == "quick 200"
    assert finished[1].startswith("slow ")


def test_a_client_that_hangs_up_leaves_no_traceback(
    served: Running, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    """A client that resets its connection before its answer is written (it timed out, or
    was stopped) is noted in the log; no traceback is printed on stderr, and the server
    goes on answering."""
    parts = urlsplit(served.url)
    caplog.set_level(logging.INFO, logger="kg.serve")
    for _ in range(5):
        with socket.create_connection((parts.hostname or "", parts.port or 0)) as client:
            client.sendall(
                b"GET /sparql?" + urlencode({"query": PERSONS}).encode() + b" HTTP/1.1\r\n"
            )
            client.sendall(b"Host: x\r\nAccept: text/csv\r\n\r\n")
            # close with a reset (linger 0): the server's read or write fails
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "hung up" not in caplog.text:
        time.sleep(0.05)
    assert "hung up before its answer was sent" in caplog.text
    assert sparql(served, "ASK { ?s ?p ?o }").status == 200
    assert "Traceback" not in capsys.readouterr().err


def test_results_past_the_row_limit_are_cut_and_say_so(served: Running) -> None:
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    reply = sparql(served, query)
    assert reply.headers["X-Truncated"] == "true"
    assert reply.headers["X-SPARQL-MaxRows"] == str(MAX_ROWS)
    assert len(json.loads(reply.body)["results"]["bindings"]) == MAX_ROWS
    page = sparql(served, query, "text/html")
    assert page.headers["X-Truncated"] == "true"
    assert f"Truncated: only the first {MAX_ROWS} rows are shown" in page.text
    small = sparql(served, PERSONS)
    assert "X-Truncated" not in small.headers


def test_describe(served: Running) -> None:
    reply = sparql(served, f"DESCRIBE <{FREELAND}>", "text/turtle")
    graph = Graph().parse(data=reply.body, format="turtle")
    assert (FREELAND, URIRef(PREFIXES["rdfs"] + "label"), Literal("Chrystia Freeland")) in graph


def test_html_results_escape_what_the_query_makes(served: Running) -> None:
    query = (
        'SELECT ?x ?y WHERE { BIND(IRI("javascript:alert(1)") AS ?x) '
        'BIND("<script>alert(2)</script>" AS ?y) }'
    )
    page = sparql(served, query, "text/html").text
    assert "<script>" not in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page


def test_head_and_post_elsewhere(served: Running) -> None:
    head = request(served, "/queries", method="HEAD")
    assert (head.status, head.body) == (200, b"")
    assert int(head.headers["Content-Length"]) > 0
    assert request(served, "/queries", method="POST", body=b"").status == 405


def test_unacceptable_media_type(served: Running) -> None:
    reply = sparql(served, PERSONS, "image/png")
    assert reply.status == 406


# --- linked data: every minted IRI dereferences ---


def test_an_entity_iri_is_a_303_to_its_document(served: Running) -> None:
    for accept, location in (
        ("text/turtle", "/doc/actor/freeland.ttl"),
        ("application/ld+json", "/doc/actor/freeland.jsonld"),
        (
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "/doc/actor/freeland.html",
        ),
        ("application/n-triples", "/doc/actor/freeland.nt"),
    ):
        reply = request(served, "/id/actor/freeland", accept=accept)
        assert reply.status == 303
        assert reply.headers["Location"] == location
        assert reply.headers["Vary"] == "Accept"
        assert request(served, location).status == 200


def test_unknown_entities_and_documents_are_404(served: Running) -> None:
    assert request(served, "/id/actor/nobody", accept="text/turtle").status == 404
    assert request(served, "/doc/actor/nobody.html").status == 404
    assert request(served, "/doc/actor/freeland.exe").status == 404


def _subject_triples(graph: Graph, subject: URIRef) -> set[tuple[object, object, object]]:
    return set(graph.triples((subject, None, None)))


def test_entity_as_turtle_and_jsonld(served: Running) -> None:
    expected = served.store.construct(
        f"CONSTRUCT {{ <{FREELAND}> ?p ?o }} WHERE {{ <{FREELAND}> ?p ?o }}"
    )
    turtle = Graph().parse(data=request(served, "/doc/actor/freeland.ttl").body, format="turtle")
    reply = request(served, "/doc/actor/freeland.jsonld")
    assert reply.headers["Content-Type"] == "application/ld+json"
    assert json.loads(reply.body)["@context"] == context()["@context"]
    jsonld = Graph().parse(data=reply.body, format="json-ld")
    for graph in (turtle, jsonld):
        assert _subject_triples(graph, FREELAND) == _subject_triples(expected, FREELAND)


def test_a_fact_document_holds_its_time_and_reports(served: Running) -> None:
    fact = "article/11f0a1b12fa8bf03/statement/freeland-differences"
    graph = Graph().parse(data=request(served, f"/doc/{fact}.ttl").body, format="turtle")
    iri = URIRef(PREFIXES["id"] + fact)
    assert (iri, TKG.time, URIRef(iri + "/time")) in graph
    assert (URIRef(iri + "/time"), TKG.phrase, Literal("Tuesday")) in graph
    assert (URIRef(iri + "/report/1"), TKG.source, FREELAND) in graph


def test_an_actor_document_holds_what_it_said(served: Running) -> None:
    """Lighthizer's document: his own triples, and every fact he is the agent of or that a
    report credits to him, with its reports and the article's exact words (the quotes)."""
    lighthizer = URIRef(PREFIXES["id"] + "actor/lighthizer")
    graph = Graph().parse(data=request(served, "/doc/actor/lighthizer.ttl").body, format="turtle")
    said = served.store.select(
        "PREFIX tkg: <https://w3id.org/tradekg/ontology#> "
        "PREFIX oa: <http://www.w3.org/ns/oa#> "
        "SELECT DISTINCT ?fact ?exact ?x WHERE { "
        "{ ?fact tkg:agent ?x } UNION { ?fact tkg:report ?r0 . ?r0 tkg:source ?x } "
        "?fact tkg:report ?report . ?report tkg:evidence ?span . "
        "?span oa:hasSelector ?selector . ?selector oa:exact ?exact }",
        {"x": lighthizer},
    ).rows
    # five statements, a demand, and two events he announced (the next round, progress hoped for)
    assert len({fact for fact, _, _ in said}) == 8
    for fact, exact, _ in said:
        report = graph.value(fact, TKG.report)
        assert report is not None, fact
        span = graph.value(report, TKG.evidence)
        assert exact in set(graph.objects(None, OA.exact)), exact
        assert span is not None and (span, OA.hasSelector, None) in graph
    agent = served.store.construct(
        f"CONSTRUCT {{ <{lighthizer}> ?p ?o }} WHERE {{ <{lighthizer}> ?p ?o }}"
    )
    assert _subject_triples(graph, lighthizer) == _subject_triples(agent, lighthizer)


def test_entity_page_for_people(served: Running) -> None:
    reply = request(served, "/doc/actor/freeland.html")
    assert reply.headers["Content-Type"] == "text/html; charset=utf-8"
    text = visible_text(reply.text)
    assert "Chrystia Freeland" in text
    assert QUOTE in text
    assert "NAFTA talks make little headway after fifth round" in text
    assert 'href="/id/actor/canada"' in reply.text


def test_ontology_and_context(served: Running) -> None:
    turtle = request(served, "/ontology", accept="text/turtle")
    assert turtle.headers["Content-Type"] == "text/turtle; charset=utf-8"
    graph = Graph().parse(data=turtle.body, format="turtle")
    assert (TKG.Article, None, None) in graph
    page = request(served, "/ontology", accept="text/html")
    assert 'id="Article"' in page.text
    reply = request(served, "/context.jsonld")
    assert json.loads(reply.body) == context()


# --- the dataset description ---


def _void(served: Running) -> Graph:
    reply = request(served, "/.well-known/void", accept="text/turtle")
    assert reply.status == 200
    return Graph().parse(data=reply.body, format="turtle")


def test_void_counts_equal_the_stores(served: Running) -> None:
    graph = _void(served)
    dataset = URIRef("https://w3id.org/tradekg/.well-known/void#dataset")
    # every triple but those of the store's totals (kg.store.fixed), as tradekg stats counts
    data = served.store.quad_count() - served.store.quad_count(COUNTS_GRAPH)
    assert graph.value(dataset, VOID.triples) == Literal(data)
    partitions = {
        graph.value(p, VOID["class"]): int(graph.value(p, VOID.entities))  # type: ignore[arg-type]
        for p in graph.objects(dataset, VOID.classPartition)
    }
    counts = {
        r[0]: int(r[1])
        for r in served.store.select(  # type: ignore[arg-type]
            "SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c"
        ).rows
    }
    assert partitions == counts
    assert partitions[TKG.Article] == 1
    assert graph.value(dataset, VOID.sparqlEndpoint) == URIRef("https://w3id.org/tradekg/sparql")
    assert graph.value(dataset, DCTERMS.modified) is not None
    examples = set(graph.objects(dataset, VOID.exampleResource))
    assert URIRef(PREFIXES["id"] + "actor/canada") in examples
    for example in examples:  # they dereference here
        path = "/" + str(example).removeprefix("https://w3id.org/tradekg/")
        assert request(served, path, accept="text/turtle").status == 303


def test_export_void_is_the_served_description(
    served: Running, tmp_path: Path, sample_store_dir: Path
) -> None:
    copy = tmp_path / "store"
    shutil.copytree(sample_store_dir, copy)
    result = CliRunner().invoke(cli, ["--store", str(copy), "export", "--format", "void"])
    assert result.exit_code == 0, result.stderr
    exported = Graph().parse(data=result.stdout, format="turtle")
    served_graph = _void(served)
    for graph in (exported, served_graph):  # the two stores were written at different times
        graph.remove((None, DCTERMS.modified, None))
    assert isomorphic(exported, served_graph)


def test_export_void_describes_the_whole_store(sample_store_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(sample_store_dir, copy)
    result = CliRunner().invoke(
        cli, ["--store", str(copy), "export", "--format", "void", "--article", "11f0a1b12fa8bf03"]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: the VoID description covers the whole store, not one "
        "article (leave out --article)\n"
    )


# --- saved queries ---


def test_saved_query_results_are_those_of_the_library(served: Running) -> None:
    reply = request(
        served, "/queries/objections?" + urlencode({"issue": "sunset clause", "format": "json"})
    )
    expected = io.StringIO()
    write_results(
        run_saved(served.store, "objections", {"issue": "sunset clause"}), "json", expected
    )
    assert reply.status == 200
    assert json.loads(reply.body) == json.loads(expected.getvalue())


def test_saved_query_parameter_errors_are_400(served: Running) -> None:
    reply = request(served, "/queries/objections?issue=nonsense&format=html")
    assert reply.status == 400
    assert "no issue matches &#x27;nonsense&#x27; (parameter &#x27;issue&#x27;)" in reply.text
    unknown = request(served, "/queries/objections?colour=red&format=csv")
    assert (unknown.status, unknown.text) == (
        400,
        "query 'objections' has no parameter 'colour' (its parameters: issue, proposal)\n",
    )
    assert request(served, "/queries/nothing").status == 404


def test_the_query_forms_name_every_parameter(served: Running) -> None:
    page = request(served, "/queries").text
    for query in catalogue().values():
        assert f'action="/queries/{query.name}"' in page
        for param in query.params:
            assert f'name="{param.name}"' in page


# --- saved queries in pages ---

LIMIT_HINT = "limit is the number of rows of a page, offset how many rows come before it"


def _csv(body: bytes) -> list[str]:
    return body.decode("utf-8").split("\r\n")[:-1]


def _library_csv(store: Store, name: str, **page: int) -> list[str]:
    out = io.StringIO(newline="")
    write_results(run_saved(store, name, **page), "csv", out)  # type: ignore[arg-type]
    return _csv(out.getvalue().encode("utf-8"))


def _at(
    served: Running, name: str, offset: int, limit: int, params: dict[str, str] | None = None
) -> str:
    """The cursor of the page of ``name`` after ``offset`` rows (kg.queries.cursor)."""
    generation = served.store.generation()
    assert generation is not None
    return cursor.make(name, params or {}, offset=offset, limit=limit, generation=generation)


def test_a_page_of_a_saved_query_as_csv_and_json(served: Running) -> None:
    header, *rows = _library_csv(served.store, "statements")
    assert len(rows) == 19
    reply = request(served, "/queries/statements?format=csv&limit=2&offset=1")
    assert (reply.status, _csv(reply.body)) == (200, [header, rows[1], rows[2]])
    # the pages before and after it, by their cursors (they hold the page size)
    following = "/queries/statements?" + urlencode(
        {"format": "csv", "cursor": _at(served, "statements", 3, 2)}
    )
    assert reply.headers["Link"] == (
        f'<{following}>; rel="next", '
        + "</queries/statements?"
        + urlencode({"format": "csv", "cursor": _at(served, "statements", 0, 2)})
        + '>; rel="prev"'
    )
    assert "X-Truncated" not in reply.headers
    assert _csv(request(served, following).body) == [header, rows[3], rows[4]]
    last = request(served, "/queries/statements?format=csv&limit=5&offset=17")
    assert _csv(last.body) == [header, *rows[17:]]
    assert last.headers["Link"] == (
        "</queries/statements?"
        + urlencode({"format": "csv", "cursor": _at(served, "statements", 12, 5)})
        + '>; rel="prev"'
    )
    # a page of no rows: the columns, and no links that would lead back to it
    empty = request(served, "/queries/statements?format=csv&limit=0&offset=3")
    assert (_csv(empty.body), "Link" in empty.headers) == ([header], False)
    page = request(
        served,
        "/queries/positions?"
        + urlencode({"actor": "canada", "format": "json", "limit": 1, "offset": 1}),
    )
    expected = io.StringIO()
    write_results(
        run_saved(served.store, "positions", {"actor": "canada"}, limit=1, offset=1),
        "json",
        expected,
    )
    assert json.loads(page.body) == json.loads(expected.getvalue())
    assert len(json.loads(page.body)["results"]["bindings"]) == 1
    canada = {"actor": "canada"}
    assert page.headers["Link"] == (
        "</queries/positions?"
        + urlencode({**canada, "format": "json", "cursor": _at(served, "positions", 2, 1, canada)})
        + '>; rel="next", </queries/positions?'
        + urlencode({**canada, "format": "json", "cursor": _at(served, "positions", 0, 1, canada)})
        + '>; rel="prev"'
    )


def test_csv_without_a_limit_is_every_row_up_to_the_servers_limit(served: Running) -> None:
    whole = request(served, "/queries/statements?format=csv")
    assert (len(_csv(whole.body)), "Link" in whole.headers) == (20, False)
    cut = request(served, "/queries/actors?format=csv")  # 295 rows, --max-rows 200
    assert _csv(cut.body) == _library_csv(served.store, "actors", limit=MAX_ROWS)
    assert (cut.headers["X-Truncated"], cut.headers["X-SPARQL-MaxRows"]) == ("true", "200")
    rest = request(served, "/queries/actors?format=csv&limit=200&offset=200")
    assert _csv(rest.body) == _library_csv(served.store, "actors", limit=200, offset=200)
    assert len(_csv(rest.body)) == 96
    assert "X-Truncated" not in rest.headers


def _tbody_rows(page: str) -> list[str]:
    return re.findall(r"<tr>(.*?)</tr>", page.split("<tbody>")[1], flags=re.S)


def test_the_html_page_shows_100_rows_with_links_to_the_next_and_previous(
    served: Running,
) -> None:
    labels = [str(row[2]) for row in run_saved(served.store, "actors").rows]
    first = request(served, "/queries/actors").text
    rows = _tbody_rows(first)
    assert len(rows) == 100
    assert html_escape(labels[0]) in rows[0] and html_escape(labels[99]) in rows[99]
    assert "rows 1–100 · as" in first

    def link(offset: int, rel: str) -> str:
        url = "/queries/actors?" + urlencode(
            {"format": "html", "cursor": _at(served, "actors", offset, 100)}
        )
        return f'<a href="{html_escape(url)}" rel="{rel}">'

    assert first.count(link(100, "next")) == 2
    assert 'rel="prev"' not in first
    second = request(served, "/queries/actors?format=html&offset=100").text
    rows = _tbody_rows(second)
    assert len(rows) == 100 and html_escape(labels[100]) in rows[0]
    assert "rows 101–200 · as" in second
    assert link(0, "prev") in second
    assert link(200, "next") in second
    followed = request(
        served, "/queries/actors?" + urlencode({"cursor": _at(served, "actors", 100, 100)})
    ).text
    assert _tbody_rows(followed) == rows
    # the other formats of this page: these rows
    assert '<a href="/queries/actors?format=csv&amp;limit=100&amp;offset=100">CSV</a>' in second
    third = request(served, "/queries/actors?format=html&offset=200").text
    assert len(_tbody_rows(third)) == 95 and "rows 201–295 · as" in third
    assert 'rel="next"' not in third


def test_a_cursor_is_refused_once_the_store_has_changed(served: Running) -> None:
    first = request(served, "/queries/actors?format=csv&limit=2")
    following = first.headers["Link"].split(">")[0].removeprefix("<")
    assert request(served, following).status == 200
    ingest(served.store, [sample_dir()], load_reference())  # the same article again: a write
    # the server answers from the snapshot the write published, a moment later
    deadline = time.monotonic() + 30
    while (reply := request(served, following)).status == 200 and time.monotonic() < deadline:
        time.sleep(0.05)
    stale = (
        "the store has changed since this cursor was made: the rows of its page may have "
        "moved (start again from the first page)"
    )
    assert (reply.status, reply.text) == (409, stale + "\n")
    page = request(served, following.replace("format=csv", "format=html")).text
    assert f'<p class="error">{html_escape(stale)}</p>' in page
    assert '<a href="/queries/actors?format=html">the first page</a>' in page
    assert request(served, "/queries/actors?format=csv&limit=2").status == 200


def test_a_cursor_of_another_query_is_refused(served: Running) -> None:
    first = request(served, "/queries/actors?format=csv&limit=2")
    token = first.headers["Link"].split("cursor=")[1].split(">")[0]
    reply = request(served, f"/queries/proposals?format=csv&cursor={token}")
    assert (reply.status, reply.text) == (
        400,
        "this cursor is for the query 'actors', not 'proposals' (give it with the query "
        "'actors', or start 'proposals' from its first page)\n",
    )
    reply = request(served, f"/queries/actors?format=csv&cursor={token}&offset=3")
    assert (reply.status, reply.text) == (
        400,
        "give cursor or offset, not both (a cursor holds its offset)\n",
    )


def test_the_html_pages_keep_the_parameters_and_limit(served: Running) -> None:
    canada = urlencode({"actor": "canada"})
    expected = run_saved(served.store, "positions", {"actor": "canada"})
    n = len(expected.rows)
    assert n > 2
    page = request(served, f"/queries/positions?{canada}&limit=1&offset=1").text
    assert len(_tbody_rows(page)) == 1
    assert "rows 2–2 · as" in page
    canada_params = {"actor": "canada"}

    def url(offset: int) -> str:
        at = _at(served, "positions", offset, 1, canada_params)
        return html_escape(
            f"/queries/positions?{canada}&" + urlencode({"format": "html", "cursor": at})
        )

    assert (
        f'<a href="{url(0)}" rel="prev">← previous 1</a> · '
        f'<a href="{url(2)}" rel="next">next 1 →</a>'
    ) in page
    whole = request(served, f"/queries/positions?{canada}").text
    assert len(_tbody_rows(whole)) == n
    assert f"{n} rows · as" in whole and "rel=" not in whole


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("limit=-1", f"limit must be from 0 to 1,000,000,000, not -1 ({LIMIT_HINT})"),
        ("limit=abc", f"limit must be a whole number of rows, not 'abc' ({LIMIT_HINT})"),
        ("limit=1.5", f"limit must be a whole number of rows, not '1.5' ({LIMIT_HINT})"),
        (
            "offset=1000000000000",
            f"offset must be from 0 to 1,000,000,000, not 1,000,000,000,000 ({LIMIT_HINT})",
        ),
        (
            "limit=201",
            "limit must be at most 200 here, not 201 (the server's --max-rows; ask for the "
            "next page with offset)",
        ),
        ("limit=1&limit=2", "'limit' is given 2 times"),
    ],
)
def test_a_bad_page_is_400(served: Running, query: str, message: str) -> None:
    reply = request(served, f"/queries/statements?format=csv&{query}")
    assert (reply.status, reply.text) == (400, message + "\n")
    page = request(served, f"/queries/statements?format=html&{query}")
    assert page.status == 400
    assert f'<p class="error">{html_escape(message)}</p>' in page.text
    assert 'action="/queries/statements"' in page.text  # the form, to try again


def test_the_endpoint_honours_the_clients_limit_and_offset(served: Running) -> None:
    every = json.loads(sparql(served, PERSONS).body)["results"]["bindings"]
    assert len(every) == 3
    reply = sparql(served, PERSONS + " LIMIT 1 OFFSET 1")
    assert json.loads(reply.body)["results"]["bindings"] == every[1:2]
    assert "X-Truncated" not in reply.headers
    # sent as written, the engine stops after the rows asked for: a query whose whole
    # answer runs past the time limit (test_a_query_over_the_time_limit_is_stopped)
    # answers its first rows at once
    started = time.monotonic()
    first = sparql(served, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } OFFSET 5 LIMIT 3")
    assert time.monotonic() - started < TIMEOUT
    assert (first.status, len(json.loads(first.body)["results"]["bindings"])) == (200, 3)


# --- the pages in a browser ---

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._skip += tag in ("style", "script", "head")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script", "head")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def browse(url: str, tmp_path: Path) -> str:
    """The DOM Chromium builds for ``url``."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed: apt-get install -y chromium (CI installs it)")
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'chromium'}",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_browser_entity_page(served: Running, tmp_path: Path) -> None:
    text = visible_text(browse(served.url + "/id/actor/freeland", tmp_path))
    assert "Chrystia Freeland" in text
    assert QUOTE in text
    assert "Canadian Foreign Minister" in text


def test_browser_query_list(served: Running, tmp_path: Path) -> None:
    text = visible_text(browse(served.url + "/queries", tmp_path))
    for query in catalogue().values():
        assert query.title in text


def test_browser_runs_a_saved_query(served: Running, tmp_path: Path) -> None:
    # the URL the form on /queries submits
    url = (
        served.url
        + "/queries/proposals?"
        + urlencode({"proposer": "united-states", "format": "html"})
    )
    dom = browse(url, tmp_path)
    rows = re.findall(r"<tr>(.*?)</tr>", dom.split("<tbody>")[1], flags=re.S)
    expected = run_saved(served.store, "proposals", {"proposer": "united-states"}).rows
    assert len(rows) == len(expected) > 0
    assert f"{len(expected)} rows" in visible_text(dom)
    summary = next(str(v) for v in expected[0] if isinstance(v, Literal) and len(v) > 20)
    assert summary in visible_text(dom)


# --- the command ---


def _sample_copy(tmp_path: Path, url: str) -> Path:
    """The sample article and its facts, as another article (another URL)."""
    folder = tmp_path / "another"
    shutil.copytree(sample_dir(), folder)
    article = next(p for p in folder.iterdir() if p.suffix == ".md")
    text = article.read_text(encoding="utf-8")
    article.write_text(re.sub(r"(?m)^url: .*$", f"url: {url}", text, count=1), encoding="utf-8")
    return folder


ARTICLES = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/tradekg/ontology#Article> }"


def test_the_serve_command_while_ingest_writes(sample_store_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(sample_store_dir, copy)
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "--store", str(copy), "serve", "--port", "0", "-q"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        match = re.fullmatch(
            rf"Serving {re.escape(str(copy))} at (http://127\.0\.0\.1:\d+)/ "
            r"\(Ctrl-C to stop\)\n",
            line,
        )
        assert match, line
        running = Running(match.group(1), None, None)  # type: ignore[arg-type]
        assert request(running, "/").status == 200
        assert (
            json.loads(sparql(running, ARTICLES).body)["results"]["bindings"][0]["n"]["value"]
            == "1"
        )
        # the store stays writable while it is served; the server sees what was written
        stats = subprocess.run(
            [sys.executable, "-m", "kg", "--store", str(copy), "stats"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert stats.returncode == 0, stats.stderr
        another = _sample_copy(tmp_path, "https://example.org/news/another-round")
        ingest = subprocess.run(
            [sys.executable, "-m", "kg", "--store", str(copy), "ingest", "-q", str(another)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert ingest.returncode == 0, ingest.stderr
        seen = []
        for _ in range(200):  # a bounded wait for the snapshot the writer published
            seen.append(
                json.loads(sparql(running, ARTICLES).body)["results"]["bindings"][0]["n"]["value"]
            )
            if seen[-1] == "2":
                break
            time.sleep(0.05)
        assert seen[-1] == "2" and set(seen) <= {"1", "2"}
        second = subprocess.Popen(
            [sys.executable, "-m", "kg", "--store", str(copy), "serve", "--port", "0"],
            stderr=subprocess.PIPE,
            text=True,
        )
        _, err = second.communicate(timeout=60)
        assert second.returncode == 3
        assert f"the store at {copy} is already served by another process" in err
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert err == "Stopped.\n"
    # the server removed its snapshots
    assert sorted(p.name for p in (copy / "serve").iterdir()) == ["lock"]


def test_readers_see_an_article_whole_while_it_is_rewritten(make_store: object) -> None:
    """A writer replaces one article graph with two versions in turn; a reader counting the
    graph's triples through the endpoint sees one of the two counts, never a mix or none."""
    store = make_store(sample_dir(), name="rewritten")  # type: ignore[operator]
    graph = next(g for g in store.graph_names() if "/graph/" in g and "reference" not in g)
    lines = [line.removesuffix(" .") for line in store_lines(store, graph)]
    versions = [lines, lines[: len(lines) // 2]]
    server = make_server(store, port=0, timeout=10, max_rows=MAX_ROWS, workers=2)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    running = Running(server.url, store, server)
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    seen: list[int] = []
    statuses: list[int] = []  # asserted in this thread: a failed assert in the reader is lost
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            reply = sparql(running, count)
            statuses.append(reply.status)
            if reply.status == 200:
                seen.append(int(json.loads(reply.body)["results"]["bindings"][0]["n"]["value"]))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for i in range(30):
            store.replace_graphs([(graph, versions[i % 2])])
            time.sleep(0.02)
    finally:
        done.set()
        reader.join()
        server.shutdown()
        thread.join()
        server.close()
    assert set(statuses) == {200}
    whole = {len(set(v)) for v in versions}
    assert set(seen) <= whole, set(seen) - whole
    assert set(seen) == whole  # the reader saw both versions: the server followed the writes


def store_lines(store: Store, graph: URIRef) -> list[str]:
    out = io.BytesIO()
    store.dump(out, "ntriples", graph)
    return [line for line in out.getvalue().decode("utf-8").splitlines() if line]


# --- over a SPARQL server: the same pages and answers as over the embedded store ---


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def served_remote(request: pytest.FixtureRequest, reference: object) -> Iterator[Running]:
    store = cleared(remote(request.getfixturevalue(request.param)))
    assert ingest(store, [sample_dir()], reference).written == 1  # type: ignore[arg-type]
    server = make_server(store, port=0, timeout=30, max_rows=MAX_ROWS)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Running(server.url, store, server)
    server.shutdown()
    thread.join()
    server.close()


def test_remote_sparql_select_and_construct(served_remote: Running, served: Running) -> None:
    client = wrapper(served_remote, PERSONS, JSON)
    bindings = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index]
    assert [b["p"]["value"] for b in bindings] == [
        str(r[0]) for r in served.store.select(PERSONS).rows
    ]
    query = f"CONSTRUCT {{ <{FREELAND}> ?p ?o }} WHERE {{ <{FREELAND}> ?p ?o }}"
    graph = Graph().parse(data=sparql(served_remote, query, "text/turtle").text, format="turtle")
    assert len(graph) > 0 and isomorphic(graph, served.store.construct(query))


def test_remote_entity_pages_equal_the_embedded_ones(
    served_remote: Running, served: Running
) -> None:
    redirect = request(served_remote, "/id/actor/freeland", accept="text/turtle")
    assert redirect.status == 303
    assert redirect.headers["Location"] == "/doc/actor/freeland.ttl"
    for suffix in ("ttl", "nt"):
        remote_doc = request(served_remote, f"/doc/actor/freeland.{suffix}")
        local_doc = request(served, f"/doc/actor/freeland.{suffix}")
        assert remote_doc.status == local_doc.status == 200
        fmt = "turtle" if suffix == "ttl" else "nt"
        assert isomorphic(
            Graph().parse(data=remote_doc.text, format=fmt),
            Graph().parse(data=local_doc.text, format=fmt),
        )
    page = request(served_remote, "/doc/actor/freeland.html")
    assert page.status == 200 and QUOTE in page.text
    assert request(served_remote, "/id/actor/nobody").status == 404


def test_remote_void_and_query_forms(served_remote: Running, served: Running) -> None:
    void = _void(served_remote)
    dataset = URIRef("https://w3id.org/tradekg/.well-known/void#dataset")
    assert void.value(dataset, VOID.triples) == Literal(served_remote.store.quad_count())
    # (the embedded store's totals are a graph of their own, not one of tradekg's graphs of the
    # data, which a server counts: kg.store.fixed)
    totals = served.store.quad_count(COUNTS_GRAPH)
    assert served_remote.store.quad_count() == served.store.quad_count() - totals
    path = "/queries/proposals?" + urlencode({"proposer": "united-states", "format": "json"})
    remote_rows = json.loads(request(served_remote, path).body)["results"]["bindings"]
    local_rows = json.loads(request(served, path).body)["results"]["bindings"]
    assert len(remote_rows) > 0
    assert sorted(map(json.dumps, remote_rows)) == sorted(map(json.dumps, local_rows))


def test_remote_endpoint_stays_read_only(served_remote: Running) -> None:
    refused = request(
        served_remote,
        "/sparql",
        method="POST",
        content_type=("application/sparql-update"),
        body=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    )
    assert refused.status == 403
    assert refused.text == "updates are refused: this endpoint is read-only\n"
    elsewhere = sparql(served_remote, "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }")
    assert elsewhere.status == 403
    assert elsewhere.text.startswith("FROM <http://example.org/g> is not a graph of this store")
    article = next(
        str(g)
        for g in served_remote.store.graph_names()
        if "reference" not in g and "ontology" not in g
    )
    own = sparql(served_remote, f"SELECT (COUNT(*) AS ?n) FROM <{article}> WHERE {{ ?s ?p ?o }}")
    assert own.status == 200
    assert int(
        json.loads(own.body)["results"]["bindings"][0]["n"]["value"]
    ) == served_remote.store.quad_count(URIRef(article))
