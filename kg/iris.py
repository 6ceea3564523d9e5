"""The one place IRIs are made: minted from keys under the data base, or checked when given.

>>> mint("actor", "freeland")
rdflib.term.URIRef('https://w3id.org/tradekg/id/actor/freeland')
>>> mint("actor", "a b/c")
rdflib.term.URIRef('https://w3id.org/tradekg/id/actor/a%20b%2Fc')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from typing import TypeGuard
from urllib.parse import quote

from rdflib import URIRef

from kg.errors import InputError
from kg.terms import DATA

ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
_IRI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_DATA = str(DATA)
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f]')


@lru_cache(maxsize=8192)
def _segment(text: str) -> str:
    """One segment of a minted IRI, percent-encoded (remembered: the same segments, such as
    ``report`` or ``quote``, recur thousands of times in an ingest)."""
    return quote(text, safe="-._~")


def mint(*segments: str) -> URIRef:
    """The IRI ``<base>/id/<segment>/<segment>...``; each segment is percent-encoded."""
    if not segments or any(not s for s in segments):
        raise ValueError("mint() needs non-empty segments")
    return URIRef(str(DATA) + "/".join(_segment(s) for s in segments))


def child(parent: URIRef, *segments: str) -> URIRef:
    """A minted IRI under a minted parent (``<parent>/<segment>...``)."""
    if not parent.startswith(_DATA):
        raise ValueError(f"{parent} is not a tradekg data IRI")
    return URIRef("/".join((parent, *(_segment(s) for s in segments))))


def article_key(url: str) -> str:
    """The stable key of an article: 16 hex digits of the SHA-256 of its URL."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def article_iri(url: str) -> URIRef:
    return mint("article", article_key(url))


def article_graph(url: str) -> URIRef:
    return mint("graph", article_key(url))


def graph_of_article(article: URIRef) -> URIRef:
    """The named graph that holds an article (``id/article/K`` -> ``id/graph/K``)."""
    prefix = str(mint("article", "x"))[:-1]
    if not str(article).startswith(prefix):
        raise ValueError(f"{article} is not an article IRI")
    return mint("graph", str(article)[len(prefix) :])


def article_of_graph(graph: URIRef) -> URIRef:
    """The article a named graph holds (``id/graph/K`` -> ``id/article/K``)."""
    prefix = str(mint("graph", "x"))[:-1]
    if not str(graph).startswith(prefix):
        raise ValueError(f"{graph} is not an article graph IRI")
    return mint("article", str(graph)[len(prefix) :])


REFERENCE_GRAPH = mint("graph", "reference")
LINKS_GRAPH = mint("graph", "links")  # links between facts of different articles (kg.link)
# the nodes articles share and describe in the same words (a person first met in an article,
# a round of a negotiation, the software that drafted articles): described once, here, not in
# each article's graph, where a SPARQL store's union default graph would return one copy of
# the description per article. Every article that names such a node adds its description
# (a set: adding it again changes nothing); kg.rdf.split_shared says which triples go here.
SHARED_GRAPH = mint("graph", "shared")
# the counts of the whole store, kept by every write (kg.store.fixed.TOTALS_*): the sums of the
# counts that every graph but the shared one keeps of itself (kg.rdf.with_count), so that
# ``tradekg stats`` reads a dozen numbers instead of summing one per graph; not a prov:Bundle
# (no graph of the data), and absent from a store that has graphs without counts
COUNTS_GRAPH = mint("graph", "counts")
TOTALS = mint("counts", "store")
SHARED_NODES = tuple(str(mint(kind, "x"))[:-1] for kind in ("person", "negotiation", "software"))


def is_shared(node: object) -> TypeGuard[URIRef]:
    """Whether ``node`` is one the articles share (a person's, a round's or the software's
    node), described in SHARED_GRAPH."""
    return isinstance(node, URIRef) and str.startswith(node, SHARED_NODES)


def software_iri(name: str, version: str) -> URIRef:
    """The software agent that drafts facts, one IRI per version (``id/software/NAME/VERSION``).

    >>> software_iri("tradekg", "0.1.0")
    rdflib.term.URIRef('https://w3id.org/tradekg/id/software/tradekg/0.1.0')
    """
    return mint("software", name, version)


@lru_cache(maxsize=8192)  # the same names recur in every article that names them
def name_key(name: str) -> str:
    """A name as a key that ignores case, diacritics and punctuation: the words of the name,
    lower case, without accents, joined by hyphens.

    >>> name_key("Valdis Dombrovskis")
    'valdis-dombrovskis'
    >>> name_key("  Ildefonso GUAJARDO Villarreal ")
    'ildefonso-guajardo-villarreal'
    >>> name_key("Guillermo Gutiérrez") == name_key("Guillermo Gutierrez")
    True
    """
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return "-".join(w for w in re.split(r"[\W_]+", plain) if w)


def person_iri(name: str) -> URIRef:
    """The one IRI of a person the reference data does not name, for the whole store: from
    the normalised name (``id/person/valdis-dombrovskis``), so every article that names the
    person points at the same node, and two stores built from the same inputs agree.

    >>> person_iri("Valdis Dombrovskis")
    rdflib.term.URIRef('https://w3id.org/tradekg/id/person/valdis-dombrovskis')
    """
    key = name_key(name)
    if not key:
        raise ValueError(f"{name!r} has no letters or digits to make a key of")
    return mint("person", key)


def check_id(value: object, what: str) -> str:
    """An id as written in a YAML file: lower-case letters, digits, inner hyphens."""
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise InputError(
            f"{what} {value!r} is not a valid id",
            hint="use lower-case letters, digits and hyphens, e.g. 'sunset-clause'",
        )
    return value


def check_iri(value: str) -> URIRef:
    """An absolute IRI given by a user, refused if it could break out of RDF or SPARQL syntax,
    or if the store's own IRI parser refuses it (RFC 3987: a code point outside the ranges
    IRIs allow, such as U+FFF0, or a ``%`` not followed by two hex digits)."""
    require_iri(value)
    return URIRef(value)


def require_iri(value: str) -> None:
    """``check_iri`` without making a term of the IRI: for an IRI that is one already, whose
    text is about to be written (``kg.sparql_terms.render``, hundreds of times per article)."""
    hint = 'IRIs need a scheme such as https: and no spaces or <>"{}|^`\\ characters'
    if not _IRI_SCHEME.match(value) or _IRI_FORBIDDEN.search(value):
        raise InputError(f"{value!r} is not an absolute IRI", hint=hint)
    import pyoxigraph  # the engine's IRI parser; not imported by commands that never need it

    try:
        pyoxigraph.NamedNode(value)
    except (ValueError, UnicodeError) as e:  # UnicodeError: a lone surrogate
        raise InputError(f"{value!r} is not an absolute IRI: {e}", hint=hint) from None
