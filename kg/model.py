"""The typed facts records every input is turned into before it becomes RDF.

Records hold resolved IRIs (actors, issues, places) and evidence spans with offsets, plus the
file and line they came from, so every later error can point back at the input.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from rdflib import URIRef


class Mode(Enum):
    """How an article renders what a source said."""

    DIRECT_QUOTE = "direct-quote"
    PARTIAL_QUOTE = "partial-quote"
    PARAPHRASE = "paraphrase"
    OUTLET_VOICE = "outlet-voice"


class Precision(Enum):
    DAY = "day"
    WEEK = "week"  # an ISO week, Monday to Sunday ("next week")
    MONTH = "month"
    YEAR = "year"


class Review(Enum):
    """Where a drafted fact stands: as the extractor drafted it, or checked by a person."""

    DRAFT = "draft"
    REVIEWED = "reviewed"


@dataclass(frozen=True)
class Where:
    """A place in an input file."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Span:
    """Words of the article text: ``text[start:end] == exact``."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Extraction:
    """The run of an extractor that drafted a facts file (its ``draft:`` header)."""

    software: str  # e.g. tradekg
    version: str  # e.g. 0.1.0
    started: dt.datetime  # with a UTC offset
    where: Where


@dataclass(frozen=True)
class Drafted:
    """How an extractor drafted one fact; a fact without it is curated (written by a person)."""

    rule: str  # the extractor rule's id
    review: Review = Review.DRAFT
    confidence: Decimal | None = None  # 0 < confidence <= 1


@dataclass(frozen=True)
class Report:
    """The article credits content to a source (None for the outlet's own voice) in a mode."""

    mode: Mode
    source: URIRef | None
    verb: str | None
    span: Span
    edited: bool = False


@dataclass(frozen=True)
class Time:
    """A time as the article words it, resolved (or not) against the publication date."""

    phrase: str
    span: Span
    value: str | None = None  # ISO: 2017-11-21, 2017-W48 (a week), 2017-12 or 2017
    precision: Precision | None = None
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class Reason:
    summary: str
    kind: str | None
    span: Span


@dataclass(frozen=True)
class LocalActor:
    """An actor an article defines for itself (an unnamed source, a group, a person the
    reference data does not name).

    ``iri`` is its node: under the article (``<article>/actor/<key>``) for most kinds, but one
    node for the whole store for a person (``kg.iris.person_iri``), so that every article that
    names the person points at the same node."""

    key: str
    kind: str  # ontology class name: UnnamedSource, ActorGroup, Person...
    label: str
    where: Where
    iri: URIRef
    description: str | None = None
    members: tuple[URIRef, ...] = ()
    affiliation: URIRef | None = None
    drafted: Drafted | None = None


@dataclass(frozen=True)
class Proposal:
    key: str
    proposer: URIRef
    summary: str
    reports: tuple[Report, ...]
    where: Where
    issue: URIRef | None = None
    agreement: URIRef | None = None
    drafted: Drafted | None = None
    reason: Reason | None = None  # why the proposer puts it forward
    thread: URIRef | None = None  # the thread it belongs to, across articles (tkg:Thread)


@dataclass(frozen=True)
class SpeechAct:
    """A speech act of any kind: an entry of a speech-act section (``kg.kinds.SPEECH_ACTS``)."""

    kind: str  # ontology class name: Statement, Demand, Objection, Rejection...
    key: str
    agent: URIRef | None  # None only for statements in the outlet's own voice
    reports: tuple[Report, ...]
    where: Where
    targets: tuple[str, ...] = ()  # proposal keys in the same article
    reason: Reason | None = None
    summary: str | None = None
    time: Time | None = None
    place: URIRef | None = None
    action: str | None = None  # threats
    condition: str | None = None  # threats
    deadline: Time | None = None  # threats and demands: by when, apart from ``time``
    drafted: Drafted | None = None
    about: tuple[URIRef, ...] = ()  # other facts of the article it is about (any kind)
    thread: URIRef | None = None  # the thread it belongs to, across articles (tkg:Thread)


@dataclass(frozen=True)
class Event:
    kind: str  # ontology class name: Negotiation, NegotiationRound, Meeting...
    key: str
    label: str
    reports: tuple[Report, ...]
    where: Where
    status: str | None = None  # Occurred, Scheduled, Expected
    round_number: int | None = None
    part_of: str | None = None  # event key in the same article
    participants: tuple[URIRef, ...] = ()
    place: URIRef | None = None
    time: Time | None = None
    agreement: URIRef | None = None
    issue: URIRef | None = None
    drafted: Drafted | None = None
    thread: URIRef | None = None  # a negotiation, or a round of one, shared by every article
    thread_label: str | None = None  # a round's: "Round 5 of the NAFTA renegotiation"


@dataclass(frozen=True)
class StatusChange:
    """A dated change in where a proposal, demand or threat stands (withdrawn, agreed...)."""

    key: str
    fact: URIRef  # the proposal, demand or threat of the same article
    status: str  # ontology individual name: Revised, Withdrawn, Agreed, CarriedOut, Lapsed
    reports: tuple[Report, ...]
    where: Where
    agent: URIRef | None = None  # who changed it, when the article says
    summary: str | None = None
    time: Time | None = None


@dataclass(frozen=True)
class Article:
    url: str
    title: str
    published: dt.date
    language: str
    text: str
    where: Where
    publisher: str | None = None
    date_note: str | None = None


@dataclass
class ArticleFacts:
    """Everything one facts file says about one article."""

    article: Article
    where: Where
    extraction: Extraction | None = None  # set when an extractor drafted the file
    actors: list[LocalActor] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    acts: list[SpeechAct] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    changes: list[StatusChange] = field(default_factory=list)


@dataclass(frozen=True)
class Tenure:
    """A post a person held from one date to another (ISO: 2017-05-15, or 2017-05 for a
    month); ``until`` None while they still hold it."""

    post: str  # a post id
    start: str
    until: str | None = None


@dataclass(frozen=True)
class RefEntity:
    """An entry of the reference data: an actor, post, agreement, issue, place, negotiation or
    thread."""

    section: str  # actors, posts, agreements, issues, places, negotiations, threads
    key: str
    kind: str  # ontology class name
    name: str
    where: Where
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    affiliation: str | None = None
    posts: tuple[str, ...] = ()
    post_in: str | None = None
    definition: str | None = None
    members: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()  # "Canadian": for extractors, not written to RDF
    iso: str | None = None  # ISO 3166-1 alpha-2 code of a country; not written to RDF
    held: tuple[Tenure, ...] = ()  # posts held over dated intervals
    agreement: str | None = None  # negotiations and threads: the agreement they concern
    issue: str | None = None  # threads: the issue
