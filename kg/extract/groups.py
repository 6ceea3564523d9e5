"""Actors that are more than one person or not a person: countries' officials as a group
("Canadian officials", "Canadian and Mexican officials", "Canada and Mexico"), organisations
missing from the reference data ("the U.S. Lumber Coalition"), interest groups ("U.S. dairy
groups"), and unnamed sources ("a senior official familiar with the talks") with their later
mentions ("the official said")."""

from __future__ import annotations

import re
from bisect import bisect_left

from kg.extract.lexicon import Entry, Lexicon
from kg.extract.mentions import (
    POSSESSIVE,
    Actor,
    Mention,
    Mentions,
    Token,
    country_key,
    entry_actor,
    joined,
    local_actor,
    slug,
)

_GROUP_HEADS = frozenset(
    [
        "Coalition",
        "Association",
        "Federation",
        "Council",
        "Chamber",
        "Alliance",
        "Farmers",
        "Producers",
        "Manufacturers",
        "Exporters",
        "Importers",
        "Growers",
        "Workers",
        "Lobby",
        "Roundtable",
        "Union",
        "Institute",
        "Society",
        "Confederation",
        "Forum",
        "Foundation",
        "Exchange",
        "Cooperative",
        "Co-operative",
        "League",
        "Caucus",
        "Organization",
        "Organisation",
    ]
)
_BODY_HEADS = frozenset(
    [
        "Ministry",
        "Department",
        "Agency",
        "Office",
        "Commission",
        "Parliament",
        "Congress",
        "Senate",
        "Secretariat",
        "Court",
        "Tribunal",
        "Committee",
        "Board",
    ]
)
_COMPANY_HEADS = frozenset(
    [
        "Corporation",
        "Company",
        "Bank",
        "Fund",
        "Group",
        "Inc",
        "Ltd",
        "LLC",
        "Corp",
        "Motors",
    ]
)
_CAP = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w&’'-]*)"
_ORG = re.compile(r"\b(" + _CAP + r"(?:\s+(?:(?:of|for|and|on)\s+(?:the\s+)?)?" + _CAP + r")+)")
# ", Industry and Energy" after a name the organisation pattern stopped at
_COMMA_TAIL = re.compile(r",\s+[A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*)*")
_ORG_HEADS = _GROUP_HEADS | _BODY_HEADS | _COMPANY_HEADS
_GROUP_NOUNS = (
    "groups|farmers|producers|manufacturers|exporters|importers|growers|automakers|"
    "carmakers|steelmakers|industry|industries|businesses|companies|firms|unions|"
    "lobby|lobbies|provinces|sawmills|users|fishermen|fishers|retailers"
)
_INTEREST = re.compile(
    r"\b((?:[A-Z]\.){2,}|[A-Z][a-z]+)\s+((?:[a-z-]+\s+){0,2}?)(" + _GROUP_NOUNS + r")\b"
)
# "farmers' groups in Ireland", "dairy producers from France": people of a country named after
_INTEREST_IN = re.compile(
    r"\b((?i:" + _GROUP_NOUNS + r")(?:['’]\s+(?:groups|unions|"
    r"associations|organi[sz]ations))?)\s+(?:in|from)\s+(?:the\s+)?"
    r"((?:[A-Z]\.){2,}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b"
)
_LEAD_WORDS = re.compile(r"(?:[A-Za-z][a-z-]+\s+){1,2}$")
_NOT_GROUP_WORDS = frozenset(
    {"the", "some", "many", "while", "and", "but", "as", "when", "after", "with", "of", "for",
     "said", "say", "says", "other", "most", "all", "that", "which", "by", "to"}
)  # fmt: skip
_SOURCE_ALONE = frozenset(
    {
        "official",
        "officials",
        "source",
        "sources",
        "diplomat",
        "diplomats",
        "negotiator",
        "negotiators",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "aide",
        "aides",
        "lawmakers",
        "legislators",
    }
)
_SOURCE_AGAIN = re.compile(
    r"\b(?:[Tt]he\s+(?:official|source|spokesman|spokeswoman|spokesperson|"
    r"diplomat|person|negotiator|aide)|[Oo]ne\s+of\s+them)\b"
)


def demonym_group(text: str, toks: list[Token], i: int, lexicon: Lexicon, found: Mentions) -> int:
    """ "Canadian officials" -> Canada; "Canadian and Mexican officials" -> both, a group."""
    countries: list[str] = []
    j = i
    while j < len(toks):
        two = joined(text, toks, j, 2)  # "South Korean officials", "New Zealander"
        if two is not None and POSSESSIVE.sub("", two) in lexicon.demonyms:
            countries.append(lexicon.demonyms[POSSESSIVE.sub("", two)])
            j += 2
            continue
        word = POSSESSIVE.sub("", toks[j].text)
        if word in lexicon.demonyms:
            countries.append(lexicon.demonyms[word])
            j += 1
            if (
                j < len(toks)
                and toks[j].text == "and"
                and j + 1 < len(toks)
                and POSSESSIVE.sub("", toks[j + 1].text) in lexicon.demonyms
            ):
                j += 1
            continue
        break
    if not countries or j >= len(toks):
        return 0
    for n in (2, 1):
        words = joined(text, toks, j, n)
        if words is not None and words.lower() in lexicon.speech["officials"]:
            start, end = toks[i].start, toks[j + n - 1].end
            if len(countries) == 1:
                ref = lexicon.reference.get("actors", countries[0])
                actor = Actor(
                    countries[0],
                    ref.kind if ref else "Country",
                    ref.name if ref else countries[0],
                    False,
                )
            else:
                label = text[start:end]
                actor = local_actor(
                    "ActorGroup",
                    label,
                    "demonym-group",
                    members=tuple(dict.fromkeys(countries)),
                )
            found.add(Mention(start, end, actor, "demonym"))
            return j + n - i
    return 0


def country_group(
    text: str, toks: list[Token], i: int, n: int, entries: list[Entry], lexicon: Lexicon
) -> tuple[Mention, int] | None:
    """ "Canada and Mexico" as the subject of one act: a group of the two countries."""
    if not any(e.kind == "Country" for e in entries) or i + n + 1 >= len(toks):
        return None
    if toks[i + n].text != "and" or (i and toks[i - 1].text in ("between", "of", "and")):
        return None
    for m in range(min(4, len(toks) - i - n - 1), 0, -1):
        words = joined(text, toks, i + n + 1, m)
        other = [e for e in lexicon.lookup(words or "") if e.kind == "Country"]
        if other and words is not None:
            first = next(e for e in entries if e.kind == "Country")
            start, end = toks[i].start, toks[i + n + m].end
            label = text[start:end]
            actor = local_actor(
                "ActorGroup", label, "country-group", members=(first.key, other[0].key)
            )
            return Mention(start, end, actor, "demonym"), n + 1 + m
    return None


_WHEN_TAIL = re.compile(
    r"\s+(?:on|for|and|of)\s+(?:the\s+)?(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\b.*$",
    re.DOTALL,
)


def organisations(text: str, found: Mentions, lexicon: Lexicon) -> None:
    """ "The U.S. Lumber Coalition", "the National Association of Home Builders": named
    organisations missing from the reference data (known ones are found by name). A name
    stops where a person's title starts: "European Commission Trade Commissioner Valdis
    Dombrovskis" is the Commission, then a person."""
    title_starts = sorted(t.start for t in found.titled)
    for m in _ORG.finditer(text):
        group = m.group(1)
        cut = next((t for t in title_starts if m.start(1) < t < m.end(1)), None)
        if cut is not None:
            group = text[m.start(1) : cut].rstrip()
        bare = POSSESSIVE.sub("", _WHEN_TAIL.sub("", group))
        lead = re.match(r"(\S+)\s+", bare)
        offset = (
            lead.end()
            if lead
            and lead.group(1) in ("The", "A", "An", "In", "On", "At", "But", "And", "As", "For")
            else 0
        )
        start, end = m.start(1) + offset, m.start(1) + len(bare)
        words = text[start:end].split()
        name = " ".join(words)  # the name with one space between words, as text wraps it
        heads = [w for w in words if w in _ORG_HEADS]
        if len(words) < 2 or not heads or words[-1] in ("of", "for", "and", "on", "the"):
            continue
        tail = _COMMA_TAIL.match(text, end)
        if tail is not None:
            # "South Korea's Ministry of Trade, Industry and Energy": a reference name with a
            # comma in it, which the pattern above stops at
            # (after a country's name: "South Korea's", "Japan's")
            starts = [start] + [start + w.end() for w in re.finditer(r"\s+", text[start:end])]
            hit = next(
                (
                    (at, e)
                    for at in starts[:4]
                    for e in lexicon.lookup(text[at : tail.end()])
                    if e.section == "actors"
                ),
                None,
            )
            if hit is not None:
                found.add(Mention(hit[0], tail.end(), entry_actor(hit[1], lexicon), "name"))
                continue
        known = lexicon.lookup(name) or lexicon.lookup(" ".join(words[1:]))
        if known:
            if known[0].section == "actors":
                found.add(Mention(start, end, entry_actor(known[0], lexicon), "name"))
            continue
        if " and " in name and lexicon.lookup(name.rsplit(" and ", 1)[1]):
            continue  # "Rishi Sunak and European Commission": two names, not one organisation
        head = heads[0]
        body = _bare_body(name, start, found, lexicon) if head in _BODY_HEADS else None
        if body is not None:
            found.add(Mention(start, end, body, "name"))
            continue
        country = None
        first = POSSESSIVE.sub("", words[0])
        country = lexicon.demonyms.get(first) or next(
            (e.key for e in lexicon.lookup(first) if e.kind == "Country"), None
        )
        kind = (
            "GovernmentBody"
            if head in _BODY_HEADS
            else "InterestGroup"
            if head in _GROUP_HEADS
            else "Organization"
        )
        found.add(
            Mention(
                start,
                end,
                local_actor(kind, name, "organisation-name", affiliation=country),
                "organisation",
            )
        )


# "Chile's foreign ministry", "the Chilean trade department": a body of a country, written
# in lower case, speaking as such (not "ministry spokesman ...", a person's title)
_LOWER_BODY = re.compile(
    r"\b((?:[A-Z]\.){2,}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(['’]s?)?\s+"
    r"((?:[a-z]+\s+){0,2}?)(ministry|department|office|parliament|senate|embassy|agency|"
    r"regulator)\b(?!['’])"
    r"(?=\s*[,.;:]|\s+(?!(?:spokes\w*|officials?|minister|secretary|head|chief|director|"
    r"adviser|advisor|official|staff|representative|building|speaker|chair\w*|president|"
    r"members?|of|for)\b)[a-z])"
)


def lowercase_bodies(text: str, found: Mentions, lexicon: Lexicon) -> None:
    """ "Chile's foreign ministry said", "the Chilean trade ministry": the reference body of
    that name in that country when it has one, else a government body named as written (a
    ministry speaking as such is that body, not its country)."""
    for m in _LOWER_BODY.finditer(text):
        start, first = m.start(), m.group(1)
        if first.startswith("The "):  # "The Chilean foreign ministry"
            start, first = start + 4, first[4:]
        country = country_key(first, lexicon)
        if country is None or (m.group(2) and first in lexicon.demonyms):
            continue
        words = m.group(3).split()
        if any(w in lexicon.speech["officials"] or w in _NOT_GROUP_WORDS for w in words):
            continue
        bare = " ".join([*words, m.group(4)])
        key = next((k for c, k in lexicon.bare_bodies.get(bare, []) if c == country), None)
        if key is not None:
            actor = entry_actor(Entry("actors", key, "GovernmentBody"), lexicon)
        else:
            name = " ".join(text[start : m.end()].split())
            actor = local_actor("GovernmentBody", name, "organisation-name", affiliation=country)
        found.add(Mention(start, m.end(), actor, "organisation"))


def _bare_body(name: str, start: int, found: Mentions, lexicon: Lexicon) -> Actor | None:
    """ "the Commerce Ministry" with no country in its name: the reference body of that
    name in the country the article names last before it (or first, when it names none
    before), when that country has one; else None."""
    bodies = lexicon.bare_bodies.get(name.lower().removeprefix("the "))
    if not bodies:
        return None
    countries = [m for m in found.found if m.actor.kind == "Country"]
    before = [m for m in countries if m.end <= start]
    after = sorted((m for m in countries if m.start >= start), key=lambda m: m.start)
    nearest = max(before, key=lambda m: m.start) if before else (after[0] if after else None)
    if nearest is None:
        return None
    key = next((k for c, k in bodies if c == nearest.actor.key), None)
    return entry_actor(Entry("actors", key, "GovernmentBody"), lexicon) if key else None


def interest_groups(text: str, found: Mentions, lexicon: Lexicon) -> None:
    """ "U.S. dairy groups", "Canadian provinces": people of a country who are not its
    government, as a group of their own."""
    for m in _INTEREST.finditer(text):
        country = country_key(POSSESSIVE.sub("", m.group(1)), lexicon)
        if country is None or any(w in lexicon.speech["officials"] for w in m.group(2).split()):
            continue
        name = " ".join(text[m.start() : m.end()].split())
        found.add(
            Mention(
                m.start(),
                m.end(),
                local_actor("InterestGroup", name, "interest-group", affiliation=country),
                "group",
            )
        )


def interest_groups_in(text: str, found: Mentions, lexicon: Lexicon) -> None:
    """ "Farmers' groups in Ireland", "dairy producers from France": an interest group of
    that country, named by the words as written."""
    for m in _INTEREST_IN.finditer(text):
        country = country_key(m.group(2), lexicon)
        lead = _LEAD_WORDS.search(text, max(0, m.start(1) - 40), m.start(1))
        start = lead.start() if lead else m.start(1)  # "dairy farmers in France"
        words = text[start : m.end(1)].split()
        if country is None or any(w.lower() in lexicon.speech["officials"] for w in words):
            continue
        for word in words[:-1]:  # "while dairy farmers in France": the group, not "while"
            if word.lower() not in _NOT_GROUP_WORDS:
                break
            start = text.index(word, start) + len(word)
            start += len(text[start:]) - len(text[start:].lstrip())
        name = " ".join(text[start : m.end()].split())
        found.add(
            Mention(
                start,
                m.end(),
                local_actor("InterestGroup", name, "interest-group", affiliation=country),
                "group",
            )
        )


def unnamed_sources(text: str, lexicon: Lexicon, found: Mentions) -> None:
    nouns = "|".join(
        sorted(
            (re.escape(n) for n in lexicon.speech["sources"].by_length.get(1, ())),
            key=len,
            reverse=True,
        )
    )
    cues = "|".join(
        sorted(
            (
                re.escape(c).replace("\\ ", r"\s+")
                for length in lexicon.speech["source_cues"].by_length.values()
                for c in length
            ),
            key=len,
            reverse=True,
        )
    )
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
        if (
            comma
            and (m.start() - 4 + comma.start() if m.start() >= 4 else comma.start()) in person_ends
        ):
            continue  # "Pieter de Wolf, a spokesman for ...": a named person's role
        modifiers, noun, cue = m.group(1).strip(), m.group(2).lower(), m.group(3)
        if modifiers and any(
            w.lower() in ("of", "the", "and", "said", "to") for w in modifiers.split()
        ):
            continue
        if not cue and noun not in _SOURCE_ALONE:
            continue  # "two people" alone is not a source; "two people familiar with ..." is
        end = m.end(3) if cue else m.end(2)
        description = " ".join(text[m.start() : end].split()).rstrip(",")
        actor = Actor(
            "source-" + slug(description)[:48].strip("-"),
            "UnnamedSource",
            description,
            True,
            found_by="unnamed-source",
        )
        found.add(Mention(m.start(), end, actor, "source"))


# "Unifor, Canada's largest private-sector union,", "The Global Times, a Chinese state-run
# tabloid,": a name the rules do not know, then what kind of organisation it is
ORG_APPOSITIVE = re.compile(
    r"(?<![\w’'-])((?:(?:[A-Z]\.){2,}|[A-Z][\w&’'-]*)(?:\s+(?:[A-Z]\.){2,}|\s+[A-Z][\w&’'-]*){0,3})"
    r",\s+(?:a|an|the|[A-Z][\w.]*['’]s)\s+(?:(?!(?:at|for|of|in|with|to|on|by)\s)[\w-]+\s+){0,4}?"
    r"(?P<head>union|trade\s+union|newspaper|tabloid|news\s+agency|agency|association|"
    r"lobby\s+group|lobby|federation|industry\s+group|business\s+group|think\s+tank|"
    r"company|firm|carmaker|automaker|steelmaker|manufacturer|exporter|bank|broadcaster)"
    r"(?=[,.;]|\s+(?:that|which|for|of|in|and)\b)"
)
_ORG_HEAD = re.compile(
    r"(?:union|newspaper|tabloid|agency|association|lobby|federation|group|tank|company|"
    r"firm|maker|manufacturer|exporter|bank|broadcaster)(?:[,.;]|\s+(?:that|which|for|of|in|and)\b)"
)
_GROUP_KINDS = frozenset(
    {
        "union",
        "trade union",
        "association",
        "lobby group",
        "lobby",
        "federation",
        "industry group",
        "business group",
    }
)


def organisation_appositives(text: str, found: Mentions, lexicon: Lexicon) -> None:
    """ "Unifor, Canada's largest private-sector union, said": an organisation the reference
    data lacks, named by the kind of organisation it is; not a name found already (a person
    or a known body) and not a place ("Ottawa, the capital, ...")."""
    if not _ORG_HEAD.search(text):
        return  # most articles describe no organisation so: one cheap look first
    for m in ORG_APPOSITIVE.finditer(text):
        name = m.group(1)
        if name.split()[0] in ("The", "A", "An"):
            name = name.split(" ", 1)[1] if " " in name else ""
        start = m.end(1) - len(name)
        if not name or found.at(start) is not None or found.at(m.end(1) - 1) is not None:
            continue
        if lexicon.lookup(name) or name.split()[0] in lexicon.given_names:
            continue
        head = " ".join(m.group("head").split()).lower()
        kind = "InterestGroup" if head in _GROUP_KINDS else "Organization"
        found.add(Mention(start, m.end(1), local_actor(kind, name, "organisation"), "name"))


_CITES_BEFORE = re.compile(r"(?:\bsaid|\btold|\baccording\s+to|\bwrote|\breported)\s+(?:the\s+)?$")
_CITES_AFTER = re.compile(
    r"['’]?s?\s+(?:also\s+)?(?:said|says|reported|reports|wrote|writes|quoted|cited|"
    r"added|noted)\b"
)


def outlets(text: str, found: Mentions, lexicon: Lexicon) -> None:
    """ "said Politico", "the Wall Street Journal reported", "according to Xinhua": a news
    outlet of the lexicon's ``outlets`` list, written with its capitals, cited as a source,
    is an organisation; the outlet that publishes the article is not cited in its text."""
    phrases = lexicon.speech["outlets"]
    lowered = text.lower()
    if not any(p in lowered for group in phrases.by_length.values() for p in group):
        return  # most articles cite none: one look at the text decides
    for m in phrases.pattern.finditer(text):
        words = m.group(0).split()
        if any(w[:1].islower() and w not in ("and", "of") for w in words):
            continue  # "the guardian of ...", "a bloomberg terminal": not the name
        if found.at(m.start()) is not None:
            continue
        if not (
            _CITES_BEFORE.search(text, max(0, m.start() - 20), m.start())
            or _CITES_AFTER.match(text, m.end())
        ):
            continue
        name = m.group(0)
        found.add(Mention(m.start(), m.end(), local_actor("Organization", name, "outlet"), "name"))


_REPORTS = re.compile(
    r"\b(?:[Ll]ocal|[Mm]edia|[Pp]ress|[Nn]ews)\s+(?:media\s+)?reports\b|\b[Ll]ocal\s+media\b|"
    # "EU sources", "diplomatic sources", "government sources"
    r"\b(?:(?:[A-Z]\.){2,}|[A-Z]{2,}|[A-Z][a-z]+an|[Dd]iplomatic|[Gg]overnment|[Ii]ndustry|"
    r"[Oo]fficial|[Ss]enior|[Tt]rade|[Ww]estern|[Pp]arty)\s+sources\b"
)


def media_reports(text: str, found: Mentions) -> None:
    """ "Local reports said ...", "media reports", "local media": the press as an unnamed
    source."""
    if "reports" not in text and "sources" not in text and "media" not in text:
        return  # one cheap look first
    for m in _REPORTS.finditer(text):
        if found.at(m.start()) is not None:
            continue
        description = " ".join(m.group(0).split())
        actor = Actor(
            "source-" + slug(description),
            "UnnamedSource",
            description,
            True,
            found_by="unnamed-source",
        )
        found.add(Mention(m.start(), m.end(), actor, "source"))


def source_anaphora(text: str, found: Mentions) -> None:
    """ "the official said", "one of them said": the unnamed source named last."""
    sources = [m for m in found.found if m.actor.kind == "UnnamedSource"]
    if not sources:
        return
    starts = [m.start for m in sources]
    roles = [(m.start, m.end) for m in found.found if m.via == "role"]
    for m in _SOURCE_AGAIN.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in roles):
            continue  # "the spokeswoman": the one named with that title, named after the source
        i = bisect_left(starts, m.start()) - 1
        if i < 0 or m.start() - sources[i].end > 2000 or sources[i].end > m.start():
            continue
        found.add(Mention(m.start(), m.end(), sources[i].actor, "source-again"))
