"""The saved queries: their answers on the sample, their headers, and how parameters are bound.

Each case runs a saved query on the bundled sample (through ``kg.queries.run_saved``) and
compares the rows with ``tests/golden/<query>[--<param>=<value>].json``. Goldens are written
only by ``pytest --update-goldens``, and every golden was checked by hand against
``data/sample/nafta-round5.md`` and its facts file: they are the answers an analyst expects.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Variable
from rdflib.paths import Path as PropertyPath
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from kg.cli import cli
from kg.errors import UsageError
from kg.iris import COUNTS_GRAPH
from kg.queries import catalogue, get_query, run_saved
from kg.queries.params import resolve
from kg.resources import sample_dir
from kg.store import Results, Store

GOLDEN = Path(__file__).resolve().parent / "golden"
A = "https://w3id.org/tradekg/id/article/11f0a1b12fa8bf03"  # the sample article
ID = "https://w3id.org/tradekg/id/"
HEADLINE = "NAFTA talks make little headway after fifth round"
MakeStore = Callable[..., Store]  # the make_store fixture of conftest.py

# values for required parameters, where a test runs every query
REQUIRED = {
    "provenance": {"fact": "freeland-differences"},
    "proposal-history": {"proposal": A + "/proposal/sunset-clause"},
    "person": {"actor": "lighthizer"},
    "positions-diff": {"since": "2017-11-20", "until": "2017-11-21"},
}


# --- goldens ---------------------------------------------------------------------------------


def golden_name(query: str, params: dict[str, str]) -> str:
    return query + "".join(f"--{k}={v}" for k, v in sorted(params.items()))


# (query, params, golden): golden None is the case's own golden (written by --update-goldens);
# a name makes the case answer the same question another way, so it must give that answer.
CASES: list[tuple[str, dict[str, str], str | None]] = [
    ("proposals", {}, None),
    ("proposals", {"proposer": "united-states"}, None),
    ("proposals", {"proposer": "U.S."}, "proposals--proposer=united-states"),
    ("proposals", {"proposer": "u.s."}, "proposals--proposer=united-states"),
    ("proposals", {"proposer": ID + "actor/united-states"}, "proposals--proposer=united-states"),
    ("objections", {}, None),
    ("objections", {"issue": "sunset clause"}, None),
    ("objections", {"issue": "expiration clause"}, "objections--issue=sunset clause"),
    ("objections", {"issue": "isds"}, None),
    ("objections", {"proposal": "sunset-clause"}, None),
    (
        "objections",
        {"proposal": A + "/proposal/sunset-clause"},
        "objections--proposal=sunset-clause",
    ),
    ("objections", {"proposal": "rules-of-origin", "issue": "rules of origin"}, None),
    ("quotes", {}, None),
    ("quotes", {"speaker": "Freeland"}, None),
    ("quotes", {"speaker": "lighthizer"}, None),
    ("statements", {}, None),
    ("timeline", {}, None),
    ("threats", {}, None),
    ("anonymous-claims", {}, None),
    ("coalitions", {}, None),
    ("actors", {}, None),
    ("actors", {"actor": "Freeland"}, None),
    ("article-audit", {}, None),
    ("article-audit", {"article": "11f0a1b12fa8bf03"}, None),
    (
        "article-audit",
        {"article": "https://w3id.org/tradekg/sample/nafta-round5"},
        "article-audit--article=11f0a1b12fa8bf03",
    ),
    ("article-audit", {"article": HEADLINE}, "article-audit--article=11f0a1b12fa8bf03"),
    ("data-quality", {}, None),
    ("provenance", {"fact": "freeland-differences"}, None),
    ("stats", {}, None),
    ("positions", {}, None),
    ("positions", {"actor": "Canada"}, None),
    ("positions", {"agreement": "nafta"}, "positions"),
    ("positions", {"negotiation": "NAFTA renegotiation"}, None),
    ("positions", {"negotiation": "us-china-trade-talks"}, None),
    ("positions", {"issue": "sunset clause", "asOf": "2017-11-21"}, None),
    ("positions", {"asOf": "2017-11-20"}, None),
    ("acts", {}, None),
    ("acts", {"agent": "Freeland"}, None),
    ("proposal-history", {"proposal": "sunset-clause"}, None),
    ("links", {}, None),
    ("person", {"actor": "Lighthizer"}, None),
    ("person", {"actor": "Robert Lighthizer"}, "person--actor=Lighthizer"),
    ("person", {"actor": "Canada"}, None),
    ("person", {"actor": "Freeland"}, None),
    ("positions-diff", {"since": "2017-11-20", "until": "2017-11-21"}, None),
    ("positions-diff", {"since": "2017-11-21", "until": "2017-12-31"}, None),
    ("commitments", {}, None),
    ("commitments", {"asOf": "2017-11-20"}, None),
    ("contested", {}, None),
]


def as_rows(results: Results) -> list[dict[str, str | None]]:
    """Rows as plain strings (None for unbound), in column order."""
    return [
        {v: None if t is None else str(t) for v, t in zip(results.variables, row, strict=True)}
        for row in results.rows
    ]


def as_golden(results: Results) -> dict[str, Any]:
    return {"columns": results.variables, "rows": as_rows(results)}


def test_every_query_has_a_golden_case() -> None:
    assert {q for q, _, _ in CASES} == set(catalogue())


@pytest.mark.parametrize(
    ("query", "params", "golden"), CASES, ids=[golden_name(q, p) for q, p, _ in CASES]
)
def test_answer_on_the_sample(
    sample_store: Store,
    update_goldens: bool,
    query: str,
    params: dict[str, str],
    golden: str | None,
) -> None:
    answer = as_golden(run_saved(sample_store, query, params))
    path = GOLDEN / f"{golden or golden_name(query, params)}.json"
    if update_goldens and golden is None:
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(answer, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if not path.exists():
        pytest.fail(f"no golden {path.name}: run pytest --update-goldens, then check it by hand")
    assert answer == json.loads(path.read_text(encoding="utf-8"))


# --- what the goldens say, spelled out (an analyst's reading of the sample) ------------------


def column(results: Results, name: str) -> list[str | None]:
    return [row[name] for row in as_rows(results)]


def test_the_objection_to_the_sunset_clause_is_the_trading_partners(sample_store: Store) -> None:
    rows = as_rows(run_saved(sample_store, "objections", {"issue": "sunset clause"}))
    assert rows == [
        {
            "objection": A + "/objection/sunset-clause",
            "objector": "Canada and Mexico",
            "kind": "Objection",
            "proposal": A + "/proposal/sunset-clause",
            "proposalSummary": "Add an expiration (sunset) clause to NAFTA.",
            "issue": ID + "issue/sunset-clause",
            "issueLabel": "sunset clause",
            "reason": None,
            "reasonKind": None,
            "source": None,
            "mode": "outlet-voice",
            "headline": HEADLINE,
            "review": "curated",
        }
    ]


def test_objections_keep_the_one_without_a_target_unless_filtered(sample_store: Store) -> None:
    everything = run_saved(sample_store, "objections")
    assert column(everything, "objection") == [
        A + "/objection/" + k
        for k in (
            "radical-rewrite",
            "rules-of-origin",
            "isds-opt-out",
            "sunset-clause",
            "freeland-cannot-agree",
        )
    ]
    reasons = {r["objection"]: (r["reason"], r["reasonKind"]) for r in as_rows(everything)}
    assert reasons[A + "/objection/rules-of-origin"] == (
        "The changes would damage the auto industry, whose supply chain is spread throughout "
        "the continent.",
        "economic-harm",
    )
    assert column(run_saved(sample_store, "objections", {"issue": "isds"}), "objection") == [
        A + "/objection/isds-opt-out"
    ]
    both = run_saved(sample_store, "objections", {"proposal": "rules-of-origin", "issue": "isds"})
    assert both.rows == []


def test_quotes_of_freeland(sample_store: Store) -> None:
    rows = as_rows(run_saved(sample_store, "quotes", {"speaker": "Freeland"}))
    assert [(r["quote"], r["mode"], r["edited"], r["date"], r["place"]) for r in rows] == [
        (
            "Significant differences remain on some key areas. … These are proposals we simply "
            "cannot agree to,",
            "direct-quote",
            "true",
            "2017-11-21",
            "Ottawa",
        ),
        (
            "These are proposals we simply cannot agree to",
            "partial-quote",
            "false",
            "2017-11-21",
            "Ottawa",
        ),
    ]


def test_quotes_reporting_an_event_have_no_date_of_their_own(sample_store: Store) -> None:
    rows = as_rows(run_saved(sample_store, "quotes", {"speaker": "lighthizer"}))
    assert len(rows) == 5
    meeting = [r for r in rows if r["fact"] == A + "/event/next-round"]
    assert meeting == [
        {
            "speaker": ID + "actor/lighthizer",
            "speakerLabel": "Robert Lighthizer",
            "quote": "Our teams will be meeting again next month in Washington.",
            "mode": "partial-quote",
            "edited": "false",
            "date": None,
            "place": None,
            "headline": HEADLINE,
            "fact": A + "/event/next-round",
            "review": "curated",
        }
    ]


def test_timeline_puts_unresolved_times_last(sample_store: Store) -> None:
    rows = as_rows(run_saved(sample_store, "timeline"))
    assert [r["start"] for r in rows] == (
        ["2017-11-21"] * 8 + ["2017-12-01", "2017-01-01", None, None]
    )
    # the event the article gives no time for comes last, after the unresolved time
    untimed = rows[-1]
    assert (untimed["phrase"], untimed["label"], untimed["type"], untimed["status"]) == (
        None,
        "NAFTA renegotiation",
        "Negotiation",
        "occurred",
    )
    assert untimed["participants"] == "Canada, Mexico, United States"
    assert (rows[-2]["phrase"], rows[-2]["type"]) == ("earlier", "Threat")
    assert (rows[-3]["phrase"], rows[-3]["precision"]) == ("before the end of the year", "year")
    meeting = rows[-4]
    assert (
        meeting["date"],
        meeting["precision"],
        meeting["status"],
        meeting["place"],
        meeting["participants"],
    ) == ("2017-12", "month", "scheduled", "Washington, D.C.", "Canada, Mexico, United States")


def test_anonymous_claims_have_no_named_source(sample_store: Store) -> None:
    rows = as_rows(run_saved(sample_store, "anonymous-claims"))
    assert sorted(str(r["fact"]).removeprefix(A + "/") for r in rows) == sorted(
        [
            "objection/radical-rewrite",
            "demand/radical-rewrite",
            "proposal/radical-rewrite",
            "statement/outlet-business-concern",
            "threat/trump-withdrawal",
            "statement/outlet-renegotiations-strained",
            "objection/rules-of-origin",
            "demand/rules-of-origin",
            "proposal/rules-of-origin",
            "demand/sunset-clause",
            "proposal/sunset-clause",
            "demand/isds-opt-out",
            "proposal/isds-opt-out",
            "objection/isds-opt-out",
            "objection/sunset-clause",
        ]
    )
    assert {r["source"] for r in rows} == {"the outlet", "an official with knowledge of the talks"}


def test_data_quality_problems(sample_store: Store) -> None:
    rows = as_rows(run_saved(sample_store, "data-quality"))
    assert [(r["problem"], str(r["fact"]).removeprefix(A + "/")) for r in rows] == [
        ("objection-without-reason", "objection/freeland-cannot-agree"),
        ("objection-without-reason", "objection/isds-opt-out"),
        ("objection-without-reason", "objection/radical-rewrite"),
        ("objection-without-reason", "objection/sunset-clause"),
        ("objection-without-target", "objection/freeland-cannot-agree"),
        ("time-unresolved", "threat/trump-withdrawal"),
    ]


def test_audit_offsets_are_the_words_of_the_text(sample_store: Store) -> None:
    raw = (sample_dir() / "nafta-round5.md").read_text(encoding="utf-8")
    text = raw.split("\n---\n", 1)[1]
    rows = as_rows(run_saved(sample_store, "article-audit"))
    assert len(rows) == 28  # 4 proposals, 19 speech acts, 5 events: one report each
    for r in rows:
        assert text[int(str(r["start"])) : int(str(r["end"]))] == r["exact"], r["report"]


def test_stats_count_what_the_store_holds(sample_store: Store) -> None:
    counts = {r["what"]: r["count"] for r in as_rows(run_saved(sample_store, "stats"))}
    assert counts == {
        "articles": "1",
        "graphs": str(len([g for g in sample_store.graph_names() if g != COUNTS_GRAPH])),
        "proposals": "4",
        "demands": "5",
        "objections": "5",
        "statements": "8",
        "threats": "1",
        "supports": "0",
        "events": "5",
        "reports": "28",
        "actors": "295",
        "issues": "46",
        # every triple but the 13 of the store's totals (kg.store.fixed), no graph of the data
        "triples": str(sample_store.quad_count() - 13),
    }
    # the ontology, the reference data, the shared nodes (round 5's), the article
    assert counts["graphs"] == "4"


PARTNERS_ARTICLE = """\
---
url: https://example.org/tradekg-tests/partners-line-up
title: Partners line up against two U.S. demands
publisher: Test Wire
published: 2018-01-10
language: en
---
The United States wants a sunset clause in NAFTA and wants Canada to open its dairy market. \
Canada objects to the sunset clause. Mexico objects to the sunset clause too. Canada also \
opposes the dairy demand, and Mexico opposes it as well. Freeland said Canada would never \
accept a sunset clause.
"""
PARTNERS_FACTS = """\
article: partners.md
proposals:
  - {id: sunset-clause, proposer: united-states, issue: sunset-clause, agreement: nafta,
     summary: Add a sunset clause to NAFTA., evidence: wants a sunset clause in NAFTA}
  - {id: dairy, proposer: united-states, issue: dairy, agreement: nafta,
     summary: Open Canada's dairy market., evidence: wants Canada to open its dairy market}
objections:
  - {id: canada-sunset, by: canada, proposal: sunset-clause,
     evidence: Canada objects to the sunset clause.}
  - {id: mexico-sunset, by: mexico, proposal: sunset-clause,
     evidence: Mexico objects to the sunset clause too.}
  - {id: canada-dairy, by: canada, proposal: dairy,
     evidence: Canada also opposes the dairy demand}
  - {id: mexico-dairy, by: mexico, proposal: dairy, evidence: Mexico opposes it as well}
  - {id: freeland-sunset, kind: rejection, by: freeland, proposal: sunset-clause,
     mode: paraphrase, verb: said,
     evidence: Freeland said Canada would never accept a sunset clause.}
"""


def test_coalitions(tmp_path: Path, make_store: MakeStore) -> None:
    # This article has three pairs of direct agents. In the sample, groups object: "Canada and
    # Mexico" to three proposals, "Canadian and Mexican officials" to a fourth, so each group
    # pairs its members (the golden coalitions.json); loaded next to it, the sample adds its
    # four proposals to the pair Canada-Mexico and no pair with a group.
    (tmp_path / "partners.md").write_text(PARTNERS_ARTICLE, encoding="utf-8")
    (tmp_path / "partners.facts.yaml").write_text(PARTNERS_FACTS, encoding="utf-8")
    store = make_store(tmp_path, sample_dir(), name="partners")
    assert as_rows(run_saved(store, "coalitions")) == [
        {
            "actorA": "Canada",
            "actorB": "Mexico",
            "shared": "6",
            "proposals": "Add a sunset clause to NAFTA. | Add an expiration (sunset) clause to "
            "NAFTA. | Allow countries to opt out of NAFTA's investment dispute settlement "
            'system. | Change the rules that decide when a product can be labelled "made in '
            'America" or "made in the U.S.A.". | Open Canada\'s dairy market. | Rewrite NAFTA '
            "radically so that it is rebalanced in favour of the United States.",
            "review": "curated",
        },
        {
            "actorA": "Canada",
            "actorB": "Chrystia Freeland",
            "shared": "1",
            "proposals": "Add a sunset clause to NAFTA.",
            "review": "curated",
        },
        {
            "actorA": "Chrystia Freeland",
            "actorB": "Mexico",
            "shared": "1",
            "proposals": "Add a sunset clause to NAFTA.",
            "review": "curated",
        },
    ]


# --- the query files themselves --------------------------------------------------------------


QUERY_NAMES = sorted(catalogue())


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_header_columns_are_the_select_variables(sample_store: Store, name: str) -> None:
    query = get_query(name)
    results = run_saved(sample_store, name, REQUIRED.get(name, {}))
    assert results.variables == list(query.columns)
    assert query.title and query.description


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_parameters_are_projected_variables(name: str) -> None:
    # pyoxigraph substitutes a variable only if the query projects it
    query = get_query(name)
    for p in query.params:
        assert p.name in query.columns, f"{name}: parameter {p.name!r} is not a column"
        assert p.description


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_query_parses_as_standard_sparql(name: str) -> None:
    text = get_query(name).text
    ox.Store().query(text)  # Oxigraph: parses (and runs on nothing)
    prepareQuery(text)  # rdflib's SPARQL 1.1 grammar, as a second opinion


def _triples(node: object) -> list[tuple[object, object, object]]:
    found: list[tuple[object, object, object]] = []
    if isinstance(node, CompValue):
        if node.name in ("BGP", "TriplesBlock"):
            found.extend(tuple(t) for t in node["triples"])
        for value in node.values():
            found.extend(_triples(value))
    elif isinstance(node, list | tuple):
        for value in node:
            found.extend(_triples(value))
    return found


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_no_property_path_has_both_ends_free(name: str) -> None:
    """A property path has one end fixed: a constant, a required parameter (always bound), or a
    variable a required parameter is copied into (``BIND(COALESCE(?param, ...) AS ?v)``)."""
    query = get_query(name)
    bound = {Variable(p.name) for p in query.params if p.required}
    for param, copy in re.findall(r"BIND\(COALESCE\(\?(\w+), [^()]*\) AS \?(\w+)\)", query.text):
        if Variable(param) in bound:
            bound.add(Variable(copy))
    algebra = prepareQuery(query.text).algebra
    free = [
        f"?{s} {p} ?{o}"
        for s, p, o in _triples(algebra)
        if isinstance(p, PropertyPath)
        and isinstance(s, Variable)
        and isinstance(o, Variable)
        and not {s, o} & bound
    ]
    assert free == []


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_query_is_ordered_and_reads_the_union_graph(name: str) -> None:
    text = re.sub(r"#.*", "", get_query(name).text)
    assert "ORDER BY" in text
    # GRAPH only where a query needs the named graphs themselves
    if name not in ("stats", "data-quality"):
        assert "GRAPH" not in text


# --- parameters: names that match nothing, or too much ----------------------------------------


def usage_error(store: Store, query: str, params: dict[str, str]) -> str:
    with pytest.raises(UsageError) as info:
        run_saved(store, query, params)
    return str(info.value)


def test_unknown_name(sample_store: Store) -> None:
    assert usage_error(sample_store, "proposals", {"proposer": "Freelnd"}) == (
        "no actor matches 'Freelnd' (parameter 'proposer') (did you mean 'Freeland'?)"
    )
    # a name unrelated but for a few letters is no suggestion ('Tuvalu' for 'Trudeau' was)
    assert usage_error(sample_store, "quotes", {"speaker": "Trudeau"}) == (
        "no actor matches 'Trudeau' (parameter 'speaker') (give an id, an IRI, or a name "
        "or alias of an actor in the store)"
    )
    # a word of a name (a first name, a surname) suggests the whole name
    assert usage_error(sample_store, "quotes", {"speaker": "Chrystia"}) == (
        "no actor matches 'Chrystia' (parameter 'speaker') (did you mean 'Chrystia Freeland'?)"
    )
    # one name per actor, and actors of the best match's class only (no 'Canada and Mexico')
    assert usage_error(sample_store, "quotes", {"speaker": "Mexco"}) == (
        "no actor matches 'Mexco' (parameter 'speaker') (did you mean 'Mexico'?)"
    )
    assert usage_error(sample_store, "objections", {"issue": "sunset"}) == (
        "no issue matches 'sunset' (parameter 'issue') (did you mean 'sunset clause'?)"
    )
    assert usage_error(sample_store, "quotes", {"speaker": "Nobody At All"}) == (
        "no actor matches 'Nobody At All' (parameter 'speaker') (give an id, an IRI, or a name "
        "or alias of an actor in the store)"
    )


def test_unknown_parameter(sample_store: Store) -> None:
    assert usage_error(sample_store, "proposals", {"speaker": "Freeland"}) == (
        "query 'proposals' has no parameter 'speaker' (its parameters: proposer)"
    )
    assert usage_error(sample_store, "stats", {"x": "y"}) == (
        "query 'stats' has no parameter 'x' (its parameters: none)"
    )


def test_missing_required_parameter(sample_store: Store) -> None:
    assert usage_error(sample_store, "provenance", {}) == (
        "query 'provenance' needs parameter 'fact' (add --param fact=VALUE (the proposal, "
        "speech act or event: its IRI or id))"
    )


def test_ambiguous_names(tmp_path: Path, make_store: MakeStore) -> None:
    # the sample again under another URL: two articles, each with a proposal `sunset-clause`
    copy = tmp_path / "copy"
    copy.mkdir()
    text = (sample_dir() / "nafta-round5.md").read_text(encoding="utf-8")
    (copy / "nafta-round5.md").write_text(
        text.replace(
            "https://w3id.org/tradekg/sample/nafta-round5",
            "https://example.org/tradekg-tests/nafta-round5-copy",
        ),
        encoding="utf-8",
    )
    shutil.copy(sample_dir() / "nafta-round5.facts.yaml", copy)
    store = make_store(sample_dir(), copy, name="twice")
    b = ID + "article/5c2804fe13c10152"
    summary = "Add an expiration (sunset) clause to NAFTA."
    assert usage_error(store, "objections", {"proposal": "sunset-clause"}) == (
        f"'sunset-clause' matches 2 proposals (parameter 'proposal'): "
        f"{A}/proposal/sunset-clause ({summary}); {b}/proposal/sunset-clause ({summary}) "
        "(give the id or the IRI of the one you mean, or the id of its thread)"
    )
    assert usage_error(store, "article-audit", {"article": HEADLINE.upper()}) == (
        f"'{HEADLINE.upper()}' matches 2 articles (parameter 'article'): {A} ({HEADLINE}); "
        f"{b} ({HEADLINE}) (give the id or the IRI of the one you mean)"
    )
    # the IRI picks one
    one = run_saved(store, "objections", {"proposal": b + "/proposal/sunset-clause"})
    assert column(one, "objection") == [b + "/objection/sunset-clause"]


# SPARQL injection through every parameter: tests/reliability/test_hostile_injection.py


# --- the command line -------------------------------------------------------------------------


def cli_run(*args: str) -> tuple[int, str, str]:
    runner = CliRunner(env={"TRADEKG_STORE": None, "TRADEKG_REFERENCE": None})
    result = runner.invoke(cli, list(args))
    # stdout_bytes: Result.stdout turns CRLF (the CSV line end) into LF
    return result.exit_code, result.stdout_bytes.decode(), result.stderr


def test_cli_objections_on_the_sunset_clause_as_csv(sample_store_dir: Path) -> None:
    code, out, err = cli_run(
        "--store",
        str(sample_store_dir),
        "query",
        "objections",
        "--param",
        "issue=sunset clause",
        "--format",
        "csv",
    )
    assert (code, err) == (0, "")
    assert out == (
        "objection,objector,kind,proposal,proposalSummary,issue,issueLabel,reason,reasonKind,"
        "source,mode,headline,review\r\n"
        f"{A}/objection/sunset-clause,Canada and Mexico,Objection,{A}/proposal/sunset-clause,"
        f"Add an expiration (sunset) clause to NAFTA.,{ID}issue/sunset-clause,sunset clause,,,,"
        f"outlet-voice,{HEADLINE},curated\r\n"
    )


def test_cli_objections_on_the_sunset_clause_as_json(sample_store_dir: Path) -> None:
    code, out, err = cli_run(
        "--store",
        str(sample_store_dir),
        "query",
        "objections",
        "--param",
        "issue=sunset clause",
        "--format",
        "json",
    )
    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert doc["head"]["vars"] == list(get_query("objections").columns)
    assert doc["results"]["bindings"] == [
        {
            "objection": {"type": "uri", "value": f"{A}/objection/sunset-clause"},
            "objector": {"type": "literal", "value": "Canada and Mexico"},
            "kind": {"type": "literal", "value": "Objection"},
            "proposal": {"type": "uri", "value": f"{A}/proposal/sunset-clause"},
            "proposalSummary": {
                "type": "literal",
                "value": "Add an expiration (sunset) clause to NAFTA.",
            },
            "issue": {"type": "uri", "value": f"{ID}issue/sunset-clause"},
            "issueLabel": {"type": "literal", "value": "sunset clause"},
            "mode": {"type": "literal", "value": "outlet-voice"},
            "headline": {"type": "literal", "value": HEADLINE},
            "review": {"type": "literal", "value": "curated"},
        }
    ]


def test_cli_unknown_name_is_exit_2(sample_store_dir: Path) -> None:
    code, out, err = cli_run(
        "--store", str(sample_store_dir), "query", "quotes", "--param", "speaker=Freelnd"
    )
    assert (code, out) == (2, "")
    assert err == (
        "Error: no actor matches 'Freelnd' (parameter 'speaker') (did you mean 'Freeland'?)\n"
    )


def test_parameters_come_in_the_order_the_query_declares(sample_store: Store) -> None:
    # a SPARQL server gets them as one VALUES block each in this order, and Oxigraph starts
    # from the first: positions by its issue first took 12x the CPU (benchmarks/README.md)
    from kg.queries.params import resolve_params
    from kg.sparql_terms import bind_values

    query = get_query("positions")
    bindings = resolve_params(
        sample_store, query, {"asOf": "2018-01-01", "issue": "sunset clause", "actor": "Canada"}
    )
    assert list(bindings) == ["actor", "issue", "asOf"]
    text = bind_values(query.text, bindings)
    assert (
        text.index("VALUES (?actor)") < text.index("VALUES (?issue)") < text.index("VALUES (?asOf)")
    )


def test_an_unnamed_source_is_found_by_its_description_in_any_case(
    tmp_path: Path, make_store: MakeStore
) -> None:
    # the sample's unnamed source named too: its label is then not its description, which
    # is found as written and in another case (a description that starts a sentence)
    named = tmp_path / "named"
    named.mkdir()
    shutil.copy(sample_dir() / "nafta-round5.md", named)
    facts = (sample_dir() / "nafta-round5.facts.yaml").read_text(encoding="utf-8")
    described = "    description: an official with knowledge of the talks\n"
    assert described in facts
    (named / "nafta-round5.facts.yaml").write_text(
        facts.replace(described, "    name: the official\n" + described), encoding="utf-8"
    )
    store = make_store(named, name="named-source")
    source = f"{A}/actor/official-with-knowledge"
    for value in (
        "the official",
        "The Official",
        "an official with knowledge of the talks",
        "An official with knowledge of the talks",
    ):
        assert str(resolve(store, "actor", value)) == source, value
