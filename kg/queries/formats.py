"""Result formats: a table for people; CSV, TSV and JSON (SPARQL 1.1 results) for programs."""

from __future__ import annotations

import csv
import json
from typing import TextIO

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.sparql_terms import render
from kg.store import Results
from kg.terms import PREFIXES

FORMATS = ("table", "csv", "tsv", "json")
XSD_STRING = PREFIXES["xsd"] + "string"


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


def write_results(results: Results, fmt: str, out: TextIO, *, width: int = 60) -> None:
    if results.boolean is not None:
        if fmt == "json":
            json.dump({"head": {}, "boolean": results.boolean}, out)
            out.write("\n")
        else:
            out.write(("true" if results.boolean else "false") + "\n")
        return
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
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(results.variables)
        writer.writerows([plain(t) for t in row] for row in results.rows)
    elif fmt == "tsv":
        out.write("\t".join("?" + v for v in results.variables) + "\n")
        for row in results.rows:
            out.write("\t".join("" if t is None else render(t) for t in row) + "\n")
    else:
        _table(results, out, width)


def _table(results: Results, out: TextIO, width: int) -> None:
    cells = [[_clip(compact(t), width) for t in row] for row in results.rows]
    widths = [max([len(v), *(len(r[i]) for r in cells)]) for i, v in enumerate(results.variables)]
    line = "  ".join(v.ljust(w) for v, w in zip(results.variables, widths, strict=True))
    out.write(line.rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")
    out.write(f"({len(cells)} row{'s' if len(cells) != 1 else ''})\n")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
