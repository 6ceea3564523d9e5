"""Optional: people and organisations missing from the reference data, found by a spaCy
pipeline (``pip install 'tradekg[nlp]'`` and an English pipeline such as en_core_web_sm).

The rules stay in charge: names the pipeline finds only add mentions where the rules found
none, a person needs at least two words ("Wang Wentao", not "Wang"), and the extractor still
drafts a fact only where a rule attributes it. Without spaCy nothing changes, and nothing is
downloaded: a pipeline that is not installed is an error that says how to install it.
"""

from __future__ import annotations

from typing import Any, Protocol

from kg.errors import UsageError

ENV_NLP = "TRADEKG_NLP"
LABELS = {"PERSON": "Person", "ORG": "Organization"}


class Pipeline(Protocol):
    def __call__(self, text: str) -> Any: ...


def load_pipeline(name: str) -> Pipeline:
    """A spaCy pipeline by package name (e.g. en_core_web_sm) or path."""
    try:
        import spacy
    except ImportError:
        raise UsageError(
            "--nlp needs spaCy, which is not installed",
            hint=f"pip install 'tradekg[nlp]', then python -m spacy download {name}",
        ) from None
    try:
        return spacy.load(name, exclude=["lemmatizer", "textcat"])  # type: ignore[no-any-return]
    except OSError as e:
        raise UsageError(
            f"the spaCy pipeline {name!r} is not installed ({e})",
            hint=f"python -m spacy download {name}",
        ) from None


def names(pipeline: Pipeline, text: str) -> list[tuple[int, int, str]]:
    """(start, end, ontology class) of each person or organisation the pipeline finds."""
    found = []
    for entity in pipeline(text).ents:
        kind = LABELS.get(entity.label_)
        if kind is None:
            continue
        start, end = entity.start_char, entity.end_char
        words = text[start:end].split()
        if kind == "Person" and len(words) < 2:
            continue
        if words and words[0].lower() == "the":
            start += len(words[0]) + 1
        found.append((start, end, kind))
    return found
