"""Events with a date: negotiating rounds, meetings and talks, press conferences, deadlines.

Rules: ``event-round`` ("the fifth round of talks ... Tuesday"), ``event-meeting`` (meet,
meeting, talks, summit ... with a time phrase), ``event-press`` (told reporters / a news
conference ... with a time phrase), ``event-deadline`` (deadline, "by the end of the year").
An event is drafted only when its sentence has a time phrase the extractor could resolve.
"""

from __future__ import annotations

import re

from kg.extract.facts import Drafted
from kg.extract.mentions import Mentions
from kg.extract.text import Sentence
from kg.extract.times import TimeMatch

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}
_ROUND = re.compile(r"\b(?:the\s+)?(" + "|".join(_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th)|latest|"
                    r"final|next|new)\s+round\s+of\s+(?:talks|negotiations|discussions|"
                    r"consultations)\b|\b(" + "|".join(_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))"
                    r"\s+round\b", re.IGNORECASE)
_MEETING = re.compile(r"\b(?:meet|meets|met|meeting|meetings|summit|talks\s+(?:in|at)|"
                      r"will\s+(?:sit\s+down|convene|gather|resume\s+talks)|visit(?:ed|s)?|"
                      r"hearing|session)\b", re.IGNORECASE)
_PRESS = re.compile(r"\b(?:told\s+reporters|told\s+journalists|(?:a|the)\s+(?:news|press)\s+"
                    r"conference|press\s+briefing|news\s+briefing)\b", re.IGNORECASE)
_DEADLINE = re.compile(r"\b(?:deadline|by\s+the\s+end\s+of|before\s+the\s+end\s+of|"
                       r"by\s+year[- ]end)\b", re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:will|'ll|’ll|scheduled|due\s+to|set\s+to|plan(?:s|ned)?\s+to|"
                     r"expected|next|upcoming|hope|hopes)\b", re.IGNORECASE)
_PAST_DONE = re.compile(r"\b(?:ended|concluded|conclusion|wrapped\s+up|closed|finished|met|"
                        r"held|took\s+place)\b", re.IGNORECASE)


def find_events(text: str, s: Sentence, times: list[TimeMatch], mentions: Mentions
                ) -> list[Drafted]:
    dated = [t for t in times if t.value is not None]
    if not dated:
        return []
    words = text[s.start : s.end]
    future = bool(_FUTURE.search(words))
    found: list[Drafted] = []
    place = next((p[2] for p in mentions.places if s.start <= p[0] < s.end), None)

    def add(kind: str, rule: str, start: int, end: int, name: str, status: str,
            when: TimeMatch, **extra: object) -> None:
        fields: dict[str, object] = {"type": kind, "name": name, "status": status, **extra}
        if place:
            fields["where"] = place
        found.append(Drafted("events", _key(name), rule, 0.75, start, end, fields, when=when))

    m = _ROUND.search(text, s.start, s.end)
    if m:
        ordinal = (m.group(1) or m.group(2) or "").lower()
        number = _ORDINALS.get(ordinal) or (int(ordinal[:-2]) if ordinal[:-2].isdigit() else None)
        when = _nearest(dated, m.start(), m.end())
        extra: dict[str, object] = {"round": number} if number else {}
        status = "scheduled" if future and not _PAST_DONE.search(words) else "occurred"
        label = (f"Round {number} of the talks" if number else "A round of the talks")
        add("NegotiationRound", "event-round", m.start(), m.end(), label, status, when, **extra)
        return found
    m = _PRESS.search(text, s.start, s.end)
    if m and not future:
        when = _nearest(dated, m.start(), m.end())
        if when.precision == "day":
            speaker = [x for x in mentions.within(s.start, m.start())]
            participants = [speaker[-1].actor.key] if speaker else []
            add("PressConference", "event-press", m.start(), max(m.end(), when.end),
                "Press conference", "occurred", when,
                **({"participants": participants} if participants else {}))
            return found
    m = _MEETING.search(text, s.start, s.end)
    if m:
        when = _nearest(dated, m.start(), m.end())
        status = "scheduled" if future else "occurred"
        start, end = min(m.start(), when.start), max(m.end(), when.end)
        add("Meeting", "event-meeting", start, end, "Meeting", status, when)
        return found
    m = _DEADLINE.search(text, s.start, s.end)
    if m and future:
        when = _nearest(dated, m.start(), m.end())
        start, end = min(m.start(), when.start), max(m.end(), when.end)
        add("Milestone", "event-deadline", start, end, "Deadline", "expected", when)
    return found


def _nearest(times: list[TimeMatch], start: int, end: int) -> TimeMatch:
    return min(times, key=lambda t: abs(t.start - end) if t.start >= end else abs(start - t.end))


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
