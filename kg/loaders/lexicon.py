"""Lexicons for extractors: the titles and roles that introduce a named person in text."""

from __future__ import annotations

from pathlib import Path

import yaml

from kg.errors import InputError
from kg.loaders.yamlsrc import Node, parse_yaml, read_text
from kg.resources import titles_file


def load_titles(path: Path | None = None) -> tuple[str, ...]:
    """The titles of ``data/lexicon/titles.yaml`` (or ``path``): lower-case strings, each once,
    in file order."""
    path = path or titles_file()
    text = read_text(path)
    doc = parse_yaml(text, path)
    if not isinstance(doc, Node) or not isinstance(doc.get("titles"), list):
        raise InputError(
            "a titles lexicon is a mapping with a list `titles:`",
            path=path,
            line=1,
            hint="titles: [trade minister, chief negotiator, ...]",
        )
    seen: dict[str, int] = {}
    for title, line in zip(doc["titles"], _item_lines(text), strict=True):
        if not isinstance(title, str) or not title.strip():
            raise InputError(f"title {title!r} is not text", path=path, line=line)
        if title != " ".join(title.lower().split()):
            raise InputError(
                f"title {title!r} is not lower case with single spaces",
                path=path,
                line=line,
                hint=f"write {' '.join(title.lower().split())!r}",
            )
        if title in seen:
            raise InputError(
                f"title {title!r} is listed twice",
                path=path,
                line=line,
                hint=f"it is already on line {seen[title]}",
            )
        seen[title] = line
    return tuple(seen)


def _item_lines(text: str) -> list[int]:
    """The line of each item of the ``titles`` list (1-based)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert isinstance(root, yaml.MappingNode)
    items = next(v for k, v in root.value if k.value == "titles")
    return [item.start_mark.line + 1 for item in items.value]
