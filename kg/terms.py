"""Closed namespaces: the ontology's terms and the standard vocabularies tradekg writes.

A typo in a term is an ``AttributeError``, not a new IRI: ``TKG`` is a closed
``DefinedNamespace`` and ``tests/test_ontology.py`` checks that it lists exactly the
terms ``ontology/tradekg.ttl`` defines.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/tradekg/"
ONTOLOGY_IRI = BASE + "ontology"
DATA = Namespace(BASE + "id/")


class TKG(DefinedNamespace):
    """The tradekg ontology (``https://w3id.org/tradekg/ontology#``)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # Evidence layer
    Article: URIRef  # a news article the facts are drawn from
    EvidenceSpan: URIRef  # a span of an article's text that a fact rests on
    contentHash: URIRef  # sha256 (hex) of an article's text, or of the files a graph came from
    dateNote: URIRef  # why the publication date is what it is (when not printed)
    evidence: URIRef  # fact / report / time -> EvidenceSpan
    inArticle: URIRef  # EvidenceSpan / Report -> Article

    # Report layer (attribution)
    Report: URIRef  # the article credits some content to a source, in a mode
    ReportMode: URIRef  # how the content is rendered (quote, paraphrase, outlet voice)
    DirectQuote: URIRef
    PartialQuote: URIRef
    Paraphrase: URIRef
    OutletVoice: URIRef
    mode: URIRef  # Report -> ReportMode
    source: URIRef  # Report -> Actor credited with the content
    reportingVerb: URIRef  # "said", "told reporters", "according to"
    content: URIRef  # the words as reported (the quote or the paraphrasing words)
    edited: URIRef  # xsd:boolean, a quote with an elision
    report: URIRef  # fact -> Report (qualified attribution)

    # Actors
    Actor: URIRef
    Person: URIRef
    Country: URIRef
    Organization: URIRef
    GovernmentBody: URIRef
    InterestGroup: URIRef
    ActorGroup: URIRef
    UnnamedSource: URIRef
    Post: URIRef
    member: URIRef  # ActorGroup -> Actor
    printedDescription: URIRef  # the words an article uses for an unnamed source
    holds: URIRef  # Person -> Post
    Tenure: URIRef  # a post held over a dated interval
    tenure: URIRef  # Person -> Tenure
    tenurePost: URIRef  # Tenure -> Post
    heldFrom: URIRef  # Tenure -> xsd:date or xsd:gYearMonth
    heldUntil: URIRef  # Tenure -> xsd:date or xsd:gYearMonth
    postIn: URIRef  # Post -> Actor (the country or organisation)
    affiliation: URIRef  # Actor -> Actor (country or organisation it acts for)

    # Agreements, issues, proposals
    TradeAgreement: URIRef
    Issue: URIRef
    IssueScheme: URIRef  # the SKOS scheme of negotiating issues (an individual)
    Proposal: URIRef
    proposer: URIRef  # Proposal -> Actor
    issue: URIRef  # Proposal / Event -> Issue
    agreement: URIRef  # Proposal / Negotiation -> TradeAgreement
    summary: URIRef  # a one-line summary of a fact in the curator's words

    # Speech acts
    SpeechAct: URIRef
    Statement: URIRef
    Demand: URIRef
    Objection: URIRef
    Rejection: URIRef
    Threat: URIRef
    Support: URIRef
    Reason: URIRef
    ReasonKind: URIRef
    EconomicHarm: URIRef
    Sovereignty: URIRef
    LegalConcern: URIRef
    Imbalance: URIRef
    Procedural: URIRef
    OtherReason: URIRef
    agent: URIRef  # SpeechAct -> Actor who performs it
    target: URIRef  # Demand / Objection / Support -> Proposal
    reason: URIRef  # Objection -> Reason
    reasonKind: URIRef  # Reason -> ReasonKind
    threatenedAction: URIRef  # Threat -> text
    condition: URIRef  # Threat -> text

    # Events, places and time
    Event: URIRef
    Negotiation: URIRef
    NegotiationRound: URIRef
    Meeting: URIRef
    PressConference: URIRef
    Milestone: URIRef  # an expected or hoped-for development ("progress by the end of the year")
    EventStatus: URIRef
    Occurred: URIRef
    Scheduled: URIRef
    Expected: URIRef
    Place: URIRef
    roundNumber: URIRef
    partOf: URIRef  # NegotiationRound -> Negotiation
    participant: URIRef  # Event -> Actor
    place: URIRef  # Event / SpeechAct -> Place
    status: URIRef  # Event -> EventStatus
    time: URIRef  # Event / SpeechAct / Threat -> TimeSpec
    deadline: URIRef  # Threat / Demand -> TimeSpec: by when, apart from when it was made
    TimeSpec: URIRef  # a time as the article words it, and resolved
    phrase: URIRef  # the original words ("next month")
    value: URIRef  # resolved value: xsd:date, xsd:gYearMonth or xsd:gYear
    precision: URIRef  # TimeSpec -> time:TemporalUnit (unitDay, unitWeek, unitMonth, unitYear)
    start: URIRef  # first day of the resolved interval (xsd:date)
    end: URIRef  # last day of the resolved interval (xsd:date)

    # Drafted facts (provenance of what an extractor drafted)
    Extraction: URIRef  # a run of an extractor over an article (a prov:Activity)
    ReviewStatus: URIRef  # where a drafted fact stands (a class and its SKOS scheme)
    Draft: URIRef  # as the extractor drafted it, not checked by a person
    Reviewed: URIRef  # checked by a person
    reviewStatus: URIRef  # drafted fact -> ReviewStatus
    extractionRule: URIRef  # drafted fact -> the id of the extractor rule that drafted it
    confidence: URIRef  # drafted fact -> xsd:decimal in (0, 1]

    # Identity across articles: links between facts (kg.link)
    Link: URIRef  # a claim that two facts of different articles are one thing
    linkFrom: URIRef  # Link -> the fact of the earlier article
    linkTo: URIRef  # Link -> the fact of the later article
    linkMethod: URIRef  # Link -> xsd:string: the linker rule, or "curator"
    score: URIRef  # Link -> xsd:decimal in [0, 1]
    linkStatus: URIRef  # Link -> LinkStatus
    LinkStatus: URIRef  # proposed, accepted, rejected (a class and its SKOS scheme)
    Proposed: URIRef
    Accepted: URIRef
    Rejected: URIRef
    sameAs: URIRef  # fact -> fact of another article: one thing (a followed link)
    tripleCount: URIRef  # graph -> xsd:integer: the triples it holds, this one included
    # graph -> xsd:integer: the instances of a class it describes (kg.rdf.KIND_COUNTS)
    articleCount: URIRef
    proposalCount: URIRef
    demandCount: URIRef
    objectionCount: URIRef
    statementCount: URIRef
    threatCount: URIRef
    supportCount: URIRef
    eventCount: URIRef
    reportCount: URIRef
    actorCount: URIRef
    issueCount: URIRef
    graphCount: URIRef  # the store's totals -> xsd:integer: the graphs they sum
    Thread: URIRef  # a proposal, threat, negotiation or round followed across articles
    ThreadScheme: URIRef  # the SKOS scheme of the threads
    thread: URIRef  # fact -> Thread

    # The life of a proposal or a threat
    StatusChange: URIRef  # a dated change in where a proposal, demand or threat stands
    changeOf: URIRef  # StatusChange -> the fact whose status changed
    newStatus: URIRef  # StatusChange -> FactStatus
    FactStatus: URIRef  # revised, withdrawn, agreed, carried out, lapsed (class and scheme)
    Revised: URIRef
    Withdrawn: URIRef
    Agreed: URIRef
    CarriedOut: URIRef
    Lapsed: URIRef


# Each term of TKG as a plain class attribute: rdflib looks a DefinedNamespace's term up
# through two Python calls at every use (TKG.report), and the mapping of one article to RDF
# uses hundreds of them. The same URIRefs; TKG.__annotations__ still lists the terms, and a
# name that is not a term is still an AttributeError.
for _name in TKG.__annotations__:
    type.__setattr__(TKG, _name, TKG[_name])


# What ``tradekg stats`` counts, by class (the superclass types are written, so an objection's
# count includes the rejections, an event's every kind of event): the property with which a
# graph states how many instances of the class it describes (kg.rdf.with_count). Every graph
# that tradekg writes whole (an article's, the reference data's, the ontology's, the links')
# states them all, zero included, and its ``tkg:tripleCount``; the shared graph, added to by
# every article and pruned when one is replaced, states none (queries/stats.rq counts it).
KIND_COUNTS: dict[URIRef, URIRef] = {
    TKG.Article: TKG.articleCount,
    TKG.Proposal: TKG.proposalCount,
    TKG.Demand: TKG.demandCount,
    TKG.Objection: TKG.objectionCount,
    TKG.Statement: TKG.statementCount,
    TKG.Threat: TKG.threatCount,
    TKG.Support: TKG.supportCount,
    TKG.Event: TKG.eventCount,
    TKG.Report: TKG.reportCount,
    TKG.Actor: TKG.actorCount,
    TKG.Issue: TKG.issueCount,
}


class _Namespace(Namespace):
    """rdflib's Namespace that makes each term once: rdflib's makes (and checks) a new URIRef
    at every lookup (``SCHEMA.url``)."""

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        self.__dict__[name] = term
        return term


PREFIXES: dict[str, str] = {
    "tkg": str(TKG._NS),
    "id": str(DATA),
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "time": "http://www.w3.org/2006/time#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "org": "http://www.w3.org/ns/org#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "wd": "http://www.wikidata.org/entity/",
}

# A SPARQL prologue declaring every prefix above, for the queries written in Python modules.
SPARQL_PREFIXES = "".join(
    f"PREFIX {prefix}: <{ns}>\n"
    for prefix, ns in {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", **PREFIXES}.items()
)

SCHEMA = _Namespace(PREFIXES["schema"])
PROV = _Namespace(PREFIXES["prov"])
OA = _Namespace(PREFIXES["oa"])
SKOS = _Namespace(PREFIXES["skos"])
TIME = _Namespace(PREFIXES["time"])
WD = _Namespace(PREFIXES["wd"])
