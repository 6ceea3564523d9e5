"""Events with a date: negotiating rounds, meetings and talks, press conferences, deadlines.

Rules: ``event-round`` ("the fifth round of talks ... Tuesday"), ``event-meeting`` (meet,
meeting, talks, summit ... with a time phrase), ``event-press`` (told reporters / a news
conference ... with a time phrase), ``event-deadline`` (deadline, "by the end of the year"),
``event-dated`` (another action with a time phrase: "imposed", "withdraw", "Effective May 7,
..."), ``event-reported`` (what a dated statement reports as done: "X have agreed ...,
officials said on Saturday"). An event is drafted only when its sentence has a time phrase the
extractor could resolve; its status (occurred, scheduled, expected) follows the clause's tense
and modality and whether the date is before or after publication.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from kg.extract.facts import DraftedFact
from kg.extract.mentions import Mentions
from kg.extract.text import Sentence
from kg.extract.times import TimeMatch

_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}
_ROUND = re.compile(
    r"\b(?:the\s+)?(" + "|".join(_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th)|latest|"
    r"final|next|new)\s+round\s+of\s+(?:talks|negotiations|discussions|"
    r"consultations)\b|\b(" + "|".join(_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))"
    r"\s+round\b",
    re.IGNORECASE,
)
_PRESS = re.compile(
    r"\b(?:told\s+reporters|told\s+journalists|(?:a|the)\s+(?:news|press)\s+"
    r"conference|press\s+briefing|news\s+briefing)\b",
    re.IGNORECASE,
)
# a time limit counted in days, weeks or months: "has 60 days to respond", "within 90 days",
# "a 30-day time limit"
_LIMIT = (
    r"(?:has|have|had|gets?)\s+(?:only\s+|just\s+|another\s+)?[\w-]+\s+(?:days?|weeks?|months?)"
    r"\s+(?:to|in\s+which)|within\s+(?:the\s+next\s+)?[\w-]+\s+(?:days?|weeks?|months?)|"
    r"[\w]+[- ](?:day|week|month)\s+(?:deadline|time\s+limit)"
)
_LIMITED = re.compile(r"\b(?:" + _LIMIT + r")\b", re.IGNORECASE)
_DEADLINE = re.compile(
    r"\b(?:deadline|by\s+the\s+end\s+of|before\s+the\s+end\s+of|"
    r"by\s+year[- ]end|(?:has|have|had)\s+until|time\s+limit|" + _LIMIT + r")\b",
    re.IGNORECASE,
)
_SCHEDULED = re.compile(
    r"\b(?:will|'ll|’ll|shall|scheduled|slated|planned|due\s+(?:to|for|on|in)|set\s+(?:to|for)|"
    r"plan(?:s|ned)?\s+to|(?:is|are)\s+to\s+[a-z]|next|upcoming|forthcoming)\b",
    re.IGNORECASE,
)
_EXPECTED = re.compile(
    r"\b(?:expected|expects?|likely|hope[sd]?|hoping|aim(?:s|ed|ing)?\s+to|"
    r"goal|target|must|should|could|may|might|would)\b",
    re.IGNORECASE,
)
# "will be held", "is to be held", "are due to conclude": not done yet
_FUTURE_DONE = re.compile(
    r"\b(?:will|shall|to\s+be|would|scheduled|due|set\s+to|expected)\b", re.IGNORECASE
)
_PAST_DONE = re.compile(
    r"\b(?:ended|concluded|conclusion|wrapped\s+up|closed|finished|met|"
    r"held|took\s+place)\b",
    re.IGNORECASE,
)


_ACTION = re.compile(
    r"\b(?:doubled|tripled|cut|lift(?:s|ed)?|suspend(?:s|ed)?|agreed|reached|"
    r"struck|block(?:s|ed)?|appl(?:y|ies|ied)|sided|scheduled|due|hear|heard|"
    r"end(?:s|ed)?|conclu(?:de|des|ded|sion)|open(?:s|ed)?|beg(?:in|ins|an)|"
    r"start(?:s|ed)?|"
    r"resum(?:e|es|ed)|(?<!be\s)(?<!been\s)me(?:et|ets|t)|meeting|summit|talks|round|hearings?|"
    r"consultations|rul(?:e|es|ed)|ruling|rais(?:e|es|ed)|impos(?:e|es|ed)|"
    r"fil(?:e|es|ed)|sen(?:d|ds|t)|sign(?:s|ed)?|announc(?:e|es|ed)|"
    r"publish(?:es|ed)?|launch(?:es|ed)?|held|hold|t(?:ook|akes?|aking)\s+effect|"
    r"expir(?:e|es|ed)|wrapp?(?:ed)?\s+up|deadline|vote[sd]?|visit(?:s|ed)?|"
    r"retaliat(?:e|es|ed)|appeal(?:s|ed)?|adopt(?:s|ed)?|approv(?:e|es|ed)|"
    r"issu(?:e|es|ed)|shut|(?<!been\s)asked|request(?:s|ed)?|miss(?:es|ed)|complet(?:e|es|ed)|"
    r"withdr(?:aw|aws|ew|awn)|pull(?:s|ed)?\s+out|quit|exit(?:s|ed)?|walk(?:s|ed)?\s+out|"
    r"finali[sz](?:e|es|ed)|unveil(?:s|ed)?|submit(?:s|ted)?|"
    r"ratif(?:y|ies|ied)|enter(?:s|ed)?\s+into\s+force|c(?:o|a)me\s+into\s+force|"
    r"join(?:s|ed)?|collaps(?:e|es|ed)|vot(?:e|es|ed|ing)|gave|"
    r"(?:has|have|had)\s+given|took\s+over|tak(?:e|es|ing)\s+over|"
    r"initial(?:l)?(?:ed|s)?|(?:c[oa]me|comes|went|go|goes)\s+into\s+(?:effect|force)|"
    r"authori[sz](?:e|es|ed)|pass(?:es|ed)|extend(?:s|ed)?|postpon(?:e|es|ed)|"
    r"delay(?:s|ed)?|cancel(?:l)?(?:ed|s)?|called\s+off|halt(?:s|ed)?|pause[sd]?|"
    r"enact(?:s|ed)?|implement(?:s|ed)?|introduc(?:e|es|ed)|left|leaves?|"
    r"relaunch(?:es|ed)?|levy|levied|slapped|hik(?:e|es|ed)|expand(?:s|ed)?)\b",
    re.IGNORECASE,
)
_MEETING_WORDS = re.compile(
    r"\b(?:me(?:et|ets|t)|meeting|summit|talks|hearings?|consultations|"
    r"visit(?:s|ed)?)\b",
    re.IGNORECASE,
)
_SAID_WHEN = re.compile(
    r"\b(?:said|says|told\s+\w+|added|announced|stated|reported)"
    r"(?:\s+(?:the\s+)?[A-Z][\w.’'-]*){0,6}\s+(?:on\s+)?$"
)
# the subject, then the time, then the saying: "X last week reported", "took to Twitter
# Monday to say"
_SAYS_AFTER = re.compile(
    r"\s+(?:(?:also\s+)?(?:said|says|reported|told|wrote|tweeted|stated)\b|"
    r"to\s+(?:say|tell|announce|report)\b)"
)
# what a statement reports as done: "X have agreed to ..., officials said on Saturday"
_PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:now\s+|already\s+|formally\s+|finally\s+)?"
    r"(?!been\b)(?:[a-z]+ed|reached|struck|signed|won|made|begun|set|sent|shut|taken)\b"
)
_NOT_AN_EVENT = re.compile(r"\bthreat\w*|(?<!later\s)(?<!earlier\s)\bthis\s+year\b", re.IGNORECASE)
_RELATIVE_TO = re.compile(r"\b[Aa]fter\s+$")
_SINCE = re.compile(r"\b(?:since|until)\s+(?=(?:last|this|next)\b)", re.IGNORECASE)
_REPORTED = re.compile(r"[;:—–]\s|,\s+(?=(?:[\w.’'-]+\s+){0,6}(?:said|says|told|announced)\b)")
_CLAUSE = re.compile(r"[,;:—–]\s|\s(?:and|but|while|after|before|ahead\s+of)\s")


def find_events(
    text: str,
    s: Sentence,
    times: list[TimeMatch],
    mentions: Mentions,
    published: dt.date,
    quotes: Sequence[tuple[int, int]] = (),
) -> list[DraftedFact]:
    """One event per resolved time phrase whose clause says something happens (a round, a
    meeting, a ruling, tariffs raised ...); a time that only dates a statement ("said on
    Monday") is not an event, but what the statement reports as done ("have agreed ...,
    officials said on Saturday") happened by then."""
    found: list[DraftedFact] = []
    place = next((p[2] for p in mentions.places if s.start <= p[0] < s.end), None)
    for when in times:
        if when.value is None:
            continue
        if when.phrase.lower() == "today" and any(a <= when.start < b for a, b in quotes):
            continue  # a speaker's "today" frames what they say: "our decision today ..."
        c_start, c_end = _clause_of(text, s, when)
        press = _PRESS.search(text, c_start, c_end)
        if press is None and (
            _SAID_WHEN.search(text[max(s.start, when.start - 60) : when.start])
            or _SAYS_AFTER.match(text, when.end)
        ):
            # "said on Tuesday that ...": the date of a statement, not an event; but what it
            # reports as done happened by then
            done = _PERFECT.search(text, s.start, s.end)
            if done is not None:
                c_start, c_end = _clause_at(text, s, done.start())
                found.append(_event(text, c_start, c_end, when, published, "event-reported"))
                continue
            if not re.search(r"\bannounc", text[max(s.start, when.start - 30) : when.start]):
                continue  # an announcement is an event of its own
        if (
            _ACTION.search(text, c_start, c_end) is None
            and press is None
            and _DEADLINE.search(text, c_start, c_end) is None
        ):
            c_start, c_end = _wider(text, s, c_start, c_end)
            if _ACTION.search(text, c_start, c_end) is None:
                continue
        if _NOT_AN_EVENT.search(text, c_start, c_end) or _SINCE.search(
            text[max(c_start, when.start - 8) : when.end]
        ):
            continue  # a threat's condition, or "since last year": no event on that date
        if _RELATIVE_TO.search(text, max(s.start, when.start - 8), when.start):
            continue  # "After May 7, the department will resume ...": not on that day
        event = _event(text, c_start, c_end, when, published, "event-dated")
        if place and event.fields["type"] in ("Meeting", "NegotiationRound", "PressConference"):
            event.fields["where"] = place
        found.append(event)
    return found


def _event(
    text: str, c_start: int, c_end: int, when: TimeMatch, published: dt.date, rule: str
) -> DraftedFact:
    words = text[c_start:c_end]
    status = _status(words, when, published)
    kind, name, extra = "Milestone", "Event", {}
    r = _ROUND.search(text, c_start, c_end)
    if r:
        ordinal = (r.group(1) or r.group(2) or "").lower()
        number = _ORDINALS.get(ordinal) or (int(ordinal[:-2]) if ordinal[:-2].isdigit() else None)
        kind, rule = "NegotiationRound", "event-round"
        name = f"Round {number} of the talks" if number else "A round of the talks"
        extra = {"round": number} if number else {}
        if _PAST_DONE.search(words) and not _FUTURE_DONE.search(words):
            status = "occurred"
    elif _LIMITED.search(text, max(c_start, when.start - 40), min(c_end, when.end + 20)):
        # "have six months to conclude the talks": the limit, not the talks
        kind, rule, name = "Milestone", "event-deadline", "Deadline"
        status = "expected"
    elif _PRESS.search(text, c_start, c_end) and status == "occurred":
        kind, rule, name = "PressConference", "event-press", "Press conference"
    elif _MEETING_WORDS.search(words):
        kind, rule, name = "Meeting", "event-meeting", "Meeting"
    elif _DEADLINE.search(words):
        kind, rule, name = "Milestone", "event-deadline", "Deadline"
        status = "occurred" if status == "occurred" and _after(published, when) else "expected"
    fields: dict[str, object] = {"type": kind, "name": name, "status": status, **extra}
    return DraftedFact("events", _key(name), rule, 0.7, c_start, c_end, fields, when=when)


def _days(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a resolved time: 2017, 2017-11, 2017-W48, 2017-11-21."""
    try:
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            first = dt.date(int(value[:4]), int(value[5:]), 1)
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - dt.timedelta(days=1)
        if re.fullmatch(r"\d{4}-W\d{2}", value):
            monday = dt.date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
            return monday, monday + dt.timedelta(days=6)
        day = dt.date.fromisoformat(value)
        return day, day
    except ValueError:
        return None


def _after(published: dt.date, when: TimeMatch) -> bool:
    """The time is over by the publication date (a day before it, an earlier week, month or
    year)."""
    days = _days(when.value or "")
    return days is not None and days[1] < published


def _status(words: str, when: TimeMatch, published: dt.date) -> str:
    """Tense and modality: "will take effect on July 5" is scheduled, "must vote by
    November" expected, "took effect" occurred; a date before publication is over, one after
    it is not."""
    days = _days(when.value or "")
    ahead = days is not None and days[0] > published
    if _after(published, when):
        return "occurred"  # over by the time of writing, whatever was expected of it
    if _EXPECTED.search(words) and not re.search(r"\b(?:will|shall|scheduled)\b", words):
        return "expected"
    if _SCHEDULED.search(words) or _EXPECTED.search(words) or ahead:
        return "scheduled"
    return "occurred"


def same_events(events: list[DraftedFact], text: str) -> list[DraftedFact]:
    """One event once: "Today's ruling ..." after the ruling was dated is the same ruling."""
    kept: list[DraftedFact] = []
    for e in events:
        when = e.when.value if e.when and e.when.value else ""
        possessive = e.when is not None and text[e.when.end : e.when.end + 2] in ("'s", "’s")
        same = [
            k
            for k in kept
            if k.when
            and k.when.value
            and (k.when.value == when or (possessive and k.when.value.startswith(when)))
        ]
        if possessive and same:
            continue
        kept.append(e)
    # a meeting or round named twice ("a summit this week", "the summit on Thursday", "a
    # signing summit on Thursday") is one: the first naming of its most precise date
    meetings = [e for e in kept if e.fields["type"] in _GATHERINGS and e.when and e.when.value]
    dropped: set[int] = set()
    for e in meetings:
        assert e.when is not None and e.when.value is not None
        for other in meetings:
            assert other.when is not None and other.when.value is not None
            if other is e or id(other) in dropped or other.fields["type"] != e.fields["type"]:
                continue
            if not _same_noun(text, other, e):
                continue
            if other.when.value == e.when.value and other.start < e.start:
                dropped.add(id(e))  # the same date again
            elif "-W" in e.when.value and _within(other.when.value, e.when.value):
                dropped.add(id(e))  # "this week" and "on Thursday" of that week
    return [e for e in kept if id(e) not in dropped]


_GATHERINGS = ("Meeting", "NegotiationRound")
_GATHERING_NOUN = re.compile(r"\b(summit|talks|round|conference|hearing)s?\b", re.IGNORECASE)


def _same_noun(text: str, a: DraftedFact, b: DraftedFact) -> bool:
    """Both events' words name the gathering with the same noun ("summit")."""
    nouns = [
        {m.group(1).lower() for m in _GATHERING_NOUN.finditer(text, f.start, f.end)} for f in (a, b)
    ]
    return bool(nouns[0] & nouns[1])


def _within(day: str, span: str) -> bool:
    """The day (2016-10-27) is in the week or month (2016-W43, 2016-10)."""
    days, outer = _days(day), _days(span)
    return (
        days is not None
        and outer is not None
        and days[0] == days[1]
        and outer[0] <= days[0] <= outer[1]
        and outer[0] != outer[1]
    )


def _clause_of(text: str, s: Sentence, when: TimeMatch) -> tuple[int, int]:
    """The clause around a time phrase: from the clause boundary before it to the one after."""
    return _between(text, s, _CLAUSE, when.start, when.end)


def _clause_at(text: str, s: Sentence, at: int) -> tuple[int, int]:
    """The clause around an offset, within its sentence (a dateline before a dash left
    out)."""
    return _between(text, s, _REPORTED, at, at)


def _between(
    text: str, s: Sentence, boundaries: re.Pattern[str], before: int, after: int
) -> tuple[int, int]:
    """From the last boundary before ``before`` to the first after ``after`` (or the
    sentence's ends), trimmed of spaces, punctuation and quotation marks."""
    start = s.start
    for boundary in boundaries.finditer(text, s.start, before):
        start = boundary.end()
    found = boundaries.search(text, after, s.end)
    end = found.start() if found else s.end
    while end > start and text[end - 1] in ' .,;:”"':
        end -= 1
    while start < end and text[start] in ' “"':
        start += 1
    return start, end


def _wider(text: str, s: Sentence, start: int, end: int) -> tuple[int, int]:
    """A time phrase that opens its sentence dates the clause after it ("Effective May 7,
    the United States will withdraw"); one after "and" may end a list of names in the
    clause before it ("announced by Biden and von der Leyen on Sunday")."""
    if start == s.start:
        after = _CLAUSE.search(text, min(s.end, end + 1), s.end)
        end = after.start() if after else s.end
    elif re.search(
        r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s*$",
        text[max(s.start, start - 12) : start],
    ):
        # "was signed on Friday, June 28,": the date is the weekday's, in the clause before
        before = [b.end() for b in _CLAUSE.finditer(text, s.start, start - 2)]
        start = before[-1] if before else s.start
    elif re.search(r"\sand\s$", text[max(s.start, start - 5) : start]):
        before = [b.end() for b in _CLAUSE.finditer(text, s.start, start - 5)]
        start = before[-1] if before else s.start
    while end > start and text[end - 1] in ' .,;:”"':
        end -= 1
    return start, end


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
