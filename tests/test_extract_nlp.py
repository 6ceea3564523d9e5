"""The optional spaCy path (``tradekg[nlp]``): names the reference data lacks.

The default install has no spaCy, so these tests check the message that says how to get it,
and, where spaCy is installed, run a real spaCy pipeline (a blank English one with an entity
ruler: no model download) through the extractor.
"""

from __future__ import annotations

import datetime as dt
import importlib.util

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.extract import extract, load_lexicon
from kg.loaders import Reference
from kg.model import Article, Where
from kg.resources import sample_dir

HAS_SPACY = importlib.util.find_spec("spacy") is not None
TEXT = "“Nobody wins a trade war,” said Wang Wentao at a briefing in Beijing."


@pytest.mark.skipif(HAS_SPACY, reason="spaCy is installed here")
def test_without_spacy_nlp_says_how_to_install_it() -> None:
    result = CliRunner().invoke(
        cli, ["extract", "--nlp", "en_core_web_sm", str(sample_dir() / "nafta-round5.md")]
    )
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: --nlp needs spaCy, which is not installed (pip install 'tradekg[nlp]', "
        "then python -m spacy download en_core_web_sm)\n",
    )


def test_without_a_pipeline_an_unknown_name_is_not_a_speaker(reference: Reference) -> None:
    article = Article(
        url="https://example.org/a",
        title="A",
        published=dt.date(2019, 5, 13),
        language="en",
        text=TEXT,
        where=Where("a.md"),
    )
    assert extract(article, load_lexicon(reference)).facts == []


@pytest.mark.skipif(not HAS_SPACY, reason="spaCy is not installed (pip install 'tradekg[nlp]')")
def test_a_pipeline_names_the_speaker(reference: Reference) -> None:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [{"label": "PERSON", "pattern": "Wang Wentao"}, {"label": "GPE", "pattern": "Beijing"}]
    )
    lexicon = load_lexicon(reference)
    lexicon.nlp = nlp
    article = Article(
        url="https://example.org/a",
        title="A",
        published=dt.date(2019, 5, 13),
        language="en",
        text=TEXT,
        where=Where("a.md"),
    )
    (statement,) = extract(article, lexicon).facts
    assert (statement.fields["by"], statement.rule) == ("wang-wentao", "quote-said-after")
    assert statement.actors[0].found_by == "nlp"
