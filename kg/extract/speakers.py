"""Who "he", "she" and "they" stand for, from the article's own evidence.

A person's gender comes from what the article says about them: a gendered title or role
("spokeswoman", "chairman"), an honorific ("Ms. Ng", "Mr. Oakes"), or a pronoun that can only
mean them ("Lindqvist said her team ..." with no one else named in the sentence before "her").
Evidence that disagrees leaves the gender unknown. ``Speakers.resolve`` then reads a pronoun
as the last person named whose gender fits, and as nobody when that is not sure: a man or an
unknown person is never "she" when someone who fits better was named, and two people of unknown
gender make "she" nobody's. "They" is the last group of people named (officials, sources,
a country's negotiators), never one person. A wrong speaker costs more than a missing one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable

from kg.extract.lexicon import Phrases
from kg.extract.mentions import Actor, Mention, Mentions

FEMALE, MALE, PLURAL = "female", "male", "plural"

_GENDER_WORDS = {
    "spokeswoman": FEMALE,
    "chairwoman": FEMALE,
    "congresswoman": FEMALE,
    "businesswoman": FEMALE,
    "stateswoman": FEMALE,
    "councilwoman": FEMALE,
    "ms": FEMALE,
    "mrs": FEMALE,
    "miss": FEMALE,
    "madam": FEMALE,
    "dame": FEMALE,
    "spokesman": MALE,
    "chairman": MALE,
    "congressman": MALE,
    "businessman": MALE,
    "statesman": MALE,
    "councilman": MALE,
    "mr": MALE,
    "sir": MALE,
}
_PRONOUN_GENDER = {
    "he": MALE,
    "him": MALE,
    "his": MALE,
    "himself": MALE,
    "she": FEMALE,
    "her": FEMALE,
    "hers": FEMALE,
    "herself": FEMALE,
    "they": PLURAL,
}
# any pronoun that says a person's gender
_ANY_PRONOUN = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)
# a pronoun that can be the subject of a speech verb
SUBJECT_PRONOUN = re.compile(r"\b(?:he|she|they)\b", re.IGNORECASE)
_HONORIFIC_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Dame)\.?\s+$")
_HONORIFIC_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?[ \t]+[A-ZÀ-ÖØ-Þ]")
_ONE = ("a", "an", "one")
# words that name a person the article may not name: a pronoun after one of them may be theirs
_PERSON_NOUNS = frozenset(
    {
        "man",
        "woman",
        "wife",
        "husband",
        "daughter",
        "son",
        "mother",
        "father",
        "counterpart",
        "predecessor",
        "successor",
        "boss",
        "deputy",
    }
)
PLURAL_KINDS = ("ActorGroup", "InterestGroup")
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
_POSSESSIVE_END = re.compile(r"['’]s?$")
_NEXT_WORDS = re.compile(r"[ \t]+([\w.-]+)(?:[ \t]+([\w.-]+))?(?:[ \t]+([\w.-]+))?")
_ANY_WORD = re.compile(r"[A-Za-z-]+")
_ROLE_WORD = re.compile(r"\b[a-z][a-z-]+\b")
# a role noun that stands for one person: "the president", "Mexico's economy minister"
_DETERMINED = re.compile(
    r"(?:\b(?:the|a|an|its|his|her|their)|['’]s)\s+(?:[\w.-]+\s+){0,2}$", re.IGNORECASE
)


def pronoun_gender(word: str) -> str:
    return _PRONOUN_GENDER[word.lower()]


class Speakers:
    """The gender each person of an article has by the article's evidence, and pronoun
    resolution against it."""

    def __init__(
        self,
        text: str,
        mentions: Mentions,
        titles: Phrases,
        heads: frozenset[str],
        given: dict[str, str],
        paragraphs: list[int],
        sentences: Iterable[tuple[int, int]],
        quoted: list[tuple[int, int]],
    ) -> None:
        self.text = text
        self.mentions = mentions
        self.paragraphs = paragraphs  # where each paragraph starts, in order
        self.quoted = quoted  # quotations (marks included), in order
        self._quote_starts = [a for a, _ in quoted]
        self._titles = titles
        self._heads = heads
        self._given = given
        self._titled = [(t.start, t.end) for t in mentions.titled]
        self._votes: dict[str, set[str]] = {}
        for t in mentions.titled:
            self._title_vote(t.actor, t.title)
        for m in mentions.found:
            if m.actor.kind == "Person":
                honorific = _HONORIFIC_BEFORE.search(text, max(0, m.start - 6), m.start)
                word = honorific.group(1) if honorific else text[m.start : m.end].split()[0]
                gender = _GENDER_WORDS.get(word.rstrip(".").lower())
                if gender is not None:
                    self._vote(m.actor, gender)
            elif m.actor.kind == "UnnamedSource":
                self._title_vote(m.actor, m.actor.name)
        self._pronoun_votes(sentences, titles)

    def _vote(self, actor: Actor, gender: str) -> None:
        self._votes.setdefault(actor.key, set()).add(gender)

    def _title_vote(self, actor: Actor, title: str) -> None:
        for word in title.lower().replace(".", " ").split():
            gender = _GENDER_WORDS.get(word)
            if gender is not None:
                self._vote(actor, gender)

    def _pronoun_votes(self, sentences: Iterable[tuple[int, int]], titles: Phrases) -> None:
        """ "Lindqvist said her team ...": a pronoun outside quotation marks, after exactly one
        person named in its sentence, and with no other person's role noun in between."""
        text = self.text
        for s_start, s_end in sentences:
            people = [m for m in self.mentions.within(s_start, s_end) if _one_person(m.actor)]
            if not people:
                continue
            for p in _ANY_PRONOUN.finditer(text, people[0].end, s_end):
                if self.in_quote(p.start()) or self._in_mention(p.start()):
                    continue
                before = [m for m in people if m.end <= p.start()]
                if len({m.actor.key for m in before}) != 1:
                    break
                if any(
                    (w.group(0).lower() in titles or w.group(0).lower() in _PERSON_NOUNS)
                    and not any(a <= w.start() < b for a, b in self._titled)
                    for w in _ANY_WORD.finditer(text, before[-1].end, p.start())
                ):
                    break  # someone else's role between: "X met the minister, and she ..."
                self._vote(before[-1].actor, pronoun_gender(p.group(0)))
                break

    def _in_mention(self, at: int) -> bool:
        return self.mentions.at(at) is not None

    def role_modifier(self, m: Mention) -> bool:
        """A country named only to qualify a role: "the U.S. president", "China's commerce
        ministry spokesman" (with no name the rules could find); the speaker is that person,
        not the country."""
        if m.actor.kind == "Person" or m.via == "surname":
            # "Johnson's spokesman told reporters": the spokesman speaks, not Johnson
            own = _POSSESSIVE_AFTER.match(self.text, m.end)
            if own is None and not _POSSESSIVE_END.search(self.text, m.start, m.end):
                return False
            after = _NEXT_WORDS.match(self.text, own.end() if own else m.end)
        elif m.actor.kind in ("Country", "GovernmentBody", "Organization"):
            after = _NEXT_WORDS.match(self.text, m.end)
        else:
            return False
        return after is not None and any(
            w and w.lower().rstrip(".") in self._heads for w in after.groups()
        )

    def gender(self, actor: Actor) -> str | None:
        """The gender the article gives a person, else the one their given name says (only
        for a person named with at least two words), else None."""
        votes = self._votes.get(actor.key)
        if votes:
            return next(iter(votes)) if len(votes) == 1 else None
        words = actor.name.split() if actor.kind == "Person" else []
        return self._given.get(words[0]) if len(words) > 1 else None

    def _from_text(self, actor: Actor) -> bool:
        return actor.key in self._votes

    def pronoun_at(self, start: int, end: int, last: bool = False) -> re.Match[str] | None:
        """The first (or last) he/she/they in text[start:end] that is not part of a name."""
        found = None
        for p in SUBJECT_PRONOUN.finditer(self.text, start, end):
            if self._in_mention(p.start()):
                continue
            if not last:
                return p
            found = p
        return found

    def resolve(self, word: str, at: int, floor: int) -> tuple[Actor, float] | None:
        """The actor a pronoun at ``at`` stands for, looking back to ``floor``, with how sure
        that is (1.0: the last person named, and the evidence says the pronoun fits), or None
        when unsure."""
        wanted = pronoun_gender(word)
        if wanted == PLURAL:
            return self._resolve_plural(at, floor)
        candidates = self._candidates(at, floor, lambda m: _one_person(m.actor))
        for i, (actor, named_at) in enumerate(candidates):
            gender = self.gender(actor)
            if gender is not None and gender != wanted:
                continue  # the other gender: never this one; look further back
            if self._unnamed_person_between(named_at, at):
                return None  # "the Mexican president": someone the rules could not name
            if gender == wanted:
                return actor, 1.0 if i == 0 and self._from_text(actor) else 0.9
            # unknown: it fits, unless someone else who may fit was named in its paragraph
            paragraph = self._paragraph_start(named_at)
            for other, other_at in candidates[i + 1 :]:
                if other_at >= paragraph and self.gender(other) in (wanted, None):
                    return None
            return actor, 0.9
        return None

    def _unnamed_person_between(self, start: int, end: int) -> bool:
        """A role noun outside quotation marks, names and titles between ``start`` and
        ``end`` ("the president", "Mexico's economy minister"), or an honorific and a name
        the rules could not tell who it is ("Ms. Marquardt", two people having that
        surname): a person nobody named."""
        for h in _HONORIFIC_NAME.finditer(self.text, start, end):
            if not self.in_quote(h.start()) and not self._in_mention(h.end() - 1):
                return True
        for w in _ROLE_WORD.finditer(self.text, start, end):
            word = w.group(0)
            if word not in self._titles and word not in _PERSON_NOUNS:
                continue
            at = w.start()
            if self.in_quote(at) or self._in_mention(at):
                continue
            if any(a <= at < b for a, b in self._titled):
                continue
            if _DETERMINED.search(self.text, max(start, at - 40), at):
                return True
        return False

    def _paragraph_start(self, at: int) -> int:
        i = bisect_left(self.paragraphs, at + 1) - 1
        return self.paragraphs[i] if i >= 0 else 0

    def in_quote(self, at: int) -> bool:
        """Whether ``at`` is inside a quotation (its marks included)."""
        i = bisect_left(self._quote_starts, at + 1) - 1
        return i >= 0 and self.quoted[i][0] <= at < self.quoted[i][1]

    def _resolve_plural(self, at: int, floor: int) -> tuple[Actor, float] | None:
        """ "they": the group of people named last, when no other group and no one person was
        named after it."""
        group: Mention | None = None
        for m in self.mentions.back_from(at, floor):
            if self.in_quote(m.start):
                continue
            if group is None:
                if _one_person(m.actor):
                    return None  # a person named after the last group: "they" is unsure
                if _plural(m):
                    group = m
            elif m.start < self._paragraph_start(group.start):
                break
            elif _plural(m) and m.actor != group.actor:
                return None  # two groups named in one paragraph
        return (group.actor, 0.9) if group else None

    def _candidates(
        self, at: int, floor: int, fits: Callable[[Mention], bool]
    ) -> list[tuple[Actor, int]]:
        """The actors of the mentions that fit between ``floor`` and ``at`` (outside
        quotation marks), the last named first, with where they were last named."""
        out: list[tuple[Actor, int]] = []
        seen: set[str] = set()
        for m in self.mentions.back_from(at, floor):
            if fits(m) and m.actor.key not in seen and not self.in_quote(m.start):
                seen.add(m.actor.key)
                out.append((m.actor, m.start))
        return out


def _one_person(actor: Actor) -> bool:
    """A person, or an unnamed source that is one person ("a senior official")."""
    if actor.kind == "Person":
        return True
    return actor.kind == "UnnamedSource" and actor.name.split()[0].lower() in _ONE


def _plural(m: Mention) -> bool:
    """A group of people: "two officials", "Chinese negotiators", "U.S. dairy groups"."""
    if m.actor.kind == "UnnamedSource":
        return m.actor.name.split()[0].lower() not in _ONE
    return m.actor.kind in PLURAL_KINDS or m.via == "demonym"
