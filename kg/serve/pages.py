"""The server's other pages: home, saved queries (list and run), dataset (VoID), ontology."""

from __future__ import annotations

import io
from collections.abc import Mapping
from urllib.parse import urlencode

from rdflib import Graph

from kg import syntaxes
from kg.errors import StaleCursor, UsageError
from kg.export import context
from kg.queries import SavedQuery, catalogue, cursor, run_saved, write_results
from kg.queries.run import page_bounds
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


PAGE = 100  # rows of a saved query's HTML page unless ``limit`` says otherwise
# what the URL of a query page holds besides parameters
PAGING = ("format", "limit", "offset", "cursor")


def _page(args: Mapping[str, list[str]], fmt: str, max_rows: int) -> tuple[int | None, int, bool]:
    """The page a request asks for: (limit, offset, whether the limit was given). HTML shows
    PAGE rows by default, the other formats every row up to the server's ``max_rows``."""
    for key in ("limit", "offset", "cursor"):
        if len(args.get(key, [])) > 1:
            raise UsageError(f"{key!r} is given {len(args[key])} times")
    given = (args.get("limit") or [""])[0].strip()
    limit, offset = page_bounds(given or None, (args.get("offset") or [""])[0].strip() or 0)
    if limit is not None and limit > max_rows:
        raise UsageError(
            f"limit must be at most {max_rows} here, not {limit}",
            hint="the server's --max-rows; ask for the next page with offset",
        )
    if limit is None and fmt == "html":
        limit = min(PAGE, max_rows)
    return limit, offset, bool(given)


def _url(name: str, values: Mapping[str, str], **paging: object) -> str:
    return f"/queries/{name}?" + urlencode({**values, **{k: str(v) for k, v in paging.items()}})


def run_query(pstore: ReadOnly, name: str, args: Mapping[str, list[str]]) -> Response:
    """``/queries/NAME?param=...&format=html|csv|tsv|json&limit=N&offset=N``: parameters
    bound by run_saved; a page of the rows (HTML: 100 by default, with links to the pages
    before and after it; the other formats: every row up to the server's --max-rows)."""
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
        if key in PAGING:
            continue
        if len(given) > 1:
            raise UsageError(f"parameter {key!r} is given {len(given)} times")
        if given[0].strip():
            values[key] = given[0]
    generation = pstore.generation()  # None: a SPARQL server, paged by offsets
    try:
        limit, offset, explicit = _page(args, fmt, pstore.max_rows)
        token = (args.get("cursor") or [""])[0].strip()
        if token:
            if (args.get("offset") or [""])[0].strip():
                raise UsageError(
                    "give cursor or offset, not both", hint="a cursor holds its offset"
                )
            resumed = cursor.resume(token, name, values or None, generation)
            values, offset = resumed.params, resumed.offset
            if limit is None or not explicit:
                limit = resumed.limit
            explicit = True
        rows = run_saved(pstore, name, values, limit=limit, offset=offset)
    except UsageError as e:
        if fmt != "html":
            raise
        status = 409 if isinstance(e, StaleCursor) else 400
        first = (
            f'<p><a href="{html.esc(_url(name, values, format=fmt))}">the first page</a></p>'
            if status == 409
            else ""
        )
        return Response(
            status,
            QUERY_FORMATS["html"],
            html.page(
                query.title, (f'<p class="error">{html.esc(e)}</p>{first}{_form(query, values)}')
            ),
        )
    headers = {}
    paged = explicit or fmt == "html"  # rows after the page are the next page, not cut off
    if rows.truncated and not paged:
        headers = {"X-Truncated": "true", "X-SPARQL-MaxRows": str(pstore.max_rows)}
    n = len(rows.rows)
    assert not paged or limit is not None
    size = limit if limit is not None else n
    keep = {"limit": size} if explicit else {}

    def at(start: int) -> dict[str, object]:
        """The paging part of the URL of the page that starts after ``start`` rows: its cursor
        (kg.queries.cursor) where the store can tell that it changed, else its offset."""
        if generation is None:
            return {**keep, "offset": start}
        return {
            "cursor": cursor.make(name, values, offset=start, limit=size, generation=generation)
        }

    # no links for a page of no rows (limit=0): they would lead back to it
    after = _url(name, values, format=fmt, **at(offset + n)) if rows.truncated and n else None
    before = (
        _url(name, values, format=fmt, **at(max(0, offset - size)))
        if paged and offset and size
        else None
    )
    if paged and fmt != "html":
        links = [f'<{u}>; rel="{r}"' for u, r in ((after, "next"), (before, "prev")) if u]
        if links:
            headers["Link"] = ", ".join(links)
    if fmt != "html":
        out = io.StringIO(newline="")
        write_results(rows, fmt, out)
        return Response(200, QUERY_FORMATS[fmt], out.getvalue().encode("utf-8"), headers)
    shown_page = {"limit": size, "offset": offset} if offset or rows.truncated else {}
    other = " · ".join(
        f'<a href="{html.esc(_url(name, values, format=f, **shown_page))}">{f.upper()}</a>'
        for f in ("csv", "tsv", "json")
    )
    # labels first, the IRI columns (as the query declares them) last, as the CLI's --iris
    order = [c for c in rows.variables if c not in query.iris] + [
        c for c in rows.variables if c in query.iris
    ]
    index = [rows.variables.index(c) for c in order]
    table = html.table(order, [[html.term(row[i]) for i in index] for row in rows.rows])
    shown = ", ".join(f"{k} = {v}" for k, v in values.items())
    if offset or rows.truncated:
        count = f"rows {offset + 1}–{offset + n}" if n else f"no rows after row {offset}"
    else:
        count = f"{n} row{'s' if n != 1 else ''}"
    nav = " · ".join(
        f'<a href="{html.esc(u)}" rel="{r}">{label}</a>'
        for u, r, label in (
            (before, "prev", f"← previous {size}"),
            (after, "next", f"next {size} →"),
        )
        if u
    )
    nav_html = f'<p class="pages">{nav}</p>' if nav else ""
    body = (
        f"<p>{html.prose(query.description)}</p>{_form(query, values)}"
        f"<h2>Results{' for ' + html.esc(shown) if shown else ''}</h2>"
        f'<p class="note">{count} · as {other}</p>{nav_html}{table}{nav_html}'
    )
    return Response(200, QUERY_FORMATS["html"], html.page(query.title, body), headers)


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
