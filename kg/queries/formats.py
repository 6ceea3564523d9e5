"""Result formats: a table for people; CSV, TSV and JSON (SPARQL 1.1 results), JSON Lines and
plain TSV for programs.

The table fits a width (the terminal's by default): IRI columns are left out unless asked for,
and long cells wrap on word boundaries. Every other format holds every column and full values.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import re
import shutil
import textwrap
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import Any, TextIO

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.sparql_terms import render
from kg.store import Results
from kg.terms import PREFIXES

FORMATS = ("table", "csv", "tsv", "json", "jsonl", "plain-tsv")
XSD_STRING = PREFIXES["xsd"] + "string"
XSD = PREFIXES["xsd"]
INTEGERS = {
    XSD + t
    for t in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
        "unsignedShort", "unsignedByte",
    )
}  # fmt: skip
NUMBERS = {XSD + "decimal", XSD + "double", XSD + "float"}
MIN_COLUMN = 8  # a table column is never narrower than this (or than its widest cell)
LONG_WORD = 16  # a word longer than this may be broken to fit a narrow column
NARROWEST = 4  # when the columns cannot all be MIN_COLUMN wide, not narrower than this
HEADER_WEIGHT = 3  # a broken column name is as bad as this many broken words in cells
SAMPLE_ROWS = 200  # the rows that decide how a table's columns share the width


def plain(term: Node | None) -> str:
    return "" if term is None else str(term)


def compact(term: Node | None) -> str:
    """What a person reads in a table: literals as text, IRIs with a prefix."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, ns in PREFIXES.items():
            if text.startswith(ns) and prefix != "id":
                return f"{prefix}:{text[len(ns) :]}"
        return text.removeprefix(PREFIXES["id"])
    return " ".join(str(term).split())


def json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and str(term.datatype) != XSD_STRING:
        out["datatype"] = str(term.datatype)
    return out


def plain_value(term: Node | None) -> Any:
    """A JSON value for a term: numbers and booleans as such, IRIs and other literals as
    strings, unbound as null."""
    if term is None:
        return None
    if isinstance(term, Literal) and term.datatype is not None:
        datatype, text = str(term.datatype), str(term).strip()
        try:
            if datatype in INTEGERS:
                return int(text)
            if datatype in NUMBERS:
                number = float(text)
                return number if math.isfinite(number) else str(term)
        except ValueError:
            return str(term)  # an ill-typed literal stays as written
        if datatype == XSD + "boolean" and text in ("true", "false", "1", "0"):
            return text in ("true", "1")
    return str(term)


def plain_tsv_cell(term: Node | None) -> str:
    """A plain value for a TSV cell: tab, line ends and backslash escaped (\\t, \\n, \\r,
    \\\\), as PostgreSQL's text format and most TSV readers expect."""
    text = plain(term)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def csv_cell(term: Node | None) -> str:
    """A CSV cell (SPARQL 1.1 CSV): the plain value, quoted by the writer where needed."""
    return plain(term)


def tsv_cell(term: Node | None) -> str:
    """A TSV cell (SPARQL 1.1 TSV): the term in SPARQL syntax; empty when unbound."""
    return "" if term is None else render(term)


def jsonl_cell(term: Node | None) -> str:
    """A JSON Lines value (plain_value) as JSON text."""
    return json.dumps(plain_value(term), ensure_ascii=False)


# the indentation of json.dump(..., indent=1) at the depth of a binding's term, and of its keys
_TERM_INDENT = "\n    "
_KEY_INDENT = "\n     "


def json_cell(term: Node | None) -> str | None:
    """A term of a SPARQL 1.1 JSON binding as json.dump(indent=1) writes it at its depth in
    the document (write_rows); None when unbound (left out of the binding)."""
    if term is None:
        return None
    fields = [
        f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
        for k, v in json_term(term).items()
    ]
    return "{" + _KEY_INDENT + ("," + _KEY_INDENT).join(fields) + _TERM_INDENT + "}"


# what each format makes of a cell (a term, or None when unbound), for write_rows: a row is
# made of its cells alone, so a reader of the store may make each distinct term's cell once
CELLS: dict[str, Callable[[Node | None], Any]] = {
    "csv": csv_cell,
    "tsv": tsv_cell,
    "json": json_cell,
    "jsonl": jsonl_cell,
    "plain-tsv": plain_tsv_cell,
}
BATCH = 1000  # rows written to the output at a time


def write_rows(
    variables: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, out: TextIO
) -> None:
    """Write rows of cells made by ``CELLS[fmt]`` in ``fmt`` (any format but the table), as
    they come: the header first (flushed), then BATCH rows at a time, never the whole answer
    at once. The bytes are those of the whole answer written at once (tests/test_stream.py
    keeps the writer of before as the reference)."""
    batches = _batches(rows)
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(variables)
        out.flush()
        for batch in batches:
            writer.writerows(batch)
    elif fmt in ("tsv", "plain-tsv"):
        names = ("?" + v for v in variables) if fmt == "tsv" else variables
        out.write("\t".join(names) + "\n")
        out.flush()
        for batch in batches:
            out.write("".join(["\t".join(row) + "\n" for row in batch]))
    elif fmt == "jsonl":
        keys = [json.dumps(v, ensure_ascii=False) + ": " for v in variables]
        for batch in batches:
            out.write(
                "".join(
                    [
                        "{" + ", ".join([k + c for k, c in zip(keys, row, strict=True)]) + "}\n"
                        for row in batch
                    ]
                )
            )
    elif fmt == "json":
        _write_json(variables, batches, out)
    else:
        raise ValueError(f"rows cannot be written as they come in {fmt}")


def _write_json(variables: Sequence[str], batches: Iterable[list[Any]], out: TextIO) -> None:
    """SPARQL 1.1 JSON results, byte for byte as json.dump(doc, indent=1, ensure_ascii=False)
    writes the whole document."""
    names = [json.dumps(v, ensure_ascii=False) for v in variables]
    head = "[" + "".join(["\n   " + n + "," for n in names])[:-1] + "\n  ]" if names else "[]"
    out.write('{\n "head": {\n  "vars": ' + head + '\n },\n "results": {\n  "bindings": [')
    out.flush()
    keys = ["\n    " + n + ": " for n in names]
    first = True
    for batch in batches:
        parts = []
        for row in batch:
            bound = [k + c for k, c in zip(keys, row, strict=True) if c is not None]
            binding = "{" + ",".join(bound) + "\n   }" if bound else "{}"
            parts.append(("\n   " if first else ",\n   ") + binding)
            first = False
        out.write("".join(parts))
    out.write("\n  ]\n }\n}\n" if not first else "]\n }\n}\n")


def _batches(rows: Iterable[Sequence[Any]]) -> Iterator[list[Any]]:
    it = iter(rows)
    while batch := list(itertools.islice(it, BATCH)):
        yield batch


def write_results(
    results: Results,
    fmt: str,
    out: TextIO,
    *,
    width: int | None = None,
    hidden: Collection[str] = (),
) -> None:
    """Write ``results`` in ``fmt`` (one of FORMATS).

    For the table only: ``width`` is the width to fit (default: the terminal's), ``hidden``
    the columns to leave out (IRI columns a label column stands for).
    """
    if results.boolean is not None:
        write_boolean(results.boolean, fmt, out)
        return
    if fmt in CELLS:
        cell = CELLS[fmt]
        write_rows(results.variables, ([cell(t) for t in row] for row in results.rows), fmt, out)
    else:
        shown = [i for i, v in enumerate(results.variables) if v not in hidden]
        table(
            [results.variables[i] for i in shown],
            [[compact(row[i]) for i in shown] for row in results.rows],
            out,
            terminal_width() if width is None else width,
        )


def write_boolean(answer: bool, fmt: str, out: TextIO) -> None:
    """The answer to an ASK query: SPARQL 1.1 JSON, else true or false on a line."""
    if fmt == "json":
        json.dump({"head": {}, "boolean": answer}, out)
        out.write("\n")
    else:
        out.write(("true" if answer else "false") + "\n")


def terminal_width() -> int:
    """The terminal's width: $COLUMNS, else the terminal's own, else 80."""
    return shutil.get_terminal_size((80, 24)).columns


def iri_columns(results: Results) -> list[str]:
    """Columns that hold IRIs only (at least one) and that a label column stands for:
    ``x`` when there is an ``xLabel``."""
    found = []
    for i, v in enumerate(results.variables):
        if v + "Label" not in results.variables:
            continue
        values = [row[i] for row in results.rows if row[i] is not None]
        if values and all(isinstance(t, URIRef) for t in values):
            found.append(v)
    return found


def table(header: list[str], cells: list[list[str]], out: TextIO, width: int) -> None:
    """A table at most ``width`` characters wide (when every column can be at least
    MIN_COLUMN wide): cells too long for their column wrap on word boundaries; rows that wrap
    are set apart by a blank line."""
    widths = column_widths(header, cells, width)
    head = [_wrap_name(h, w) for h, w in zip(header, widths, strict=True)]
    _lines(head, widths, out)
    out.write("  ".join("-" * w for w in widths) + "\n")
    rows = [[_wrap(c, w) for c, w in zip(row, widths, strict=True)] for row in cells]
    spaced = any(len(cell) > 1 for row in rows for cell in row)
    for n, row in enumerate(rows):
        if spaced and n:
            out.write("\n")
        _lines(row, widths, out)
    out.write(f"({len(cells)} row{'s' if len(cells) != 1 else ''})\n")


def column_widths(header: list[str], cells: list[list[str]], width: int) -> list[int]:
    """Each column's width: its widest cell or header when they all fit in ``width``.

    Else each column starts at its narrowest readable width (its header and its longest word,
    at most LONG_WORD, at least MIN_COLUMN, never more than its widest cell). When those do not
    fit, the column where narrowing breaks the fewest words (its name counting HEADER_WEIGHT)
    is narrowed, a character at a time, down to NARROWEST. The room left goes, a character at
    a time, to the column that shortens the table most. A cell's height is
    taken as its length over its column's width, and a row's as the fourth-power sum of its
    cells' heights: close to the tallest cell's, and every tall cell counts.
    """
    n = len(header)
    natural = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(header)]
    room = width - 2 * max(n - 1, 0)
    if sum(natural) <= room:
        return natural
    longest = [
        [len(h), *(max(map(len, r[i].split()), default=0) for r in cells)]
        for i, h in enumerate(header)
    ]
    widths = [min(natural[i], max(MIN_COLUMN, min(LONG_WORD, max(longest[i])))) for i in range(n)]
    while sum(widths) > room and max(widths) > NARROWEST:
        # too many columns: narrow the one where that breaks the fewest words
        widths[
            min(
                (i for i in range(n) if widths[i] > NARROWEST),
                key=lambda i: (
                    HEADER_WEIGHT * (longest[i][0] >= widths[i])
                    + sum(w >= widths[i] for w in longest[i][1:]),
                    -widths[i],
                    i,
                ),
            )
        ] -= 1
    lengths = [[len(c) for c in row] for row in cells[:SAMPLE_ROWS]]
    for _ in range(room - sum(widths)):
        growing = [i for i in range(n) if widths[i] < natural[i]]
        if not growing:
            break
        gain = {
            i: sum((row[i] / widths[i]) ** 4 - (row[i] / (widths[i] + 1)) ** 4 for row in lengths)
            for i in growing
        }
        best = max(growing, key=lambda i: (gain[i], natural[i] - widths[i], -i))
        widths[best] += 1
    return widths


def _parts(name: str) -> list[str]:
    """A column name in the parts it may wrap between: 'proposerLabel' -> proposer, Label."""
    return re.findall(r"[A-Z]?[^A-Z]+|[A-Z]+(?![^A-Z])", name) or [name]


def _wrap_name(name: str, width: int) -> list[str]:
    lines = [""]
    for part in _parts(name):
        if lines[-1] and len(lines[-1]) + len(part) > width:
            lines.append("")
        lines[-1] += part
    return [piece for line in lines for piece in _wrap(line, width)]


def _wrap(text: str, width: int) -> list[str]:
    if len(text) <= width:
        return [text]
    return textwrap.wrap(text, width, break_on_hyphens=False) or [""]


def _lines(cells: list[list[str]], widths: list[int], out: TextIO) -> None:
    for k in range(max(len(c) for c in cells) if cells else 1):
        parts = [(c[k] if k < len(c) else "").ljust(w) for c, w in zip(cells, widths, strict=True)]
        out.write("  ".join(parts).rstrip() + "\n")
