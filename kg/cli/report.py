"""``report``: one self-contained HTML file (or one picture) about an article or an actor."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli import Context, _errors, cli, pass_context
from kg.cli.options import output_option
from kg.files import write_whole

PICTURES = ("timeline", "positions", "network")  # kg.views.report.PICTURES, without importing it


@cli.command("report")
@click.argument("name")
@output_option()
@click.option(
    "--picture",
    type=click.Choice(PICTURES),
    help="Write only this picture, not the whole report.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["html", "svg", "png"]),
    help="html for the report (the default); svg (the default) or png for a --picture.",
)
@click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    help="Positions and who stands with whom as of this day: only the acts up to it count.",
)
@pass_context
def report_cmd(
    obj: Context, name: str, output: str, picture: str | None, fmt: str | None, as_of: str | None
) -> None:
    """Write a report about an article, an actor, a negotiation or a proposal that a person
    can read anywhere: one HTML file with everything inline (the article with its evidence
    marked, a timeline, the positions matrix, who stands with whom), which opens from disk
    with no network.

    NAME is resolved as query parameters are, tried in this order: an article's headline, URL,
    key or IRI; an actor's name, alias or IRI; an agreement's name or alias (its negotiation);
    a proposal's id or IRI (its history across articles). Links in the report point at the
    IRIs of facts and actors, which `tradekg serve` publishes.

    \b
    Examples:
        tradekg report "NAFTA talks make little headway after fifth round" -o nafta.html
        tradekg report Freeland -o freeland.html
        tradekg report NAFTA -o nafta-negotiation.html
        tradekg report Canada --picture positions -o canada.svg
        tradekg report NAFTA --picture positions --as-of 2017-11-20 -o before-round5.svg
        tradekg report Canada --picture network --format png -o canada.png
    """
    fmt = fmt or ("svg" if picture else "html")
    if picture is None and fmt != "html":
        raise click.UsageError(f"--format {fmt} is for one --picture; a report is html")
    if picture is not None and fmt == "html":
        raise click.UsageError("a --picture is svg or png; leave out --picture for the report")
    if fmt == "png" and output == "-" and sys.stdout.isatty():
        raise click.UsageError("PNG is binary: write it to a file with -o FILE")
    from kg.views import pictures, report

    with _errors(), obj.store(create=False) as store:
        if picture is None:
            data = report.report(store, name, lambda iri: iri, as_of).encode()
        else:
            about = report.subject(store, name)
            svg = report.figure(store, about, picture, lambda iri: iri, as_of)
            data = pictures.png(svg) if fmt == "png" else svg.encode()
        if output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            write_whole(Path(output), lambda out: out.write(data))
