"""HTML for people: plain pages, everything from the data escaped, no scripts, no assets.

Every IRI under ``https://w3id.org/tradekg/`` is linked to the same path on this server
(``local``): the server publishes the whole base, so links work without the redirect.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import unquote

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.queries.formats import compact
from kg.terms import BASE

STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;
line-height:1.45;color:#222}
a{color:#0645ad}nav{border-bottom:1px solid #ccc;padding-bottom:.4rem;margin-bottom:1rem}
nav a{margin-right:1rem}table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}blockquote{border-left:4px solid #bbb;margin:.5rem 0;padding:.2rem .8rem;
background:#fafafa}code,pre{background:#f6f6f6}pre{padding:.5rem;overflow:auto}
.note{color:#555}.error{border:1px solid #c00;background:#fee;padding:.5rem}
.warning{border:1px solid #c90;background:#ffd;padding:.5rem}
label{display:block;margin-top:.4rem}textarea{width:100%}.scroll{overflow-x:auto}
"""


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def local(iri: str) -> str | None:
    """The path on this server that publishes ``iri``, if it is under the tradekg base."""
    if iri.startswith(BASE):
        return "/" + iri[len(BASE) :]
    return None


def page(title: str, body: str, *, status_note: str = "") -> bytes:
    """A whole HTML document."""
    note = f'<p class="warning">{esc(status_note)}</p>' if status_note else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)} · tradekg</title><style>{STYLE}</style></head><body>"
        '<nav><a href="/">tradekg</a><a href="/queries">Saved queries</a>'
        '<a href="/sparql">SPARQL</a><a href="/.well-known/void">Dataset</a>'
        '<a href="/ontology">Ontology</a></nav>'
        f"<main><h1>{esc(title)}</h1>{note}{body}</main></body></html>\n"
    ).encode()


def readable(iri: str) -> str:
    """A name for an IRI that has no label: a minted one by what it is and its id, never its
    path ("demand isds-opt-out", "actor de-wolf"); any other in its prefixed form.

    >>> readable("https://w3id.org/tradekg/id/article/11f0a1b12fa8bf03/demand/isds-opt-out")
    'demand isds-opt-out'
    >>> readable("https://w3id.org/tradekg/id/actor/canada")
    'actor canada'
    """
    path = local(iri)
    if path is None or not path.startswith("/id/"):
        return compact(URIRef(iri))
    parts = [unquote(p) for p in path.removeprefix("/id/").split("/") if p]
    if parts[:1] == ["article"] and len(parts) > 2:
        parts = parts[2:]  # what the article minted: <kind>/<id>[/<part>...]
    return " ".join(parts[-2:]) if len(parts) > 1 else " ".join(parts)


def link(iri: str, text: str | None = None) -> str:
    """An anchor to an IRI: on this server when it is ours, else to the IRI itself when it
    is an http(s) IRI; any other IRI (``urn:``, ``javascript:``) is shown, not linked."""
    shown = esc(text or readable(iri))
    target = local(iri) or (iri if iri.lower().startswith(("http://", "https://")) else None)
    return f'<a href="{esc(target)}">{shown}</a>' if target else shown


def term(value: Node | None, labels: Mapping[str, str] | None = None) -> str:
    """A term as a person reads it: linked labels for IRIs, text for literals."""
    if value is None:
        return ""
    if isinstance(value, URIRef):
        label = (labels or {}).get(str(value))
        return link(str(value), label)
    if isinstance(value, Literal):
        return esc(str(value))
    return esc(str(value))


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A table; the cells are HTML already (escape them with esc or term)."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (
        f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
        "</table></div>"
    )


def prose(text: str) -> str:
    """Text written for people, escaped, with `code` in backticks set as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", esc(text))


def paragraphs(text: str) -> str:
    return "".join(f"<p>{esc(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


def error_page(status: int, message: str) -> bytes:
    titles = {
        400: "Bad request",
        403: "Refused",
        404: "Not found",
        405: "Not allowed",
        406: "Not acceptable",
        413: "Too large",
        500: "Server error",
        503: "Unavailable",
    }
    return page(titles.get(status, "Error"), f'<p class="error">{esc(message)}</p>')
