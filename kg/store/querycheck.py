"""What a query for a read-only, local store may not ask (the SPARQL endpoint of ``tradekg
serve``, and ``tradekg sparql`` with a time limit), decided on the query's tokens or on the
parsed query, never on substrings alone.

Refused (HTTP 403): every update
(``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ...), ``SERVICE`` anywhere in the query
(Oxigraph would call the remote endpoint), and ``FROM``/``FROM NAMED`` (or the protocol's
``default-graph-uri``/``named-graph-uri``) naming a graph this store does not hold: the
endpoint reads its own graphs and never fetches anything.

Most queries pass on their tokens alone (``_read_shape``): a text that opens with a query form
after its prologue, with no FROM keyword outside strings, IRIs and comments, no "service"
anywhere in it, not even in a literal, and no ``\\u`` escape (SPARQL decodes those before
parsing, so they could spell a keyword). That takes microseconds. Every other text is parsed
with rdflib's SPARQL 1.1 grammar (50-250 ms of CPU for a saved query, one parse at a time: the
endpoint's answers waited for it, benchmarks/README.md): an update, a SERVICE, a FROM to
resolve, and a syntax error, which is a 400 with the parser's message. A text that passes on
its tokens but does not parse gets the engine's message when it runs, also a 400.

>>> check("SELECT * WHERE { ?s ?p ?o }", set()).form
'SELECT'
>>> check("LOAD <http://example.org/data.ttl>", set())
Traceback (most recent call last):
...
kg.errors.Refused: LOAD is refused: this endpoint is read-only and fetches nothing
"""

from __future__ import annotations

import re
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
from kg.sparql_terms import IRIREF, PARSED_FORMS, STRING

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


# what the tokens are read from: comments, strings and IRIs each made one neutral token
_SKIPPED = re.compile("|".join((r"#[^\n]*", STRING.pattern, IRIREF.pattern)), re.S)
_OPENING = re.compile(
    r"\s*(?:(?:PREFIX\s*[^\s:<>]*:\s*<>|BASE\s*<>)\s*)*(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:-])",
    re.I,
)
# the keyword, not a variable (?from), a prefixed name's local part (ex:from) or a longer word
_FROM = re.compile(r"(?<![\w?$:.-])FROM(?![\w-])", re.I)


def _neutral(token: re.Match[str]) -> str:
    first = token.group()[0]
    return " " if first == "#" else "<>" if first == "<" else " 0 "


def _read_shape(text: str) -> _Shape | None:
    """The shape of a query that passes on its tokens alone, or None: parse it."""
    if "\\u" in text or "\\U" in text or "service" in text.lower():
        return None
    tokens = _SKIPPED.sub(_neutral, text)
    if "'" in tokens or '"' in tokens:  # a string that does not end: the parser says where
        return None
    opening = _OPENING.match(tokens)
    if opening is None or _FROM.search(tokens):
        return None
    return _Shape(opening.group(1).upper(), False, (), ())


def _shape(text: str) -> _Shape:
    """The shape of the query ``text``, or ParseException."""
    return _read_shape(text) or _parsed_shape(text)


@lru_cache(maxsize=1024)
def _parsed_shape(text: str) -> _Shape:
    """The shape of the query ``text`` parsed, or ParseException (not cached). A client that
    sends the same text again is not parsed again."""
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
