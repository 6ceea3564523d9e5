"""Scoring drafts against gold facts files: precision and recall per fact type.

Each article of the set is drafted, the draft is written as a facts file and read back with
the same loader as the gold file (so a draft that would not load is a failure, not a score),
and the two are compared fact type by fact type:

- **actors**: the actors facts name as agent, proposer or source. Reference actors by id; a
  person the article introduces by surname; a group by its members; every unnamed source as one.
- **quotes**: direct and partial quotations with the right speaker.
- **proposals**: with the right proposer (the actor, or the country or bloc it acts for: a
  ministry's proposal is its government's).
- **objections**: objections and rejections by the right actor against the right proposal
  (both name none, or the two proposals match).
- **events**: events with a resolved date, with the right date.

A drafted fact matches a gold fact when their evidence overlaps and the attributes above agree;
each gold fact matches at most one drafted fact.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from kg.errors import KgError
from kg.extract import extract
from kg.extract.draft import draft_yaml
from kg.extract.lexicon import Lexicon
from kg.kinds import kind_of_class
from kg.loaders import Reference, load_facts
from kg.model import ArticleFacts, LocalActor, Mode, Span

TYPES = ("actors", "quotes", "proposals", "objections", "events")
QUOTE_MODES = (Mode.DIRECT_QUOTE, Mode.PARTIAL_QUOTE)


@dataclass
class Score:
    gold: int = 0
    drafted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float | None:
        return self.matched / self.drafted if self.drafted else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.gold if self.gold else None

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.drafted += other.drafted
        self.matched += other.matched


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: {t: Score() for t in TYPES})
    per_article: dict[str, dict[str, Score]] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0  # time spent drafting (not loading or scoring)
    articles: int = 0

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


Item = tuple[tuple[int, int], str, object]  # evidence span, who, what else must agree


def gold_files(paths: Iterable[Path]) -> list[Path]:
    """Facts files among ``paths`` (directories are searched for ``*.facts.yaml``)."""
    found: list[Path] = []
    for path in paths:
        found += sorted(path.glob("*.facts.yaml")) if path.is_dir() else [path]
    return found


def evaluate(
    gold: list[Path],
    reference: Reference,
    lexicon: Lexicon,
    on_article: Callable[[str, dict[str, Score]], None] | None = None,
) -> Report:
    report = Report()
    for path in gold:
        name = path.name.removesuffix(".facts.yaml")
        try:
            truth = load_facts(path, reference)  # reads the article too
            article_path = Path(truth.article.where.path)
            started = time.perf_counter()
            draft = extract(truth.article, lexicon)
            report.seconds += time.perf_counter() - started
            report.articles += 1
            out = article_path.with_name(f"{name}.draft.facts.yaml")  # never written
            drafted = load_facts(
                out, reference, text=draft_yaml(draft, out, article_path), article=truth.article
            )
        except KgError as e:
            report.failures[name] = str(e)
            continue
        scores = compare(truth, drafted, reference)
        report.per_article[name] = scores
        for kind, score in scores.items():
            report.scores[kind].add(score)
        if on_article is not None:
            on_article(name, scores)
    return report


def compare(gold: ArticleFacts, drafted: ArticleFacts, reference: Reference) -> dict[str, Score]:
    (g, g_actors), (d, d_actors) = _items(gold, reference), _items(drafted, reference)
    scores = {"actors": Score(len(g_actors), len(d_actors), len(g_actors & d_actors))}
    for kind in TYPES[1:]:
        scores[kind] = _match(g[kind], d[kind], kind)
    return scores


def _match(gold: list[Item], drafted: list[Item], kind: str) -> Score:
    used: set[int] = set()
    matched = 0
    for span, who, what in drafted:
        for i, (g_span, g_who, g_what) in enumerate(gold):
            if i in used or not _overlap(span, g_span):
                continue
            if who != g_who and not (kind == "proposals" and what == g_what):
                continue
            if kind == "objections" and not _same_target(what, g_what):
                continue
            if kind == "events" and what != g_what:
                continue
            used.add(i)
            matched += 1
            break
    return Score(len(gold), len(drafted), matched)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same_target(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    assert isinstance(a, tuple) and isinstance(b, tuple)
    return any(_overlap(x, y) for x in a for y in b)


def _items(facts: ArticleFacts, reference: Reference) -> tuple[dict[str, list[Item]], set[str]]:
    local = _local_actors(facts)
    who = _identities(local)
    proposals = {p.key: p for p in facts.proposals}
    items: dict[str, list[Item]] = {t: [] for t in TYPES[1:]}
    actors: set[str] = set()

    def actor(iri: URIRef | None) -> str:
        if iri is None:
            return "outlet"
        actors.add(who[iri])
        return who[iri]

    for p in facts.proposals:  # the right proposer: the actor, or the country it acts for
        items["proposals"].append(
            (_span(p.reports[0].span), actor(p.proposer), _party(p.proposer, local, reference))
        )
    seen_quotes: set[tuple[tuple[int, int], str]] = set()
    for act in facts.acts:
        agent = actor(act.agent)
        for report in act.reports:
            if report.source is not None and report.source != act.agent:
                actor(report.source)
            if report.mode in QUOTE_MODES:
                speaker = who[report.source] if report.source else agent
                key = (_span(report.span), speaker)
                if not any(_overlap(key[0], s) and w == speaker for s, w in seen_quotes):
                    seen_quotes.add(key)
                    items["quotes"].append((key[0], speaker, None))
        if kind_of_class(act.kind).section == "objections":
            targets = tuple(_span(proposals[t].reports[0].span) for t in act.targets) or None
            items["objections"].append((_span(act.reports[0].span), agent, targets))
    for event in facts.events:
        if event.time is not None and event.time.value is not None:
            items["events"].append((_span(event.reports[0].span), "event", event.time.value))
    return items, actors


def _local_actors(facts: ArticleFacts) -> dict[URIRef, LocalActor]:
    """The actors a facts file defines for itself, by the IRI the loader gives them."""
    return {a.iri: a for a in facts.actors}


def _party(iri: URIRef, local: dict[URIRef, LocalActor], reference: Reference) -> str:
    """The country or bloc an actor acts for (its affiliation, followed to the top)."""
    if iri in local:
        affiliation = local[iri].affiliation
        if affiliation is None:
            return str(iri)
        iri = affiliation
    key = str(iri).rsplit("/", 1)[-1]
    seen = {key}
    while True:
        entity = reference.get("actors", key)
        if entity is None or entity.affiliation is None or entity.affiliation in seen:
            return key
        key = entity.affiliation
        seen.add(key)


def _span(span: Span) -> tuple[int, int]:
    return span.start, span.end


class _Identities(dict[URIRef, str]):
    """Actor IRI -> what makes two actors the same across a gold file and a draft; a
    reference actor is its id."""

    def __missing__(self, iri: URIRef) -> str:
        return str(iri).rsplit("/", 1)[-1]


def _identities(local: dict[URIRef, LocalActor]) -> _Identities:
    out = _Identities()
    for iri, a in local.items():
        if a.kind == "Person":
            out[iri] = "person:" + a.label.split()[-1].lower()
        elif a.kind == "UnnamedSource":
            out[iri] = "unnamed"
        elif a.members:
            out[iri] = "group:" + "+".join(sorted(str(m).rsplit("/", 1)[-1] for m in a.members))
        else:  # an organisation, whatever kind: by its name without "the"
            label = a.label.lower()
            out[iri] = "org:" + (label[4:] if label.startswith("the ") else label)
    return out
