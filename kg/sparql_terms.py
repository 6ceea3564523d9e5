"""Rendering validated RDF terms as SPARQL/N-Triples syntax: the one function that writes
values into query or update text (``VALUES`` blocks, ``INSERT DATA``). ``bind_values`` binds
parameters for servers that have no binding API: a ``VALUES`` block of rendered terms at the
start of the query's outermost WHERE group.

>>> render(Literal('say "hi"\\n'))
'"say \\\\"hi\\\\"\\\\n"'
>>> render(URIRef("https://w3id.org/tradekg/id/actor/freeland"))
'<https://w3id.org/tradekg/id/actor/freeland>'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.iris import require_iri

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_BNODE = re.compile(r"^[A-Za-z0-9_]+$")


def _escape(text: str) -> str:
    return _NEEDS_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text)


def render_lines(triples: Iterable[tuple[Node, Node, Node]]) -> list[str]:
    """Triples as N-Triples statements without the final `` .`` (``<s> <p> "o"``)."""
    # IRIs repeat (subjects, predicates, classes): each is rendered once, and looked up by
    # the object itself (its hash is the string's). A literal is mostly said once: rendered
    # each time, not hashed (rdflib's Literal hash and equality run in Python).
    cache: dict[Node, str] = {}
    get = cache.get
    lines = []
    for s, p, o in triples:
        rs = get(s)
        if rs is None:
            rs = cache[s] = render(s)
        rp = get(p)
        if rp is None:
            rp = cache[p] = render(p)
        if type(o) is Literal:
            ro = render(o)
        else:
            ro = get(o)  # type: ignore[assignment]
            if ro is None:
                ro = cache[o] = render(o)
        lines.append(f"{rs} {rp} {ro}")
    return lines


def render(term: Node) -> str:
    """A term in SPARQL syntax; raises ``InputError`` for an IRI that is not safe."""
    if isinstance(term, URIRef):
        require_iri(term)
        return f"<{term}>"
    if isinstance(term, Literal):
        body = f'"{_escape(str(term))}"'
        if term.language:
            if not _LANG.match(term.language):
                raise ValueError(f"bad language tag {term.language!r}")
            return f"{body}@{term.language}"
        if term.datatype is not None and str(term.datatype) != XSD_STRING:
            return f"{body}^^{render(term.datatype)}"
        return body
    if isinstance(term, BNode):
        label = str(term)
        if not _BNODE.match(label):
            raise ValueError(f"bad blank node label {label!r}")
        return f"_:{label}"
    raise TypeError(f"cannot render {type(term).__name__} as a SPARQL term")


# --- binding by VALUES (remote stores) --------------------------------------------------------

_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
STRING = re.compile(
    "|".join(
        (
            r'"""(?:[^"\\]|\\.|"(?!""))*"""',
            r"'''(?:[^'\\]|\\.|'(?!''))*'''",
            r'"(?:[^"\\\n]|\\.)*"',
            r"'(?:[^'\\\n]|\\.)*'",
        )
    ),
    re.S,
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_.:-]*")
_VAR = re.compile(r"[?$]\w+")
_SUBSELECT = re.compile(r"\s*(?:#[^\n]*\n\s*)*SELECT\b", re.I)
Row = Mapping[str, Node | None]


def values_block(rows: Sequence[Row]) -> str:
    """A ``VALUES`` block of rendered terms, one line per row (None is ``UNDEF``).

    >>> values_block([{"actor": URIRef("https://w3id.org/tradekg/id/actor/freeland")}])
    'VALUES (?actor) {\\n  (<https://w3id.org/tradekg/id/actor/freeland>)\\n}'

    One row of several variables is one block per variable, the same join: Virtuoso 7.2.5
    stops answering, every query after it too, when ``objections`` gets its issue and its
    proposal in one block of two variables, and answers them as two blocks (tests/test_backends.py).

    >>> print(values_block([{"a": Literal("x"), "b": None, "c": Literal("z")}]))
    VALUES (?a) {
      ("x")
    }
    VALUES (?c) {
      ("z")
    }
    """
    names = list(dict.fromkeys(name for row in rows for name in row))
    for name in names:
        if not _VARNAME.match(name):
            raise ValueError(f"bad variable name {name!r}")
    if len(rows) == 1 and len(names) > 1:
        row = rows[0]
        return "\n".join(values_block([{n: row[n]}]) for n in names if row.get(n) is not None)

    def term(value: Node | None) -> str:
        if value is None:
            return "UNDEF"
        if isinstance(value, BNode):
            raise ValueError("a blank node cannot be bound to a query variable")
        return render(value)

    lines = ("  (" + " ".join(term(row.get(name)) for name in names) + ")" for row in rows)
    return "VALUES (" + " ".join(f"?{n}" for n in names) + ") {\n" + "\n".join(lines) + "\n}"


def _tokens(query: str) -> Iterator[tuple[str, int, int]]:
    """Keywords (upper-cased) and braces outside comments, strings, IRIs and variables, with
    their offset and brace depth (keywords inside parentheses are not reported)."""
    i, n = 0, len(query)
    depth = parens = 0
    while i < n:
        c = query[i]
        match = None
        if c == "#":
            end = query.find("\n", i)
            i = n if end < 0 else end
            continue
        if c in "\"'":
            match = STRING.match(query, i)
            if match is None:
                raise ValueError("the query has an unterminated string")
        elif c == "<":
            match = IRIREF.match(query, i)
        elif c in "?$":
            match = _VAR.match(query, i)
        elif c.isalpha() or c == "_":
            match = _WORD.match(query, i)
            if match is not None and parens == 0:
                yield match.group().upper(), i, depth
        elif c == "(":
            parens += 1
        elif c == ")":
            parens -= 1
        elif c == "{" and parens == 0:
            yield c, i, depth
            depth += 1
        elif c == "}" and parens == 0:
            depth -= 1
            yield c, i, depth
        i = match.end() if match is not None else i + 1


# the query forms, by the name rdflib's parser gives each (kg.queries.adhoc, kg.store.querycheck)
PARSED_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}
_FORMS = tuple(PARSED_FORMS.values())
_UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")


def query_form(query: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE; UPDATE for an update request; None if neither.

    >>> query_form("PREFIX ex: <http://example.org/select#> # DESCRIBE\\nASK { ?s ?p ?o }")
    'ASK'
    """
    for token, _, depth in _tokens(query):
        if depth == 0 and token in _FORMS:
            return token
        if depth == 0 and token in _UPDATES:
            return "UPDATE"
    return None


def _where_group(query: str) -> tuple[int, int]:
    """Offsets of the ``{`` that opens the query's outermost WHERE group and of its ``}``
    (a CONSTRUCT template is not the WHERE group)."""
    form: str | None = None
    after_where = False
    groups = 0
    start: int | None = None
    for token, at, depth in _tokens(query):
        if depth != 0:
            continue
        if token == "{":
            if start is None and (after_where or form != "CONSTRUCT" or groups > 0):
                start = at
            groups += 1
        elif token == "}":
            if start is not None:
                return start, at
        elif form is None and token in _FORMS:
            form = token
        elif token == "WHERE":
            after_where = True
    raise ValueError("the query has no WHERE group")


def bind_values(query: str, bindings: Mapping[str, Node] | Sequence[Row]) -> str:
    """``query`` with the bindings as a ``VALUES`` block at the start of its WHERE group.

    ``bindings`` is one row (name -> term) or a list of rows. Without bindings the query is
    returned as it is. A WHERE group that is a bare sub-select is wrapped in braces first.

    >>> bind_values("SELECT ?x WHERE { ?x a ?c }", {"c": URIRef("http://example.org/C")})
    'SELECT ?x WHERE {\\nVALUES (?c) {\\n  (<http://example.org/C>)\\n}\\n ?x a ?c }'
    """
    rows: Sequence[Row] = [bindings] if isinstance(bindings, Mapping) else bindings
    if not rows or not any(rows):
        return query
    start, end = _where_group(query)
    block = values_block(rows)
    inner = query[start + 1 : end]
    if _SUBSELECT.match(inner):
        inner = "{" + inner + "}"
    return query[: start + 1] + "\n" + block + "\n" + inner + query[end:]


_PLAIN_KEY = re.compile(r"(?<![\w(?$])[?$](\w+)")
_DIRECTED_KEY = re.compile(r"(?i:ASC|DESC)\(\s*[?$](\w+)\s*\)")


def page(query: str, variables: Sequence[str], size: int, offset: int) -> str:
    """One page of a SELECT query's answer, for a server that cuts answers at ``size`` rows.

    The query's ORDER BY is extended with every projected variable (``variables``), or one is
    added, so the order is total and consistent with the query's own; the query becomes a
    sub-select, and LIMIT/OFFSET go outside it (Virtuoso sorts a sub-select whole but refuses
    an ORDER BY with an OFFSET past its sort limit). Pages are then disjoint and complete, and
    in the query's order.

    >>> print(page("PREFIX ex: <http://example.org/> SELECT ?a WHERE { ?a ex:p ?b } LIMIT 50",
    ...            ["a"], 10, 20))
    PREFIX ex: <http://example.org/> SELECT * WHERE {
    {
    SELECT ?a WHERE { ?a ex:p ?b }
    ORDER BY ?a
    LIMIT 50
    }
    } LIMIT 10 OFFSET 20

    A variable the ORDER BY already sorts by (``?v``, ``DESC(?v)``) is not added again:

    >>> print(page("SELECT ?a ?b WHERE { ?a <p> ?b } ORDER BY DESC(?a)", ["a", "b"], 5, 0))
    SELECT * WHERE {
    {
    SELECT ?a ?b WHERE { ?a <p> ?b } ORDER BY DESC(?a)
    ?b
    }
    } LIMIT 5 OFFSET 0
    """
    if size < 1 or offset < 0:
        raise ValueError("a page has at least one row and starts at 0 or later")
    for name in variables:
        if not _VARNAME.match(name):
            raise ValueError(f"bad variable name {name!r}")
    _, end = _where_group(query)
    begin = ordered = modifiers = None
    for token, at, depth in _tokens(query):
        if depth:
            continue
        if begin is None and token in _FORMS:
            begin = at
        elif at > end and token == "ORDER":
            ordered = True
        elif at > end and modifiers is None and token in ("LIMIT", "OFFSET", "VALUES"):
            modifiers = at
    if begin is None or query_form(query) != "SELECT":
        raise ValueError("only a SELECT query can be paged")
    cut = len(query) if modifiers is None else modifiers
    if ordered:
        # the variables the query already sorts by are not sorted by again (Virtuoso allows
        # 20 keys at most, and a query whose own ORDER BY is total needs none added)
        clause = query[end + 1 : cut]
        clause = clause[clause.upper().index("ORDER") :] if "ORDER" in clause.upper() else ""
        done = set(_PLAIN_KEY.findall(clause)) | set(_DIRECTED_KEY.findall(clause))
        variables = [name for name in variables if name not in done]
    keys = " ".join(f"?{name}" for name in variables)
    order = f"\n{keys}\n" if ordered else f"\nORDER BY {keys}\n"
    inner = query[begin:cut].rstrip() + order + query[cut:].strip()
    return (
        f"{query[:begin]}SELECT * WHERE {{\n{{\n{inner.rstrip()}\n}}\n}} "
        f"LIMIT {size} OFFSET {offset}"
    )
