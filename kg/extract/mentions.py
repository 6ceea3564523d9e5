"""Who the article talks about: actor mentions found from the reference data, titles,
demonyms, unnamed-source phrases and surnames, as offsets into the text."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from kg.extract.lexicon import Entry, Lexicon, fold

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:['’&-]\w+)*")
_POSSESSIVE = re.compile(r"['’]s?$")
_NAME_WORD = re.compile(r"(?:[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?|[A-Z][a-z]*[A-Z][a-z]+|"
                        r"O['’][A-Z][a-z]+)$")
_NAME_PARTICLES = frozenset({"de", "van", "von", "da", "di", "del", "der", "al", "bin", "le", "la"})
_NOT_NAMES = frozenset([
    "the", "a", "an", "in", "on", "at", "of", "for", "and", "but", "or", "said", "says",
    "told", "according", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "he", "she", "they", "we", "it", "his",
    "her", "their", "this", "that", "these", "those", "there", "here", "while", "when",
    "after", "before", "during", "minister", "secretary", "president", "premier",
    "chancellor", "ambassador", "commissioner", "trade", "foreign", "economy", "deputy",
    "vice", "chief", "representative", "spokesman", "spokeswoman", "spokesperson",
    "senator", "governor", "mr", "ms", "mrs", "dr", "prime", "general", "director",
    "negotiator",
])
_HONORIFIC = re.compile(r"\b(?:Mr|Ms|Mrs|Dr)\.?\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
_PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")
_PERSON_KINDS = ("Person",)
_SPACE = re.compile(r"[ \t]+\n?[ \t]*|\n[ \t]*")  # spaces with one line break at most
_COMMA = re.compile(r",\s+")


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

    def within(self, start: int, end: int) -> list[Mention]:
        i = bisect_left(self._starts, start)
        out = []
        while i < len(self.found) and self.found[i].start < end:
            if self.found[i].end <= end:
                out.append(self.found[i])
            i += 1
        return out

    def last_person(self, before: int, after: int) -> Mention | None:
        """The last person named (not by a pronoun) between ``after`` and ``before``."""
        i = bisect_left(self._starts, before) - 1
        while i >= 0 and self.found[i].start >= after:
            m = self.found[i]
            if m.actor.kind in _PERSON_KINDS or _one_person(m.actor):
                return m
            i -= 1
        return None

    def issues_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return [i for i in self.issues if start <= i[0] and i[1] <= end]


def _one_person(actor: Actor) -> bool:
    """An unnamed source that is one person ("a senior official"), whom "he" or "she" can
    mean."""
    return actor.kind == "UnnamedSource" and actor.name.split()[0].lower() in ("a", "an", "one")


def tokens(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]


def find_mentions(text: str, lexicon: Lexicon) -> Mentions:
    toks = tokens(text)
    found = Mentions(text)
    _reference_and_titles(text, toks, lexicon, found)
    _appositives(text, found, lexicon)
    _organisations(text, found, lexicon)
    _interest_groups(text, found, lexicon)
    _unnamed_sources(text, lexicon, found)
    if lexicon.nlp is not None:
        _pipeline_names(text, lexicon, found)
    found.seal()
    _surnames(text, toks, found)
    _source_anaphora(text, found)
    found.seal()
    return found


def _joined(text: str, toks: list[Token], i: int, n: int) -> str | None:
    """Words i..i+n-1 when only spaces separate them (a name does not cross punctuation)."""
    if i + n > len(toks):
        return None
    gap = text[toks[i].end : toks[i + n - 1].start]
    if n > 1 and not re.fullmatch(r"[\w.'’&\s-]*", gap):
        return None
    return text[toks[i].start : toks[i + n - 1].end]


def _entry_actor(entry: Entry, lexicon: Lexicon) -> Actor:
    ref = lexicon.reference.get("actors", entry.key)
    name = ref.name if ref else entry.key
    return Actor(entry.key, entry.kind, name, False,
                 affiliation=ref.affiliation if ref else None)


def _reference_and_titles(text: str, toks: list[Token], lexicon: Lexicon,
                          found: Mentions) -> None:
    starts, titles = lexicon.starts, lexicon.title_starts
    i = 0
    while i < len(toks):
        word = toks[i].text
        lower = word.lower()
        # most words start no name, title or demonym: one look decides
        if not word[0].isupper() and lower not in starts and lower not in titles:
            i += 1
            continue
        step = _title_person(text, toks, i, lexicon, found) or _demonym_group(
            text, toks, i, lexicon, found) or _named(text, toks, i, lexicon, found)
        i += step or 1


def _named(text: str, toks: list[Token], i: int, lexicon: Lexicon, found: Mentions) -> int:
    word = toks[i].text
    longest = max(lexicon.longest_from(word), lexicon.longest_from(_POSSESSIVE.sub("", word)))
    for n in range(min(longest, len(toks) - i), 0, -1):
        words = _joined(text, toks, i, n)
        if words is None:
            continue
        entries = lexicon.lookup(words) or (
            lexicon.lookup(_POSSESSIVE.sub("", words)) if n == 1 or words[-2:] in ("'s", "’s")
            else [])
        if not entries:
            continue
        start, end = toks[i].start, toks[i + n - 1].end
        place = next((e for e in entries if e.section == "places"), None)
        if place is not None and i and toks[i - 1].text in ("in", "at", "to", "from", "In"):
            found.places.append((start, end, place.key))
            return n
        group = _country_group(text, toks, i, n, entries, lexicon)
        if group is not None:
            found.add(group[0])
            return group[1]
        for entry in entries:
            if entry.section == "actors":
                found.add(Mention(start, end, _entry_actor(entry, lexicon), "name"))
                break
        else:
            target = {"issues": found.issues, "agreements": found.agreements,
                      "places": found.places}.get(entries[0].section)
            if target is not None:
                target.append((start, end, entries[0].key))
        return n
    return 0


def _country_group(text: str, toks: list[Token], i: int, n: int, entries: list[Entry],
                   lexicon: Lexicon) -> tuple[Mention, int] | None:
    """ "Canada and Mexico" as the subject of one act: a group of the two countries."""
    if not any(e.kind == "Country" for e in entries) or i + n + 1 >= len(toks):
        return None
    if toks[i + n].text != "and" or (i and toks[i - 1].text in ("between", "of", "and")):
        return None
    for m in range(min(4, len(toks) - i - n - 1), 0, -1):
        words = _joined(text, toks, i + n + 1, m)
        other = [e for e in lexicon.lookup(words or "") if e.kind == "Country"]
        if other and words is not None:
            first = next(e for e in entries if e.kind == "Country")
            start, end = toks[i].start, toks[i + n + m].end
            label = text[start:end]
            actor = Actor(_slug(label), "ActorGroup", label, True,
                          members=(first.key, other[0].key), found_by="country-group")
            return Mention(start, end, actor, "demonym"), n + 1 + m
    return None


def _country_before(text: str, toks: list[Token], i: int, lexicon: Lexicon
                    ) -> tuple[str | None, int]:
    """A country/demonym/possessive just before token i: ("canada", its token index)."""
    if i == 0:
        return None, i
    for n in (3, 2, 1):
        j = i - n
        if j < 0:
            continue
        words = _joined(text, toks, j, n)
        if words is None:
            continue
        bare = _POSSESSIVE.sub("", words)
        if bare in lexicon.demonyms:
            return lexicon.demonyms[bare], j
        for entry in lexicon.lookup(bare):
            if entry.section == "actors" and entry.kind in ("Country", "Organization",
                                                            "GovernmentBody"):
                return entry.key, j
    return None, i


def _name_at(text: str, toks: list[Token], i: int) -> int:
    """How many tokens from i form a capitalised person name (2 or 3 words), or 0."""
    n = 0
    while i + n < len(toks) and n < 4:
        word = toks[i + n].text
        name_word = bool(_NAME_WORD.match(word)) and word.lower() not in _NOT_NAMES
        if name_word or (n and word in _NAME_PARTICLES and i + n + 1 < len(toks)):
            n += 1
        else:
            break
        if n > 1 and not _SPACE.fullmatch(text[toks[i + n - 2].end : toks[i + n - 1].start]):
            n -= 1
            break
    while n and toks[i + n - 1].text in _NAME_PARTICLES:
        n -= 1
    return n if 2 <= n <= 3 else 0


def _title_person(text: str, toks: list[Token], i: int, lexicon: Lexicon,
                  found: Mentions) -> int:
    """[Country] Title Firstname Lastname: "U.S. Trade Representative Robert Lighthizer"."""
    longest = lexicon.title_starts.get(toks[i].text.lower(), 0)
    for n in range(min(longest, len(toks) - i), 0, -1):
        words = _joined(text, toks, i, n)
        if words is None or fold(words).lower() not in lexicon.titles:
            continue
        n = n + _title_complement(text, toks, i + n)
        name_len = _name_at(text, toks, i + n)
        gap = text[toks[i + n - 1].end : toks[i + n].start] if name_len else ""
        if _COMMA.fullmatch(gap):  # "Canada's trade minister, Marianne Beaulieu, said"
            after = toks[i + n + name_len - 1].end
            if text[after : after + 1] != ",":
                continue
        elif not name_len or not _SPACE.fullmatch(gap):
            continue
        country, _ = _country_before(text, toks, i, lexicon)
        start, end = toks[i + n].start, toks[i + n + name_len - 1].end
        actor = _person(text[start:end], country, lexicon, found)
        found.add(Mention(start, end, actor, "title"))
        return n + name_len
    return 0


def _title_complement(text: str, toks: list[Token], j: int) -> int:
    """ "undersecretary for foreign trade, Rodrigo Salvatierra,": the words after a title up
    to the comma before the name (at most four, starting with for/of/at)."""
    if j >= len(toks) or toks[j].text not in ("for", "of", "at"):
        return 0
    for k in range(1, 6):
        if j + k >= len(toks):
            return 0
        if _COMMA.fullmatch(text[toks[j + k - 1].end : toks[j + k].start]):
            return k if _name_at(text, toks, j + k) else 0
        if not _SPACE.fullmatch(text[toks[j + k - 1].end : toks[j + k].start]):
            return 0
    return 0


def _person(name: str, country: str | None, lexicon: Lexicon, found: Mentions,
            found_by: str = "title") -> Actor:
    for entry in lexicon.lookup(name):
        if entry.section == "actors" and entry.kind == "Person":
            return _entry_actor(entry, lexicon)
    key = _slug(name)
    known = found.actors.get(key)
    if known is not None:
        return known
    return Actor(key, "Person", name, True, affiliation=country, found_by=found_by)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name).lower()).strip("-")


def _demonym_group(text: str, toks: list[Token], i: int, lexicon: Lexicon,
                   found: Mentions) -> int:
    """ "Canadian officials" -> Canada; "Canadian and Mexican officials" -> both, a group."""
    countries: list[str] = []
    j = i
    while j < len(toks):
        word = _POSSESSIVE.sub("", toks[j].text)
        if word in lexicon.demonyms:
            countries.append(lexicon.demonyms[word])
            j += 1
            if j < len(toks) and toks[j].text == "and" and j + 1 < len(toks) and \
                    _POSSESSIVE.sub("", toks[j + 1].text) in lexicon.demonyms:
                j += 1
            continue
        break
    if not countries or j >= len(toks):
        return 0
    for n in (2, 1):
        words = _joined(text, toks, j, n)
        if words is not None and words.lower() in lexicon.speech["officials"]:
            start, end = toks[i].start, toks[j + n - 1].end
            if len(countries) == 1:
                ref = lexicon.reference.get("actors", countries[0])
                actor = Actor(countries[0], ref.kind if ref else "Country",
                              ref.name if ref else countries[0], False)
            else:
                label = text[start:end]
                actor = Actor(_slug(label), "ActorGroup", label, True,
                              members=tuple(dict.fromkeys(countries)), found_by="demonym-group")
            found.add(Mention(start, end, actor, "demonym"))
            return j + n - i
    return 0


_APPOSITIVE_TAIL = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?((?:[\w.’'-]+\s+){0,5}?[\w’'-]+)"
                              r"(?:,|[.;](?=\s|$)|\s+(?:of|for|at|in)\b|\s+said\b)")


_GROUP_HEADS = frozenset([
    "Coalition", "Association", "Federation", "Council", "Chamber", "Alliance", "Farmers",
    "Producers", "Manufacturers", "Exporters", "Importers", "Growers", "Workers", "Lobby",
    "Roundtable", "Union", "Institute", "Society", "Confederation", "Forum", "Foundation",
])
_BODY_HEADS = frozenset([
    "Ministry", "Department", "Agency", "Office", "Commission", "Parliament", "Congress",
    "Senate", "Secretariat", "Court", "Tribunal", "Committee", "Board",
])
_COMPANY_HEADS = frozenset([
    "Corporation", "Company", "Bank", "Fund", "Group", "Inc", "Ltd", "LLC", "Corp", "Motors",
])
_CAP = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w&’'-]*)"
_ORG = re.compile(r"\b(" + _CAP + r"(?:\s+(?:(?:of|for|and|on)\s+(?:the\s+)?)?" + _CAP + r")+)")
_ORG_HEADS = _GROUP_HEADS | _BODY_HEADS | _COMPANY_HEADS


def _organisations(text: str, found: Mentions, lexicon: Lexicon) -> None:
    """ "The U.S. Lumber Coalition", "the National Association of Home Builders": named
    organisations missing from the reference data (known ones are found by name)."""
    for m in _ORG.finditer(text):
        bare = _POSSESSIVE.sub("", m.group(1))
        lead = re.match(r"(\S+)\s+", bare)
        offset = lead.end() if lead and lead.group(1) in (
            "The", "A", "An", "In", "On", "At", "But", "And", "As", "For") else 0
        start, end = m.start(1) + offset, m.start(1) + len(bare)
        words = text[start:end].split()
        name = " ".join(words)  # the name with one space between words, as text wraps it
        heads = [w for w in words if w in _ORG_HEADS]
        if len(words) < 2 or not heads or words[-1] in ("of", "for", "and", "on", "the"):
            continue
        known = lexicon.lookup(name) or lexicon.lookup(" ".join(words[1:]))
        if known:
            if known[0].section == "actors":
                found.add(Mention(start, end, _entry_actor(known[0], lexicon), "name"))
            continue
        head = heads[0]
        country = None
        first = _POSSESSIVE.sub("", words[0])
        country = lexicon.demonyms.get(first) or next(
            (e.key for e in lexicon.lookup(first) if e.kind == "Country"), None)
        kind = ("GovernmentBody" if head in _BODY_HEADS else
                "InterestGroup" if head in _GROUP_HEADS else "Organization")
        found.add(Mention(start, end, Actor(
            _slug(name), kind, name, True, affiliation=country, found_by="organisation-name"),
            "organisation"))


_NAME_COMMA = re.compile(r"\b([A-Z][a-z]+(?:\s+(?:(?:de|van|von|da|di|del|der|le|la|bin|al)\s+)?"
                         r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}),")
_GROUP_NOUNS = ("groups|farmers|producers|manufacturers|exporters|importers|growers|automakers|"
                "carmakers|steelmakers|industry|industries|businesses|companies|firms|unions|"
                "lobby|lobbies|provinces|sawmills|users|fishermen|fishers|retailers")
_INTEREST = re.compile(r"\b((?:[A-Z]\.){2,}|[A-Z][a-z]+)\s+((?:[a-z-]+\s+){0,2}?)(" + _GROUP_NOUNS
                       + r")\b")


def _interest_groups(text: str, found: Mentions, lexicon: Lexicon) -> None:
    """ "U.S. dairy groups", "Canadian provinces": people of a country who are not its
    government, as a group of their own."""
    for m in _INTEREST.finditer(text):
        country = _country_key(_POSSESSIVE.sub("", m.group(1)), lexicon)
        if country is None or any(w in lexicon.speech["officials"] for w in m.group(2).split()):
            continue
        name = " ".join(text[m.start() : m.end()].split())
        found.add(Mention(m.start(), m.end(), Actor(
            _slug(name), "InterestGroup", name, True, affiliation=country,
            found_by="interest-group"), "group"))


_NOT_APPOSITIVE = frozenset({"which", "who", "whom", "whose", "that", "where", "when", "while",
                             "and", "but", "as", "said", "says", "told", "if", "because"})


def _appositives(text: str, found: Mentions, lexicon: Lexicon) -> None:
    """ "Jane Smith, Canada's chief negotiator, said" -> a person."""
    for m in _NAME_COMMA.finditer(text):
        name = m.group(1)
        if any(w.lower() in _NOT_NAMES for w in name.split()) or lexicon.lookup(name):
            continue
        if re.search(r"\b(?:the|a|an)\s+$", text[max(0, m.start() - 5) : m.start()],
                     re.IGNORECASE):
            continue  # "the Federal Register, which ..." names a thing, not a person
        tail = _APPOSITIVE_TAIL.match(text, m.end() - 1)
        if tail is None:
            continue
        words = fold(tail.group(1)).lower().split()
        if not words or words[0] in _NOT_APPOSITIVE:
            continue
        title = next((k for k in range(len(words)) if " ".join(words[k:]) in lexicon.titles),
                     None)
        if title is None:
            continue
        country = None
        for w in tail.group(1).split()[:title]:
            country = country or _country_key(_POSSESSIVE.sub("", w), lexicon)
        found.add(Mention(m.start(1), m.end(1), _person(name, country, lexicon, found),
                          "title"))


def _country_key(word: str, lexicon: Lexicon) -> str | None:
    """The country a word names: "Canada", "Canadian", "U.S." (as written, capitals kept)."""
    if word in lexicon.demonyms:
        return lexicon.demonyms[word]
    return next((e.key for e in lexicon.lookup(word) if e.kind == "Country"), None)


def _unnamed_sources(text: str, lexicon: Lexicon, found: Mentions) -> None:
    nouns = "|".join(sorted((re.escape(n) for n in lexicon.speech["sources"].by_length.get(1, ())),
                            key=len, reverse=True))
    cues = "|".join(sorted((re.escape(c).replace("\\ ", r"\s+")
                            for length in lexicon.speech["source_cues"].by_length.values()
                            for c in length), key=len, reverse=True))
    if not nouns:
        return
    pattern = re.compile(
        r"\b(?:(?:an?|one|two|three|four|several|some|other|a\s+third)\s+)"
        r"((?:(?:[A-Za-z]\.){2,}\s+|[\w’'-]+\s+){0,3}?)(" + nouns + r")\b"
        r"((?:,?\s+(?:" + (cues or "$^") + r")(?:\s+(?:the|a|an|its|their|his|her))?"
        r"(?:\s+(?!said\b|says\b|told\b|added\b)[\w’'-]+){1,2})?)",
        re.IGNORECASE,
    )
    person_ends = {m.end for m in found.found if m.actor.kind == "Person"}
    for m in pattern.finditer(text):
        comma = re.search(r",\s*$", text[max(0, m.start() - 4) : m.start()])
        if comma and (m.start() - 4 + comma.start() if m.start() >= 4 else comma.start()) in \
                person_ends:
            continue  # "Pieter de Wolf, a spokesman for ...": a named person's role
        modifiers, noun, cue = m.group(1).strip(), m.group(2).lower(), m.group(3)
        if modifiers and any(w.lower() in ("of", "the", "and", "said", "to") for w in
                             modifiers.split()):
            continue
        if not cue and noun not in _SOURCE_ALONE:
            continue  # "two people" alone is not a source; "two people familiar with ..." is
        end = m.end(3) if cue else m.end(2)
        description = " ".join(text[m.start() : end].split()).rstrip(",")
        actor = Actor("source-" + _slug(description)[:48].strip("-"), "UnnamedSource",
                      description, True, found_by="unnamed-source")
        found.add(Mention(m.start(), end, actor, "source"))


_SOURCE_ALONE = frozenset({"official", "officials", "source", "sources", "diplomat", "diplomats",
                           "negotiator", "negotiators", "spokesman", "spokeswoman",
                           "spokesperson", "aide", "aides", "lawmakers", "legislators"})
_SOURCE_AGAIN = re.compile(r"\b(?:[Tt]he\s+(?:official|source|spokesman|spokeswoman|spokesperson|"
                           r"diplomat|person|negotiator|aide)|[Oo]ne\s+of\s+them)\b")


def _source_anaphora(text: str, found: Mentions) -> None:
    """ "the official said", "one of them said": the unnamed source named last."""
    sources = [m for m in found.found if m.actor.kind == "UnnamedSource"]
    if not sources:
        return
    starts = [m.start for m in sources]
    for m in _SOURCE_AGAIN.finditer(text):
        i = bisect_left(starts, m.start()) - 1
        if i < 0 or m.start() - sources[i].end > 2000 or sources[i].end > m.start():
            continue
        found.add(Mention(m.start(), m.end(), sources[i].actor, "source-again"))


def _pipeline_names(text: str, lexicon: Lexicon, found: Mentions) -> None:
    """People and organisations a spaCy pipeline finds where no rule found anyone."""
    from kg.extract.nlp import names

    taken = [(m.start, m.end) for m in found.found]
    for start, end, kind in names(lexicon.nlp, text):
        if any(a < end and start < b for a, b in taken):
            continue
        name = text[start:end]
        actor = (_person(name, None, lexicon, found, "nlp") if kind == "Person" else
                 Actor(_slug(name), kind, name, True, found_by="nlp"))
        found.add(Mention(start, end, actor, "nlp"))


def _surnames(text: str, toks: list[Token], found: Mentions) -> None:
    """Later mentions of a person by surname ("Lighthizer said") or honorific ("Ms. Ng")."""
    by_surname: dict[str, Actor] = {}
    for mention in found.found:
        if mention.actor.kind == "Person":
            by_surname.setdefault(mention.actor.name.split()[-1], mention.actor)
            for alias in (mention.actor.name,):
                by_surname.setdefault(alias, mention.actor)
    if not by_surname:
        return
    taken = [(m.start, m.end) for m in found.found]
    spans = iter(sorted(taken))
    current = next(spans, None)
    for tok in toks:
        while current is not None and current[1] <= tok.start:
            current = next(spans, None)
        if current is not None and current[0] <= tok.start < current[1]:
            continue
        word = _POSSESSIVE.sub("", tok.text)
        actor = by_surname.get(word)
        if actor is not None and tok.text[:1].isupper():
            found.add(Mention(tok.start, tok.start + len(word), actor, "surname"))
    for m in _HONORIFIC.finditer(text):
        actor = by_surname.get(m.group(1))
        if actor is not None:
            found.add(Mention(m.start(), m.end(), actor, "surname"))


def pronoun_mentions(text: str, found: Mentions, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of he/she between start and end (resolved by the caller, who knows the context)."""
    return [(m.start(), m.end()) for m in _PRONOUN.finditer(text, start, end)]
