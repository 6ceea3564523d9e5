"""The SPARQL 1.1 Protocol endpoint (``/sparql``): read-only, time-limited, size-limited.

``GET ?query=``, ``POST`` as a form (``query=``) or as ``application/sparql-query``, with the
protocol's ``default-graph-uri`` and ``named-graph-uri``. SELECT and ASK answer in the SPARQL
1.1 JSON, XML, CSV or TSV results formats (or an HTML table for a browser); CONSTRUCT and
DESCRIBE in Turtle, JSON-LD, N-Triples or RDF/XML; chosen by ``Accept`` or by a ``format``
parameter (as SPARQLWrapper sends). A result cut at the row limit says so in the headers
``X-Truncated: true`` and ``X-SPARQL-MaxRows`` (and on the page, in HTML).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Set
from urllib.parse import parse_qs
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef

from kg import syntaxes
from kg.errors import Refused, UsageError
from kg.queries.formats import write_results
from kg.serve import html
from kg.serve.negotiate import Response, choose, format_names, rdf_media_types
from kg.store import Results
from kg.store.querycheck import check, check_graphs
from kg.store.readers import GraphText, ReadOnly

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/html": "html",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
# CONSTRUCT and DESCRIBE answers: these syntaxes (kg.syntaxes), and the media types and format
# names clients send for them besides their own (SPARQLWrapper, browsers)
GRAPH_SYNTAXES = ("turtle", "jsonld", "ntriples", "rdfxml")
GRAPH_TYPES = rdf_media_types(
    GRAPH_SYNTAXES,
    html="html",
    also={"text/n3": "turtle", "application/json": "jsonld", "text/plain": "ntriples"},
)
CONTENT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "html": "text/html; charset=utf-8",
    **{name: syntaxes.by_name(name).content_type for name in GRAPH_SYNTAXES},
}
# the ``format`` parameter, per query form
RESULT_PARAM = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "html": "html"}
GRAPH_PARAM = format_names(
    GRAPH_SYNTAXES, html="html", also={"n3": "turtle", "json": "jsonld", "xml": "rdfxml"}
)
EXAMPLE = """PREFIX tkg: <https://w3id.org/tradekg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?proposal ?summary ?proposer WHERE {
  ?proposal a tkg:Proposal ; tkg:summary ?summary ; tkg:proposer ?p .
  ?p rdfs:label ?proposer .
} ORDER BY ?proposer"""
MAX_BODY = 1 << 20


def _one(params: Mapping[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise UsageError(f"give one {name!r} parameter, not {len(values)}")
    return values[0] if values else None


def request_params(
    method: str, query_string: str, content_type: str, body: bytes
) -> tuple[str | None, dict[str, list[str]]]:
    """The query text and the other parameters of a protocol request."""
    params = parse_qs(query_string, keep_blank_values=True)
    media = content_type.split(";")[0].strip().lower()
    if method == "POST":
        if media == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            return body.decode("utf-8", "replace"), params
        elif media == "application/sparql-update":
            raise Refused("updates are refused: this endpoint is read-only")
        else:
            raise UsageError(
                f"a POST to the endpoint is application/sparql-query or a form, "
                f"not {media or 'without a Content-Type'}"
            )
    if "update" in params:
        raise Refused("updates are refused: this endpoint is read-only")
    return _one(params, "query"), params


def handle(
    pstore: ReadOnly,
    known_graphs: Set[str],
    method: str,
    query_string: str,
    content_type: str,
    body: bytes,
    accept: str | None,
) -> Response:
    text, params = request_params(method, query_string, content_type, body)
    if text is None or not text.strip():
        if (
            method == "GET"
            and choose(accept, ["application/sparql-results+json", "text/html"]) == "text/html"
        ):
            return Response(200, CONTENT_TYPES["html"], form_page())
        raise UsageError(
            "no query: give one as ?query=... or POST it",
            hint="see https://www.w3.org/TR/sparql11-protocol/",
        )
    checked = check(text, known_graphs)
    defaults = tuple(params.get("default-graph-uri", []))
    named = tuple(params.get("named-graph-uri", []))
    check_graphs(defaults, known_graphs, "default-graph-uri")
    check_graphs(named, known_graphs, "named-graph-uri")
    if not defaults and not named:  # the query's own FROM clauses, if any
        defaults, named = checked.default_graphs, checked.named_graphs
    dataset = bool(defaults or named)
    graph_form = checked.form in ("CONSTRUCT", "DESCRIBE")
    fmt = _format(params, accept, graph_form)
    if fmt is None:
        wanted = GRAPH_TYPES if graph_form else RESULT_TYPES
        return Response(
            406,
            "text/plain; charset=utf-8",
            (
                f"none of the media types in Accept ({accept}) is offered for a "
                f"{checked.form} query; offered: {', '.join(wanted)}\n"
            ).encode(),
        )
    answer = pstore.query(
        text,
        fmt=("turtle" if fmt == "html" else fmt) if graph_form else "rows",
        dataset=(defaults, named) if dataset else None,
    )
    headers = {"Vary": "Accept"}
    if not isinstance(answer, Results | GraphText):
        raise AssertionError("a graph answer is always serialised here")
    if answer.truncated:
        headers["X-Truncated"] = "true"
        headers["X-SPARQL-MaxRows"] = str(pstore.max_rows)
    if isinstance(answer, GraphText):
        data = answer.data.encode("utf-8")
        if fmt == "html":
            data = html.page(
                "Query results",
                _truncation_note(answer.truncated, pstore) + f"<pre>{html.esc(answer.data)}</pre>",
            )
        return Response(200, CONTENT_TYPES[fmt], data, headers)
    assert isinstance(answer, Results)
    return Response(200, CONTENT_TYPES[fmt], write_rows(answer, fmt, pstore.max_rows), headers)


def _format(params: Mapping[str, list[str]], accept: str | None, graph_form: bool) -> str | None:
    by_param = GRAPH_PARAM if graph_form else RESULT_PARAM
    for name in ("format", "output"):
        value = _one(params, name)
        if value is not None and value.lower() in by_param:
            return by_param[value.lower()]
    types = GRAPH_TYPES if graph_form else RESULT_TYPES
    chosen = choose(accept, list(types))
    return types[chosen] if chosen is not None else None


def write_rows(rows: Results, fmt: str, max_rows: int) -> bytes:
    if fmt == "xml":
        return results_xml(rows).encode("utf-8")
    if fmt == "html":
        return html.page("Query results", results_html(rows, max_rows))
    out = io.StringIO(newline="")
    write_results(rows, fmt, out)
    return out.getvalue().encode("utf-8")


def _truncation_note(truncated: bool, pstore: ReadOnly) -> str:
    if not truncated:
        return ""
    return (
        f'<p class="warning">Truncated: only the first {pstore.max_rows} results are '
        "shown (the server's --max-rows limit).</p>"
    )


def results_html(rows: Results, max_rows: int) -> str:
    if rows.boolean is not None:
        return f"<p>The answer is <strong>{'yes' if rows.boolean else 'no'}</strong>.</p>"
    note = (
        (
            f'<p class="warning">Truncated: only the first {max_rows} rows are shown (the '
            "server's --max-rows limit).</p>"
        )
        if rows.truncated
        else ""
    )
    count = f'<p class="note">{len(rows.rows)} row{"s" if len(rows.rows) != 1 else ""}</p>'
    return (
        note
        + html.table(rows.variables, [[html.term(t) for t in row] for row in rows.rows])
        + count
    )


def _xml_text(text: str) -> str:
    cleaned = "".join(c if c in "\t\n\r" or ord(c) >= 0x20 else "\ufffd" for c in text)
    return escape(cleaned)


def results_xml(rows: Results) -> str:
    """The SPARQL Query Results XML Format."""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>'
    ]
    out.extend(f"<variable name={quoteattr(v)}/>" for v in rows.variables)
    out.append("</head>\n")
    if rows.boolean is not None:
        out.append(f"<boolean>{'true' if rows.boolean else 'false'}</boolean>\n")
    else:
        out.append("<results>\n")
        for row in rows.rows:
            out.append("<result>")
            for name, value in zip(rows.variables, row, strict=True):
                if value is None:
                    continue
                out.append(f"<binding name={quoteattr(name)}>{_xml_term(value)}</binding>")
            out.append("</result>\n")
        out.append("</results>\n")
    out.append("</sparql>\n")
    return "".join(out)


def _xml_term(value: object) -> str:
    if isinstance(value, URIRef):
        return f"<uri>{_xml_text(str(value))}</uri>"
    if isinstance(value, BNode):
        return f"<bnode>{_xml_text(str(value))}</bnode>"
    assert isinstance(value, Literal)
    attrs = ""
    if value.language:
        attrs = f" xml:lang={quoteattr(value.language)}"
    elif value.datatype is not None:
        attrs = f" datatype={quoteattr(str(value.datatype))}"
    return f"<literal{attrs}>{_xml_text(str(value))}</literal>"


def form_page(query: str = EXAMPLE, message: str = "") -> bytes:
    error = f'<p class="error">{html.esc(message)}</p>' if message else ""
    return html.page(
        "SPARQL endpoint",
        error
        + (
            "<p>A read-only SPARQL 1.1 endpoint over the whole dataset (the default graph is the "
            "union of all graphs). Programs send <code>GET /sparql?query=...</code> or POST; "
            "updates, <code>SERVICE</code> and <code>LOAD</code> are refused.</p>"
            '<form method="get" action="/sparql"><label for="query">Query</label>'
            f'<textarea id="query" name="query" rows="12">{html.esc(query)}</textarea>'
            '<label for="format">Results as</label><select id="format" name="format">'
            '<option value="html">a table</option><option value="json">JSON</option>'
            '<option value="xml">XML</option><option value="csv">CSV</option>'
            '<option value="tsv">TSV</option></select> '
            '<button type="submit">Run</button></form>'
        ),
    )
