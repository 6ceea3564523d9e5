"""Commands that ask the store: ``queries``, ``query``, ``sparql``, ``stats`` and ``demo``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from kg.cli import Context, _echo_err, _errors, _report, cli, pass_context
from kg.errors import EXIT_DATA, QuerySyntaxError
from kg.errors import UsageError as KgUsageError
from kg.queries import FORMATS as RESULT_FORMATS
from kg.queries import catalogue, get_query, run_saved, write_results
from kg.queries.adhoc import PREDECLARED, syntax_message, write_graph
from kg.queries.adhoc import check as check_query
from kg.queries.cursor import make as make_cursor
from kg.queries.cursor import resume as resume_cursor
from kg.queries.formats import CELLS, iri_columns, write_boolean, write_rows
from kg.queries.run import MAX_ROWS, stream_saved
from kg.resources import sample_dir
from kg.store import Results, Stream, column_indexes

ENV_QUERY_TIMEOUT = "TRADEKG_QUERY_TIMEOUT"
QUERY_TIMEOUT = 60.0


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        out[name.strip()] = value
    return out


def _list_queries() -> None:
    for q in catalogue().values():
        click.echo(f"{q.name}: {q.title}")
        click.echo(f"    {q.description}")
        for p in q.params:
            need = "required" if p.required else "optional"
            click.echo(f"    --param {p.name}=<{p.type}>  ({need}) {p.description}")
        click.echo(f"    columns: {', '.join(q.columns)}")


@cli.command("queries")
def queries_cmd() -> None:
    """List the saved queries with their descriptions, parameters and columns."""
    _list_queries()


FORMAT_HELP = (
    "table for people (fits --width; IRI columns shown with --iris); for programs: csv, tsv, "
    "json (SPARQL 1.1 results), jsonl (one JSON object per row: plain strings, numbers, "
    "booleans, null), plain-tsv (a header of names, then plain values; tab, newline and "
    "backslash escaped as \\t, \\n, \\\\)."
)


def format_option(f: Any) -> Any:
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(RESULT_FORMATS),
        default="table",
        show_default=True,
        help=FORMAT_HELP,
    )(f)


def table_options(f: Any) -> Any:
    f = click.option(
        "--iris",
        is_flag=True,
        help="Table: show the IRI columns too (after the others), not only their labels.",
    )(f)
    return click.option(
        "--width",
        type=click.IntRange(min=20),
        metavar="COLUMNS",
        help="Table: the width to fit (default: the terminal's, or $COLUMNS).",
    )(f)


PAGE = 100  # rows of the table's first page


def page_options(f: Any) -> Any:
    f = click.option(
        "--all",
        "every",
        is_flag=True,
        help=f"Every row: the table shows the first {PAGE} without it (the other formats "
        "give every row unless --limit is given, written as they come).",
    )(f)
    f = click.option(
        "--offset",
        type=click.IntRange(0, MAX_ROWS),
        default=0,
        metavar="N",
        help="Skip the first N rows (with --limit: the page that starts there).",
    )(f)
    return click.option(
        "--limit",
        type=click.IntRange(0, MAX_ROWS),
        metavar="N",
        help=f"At most N rows [table: {PAGE}; other formats: every row].",
    )(f)


class Page:
    """Which rows to show: ``limit`` rows (None: all) after the first ``offset``."""

    def __init__(self, fmt: str, limit: int | None, offset: int, every: bool) -> None:
        if every and limit is not None:
            raise KgUsageError("give --limit or --all, not both")
        self.offset = offset
        self.limit = PAGE if limit is None and fmt == "table" and not every else limit
        self.default = limit is None and self.limit is not None

    def cut(self, results: Results, cursor: Callable[[int], str] | None = None) -> Results:
        """The page the store gave; when rows follow it, says on stderr how to get them: the
        cursor of the next page (``cursor(offset)``, kg.queries.cursor) where the store can
        tell that it changed, else its offset."""
        rows = results.rows
        if results.truncated and self.limit:
            first, last = self.offset + 1, self.offset + len(rows)
            more = "--all for every row" if self.default else "--all for the rest"
            then = f"--cursor {cursor(last)}" if cursor is not None else f"--offset {last}"
            _echo_err(f"rows {first}-{last} shown; more follow: {then} for the next page, {more}")
        return Results(results.variables, rows, results.boolean)


def _write(results: Results, fmt: str, width: int | None, iris: bool, hide: list[str]) -> None:
    """Write results; the table leaves out ``hide`` (IRI columns) or, with ``iris``, puts them
    last."""
    if fmt == "table" and iris and hide:
        labels = [v for v in results.variables if v not in hide]
        results = results.project(labels + [v for v in results.variables if v in hide])
        hide = []
    write_results(results, fmt, sys.stdout, width=width, hidden=hide)


def _write_stream(stream: Stream, fmt: str, columns: str | None) -> None:
    """Write every row of ``stream`` as it comes (only ``columns``, in their order, if given)."""
    if stream.boolean is not None:
        write_boolean(stream.boolean, fmt, sys.stdout)
        return
    variables, rows = stream.variables, stream.rows
    if columns:
        picked = [c.strip() for c in columns.split(",") if c.strip()]
        index = column_indexes(variables, picked)
        variables, rows = picked, (tuple(row[i] for i in index) for row in rows)
    write_rows(variables, rows, fmt, sys.stdout)


@cli.command("query")
@click.argument("name", required=False)
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A parameter: an id, an IRI, or a name or alias (case-insensitive).",
)
@format_option
@click.option(
    "-c",
    "--columns",
    metavar="A,B,...",
    help="Only these columns, in this order (see 'tradekg queries'); IRIs included.",
)
@table_options
@page_options
@click.option(
    "--cursor",
    metavar="CURSOR",
    help="The page a cursor names (printed on stderr when more rows follow): refused when "
    "it is of another query or parameters, or the store has changed since (exit 2).",
)
@pass_context
def query_cmd(
    obj: Context,
    name: str | None,
    params: tuple[str, ...],
    fmt: str,
    columns: str | None,
    width: int | None,
    iris: bool,
    limit: int | None,
    offset: int,
    every: bool,
    cursor: str | None,
) -> None:
    """Run a saved query; without NAME, list the catalogue.

    The table shows labels: the columns that hold IRIs (for linking, and for other queries'
    parameters) are left out unless --iris is given, and cells wrap to fit the terminal.
    Every other format holds every column, with full values.

    \b
    Examples:
        tradekg query proposals
        tradekg query objections --param issue="sunset clause"
        tradekg query quotes --param speaker=Freeland --format csv
        tradekg query proposals --format jsonl
        tradekg query statements --limit 20 --offset 40
        tradekg query statements --cursor CURSOR

    When more rows follow a page, stderr says how to get the next one: with the cursor it
    prints (for the same query, its parameters and page size), which is refused once the
    store has been written, so that no page shows rows shifted by the write. On a SPARQL
    server, which cannot tell that it changed, it says the offset instead.
    """
    if name is None:
        _list_queries()
        return
    with _errors():
        saved = get_query(name)
        values = _parse_params(params)
        if cursor is not None and offset:
            raise KgUsageError(
                "give --cursor or --offset, not both", hint="a cursor holds its offset"
            )
        with obj.store(create=False) as store:
            generation = store.generation()
            if cursor is not None:
                resumed = resume_cursor(cursor, name, values or None, generation)
                values, offset = resumed.params, resumed.offset
                limit = resumed.limit if limit is None and not every else limit
            page = Page(fmt, limit, offset, every)
            if cursor is not None and offset:
                page.default = False  # the rest, not every row
            if page.limit is None and fmt in CELLS:
                # every row, written as the store gives them
                stream = stream_saved(store, name, values, cell=CELLS[fmt], offset=page.offset)
                _write_stream(stream, fmt, columns)
                return
            results = run_saved(store, name, values, limit=page.limit, offset=page.offset)

            def next_page(at: int) -> str:
                assert generation is not None
                return make_cursor(name, values, offset=at, limit=page.limit, generation=generation)

            results = page.cut(results, next_page if generation is not None else None)
        hide = list(saved.iris)
        if columns:
            results = results.project([c.strip() for c in columns.split(",") if c.strip()])
            hide = []
        _write(results, fmt, width, iris, hide)


GRAPH_SYNTAXES = ("turtle", "ntriples", "jsonld", "rdfxml")  # RDF syntaxes without datasets
SPARQL_HELP = (
    """Run an ad-hoc read-only SPARQL query: SELECT, ASK, CONSTRUCT or DESCRIBE.

    The query comes from the argument, --file, or standard input. The default graph is the
    union of all graphs. SELECT and ASK answers come as results (--format table, csv, tsv,
    json, jsonl or plain-tsv); CONSTRUCT and DESCRIBE answers as RDF (--format turtle, the
    default for them, ntriples, jsonld or rdfxml). Updates (INSERT, DELETE, LOAD, CLEAR,
    DROP, ...), SERVICE and FROM naming a graph the store does not hold are refused. On the
    embedded store the query runs in a separate process that is stopped at --timeout.

    These prefixes are declared for every query (a PREFIX of the query's own wins):

    \b
"""
    + "".join(f"        {p + ':':<9} <{ns}>\n" for p, ns in PREDECLARED.items())
    + """
    \b
    Examples:
        tradekg sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
        tradekg sparql 'SELECT ?p ?summary WHERE { ?p a tkg:Proposal ; tkg:summary ?summary }'
        tradekg sparql 'DESCRIBE id:actor\\/freeland' --format ntriples
    """
)


@cli.command("sparql", help=SPARQL_HELP)
@click.argument("query", required=False)
@click.option(
    "--file",
    "file",
    type=click.File("r", encoding="utf-8"),
    help="Read the query from a file ('-' for stdin).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(RESULT_FORMATS + GRAPH_SYNTAXES),
    help="For SELECT and ASK: table (the default) or a format for programs, as for 'tradekg "
    "query'. For CONSTRUCT and DESCRIBE: an RDF syntax (default turtle).",
)
@table_options
@page_options
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.001, min_open=False),
    default=QUERY_TIMEOUT,
    show_default=True,
    envvar=ENV_QUERY_TIMEOUT,
    show_envvar=True,
    metavar="SECONDS",
    help="Stop the query after this many seconds (exit 3). On a SPARQL server "
    "TRADEKG_TIMEOUT applies instead.",
)
@pass_context
def sparql_cmd(
    obj: Context,
    query: str | None,
    file: Any,
    fmt: str | None,
    width: int | None,
    iris: bool,
    limit: int | None,
    offset: int,
    every: bool,
    timeout: float,
) -> None:
    with _errors():
        if query is not None and file is not None:
            raise KgUsageError("give the query as an argument or with --file, not both")
        text = (
            query
            if query is not None and query != "-"
            else (file.read() if file is not None else sys.stdin.read())
        )
        if not text.strip():
            raise KgUsageError(
                "the query is empty", hint="give it as an argument, with --file, or on stdin"
            )
        checked = check_query(text)
        if checked.graph and fmt is not None and fmt not in GRAPH_SYNTAXES:
            raise KgUsageError(
                f"{_an(checked.form)} query answers with RDF, not with results ({fmt})",
                hint="--format " + ", ".join(GRAPH_SYNTAXES),
            )
        if not checked.graph and fmt in GRAPH_SYNTAXES:
            raise KgUsageError(
                f"{_an(checked.form)} query answers with results, not with RDF ({fmt})",
                hint="--format " + ", ".join(RESULT_FORMATS),
            )
        syntax = (fmt or "turtle") if checked.graph else None
        if syntax is not None and (limit is not None or offset or every):
            raise KgUsageError(
                f"--limit, --offset and --all page results; {_an(checked.form)} query "
                "answers with RDF",
                hint="put a LIMIT in the query",
            )
        page = Page(fmt or "table", limit, offset, every)
        try:
            with obj.store(create=False) as store:
                # a store that cannot stop a query itself waits TRADEKG_TIMEOUT (see --timeout)
                stop = timeout if store.caps.timeouts else None
                if syntax is None:
                    results = store.select(
                        checked.text, timeout=stop, max_rows=page.limit, offset=page.offset
                    )
                else:
                    triples = store.construct(checked.text, timeout=stop)
        except QuerySyntaxError as e:  # the engine's parser, where it disagrees with rdflib's
            e.message = "the query does not parse: " + syntax_message(e.detail, text)
            raise
        if syntax is None:
            results = page.cut(results)
            _write(results, fmt or "table", width, iris, iri_columns(results))
        else:
            write_graph(triples, sys.stdout.buffer, syntax)
            sys.stdout.flush()


@cli.command("stats")
@format_option
@pass_context
def stats_cmd(obj: Context, fmt: str) -> None:
    """Count what the store holds: articles, graphs, triples, facts by type."""
    with _errors(), obj.store(create=False) as store:
        write_results(run_saved(store, "stats"), fmt, sys.stdout)


DEMO_QUERIES: tuple[tuple[str, dict[str, str], tuple[str, ...]], ...] = (
    ("proposals", {}, ("proposerLabel", "issue", "summary")),
    ("objections", {}, ("objector", "kind", "issueLabel", "reason", "source", "mode")),
    ("quotes", {"speaker": "Freeland"}, ("speakerLabel", "quote", "edited", "date", "place")),
    ("timeline", {}, ("date", "participants", "label", "type", "place")),
)


@cli.command("demo")
@pass_context
def demo_cmd(obj: Context) -> None:
    """Load the bundled sample article and print the answers to a few saved queries.

    The sample is the fifth round of the NAFTA renegotiation (November 2017). It is
    loaded into the store given by --store (or the default), like any other article.
    """
    from kg.ingest import ingest

    with _errors():
        reference = obj.reference()
        with obj.store() as store:
            outcome = ingest(store, [sample_dir()], reference)
            _report(outcome.verdicts, wrote=True, quiet=False, warnings=False)
            if not outcome.ok:
                sys.exit(EXIT_DATA)
            for name, params, columns in DEMO_QUERIES:
                q = get_query(name)
                shown = ", ".join(f"{k}={v}" for k, v in params.items())
                click.echo(f"\n== {q.title}{' (' + shown + ')' if shown else ''} ==")
                click.echo(
                    f"   tradekg query {name}"
                    + "".join(f" --param {k}={v}" for k, v in params.items())
                    + f" --columns {','.join(columns)}"
                )
                results = run_saved(store, name, params).project(columns)
                write_results(results, "table", sys.stdout)
        click.echo("\nMore: tradekg queries (the catalogue), tradekg query NAME --help")


def _an(form: str) -> str:
    return ("an " if form[0] in "AEIOU" else "a ") + form
