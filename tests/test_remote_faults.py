"""Faults of a SPARQL server are reported, not swallowed: each is a ``StoreError`` (exit 3) that
names the endpoint, says what to do, and never shows a credential.

Real servers where they can show the fault (Oxigraph, Virtuoso: see test_backends.py); a
small ``http.server`` started here for the answers a healthy server does not give on demand
(an HTML 500, a truncated 200, a row cap, a hang); a closed port for "connection refused".
"""

from __future__ import annotations

import base64
import http.server
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
import test_backends
from click.testing import CliRunner
from rdflib import URIRef
from support import QuietHTTPServer
from test_backends import free_port, remote
from test_queries import PARTNERS_ARTICLE, PARTNERS_FACTS

from kg.cli import cli
from kg.errors import StoreError, UsageError
from kg.ingest import ingest
from kg.iris import article_graph
from kg.link import LINKS_GRAPH
from kg.loaders import Reference
from kg.resources import sample_dir
from kg.store.auth import load_credentials
from kg.store.remote import RemoteStore

oxigraph = test_backends.oxigraph  # the session's servers (fixtures)
virtuoso_capped = test_backends.virtuoso_capped
virtuoso = test_backends.virtuoso
SECRET = "s3cret-Pa55word"
TOKEN = "tok-0123456789abcdef"
G = URIRef("https://w3id.org/tradekg/id/graph/test-faults")
LINE = f"<{G}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/prov#Bundle>"
ASK = "ASK { ?s ?p ?o }"


# --- a server that answers what the test says ----------------------------------------------


@dataclass
class Script:
    """What the fake server answers, and what it was sent."""

    status: int = 200
    content_type: str = "application/sparql-results+json"
    body: bytes = b'{"boolean": true}'
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    fail_puts: set[int] = field(default_factory=set)  # proxy mode: these PUTs (1-based) fail
    upstream: str | None = None  # proxy mode: forward everything else here
    seen: list[dict[str, Any]] = field(default_factory=list)


def _handler(script: Script) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            script.seen.append(
                {
                    "method": self.command,
                    "path": self.path,
                    "headers": dict(self.headers),
                    "body": body,
                }
            )
            puts = sum(1 for s in script.seen if s["method"] == "PUT")
            if script.upstream and not (self.command == "PUT" and puts in script.fail_puts):
                self._forward(body)
                return
            time.sleep(script.delay)
            payload = script.body.replace(b"{auth}", self.headers.get("Authorization", "").encode())
            self.send_response(script.status)
            self.send_header("Content-Type", script.content_type)
            for k, v in script.headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def _forward(self, body: bytes) -> None:
            assert script.upstream is not None
            headers = {
                k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")
            }
            r = requests.request(
                self.command, script.upstream + self.path, data=body, headers=headers, timeout=30
            )
            self.send_response(r.status_code)
            self.send_header("Content-Type", r.headers.get("Content-Type", "text/plain"))
            self.send_header("Content-Length", str(len(r.content)))
            self.end_headers()
            self.wfile.write(r.content)

        do_GET = do_POST = do_PUT = do_DELETE = _answer

    return Handler


@pytest.fixture
def fake() -> Iterator[tuple[str, Script]]:
    """(base URL, script) of a scripted HTTP server on 127.0.0.1."""
    script = Script()
    server = QuietHTTPServer(("127.0.0.1", 0), _handler(script))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", script
    finally:
        server.shutdown()
        server.server_close()


def error_of(store: RemoteStore, query: str = ASK) -> str:
    with pytest.raises(StoreError) as info:
        store.select(query)
    return str(info.value)


def write_error(store: RemoteStore) -> str:
    with pytest.raises(StoreError) as info:
        store.replace_graphs([(G, [LINE])])
    return str(info.value)


def cli_run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    runner = CliRunner(env={"TRADEKG_STORE": None, "TRADEKG_REFERENCE": None, **(env or {})})
    result = runner.invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def cli_process(*args: str) -> tuple[int, str, str]:
    """The command in its own process: for a proxy in this process, which the command's
    network guard would stop from reaching the server behind it (the guard is per process)."""
    env = {k: v for k, v in os.environ.items() if k not in ("TRADEKG_STORE", "TRADEKG_REFERENCE")}
    done = subprocess.run(
        [sys.executable, "-m", "kg", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


# --- the connection -------------------------------------------------------------------------


def test_connection_refused() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    assert error_of(RemoteStore(url, {})) == (
        f"cannot connect to {url}: connection refused (is the server running? check the URL "
        "given with --store or TRADEKG_STORE)"
    )
    code, out, err = cli_run("--store", url, "stats")
    assert (code, out) == (3, "")
    assert err.startswith(f"Error: cannot connect to {url}: connection refused")


def test_timeout(fake: tuple[str, Script]) -> None:
    base, script = fake
    script.delay = 2.0
    store = RemoteStore(base + "/query", {"TRADEKG_TIMEOUT": "0.3"})
    started = time.monotonic()
    assert error_of(store) == (
        f"no answer from {base}/query within 0.3 s (the server may be busy or the query too "
        "expensive; set TRADEKG_TIMEOUT (seconds) to wait longer)"
    )
    assert time.monotonic() - started < 1.5
    with pytest.raises(UsageError, match="TRADEKG_TIMEOUT must be a number of seconds"):
        RemoteStore(base + "/query", {"TRADEKG_TIMEOUT": "soon"})


def test_the_store_url_must_not_hold_credentials() -> None:
    code, out, err = cli_run("--store", f"http://writer:{SECRET}@127.0.0.1:1/query", "stats")
    assert (code, out) == (2, "")
    assert SECRET not in err
    assert err.startswith("Error: the store URL must not contain credentials")


def test_a_bare_server_url_asks_for_the_endpoint() -> None:
    with pytest.raises(UsageError, match="give the query endpoint of the server"):
        RemoteStore("http://127.0.0.1:7878", {})


# --- HTTP errors ----------------------------------------------------------------------------


def test_html_500(fake: tuple[str, Script]) -> None:
    base, script = fake
    script.status, script.content_type = 500, "text/html"
    script.body = (
        b"<html><head><title>Oops</title><style>p {color: red}</style></head>"
        b"<body><h1>Internal error</h1><p>disk full</p></body></html>"
    )
    assert error_of(RemoteStore(base + "/query", {})) == (
        f"the server at {base}/query failed (500 Internal Server Error): Oops Internal error "
        "disk full (see the server's log; run the command again once it is fixed)"
    )


def test_truncated_200(fake: tuple[str, Script]) -> None:
    base, script = fake
    script.body = b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","val'
    assert error_of(RemoteStore(base + "/query", {}), "SELECT ?s WHERE { ?s ?p ?o }") == (
        f"the answer from {base}/query is incomplete or invalid (69 bytes of "
        'application/sparql-results+json, ending \'{"head":{"vars":["s"]},"results":'
        '{"bindings":[{"s":{"type":"uri","val\') (the server may have stopped the query '
        "(its own time limit) or the connection broke; run the command again, or narrow the "
        "query)"
    )


def test_a_200_that_is_not_sparql_results(fake: tuple[str, Script]) -> None:
    base, script = fake
    script.content_type, script.body = "text/html", b"<html><body>YASGUI</body></html>"
    assert "is incomplete or invalid (32 bytes of text/html" in error_of(
        RemoteStore(base + "/query", {})
    )


def test_row_cap_header_on_a_construct_answer(fake: tuple[str, Script]) -> None:
    base, script = fake
    script.headers = {"X-SPARQL-MaxRows": "10000"}
    script.content_type, script.body = "text/turtle", b""
    with pytest.raises(StoreError) as info:
        RemoteStore(base + "/sparql", {}).triples("CONSTRUCT WHERE { ?s ?p ?o }")
    assert str(info.value) == (
        f"the server at {base}/sparql cut the answer at 10000 rows (X-SPARQL-MaxRows), so it "
        "is incomplete (raise ResultSetMaxRows in the [SPARQL] section of virtuoso.ini, or "
        "narrow the query)"
    )


def test_404_from_oxigraph(oxigraph: tuple[str, dict[str, str]]) -> None:
    url = oxigraph[0].replace("/query", "/nothing/query")
    message = error_of(RemoteStore(url, {}))
    assert message.startswith(f"there is no endpoint at {url} (404 Not Found)")
    assert message.endswith(
        "(check the endpoint URL (Oxigraph: /query, Virtuoso: /sparql, "
        "Fuseki: /DATASET/query), or set TRADEKG_UPDATE_URL / "
        "TRADEKG_GSP_URL)"
    )


def test_truncated_200_from_oxigraph(oxigraph: tuple[str, dict[str, str]]) -> None:
    # Oxigraph reports an error met while streaming as the end of a 200 body (STORES.md)
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{free_port()}/sparql> {{ ?s ?p ?o }} }}"
    message = error_of(remote(oxigraph), query)
    assert message.startswith(f"the answer from {oxigraph[0]} is incomplete or invalid")
    assert "Connection refused" in message


def test_a_bad_query_is_a_usage_error(oxigraph: tuple[str, dict[str, str]]) -> None:
    # the command checks the query before sending it: a syntax error is said here, in one line
    code, out, err = cli_run("--store", oxigraph[0], "sparql", "SELECT ?s WHERE { ?s ?p }")
    assert (code, out) == (2, "")
    assert err == (
        "Error: the query does not parse: line 1, column 19, at '?s ?p }' (tradekg sparql "
        "runs SPARQL 1.1 SELECT, ASK, CONSTRUCT and DESCRIBE queries)\n"
    )
    # a query that reaches the server malformed is the server's 400, a usage error too
    with pytest.raises(UsageError) as info:
        remote(oxigraph).select("SELECT ?s WHERE { ?s ?p }")
    assert str(info.value).startswith(
        f"the server at {oxigraph[0]} rejected the query (400 Bad Request): "
    )
    code, _, err = cli_run("--store", oxigraph[0], "sparql", "DROP ALL")
    assert (code, err) == (
        2,
        "Error: updates are refused: tradekg sparql only reads the store (load data with "
        "tradekg ingest)\n",
    )


# --- Virtuoso: authentication, permissions, row cap ---------------------------------------


def test_virtuoso_wrong_password(virtuoso: tuple[str, dict[str, str]]) -> None:
    url, env = virtuoso
    store = RemoteStore(url, {**env, "TRADEKG_PASSWORD": SECRET})
    with pytest.raises(StoreError) as info:
        store.replace_graphs([(G, [LINE])])
    message = str(info.value)
    assert message.startswith(
        f"the server at {url}-graph-crud-auth asks for credentials or "
        "refused them (401 Unauthorized); 0 of the 1 graphs of this "
        f"batch were replaced before <{G}> failed"
    )
    assert SECRET not in message


def test_virtuoso_refuses_anonymous_writes(virtuoso: tuple[str, dict[str, str]]) -> None:
    url, _ = virtuoso
    with pytest.raises(StoreError) as info:
        RemoteStore(url, {}).replace_graphs([(G, [LINE])])
    assert str(info.value).startswith(
        f"the server at {url}-graph-crud refused the request (403 Forbidden)"
    )


DIGITS = " ".join(f"VALUES ?{v} {{ 0 1 2 3 4 5 6 7 8 9 }}" for v in "abc")


def test_virtuoso_row_cap_is_paged_through(virtuoso_capped: tuple[str, dict[str, str]]) -> None:
    """A SELECT answer past the row cap (7 rows here) comes whole and in the query's order."""
    query = (
        "SELECT ?a ?b (?a * 100 + ?b * 10 + ?c AS ?n) WHERE { " + DIGITS + " } "
        "ORDER BY DESC(?a) ?b DESC(?c)"
    )
    rows = remote(virtuoso_capped).select(query).rows
    assert [int(str(r[2])) for r in rows] == sorted(
        range(1000), key=lambda n: (-(n // 100), n // 10 % 10, -(n % 10))
    )
    limited = (
        remote(virtuoso_capped)
        .select("SELECT DISTINCT ?a WHERE { " + DIGITS + " } LIMIT 9 OFFSET 0")
        .rows
    )
    assert sorted(int(str(r[0])) for r in limited) == list(range(9))


def test_virtuoso_row_cap_on_a_construct_is_an_error(
    virtuoso_capped: tuple[str, dict[str, str]],
) -> None:
    query = (
        "CONSTRUCT { ?s <http://example.org/n> ?n } WHERE { " + DIGITS + " BIND(?a * 100 "
        "+ ?b * 10 + ?c AS ?n) BIND(IRI(CONCAT('http://example.org/', STR(?n))) AS ?s) }"
    )
    with pytest.raises(StoreError) as info:
        remote(virtuoso_capped).triples(query)
    assert str(info.value).startswith(
        f"the server at {virtuoso_capped[0]} cut the answer at 7 rows (X-SPARQL-MaxRows)"
    )
    small = (
        "CONSTRUCT { <http://example.org/s> <http://example.org/n> ?a } WHERE { VALUES ?a "
        "{ 1 2 3 } }"
    )
    assert len(remote(virtuoso_capped).triples(small)) == 3


def test_virtuoso_syntax_error_is_a_usage_error(virtuoso: tuple[str, dict[str, str]]) -> None:
    with pytest.raises(
        UsageError,
        match=r"rejected the query \(400 Bad Request\): Virtuoso "
        r"37000 Error SP030",
    ):
        remote(virtuoso).select("SELECT ?s WHERE { ?s ?p }")


# --- credentials ------------------------------------------------------------------------------


def test_credentials_never_appear_in_errors(fake: tuple[str, Script]) -> None:
    # a server that echoes what it was sent, credentials included
    base, script = fake
    script.content_type = "text/plain"
    script.body = b"denied: {auth} / " + SECRET.encode() + b" / " + TOKEN.encode()
    for status in (401, 403, 500):
        script.status = status
        for env in (
            {"TRADEKG_USER": "writer", "TRADEKG_PASSWORD": SECRET},
            {"TRADEKG_USER": "writer", "TRADEKG_PASSWORD": SECRET, "TRADEKG_AUTH": "digest"},
            {"TRADEKG_TOKEN": TOKEN},
        ):
            secrets = [env.get("TRADEKG_TOKEN") or SECRET, basic(SECRET)]
            store = RemoteStore(base + "/query", env)
            for message in (error_of(store), write_error(store)):
                assert message.startswith(f"the server at {base}/")
                assert [s for s in secrets if s in message] == []
            code, _, err = cli_run("--store", base + "/query", "stats", env=env)
            assert code == 3
            assert [s for s in secrets if s in err] == []


def basic(password: str) -> str:
    return base64.b64encode(f"writer:{password}".encode()).decode()


def test_basic_and_bearer_are_sent(fake: tuple[str, Script]) -> None:
    base, script = fake
    RemoteStore(base + "/query", {"TRADEKG_USER": "reader", "TRADEKG_PASSWORD": SECRET}).select(ASK)
    RemoteStore(base + "/query", {"TRADEKG_TOKEN": TOKEN}).select(ASK)
    sent = [s["headers"].get("Authorization") for s in script.seen]
    assert sent[0].startswith("Basic ") and sent[1] == f"Bearer {TOKEN}"


def test_credentials_file(tmp_path: Path) -> None:
    path = tmp_path / "credentials.toml"
    path.write_text(
        '["http://127.0.0.1:8890/"]\nauth = "digest"\nuser = "writer"\n'
        f'password = "{SECRET}"\n["http://other/"]\ntoken = "x"\n',
        encoding="utf-8",
    )
    path.chmod(0o600)
    env = {"TRADEKG_CREDENTIALS": str(path)}
    found = load_credentials("http://127.0.0.1:8890/sparql", env)
    assert (found.scheme, found.user, found.password) == ("digest", "writer", SECRET)
    assert SECRET not in repr(found)
    assert load_credentials("http://elsewhere/sparql", env).scheme is None
    path.chmod(0o644)
    with pytest.raises(StoreError, match="can be read by other users"):
        load_credentials("http://127.0.0.1:8890/sparql", env)


# --- a write that fails half-way --------------------------------------------------------------


def test_a_batch_that_fails_half_way_is_reported_and_converges(
    oxigraph: tuple[str, dict[str, str]],
) -> None:
    store = remote(oxigraph)
    names = [URIRef(f"{G}-{i}") for i in range(3)]
    good = [
        (
            n,
            [
                f"<{n}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                "<http://www.w3.org/ns/prov#Bundle>",
                f'<{n}> <http://e.org/p> "v2"',
            ],
        )
        for n in names
    ]
    bad = [good[0], (names[1], ['<http://e.org/s> <http://e.org/p> "unterminated']), good[2]]
    try:
        with pytest.raises(StoreError) as info:
            store.replace_graphs(bad)
        assert str(info.value).startswith(
            f"the server at {store.gsp_url} answered 400 Bad Request: "
        )
        assert (
            f"; 1 of the 3 graphs of this batch were replaced before <{names[1]}> failed "
            "(run the same command again: it rewrites every graph of the batch)"
        ) in str(info.value)
        assert [store.quad_count(n) for n in names] == [2, 0, 0]
        store.replace_graphs(good)  # the same command again
        assert [store.quad_count(n) for n in names] == [2, 2, 2]
    finally:
        store.drop_graphs(names)


def test_ingest_that_fails_half_way_exits_3_and_converges_when_run_again(
    oxigraph: tuple[str, dict[str, str]],
    fake: tuple[str, Script],
    tmp_path: Path,
    reference: Reference,
) -> None:
    # a proxy in front of the real server fails the second PUT with an HTML 500
    base, script = fake
    upstream = oxigraph[0].removesuffix("/query")
    script.upstream, script.fail_puts = upstream, {2}
    script.status, script.content_type = 500, "text/html"
    script.body = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    (tmp_path / "partners.md").write_text(PARTNERS_ARTICLE, encoding="utf-8")
    (tmp_path / "partners.facts.yaml").write_text(PARTNERS_FACTS, encoding="utf-8")
    direct = remote(oxigraph)
    ingest(direct, [sample_dir()], reference)  # shared graphs in place: the batch is 2 articles
    partners = article_graph("https://example.org/tradekg-tests/partners-line-up")
    direct.drop_graphs([partners])
    before = direct.graph_names()
    code, out, err = cli_process(
        "--store", base + "/query", "ingest", str(sample_dir()), str(tmp_path)
    )
    assert (code, out) == (3, "")
    assert err == (
        f"Error: the server at {base}/store failed (500 Internal Server Error): "
        "502 Bad Gateway; 1 of the 2 graphs of this batch were replaced before "
        f"<{partners}> failed (see the server's log; run the command again once it "
        "is fixed; then run the same command again: it rewrites every graph of the "
        "batch; 0 article(s) of this run were written before this batch)\n"
    )
    assert direct.graph_names() == before  # the first was replaced, the second not written
    code, _, err = cli_run("--store", oxigraph[0], "ingest", str(sample_dir()), str(tmp_path))
    assert code == 0, err
    # and the links ingest makes between the two articles' proposals (kg.link)
    assert direct.graph_names() == sorted([*before, partners, LINKS_GRAPH])
    direct.drop_graphs([partners, LINKS_GRAPH])


def test_fault_messages_are_one_line() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    code, _, err = cli_run("--store", url, "query", "proposals")
    assert code == 3 and err.count("\n") == 1 and "Traceback" not in err
