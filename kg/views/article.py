"""The article view: an article's full text with every evidence span highlighted.

This is the page a person uses to review an article's facts, curated or drafted: each span of
text that a report rests on is marked and coloured by the kind of fact it supports; hovering
over a span names its facts, selecting it (a click, or Tab and Enter) picks them out in the
list beside the text, which holds every fact in reading order with its source, mode and review
status (drafted facts are marked as drafts) and links to the fact's and the source's pages.

Spans may nest (a partial quote inside a paraphrase) or overlap: marks are nested where the
spans nest, and a span that crosses another is split at the crossing into parts of one mark
(the first part carries the span's ``id``, so every span is one element to link to).

``load`` reads a view from any store (embedded or a SPARQL server); ``body`` renders it as an
HTML fragment for the server's pages and ``document`` as one self-contained HTML file (styles
and the few lines of script inline, nothing fetched), which opens from a file offline.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import URIRef
from rdflib.term import Node

from kg.errors import UsageError
from kg.kinds import kind_of_class
from kg.store import Store
from kg.views.pictures import KIND_COLOURS

MODES = {
    "DirectQuote": "direct quote",
    "PartialQuote": "partial quote",
    "Paraphrase": "paraphrase",
    "OutletVoice": "the outlet's own voice",
}
REVIEW = {"Draft": "draft", "Reviewed": "reviewed"}

_HEADER = """PREFIX schema: <https://schema.org/>
SELECT ?article ?headline ?url ?published ?text WHERE {
  ?article schema:articleBody ?text .
  OPTIONAL { ?article schema:headline ?headline }
  OPTIONAL { ?article schema:url ?url }
  OPTIONAL { ?article schema:datePublished ?published }
} LIMIT 1"""


@cache
def _reports_query() -> str:
    return (Path(__file__).with_name("article.rq")).read_text(encoding="utf-8")


@dataclass
class Fact:
    """A fact of the article, as the view lists it."""

    iri: str
    kind: str  # the colour key: proposal, statement, demand, objection, threat, support, event
    kind_label: str  # what a person reads: "rejection", "negotiation round"
    name: str  # the fact's summary or label, else its kind
    review: str  # curated, draft or reviewed
    rule: str | None = None  # the extraction rule of a drafted fact
    sources: list[tuple[str, str | None]] = field(default_factory=list)  # (label, IRI)
    agents: list[tuple[str, str | None]] = field(default_factory=list)  # agent or proposer
    modes: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    number: int = 0  # its place in reading order, from 1

    @property
    def first(self) -> int:
        return min((s for s, _ in self.spans), default=0)


@dataclass
class ArticleView:
    """An article's text and the facts whose evidence lies in it."""

    iri: str
    headline: str
    url: str | None
    published: str | None
    text: str
    facts: list[Fact]

    def spans(self) -> dict[tuple[int, int], list[Fact]]:
        """Every evidence span, with the facts resting on it, in reading order."""
        spans: dict[tuple[int, int], list[Fact]] = {}
        for fact in self.facts:
            for span in fact.spans:
                spans.setdefault(span, [])
                if fact not in spans[span]:
                    spans[span].append(fact)
        return dict(sorted(spans.items(), key=lambda item: (item[0][0], -item[0][1])))


def _local(term: Node | None) -> str:
    return str(term).rsplit("#", 1)[-1] if term is not None else ""


def kind_of(classes: Iterable[str]) -> tuple[str, str]:
    """The colour key of a fact with these ontology classes (its kind's IRI segment:
    ``objection``, ``event``...) and what a person reads ("rejection", "negotiation round"):
    the most specific of its classes that a fact kind takes (a fact may also carry the family
    class, ``SpeechAct``, and a kind's default, ``Objection`` for a ``Rejection``)."""
    found = []
    for name in sorted(set(classes)):
        with suppress(KeyError):  # the family class (SpeechAct), or not a fact's class
            found.append((kind_of_class(name), name))
    if not found:
        return "other", "fact"
    kind = found[0][0]
    specific = [c for k, c in found if c != k.classes[0]] or [kind.classes[0]]
    return kind.segment, re.sub(r"(?<=[a-z])(?=[A-Z])", " ", specific[0]).lower()


def load(store: Store, article: URIRef) -> ArticleView:
    """The view of ``article`` (an article IRI, as ``kg.queries`` resolves names to)."""
    header = store.select(_HEADER, {"article": article})
    if not header.rows:
        raise UsageError(
            f"no article text for {article}",
            hint="name an article the store holds (its IRI, URL, key or headline)",
        )
    _, headline, url, published, text = header.rows[0]
    answer = store.select(_reports_query(), {"article": article})
    col = {name: i for i, name in enumerate(answer.variables)}
    facts: dict[str, Fact] = {}
    classes: dict[str, set[str]] = {}
    for row in answer.rows:

        def get(name: str, row: tuple[Node | None, ...] = row) -> Node | None:
            return row[col[name]]

        iri = str(get("fact"))
        fact = facts.get(iri)
        if fact is None:
            review = REVIEW.get(_local(get("reviewIri")), "curated")
            name = get("summary") or get("label") or get("targetSummary")
            rule = get("rule")
            fact = facts[iri] = Fact(
                iri,
                "",
                "",
                str(name) if name is not None else "",
                review,
                str(rule) if rule is not None else None,
            )
            classes[iri] = set()
        classes[iri].add(_local(get("class")))
        source_iri = get("sourceIri")
        label = get("source")
        if source_iri is not None:
            source = (str(label) if label is not None else _local(source_iri), str(source_iri))
            if source not in fact.sources:
                fact.sources.append(source)
        agent_iri, agent = get("agentIri"), get("agent")
        if agent_iri is not None:
            actor = (str(agent) if agent is not None else _local(agent_iri), str(agent_iri))
            if actor not in fact.agents:
                fact.agents.append(actor)
        mode = MODES.get(_local(get("modeIri")), _local(get("modeIri")))
        if mode not in fact.modes:
            fact.modes.append(mode)
        start, end = get("start"), get("end")
        if start is not None and end is not None:
            span = (int(start), int(end))  # type: ignore[call-overload]
            if span not in fact.spans:
                fact.spans.append(span)
    for iri, fact in facts.items():
        fact.kind, fact.kind_label = kind_of(classes[iri])
        fact.name = fact.name or fact.kind_label
        fact.spans.sort()
    ordered = sorted(facts.values(), key=lambda f: (f.first, f.iri))
    for number, fact in enumerate(ordered, 1):
        fact.number = number
    return ArticleView(
        str(article),
        str(headline) if headline is not None else str(article),
        str(url) if url is not None else None,
        str(published) if published is not None else None,
        str(text),
        ordered,
    )


# --- HTML ------------------------------------------------------------------------------------

Link = Callable[[str], str | None]  # an IRI -> where a link to it points (None: no link)

STYLE = """
.kg-article{display:grid;grid-template-columns:minmax(0,3fr) minmax(16rem,2fr);gap:1.5rem}
@media (max-width:50rem){.kg-article{grid-template-columns:1fr}}
.kg-text{white-space:pre-wrap;line-height:1.7;font-size:1.05rem}
.kg-text mark{background:var(--c);border-bottom:2px solid var(--b);padding:.05rem 0;
color:inherit;cursor:pointer}
.kg-text mark mark{background:var(--c);border-bottom-width:4px}
.kg-text mark.draft{border-bottom-style:dashed}
.kg-text mark:hover,.kg-text mark:focus{outline:2px solid var(--b);outline-offset:1px}
.kg-text mark.selected{box-shadow:0 0 0 2px #222}
.kg-facts ol{padding-left:1.4rem;margin:0}.kg-facts li{margin:.35rem 0;padding:.25rem .4rem;
border-left:4px solid var(--b)}.kg-facts li.selected{background:var(--c)}
.kg-badge{display:inline-block;font-size:.75rem;padding:0 .35rem;border-radius:.6rem;
background:var(--c);border:1px solid var(--b);margin-right:.3rem}
.kg-draft{display:inline-block;font-size:.75rem;padding:0 .35rem;border:1px dashed #b00;
color:#b00;border-radius:.6rem;margin-left:.3rem}
.kg-meta{color:#555;font-size:.9rem}.kg-legend span{margin-right:.6rem}
"""

STYLE += "".join(
    f".k-{kind}{{--c:{fill};--b:{stroke}}}" for kind, (fill, stroke) in KIND_COLOURS.items()
)

SCRIPT = """
(function(){
  function pick(ids){
    document.querySelectorAll('.selected').forEach(function(e){e.classList.remove('selected')});
    ids.forEach(function(id){
      var li=document.getElementById(id); if(li){li.classList.add('selected')}
      document.querySelectorAll('mark[data-facts~="'+id+'"]').forEach(function(m){
        m.classList.add('selected')});
    });
  }
  document.addEventListener('click',function(e){
    var m=e.target.closest('mark[data-facts]'); if(m){pick(m.dataset.facts.split(' '))}
  });
  document.addEventListener('keydown',function(e){
    var m=e.target.closest&&e.target.closest('mark[data-facts]');
    if(m&&(e.key==='Enter'||e.key===' ')){e.preventDefault();pick(m.dataset.facts.split(' '))}
  });
})();
"""


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _a(href: str | None, text: str) -> str:
    return f'<a href="{_esc(href)}">{_esc(text)}</a>' if href else _esc(text)


def _actors(fact: Fact) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Who acts in a fact (agent or proposer), and whom the article credits if someone else."""
    return [("by", fact.agents), ("source", [s for s in fact.sources if s not in fact.agents])]


def _describe(fact: Fact) -> str:
    """One line about a fact, for a span's tooltip."""
    parts = [f"{fact.kind_label}: {fact.name}"]
    for what, actors in _actors(fact):
        if actors:
            parts.append(f"{what}: " + ", ".join(label for label, _ in actors))
    if fact.modes:
        parts.append(", ".join(fact.modes))
    parts.append(fact.review)
    return " · ".join(parts)


def marked_text(view: ArticleView) -> str:
    """The article text as HTML, every evidence span a ``<mark>`` (nested where spans nest;
    a span that crosses another is split into parts, the first with the span's ``id``)."""
    spans = view.spans()
    text = view.text
    opens: dict[int, list[tuple[int, int]]] = {}
    closes: dict[int, list[tuple[int, int]]] = {}
    for start, end in spans:
        if not 0 <= start < end <= len(text):
            continue  # the loader checks offsets; a span outside the text is not drawn
        opens.setdefault(start, []).append((start, end))
        closes.setdefault(end, []).append((start, end))

    def tag(span: tuple[int, int], first: bool) -> str:
        facts = spans[span]
        kind = facts[0].kind
        draft = " draft" if all(f.review == "draft" for f in facts) else ""
        ident = f' id="span-{span[0]}-{span[1]}" tabindex="0"' if first else ""
        title = "\n".join(_describe(f) for f in facts)
        refs = " ".join(f"fact-{f.number}" for f in facts)
        return (
            f'<mark class="k-{kind}{draft}"{ident} data-span="{span[0]}-{span[1]}" '
            f'data-facts="{refs}" title="{_esc(title)}">'
        )

    out: list[str] = []
    stack: list[tuple[int, int]] = []
    cuts = sorted(set(opens) | set(closes) | {0, len(text)})
    for here, there in zip(cuts, [*cuts[1:], None], strict=True):
        for span in closes.get(here, []):
            # close what was opened inside this span, close it, then reopen the others
            above: list[tuple[int, int]] = []
            while stack and stack[-1] != span:
                above.append(stack.pop())
                out.append("</mark>")
            if stack:
                stack.pop()
                out.append("</mark>")
            for other in reversed(above):
                stack.append(other)
                out.append(tag(other, first=False))
        for span in sorted(opens.get(here, []), key=lambda s: -s[1]):
            stack.append(span)
            out.append(tag(span, first=True))
        if there is not None:
            out.append(_esc(text[here:there]))
    out.extend("</mark>" for _ in stack)
    return "".join(out)


def _fact_item(fact: Fact, link: Link) -> str:
    badge = f'<span class="kg-badge">{_esc(fact.kind_label)}</span>'
    draft = ""
    if fact.review == "draft":
        rule = f" (rule {fact.rule})" if fact.rule else ""
        draft = f'<span class="kg-draft" title="drafted by the extractor{_esc(rule)}">draft</span>'
    elif fact.review == "reviewed":
        draft = '<span class="kg-meta"> (drafted, reviewed)</span>'
    meta = []
    for what, actors in _actors(fact):
        if actors:
            names = ", ".join(_a(link(iri) if iri else None, label) for label, iri in actors)
            meta.append(f"{what} {names}")
    if fact.modes:
        meta.append(_esc(", ".join(fact.modes)))
    where = " ".join(
        f'<a href="#span-{s}-{e}" title="the words in the text">¶{n}</a>'
        for n, (s, e) in enumerate(fact.spans, 1)
    )
    return (
        f'<li id="fact-{fact.number}" class="k-{fact.kind}" data-fact="{_esc(fact.iri)}">'
        f"{badge}{_a(link(fact.iri), fact.name)}{draft}"
        f'<div class="kg-meta">{" · ".join(meta)} {where}</div></li>'
    )


def body(view: ArticleView, link: Link) -> str:
    """The view as an HTML fragment: legend, the marked text and the list of facts."""
    kinds = sorted({(f.kind, f.kind_label) for f in view.facts})
    legend = "".join(
        f'<span class="kg-badge k-{kind}">{_esc(label)}</span>' for kind, label in kinds
    )
    drafts = sum(f.review == "draft" for f in view.facts)
    meta = [x for x in (view.published, _a(view.url, view.url) if view.url else None) if x]
    summary = f"{len(view.facts)} facts resting on {len(view.spans())} spans of the text"
    if drafts:
        summary += f"; {drafts} drafted by the extractor and not reviewed (marked draft)"
    items = "".join(_fact_item(f, link) for f in view.facts)
    return (
        f"<style>{STYLE}</style>"
        f'<p class="kg-meta">{" · ".join(meta)}</p><p class="kg-meta">{_esc(summary)}</p>'
        f'<p class="kg-legend">{legend}</p>'
        '<div class="kg-article">'
        f'<div class="kg-text" lang="en">{marked_text(view)}</div>'
        f'<aside class="kg-facts"><h2>Facts in reading order</h2><ol>{items}</ol></aside>'
        f"</div><script>{SCRIPT}</script>"
    )


def document(view: ArticleView, link: Link) -> str:
    """The view as one self-contained HTML file: nothing is fetched when it opens."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(view.headline)} · tradekg</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:80rem;margin:1rem auto;"
        "padding:0 1rem;color:#222}a{color:#0645ad}</style></head><body>"
        f"<h1>{_esc(view.headline)}</h1>{body(view, link)}</body></html>\n"
    )


__all__ = ["ArticleView", "Fact", "body", "document", "load", "marked_text"]
