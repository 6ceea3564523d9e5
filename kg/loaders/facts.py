"""Facts files: one article's facts in YAML, written by a person or drafted by an extractor for
a person to review (format in README.md)."""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import difflib
import re
from collections.abc import Callable, Collection
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import URIRef

from kg.errors import FileMissing, InputError
from kg.iris import article_iri, check_id, child, person_iri
from kg.kinds import KINDS, SPEECH_ACTS, FactKind
from kg.loaders.article import read_article
from kg.loaders.evidence import Finder
from kg.loaders.reference import Reference
from kg.loaders.yamlsrc import Node, parse_mapping, read_text
from kg.model import (
    Article,
    ArticleFacts,
    Drafted,
    Event,
    Extraction,
    LocalActor,
    Mode,
    Precision,
    Proposal,
    Reason,
    Report,
    Review,
    Span,
    SpeechAct,
    StatusChange,
    Time,
    Where,
)

TOP_KEYS = ("article", "draft", "actors", *KINDS)
REPORT_KEYS = {"evidence", "source", "mode", "verb", "edited", "occurrence"}
DRAFT_KEYS = {"rule", "confidence", "review"}  # on any fact an extractor drafted
ACT_KEYS = (
    REPORT_KEYS
    | {
        "id",
        "by",
        "proposal",
        "proposals",
        "summary",
        "when",
        "where",
        "reports",
        "kind",
        "reason",
        "action",
        "condition",
        "deadline",
        "about",
        "thread",
    }
    | DRAFT_KEYS
)
PROPOSAL_KEYS = (
    REPORT_KEYS
    | DRAFT_KEYS
    | {"id", "proposer", "issue", "agreement", "summary", "reports", "reason", "thread"}
)
CHANGE_KEYS = REPORT_KEYS | {"id", "of", "status", "by", "summary", "when", "reports"}
EVENT_KEYS = (
    REPORT_KEYS
    | DRAFT_KEYS
    | {
        "id",
        "type",
        "name",
        "round",
        "part_of",
        "participants",
        "where",
        "when",
        "status",
        "agreement",
        "issue",
        "reports",
        "negotiation",
    }
)
ACTOR_KEYS = {"id", "type", "name", "description", "members", "affiliation"} | DRAFT_KEYS
LOCAL_ACTOR_TYPES = (
    "UnnamedSource",
    "ActorGroup",
    "Person",
    "Organization",
    "GovernmentBody",
    "InterestGroup",
    "Country",
)
STATUSES = {"occurred": "Occurred", "scheduled": "Scheduled", "expected": "Expected"}
# the statuses a status change gives a proposal, demand or threat (ontology: tkg:FactStatus)
CHANGES = {
    "revised": "Revised",
    "withdrawn": "Withdrawn",
    "agreed": "Agreed",
    "carried-out": "CarriedOut",
    "lapsed": "Lapsed",
}
REASON_KINDS = {
    "economic-harm": "EconomicHarm",
    "sovereignty": "Sovereignty",
    "legal": "LegalConcern",
    "imbalance": "Imbalance",
    "procedural": "Procedural",
    "other": "OtherReason",
}
_EVENTS = KINDS["events"]


def _sections(takes: Callable[[FactKind], bool]) -> str:
    """The speech-act sections that take a key, for messages: "objections"."""
    return " and ".join(kind.section for kind in SPEECH_ACTS.values() if takes(kind))


_CHOICES = " or ".join(v for k in SPEECH_ACTS.values() if k.choice == "kind" for v in k.choices)
_ONLY_KIND = f"'kind' is only for {_sections(lambda k: k.choice == 'kind')}: {_CHOICES}"
_ONLY_REASON = f"only proposals, {_sections(lambda k: k.reason)} have a 'reason'"
_ONLY_THREAT = f"'action' and 'condition' are for {_sections(lambda k: k.threat)}"
_ONLY_DEADLINE = f"only {_sections(lambda k: k.deadline)} have a 'deadline'"
ELISION = re.compile(r"…|\.\.\.|\[\.\.\.\]")
EXTRACTOR = re.compile(r"([a-z0-9](?:[a-z0-9-]*[a-z0-9])?) ([0-9][0-9A-Za-z.+-]*)")


def load_facts(
    path: Path,
    reference: Reference,
    *,
    shown_as: str | None = None,
    text: str | None = None,
    article: Article | None = None,
) -> ArticleFacts:
    """Read a facts file and the article it names; every reference is resolved or an error.

    ``shown_as`` is the name messages give the file. ``text`` (the file's content) and
    ``article`` (the article it names, already read) spare reading them again: the
    extractor passes the draft it wrote and the article it drafted from."""
    path = Path(path)
    doc = parse_mapping(
        read_text(path) if text is None else text,
        path,
        "a facts file must be a mapping with an 'article' key",
        hint="see 'Facts format' in README.md",
    )
    return _FactsReader(path, doc, reference, shown_as, article).read()


class _FactsReader:
    def __init__(
        self,
        path: Path,
        doc: Node,
        reference: Reference,
        shown_as: str | None = None,
        article: Article | None = None,
    ) -> None:
        self.path = path
        self.shown = shown_as or str(path)
        self.doc = doc
        self.ref = reference
        self.local: dict[str, URIRef] = {}
        self.extraction: Extraction | None = None
        self.given_article = article
        self.article: Article
        self.finder: Finder
        self.article_iri: URIRef

    # -- helpers -------------------------------------------------------------------------
    def where(self, node: Node, key: str | None = None) -> Where:
        line = node.key_lines.get(key, node.line) if key else node.line
        return Where(self.shown, line)

    def fail(
        self, message: str, node: Node, key: str | None = None, hint: str | None = None
    ) -> InputError:
        w = self.where(node, key)
        return InputError(message, path=w.path, line=w.line, hint=hint)

    def text_of(self, node: Node, key: str, required: bool = False) -> str | None:
        value = node.get(key)
        if value is None:
            if required:
                raise self.fail(f"'{key}' is required here", node)
            return None
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise self.fail(f"'{key}' must be text", node, key)
        text = str(value).strip()
        if required and not text:
            raise self.fail(f"'{key}' must not be empty", node, key)
        return text or None

    def check_keys(self, node: Node, allowed: set[str], what: str) -> None:
        for key in node:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = (
                    f"did you mean '{close[0]}'?"
                    if close
                    else ("allowed keys: " + ", ".join(sorted(allowed)))
                )
                raise self.fail(f"unknown key {key!r} in {what}", node, key, hint)

    def check_known(
        self, value: str | None, known: Collection[str], what: str, node: Node, key: str
    ) -> None:
        """A value of a fixed list (a type, a status) is one of them; None is no value."""
        if value is not None and value not in known:
            raise self.fail(
                f"{what} {value!r} is not known", node, key, "use one of " + ", ".join(known)
            )

    def items(self, section: str) -> list[Node]:
        value = self.doc.get(section)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, Node) for v in value):
            raise self.fail(f"'{section}' must be a list of mappings", self.doc, section)
        seen: dict[str, int] = {}
        for item in value:
            key = item.get("id")
            if not isinstance(key, str):
                continue  # not an id: self.key() says so when the item is read
            if key in seen:
                raise self.fail(
                    f"duplicate id {key!r} in '{section}' (first at line {seen[key]})", item, "id"
                )
            seen[key] = item.line
        return value

    def key(self, node: Node) -> str:
        try:
            return check_id(node.get("id"), "id")
        except InputError as e:
            raise self.fail(e.message, node, "id", e.hint) from None

    def resolve(self, section: str, value: object, node: Node, key: str) -> URIRef:
        """An id of the reference data (or, for actors, of this file's actors)."""
        if not isinstance(value, str):
            raise self.fail(f"'{key}' must be an id", node, key)
        if section == "actors" and value in self.local:
            return self.local[value]
        if self.ref.get(section, value) is not None:
            return self.ref.iri(section, value)
        known = list(self.ref.entities[section]) + (list(self.local) if section == "actors" else [])
        close = difflib.get_close_matches(value, known, n=3)
        hint = (
            ("did you mean " + " or ".join(repr(c) for c in close) + "?")
            if close
            else f"add it to 'actors:' in this file or to the reference data ({section})"
            if section == "actors"
            else f"add it to the reference data ('{section}:' in a file given with --reference)"
        )
        raise self.fail(f"unknown {section[:-1]} {value!r}", node, key, hint)

    def resolve_optional(self, section: str, node: Node, key: str) -> URIRef | None:
        """``resolve`` of the value of ``key``; None when the entry does not give it."""
        value = node.get(key)
        return None if value is None else self.resolve(section, value, node, key)

    def resolve_many(self, section: str, node: Node, key: str) -> tuple[URIRef, ...]:
        value = node.get(key)
        if value is None:
            return ()
        values = value if isinstance(value, list) else [value]
        return tuple(self.resolve(section, v, node, key) for v in values)

    # -- reading ---------------------------------------------------------------------------
    def read(self) -> ArticleFacts:
        self.check_keys(self.doc, set(TOP_KEYS), "a facts file")
        name = self.text_of(self.doc, "article", required=True)
        assert name is not None
        article_path = self.path.parent / name
        try:
            self.article = self.given_article or read_article(article_path)
        except FileMissing:
            raise self.fail(
                f"article file {name!r} not found",
                self.doc,
                "article",
                "give the path of the article relative to this file",
            ) from None
        self.finder = Finder(self.article.text)
        self.article_iri = article_iri(self.article.url)
        self.extraction = self.draft_header()
        facts = ArticleFacts(
            article=self.article, where=Where(self.shown), extraction=self.extraction
        )
        for node in self.items("actors"):
            actor = self.local_actor(node)
            if not self.ref.is_actor(actor.iri):  # a person of the reference data is
                facts.actors.append(actor)  # named and typed there, once

        self.facts_by_id = self.fact_index()
        proposals = {}
        for node in self.items("proposals"):
            proposal = self.proposal(node)
            proposals[proposal.key] = proposal
            facts.proposals.append(proposal)
        for kind in SPEECH_ACTS.values():
            for node in self.items(kind.section):
                facts.acts.append(self.act(node, kind, proposals))
        events: dict[str, Node] = {str(n.get("id")): n for n in self.items("events")}
        for node in events.values():
            facts.events.append(self.event(node, events))
        for node in self.items("changes"):
            facts.changes.append(self.change(node))
        return facts

    def fact_index(self) -> dict[str, list[URIRef]]:
        """Every fact of this file by ``id`` and by ``<kind>/<id>`` (``statement/x``): what
        ``about:`` and ``of:`` may name."""
        index: dict[str, list[URIRef]] = {}
        for kind in KINDS.values():
            for node in self.items(kind.section):
                key = node.get("id")
                if isinstance(key, str):
                    iri = child(self.article_iri, kind.segment, key)
                    index.setdefault(key, []).append(iri)
                    index.setdefault(f"{kind.segment}/{key}", []).append(iri)
        return index

    def fact(self, value: object, node: Node, key: str) -> URIRef:
        """The fact of this file that ``value`` names: its id, or ``<kind>/<id>`` when
        facts of two kinds share the id."""
        found = self.facts_by_id.get(value, []) if isinstance(value, str) else []
        if len(found) == 1:
            return found[0]
        if not found:
            close = difflib.get_close_matches(str(value), list(self.facts_by_id), n=3)
            raise self.fail(
                f"no fact of this file has the id {value!r}",
                node,
                key,
                ("did you mean " + " or ".join(repr(c) for c in close) + "?")
                if close
                else "give the id of a fact in this file (a proposal, statement, event...)",
            )
        names = [f"{_segment_of(iri)}/{value}" for iri in found]
        raise self.fail(
            f"{value!r} is the id of {len(found)} facts of this file",
            node,
            key,
            "say which: " + " or ".join(repr(n) for n in names),
        )

    def draft_header(self) -> Extraction | None:
        """The ``draft:`` header of a file an extractor drafted: which software, and when."""
        header = self.doc.get("draft")
        if header is None:
            return None
        if not isinstance(header, Node):
            raise self.fail(
                "'draft' must be a mapping with 'extractor' and 'extracted'", self.doc, "draft"
            )
        self.check_keys(header, {"extractor", "extracted"}, "'draft'")
        extractor = self.text_of(header, "extractor", required=True)
        match = EXTRACTOR.fullmatch(extractor or "")
        if match is None:
            raise self.fail(
                f"extractor {extractor!r} is not a name and a version",
                header,
                "extractor",
                "write the software's name and its version, e.g. 'tradekg 0.1.0'",
            )
        started = header.get("extracted")
        if started is None:
            raise self.fail("'extracted' is required here", header)
        if isinstance(started, str):
            with contextlib.suppress(ValueError):  # reported below, as written
                started = dt.datetime.fromisoformat(started.strip())
        if not isinstance(started, dt.datetime) or started.utcoffset() is None:
            shown = started.isoformat() if isinstance(started, dt.date) else str(started)
            raise self.fail(
                f"extracted {shown!r} is not a date and time with a UTC offset",
                header,
                "extracted",
                "write when the extractor ran in ISO 8601, e.g. 2026-11-28T05:00:00+00:00",
            )
        return Extraction(
            software=match[1], version=match[2], started=started, where=self.where(header)
        )

    def drafted(self, node: Node) -> Drafted | None:
        """How the extractor drafted a fact (``rule``, ``confidence``, ``review``); None for a
        curated fact."""
        rule = node.get("rule")
        if rule is None:
            for key in ("confidence", "review"):
                if key in node:
                    raise self.fail(
                        f"'{key}' is only for drafted facts, and this one has no 'rule'",
                        node,
                        key,
                        "give the extractor 'rule' that drafted it, or remove "
                        f"'{key}' if a person wrote this fact",
                    )
            return None
        if self.extraction is None:
            raise self.fail(
                "'rule' marks a drafted fact, but this file has no 'draft:' header",
                node,
                "rule",
                "add 'draft:' with 'extractor:' and 'extracted:' at "
                "the top of the file, or remove 'rule' if a person wrote this fact",
            )
        try:
            check_id(rule, "rule")
        except InputError as e:
            raise self.fail(
                e.message,
                node,
                "rule",
                "use the extractor rule's id: lower-case "
                "letters, digits and hyphens, e.g. 'proposal-verb'",
            ) from None
        review_text = node.get("review", Review.DRAFT.value)
        try:
            review = Review(review_text)
        except ValueError:
            raise self.fail(
                f"review {review_text!r} is not known",
                node,
                "review",
                "use draft, as the extractor drafted it, or reviewed, once a person has checked it",
            ) from None
        confidence = node.get("confidence")
        if confidence is None:
            return Drafted(rule=rule, review=review)
        if not isinstance(confidence, int | float) or isinstance(confidence, bool):
            raise self.fail(
                "'confidence' must be a number",
                node,
                "confidence",
                "give a number greater than 0 and at most 1, e.g. 0.85",
            )
        value = Decimal(str(confidence))
        if value.is_nan() or not 0 < value <= 1:
            raise self.fail(
                f"confidence {confidence!r} is outside (0, 1]",
                node,
                "confidence",
                "give a number greater than 0 and at most 1, e.g. 0.85",
            )
        return Drafted(rule=rule, review=review, confidence=value)

    def local_actor(self, node: Node) -> LocalActor:
        self.check_keys(node, ACTOR_KEYS, "an actor")
        key = self.key(node)
        kind = self.text_of(node, "type", required=True)
        assert kind is not None  # required
        self.check_known(kind, LOCAL_ACTOR_TYPES, "actor type", node, "type")
        description = self.text_of(node, "description")
        label = self.text_of(node, "name") or description
        if label is None:
            raise self.fail(
                f"actor {key!r} needs a name (or, for an unnamed source, a description)", node
            )
        if "\n" in label or "\r" in label:
            raise self.fail(
                f"actor {key!r}: its name {label!r} holds a line break",
                node,
                "name" if node.get("name") is not None else "description",
                "write the name on one line: tradekg joins lists of names with line breaks "
                "(queries/actors.rq)",
            )
        if kind == "UnnamedSource" and description is None:
            raise self.fail(
                f"unnamed source {key!r} needs 'description': the words the article uses for it",
                node,
            )
        if description is not None and kind == "UnnamedSource":  # the words are there (the
            # same words may describe it more than once: "an official ... the official")
            self.finder.find(
                description, self.where(node, "description"), "the description", occurrence=1
            )
        members = self.resolve_many("actors", node, "members")
        affiliation = self.resolve_optional("actors", node, "affiliation")
        iri = child(self.article_iri, "actor", key)
        if kind == "Person":  # one node per person for the whole store, not per article
            candidates = self.ref.people_named(label)
            if len(candidates) > 1:
                raise self.fail(
                    f"person {label!r} matches {len(candidates)} people of the reference data: "
                    + ", ".join(candidates),
                    node,
                    "name",
                    "give the person's full name, or use one of their ids in 'by:' instead of "
                    "defining the person here",
                )
            known = self.ref.person_named(label)
            iri = known if known is not None else person_iri(label)
        actor = LocalActor(
            key=key,
            kind=kind,
            label=label,
            where=self.where(node),
            iri=iri,
            description=description,
            members=members,
            affiliation=affiliation,
            drafted=self.drafted(node),
        )
        self.local[key] = iri
        return actor

    def reports(self, node: Node, default_source: URIRef | None) -> tuple[Report, ...]:
        listed = node.get("reports")
        if listed is not None:
            if node.get("evidence") is not None:
                raise self.fail("give either 'evidence' or 'reports', not both", node, "reports")
            if (
                not isinstance(listed, list)
                or not listed
                or not all(isinstance(r, Node) for r in listed)
            ):
                raise self.fail("'reports' must be a list of mappings", node, "reports")
            for r in listed:
                self.check_keys(r, REPORT_KEYS, "a report")
            return tuple(self.report(r, default_source) for r in listed)
        if node.get("evidence") is None:
            raise self.fail(
                "this fact has no evidence",
                node,
                hint="add 'evidence:' with the exact words of the article",
            )
        return (self.report(node, default_source),)

    def report(self, node: Node, default_source: URIRef | None) -> Report:
        mode_text = self.text_of(node, "mode")
        source = self.resolve_optional("actors", node, "source")
        if mode_text is None:
            mode = Mode.PARAPHRASE if source is not None else Mode.OUTLET_VOICE
        else:
            try:
                mode = Mode(mode_text)
            except ValueError:
                raise self.fail(
                    f"mode {mode_text!r} is not known",
                    node,
                    "mode",
                    "use one of " + ", ".join(m.value for m in Mode),
                ) from None
        if mode is Mode.OUTLET_VOICE and source is not None:
            raise self.fail(
                "a report in the outlet's own voice has no source",
                node,
                "source",
                "remove 'source' or set 'mode' to paraphrase or a quote mode",
            )
        if mode is not Mode.OUTLET_VOICE and source is None:
            source = default_source
        occurrence = node.get("occurrence")
        if occurrence is not None and (
            not isinstance(occurrence, int) or isinstance(occurrence, bool)
        ):
            raise self.fail("'occurrence' must be a whole number", node, "occurrence")
        span = self.finder.find(
            node.get("evidence"), self.where(node, "evidence"), "evidence", occurrence=occurrence
        )
        edited = node.get("edited", False)
        if not isinstance(edited, bool):
            raise self.fail("'edited' must be true or false", node, "edited")
        if mode in (Mode.DIRECT_QUOTE, Mode.PARTIAL_QUOTE) and ELISION.search(span.exact):
            edited = True
        return Report(
            mode=mode, source=source, verb=self.text_of(node, "verb"), span=span, edited=edited
        )

    def time(self, node: Node, near: Span, key: str = "when") -> Time | None:
        """The time under ``key`` ('when', or a threat's or demand's 'deadline')."""
        value = node.get(key)
        if value is None:
            return None
        where = self.where(node, key)
        if isinstance(value, str):
            value = Node(phrase=value)
            value.line, value.key_lines = where.line or 0, {}
        if not isinstance(value, Node):
            raise self.fail(
                f"'{key}' must be a phrase or a mapping with 'phrase' and 'date'", node, key
            )
        self.check_keys(value, {"phrase", "date"}, f"'{key}'")
        phrase = self.text_of(value, "phrase", required=True)
        span = self.finder.find(phrase, where, "the time phrase", near=near)
        date = value.get("date")
        if date is None:
            return Time(phrase=span.exact, span=span)
        return _resolve_date(phrase or "", span, date, where)

    def proposal(self, node: Node) -> Proposal:
        self.check_keys(node, PROPOSAL_KEYS, "a proposal")
        key = self.key(node)
        proposer = self.resolve("actors", node.get("proposer"), node, "proposer")
        summary = self.text_of(node, "summary", required=True)
        assert summary is not None
        reports = self.reports(node, default_source=None)
        reason = node.get("reason")
        return Proposal(
            key=key,
            proposer=proposer,
            summary=summary,
            reports=reports,
            where=self.where(node),
            reason=None if reason is None else self.reason(reason, node, reports[0].span),
            thread=self.resolve_optional("threads", node, "thread"),
            issue=self.resolve_optional("issues", node, "issue"),
            agreement=self.resolve_optional("agreements", node, "agreement"),
            drafted=self.drafted(node),
        )

    def act(self, node: Node, kind: FactKind, proposals: dict[str, Proposal]) -> SpeechAct:
        section = kind.section
        self.check_keys(node, ACT_KEYS, f"an entry of '{section}'")
        key = self.key(node)
        agent = None
        if node.get("by") is not None or not kind.agent_optional:
            agent = self.resolve("actors", node.get("by"), node, "by")
        cls = kind.classes[0]
        if "kind" in node:
            picked = kind.pick(node["kind"]) if kind.choice == "kind" else None
            if picked is None:
                raise self.fail(_ONLY_KIND, node, "kind")
            cls = picked
        targets: list[str] = []
        for field_name in ("proposal", "proposals"):
            value = node.get(field_name)
            for target in value if isinstance(value, list) else [value] if value else []:
                if not isinstance(target, str):
                    raise self.fail(
                        f"'{field_name}' must name proposals by their ids",
                        node,
                        field_name,
                        "write the id of a proposal in this file",
                    )
                if target not in proposals:
                    raise self.fail(
                        f"proposal {target!r} is not defined in this file",
                        node,
                        field_name,
                        "define it under 'proposals:'",
                    )
                targets.append(target)
        if targets and not kind.targets:
            raise self.fail(f"'{section}' do not target proposals", node, "proposal")
        about: list[URIRef] = []
        if node.get("about") is not None:
            if not kind.targets:
                raise self.fail(
                    f"'{section}' are not about other facts",
                    node,
                    "about",
                    "only " + _sections(lambda k: k.targets) + " take 'about'",
                )
            value = node["about"]
            for target in value if isinstance(value, list) else [value]:
                about.append(self.fact(target, node, "about"))
        reports = self.reports(node, default_source=agent)
        reason = None
        if node.get("reason") is not None:
            if not kind.reason:
                raise self.fail(_ONLY_REASON, node, "reason")
            reason = self.reason(node["reason"], node, reports[0].span)
        action = self.text_of(node, "action", required=kind.threat)
        if not kind.threat and (action or node.get("condition")):
            raise self.fail(_ONLY_THREAT, node)
        if node.get("deadline") is not None and not kind.deadline:
            raise self.fail(_ONLY_DEADLINE, node, "deadline")
        return SpeechAct(
            kind=cls,
            key=key,
            agent=agent,
            reports=reports,
            where=self.where(node),
            targets=tuple(targets),
            reason=reason,
            summary=self.text_of(node, "summary"),
            time=self.time(node, reports[0].span),
            place=self.resolve_optional("places", node, "where"),
            action=action,
            condition=self.text_of(node, "condition"),
            deadline=self.time(node, reports[0].span, "deadline"),
            drafted=self.drafted(node),
            about=tuple(about),
            thread=self.resolve_optional("threads", node, "thread"),
        )

    def change(self, node: Node) -> StatusChange:
        self.check_keys(node, CHANGE_KEYS, "an entry of 'changes'")
        key = self.key(node)
        of = self.fact(node.get("of"), node, "of") if "of" in node else None
        if of is None:
            raise self.fail(
                "a status change needs 'of': the id of the proposal, demand or threat it changes",
                node,
            )
        if _segment_of(of) not in _CHANGEABLE:
            raise self.fail(
                f"only a proposal, a demand or a threat has a status to change, not a "
                f"{_segment_of(of)}",
                node,
                "of",
            )
        status = self.text_of(node, "status", required=True)
        self.check_known(status, CHANGES, "status", node, "status")
        assert status is not None
        agent = self.resolve_optional("actors", node, "by")
        reports = self.reports(node, default_source=agent)
        return StatusChange(
            key=key,
            fact=of,
            status=CHANGES[status],
            reports=reports,
            where=self.where(node),
            agent=agent,
            summary=self.text_of(node, "summary"),
            time=self.time(node, reports[0].span),
        )

    def reason(self, value: object, parent: Node, near: Span) -> Reason:
        if not isinstance(value, Node):
            raise self.fail(
                "'reason' must be a mapping with 'summary', 'evidence' and optionally 'kind'",
                parent,
                "reason",
            )
        self.check_keys(value, {"summary", "kind", "evidence", "occurrence"}, "a reason")
        summary = self.text_of(value, "summary", required=True)
        kind = self.text_of(value, "kind")
        self.check_known(kind, REASON_KINDS, "reason kind", value, "kind")
        span = self.finder.find(
            value.get("evidence"), self.where(value, "evidence"), "the reason's evidence", near=near
        )
        assert summary is not None
        return Reason(summary=summary, kind=REASON_KINDS[kind] if kind else None, span=span)

    def event(self, node: Node, events: dict[str, Node]) -> Event:
        self.check_keys(node, EVENT_KEYS, "an event")
        key = self.key(node)
        kind = self.text_of(node, "type", required=True)
        assert kind is not None  # required
        self.check_known(kind, _EVENTS.classes, "event type", node, "type")
        label = self.text_of(node, "name", required=True)
        round_number = node.get("round")
        if round_number is not None and (
            not isinstance(round_number, int) or isinstance(round_number, bool)
        ):
            raise self.fail("'round' must be a whole number", node, "round")
        part_of = node.get("part_of")
        if part_of is not None and not isinstance(part_of, str):
            raise self.fail("'part_of' must be the id of an event in this file", node, "part_of")
        if part_of is not None and part_of not in events:
            raise self.fail(f"event {part_of!r} is not defined in this file", node, "part_of")
        status = self.text_of(node, "status")
        self.check_known(status, STATUSES, "status", node, "status")
        reports = self.reports(node, default_source=None)
        assert label is not None
        # the thread every article shares: the negotiation itself, or round N of it (a round
        # names its negotiation, or is part_of a Negotiation event that does)
        thread, thread_label = None, None
        negotiation = node.get("negotiation")
        if negotiation is not None and kind not in ("Negotiation", "NegotiationRound"):
            raise self.fail(
                f"a {kind} event is not a negotiation or a round of one",
                node,
                "negotiation",
                "give 'negotiation:' to the Negotiation or NegotiationRound event, and make "
                "this event 'part_of:' it",
            )
        if negotiation is None and part_of is not None and kind == "NegotiationRound":
            negotiation = events[part_of].get("negotiation")
        if negotiation is not None:
            self.resolve("negotiations", negotiation, node, "negotiation")
            assert isinstance(negotiation, str)
            if kind == "Negotiation":
                thread = self.ref.iri("negotiations", negotiation)
            elif isinstance(round_number, int):
                thread = self.ref.round_iri(negotiation, round_number)
                named = self.ref.entities["negotiations"][negotiation].name
                thread_label = f"Round {round_number} of the {named}"
        return Event(
            kind=kind,
            key=key,
            label=label,
            reports=reports,
            where=self.where(node),
            status=STATUSES[status] if status else None,
            round_number=round_number,
            part_of=part_of,
            participants=self.resolve_many("actors", node, "participants"),
            place=self.resolve_optional("places", node, "where"),
            time=self.time(node, reports[0].span),
            agreement=self.resolve_optional("agreements", node, "agreement"),
            issue=self.resolve_optional("issues", node, "issue"),
            drafted=self.drafted(node),
            thread=thread,
            thread_label=thread_label,
        )


_CHANGEABLE = {KINDS[s].segment for s in ("proposals", "demands", "threats")}


def _segment_of(fact: URIRef) -> str:
    """The kind segment of a fact IRI of an article (``.../statement/x`` -> ``statement``)."""
    return str(fact).rsplit("/", 2)[-2]


def _resolve_date(phrase: str, span: Span, date: Any, where: Where) -> Time:
    """A resolved date as written in YAML: 2017-11-21 (day), 2017-W48 (ISO week, Monday to
    Sunday), 2017-12 (month) or 2017 (year)."""
    if isinstance(date, dt.datetime):
        date = date.date()
    if isinstance(date, dt.date):
        return Time(phrase, span, date.isoformat(), Precision.DAY, date, date)
    text = str(date).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            day = dt.date.fromisoformat(text)
            return Time(phrase, span, text, Precision.DAY, day, day)
        week = re.fullmatch(r"(\d{4})-W(\d{2})", text)
        if week:
            monday = dt.date.fromisocalendar(int(week[1]), int(week[2]), 1)
            return Time(phrase, span, text, Precision.WEEK, monday, monday + dt.timedelta(days=6))
        if re.fullmatch(r"\d{4}-\d{2}", text):
            year, month = int(text[:4]), int(text[5:])
            last = calendar.monthrange(year, month)[1]
            return Time(
                phrase,
                span,
                text,
                Precision.MONTH,
                dt.date(year, month, 1),
                dt.date(year, month, last),
            )
        if re.fullmatch(r"\d{4}", text):
            year = int(text)
            return Time(
                phrase, span, text, Precision.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31)
            )
    except (ValueError, calendar.IllegalMonthError):
        pass
    raise InputError(
        f"date {text!r} does not parse",
        path=where.path,
        line=where.line,
        hint="write YYYY-MM-DD for a day, YYYY-Www for a week (2017-W48: its ISO week "
        "number), YYYY-MM for a month or YYYY for a year",
    )
