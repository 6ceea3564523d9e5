"""The HTTP server: routes, content negotiation, errors as status codes.

Routes (the tradekg base ``https://w3id.org/tradekg/`` is mapped onto the server root)::

    /                     home page
    /sparql               SPARQL 1.1 Protocol endpoint (read-only)
    /id/...               every minted IRI: 303 See Other to its document, by Accept
    /doc/....html|.ttl|.jsonld|.nt   the documents (200)
    /ontology             the ontology (HTML, Turtle, JSON-LD); terms are /ontology#Term
    /context.jsonld       the JSON-LD context
    /.well-known/void     the VoID/DCAT description (Turtle, JSON-LD, N-Triples, HTML)
    /queries, /queries/NAME?param=...&format=html|csv|tsv|json&limit=N&offset=N|cursor=C
                          the saved queries, a page of rows at a time (pages.run_query)
    /report?about=NAME[&asOf=DATE]  the report about an article, actor, negotiation or
                          proposal (as `tradekg report`)
    /pictures/NAME.svg?about=NAME[&asOf=DATE]   one of its pictures: timeline, positions,
                          network

An article's page shows its text with every evidence span marked (kg.views.article); an
actor's page starts with its positions.

Entity IRIs name things (a person, a proposal), not documents, so they follow the Cool URIs
note's 303 pattern: ``/id/actor/freeland`` answers ``303 See Other`` with ``Location:
/doc/actor/freeland.html`` (or ``.ttl``, ``.jsonld``, ``.nt``) chosen by ``Accept``
(``Vary: Accept``); the documents answer 200. The RDF keeps the canonical IRIs.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import time
import traceback
from collections.abc import Iterator, Set
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from rdflib import RDF, Graph, URIRef

from kg import syntaxes
from kg.errors import (
    Busy,
    InputError,
    KgError,
    Refused,
    StaleCursor,
    StoreError,
    TimedOut,
    UsageError,
)
from kg.iris import check_iri
from kg.queries import run_saved
from kg.resources import ontology_file, ontology_graph
from kg.serve import entity, html, pages, sparql
from kg.serve.negotiate import Response, choose, format_names, prefers_html, rdf_media_types
from kg.store import Store, fixed
from kg.store.readers import ReadOnly
from kg.store.serving import Reads, open_reads
from kg.terms import BASE, SCHEMA, TKG
from kg.void import describe

log = logging.getLogger("kg.serve")
INTERNAL_ROWS = 1_000_000
REMOTE_STATE = 10.0  # seconds the VoID description and labels of a SPARQL server are kept
DOCUMENT_SYNTAXES = pages.DOCUMENT_SYNTAXES
# media type -> the document's extension; HTML first: a browser's choice, and the default
DOC_TYPES = {"text/html": "html"} | {
    m: syntaxes.by_name(n).suffix[1:] for m, n in rdf_media_types(DOCUMENT_SYNTAXES).items()
}
EXTENSIONS = {"html": "html", **{syntaxes.by_name(n).suffix[1:]: n for n in DOCUMENT_SYNTAXES}}
RDF_OFFERED = {
    **{syntaxes.by_name(n).media_type: n for n in DOCUMENT_SYNTAXES},
    "text/html": "html",
}
FORMAT_PARAM = format_names(DOCUMENT_SYNTAXES, html="html")


class Graphs(Set[str]):
    """The graphs of one state of the store, for the endpoint's FROM checks: asked one at a
    time, never listed whole."""

    def __init__(self, store: ReadOnly) -> None:
        self._store = store

    def __contains__(self, iri: object) -> bool:
        try:
            name = check_iri(str(iri))
        except InputError:
            return False
        return fixed.has_graph(self._store, name)

    def __iter__(self) -> Iterator[str]:
        return iter([str(g) for g in self._store.graph_names()])

    def __len__(self) -> int:
        return len(self._store.graph_names())


class View:
    """What one request reads: one state of the store (a snapshot, or the server as it is),
    and what is computed once per state (the ontology's labels, the VoID description)."""

    def __init__(self, pstore: ReadOnly, internal: ReadOnly, cache: dict[str, Any]) -> None:
        self.pstore = pstore  # what clients ask: cut at --max-rows, and they are told
        # the server's own fixed queries (pages, VoID) carry their own LIMITs
        self.internal = internal
        self.graphs = Graphs(internal)
        self._cache = cache
        self._lock: threading.Lock = cache["lock"]

    @property
    def vocabulary(self) -> dict[str, str]:
        with self._lock:
            if "vocabulary" not in self._cache:
                self._cache["vocabulary"] = {
                    str(r[0]): str(r[1])
                    for r in self.internal.select(entity.ONTOLOGY_LABELS).rows
                    if r[1]
                }
            vocabulary: dict[str, str] = self._cache["vocabulary"]
            return vocabulary

    def void(self) -> Graph:
        with self._lock:
            if "void" not in self._cache:
                self._cache["void"] = describe(self.internal)
            void: Graph = self._cache["void"]
            return void


class Site:
    """Views over what the server reads (kg.store.serving), with what is computed once per
    state of the store; ``close`` releases what the site holds. A SPARQL server has no fixed
    state: its caches last REMOTE_STATE seconds."""

    def __init__(self, reads: Reads, max_rows: int) -> None:
        self.reads = reads
        self.max_rows = max_rows
        self._caches: dict[object, dict[str, Any]] = {}
        self._lock = threading.Lock()

    def _cache(self, key: object) -> dict[str, Any]:
        with self._lock:
            if key not in self._caches:
                self._caches = {k: v for k, v in self._caches.items() if k == self._latest}
                self._caches[key] = {"lock": threading.Lock()}
            self._latest = key
            return self._caches[key]

    _latest: object = None

    @contextlib.contextmanager
    def view(self) -> Iterator[View]:
        with self.reads.lease() as (key, reader):
            if key is None:
                key = int(time.monotonic() // REMOTE_STATE)
            yield View(reader(self.max_rows), reader(INTERNAL_ROWS), self._cache(key))

    def close(self) -> None:
        self.reads.close()


def _rdf_format(query: dict[str, list[str]], accept: str | None, html_first: bool) -> str | None:
    given = (query.get("format") or [""])[-1].lower()
    if given in FORMAT_PARAM:
        return FORMAT_PARAM[given]
    offered = list(RDF_OFFERED)
    if html_first:
        offered.remove("text/html")
        offered.insert(0, "text/html")
    chosen = choose(accept, offered)
    return RDF_OFFERED[chosen] if chosen else None


def route(view: View, method: str, target: str, headers: Any, body: bytes) -> Response:
    parts = urlsplit(target)
    path, query = parts.path, parse_qs(parts.query, keep_blank_values=True)
    accept = headers.get("Accept")
    if path == "/sparql":
        return sparql.handle(
            view.pstore,
            view.graphs,
            method,
            parts.query,
            headers.get("Content-Type", ""),
            body,
            accept,
        )
    if method == "POST":
        return Response(
            405, "text/plain; charset=utf-8", b"only /sparql accepts POST\n", {"Allow": "GET, HEAD"}
        )
    if path.startswith("/id/"):
        return _thing(view, path, accept)
    if path.startswith("/doc/"):
        return _document(view, path)
    if path == "/":
        from kg.views.report import examples

        stats = run_saved(view.pstore, "stats")
        return Response(
            200, pages.QUERY_FORMATS["html"], pages.home(stats, examples(view.internal))
        )
    if path == "/report":
        return _report(view, query)
    if path.startswith("/pictures/"):
        return _picture(view, path.removeprefix("/pictures/"), query)
    if path == "/queries":
        return Response(200, pages.QUERY_FORMATS["html"], pages.query_list())
    if path.startswith("/queries/"):
        return pages.run_query(view.pstore, path.removeprefix("/queries/"), query)
    if path == "/.well-known/void":
        fmt = _rdf_format(query, accept, html_first=False)
        if fmt is None:
            return _not_acceptable(accept)
        graph = view.void()
        return pages.rdf_response(graph, fmt, pages.void_page(graph) if fmt == "html" else None)
    if path == "/ontology":
        fmt = _rdf_format(query, accept, html_first=True)
        if fmt is None:
            return _not_acceptable(accept)
        if fmt == "turtle":
            return Response(
                200, pages.RDF_TYPES["turtle"], ontology_file().read_bytes(), {"Vary": "Accept"}
            )
        return pages.rdf_response(
            ontology_graph(), fmt, pages.ontology_page() if fmt == "html" else None
        )
    if path == "/context.jsonld":
        return Response(200, "application/ld+json", pages.context_bytes())
    return Response(404, "text/plain; charset=utf-8", f"nothing at {path}\n".encode())


def _iri(path: str, prefix: str) -> URIRef:
    iri = BASE + "id/" + path.removeprefix(prefix)
    try:
        return check_iri(iri)
    except InputError:
        raise UsageError(f"{path} is not the path of an IRI") from None


def _thing(view: View, path: str, accept: str | None) -> Response:
    """303 See Other from a thing's IRI to the document about it that the client prefers."""
    iri = _iri(path, "/id/")
    # browsers name text/html; a client that says nothing (or */*) gets the page too
    chosen = choose(accept, list(DOC_TYPES)) if accept and accept.strip() != "*/*" else "text/html"
    if chosen is None:
        return _not_acceptable(accept)
    if not view.internal.select("SELECT ?x WHERE { ?x ?p ?o } LIMIT 1", {"x": iri}).rows:
        return Response(
            404, "text/plain; charset=utf-8", f"the graph says nothing about <{iri}>\n".encode()
        )
    location = "/doc/" + path.removeprefix("/id/") + "." + DOC_TYPES[chosen]
    return Response(
        303,
        "text/plain; charset=utf-8",
        f"See {location}\n".encode(),
        {"Location": location, "Vary": "Accept"},
    )


def _document(view: View, path: str) -> Response:
    stem, _, extension = path.rpartition(".")
    if extension not in EXTENSIONS or not stem.startswith("/doc/"):
        return Response(
            404,
            "text/plain; charset=utf-8",
            f"nothing at {path}: documents end in .html, .ttl, .jsonld or .nt\n".encode(),
        )
    iri = _iri(stem, "/doc/")
    fmt = EXTENSIONS[extension]
    if fmt == "html":
        found = entity.load(view.internal, iri)
        if found is None:
            return Response(
                404,
                pages.QUERY_FORMATS["html"],
                html.error_page(404, f"The graph says nothing about {iri}."),
            )
        extra = _view(view, found)
        return Response(
            200, pages.QUERY_FORMATS["html"], entity.render(found, view.vocabulary, extra)
        )
    graph = entity.document(view.internal, iri)
    if not len(graph):
        return Response(
            404, "text/plain; charset=utf-8", f"the graph says nothing about <{iri}>\n".encode()
        )
    return Response(200, pages.RDF_TYPES[fmt], entity.serialize(graph, fmt))


def _link(iri: str) -> str | None:
    return html.local(iri)


def _view(view: View, found: entity.Entity) -> str:
    """What an entity's page shows first: an article with its evidence marked (and a link to
    its report), an actor's positions; nothing for other entities."""
    from kg.views import article, report

    if found.values(SCHEMA.articleBody):
        shown = article.body(article.load(view.internal, found.iri), _link)
        about = urlencode({"about": str(found.iri)})
        return (
            f'<p class="note"><a href="/report?{html.esc(about)}">The report</a>: this article '
            "with its timeline, positions and who stands with whom, as one file.</p>" + shown
        )
    if TKG.Actor in found.values(RDF.type):
        subject = report.Subject("actor", found.iri, found.label)
        return "<h2>Positions</h2>" + report.figure(view.internal, subject, "positions", _link)
    return ""


def _report(view: View, query: dict[str, list[str]]) -> Response:
    """``/report?about=NAME``: the report about an article or actor, as `tradekg report`."""
    from kg.views import report

    about = (query.get("about") or [""])[-1].strip()
    if not about:
        raise UsageError("say what the report is about: /report?about=NAME")
    as_of = (query.get("asOf") or [""])[-1].strip() or None
    page = report.report(view.internal, about, _link, as_of)
    return Response(200, pages.QUERY_FORMATS["html"], page.encode("utf-8"))


def _picture(view: View, name: str, query: dict[str, list[str]]) -> Response:
    """``/pictures/NAME.svg?about=NAME``: one picture of a report, as SVG."""
    from kg.views import report

    picture = name.removesuffix(".svg")
    if not name.endswith(".svg") or picture not in report.PICTURES:
        return Response(
            404,
            "text/plain; charset=utf-8",
            f"no picture {name}: {', '.join(p + '.svg' for p in report.PICTURES)}\n".encode(),
        )
    about = (query.get("about") or [""])[-1].strip()
    if not about:
        raise UsageError(f"say what the picture is about: /pictures/{name}?about=NAME")
    subject = report.subject(view.internal, about)
    as_of = (query.get("asOf") or [""])[-1].strip() or None
    svg = report.figure(view.internal, subject, picture, _link, as_of)
    return Response(200, "image/svg+xml; charset=utf-8", svg.encode("utf-8"))


def _not_acceptable(accept: str | None) -> Response:
    return Response(
        406,
        "text/plain; charset=utf-8",
        f"none of the media types in Accept ({accept}) is offered here\n".encode(),
    )


def _status(error: KgError) -> int:
    if isinstance(error, Refused):
        return 403
    if isinstance(error, StaleCursor):  # the page asked for is of an older state of the store
        return 409
    if isinstance(error, TimedOut | Busy):
        return 503
    if isinstance(error, StoreError):
        return 500
    return 400


class Handler(BaseHTTPRequestHandler):
    server: Server
    protocol_version = "HTTP/1.1"
    server_version = "tradekg"
    # TCP_NODELAY: the headers and the body are two writes, and with Nagle's algorithm the
    # body can wait for the client's ACK of the headers, which a client on a kept-alive
    # connection may delay by up to 40 ms (delayed ACK). The usual setting of a request /
    # response server; serve_load.py showed no difference either way (benchmarks/README.md)
    disable_nagle_algorithm = True

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._serve("GET")

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve("HEAD")

    def do_POST(self) -> None:  # noqa: N802
        self._serve("POST")

    def _serve(self, method: str) -> None:
        accept = self.headers.get("Accept")
        try:
            body = self._body() if method == "POST" else b""
            with self.server.site.view() as view:
                response = route(
                    view, "GET" if method == "HEAD" else method, self.path, self.headers, body
                )
        except KgError as e:
            status = _status(e)
            if status == 500:
                log.error("%s %s: %s", method, self.path, e)
            if prefers_html(accept):
                response = Response(
                    status, "text/html; charset=utf-8", html.error_page(status, str(e))
                )
            else:
                response = Response(status, "text/plain; charset=utf-8", f"{e}\n".encode())
            if isinstance(e, Busy):
                response.headers["Retry-After"] = "1"
        except Exception:
            log.error("%s %s failed:\n%s", method, self.path, traceback.format_exc())
            response = Response(
                500, "text/plain; charset=utf-8", b"the server failed to answer; see its log\n"
            )
        self._send(response, head=method == "HEAD")

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        if length > sparql.MAX_BODY:
            raise UsageError(f"the request body is larger than {sparql.MAX_BODY} bytes")
        return self.rfile.read(length)

    def _send(self, response: Response, *, head: bool) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
        )
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(response.body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        log.info("%s " + format, self.address_string(), *args)


class Server(ThreadingHTTPServer):
    """The running server; ``close`` stops its workers and removes its snapshots."""

    daemon_threads = True
    request_queue_size = 128  # connections waiting for a thread; the default 5 resets clients

    def __init__(self, address: tuple[str, int], site: Site) -> None:
        super().__init__(address, Handler)
        self.site = site

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up before its answer was written (it timed out, or was stopped)
        is no fault of the server's: noted in the log, not a traceback on stderr. Anything
        else is logged with its traceback (socketserver prints it to stderr)."""
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError):  # BrokenPipeError, ConnectionResetError, ...
            log.info("%s hung up before its answer was sent: %s", client_address[0], error)
        else:
            log.exception("error while answering %s", client_address[0])

    def close(self) -> None:
        self.server_close()
        self.site.close()


def cores() -> int:
    """The cores this process may run on (its CPU affinity, which containers narrow)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def make_server(
    store: Store | str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8080,
    timeout: float = 10.0,
    max_rows: int = 10000,
    workers: int | None = None,
    wait: float = 0.0,
) -> Server:
    """A server over ``store``, listening but not yet serving.

    ``store`` is an open store, the directory of an embedded store or the URL of a SPARQL
    server (kg.store.serving.open_reads). An embedded store is served from snapshots
    (kg.store.snapshots): the first is taken at start, from ``store`` when it is open, else by
    opening the directory for a moment; when another process holds the store, the server
    waits up to ``wait`` seconds for it to publish one. Writers may use the store while the
    server runs (close an open ``store`` for other processes to write). Over a SPARQL server,
    each query waits ``timeout`` seconds for its answer. ``workers`` query processes answer at
    the same time; by default one per core this process may use.

    Call ``serve_forever()`` to serve, ``shutdown()`` from another thread to stop, and
    ``close()`` at the end.
    """
    if timeout <= 0:
        raise UsageError("the time limit must be more than 0 seconds")
    if max_rows < 1:
        raise UsageError("the row limit must be at least 1")
    if workers is None:
        workers = cores()
    if workers < 1:
        raise UsageError("the server needs at least one query worker")
    site = Site(open_reads(store, timeout=timeout, workers=workers, wait=wait), max_rows)
    try:
        return Server((host, port), site)
    except OSError as e:
        site.close()
        raise StoreError(
            f"cannot listen on {host}:{port}: {e.strerror}",
            hint="choose another --port, or stop what uses it",
        ) from None
    except BaseException:
        site.close()
        raise
