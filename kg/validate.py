"""Validation: SHACL shapes plus the checks SHACL cannot do, with findings that name inputs.

Articles are validated one batch at a time, each batch with the ontology and the reference
graph merged in; findings are attributed back to the article (and the facts-file line) their
focus node belongs to, so one bad article never blocks the others.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import UsageError
from kg.iris import mint
from kg.loaders.yamlsrc import CONTROL
from kg.model import Where
from kg.rdf import ArticleRDF, split_shared
from kg.resources import ontology_graph, shapes_file
from kg.sparql_terms import render_lines
from kg.terms import OA, SCHEMA, TKG

_ARTICLES = str(mint("article", "x"))[:-1]
SEVERITIES = {SH.Violation: "error", SH.Warning: "warning", SH.Info: "info"}


@dataclass(frozen=True)
class Finding:
    severity: str  # error, warning, info
    message: str
    node: str
    where: Where | None = None
    path: str | None = None  # the property, compact

    def __str__(self) -> str:
        place = f"{self.where}: " if self.where else ""
        at = ""
        if self.node:
            at = f" [{_short(self.node)}" + (f" {self.path}" if self.path else "") + "]"
        return f"{place}{self.severity}: {self.message}{at}"


@dataclass
class Verdict:
    """The outcome for one input: its article graph (if it could be made) and the findings.

    While it is checked the verdict holds the graph's triples (``rdf``); ``seal`` renders them
    as N-Triples lines for the store and lets the triples go, so verdicts are cheap to keep
    and to pass between processes.
    """

    name: str  # the input it came from
    rdf: ArticleRDF | None = None
    findings: list[Finding] = field(default_factory=list)
    graph: URIRef | None = None
    article: URIRef | None = None
    size: int = 0  # triples
    lines: list[str] = field(default_factory=list)  # of its graph
    shared: list[str] = field(default_factory=list)  # of the shared nodes (kg.iris.SHARED_GRAPH)
    # a person's decisions about links (from, to, accepted or rejected, method, score) an RDF input
    # carries in its links graph, as `tradekg export` writes it; kept on its first article
    decisions: list[tuple[str, str, str, str, float]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.rdf is not None:
            self.graph, self.article = self.rdf.name, self.rdf.article
            self.size = len(self.rdf.triples)

    @property
    def ok(self) -> bool:
        return self.graph is not None and not any(f.severity == "error" for f in self.findings)

    @property
    def rendered(self) -> bool:
        return bool(self.lines or self.shared)

    def render(self) -> None:
        """The triples as N-Triples lines: those of its graph and those of the shared nodes."""
        if self.rdf is not None:
            own, shared = split_shared(self.rdf.triples)
            self.lines, self.shared = render_lines(own), render_lines(shared)

    def seal(self) -> None:
        if self.rdf is not None:
            if not self.ok:  # nothing of it is written
                self.lines, self.shared = [], []
            elif not self.rendered:  # validation may have rendered them already
                self.render()
        self.rdf = None


@cache
def shapes_graph() -> Graph:
    g = Graph()
    g.parse(shapes_file(), format="turtle")
    return g


@cache
def compiled_shapes() -> Any:
    """The shapes compiled once by pyshacl-turbo, reused for every batch."""
    from pyshacl_turbo import compile_shapes

    return compile_shapes(shapes_graph(), advanced=True)  # type: ignore[no-untyped-call]


# the terms text_findings looks for (an rdflib Namespace makes a new term on every lookup)
_BODY, _SELECTOR, _SOURCE = SCHEMA.articleBody, OA.hasSelector, OA.hasSource
_EXACT, _START, _END, _TYPE, _SPAN = OA.exact, OA.start, OA.end, RDF.type, TKG.EvidenceSpan
_WANTED: dict[Node, URIRef] = {
    p: p for p in (_BODY, _SELECTOR, _SOURCE, _EXACT, _START, _END, _TYPE)
}


def text_findings(graph: Iterable[tuple[Node, Node, Node]]) -> list[Finding]:
    """Each evidence quote equals the article text at its offsets (of the articles among
    the triples of ``graph``)."""
    found = []
    bodies: dict[Node, str] = {}
    spans: list[Node] = []
    sources: dict[Node, Node] = {}
    selectors: dict[Node, list[Node]] = {}
    exacts: dict[Node, Node] = {}
    starts: dict[Node, Node] = {}
    ends: dict[Node, Node] = {}
    values = {_EXACT: exacts, _START: starts, _END: ends}
    for s, p, o in graph:
        kind = _WANTED.get(p)  # one hash lookup: most predicates are none of these
        if kind is None:
            continue
        if kind is _BODY:
            bodies[s] = str(o)
        elif kind is _SELECTOR:
            selectors.setdefault(s, []).append(o)
        elif kind is _SOURCE:
            sources.setdefault(s, o)
        elif kind is _TYPE:
            if o == _SPAN:
                spans.append(s)
        else:
            values[kind][s] = o
    for span in dict.fromkeys(spans):
        source = sources.get(span)
        body = bodies.get(source) if isinstance(source, URIRef) else None
        if body is None:
            found.append(
                Finding("error", "evidence span points at no article text in this graph", str(span))
            )
            continue
        exact = start = end = None
        for sel in selectors.get(span, ()):
            exact = exacts.get(sel, exact)
            start = starts.get(sel, start)
            end = ends.get(sel, end)
        if not (
            isinstance(start, Literal) and isinstance(end, Literal) and isinstance(exact, Literal)
        ):
            continue  # the shapes report missing selectors
        first, last = start.toPython(), end.toPython()
        if not (isinstance(first, int) and isinstance(last, int)) or not (
            0 <= first < last <= len(body)
        ):
            found.append(
                Finding(
                    "error",
                    f"evidence offsets {start}-{end} lie outside the "
                    f"article text (length {len(body)})",
                    str(span),
                )
            )
        elif body[first:last] != str(exact):
            found.append(
                Finding(
                    "error",
                    f"evidence text {str(exact)!r} differs from the "
                    f"article text at {first}-{last}: {body[first:last]!r}",
                    str(span),
                )
            )
    return found


def literal_findings(triples: Iterable[tuple[Node, Node, Node]]) -> list[Finding]:
    """Literals every store and syntax can keep: well-typed, and without control characters
    other than tab and line ends (XML 1.0, hence RDF/XML, cannot carry them)."""
    found = []
    for s, p, o in triples:
        if not isinstance(o, Literal):
            continue
        if o.ill_typed:
            datatype = _short(str(o.datatype))
            found.append(
                Finding(
                    "error",
                    f"{str(o)!r}^^{datatype} is not a valid {datatype}",
                    str(s),
                    path=_short(str(p)),
                )
            )
        bad = CONTROL.search(o)
        if bad is not None:
            found.append(
                Finding(
                    "error",
                    f"the value holds control character U+{ord(bad.group()):04X} at "
                    f"offset {bad.start()} (only tab and line ends are kept; remove it)",
                    str(s),
                    path=_short(str(p)),
                )
            )
    return found


ENV_ENGINE = "TRADEKG_SHACL"
ENGINES = ("pyshacl", "turbo")


def default_engine() -> str:
    """``$TRADEKG_SHACL`` if set, else pyshacl-turbo when installed, else pySHACL."""
    chosen = os.environ.get(ENV_ENGINE)
    if chosen:
        if chosen not in ENGINES:
            raise UsageError(
                f"{ENV_ENGINE}={chosen!r} is not a SHACL engine", hint="use " + " or ".join(ENGINES)
            )
        return chosen
    return "turbo" if importlib.util.find_spec("pyshacl_turbo") else "pyshacl"


def shacl_findings(data: Graph | str, engine: str | None = None) -> list[Finding]:
    """SHACL results for a data graph that already contains ontology and reference data: an
    rdflib Graph, or its triples as N-Triples text (which pyshacl-turbo reads natively,
    without a Python object per term).

    pySHACL is the reference implementation; pyshacl-turbo (same API, a Rust engine) is used
    when installed because it is an order of magnitude faster, and the test suite checks that
    both report the same results on every fixture.
    """
    options: dict[str, Any] = {"inference": "none", "allow_warnings": True, "allow_infos": True}
    if (engine or default_engine()) == "turbo":
        if isinstance(data, str):
            from pyshacl_turbo.rdf import Input

            source: Any = Input(data, "nt", None, {})
        else:
            source = data
        _conforms, results, _text = compiled_shapes().validate(source, **options)
    else:
        from pyshacl import validate

        if isinstance(data, str):
            data = Graph(store="SimpleMemory").parse(data=data, format="nt")

        # inplace: with no inference pySHACL need not copy the data graph first
        _conforms, results, _text = validate(
            data, shacl_graph=shapes_graph(), advanced=True, inplace=True, **options
        )
    assert isinstance(results, Graph)
    found = []
    # top-level results only: the nested results of sh:node (sh:detail) would repeat them
    for result in results.objects(None, SH.result):
        level = results.value(result, SH.resultSeverity)
        severity = SEVERITIES.get(level, "error") if isinstance(level, URIRef) else "error"
        focus = results.value(result, SH.focusNode)
        message = results.value(result, SH.resultMessage)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        text = str(message) if message is not None else "does not conform"
        if value is not None and value != focus:
            text += f" (value: {_short(str(value))})"
        found.append(
            Finding(
                severity,
                text,
                str(focus),
                path=_short(str(path)) if isinstance(path, URIRef) else None,
            )
        )
    return found


def _data_graph(parts: Iterable[Iterable[tuple[Node, Node, Node]]]) -> Graph:
    # SimpleMemory: three times faster to fill than the default store; nothing here needs
    # its extra indexes
    data = Graph(store="SimpleMemory")
    for part in parts:
        for triple in part:
            data.add(triple)
    return data


_shared_texts: dict[int, tuple[Graph, str]] = {}


def _shared_text(reference: Graph) -> str:
    """The ontology and reference graph as N-Triples text, rendered once per process."""
    cached = _shared_texts.get(id(reference))
    if cached is None or cached[0] is not reference:
        lines = render_lines([*ontology_graph(), *reference])
        cached = _shared_texts[id(reference)] = (reference, "".join(f"{x} .\n" for x in lines))
    return cached[1]


def validate_batch(
    verdicts: Sequence[Verdict], reference: Graph, engine: str | None = None
) -> None:
    """Validate several article graphs in one SHACL run, with the ontology and reference
    graph; every finding is attributed to the article its focus node belongs to."""
    loaded = [v for v in verdicts if v.rdf is not None]
    data: Graph | str
    if (engine or default_engine()) == "turbo":
        # N-Triples text: the lines are rendered once, for SHACL and then for the store
        for v in loaded:
            v.render()
        data = "".join(
            [
                _shared_text(reference),
                *(f"{line} .\n" for v in loaded for line in (*v.lines, *v.shared)),
            ]
        )
    else:
        data = _data_graph(
            [ontology_graph(), reference, *(v.rdf.triples for v in loaded if v.rdf is not None)]
        )
    owners = {str(v.rdf.article): v for v in loaded if v.rdf is not None}
    own = [f for v in loaded if v.rdf is not None for f in literal_findings(v.rdf.triples)]
    # a node outside every article that articles write (a person's one node for the store)
    # belongs to each article that writes it
    sharers: dict[str, list[Verdict]] = {}
    for v in loaded:
        for node in v.rdf.origins if v.rdf is not None else ():
            if not str(node).startswith(_ARTICLES):
                sharers.setdefault(str(node), []).append(v)
    texts = text_findings(t for v in loaded if v.rdf is not None for t in v.rdf.triples)
    for finding in own + texts + shacl_findings(data, engine):
        owner = owners.get(_article_of(finding.node))
        if owner is not None:
            owner.findings.append(_place(finding, owner))
        elif finding.node in sharers:
            for v in sharers[finding.node]:
                v.findings.append(_place(finding, v))
        else:  # a reference-data node: report it against every article
            for v in loaded:
                v.findings.append(finding)
    for v in loaded:
        v.findings.sort(key=lambda f: (f.where.line or 0) if f.where else 0)


def _article_of(node: str) -> str:
    """``id/article/K`` for a node ``id/article/K/...``; the node itself otherwise."""
    if not node.startswith(_ARTICLES):
        return node
    end = node.find("/", len(_ARTICLES))
    return node if end == -1 else node[:end]


def validate_reference(reference: Graph) -> list[Finding]:
    return shacl_findings(_data_graph([ontology_graph(), reference]))


def _place(finding: Finding, verdict: Verdict) -> Finding:
    """Attach the facts-file line of the fact the finding's node belongs to."""
    best: Where | None = None
    best_len = -1
    origins = verdict.rdf.origins if verdict.rdf is not None else {}
    for node, where in origins.items():
        n = str(node)
        if (finding.node == n or finding.node.startswith(n + "/")) and len(n) > best_len:
            best, best_len = where, len(n)
    if best is None:
        best = Where(verdict.name)
    return Finding(finding.severity, finding.message, finding.node, best, finding.path)


def _short(iri: str) -> str:
    from kg.terms import PREFIXES

    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def summarize(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        counts[f.severity] += 1
    return counts
