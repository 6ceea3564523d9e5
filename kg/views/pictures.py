"""Pictures drawn on the server, as SVG: a timeline, who stands with whom, a position matrix.

Each function takes plain records (what the saved queries answer) and returns one standalone
SVG document: no script, no font or image to fetch, so it shows the same in a served page, in a
report opened from a file with the network unplugged, and in any SVG viewer. Every mark has a
``<title>`` (a tooltip with its full text and evidence) and, where a ``link`` is given, is a link
to the page of the fact or actor it stands for.

Kinds share the article view's colours (``KIND_COLOURS``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from html import escape
from pathlib import Path

Link = Callable[[str], str | None]

# fill and stroke for each kind of fact (as in the article view)
KIND_COLOURS: dict[str, tuple[str, str]] = {
    "proposal": ("#d7e9ff", "#3b7dd8"),
    "statement": ("#ece4ff", "#7a5cc7"),
    "demand": ("#ffe9c7", "#d98a1c"),
    "objection": ("#ffd6d6", "#c93a3a"),
    "threat": ("#f9d3ec", "#b8338f"),
    "support": ("#d6f3d6", "#2f8f3a"),
    "event": ("#fff4b0", "#a68a00"),
    "other": ("#e6e6e6", "#777777"),
}
FONT = "font-family:system-ui,sans-serif"
CHAR = 6.6  # the width of one character at 12px, roughly: enough to keep labels apart


def _esc(text: object) -> str:
    return escape(str(text), quote=True)


def _clip(text: str, chars: int) -> str:
    """At most ``chars`` characters, cut at a word boundary with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= chars:
        return text
    cut = text[: chars - 1].rsplit(" ", 1)[0] if " " in text[: chars - 1] else text[: chars - 1]
    return cut.rstrip(",;:") + "…"


def _svg(width: float, height: float, title: str, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{_esc(title)}" '
        f'style="{FONT};font-size:12px"><title>{_esc(title)}</title>'
        f'<rect width="100%" height="100%" fill="#ffffff"/>{body}</svg>\n'
    )


def _linked(href: str | None, inner: str) -> str:
    return f'<a href="{_esc(href)}">{inner}</a>' if href else inner


# --- timeline ---------------------------------------------------------------------------------


@dataclass
class Moment:
    """One event or speech act on a timeline: its interval is the precision of its date (a day,
    a week, a month, a year), so "next month" is drawn a month wide."""

    label: str
    kind: str
    start: date | None  # None: the article gives no time, or one that could not be resolved
    end: date | None  # the last day of the interval, inclusive
    phrase: str = ""
    who: str = ""
    iri: str = ""
    review: str = "curated"


def interval(start: date, precision: str) -> date:
    """The last day of the interval that starts at ``start`` with this precision."""
    if precision == "year":
        return date(start.year, 12, 31)
    if precision == "month":
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return following - timedelta(days=1)
    if precision == "week":
        return start + timedelta(days=6)
    return start


def _ticks(first: date, last: date) -> list[tuple[date, str]]:
    """Axis ticks: years over a long range, months over a medium one, else weeks."""
    days = (last - first).days
    ticks: list[tuple[date, str]] = []
    if days > 3 * 366:
        for year in range(first.year, last.year + 2):
            ticks.append((date(year, 1, 1), str(year)))
    elif days > 75:
        year, month = first.year, first.month
        step = 1 if days < 500 else 3
        while date(year, month, 1) <= last + timedelta(days=31):
            ticks.append((date(year, month, 1), date(year, month, 1).strftime("%b %Y")))
            month += step
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    else:
        day = first - timedelta(days=first.weekday())
        while day <= last + timedelta(days=7):
            ticks.append((day, day.strftime("%d %b")))
            day += timedelta(days=7)
    return ticks


def timeline(
    moments: Sequence[Moment],
    *,
    title: str = "Timeline",
    link: Link = lambda _: None,
    width: int = 960,
) -> str:
    """Events and speech acts by date, one row each in time order; the bar spans the interval
    the date's precision allows. Moments without a date are listed at the end."""
    dated = sorted((m for m in moments if m.start and m.end), key=lambda m: (m.start, m.end))
    undated = [m for m in moments if not (m.start and m.end)]
    row, top, left, right = 22, 58, 12, 12
    height = top + row * (len(dated) + len(undated)) + (30 if undated else 0) + 20
    parts: list[str] = []
    if dated:
        first = min(m.start for m in dated if m.start)
        last = max(m.end for m in dated if m.end)
        ticks = _ticks(first, last)
        lo = min(first, ticks[0][0])
        hi = max(last + timedelta(days=1), ticks[-1][0])
        span = max((hi - lo).days, 1)
        plot = width - left - right

        def x(day: date) -> float:
            return left + plot * (day - lo).days / span

        for day, text in ticks:
            if lo <= day <= hi and x(day) + 3 + len(text) * CHAR <= width:
                parts.append(
                    f'<line x1="{x(day):.1f}" y1="{top - 8}" x2="{x(day):.1f}" '
                    f'y2="{top + row * len(dated)}" stroke="#e3e3e3"/>'
                    f'<text x="{x(day) + 3:.1f}" y="{top - 12}" fill="#555">{_esc(text)}</text>'
                )
        for i, m in enumerate(dated):
            assert m.start and m.end
            fill, stroke = KIND_COLOURS.get(m.kind, KIND_COLOURS["other"])
            x0, x1 = x(m.start), x(m.end + timedelta(days=1))
            y = top + i * row
            dash = ' stroke-dasharray="3 2"' if m.review == "draft" else ""
            when = m.start.isoformat() if m.start == m.end else f"{m.start} – {m.end}"
            tip = f"{m.label}\n{when}" + (f" ({m.phrase})" if m.phrase else "")
            tip += (f"\n{m.who}" if m.who else "") + (" · draft" if m.review == "draft" else "")
            label = _clip(m.label, 70) + (f" — {_clip(m.who, 30)}" if m.who else "")
            room = width - right - x1 - 6
            if x1 - x0 - 10 >= min(len(label), 40) * CHAR:  # a wide bar holds its own label
                tx, anchor, label = x0 + 5, "start", _clip(label, int((x1 - x0 - 10) / CHAR))
            elif room >= len(label) * CHAR or room >= x0 - left:
                tx, anchor, label = x1 + 5, "start", _clip(label, max(int(room / CHAR), 8))
            else:
                tx, anchor, label = x0 - 5, "end", _clip(label, max(int((x0 - left) / CHAR), 8))
            mark = (
                f'<g class="moment k-{_esc(m.kind)}"><title>{_esc(tip)}</title>'
                f'<rect x="{x0:.1f}" y="{y + 4}" width="{max(x1 - x0, 3):.1f}" height="{row - 8}" '
                f'rx="3" fill="{fill}" stroke="{stroke}"{dash}/>'
                f'<text x="{tx:.1f}" y="{y + row - 7}" text-anchor="{anchor}">'
                f"{_esc(label)}</text></g>"
            )
            parts.append(_linked(link(m.iri) if m.iri else None, mark))
    if undated:
        y = top + row * len(dated) + 24
        parts.append(f'<text x="{left}" y="{y}" fill="#555">No date given or resolved:</text>')
        for i, m in enumerate(undated):
            fill, stroke = KIND_COLOURS.get(m.kind, KIND_COLOURS["other"])
            yy = y + 8 + i * row
            tip = m.label + (f" ({m.phrase})" if m.phrase else "") + (f"\n{m.who}" if m.who else "")
            mark = (
                f'<g class="moment k-{_esc(m.kind)}"><title>{_esc(tip)}</title>'
                f'<rect x="{left}" y="{yy + 4}" width="10" height="{row - 8}" rx="2" '
                f'fill="{fill}" stroke="{stroke}"/><text x="{left + 16}" y="{yy + row - 7}">'
                f"{_esc(_clip(m.label + (' — ' + m.who if m.who else ''), 130))}</text></g>"
            )
            parts.append(_linked(link(m.iri) if m.iri else None, mark))
    if not moments:
        parts.append(f'<text x="{left}" y="{top}">Nothing dated to show.</text>')
    parts.insert(0, f'<text x="{left}" y="18" font-weight="bold">{_esc(title)}</text>')
    return _svg(width, height, title, "".join(parts))


# --- who stands with whom -------------------------------------------------------------------


@dataclass
class Tie:
    """Two actors who stand together: ``weight`` shared objections or support, about ``what``."""

    a: tuple[str, str]  # (IRI, label)
    b: tuple[str, str]
    weight: int
    what: list[str] = field(default_factory=list)
    kind: str = "objection"  # the colour: they object together, or support together


def network(
    ties: Sequence[Tie],
    *,
    title: str = "Who stands with whom",
    link: Link = lambda _: None,
    size: int = 640,
) -> str:
    """Actors on a circle, joined by a line as thick as the number of positions they share."""
    actors = sorted({t.a for t in ties} | {t.b for t in ties}, key=lambda a: (a[1], a[0]))
    n = len(actors)
    longest = max((len(label) for _, label in actors), default=0)
    margin = 30 + min(longest, 28) * CHAR
    radius = (size - 2 * margin) / 2 if n > 1 else 0
    cx = cy = size / 2
    where: dict[str, tuple[float, float, float]] = {}
    for i, (iri, _) in enumerate(actors):
        angle = -math.pi / 2 + 2 * math.pi * i / max(n, 1)
        where[iri] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle), angle)
    degree = {iri: 0 for iri, _ in actors}
    for t in ties:
        degree[t.a[0]] += t.weight
        degree[t.b[0]] += t.weight
    parts = [f'<text x="12" y="18" font-weight="bold">{_esc(title)}</text>']
    for t in sorted(ties, key=lambda t: (t.a[1], t.b[1])):
        (x0, y0, _), (x1, y1, _) = where[t.a[0]], where[t.b[0]]
        _, stroke = KIND_COLOURS.get(t.kind, KIND_COLOURS["other"])
        tip = f"{t.a[1]} and {t.b[1]}: {t.weight} shared ({t.kind})\n" + "\n".join(t.what)
        parts.append(
            f'<g class="tie"><title>{_esc(tip)}</title><line x1="{x0:.1f}" y1="{y0:.1f}" '
            f'x2="{x1:.1f}" y2="{y1:.1f}" stroke="{stroke}" stroke-opacity="0.7" '
            f'stroke-width="{1.5 + 2 * math.log2(1 + t.weight):.1f}"/></g>'
        )
    for iri, label in actors:
        x, y, angle = where[iri]
        r = 5 + 2 * math.sqrt(degree[iri])
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        dx = (r + 4) * math.cos(angle)
        dy = (r + 12) * math.sin(angle) + 4
        node = (
            f'<g class="actor"><title>{_esc(label)}: {degree[iri]} shared</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#f2f2f2" stroke="#444"/>'
            f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}">'
            f"{_esc(_clip(label, 28))}</text></g>"
        )
        parts.append(_linked(link(iri), node))
    if not ties:
        parts.append('<text x="12" y="44">No two actors share a position yet.</text>')
    return _svg(size, size, title, "".join(parts))


# --- position matrix ------------------------------------------------------------------------


@dataclass
class Cell:
    """An actor's stance on an issue: ``polarity`` support, oppose, neutral or mixed, with its
    ``strength`` and the evidence (one line per speech act) behind it."""

    actor: tuple[str, str]
    issue: tuple[str, str]
    polarity: str
    strength: str = ""
    evidence: list[str] = field(default_factory=list)


POLARITY_COLOURS = {
    "support": "#2f8f3a",
    "oppose": "#c93a3a",
    "neutral": "#8a8a8a",
    "mixed": "#7a5cc7",
}
STRENGTH_OPACITY = {"deal-breaker": 1.0, "firm": 0.8, "concern": 0.5, "open": 0.3}


def matrix(cells: Sequence[Cell], *, title: str = "Positions", link: Link = lambda _: None) -> str:
    """Actors (rows) by issues (columns); a cell's colour is the stance, its strength the depth
    of the colour, its tooltip the evidence."""
    actors = sorted({c.actor for c in cells}, key=lambda a: (a[1], a[0]))
    issues = sorted({c.issue for c in cells}, key=lambda i: (i[1], i[0]))
    at = {(c.actor[0], c.issue[0]): c for c in cells}
    cell, left = 34, 16 + min(max((len(a[1]) for a in actors), default=0), 30) * CHAR
    top = 40 + min(max((len(i[1]) for i in issues), default=0), 30) * CHAR * 0.72
    width = left + cell * len(issues) + 180
    height = top + cell * len(actors) + 40
    parts = [f'<text x="12" y="18" font-weight="bold">{_esc(title)}</text>']
    for j, (iri, label) in enumerate(issues):
        x = left + j * cell + cell / 2
        text = (
            f'<text transform="translate({x + 4:.1f},{top - 6:.1f}) rotate(-45)">'
            f"{_esc(_clip(label, 30))}</text>"
        )
        parts.append(_linked(link(iri), text))
    for i, (iri, label) in enumerate(actors):
        y = top + i * cell
        text = (
            f'<text x="{left - 8:.1f}" y="{y + cell / 2 + 4:.1f}" text-anchor="end">'
            f"{_esc(_clip(label, 30))}</text>"
        )
        parts.append(_linked(link(iri), text))
        for j, (issue, issue_label) in enumerate(issues):
            x = left + j * cell
            c = at.get((iri, issue))
            if c is None:
                parts.append(
                    f'<rect x="{x + 2:.1f}" y="{y + 2:.1f}" width="{cell - 4}" '
                    f'height="{cell - 4}" fill="#fafafa" stroke="#eee"/>'
                )
                continue
            colour = POLARITY_COLOURS.get(c.polarity, "#8a8a8a")
            opacity = STRENGTH_OPACITY.get(c.strength, 0.6)
            tip = f"{label} on {issue_label}: {c.polarity}" + (
                f" ({c.strength})" if c.strength else ""
            )
            tip += "".join(f"\n• {e}" for e in c.evidence)
            parts.append(
                f'<g class="cell {_esc(c.polarity)}"><title>{_esc(tip)}</title>'
                f'<rect x="{x + 2:.1f}" y="{y + 2:.1f}" width="{cell - 4}" height="{cell - 4}" '
                f'rx="3" fill="{colour}" fill-opacity="{opacity}" stroke="{colour}"/></g>'
            )
    ly = top + cell * len(actors) + 24
    for k, (polarity, colour) in enumerate(POLARITY_COLOURS.items()):
        parts.append(
            f'<rect x="{left + k * 90:.1f}" y="{ly - 10}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{left + k * 90 + 16:.1f}" y="{ly}">{polarity}</text>'
        )
    if not cells:
        parts.append('<text x="12" y="44">No positions recorded yet.</text>')
    return _svg(max(width, left + 90 * len(POLARITY_COLOURS) + 20), height, title, "".join(parts))


def png(svg: str) -> bytes:
    """The picture as PNG, rendered by resvg (the optional ``tradekg[png]`` extra)."""
    try:
        import resvg_py
    except ImportError:
        from kg.errors import UsageError

        raise UsageError(
            "PNG output needs the resvg renderer, which is not installed",
            hint="pip install 'tradekg[png]', or ask for --format svg",
        ) from None
    family = _sans_serif()
    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=svg, background="#ffffff", font_family=family, sans_serif_family=family
        )
    )


# sans-serif families to draw text with, by a file each installs (resvg's own default, Arial,
# is rarely installed on Linux, and without a font the text is left out)
_SANS = (
    ("DejaVu Sans", "DejaVuSans.ttf"),
    ("Liberation Sans", "LiberationSans-Regular.ttf"),
    ("Noto Sans", "NotoSans-Regular.ttf"),
)


@cache
def _sans_serif() -> str | None:
    roots = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts"]
    for family, filename in _SANS:
        for root in roots:
            if root.is_dir() and next(root.rglob(filename), None) is not None:
                return family
    return None


__all__ = [
    "Cell",
    "KIND_COLOURS",
    "Moment",
    "Tie",
    "interval",
    "matrix",
    "network",
    "png",
    "timeline",
]
