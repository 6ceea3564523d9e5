"""Turning what a user typed ("Freeland", "sunset clause", an id or an IRI) into RDF terms.

Values are matched by binding them into fixed lookup queries, never by pasting them into
query text. A name must match exactly one thing, case-insensitively, or the user is told
what matched (or what came close).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from functools import cache

from rdflib import RDFS, XSD, Literal, URIRef
from rdflib.term import Node

from kg.errors import InputError, UsageError
from kg.iris import ID_PATTERN, check_iri, child, mint, name_key
from kg.kinds import KINDS, family_classes
from kg.queries.catalogue import SavedQuery
from kg.resources import ontology_graph
from kg.store import Store
from kg.terms import SPARQL_PREFIXES, TKG

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")

# what a parameter type may name: instances of these classes or their subclasses
TOPS: dict[str, tuple[URIRef, ...]] = {
    "actor": (TKG.Actor,),
    "issue": (TKG.Issue,),
    "agreement": (TKG.TradeAgreement,),
    "negotiation": (TKG.Thread,),
    "place": (TKG.Place,),
    "proposal": (TKG.Proposal,),
    "article": (TKG.Article,),
    "fact": family_classes(),
}
# the IRI segment before an id: id/actor/freeland, id/article/<key>/proposal/sunset-clause
SEGMENT = {
    "actor": "actor",
    "issue": "issue",
    "agreement": "agreement",
    "negotiation": "negotiation",
    "place": "place",
    "proposal": KINDS["proposals"].segment,
    "article": "article",
    "fact": "",
}

# Lookups, each a fixed query; values are bound by substitution. (pyoxigraph substitutes only
# variables that are projected, hence the extra columns.) Classes are bound one at a time:
# joining on a bound class is an index lookup, where a subclass path is a scan.
_PREFIXES = SPARQL_PREFIXES
_TYPES = "SELECT ?x ?type WHERE { ?x a ?type }"
_BY_URL = _PREFIXES + "SELECT ?x ?url WHERE { ?x schema:url ?url }"
_BY_LABEL = (
    _PREFIXES
    + """
SELECT DISTINCT ?x ?label WHERE {
  ?x rdfs:label|skos:altLabel|tkg:printedDescription|schema:headline ?label
}"""
)
_BY_SUFFIX = "SELECT ?x ?cls ?suffix WHERE { ?x a ?cls . FILTER(STRENDS(STR(?x), ?suffix)) }"
_BY_NAME = (
    _PREFIXES
    + """
SELECT DISTINCT ?x ?cls ?needle WHERE {
  ?x a ?cls ; rdfs:label|skos:altLabel|tkg:printedDescription|schema:headline ?l .
  FILTER(LCASE(STR(?l)) = ?needle)
}"""
)
_LABEL = (
    _PREFIXES
    + """
SELECT ?x (SAMPLE(?name) AS ?label) WHERE {
  OPTIONAL { ?x rdfs:label|schema:headline|tkg:summary ?name }
} GROUP BY ?x
"""
)
_NAMES = _PREFIXES + "SELECT DISTINCT ?l ?x ?cls WHERE { ?x a ?cls ; rdfs:label|skos:altLabel ?l }"
# Kinds of which every article defines instances (an article's unnamed source and groups, its
# proposals, the article, its facts): tens of thousands of nodes at 10k articles, where
# reading each class's names (the subclasses again after tkg:Actor) took seconds. For these,
# the store's names are read once: the distinct names that match, then the nodes that bear
# one of them (a bound name is an index lookup), then their classes.
_GROWING = frozenset({"actor", "proposal", "article", "fact"})
_ANY_NAME = (
    _PREFIXES
    + """
SELECT DISTINCT ?l ?needle WHERE {
  ?x rdfs:label|skos:altLabel|tkg:printedDescription|schema:headline ?l .
  FILTER(LCASE(STR(?l)) = ?needle)
}"""
)
# an actor's names: its label, its aliases, and an unnamed source's words in the article
_ALL_NAMES = (
    _PREFIXES + "SELECT DISTINCT ?l WHERE { ?x rdfs:label|skos:altLabel|tkg:printedDescription ?l }"
)
_EVERY_NAME = 1_000_000_000  # past a reader's own row limit (serve's --max-rows)
_NAMED = _PREFIXES + "SELECT ?x ?l WHERE { ?x rdfs:label|skos:altLabel|tkg:printedDescription ?l }"
# the proposals of a thread, the one of the earliest article first
_OF_THREAD = (
    _PREFIXES
    + """
SELECT ?x ?thread WHERE {
  ?x tkg:thread ?thread ; a tkg:Proposal ; tkg:report/tkg:inArticle ?article .
  ?article schema:datePublished ?published
} ORDER BY ?published ?x"""
)


@cache
def classes(kind: str) -> tuple[URIRef, ...]:
    """The classes whose instances a parameter of this type may name (from the ontology)."""
    found: set[URIRef] = set()
    for top in TOPS[kind]:
        for c in ontology_graph().transitive_subjects(RDFS.subClassOf, top):
            if isinstance(c, URIRef):
                found.add(c)
    return tuple(sorted(found))


def _typed(store: Store, kind: str, candidates: dict[URIRef, None]) -> list[URIRef]:
    allowed = set(classes(kind))
    return sorted(
        x
        for x in candidates
        if any(row[1] in allowed for row in store.select(_TYPES, {"x": x}).rows)
    )


def _matches(store: Store, kind: str, value: str) -> list[URIRef]:
    """Everything of ``kind`` that ``value`` names: an IRI, a URL, an id, or a name.

    An IRI or an id names exactly; a name (label or alias) is matched as written, then, if
    nothing matches, case-insensitively.
    """
    found: dict[URIRef, None] = {}

    def add(rows: list[tuple[Node | None, ...]]) -> None:
        for row in rows:
            if isinstance(row[0], URIRef):
                found[row[0]] = None

    if _SCHEME.match(value):
        with suppress(InputError):  # not an IRI we could have minted; maybe still a name
            found[check_iri(value)] = None
        if kind == "article":
            add(store.select(_BY_URL, {"url": Literal(value, datatype=XSD.anyURI)}).rows)
    elif ID_PATTERN.match(value):
        segment = SEGMENT[kind]
        suffix = Literal(f"/{segment}/{value}" if segment else f"/{value}")
        if segment and kind not in ("proposal", "article"):
            exact = _typed(store, kind, {mint(segment, value): None})
            if exact:
                return exact  # a reference id names exactly one thing
        if kind == "actor":  # a person's key: id/person/valdis-dombrovskis
            exact = _typed(store, kind, {mint("person", value): None})
            if exact:
                return exact
        for cls in classes(kind):
            add(store.select(_BY_SUFFIX, {"cls": cls, "suffix": suffix}).rows)
    typed = _typed(store, kind, found)
    if typed:
        return typed
    add(store.select(_BY_LABEL, {"label": Literal(value)}).rows)
    typed = _typed(store, kind, found)
    if typed:
        return typed
    needle = Literal(value.lower())
    from kg.queries.keyed import keeps

    # an actor: from the store's names, kept by its generation (_names); a server, which keeps
    # nothing, matches them itself
    if kind == "actor" and keeps(store):
        for known in _names(store):
            if str(known).lower() == str(needle):
                add(store.select(_BY_LABEL, {"label": known}).rows)
    elif kind in _GROWING:
        for name, _ in store.select(_ANY_NAME, {"needle": needle}).rows:
            if name is not None:
                add(store.select(_BY_LABEL, {"label": name}).rows)
    else:
        for cls in classes(kind):
            add(store.select(_BY_NAME, {"cls": cls, "needle": needle}).rows)
    typed = _typed(store, kind, found)
    if typed:
        return typed
    if kind == "proposal":
        return _first_of_thread(store, value)
    if kind != "actor":
        return typed
    return _by_name_key(store, value)


_ROUND = re.compile(r"([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)/round/([1-9][0-9]{0,3})")
# the day a round ended as its articles date it: the last day of their times of the round,
# else the latest publication of an article that reports it
_ROUND_DATE = (
    _PREFIXES
    + """
SELECT ?round (MAX(?day) AS ?date) WHERE {
  ?round skos:broader ?negotiation .
  ?event tkg:thread ?round ; tkg:report/tkg:inArticle ?article .
  OPTIONAL { ?event tkg:time/tkg:end ?end }
  ?article schema:datePublished ?published .
  BIND(COALESCE(?end, ?published) AS ?day)
} GROUP BY ?round"""
)


def _round_date(store: Store, value: str) -> Literal | None:
    """The day a round stands for as a date parameter (positions as of round 7): the round
    named as <negotiation id>/round/<n>, by its name or IRI."""
    match = _ROUND.fullmatch(value)
    if match:
        rounds = [child(mint("negotiation", match[1]), "round", match[2])]
    elif _SCHEME.match(value):
        try:
            rounds = [check_iri(value)]
        except InputError:
            return None
    else:
        rounds = [
            r[0]
            for r in store.select(
                _BY_NAME, {"cls": TKG.Thread, "needle": Literal(value.lower())}
            ).rows
            if isinstance(r[0], URIRef)
        ]
    for iri in rounds:
        rows = store.select(_ROUND_DATE, {"round": iri}).rows
        if rows and isinstance(rows[0][1], Literal):
            return Literal(rows[0][1].toPython(), datatype=XSD.date)
    return None


def _first_of_thread(store: Store, value: str) -> list[URIRef]:
    """The proposal a thread's id or name stands for: the one of its earliest article (the
    others are one with it: proposal-history follows the thread to them)."""
    threads = _matches(store, "negotiation", value)  # a thread: id/thread/<id> or a name
    if ID_PATTERN.match(value):
        threads += _typed(store, "negotiation", {mint("thread", value): None})
    for thread in dict.fromkeys(threads):
        rows = store.select(_OF_THREAD, {"thread": thread}).rows
        if rows and isinstance(rows[0][0], URIRef):
            return [rows[0][0]]
    return []


def _names(store: Store) -> Sequence[Literal]:
    """The store's distinct names and aliases (rdfs:label, skos:altLabel) and the words an
    article uses for an unnamed source (tkg:printedDescription, its label only when it has no
    name), kept by the store's generation as a listing's sorted keys are (kg.queries.keyed):
    reading them is a scan of every name in the store (every article names its groups and
    sources: 46 ms of CPU at 10,000 synthetic articles, and a case-insensitive match of every
    label, alias, headline and description 0.26 s), which a name that is not written exactly,
    as a surname, needed at each call."""
    from kg.queries.keyed import kept_terms

    def read() -> list[Literal]:
        rows = store.select(_ALL_NAMES, max_rows=_EVERY_NAME).rows
        return sorted({label for (label,) in rows if isinstance(label, Literal)}, key=str)

    return [name for name in kept_terms(store, _ALL_NAMES, read) or () if isinstance(name, Literal)]


def _by_name_key(store: Store, value: str) -> list[URIRef]:
    """Actors whose name or alias is ``value`` but for case, diacritics and punctuation
    ("Guillermo Gutierrez" for "Guillermo Gutiérrez"), else people whose surname it is
    ("Dombrovskis", "Gutierrez"): the last word of a person's name or alias. Matching is done
    here, not in SPARQL, which cannot set diacritics aside."""
    key = name_key(value)
    if not key:
        return []
    # the store's distinct names, each turned into a key once
    keys = {label: name_key(str(label)) for label in _names(store)}

    def bearing(labels: Iterable[Literal]) -> dict[URIRef, None]:
        found: dict[URIRef, None] = {}
        for label in labels:
            for row in store.select(_NAMED, {"l": label}).rows:
                if isinstance(row[0], URIRef):
                    found[row[0]] = None
        return found

    whole = _typed(store, "actor", bearing(label for label, k in keys.items() if k == key))
    if whole:
        return whole
    if "-" in key:  # more than one word: a whole name, and none matched
        return []
    surname = bearing(label for label, k in keys.items() if k.rsplit("-", 1)[-1] == key)
    return sorted(
        x
        for x in surname
        if any(row[1] == TKG.Person for row in store.select(_TYPES, {"x": x}).rows)
    )


def resolve(store: Store, kind: str, raw: str, name: str = "value") -> Node:
    """The RDF term a parameter value stands for."""
    value = raw.strip()
    if kind == "string":
        return Literal(value)
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise UsageError(f"parameter {name!r} must be a whole number, not {raw!r}")
        return Literal(int(value))
    if kind == "date":
        try:
            return Literal(dt.date.fromisoformat(value), datatype=XSD.date)
        except ValueError:
            day = _round_date(store, value)
            if day is None:
                raise UsageError(
                    f"parameter {name!r} must be a date (YYYY-MM-DD) or a round of a "
                    f"negotiation the store holds, not {raw!r}",
                    hint="name a round as <negotiation id>/round/<n> "
                    "(nafta-renegotiation/round/5), by its name (Round 5 of the NAFTA "
                    "renegotiation) or its IRI",
                ) from None
            return day
    if not value:
        raise UsageError(f"parameter {name!r} is empty")
    found = _matches(store, kind, value)
    if len(found) == 1:
        return found[0]
    if not found:
        names = [
            (str(r[0]), r[1], cls)
            for cls in classes(kind)
            for r in store.select(_NAMES, {"cls": cls}).rows
            if r[0] is not None and r[1] is not None
        ]
        close = suggest(value, _most_specific(names))
        hint = (
            ("did you mean " + ", ".join(repr(c) for c in close) + "?")
            if close
            else (f"give an id, an IRI, or a name or alias of {_a(kind)} in the store")
        )
        raise UsageError(f"no {kind} matches {raw!r} (parameter {name!r})", hint=hint)
    listed = []
    for iri in found[:6]:
        rows = store.select(_LABEL, {"x": iri}).rows
        label = rows[0][1] if rows else None
        listed.append(f"{iri} ({label})" if label is not None else str(iri))
    raise UsageError(
        f"{raw!r} matches {len(found)} {kind}s (parameter {name!r}): " + "; ".join(listed),
        hint="give the id or the IRI of the one you mean"
        + (", or the id of its thread" if kind == "proposal" else ""),
    )


SIMILAR = 0.8  # difflib's ratio: 'Freland' ~ 'Freeland' (0.93), not 'Trudeau' ~ 'Tuvalu' (0.62)


def suggest(value: str, names: Iterable[tuple[str, Node, Node]], n: int = 3) -> list[str]:
    """Names that ``value`` may have been meant as, best first, at most ``n``.

    ``names`` are (name, thing, class) triples. A name one of whose words is ``value``
    ('Chrystia' for 'Chrystia Freeland') comes first, then names close to it as a whole, then
    names with a word close to it (a misspelt surname). Case is ignored. Only close matches
    count, one name per thing, and only things of the same class as the best match: 'Freland'
    suggests Freeland, not Ireland.
    """
    needle = value.casefold()
    best: dict[Node, tuple[float, str, Node]] = {}
    for name, thing, cls in names:
        words = [w for w in re.split(r"[\W_]+", name.casefold()) if len(w) > 2]
        if needle in words:
            score = 3.0
        else:
            whole = difflib.SequenceMatcher(None, needle, name.casefold()).ratio()
            word = max(
                (difflib.SequenceMatcher(None, needle, w).ratio() for w in words), default=0.0
            )
            score = 2 + whole if whole >= SIMILAR else 1 + word if word >= SIMILAR else 0.0
        if score and (thing not in best or (-score, name) < (-best[thing][0], best[thing][1])):
            best[thing] = (score, name, cls)
    ranked = sorted(best.values(), key=lambda t: (-t[0], t[1]))
    return [name for _, name, cls in ranked if cls == ranked[0][2]][:n]


def _most_specific(names: Sequence[tuple[str, Node, Node]]) -> list[tuple[str, Node, Node]]:
    """The (name, thing, class) rows whose class is the thing's most specific one: a country
    is also typed tkg:Actor (ontology/README.md), and suggestions keep to one class."""
    from kg.rdf import tkg_superclasses  # here: kg.rdf and the model are no use to a query

    supers = tkg_superclasses()
    held: dict[Node, set[Node]] = {}
    for _, thing, cls in names:
        held.setdefault(thing, set()).add(cls)
    return [
        (name, thing, cls)
        for name, thing, cls in names
        if not any(
            cls in supers.get(other, ()) for other in held[thing] if isinstance(other, URIRef)
        )
    ]


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def resolve_params(store: Store, query: SavedQuery, raw: Mapping[str, str]) -> dict[str, Node]:
    """Check names against the query's declared parameters and resolve every value.

    The values come in the order the query declares its parameters, whatever order they are
    given in: a SPARQL server gets them as one ``VALUES`` block each in this order
    (kg.sparql_terms.values_block), and Oxigraph starts its plan from the first block. So a
    query declares first the parameter its plan is best started from (positions.rq: the actor
    before the issue; the other way round, the issue's proposals were joined to every act of
    the store before the actor was tested, 12× the CPU at 1k)."""
    declared = {p.name: p for p in query.params}
    for key in raw:
        if key not in declared:
            known = ", ".join(declared) or "none"
            raise UsageError(
                f"query {query.name!r} has no parameter {key!r}", hint=f"its parameters: {known}"
            )
    for p in query.params:
        if p.required and p.name not in raw:
            raise UsageError(
                f"query {query.name!r} needs parameter {p.name!r}",
                hint=f"add --param {p.name}=VALUE ({p.description})",
            )
    return {
        p.name: resolve(store, p.type, raw[p.name], p.name) for p in query.params if p.name in raw
    }
