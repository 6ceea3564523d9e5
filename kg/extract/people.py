"""People found without the reference data's help: by title ("U.S. Trade Representative
Robert Lighthizer"), by appositive ("Jane Smith, Canada's chief negotiator,"), and again by
surname or honorific ("Lighthizer said", "Ms. Ng"); ``person`` makes or reuses a person's
actor."""

from __future__ import annotations

import re
from bisect import bisect_right

from kg.extract.known import KnownPeople, KnownPerson
from kg.extract.lexicon import Entry, Lexicon, fold, title_head
from kg.extract.mentions import (
    POSSESSIVE,
    Actor,
    Mention,
    Mentions,
    Titled,
    Token,
    country_key,
    entry_actor,
    joined,
    slug,
)
from kg.iris import name_key

_UP, _LOW = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"  # Latin letters, accented ones too: "Andrés López"
_NAME_WORD = re.compile(
    rf"(?:[{_UP}][{_LOW}]+(?:-[{_UP}]?[{_LOW}]+)?|[{_UP}][{_LOW}]*[{_UP}][{_LOW}]+|"
    rf"O['’][{_UP}][{_LOW}]+)$"
)
_NAME_PARTICLES = frozenset({"de", "van", "von", "da", "di", "del", "der", "al", "bin", "le", "la"})
_NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "of",
        "for",
        "and",
        "but",
        "or",
        "said",
        "says",
        "told",
        "according",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "he",
        "she",
        "they",
        "we",
        "it",
        "his",
        "her",
        "their",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "while",
        "when",
        "after",
        "before",
        "during",
        "minister",
        "secretary",
        "president",
        "premier",
        "chancellor",
        "ambassador",
        "commissioner",
        "trade",
        "foreign",
        "economy",
        "deputy",
        "vice",
        "chief",
        "representative",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "senator",
        "governor",
        "mr",
        "ms",
        "mrs",
        "dr",
        "prime",
        "general",
        "director",
        "negotiator",
    ]
)
# a capitalised word used alone for a person: "Geng said", "Xi, who spoke first,", "Mr. Xi",
# "said Liu"
_SAYER = re.compile(
    r"\b([A-Z][\w-]*)(?:['’]s)?\s+(?:also\s+)?(?:said|says|told|added|urged|urges|warned|"
    r"warns|insisted|insists|rejected|rejects|proposed|proposes|demanded|demands|called|"
    r"criticised|criticized|accused|welcomed|vowed|pledged|dismissed|stressed|argued)\b|"
    r"\b([A-Z][\w-]*),\s+who\b|\b(?:Mr|Ms|Mrs)\.?\s+([A-Z][\w-]*)\b(?!\s+[A-Z])|"
    r"\b(?:said|says|told|added)\s+(?:(?:Mr|Ms|Mrs)\.?\s+)?([A-Z][\w-]*)\b(?!\s+[A-Z])"
)
_OWNER = re.compile(r"['’]s$")
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}$")  # "U.S.", "U.K."
_BODIES = frozenset({"ministry", "department", "office", "embassy", "mission"})
_KNIGHTED = frozenset({"Sir", "Dame"})
# pronouns and other words that are also surnames, read as names only right after a title
_SURNAMES_LIKE_WORDS = frozenset({"He"})
# words between a country and a title that qualify the title: "China's commerce ministry
# spokeswoman", "the U.S. State Department spokesman"
_TITLE_MODIFIERS = frozenset(
    {
        "ministry",
        "commerce",
        "foreign",
        "trade",
        "finance",
        "economy",
        "department",
        "state",
        "office",
        "government",
        "embassy",
        "mission",
        "affairs",
    }
)
# "the U.S. ", "Canada's ": what comes before a role's title (the last "the" or possessive)
_ROLE_LEAD = re.compile(r".*(?:\b[Tt]he|['’]s)\s+((?:[\w.’'-]+\s+){0,3})$", re.DOTALL)
_OWNER_BEFORE = re.compile(r"([\w.-]+)['’]s\s+$")
_NAME_AFTER_ROLE = re.compile(r"['’]s\b|\s+[A-Z][a-z]|-")
_SPACE = re.compile(r"[ \t]+\n?[ \t]*|\n[ \t]*")  # spaces with one line break at most
_COMMA = re.compile(r",\s+")
_KNIGHT = re.compile(r"\b(?:Sir|Dame)\s+([A-Z][a-z]+)\b(?!\s+[A-Z])")
_HONORIFIC = re.compile(r"\b(?:Mr|Ms|Mrs|Dr)\.?\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
_APPOSITIVE_TAIL = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+)?((?:[\w.’'-]+\s+){0,5}?[\w’'-]+)"
    r"(?:,|[.;](?=\s|$)|\s+(?:of|for|at|in|to)\b|\s+said\b)"
)
_NAME_COMMA = re.compile(
    rf"\b([{_UP}][{_LOW}]+(?:\s+(?:(?:de|van|von|da|di|del|der|le|la|bin|al)\s+){{0,2}}"
    rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?){{1,2}}),"
)
_NOT_APPOSITIVE = frozenset(
    {
        "which",
        "who",
        "whom",
        "whose",
        "that",
        "where",
        "when",
        "while",
        "and",
        "but",
        "as",
        "said",
        "says",
        "told",
        "if",
        "because",
    }
)


def title_person(text: str, toks: list[Token], i: int, lexicon: Lexicon, found: Mentions) -> int:
    """[Country] Title Firstname Lastname: "U.S. Trade Representative Robert Lighthizer"."""
    longest = lexicon.title_starts.get(toks[i].text.lower(), 0)
    for n in range(min(longest, len(toks) - i), 0, -1):
        words = joined(text, toks, i, n)
        if words is None or fold(words).lower() not in lexicon.titles:
            continue
        n = n + _title_complement(text, toks, i + n)
        if i + n < len(toks) and toks[i + n].text in _KNIGHTED:
            n += 1  # "Labour leader Sir Keir Starmer": the name is Keir Starmer
        name_len = _name_at(text, toks, i + n, titled=True)
        gap = text[toks[i + n - 1].end : toks[i + n].start] if name_len else ""
        if _COMMA.fullmatch(gap):  # "Canada's trade minister, Marianne Beaulieu, said"
            after = toks[i + n + name_len - 1].end
            # (or the sentence's end: "..., said Peru's trade minister, Ana Ruiz.")
            if text[after : after + 1] != "," and not re.match(
                r"[.;](?:\s|$)", text[after : after + 2]
            ):
                continue
        elif not name_len or not _SPACE.fullmatch(gap):
            continue
        first = _modifiers_before(toks, i)
        country, _ = _country_before(text, toks, first, lexicon)
        if country is None and first < i:
            country = _body_before(text, toks[first].start, toks[i].start, found)
        start, end = toks[i + n].start, toks[i + n + name_len - 1].end
        if _OWNER.search(text, start, end):
            end -= 2  # "Prime Minister Boris Johnson's spokesman": the name is Boris Johnson
        actor = person(text[start:end], country, lexicon, found)
        found.add(Mention(start, end, actor, "title"))
        found.titled.append(Titled(toks[i].start, toks[i + n - 1].end, actor, fold(words).lower()))
        return n + name_len
    return 0


def _title_complement(text: str, toks: list[Token], j: int) -> int:
    """ "undersecretary for foreign trade, Rodrigo Salvatierra,": the words after a title up
    to the comma before the name (at most four, starting with for/of/at)."""
    if j >= len(toks) or toks[j].text not in ("for", "of", "at", "to"):
        return 0
    for k in range(1, 6):
        if j + k >= len(toks):
            return 0
        if _COMMA.fullmatch(text[toks[j + k - 1].end : toks[j + k].start]):
            return k if _name_at(text, toks, j + k) else 0
        if not _SPACE.fullmatch(text[toks[j + k - 1].end : toks[j + k].start]):
            break
    # "Minister of State for Trade Policy Greg Hands": no comma; capitalised words, of which
    # the last two are the name
    k = 2 if j + 1 < len(toks) and toks[j + 1].text == "the" else 1
    run = 0
    while j + k + run < len(toks) and run < 7:
        word = toks[j + k + run].text
        if not _NAME_WORD.match(word) and word not in ("and", "of") and not _INITIALS.match(word):
            break
        if not _SPACE.fullmatch(text[toks[j + k + run - 1].end : toks[j + k + run].start]):
            break
        run += 1
    if run >= 3 and _name_at(text, toks, j + k + run - 2) == 2:
        return k + run - 2
    return 0


def _name_at(text: str, toks: list[Token], i: int, titled: bool = False) -> int:
    """How many tokens from i form a capitalised person name (2 or 3 words; 4 after a title),
    or 0. Right after a title, "He" is part of a name ("spokeswoman He Yadong", "Vice Premier
    Liu He"): there it is no pronoun."""
    n = 0
    particles = 0  # "de la" in "Luz Maria de la Mora" do not count towards the length
    while i + n < len(toks) and n - particles < 4 and n < 6:
        word = toks[i + n].text
        owner = bool(n) and bool(_OWNER.search(word))  # "Boris Johnson's": the name's end
        if owner:
            word = word[:-2]
        name_word = bool(_NAME_WORD.match(word)) and (
            word.lower() not in _NOT_NAMES or (titled and word in _SURNAMES_LIKE_WORDS)
        )
        if name_word:
            n += 1
        elif n and word in _NAME_PARTICLES and i + n + 1 < len(toks):
            n += 1
            particles += 1
        else:
            break
        if n > 1 and not _SPACE.fullmatch(text[toks[i + n - 2].end : toks[i + n - 1].start]):
            n -= 1
            break
        if owner:
            break
    while n and toks[i + n - 1].text in _NAME_PARTICLES:
        n -= 1
        particles -= 1
    return n if 2 <= n - particles <= (4 if titled else 3) and n - particles >= 2 else 0


def _body_before(text: str, start: int, end: int, found: Mentions) -> str | None:
    """ "ministry spokeswoman He Yadong" after "China's commerce ministry": the body named
    last with the same noun ("ministry", "department") in the 1,500 characters before."""
    nouns = {w for w in text[start:end].lower().split() if w in _BODIES}
    for m in reversed(found.found):  # in text order so far: the finders add as they read
        if m.start >= start:
            continue
        if start - m.end > 1500:
            break
        if m.actor.kind == "GovernmentBody" and nouns & set(text[m.start : m.end].lower().split()):
            return m.actor.key
    return None


def _modifiers_before(toks: list[Token], i: int) -> int:
    """The token before the words that qualify a title ("commerce ministry spokeswoman"):
    the country, if any, comes before them ("China's commerce ministry spokeswoman")."""
    j = i
    while j > 0 and i - j < 3 and toks[j - 1].text.lower() in _TITLE_MODIFIERS:
        j -= 1
    return j


def _country_before(
    text: str, toks: list[Token], i: int, lexicon: Lexicon
) -> tuple[str | None, int]:
    """A country/demonym/possessive just before token i: ("canada", its token index)."""
    if i == 0:
        return None, i
    for n in (3, 2, 1):
        j = i - n
        if j < 0:
            continue
        words = joined(text, toks, j, n)
        if words is None:
            continue
        bare = POSSESSIVE.sub("", words)
        if bare in lexicon.demonyms:
            return lexicon.demonyms[bare], j
        for entry in lexicon.lookup(bare):
            if entry.section == "actors" and entry.kind in (
                "Country",
                "Organization",
                "GovernmentBody",
            ):
                return entry.key, j
    return None, i


def person(
    name: str, country: str | None, lexicon: Lexicon, found: Mentions, found_by: str = "title"
) -> Actor:
    for entry in lexicon.lookup(name):
        if entry.section == "actors" and entry.kind == "Person":
            return entry_actor(entry, lexicon)
    key = slug(name)
    known = found.actors.get(key)
    if known is not None:
        return known
    return Actor(key, "Person", name, True, affiliation=country, found_by=found_by)


def appositives(text: str, found: Mentions, lexicon: Lexicon) -> None:
    """ "Jane Smith, Canada's chief negotiator, said" -> a person."""
    for m in _NAME_COMMA.finditer(text):
        name = m.group(1)
        if any(w.lower() in _NOT_NAMES for w in name.split()) or lexicon.lookup(name):
            continue
        if re.search(r"\b(?:the|a|an)\s+$", text[max(0, m.start() - 5) : m.start()], re.IGNORECASE):
            continue  # "the Federal Register, which ..." names a thing, not a person
        tail = _APPOSITIVE_TAIL.match(text, m.end() - 1)
        if tail is None:
            continue
        words = fold(tail.group(1)).lower().split()
        if not words or words[0] in _NOT_APPOSITIVE:
            continue
        title = next((k for k in range(len(words)) if " ".join(words[k:]) in lexicon.titles), None)
        if title is None and any(" ".join(words[:k]) in lexicon.titles for k in (1, 2, 3)):
            title = 0  # "Vijay Thakur Singh, Secretary East in the Ministry of ...,"
        if title is None:
            continue
        country = None
        for w in tail.group(1).split()[:title]:
            country = country or country_key(POSSESSIVE.sub("", w), lexicon)
        actor = person(name, country, lexicon, found)
        found.add(Mention(m.start(1), m.end(1), actor, "title"))
        found.titled.append(Titled(tail.start(1), tail.end(1), actor, " ".join(words[title:])))


def roles(text: str, found: Mentions, lexicon: Lexicon) -> None:
    """ "the U.S. president", "the spokeswoman", "Canada's foreign minister" with no name
    after it: the one person named before with that title (and that country, if one is
    given); when there are none or several, nobody."""
    titles: dict[str, set[str]] = {}  # title head -> people named with it
    for t in found.titled:
        titles.setdefault(title_head(t.title), set()).add(t.actor.key)
    for m in found.found:
        for head in lexicon.roles.get(m.actor.key, ()):
            titles.setdefault(head, set()).add(m.actor.key)
    if not titles:
        return
    spans = [(t.start, t.end) for t in found.titled]
    heads = re.compile(r"\b(?:" + "|".join(map(re.escape, titles)) + r")\b", re.IGNORECASE)
    for h in heads.finditer(text):
        if _NAME_AFTER_ROLE.match(text, h.end()) or any(a <= h.start() < b for a, b in spans):
            continue  # "Canada's chief negotiator, Louise Tremblay-Hart": her title
        lead = _ROLE_LEAD.match(text[max(0, h.start() - 80) : h.start()])
        if lead is None or found.at(h.start()) is not None:
            continue
        country: str | None = None
        words = lead.group(1).split()
        owner = _OWNER_BEFORE.search(
            text, max(0, h.start() - len(lead.group(1)) - 40), h.start() - len(lead.group(1))
        )
        if owner is not None:
            words.insert(0, owner.group(1))  # "Britain's chief negotiator": the owner
        for word in words:
            key = country_key(POSSESSIVE.sub("", word), lexicon)
            if key is not None:
                country = country or key
            elif not word.islower():
                break
        else:
            head = h.group(0).lower()
            before = [m for m in found.found if m.end <= h.start()]
            # "the Canadian prime minister" is not Canada's foreign minister: the words that
            # make the head a longer title must be in the person's own title
            lower = [w for w in words if w.islower()]
            qualifier = next(
                (
                    set(lower[k:])
                    for k in range(len(lower))
                    if " ".join([*lower[k:], head]) in lexicon.titles
                ),
                set(),
            )
            named = {
                m.actor
                for m in before
                if m.actor.key in titles[head]
                and (country is None or m.actor.affiliation in (country, None))
                and (not qualifier or _has_title(found, m.actor, qualifier))
            }
            last = max((m.end for m in before if m.actor in named), default=-1)
            if any(
                m.actor.kind == "UnnamedSource" and m.end > last and head in m.actor.name.lower()
                for m in before
            ):
                continue  # "a spokesman" named after the spokesman Jane Roe: "the spokesman"
            if len(named) == 1:
                start = h.start() - len(lead.group(1))
                found.add(Mention(start, h.end(), named.pop(), "role"))


def _has_title(found: Mentions, actor: Actor, words: set[str]) -> bool:
    """Whether the article titles the person with those words ("prime"), or titles them
    with no title at all (a reference person known by their posts)."""
    own = [t.title for t in found.titled if t.actor == actor]
    return not own or any(words <= set(t.split()) for t in own)


# titles one person holds at a time in a country or body: "President Macron", "Trade
# Commissioner Malmström" name one person by the surname alone; "deputy foreign minister
# Guimaraes", "spokesman Geng", "Senator Grassley"'s titles are many people's, and a surname
# after them is left to the people the article or the store names in full
_ONE_HOLDER = frozenset(
    {
        "president",
        "president-elect",
        "vice president",
        "prime minister",
        "premier",
        "chancellor",
        "trade representative",
        "trade commissioner",
        "commission president",
        "secretary-general",
        "secretary general",
        "director-general",
        "director general",
        "high representative",
        "chief negotiator",
        "trade minister",
        "international trade minister",
        "minister of international trade",
        "minister for trade",
        "minister for international trade",
        "minister of trade",
        "commerce minister",
        "minister of commerce",
        "economy minister",
        "minister of economy",
        "finance minister",
        "minister of finance",
        "foreign minister",
        "minister of foreign affairs",
        "agriculture minister",
        "minister of agriculture",
        "industry minister",
        "business secretary",
        "trade secretary",
        "international trade secretary",
        "brexit secretary",
        "foreign secretary",
        "secretary of state",
        "commerce secretary",
        "secretary of commerce",
        "treasury secretary",
        "secretary of the treasury",
        "agriculture secretary",
        "secretary of agriculture",
        "house speaker",
    }
)
# the last words of those titles, as written in lower case after a name and a comma
_ONE_HOLDER_HEADS = frozenset(
    {
        "president",
        "minister",
        "premier",
        "chancellor",
        "representative",
        "commissioner",
        "general",
        "negotiator",
        "secretary",
        "speaker",
    }
)
# words before such a title that make it many people's again: "deputy Prime Minister Ali"
_NOT_ONE_HOLDER = frozenset(
    {"deputy", "vice", "assistant", "associate", "junior", "acting", "shadow", "under", "ex"}
)


def titled_surnames(
    text: str,
    toks: list[Token],
    found: Mentions,
    lexicon: Lexicon,
    known: KnownPeople | None = None,
) -> None:
    """ "President Macron", "EU Trade Commissioner Malmström": a capitalised title that one
    person holds at a time, then one name word, when the article names no one in full with
    that surname and no known person has it (kg.extract.known: then it is theirs): a person
    known by the surname alone."""
    surnames = {
        w
        for m in found.found
        if m.actor.kind == "Person"
        for w in (m.actor.name.split()[0], m.actor.name.split()[-1])
    }
    for i, tok in enumerate(toks):
        if not tok.text[:1].isupper():
            continue  # a title before a surname alone is capitalised: one cheap look first
        longest = lexicon.title_starts.get(tok.text.lower(), 0)
        if not longest:
            continue
        for n in range(min(longest, len(toks) - i - 1), 0, -1):
            words = joined(text, toks, i, n)
            title = fold(words).lower() if words is not None else ""
            if title in _ONE_HOLDER and title in lexicon.titles:
                break
        else:
            continue
        j = i + n
        name, nxt = toks[j], toks[j + 1] if j + 1 < len(toks) else None
        word = POSSESSIVE.sub("", name.text)
        if (
            not toks[j - 1].text[:1].isupper()
            or text[toks[j - 1].end : name.start] != " "
            or not _NAME_WORD.match(word)
            or word.lower() in _NOT_NAMES
            or word in surnames
            or lexicon.lookup(word)
            or (known is not None and known.surname(word) is not None)
            or found.at(name.start) is not None
        ):
            continue
        if nxt is not None and _NAME_WORD.match(nxt.text) and text[name.end : nxt.start] == " ":
            continue  # "President Donald Trump", "President Trump Tower": a longer name
        if i and fold(toks[i - 1].text).lower().rstrip("-") in _NOT_ONE_HOLDER:
            continue
        first = _modifiers_before(toks, i)
        country, _ = _country_before(text, toks, first, lexicon)
        actor = person(word, country, lexicon, found)
        found.add(Mention(name.start, name.start + len(word), actor, "title"))
        found.titled.append(Titled(tok.start, toks[j - 1].end, actor, title))
        surnames.add(word)
    if not any(head in text for head in _ONE_HOLDER_HEADS):
        return
    for m in _SURNAME_APPOSITIVE.finditer(text):
        # "Guajardo, Mexico's economy minister, said": the same, with the title after
        word, owner, title = m.group(1), m.group(2), fold(m.group(3)).lower()
        if (
            title not in _ONE_HOLDER
            or title not in lexicon.titles
            or _NAME_BEFORE.search(text, max(0, m.start() - 30), m.start())
            or word.lower() in _NOT_NAMES
            or word in surnames
            or lexicon.lookup(word)
            or (known is not None and known.surname(word) is not None)
            or found.at(m.start(1)) is not None
        ):
            continue
        country = country_key(POSSESSIVE.sub("", owner), lexicon) if owner else None
        if owner and country is None:
            continue  # "Smith, the firm's trade minister": not a country's office
        actor = person(word, country, lexicon, found)
        found.add(Mention(m.start(1), m.end(1), actor, "title"))
        found.titled.append(Titled(m.start(3), m.end(3), actor, title))
        surnames.add(word)


_SURNAME_APPOSITIVE = re.compile(
    rf"(?<![\w’'.-])([{_UP}][{_LOW}]+(?:-[{_UP}]?[{_LOW}]+)?),[ \t]+(?:the[ \t]+)?"
    rf"(?:((?:[{_UP}][\w.]*)(?:['’]s)?)[ \t]+)?([a-z][a-z-]*(?:[ \t]+[a-z][a-z-]*){{0,3}}),"
)
# a capitalised word right before a name: the name is longer than one word
_NAME_BEFORE = re.compile(rf"[{_UP}][\w.’'-]*[ \t]+$")


def given_names(text: str, toks: list[Token], found: Mentions, lexicon: Lexicon) -> None:
    """ "Rishi Sunak and ... have agreed": a person named with no title, when the name starts
    with a given name of data/lexicon/given-names.yaml and is not part of a longer capitalised
    name ("George Washington University") or of anything found already."""
    for i, tok in enumerate(toks):
        if tok.text not in lexicon.given_names or found.at(tok.start) is not None:
            continue
        if (
            i
            and _NAME_WORD.match(toks[i - 1].text)
            and _SPACE.fullmatch(text[toks[i - 1].end : tok.start])
        ):
            continue  # "Lake Victoria", "St George": a capitalised word before
        n = _name_at(text, toks, i)
        if not n or any(found.at(toks[k].start) for k in range(i, i + n)):
            continue
        end = toks[i + n - 1].end
        if (
            i + n < len(toks)
            and _NAME_WORD.match(toks[i + n].text)
            and _SPACE.fullmatch(text[end : toks[i + n].start])
        ):
            continue
        if "/" in text[max(0, tok.start - 1) : end + 1]:
            continue  # a photo credit: "(Emmanuel Dunand/AFP)", "(Photo: Reuters/Jane Roe)"
        if _OWNER.search(text, tok.start, end):
            end -= 2
        name = text[tok.start : end]
        if lexicon.lookup(name) and not any(e.kind == "Person" for e in lexicon.lookup(name)):
            continue
        found.add(Mention(tok.start, end, person(name, None, lexicon, found, "given-name"), "name"))


def surnames(
    text: str,
    toks: list[Token],
    found: Mentions,
    known: KnownPeople | None = None,
    lexicon: Lexicon | None = None,
) -> None:
    """Later mentions of a person by surname ("Lighthizer said") or honorific ("Ms. Ng");
    with ``known`` (and the lexicon), also a surname the article never gave a full name for,
    as a speaker or with a title or honorific ("Dombrovskis said"): the one known person with
    that surname (see kg.extract.known)."""
    by_surname: dict[str, Actor] = {}
    sayers: set[str] | None = None  # capitalised words right before "said", "told" ...
    for mention in found.found:
        if mention.actor.kind == "Person" and mention.actor.name not in by_surname:
            words = mention.actor.name.split()
            if words[-1].lower() not in _NOT_NAMES:  # "Liu He": "He" alone is a pronoun
                by_surname.setdefault(words[-1], mention.actor)
            if len(words) == 2:
                if sayers is None:
                    sayers = {w for groups in _SAYER.findall(text) for w in groups if w}
                if words[0] in sayers:
                    # family name first ("Geng Shuang" ... "Geng said", "Liu He" ... "Liu said")
                    by_surname.setdefault(words[0], mention.actor)
            by_surname.setdefault(mention.actor.name, mention.actor)
    if known is not None and lexicon is not None:
        _known_surnames(text, toks, found, known, lexicon, set(by_surname))
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
        word = POSSESSIVE.sub("", tok.text)
        actor = by_surname.get(word)
        if actor is not None and tok.text[:1].isupper():
            found.add(Mention(tok.start, tok.start + len(word), actor, "surname"))
    for m in _HONORIFIC.finditer(text):
        actor = by_surname.get(m.group(1))
        if actor is not None:
            found.add(Mention(m.start(), m.end(), actor, "surname"))
    if "Sir " not in text and "Dame " not in text:
        return
    by_first: dict[str, set[Actor]] = {}
    for mention in found.found:
        if mention.actor.kind == "Person" and len(mention.actor.name.split()) > 1:
            by_first.setdefault(mention.actor.name.split()[0], set()).add(mention.actor)
    for m in _KNIGHT.finditer(text):  # "Sir Keir": a knight by the first name
        people = by_first.get(m.group(1), set())
        if len(people) == 1:
            found.add(Mention(m.start(), m.end(), next(iter(people)), "surname"))


_HONORIFICS = frozenset({"Mr", "Ms", "Mrs", "Dr"})
_SAID_BEFORE = re.compile(r"\b(?:said|says|added|according\s+to)\s+$")
# words between a name and its verb: "Dombrovskis also said", "Marquardt has rejected"
_ADVERBS = re.compile(
    r"[ \t]+(?:(?:also|later|then|again|earlier|separately|has|have|had|was|is|would|will)"
    r"[ \t]+)?"
)
_APPOSITION = re.compile(r",[ \t]+((?:the|a|an|[A-Z][\w.]*['’]s)[ \t][^,.;“”\x22]{1,60}),")
_ACT_LISTS = ("say", "characterise", "demand", "object", "reject", "threaten", "support")


def _known_surnames(
    text: str,
    toks: list[Token],
    found: Mentions,
    known: KnownPeople,
    lexicon: Lexicon,
    own: set[str],
) -> None:
    """A surname alone that belongs to exactly one known person and to none of the people
    the article names: that person, where the words show a person is meant (an honorific or
    a title before it, a speech-act verb after it, "said X")."""
    own_keys = {name_key(w) for w in own}
    taken = sorted((m.start, m.end) for m in found.found)
    starts = [a for a, _ in taken]
    for i, tok in enumerate(toks):
        word = POSSESSIVE.sub("", tok.text)
        if not _NAME_WORD.match(word) or word.lower() in _NOT_NAMES:
            continue
        key = name_key(word)
        if key in own_keys:
            continue  # the article's own person of that name (or two people: nobody)
        person = known.surname(word)
        if person is None or lexicon.lookup(word):
            continue
        k = bisect_right(starts, tok.start) - 1
        if k >= 0 and tok.start < taken[k][1]:
            continue
        if not _person_context(text, toks, i, tok.start + len(word), lexicon):
            continue
        found.add(
            Mention(tok.start, tok.start + len(word), _known_actor(person, lexicon), "surname")
        )


def _person_context(text: str, toks: list[Token], i: int, end: int, lexicon: Lexicon) -> bool:
    """Whether the words around token ``i`` (a surname ending at ``end``) say it names a
    person: an honorific, a title or "said" before it, a speech-act verb after it; never a
    word of a longer name."""
    tok = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if (
        nxt is not None
        and text[end : nxt.start] == " "
        and _NAME_WORD.match(nxt.text)
        and nxt.text.lower() not in _NOT_NAMES
    ):
        return False  # "Marquardt Foundation": a longer name
    if i:
        prev = toks[i - 1]
        gap = text[prev.end : tok.start]
        if prev.text in _HONORIFICS and re.fullmatch(r"\.?[ \t]+", gap):
            return True  # "Ms. Marquardt"
        if _SPACE.fullmatch(gap):
            lower = fold(prev.text).lower()
            if lower in lexicon.title_heads or lower in lexicon.titles:
                return True  # "negotiator Marquardt", "Commissioner Dombrovskis"
            if _NAME_WORD.match(prev.text) and lower not in _NOT_NAMES:
                return False  # "Maris Dombrovskis": someone else, named in full
        if _SAID_BEFORE.search(text, max(0, tok.start - 20), tok.start):
            return True  # "..., said Guimarães"
    if text[end : end + 1] in ("'", "’"):
        return False  # "Marquardt's team": whose team is not who acts
    aside = _APPOSITION.match(text, end)
    words = fold(aside.group(1)).lower().split() if aside is not None else []
    if any(
        " ".join(words[i:j]) in lexicon.titles
        for i in range(len(words))
        for j in range(i + 1, min(len(words), i + 4) + 1)
    ):
        return True  # "Dombrovskis, the EU's trade chief, said"
    between = _ADVERBS.match(text, end)
    at = between.end() if between else end
    if at == end:
        return False
    return any(lexicon.speech[k].pattern.match(text, at) for k in _ACT_LISTS)


def _known_actor(person: KnownPerson, lexicon: Lexicon) -> Actor:
    if person.key is not None:
        return entry_actor(Entry("actors", person.key, "Person"), lexicon)
    return Actor(slug(person.name), "Person", person.name, True, found_by="known")
