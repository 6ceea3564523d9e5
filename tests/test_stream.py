"""Every row written as it comes (kg.queries.formats.write_rows, Store.stream, ``tradekg query
--format F`` without --limit): the same bytes as the whole answer written at once."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import pytest
from click.testing import CliRunner
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.cli import cli
from kg.queries import catalogue, get_query
from kg.queries.formats import (
    BATCH,
    CELLS,
    json_term,
    plain,
    plain_tsv_cell,
    plain_value,
    write_results,
    write_rows,
)
from kg.queries.run import finish
from kg.sparql_terms import render
from kg.store import Results, open_store
from kg.store import embedded as embedded_module

FORMATS = list(CELLS)
LISTINGS = [n for n, q in catalogue().items() if not any(p.required for p in q.params)]


def whole_document(results: Results, fmt: str, out: TextIO) -> None:
    """The answer written at once, as tradekg wrote every format before rows were streamed
    (kg.queries.formats at 0241c47): what the streamed bytes must equal."""
    if fmt == "json":
        doc = {
            "head": {"vars": results.variables},
            "results": {
                "bindings": [
                    {
                        v: json_term(t)
                        for v, t in zip(results.variables, row, strict=True)
                        if t is not None
                    }
                    for row in results.rows
                ]
            },
        }
        json.dump(doc, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "jsonl":
        for row in results.rows:
            record = {v: plain_value(t) for v, t in zip(results.variables, row, strict=True)}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(results.variables)
        writer.writerows([plain(t) for t in row] for row in results.rows)
    elif fmt == "tsv":
        out.write("\t".join("?" + v for v in results.variables) + "\n")
        for row in results.rows:
            out.write("\t".join("" if t is None else render(t) for t in row) + "\n")
    else:
        assert fmt == "plain-tsv"
        out.write("\t".join(results.variables) + "\n")
        for row in results.rows:
            out.write("\t".join(plain_tsv_cell(t) for t in row) + "\n")


def written(fn: Any, *args: Any) -> str:
    out = io.StringIO(newline="")
    fn(*args, out)
    return out.getvalue()


def cli_bytes(*args: str) -> tuple[int, bytes, str]:
    result = CliRunner(env={"TRADEKG_STORE": None, "TRADEKG_REFERENCE": None}).invoke(
        cli, list(args)
    )
    return result.exit_code, result.stdout_bytes, result.stderr


@pytest.fixture(scope="module")
def whole_answers(sample_store_dir: Path) -> dict[str, Results]:
    """Every listing's answer on the sample, read whole (Store.select, its lists sorted as
    tradekg returns them: kg.queries.run.finish), then the store closed for the command line."""
    store = open_store(sample_store_dir, create=False)
    try:
        return {
            name: finish(get_query(name), store.select(get_query(name).text)) for name in LISTINGS
        }
    finally:
        store.close()


def test_the_sample_answers_every_listing_with_rows(whole_answers: dict[str, Results]) -> None:
    """The comparison below compares something: most listings have rows on the sample."""
    with_rows = [name for name, answer in whole_answers.items() if answer.rows]
    assert len(with_rows) >= len(LISTINGS) - 3, sorted(set(LISTINGS) - set(with_rows))
    assert len(whole_answers["statements"].rows) > 10


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_listing_streamed_is_the_whole_answer_byte_for_byte(
    sample_store_dir: Path, whole_answers: dict[str, Results], fmt: str
) -> None:
    for name in LISTINGS:
        code, out, err = cli_bytes("--store", str(sample_store_dir), "query", name, "-f", fmt)
        assert (code, err) == (0, ""), name
        expected = written(whole_document, whole_answers[name], fmt).encode("utf-8")
        assert out == expected, name


@pytest.mark.parametrize("fmt", FORMATS)
def test_columns_and_offset_of_a_streamed_listing(
    sample_store_dir: Path, whole_answers: dict[str, Results], fmt: str
) -> None:
    answer = whole_answers["statements"]
    picked = ["headline", "fact", "content"]
    code, out, err = cli_bytes(
        "--store", str(sample_store_dir), "query", "statements", "-f", fmt,
        "--columns", ",".join(picked), "--offset", "3",
    )  # fmt: skip
    assert (code, err) == (0, "")
    page = Results(answer.variables, answer.rows[3:]).project(picked)
    assert len(page.rows) == len(answer.rows) - 3 > 0
    assert out == written(whole_document, page, fmt).encode("utf-8")


def test_a_column_not_in_the_listing_is_refused(sample_store_dir: Path) -> None:
    code, out, err = cli_bytes(
        "--store", str(sample_store_dir), "query", "statements", "-f", "csv", "-c", "fact,nope"
    )
    assert (code, out) == (2, b"")
    assert err.startswith("Error: no column 'nope' in the results (columns: fact, type, ")


S = "http://example.org/"
TRICKY = Results(
    ["a", "b", "c"],
    [
        (URIRef(S + "x"), Literal("plain"), None),
        (None, None, None),
        (Literal('tab\there "q" back\\slash\r\nend'), Literal("été", lang="fr"), BNode("b1")),
        (Literal("42", datatype=XSD.integer), Literal("1.50", datatype=XSD.decimal), None),
        (Literal("NaN", datatype=XSD.double), Literal("true", datatype=XSD.boolean), None),
        (Literal("x\x07y\x0cz"), Literal("", datatype=XSD.string), Literal("a,b")),
        (Literal("2018-06-10", datatype=XSD.date), Literal(" lead"), Literal("nl\n")),
    ],
)
EDGES = [
    TRICKY,
    Results(["a", "b"], []),
    Results([], []),
    Results([], [(), ()]),
    Results(["only"], [(Literal(""),), (None,), (Literal("x"),)]),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "results", EDGES, ids=["tricky", "no-rows", "no-vars", "empty-rows", "one"]
)
def test_write_results_is_the_whole_document(results: Results, fmt: str) -> None:
    assert written(write_results, results, fmt) == written(whole_document, results, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_rows_are_written_as_they_come(fmt: str) -> None:
    """The header and the first BATCH rows are out before row BATCH + 2 is read."""
    out = io.StringIO(newline="")
    cell = CELLS[fmt]
    seen: list[int] = []

    def rows() -> Iterator[list[Any]]:
        for i in range(3 * BATCH):
            if i == BATCH + 1:
                seen.append(out.getvalue().count("plain-value-"))
            yield [cell(Literal(f"plain-value-{i}")), cell(None)]

    write_rows(["v", "w"], rows(), fmt, out)
    assert seen == [BATCH]
    assert out.getvalue().count("plain-value-") == 3 * BATCH


def test_the_embedded_store_makes_each_cell_once_and_forgets_past_its_limit(
    sample_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = get_query("statements").text
    whole = sample_store.select(text)
    made: list[object] = []

    def cell(term: object) -> str:
        made.append(term)
        return CELLS["tsv"](term)  # type: ignore[no-any-return]

    stream = sample_store.stream(text, cell=cell, offset=2)
    rows = list(stream.rows)
    assert stream.variables == whole.variables
    assert rows == [tuple(CELLS["tsv"](t) for t in row) for row in whole.rows[2:]]
    distinct = {t for row in whole.rows[2:] for t in row if t is not None}
    assert len(made) == len(distinct) + 1  # and once for unbound
    monkeypatch.setattr(embedded_module, "CELLS_KEPT", 3)
    again = sample_store.stream(text, cell=CELLS["tsv"], offset=2)
    assert list(again.rows) == rows


def test_an_ask_query_streams_its_boolean(sample_store: Any) -> None:
    stream = sample_store.stream("ASK { ?s ?p ?o }", cell=CELLS["csv"])
    assert (stream.boolean, list(stream.rows)) == (True, [])
