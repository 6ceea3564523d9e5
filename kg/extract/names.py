"""Finding every mention in an article: ``find_mentions`` reads the tokens once for the
reference data's names (actors, issues, agreements, places), titles and demonyms, runs the
other finders (kg.extract.people, kg.extract.groups, and a spaCy pipeline when one is given),
then the ones that need the first mentions (surnames, "the official")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extract.groups import (
    country_group,
    demonym_group,
    interest_groups,
    interest_groups_in,
    lowercase_bodies,
    media_reports,
    organisation_appositives,
    organisations,
    outlets,
    source_anaphora,
    unnamed_sources,
)
from kg.extract.known import KnownPeople
from kg.extract.lexicon import Entry, Lexicon
from kg.extract.mentions import (
    POSSESSIVE,
    Mention,
    Mentions,
    Token,
    entry_actor,
    joined,
    local_actor,
    tokens,
)
from kg.extract.people import (
    appositives,
    given_names,
    person,
    roles,
    surnames,
    title_person,
    titled_surnames,
)


def find_mentions(
    text: str,
    lexicon: Lexicon,
    known: KnownPeople | None = None,
    toks: list[Token] | None = None,
    parsed: Sequence[tuple[int, int, str]] | None = None,
) -> Mentions:
    """Every mention in ``text``, in text order, none inside a longer one; ``known`` people
    (kg.extract.known) are found by surname alone too. ``toks`` are the text's tokens and
    ``parsed`` the names a spaCy pipeline found in it (kg.extract.nlp), when the caller has
    them already (kg.extract.pipeline); else they are found here."""
    toks = tokens(text) if toks is None else toks
    if parsed is None and lexicon.nlp is not None:
        from kg.extract.nlp import names

        parsed = names(lexicon.nlp, text)
    found = Mentions(text)
    _reference_and_titles(text, toks, lexicon, found)
    appositives(text, found, lexicon)
    organisations(text, found, lexicon)
    lowercase_bodies(text, found, lexicon)
    interest_groups(text, found, lexicon)
    organisation_appositives(text, found, lexicon)
    interest_groups_in(text, found, lexicon)
    unnamed_sources(text, lexicon, found)
    media_reports(text, found)
    outlets(text, found, lexicon)
    if parsed is not None:
        _pipeline_names(text, parsed, lexicon, found)
    _administrations(text, lexicon, found)
    _offices(text, lexicon, found)
    _posts_alone(text, lexicon, found)
    found.seal()
    given_names(text, toks, found, lexicon)
    titled_surnames(text, toks, found, lexicon, known)
    surnames(text, toks, found, known, lexicon)
    roles(text, found, lexicon)
    _body_roles(text, found)
    _person_offices(text, found)
    _government_roles(text, found)
    source_anaphora(text, found)
    _generic_names(text, found)
    found.seal()
    return found


_ADMINISTRATION = re.compile(r"\b([A-Z][a-z]+)(?:['’]s)?\s+[Aa]dministration\b")
_NOT_PRESIDENTS = frozenset(
    {
        "The",
        "This",
        "That",
        "New",
        "Previous",
        "Current",
        "Last",
        "Next",
        "Former",
        "Federal",
        "Trade",
        "Customs",
        "Food",
        "Drug",
        "Energy",
    }
)


def _administrations(text: str, lexicon: Lexicon, found: Mentions) -> None:
    """ "the Biden administration": a U.S. administration by its president's name, when the
    reference data does not have it."""
    for m in _ADMINISTRATION.finditer(text):
        name = f"{m.group(1)} administration"
        if m.group(1) in _NOT_PRESIDENTS or lexicon.lookup(name) or lexicon.lookup(m.group(1)):
            continue
        found.add(
            Mention(
                m.start(),
                m.end(),
                local_actor("GovernmentBody", name, "administration", affiliation="united-states"),
                "name",
            )
        )


_OFFICE = re.compile(r"['’]s\s+office\b", re.IGNORECASE)


def _offices(text: str, lexicon: Lexicon, found: Mentions) -> None:
    """ "the U.S. Trade Representative's office": the body the post is in (USTR), not the
    country its name starts with."""
    for m in _OFFICE.finditer(text):
        before = text[max(0, m.start() - 80) : m.start()]
        for pattern, key in lexicon.office_patterns:
            post = pattern.search(before)
            if post is not None:
                body = entry_actor(Entry("actors", key, "GovernmentBody"), lexicon)
                start = m.start() - len(before) + post.start()
                found.add(Mention(start, m.end(), body, "name"))
                break


def _posts_alone(text: str, lexicon: Lexicon, found: Mentions) -> None:
    """ "The U.S. Trade Representative said Monday ...": a post named with its country and
    no holder's name after it speaks for the body the post is in (USTR), not for the
    country its name starts with; "U.S. Trade Representative Robert Lighthizer" and "the U.S.
    Trade Representative, Robert Lighthizer," are the person."""
    for pattern, key in lexicon.post_patterns:
        for m in pattern.finditer(text):
            after = text[m.end() : m.end() + 40]
            if re.match(r"(?:\s+|,\s+)[A-Z]|['’]s?\b", after):
                continue  # a holder's name, or "'s office" (kg.extract.names._offices)
            if any(t.start <= m.start() < t.end for t in found.titled) or re.search(
                r"\b(?:former|ex-|deputy|assistant|acting|a|an|another)\s+$",
                text[max(0, m.start() - 12) : m.start()],
                re.IGNORECASE,
            ):
                continue  # "a former U.S. trade representative": someone, not the office
            body = entry_actor(Entry("actors", key, "GovernmentBody"), lexicon)
            found.add(Mention(m.start(), m.end(), body, "name"))


_BODY_ROLE = re.compile(
    r"\b[Tt]he\s+(ministry|department|commission|agency)\b(?!\s+of\b)(?!\s+[A-Z])"
)


def _body_roles(text: str, found: Mentions) -> None:
    """ "the ministry said in a statement" after "China's commerce ministry": the one
    government body named before whose name has that noun; with none, or two such bodies,
    nobody."""
    for m in _BODY_ROLE.finditer(text):
        if found.at(m.start()) is not None or found.at(m.end() - 1) is not None:
            continue
        head = m.group(1).lower()
        bodies = {
            b.actor
            for b in found.found
            if b.end <= m.start()
            and b.actor.kind == "GovernmentBody"
            and head in text[b.start : b.end].lower()
        }
        if len(bodies) == 1:
            found.add(Mention(m.start(), m.end(), bodies.pop(), "role"))


_PERSON_OFFICE = re.compile(r"['’]s\s+office\b(?!\s+of\b)")


def _person_offices(text: str, found: Mentions) -> None:
    """ "Trudeau's office said", "Trade Minister Mary Ng's office said in a statement": the
    office speaks as itself, a body of the person's side, not the person (whose words they
    may not be)."""
    for m in list(found.found):
        if m.actor.kind != "Person" or m.via == "pronoun":
            continue
        office = _PERSON_OFFICE.match(text, m.end)
        if office is None:
            continue
        name = " ".join(text[m.start : office.end()].split())
        body = local_actor("GovernmentBody", name, "office", affiliation=m.actor.affiliation)
        found.add(Mention(m.start, office.end(), body, "name"))


_GOVERNMENT_ROLE = re.compile(r"\b[Tt]he\s+government\b(?!\s+of\b)(?!\s+[A-Z])")


def _government_roles(text: str, found: Mentions) -> None:
    """ "the government said" after "the Swiss government": the one country whose
    government the article named before ("the Swiss government", "Canada's government");
    with none, or two such countries, nobody."""
    for m in _GOVERNMENT_ROLE.finditer(text):
        if found.at(m.start()) is not None or found.at(m.end() - 1) is not None:
            continue
        named = {
            c.actor
            for c in found.found
            if c.end <= m.start()
            and c.actor.kind == "Country"
            and (
                text[c.start : c.end].endswith("government")
                or re.match(r"(?:['’]s)?\s+government\b", text[c.end : c.end + 14]) is not None
            )
        }
        if len(named) == 1:
            found.add(Mention(m.start(), m.end(), named.pop(), "role"))


def _generic_names(text: str, found: Mentions) -> None:
    """Aliases such as "the administration" or "the bloc" mean different actors in different
    articles: such a mention stands for the last actor of its kind the article named (the
    Biden administration), or for the reference actor when the article names it (or, for an
    administration, its president); otherwise it is dropped rather than guessed."""
    explicit = [m for m in found.found if not _generic(text, m)]
    persons = {m.actor.name.split()[-1] for m in explicit if m.actor.kind == "Person"}
    named = {m.actor.key for m in explicit}
    kept: list[Mention] = []
    for m in found.found:
        if not _generic(text, m):
            kept.append(m)
            continue
        head = m.actor.name.split()[-1].lower()  # "administration", "union" ...
        earlier = [
            e for e in explicit if e.end <= m.start and e.actor.name.split()[-1].lower() == head
        ]
        if earlier:
            kept.append(Mention(m.start, m.end, earlier[-1].actor, "generic"))
        elif m.actor.key in named or m.actor.name.split()[0] in persons:
            kept.append(m)
    found.found = kept


def _generic(text: str, m: Mention) -> bool:
    words = " ".join(text[m.start : m.end].split())
    return m.via == "name" and words[:4] in ("the ", "The ") and words[4:] == words[4:].lower()


def _reference_and_titles(text: str, toks: list[Token], lexicon: Lexicon, found: Mentions) -> None:
    starts, titles = lexicon.starts, lexicon.title_starts
    i = 0
    while i < len(toks):
        word = toks[i].text
        lower = word.lower()
        # most words start no name, title or demonym: one look decides
        if not word[0].isupper() and lower not in starts and lower not in titles:
            i += 1
            continue
        step = (
            title_person(text, toks, i, lexicon, found)
            or demonym_group(text, toks, i, lexicon, found)
            or _named(text, toks, i, lexicon, found)
        )
        i += step or 1


def _named(text: str, toks: list[Token], i: int, lexicon: Lexicon, found: Mentions) -> int:
    word = toks[i].text
    longest = max(lexicon.longest_from(word), lexicon.longest_from(POSSESSIVE.sub("", word)))
    for n in range(min(longest, len(toks) - i), 0, -1):
        words = joined(text, toks, i, n)
        if words is None:
            continue
        entries = lexicon.lookup(words) or (
            lexicon.lookup(POSSESSIVE.sub("", words))
            if n == 1 or words[-2:] in ("'s", "’s")
            else []
        )
        if not entries:
            continue
        start, end = toks[i].start, toks[i + n - 1].end
        place = next((e for e in entries if e.section == "places"), None)
        if place is not None and i and toks[i - 1].text in ("in", "at", "to", "from", "In"):
            found.places.append((start, end, place.key))
            return n
        if (words in lexicon.capitals or POSSESSIVE.sub("", words) in lexicon.capitals) and (
            (i and toks[i - 1].text in _PLACE_BEFORE) or _longer_name(text, end)
        ):
            return n  # "talks in Lima", "the Lima Group": a place, not the government
        group = country_group(text, toks, i, n, entries, lexicon)
        if group is not None:
            found.add(group[0])
            return group[1]
        for entry in entries:
            if entry.section == "actors":
                found.add(Mention(start, end, entry_actor(entry, lexicon), "name"))
                break
        else:
            target = {
                "issues": found.issues,
                "agreements": found.agreements,
                "places": found.places,
            }.get(entries[0].section)
            if target is not None:
                target.append((start, end, entries[0].key))
        return n
    return 0


# the words before a capital that make it the place: "talks in Lima", "flew to Jakarta"
_PLACE_BEFORE = frozenset(
    {"in", "In", "at", "At", "to", "from", "From", "near", "outside", "via", "of", "around"}
)


def _longer_name(text: str, end: int) -> bool:
    """A capitalised word right after a capital: a longer name ("Lima Group", "Wellington
    Airport"), not the capital alone; a weekday or month is no part of it ("Washington
    Monday announced")."""
    m = _NEXT_WORD.match(text, end)
    return m is not None and _WHEN_WORD.fullmatch(m.group(1)) is None


_NEXT_WORD = re.compile(r"[ \t]+([A-Z][a-z]+)")
_WHEN_WORD = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)


def _pipeline_names(
    text: str, parsed: Sequence[tuple[int, int, str]], lexicon: Lexicon, found: Mentions
) -> None:
    """People and organisations a spaCy pipeline found where no rule found anyone."""
    taken = [(m.start, m.end) for m in found.found]
    for start, end, kind in parsed:
        if any(a < end and start < b for a, b in taken):
            continue
        name = text[start:end]
        actor = (
            person(name, None, lexicon, found, "nlp")
            if kind == "Person"
            else local_actor(kind, name, "nlp")
        )
        found.add(Mention(start, end, actor, "nlp"))
