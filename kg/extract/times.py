"""Time phrases ("Tuesday", "next month", "before the end of the year", "Jan. 15") found in the
text and resolved against the publication date, with the precision the words carry.

Only phrases from a closed list of patterns are read; a library's whole-text date search reads
"we" and "of the 1993" as dates. python-dateutil normalises explicit month/day phrases.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from dateutil import parser as dateparser
from dateutil.relativedelta import relativedelta

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_COUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty-five": 45, "sixty": 60, "ninety": 90,
}  # fmt: skip
_COUNT = r"(?:\d{1,3}|" + "|".join(sorted(_COUNTS, key=len, reverse=True)) + ")"
_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:tember|t\.|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_FULL_MONTH = (
    "(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    (
        # days of one month: "July 23-24", "Nov. 3 to 5" (a meeting's days): the month
        "month-days",
        re.compile(
            r"\b(" + _MONTH + r")\s+(\d{1,2})\s*(?:[-–]|to)\s*\d{1,2}\b(?!\s*[:.]\d)"
            r"(?:,?\s+(\d{4})\b)?"
        ),
    ),
    (
        "month-day",
        re.compile(
            r"\b(" + _MONTH + r")\s+(\d{1,2})(?:st|nd|rd|th)?\b"
            r"(?:,?\s+(\d{4})\b)?"
        ),
    ),
    (
        "day-month",
        re.compile(
            r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + _FULL_MONTH + r")\b(?:,?\s+(\d{4})\b)?"
        ),
    ),
    ("month-year", re.compile(r"\b(" + _FULL_MONTH + r")\s+(\d{4})\b")),
    (
        "in-month",
        re.compile(
            r"\b(?:in|by|until|since|from|early|late|mid-|(next|last|this))\s*("
            + _FULL_MONTH
            + r")\b(?!\s+\d)"
        ),
    ),
    (
        "end-of",
        re.compile(
            r"\b(?:(?:by|before|until|at|towards?)\s+)?the\s+end\s+of\s+"
            r"(?:the|this|next|last)\s+(year|month)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "end-of-month",
        re.compile(
            r"\b(?:(?:by|before|until|at|towards?)\s+)?the\s+(?:end|beginning|"
            r"start|middle|(?:first|second)\s+half)\s+of\s+("
            + _FULL_MONTH
            + r")\b(?:\s+(\d{4})\b)?"
        ),
    ),
    (
        "end-of-year",
        re.compile(
            r"\b(?:(?:by|before|until|at|towards?)\s+)?the\s+(?:end|beginning|"
            r"start|middle|(?:first|second)\s+half)\s+of\s+((?:19|20)\d{2})\b"
        ),
    ),
    ("year-end", re.compile(r"\b(?:by|before|until)\s+(?:the\s+)?year[- ]end\b", re.IGNORECASE)),
    (
        "relative",
        re.compile(
            r"\b(?:(earlier|later)\s+this|(last|next|this|early\s+next|"
            r"late\s+last|early\s+last|late\s+next))\s+(week|month|year)\b",
            re.IGNORECASE,
        ),
    ),
    ("ago", re.compile(r"\b(?:a|one|two|three|\d+)\s+(year|month)s?\s+ago\b", re.IGNORECASE)),
    ("in-year", re.compile(r"\b(?:in|by|until|since|before|from|during)\s+((?:19|20)\d{2})\b")),
    ("deictic", re.compile(r"\b(yesterday|today|tomorrow)\b", re.IGNORECASE)),
    (
        # a time limit counted from now: "has 60 days to respond", "within 90 days", "a
        # 30-day deadline", "two weeks from now"
        "span",
        re.compile(
            r"\b(?:(?P<has>has|have|had|gets?)\s+(?:only\s+|just\s+|another\s+)?"
            r"(?P<n1>" + _COUNT + r")\s+(?P<u1>day|week|month)s?(?=\s+(?:to|in\s+which)\b)|"
            r"within\s+(?:the\s+next\s+)?(?P<n2>" + _COUNT + r")\s+(?P<u2>day|week|month)s?\b|"
            r"(?P<n3>" + _COUNT + r")[- ](?P<u3>day|week|month)\s+(?:deadline|time\s+limit)\b|"
            r"(?P<n4>" + _COUNT + r")\s+(?P<u4>day|week|month)s?\s+from\s+(?:now|today)\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "weekend",
        re.compile(
            r"\b(?:(?:over|at|during|on)\s+the|(last|next|this))\s+weekend\b", re.IGNORECASE
        ),
    ),
    (
        "weekday",
        re.compile(
            r"(?<!Good\s)(?<!Black\s)\b(?:(last|next|this|on)\s+)?(Monday|Tuesday|Wednesday|Thursday|"
            r"Friday|Saturday|Sunday)(?:['’]s)?\b"
        ),
    ),
]
_FUTURE = re.compile(
    r"\b(?:will|would|'ll|’ll|shall|is\s+(?:scheduled|set|due|expected)|"
    r"are\s+(?:scheduled|set|due|expected)|scheduled|slated|planned|set\s+(?:to|for)|"
    r"due\s+(?:to|for|on|in)|plans?\s+to|planning\s+to|going\s+to|expects?\s+to|"
    r"hopes?\s+to|aims?\s+to|aiming\s+to|next|upcoming|forthcoming|deadline|should|must|"
    r"(?:could|may|might)(?!\s+have\b)|"
    # an intention, whatever its tense, and the verb it is for: "hoped to meet again on
    # Friday", "agreed to meet in March" (not "agreed to the deal in March")
    r"(?:hoped|hoping|aimed|wanted|wants|intends|intended|intending|agreed|agrees|decided|"
    r"decides|pledged|pledges|promised|promises|vowed|vows)\s+to\s+"
    r"(?!(?:the|a|an|its|their|his|her|this|that|these|those|it|them)\b)[a-z]+|"
    # the present of a scheduled happening: "the transition period ends on Dec. 31", "the
    # summit opens Thursday", "the deal takes effect on July 1"; in the plural too, where the
    # verb is not also a noun or an adjective ("the new rates take effect on July 6", "talks
    # resume on Monday"; not "end", "start", "open", "close"), and not after "to" or a
    # negation ("were meant to take effect", "did not take effect": the words before decide)
    r"(?:ends|begins|starts|expires|lapses|resumes|opens|closes|convenes|reconvenes|"
    r"kicks\s+off|wraps\s+up|runs\s+out|takes\s+effect|comes\s+into\s+(?:force|effect)|"
    r"goes\s+into\s+effect|enters\s+into\s+force|"
    r"(?<!\bto\s)(?<!\bnot\s)(?<!n't\s)(?<!n’t\s)"
    r"(?:begin|expire|lapse|resume|reconvene|kick\s+off|take\s+effect|"
    r"come\s+into\s+(?:force|effect)|go\s+into\s+effect|enter\s+into\s+force)))\b",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)")
_ANY_TIME = re.compile(
    r"\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|"
    r"Fri|Sat|Sun|week|month|year|yesterday|today|tomorrow|end|day)",
    re.IGNORECASE,
)
# "will be (formally) announced", "would be suspended": a participle, not the past tense
_PARTICIPLE = re.compile(r"\b(?:be|been|being)\s+(?:[a-z]+ly\s+)?$")
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3}


@dataclass(frozen=True)
class TimeMatch:
    start: int
    end: int
    phrase: str
    value: str | None  # ISO: 2017-11-21, 2017-W48, 2017-12 or 2017; None if it cannot be resolved
    precision: str | None  # day, week, month, year


def find_times(text: str, start: int, end: int, published: dt.date) -> list[TimeMatch]:
    """Time phrases in text[start:end] (a sentence), resolved against ``published``."""
    if not _ANY_TIME.search(text, start, end):
        return []  # most sentences have no time phrase: one cheap look first
    found: list[TimeMatch] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            value, precision = _resolve(kind, m, published, _future_near(text, m, start, end))
            phrase = text[m.start() : m.end()]
            lead = re.match(r"(?:on|in|by|until|since|from|during|before|at)\s+", phrase)
            s = m.start() + (
                lead.end() if lead and not kind.startswith(("end-of", "year-end")) else 0
            )
            if kind == "span" and m["has"]:
                s = m.start("n1")  # "has 60 days to": the time is "60 days"
            found.append(TimeMatch(s, m.end(), text[s : m.end()], value, precision))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda t: t.start)
    # "on Friday, June 28", "Friday 28 June": the date names the day, the weekday only
    # repeats it
    return [
        t
        for t, after in zip(found, [*found[1:], None], strict=False)
        if not (
            after is not None
            and after.precision == "day"
            and _WEEKDAY.fullmatch(t.phrase)
            and re.fullmatch(r",?\s", text[t.end : after.start])
        )
    ]


_PAST = re.compile(
    r"\b(?:was|were|had|did|said|met|held|took|made|began|sent|won|lost|left|came|went|"
    r"gave|struck|brought|fell|rose|sought|told|wrote|spoke|broke|became|saw|led|paid|"
    r"grew|drew|withdrew|ago|last|earlier|[a-z]{3,}ed)\b",
    re.IGNORECASE,
)


def _future_near(text: str, m: re.Match[str], start: int, end: int) -> bool | None:
    """Tense of the clause around a match (the words between the commas/semicolons around
    it): True future, False past, None when the words do not say."""
    left = max(text.rfind(",", start, m.start()), text.rfind(";", start, m.start()), start)
    if left > start and _WEEKDAY.search(text, max(start, left - 10), left) is not None:
        # "was signed on Friday, June 28": the comma after the weekday ends no clause
        left = max(text.rfind(",", start, left), text.rfind(";", start, left), start)
    stops = (text.find(",", m.end(), end), text.find(";", m.end(), end))
    right_stop = [i for i in stops if i != -1]
    right = min(right_stop) if right_stop else end
    # the nearest word of tense before the phrase decides ("the planned summit on Thursday",
    # "taking over on Tuesday the talks are expected": "expected" is another clause's);
    # else one right after it ("on Monday will ..."), else the words do not say
    future = [(c.start(), c.end()) for c in _FUTURE.finditer(text, left, m.start())]
    cues = [(a, True) for a, _ in future] + [
        (c.start(), False)
        for c in _PAST.finditer(text, left, m.start())
        if not any(a <= c.start() < b for a, b in future)  # "are expected", "planned"
        and not _PARTICIPLE.search(text, max(left, c.start() - 25), c.start())
    ]
    if cues:
        return max(cues)[1]
    near = min(right, m.end() + 12)
    if _FUTURE.search(text, m.end(), near):
        return True
    if _PAST.search(text, m.end(), near):
        return False
    return None


def _resolve(
    kind: str, m: re.Match[str], published: dt.date, future: bool | None
) -> tuple[str | None, str | None]:
    try:
        return _resolve_or_raise(kind, m, published, future)
    except (ValueError, OverflowError, calendar.IllegalMonthError):
        return None, None


def _resolve_or_raise(
    kind: str, m: re.Match[str], published: dt.date, future: bool | None
) -> tuple[str | None, str | None]:
    if kind == "iso":
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat(), "day"
    if kind == "month-days":
        one_day, _ = _resolve_or_raise("month-day", m, published, future)
        return (one_day[:7], "month") if one_day else (None, None)
    if kind in ("month-day", "day-month"):
        month_day = f"{m[1]} {m[2]}"
        year = m[3]
        day = dateparser.parse(
            month_day.replace(".", ""), default=dt.datetime(published.year, 1, 1)
        ).date()
        if year:
            day = day.replace(year=int(year))
        else:
            day = _nearest(day, published, future, relativedelta(years=1))
        return day.isoformat(), "day"
    if kind == "month-year":
        return f"{int(m[2]):04d}-{_month(m[1]):02d}", "month"
    if kind == "in-month":
        month, which = _month(m[2]), (m[1] or "").lower()
        if which == "this":
            return f"{published.year:04d}-{month:02d}", "month"
        if which and month == published.month:  # "last January" in January: a year away
            return f"{published.year + (1 if which == 'next' else -1):04d}-{month:02d}", "month"
        tense = {"next": True, "last": False}.get(which, future)
        return _nearest_month(month, published, tense), "month"
    if kind == "end-of":
        which = m.group(0).lower()
        shift = 1 if " next " in which else -1 if " last " in which else 0
        if m[1].lower() == "year":
            return str(published.year + shift), "year"
        first = published.replace(day=1) + relativedelta(months=shift)
        return f"{first.year:04d}-{first.month:02d}", "month"
    if kind == "end-of-month":
        if m[2]:
            return f"{int(m[2]):04d}-{_month(m[1]):02d}", "month"
        return _nearest_month(_month(m[1]), published, future), "month"
    if kind == "end-of-year":
        return m[1], "year"
    if kind == "year-end":
        return str(published.year), "year"
    if kind == "relative":
        unit = m[3].lower()
        word = (m[2] or m[1] or "").lower()
        shift = 1 if "next" in word else -1 if "last" in word else 0
        if unit == "week":  # Monday to Sunday: its ISO week (2017-W48)
            monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=shift)
            year, week, _ = monday.isocalendar()
            return f"{year:04d}-W{week:02d}", "week"
        if unit == "month":
            first = published.replace(day=1) + relativedelta(months=shift)
            return f"{first.year:04d}-{first.month:02d}", "month"
        return str(published.year + shift), "year"
    if kind == "ago":
        count = _NUMBERS.get(m.group(0).split()[0].lower()) or int(m.group(0).split()[0])
        if m[1].lower() == "year":
            return str(published.year - count), "year"
        first = published.replace(day=1) - relativedelta(months=count)
        return f"{first.year:04d}-{first.month:02d}", "month"
    if kind == "in-year":
        return m[1], "year"
    if kind == "span":
        # from the publication date: "has 60 days" is a limit that runs now; "had 60 days",
        # or "within 90 days" in a clause about the past, counts from a day the words do not
        # give
        number = next(g for g in (m["n1"], m["n2"], m["n3"], m["n4"]) if g)
        unit = next(g for g in (m["u1"], m["u2"], m["u3"], m["u4"]) if g).lower()
        count = _COUNTS.get(number.lower()) or int(number)
        if (m["has"] or "").lower() == "had" or future is False:
            return None, None
        if not m["has"] and not m["n4"] and future is not True and not m["n3"]:
            return None, None  # "within 90 days" needs words that look ahead
        # the limit counts from a day near publication (a ruling's, a notice's), not always
        # that day: its month, or its week for a count of weeks
        if unit == "week":
            year, week, _ = (published + dt.timedelta(weeks=count)).isocalendar()
            return f"{year:04d}-W{week:02d}", "week"
        if unit == "month":
            end = published + relativedelta(months=count)
        else:
            end = published + dt.timedelta(days=count)
        return f"{end.year:04d}-{end.month:02d}", "month"
    if kind == "deictic":
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[m[1].lower()]
        return (published + dt.timedelta(days=shift)).isoformat(), "day"
    if kind == "weekend":  # Saturday and Sunday: their month, or their year across two
        which = (m[1] or "").lower()
        if which == "next" or (which != "last" and future):
            saturday = published + dt.timedelta(days=(5 - published.weekday()) % 7 or 7)
        else:
            saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7 or 7)
        sunday = saturday + dt.timedelta(days=1)
        if saturday.month == sunday.month:
            return f"{saturday.year:04d}-{saturday.month:02d}", "month"
        return (str(saturday.year), "year") if saturday.year == sunday.year else (None, None)
    if kind == "weekday":
        modifier = (m[1] or "").lower()
        target = _WEEKDAYS.index(m[2].lower())
        back = (published.weekday() - target) % 7
        if modifier == "last":
            back = back or 7
            return (published - dt.timedelta(days=back)).isoformat(), "day"
        if modifier == "next" or (future and modifier != "this"):
            # the publication's own weekday is that day ("later on Tuesday" in Tuesday's
            # paper), unless the words say "next"
            ahead = (target - published.weekday()) % 7 or (7 if modifier == "next" else 0)
            return (published + dt.timedelta(days=ahead)).isoformat(), "day"
        return (published - dt.timedelta(days=back)).isoformat(), "day"
    return None, None


def _month(name: str) -> int:
    """The number of a month named in words: "December", "Dec." -> 12."""
    return dateparser.parse(name, default=dt.datetime(2000, 1, 1)).month


def _nearest_month(month: int, published: dt.date, future: bool | None) -> str:
    """The month (YYYY-MM) of that number nearest the publication date, in the tense given."""
    first = _nearest(
        dt.date(published.year, month, 1), published.replace(day=1), future, relativedelta(years=1)
    )
    return f"{first.year:04d}-{first.month:02d}"


def _nearest(day: dt.date, published: dt.date, future: bool | None, step: relativedelta) -> dt.date:
    """A date given without its year: the past one for the past tense, the next one for the
    future, else the one nearest the publication date."""
    before = day if day <= published else day - step
    after = day if day >= published else day + step
    if future is True:
        return after
    if future is False:
        return before
    return before if (published - before) <= (after - published) else after
