"""The extractor's stages, in order, each a function of the one before:

    sentences    the text cut to MAX_CHARS, its paragraphs, quotations, sentences and tokens,
                 and, when the lexicon has a spaCy pipeline, its parse (and the names it finds)
    mentions     every actor, issue, agreement and place the article mentions (kg.extract.names)
    attribution  the gender the article gives each person (kg.extract.speakers) and the
                 speaker of each quotation (kg.extract.quotes)
    acts         demands, proposals, objections, threats and support (kg.extract.acts); with a
                 parse, proposals and objections read from it where the rules drafted none in
                 a sentence (kg.extract.parsed)
    times        the time phrases of each sentence (kg.extract.times) and the dated events
                 (kg.extract.events)
    draft        the statements (quotations, paraphrases, the outlet's own voice), dated, and
                 every fact in the order the draft lists them

Each stage's output is a frozen record that holds the one before it, so a later stage reads
what an earlier one found instead of finding it again, and ``run(article, lexicon, known,
until="mentions")`` stops after any stage (to score or test it alone). The lexicon and the
people known before the article is read (kg.extract.known) are handed to every stage.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, overload

from kg.errors import UsageError
from kg.extract.acts import ActFinder
from kg.extract.events import find_events, same_events
from kg.extract.facts import DraftedFact
from kg.extract.groups import ORG_APPOSITIVE
from kg.extract.known import KnownPeople
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Actor, Mention, Mentions, Token, tokens
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

MAX_CHARS = 200_000  # longer texts are cut here: a news article is 2-20 thousand
# A longer run without a sentence end is a table, a list or text without punctuation, not
# prose: it is not read for acts (a news sentence is a few hundred characters; the rules'
# cost grows with the square of a sentence's length).
MAX_SENTENCE = 2_000
# a line of a table: three or more cells split by '|' or tabs ("Steel | 0% | 25% | China")
_TABLE_ROW = re.compile(r"[^\n|\t]*(?:[|\t][^\n|\t]*){2,}")
# a speaker's label that opens a paragraph of a transcript: "MINISTER LEBLANC:", "Q:"
_SPEAKER_LABEL = re.compile(r"(?:[A-Z][A-Z.’'-]*(?:[ \t]+[A-Z][A-Z.’'-]*){0,4}|Q|A):[ \t]")


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


@dataclass(frozen=True)
class Passage:
    """A paragraph with its quotations and sentences."""

    paragraph: Paragraph
    quotes: tuple[Quotation, ...]
    sentences: tuple[Sentence, ...]

    def quote_spans(self) -> list[tuple[int, int]]:
        return [(q.inner_start, q.inner_end) for q in self.quotes]


@dataclass(frozen=True)
class Sentences:
    """Stage 1: the text as read (cut to MAX_CHARS, with a note when it was), its passages,
    its tokens, and the names the spaCy pipeline found and its parse (None without one)."""

    article: Article
    text: str
    notes: tuple[str, ...]
    passages: tuple[Passage, ...]
    tokens: tuple[Token, ...]
    parsed: tuple[tuple[int, int, str], ...] | None
    doc: Any = None  # the spaCy parse of ``text`` (kg.extract.parsed), None without one

    @property
    def published(self) -> dt.date:
        return self.article.published


@dataclass(frozen=True)
class Mentioned:
    """Stage 2: every mention, in text order (kg.extract.mentions.Mentions)."""

    sentences: Sentences
    mentions: Mentions


@dataclass(frozen=True)
class Attributions:
    """Stage 3: who "he" and "she" stand for, and the attributed quotations of each passage
    (in the order of ``Sentences.passages``)."""

    mentioned: Mentioned
    speakers: Speakers
    quotes: tuple[tuple[Attributed, ...], ...]


@dataclass(frozen=True)
class Acts:
    """Stage 4: the acts, proposals first, in the order the draft lists them."""

    attributions: Attributions
    facts: tuple[DraftedFact, ...]


@dataclass(frozen=True)
class Timed:
    """Stage 5: the time phrases of each sentence, by its (start, end), and the events."""

    acts: Acts
    times: Mapping[tuple[int, int], tuple[TimeMatch, ...]]
    events: tuple[DraftedFact, ...]


Output = Sentences | Mentioned | Attributions | Acts | Timed | Draft


def read(article: Article, lexicon: Lexicon, known: KnownPeople | None) -> Sentences:
    """Stage 1: paragraphs, quotations, sentences, tokens and the parse."""
    text = article.text
    notes: tuple[str, ...] = ()
    language = article.language.lower()
    if language != "en" and not language.startswith("en-"):
        # the rules and the lexicon are English: what they would find in another language is
        # noise, so nothing is drafted
        notes = (
            f"the extractor reads English; this article is in '{article.language}', "
            "so nothing was drafted",
        )
        text = ""
    if len(text) > MAX_CHARS:
        notes = (f"the text has {len(text):,} characters; only the first {MAX_CHARS:,} were read",)
        text = text[:MAX_CHARS]
    single = single_quoted(text)  # British style: ‘…’ quotes
    passages = []
    unread = 0
    table_rows = labelled = 0
    for paragraph in paragraphs(text):
        lines = text[paragraph.start : paragraph.end].split("\n")
        if all(_TABLE_ROW.fullmatch(line.strip()) for line in lines):
            table_rows += len(lines)  # cells, not sentences: nothing in them is drafted
            continue
        labelled += bool(_SPEAKER_LABEL.match(text, paragraph.start))
        quotes = quotations(text, paragraph, single)
        found = sentences(text, paragraph, quotes)
        kept = [s for s in found if s.end - s.start <= MAX_SENTENCE]
        if len(kept) < len(found):
            unread += len(found) - len(kept)
            quotes = [q for q in quotes if any(s.start <= q.start < s.end for s in kept)]
        passages.append(Passage(paragraph, tuple(quotes), tuple(kept)))
    if unread:
        notes += (
            f"{unread:,} sentence(s) of more than {MAX_SENTENCE:,} characters were not read: "
            "a table, a list or text without sentence ends, not prose",
        )
    if table_rows:
        notes += (
            f"{table_rows:,} line(s) of a table (cells split by '|' or tabs) were not read: "
            "facts are drafted from prose only",
        )
    if labelled >= 2:
        notes += (
            f"{labelled:,} paragraphs open with a speaker's label ('NAME:'), as in a transcript; "
            "the extractor does not read such labels, so the words after them were not drafted "
            "as anyone's quotes",
        )
    parsed = doc = None
    if lexicon.nlp is not None:
        from kg.extract.nlp import names_in

        doc = lexicon.nlp(text)
        parsed = tuple(names_in(doc, text))
        if not doc.has_annotation("DEP"):
            doc = None  # a pipeline without a parser: its names only
    return Sentences(article, text, notes, tuple(passages), tuple(tokens(text)), parsed, doc)


def mention(read: Sentences, lexicon: Lexicon, known: KnownPeople | None) -> Mentioned:
    """Stage 2: the mentions (kg.extract.names), from the tokens and the parse of stage 1."""
    return Mentioned(read, find_mentions(read.text, lexicon, known, list(read.tokens), read.parsed))


def attribution(found: Mentioned, lexicon: Lexicon, known: KnownPeople | None) -> Attributions:
    """Stage 3: genders for pronouns, then each paragraph's quotations and their speakers (a
    quotation that ended the paragraph before is handed to the next)."""
    read, mentions = found.sentences, found.mentions
    text, passages = read.text, read.passages
    speakers = Speakers(
        text,
        mentions,
        lexicon.titles,
        lexicon.title_heads,
        lexicon.given_names,
        [p.paragraph.start for p in passages],
        [(s.start, s.end) for p in passages for s in p.sentences],
        [(q.start, q.end) for p in passages for q in p.quotes],
    )
    out: list[tuple[Attributed, ...]] = []
    carried: Attributed | None = None  # a quotation that ended the paragraph before
    for p in passages:
        if not p.sentences:
            out.append(())
            continue
        sents = list(p.sentences)
        attributed = attribute(
            text, p.paragraph, list(p.quotes), sents, mentions, lexicon, speakers, carried
        )
        carried = attributed[-1] if attributed and ends_paragraph(attributed[-1], sents) else None
        out.append(tuple(attributed))
    return Attributions(found, speakers, tuple(out))


def acts(attributions: Attributions, lexicon: Lexicon, known: KnownPeople | None) -> Acts:
    """Stage 4: acts in the words outside quotations, sentence by sentence (the rules, then
    the parse where there is one and the rules drafted none), then in each attributed
    quotation of the paragraph."""
    read = attributions.mentioned.sentences
    text = read.text
    sentences = [s for p in read.passages for s in p.sentences]
    finder = ActFinder(
        text, attributions.mentioned.mentions, lexicon, attributions.speakers, sentences
    )
    parsed = None
    if read.doc is not None:
        from kg.extract.parsed import ParsedActs

        parsed = ParsedActs(read.doc, finder)
    for p, quoted in zip(read.passages, attributions.quotes, strict=True):
        spans = p.quote_spans()
        for s in p.sentences:
            finder.sentence(s, spans)
            if parsed is not None:
                parsed.sentence(s, spans)
        for q in quoted:
            finder.quoted(q.speaker, q.quote.inner_start, _quote_end(text, q), _mode(q), q.verb)
    finder.finish()
    return Acts(attributions, (*finder.proposals, *finder.facts))


def timed(found: Acts, lexicon: Lexicon, known: KnownPeople | None) -> Timed:
    """Stage 5: the time phrases of each sentence, and the events they date."""
    read = found.attributions.mentioned.sentences
    mentions = found.attributions.mentioned.mentions
    text, published = read.text, read.published
    times: dict[tuple[int, int], tuple[TimeMatch, ...]] = {}
    events: list[DraftedFact] = []
    for p in read.passages:
        spans = p.quote_spans()
        for s in p.sentences:
            phrases = find_times(text, s.start, s.end, published)
            times[s.start, s.end] = tuple(phrases)
            events.extend(find_events(text, s, phrases, mentions, published, spans))
    return Timed(found, times, tuple(same_events(events, text)))


def draft(found: Timed, lexicon: Lexicon, known: KnownPeople | None) -> Draft:
    """Stage 6: the statements, paragraph by paragraph (paraphrases and the outlet's voice in
    each sentence, then the attributed quotations), dated by stage 5; then every fact, acts
    first, each with evidence."""
    attributions = found.acts.attributions
    read = attributions.mentioned.sentences
    mentions = attributions.mentioned.mentions
    text = read.text
    statements: list[DraftedFact] = []
    for p, quoted in zip(read.passages, attributions.quotes, strict=True):
        spans = p.quote_spans()
        for s in p.sentences:
            times = list(found.times[s.start, s.end])
            statements.extend(
                _paraphrase(text, s, spans, mentions, lexicon, times, attributions.speakers)
            )
            statements.extend(_outlet_voice(text, s, spans, lexicon))
        for q in quoted:
            end = _quote_end(text, q)
            mode = _mode(q)
            fields: dict[str, object] = {"by": q.speaker.key, "mode": mode, "verb": q.verb}
            # the sentence that credits it is one of the paragraph's: stage 5 read its times
            said = found.times[q.sentence.start, q.sentence.end]
            outside = [t for t in said if not (q.quote.start <= t.start < q.quote.end)]
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
    facts = [*found.acts.facts, *statements, *found.events]
    # never a fact without evidence: words with at least one letter or digit
    kept = [f for f in facts if any(c.isalnum() for c in text[f.start : f.end])]
    return Draft(read.article, kept, list(read.notes))


Stage = Callable[[Any, Lexicon, KnownPeople | None], Any]
STAGES: tuple[tuple[str, Stage], ...] = (
    ("sentences", read),
    ("mentions", mention),
    ("attribution", attribution),
    ("acts", acts),
    ("times", timed),
    ("draft", draft),
)
STAGE_NAMES = tuple(name for name, _ in STAGES)


@overload
def run(
    article: Article, lexicon: Lexicon, known: KnownPeople | None, until: Literal["sentences"]
) -> Sentences: ...
@overload
def run(
    article: Article, lexicon: Lexicon, known: KnownPeople | None, until: Literal["mentions"]
) -> Mentioned: ...
@overload
def run(
    article: Article, lexicon: Lexicon, known: KnownPeople | None, until: Literal["attribution"]
) -> Attributions: ...
@overload
def run(
    article: Article, lexicon: Lexicon, known: KnownPeople | None, until: Literal["acts"]
) -> Acts: ...
@overload
def run(
    article: Article, lexicon: Lexicon, known: KnownPeople | None, until: Literal["times"]
) -> Timed: ...
@overload
def run(
    article: Article,
    lexicon: Lexicon,
    known: KnownPeople | None = None,
    until: Literal["draft"] = "draft",
) -> Draft: ...
@overload
def run(
    article: Article, lexicon: Lexicon, known: KnownPeople | None = None, until: str = "draft"
) -> Output: ...
def run(
    article: Article, lexicon: Lexicon, known: KnownPeople | None = None, until: str = "draft"
) -> Output:
    """The stages in order, up to and including ``until``; its output."""
    if until not in STAGE_NAMES:
        raise UsageError(f"no extractor stage {until!r}", hint="one of: " + ", ".join(STAGE_NAMES))
    out: Any = article
    for name, stage in STAGES:
        out = stage(out, lexicon, known)
        if name == until:
            break
    result: Output = out
    return result


def _quote_end(text: str, q: Attributed) -> int:
    """Where a quotation's words end, spaces and line breaks before the mark left out."""
    end = q.quote.inner_end
    while end > q.quote.inner_start and text[end - 1] in " \n":
        end -= 1
    return end


def _mode(q: Attributed) -> str:
    return "direct-quote" if q.direct else "partial-quote"


def _day(times: list[TimeMatch]) -> TimeMatch | None:
    dated = [t for t in times if t.value is not None]
    return dated[0] if len(dated) == 1 else None


def _paraphrase(
    text: str,
    s: Sentence,
    spans: list[tuple[int, int]],
    mentions: Mentions,
    lexicon: Lexicon,
    times: list[TimeMatch],
    speakers: Speakers,
) -> list[DraftedFact]:
    """ "X said that ..." with no quotation in the sentence: a paraphrased statement."""
    if any(s.start <= a < s.end for a, _ in spans):
        return []
    according = _according_to(text, s, mentions)
    if according is not None:
        according.when = _day(times)
        return [according]
    verb = lexicon.speech["say"].find(text, s.start, s.end)
    while verb is not None and mentions.at(verb[0]) is not None:
        verb = lexicon.speech["say"].find(text, verb[1], s.end)  # "Local reports said"
    if verb is None:
        return []
    after = _said_after(text, s, mentions, speakers)
    if after is not None:
        after.when = _day(times)
        return [after]
    if not _THAT_AFTER.match(text, verb[1], s.end) and not (
        verb[2].lower().split()[0] in _SAID_CLAUSE_VERBS
        and _CLAUSE_AFTER.match(text, verb[1], s.end)
    ):
        return []
    named = mentions.within(s.start, verb[0])
    pronoun = _PRONOUN_SAID.search(text, s.start, verb[0])
    if pronoun is not None and (not named or named[-1].end <= pronoun.start()):
        # "He said the deal ...": the person kg.extract.speakers is sure "he" is
        resolved = speakers.resolve(pronoun.group(1), pronoun.start(), max(0, s.start - 1500))
        if resolved is None:
            return []
        return [_said(text, s, verb[2], resolved[0], pronoun.start(), times, 0.65)]
    if not named:
        return []
    titled = _own_title(text, named, verb[0], mentions)
    if titled is not None:
        named = named[: named.index(titled) + 1]  # not a country inside the title
    if not titled and len(text[named[-1].end : verb[0]].split()) > 3:
        return []
    if re.match(r"['’]s?\s", text[named[-1].end : named[-1].end + 3]) or (
        "," in text[named[-1].end : verb[0]] and not titled
    ):
        # "Trudeau's office said", "X, Canada's deputy trade minister, said", "The accord, a
        # treaty ... in Northern Ireland, says": the name is not the one who says it
        return []
    between = text[named[-1].end : verb[0]].split()
    if named[-1].actor.kind == "Country" and any(
        w[:1].isupper() and w.lower() not in lexicon.speech["officials"] and w not in _WEEKDAYS
        for w in between
    ):
        return []  # "a former U.S. Trade Representative said": someone, not the country
    return [_said(text, s, verb[2], named[-1].actor, named[-1].start, times, 0.7)]


def _said(
    text: str,
    s: Sentence,
    verb: str,
    speaker: Actor,
    start: int,
    times: list[TimeMatch],
    confidence: float,
) -> DraftedFact:
    end = s.end
    while end > s.start and text[end - 1] in " .":
        end -= 1
    fields: dict[str, object] = {"by": speaker.key, "mode": "paraphrase", "verb": verb}
    return DraftedFact(
        "statements",
        speaker.key + "-said",
        "paraphrase-said",
        confidence,
        start,
        end,
        fields,
        when=_day(times),
        actors=(speaker,),
    )


# "that" after the verb, with when or how it was said between: "told a regular briefing on
# Monday that", "said in a statement on Tuesday that"
_THAT_AFTER = re.compile(
    r"(?:(?<=told)\s+(?:the\s+|a\s+)?[\w-]+(?:\s+[\w-]+)?)?"  # "told the summit that"
    r"(?:\s+(?:in\s+a\s+statement|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
    r"last\s+week|this\s+week|"
    # "said after a signing ceremony ... that", "told the summit that"
    r"(?:after|before|at|during|following)\s+[^,;.“”\x22]{1,120}?)){0,2},?\s+that\b"
)


def _own_title(text: str, named: list[Mention], verb: int, mentions: Mentions) -> Mention | None:
    """ "Ursula von der Leyen, the Commission president, said", "Jane Roe, Canada's deputy
    trade minister, said": the person whose title stands, in commas, between the name and
    the verb."""
    for m in reversed(named[-3:]):
        if not re.fullmatch(r",[^,]+,\s*", text[m.end : verb]):
            continue
        if m.actor.kind == "Person" and any(
            t.actor == m.actor and m.end < t.start and t.end <= verb for t in mentions.titled
        ):
            return m
        if m.actor.found_by == "organisation" and ORG_APPOSITIVE.match(text, m.start):
            return m  # "Unifor, Canada's largest private-sector union, said"
    return None


# a pronoun right before the reporting verb: "He said", "She also told reporters"
_PRONOUN_SAID = re.compile(r"(?<![\w’'-])(he|she|He|She)[ \t]+(?:also[ \t]+|later[ \t]+)?$")


_ACCORDING_FIRST = re.compile(r"[Aa]ccording[ \t]+to[ \t]+([^,;:“”\x22]{2,80}?),[ \t]+")
_ACCORDING_LAST = re.compile(
    r",[ \t]+according[ \t]+to[ \t]+([^,;:“”\x22]{2,80}?)[ \t]*[.!]?[ \t]*$"
)


def _according_to(text: str, s: Sentence, mentions: Mentions) -> DraftedFact | None:
    """ "According to EU sources, the beef quota will not exceed 99,000 tonnes.", "The talks
    stalled, according to Bloomberg.": a paraphrase by the one actor the words name (an
    unnamed source too), with a clause of at least four words."""
    end = s.end
    while end > s.start and text[end - 1] in " \n":
        end -= 1
    m = _ACCORDING_FIRST.match(text, s.start, end)
    if m is not None:
        clause = text[m.end() : end]
    else:
        m = _ACCORDING_LAST.search(text, s.start, end)
        if m is None or m.end() != end:
            return None
        clause = text[s.start : m.start()]
    if len(clause.split()) < 4:
        return None
    who_start, who_end = m.span(1)
    named = mentions.within(who_start, who_end)
    if len(named) != 1 or text[who_start : named[0].start].strip() not in ("", "the", "The"):
        return None
    if text[named[0].end : who_end].strip():
        return None  # "according to people familiar with X's plans": not X
    actor = named[0].actor
    fields: dict[str, object] = {"by": actor.key, "mode": "paraphrase", "verb": "according to"}
    return DraftedFact(
        "statements",
        actor.key + "-said",
        "paraphrase-according-to",
        0.65,
        s.start,
        end,
        fields,
        actors=(actor,),
    )


# "..., Lighthizer said.", "..., he told reporters on Monday.", "..., said Lighthizer.": the
# speaker and a plain reporting verb after the clause, at the end of the sentence
_SAID_AT_END = re.compile(
    r",[ \t]+(?:(?P<who>[^,;:“”\x22]{2,80}?)[ \t]+(?:also[ \t]+)?(?P<verb>said|says|added|"
    r"told[ \t]+(?:reporters|journalists))|"
    r"(?P<verb2>said|added)[ \t]+(?P<who2>[^,;:“”\x22]{2,80}?))"
    r"(?:[ \t]+(?:on[ \t]+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"[ \t]+in[ \t]+an?[ \t]+(?:(?:news|press)[ \t]+)?(?:statement|release|interview|email|"
    r"letter|note|briefing))*"
    # "..., Trudeau said on Thursday, as talks entered a critical phase."
    r"(?:,?[ \t]+(?:as|while|after|before|when|amid|ahead[ \t]+of)[ \t][^,;“”\x22]*)?"
    r"[ \t]*[.!]?[ \t]*$"
)


# "OTTAWA (Reuters) - ", "WASHINGTON, Oct 30 (Reuters) – ": where and by whom, not what
_DATELINE = re.compile(r"[A-Z][A-Z/ .,-]+(?:,[^()\n]{1,20})?\s*\([^)\n]{1,40}\)\s*[-–—]\s*")


def _said_after(
    text: str, s: Sentence, mentions: Mentions, speakers: Speakers
) -> DraftedFact | None:
    """ "Japan wanted further talks, Lighthizer said.": a clause of at least five words,
    then a comma and its speaker: one named actor (a person by name or title, a government,
    a body; not an unnamed source), or he/she when kg.extract.speakers is sure who that is."""
    end = s.end
    while end > s.start and text[end - 1] in " \n":
        end -= 1
    m = _SAID_AT_END.search(text, s.start, end)
    if m is None or m.end() != end or len(text[s.start : m.start()].split()) < 5:
        return None
    who_start, who_end = m.span("who") if m.group("who") else m.span("who2")
    who = text[who_start:who_end]
    if who in ("he", "she", "He", "She"):
        resolved = speakers.resolve(who, who_start, max(0, who_start - 1500))
        if resolved is None or resolved[1] < 0.9:
            return None
        actor, confidence = resolved[0], 0.65
    else:
        named = mentions.within(who_start, who_end)
        if len(named) != 1:
            return None
        before, rest = text[who_start : named[0].start], text[named[0].end : who_end]
        if rest.strip() or not (
            before.strip() in ("", "the", "The")
            or any(
                who_start <= t.start and t.end <= named[0].start and t.actor == named[0].actor
                for t in mentions.titled
            )
        ):
            return None  # "..., a spokesman for X said", "..., X's office said"
        actor, confidence = named[0].actor, 0.7
    verb = m.group("verb") or m.group("verb2")
    fields: dict[str, object] = {"by": actor.key, "mode": "paraphrase", "verb": verb}
    dateline = _DATELINE.match(text, s.start, end)
    return DraftedFact(
        "statements",
        actor.key + "-said",
        "paraphrase-said-after",
        confidence,
        dateline.end() if dateline else s.start,
        end,
        fields,
        actors=(actor,),
    )


# "X said the leaders agreed ...", "X has said it will only proceed if ...": "that" left out
_SAID_CLAUSE_VERBS = frozenset(
    {"said", "says", "added", "noted", "argued", "insisted", "stressed", "stated", "acknowledged"}
)
_CLAUSE_AFTER = re.compile(
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"yesterday|today|last\s+week|this\s+week))?\s+(?:the|it|he|she|they|we|its|his|her|their|"
    r"there|this|these|those|a|an|one|some|both|no|any|all|nothing|nobody|everything|"
    r"[A-Z][a-z]+)\s+"
    r"(?:[\w’'.-]+\s+){0,6}?(?:is|are|was|were|will|would|could|"
    r"should|must|may|might|can|has|have|had|did|does|do|[a-z]+ed)\b"
)
_WEEKDAYS = frozenset(
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
)
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
