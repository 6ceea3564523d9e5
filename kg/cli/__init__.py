"""The ``tradekg`` command line: a thin shell over the library.

Exit codes: 0 ok; 1 the data does not conform or a check failed; 2 usage error (unknown
command, query, option or parameter value); 3 could not run (the store could not be opened,
read or written).

This package holds the click group ``cli``, ``main()``, the options every command shares
(``Context``, ``pass_context``) and the one error boundary (``_errors``). The commands live
in modules by what they do; each registers its commands on ``cli`` when imported (at the
end of this file):

    kg.cli.load     ingest, validate: check facts and load them into the store
    kg.cli.draft    extract, eval: draft facts from article text, score the drafts
    kg.cli.ask      queries, query, sparql, stats, demo: ask the store
    kg.cli.publish  export, serve: hand the store on as files or as linked data
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import click

from kg import __version__, guard
from kg.errors import KgError
from kg.loaders import Reference, load_reference
from kg.store import ENV_STORE, Store, default_location, open_store, remote_urls
from kg.validate import Verdict, summarize

ENV_REFERENCE = "TRADEKG_REFERENCE"


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
@click.option(
    "--store",
    "store",
    metavar="PATH|URL",
    envvar=ENV_STORE,
    show_envvar=True,
    help="Directory of the embedded store, or the URL of a SPARQL server's query "
    "endpoint (credentials only from the environment; see README) "
    f"[default: {default_location()}].",
)
@click.option(
    "--reference",
    "reference",
    metavar="FILE",
    multiple=True,
    envvar=ENV_REFERENCE,
    show_envvar=True,
    type=click.Path(dir_okay=False),
    help="Extra reference data (YAML) that extends the bundled actors, posts, "
    "agreements, issues and places; repeatable.",
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Log requests to SPARQL servers, store writes and their timings to stderr.",
)
@click.pass_context
def cli(ctx: click.Context, store: str | None, reference: tuple[str, ...], verbose: bool) -> None:
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


def _report(
    verdicts: list[Verdict], *, wrote: bool, quiet: bool, warnings: bool | None = None
) -> None:
    """One line per input on stderr (with --quiet: rejected ones only) and its findings."""
    warnings = not quiet if warnings is None else warnings
    for v in verdicts:
        counts = summarize(v.findings)
        if v.ok:
            if quiet:
                continue
            verb = "loaded" if wrote else "ok"
            extra = ", ".join(
                f"{n} {k}{'s' if n != 1 and k != 'info' else ''}"
                for k, n in counts.items()
                if n and k != "error"
            )
            line = f"{verb}: {v.name} ({v.size} triples{', ' + extra if extra else ''})"
            shown = [f for f in v.findings if f.severity == "warning"] if warnings else []
        else:
            line = (
                f"rejected: {v.name} ({counts['error']} error"
                f"{'s' if counts['error'] != 1 else ''}; nothing of it was written)"
                if wrote
                else f"does not conform: {v.name}"
            )
            shown = [f for f in v.findings if f.severity == "error" or not quiet]
        _echo_err(line)
        for f in shown:
            _echo_err(f"  {f}")


def main() -> None:
    cli(prog_name="tradekg")


# the commands register on ``cli`` as their modules are imported
from kg.cli import ask, draft, load, publish, report  # noqa: E402, F401
