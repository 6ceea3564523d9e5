"""Ad-hoc SPARQL for people (``tradekg sparql``): the project's prefixes predeclared, the
query's form known before it runs, updates refused by name, and a syntax error told in one line
with its line and column.

>>> check("SELECT ?p WHERE { ?p a tkg:Proposal }").form
'SELECT'
>>> check("CLEAR ALL")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
kg.errors.UsageError: updates are refused: tradekg sparql only reads the store (load data ...)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

import pyoxigraph as ox
from rdflib.term import Node

# rdflib's SPARQL parser (a tenth of a second to import) is imported by the functions that
# parse, not by the command line's modules that import this one for PREDECLARED
if TYPE_CHECKING:
    from rdflib.plugins.sparql.parserutils import CompValue

from kg.errors import UsageError
from kg.oxterms import to_ox
from kg.sparql_terms import PARSED_FORMS, query_form
from kg.syntaxes import by_name, write
from kg.terms import PREFIXES

# every prefix a query may use without declaring it; its own PREFIX of the same name wins
PREDECLARED: dict[str, str] = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", **PREFIXES}
HINT = "tradekg sparql runs SPARQL 1.1 SELECT, ASK, CONSTRUCT and DESCRIBE queries"
_AT = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)
_PNAME = re.compile(r"([A-Za-z][\w.-]*)?:[\w.:%\\-]*$")


@dataclass(frozen=True)
class Checked:
    """A query that parses: its form, and its text with the predeclared prefixes."""

    form: str
    text: str

    @property
    def graph(self) -> bool:
        """True when the answer is RDF (CONSTRUCT, DESCRIBE), not rows or a boolean."""
        return self.form in ("CONSTRUCT", "DESCRIBE")


def with_prefixes(text: str) -> str:
    """``text`` after one line declaring every predeclared prefix (a declaration of the
    query's own comes later and wins). Positions in errors are one line further down."""
    return " ".join(f"PREFIX {p}: <{ns}>" for p, ns in PREDECLARED.items()) + "\n" + text


def check(text: str) -> Checked:
    """The query's form, or a UsageError: an update, or a syntax error with its position."""
    try:
        is_update = query_form(text) == "UPDATE"
    except ValueError:  # an unterminated string: the parser below says where
        is_update = False
    if is_update:
        raise UsageError(
            "updates are refused: tradekg sparql only reads the store",
            hint="load data with tradekg ingest",
        )
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(text)
    except ParseException as e:
        raise UsageError(
            f"the query does not parse: {_at(text, e.lineno, e.col)}", hint=HINT
        ) from None
    if not any(_services(parsed)):  # a SERVICE is refused before the query runs (the guard)
        _check_names(text)
    return Checked(PARSED_FORMS[parsed[1].name], with_prefixes(text))


def syntax_message(message: str, text: str, shift: int = 1) -> str:
    """An engine's syntax error in ``text`` ("error at 3:17: expected one of ...", Oxigraph's)
    as one line, its line number moved up by ``shift`` (the line of predeclared prefixes)."""
    found = _AT.match(message)
    if found is None:
        return message.splitlines()[0] if message else message
    return _at(text, int(found.group(1)) - shift, int(found.group(2)))


def write_graph(triples: Iterable[tuple[Node, Node, Node]], out: BinaryIO, syntax: str) -> None:
    """Write a CONSTRUCT or DESCRIBE answer in ``syntax`` (a name of kg.syntaxes), with the
    predeclared prefixes where the syntax has prefixes."""
    quads = (
        ox.Quad(to_ox(s), to_ox(p), to_ox(o))  # type: ignore[arg-type]
        for s, p, o in triples
    )
    write(quads, out, by_name(syntax), PREDECLARED)


def _check_names(text: str) -> None:
    """Refuse a prefix that is neither declared nor predeclared, where it is used.

    rdflib parses without resolving prefixes, Oxigraph resolves them as it parses: the query
    is given to an empty in-memory store, which parses it but does not evaluate a SELECT,
    CONSTRUCT or DESCRIBE until its answer is read (it is not read); an ASK is evaluated, on
    no data. A query holding SERVICE never gets here.
    """
    try:
        ox.Store().query(text, prefixes=PREDECLARED)
    except SyntaxError as e:
        found = _AT.match(str(e))
        if found is None:
            raise UsageError(f"the query does not parse: {str(e).splitlines()[0]}") from None
        line, column = int(found.group(1)), int(found.group(2))
        offset = _offset(text, line, column)
        name = _PNAME.search(text[:offset]) if "Prefix not found" in found.group(3) else None
        if name is None:
            raise UsageError(f"the query does not parse: {_at(text, line, column)}") from None
        prefix = name.group(1) or ""
        raise UsageError(
            f"the query does not parse: line {line}, column {column - (offset - name.start())}: "
            f"undeclared prefix '{prefix}:'",
            hint=f"declare it, PREFIX {prefix}: <IRI>; declared for every query: "
            + ", ".join(PREDECLARED),
        ) from None


def _offset(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    if line > len(lines):
        return len(text)
    return min(sum(len(x) + 1 for x in lines[: line - 1]) + column - 1, len(text))


def _at(text: str, line: int, column: int) -> str:
    """'line L, column C, at '...'': the position and the rest of its line (30 characters)."""
    rest = text[_offset(text, line, column) :].split("\n")[0].rstrip()
    if not rest:
        where = (
            "at the end of the line"
            if text[_offset(text, line, column) :].strip()
            else ("at the end of the query")
        )
        return f"line {line}, column {column}, {where}"
    return f"line {line}, column {column}, at {rest[:30] + ('…' if len(rest) > 30 else '')!r}"


def _services(tree: Any) -> Iterator[CompValue]:
    """The SERVICE patterns in a parse tree (rdflib's)."""
    from kg.store.querycheck import parse_nodes

    return (node for node in parse_nodes(tree) if node.name == "ServiceGraphPattern")
