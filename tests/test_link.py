"""Identity across articles: the linker joins the sample's sunset clause to a later round's,
proposal-history follows the link, a person's decision sticks, and no link outlives its facts.

tests/linking/ holds two short articles written for these tests: round 6 (the U.S. sunset
clause again, and Canada's objection to it) and round 7 (a dairy proposal, which nothing
should join to the sunset clause)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from kg import link
from kg.cli import cli
from kg.errors import UsageError
from kg.ingest import ingest
from kg.loaders import load_reference
from kg.oxterms import from_ox
from kg.queries import run_saved
from kg.resources import ontology_graph, sample_dir, shapes_file
from kg.store import Store, open_store
from kg.terms import TKG

HERE = Path(__file__).resolve().parent
ID = "https://w3id.org/tradekg/id/"
SAMPLE = ID + "article/11f0a1b12fa8bf03"
ROUND6 = ID + "article/efeba16caf88f318"
SUNSET = URIRef(SAMPLE + "/proposal/sunset-clause")
FIVE_YEARS = URIRef(ROUND6 + "/proposal/five-year-sunset")
MakeStore = Callable[..., Store]  # the make_store fixture of conftest.py


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A store with the sample and the two linking articles, linked (as ingest does)."""
    opened = open_store(tmp_path / "store")
    outcome = ingest(opened, [sample_dir(), HERE / "linking"], load_reference())
    assert outcome.ok
    link.run(opened)
    yield opened
    opened.close()


def history(store: Store, proposal: str) -> list[tuple[str, str, str, str]]:
    results = run_saved(store, "proposal-history", {"proposal": proposal})
    col = {v: i for i, v in enumerate(results.variables)}
    return [
        (str(r[col["date"]]), str(r[col["event"]]), str(r[col["actorLabel"]]), str(r[col["same"]]))
        for r in results.rows
    ]


def test_the_linker_joins_the_sunset_clause_of_two_rounds(store: Store) -> None:
    # same issue, proposer and agreement (0.5 + 0.2 + 0.1) and one shared word of 14
    # ("nafta") in the summaries (0.2 * 1/14): 0.814, over the threshold
    assert link.stored(store) == [
        link.Link(SUNSET, FIVE_YEARS, "same-issue-proposer", 0.814, "proposed")
    ]
    assert link.stored(store)[0].followed


def test_proposal_history_crosses_articles(store: Store) -> None:
    expected = [
        ("2017-11-21", "demanded", "Trump administration", str(SUNSET)),
        ("2017-11-21", "objected", "Canada and Mexico", str(SUNSET)),
        ("2017-11-21", "tabled", "United States", str(SUNSET)),
        ("2018-01-23", "objected", "Canada", str(FIVE_YEARS)),
        ("2018-01-23", "tabled", "United States", str(FIVE_YEARS)),
    ]
    assert history(store, str(SUNSET)) == expected
    assert history(store, str(FIVE_YEARS)) == expected  # a link is followed either way


def test_a_rejected_link_is_not_followed_nor_proposed_again(store: Store) -> None:
    decided = link.decide(store, FIVE_YEARS, SUNSET, "rejected")  # either order
    assert (decided.source, decided.target, decided.status) == (SUNSET, FIVE_YEARS, "rejected")
    assert [e[3] for e in history(store, str(SUNSET))] == [str(SUNSET)] * 3
    link.run(store)  # the linker keeps a person's decision
    assert [x.status for x in link.stored(store)] == ["rejected"]
    link.decide(store, SUNSET, FIVE_YEARS, "accepted")
    assert len(history(store, str(SUNSET))) == 5


def test_linking_again_changes_nothing(store: Store) -> None:
    before = store.quad_count(link.LINKS_GRAPH)
    assert link.run(store) == link.stored(store)
    ingest(store, [HERE / "linking"], load_reference())
    link.run(store, articles=[URIRef(ROUND6)])
    # 2 triples about the graph, 6 about the link, its tkg:sameAs, and the graph's 12 counts
    # (of its kinds and of its triples: kg.rdf.with_count)
    assert store.quad_count(link.LINKS_GRAPH) == before == 9 + 12


def test_a_link_whose_fact_is_gone_is_dropped(store: Store, tmp_path: Path) -> None:
    # round 6 loaded again without its proposal (and the objection to it)
    changed = tmp_path / "changed"
    shutil.copytree(HERE / "linking", changed)
    facts = changed / "round6.facts.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text[: text.index("proposals:")], encoding="utf-8")
    assert ingest(store, [facts], load_reference()).ok
    assert link.run(store, articles=[URIRef(ROUND6)]) == []
    assert link.stored(store) == []
    # the graph says what it is and its counts (kg.rdf.with_count), and no more
    assert store.quad_count(link.LINKS_GRAPH) == 2 + 12


def test_a_link_must_join_facts_of_two_articles_the_store_holds(store: Store) -> None:
    missing = URIRef(ID + "article/0000000000000000/proposal/nothing")
    with pytest.raises(UsageError) as e:
        link.decide(store, SUNSET, missing, "accepted")
    assert str(e.value) == (
        f"no fact {missing} in the store (link facts of articles the store holds "
        "(tradekg query article-audit lists them))"
    )
    with pytest.raises(UsageError) as e:
        link.decide(store, SUNSET, URIRef(SAMPLE + "/proposal/isds-opt-out"), "accepted")
    assert e.value.message == "both facts are in the same article"
    assert [x.status for x in link.stored(store)] == ["proposed"]  # nothing written


def test_the_links_graph_conforms_to_the_shapes(store: Store) -> None:
    graph = Graph()
    for s, p, o in store.construct(
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <" + str(link.LINKS_GRAPH) + "> { ?s ?p ?o } }"
    ):
        graph.add((s, p, o))
    assert len(list(graph.subjects(predicate=None, object=TKG.Link))) == 1
    conforms, _, text = validate(
        graph + ontology_graph(), shacl_graph=shapes_file().read_text(), shacl_graph_format="turtle"
    )
    assert conforms, text


def test_cli_ingest_links_and_a_person_decides(tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["--store", str(tmp_path / "store")]
    result = runner.invoke(cli, [*base, "ingest", "-q", str(sample_dir()), str(HERE / "linking")])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == (
        "1 link(s) between articles, 1 followed by the queries (1 proposed, 0 accepted, 0 rejected)"
    )
    result = runner.invoke(cli, [*base, "link", "reject", "five-year-sunset", "sunset-clause"])
    assert (result.exit_code, result.stderr) == (
        0,
        f"rejected: {SUNSET} is not {FIVE_YEARS} (same-issue-proposer, score 0.814)\n",
    )
    result = runner.invoke(cli, [*base, "link"])
    assert result.stderr == (
        "1 link(s) between articles, 0 followed by the queries (0 proposed, 0 accepted, "
        "1 rejected)\n"
    )
    result = runner.invoke(cli, [*base, "link", "accept", "five-year-sunset", "no-such-fact"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no fact matches 'no-such-fact'")


def test_the_history_of_a_proposal_is_drawn_across_articles(store: Store) -> None:
    from kg.views import report

    about = report.subject(store, str(SUNSET))
    assert (about.kind, about.name) == ("proposal", "Add an expiration (sunset) clause to NAFTA.")
    drawn = [
        (m.start.isoformat() if m.start else "", m.kind, m.who)
        for m in report.history(store, SUNSET)
    ]
    assert drawn == [
        ("2017-11-21", "demand", "Trump administration"),
        ("2017-11-21", "objection", "Canada and Mexico"),
        ("2017-11-21", "proposal", "United States"),
        ("2018-01-23", "objection", "Canada"),
        ("2018-01-23", "proposal", "United States"),
    ]
    page = report.report(store, str(SUNSET), lambda x: x)
    assert page.count("<svg ") == 3 and "History: Add an expiration (sunset) clause" in page


def test_a_negotiation_report_covers_its_agreement(store: Store) -> None:
    from kg.views import report

    about = report.subject(store, "NAFTA")
    assert (about.kind, about.name) == ("agreement", "North American Free Trade Agreement")
    page = report.report(store, "NAFTA", lambda x: x)
    assert page.count("<svg ") == 3
    # round 6's objection by Canada and round 7's dairy proposal are under NAFTA too
    assert "objection: sunset clause" in page and "proposal: dairy" in page


@pytest.mark.parametrize("fmt", ["trig", "turtle"])
def test_an_export_with_links_loads_again_with_the_decisions(tmp_path: Path, fmt: str) -> None:
    """A store's export holds its links graph; ingesting the export elsewhere gives the same
    graphs, a person's decision (here a rejection) included."""
    runner = CliRunner()
    first, second = ["--store", str(tmp_path / "one")], ["--store", str(tmp_path / "two")]
    inputs = [str(sample_dir()), str(HERE / "linking")]
    assert runner.invoke(cli, [*first, "ingest", "-q", *inputs]).exit_code == 0
    rejected = runner.invoke(cli, [*first, "link", "reject", "five-year-sunset", "sunset-clause"])
    assert rejected.exit_code == 0
    suffix = {"trig": "trig", "turtle": "ttl"}[fmt]
    exported = tmp_path / f"one.{suffix}"
    assert runner.invoke(cli, [*first, "export", "-f", fmt, "-o", str(exported)]).exit_code == 0
    result = runner.invoke(cli, [*second, "ingest", "-q", str(exported)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-2:] == [
        "1 decision(s) about links restored from the input",
        "1 link(s) between articles, 0 followed by the queries (0 proposed, 0 accepted, "
        "1 rejected)",
    ]
    with open_store(tmp_path / "one") as one, open_store(tmp_path / "two") as two:
        assert one.graph_names() == two.graph_names()
        for name in one.graph_names():
            a, b = Graph(), Graph()
            for graph, store in ((a, one), (b, two)):
                for q in store.quads(name):
                    graph.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
            assert isomorphic(a, b), name
