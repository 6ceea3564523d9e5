"""Result formats for people and programs: the table fits a width and shows labels, IRI
columns on request; JSON Lines and plain TSV hold plain values; every saved query declares its
IRI columns truthfully."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.cli import cli
from kg.queries import catalogue, run_saved
from kg.queries.formats import column_widths, plain_value, write_results
from kg.store import Results, Store

ID = "https://w3id.org/tradekg/id/"
A = ID + "article/11f0a1b12fa8bf03"
HEADLINE = "NAFTA talks make little headway after fifth round"

GOLDEN = Path(__file__).parent / "golden" / "tables"


def run(store_dir: Path, *args: str, columns: str = "200") -> tuple[int, str, str]:
    # COLUMNS fixes the width a table fits when no --width is given (the terminal's otherwise)
    result = CliRunner().invoke(cli, ["--store", str(store_dir), *args], env={"COLUMNS": columns})
    return result.exit_code, result.stdout_bytes.decode(), result.stderr


@pytest.mark.parametrize("width", [120, 80])
def test_the_proposals_table_fits_the_terminal(
    sample_store_dir: Path, width: int, update_goldens: bool
) -> None:
    """Labels only (the proposal and proposer IRIs are left out), cells wrapped on word
    boundaries, rows that wrap set apart by a blank line: tests/golden/tables/."""
    by_columns = run(sample_store_dir, "query", "proposals", columns=str(width))
    by_option = run(sample_store_dir, "query", "proposals", "--width", str(width))
    golden = GOLDEN / f"proposals-{width}.txt"
    if update_goldens:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(by_option[1], encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    assert by_columns == by_option == (0, expected, "")
    assert max(len(line) for line in expected.splitlines()) == width


def test_iris_shows_the_iri_columns_last(sample_store_dir: Path) -> None:
    code, out, _ = run(
        sample_store_dir,
        "query",
        "proposals",
        "--iris",
        "--width",
        "400",
        "-p",
        "proposer=Lighthizer",
    )
    assert code == 0
    assert out.splitlines()[0].split() == [
        *("proposerLabel", "issue", "agreement", "summary", "headline", "review"),
        *("proposal", "proposer"),
    ]
    code, out, _ = run(sample_store_dir, "query", "proposals", "--iris", "--width", "400")
    first = out.splitlines()[2]
    assert first.endswith(
        "curated  article/11f0a1b12fa8bf03/proposal/isds-opt-out     actor/united-states"
    )


def test_columns_asked_for_are_shown_even_iris(sample_store_dir: Path) -> None:
    code, out, _ = run(
        sample_store_dir, "query", "proposals", "--columns", "proposer,issue", "--width", "80"
    )
    assert (code, out) == (
        0,
        "proposer             issue\n"
        "-------------------  ---------------------------------\n"
        "actor/united-states  investor-state dispute settlement\n"
        "actor/united-states  rebalancing\n"
        "actor/united-states  rules of origin\n"
        "actor/united-states  sunset clause\n"
        "(4 rows)\n",
    )


def test_jsonl_is_one_object_per_row_with_plain_values(sample_store_dir: Path) -> None:
    code, out, err = run(
        sample_store_dir, "query", "quotes", "-p", "speaker=Freeland", "--format", "jsonl"
    )
    assert (code, err) == (0, "")
    assert [json.loads(line) for line in out.splitlines()] == [
        {
            "speaker": ID + "actor/freeland",
            "speakerLabel": "Chrystia Freeland",
            "quote": "Significant differences remain on some key areas. … These are proposals we "
            "simply cannot agree to,",
            "mode": "direct-quote",
            "edited": True,
            "date": "2017-11-21",
            "place": "Ottawa",
            "headline": HEADLINE,
            "fact": A + "/statement/freeland-differences",
            "review": "curated",
        },
        {
            "speaker": ID + "actor/freeland",
            "speakerLabel": "Chrystia Freeland",
            "quote": "These are proposals we simply cannot agree to",
            "mode": "partial-quote",
            "edited": False,
            "date": "2017-11-21",
            "place": "Ottawa",
            "headline": HEADLINE,
            "fact": A + "/objection/freeland-cannot-agree",
            "review": "curated",
        },
    ]
    code, out, _ = run(sample_store_dir, "stats", "--format", "jsonl")
    assert out.splitlines()[:2] == [
        '{"what": "articles", "count": 1}',
        # the ontology, the reference data, the shared nodes, the article
        '{"what": "graphs", "count": 4}',
    ]


def test_plain_tsv(sample_store_dir: Path) -> None:
    code, out, _ = run(
        sample_store_dir,
        "query",
        "proposals",
        "--format",
        "plain-tsv",
        "--columns",
        "proposer,issue,summary",
    )
    assert (code, out) == (
        0,
        "proposer\tissue\tsummary\n"
        f"{ID}actor/united-states\tinvestor-state dispute settlement\t"
        "Allow countries to opt out of NAFTA's investment dispute settlement system.\n"
        f"{ID}actor/united-states\trebalancing\t"
        "Rewrite NAFTA radically so that it is rebalanced in favour of the United States.\n"
        f"{ID}actor/united-states\trules of origin\t"
        'Change the rules that decide when a product can be labelled "made in America" or '
        '"made in the U.S.A.".\n'
        f"{ID}actor/united-states\tsunset clause\tAdd an expiration (sunset) clause to NAFTA.\n",
    )


def formatted(results: Results, fmt: str, **kwargs: object) -> str:
    out = io.StringIO()
    write_results(results, fmt, out, **kwargs)  # type: ignore[arg-type]
    return out.getvalue()


def test_plain_values() -> None:
    odd = Results(
        ["a", "b", "c", "d", "e", "f"],
        [
            (
                Literal("tab\there\nnew line \\ back"),
                Literal("12", datatype=XSD.integer),
                Literal("1.5", datatype=XSD.decimal),
                Literal("true", datatype=XSD.boolean),
                Literal("x", lang="en"),
                None,
            ),
            (
                URIRef("https://example.org/x"),
                Literal("twelve", datatype=XSD.integer),  # ill-typed: kept as written
                Literal("INF", datatype=XSD.double, normalize=False),  # no JSON number for it
                Literal("2017-11", datatype=XSD.gYearMonth),
                BNode("b0"),
                Literal(""),
            ),
        ],
    )
    assert formatted(odd, "plain-tsv") == (
        "a\tb\tc\td\te\tf\n"
        "tab\\there\\nnew line \\\\ back\t12\t1.5\ttrue\tx\t\n"
        "https://example.org/x\ttwelve\tINF\t2017-11\tb0\t\n"
    )
    assert formatted(odd, "jsonl") == (
        '{"a": "tab\\there\\nnew line \\\\ back", "b": 12, "c": 1.5, "d": true, "e": "x", '
        '"f": null}\n'
        '{"a": "https://example.org/x", "b": "twelve", "c": "INF", "d": "2017-11", "e": "b0", '
        '"f": ""}\n'
    )
    assert plain_value(Literal("0", datatype=XSD.boolean)) is False
    assert formatted(Results([], [], boolean=True), "jsonl") == "true\n"


def test_a_table_too_wide_for_its_columns_breaks_the_fewest_words() -> None:
    header = ["date", "label", "review"]
    cells = [["2017-11-21", "Negotiating teams meet again in Washington", "curated"]]
    assert column_widths(header, cells, 200) == [10, 42, 7]
    # the label wraps first; the date keeps its one word whole as long as it can
    assert column_widths(header, cells, 40) == [10, 19, 7]
    # at 32 each column is as narrow as its longest word; narrower, words break
    assert column_widths(header, cells, 32) == [10, 11, 7]
    assert column_widths(header, cells, 31) == [10, 10, 7]
    table = formatted(Results(header, [tuple(Literal(c) for c in cells[0])]), "table", width=40)
    assert table == (
        "date        label                review\n"
        "----------  -------------------  -------\n"
        "2017-11-21  Negotiating teams    curated\n"
        "            meet again in\n"
        "            Washington\n"
        "(1 row)\n"
    )
    # a column name wraps between its words
    assert formatted(
        Results(["proposerLabel", "x"], [(Literal("United States"), Literal("b b b b b b"))]),
        "table",
        width=16,
    ) == (
        "proposer    x\nLabel\n----------  ----\nUnited      b b\nStates      b b\n"
        "            b b\n(1 row)\n"
    )


def test_sparql_hides_an_iri_column_that_has_a_label_column(sample_store_dir: Path) -> None:
    query = (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?x ?xLabel ?y WHERE { VALUES ?x { <https://w3id.org/tradekg/id/actor/freeland> } "
        "?x rdfs:label ?xLabel ; a ?y }"
    )
    code, out, _ = run(sample_store_dir, "sparql", query, "--width", "80")
    assert (code, out) == (
        0,
        # a person is typed with the superclass tkg:Actor too (ontology/README.md)
        "xLabel             y\n-----------------  ----------\nChrystia Freeland  tkg:Actor\n"
        "Chrystia Freeland  tkg:Person\n(2 rows)\n",
    )
    code, out, _ = run(sample_store_dir, "sparql", query, "--width", "80", "--iris")
    assert out.splitlines()[0].split() == ["xLabel", "y", "x"]


def test_every_saved_query_declares_its_iri_columns(sample_store: Store) -> None:
    """On the sample, the columns a query declares as IRIs hold IRIs only, and the others
    none (the table leaves the declared ones out)."""
    params = {
        "provenance": {"fact": A + "/proposal/sunset-clause"},
        "proposal-history": {"proposal": A + "/proposal/sunset-clause"},
        "person": {"actor": "lighthizer"},
        "positions-diff": {"since": "2017-11-20", "until": "2017-11-21"},
        "positions": {"negotiation": "nafta-renegotiation"},
    }
    for name, query in catalogue().items():
        results = run_saved(sample_store, name, params.get(name, {}))
        if not results.rows:
            continue  # nothing to look at: the sample alone has no links between articles
        for i, column in enumerate(results.variables):
            kinds = {type(row[i]) for row in results.rows if row[i] is not None}
            if column in query.iris:
                assert kinds == {URIRef}, (name, column)
            elif name != "coalitions":  # no objections shared by two actors in the sample
                assert URIRef not in kinds, (name, column)
