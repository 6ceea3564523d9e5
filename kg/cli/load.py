"""Commands that check facts and load them: ``ingest`` and ``validate``."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from kg.cli import Context, _echo_err, _errors, _report, cli, pass_context
from kg.cli.link import summary
from kg.errors import EXIT_DATA
from kg.errors import UsageError as KgUsageError
from kg.ingest import Outcome, check, find_inputs, ingest
from kg.iris import article_of_graph
from kg.loaders.rdffile import FORMATS as RDF_FORMATS
from kg.loaders.rdffile import RdfSource
from kg.store import store_location


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
        raise KgUsageError(
            "--format is for RDF read from standard input ('-')",
            hint="RDF files are known by their suffix",
        )
    if Path("-") in paths and fmt is None:
        raise KgUsageError(
            "reading RDF from standard input ('-') needs --format",
            hint="e.g. --format trig; facts files cannot come from stdin, "
            "they name their article file relative to themselves",
        )
    return [
        RdfSource("<stdin>", sys.stdin.buffer.read(), fmt) if p == Path("-") and fmt else p
        for p in paths
    ]


_RDF_FORMAT = click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(list(RDF_FORMATS)),
    default=None,
    help="The RDF syntax of standard input, given as '-'.",
)


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_RDF_FORMAT
@click.option(
    "--batch", default=100, show_default=True, help="Articles written per store transaction."
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that check articles while this one writes the store "
    "[default: the number of CPUs, at most 4].",
)
@click.option(
    "--extract",
    "extract",
    is_flag=True,
    help="Also load articles that have no facts file, with facts drafted by the "
    "extractor (each marked as a draft, with its rule and confidence).",
)
@click.option(
    "--no-link",
    "no_link",
    is_flag=True,
    help="Do not link the loaded articles' proposals and threats to those of other articles "
    "(see `tradekg link`).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print errors and the summary only.")
@pass_context
def ingest_cmd(
    obj: Context,
    paths: tuple[Path, ...],
    fmt: str | None,
    batch: int,
    workers: int | None,
    extract: bool,
    no_link: bool,
    quiet: bool,
) -> None:
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
        links: list[object] = []
        with obj.store() as store, _progress(total, "ingesting") as progress:
            outcome: Outcome = ingest(
                store,
                inputs,
                reference,
                batch=batch,
                workers=workers,
                progress=progress,
                extract=extract,
            )
            restored = (0, 0)
            if outcome.written and outcome.decisions:  # an export's links, as a person left them
                from kg import link

                restored = link.restore(store, outcome.decisions)
            if outcome.written and not no_link:
                from kg import link

                written = [article_of_graph(v.graph) for v in outcome.verdicts if v.ok and v.graph]
                links = list(link.run(store, articles=written))
        _report(outcome.verdicts, wrote=True, quiet=quiet)
        rejected = len(outcome.rejected)
        _echo_err(
            f"{outcome.written} article(s) loaded, {rejected} rejected"
            f" into {store_location(obj.store_location)}"
        )
        if restored != (0, 0):
            _echo_err(
                f"{restored[0]} decision(s) about links restored from the input"
                + (
                    f", {restored[1]} left out (a fact of theirs is not in the store)"
                    if restored[1]
                    else ""
                )
            )
        if links:
            _echo_err(summary(links))
        if rejected:
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
