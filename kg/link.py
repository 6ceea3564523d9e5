"""Identity across articles: links between facts of different articles that are one thing.

Articles keep their own nodes (a proposal is ``<article>/proposal/<id>``); what ties the
sunset clause of one article to the sunset clause of the next is a **link** in its own named
graph, ``id:graph/links``, never an edit of the article graphs (the two layers of NewsReader's
GAF: instances and their mentions). A link says which fact it joins to which (``from`` the
earlier article's fact), by what ``method``, how sure (``score``, 0 to 1) and where it stands
(``proposed`` by the linker, ``accepted`` or ``rejected`` by a person). A link is *followed*
when it is accepted, or proposed with a score at or above ``THRESHOLD``; for each followed link
the graph also states ``<from> tkg:sameAs <to>``, so a query reaches every fact that is one
with a given one through the path ``(tkg:sameAs|^tkg:sameAs)*``, across any number of articles.
A rejected link is kept, so running the linker again does not propose it again.

The linker (``propose``) compares proposals and threats of different articles, made by the
same actor or by actors tied by affiliation or group membership (the Trump administration and
the United States):

- proposals: the same issue (required); the same agreement (or one of them names none; two
  different agreements rule a pair out); summaries that share words. Score: 0.5 for the issue,
  +0.2 for the same proposer (+0.1 for a tied one), +0.1 for the same agreement (+0.05 when
  one names none), up to +0.2 for shared words (their Jaccard index);
- threats: threatened actions that share words: 0.4, +0.2 for the same agent (+0.1 tied), up
  to +0.4 for shared words;
- both: not when a curator named the thread of each (``thread:``): the same thread makes them
  one without a link, two threads two things; a fact with a thread is linked to facts without;
- both: published at most ``MAX_DAYS`` apart; pairs scoring under ``MIN_SCORE`` are not kept;
  each fact is compared with the ``COMPARE`` nearest facts of its kind, issue and group of
  actors on each side in time, and keeps its ``PER_FACT`` best links, so a thread that recurs in
  many articles becomes a chain, not every pair (which the path above follows end to end).

Links are deterministic: the same store gives the same links and IRIs
(``id:link/<16 hex digits of the SHA-256 of the two fact IRIs>``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.term import Node

from kg.errors import UsageError
from kg.iris import LINKS_GRAPH, mint
from kg.rdf import Triple, date_of, with_count
from kg.sparql_terms import render_lines
from kg.store import Store
from kg.terms import PROV, TKG

THRESHOLD = 0.7  # a proposed link at or above this score is followed by the queries
MIN_SCORE = 0.6  # the linker keeps no pair that scores less
MAX_DAYS = 3 * 366  # facts of articles further apart are not linked
PER_FACT = 2  # links the linker proposes for one fact, at most: its best matches
COMPARE = 50  # the facts it is compared with: the nearest of its block on each side
STATUSES = {"proposed": TKG.Proposed, "accepted": TKG.Accepted, "rejected": TKG.Rejected}
_STATUS_NAMES = {iri: name for name, iri in STATUSES.items()}
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "was",
        "were",
        "will",
        "with",
        "would",
    ]
)


@dataclass(frozen=True)
class Link:
    """A claim that ``source`` (in the earlier article) and ``target`` are one thing."""

    source: URIRef
    target: URIRef
    method: str
    score: float
    status: str = "proposed"  # proposed, accepted, rejected

    @property
    def iri(self) -> URIRef:
        digest = hashlib.sha256(f"{self.source} {self.target}".encode()).hexdigest()[:16]
        return mint("link", digest)

    @property
    def followed(self) -> bool:
        """Whether queries follow it: accepted, or proposed with a score at the threshold."""
        return self.status == "accepted" or (self.status == "proposed" and self.score >= THRESHOLD)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposal or threat as the linker compares it."""

    fact: URIRef
    kind: str  # proposal or threat
    article: URIRef
    published: dt.date | None
    agent: URIRef | None
    issue: URIRef | None
    agreement: URIRef | None
    words: frozenset[str]
    thread: URIRef | None = None  # the thread a curator named (``thread:``), if any


# the facts the linker compares, one query per kind, each read as it comes (index lookups
# from its first pattern): one UNION of both kinds joined to their reports took the process
# to 265 MB at 10k articles, these two to 163 and 113 MB, and grew faster with the store
# (benchmarks/README.md, 2026-12-05); no DISTINCT either, whose set of rows grows with the
# answer: a fact's rows after its first are skipped, as they were (a fact has one proposer,
# issue, agreement, summary or action, and its reports are in its own article)
_PROPOSALS = """PREFIX tkg: <https://w3id.org/tradekg/ontology#>
PREFIX schema: <https://schema.org/>
SELECT ?fact ?article ?published ?agent ?issue ?agreement ?text ?thread WHERE {
  ?fact tkg:proposer ?agent ;
        tkg:issue ?issue ;
        tkg:report ?report .
  ?report tkg:inArticle ?article .
  OPTIONAL { ?fact tkg:agreement ?agreement }
  OPTIONAL { ?fact tkg:summary ?text }
  OPTIONAL { ?article schema:datePublished ?published }
  OPTIONAL { ?fact tkg:thread ?thread }
}"""
_THREATS = """PREFIX tkg: <https://w3id.org/tradekg/ontology#>
PREFIX schema: <https://schema.org/>
SELECT ?fact ?article ?published ?agent ?text ?thread WHERE {
  ?fact tkg:threatenedAction ?text ;
        tkg:agent ?agent ;
        tkg:report ?report .
  ?report tkg:inArticle ?article .
  OPTIONAL { ?article schema:datePublished ?published }
  OPTIONAL { ?fact tkg:thread ?thread }
}"""
_TIES = """PREFIX tkg: <https://w3id.org/tradekg/ontology#>
SELECT DISTINCT ?a ?b WHERE { { ?a tkg:affiliation ?b } UNION { ?b tkg:member ?a } }"""
_LINKS = """PREFIX tkg: <https://w3id.org/tradekg/ontology#>
SELECT ?link ?from ?to ?method ?score ?status WHERE {
  ?link tkg:linkFrom ?from ;
        tkg:linkTo ?to ;
        tkg:linkMethod ?method ;
        tkg:score ?score ;
        tkg:linkStatus ?status .
}"""
_EXISTS = """PREFIX tkg: <https://w3id.org/tradekg/ontology#>
SELECT ?fact ?article WHERE { ?fact tkg:report ?report . ?report tkg:inArticle ?article }
LIMIT 1"""


def _words(text: Node | None) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(str(text or "").lower()) if w not in _STOP)


def _same(value: Node | None) -> Node | None:
    return value


_T = TypeVar("_T")


class _Shared:
    """One object for each value that repeats (dates, actors, issues, threads, sets of words)."""

    def __init__(self) -> None:
        self._kept: dict[object, object] = {}

    def __call__(self, value: _T) -> _T:
        return self._kept.setdefault(value, value)  # type: ignore[return-value]

    def iri(self, value: Node | None) -> URIRef | None:
        return self(value) if isinstance(value, URIRef) else None


def candidates(store: Store) -> list[Candidate]:
    """Every proposal and threat in the store, with what the linker compares, by fact IRI.

    Read as the store gives the rows, into small objects that share what repeats (a date, an
    actor, an issue, a thread, a set of words and the words): about 0.4 kB per fact (27 MB
    for the 72k facts of 30k synthetic articles), and no answer is held whole."""
    found: dict[URIRef, Candidate] = {}
    shared = _Shared()
    for kind, query in (("proposal", _PROPOSALS), ("threat", _THREATS)):
        stream = store.stream(query, cell=_same)
        col = {v: i for i, v in enumerate(stream.variables)}
        fact_at, article_at, published_at = col["fact"], col["article"], col["published"]
        agent_at, text_at, thread_at = col["agent"], col["text"], col["thread"]
        issue_at, agreement_at = col.get("issue"), col.get("agreement")
        for row in stream.rows:
            fact, article = row[fact_at], row[article_at]
            if not isinstance(fact, URIRef) or fact in found or not isinstance(article, URIRef):
                continue
            day = date_of(row[published_at])
            words = frozenset(sys.intern(w) for w in _words(row[text_at]))
            found[fact] = Candidate(
                fact,
                kind,
                article,
                shared(day) if day is not None else None,
                shared.iri(row[agent_at]),
                shared.iri(row[issue_at]) if issue_at is not None else None,
                shared.iri(row[agreement_at]) if agreement_at is not None else None,
                shared(words),
                shared.iri(row[thread_at]),
            )
    return sorted(found.values(), key=lambda c: str(c.fact))


def ties(store: Store) -> set[frozenset[URIRef]]:
    """Pairs of actors tied by affiliation or group membership (either way)."""
    pairs = set()
    for a, b in store.select(_TIES).rows:
        if isinstance(a, URIRef) and isinstance(b, URIRef) and a != b:
            pairs.add(frozenset((a, b)))
    return pairs


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def score(a: Candidate, b: Candidate, tied: set[frozenset[URIRef]]) -> tuple[float, str] | None:
    """How sure the linker is that ``a`` and ``b`` are one thing, and by which method; None
    when they cannot be."""
    if a.kind != b.kind or a.article == b.article:
        return None
    if a.thread is not None and b.thread is not None:
        return None  # a curator said which thread each is: one if the same, else two things
    if a.published and b.published and abs((a.published - b.published).days) > MAX_DAYS:
        return None
    same_agent = a.agent is not None and a.agent == b.agent
    tied_agent = not same_agent and frozenset((a.agent, b.agent)) in tied
    words = _jaccard(a.words, b.words)
    if not (same_agent or tied_agent):
        return None
    if a.kind == "proposal":
        if a.issue is None or a.issue != b.issue:
            return None
        if a.agreement and b.agreement and a.agreement != b.agreement:
            return None
        value = 0.5 + (0.2 if same_agent else 0.1)
        value += 0.1 if a.agreement and a.agreement == b.agreement else 0.05
        value += 0.2 * words
        method = "same-issue-proposer" if same_agent else "same-issue-tied-proposer"
    else:
        value = 0.4 + (0.2 if same_agent else 0.1) + 0.4 * words
        method = "same-agent-action" if same_agent else "tied-agent-action"
    value = round(min(value, 1.0), 3)
    return (value, method) if value >= MIN_SCORE else None


def _ordered(a: Candidate, b: Candidate) -> tuple[Candidate, Candidate]:
    """The earlier article's fact first (by publication date, then IRI)."""
    key_a = (a.published or dt.date.min, str(a.fact))
    key_b = (b.published or dt.date.min, str(b.fact))
    return (a, b) if key_a <= key_b else (b, a)


def _components(tied: set[frozenset[URIRef]]) -> dict[URIRef, URIRef]:
    """Each tied actor's group: the least IRI among the actors tied to it, directly or not."""
    parent: dict[URIRef, URIRef] = {}

    def root(x: URIRef) -> URIRef:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for pair in tied:
        a, b = sorted(pair)
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: root(x) for x in parent} | {root(x): root(x) for x in parent}


def propose(
    found: Sequence[Candidate], tied: set[frozenset[URIRef]], *, new: set[URIRef] | None = None
) -> list[Link]:
    """Links from each fact to the earlier facts it is most likely one with (at most
    ``PER_FACT``, among the ``COMPARE`` latest earlier facts of the same kind, issue and group
    of tied actors); with ``new`` (article IRIs), only for facts of those articles."""
    group = _components(tied)
    blocks: dict[tuple[str, URIRef | None, URIRef | None], list[Candidate]] = defaultdict(list)
    for c in found:
        agent = group.get(c.agent, c.agent) if c.agent is not None else None
        blocks[(c.kind, c.issue if c.kind == "proposal" else None, agent)].append(c)
    links: dict[tuple[URIRef, URIRef], Link] = {}
    for block in blocks.values():
        block.sort(key=lambda c: (c.published or dt.date.min, str(c.fact)))
        # where the facts without a thread are: a fact with one is compared with those only
        # (two facts with a thread are never linked, see score), which on a corpus where
        # every fact names its thread is no comparison at all
        loose = [j for j, c in enumerate(block) if c.thread is None]
        for i, fact in enumerate(block):
            if new is not None and fact.article not in new:
                continue
            start, stop = max(0, i - COMPARE), i + 1 + COMPARE
            if fact.thread is None:
                window = block[start:i] + block[i + 1 : stop]
            else:
                near = loose[bisect_left(loose, start) : bisect_left(loose, stop)]
                window = [block[j] for j in near if j != i]
            judged = []
            for other in window:
                result = score(fact, other, tied)
                if result is not None:
                    judged.append((result, other))
            judged.sort(key=lambda j: (-j[0][0], str(j[1].fact)))
            for (value, method), other in judged[:PER_FACT]:
                first, second = _ordered(fact, other)
                links.setdefault(
                    (first.fact, second.fact), Link(first.fact, second.fact, method, value)
                )
    return sorted(links.values(), key=lambda link: (str(link.source), str(link.target)))


def stored(store: Store) -> list[Link]:
    """The links the store holds."""
    links = []
    for _, source, target, method, value, status in store.select(_LINKS).rows:
        if isinstance(source, URIRef) and isinstance(target, URIRef):
            links.append(
                Link(
                    source,
                    target,
                    str(method),
                    float(str(value)),
                    _STATUS_NAMES.get(URIRef(str(status)), "proposed"),
                )
            )
    return sorted(links, key=lambda link: (str(link.source), str(link.target)))


def _write(store: Store, links: Iterable[Link]) -> None:
    triples: list[Triple] = [
        (LINKS_GRAPH, RDF.type, PROV.Bundle),
        (LINKS_GRAPH, RDFS.label, Literal("links between facts of different articles")),
    ]
    for link in links:
        node = link.iri
        triples += [
            (node, RDF.type, TKG.Link),
            (node, TKG.linkFrom, link.source),
            (node, TKG.linkTo, link.target),
            (node, TKG.linkMethod, Literal(link.method)),
            (node, TKG.score, Literal(f"{link.score:.3f}", datatype=XSD.decimal)),
            (node, TKG.linkStatus, STATUSES[link.status]),
        ]
        if link.followed:
            triples.append((link.source, TKG.sameAs, link.target))
    # with the counts stats sums (kg.rdf.with_count)
    store.replace_graphs([(LINKS_GRAPH, render_lines(with_count(LINKS_GRAPH, triples)))])


def _facts_in_store(store: Store, links: Iterable[Link]) -> set[URIRef]:
    facts = {f for link in links for f in (link.source, link.target)}
    return {f for f in facts if store.select(_EXISTS, {"fact": f}).rows}


def run(store: Store, *, articles: Iterable[URIRef] | None = None) -> list[Link]:
    """Bring the links graph up to date and return its links: links whose facts are gone are
    dropped; accepted and rejected links are kept as a person left them; proposed links are
    proposed anew (with ``articles``, only for pairs with a fact of those articles; the other
    proposed links are kept). Writes nothing when nothing changed."""
    old = stored(store)
    present = _facts_in_store(store, old)
    kept = {(x.source, x.target): x for x in old if x.source in present and x.target in present}
    new = set(articles) if articles is not None else None
    if new is None:
        kept = {k: x for k, x in kept.items() if x.status != "proposed"}
    else:
        kept = {k: x for k, x in kept.items() if x.status != "proposed" or not _touches(x, new)}
    for link in propose(candidates(store), ties(store), new=new):
        key = (link.source, link.target)
        reversed_key = (link.target, link.source)
        if key not in kept and reversed_key not in kept:
            kept[key] = link
    links = sorted(kept.values(), key=lambda link: (str(link.source), str(link.target)))
    if links != old and (links or old):
        _write(store, links)
    return links


def _touches(link: Link, articles: set[URIRef]) -> bool:
    """Whether a fact of the link was minted under one of ``articles``."""
    prefixes = tuple(str(a) + "/" for a in articles)
    return str(link.source).startswith(prefixes) or str(link.target).startswith(prefixes)


def _article_of(store: Store, fact: URIRef) -> str | None:
    """The article that holds ``fact``, or None when the store does not."""
    rows = store.select(_EXISTS, {"fact": fact}).rows
    return str(rows[0][1]) if rows else None


def _decided(
    links: dict[frozenset[URIRef], Link],
    source: URIRef,
    target: URIRef,
    status: str,
    made: tuple[str, float],
) -> Link:
    """Set a person's decision on the link between two facts (either order) in ``links``,
    keyed by the pair: the linker's link keeps its method and score; a pair it did not
    propose gets a new link made by ``made`` (method, score)."""
    key = frozenset((source, target))
    old = links.get(key)
    link = replace(old, status=status) if old is not None else Link(source, target, *made, status)
    links[key] = link
    return link


def _by_pair(store: Store) -> dict[frozenset[URIRef], Link]:
    return {frozenset((x.source, x.target)): x for x in stored(store)}


def _write_sorted(store: Store, links: dict[frozenset[URIRef], Link]) -> None:
    _write(store, sorted(links.values(), key=lambda link: (str(link.source), str(link.target))))


def restore(store: Store, decisions: Iterable[tuple[str, str, str, str, float]]) -> tuple[int, int]:
    """Record a person's decisions carried by an RDF input (``(from, to, status, method,
    score)``, as an export's links graph holds them), as ``decide`` would, in one write;
    returns how many were recorded and how many were left out because a fact of theirs is not
    in the store (or both are in one article)."""
    wanted = {(URIRef(s), URIRef(t)): (status, m, score) for s, t, status, m, score in decisions}
    if not wanted:
        return 0, 0
    where = {fact: _article_of(store, fact) for pair in wanted for fact in pair}
    links = _by_pair(store)
    recorded = 0
    for (source, target), (status, method, score) in sorted(wanted.items()):
        if where[source] is None or where[target] is None or where[source] == where[target]:
            continue
        _decided(links, source, target, status, (method, score))
        recorded += 1
    if recorded:
        _write_sorted(store, links)
    return recorded, len(wanted) - recorded


def decide(store: Store, source: URIRef, target: URIRef, status: str) -> Link:
    """A person's decision about the link between two facts (either order): ``accepted`` or
    ``rejected``. A pair the linker did not propose gets a link made by the curator; both
    facts must be in the store, in different articles."""
    if status not in ("accepted", "rejected"):
        raise UsageError(f"a link is accepted or rejected, not {status!r}")
    articles = {fact: _article_of(store, fact) for fact in (source, target)}
    for fact, article in articles.items():
        if article is None:
            raise UsageError(
                f"no fact {fact} in the store",
                hint="link facts of articles the store holds (tradekg query article-audit "
                "lists them)",
            )
    if len(set(articles.values())) == 1:
        raise UsageError(
            "both facts are in the same article", hint="links join facts of different articles"
        )
    links = _by_pair(store)
    link = _decided(links, source, target, status, ("curator", 1.0))
    _write_sorted(store, links)
    return link


__all__ = [
    "LINKS_GRAPH", "MIN_SCORE", "THRESHOLD", "Candidate", "Link", "candidates", "decide",
    "propose", "restore", "run", "score", "stored", "ties",
]  # fmt: skip
