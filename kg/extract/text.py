"""Article text cut into paragraphs, sentences and quotations, all as offsets into the text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words ending in a full stop that do not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "sgt",
        "st",
        "jr",
        "sr",
        "inc",
        "co",
        "corp",
        "ltd",
        "plc",
        "bros",
        "vs",
        "no",
        "nos",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
        "dept",
        "est",
        "approx",
        "fig",
        "op",
        "cf",
        "ca",
        "al",
        "etc",
    ]
)
_INITIALS = re.compile(r"(?:[A-Za-z]\.){1,3}$")  # U.S.  U.K.  E.U.  a.m.  J.
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+|$)")

OPENING = '“"«„'


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Quotation:
    """Words between quotation marks: ``start``/``end`` are the marks, ``inner`` the words."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    paragraph: int
    closed: bool  # False when the paragraph ends before the closing mark


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    index: int


def paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs: blocks between blank lines when the text has any (Markdown, wrapped
    lines), else one per line (news text pasted with a line per paragraph)."""
    pattern = _BLOCK if _BLANK_LINE.search(text.strip()) else _LINE
    found: list[Paragraph] = []
    for match in pattern.finditer(text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            found.append(Paragraph(start, end, len(found)))
    return found


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BLOCK = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")
_LINE = re.compile(r"[^\n]+")


def sentences(text: str, paragraph: Paragraph, quotes: list[Quotation]) -> list[Sentence]:
    """Sentences of a paragraph; a full stop inside a quotation ends a sentence only when the
    quotation ends there too (“I agree,” he said. is one sentence; “We agree. It helps.” two)."""
    found: list[Sentence] = []
    start = paragraph.start
    for match in _SENTENCE_END.finditer(text, paragraph.start, paragraph.end):
        end = match.end()
        if _is_abbreviation(text, match.start()):
            continue
        mark = text[match.start()]
        if mark == "." and match.end() < paragraph.end:
            following = text[end : paragraph.end].lstrip()
            if following and following[0].islower():
                continue  # "the U.S. delegation", "Inc. said"
        inside = next((q for q in quotes if q.inner_start <= match.start() < q.inner_end), None)
        if inside is not None and end < inside.end:
            continue  # a stop inside a quotation splits the quotation, not the sentence
        found.append(Sentence(start, end, paragraph.index))
        start = end
        while start < paragraph.end and text[start].isspace():
            start += 1
    if start < paragraph.end:
        found.append(Sentence(start, paragraph.end, paragraph.index))
    return found


def _is_abbreviation(text: str, stop: int) -> bool:
    if text[stop] != ".":
        return False
    word = re.search(r"[A-Za-z.]+$", text[max(0, stop - 12) : stop + 1])
    if word is None:
        return False
    token = word.group(0)
    if _INITIALS.fullmatch(token):
        following = text[stop + 1 : stop + 3]
        # "the U.S. Trade Representative" is not a sentence end; "pulled out of the U.S." may be
        return not (
            following.startswith(" ")
            and following[1:2].isupper()
            and token.count(".") == 1
            and len(token) > 2
        )
    return token.rstrip(".").lower() in _ABBREVIATIONS


def quotations(text: str, paragraph: Paragraph, single: bool = False) -> list[Quotation]:
    """Quotations in a paragraph. Curly marks pair by direction; straight marks alternate.
    A quotation still open at the paragraph's end runs to it (news style for quotes that go
    on in the next paragraph). With ``single`` (British style: the article has no double
    quotation marks), ‘…’ and '…' are the quotation marks, told from apostrophes by what is
    around them."""
    found: list[Quotation] = []
    at = paragraph.start
    while at < paragraph.end:
        ch = text[at]
        opens = (
            _opens_single(text, at, paragraph)
            if single
            else ch in OPENING and _opens(text, at, paragraph)
        )
        if opens:
            close = (
                _closing_single(text, at, paragraph) if single else _closing(text, at, paragraph)
            )
            if close is None:
                found.append(
                    Quotation(at, paragraph.end, at + 1, paragraph.end, paragraph.index, False)
                )
                break
            found.append(Quotation(at, close + 1, at + 1, close, paragraph.index, True))
            at = close + 1
            continue
        at += 1
    return found


def single_quoted(text: str) -> bool:
    """True when the text quotes with single marks only (no double quotation mark at all)."""
    return not any(c in text for c in '“”"«»„') and ("‘" in text or "'" in text)


def _opens(text: str, at: int, paragraph: Paragraph) -> bool:
    ch = text[at]
    if ch == "“" or ch == "«" or ch == "„":
        return True
    # a straight mark opens when it follows a space, a bracket or the paragraph start
    before = text[at - 1] if at > paragraph.start else " "
    after = text[at + 1] if at + 1 < paragraph.end else " "
    return (before.isspace() or before in "([{—–-:") and not after.isspace()


def _opens_single(text: str, at: int, paragraph: Paragraph) -> bool:
    if text[at] not in "‘'":
        return False
    before = text[at - 1] if at > paragraph.start else " "
    after = text[at + 1] if at + 1 < paragraph.end else " "
    return (before.isspace() or before in "([{—–-:") and (after.isalpha() or after in "….")


def _closing_single(text: str, at: int, paragraph: Paragraph) -> int | None:
    """The closing mark: ’ or ' after a word or punctuation and before a space, punctuation or
    the paragraph's end (an apostrophe sits between letters: don’t, Canada’s)."""
    first = None
    for i in range(at + 2, paragraph.end):
        if text[i] not in "’'":
            continue
        after = text[i + 1] if i + 1 < paragraph.end else " "
        if text[i - 1].isspace() or not (after.isspace() or after in ".,;:!?)—–-"):
            continue
        # "the workers’ jobs": a plural possessive, if a later mark can close the quotation
        possessive = text[i - 1] == "s" and re.match(r"\s+[a-z]", text[i + 1 : i + 4])
        if not possessive:
            return i
        first = i if first is None else first
    return first


def _closing(text: str, at: int, paragraph: Paragraph) -> int | None:
    wanted = {"“": "”", "«": "»", "„": "“"}.get(text[at], '"')
    close = text.find(wanted, at + 1, paragraph.end)
    return None if close == -1 else close
