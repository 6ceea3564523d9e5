"""A store on a SPARQL 1.1 server: queries through SPARQLWrapper, article graphs written with
the Graph Store Protocol (one idempotent PUT per graph), faults reported as ``StoreError``.

``open_store("http://host:7878/query")`` opens one. The location is the query endpoint; the
update and Graph Store Protocol (GSP) endpoints are derived for the servers we know (one
``ServerProfile`` each in ``kg.store.profiles``: a new server goes there), or given
with ``TRADEKG_UPDATE_URL`` / ``TRADEKG_GSP_URL`` (``none`` turns GSP off: writes then go
through SPARQL Update)::

    server     query URL          update URL       GSP URL
    Oxigraph   /query             /update          /store
    Virtuoso   /sparql            /sparql-auth     /sparql-graph-crud-auth (with credentials,
                                                   else /sparql-graph-crud: read only)
    Fuseki     /DATASET/query     /DATASET/update  /DATASET/data

The default graph of every query is the union of all graphs: Virtuoso's default; for Oxigraph
tradekg sends Oxigraph's ``union-default-graph`` parameter (no server flag needed); other servers
must be configured so (Fuseki: ``tdb2:unionDefaultGraph true``). Every answer is read whole and
parsed: a truncated or invalid body is an error. A SELECT answer that Virtuoso cut at its row cap
(``X-SPARQL-MaxRows``) is fetched again a page at a time (``kg.sparql_terms.page``), so it is
whole; a CONSTRUCT or DESCRIBE answer so cut is an error.
The graphs tradekg lists, counts and exports are its own: those that say ``<g> a prov:Bundle``
(the server's system graphs are left out). Requests time out after ``TRADEKG_TIMEOUT`` seconds
(default 30).
"""

from __future__ import annotations

import ast
import http.client
import json
import logging
import os
import time
import urllib.error
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import pyoxigraph as ox
import requests
from rdflib import XSD, BNode, Literal, URIRef
from rdflib.term import Node
from requests.auth import HTTPDigestAuth
from SPARQLWrapper import JSON, POST, TURTLE, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kg import syntaxes
from kg.errors import KgError, QueryTimeout, StoreError, TimedOut, UsageError
from kg.iris import COUNTS_GRAPH, SHARED_GRAPH, TOTALS
from kg.oxterms import from_ox
from kg.sparql_terms import XSD_STRING, Row, bind_values, page, query_form, render, render_lines
from kg.store import Caps, Dataset, Reading, RenderedGraph, Results, Triples, fixed
from kg.store.auth import Credentials, load_credentials
from kg.store.faults import bad_body, http_error, row_cap, timed_out, unreachable
from kg.store.profiles import PROFILES, ServerProfile, examples, profile_for

ENV_TIMEOUT = "TRADEKG_TIMEOUT"
ENV_UPDATE_URL = "TRADEKG_UPDATE_URL"
ENV_GSP_URL = "TRADEKG_GSP_URL"
DEFAULT_TIMEOUT = 30.0
log = logging.getLogger("kg.store")
PAGE = fixed.PAGE
_NT = syntaxes.by_name("ntriples")  # graphs travel as N-Triples (Graph Store Protocol)
_NO_GRAPH = URIRef("https://w3id.org/tradekg/id/graph/none")  # for a digest challenge
# 10^5 rows, LIMIT 20001: more than Virtuoso's default cap (10000), so it shows the cap
_CAP_PROBE = (
    "SELECT ?a WHERE { "
    + " ".join(f"VALUES ?{v} {{ 0 1 2 3 4 5 6 7 8 9 }}" for v in "abcde")
    + " } LIMIT 20001"
)


def endpoints(
    location: str,
    env: Mapping[str, str],
    *,
    credentials: bool,
    profiles: tuple[ServerProfile, ...] = PROFILES,
) -> tuple[str | None, str | None, bool]:
    """The update URL, the GSP URL and whether the server's profile has a union-default-graph
    parameter to send: from the profile that recognises the URL (kg.store.profiles), unless
    the environment gives them."""
    parts = urlsplit(location)
    path = parts.path.rstrip("/")
    profile = profile_for(path, profiles)
    prefix = f"{parts.scheme}://{parts.netloc}{profile.base(path) or ''}"
    gsp_path = profile.gsp(credentials=credentials)
    update = prefix + profile.update_path if profile.update_path is not None else None
    gsp = prefix + gsp_path if gsp_path is not None else None
    if env.get(ENV_UPDATE_URL):
        update = env[ENV_UPDATE_URL]
    if env.get(ENV_GSP_URL):
        gsp = None if env[ENV_GSP_URL].lower() == "none" else env[ENV_GSP_URL]
    return update, gsp, profile.union_parameter is not None


def _timeout(env: Mapping[str, str]) -> float:
    raw = env.get(ENV_TIMEOUT)
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value <= 0:
        raise UsageError(f"{ENV_TIMEOUT} must be a number of seconds, not {raw!r}")
    return value


def _term(value: Any, where: str) -> Node | None:
    """A term of the SPARQL 1.1 JSON results format (and Virtuoso's ``typed-literal``)."""
    if value is None:
        return None
    kind = value.get("type")
    text = value.get("value")
    if not isinstance(text, str):
        raise StoreError(f"the answer from {where} has a term without a value")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        if value.get("xml:lang"):
            return Literal(text, lang=value["xml:lang"])
        datatype = value.get("datatype")
        if datatype and datatype != XSD_STRING:
            return Literal(text, datatype=URIRef(datatype))
        return Literal(text)
    raise StoreError(f"the answer from {where} has a term of unknown type {kind!r}")


def _sent_back(error: SPARQLWrapperException) -> tuple[int, bytes]:
    """The HTTP status and body behind a SPARQLWrapper exception (it keeps the body only in
    its message, as a bytes literal)."""
    cause = error.__context__
    status = cause.code if isinstance(cause, urllib.error.HTTPError) else 0
    _, _, said = str(error).partition("Response:\n")
    try:
        body = ast.literal_eval(said) if said else b""
    except (ValueError, SyntaxError):
        body = b""
    return status, body if isinstance(body, bytes) else b""


class RemoteStore(Reading):
    """A SPARQL 1.1 server. Each graph is replaced by its own request: atomic per graph."""

    caps = Caps(timeouts=False)

    def __init__(
        self,
        location: str,
        environ: Mapping[str, str] | None = None,
        *,
        profiles: tuple[ServerProfile, ...] = PROFILES,
    ) -> None:
        """``profiles``: the servers to recognise the URL by, first match wins
        (kg.store.profiles)."""
        env = os.environ if environ is None else environ
        parts = urlsplit(location)
        if parts.username is not None or parts.password is not None:
            raise UsageError(
                "the store URL must not contain credentials",
                hint="set TRADEKG_USER and TRADEKG_PASSWORD (or TRADEKG_TOKEN) "
                "in the environment, or use the credentials file",
            )
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UsageError(f"{location!r} is not an http(s) URL")
        if parts.path.rstrip("/") == "":
            raise UsageError(
                f"give the query endpoint of the server, not just {location}",
                hint="e.g. " + ", ".join(f"{url} ({name})" for name, url in examples(profiles)),
            )
        self.location = location
        self.profile = profile_for(parts.path, profiles)
        # the server's row cap (Virtuoso's ResultSetMaxRows), once seen; None: not looked for yet
        self._cap: int | None = None
        self._probe_cap = self.profile.probes_row_cap
        self._credentials: Credentials = load_credentials(
            location, env, default_scheme=self.profile.auth
        )
        self.update_url, self.gsp_url, _ = endpoints(
            location, env, credentials=self._credentials.scheme is not None, profiles=profiles
        )
        self.timeout = _timeout(env)
        self._session = requests.Session()
        self._session.auth = self._credentials.requests_auth()
        self._session.headers["User-Agent"] = "tradekg"
        self._primed: set[str] = set()

    # --- faults --------------------------------------------------------------------------

    def _error(self, error: KgError) -> KgError:
        """The error, with any secret that could have slipped into it removed."""
        error.message = self._credentials.redact(error.message)
        error.hint = self._credentials.redact(error.hint) if error.hint else None
        return error

    # --- reading -------------------------------------------------------------------------

    def _wrapper(
        self,
        query: str,
        fmt: str,
        form: str,
        dataset: Dataset | None = None,
        timeout: float | None = None,
    ) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(self.location, agent="tradekg")
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(URLENCODED)
        wrapper.setOnlyConneg(True)
        wrapper.setReturnFormat(fmt)
        # setTimeout() truncates to whole seconds
        wrapper.timeout = timeout or self.timeout  # type: ignore[assignment]
        if dataset is not None:  # the protocol's dataset replaces the union default graph
            for graph in dataset[0]:
                wrapper.addDefaultGraph(graph)
            for graph in dataset[1]:
                wrapper.addNamedGraph(graph)
        elif self.profile.union_parameter is not None:
            wrapper.addParameter(self.profile.union_parameter, "")
        self._credentials.configure(wrapper)
        wrapper.setQuery(query)
        wrapper.queryType = form  # SPARQLWrapper's own guess can be misled by comments
        return wrapper

    def _ask(self, wrapper: SPARQLWrapper) -> tuple[bytes, Any]:
        """Send the request and read the whole body: (body, headers). Check the headers for
        Virtuoso's row cap (``X-SPARQL-MaxRows``) when the answer may be cut."""
        url = self.location
        started = time.monotonic()
        try:
            response = wrapper.query().response
            headers = response.headers if hasattr(response, "headers") else response.info()
            body = response.read()
            log.debug(
                "POST %s (query) -> %s, %d bytes in %.3f s",
                url,
                getattr(response, "status", "?"),
                len(body),
                time.monotonic() - started,
            )
        except SPARQLWrapperException as e:
            raise self._error(http_error(url, *_sent_back(e), query=True)) from None
        except urllib.error.HTTPError as e:
            raise self._error(http_error(url, e.code, e.read() or b"", query=True)) from None
        except TimeoutError:
            raise self._error(timed_out(url, float(wrapper.timeout or self.timeout))) from None
        except http.client.IncompleteRead as e:
            raise self._error(bad_body(url, e.partial, "")) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
            raise self._error(unreachable(url, e)) from None
        return body, headers

    def _select(
        self,
        query: str,
        bindings: Mapping[str, Node] | Sequence[Row] | None,
        dataset: Dataset | None = None,
        timeout: float | None = None,
    ) -> Results:
        form = query_form(query) or "SELECT"  # not a query: the server will say why
        if form == "UPDATE":
            raise UsageError("updates are refused: this runs read-only queries")
        if form not in ("SELECT", "ASK"):
            raise UsageError("this query returns triples; use a SELECT or ASK query here")
        text = bind_values(query, bindings or {})
        body, headers = self._ask(self._wrapper(text, JSON, form, dataset, timeout))
        results = self._results(body, headers)
        cap = headers.get("X-SPARQL-MaxRows")
        if cap is None or form != "SELECT":
            return results
        if not cap.isdigit() or int(cap) < 1 or len(results.rows) > int(cap):
            raise self._error(row_cap(self.location, cap))
        self._cap, self._probe_cap = int(cap), False
        if len(results.rows) < int(cap):
            return results  # the cap was not reached: the answer is whole
        return self._pages(text, results.variables, int(cap), dataset, timeout)

    def _pages(
        self,
        text: str,
        variables: list[str],
        size: int,
        dataset: Dataset | None,
        timeout: float | None,
    ) -> Results:
        """The whole answer of a SELECT query that the server cut at ``size`` rows, a page of
        ``size`` rows at a time in one total order (kg.sparql_terms.page)."""
        rows: list[tuple[Node | None, ...]] = []
        while True:
            body, headers = self._ask(
                self._wrapper(
                    page(text, variables, size, len(rows)), JSON, "SELECT", dataset, timeout
                )
            )
            got = self._results(body, headers)
            if got.variables != variables or len(got.rows) > size:
                raise self._error(row_cap(self.location, str(size)))
            rows.extend(got.rows)
            if len(got.rows) < size:
                return Results(variables, rows)

    def _results(self, body: bytes, headers: Any) -> Results:
        try:
            doc = json.loads(body)
            if "boolean" in doc:
                return Results([], [], boolean=bool(doc["boolean"]))
            variables = [str(v) for v in doc["head"]["vars"]]
            rows = [
                tuple(_term(b.get(v), self.location) for v in variables)
                for b in doc["results"]["bindings"]
            ]
        except (ValueError, KeyError, TypeError, AttributeError):
            raise self._error(
                bad_body(self.location, body, headers.get("Content-Type", ""))
            ) from None
        return Results(variables, rows)

    def select(
        self,
        query: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        timeout: float | None = None,
        max_rows: int | None = None,
        offset: int = 0,
        dataset: Dataset | None = None,
    ) -> Results:
        """Run a SELECT or ASK query; ``bindings`` are bound by a VALUES block. ``dataset``
        is the protocol's (default graphs, named graphs) instead of the union default graph.
        An answer the server cut at its row cap is fetched again page by page, then cut at
        ``max_rows`` after the first ``offset`` rows. ``timeout``: seconds to wait for the
        answer (else TRADEKG_TIMEOUT), past which the query is a QueryTimeout (the server's
        own limit is what stops its work)."""
        with self._limit(timeout):
            answer = self._select(query, bindings, dataset, timeout)
        if offset:
            answer.rows = answer.rows[offset:]
        if max_rows is not None and len(answer.rows) > max_rows:
            answer.rows, answer.truncated = answer.rows[:max_rows], True
        return answer

    @contextmanager
    def _limit(self, timeout: float | None) -> Iterator[None]:
        try:
            yield
        except TimedOut as e:
            if timeout is None:
                raise
            raise QueryTimeout(
                e.message, hint="make the query more selective, or add a LIMIT"
            ) from None

    def triples(
        self,
        query: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        dataset: Dataset | None = None,
        timeout: float | None = None,
    ) -> list[ox.Triple]:
        """The triples a CONSTRUCT or DESCRIBE query answers. Virtuoso cuts such an answer at
        its row cap + 1 without saying so, and it cannot be paged in a total order: an answer
        longer than the cap is an error (the cap is learnt once, by a SELECT longer than the
        default cap)."""
        form = query_form(query)
        if form not in ("CONSTRUCT", "DESCRIBE"):
            raise UsageError("this query does not return triples")
        with self._limit(timeout):
            if self._probe_cap:
                _, probed = self._ask(self._wrapper(_CAP_PROBE, JSON, "SELECT", None, timeout))
                cap = probed.get("X-SPARQL-MaxRows")
                self._cap = int(cap) if cap is not None and cap.isdigit() else None
                self._probe_cap = False
            text = bind_values(query, bindings or {})
            body, headers = self._ask(self._wrapper(text, TURTLE, form, dataset, timeout))
        try:
            triples = list(ox.parse(body, format=ox.RdfFormat.TURTLE))
        except SyntaxError:
            raise self._error(
                bad_body(self.location, body, headers.get("Content-Type", ""))
            ) from None
        said = headers.get("X-SPARQL-MaxRows")
        if said is not None or (self._cap is not None and len(triples) > self._cap):
            raise self._error(row_cap(self.location, said or str(self._cap)))
        return triples

    def construct(
        self,
        query: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        timeout: float | None = None,
        max_rows: int | None = None,
        dataset: Dataset | None = None,
    ) -> Triples:
        graph = Triples()
        triples = self.triples(query, bindings, dataset=dataset, timeout=timeout)
        if max_rows is not None and len(triples) > max_rows:
            triples, graph.truncated = triples[:max_rows], True
        for t in triples:
            graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))  # type: ignore[arg-type]
        return graph

    def graph_names(self) -> list[URIRef]:
        """tradekg's graphs (``<g> a prov:Bundle``), paged so no row cap can cut the list."""
        return fixed.graph_names(self, own=True)

    def quad_count(self, graph: URIRef | None = None) -> int:
        """Quads in one named graph, or in all of tradekg's graphs."""
        return fixed.quad_count(self, graph, own=True)

    def quads(self, graph: URIRef | None = None) -> Iterator[ox.Quad]:
        """Fetch the graphs (GSP GET, or CONSTRUCT without GSP), each checked whole."""
        for name in [graph] if graph is not None else self.graph_names():
            text = self._fetch(name)
            try:
                fetched = set(ox.parse(text, format=_NT.format))
            except SyntaxError:
                raise self._error(
                    bad_body(self.gsp_url or self.location, text, _NT.media_type)
                ) from None
            expected = self.quad_count(name)
            if len(fetched) != expected:  # Virtuoso cuts a graph at its row cap, silently
                raise self._error(
                    StoreError(
                        f"the server at {self.gsp_url or self.location} sent {len(fetched)} of "
                        f"the {expected} triples of <{name}>, so the export would be incomplete",
                        hint="Virtuoso cuts answers at ResultSetMaxRows: raise it in the [SPARQL] "
                        "section of virtuoso.ini",
                    )
                )
            node = ox.NamedNode(name)
            yield from (ox.Quad(t.subject, t.predicate, t.object, node) for t in fetched)

    def _fetch(self, graph: URIRef) -> bytes:
        if self.gsp_url is None:
            out = self.construct(fixed.TRIPLES_OF, {"g": graph})
            return out.serialize(format="nt", encoding="utf-8")
        return self._http("GET", self.gsp_url, graph, accept=_NT.media_type)

    # --- writing -------------------------------------------------------------------------

    def _http(
        self,
        method: str,
        url: str,
        graph: URIRef | None,
        *,
        body: bytes | None = None,
        content_type: str | None = None,
        accept: str | None = None,
        allow: tuple[int, ...] = (),
    ) -> bytes:
        headers = {k: v for k, v in (("Content-Type", content_type), ("Accept", accept)) if v}
        params = {"graph": str(graph)} if graph is not None else None
        started = time.monotonic()
        try:
            response = self._session.request(
                method, url, params=params, data=body, headers=headers, timeout=self.timeout
            )
            content = response.content
            log.debug(
                "%s %s%s -> %d, %d bytes in %.3f s",
                method,
                url,
                f" (graph <{graph}>)" if graph is not None else "",
                response.status_code,
                len(content),
                time.monotonic() - started,
            )
        except requests.Timeout:
            raise self._error(timed_out(url, self.timeout)) from None
        except requests.RequestException as e:
            raise self._error(unreachable(url, e)) from None
        if response.status_code >= 300 and response.status_code not in allow:
            raise self._error(http_error(url, response.status_code, content))
        return content

    def _prime(self, url: str) -> None:
        """With digest authentication, answer the server's challenge with a small request
        first, so that a large body is sent once and already signed (a server that answers
        401 while the body is still being sent breaks the upload: STORES.md, pitfall 5)."""
        if isinstance(self._session.auth, HTTPDigestAuth) and url not in self._primed:
            self._http("GET", url, _NO_GRAPH, accept=_NT.media_type, allow=(404,))
            self._primed.add(url)

    def _put(self, name: URIRef, lines: Sequence[str], *, merge: bool = False) -> None:
        """Replace the graph ``name`` with ``lines`` (N-Triples without the final dot), or
        with ``merge`` add them to it."""
        body = "".join(f"{line} .\n" for line in lines).encode("utf-8")
        self._prime(self.gsp_url or self.update_url or self.location)
        if self.gsp_url is not None:
            method = "POST" if merge else "PUT"
            self._http(method, self.gsp_url, name, body=body, content_type=_NT.media_type)
            return
        if self.update_url is None:
            raise StoreError(
                f"tradekg does not know where to write on {self.location}",
                hint="set TRADEKG_GSP_URL (Graph Store Protocol) or "
                "TRADEKG_UPDATE_URL (SPARQL Update)",
            )
        iri = render(name)
        drop = b"" if merge else f"DROP SILENT GRAPH {iri} ;\n".encode()
        self._update(drop + f"INSERT DATA {{ GRAPH {iri} {{\n".encode() + body + b"} }")

    def _update(self, update: bytes) -> None:
        assert self.update_url is not None
        self._http(
            "POST",
            self.update_url,
            None,
            body=update,
            content_type="application/sparql-update; charset=utf-8",
        )

    def replace_graphs(
        self, graphs: Sequence[RenderedGraph], add: Sequence[RenderedGraph] = ()
    ) -> None:
        """Replace each graph with its own request (GSP PUT: idempotent, atomic per graph on
        Oxigraph), add to each graph of ``add`` (GSP POST, or INSERT DATA), then check that
        every graph holds what was sent and remove the shared nodes no graph points at.

        A batch that fails part-way raises ``StoreError`` saying which graphs were written;
        running the same command again rewrites them all and so converges.
        """
        done: list[URIRef] = []
        for name, lines in graphs:
            try:
                if not done:  # no totals while graphs change: stats sums per graph (fixed.py)
                    self.drop_graphs([COUNTS_GRAPH])
                self._put(name, lines)
            except StoreError as e:
                e.message += (
                    f"; {len(done)} of the {len(graphs)} graphs of this batch were "
                    f"replaced before <{name}> failed"
                )
                e.hint = (f"{e.hint}; then " if e.hint else "") + (
                    "run the same command again: it rewrites every graph of the batch"
                )
                raise
            done.append(name)
        for name, lines in add:
            try:
                self._put(name, lines, merge=True)
            except StoreError as e:
                e.message += f"; the {len(graphs)} graphs of this batch were replaced, "
                e.message += f"but adding to <{name}> failed"
                e.hint = (f"{e.hint}; then " if e.hint else "") + (
                    "run the same command again: it rewrites every graph of the batch"
                )
                raise
        self._check_written(graphs)
        self._check_written(add, at_least=True)
        if graphs:
            self._prune_shared()
            self._recount()

    def _recount(self) -> None:
        """The store's totals anew (kg.store.fixed), once every graph but the shared one keeps
        counts: summed over the whole store, as a server's writes are not one transaction."""
        if self._select(fixed.UNCOUNTED, None).rows:
            return
        sums = self._select(fixed.TOTALS_SUMS, None).rows
        if sums:
            self._put(
                COUNTS_GRAPH,
                render_lines(
                    (TOTALS, URIRef(str(p)), Literal(int(str(n)), datatype=XSD.integer))
                    for p, n in sums
                ),
            )

    def _prune_shared(self) -> None:
        """Remove the description of the shared nodes no graph points at any more."""
        unused = self._select(fixed.UNUSED_SHARED, None).rows
        if not unused:
            return
        if self.update_url is not None:
            self._update(fixed.PRUNE_SHARED.encode())
            return
        gone = {tuple(row) for row in unused}
        held = [tuple(from_ox(term) for term in q.triple) for q in self.quads(SHARED_GRAPH)]
        self._put(SHARED_GRAPH, render_lines(t for t in held if t not in gone))  # type: ignore[misc]

    def _check_written(self, graphs: Sequence[RenderedGraph], *, at_least: bool = False) -> None:
        """Each graph holds as many triples as were sent (``at_least``: added to it)."""
        expected = {str(name): len(set(lines)) for name, lines in graphs}
        found: dict[str, int] = {}
        for i in range(0, len(graphs), PAGE):
            rows = self._select(fixed.COUNT_EACH, [{"g": name} for name, _ in graphs[i : i + PAGE]])
            found.update({str(r[0]): int(str(r[1])) for r in rows.rows})
        wrong = [
            g
            for g, n in expected.items()
            if found.get(g, 0) < n or (found.get(g, 0) > n and not at_least)
        ]
        if wrong:
            raise StoreError(
                f"the server at {self.location} did not store {len(wrong)} of the "
                f"{len(graphs)} graphs written (first: <{wrong[0]}> holds "
                f"{found.get(wrong[0], 0)} triples, {expected[wrong[0]]} were sent)",
                hint="run the same command again: it rewrites every graph of the batch",
            )

    def drop_graphs(self, names: Sequence[URIRef]) -> None:
        """Remove these graphs (a graph that does not exist is no error), and the store's
        totals with them (kg.store.fixed: stats then sums per graph)."""
        for name in [COUNTS_GRAPH, *names] if names and COUNTS_GRAPH not in names else names:
            if self.gsp_url is not None:
                self._http("DELETE", self.gsp_url, name, allow=(404,))
            else:
                self._put(name, [])

    def flush(self) -> None:
        """Nothing to do: every write is acknowledged by the server."""

    def close(self) -> None:
        self._session.close()
