"""The ``tradekg`` command line: a thin shell over the library.

Exit codes: 0 ok; 1 the data does not conform or a check failed; 2 usage error (unknown
command, query, option or parameter value); 3 could not run (the store could not be opened,
read or written).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext, suppress
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import click
from rdflib import URIRef

from kg import __version__, guard
from kg.errors import EXIT_DATA, KgError, StoreError
from kg.errors import UsageError as KgUsageError
from kg.export import FORMATS as EXPORT_FORMATS
from kg.export import export
from kg.ingest import Outcome, check, find_inputs, ingest
from kg.iris import graph_of_article
from kg.loaders import Reference, load_reference
from kg.loaders.rdffile import FORMATS as RDF_FORMATS
from kg.loaders.rdffile import RdfSource
from kg.queries import FORMATS as RESULT_FORMATS
from kg.queries import catalogue, get_query, run_saved, write_results
from kg.queries.params import resolve
from kg.resources import sample_dir
from kg.serve.engine import select_within
from kg.store import ENV_STORE, Store, default_location, is_remote, open_store, remote_urls
from kg.store.embedded import EmbeddedStore
from kg.validate import Verdict, summarize

F = TypeVar("F", bound=Callable[..., Any])
ENV_REFERENCE = "TRADEKG_REFERENCE"
SERVE_WAIT = 60.0  # seconds serve waits for a process that holds the store to publish a snapshot
ENV_QUERY_TIMEOUT = "TRADEKG_QUERY_TIMEOUT"
QUERY_TIMEOUT = 60.0


class Context:
    """Options shared by every command (``ctx.obj``)."""

    def __init__(self, store: str | None, reference: tuple[str, ...]) -> None:
        self.store_location = store
        self.reference_files = [Path(p) for p in reference]
        self._reference: Reference | None = None

    def reference(self) -> Reference:
        if self._reference is None:
            self._reference = load_reference(self.reference_files)
        return self._reference

    @contextmanager
    def store(self, *, create: bool = True) -> Iterator[Store]:
        store = open_store(self.store_location, create=create)
        try:
            yield store
        except BaseException:
            with suppress(KgError):  # the first error is the one to report
                store.close()
            raise
        store.close()


pass_context = click.make_pass_decorator(Context)


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


@contextmanager
def _errors() -> Iterator[None]:
    """The one boundary that turns library errors into messages and exit codes."""
    try:
        yield
    except KgError as e:
        _echo_err(f"Error: {e}")
        sys.exit(e.exit_code)
    except BrokenPipeError:
        # the reader went away (| head): stop quietly, without a traceback at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tradekg")
@click.option("--store", "store", metavar="PATH|URL", envvar=ENV_STORE, show_envvar=True,
              help="Directory of the embedded store, or the URL of a SPARQL server's query "
                   "endpoint (credentials only from the environment; see README) "
                   f"[default: {default_location()}].")
@click.option("--reference", "reference", metavar="FILE", multiple=True, envvar=ENV_REFERENCE,
              show_envvar=True, type=click.Path(dir_okay=False),
              help="Extra reference data (YAML) that extends the bundled actors, posts, "
                   "agreements, issues and places; repeatable.")
@click.option("-v", "--verbose", is_flag=True,
              help="Log requests to SPARQL servers, store writes and their timings to stderr.")
@click.pass_context
def cli(ctx: click.Context, store: str | None, reference: tuple[str, ...],
        verbose: bool) -> None:
    """tradekg: a knowledge graph of trade claims, with their evidence.

    Load the facts of news articles about trade negotiations (who proposed what, who
    objected and why, who said what, when and where), check them, and ask the saved
    questions.

    \b
    Try it on the bundled sample:
        tradekg demo
        tradekg query objections --param issue="sunset clause"

    tradekg makes no network connections, except to the SPARQL server named with --store.

    Exit codes: 0 ok, 1 data does not conform, 2 usage error, 3 could not run.
    """
    ctx.obj = Context(store, reference)
    if verbose:
        _log_to_stderr(ctx)
    with _errors():
        urls = remote_urls(store)
    ctx.with_resource(guard.active(urls))


def _log_to_stderr(ctx: click.Context) -> None:
    logger = logging.getLogger("kg")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(relativeCreated)8.0f ms  %(message)s"))
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.DEBUG)

    def restore() -> None:
        logger.removeHandler(handler)
        logger.setLevel(level)

    ctx.call_on_close(restore)


def _report(verdicts: list[Verdict], *, wrote: bool, quiet: bool,
            warnings: bool | None = None) -> None:
    """One line per input on stderr (with --quiet: rejected ones only) and its findings."""
    warnings = not quiet if warnings is None else warnings
    for v in verdicts:
        counts = summarize(v.findings)
        if v.ok:
            if quiet:
                continue
            verb = "loaded" if wrote else "ok"
            extra = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in counts.items()
                              if n and k != "error")
            line = f"{verb}: {v.name} ({v.size} triples{', ' + extra if extra else ''})"
            shown = [f for f in v.findings if f.severity == "warning"] if warnings else []
        else:
            line = f"rejected: {v.name} ({counts['error']} error"\
                   f"{'s' if counts['error'] != 1 else ''}; nothing of it was written)" \
                if wrote else f"does not conform: {v.name}"
            shown = [f for f in v.findings if f.severity == "error" or not quiet]
        _echo_err(line)
        for f in shown:
            _echo_err(f"  {f}")


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr for long runs at a terminal; silent otherwise."""
    if total < 20 or not sys.stderr.isatty():
        yield lambda n: None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield bar.update


def _inputs(paths: tuple[Path, ...], fmt: str | None) -> list[Path | RdfSource]:
    """PATHS with ``-`` read from stdin as RDF in ``fmt``."""
    if fmt is not None and Path("-") not in paths:
        raise KgUsageError("--format is for RDF read from standard input ('-')",
                           hint="RDF files are known by their suffix")
    if Path("-") in paths and fmt is None:
        raise KgUsageError("reading RDF from standard input ('-') needs --format",
                           hint="e.g. --format trig; facts files cannot come from stdin, "
                           "they name their article file relative to themselves")
    return [RdfSource("<stdin>", sys.stdin.buffer.read(), fmt) if p == Path("-") and fmt
            else p for p in paths]


_RDF_FORMAT = click.option(
    "-f", "--format", "fmt", type=click.Choice(list(RDF_FORMATS)), default=None,
    help="The RDF syntax of standard input, given as '-'.")


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_RDF_FORMAT
@click.option("--batch", default=100, show_default=True,
              help="Articles written per store transaction.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes that check articles while this one writes the store "
                   "[default: the number of CPUs, at most 4].")
@click.option("--extract", "extract", is_flag=True,
              help="Also load articles that have no facts file, with facts drafted by the "
                   "extractor (each marked as a draft, with its rule and confidence).")
@click.option("-q", "--quiet", is_flag=True, help="Print errors and the summary only.")
@pass_context
def ingest_cmd(obj: Context, paths: tuple[Path, ...], fmt: str | None, batch: int,
               workers: int | None, extract: bool, quiet: bool) -> None:
    """Check articles' facts and load those that conform into the store.

    PATHS are facts files (*.facts.yaml), article files with a facts file next to them,
    directories searched for facts files, or RDF files as 'tradekg export' writes them
    (.ttl .trig .nt .nq .jsonld .rdf .owl; '-' reads standard input, with --format).
    Each article is checked against the shapes and its evidence against its text, then
    stored in its own named graph, whole or not at all. Loading an article again
    replaces it. Exits 1 if any article was rejected.

    With --extract, article files (*.md, *.txt) without a facts file are drafted by the
    extractor (see `tradekg extract`) and loaded as drafts: saved queries show them with
    review "draft", curated facts with "curated".

    \b
    Examples:
        tradekg ingest articles/
        tradekg ingest --extract inbox/
        tradekg export --format trig | tradekg --store copy/ ingest --format trig -
    """
    with _errors():
        inputs = _inputs(paths, fmt)
        total = len(find_inputs(inputs, extract=extract))
        if workers is None:
            workers = min(4, os.cpu_count() or 1)
        reference = obj.reference()  # a bad reference file is reported before the store opens
        with obj.store() as store, _progress(total, "ingesting") as progress:
            outcome: Outcome = ingest(store, inputs, reference, batch=batch,
                                      workers=workers, progress=progress, extract=extract)
        _report(outcome.verdicts, wrote=True, quiet=quiet)
        rejected = len(outcome.rejected)
        _echo_err(f"{outcome.written} article(s) loaded, {rejected} rejected"
                  f" into {obj.store_location or os.environ.get(ENV_STORE) or default_location()}")
        if rejected:
            sys.exit(EXIT_DATA)


def _lexicon_option(f: F) -> F:
    f = click.option(
        "--nlp", "nlp", metavar="PIPELINE", envvar="TRADEKG_NLP", show_envvar=True,
        help="An installed spaCy pipeline (e.g. en_core_web_sm; pip install "
             "'tradekg[nlp]') for people and organisations the reference data lacks.")(f)
    return click.option(
        "--lexicon", "lexicon", metavar="FILE", multiple=True, type=click.Path(path_type=Path),
        help="More speech-act words (the format of data/lexicon/speech.yaml); also "
             "TRADEKG_LEXICON.")(f)


@cli.command("extract")
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE",
              help="Where to write the draft of one article ('-' for stdout).")
@click.option("--write", is_flag=True,
              help="Write each draft next to its article as NAME.facts.yaml.")
@click.option("--force", is_flag=True,
              help="Replace an existing facts file (it may hold a person's review).")
@_lexicon_option
@pass_context
def extract_cmd(obj: Context, articles: tuple[Path, ...], output: str, write: bool,
                force: bool, lexicon: tuple[Path, ...], nlp: str | None) -> None:
    """Draft the facts of articles for review, in the facts format people write.

    The extractor reads the text with rules and the reference data (no model, no network):
    actors, quotations and their speakers, demands and proposals, objections and
    rejections with their target and reason, threats, support, and dated events. It
    prefers missing a fact to drafting a wrong one. Every drafted fact quotes its evidence
    and names the rule that found it, with `review: draft`; check each, correct it, set
    `review: reviewed`, then `tradekg ingest` the file.

    \b
    Examples:
        tradekg extract article.md > article.facts.yaml
        tradekg extract --write inbox/*.md
    """
    from kg.extract import extract, load_lexicon
    from kg.extract.draft import draft_yaml
    from kg.ingest import FACTS_SUFFIX
    from kg.loaders import read_article

    with _errors():
        if len(articles) > 1 and not write:
            raise KgUsageError("several articles need --write (each draft goes next to "
                               "its article)")
        if write and output != "-":
            raise KgUsageError("give --write or --output, not both")
        words = load_lexicon(obj.reference(), lexicon, nlp)
        for path in articles:
            article = read_article(path)
            draft = extract(article, words)
            target = (path.with_name(path.stem + FACTS_SUFFIX) if write
                      else None if output == "-" else Path(output))
            if target is not None and target.exists() and not force:
                raise KgUsageError(f"{target} exists; it may hold reviewed facts "
                                   "(give --force to replace it)")
            text = draft_yaml(draft, target or path.with_name(path.stem + FACTS_SUFFIX),
                              path)
            if target is None:
                click.echo(text, nl=False)
            else:
                _write_atomic(target, text)
            counts: dict[str, int] = {}
            for fact in draft.facts:
                counts[fact.section] = counts.get(fact.section, 0) + 1
            summary = ", ".join(f"{n} {k}" for k, n in counts.items()) or "no facts"
            _echo_err(f"drafted: {path} ({summary})" + (f" -> {target}" if target else ""))
            for note in draft.notes:
                _echo_err(f"  note: {note}")


def _write_atomic(path: Path, text: str) -> None:
    """Write a file whole or not at all (a temporary file renamed over it)."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


@cli.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--per-article", is_flag=True, help="Also print the scores of each article.")
@_lexicon_option
@pass_context
def eval_cmd(obj: Context, gold: tuple[Path, ...], per_article: bool,
             lexicon: tuple[Path, ...], nlp: str | None) -> None:
    """Score the extractor against curated facts files: precision and recall per type.

    GOLD are facts files written by people (or directories of them); each one's article is
    drafted and the draft compared with it: actors (that act in a fact), quotes with the
    right speaker, proposals with the right proposer, objections with the right target, and
    events with the right date. Prints the drafting rate in articles per second (one core).

    \b
    Example:
        tradekg eval benchmarks/devset/ data/sample/
    """
    from kg.extract import load_lexicon
    from kg.extract.evaluate import TYPES, evaluate, gold_files

    def line(name: str, kind: str, g: int, d: int, m: int) -> str:
        p = f"{m / d:.2f}" if d else "-"
        r = f"{m / g:.2f}" if g else "-"
        return f"{name:24} {kind:11} {g:5} {d:7} {m:7} {p:>9} {r:>6}"

    with _errors():
        reference = obj.reference()
        report = evaluate(gold_files(gold), reference, load_lexicon(reference, lexicon, nlp))
        click.echo(f"{'articles':24} {'type':11} {'gold':>5} {'drafted':>7} {'matched':>7} "
                   f"{'precision':>9} {'recall':>6}")
        if per_article:
            for name, scores in report.per_article.items():
                for kind in TYPES:
                    s_ = scores[kind]
                    click.echo(line(name, kind, s_.gold, s_.drafted, s_.matched))
        label = f"all ({len(report.per_article)})"
        for kind in TYPES:
            s_ = report.scores[kind]
            click.echo(line(label, kind, s_.gold, s_.drafted, s_.matched))
        click.echo(f"drafting: {report.rate:.0f} articles/s")
        for name, error in report.failures.items():
            _echo_err(f"failed: {name}: {error}")
        if report.failures:
            sys.exit(EXIT_DATA)


@cli.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_RDF_FORMAT
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@pass_context
def validate_cmd(obj: Context, paths: tuple[Path, ...], fmt: str | None, quiet: bool) -> None:
    """Check facts files or RDF files without loading them (exits 1 if any does not
    conform). PATHS are as for ingest ('-' reads RDF from standard input, with --format).

    Reports errors (which block loading), warnings and infos, each with the file and line
    of the fact it concerns. The store is not opened.
    """
    with _errors():
        verdicts = [v for batch in check(_inputs(paths, fmt), obj.reference()) for v in batch]
        _report(verdicts, wrote=False, quiet=quiet)
        if not all(v.ok for v in verdicts):
            sys.exit(EXIT_DATA)


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


@cli.command("query")
@click.argument("name", required=False)
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter: an id, an IRI, or a name or alias (case-insensitive).")
@click.option("-f", "--format", "fmt", type=click.Choice(RESULT_FORMATS), default="table",
              show_default=True, help="table for people; csv, tsv, json (SPARQL 1.1 results).")
@click.option("-c", "--columns", metavar="A,B,...",
              help="Only these columns, in this order (see 'tradekg queries').")
@pass_context
def query_cmd(obj: Context, name: str | None, params: tuple[str, ...], fmt: str,
              columns: str | None) -> None:
    """Run a saved query; without NAME, list the catalogue.

    \b
    Examples:
        tradekg query proposals
        tradekg query objections --param issue="sunset clause"
        tradekg query quotes --param speaker=Freeland --format csv
    """
    if name is None:
        _list_queries()
        return
    with _errors():
        get_query(name)
        values = _parse_params(params)
        with obj.store(create=False) as store:
            results = run_saved(store, name, values)
        if columns:
            results = results.project([c.strip() for c in columns.split(",") if c.strip()])
        write_results(results, fmt, sys.stdout)


@cli.command("sparql")
@click.argument("query", required=False)
@click.option("--file", "file", type=click.File("r", encoding="utf-8"),
              help="Read the query from a file ('-' for stdin).")
@click.option("-f", "--format", "fmt", type=click.Choice(RESULT_FORMATS), default="table",
              show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.001, min_open=False),
              default=QUERY_TIMEOUT, show_default=True, envvar=ENV_QUERY_TIMEOUT,
              show_envvar=True, metavar="SECONDS",
              help="Stop the query after this many seconds (exit 3). On a SPARQL server "
                   "TRADEKG_TIMEOUT applies instead.")
@pass_context
def sparql_cmd(obj: Context, query: str | None, file: Any, fmt: str, timeout: float) -> None:
    """Run an ad-hoc read-only SPARQL query (SELECT or ASK).

    The query comes from the argument, --file, or standard input. The default graph is the
    union of all graphs. Updates, SERVICE and FROM naming a graph the store does not hold
    are refused. On the embedded store the query runs in a separate process that is
    stopped at --timeout.

    \b
    Example:
        tradekg sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
    """
    with _errors():
        if query is not None and file is not None:
            raise KgUsageError("give the query as an argument or with --file, not both")
        text = query if query is not None and query != "-" else (
            file.read() if file is not None else sys.stdin.read())
        if not text.strip():
            raise KgUsageError("the query is empty",
                               hint="give it as an argument, with --file, or on stdin")
        with obj.store(create=False) as store:
            if isinstance(store, EmbeddedStore):
                results: Any = select_within(store, text, timeout)
            else:
                results = store.select(text)
        write_results(results, fmt, sys.stdout)


@cli.command("export")
@click.option("-f", "--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)),
              default="trig", show_default=True)
@click.option("--article", metavar="ARTICLE",
              help="Only this article's graph: its key, IRI, URL or title.")
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE",
              help="Where to write ('-' for stdout).")
@pass_context
def export_cmd(obj: Context, fmt: str, article: str | None, output: str) -> None:
    """Export the store (or one article) as Turtle, TriG, N-Triples, N-Quads, RDF/XML or
    JSON-LD.

    Triple formats (Turtle, N-Triples, RDF/XML) merge the graphs; TriG, N-Quads and JSON-LD
    keep one named graph per article. JSON-LD uses the context published with tradekg.
    --format void writes the VoID/DCAT description of the whole store instead (Turtle), the
    one tradekg serve publishes at /.well-known/void.

    \b
    Example:
        tradekg export --format turtle --article nafta -o nafta.ttl
    """
    with _errors(), obj.store(create=False) as store:
        graph = None
        if article is not None:
            node = resolve(store, "article", article, "article")
            graph = graph_of_article(URIRef(str(node)))
        if output == "-":
            _export_to(store, sys.stdout.buffer, fmt, graph)
        else:
            _export_file(store, Path(output), fmt, graph)


def _export_to(store: Store, out: BinaryIO, fmt: str, graph: Any) -> None:
    export(store, out, fmt, graph)
    out.flush()


def _export_file(store: Store, path: Path, fmt: str, graph: Any) -> None:
    """Write to a temporary file next to the target, then rename: no half-written file."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with tmp.open("wb") as out:
            export(store, out, fmt, graph)
        tmp.replace(path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"cannot write {path}: {e.strerror}",
                         hint="no part of it was left behind") from None


@cli.command("stats")
@click.option("-f", "--format", "fmt", type=click.Choice(RESULT_FORMATS), default="table",
              show_default=True)
@pass_context
def stats_cmd(obj: Context, fmt: str) -> None:
    """Count what the store holds: articles, graphs, triples, facts by type."""
    with _errors(), obj.store(create=False) as store:
        write_results(run_saved(store, "stats"), fmt, sys.stdout)


DEMO_QUERIES: tuple[tuple[str, dict[str, str], tuple[str, ...]], ...] = (
    ("proposals", {}, ("proposerLabel", "issue", "summary")),
    ("objections", {}, ("objector", "kind", "issueLabel", "reason", "source", "mode")),
    ("quotes", {"speaker": "Freeland"}, ("speakerLabel", "quote", "edited", "date", "place")),
    ("timeline", {}, ("date", "precision", "label", "type", "place")),
)


@cli.command("demo")
@pass_context
def demo_cmd(obj: Context) -> None:
    """Load the bundled sample article and print the answers to a few saved queries.

    The sample is the fifth round of the NAFTA renegotiation (November 2017). It is
    loaded into the store given by --store (or the default), like any other article.
    """
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
                click.echo(f"   tradekg query {name}"
                           + "".join(f" --param {k}={v}" for k, v in params.items())
                           + f" --columns {','.join(columns)}")
                results = run_saved(store, name, params).project(columns)
                write_results(results, "table", sys.stdout, width=90)
        click.echo("\nMore: tradekg queries (the catalogue), tradekg query NAME --help")


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0 picks a free one).")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(min=0.001),
              help="Seconds a query may run before it is stopped (HTTP 503); over a SPARQL "
                   "server, the time to wait for its answer.")
@click.option("--max-rows", default=10000, show_default=True, type=click.IntRange(min=1),
              help="Rows (or triples) a query may return; more are cut, and the response "
                   "says so (X-Truncated: true).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(min=1),
              help="Query worker processes (queries that run at the same time).")
@click.option("-q", "--quiet", is_flag=True, help="Do not log each request.")
@pass_context
def serve_cmd(obj: Context, host: str, port: int, timeout: float, max_rows: int,
              workers: int, quiet: bool) -> None:
    """Serve the store as linked data, with a read-only SPARQL endpoint.

    \b
    /sparql             SPARQL 1.1 Protocol (GET or POST; JSON, XML, CSV, TSV;
                        CONSTRUCT as Turtle, JSON-LD, N-Triples); updates, SERVICE,
                        LOAD and FROM <elsewhere> are refused
    /id/...             every IRI under https://w3id.org/tradekg/id/ (HTML for
                        browsers, Turtle or JSON-LD by Accept; 303 to /doc/...)
    /queries            the saved queries, each with a form
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
    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO,
                        format="%(message)s", stream=sys.stderr)
    where = obj.store_location or os.environ.get(ENV_STORE) or str(default_location())
    with _errors(), (obj.store() if is_remote(where) else nullcontext(Path(where))) as store:
        server = make_server(store, host=host, port=port, timeout=timeout,
                             max_rows=max_rows, workers=workers, wait=SERVE_WAIT)
        try:
            _echo_err(f"Serving {where} at {server.url}/ (Ctrl-C to stop)")
            server.serve_forever()
        except KeyboardInterrupt:
            _echo_err("Stopped.")
        finally:
            server.close()


def main() -> None:
    cli(prog_name="tradekg")
