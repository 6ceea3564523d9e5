"""``link``: identity across articles (kg.link): propose links, accept or reject them."""

from __future__ import annotations

import click
from rdflib import URIRef

from kg.cli import Context, _echo_err, _errors, cli, pass_context
from kg.errors import KgError
from kg.store import Store


def summary(links: list[object]) -> str:
    """One line about the links graph: how many links, followed or not, by status."""
    from kg.link import Link

    kept = [x for x in links if isinstance(x, Link)]
    counts = {s: sum(x.status == s for x in kept) for s in ("proposed", "accepted", "rejected")}
    followed = sum(x.followed for x in kept)
    return (
        f"{len(kept)} link(s) between articles, {followed} followed by the queries "
        f"({counts['proposed']} proposed, {counts['accepted']} accepted, "
        f"{counts['rejected']} rejected)"
    )


@cli.group("link", invoke_without_command=True)
@click.pass_context
def link_group(ctx: click.Context) -> None:
    """Say which facts of different articles are one thing: the sunset clause of round 5 is
    the sunset clause of round 7.

    Without a subcommand, runs the linker over the whole store (`tradekg link run`). Links sit
    in their own graph and never change the articles; queries such as proposal-history follow
    the links a person accepted and those the linker proposed with a score of at least 0.7.
    Review them with `tradekg query links`. `tradekg ingest` links the articles it loads
    (unless --no-link).

    \b
    Examples:
        tradekg link
        tradekg query links
        tradekg link accept <FROM-FACT> <TO-FACT>
        tradekg link reject <FROM-FACT> <TO-FACT>
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(run_cmd)


@link_group.command("run")
@pass_context
def run_cmd(obj: Context) -> None:
    """Propose links anew over the whole store: links a person accepted or rejected are kept
    as they are, links whose facts are gone are dropped."""
    from kg import link

    with _errors(), obj.store(create=False) as store:
        _echo_err(summary(list(link.run(store))))


def _decide(obj: Context, source: str, target: str, status: str) -> None:
    from kg import link
    from kg.queries.params import resolve

    def fact(store: Store, value: str, name: str) -> URIRef:
        """A proposal by its id or name if one matches, else any fact (a threat)."""
        try:
            found = resolve(store, "proposal", value, name)
        except KgError:
            found = resolve(store, "fact", value, name)
        assert isinstance(found, URIRef)
        return found

    with _errors(), obj.store(create=False) as store:
        a, b = fact(store, source, "FROM"), fact(store, target, "TO")
        made = link.decide(store, a, b, status)
        verb = "is" if status == "accepted" else "is not"
        _echo_err(
            f"{status}: {made.source} {verb} {made.target} ({made.method}, score {made.score:g})"
        )


@link_group.command("accept")
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@pass_context
def accept_cmd(obj: Context, source: str, target: str) -> None:
    """Say that two facts of different articles are one thing (their IRIs or ids); queries
    follow an accepted link whatever its score."""
    _decide(obj, source, target, "accepted")


@link_group.command("reject")
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@pass_context
def reject_cmd(obj: Context, source: str, target: str) -> None:
    """Say that two facts are different things; the linker does not propose the link again."""
    _decide(obj, source, target, "rejected")
