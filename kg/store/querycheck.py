"""What a query for a read-only, local store may not ask (the SPARQL endpoint of ``tradekg
serve``, and ``tradekg sparql`` with a time limit), decided on the parsed query, never on
substrings.

The text is parsed with rdflib's SPARQL 1.1 grammar. Refused (HTTP 403): every update
(``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ...), ``SERVICE`` anywhere in the query
(Oxigraph would call the remote endpoint), and ``FROM``/``FROM NAMED`` (or the protocol's
``default-graph-uri``/``named-graph-uri``) naming a graph this store does not hold: the
endpoint reads its own graphs and never fetches anything. A query rdflib cannot parse is a
400 with the parser's message.

>>> check("SELECT * WHERE { ?s ?p ?o }", set()).form
'SELECT'
>>> check("LOAD <http://example.org/data.ttl>", set())
Traceback (most recent call last):
...
kg.errors.Refused: LOAD is refused: this endpoint is read-only and fetches nothing
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Set
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pyparsing import ParseException, ParseResults
from rdflib.plugins.sparql.algebra import translatePrologue
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from kg.errors import QuerySyntaxError, Refused
from kg.sparql_terms import PARSED_FORMS

_PARSER = threading.Lock()  # pyparsing grammars are not documented as thread-safe


@dataclass(frozen=True)
class Checked:
    """A query the endpoint will run: its form and the graphs its FROM clauses name."""

    form: str
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]


def parse_nodes(tree: Any) -> Iterator[CompValue]:
    """Every CompValue in a parse tree."""
    if isinstance(tree, CompValue):
        yield tree
        for value in tree.values():
            yield from parse_nodes(value)
    elif isinstance(tree, ParseResults | list | tuple):
        for item in tree:
            yield from parse_nodes(item)


def _refuse_update(text: str, error: ParseException) -> None:
    try:
        with _PARSER:
            update = parseUpdate(text)
    except ParseException:
        raise QuerySyntaxError(
            str(error),
            hint="the endpoint runs SPARQL 1.1 SELECT, ASK, CONSTRUCT and DESCRIBE queries",
        ) from None
    operations = [op.name for op in update.request or []]
    if "Load" in operations:
        raise Refused("LOAD is refused: this endpoint is read-only and fetches nothing")
    raise Refused(
        "updates are refused: this endpoint is read-only",
        hint="it answers SELECT, ASK, CONSTRUCT and DESCRIBE queries",
    )


def check_graphs(iris: tuple[str, ...], known: Set[str], clause: str) -> None:
    for iri in iris:
        if iri not in known:
            raise Refused(
                f"{clause} <{iri}> is not a graph of this store: the endpoint reads "
                "only its own graphs and fetches nothing"
            )


@dataclass(frozen=True)
class _Shape:
    """What the checks need of a parsed query (kept, unlike the parse tree, which is large)."""

    form: str
    service: bool
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]


@lru_cache(maxsize=1024)
def _shape(text: str) -> _Shape:
    """The shape of the query ``text``, or ParseException (not cached). Parsing with rdflib's
    grammar costs 50-250 ms of CPU for a saved query, under one lock: the server's answers
    waited for it (benchmarks/README.md, serving under load); a client that sends the same
    text again is not parsed again."""
    with _PARSER:
        parsed = parseQuery(text)
    prologue, query = parsed[0], parsed[1]
    service = any(node.name == "ServiceGraphPattern" for node in parse_nodes(query))
    defaults: list[str] = []
    named: list[str] = []
    if "datasetClause" in query:
        resolve = translatePrologue(prologue, None).absolutize
        for clause in query["datasetClause"]:
            if "default" in clause:
                defaults.append(str(resolve(clause["default"])))
            if "named" in clause:
                named.append(str(resolve(clause["named"])))
    return _Shape(PARSED_FORMS[query.name], service, tuple(defaults), tuple(named))


def check(text: str, known_graphs: Set[str]) -> Checked:
    """The query's form, or Refused or QuerySyntaxError."""
    try:
        shape = _shape(text)
    except ParseException as e:
        _refuse_update(text, e)
        raise AssertionError("unreachable") from None
    return _check_shape(
        shape, known_graphs, "SERVICE is refused: this endpoint does not query other endpoints"
    )


def check_local(text: str, known_graphs: Set[str]) -> None:
    """For a query the owner of an embedded store runs on it (``tradekg sparql``): refuse
    ``SERVICE`` and ``FROM``/``FROM NAMED`` naming a graph the store does not hold, which
    Oxigraph would fetch. An update is left to the engine, which refuses it without running
    it; text that is neither a query nor an update is a QuerySyntaxError."""
    try:
        shape = _shape(text)
    except ParseException as e:
        try:
            with _PARSER:
                parseUpdate(text)
        except ParseException:
            raise QuerySyntaxError(
                str(e),
                hint="tradekg sparql runs SPARQL 1.1 queries; updates are refused",
            ) from None
        return
    _check_shape(shape, known_graphs, "SERVICE is refused: tradekg does not query other endpoints")


def _check_shape(shape: _Shape, known_graphs: Set[str], service: str) -> Checked:
    if shape.service:
        raise Refused(service)
    check_graphs(shape.default_graphs, known_graphs, "FROM")
    check_graphs(shape.named_graphs, known_graphs, "FROM NAMED")
    return Checked(shape.form, shape.default_graphs, shape.named_graphs)
