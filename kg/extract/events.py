"""Events with a date: negotiating rounds, meetings and talks, press conferences, deadlines.

Rules: ``event-round`` ("the fifth round of talks ... Tuesday"), ``event-meeting`` (meet,
meeting, talks, summit ... with a time phrase), ``event-press`` (told reporters / a news
conference ... with a time phrase), ``event-deadline`` (deadline, "by the end of the year").
An event is drafted only when its sentence has a time phrase the extractor could resolve.
"""

from __future__ import annotations

import re

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
_DEADLINE = re.compile(
    r"\b(?:deadline|by\s+the\s+end\s+of|before\s+the\s+end\s+of|"
    r"by\s+year[- ]end)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|'ll|’ll|scheduled|due\s+to|set\s+to|plan(?:s|ned)?\s+to|"
    r"expected|next|upcoming|hope|hopes)\b",
    re.IGNORECASE,
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
    r"publish(?:es|ed)?|launch(?:es|ed)?|held|hold|took\s+effect|take\s+effect|"
    r"expir(?:e|es|ed)|wrapp?(?:ed)?\s+up|deadline|vote[sd]?|visit(?:s|ed)?|"
    r"retaliat(?:e|es|ed)|appeal(?:s|ed)?|adopt(?:s|ed)?|approv(?:e|es|ed))\b",
    re.IGNORECASE,
)
_MEETING_WORDS = re.compile(
    r"\b(?:me(?:et|ets|t)|meeting|summit|talks|hearings?|consultations|"
    r"visit(?:s|ed)?)\b",
    re.IGNORECASE,
)
_SAID_WHEN = re.compile(r"\b(?:said|says|told\s+\w+|added|announced|stated)\s+(?:on\s+)?$")
_NOT_AN_EVENT = re.compile(r"\bthreat\w*|(?<!later\s)(?<!earlier\s)\bthis\s+year\b", re.IGNORECASE)
_SINCE = re.compile(r"\b(?:since|until)\s+(?=(?:last|this|next)\b)", re.IGNORECASE)
_CLAUSE = re.compile(r"[,;:—–]\s|\s(?:and|but|while|after|before|ahead\s+of)\s")


def find_events(
    text: str, s: Sentence, times: list[TimeMatch], mentions: Mentions
) -> list[DraftedFact]:
    """One event per resolved time phrase whose clause says something happens (a round, a
    meeting, a ruling, tariffs raised ...); a time that only dates a statement ("said on
    Monday") is not an event."""
    found: list[DraftedFact] = []
    place = next((p[2] for p in mentions.places if s.start <= p[0] < s.end), None)
    for when in times:
        if when.value is None:
            continue
        c_start, c_end = _clause_of(text, s, when)
        press = _PRESS.search(text, c_start, c_end)
        if _ACTION.search(text, c_start, c_end) is None and press is None:
            continue
        if press is None and _SAID_WHEN.search(text[max(c_start, when.start - 30) : when.start]):
            continue  # "said on Tuesday that ...": the date of a statement, not an event
        if _NOT_AN_EVENT.search(text, c_start, c_end) or _SINCE.search(
            text[max(c_start, when.start - 8) : when.end]
        ):
            continue  # a threat's condition, or "since last year": no event on that date
        words = text[c_start:c_end]
        future = bool(_FUTURE.search(words))
        status = "scheduled" if future else "occurred"
        kind, rule, name, extra = "Milestone", "event-dated", "Event", {}
        r = _ROUND.search(text, c_start, c_end)
        if r:
            ordinal = (r.group(1) or r.group(2) or "").lower()
            number = _ORDINALS.get(ordinal) or (
                int(ordinal[:-2]) if ordinal[:-2].isdigit() else None
            )
            kind, rule = "NegotiationRound", "event-round"
            name = f"Round {number} of the talks" if number else "A round of the talks"
            extra = {"round": number} if number else {}
            if _PAST_DONE.search(words):
                status = "occurred"
        elif _PRESS.search(text, c_start, c_end) and not future:
            kind, rule, name = "PressConference", "event-press", "Press conference"
        elif _MEETING_WORDS.search(words):
            kind, rule, name = "Meeting", "event-meeting", "Meeting"
        elif _DEADLINE.search(words):
            kind, rule, name, status = "Milestone", "event-deadline", "Deadline", "expected"
        fields: dict[str, object] = {"type": kind, "name": name, "status": status, **extra}
        if place and kind in ("Meeting", "NegotiationRound", "PressConference"):
            fields["where"] = place
        found.append(
            DraftedFact("events", _key(name), rule, 0.7, c_start, c_end, fields, when=when)
        )
    return found


def _clause_of(text: str, s: Sentence, when: TimeMatch) -> tuple[int, int]:
    """The clause around a time phrase: from the clause boundary before it to the one after."""
    start = s.start
    for boundary in _CLAUSE.finditer(text, s.start, when.start):
        start = boundary.end()
    after = _CLAUSE.search(text, when.end, s.end)
    end = after.start() if after else s.end
    while end > start and text[end - 1] in ' .,;:”"':
        end -= 1
    while start < end and text[start] in ' “"':
        start += 1
    return start, end


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
