"""RDF files as input: articles' graphs as ``tradekg export`` writes them.

TriG and N-Quads carry one named graph per article; Turtle, N-Triples, JSON-LD and RDF/XML
carry triples, which are split into articles by their subjects: the article
(``id/article/K``), the nodes under it (``id/article/K/...``) and its graph (``id/graph/K``).
Triples of the ontology and reference graphs (an export of the whole store holds them) are
skipped when they equal the ones tradekg writes itself; any other triple belongs to no
article and the file is refused. Every article graph must be the one ``kg.iris`` derives
from the article's URL. The articles are then checked like facts files (SHACL and the text
checks) and written by the same store writes.

Parsing is Oxigraph's (fast, with line and column in its errors). RDF/XML with a document
type declaration is refused before it is parsed: entities can read local files or expand
into gigabytes ("billion laughs"), and no export of tradekg has one.
"""

from __future__ import annotations

import json
import re
import xml.parsers.expat
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.term import Node

from kg import syntaxes
from kg.errors import InputError
from kg.iris import (
    COUNTS_GRAPH,
    LINKS_GRAPH,
    REFERENCE_GRAPH,
    SHARED_GRAPH,
    TOTALS,
    article_graph,
    article_iri,
    check_iri,
    is_shared,
    mint,
)
from kg.loaders.yamlsrc import decode_text, read_bytes
from kg.model import Where
from kg.oxterms import from_ox
from kg.rdf import ArticleRDF, article_triples, content_hash, with_supertypes
from kg.resources import ontology_graph
from kg.terms import ONTOLOGY_IRI, SCHEMA, TKG

FORMATS = syntaxes.NAMES
SUFFIXES = tuple(suffix for syntax in syntaxes.SYNTAXES for suffix in syntax.suffixes)
_ARTICLE = str(mint("article", "x"))[:-1]
_GRAPH = str(mint("graph", "x"))[:-1]
_BUNDLED = {URIRef(ONTOLOGY_IRI), REFERENCE_GRAPH}
_STORE_OWN = {SHARED_GRAPH, COUNTS_GRAPH, TOTALS}
_OX_POSITION = re.compile(r"^Parser error (?:at|between) line[^:]*: |\s*\(line \d+\)$")
HINT = "an RDF input holds articles' graphs as 'tradekg export' writes them"

Triple = tuple[URIRef, URIRef, URIRef | Literal]


@dataclass(frozen=True)
class RdfSource:
    """RDF that is not in a file of its own (standard input): a name for messages, the
    bytes and the format (a key of ``FORMATS``)."""

    name: str
    data: bytes
    fmt: str


def rdf_format(path: Path) -> str | None:
    """The format of an RDF file by its suffix, or None when it is not one."""
    syntax = syntaxes.by_suffix(path.suffix)
    return syntax.name if syntax is not None else None


# a link a person decided on: its from and to facts, "accepted" or "rejected", the method that
# made it and its score
Decision = tuple[str, str, str, str, float]
_DECIDED = {TKG.Accepted: "accepted", TKG.Rejected: "rejected"}
_LINKS = str(mint("link", "x"))[:-1]


def load_rdf(source: Path | RdfSource, reference: Graph) -> tuple[list[ArticleRDF], list[Decision]]:
    """The article graphs of an RDF file (or stdin), in the order they first appear, and the
    decisions a person made about links that its links graph records (the links the linker
    merely proposed are made anew by ``tradekg link``)."""
    if isinstance(source, RdfSource):
        name, data, fmt = source.name, source.data, source.fmt
    else:
        name, fmt = str(source), rdf_format(source) or ""
        data = read_bytes(source)
    if fmt not in FORMATS:
        raise InputError(
            f"unknown RDF format {fmt!r}", path=name, hint="use one of " + ", ".join(FORMATS)
        )
    text = decode_text(data, name, normalize=False)  # UTF-8 or a clear error
    links: list[Triple] = []
    groups = _split(_parse(text, fmt, name), reference, name, links)
    if not groups:
        raise InputError(
            f"no article in this {syntaxes.by_name(fmt).label} input", path=name, hint=HINT
        )
    return [_article(graph, triples, name) for graph, triples in groups.items()], _decisions(links)


def _decisions(links: list[Triple]) -> list[Decision]:
    """The accepted and rejected links among the triples of a links graph."""
    nodes: dict[URIRef, dict[URIRef, URIRef | Literal]] = {}
    for s, p, o in links:
        nodes.setdefault(s, {})[p] = o
    out = []
    for values in nodes.values():
        status = values.get(TKG.linkStatus)
        source, target = values.get(TKG.linkFrom), values.get(TKG.linkTo)
        if (
            isinstance(status, URIRef)
            and status in _DECIDED
            and isinstance(source, URIRef)
            and isinstance(target, URIRef)
        ):
            method, score = values.get(TKG.linkMethod), values.get(TKG.score)
            out.append(
                (
                    str(source),
                    str(target),
                    _DECIDED[status],
                    str(method) if isinstance(method, Literal) else "curator",
                    float(score) if isinstance(score, Literal) else 1.0,
                )
            )
    return sorted(out)


def _parse(text: str, fmt: str, name: str) -> Iterable[tuple[Node, Node, Node, Node | None]]:
    syntax = syntaxes.by_name(fmt)
    ox_format, label = syntax.format, syntax.label
    if fmt == "rdfxml":
        _check_xml(text, name)
    elif fmt == "jsonld":
        _check_json(text, name)
    try:
        quads = list(ox.parse(text.encode("utf-8"), ox_format))
    except SyntaxError as e:
        message = _OX_POSITION.sub("", str(e)) or str(e)
        if message.startswith("No LoadDocumentCallback"):
            message = "it names a remote @context, which tradekg does not fetch"
        column = f" (column {e.offset})" if e.lineno is not None and e.offset else ""
        raise InputError(
            f"malformed {label}: {message}{column}", path=name, line=e.lineno
        ) from None
    for q in quads:
        graph = None if isinstance(q.graph_name, ox.DefaultGraph) else from_ox(q.graph_name)
        s, p, o = from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)
        assert s is not None and p is not None and o is not None
        yield s, p, o, graph


def _check_xml(text: str, name: str) -> None:
    """Well-formed XML without a document type declaration (no entities, local or remote)."""
    parser = xml.parsers.expat.ParserCreate()

    def refuse(*_: object) -> None:
        raise InputError(
            "RDF/XML with a document type declaration (<!DOCTYPE ...>) is not accepted",
            path=name,
            line=parser.CurrentLineNumber,
            hint="entities could read local files or expand without bound; remove the "
            "declaration and write the values out",
        )

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(text.encode("utf-8"), True)
    except xml.parsers.expat.ExpatError as e:
        raise InputError(
            f"malformed RDF/XML: {xml.parsers.expat.errors.messages[e.code]}",
            path=name,
            line=e.lineno,
        ) from None


def _check_json(text: str, name: str) -> None:
    """Well-formed JSON (errors with their line), no deeper than the parser allows."""
    try:
        json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(
            f"malformed JSON-LD: {e.msg} (column {e.colno})", path=name, line=e.lineno
        ) from None
    except RecursionError:
        raise InputError("malformed JSON-LD: nested too deeply", path=name) from None


def _owner(node: Node) -> URIRef | None:
    """The article graph a subject belongs to, by its IRI (None: no article's)."""
    if not isinstance(node, URIRef):
        return None
    for prefix in (_ARTICLE, _GRAPH):
        if node.startswith(prefix):
            key = node[len(prefix) :].split("/", 1)[0]
            if key:
                return mint("graph", key)
    return None


def _split(
    quads: Iterable[tuple[Node, Node, Node, Node | None]],
    reference: Graph,
    name: str,
    links: list[Triple],
) -> dict[URIRef, list[Triple]]:
    """The triples of each article graph; those of the links graph go to ``links``."""
    groups: dict[URIRef, list[Triple]] = {}
    ontology = ontology_graph()
    loose = Graph()  # triples with blank nodes outside any article: only the ontology's
    people: list[Triple] = []  # about a shared node, outside an article graph: whose are they?
    for s, p, o, graph in quads:
        if graph in _BUNDLED or (graph is None and s in _BUNDLED) or s in _STORE_OWN:
            # the store's own graphs: written from the bundled and --reference files, and its
            # totals (made anew by the write)
            continue
        if graph == LINKS_GRAPH or (
            graph is None and (p == TKG.sameAs or s == LINKS_GRAPH or str(s).startswith(_LINKS))
        ):
            if isinstance(s, URIRef) and isinstance(p, URIRef) and isinstance(o, URIRef | Literal):
                links.append((s, p, o))
            continue
        owner = _owner(s)
        if owner is None and is_shared(s) and (s, p, o) not in reference:
            # a shared node (a person, a round) is described in the shared graph, as tradekg
            # writes it, or (an older export) in each article graph that names it; in the
            # shared graph or without graphs, it goes with every article that points at it
            shared_place = graph in (None, SHARED_GRAPH)
            if shared_place and isinstance(p, URIRef) and isinstance(o, URIRef | Literal):
                people.append((s, p, o))
                continue
            owner = graph if isinstance(graph, URIRef) and _owner(graph) == graph else None
        if graph is None and owner is None:
            if isinstance(s, BNode) or isinstance(o, BNode):
                loose.add((s, p, o))
                continue
            if (s, p, o) in ontology or (s, p, o) in reference:
                continue  # the ontology or the reference data, as an export merges them
            raise InputError(
                f"the triple <{s}> <{p}> {o.n3()} belongs to no article",
                path=name,
                node=str(s),
                hint="only articles are loaded from RDF; reference data goes in a "
                "--reference YAML file; " + HINT,
            )
        blank = o if isinstance(o, BNode) else graph
        if isinstance(blank, BNode):
            raise InputError(
                f"blank node {blank.n3()}: tradekg article graphs have none",
                path=name,
                node=str(s),
                hint="give the node an IRI under its article; " + HINT,
            )
        if graph is not None and owner != graph:
            raise InputError(
                f"<{s}> does not belong in graph <{graph}>",
                path=name,
                node=str(s),
                hint="an article's graph holds the article, its graph and the nodes under "
                "the article's IRI only",
            )
        assert isinstance(s, URIRef) and isinstance(p, URIRef)
        assert isinstance(o, URIRef | Literal) and owner is not None
        groups.setdefault(owner, []).append((s, p, o))
    placed: set[Triple] = set()
    for triples in groups.values():
        pointed = {o for _, _, o in triples if is_shared(o)}
        mine = [t for t in people if t[0] in pointed]
        triples.extend(mine)
        placed.update(mine)
    for s, p, o in people:
        if (s, p, o) not in placed:
            raise InputError(
                f"the triple <{s}> <{p}> {o.n3()} belongs to no article",
                path=name,
                node=str(s),
                hint="a person's or a round's name and type go with an article that points at them",
            )
    if len(loose) and not isomorphic(loose, _ontology_blank_part()):
        raise InputError(
            "blank nodes outside any article that are not the ontology's",
            path=name,
            hint="tradekg article graphs have no blank nodes; " + HINT,
        )
    return groups


@cache
def _ontology_blank_part() -> Graph:
    part = Graph()
    for s, p, o in ontology_graph():
        if isinstance(s, BNode) or isinstance(o, BNode):
            part.add((s, p, o))
    return part


def _article(graph: URIRef, triples: list[Triple], name: str) -> ArticleRDF:
    articles = sorted({s for s, p, o in triples if p == RDF.type and o == TKG.Article})
    if len(articles) != 1:
        raise InputError(
            f"graph <{graph}> holds {len(articles)} articles (tkg:Article), not 1",
            path=name,
            hint=HINT,
        )
    article = articles[0]
    urls = [o for s, p, o in triples if s == article and p == SCHEMA.url]
    if len(urls) != 1 or not isinstance(urls[0], Literal):
        raise InputError(
            f"article <{article}> needs exactly one schema:url literal",
            path=name,
            node=str(article),
        )
    url = str(urls[0])
    try:
        check_iri(url)
    except InputError as e:
        raise InputError(
            f"article <{article}> has url {url!r}, which is not an absolute URL",
            path=name,
            hint=e.hint,
        ) from None
    if article != article_iri(url) or graph != article_graph(url):
        raise InputError(
            f"article <{article}> in graph <{graph}> has url {url!r}, from which tradekg "
            f"derives <{article_iri(url)}> in graph <{article_graph(url)}>",
            path=name,
            node=str(article),
            hint="IRIs are derived from the URL; export the article again, or fix its url",
        )
    bodies = [o for s, p, o in triples if s == article and p == SCHEMA.articleBody]
    hashes = [o for s, p, o in triples if s == article and p == TKG.contentHash]
    if len(bodies) == 1 and len(hashes) == 1:
        digest = content_hash(str(bodies[0]))
        if str(hashes[0]) != digest:
            raise InputError(
                f"the content hash of article <{article}> is not that of its text",
                path=name,
                node=str(article),
                hint=f"the text was changed after export; its SHA-256 is {digest}",
            )
    # each triple once, with the superclass types an older export may lack (ontology/README.md)
    # (and its count of triples, made anew: the graph may have been edited since its export)
    unique = article_triples(graph, with_supertypes(triples))
    return ArticleRDF(graph, article, unique, {article: Where(name)})
