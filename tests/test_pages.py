"""Results in pages (issue 12, item 1): --limit, --offset and --all on query and sparql;
limit= and offset= in kg.query and kg.sparql (serve's pages: test_serve.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.errors import UsageError
from kg.queries import cursor
from kg.resources import sample_dir
from kg.store import Store, generation

EVERY_TRIPLE = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"


def run(store: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--store", str(store), *args])
    return result.exit_code, result.stdout_bytes.decode(), result.stderr


def test_a_page_of_csv_is_those_rows_of_the_whole(sample_store_dir: Path) -> None:
    code, whole, err = run(sample_store_dir, "query", "statements", "--format", "csv")
    assert (code, err) == (0, "")
    header, *rows = whole.split("\r\n")[:-1]
    assert len(rows) > 4
    code, page, err = run(
        sample_store_dir, "query", "statements", "-f", "csv", "--limit", "2", "--offset", "1"
    )
    assert code == 0
    assert page == "\r\n".join([header, rows[1], rows[2]]) + "\r\n"
    # the next page is named by a cursor: the query, its parameters, the page and the store's
    # generation (kg.queries.cursor), which the store keeps (kg.store.generation)
    after = cursor.make(
        "statements", {}, offset=3, limit=2, generation=generation.read(sample_store_dir)
    )
    assert (
        err
        == f"rows 2-3 shown; more follow: --cursor {after} for the next page, --all for the rest\n"
    )
    code, following, err = run(
        sample_store_dir, "query", "statements", "-f", "csv", "--cursor", after
    )
    assert (code, following) == (0, "\r\n".join([header, rows[3], rows[4]]) + "\r\n")


def test_the_last_page_says_nothing_more(sample_store_dir: Path) -> None:
    code, whole, _ = run(sample_store_dir, "query", "statements", "--format", "csv")
    rows = whole.split("\r\n")[1:-1]
    code, page, err = run(
        sample_store_dir, "query", "statements", "-f", "csv", "--offset", str(len(rows) - 1)
    )
    assert (code, err) == (0, "")
    assert page.split("\r\n")[1:-1] == rows[-1:]


def test_the_table_shows_the_first_100_rows_and_says_how_to_get_more(
    sample_store_dir: Path,
) -> None:
    code, out, err = run(sample_store_dir, "sparql", EVERY_TRIPLE, "--width", "200")
    assert code == 0
    assert out.endswith("\n(100 rows)\n")
    assert err == (
        "rows 1-100 shown; more follow: --offset 100 for the next page, --all for every row\n"
    )
    code, _, count_err = run(sample_store_dir, "sparql", EVERY_TRIPLE, "--all", "-f", "csv")
    code, every, err = run(sample_store_dir, "sparql", EVERY_TRIPLE, "--format", "csv")
    assert (code, err, count_err) == (0, "", "")
    code, counted, _ = run(
        sample_store_dir, "sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "-f", "csv"
    )
    assert len(every.split("\r\n")) - 2 == int(counted.split("\r\n")[1]) > 100


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--limit", "-1"],
            "Invalid value for '--limit': -1 is not in the range 0<=x<=1000000000.",
        ),
        (["--limit", "ten"], "Invalid value for '--limit': 'ten' is not a valid integer range."),
        (
            ["--offset", "10000000000"],
            "Invalid value for '--offset': 10000000000 is not in the range 0<=x<=1000000000.",
        ),
        (["--limit", "5", "--all"], "give --limit or --all, not both"),
    ],
)
@pytest.mark.parametrize("command", [["query", "statements"], ["sparql", EVERY_TRIPLE]])
def test_a_bad_limit_or_offset_is_a_usage_error(
    sample_store_dir: Path, command: list[str], args: list[str], message: str
) -> None:
    code, out, err = run(sample_store_dir, *command, *args)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == f"Error: {message}"


def test_pages_are_for_results_not_rdf(sample_store_dir: Path) -> None:
    code, out, err = run(sample_store_dir, "sparql", "DESCRIBE id:actor\\/freeland", "--limit", "2")
    assert (code, out) == (2, "")
    assert err == (
        "Error: --limit, --offset and --all page results; a DESCRIBE query answers with RDF "
        "(put a LIMIT in the query)\n"
    )


# --- pages in the library: kg.query and kg.sparql ---

LIMIT_HINT = "limit is the number of rows of a page, offset how many rows come before it"


def test_a_page_from_the_library_is_those_rows_of_the_whole(sample_store: Store) -> None:
    whole = kg.query(sample_store, "statements")
    assert (len(whole), whole.more) == (19, False)
    page = kg.query(sample_store, "statements", limit=2, offset=1)
    assert (page.columns, page.terms, page.more) == (whole.columns, whole.terms[1:3], True)
    last = kg.query(sample_store, "statements", limit=5, offset=17)
    assert (last.terms, last.more) == (whole.terms[17:], False)
    assert kg.query(sample_store, "statements", offset=19).terms == []
    # with a parameter: the page of the rows the parameter selects
    every = kg.query(sample_store, "positions", actor="canada")
    assert len(every) > 2
    assert (
        kg.query(sample_store, "positions", actor="canada", limit=1, offset=1).terms
        == (every.terms[1:2])
    )


def test_pages_from_the_library_give_every_row_once(sample_store: Store) -> None:
    whole = kg.query(sample_store, "actors").terms
    pages = [kg.query(sample_store, "actors", limit=100)]
    while pages[-1].more:
        pages.append(kg.query(sample_store, "actors", limit=100, offset=100 * len(pages)))
    assert [len(page) for page in pages] == [100, 100, 95]
    assert [row for page in pages for row in page.terms] == whole


def test_an_ad_hoc_page_from_the_library(sample_store: Store) -> None:
    whole = kg.sparql(sample_store, EVERY_TRIPLE).terms
    page = kg.sparql(sample_store, EVERY_TRIPLE, limit=3, offset=10)
    assert (page.terms, page.more) == (whole[10:13], True)
    # the query's own LIMIT and OFFSET come first, the page is taken of what they give
    own = kg.sparql(sample_store, EVERY_TRIPLE + " LIMIT 20 OFFSET 5", limit=10, offset=12)
    assert (own.terms, own.more) == (whole[17:25], False)


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ({"limit": -1}, "limit must be from 0 to 1,000,000,000, not -1"),
        ({"limit": "abc"}, "limit must be a whole number of rows, not 'abc'"),
        ({"limit": 2.5}, "limit must be a whole number of rows, not 2.5"),
        ({"limit": True}, "limit must be a whole number of rows, not True"),
        ({"offset": 10**12}, "offset must be from 0 to 1,000,000,000, not 1,000,000,000,000"),
        ({"offset": None}, "offset must be a whole number of rows, not None"),
    ],
)
def test_a_bad_page_in_the_library_is_a_usage_error(
    sample_store: Store, page: dict[str, object], message: str
) -> None:
    for run in (
        lambda: kg.query(sample_store, "statements", **page),  # type: ignore[arg-type]
        lambda: kg.sparql(sample_store, EVERY_TRIPLE, **page),  # type: ignore[arg-type]
    ):
        with pytest.raises(UsageError) as caught:
            run()
        assert str(caught.value) == f"{message} ({LIMIT_HINT})"


def _cursor_after_first_page(store: Path) -> str:
    code, _, err = run(store, "query", "actors", "-f", "csv", "--limit", "2")
    assert code == 0
    return err.split("--cursor ")[1].split(" ")[0]


def test_a_cursor_is_refused_once_the_store_has_changed(sample_store_copy: Path) -> None:
    after = _cursor_after_first_page(sample_store_copy)
    code, _, _ = run(sample_store_copy, "query", "actors", "-f", "csv", "--cursor", after)
    assert code == 0
    # the same article loaded again: a write, though the rows stay the same
    code, _, err = run(sample_store_copy, "ingest", "-q", str(sample_dir()))
    assert code == 0, err
    code, out, err = run(sample_store_copy, "query", "actors", "-f", "csv", "--cursor", after)
    assert (code, out, err) == (
        2,
        "",
        "Error: the store has changed since this cursor was made: the rows of its page may "
        "have moved (start again from the first page)\n",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["query", "proposals"],
            "this cursor is for the query 'actors', not 'proposals' (give it with the query "
            "'actors', or start 'proposals' from its first page)",
        ),
        (
            ["query", "actors", "--param", "actor=canada"],
            "this cursor is for 'actors' with no parameters, not with actor='canada' (give the "
            "cursor alone: it holds its parameters; or start from the first page)",
        ),
        (
            ["query", "actors", "--offset", "4"],
            "give --cursor or --offset, not both (a cursor holds its offset)",
        ),
    ],
    ids=["another query", "other parameters", "with an offset"],
)
def test_a_cursor_of_another_query_is_refused(
    sample_store_dir: Path, args: list[str], message: str
) -> None:
    after = _cursor_after_first_page(sample_store_dir)
    code, out, err = run(sample_store_dir, *args, "--cursor", after)
    assert (code, out, err) == (2, "", f"Error: {message}\n")


def test_a_cut_or_made_up_cursor_is_refused(sample_store_dir: Path) -> None:
    after = _cursor_after_first_page(sample_store_dir)
    for bad in (after[:-1], after[:20], "next", after.replace(".", "")):
        code, out, err = run(sample_store_dir, "query", "actors", "--cursor", bad)
        shown = repr(bad if len(bad) <= 40 else bad[:37] + "...")
        assert (code, out, err) == (
            2,
            "",
            f"Error: {shown} is not a cursor tradekg made (cut short or mistyped?) (copy the "
            "whole cursor the last page printed, or start from the first page)\n",
        )


def test_a_cursor_holds_the_parameters_and_the_page_size(sample_store_dir: Path) -> None:
    code, whole, _ = run(sample_store_dir, "query", "positions", "-p", "actor=canada", "-f", "csv")
    header, *rows = whole.split("\r\n")[:-1]
    assert len(rows) > 3
    code, _, err = run(
        sample_store_dir, "query", "positions", "-p", "actor=canada", "-f", "csv", "--limit", "1"
    )
    after = err.split("--cursor ")[1].split(" ")[0]
    assert cursor.read(after) == cursor.Cursor(
        "positions", {"actor": "canada"}, 1, 1, generation.read(sample_store_dir)
    )
    code, page, err = run(sample_store_dir, "query", "positions", "-f", "csv", "--cursor", after)
    assert (code, page) == (0, "\r\n".join([header, rows[1]]) + "\r\n")
    assert err.startswith("rows 2-2 shown; more follow: --cursor ")
