"""Article files: the text with a YAML front-matter header between ``---`` lines.

::

    ---
    url: https://example.org/news/nafta-round-5
    title: NAFTA talks make little headway
    publisher: Example Wire
    published: 2017-11-21
    language: en
    ---
    U.S. Trade Representative Robert Lighthizer acknowledged ...
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kg.errors import InputError
from kg.iris import check_iri
from kg.loaders.yamlsrc import parse_mapping, read_text
from kg.model import Article, Where

REQUIRED = ("url", "title", "published", "language")


def has_front_matter(path: Path) -> bool:
    """Whether a file starts with the ``---`` line of a header (a BOM before it is allowed),
    without reading the rest; an unreadable file says True so that reading it reports why."""
    try:
        with path.open("rb") as f:
            first = f.readline()
    except OSError:
        return True
    return first.removeprefix(b"\xef\xbb\xbf").strip() == b"---"


def read_article(path: Path) -> Article:
    """Read an article file; the text is everything after the closing ``---`` line."""
    raw = read_text(path)
    lines = raw.split("\n")
    if not lines or lines[0].strip() != "---":
        raise InputError(
            "no front-matter header",
            path=path,
            line=1,
            hint="start the file with a '---' line, then url, title, published, language, "
            "then a closing '---' line",
        )
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise InputError(
            "front-matter header is not closed",
            path=path,
            line=1,
            hint="add a '---' line after the header",
        ) from None
    meta = parse_mapping(
        "\n".join(lines[1:close]),
        path,
        "front-matter header must be a mapping of keys to values",
        line=2,
        line_offset=1,
    )
    for key in REQUIRED:
        if meta.get(key) in (None, ""):
            raise InputError(
                f"front matter lacks {key!r}",
                path=path,
                line=close + 1,
                hint=f"add '{key}: ...' to the header",
            )
    url = str(meta["url"])
    try:
        check_iri(url)
    except InputError as e:
        raise InputError(
            f"url {url!r} is not an absolute URL",
            path=path,
            line=meta.key_lines["url"] + 1,
            hint=e.hint,
        ) from None
    published = meta["published"]
    if isinstance(published, dt.datetime):
        published = published.date()
    if not isinstance(published, dt.date):
        try:
            published = dt.date.fromisoformat(str(published))
        except ValueError:
            raise InputError(
                f"published {published!r} is not a date",
                path=path,
                line=meta.key_lines["published"] + 1,
                hint="write it as an ISO date, YYYY-MM-DD",
            ) from None
    text = "\n".join(lines[close + 1 :])
    if not text.strip():
        raise InputError("the article has no text after its header", path=path, line=close + 1)
    note = meta.get("published_note")
    publisher = meta.get("publisher")
    return Article(
        url=url,
        title=str(meta["title"]),
        published=published,
        language=str(meta["language"]),
        text=text,
        where=Where(str(path)),
        publisher=str(publisher) if publisher is not None else None,
        date_note=str(note) if note is not None else None,
    )
