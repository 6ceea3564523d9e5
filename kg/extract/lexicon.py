"""The extractor's word lists: speech-act verbs (data/lexicon/speech.yaml), titles
(data/lexicon/titles.yaml) and the names in the reference data, indexed for lookup."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.loaders.lexicon import load_titles
from kg.loaders.reference import Reference
from kg.loaders.yamlsrc import parse_mapping, read_text
from kg.resources import resource

SPEECH_LISTS = (
    "say",
    "characterise",
    "demand",
    "demand_object",
    "demand_nouns",
    "object",
    "reject",
    "threaten",
    "threat_nouns",
    "measure",
    "support",
    "scare_cues",
    "officials",
    "sources",
    "source_cues",
    "outlets",
)


def fold(words: str) -> str:
    """The form names are looked up in: one space between words, straight apostrophes."""
    return " ".join(words.replace("’", "'").split())


def lexicon_files(extra: Iterable[Path] = ()) -> list[Path]:
    """The bundled speech lexicon, then TRADEKG_LEXICON files, then ``extra``."""
    files = [resource("data", "lexicon", "speech.yaml")]
    env = os.environ.get("TRADEKG_LEXICON", "")
    files += [Path(p) for p in env.split(os.pathsep) if p]
    return files + [Path(p) for p in extra]


# last words of titles that alone name no one: "the chief", "the EU's executive"
_NOT_HEADS = frozenset({"chief", "general", "executive", "member", "fellow"})


def title_head(title: str) -> str:
    """The noun a title names a person by: "minister" for "trade minister" and "minister of
    commerce"."""
    words = title.split()
    for i, word in enumerate(words):
        if i and word in ("of", "for", "to", "and"):
            return words[i - 1].rstrip(".")
    return words[-1].rstrip(".")


def _trie_pattern(node: dict[str, Any]) -> str:
    """The alternatives of a trie of words as a regex: "said(?:\\s+(?:in\\s+a\\s+statement|
    to))?" for "said", "said in a statement" and "said to"."""
    words = sorted((w for w in node if w), key=len, reverse=True)
    branches = []
    for word in words:
        child = node[word]
        rest = {k: v for k, v in child.items() if k}
        here = re.escape(word).replace("'", "['’]")
        if rest:
            tail = r"\s+(?:" + _trie_pattern(rest) + ")"
            here += f"(?:{tail})" + ("?" if "" in child else "")
        branches.append(here)
    return "|".join(branches)


@dataclass
class Phrases:
    """Lower-case phrases of one list, by their number of words, for longest-match lookup,
    and as one compiled pattern for searching text."""

    by_length: dict[int, set[str]] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = None

    def add(self, phrase: str) -> None:
        folded = fold(phrase).lower()
        if folded:
            self.by_length.setdefault(len(folded.split()), set()).add(folded)
            self._pattern = None

    @property
    def pattern(self) -> re.Pattern[str]:
        """Any phrase, longest first, on whole words, in any case, apostrophes either way."""
        if self._pattern is None:
            # one branch per first word, then per next word (a trie): the regex engine tries
            # a handful of words at each position instead of every phrase; a longer phrase is
            # tried before its shorter prefix, and a longer word before a shorter one
            trie: dict[str, Any] = {}
            for group in self.by_length.values():
                for phrase in group:
                    node = trie
                    for word in phrase.split():
                        node = node.setdefault(word, {})
                    node[""] = {}
            body = _trie_pattern(trie) if trie else "(?!)"
            # a phrase's first letter, looked at first: most positions go no further
            first = "".join(sorted({re.escape(w[0]) for w in trie})) or "^\\s\\S"
            self._pattern = re.compile(
                r"(?<![\w’'-])(?=[" + first + r"])(?:" + body + r")(?![\w’'-])", re.IGNORECASE
            )
        return self._pattern

    def __contains__(self, phrase: str) -> bool:
        return phrase in self.by_length.get(len(phrase.split()), ())

    def find(
        self, text: str, start: int, end: int, first: bool = True
    ) -> tuple[int, int, str] | None:
        """(start, end, words) of the first (or last) phrase in text[start:end]."""
        if first:
            m = self.pattern.search(text, start, end)
            return (m.start(), m.end(), m.group(0)) if m else None
        last = None
        for m in self.pattern.finditer(text, start, end):
            last = m
        return (last.start(), last.end(), last.group(0)) if last else None

    def starts(self) -> dict[str, int]:
        """First word -> the most words a phrase starting with it has."""
        out: dict[str, int] = {}
        for n, group in self.by_length.items():
            for phrase in group:
                first = phrase.split()[0]
                out[first] = max(out.get(first, 0), n)
        return out


@dataclass(frozen=True)
class Entry:
    """A reference entity a name points at."""

    section: str  # actors, issues, agreements, places
    key: str
    kind: str


@dataclass
class Lexicon:
    speech: dict[str, Phrases]
    titles: Phrases
    names: dict[str, list[Entry]]  # exact names and aliases with capitals
    lower_names: dict[str, list[Entry]]  # all-lower-case aliases, matched in any case
    demonyms: dict[str, str]  # "Canadian" -> country id
    reference: Reference
    starts: dict[str, int] = field(default_factory=dict)  # first word of a name -> most words
    title_starts: dict[str, int] = field(default_factory=dict)
    _longest: dict[str, int] = field(default_factory=dict)  # a cache of longest_from
    nlp: Any = None  # a spaCy pipeline whose parse is read (kg.extract.nlp, .parsed), or None
    # "the U.S. Trade Representative's office": a post's name (folded, lower case) -> the body
    # the post is in, for posts in a body (not a country)
    offices: dict[str, str] = field(default_factory=dict)
    # "commerce ministry" -> [(china, mofcom)]: a body's name without the country it
    # starts or ends with ("China's Commerce Ministry"), for "the Commerce Ministry" in an
    # article about that country
    bare_bodies: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # a reference person's id -> the head nouns of their posts' names ("president")
    roles: dict[str, frozenset[str]] = field(default_factory=dict)
    title_heads: frozenset[str] = frozenset()  # the last word of every title
    _offices: list[tuple[re.Pattern[str], str]] | None = None
    _posts: list[tuple[re.Pattern[str], str]] | None = None
    _any_case: dict[str, list[Entry]] = field(default_factory=dict)
    # a given name -> "female" or "male" (data/lexicon/given-names.yaml), for he and she when
    # the article says nothing about a person's gender
    given_names: dict[str, str] = field(default_factory=dict)
    # capitals that stand for their country (data/lexicon/capitals.yaml) and that the
    # reference data does not name: the name as written -> the country id
    capitals: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for table, lower in ((self.names, False), (self.lower_names, True)):
            for name in table:
                first = name.split()[0]
                key = first.lower() if lower else first
                self.starts[key] = max(self.starts.get(key, 0), len(name.split()))
        self.title_starts = self.titles.starts()
        for name, entries in self.names.items():
            if " " in name and name.split()[1][:1].isupper():
                self._any_case.setdefault(name.lower(), []).extend(entries)
        self.title_heads = (
            frozenset(title_head(t) for group in self.titles.by_length.values() for t in group)
            - _NOT_HEADS
        )

    def longest_from(self, word: str) -> int:
        """The most words a name starting with ``word`` can have (0: no name starts so)."""
        known = self._longest.get(word)
        if known is None:
            folded = fold(word)
            known = self._longest[word] = max(
                self.starts.get(folded, 0), self.starts.get(folded.lower(), 0)
            )
        return known

    @property
    def post_patterns(self) -> list[tuple[re.Pattern[str], str]]:
        """For each post in ``offices`` whose name says its country ("U.S. Trade
        Representative", not "trade representative"), longest first: its name as written
        (capitals), and the body."""
        if self._posts is None:
            named = [
                name
                for name in self.offices
                if any(
                    e.kind == "Country"
                    for i in range(1, len(name.split()))
                    for e in self.lookup(" ".join(name.split()[:i]).removesuffix("'s").title())
                    + self.lookup(" ".join(name.split()[:i]).removesuffix("'s").upper())
                )
                or name.split()[0].title() in self.demonyms
            ]
            self._posts = [
                (
                    re.compile(
                        r"(?<![\w.])" + re.escape(name).replace("\\ ", r"\s+") + r"(?![\w])",
                        re.IGNORECASE,
                    ),
                    self.offices[name],
                )
                for name in sorted(named, key=len, reverse=True)
            ]
        return self._posts

    @property
    def office_patterns(self) -> list[tuple[re.Pattern[str], str]]:
        """For each post in ``offices``, longest first: its name at the end of a text, in any
        case, and the body."""
        if self._offices is None:
            self._offices = [
                (
                    re.compile(
                        r"(?<![\w.])" + re.escape(name).replace("\\ ", r"\s+") + "$",
                        re.IGNORECASE,
                    ),
                    self.offices[name],
                )
                for name in sorted(self.offices, key=len, reverse=True)
            ]
        return self._offices

    def lookup(self, words: str) -> list[Entry]:
        folded = fold(words)
        found = self.names.get(folded) or self.lower_names.get(folded.lower(), [])
        if not found and " " in folded and folded[0].isupper():
            # "China's commerce ministry" for "China's Commerce Ministry": a name of several
            # words whose first word is as written, the others in any case
            found = self._any_case.get(folded.lower(), [])
            found = [e for e in found if e.section == "actors"]
        return found


def load_lexicon(
    reference: Reference, extra: Iterable[Path] = (), nlp: str | None = None
) -> Lexicon:
    """The word lists, the reference names, and (with ``nlp`` or TRADEKG_NLP, the name of an
    installed spaCy pipeline) the pipeline whose parse the acts stage reads."""
    lexicon = _load(reference, extra)
    name = nlp or os.environ.get("TRADEKG_NLP")
    if name:
        from kg.extract.nlp import load_pipeline

        lexicon.nlp = load_pipeline(name)
    return lexicon


def _load(reference: Reference, extra: Iterable[Path]) -> Lexicon:
    speech = {name: Phrases() for name in SPEECH_LISTS}
    for path in lexicon_files(extra):
        doc = parse_mapping(
            read_text(path),
            path,
            "a lexicon file must be a mapping of list names to word lists",
            hint="see data/lexicon/speech.yaml",
        )
        for key, value in doc.items():
            if key not in speech:
                raise InputError(
                    f"unknown word list {key!r}",
                    path=path,
                    line=doc.key_lines.get(key),
                    hint="use one of " + ", ".join(SPEECH_LISTS),
                )
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InputError(
                    f"{key!r} must be a list of words", path=path, line=doc.key_lines.get(key)
                )
            for phrase in value:
                speech[key].add(phrase)
    titles = Phrases()
    for title in load_titles():
        titles.add(title)
    names: dict[str, list[Entry]] = {}
    lower: dict[str, list[Entry]] = {}
    demonyms: dict[str, str] = {}
    for entity in reference.all():
        if entity.section not in ("actors", "issues", "agreements", "places"):
            continue
        entry = Entry(entity.section, entity.key, entity.kind)
        spellings = {entity.name, *entity.aliases}
        if "the bloc" in spellings and entity.key == "european-union":
            # "the 27-nation bloc", "the 28-member bloc": the EU by its size, as news names it
            spellings |= {
                f"the {n}-{w} bloc" for n in (27, 28) for w in ("nation", "member", "country")
            }
        if entity.section == "issues":
            spellings = {s.lower() for s in spellings}
        for spelling in spellings:
            folded = fold(spelling)
            table = lower if folded == folded.lower() else names
            key = folded.lower() if table is lower else folded
            if entry not in table.setdefault(key, []):
                table[key].append(entry)
        for demonym in getattr(entity, "demonyms", ()) or ():
            demonyms.setdefault(fold(demonym), entity.key)
    offices: dict[str, str] = {}
    for post in reference.entities.get("posts", {}).values():
        body = reference.get("actors", post.post_in) if post.post_in else None
        if body is None or body.kind != "GovernmentBody":
            continue
        for spelling in (post.name, *post.aliases):
            if spelling.upper() != spelling:  # "USTR's office" is only the office's own name
                offices.setdefault(fold(spelling).lower(), body.key)
    given = _given_names(resource("data", "lexicon", "given-names.yaml"))
    capitals: dict[str, str] = {}
    for city, country in _capitals(resource("data", "lexicon", "capitals.yaml"), reference):
        folded = fold(city)
        if folded.split()[0] in given:
            continue
        if folded in names:  # the reference data's own entry ("Beijing", "Brussels")
            if any(e.key == country for e in names[folded]):
                capitals[folded] = country
            continue
        capitals[folded] = country
        names[folded] = [Entry("actors", country, "Country")]
    lexicon = Lexicon(
        speech,
        titles,
        names,
        lower,
        demonyms,
        reference,
        offices=offices,
        given_names=given,
        capitals=capitals,
    )
    for body in reference.entities.get("actors", {}).values():
        if body.kind == "GovernmentBody" and body.affiliation:
            for spelling in (body.name, *body.aliases):
                bare = _without_country(fold(spelling), lexicon, body.affiliation)
                if bare and (body.affiliation, body.key) not in lexicon.bare_bodies.get(bare, []):
                    lexicon.bare_bodies.setdefault(bare, []).append((body.affiliation, body.key))
    for actor in reference.entities.get("actors", {}).values():
        words: set[str] = set()
        for key in actor.posts:
            held = reference.get("posts", key)
            for spelling in (held.name, *held.aliases) if held else ():
                words |= {w for w in fold(spelling).lower().split() if w in lexicon.title_heads}
        if words:
            lexicon.roles[actor.key] = frozenset(words)
    return lexicon


def _without_country(name: str, lexicon: Lexicon, country: str) -> str | None:
    """A body's name, lower case, without the country it names ("China's Commerce Ministry"
    -> "commerce ministry", "Ministry of Commerce of the People's Republic of China" ->
    "ministry of commerce"); None when it names no country or leaves one word."""

    def names_country(words: str) -> bool:
        words = words.removeprefix("the ").removeprefix("The ")
        return lexicon.demonyms.get(words) == country or any(
            e.key == country for e in lexicon.lookup(words)
        )

    words = name.split()
    for i in range(1, len(words) - 1):  # "United States Trade Representative": two words
        lead = " ".join(words[:i])
        if names_country(lead.removesuffix("'s")):
            return " ".join(words[i:]).lower()
    head, _, tail = name.rpartition(" of ")
    if head and len(head.split()) >= 2 and names_country(tail):
        return head.lower()
    return None


def _given_names(path: Path) -> dict[str, str]:
    """``female:`` and ``male:`` lists of given names -> each name's gender."""
    doc = parse_mapping(read_text(path), path, "a given-names file is a mapping")
    out: dict[str, str] = {}
    for gender in ("female", "male"):
        names = doc.get(gender)
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise InputError(
                f"{gender!r} must be a list of given names",
                path=path,
                line=1,
                hint="female: [Anna]",
            )
        for name in names:
            out[name] = gender
    return out


def _capitals(path: Path, reference: Reference) -> list[tuple[str, str]]:
    """``capitals:`` country id -> a capital (or a list of spellings) -> (capital, country)."""
    doc = parse_mapping(read_text(path), path, "a capitals file is a mapping")
    table = doc.get("capitals")
    if not isinstance(table, dict):
        raise InputError("'capitals' must map country ids to cities", path=path, line=1)
    out: list[tuple[str, str]] = []
    for country, cities in table.items():
        entity = reference.get("actors", country)
        if entity is None or entity.kind != "Country":
            raise InputError(f"{country!r} is no country of the reference data", path=path)
        for city in [cities] if isinstance(cities, str) else cities:
            out.append((city, country))
    return out
