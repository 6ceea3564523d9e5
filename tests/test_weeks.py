"""Week precision: "next week" is a week, Monday to Sunday, from the facts file to the timeline.

A facts file writes a week as its ISO week (``date: 2021-W48``); the RDF has the date of its
Monday as the value, with the precision ``time:unitWeek`` (XML Schema has no type for a week).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import XSD, Literal

from kg.errors import InputError
from kg.iris import article_iri, child
from kg.loaders.facts import load_facts
from kg.loaders.reference import Reference
from kg.model import Precision
from kg.queries import run_saved
from kg.rdf import article_rdf
from kg.store import Store
from kg.terms import TIME, TKG

MakeStore = Callable[..., Store]  # the make_store fixture of conftest.py

SOFTWOOD = Path(__file__).resolve().parents[1] / "benchmarks" / "devset"
FACTS = SOFTWOOD / "softwood-lumber-duties.facts.yaml"


def test_a_week_is_read_as_monday_to_sunday_and_written_as_its_monday(
    reference: Reference,
) -> None:
    facts = load_facts(FACTS, reference)
    (event,) = [e for e in facts.events if e.key == "federal-register"]
    assert event.time is not None
    time = event.time
    assert (time.phrase, time.value, time.precision, time.start, time.end) == (
        "next week",
        "2021-W48",
        Precision.WEEK,
        dt.date(2021, 11, 29),  # the article is of Thursday 25 November 2021
        dt.date(2021, 12, 5),
    )
    node = child(article_iri(facts.article.url), "event", "federal-register", "time")
    triples = {(p, o) for s, p, o in article_rdf(facts).triples if s == node}
    monday = Literal("2021-11-29", datatype=XSD.date)
    assert {(TKG.value, monday), (TKG.precision, TIME.unitWeek), (TKG.start, monday)} <= triples
    assert (TKG.end, Literal("2021-12-05", datatype=XSD.date)) in triples


@pytest.mark.parametrize("date", ["2021-W54", "2021-W00", "2021-w48"])
def test_a_week_that_does_not_exist_is_an_error(
    tmp_path: Path, reference: Reference, date: str
) -> None:
    text = FACTS.read_text(encoding="utf-8").replace("date: 2021-W48", f"date: {date}")
    copy = tmp_path / FACTS.name
    copy.write_text(text, encoding="utf-8")
    (tmp_path / "softwood-lumber-duties.md").write_text(
        (SOFTWOOD / "softwood-lumber-duties.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        load_facts(copy, reference)
    assert caught.value.message == f"date '{date}' does not parse"


def test_the_timeline_shows_a_week(make_store: MakeStore) -> None:
    store = make_store(FACTS, name="weeks")
    answer = run_saved(store, "timeline", {})
    rows = [dict(zip(answer.variables, row, strict=True)) for row in answer.rows]
    (week,) = [r for r in rows if str(r["phrase"]) == "next week"]
    assert (str(week["date"]), str(week["start"]), str(week["precision"])) == (
        "2021-11-29",
        "2021-11-29",
        "week",
    )
