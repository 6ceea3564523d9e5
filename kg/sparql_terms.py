"""Rendering validated RDF terms as SPARQL/N-Triples syntax: the one function that writes
values into query or update text (``VALUES`` blocks, ``INSERT DATA``).

>>> render(Literal('say "hi"\\n'))
'"say \\\\"hi\\\\"\\\\n"'
>>> render(URIRef("https://w3id.org/tradekg/id/actor/freeland"))
'<https://w3id.org/tradekg/id/actor/freeland>'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.iris import check_iri

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
            "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_BNODE = re.compile(r"^[A-Za-z0-9_]+$")


def _escape(text: str) -> str:
    return _NEEDS_ESCAPE.sub(
        lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text)


def render_lines(triples: Iterable[tuple[Node, Node, Node]]) -> list[str]:
    """Triples as N-Triples statements without the final `` .`` (``<s> <p> "o"``)."""
    cache: dict[Node, str] = {}

    def r(term: Node) -> str:
        text = cache.get(term)
        if text is None:
            text = cache[term] = render(term)
        return text

    return [f"{r(s)} {r(p)} {r(o)}" for s, p, o in triples]


def render(term: Node) -> str:
    """A term in SPARQL syntax; raises ``InputError`` for an IRI that is not safe."""
    if isinstance(term, URIRef):
        return f"<{check_iri(str(term))}>"
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
