"""Facts model -> RDF triples: the one mapping every input shares (see ontology/README.md)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Protocol

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from kg.iris import (
    REFERENCE_GRAPH,
    SHARED_NODES,
    article_graph,
    article_iri,
    child,
    software_iri,
)
from kg.kinds import KINDS, kind_of_class
from kg.model import (
    ArticleFacts,
    Drafted,
    Event,
    Extraction,
    Mode,
    Precision,
    Reason,
    RefEntity,
    Report,
    Review,
    Span,
    SpeechAct,
    StatusChange,
    Time,
    Where,
)
from kg.resources import ontology_graph
from kg.terms import KIND_COUNTS, OA, PREFIXES, PROV, SCHEMA, SKOS, TIME, TKG, WD

MODES = {
    Mode.DIRECT_QUOTE: TKG.DirectQuote,
    Mode.PARTIAL_QUOTE: TKG.PartialQuote,
    Mode.PARAPHRASE: TKG.Paraphrase,
    Mode.OUTLET_VOICE: TKG.OutletVoice,
}
# a week's value is the date of its Monday (xsd has no week type), with the precision unitWeek
VALUE_TYPES = {
    Precision.DAY: XSD.date,
    Precision.WEEK: XSD.date,
    Precision.MONTH: XSD.gYearMonth,
    Precision.YEAR: XSD.gYear,
}
_DATE, _INTEGER = XSD.date, XSD.integer
UNITS = {
    Precision.DAY: TIME.unitDay,
    Precision.WEEK: TIME.unitWeek,
    Precision.MONTH: TIME.unitMonth,
    Precision.YEAR: TIME.unitYear,
}
REVIEWS = {Review.DRAFT: TKG.Draft, Review.REVIEWED: TKG.Reviewed}


@lru_cache(maxsize=16384, typed=True)
def typed(value: object, datatype: URIRef) -> Literal:
    """``Literal(value, datatype=datatype)``, made once per value: offsets, counts and dates
    recur, and rdflib takes several microseconds to make a typed literal."""
    return Literal(value, datatype=datatype)


def integer(value: int) -> Literal:
    return typed(value, _INTEGER)


TYPE = RDF.type  # looked up once: rdflib's RDF.type is two Python calls each time
# the IRI segments of facts (<article IRI>/proposal/<id>), from the table of fact kinds
_PROPOSAL, _EVENT = KINDS["proposals"].segment, KINDS["events"].segment
_CHANGE = KINDS["changes"].segment


def content_hash(text: str) -> str:
    """The digest an article graph records of its text (tkg:contentHash)."""
    return hashlib.sha256(text.encode()).hexdigest()


def date_of(value: Node | None) -> dt.date | None:
    """The date a literal states (an ``xsd:date``, or the day of an ``xsd:dateTime``), or None.

    >>> date_of(Literal("2017-11-21T09:30:00", datatype=XSD.dateTime))
    datetime.date(2017, 11, 21)
    >>> date_of(Literal("2017-12")) is None  # a month names no one day
    True
    """
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value is not None else None
    except ValueError:
        return None


Triple = tuple[URIRef, URIRef, URIRef | Literal]


@cache
def tkg_superclasses() -> dict[URIRef, tuple[URIRef, ...]]:
    """Each class of the ontology and its superclasses in the ontology's own namespace, all
    the way up (tkg:Rejection: tkg:Objection, tkg:SpeechAct), read from the ontology once."""
    ontology = ontology_graph()
    namespace = str(TKG._NS)
    direct: dict[URIRef, set[URIRef]] = {}
    for sub, sup in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef) and sup.startswith(namespace):
            direct.setdefault(sub, set()).add(sup)

    def up(cls: URIRef, seen: frozenset[URIRef]) -> set[URIRef]:
        found: set[URIRef] = set()
        for sup in direct.get(cls, ()):
            if sup not in seen:
                found |= {sup} | up(sup, seen | {sup})
        return found

    return {cls: tuple(sorted(up(cls, frozenset({cls})))) for cls in direct}


def with_supertypes(triples: Iterable[Triple]) -> list[Triple]:
    """The triples, each ``x rdf:type C`` followed by ``x rdf:type S`` for every superclass S
    of C in the ontology's namespace, so that ``?x a tkg:SpeechAct`` finds every objection on
    a store without inference (ontology/README.md). Duplicates are dropped, order is kept."""
    supers = tkg_superclasses()
    same = str.__eq__  # predicates are IRIs: compared as strings, without rdflib's __eq__
    out: dict[Triple, None] = {}
    for s, p, o in triples:
        out[(s, p, o)] = None
        if (p is TYPE or same(p, TYPE)) and isinstance(o, URIRef):
            for sup in supers.get(o, ()):
                out[(s, TYPE, sup)] = None
    return list(out)


_COUNTS = frozenset([TKG.tripleCount, *KIND_COUNTS.values()])


def with_count(name: URIRef, triples: Iterable[Triple]) -> list[Triple]:
    """The triples of graph ``name`` and those that count them: how many instances of each
    class of ``KIND_COUNTS`` it describes, and how many triples it holds, itself and these
    included (``<name> tkg:tripleCount N``), so that ``stats`` sums counts kept at ingest
    instead of counting every node and triple of the store. Counts already among them are
    replaced."""
    same = str.__eq__  # IRIs compared as strings, without rdflib's Python-level __eq__
    kept = [
        t
        for t in triples
        if not (isinstance(t[0], URIRef) and same(t[0], name) and t[1] in _COUNTS)
    ]
    members: dict[URIRef, set[Node]] = {cls: set() for cls in KIND_COUNTS}
    for s, p, o in kept:
        if (p is TYPE or same(p, TYPE)) and o in members:
            members[o].add(s)  # type: ignore[index]
    counts = [(name, prop, integer(len(members[cls]))) for cls, prop in KIND_COUNTS.items()]
    size = len(kept) + len(counts) + 1
    return [*kept, *counts, (name, TKG.tripleCount, integer(size))]


def split_shared(triples: Iterable[Triple]) -> tuple[list[Triple], list[Triple]]:
    """An article's triples as those of its own graph and those that describe nodes the
    articles share (kg.iris.SHARED_GRAPH: a person's, a round's, the software's)."""
    own: list[Triple] = []
    shared: list[Triple] = []
    starts = str.startswith  # not URIRef.startswith (rdflib's takes no tuple of prefixes)
    for triple in triples:
        node = triple[0]
        if isinstance(node, URIRef) and starts(node, SHARED_NODES):  # kg.iris.is_shared
            shared.append(triple)
        else:
            own.append(triple)
    return own, shared


def article_triples(name: URIRef, triples: Iterable[Triple]) -> list[Triple]:
    """An article's triples with the count of those its graph ``name`` holds (``with_count``):
    the shared nodes' description, written to another graph, is not counted."""
    own, shared = split_shared(triples)
    return [*with_count(name, own), *shared]


def new_graph(identifier: URIRef | None = None) -> Graph:
    g = Graph(identifier=identifier, bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


@dataclass
class ArticleRDF:
    """One article's named graph as a list of triples, and where each fact came from."""

    name: URIRef  # the graph
    article: URIRef
    triples: list[Triple]
    origins: dict[URIRef, Where]

    def graph(self) -> Graph:
        g = new_graph(self.name)
        for triple in self.triples:
            g.add(triple)
        return g


class _ArticleWriter:
    def __init__(self, facts: ArticleFacts) -> None:
        self.facts = facts
        self.a = article_iri(facts.article.url)
        self.name = article_graph(facts.article.url)
        self.triples: list[Triple] = []
        self.spans: set[URIRef] = set()
        self.origins: dict[URIRef, Where] = {self.a: facts.article.where}

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | None) -> None:
        if o is not None:
            self.triples.append((s, p, o))

    def span(self, span: Span) -> URIRef:
        node = child(self.a, "span", f"{span.start}-{span.end}")
        if node not in self.spans:
            self.spans.add(node)
            quote, position = child(node, "quote"), child(node, "position")
            add = self.add
            add(node, TYPE, TKG.EvidenceSpan)
            add(node, OA.hasSource, self.a)
            add(node, OA.hasSelector, quote)
            add(node, OA.hasSelector, position)
            add(quote, TYPE, OA.TextQuoteSelector)
            add(quote, OA.exact, Literal(span.exact))
            add(quote, OA.prefix, Literal(span.prefix))
            add(quote, OA.suffix, Literal(span.suffix))
            add(position, TYPE, OA.TextPositionSelector)
            add(position, OA.start, integer(span.start))
            add(position, OA.end, integer(span.end))
        return node

    def reports(self, fact: URIRef, reports: tuple[Report, ...]) -> None:
        for n, report in enumerate(reports, start=1):
            node = child(fact, "report", str(n))
            add = self.add
            add(fact, TKG.report, node)
            add(node, TYPE, TKG.Report)
            add(node, TKG.inArticle, self.a)
            add(node, TKG.evidence, self.span(report.span))
            add(node, TKG.mode, MODES[report.mode])
            add(node, TKG.source, report.source)
            add(node, TKG.reportingVerb, Literal(report.verb) if report.verb else None)
            add(node, TKG.content, Literal(report.span.exact))
            if report.edited:
                add(node, TKG.edited, Literal(True))

    def extraction(self, extraction: Extraction) -> URIRef:
        """The run of the extractor that drafted the file, and the software that ran."""
        node, agent = (
            child(self.a, "extraction"),
            software_iri(extraction.software, extraction.version),
        )
        self.origins[node] = extraction.where
        add = self.add
        add(node, TYPE, PROV.Activity)
        add(node, TYPE, TKG.Extraction)
        add(node, PROV.used, self.a)
        add(node, PROV.wasAssociatedWith, agent)
        add(node, PROV.startedAtTime, Literal(_date_time(extraction), datatype=XSD.dateTime))
        add(agent, TYPE, PROV.SoftwareAgent)
        add(agent, RDFS.label, Literal(f"{extraction.software} {extraction.version}"))
        add(agent, SCHEMA.softwareVersion, Literal(extraction.version))
        return node

    def drafted(self, fact: URIRef, drafted: Drafted | None) -> None:
        """What marks a fact as drafted by the extractor; a curated fact gets none of it."""
        if drafted is None:
            return
        add = self.add
        add(fact, PROV.wasGeneratedBy, child(self.a, "extraction"))
        add(fact, TKG.reviewStatus, REVIEWS[drafted.review])
        add(fact, TKG.extractionRule, Literal(drafted.rule))
        if drafted.confidence is not None:
            # the canonical form (0.85, 1), which stores keep as written
            lexical = format(drafted.confidence.normalize(), "f")
            add(fact, TKG.confidence, Literal(lexical, datatype=XSD.decimal))

    def time(self, fact: URIRef, time: Time | None, prop: URIRef = TKG.time) -> None:
        """``time`` as a TimeSpec node under ``fact``, linked by ``prop`` (time, deadline)."""
        if time is None:
            return
        node = child(fact, "time" if prop == TKG.time else "deadline")
        add = self.add
        add(fact, prop, node)
        add(node, TYPE, TKG.TimeSpec)
        add(node, TKG.phrase, Literal(time.phrase))
        add(node, TKG.evidence, self.span(time.span))
        if time.precision is not None and time.value is not None:
            value = time.start if time.precision is Precision.WEEK else time.value  # Monday
            add(node, TKG.value, typed(value, VALUE_TYPES[time.precision]))
            add(node, TKG.precision, UNITS[time.precision])
            add(node, TKG.start, typed(time.start, _DATE))
            add(node, TKG.end, typed(time.end, _DATE))

    def write(self) -> ArticleRDF:
        art, a, add = self.facts.article, self.a, self.add
        add(self.name, TYPE, PROV.Bundle)
        add(self.name, PROV.wasDerivedFrom, a)
        add(a, TYPE, TKG.Article)
        add(a, SCHEMA.url, Literal(art.url, datatype=XSD.anyURI))
        add(a, SCHEMA.headline, Literal(art.title))
        add(a, SCHEMA.publisher, Literal(art.publisher) if art.publisher else None)
        add(a, SCHEMA.datePublished, typed(art.published, _DATE))
        add(a, SCHEMA.inLanguage, Literal(art.language))
        add(a, SCHEMA.articleBody, Literal(art.text))
        add(a, TKG.contentHash, Literal(content_hash(art.text)))
        add(a, TKG.dateNote, Literal(art.date_note) if art.date_note else None)
        if self.facts.extraction is not None:
            self.extraction(self.facts.extraction)

        for actor in self.facts.actors:
            node = actor.iri  # under the article, or a person's one node (kg.iris.person_iri)
            self.origins[node] = actor.where
            add(node, TYPE, TKG[actor.kind])
            add(node, RDFS.label, Literal(actor.label))
            if actor.kind == "UnnamedSource":
                add(node, TKG.printedDescription, Literal(actor.description))
            for member in actor.members:
                add(node, TKG.member, member)
            add(node, TKG.affiliation, actor.affiliation)
            if node.startswith(self.a + "/"):  # a person's one node is no draft of this article
                self.drafted(node, actor.drafted)

        for p in self.facts.proposals:
            node = child(a, _PROPOSAL, p.key)
            self.origins[node] = p.where
            add(node, TYPE, TKG.Proposal)
            add(node, TKG.proposer, p.proposer)
            add(node, TKG.issue, p.issue)
            add(node, TKG.agreement, p.agreement)
            add(node, TKG.summary, Literal(p.summary))
            add(node, TKG.thread, p.thread)
            self.reason(node, p.reason)
            self.drafted(node, p.drafted)
            self.reports(node, p.reports)

        for act in self.facts.acts:
            self.act(act)
        for event in self.facts.events:
            self.event(event)
        for change in self.facts.changes:
            self.change(change)
        # with the superclass types; a list in YAML may repeat a value: each triple once
        unique = article_triples(self.name, with_supertypes(self.triples))
        return ArticleRDF(self.name, self.a, unique, self.origins)

    def act(self, act: SpeechAct) -> None:
        a, add = self.a, self.add
        node = child(a, kind_of_class(act.kind).segment, act.key)
        self.origins[node] = act.where
        add(node, TYPE, TKG[act.kind])
        add(node, TKG.agent, act.agent)
        for target in act.targets:
            add(node, TKG.target, child(a, _PROPOSAL, target))
        for target in act.about:
            add(node, TKG.target, target)
        add(node, TKG.thread, act.thread)
        add(node, TKG.summary, Literal(act.summary) if act.summary else None)
        add(node, TKG.place, act.place)
        add(node, TKG.threatenedAction, Literal(act.action) if act.action else None)
        add(node, TKG.condition, Literal(act.condition) if act.condition else None)
        self.reason(node, act.reason)
        self.time(node, act.time)
        self.time(node, act.deadline, TKG.deadline)
        self.drafted(node, act.drafted)
        self.reports(node, act.reports)

    def reason(self, fact: URIRef, reason: Reason | None) -> None:
        if reason is None:
            return
        node, add = child(fact, "reason"), self.add
        add(fact, TKG.reason, node)
        add(node, TYPE, TKG.Reason)
        add(node, TKG.summary, Literal(reason.summary))
        add(node, TKG.reasonKind, TKG[reason.kind] if reason.kind else None)
        add(node, TKG.evidence, self.span(reason.span))

    def change(self, change: StatusChange) -> None:
        node, add = child(self.a, _CHANGE, change.key), self.add
        self.origins[node] = change.where
        add(node, TYPE, TKG.StatusChange)
        add(node, TKG.changeOf, change.fact)
        add(node, TKG.newStatus, TKG[change.status])
        add(node, TKG.agent, change.agent)
        add(node, TKG.summary, Literal(change.summary) if change.summary else None)
        self.time(node, change.time)
        self.reports(node, change.reports)

    def thread(self, fact: URIRef, thread: URIRef | None, event: Event) -> None:
        """``fact tkg:thread thread``; a round's thread, which the reference data does not
        list, is described here, in the same words by every article that names it."""
        if thread is None:
            return
        self.add(fact, TKG.thread, thread)
        if event.kind == "NegotiationRound" and event.round_number is not None:
            negotiation = URIRef(str(thread).rsplit("/round/", 1)[0])
            add = self.add
            add(thread, TYPE, TKG.Thread)
            add(thread, SKOS.inScheme, TKG.ThreadScheme)
            add(thread, SKOS.broader, negotiation)
            add(thread, SKOS.notation, Literal(str(event.round_number)))
            if event.thread_label:
                add(thread, RDFS.label, Literal(event.thread_label))
                add(thread, SKOS.prefLabel, Literal(event.thread_label, lang="en"))

    def event(self, event: Event) -> None:
        a, add = self.a, self.add
        node = child(a, _EVENT, event.key)
        self.origins[node] = event.where
        add(node, TYPE, TKG[event.kind])
        add(node, RDFS.label, Literal(event.label))
        add(node, TKG.status, TKG[event.status] if event.status else None)
        if event.round_number is not None:
            add(node, TKG.roundNumber, integer(event.round_number))
        add(node, TKG.partOf, child(a, _EVENT, event.part_of) if event.part_of else None)
        for participant in event.participants:
            add(node, TKG.participant, participant)
        add(node, TKG.place, event.place)
        add(node, TKG.agreement, event.agreement)
        add(node, TKG.issue, event.issue)
        self.thread(node, event.thread, event)
        self.time(node, event.time)
        self.drafted(node, event.drafted)
        self.reports(node, event.reports)


def _date_time(extraction: Extraction) -> str:
    """xsd:dateTime in the canonical form stores keep as written: ``Z`` for UTC, no trailing
    zeros in the fraction of a second."""
    started = extraction.started
    text = started.strftime("%Y-%m-%dT%H:%M:%S")
    if started.microsecond:
        text += f".{started.microsecond:06d}".rstrip("0")
    offset = started.utcoffset()
    minutes = round(offset.total_seconds() / 60) if offset is not None else 0
    if minutes == 0:
        return text + "Z"
    sign = "-" if minutes < 0 else "+"
    return text + f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def article_rdf(facts: ArticleFacts) -> ArticleRDF:
    """The named graph of one article: evidence, reports and facts."""
    return _ArticleWriter(facts).write()


def article_to_graph(facts: ArticleFacts) -> tuple[Graph, dict[URIRef, Where]]:
    """The same as an rdflib graph, and where in the input each fact node came from."""
    rdf = article_rdf(facts)
    return rdf.graph(), rdf.origins


class ReferenceData(Protocol):
    """What the reference graph is made from: ``kg.loaders.Reference`` is one."""

    def all(self) -> Iterable[RefEntity]: ...

    def iri(self, section: str, key: str) -> URIRef: ...


def _month_or_day(text: str) -> Literal:
    return Literal(text, datatype=XSD.date if len(text) == 10 else XSD.gYearMonth)


def reference_to_graph(ref: ReferenceData) -> Graph:
    """The reference graph: names, aliases, types and links of shared entities."""
    g = new_graph(REFERENCE_GRAPH)
    for e in ref.all():
        node = ref.iri(e.section, e.key)
        for triple in with_supertypes([(node, TYPE, TKG[e.kind])]):
            g.add(triple)
        g.add((node, RDFS.label, Literal(e.name)))
        for alias in e.aliases:
            g.add((node, SKOS.altLabel, Literal(alias)))
        if e.wikidata:
            g.add((node, SKOS.exactMatch, WD[e.wikidata]))
        if e.affiliation:
            g.add((node, TKG.affiliation, ref.iri("actors", e.affiliation)))
        for post in e.posts:
            g.add((node, TKG.holds, ref.iri("posts", post)))
        for tenure in e.held:  # a post held over a dated interval
            held = child(node, "held", tenure.post, tenure.start)
            g.add((node, TKG.tenure, held))
            g.add((held, TYPE, TKG.Tenure))
            g.add((held, TKG.tenurePost, ref.iri("posts", tenure.post)))
            g.add((held, TKG.heldFrom, _month_or_day(tenure.start)))
            if tenure.until is not None:
                g.add((held, TKG.heldUntil, _month_or_day(tenure.until)))
        if e.post_in:
            g.add((node, TKG.postIn, ref.iri("actors", e.post_in)))
        for member in e.members:
            g.add((node, TKG.member, ref.iri("actors", member)))
        if e.section == "issues":
            g.add((node, SKOS.prefLabel, Literal(e.name, lang="en")))
            g.add((node, SKOS.inScheme, TKG.IssueScheme))
        if e.kind == "Thread":
            g.add((node, SKOS.prefLabel, Literal(e.name, lang="en")))
            g.add((node, SKOS.inScheme, TKG.ThreadScheme))
        if e.agreement:
            g.add((node, TKG.agreement, ref.iri("agreements", e.agreement)))
        if e.issue:
            g.add((node, TKG.issue, ref.iri("issues", e.issue)))
        if e.definition:
            g.add((node, SKOS.definition, Literal(e.definition, lang="en")))
    return g
