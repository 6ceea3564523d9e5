"""The article view: the text with every evidence span marked once, facts listed beside it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import struct
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner, Result
from rdflib import URIRef

from kg.cli import cli
from kg.errors import UsageError
from kg.queries import run_saved
from kg.store import Store
from kg.views import article, pictures, report, tables
from kg.views.article import ArticleView, Fact
from kg.views.pictures import interval

HERE = Path(__file__).resolve().parent
MakeStore = Callable[..., Store]  # the make_store fixture of conftest.py
HEADLINE = "NAFTA talks make little headway after fifth round"


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


# --- pictures and reports ---------------------------------------------------------------------


def svg_root(svg: str) -> ElementTree.Element:
    """The parsed SVG: it must be well-formed XML in the SVG namespace."""
    root = ElementTree.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


SVG = "{http://www.w3.org/2000/svg}"


def test_interval_is_as_wide_as_the_precision() -> None:
    day = dt.date(2017, 11, 21)
    assert interval(day, "day") == day
    assert interval(dt.date(2017, 11, 20), "week") == dt.date(2017, 11, 26)
    assert interval(dt.date(2017, 12, 1), "month") == dt.date(2017, 12, 31)
    assert interval(dt.date(2016, 2, 1), "month") == dt.date(2016, 2, 29)
    assert interval(dt.date(2017, 1, 1), "year") == dt.date(2017, 12, 31)


def test_timeline_draws_every_moment_at_its_precision(sample_store: Store) -> None:
    iri = _article_iri(sample_store)
    moments = report.moments(sample_store, within=str(iri))
    rows = run_saved(sample_store, "timeline").rows
    assert len(moments) == len(rows)  # the sample is the only article
    root = svg_root(pictures.timeline(moments, link=lambda x: x))
    drawn = root.findall(f".//{SVG}g[@class]")
    assert len(drawn) == len(moments)
    widths = {}
    for g, m in zip(
        drawn, sorted(moments, key=lambda m: (m.start is None, m.start, m.end)), strict=True
    ):
        title = g.find(f"{SVG}title")
        assert title is not None and str(title.text).startswith(m.label)
        rect = g.find(f"{SVG}rect")
        assert rect is not None
        if m.start and m.end:
            widths[(m.end - m.start).days] = float(rect.attrib["width"])
    # a year is drawn wider than a month, a month wider than a day
    assert widths[364] > widths[30] > widths[0]


def test_positions_of_canada_rest_on_the_group_it_belongs_to(sample_store: Store) -> None:
    rows = report.positions(sample_store, {"actor": "Canada"})
    cells = {(c.issue[1], c.polarity, c.strength) for c in report.cells(rows)}
    assert cells == {
        ("investor-state dispute settlement", "oppose", "concern"),
        ("rebalancing", "oppose", "concern"),
        ("rules of origin", "oppose", "deal-breaker"),
        ("sunset clause", "oppose", "concern"),
    }
    root = svg_root(pictures.matrix(report.cells(rows)))
    assert len(root.findall(f".//{SVG}g[@class='cell oppose']")) == 4


def test_who_stands_with_whom_on_the_sample(sample_store: Store) -> None:
    ties = report.ties(report.positions(sample_store))
    assert [(t.a[1], t.b[1], t.kind, t.what) for t in ties] == [
        (
            "Canada",
            "Mexico",
            "objection",
            [
                "against investor-state dispute settlement",
                "against rebalancing",
                "against rules of origin",
                "against sunset clause",
            ],
        ),
        ("Robert Lighthizer", "United States", "support", ["for rebalancing"]),
        (
            "Trump administration",
            "United States",
            "support",
            ["for investor-state dispute settlement", "for sunset clause"],
        ),
    ]
    root = svg_root(pictures.network(ties))
    assert len(root.findall(f".//{SVG}g[@class='tie']")) == 3
    assert len(root.findall(f".//{SVG}g[@class='actor']")) == 5


def test_report_of_an_article_is_self_contained(sample_store: Store) -> None:
    page = report.report(sample_store, HEADLINE, lambda x: x)
    dom = parse(page)
    assert dom.sources == []  # no script, style sheet, image or font to fetch
    assert page.count("<svg ") == 3
    for svg in page.split("<svg ")[1:]:
        svg_root("<svg " + svg.split("</svg>")[0] + "</svg>")


def test_report_of_an_actor(sample_store: Store) -> None:
    page = report.report(sample_store, "Freeland", lambda x: x)
    assert "<h1>Chrystia Freeland</h1>" in page
    assert page.count("<tr>") == 1 + len(
        run_saved(sample_store, "quotes", {"speaker": "Freeland"}).rows
    )


def test_report_of_nothing_known(sample_store: Store) -> None:
    with pytest.raises(UsageError) as e:
        report.subject(sample_store, "no such thing at all")
    assert e.value.message == (
        "no article, actor, agreement or proposal matches 'no such thing at all'"
    )


def cli_run(store_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--store", str(store_dir), "report", *args])


def test_cli_report_writes_one_html_file(sample_store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "nafta.html"
    result = cli_run(sample_store_dir, HEADLINE, "-o", str(out))
    assert (result.exit_code, result.output) == (0, "")
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and f"<h1>{HEADLINE}</h1>" in page
    assert parse(page).sources == []


def test_cli_report_picture_as_svg_and_png(sample_store_dir: Path, tmp_path: Path) -> None:
    result = cli_run(sample_store_dir, "Canada", "--picture", "positions")
    assert result.exit_code == 0
    root = svg_root(result.stdout)
    png = tmp_path / "canada.png"
    result = cli_run(
        sample_store_dir, "Canada", "--picture", "positions", "-f", "png", "-o", str(png)
    )
    assert (result.exit_code, result.output) == (0, "")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
    assert (width, height) == (int(root.attrib["width"]), int(root.attrib["height"]))


def test_cli_report_positions_as_of_a_date(sample_store_dir: Path) -> None:
    # the sample's acts are all of 2017-11-21: the day before, nobody stands anywhere yet
    result = cli_run(sample_store_dir, "NAFTA", "--picture", "positions", "--as-of", "2017-11-20")
    assert result.exit_code == 0, result.output
    root = svg_root(result.stdout)
    assert root.findall(f".//{SVG}g[@class]") == []
    assert "No positions recorded yet." in result.stdout
    assert "Positions as of 2017-11-20: North American Free Trade Agreement" in result.stdout
    result = cli_run(sample_store_dir, "NAFTA", "--picture", "positions", "--as-of", "2017-11-21")
    cells = svg_root(result.stdout).findall(f".//{SVG}g[@class]")
    assert len(cells) == 19  # the positions query's 19 actor-issue pairs under NAFTA
    result = cli_run(sample_store_dir, "NAFTA", "--as-of", "last week")
    assert result.exit_code == 2
    assert (
        "parameter 'asOf' must be a date (YYYY-MM-DD) or a round of a negotiation the store "
        "holds, not 'last week'"
    ) in result.stderr


def test_cli_report_usage_errors(sample_store_dir: Path) -> None:
    result = cli_run(sample_store_dir, "Canada", "-f", "png")
    assert result.exit_code == 2
    assert "Error: --format png is for one --picture; a report is html" in result.output
    result = cli_run(sample_store_dir, "Nobody at all")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: no article, actor, agreement or proposal matches 'Nobody at all' (give an "
        "article's headline, URL or key, an actor's or agreement's name or alias, or a "
        "proposal's id or IRI)"
    ]


# --- tables for other tools -------------------------------------------------------------------


def test_event_rows_of_freeland(sample_store: Store) -> None:
    rows = [r for r in tables.event_rows(sample_store) if r["source_actor"] == "Chrystia Freeland"]
    assert [(r["act"], r["event_class"], r["cameo_root"], r["quote"]) for r in rows] == [
        ("Rejection", "REJECT", "12", "These are proposals we simply cannot agree to"),
        (
            "Statement",
            "",
            "01",
            "Significant differences remain on some key areas. … These are proposals we simply "
            "cannot agree to,",
        ),
    ]
    assert {r["url"] for r in rows} == {"https://w3id.org/tradekg/sample/nafta-round5"}


def test_event_rows_aim_at_the_proposer(sample_store: Store) -> None:
    rows = tables.event_rows(sample_store)
    objections = [r for r in rows if r["act"] == "Objection"]
    assert {(r["source_actor"], r["target_actor"], r["event_class"]) for r in objections} == {
        ("Canada and Mexico", "United States", "ACCUSE")
    }
    assert len(objections) == 3


def test_discourse_rows_as_csv(sample_store: Store) -> None:
    rows = tables.discourse_rows(sample_store)
    lighthizer = [r for r in rows if r["person"] == "Robert Lighthizer"]
    assert [(r["organization"], r["concept"], r["agreement"]) for r in lighthizer] == [
        ("", "rebalancing", "1")
    ]
    out = io.BytesIO()
    tables.write_rows(out, rows, tables.DISCOURSE_COLUMNS, "csv")
    parsed = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))
    assert parsed == rows


def test_graphml_holds_the_network(sample_store: Store) -> None:
    ties = report.ties(report.positions(sample_store))
    root = ElementTree.fromstring(tables.graphml(ties))
    g = "{http://graphml.graphdrawing.org/xmlns}"
    labels = {n.attrib["id"]: n.findtext(f"{g}data") for n in root.iter(f"{g}node")}
    assert sorted(labels.values()) == [
        "Canada",
        "Mexico",
        "Robert Lighthizer",
        "Trump administration",
        "United States",
    ]
    edges = [
        (
            labels[e.attrib["source"]],
            labels[e.attrib["target"]],
            {d.attrib["key"]: d.text for d in e.iter(f"{g}data")}["weight"],
        )
        for e in root.iter(f"{g}edge")
    ]
    assert edges == [
        ("Canada", "Mexico", "4"),
        ("Robert Lighthizer", "United States", "1"),
        ("Trump administration", "United States", "2"),
    ]
