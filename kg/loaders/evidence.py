"""Finding the exact words a fact quotes in the article text."""

from __future__ import annotations

from kg.errors import InputError
from kg.model import Span, Where

CONTEXT = 32  # characters of prefix and suffix kept with each quote selector

# Typographic variants a person may type differently from the article; every mapping is
# one character to one character, so offsets in the folded text are offsets in the original.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)


class Finder:
    """Looks up words in one article's text, by exact match or up to typographic variants."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = text.translate(_FOLD)

    def _occurrences(self, words: str) -> list[tuple[int, int]]:
        """(start, end) where ``words`` occur as whole words (not inside a longer word). Any
        run of white space in ``words`` matches any run in the text, so words quoted on one
        line are found where the article wraps them over two."""
        parts = words.translate(_FOLD).split()
        if not parts:
            return []
        text = self.folded
        first, last = parts[0][0].isalnum(), parts[-1][-1].isalnum()
        found: list[tuple[int, int]] = []
        # what the pattern part\s+part... would match, without compiling one per quote: the
        # first part found as such, each next one after a run of white space (which the
        # pattern's \s+ takes whole: no part starts with white space)
        at = text.find(parts[0])
        while at != -1:
            end = at + len(parts[0])
            for part in parts[1:]:
                gap = end
                while gap < len(text) and text[gap].isspace():
                    gap += 1
                if gap == end or not text.startswith(part, gap):
                    end = -1
                    break
                end = gap + len(part)
            if end != -1:
                cut_before = first and at > 0 and text[at - 1].isalnum()
                cut_after = last and end < len(text) and text[end].isalnum()
                if not (cut_before or cut_after):
                    found.append((at, end))
            at = text.find(parts[0], at + 1)  # occurrences may overlap
        return found

    def occurrence(self, words: str, start: int) -> tuple[int, int]:
        """Which occurrence of ``words`` starts at ``start`` (1-based), and how many there are:
        what a facts file needs to point at these words and no others."""
        starts = [a for a, _ in self._occurrences(words)]
        return (starts.index(start) + 1 if start in starts else 0), len(starts)

    def span(self, start: int, end: int) -> Span:
        return Span(
            start=start,
            end=end,
            exact=self.text[start:end],
            prefix=self.text[max(0, start - CONTEXT) : start],
            suffix=self.text[end : end + CONTEXT],
        )

    def line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1

    def find(
        self,
        words: object,
        where: Where,
        what: str,
        *,
        occurrence: int | None = None,
        near: Span | None = None,
    ) -> Span:
        """The span of ``words``; ambiguous matches need ``occurrence`` or a ``near`` span."""
        if not isinstance(words, str) or not words.strip():
            raise InputError(
                f"{what} must be the exact words of the article, as text",
                path=where.path,
                line=where.line,
            )
        if words != words.strip():
            words = words.strip()
        hits = self._occurrences(words)
        if not hits:
            raise InputError(
                f"{what} is not in the article text: {_short(words)!r}",
                path=where.path,
                line=where.line,
                hint="copy the words exactly from the article; quotes, dashes and spaces may "
                "differ only in their typographic form",
            )
        if occurrence is not None:
            if not 1 <= occurrence <= len(hits):
                raise InputError(
                    f"{what} occurs {len(hits)} time(s), so occurrence {occurrence} does not exist",
                    path=where.path,
                    line=where.line,
                )
            start, end = hits[occurrence - 1]
        elif len(hits) == 1:
            start, end = hits[0]
        elif near is not None:
            start, end = min(hits, key=lambda h: (_distance(h[0], h[1], near), h[0]))
        else:
            lines = sorted({self.line_of(h) for h, _ in hits})
            shown = ", ".join(map(str, lines[:8])) + (", …" if len(lines) > 8 else "")
            raise InputError(
                f"{what} occurs {len(hits)} times in the article (text lines {shown}): "
                f"{_short(words)!r}",
                path=where.path,
                line=where.line,
                hint="quote more words so they occur once, or add 'occurrence: N'",
            )
        return self.span(start, end)


def _distance(start: int, end: int, span: Span) -> int:
    if end <= span.start:
        return span.start - end
    if start >= span.end:
        return start - span.end
    return 0


def _short(words: str, limit: int = 60) -> str:
    return words if len(words) <= limit else words[: limit - 1] + "…"
