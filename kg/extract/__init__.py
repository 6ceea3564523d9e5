"""Draft facts from article text, for a person to review: ``extract(article, lexicon)``.

Rules first, no model: actors from the reference data (kg.extract.names, which finds every
mention, kg.extract.mentions defining what one is), people by title, appositive and surname
(kg.extract.people), groups, organisations and unnamed sources (kg.extract.groups); the gender
and number the article gives each person, for pronouns (kg.extract.speakers); quotations and
their speakers (kg.extract.quotes); demands, proposals, objections, threats and support
from the lexicon's verbs and nouns (kg.extract.acts); dated events (kg.extract.events); time
phrases resolved against the publication date (kg.extract.times). Precision comes before
recall: a rule that is not sure drafts nothing. Every drafted fact keeps its evidence (offsets
into the text) and the rule that found it; kg.extract.draft writes them in the facts format
people write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.acts import ActFinder
from kg.extract.events import find_events, same_events
from kg.extract.facts import DraftedFact
from kg.extract.known import KnownPeople
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.mentions import Actor, Mentions
from kg.extract.names import find_mentions
from kg.extract.quotes import Attributed, attribute, ends_paragraph
from kg.extract.speakers import Speakers
from kg.extract.text import (
    Paragraph,
    Quotation,
    Sentence,
    paragraphs,
    quotations,
    sentences,
    single_quoted,
)
from kg.extract.times import TimeMatch, find_times
from kg.model import Article

__all__ = [
    "Draft",
    "DraftedFact",
    "KnownPeople",
    "Lexicon",
    "extract",
    "load_lexicon",
    "people_named",
]

MAX_CHARS = 200_000  # longer texts are cut here: a news article is 2-20 thousand


@dataclass
class Draft:
    article: Article
    facts: list[DraftedFact] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the extractor could not do

    def local_actors(self) -> list[Actor]:
        seen: dict[str, Actor] = {}
        for fact in self.facts:
            for actor in fact.actors:
                if actor.local:
                    seen.setdefault(actor.key, actor)
        return list(seen.values())


def extract(article: Article, lexicon: Lexicon, known: KnownPeople | None = None) -> Draft:
    """Draft an article's facts; ``known`` people (the store's, say) are found by surname
    alone as well ("Dombrovskis said", see kg.extract.known)."""
    draft = Draft(article)
    text = article.text
    if len(text) > MAX_CHARS:
        draft.notes.append(
            f"the text has {len(text):,} characters; only the first {MAX_CHARS:,} were read"
        )
        text = text[:MAX_CHARS]
    mentions = find_mentions(text, lexicon, known)
    events: list[DraftedFact] = []
    statements: list[DraftedFact] = []
    single = single_quoted(text)  # British style: ‘…’ quotes
    read: list[tuple[Paragraph, list[Quotation], list[Sentence]]] = []
    for paragraph in paragraphs(text):
        quotes = quotations(text, paragraph, single)
        read.append((paragraph, quotes, sentences(text, paragraph, quotes)))
    speakers = Speakers(
        text,
        mentions,
        lexicon.titles,
        lexicon.title_heads,
        lexicon.given_names,
        [p.start for p, _, _ in read],
        [(s.start, s.end) for _, _, sents in read for s in sents],
        [(q.start, q.end) for _, quotes, _ in read for q in quotes],
    )
    acts = ActFinder(text, mentions, lexicon, speakers)
    carried: Attributed | None = None  # a quotation that ended the paragraph before
    for paragraph, quotes, sents in read:
        if not sents:
            continue
        spans = [(q.inner_start, q.inner_end) for q in quotes]
        times_of: dict[tuple[int, int], list[TimeMatch]] = {}
        for s in sents:
            times = times_of[s.start, s.end] = find_times(text, s.start, s.end, article.published)
            acts.sentence(s, spans)
            events.extend(find_events(text, s, times, mentions, article.published, spans))
            statements.extend(_paraphrase(text, s, spans, mentions, lexicon, times))
            statements.extend(_outlet_voice(text, s, spans, lexicon))
        attributed = attribute(text, paragraph, quotes, sents, mentions, lexicon, speakers, carried)
        carried = attributed[-1] if attributed and ends_paragraph(attributed[-1], sents) else None
        for q in attributed:
            end = q.quote.inner_end
            while end > q.quote.inner_start and text[end - 1] in " \n":
                end -= 1
            mode = "direct-quote" if q.direct else "partial-quote"
            fields: dict[str, object] = {"by": q.speaker.key, "mode": mode, "verb": q.verb}
            times = times_of.get((q.sentence.start, q.sentence.end)) or find_times(
                text, q.sentence.start, q.sentence.end, article.published
            )
            outside = [t for t in times if not (q.quote.start <= t.start < q.quote.end)]
            statements.append(
                DraftedFact(
                    "statements",
                    q.speaker.key + "-quote",
                    q.rule,
                    q.confidence,
                    q.quote.inner_start,
                    end,
                    fields,
                    when=_day(outside),
                    actors=(q.speaker,),
                )
            )
            acts.quoted(q.speaker, q.quote.inner_start, end, mode, q.verb)
    acts.finish()
    facts = [*acts.proposals, *acts.facts, *statements, *same_events(events, text)]
    # never a fact without evidence: words with at least one letter or digit
    draft.facts = [f for f in facts if any(c.isalnum() for c in text[f.start : f.end])]
    return draft


def people_named(article: Article, lexicon: Lexicon) -> list[str]:
    """The full names of the people an article names that the reference data does not: what
    other articles of the same run may call them by surname alone."""
    mentions = find_mentions(article.text[:MAX_CHARS], lexicon)
    return sorted(
        {
            m.actor.name
            for m in mentions.found
            if m.actor.kind == "Person" and m.actor.local and len(m.actor.name.split()) > 1
        }
    )


def _day(times: list[TimeMatch]) -> TimeMatch | None:
    dated = [t for t in times if t.value is not None]
    return dated[0] if len(dated) == 1 else None


_THAT = re.compile(r"\s*(?:that\s+|on\s+\w+\s+that\s+)?")


def _paraphrase(
    text: str,
    s: Sentence,
    spans: list[tuple[int, int]],
    mentions: Mentions,
    lexicon: Lexicon,
    times: list[TimeMatch],
) -> list[DraftedFact]:
    """ "X said that ..." with no quotation in the sentence: a paraphrased statement."""
    if any(s.start <= a < s.end for a, _ in spans):
        return []
    verb = lexicon.speech["say"].find(text, s.start, s.end)
    if verb is None or not re.match(r"\s+that\b", text[verb[1] : verb[1] + 6]):
        return []
    named = [m for m in mentions.within(s.start, verb[0]) if m.actor.kind != "UnnamedSource"]
    if not named or len(text[named[-1].end : verb[0]].split()) > 3:
        return []
    speaker = named[-1]
    end = s.end
    while end > s.start and text[end - 1] in " .":
        end -= 1
    fields: dict[str, object] = {"by": speaker.actor.key, "mode": "paraphrase", "verb": verb[2]}
    return [
        DraftedFact(
            "statements",
            speaker.actor.key + "-said",
            "paraphrase-said",
            0.7,
            speaker.start,
            end,
            fields,
            when=_day(times),
            actors=(speaker.actor,),
        )
    ]


_OUTLET = re.compile(
    r"(?:The|Relations|Tensions|Trade)\s+(?:(?:[A-Z][\w.-]*|U\.S\.|[a-z]+)\s+){0,3}?"
    r"(?:talks|negotiations|renegotiations?|relations|dispute|standoff|tensions|situation|"
    r"trade\s+war|deal|agreement|relationship)\s+(?:ha(?:ve|s|d)\s+(?:been|become|grown|"
    r"remained)|(?:are|is|was|were)\s+(?:now\s+)?(?:strained|stalled|deadlocked|stuck|"
    r"fraught|tense|at\s+an\s+impasse|in\s+trouble))\b"
)


def _outlet_voice(
    text: str, s: Sentence, spans: list[tuple[int, int]], lexicon: Lexicon
) -> list[DraftedFact]:
    """ "The NAFTA renegotiations have been strained.": the outlet's own assessment of the
    talks, in a sentence that quotes and credits no one."""
    if any(s.start <= a < s.end for a, _ in spans) or not _OUTLET.match(text, s.start):
        return []
    if lexicon.speech["say"].find(text, s.start, s.end) or re.search(
        r"according\s+to", text[s.start : s.end]
    ):
        return []
    end = s.end
    while end > s.start and text[end - 1] in " ":
        end -= 1
    return [DraftedFact("statements", "outlet-assessment", "outlet-voice", 0.6, s.start, end, {})]
