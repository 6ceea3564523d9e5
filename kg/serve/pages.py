"""The server's other pages: home, saved queries (list and run), dataset (VoID), ontology."""

from __future__ import annotations

import io
from collections.abc import Mapping
from urllib.parse import urlencode

from rdflib import Graph

from kg import syntaxes
from kg.errors import UsageError
from kg.export import context
from kg.queries import SavedQuery, catalogue, run_saved, write_results
from kg.serve import html
from kg.serve.entity import serialize
from kg.serve.negotiate import Response
from kg.store import Results
from kg.store.readers import ReadOnly

QUERY_FORMATS = {
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "json": "application/sparql-results+json",
}
# the syntaxes (kg.syntaxes) of the documents about things, the ontology and VoID, and HTML
DOCUMENT_SYNTAXES = ("turtle", "jsonld", "ntriples")
RDF_TYPES = {
    **{name: syntaxes.by_name(name).content_type for name in DOCUMENT_SYNTAXES},
    "html": "text/html; charset=utf-8",
}


def home(stats: Results, examples: list[tuple[str, str, str]]) -> bytes:
    counts = html.table(["what", "count"], [[html.esc(r[0]), html.esc(r[1])] for r in stats.rows])
    links = "".join(
        f'<li>{html.link(iri, label)} <span class="note">({html.esc(kind)})</span></li>'
        for iri, label, kind in examples
    )
    return html.page(
        "tradekg",
        (
            "<p>Claims about trade negotiations drawn from news articles: who proposed what, who "
            "objected and why, who said what, when and where, each resting on the exact words of "
            "its article.</p><ul>"
            '<li><a href="/queries">Saved queries</a>: the standing questions, with forms</li>'
            '<li><a href="/sparql">SPARQL endpoint</a>: read-only SPARQL 1.1</li>'
            '<li><a href="/.well-known/void">The dataset</a>: a VoID/DCAT description</li>'
            '<li><a href="/ontology">The ontology</a> and its '
            '<a href="/context.jsonld">JSON-LD context</a></li></ul>'
            f"<h2>Examples</h2><ul>{links}</ul><h2>What the store holds</h2>{counts}"
        ),
    )


def _form(query: SavedQuery, values: Mapping[str, str]) -> str:
    fields = []
    for p in query.params:
        need = "required" if p.required else "optional"
        field_id = f"{query.name}-{p.name}"
        fields.append(
            f'<label for="{html.esc(field_id)}"><code>{html.esc(p.name)}</code> '
            f"({html.esc(p.type)}, {need}): {html.esc(p.description)}</label>"
            f'<input id="{html.esc(field_id)}" name="{html.esc(p.name)}" '
            f'value="{html.esc(values.get(p.name, ""))}"{" required" if p.required else ""}>'
        )
    formats = "".join(f'<option value="{f}">{f}</option>' for f in QUERY_FORMATS)
    return (
        f'<form method="get" action="/queries/{html.esc(query.name)}">{"".join(fields)}'
        f'<label for="{html.esc(query.name)}-format">Results as</label>'
        f'<select id="{html.esc(query.name)}-format" name="format">{formats}</select> '
        '<button type="submit">Run</button></form>'
    )


def query_list() -> bytes:
    parts = [
        "<p>Each saved query answers one standing question. Parameters take an id, an "
        "IRI, or a name or alias (case-insensitive); leave them empty to see every "
        "row.</p><ul>"
    ]
    parts.extend(
        f'<li><a href="#{html.esc(q.name)}">{html.esc(q.title)}</a></li>'
        for q in catalogue().values()
    )
    parts.append("</ul>")
    for q in catalogue().values():
        parts.append(
            f'<section id="{html.esc(q.name)}"><h2>{html.esc(q.title)}</h2>'
            f"<p>{html.prose(q.description)}</p>"
            f'<p class="note">columns: {html.esc(", ".join(q.columns))}</p>'
            f"{_form(q, {})}</section>"
        )
    return html.page("Saved queries", "".join(parts))


def run_query(pstore: ReadOnly, name: str, args: Mapping[str, list[str]]) -> Response:
    """``/queries/NAME?param=...&format=html|csv|tsv|json``: parameters bound by run_saved."""
    queries = catalogue()
    if name not in queries:
        return Response(
            404, QUERY_FORMATS["html"], html.error_page(404, f"no saved query named {name!r}")
        )
    query = queries[name]
    fmt = (args.get("format") or ["html"])[-1]
    if fmt not in QUERY_FORMATS:
        raise UsageError(f"unknown format {fmt!r}", hint="html, csv, tsv or json")
    values: dict[str, str] = {}
    for key, given in args.items():
        if key == "format":
            continue
        if len(given) > 1:
            raise UsageError(f"parameter {key!r} is given {len(given)} times")
        if given[0].strip():
            values[key] = given[0]
    try:
        rows = run_saved(pstore, name, values)
    except UsageError as e:
        if fmt != "html":
            raise
        return Response(
            400,
            QUERY_FORMATS["html"],
            html.page(query.title, (f'<p class="error">{html.esc(e)}</p>{_form(query, values)}')),
        )
    headers = {}
    truncated = rows.truncated
    if truncated:
        headers = {"X-Truncated": "true", "X-SPARQL-MaxRows": str(pstore.max_rows)}
    if fmt != "html":
        out = io.StringIO(newline="")
        write_results(rows, fmt, out)
        return Response(200, QUERY_FORMATS[fmt], out.getvalue().encode("utf-8"), headers)
    other = " · ".join(
        f'<a href="/queries/{html.esc(name)}?{html.esc(urlencode({**values, "format": f}))}">'
        f"{f.upper()}</a>"
        for f in ("csv", "tsv", "json")
    )
    # labels first, the IRI columns (as the query declares them) last, as the CLI's --iris
    order = [c for c in rows.variables if c not in query.iris] + [
        c for c in rows.variables if c in query.iris
    ]
    index = [rows.variables.index(c) for c in order]
    table = html.table(order, [[html.term(row[i]) for i in index] for row in rows.rows])
    n = len(rows.rows)
    shown = ", ".join(f"{k} = {v}" for k, v in values.items())
    body = (
        f"<p>{html.prose(query.description)}</p>{_form(query, values)}"
        f"<h2>Results{' for ' + html.esc(shown) if shown else ''}</h2>"
        f'<p class="note">{n} row{"s" if n != 1 else ""} · as {other}</p>{table}'
    )
    note = (
        f"Truncated: only the first {pstore.max_rows} rows are shown (the server's "
        "--max-rows limit)."
        if truncated
        else ""
    )
    return Response(
        200, QUERY_FORMATS["html"], html.page(query.title, body, status_note=note), headers
    )


def void_page(graph: Graph) -> bytes:
    turtle = graph.serialize(format="turtle")
    return html.page(
        "The dataset",
        (
            "<p>A VoID/DCAT description of this dataset (also produced by "
            "<code>tradekg export --format void</code>). As Turtle:</p>"
            f"<pre>{html.esc(turtle)}</pre>"
        ),
    )


def rdf_response(graph: Graph, fmt: str, html_page: bytes | None = None) -> Response:
    if fmt == "html":
        assert html_page is not None
        return Response(200, RDF_TYPES["html"], html_page, {"Vary": "Accept"})
    return Response(200, RDF_TYPES[fmt], serialize(graph, fmt), {"Vary": "Accept"})


def ontology_page() -> bytes:
    from kg.views import ontology

    title, body = ontology.body()
    return html.page(title, body)


def context_bytes() -> bytes:
    import json

    return json.dumps(context(), indent=2).encode("utf-8")
