"""The article view: the text with every evidence span marked once, facts listed beside it."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from conftest import MakeStore
from rdflib import URIRef

from kg.queries import run_saved
from kg.store import Store
from kg.views import article
from kg.views.article import ArticleView, Fact

HERE = Path(__file__).resolve().parent


class Dom(HTMLParser):
    """The parts of a page these tests look at: marks, links, and that tags balance."""

    VOID = {"meta", "br", "img", "input", "link", "hr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.marks: list[dict[str, str | None]] = []
        self.links: list[tuple[str | None, str]] = []
        self.sources: list[str] = []  # every src= and <link href=>: what a page would fetch
        self._link: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag not in self.VOID:
            self.stack.append(tag)
        if tag == "mark":
            self.marks.append(a)
        if tag == "a":
            self._link, self._text = a.get("href"), []
        if "src" in a or tag == "link":
            self.sources.append(str(a.get("src") or a.get("href")))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()
        if tag == "a":
            self.links.append((self._link, "".join(self._text)))

    def handle_data(self, data: str) -> None:
        self._text.append(data)


def parse(page: str) -> Dom:
    dom = Dom()
    dom.feed(page)
    dom.close()
    assert dom.stack == [], dom.stack
    return dom


def fact(number: int, kind: str, spans: list[tuple[int, int]], review: str = "curated") -> Fact:
    return Fact(
        f"http://example.org/f{number}",
        kind,
        kind,
        f"fact {number}",
        review,
        spans=spans,
        number=number,
    )


def test_nested_and_crossing_spans_are_marked_once_each() -> None:
    # 0-10 holds 2-5 and 4-8, which cross; 4-8 is split at 5 into two parts of one mark
    view = ArticleView(
        "http://example.org/a",
        "A",
        None,
        None,
        "abcdefghij",
        [
            fact(1, "statement", [(0, 10)]),
            fact(2, "objection", [(2, 5)], review="draft"),
            fact(3, "event", [(4, 8)]),
        ],
    )
    marked = article.marked_text(view)
    tags = [t.split(" title=")[0] for t in re.findall(r"<mark[^>]*", marked)]
    assert tags == [
        '<mark class="k-statement" id="span-0-10" tabindex="0" data-span="0-10" '
        'data-facts="fact-1"',
        '<mark class="k-objection draft" id="span-2-5" tabindex="0" data-span="2-5" '
        'data-facts="fact-2"',
        '<mark class="k-event" id="span-4-8" tabindex="0" data-span="4-8" data-facts="fact-3"',
        '<mark class="k-event" data-span="4-8" data-facts="fact-3"',
    ]
    text = re.sub(r"<[^>]*>", "", marked)
    assert text == "abcdefghij"
    dom = parse(marked)
    assert Counter(m.get("id") for m in dom.marks if m.get("id")) == Counter(
        {"span-0-10": 1, "span-2-5": 1, "span-4-8": 1}
    )


def test_text_is_escaped() -> None:
    view = ArticleView(
        "http://example.org/a", "A", None, None, "<b>x</b> & y", [fact(1, "statement", [(3, 4)])]
    )
    assert article.marked_text(view).startswith("&lt;b&gt;<mark")


def _article_iri(store: Store) -> URIRef:
    rows = store.select(
        "PREFIX schema: <https://schema.org/> SELECT ?a WHERE { ?a schema:articleBody ?t }"
    ).rows
    assert len(rows) == 1
    return URIRef(str(rows[0][0]))


def _audit_spans(store: Store, iri: URIRef) -> set[tuple[int, int]]:
    audit = run_saved(store, "article-audit", {"article": str(iri)})
    start, end = audit.variables.index("start"), audit.variables.index("end")
    return {(int(str(r[start])), int(str(r[end]))) for r in audit.rows}


def test_sample_view_marks_every_report_span_once(sample_store: Store) -> None:
    iri = _article_iri(sample_store)
    view = article.load(sample_store, iri)
    page = article.document(view, lambda x: x)
    dom = parse(page)
    ids = Counter(m["id"] for m in dom.marks if m.get("id"))
    assert set(ids) == {f"span-{s}-{e}" for s, e in _audit_spans(sample_store, iri)}
    assert set(ids.values()) == {1}
    assert view.headline == "NAFTA talks make little headway after fifth round"
    # the facts are listed in reading order, each once, numbered from 1
    assert [f.number for f in view.facts] == list(range(1, len(view.facts) + 1))
    assert [f.first for f in view.facts] == sorted(f.first for f in view.facts)
    # labels, never raw paths, in link texts; nothing is fetched
    for _, text in dom.links:
        assert "/id/" not in text and not text.startswith("article/"), text
    assert dom.sources == []
    # Lighthizer's first statement is his, in his words as the article reports them
    first = view.facts[0]
    assert (first.kind, first.agents, first.modes) == (
        "statement",
        [("Robert Lighthizer", "https://w3id.org/tradekg/id/actor/lighthizer")],
        ["paraphrase"],
    )


def test_drafted_facts_are_marked_draft(make_store: MakeStore) -> None:
    store = make_store(HERE / "drafted", name="drafted-view")
    iri = _article_iri(store)
    view = article.load(store, iri)
    reviews = Counter(f.review for f in view.facts)
    assert reviews["draft"] > 0 and reviews["curated"] > 0
    dom = parse(article.body(view, lambda x: None))
    drafted = {f"fact-{f.number}" for f in view.facts if f.review == "draft"}
    draft_marks = {m["data-facts"] for m in dom.marks if "draft" in str(m["class"]).split()}
    # a mark is dashed when every fact resting on it is a draft
    assert draft_marks == {
        " ".join(f"fact-{f.number}" for f in facts)
        for facts in view.spans().values()
        if all(f"fact-{f.number}" in drafted for f in facts)
    }
    assert article.body(view, lambda x: None).count('class="kg-draft"') == len(drafted)
