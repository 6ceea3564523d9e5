"""The extractor's stages (kg.extract.pipeline), each run alone on one written article.

Each test stops the pipeline after one stage and checks exactly what that stage found: the
sentences and quotations, the mentions, the speaker of each quotation, the acts, the times
and events, and the draft the last stage puts together.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kg.errors import UsageError
from kg.extract import Lexicon, extract, load_lexicon
from kg.extract.pipeline import STAGE_NAMES, run
from kg.loaders import Reference
from kg.model import Article, Where

TEXT = (
    "Marianne Beaulieu, Canada's trade minister, met Robert Lighthizer in Washington on "
    "Monday.\n\n"
    "“We will not accept a sunset clause,” Beaulieu said. The United States demanded that "
    "Canada open its dairy market.\n\n"
    "Lighthizer said that the talks had been difficult. “We are making progress "
    "on rules of origin,” he told reporters.\n\n"
    "The fifth round of talks was held in Mexico City on Nov. 15."
)
ARTICLE = Article(
    url="https://example.org/news/stages",
    title="Stages",
    published=dt.date(2017, 11, 21),  # a Tuesday
    language="en",
    text=TEXT,
    where=Where("stages.md"),
)


@pytest.fixture(scope="module")
def lexicon(reference: Reference) -> Lexicon:
    return load_lexicon(reference)


def words(start: int, end: int) -> str:
    return TEXT[start:end]


def test_the_stages_in_order() -> None:
    assert STAGE_NAMES == ("sentences", "mentions", "attribution", "acts", "times", "draft")


def test_sentences_quotations_and_tokens(lexicon: Lexicon) -> None:
    read = run(ARTICLE, lexicon, None, until="sentences")
    assert [[words(s.start, s.end) for s in p.sentences] for p in read.passages] == [
        ["Marianne Beaulieu, Canada's trade minister, met Robert Lighthizer in Washington on "
         "Monday."],
        ["“We will not accept a sunset clause,” Beaulieu said.",
         "The United States demanded that Canada open its dairy market."],
        ["Lighthizer said that the talks had been difficult.",
         "“We are making progress on rules of origin,” he told reporters."],
        ["The fifth round of talks was held in Mexico City on Nov. 15."],
    ]  # fmt: skip
    assert [[words(q.inner_start, q.inner_end) for q in p.quotes] for p in read.passages] == [
        [],
        ["We will not accept a sunset clause,"],
        ["We are making progress on rules of origin,"],
        [],
    ]
    assert [t.text for t in read.tokens[:8]] == [
        "Marianne",
        "Beaulieu",
        "Canada's",
        "trade",
        "minister",
        "met",
        "Robert",
        "Lighthizer",
    ]
    assert [t.text for t in read.tokens[-5:]] == ["Mexico", "City", "on", "Nov", "15"]
    assert (len(read.tokens), read.parsed, read.notes) == (63, None, ())


def test_mentions(lexicon: Lexicon) -> None:
    found = run(ARTICLE, lexicon, None, until="mentions").mentions
    assert [(words(m.start, m.end), m.actor.key, m.via) for m in found.found] == [
        ("Marianne Beaulieu", "marianne-beaulieu", "title"),
        ("Canada's", "canada", "name"),
        ("Robert Lighthizer", "lighthizer", "name"),
        ("Beaulieu", "marianne-beaulieu", "surname"),
        ("The United States", "united-states", "name"),
        ("Canada", "canada", "name"),
        ("Lighthizer", "lighthizer", "name"),
    ]
    assert [(words(a, b), key) for a, b, key in found.issues] == [
        ("sunset clause", "sunset-clause"),
        ("dairy", "dairy"),
        ("rules of origin", "rules-of-origin"),
    ]
    assert [(words(a, b), key) for a, b, key in found.places] == [
        ("Washington", "washington"),
        ("Mexico City", "mexico-city"),
    ]


def test_attribution_gives_each_quotation_its_speaker(lexicon: Lexicon) -> None:
    attributed = run(ARTICLE, lexicon, None, until="attribution")
    assert [
        [
            (words(q.quote.inner_start, q.quote.inner_end), q.speaker.key, q.verb, q.rule)
            for q in quotes
        ]
        for quotes in attributed.quotes
    ] == [
        [],
        [("We will not accept a sunset clause,", "marianne-beaulieu", "said", "quote-said-after")],
        [
            (
                "We are making progress on rules of origin,",
                "lighthizer",
                "told reporters",
                "quote-said-after",
            )
        ],
        [],
    ]


def test_acts(lexicon: Lexicon) -> None:
    acts = run(ARTICLE, lexicon, None, until="acts")
    assert [(f.section, f.key, f.rule, words(f.start, f.end), f.fields) for f in acts.facts] == [
        (
            "proposals",
            "dairy",
            "demand-verb",
            "that Canada open its dairy market",
            {"proposer": "united-states", "summary": "That Canada open its dairy market",
             "issue": "dairy"},
        ),
        (
            "demands",
            "dairy",
            "demand-verb",
            "The United States demanded that Canada open its dairy market",
            {"by": "united-states", "proposal": "dairy"},
        ),
        (
            "objections",
            "marianne-beaulieu-reject",
            "rejection-quote",
            "We will not accept a sunset clause,",
            {"kind": "rejection", "by": "marianne-beaulieu", "mode": "direct-quote",
             "verb": "said"},
        ),
    ]  # fmt: skip


def test_times_and_events(lexicon: Lexicon) -> None:
    timed = run(ARTICLE, lexicon, None, until="times")
    assert {
        words(*sentence)[:20]: [(t.phrase, t.value) for t in found]
        for sentence, found in timed.times.items()
        if found
    } == {
        "Marianne Beaulieu, C": [("Monday", "2017-11-20")],
        "The fifth round of t": [("Nov. 15", "2017-11-15")],
    }
    assert [
        (f.key, f.rule, words(f.start, f.end), f.fields, f.when and f.when.value)
        for f in timed.events
    ] == [
        (
            "meeting",
            "event-meeting",
            "met Robert Lighthizer in Washington on Monday",
            {"type": "Meeting", "name": "Meeting", "status": "occurred", "where": "washington"},
            "2017-11-20",
        ),
        (
            "round-5-of-the-talks",
            "event-round",
            "The fifth round of talks was held in Mexico City on Nov. 15",
            {"type": "NegotiationRound", "name": "Round 5 of the talks", "status": "occurred",
             "round": 5, "where": "mexico-city"},
            "2017-11-15",
        ),
    ]  # fmt: skip


def test_the_draft_puts_acts_statements_and_events_together(lexicon: Lexicon) -> None:
    draft = run(ARTICLE, lexicon, None, until="draft")
    assert [(f.section, f.key, f.rule, words(f.start, f.end)) for f in draft.facts] == [
        ("proposals", "dairy", "demand-verb", "that Canada open its dairy market"),
        (
            "demands",
            "dairy",
            "demand-verb",
            "The United States demanded that Canada open its dairy market",
        ),
        (
            "objections",
            "marianne-beaulieu-reject",
            "rejection-quote",
            "We will not accept a sunset clause,",
        ),
        (
            "statements",
            "marianne-beaulieu-quote",
            "quote-said-after",
            "We will not accept a sunset clause,",
        ),
        (
            "statements",
            "lighthizer-said",
            "paraphrase-said",
            "Lighthizer said that the talks had been difficult",
        ),
        (
            "statements",
            "lighthizer-quote",
            "quote-said-after",
            "We are making progress on rules of origin,",
        ),
        ("events", "meeting", "event-meeting", "met Robert Lighthizer in Washington on Monday"),
        (
            "events",
            "round-5-of-the-talks",
            "event-round",
            "The fifth round of talks was held in Mexico City on Nov. 15",
        ),
    ]
    assert draft.facts == extract(ARTICLE, lexicon).facts


def test_each_stage_holds_the_one_before(lexicon: Lexicon) -> None:
    timed = run(ARTICLE, lexicon, None, until="times")
    attributed = timed.acts.attributions
    read = attributed.mentioned.sentences
    assert (read.article, read.text) == (ARTICLE, TEXT)
    assert attributed.mentioned.mentions.found == (
        run(ARTICLE, lexicon, None, until="mentions").mentions.found
    )


def test_an_unknown_stage_is_an_error(lexicon: Lexicon) -> None:
    with pytest.raises(UsageError) as raised:
        run(ARTICLE, lexicon, None, until="quotes")
    assert str(raised.value) == (
        "no extractor stage 'quotes' (one of: sentences, mentions, attribution, acts, times, draft)"
    )
