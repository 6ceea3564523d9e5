"""Fact kinds: the one table of what a facts file may hold about an article.

A facts file lists an article's actors and then its facts, one section per kind of fact:
``proposals``, ``demands``, ``objections``, ... Each record below says, for one section, which
ontology classes its entries become, the IRI segment their nodes are minted under, whether the
extractor drafts them, and (for speech acts) which of the shared keys the section takes. The
loader, the RDF mapping and the extractor read this table; ``tests/test_kinds.py`` checks it
against the ontology, so a class added there and not here (or left out of a saved query's list
of classes) fails a test.

>>> KINDS["objections"].classes
('Objection', 'Rejection')
>>> kind_of_class("Rejection").segment
'objection'
>>> [kind.section for kind in KINDS.values() if kind.family == "SpeechAct"]
['demands', 'objections', 'statements', 'threats', 'supports']
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from kg.terms import TKG


@dataclass(frozen=True)
class FactKind:
    """One section of a facts file and the facts its entries become."""

    section: str  # the facts-file section: "objections"
    segment: str  # the IRI segment of its facts: <article IRI>/objection/<id>
    # the ontology class every class of the kind falls under: Proposal, SpeechAct, Event...
    family: str
    classes: tuple[str, ...]  # the ontology classes an entry may take; the first is the default
    choice: str | None = None  # the key that picks one of several classes: "kind", "type"
    # the values of ``choice`` and the class each picks (when they are not the class names)
    choices: dict[str, str] = field(default_factory=dict, hash=False)
    drafted: bool = True  # the extractor drafts entries of this section
    # what an entry of a speech-act section takes besides the keys all facts share:
    agent_optional: bool = False  # 'by' may be left out (a statement in the outlet's own voice)
    targets: bool = True  # 'proposal' / 'proposals': the proposals it is about
    reason: bool = False  # 'reason': why the actor objects or demands
    threat: bool = False  # 'action' (required) and 'condition': what the actor may do
    deadline: bool = False  # 'deadline': by when, a time like 'when'

    def pick(self, value: object) -> str | None:
        """The class a value of ``choice`` picks, or None when it picks none."""
        if self.choices:
            return self.choices.get(value) if isinstance(value, str) else None
        return value if isinstance(value, str) and value in self.classes else None


KINDS: dict[str, FactKind] = {
    kind.section: kind
    for kind in (
        FactKind("proposals", "proposal", "Proposal", ("Proposal",)),
        FactKind("demands", "demand", "SpeechAct", ("Demand",), deadline=True, reason=True),
        FactKind(
            "objections",
            "objection",
            "SpeechAct",
            ("Objection", "Rejection"),
            choice="kind",
            choices={"objection": "Objection", "rejection": "Rejection"},
            reason=True,
        ),
        FactKind(
            "statements",
            "statement",
            "SpeechAct",
            ("Statement",),
            agent_optional=True,
            targets=False,
        ),
        FactKind(
            "threats", "threat", "SpeechAct", ("Threat",), targets=False, threat=True, deadline=True
        ),
        FactKind("supports", "support", "SpeechAct", ("Support",)),
        FactKind(
            "events",
            "event",
            "Event",
            ("Negotiation", "NegotiationRound", "Meeting", "PressConference", "Milestone"),
            choice="type",
        ),
        FactKind("changes", "change", "StatusChange", ("StatusChange",), drafted=False),
    )
}
"""Every fact kind by its section, in the order a facts file lists (and the loader reads) them."""

FAMILIES: tuple[str, ...] = tuple(dict.fromkeys(kind.family for kind in KINDS.values()))
"""The ontology classes facts fall under: a fact is an instance of one of them or a subclass."""

SPEECH_ACTS: dict[str, FactKind] = {s: k for s, k in KINDS.items() if k.family == "SpeechAct"}
"""The sections of speech acts: they share one record type (``kg.model.SpeechAct``)."""

_BY_CLASS = {name: kind for kind in KINDS.values() for name in kind.classes}


def kind_of_class(name: str) -> FactKind:
    """The kind whose entries may take the ontology class ``name`` (KeyError if none)."""
    return _BY_CLASS[name]


def family_classes() -> tuple[URIRef, ...]:
    """The IRIs of ``FAMILIES``: what a fact may be an instance of (or of a subclass)."""
    return tuple(TKG[name] for name in FAMILIES)
