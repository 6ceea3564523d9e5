"""The ``tradekg`` command line: a thin shell over the library.

Exit codes: 0 ok; 1 the data does not conform or a check failed; 2 usage error (unknown
command, query, option or parameter value); 3 could not run (the store could not be opened,
read or written).

This package holds the click group ``cli``, ``main()``, the options every command shares
(``Context``, ``pass_context``) and the one error boundary (``_errors``). The commands live
in modules by what they do; each registers its commands on ``cli`` when imported:

    kg.cli.load     ingest, validate: check facts and load them into the store
    kg.cli.draft    extract, eval: draft facts from article text, score the drafts
    kg.cli.ask      queries, query, sparql, stats, demo: ask the store
    kg.cli.publish  export, serve: hand the store on as files or as linked data
    kg.cli.report   report: an HTML report (or one picture) about an article or an actor
    kg.cli.link     link: which facts of different articles are one thing

A command's module is imported only when that command runs (``COMMANDS`` says where each
one lives), so ``tradekg query`` does not pay for the server, the extractor or SHACL, and
``tradekg --help`` imports none of them: it lists each command with the summary kept in
``COMMANDS`` (a test checks it is the first paragraph of the command's own help). Modules
here import the library's heavier parts inside the commands that use them.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kg import __version__, guard
from kg.errors import KgError
from kg.store import ENV_STORE, default_location, open_store, remote_urls

if TYPE_CHECKING:
    from kg.loaders import Reference
    from kg.store import Store
    from kg.validate import Verdict

ENV_REFERENCE = "TRADEKG_REFERENCE"

# Each command: the module that defines it, and its summary (the first paragraph of its help)
# for the command list of ``tradekg --help``, which is written without importing the modules.
COMMANDS: dict[str, tuple[str, str]] = {
    "demo": (
        "kg.cli.ask",
        "Load the bundled sample article and print the answers to a few saved queries.",
    ),
    "eval": (
        "kg.cli.draft",
        "Score the extractor against curated facts files: precision and recall per type.",
    ),
    "export": (
        "kg.cli.publish",
        "Export the store (or one article) as Turtle, TriG, N-Triples, N-Quads, RDF/XML or "
        "JSON-LD.",
    ),
    "extract": (
        "kg.cli.draft",
        "Draft the facts of articles for review, in the facts format people write.",
    ),
    "ingest": (
        "kg.cli.load",
        "Check articles' facts and load those that conform into the store.",
    ),
    "queries": (
        "kg.cli.ask",
        "List the saved queries with their descriptions, parameters and columns.",
    ),
    "link": (
        "kg.cli.link",
        "Say which facts of different articles are one thing: the sunset clause of round 5 is "
        "the sunset clause of round 7.",
    ),
    "query": ("kg.cli.ask", "Run a saved query; without NAME, list the catalogue."),
    "report": (
        "kg.cli.report",
        "Write a report about an article, an actor, a negotiation or a proposal that a person "
        "can read anywhere: one HTML file with everything inline (the article with its evidence "
        "marked, a timeline, the positions matrix, who stands with whom), which opens from disk "
        "with no network.",
    ),
    "serve": (
        "kg.cli.publish",
        "Serve the store as linked data, with a read-only SPARQL endpoint.",
    ),
    "sparql": (
        "kg.cli.ask",
        "Run an ad-hoc read-only SPARQL query: SELECT, ASK, CONSTRUCT or DESCRIBE.",
    ),
    "stats": (
        "kg.cli.ask",
        "Count what the store holds: articles, graphs, triples, facts by type.",
    ),
    "validate": (
        "kg.cli.load",
        "Check facts files or RDF files without loading them (exits 1 if any does not conform).",
    ),
}


class _Commands(MutableMapping[str, click.Command]):
    """The group's commands by name: every name in ``COMMANDS`` is listed, and looking one up
    imports its module (which registers it here)."""

    def __init__(self, lazy: dict[str, tuple[str, str]]) -> None:
        self.lazy = lazy
        self.loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self.loaded and name in self.lazy:
            importlib.import_module(self.lazy[name][0])
        return self.loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self.loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self.loaded[name]

    def __contains__(self, name: object) -> bool:
        return name in self.loaded or name in self.lazy

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*self.lazy, *self.loaded]))

    def __len__(self) -> int:
        return len(dict.fromkeys([*self.lazy, *self.loaded]))


class LazyGroup(click.Group):
    """A click group whose commands are imported when they are used (``COMMANDS``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _Commands(COMMANDS)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """As click's, but a command not imported yet is described by its summary."""
        commands = self.commands
        assert isinstance(commands, _Commands)
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            if name in commands.loaded:
                command = commands.loaded[name]
                if command.hidden:
                    continue
                rows.append((name, command.get_short_help_str(limit)))
            else:
                summary = click.Command(name, help=commands.lazy[name][1])
                rows.append((name, summary.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


class Context:
    """Options shared by every command (``ctx.obj``)."""

    def __init__(self, store: str | None, reference: tuple[str, ...]) -> None:
        self.store_location = store
        self.reference_files = [Path(p) for p in reference]
        self._reference: Reference | None = None

    def reference(self) -> Reference:
        if self._reference is None:
            from kg.loaders import load_reference

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


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
    from kg.validate import summarize

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
