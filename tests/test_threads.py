"""Threads, negotiations and the life of a proposal: what every article shares by name.

tests/threads/usmca-deal.* is a short article written for these tests, dated ten months after
the sample: the sunset clause again (the same thread), its revision and agreement, a threat of
its own that lapsed, and a statement that another actor rejects. Threads need no link: the
facts files name them, and the queries follow them as they follow accepted links."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import URIRef
from support import store_quads

from kg.cli import cli
from kg.errors import UsageError
from kg.ingest import ingest
from kg.loaders import load_reference
from kg.queries import run_saved
from kg.resources import sample_dir
from kg.store import Store, open_store

HERE = Path(__file__).resolve().parent
ID = "https://w3id.org/tradekg/id/"
SAMPLE = ID + "article/11f0a1b12fa8bf03"
USMCA = ID + "article/fc7f872db6284081"
NAFTA = ID + "negotiation/nafta-renegotiation"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The sample and the USMCA article, with no linker run: threads alone join them."""
    opened = open_store(tmp_path_factory.mktemp("threads") / "store")
    outcome = ingest(opened, [sample_dir(), HERE / "threads"], load_reference())
    assert outcome.ok
    yield opened
    opened.close()


def rows(store: Store, query: str, columns: list[str], **params: str) -> list[tuple[str, ...]]:
    results = run_saved(store, query, params)
    col = {v: i for i, v in enumerate(results.variables)}
    return [
        tuple("" if r[col[c]] is None else str(r[col[c]]) for c in columns) for r in results.rows
    ]


def test_proposal_history_follows_the_thread_and_lists_status_changes(store: Store) -> None:
    got = rows(
        store,
        "proposal-history",
        ["date", "event", "actorLabel", "exact"],
        proposal=SAMPLE + "/proposal/sunset-clause",
    )
    assert got == [
        (
            "2017-11-21",
            "demanded",
            "Trump administration",
            "The administration also is pushing to add an expiration clause to NAFTA",
        ),
        (
            "2017-11-21",
            "objected",
            "Canada and Mexico",
            "changes the trading partners also object to",
        ),
        ("2017-11-21", "tabled", "United States", "pushing to add an expiration clause to NAFTA"),
        ("2018-08-01", "revised", "", "The clause was revised in August"),
        (
            "2018-09-30",
            "agreed",
            "Canada",
            "Canada and the United States reached a deal late on Sunday",
        ),
        (
            "2018-10-01",
            "tabled",
            "Trump administration",
            "the expiration clause that the Trump administration had demanded since the fifth "
            "round",
        ),
    ]


def test_commitments_show_the_latest_outcome_as_of_a_date(store: Store) -> None:
    columns = ["kind", "action", "deadline", "outcome"]
    got = rows(store, "commitments", columns)
    sunset = "Add an expiration (sunset) clause to NAFTA."
    assert ("Demand", sunset, "", "2018-09-30 agreed") in got
    # the sample's withdrawal threat has no recorded outcome; the later threat lapsed, dated by
    # the article that says so
    assert ("Threat", "Pull the United States out of NAFTA.", "", "") in got
    assert ("Threat", "Leave Canada out of the pact.", "2018-09-30", "2018-10-01 lapsed") in got
    # as of the end of August, only the revision had happened
    before = rows(store, "commitments", columns, asOf="2018-08-31")
    assert ("Demand", sunset, "", "2018-08-01 revised") in before
    assert (
        "Threat",
        "Leave Canada out of the pact.",
        "2018-09-30",
        "2018-10-01 lapsed",
    ) not in before


def test_a_statement_one_actor_makes_and_another_rejects_is_contested(store: Store) -> None:
    got = rows(store, "contested", ["summary", "supporterLabel", "opponentLabel", "against"])
    assert (
        "Canada gave up nothing of substance.",
        "Robert Lighthizer",
        "Chrystia Freeland",
        "Rejection",
    ) in got


def test_negotiations_and_rounds_are_one_node_for_every_article(store: Store) -> None:
    q = (
        "PREFIX tkg: <https://w3id.org/tradekg/ontology#> "
        "SELECT ?event ?negotiation WHERE { ?event tkg:thread ?negotiation } ORDER BY ?event"
    )
    found = [str(r[0]) for r in store.select(q, {"negotiation": URIRef(NAFTA)}).rows]
    assert found == [SAMPLE + "/event/renegotiation", USMCA + "/event/renegotiation"]
    q = (
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?label ?broader ?round "
        "WHERE { ?round skos:prefLabel ?label ; skos:broader ?broader }"
    )
    got = [
        (str(r[0]), str(r[1])) for r in store.select(q, {"round": URIRef(NAFTA + "/round/5")}).rows
    ]
    assert got == [("Round 5 of the NAFTA renegotiation", NAFTA)]


def _copy(tmp_path: Path, old: str, new: str) -> Path:
    target = tmp_path / "in"
    shutil.copytree(HERE / "threads", target)
    facts = target / "usmca-deal.facts.yaml"
    text = facts.read_text()
    assert old in text
    facts.write_text(text.replace(old, new, 1))
    return facts


def _refused(tmp_path: Path, facts: Path) -> str:
    store = tmp_path / "store"
    assert (
        CliRunner().invoke(cli, ["--store", str(store), "ingest", str(sample_dir())]).exit_code == 0
    )
    before = store_quads(store)
    result = CliRunner().invoke(cli, ["--store", str(store), "ingest", str(facts)])
    assert result.exit_code == 1, result.output
    assert store_quads(store) == before
    return result.output


def _line(facts: Path, words: str) -> int:
    return next(n for n, text in enumerate(facts.read_text().splitlines(), 1) if words in text)


def test_an_unknown_thread_is_refused_with_candidates(tmp_path: Path) -> None:
    facts = _copy(tmp_path, "thread: nafta-sunset-clause", "thread: nafta-sunset")
    out = _refused(tmp_path, facts)
    assert (
        f"{facts}:{_line(facts, 'nafta-sunset')}: error: unknown thread 'nafta-sunset' "
        "(did you mean 'nafta-sunset-clause' or 'nafta-isds-opt-out'?)"
    ) in out


def test_an_ambiguous_about_names_the_kinds(tmp_path: Path) -> None:
    facts = _copy(tmp_path, "about: lighthizer-nothing-given", "about: sunset-agreed")
    facts.write_text(
        facts.read_text().replace("  - id: lighthizer-nothing-given", "  - id: sunset-agreed")
    )
    out = _refused(tmp_path, facts)
    assert (
        f"{facts}:{_line(facts, 'about: sunset-agreed')}: error: 'sunset-agreed' is the id of 2 "
        "facts of this file (say which: 'statement/sunset-agreed' or 'change/sunset-agreed')"
    ) in out


def test_a_statement_has_no_status_to_change(tmp_path: Path) -> None:
    facts = _copy(tmp_path, "of: leave-canada-out", "of: lighthizer-nothing-given")
    out = _refused(tmp_path, facts)
    assert (
        f"{facts}:{_line(facts, 'of: lighthizer-nothing-given')}: error: only a proposal, a "
        "demand or a threat has a status to change, not a statement"
    ) in out


DEVSET = HERE.parent / "benchmarks" / "devset"


@pytest.fixture(scope="module")
def nafta(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """Rounds 5 and 7 of the written dev set, which name their threads and negotiation; no
    linker run."""
    opened = open_store(tmp_path_factory.mktemp("devset") / "store")
    paths = [DEVSET / "nafta-round5.facts.yaml", DEVSET / "nafta-round7.facts.yaml"]
    assert ingest(opened, paths, load_reference()).ok
    yield opened
    opened.close()


def test_the_dev_set_follows_a_proposal_from_round_5_to_round_7(nafta: Store) -> None:
    got = rows(
        nafta,
        "proposal-history",
        ["date", "event", "actorLabel", "summary"],
        proposal=SAMPLE + "/proposal/rules-of-origin",
    )
    five = 'Change the rules that decide when a product can be labelled "made in America" or '
    five += '"made in the U.S.A.".'
    half = "At least half of the value of every car built in the region must come from U.S. "
    half += "factories."
    flexible = "A more flexible (undisclosed) U.S. approach on the automotive rules of origin."
    assert got == [
        ("2017-11-21", "demanded", "United States", five),
        ("2017-11-21", "rejected", "Canadian and Mexican officials", five),
        ("2017-11-21", "tabled", "United States", five),
        ("2018-03-05", "demanded", "United States", half),
        ("2018-03-05", "objected", "Louise Tremblay-Hart", flexible),
        ("2018-03-05", "rejected", "Canada", half),
        ("2018-03-05", "revised", "United States", half),
        ("2018-03-05", "tabled", "United States", half),
        ("2018-03-05", "tabled", "United States", flexible),
    ]


def test_the_rounds_of_the_dev_set_are_rounds_of_one_negotiation(nafta: Store) -> None:
    q = (
        "PREFIX tkg: <https://w3id.org/tradekg/ontology#> "
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT DISTINCT ?round ?label ?negotiation WHERE { "
        "?event tkg:thread ?round . ?round skos:broader ?negotiation ; rdfs:label ?label } "
        "ORDER BY ?round"
    )
    got = [(str(r[0]), str(r[1])) for r in nafta.select(q, {"negotiation": URIRef(NAFTA)}).rows]
    assert got == [
        (NAFTA + "/round/5", "Round 5 of the NAFTA renegotiation"),
        (NAFTA + "/round/7", "Round 7 of the NAFTA renegotiation"),
        (NAFTA + "/round/8", "Round 8 of the NAFTA renegotiation"),
    ]


def test_a_thread_names_its_proposal(store: Store) -> None:
    columns = ["date", "event", "fact"]
    by_iri = rows(store, "proposal-history", columns, proposal=SAMPLE + "/proposal/sunset-clause")
    assert rows(store, "proposal-history", columns, proposal="nafta-sunset-clause") == by_iri
    assert rows(store, "proposal-history", columns, proposal="NAFTA sunset clause") == by_iri
    with pytest.raises(UsageError) as caught:
        run_saved(store, "proposal-history", {"proposal": "sunset-clause"})
    assert caught.value.message.startswith("'sunset-clause' matches 2 proposals")
    assert (
        caught.value.hint == "give the id or the IRI of the one you mean, or the id of its thread"
    )


def test_a_person_who_matches_two_registry_entries_is_refused(tmp_path: Path) -> None:
    reference = tmp_path / "people.yaml"
    reference.write_text(
        "actors:\n"
        "  - {id: wang-li-commerce, type: Person, name: Wang Li, aliases: [Li Wang]}\n"
        "  - {id: wang-li-customs, type: Person, name: Li Wang}\n",
        encoding="utf-8",
    )
    facts = _copy(
        tmp_path,
        "statements:\n",
        "actors:\n  - {id: wang, type: Person, name: Li Wang}\n\nstatements:\n",
    )
    store = tmp_path / "store"
    with_reference = ["--store", str(store), "--reference", str(reference), "ingest"]
    assert CliRunner().invoke(cli, [*with_reference, str(sample_dir())]).exit_code == 0
    before = store_quads(store)
    result = CliRunner().invoke(cli, [*with_reference, str(facts)])
    assert result.exit_code == 1, result.output
    assert (
        f"{facts}:{_line(facts, 'name: Li Wang')}: error: person 'Li Wang' matches 2 people of "
        "the reference data: wang-li-commerce, wang-li-customs (give the person's full name, or "
        "use one of their ids in 'by:' instead of defining the person here)"
    ) in result.output
    assert store_quads(store) == before


def test_a_round_stands_for_the_day_it_ended(nafta: Store) -> None:
    """A date parameter takes a round: the last day its articles give it (round 5 ended on
    2017-11-21, round 7 on 2018-03-05), by <negotiation>/round/<n> or by name."""
    columns = ["actorLabel", "issueLabel", "before", "after", "change", "since", "until"]
    by_day = rows(nafta, "positions-diff", columns, since="2017-11-21", until="2018-03-05")
    assert ("Canada", "sunset clause", "oppose (concern)", "oppose (deal-breaker)") in [
        r[:4] for r in by_day
    ]
    by_round = rows(
        nafta,
        "positions-diff",
        columns,
        since="nafta-renegotiation/round/5",
        until="Round 7 of the NAFTA renegotiation",
    )
    assert by_round == by_day
    with pytest.raises(UsageError) as caught:
        run_saved(
            nafta, "positions-diff", {"since": "nafta-renegotiation/round/4", "until": "2018-03-05"}
        )
    assert caught.value.message == (
        "parameter 'since' must be a date (YYYY-MM-DD) or a round of a negotiation the store "
        "holds, not 'nafta-renegotiation/round/4'"
    )


def test_the_linker_leaves_facts_whose_threads_a_curator_named(store: Store) -> None:
    """Both sunset clauses name their thread: the thread makes them one, and the linker adds
    no link between them (nor between facts of two different threads)."""
    from kg import link

    candidates = {str(c.fact): c for c in link.candidates(store)}
    first = candidates[SAMPLE + "/proposal/sunset-clause"]
    later = candidates[USMCA + "/proposal/sunset-clause"]
    assert first.thread == later.thread == URIRef(ID + "thread/nafta-sunset-clause")
    assert link.score(first, later, link.ties(store)) is None
    assert link.score(first, replace(later, thread=None), link.ties(store)) is not None
