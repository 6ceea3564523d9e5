"""Quotations and who said them.

Rules, each named in the draft so a reviewer knows why a fact is there:

- ``quote-said-after``: “...,” he said / “...,” said X / “...,” X told reporters /
  “...,” according to X
- ``quote-according``: According to X, ... “...” / In X's words, “...” / In the words of X,
  “...”
- ``quote-labelled``: X: “...” / “...” — X (a name and title alone, with a colon or a dash)
- ``quote-said-before``: X said: “...” / X told reporters, “...”
- ``quote-continued``: a quotation with no attribution of its own, after a quotation or a
  "X said/added" sentence in the same paragraph: the same speaker
Quotations of a few words with no speaker ("made in America") are names, not statements, and a
quotation after a word such as "so-called" never is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.lexicon import Lexicon, Phrases, fold
from kg.extract.mentions import Actor, Mention, Mentions
from kg.extract.speakers import Speakers
from kg.extract.text import Paragraph, Quotation, Sentence

# whom a speaker told a quotation: "told the Commons:", "told Reuters,"
_ADDRESSEE = re.compile(r"\s+(?:the\s+|a\s+)?(?:[A-Z][\w.&'’-]*\s+){0,3}[A-Z][\w.&'’-]*\s*[,:]\s*")
_NEXT_CLAUSE = re.compile(r"[“\"‘]|,\s+(?:noting|adding|saying|citing|arguing|according)\b")
# the words that credit a quotation to someone the rules cannot name: “...,” the spokesman
# said / “...,” said the spokesman / The spokesman said: “...”
_CREDIT_AFTER = re.compile(
    r"\s*,?\s*(?:(?:the|a|an|his|her|its|their|one)\s+[\w’'-]+(?:\s+[\w’'-]+){0,3}|"
    r"he|she|they)\s+"
)
_CREDIT_NOUN = re.compile(r"\s+(?:the|a|an|his|her|its|their|one)\s+\w")
_CREDIT_BEFORE = re.compile(
    r"(?:^|[.,;:”]\s*)\s*(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+[\w’'-]+(?:\s+[\w’'-]+){0,3}\s+$"
)
_ASIDE = re.compile(r",[^,;“”\"]{1,120},\s*$")
_STOP = re.compile(r"[.;!?]\s")
# full stops that end no sentence: "U.S.", "Mr.", "Sen."
_ABBREVIATION = re.compile(r"\b(?:(?:[A-Za-z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|St)\.)")
_WORD = re.compile(r"[\w’'.-]+")
_ELISION = re.compile(r"…|\.\.\.|\[\.\.\.\]")
_SPEAKERS = ("Person", "UnnamedSource")
MIN_STATEMENT_WORDS = 5  # shorter quotations need an explicit speaker to count as statements


# whom words credit a quotation to: the speaker (None: someone the rules cannot name), the
# verb, the rule and how sure
Credit = tuple[Actor | None, str, str, float]


@dataclass(frozen=True)
class Attributed:
    quote: Quotation
    speaker: Actor
    verb: str
    rule: str
    confidence: float
    sentence: Sentence  # the sentence that attributes it
    direct: bool


def attribute(
    text: str,
    paragraph: Paragraph,
    quotes: list[Quotation],
    sentences: list[Sentence],
    mentions: Mentions,
    lexicon: Lexicon,
    speakers: Speakers,
    carried: Attributed | None = None,
) -> list[Attributed]:
    """The quotations of one paragraph that have a speaker; ``carried`` is the quotation that
    ended the paragraph before, if any (a paragraph that is only a quotation continues it)."""
    out: list[Attributed] = []
    say = lexicon.speech["say"]
    last: Attributed | None = None
    for q in quotes:
        sentence = next((s for s in sentences if s.start <= q.start < s.end), sentences[-1])
        n_words = len(text[q.inner_start : q.inner_end].split())
        if n_words == 0 or _scare(text, q, paragraph, lexicon):
            continue
        credit = _after(text, q, sentence, mentions, say, paragraph, speakers) or _before(
            text, q, sentence, mentions, say, paragraph, quotes, speakers
        )
        found: tuple[Actor, str, str, float] | None = None
        if credit is not None:
            who, verb, rule, confidence = credit
            if who is None:
                continue  # the words credit someone the rules cannot name: nobody else
            found = (who, verb, rule, confidence)
        if (
            found is None
            and last is not None
            and n_words >= MIN_STATEMENT_WORDS
            and _starts_sentence(text, q, paragraph)
            and not _someone_else(last, q, mentions, speakers)
        ):
            found = (last.speaker, last.verb, "quote-continued", 0.8)
        if (
            found is None
            and carried is not None
            and q is quotes[0]
            and n_words >= MIN_STATEMENT_WORDS
            and _alone(text, q, paragraph)
        ):
            # a paragraph that is only a quotation, after a paragraph that ended quoting
            # someone: the same speaker (quotations that run over several paragraphs, too)
            found = (carried.speaker, carried.verb, "quote-continued", 0.7)
        if (
            found is None
            and n_words >= MIN_STATEMENT_WORDS
            and _starts_sentence(text, q, paragraph)
        ):
            found = _previous_sayer(text, q, sentences, mentions, say, paragraph, speakers)
        if found is None:
            found = _in_said_sentence(text, q, sentence, mentions, lexicon, paragraph, speakers)
        if found is None:
            found = _according_before(text, q, sentence, mentions, speakers)
        if found is None:
            found = _labelled(text, q, sentence, paragraph, mentions, speakers)
        if found is None:
            continue
        speaker, verb, rule, confidence = found
        confidence = round(confidence, 2)
        if n_words < 2 and rule != "quote-partial":
            continue  # one word needs its speaker right there: X called it “unfair”
        item = Attributed(
            q,
            speaker,
            verb,
            rule,
            confidence,
            sentence,
            (
                _starts_sentence(text, q, paragraph)
                # "According to X, “We will ...”": the opening credit, then the whole statement
                or (
                    rule == "quote-according"
                    and text[sentence.start : q.start].rstrip()[-1:] == ","
                )
            )
            and text[q.inner_start : q.inner_start + 1].isupper(),
        )
        out.append(item)
        last = item
    return out


_ACCORDING = re.compile(r"\s*(?:[Aa]ccording\s+to|[Ii]n\s+the\s+words\s+of)\s+")
_IN_WORDS = re.compile(r"\s*[Ii]n\s+")
_WORDS_OF = re.compile(r"['’]s?\s+(?:own\s+)?words\s*,")


def _according_before(
    text: str, q: Quotation, sentence: Sentence, mentions: Mentions, speakers: Speakers
) -> tuple[Actor, str, str, float] | None:
    """ "According to Goyal, the talks were “very productive”.", "According to Trade Minister
    Mary Ng, “...”", "In the words of X, “...”", "In Goyal's words, “...”": a sentence that
    opens by crediting a person (or an unnamed source) credits its quotations to them; the
    person's name (after their title, if any) must come right after the opening words and end
    at the comma."""
    m = _ACCORDING.match(text, sentence.start, q.start)
    if m is None:
        words = _IN_WORDS.match(text, sentence.start, q.start)
        if words is None:
            return None
        named = mentions.within(words.end(), q.start)
        people = [x for x in named if x.actor.kind in _SPEAKERS]
        if not people or not _WORDS_OF.match(text, people[0].end, q.start):
            return None
        if not _title_only(text, words.end(), people[0], named, mentions):
            return None
        if speakers.in_quote(people[0].start):
            return None
        return people[0].actor, "said", "quote-according", 0.8
    named = mentions.within(m.end(), q.start)
    people = [x for x in named if x.actor.kind in _SPEAKERS]
    if not people or not _title_only(text, m.end(), people[0], named, mentions):
        return None
    if not re.match(r"\s*,", text[people[0].end : people[0].end + 3]):
        return None  # "according to Goyal and two officials": more than one source
    if speakers.in_quote(people[0].start):
        return None
    verb = "according to" if m.group(0).strip()[0] in "Aa" else "said"
    return people[0].actor, verb, "quote-according", 0.8


def _title_only(
    text: str, start: int, person: Mention, named: list[Mention], mentions: Mentions
) -> bool:
    """Nothing but the person's title is between ``start`` and the person's name: "Trade
    Minister", "Canada's trade minister,", "the EU's chief negotiator," (the title the
    mention finder read as introducing this very person, and the country it names)."""
    if person.start == start:
        return True
    titles = [t for t in mentions.titled if t.actor == person.actor and start <= t.start]
    if not titles:
        return False
    covered = [(t.start, t.end) for t in titles]
    covered += [(x.start, x.end) for x in named if x.end <= person.start]
    rest = list(text[start : person.start])
    for a, b in covered:
        for i in range(max(a, start), min(b, person.start)):
            rest[i - start] = " "
    left = "".join(rest).replace("’s", " ").replace("'s", " ").replace(",", " ").split()
    return all(w.lower() == "the" for w in left)


def _labelled(
    text: str,
    q: Quotation,
    sentence: Sentence,
    paragraph: Paragraph,
    mentions: Mentions,
    speakers: Speakers,
) -> tuple[Actor, str, str, float] | None:
    """ "Trade Minister Lena Moritz: “...”" and "“...” — Trade Minister Lena Moritz": a
    quotation labelled with a person's name (and title) alone, before it with a colon or
    after it with a dash, and nothing else in the sentence."""
    before = text[sentence.start : q.start]
    if before.rstrip().endswith(":"):
        named = [m for m in mentions.within(sentence.start, q.start) if m.actor.kind in _SPEAKERS]
        if (
            named
            and not text[named[-1].end : q.start].strip(" :")
            and not speakers.in_quote(named[-1].start)
        ):
            lead = text[sentence.start : named[-1].start].split()
            if len(lead) <= 4 and all(w[:1].isupper() for w in lead):
                return named[-1].actor, "said", "quote-labelled", 0.8
        return None
    after = re.match(r"\s*[—–]\s*", text[q.end : paragraph.end])
    if after is None:
        return None
    rest_start = q.end + after.end()
    rest = text[rest_start : paragraph.end].rstrip(" .\n")
    named = [
        m for m in mentions.within(rest_start, rest_start + len(rest)) if m.actor.kind in _SPEAKERS
    ]
    if len(named) != 1 or text[named[0].end : rest_start + len(rest)].strip(" ,"):
        return None  # more than a name after the dash
    lead = text[rest_start : named[0].start].split()
    if len(lead) <= 4 and all(w[:1].isupper() for w in lead):
        return named[0].actor, "said", "quote-labelled", 0.8
    return None


def _someone_else(last: Attributed, q: Quotation, mentions: Mentions, speakers: Speakers) -> bool:
    """Someone other than the last speaker named between their quotation and this one
    ("“...,” Keane said. Freeland disagreed. “...”"): the new quotation may be theirs."""
    return any(
        m.actor.kind in _SPEAKERS and m.actor != last.speaker and not speakers.in_quote(m.start)
        for m in mentions.within(last.quote.end, q.start)
    )


def _alone(text: str, q: Quotation, paragraph: Paragraph) -> bool:
    """The quotation is the whole paragraph."""
    return not text[paragraph.start : q.start].strip() and not text[q.end : paragraph.end].strip(
        " \n.,;"
    )


def ends_paragraph(item: Attributed, sentences: list[Sentence]) -> bool:
    """The quotation is in the paragraph's last sentence."""
    return bool(sentences) and item.sentence == sentences[-1]


def _starts_sentence(text: str, q: Quotation, paragraph: Paragraph) -> bool:
    before = text[paragraph.start : q.start].rstrip()
    return not before or before[-1] in ".!?:”\"’'" or before.endswith(("said", "says"))


def _scare(text: str, q: Quotation, paragraph: Paragraph, lexicon: Lexicon) -> bool:
    before = text[max(paragraph.start, q.start - 40) : q.start]
    tail = fold(before).lower().rstrip().split()
    cues = lexicon.speech["scare_cues"]
    return any(len(tail) >= n and " ".join(tail[-n:]) in cues for n in (3, 2, 1))


def _speaker_at(
    text: str,
    start: int,
    end: int,
    mentions: Mentions,
    paragraph: Paragraph,
    last: bool,
    speakers: Speakers,
) -> tuple[Actor, float] | None:
    """A speaker named in text[start:end], and how sure that is: a person or unnamed source
    first (the first one after a quotation, the last one before a verb), else another actor;
    he/she/they stand for whom kg.extract.speakers says, or for nobody."""
    named = [
        m
        for m in mentions.within(start, end)
        if not speakers.role_modifier(m) and not speakers.in_quote(m.start)
    ]
    pronoun = speakers.pronoun_at(start, end)
    people = [m for m in named if m.actor.kind in _SPEAKERS]
    pool = people or named
    if pool:
        chosen: Mention = pool[-1] if last else pool[0]
        if not last and chosen.actor.kind != "Person" and _unknown_first(text, start, chosen):
            return None  # “...,” Mathews, who leads the Peruvian delegation, said: not Peru
        if chosen.actor.kind != "Person" and _OBJECT_OF.search(text, start, chosen.start):
            return None  # said Canada's ambassador to the WTO, <a name>: not the WTO
        if pronoun is None or (pronoun.start() > chosen.start) == last:
            return chosen.actor, 1.0
    if pronoun is not None:
        return speakers.resolve(pronoun.group(0), pronoun.start(), max(0, paragraph.start - 1500))
    return None


# an actor named as the object of a preposition is no speaker: "ambassador to the WTO"
_OBJECT_OF = re.compile(r"\b(?:(?<![Aa]ccording\s)to|at|of|for|in|with)\s+(?:the\s+)?$")
_FIRST_WORD = re.compile(r"[\s,]*(?:said\s+|says\s+)?([A-Z][\w’'-]+)")
_NOT_NAMES = frozenset(
    {"The", "A", "An", "He", "She", "They", "It", "We", "I", "His", "Her", "Its", "Their",
     "Mr", "Mrs", "Ms", "Dr", "One", "Some", "Two", "Three", "According"}
)  # fmt: skip


def _unknown_first(text: str, start: int, chosen: Mention) -> bool:
    """The words after a quotation open with a name no mention covers, and the actor found
    comes after a comma: an aside about someone the rules do not know ("Mathews, who leads
    the Peruvian delegation,"), not the speaker."""
    m = _FIRST_WORD.match(text, start, chosen.start)
    if m is None or m.group(1) in _NOT_NAMES:
        return False
    return "," in text[m.end() : chosen.start]


def _after(
    text: str,
    q: Quotation,
    sentence: Sentence,
    mentions: Mentions,
    say: Phrases,
    paragraph: Paragraph,
    speakers: Speakers,
) -> Credit | None:
    """“...,” he said / said X / X said / according to X, right after the quotation."""
    if not q.closed:
        return None
    window_end = min(sentence.end, paragraph.end, q.end + 160)
    gap = text[q.end : window_end]
    if not gap.strip() or gap.lstrip()[:1] in '“"‘':
        return None
    according = re.match(r"\s*,?\s*according to\b", gap)
    if according:
        speaker = _speaker_at(
            text, q.end + according.end(), window_end, mentions, paragraph, False, speakers
        )
        if speaker is None:
            return None, "according to", "quote-said-after", 0.0
        return speaker[0], "according to", "quote-said-after", 0.85 * speaker[1]
    verb = _find(say, text, q.end, window_end, mentions)
    if verb is None:
        return None
    before_verb = text[q.end : verb[0]]
    # “...,” X, <a title of any length>, said: the title is not words between
    bare = _ASIDE.sub(" ", before_verb)
    if len(bare.split()) > 10 or _STOP.search(_ABBREVIATION.sub("A", before_verb)):
        return None
    speaker = _speaker_at(text, q.end, verb[0], mentions, paragraph, False, speakers)
    if speaker is None and not before_verb.strip(" ,"):
        # “...,” said X, ... (X before another quotation or a second verb: "said Politico,
        # noting that Florida is “a state important to President Trump”")
        end = min(window_end, verb[1] + 90)
        cut = _NEXT_CLAUSE.search(text, verb[1], end)
        speaker = _speaker_at(
            text, verb[1], cut.start() if cut else end, mentions, paragraph, False, speakers
        )
    if speaker is None:
        if _CREDIT_AFTER.fullmatch(before_verb) or (
            not before_verb.strip(" ,") and _CREDIT_NOUN.match(text, verb[1])
        ):
            return None, verb[2], "quote-said-after", 0.0  # “...,” the spokesman said
        return None
    return speaker[0], verb[2], "quote-said-after", 0.9 * speaker[1]


def _before(
    text: str,
    q: Quotation,
    sentence: Sentence,
    mentions: Mentions,
    say: Phrases,
    paragraph: Paragraph,
    quotes: list[Quotation],
    speakers: Speakers,
) -> Credit | None:
    """X said: “...” / X told reporters, “...”: a speech verb right before the quotation."""
    start = max(sentence.start, max((o.end for o in quotes if o.end <= q.start), default=0))
    lead = text[start : q.start]
    verb = _find(say, text, start, q.start, mentions, first=False)
    if verb is None:
        return None
    between = text[verb[1] : q.start]
    if not re.fullmatch(
        r"\s*(?:[,:]|\s+that|\s+(?:reporters|journalists)[,:]?)?\s*", between
    ) and not (verb[2].lower() in ("told", "tells") and _ADDRESSEE.fullmatch(between)):
        return None
    if not lead.strip():
        return None
    speaker = _speaker_at(text, start, verb[0], mentions, paragraph, True, speakers)
    if speaker is None:
        if _CREDIT_BEFORE.search(text, start, verb[0]):
            return None, verb[2], "quote-said-before", 0.0  # the spokesman said: “...”
        return None
    return speaker[0], verb[2], "quote-said-before", 0.9 * speaker[1]


def _in_said_sentence(
    text: str,
    q: Quotation,
    sentence: Sentence,
    mentions: Mentions,
    lexicon: Lexicon,
    paragraph: Paragraph,
    speakers: Speakers,
) -> tuple[Actor, str, str, float] | None:
    """X said the bill would "never" pass / X called the decision "unfair": a quotation inside
    what the sentence's speaker says; the speaker is named right before the verb."""
    start = sentence.start
    verbs = [
        v
        for v in (
            _find(lexicon.speech[name], text, start, q.start, mentions, first=False)
            for name in ("say", "characterise")
        )
        if v is not None
    ]
    verb = max(verbs) if verbs else None
    if verb is None or re.search(r"[;“”\"]", text[verb[1] : q.start]):
        return None
    after = mentions.within(verb[1], q.start)
    inverted = text[start : verb[0]].rstrip().endswith(",")
    if inverted and after and not text[verb[1] : after[0].start].strip():
        # "..., said UK's Minister of State Greg Hands as he sought a “fair” deal": the
        # speaker follows the verb
        people = [m for m in after[:3] if m.actor.kind in _SPEAKERS]
        chosen = people[0] if people else after[0]
        if len(text[verb[1] : chosen.start].split()) <= 12 and not speakers.role_modifier(chosen):
            return chosen.actor, verb[2], "quote-partial", 0.7
        return None
    subject = [m for m in mentions.within(start, verb[0]) if not speakers.role_modifier(m)]
    pronoun = speakers.pronoun_at(start, verb[0], last=True)
    if pronoun is not None and (not subject or subject[-1].end < pronoun.start()):
        if len(text[pronoun.end() : verb[0]].split()) > 2:
            return None
        found = speakers.resolve(pronoun.group(0), pronoun.start(), max(0, paragraph.start - 1500))
        return (found[0], verb[2], "quote-partial", 0.7 * found[1]) if found else None
    if not subject:
        return None
    people = [m for m in subject if m.actor.kind in _SPEAKERS]
    if (
        people
        and people[-1] is not subject[-1]
        and not re.search(r"[.;:]\s", text[people[-1].end : verb[0]])
        and len(text[people[-1].end : verb[0]].split()) <= 12
    ):
        subject = people  # "Lindqvist, the EU's deputy negotiator, who added that ..."
    gap = text[subject[-1].end : verb[0]]
    if re.search(r"\s(?:and|but)\s+(?:also\s+)?$", gap) and any(
        _find(lexicon.speech[name], text, subject[-1].end, verb[0], mentions) is not None
        for name in ("say", "characterise")
    ):
        # "X said ... and called the deadline “artificial”", "X called the deal “historic” and
        # insisted it would ...": the same speaker
        return subject[-1].actor, verb[2], "quote-partial", 0.7
    if len(gap.split()) > 8 or (len(gap.split()) > 2 and "," not in gap):
        return None
    return subject[-1].actor, verb[2], "quote-partial", 0.75


def _previous_sayer(
    text: str,
    q: Quotation,
    sentences: list[Sentence],
    mentions: Mentions,
    say: Phrases,
    paragraph: Paragraph,
    speakers: Speakers,
) -> tuple[Actor, str, str, float] | None:
    """A quotation right after a sentence in which someone says something: that speaker."""
    previous = [s for s in sentences if s.end <= q.start]
    if not previous:
        return None
    s = previous[-1]
    verb = _find(say, text, s.start, s.end, mentions)
    if verb is None:
        return None
    speaker = _speaker_at(text, s.start, verb[0], mentions, paragraph, True, speakers)
    if speaker is None:
        return None
    return speaker[0], verb[2], "quote-continued", 0.75 * speaker[1]


def _find(
    phrases: Phrases, text: str, start: int, end: int, mentions: Mentions, first: bool = True
) -> tuple[int, int, str] | None:
    """The first (or last) phrase in text[start:end] that is not part of a name ("the United
    States would" has no verb "states")."""
    found = None
    for m in phrases.pattern.finditer(text, start, end):
        if mentions.at(m.start()) is not None:
            continue
        found = (m.start(), m.end(), m.group(0))
        if first:
            break
    return found


def elided(text: str, q: Quotation) -> bool:
    return bool(_ELISION.search(text, q.inner_start, q.inner_end))
