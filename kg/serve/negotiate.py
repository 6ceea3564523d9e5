"""Content negotiation (the ``Accept`` header) and the response a handler returns.

>>> choose("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
...        ["text/turtle", "text/html"])
'text/html'
>>> choose("application/ld+json;q=0.5, text/turtle", ["text/html", "application/ld+json",
...        "text/turtle"])
'text/turtle'
>>> choose(None, ["text/turtle", "text/html"])
'text/turtle'
>>> choose("image/png", ["text/turtle"]) is None
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kg import syntaxes

HTML = "text/html"


@dataclass
class Response:
    """What a handler answers: status, media type, body and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def _ranges(accept: str) -> list[tuple[str, str, float]]:
    ranges = []
    for item in accept.split(","):
        parts = [p.strip() for p in item.split(";")]
        kind, _, sub = parts[0].lower().partition("/")
        if not kind:
            continue
        q = 1.0
        for param in parts[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((kind, sub or "*", q))
    return ranges


def quality(accept: str | None, media_type: str) -> float:
    """How much the client wants ``media_type``: the q of the most specific matching range."""
    if not accept or not accept.strip():
        return 1.0
    kind, _, sub = media_type.lower().partition("/")
    best: tuple[int, float] | None = None
    for r_kind, r_sub, q in _ranges(accept):
        if (r_kind, r_sub) == (kind, sub):
            specificity = 2
        elif r_kind == kind and r_sub == "*":
            specificity = 1
        elif (r_kind, r_sub) == ("*", "*"):
            specificity = 0
        else:
            continue
        if best is None or specificity > best[0]:
            best = (specificity, q)
    return best[1] if best is not None else 0.0


def choose(accept: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the client prefers (ties go to the first offered), or None
    when it accepts none of them. No ``Accept`` header accepts the first."""
    best: tuple[float, int] | None = None
    chosen = None
    for i, media_type in enumerate(offered):
        q = quality(accept, media_type)
        if q > 0 and (best is None or (q, -i) > best):
            best, chosen = (q, -i), media_type
    return chosen


def rdf_media_types(
    names: Sequence[str], *, html: str | None = None, also: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Media type -> syntax name, for negotiating among the syntaxes ``names`` (kg.syntaxes):
    their own media types first (in that order, so ties go to the first), then ``text/html``
    as ``html`` when given, then the other media types each is known by, then ``also``."""
    offered = [syntaxes.by_name(n) for n in names]
    types = {s.media_type: s.name for s in offered}
    if html is not None:
        types[HTML] = html
    types.update({m: s.name for s in offered for m in s.other_media_types})
    types.update(also or {})
    return types


def format_names(
    names: Sequence[str], *, html: str | None = None, also: Mapping[str, str] | None = None
) -> dict[str, str]:
    """What a ``format`` parameter may say -> syntax name, for the syntaxes ``names``."""
    params = {alias: n for n in names for alias in syntaxes.by_name(n).names}
    if html is not None:
        params[html] = html
    params.update(also or {})
    return params


def prefers_html(accept: str | None) -> bool:
    """A browser: it asks for HTML explicitly, ahead of plain text."""
    return (
        bool(accept)
        and "text/html" in (accept or "")
        and choose(accept, ["text/plain", "text/html"]) == "text/html"
    )
