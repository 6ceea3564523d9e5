"""What a mention is: ``Actor``, ``Mention`` and ``Mentions`` (every actor, issue, agreement and
place an article mentions, as offsets into its text), the article's tokens, and the small
helpers every finder shares (joining tokens into words, slugs, reference actors, countries).

The finders live beside it: kg.extract.names (``find_mentions``: reference names, then each
finder in turn), kg.extract.people (people by title, appositive and surname) and
kg.extract.groups (demonym and country groups, organisations, interest groups, unnamed
sources). They import this module; it imports none of them.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from kg.extract.lexicon import Entry, Lexicon
from kg.iris import name_key

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:['’&-]\w+)*")
POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Actor:
    key: str  # a reference id, or a key local to the article
    kind: str  # ontology class name
    name: str  # a name, or an unnamed source's description
    local: bool
    members: tuple[str, ...] = ()
    affiliation: str | None = None
    found_by: str = field(default="title", compare=False)  # the rule, for the draft


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    actor: Actor
    via: str  # name, title, demonym, source, surname, pronoun


@dataclass(frozen=True)
class Titled:
    """A person introduced by a title or role: "spokeswoman He Yadong", "Jane Roe, Canada's
    chief negotiator,": the title's offsets and its words (lower case)."""

    start: int
    end: int
    actor: Actor
    title: str


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


@dataclass
class Mentions:
    """Every actor mention in one article, in text order, plus issue and agreement mentions."""

    text: str
    actors: dict[str, Actor] = field(default_factory=dict)
    found: list[Mention] = field(default_factory=list)
    issues: list[tuple[int, int, str]] = field(default_factory=list)
    agreements: list[tuple[int, int, str]] = field(default_factory=list)
    places: list[tuple[int, int, str]] = field(default_factory=list)
    titled: list[Titled] = field(default_factory=list)  # people introduced by a title
    _starts: list[int] = field(default_factory=list)

    def add(self, mention: Mention) -> None:
        self.actors.setdefault(mention.actor.key, mention.actor)
        self.found.append(mention)

    def seal(self) -> None:
        self.found.sort(key=lambda m: (m.start, -m.end))
        kept: list[Mention] = []
        for m in self.found:  # drop mentions inside a longer one
            if kept and m.start < kept[-1].end:
                continue
            kept.append(m)
        self.found = kept
        self._starts = [m.start for m in kept]
        self.issues.sort()

    def within(self, start: int, end: int) -> list[Mention]:
        i = bisect_left(self._starts, start)
        out = []
        while i < len(self.found) and self.found[i].start < end:
            if self.found[i].end <= end:
                out.append(self.found[i])
            i += 1
        return out

    def at(self, offset: int) -> Mention | None:
        """The mention that covers ``offset``, if any."""
        i = bisect_right(self._starts, offset) - 1
        return self.found[i] if i >= 0 and offset < self.found[i].end else None

    def back_from(self, before: int, after: int) -> Iterator[Mention]:
        """The mentions that end by ``before`` and start at or after ``after``, the last
        first."""
        i = bisect_left(self._starts, before) - 1
        while i >= 0 and self.found[i].start >= after:
            if self.found[i].end <= before:
                yield self.found[i]
            i -= 1

    def issues_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        # the issues are in text order (seal): only those that start in the span are looked at
        i = bisect_left(self.issues, (start,))
        out = []
        while i < len(self.issues) and self.issues[i][0] < end:
            if self.issues[i][1] <= end:
                out.append(self.issues[i])
            i += 1
        return out


def tokens(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]


def joined(text: str, toks: list[Token], i: int, n: int) -> str | None:
    """Words i..i+n-1 when only spaces separate them (a name does not cross punctuation)."""
    if i + n > len(toks):
        return None
    gap = text[toks[i].end : toks[i + n - 1].start]
    if n > 1 and not re.fullmatch(r"[\w.'’&\s-]*", gap):
        return None
    return text[toks[i].start : toks[i + n - 1].end]


def entry_actor(entry: Entry, lexicon: Lexicon) -> Actor:
    """The actor a reference-data entry names."""
    ref = lexicon.reference.get("actors", entry.key)
    name = ref.name if ref else entry.key
    return Actor(entry.key, entry.kind, name, False, affiliation=ref.affiliation if ref else None)


# a key is at most this long, so that "source-" and it are an id (kg.iris.ID_PATTERN: 80)
SLUG_MAX = 72


def slug(name: str) -> str:
    """The key of an actor local to the article: "Jane Smith" -> "jane-smith", "Tomás
    Guimarães" -> "tomas-guimaraes" (``kg.iris.name_key``). A key that would not be an id (too
    long, or letters beyond a-z such as Greek or Chinese) keeps its first a-z words, followed
    by 8 hex digits of the whole name's hash, so that two such names do not share a key.

    >>> slug("Ολλανδία Trade Office")
    'trade-office-39c56ea0'
    """
    key = name_key(name)
    plain = "-".join(w for w in re.split(r"[^a-z0-9]+", key) if w)
    if plain == key and 0 < len(key) <= SLUG_MAX:
        return key
    digest = hashlib.sha256((key or name).encode("utf-8")).hexdigest()[:8]
    head = plain[: SLUG_MAX - len(digest) - 1].strip("-")
    return f"{head}-{digest}" if head else digest


def local_actor(
    kind: str,
    name: str,
    found_by: str,
    *,
    members: tuple[str, ...] = (),
    affiliation: str | None = None,
) -> Actor:
    """An actor the article defines for itself, keyed by its name (``slug``)."""
    return Actor(
        slug(name), kind, name, True, members=members, affiliation=affiliation, found_by=found_by
    )


def country_key(word: str, lexicon: Lexicon) -> str | None:
    """The country a word names: "Canada", "Canadian", "U.S." (as written, capitals kept)."""
    if word in lexicon.demonyms:
        return lexicon.demonyms[word]
    return next((e.key for e in lexicon.lookup(word) if e.kind == "Country"), None)
