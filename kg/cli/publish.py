"""Commands that hand the store on: ``export`` writes it as RDF files, ``serve`` publishes
it as linked data with a read-only SPARQL endpoint."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, BinaryIO

import click
from rdflib import URIRef

from kg.cli import Context, _echo_err, _errors, cli, pass_context
from kg.cli.options import output_option
from kg.export import FORMATS as EXPORT_FORMATS
from kg.export import export
from kg.files import write_whole
from kg.iris import graph_of_article
from kg.queries.params import resolve
from kg.store import Store, store_location

# formats for other tools (kg.views.tables) and the ontology's documentation: not RDF
TABLE_FORMATS = ("events-csv", "events-json", "discourse-csv", "graphml", "ontology-html")
SERVE_WAIT = 60.0  # seconds serve waits for a process that holds the store to publish a snapshot


@cli.command("export")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice([*EXPORT_FORMATS, *TABLE_FORMATS]),
    default="trig",
    show_default=True,
)
@click.option(
    "--article", metavar="ARTICLE", help="Only this article's graph: its key, IRI, URL or title."
)
@output_option()
@pass_context
def export_cmd(obj: Context, fmt: str, article: str | None, output: str) -> None:
    """Export the store (or one article) as Turtle, TriG, N-Triples, N-Quads, RDF/XML or
    JSON-LD.

    Triple formats (Turtle, N-Triples, RDF/XML) merge the graphs; TriG, N-Quads and JSON-LD
    keep one named graph per article. JSON-LD uses the context published with tradekg.
    --format void writes the VoID/DCAT description of the whole store instead (Turtle), the
    one tradekg serve publishes at /.well-known/void.

    For the tools analysts use (whole store; see README, Exports for other tools):
    events-csv and events-json, one row per speech act laid out as event data
    (PLOVER/CAMEO: date, source and target actor, event class, quote, URL); discourse-csv,
    actor x concept x agreement as the Discourse Network Analyzer imports statements;
    graphml, who stands with whom for Gephi; ontology-html, the ontology's documentation.

    \b
    Example:
        tradekg export -f turtle --article https://w3id.org/tradekg/sample/nafta-round5 -o nafta.ttl
    """
    if fmt in TABLE_FORMATS:
        if article is not None:
            raise click.UsageError(f"--format {fmt} covers the whole store: leave out --article")
        with _errors(), obj.store(create=False) as store:
            _write(output, lambda out: _table(store, out, fmt))
        return
    with _errors(), obj.store(create=False) as store:
        graph = None
        if article is not None:
            node = resolve(store, "article", article, "article")
            graph = graph_of_article(URIRef(str(node)))
        if output == "-":
            _export_to(store, sys.stdout.buffer, fmt, graph)
        else:
            _export_file(store, Path(output), fmt, graph)


def _write(output: str, write: Any) -> None:
    if output == "-":
        write(sys.stdout.buffer)
        sys.stdout.flush()
    else:
        write_whole(Path(output), write)


def _table(store: Store, out: BinaryIO, fmt: str) -> None:
    from kg.views import ontology, report, tables

    if fmt == "ontology-html":
        out.write(ontology.document().encode("utf-8"))
    elif fmt == "graphml":
        out.write(tables.graphml(report.ties(report.positions(store))))
    elif fmt == "discourse-csv":
        tables.write_rows(out, tables.discourse_rows(store), tables.DISCOURSE_COLUMNS, "csv")
    else:
        rows = tables.event_rows(store)
        tables.write_rows(out, rows, tables.EVENT_COLUMNS, fmt.removeprefix("events-"))


def _export_to(store: Store, out: BinaryIO, fmt: str, graph: Any) -> None:
    export(store, out, fmt, graph)
    out.flush()


def _export_file(store: Store, path: Path, fmt: str, graph: Any) -> None:
    write_whole(path, lambda out: export(store, out, fmt, graph))


@cli.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (0.0.0.0 for every interface).",
)
@click.option(
    "--port",
    default=8080,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0 picks a free one).",
)
@click.option(
    "--timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0.001),
    help="Seconds a query may run before it is stopped (HTTP 503); over a SPARQL "
    "server, the time to wait for its answer.",
)
@click.option(
    "--max-rows",
    default=10000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Rows (or triples) a query may return; more are cut, and the response "
    "says so (X-Truncated: true).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Query worker processes (queries that run at the same time); while a query waits "
    "and every worker has been on one query for a second or more, spares are started, up "
    "to as many again, so slow queries do not hold up the quick ones. "
    "[default: one per core this process may use]",
)
@click.option("-q", "--quiet", is_flag=True, help="Do not log each request.")
@pass_context
def serve_cmd(
    obj: Context,
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    workers: int | None,
    quiet: bool,
) -> None:
    """Serve the store as linked data, with a read-only SPARQL endpoint.

    \b
    /sparql             SPARQL 1.1 Protocol (GET or POST; JSON, XML, CSV, TSV;
                        CONSTRUCT as Turtle, JSON-LD, N-Triples); updates, SERVICE,
                        LOAD and FROM <elsewhere> are refused
    /id/...             every IRI under https://w3id.org/tradekg/id/ (HTML for
                        browsers, Turtle or JSON-LD by Accept; 303 to /doc/...)
    /queries            the saved queries, each with a form; a query's page
                        shows 100 rows with links to the next and previous;
                        ?limit=N&offset=N pick a page (also in CSV, TSV, JSON);
                        the links carry a cursor=, refused (409) once the
                        store has been written since
    /.well-known/void   the VoID/DCAT description of the dataset
    /ontology, /context.jsonld

    An embedded store stays writable: while the server runs, tradekg ingest (one
    writer at a time) publishes a snapshot after each batch it writes, and the
    server answers from the newest one, in worker processes that are stopped at
    --timeout; a reader sees each article whole, old or new. --store may also be
    the URL of a SPARQL server.

    \b
    Example:
        tradekg serve --port 8080
        curl -H 'Accept: text/turtle' -L http://127.0.0.1:8080/id/actor/freeland
    """
    import logging
    import signal

    from kg.serve import make_server

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # SIGTERM stops the server as Ctrl-C does: cleanly

    signal.signal(signal.SIGTERM, stop)
    logging.basicConfig(
        level=logging.WARNING if quiet else logging.INFO, format="%(message)s", stream=sys.stderr
    )
    where = store_location(obj.store_location)
    with _errors():
        server = make_server(
            where,
            host=host,
            port=port,
            timeout=timeout,
            max_rows=max_rows,
            workers=workers,
            wait=SERVE_WAIT,
        )
        try:
            _echo_err(f"Serving {where} at {server.url}/ (Ctrl-C to stop)")
            server.serve_forever()
        except KeyboardInterrupt:
            _echo_err("Stopped.")
        finally:
            server.close()
