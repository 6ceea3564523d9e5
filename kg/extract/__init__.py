"""Draft facts from article text, for a person to review: ``extract(article, lexicon)``.

Rules first, no model: actors from the reference data (kg.extract.names, which finds every
mention, kg.extract.mentions defining what one is), people by title, appositive and surname
(kg.extract.people), groups, organisations and unnamed sources (kg.extract.groups); the gender
and number the article gives each person, for pronouns (kg.extract.speakers); quotations and
their speakers (kg.extract.quotes); demands, proposals, objections, threats and support
from the lexicon's verbs and nouns (kg.extract.acts); dated events (kg.extract.events); time
phrases resolved against the publication date (kg.extract.times). kg.extract.pipeline runs
them as stages, each on the output of the one before (``run(..., until="mentions")`` stops
early). Precision comes before
recall: a rule that is not sure drafts nothing. Every drafted fact keeps its evidence (offsets
into the text) and the rule that found it; kg.extract.draft writes them in the facts format
people write.
"""

from __future__ import annotations

from kg.extract.facts import DraftedFact
from kg.extract.known import KnownPeople
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.pipeline import MAX_CHARS, Draft, run
from kg.model import Article

__all__ = [
    "MAX_CHARS",
    "Draft",
    "DraftedFact",
    "KnownPeople",
    "Lexicon",
    "extract",
    "load_lexicon",
    "people_named",
]


def extract(article: Article, lexicon: Lexicon, known: KnownPeople | None = None) -> Draft:
    """Draft an article's facts; ``known`` people (the store's, say) are found by surname
    alone as well ("Dombrovskis said", see kg.extract.known). The stages it runs are
    kg.extract.pipeline's."""
    return run(article, lexicon, known)


def people_named(article: Article, lexicon: Lexicon) -> list[str]:
    """The full names of the people an article names that the reference data does not: what
    other articles of the same run may call them by surname alone."""
    found = run(article, lexicon, None, until="mentions")
    return sorted(
        {
            m.actor.name
            for m in found.mentions.found
            if m.actor.kind == "Person" and m.actor.local and len(m.actor.name.split()) > 1
        }
    )
