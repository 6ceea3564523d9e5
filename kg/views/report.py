"""Reports: one self-contained HTML file about an article or an actor, pictures included.

``subject`` resolves a name the way query parameters are resolved (an article's headline, URL,
key or IRI; an actor's name, alias or IRI); ``article_report`` and ``actor_report`` gather what
the saved queries answer about it and lay it out with the pictures of ``kg.views.pictures``.
Everything is inline (styles, SVG): the file opens from disk with the network unplugged.

The figures also stand alone (``figure``), for ``tradekg report --picture``.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from rdflib import URIRef
from rdflib.term import Node

from kg.errors import UsageError
from kg.queries import run_saved
from kg.queries.params import resolve
from kg.rdf import date_of
from kg.store import Results, Store
from kg.views import article as article_view
from kg.views.pictures import Cell, Moment, Tie, interval, matrix, network, timeline

Link = Callable[[str], str | None]
PICTURES = ("timeline", "positions", "network")
# which strength outweighs which, when one actor's acts on one day differ
_STRENGTH_ORDER = ("open", "concern", "firm", "deal-breaker")


@dataclass(frozen=True)
class Subject:
    """What a report is about: an article, an actor, an agreement (a negotiation) or a
    proposal, by IRI, with its name."""

    kind: str  # one of SUBJECTS
    iri: URIRef
    name: str


SUBJECTS = ("article", "actor", "agreement", "proposal")  # tried in this order


def subject(store: Store, name: str) -> Subject:
    """The article, actor, negotiation (its agreement) or proposal ``name`` stands for, tried in
    that order."""
    errors: list[UsageError] = []
    for kind in SUBJECTS:
        try:
            iri = resolve(store, kind, name, "NAME")
        except UsageError as e:
            errors.append(e)
            continue
        assert isinstance(iri, URIRef)
        label = _label(store, iri)
        return Subject(kind, iri, label or name)
    hint = (
        "give an article's headline, URL or key, an actor's or agreement's name or alias, or "
        "a proposal's id or IRI"
    )
    close = [e.hint for e in errors if e.hint and e.hint.startswith("did you mean")]
    raise UsageError(
        f"no article, actor, agreement or proposal matches {name!r}",
        hint="; ".join([hint, *close[:1]]),
    )


_LABEL = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX tkg: <https://w3id.org/tradekg/ontology#>
SELECT ?x (SAMPLE(COALESCE(?headline, ?label, ?summary)) AS ?name) WHERE {
  OPTIONAL { ?x schema:headline ?headline } OPTIONAL { ?x rdfs:label ?label }
  OPTIONAL { ?x tkg:summary ?summary }
} GROUP BY ?x"""


def _label(store: Store, iri: URIRef) -> str | None:
    rows = store.select(_LABEL, {"x": iri}).rows
    return str(rows[0][1]) if rows and rows[0][1] is not None else None


def _records(results: Results) -> list[dict[str, Node | None]]:
    return [dict(zip(results.variables, row, strict=True)) for row in results.rows]


def _text(value: Node | None) -> str:
    return "" if value is None else str(value)


# --- what the pictures show -------------------------------------------------------------------


def moments(store: Store, *, within: str | None = None, who: str | None = None) -> list[Moment]:
    """The timeline's rows as moments: all, or those of one article (facts minted under its
    IRI), or those where ``who`` takes part."""
    out = []
    for r in _records(run_saved(store, "timeline")):
        fact = _text(r["fact"])
        if within and not fact.startswith(within + "/"):
            continue
        participants = _text(r["participants"])
        if who and who not in [p.strip() for p in participants.split(",")]:
            continue
        start = date_of(r["start"])
        precision = _text(r["precision"]) or "day"
        kind, _ = article_view.kind_of([_text(r["type"])])
        out.append(
            Moment(
                label=_text(r["label"]),
                kind=kind,
                start=start,
                end=interval(start, precision) if start else None,
                phrase=_text(r["phrase"]),
                who=participants,
                iri=fact,
                review=_text(r["review"]) or "curated",
            )
        )
    return out


_EVENT_KINDS = {
    "tabled": "proposal",
    "demanded": "demand",
    "supported": "support",
    "objected": "objection",
    "rejected": "objection",
}


def history(store: Store, proposal: URIRef) -> list[Moment]:
    """A proposal's life across articles (the proposal-history query) as moments: tabled,
    demanded, supported, objected, rejected, each on its date."""
    out = []
    for r in _records(run_saved(store, "proposal-history", {"proposal": str(proposal)})):
        start = date_of(r["date"])
        event = _text(r["event"])
        out.append(
            Moment(
                label=f"{event}: {_text(r['summary'])}",
                kind=_EVENT_KINDS.get(event, "other"),
                start=start,
                end=start,
                who=_text(r["actorLabel"]),
                iri=_text(r["fact"]),
                review=_text(r["review"]) or "curated",
            )
        )
    return out


def positions(
    store: Store, params: Mapping[str, str] | None = None
) -> list[dict[str, Node | None]]:
    return _records(run_saved(store, "positions", params))


def cells(rows: Sequence[Mapping[str, Node | None]]) -> list[Cell]:
    """One cell per actor and issue: the stance of the latest acts (mixed when they disagree),
    at the strength of the strongest of them, with every act as evidence."""
    by_cell: dict[tuple[str, str], list[Mapping[str, Node | None]]] = defaultdict(list)
    names: dict[str, str] = {}
    for r in rows:
        actor, issue = _text(r["actor"]), _text(r["issue"])
        names[actor], names[issue] = _text(r["actorLabel"]), _text(r["issueLabel"])
        by_cell[(actor, issue)].append(r)
    out = []
    for (actor, issue), acts in sorted(by_cell.items()):
        latest = max(_text(a["date"]) for a in acts)
        last = [a for a in acts if _text(a["date"]) == latest]
        polarities = {_text(a["polarity"]) for a in last}
        polarity = polarities.pop() if len(polarities) == 1 else "mixed"
        strength = max(
            (_text(a["strength"]) for a in last),
            key=lambda s: _STRENGTH_ORDER.index(s) if s in _STRENGTH_ORDER else -1,
        )
        evidence = [
            f"{_text(a['date'])} {_text(a['act']).lower()}"
            + (f" (as {_text(a['via'])})" if a["via"] is not None else "")
            + f": “{_text(a['exact'])}” — {_text(a['headline'])}"
            for a in sorted(acts, key=lambda a: (_text(a["date"]), _text(a["fact"])))
        ]
        out.append(Cell((actor, names[actor]), (issue, names[issue]), polarity, strength, evidence))
    return out


def ties(rows: Sequence[Mapping[str, Node | None]]) -> list[Tie]:
    """Pairs of actors that take the same side on the same issue: a group that acted for its
    members is left out (its members stand in for it)."""
    groups = {_text(r["via"]) for r in rows if r["via"] is not None}
    sides: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    issue_names: dict[str, str] = {}
    for r in rows:
        if _text(r["actorLabel"]) in groups:
            continue
        issue = _text(r["issue"])
        issue_names[issue] = _text(r["issueLabel"])
        sides[(issue, _text(r["polarity"]))].add((_text(r["actor"]), _text(r["actorLabel"])))
    pairs: dict[tuple[tuple[str, str], tuple[str, str], str], list[str]] = defaultdict(list)
    for (issue, polarity), actors in sorted(sides.items()):
        for a, b in combinations(sorted(actors), 2):
            what = f"{'against' if polarity == 'oppose' else 'for'} {issue_names[issue]}"
            pairs[(a, b, polarity)].append(what)
    return [
        Tie(a, b, len(what), what, "objection" if polarity == "oppose" else "support")
        for (a, b, polarity), what in sorted(pairs.items())
    ]


# --- examples -----------------------------------------------------------------------------------

_EXAMPLES = """PREFIX tkg: <https://w3id.org/tradekg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
SELECT ?x ?name ?kind WHERE {
  {
    SELECT ?x (SAMPLE(?label) AS ?name) ("a person" AS ?kind) WHERE {
      ?x a tkg:Person ; rdfs:label ?label .
      ?report tkg:source ?x .
    } GROUP BY ?x ORDER BY DESC(COUNT(?report)) ?x LIMIT 1
  } UNION {
    SELECT ?x (MIN(?summary) AS ?name) ("a proposal" AS ?kind) WHERE {
      ?x tkg:proposer ?anyone ; tkg:summary ?summary .
    } GROUP BY ?x ORDER BY ?x LIMIT 1
  } UNION {
    SELECT ?x (MIN(?headline) AS ?name) ("an article" AS ?kind) WHERE {
      ?x a tkg:Article ; schema:headline ?headline .
    } GROUP BY ?x ORDER BY ?x LIMIT 1
  }
}"""


def examples(store: Store) -> list[tuple[str, str, str]]:
    """A few things to look at first, as (IRI, name, what it is): the person the store quotes
    most, a proposal, an article."""
    order = {"a person": 0, "a proposal": 1, "an article": 2}
    rows = [
        (str(x), str(name), str(kind))
        for x, name, kind in store.select(_EXAMPLES).rows
        if x is not None and name is not None and kind is not None
    ]
    return sorted(rows, key=lambda r: order.get(r[2], 3))


# --- the report ---------------------------------------------------------------------------------

STYLE = """
body{font-family:system-ui,sans-serif;max-width:80rem;margin:1rem auto;padding:0 1rem;color:#222;
line-height:1.45}a{color:#0645ad}h2{margin-top:2rem;border-bottom:1px solid #ddd}
figure{margin:1rem 0;overflow-x:auto}figcaption{color:#555;font-size:.9rem}
table{border-collapse:collapse}th,td{border:1px solid #ddd;padding:.25rem .5rem;
text-align:left;vertical-align:top}th{background:#f3f3f3}.meta{color:#555}
"""


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{_esc(caption)}</figcaption></figure>"


def _section(heading: str, svg: str, caption: str) -> str:
    """A heading and one picture with its caption (``heading`` is plain text, not escaped)."""
    return f"<h2>{heading}</h2>{_figure(svg, caption)}"


def _document(title: str, body: str) -> str:
    made = "Made by tradekg from the facts in its store; every figure rests on quoted evidence."
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(title)} · tradekg</title><style>{STYLE}</style></head><body>"
        f'<h1>{_esc(title)}</h1>{body}<p class="meta">{_esc(made)}</p></body></html>\n'
    )


def _rows(store: Store, about: Subject, as_of: str | None) -> list[dict[str, Node | None]]:
    """The positions rows a picture of ``about`` rests on (an actor: all of them, since who
    stands with the actor needs the others' positions too)."""
    when_given = {"asOf": as_of} if as_of else {}
    if about.kind == "agreement":
        return positions(store, {"agreement": str(about.iri), **when_given})
    rows = positions(store, when_given)
    if about.kind == "article":
        return [r for r in rows if _text(r["fact"]).startswith(str(about.iri) + "/")]
    if about.kind == "proposal":
        facts = {m.iri for m in history(store, about.iri)}
        return [r for r in rows if _text(r["fact"]) in facts]
    return rows


def figure(store: Store, about: Subject, picture: str, link: Link, as_of: str | None = None) -> str:
    """One picture about the subject, as a standalone SVG document; with ``as_of`` (a date,
    YYYY-MM-DD), positions and who stands with whom count only the acts up to that day."""
    if picture not in PICTURES:
        raise UsageError(f"no picture named {picture!r}", hint="pictures: " + ", ".join(PICTURES))
    if picture == "timeline":
        if about.kind == "article":
            when = moments(store, within=str(about.iri))
        elif about.kind == "actor":
            when = moments(store, who=about.name)
        elif about.kind == "agreement":
            when = _acts_and_events(store, _rows(store, about, as_of))
        else:
            when = history(store, about.iri)
        title = "History" if about.kind == "proposal" else "Timeline"
        return timeline(when, title=f"{title}: {about.name}", link=link)
    if picture == "positions":
        if about.kind == "actor":  # its own positions only: the query is anchored on it
            when_given = {"asOf": as_of} if as_of else {}
            own = positions(store, {"actor": str(about.iri), **when_given})
        else:
            own = _rows(store, about, as_of)
        title = f"Positions as of {as_of}" if as_of else "Positions"
        return matrix(cells(own), title=f"{title}: {about.name}", link=link)
    joined = [
        t
        for t in ties(_rows(store, about, as_of))
        if about.kind != "actor" or str(about.iri) in (t.a[0], t.b[0])
    ]
    return network(joined, title=f"Who stands with whom: {about.name}", link=link)


def _acts_and_events(store: Store, rows: Sequence[Mapping[str, Node | None]]) -> list[Moment]:
    """A negotiation's timeline: the acts and proposals under its agreement (from positions),
    and the events of the articles that report them."""
    seen: dict[str, Moment] = {}
    for r in rows:
        start = date_of(r["date"])
        act = _text(r["act"])
        kind, _ = article_view.kind_of([act])
        seen.setdefault(
            _text(r["fact"]),
            Moment(
                label=f"{act.lower()}: {_text(r['issueLabel'])}",
                kind=kind,
                start=start,
                end=start,
                who=_text(r["via"]) or _text(r["actorLabel"]),
                iri=_text(r["fact"]),
                review=_text(r["review"]) or "curated",
            ),
        )
    articles = {f.rsplit("/", 2)[0] for f in seen}
    events = [
        m for m in moments(store) if m.kind == "event" and m.iri.rsplit("/", 2)[0] in articles
    ]
    return [*seen.values(), *events]


def _pictures(
    store: Store,
    about: Subject,
    link: Link,
    as_of: str | None,
    sections: Sequence[tuple[str, str, str]],
) -> str:
    """Each (heading, picture, caption) as a section with its picture."""
    return "".join(
        _section(heading, figure(store, about, picture, link, as_of), caption)
        for heading, picture, caption in sections
    )


def article_report(store: Store, about: Subject, link: Link, as_of: str | None = None) -> str:
    """The article with its evidence marked, its timeline, positions and who stands with whom."""
    view = article_view.load(store, about.iri)
    pictures = _pictures(
        store,
        about,
        link,
        as_of,
        (
            (
                "Timeline",
                "timeline",
                "Events and speech acts the article dates; a bar is as wide as the date is "
                "precise (a day, a week, a month, a year).",
            ),
            (
                "Positions",
                "positions",
                "Each actor's stance on each issue in this article: green support, red oppose; "
                "deeper colour, firmer stance. Hover over a cell for its evidence.",
            ),
            (
                "Who stands with whom",
                "network",
                "Actors joined when they take the same side on an issue; thicker, more issues.",
            ),
        ),
    )
    return _document(view.headline, article_view.body(view, link) + pictures)


def actor_report(store: Store, about: Subject, link: Link, as_of: str | None = None) -> str:
    """What an actor said and where they stand, across every article in the store."""
    quotes = _records(run_saved(store, "quotes", {"speaker": str(about.iri)}))
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{_esc(_text(q.get(c)))}</td>" for c in ("date", "quote", "mode", "headline")
        )
        + "</tr>"
        for q in quotes
    )
    table = (
        f"<table><tr><th>date</th><th>words</th><th>mode</th><th>article</th></tr>{rows}</table>"
        if quotes
        else "<p>No words of theirs are recorded.</p>"
    )
    pictures = _pictures(
        store,
        about,
        link,
        as_of,
        (
            (
                "Positions",
                "positions",
                "Stance on each issue: green support, red oppose; deeper colour, firmer stance.",
            ),
            ("Timeline", "timeline", "Events and speech acts they took part in."),
            ("Who stands with them", "network", "Actors on the same side of an issue as they are."),
        ),
    )
    return _document(about.name, f"<h2>What {_esc(about.name)} said</h2>{table}" + pictures)


def proposal_report(store: Store, about: Subject, link: Link, as_of: str | None = None) -> str:
    """A proposal's life across articles: its history, and where the actors stand on it."""
    sections = (
        (
            "History",
            "timeline",
            "Tabled, demanded, supported, objected to and rejected, in every article that "
            "speaks of it (followed links join the articles' proposals).",
        ),
        (
            "Positions",
            "positions",
            "Where each actor stands on it: green support, red oppose; deeper, firmer.",
        ),
        ("Who stands with whom", "network", "Actors on the same side of it."),
    )
    return _document(about.name, _pictures(store, about, link, as_of, sections))


def negotiation_report(store: Store, about: Subject, link: Link, as_of: str | None = None) -> str:
    """A negotiation (its agreement): timeline, positions and who stands with whom."""
    sections = (
        (
            "Timeline",
            "timeline",
            "Proposals and what was said of them under this agreement, with the events of the "
            "articles that report them.",
        ),
        (
            "Positions",
            "positions",
            "Each actor's stance on each issue: green support, red oppose; deeper colour, "
            "firmer stance. Hover over a cell for its evidence.",
        ),
        (
            "Who stands with whom",
            "network",
            "Actors joined when they take the same side on an issue.",
        ),
    )
    return _document(about.name, _pictures(store, about, link, as_of, sections))


def report(store: Store, name: str, link: Link, as_of: str | None = None) -> str:
    """The report about ``name``: an article, an actor, a negotiation or a proposal; with
    ``as_of``, its positions and who stands with whom as of that day."""
    about = subject(store, name)
    make = {
        "article": article_report,
        "agreement": negotiation_report,
        "proposal": proposal_report,
    }.get(about.kind, actor_report)
    return make(store, about, link, as_of)


__all__ = [
    "PICTURES", "SUBJECTS", "Subject", "cells", "examples", "figure", "history", "moments",
    "report", "subject", "ties",
]  # fmt: skip
