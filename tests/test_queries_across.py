"""The saved queries that read the store across articles, spelled out as an analyst reads them:
`person` (everything one actor said and did, in time order) and `positions-diff` (what changed
between two days).

The stores hold the sample (round 5, 2017-11-21), the two articles of tests/linking/ (round 6,
2018-01-23: the U.S. sunset clause again and Canada's objection; round 7, 2018-02-26: a dairy
proposal), and for positions-diff a round 8 written here, in which Canada rejects the sunset
clause outright."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kg import link
from kg.queries import run_saved
from kg.resources import sample_dir
from kg.store import Results, Store

HERE = Path(__file__).resolve().parent
ID = "https://w3id.org/tradekg/id/"
SAMPLE = ID + "article/11f0a1b12fa8bf03"
ROUND6 = ID + "article/efeba16caf88f318"
ROUND5_HEADLINE = "NAFTA talks make little headway after fifth round"
ROUND6_HEADLINE = "U.S. keeps sunset clause on the table as sixth round opens"
MakeStore = Callable[..., Store]  # the make_store fixture of conftest.py

ROUND8 = """---
url: https://example.org/tradekg-tests/across/round8
title: "Canada rejects sunset clause as eighth round ends"
publisher: tradekg tests
published: 2018-03-10
language: en
---
The United States again asked for a clause that would end the pact after five years.

Canada rejected the clause outright on Saturday.

The United States threatened to leave the talks if Canada did not move by the end of March.
"""

ROUND8_FACTS = """article: round8.md

proposals:
  - id: sunset-again
    proposer: united-states
    issue: sunset-clause
    agreement: nafta
    summary: End NAFTA after five years.
    evidence: asked for a clause that would end the pact after five years

objections:
  - id: no-sunset
    kind: rejection
    by: canada
    proposal: sunset-again
    summary: Canada rejects the sunset clause outright.
    evidence: Canada rejected the clause outright

threats:
  - id: leave-talks
    by: united-states
    action: Leave the talks.
    condition: Canada does not move.
    evidence: threatened to leave the talks
    deadline: {phrase: by the end of March, date: 2018-03}
"""


def rows(results: Results, *names: str) -> list[tuple[str | None, ...]]:
    col = {v: i for i, v in enumerate(results.variables)}
    return [
        tuple(None if r[col[n]] is None else str(r[col[n]]) for n in names) for r in results.rows
    ]


@pytest.fixture(scope="module")
def three_rounds(make_store: MakeStore) -> Store:
    return make_store(sample_dir(), HERE / "linking", name="three-rounds")


@pytest.fixture(scope="module")
def four_rounds(make_store: MakeStore, tmp_path_factory: pytest.TempPathFactory) -> Store:
    round8 = tmp_path_factory.mktemp("round8")
    (round8 / "round8.md").write_text(ROUND8, encoding="utf-8")
    (round8 / "round8.facts.yaml").write_text(ROUND8_FACTS, encoding="utf-8")
    linking = tmp_path_factory.mktemp("linking")
    for path in (HERE / "linking").iterdir():
        shutil.copy(path, linking / path.name)
    store = make_store(sample_dir(), linking, round8, name="four-rounds")
    link.run(store)  # as tradekg ingest does
    return store


# --- person ----------------------------------------------------------------------------------


def test_person_lists_what_canada_did_in_both_rounds_in_time_order(three_rounds: Store) -> None:
    # Canada acts in round 5 only as a member of groups the article names, and in round 6
    # itself; the rows come from both articles, the earlier first
    answer = run_saved(three_rounds, "person", {"actor": "Canada"})
    assert rows(answer, "date", "kind", "role", "via", "headline", "fact") == [
        (
            "2017-11-21",
            "Objection",
            "agent",
            "Canada and Mexico",
            ROUND5_HEADLINE,
            SAMPLE + "/objection/isds-opt-out",
        ),
        (
            "2017-11-21",
            "Objection",
            "agent",
            "Canada and Mexico",
            ROUND5_HEADLINE,
            SAMPLE + "/objection/radical-rewrite",
        ),
        (
            "2017-11-21",
            "Objection",
            "agent",
            "Canada and Mexico",
            ROUND5_HEADLINE,
            SAMPLE + "/objection/sunset-clause",
        ),
        (
            "2017-11-21",
            "Rejection",
            "agent",
            "Canadian and Mexican officials",
            ROUND5_HEADLINE,
            SAMPLE + "/objection/rules-of-origin",
        ),
        (
            "2018-01-23",
            "Objection",
            "agent",
            None,
            ROUND6_HEADLINE,
            ROUND6 + "/objection/no-expiring-deal",
        ),
    ]


def test_person_finds_an_actor_by_surname_and_lists_what_it_announced(
    three_rounds: Store,
) -> None:
    # Lighthizer's acts, and the two events of round 5 the article credits to his words (the
    # meeting next month, the progress hoped for by the end of the year), dated when he said
    # them (the article's day), not when they are to happen
    answer = run_saved(three_rounds, "person", {"actor": "Lighthizer"})
    assert rows(answer, "date", "kind", "role", "summary") == [
        (
            "2017-11-21",
            "Demand",
            "agent",
            "Without a rebalanced agreement there will be no satisfactory result.",
        ),
        ("2017-11-21", "Meeting", "source", "Negotiating teams meet again in Washington"),
        (
            "2017-11-21",
            "Milestone",
            "source",
            "Meaningful progress hoped for before the end of the year",
        ),
        (
            "2017-11-21",
            "Statement",
            "agent",
            "Concerned at the lack of headway; no sign Canada or Mexico will engage on "
            "rebalancing.",
        ),
        (
            "2017-11-21",
            "Statement",
            "agent",
            "The talks are making little headway after the fifth round.",
        ),
        (
            "2017-11-21",
            "Statement",
            "agent",
            "A rebalanced NAFTA would help the region; the teams meet next month; he hopes for "
            "progress by year end.",
        ),
        (
            "2017-11-21",
            "Statement",
            "agent",
            "Some progress on the administration's goals, no change on the big issues.",
        ),
        ("2017-11-21", "Statement", "agent", "There is still time."),
    ]


def test_person_lists_the_proposals_an_actor_tabled_across_rounds(three_rounds: Store) -> None:
    answer = run_saved(three_rounds, "person", {"actor": "U.S."})
    proposals = [r for r in rows(answer, "date", "kind", "role", "summary") if r[1] == "Proposal"]
    assert [(date, summary) for date, _, role, summary in proposals if role == "proposer"] == [
        (
            "2017-11-21",
            "Allow countries to opt out of NAFTA's investment dispute settlement system.",
        ),
        (
            "2017-11-21",
            "Rewrite NAFTA radically so that it is rebalanced in favour of the United States.",
        ),
        (
            "2017-11-21",
            'Change the rules that decide when a product can be labelled "made in America" or '
            '"made in the U.S.A.".',
        ),
        ("2017-11-21", "Add an expiration (sunset) clause to NAFTA."),
        ("2018-01-23", "End NAFTA after five years unless the three countries agree to extend it."),
        ("2018-02-26", "Open Canada's dairy market to American farmers."),
    ]


# --- positions-diff --------------------------------------------------------------------------


def test_positions_diff_sees_canada_harden_on_the_sunset_clause(four_rounds: Store) -> None:
    # Canada objected to the sunset clause in round 6 (a concern) and rejected it in round 8
    # (a deal-breaker); the United States kept proposing it (firm throughout: not listed),
    # and proposed dairy access in round 7 (new between the two days)
    answer = run_saved(
        four_rounds, "positions-diff", {"since": "2018-01-31", "until": "2018-03-31"}
    )
    assert rows(
        answer, "actorLabel", "issueLabel", "before", "beforeDate", "after", "afterDate", "change"
    ) == [
        (
            "Canada",
            "sunset clause",
            "oppose (concern)",
            "2018-01-23",
            "oppose (deal-breaker)",
            "2018-03-10",
            "changed",
        ),
        ("United States", "dairy market access", "", "", "support (firm)", "2018-02-26", "new"),
    ]


def test_positions_diff_before_the_later_rounds_lists_only_their_new_stances(
    four_rounds: Store,
) -> None:
    # between round 5 and round 6 nothing changes: Canada's round-6 objection is the concern
    # it already had through the group "Canada and Mexico"
    answer = run_saved(
        four_rounds, "positions-diff", {"since": "2017-11-21", "until": "2018-01-31"}
    )
    assert rows(answer, "actorLabel", "issueLabel", "change") == []


def test_positions_diff_on_one_day_lists_nothing(four_rounds: Store) -> None:
    answer = run_saved(
        four_rounds, "positions-diff", {"since": "2018-03-10", "until": "2018-03-10"}
    )
    assert answer.rows == []


# --- commitments -----------------------------------------------------------------------------


def test_commitments_count_the_objections_a_demand_met_so_far(four_rounds: Store) -> None:
    # the Trump administration's demand for the sunset clause (round 5) met the objection of
    # "Canada and Mexico" in round 5; the linker joins the round-5 proposal to round 6's (0.814)
    # and to round 8's (0.822), so Canada's objection of 2018-01-23 and its rejection of
    # 2018-03-10 count from their days on
    def sunset(as_of: str) -> list[tuple[str | None, ...]]:
        answer = run_saved(four_rounds, "commitments", {"asOf": as_of})
        return [
            r
            for r in rows(answer, "kind", "agentLabel", "action", "opposed", "supported")
            if r[2] == "Add an expiration (sunset) clause to NAFTA."
        ]

    demand = ("Demand", "Trump administration", "Add an expiration (sunset) clause to NAFTA.")
    assert sunset("2017-11-20") == []  # not yet made
    assert sunset("2017-12-31") == [(*demand, "1", "0")]
    assert sunset("2018-02-28") == [(*demand, "2", "0")]
    assert sunset("2018-12-31") == [(*demand, "3", "0")]


def test_commitments_list_the_threat_with_its_words(three_rounds: Store) -> None:
    answer = run_saved(three_rounds, "commitments", {})
    assert [
        r
        for r in rows(answer, "kind", "agentLabel", "action", "phrase", "exact", "opposed")
        if r[0] == "Threat"
    ] == [
        (
            "Threat",
            "Donald Trump",
            "Pull the United States out of NAFTA.",
            "earlier",
            "his earlier threats to pull the U.S. out of the deal",
            "0",
        )
    ]


# --- contested -------------------------------------------------------------------------------


def test_contested_pairs_the_sunset_clause_with_its_opponents_across_rounds(
    four_rounds: Store,
) -> None:
    # the round-5 sunset clause: tabled by the United States, demanded by the Trump
    # administration; opposed in round 5 by "Canada and Mexico", and through the links to
    # rounds 6 and 8 by Canada (an objection, then a rejection)
    answer = run_saved(four_rounds, "contested", {})
    assert [
        r
        for r in rows(
            answer, "supporterLabel", "opponentLabel", "against", "opponentHeadline", "proposal"
        )
        if r[4] == SAMPLE + "/proposal/sunset-clause"
    ] == [
        (
            "Trump administration",
            "Canada",
            "Objection",
            ROUND6_HEADLINE,
            SAMPLE + "/proposal/sunset-clause",
        ),
        (
            "Trump administration",
            "Canada",
            "Rejection",
            "Canada rejects sunset clause as eighth round ends",
            SAMPLE + "/proposal/sunset-clause",
        ),
        (
            "Trump administration",
            "Canada and Mexico",
            "Objection",
            ROUND5_HEADLINE,
            SAMPLE + "/proposal/sunset-clause",
        ),
        (
            "United States",
            "Canada",
            "Objection",
            ROUND6_HEADLINE,
            SAMPLE + "/proposal/sunset-clause",
        ),
        (
            "United States",
            "Canada",
            "Rejection",
            "Canada rejects sunset clause as eighth round ends",
            SAMPLE + "/proposal/sunset-clause",
        ),
        (
            "United States",
            "Canada and Mexico",
            "Objection",
            ROUND5_HEADLINE,
            SAMPLE + "/proposal/sunset-clause",
        ),
    ]


def test_commitments_keep_a_threats_deadline_apart_from_when_it_was_made(
    four_rounds: Store,
) -> None:
    # round 8 (2018-03-10): the United States threatens to leave the talks unless Canada moves
    # "by the end of March" (2018-03, whose last day is the deadline)
    answer = run_saved(four_rounds, "commitments", {})
    assert [
        r
        for r in rows(
            answer,
            "date",
            "kind",
            "agentLabel",
            "action",
            "condition",
            "deadlinePhrase",
            "deadline",
        )
        if r[1] == "Threat"
    ] == [
        (
            "2017-11-21",
            "Threat",
            "Donald Trump",
            "Pull the United States out of NAFTA.",
            None,
            None,
            None,
        ),
        (
            "2018-03-10",
            "Threat",
            "United States",
            "Leave the talks.",
            "Canada does not move.",
            "by the end of March",
            "2018-03-31",
        ),
    ]
