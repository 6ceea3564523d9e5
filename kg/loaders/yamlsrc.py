"""YAML that remembers lines: mappings come back as ``Node`` dicts that know where they are."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from kg.errors import FileMissing, InputError

try:  # the C parser when PyYAML was built with it
    _Base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader


class Node(dict[str, Any]):
    """A YAML mapping with the line of the mapping and of each key (1-based)."""

    line: int
    key_lines: dict[str, int]


class _Loader(_Base):  # type: ignore[misc,valid-type]
    pass


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Node:
    loader.flatten_mapping(node)
    result = Node()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            raise InputError(
                f"duplicate key {key!r}",
                line=key_node.start_mark.line + 1,
                hint="each key may appear once in a mapping",
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> dt.date:
    try:
        value: dt.date = yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as e:
        raise InputError(
            f"{node.value!r} is not a date that exists ({e})",
            line=node.start_mark.line + 1,
            hint="check the day and month; quote the value if it is not meant as a date",
        ) from None
    return value


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def parse_yaml(text: str, path: str | Path, line_offset: int = 0) -> Any:
    """Parse one YAML document; errors name the file and line."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except InputError as e:
        e.path = str(path)
        if e.line is not None:
            e.line += line_offset
        raise
    except yaml.MarkedYAMLError as e:
        mark = _cause(e)
        line = mark.line + 1 + line_offset if mark is not None else None
        raise InputError(
            f"malformed YAML: {e.problem or e.context}",
            path=path,
            line=line,
            hint="check indentation and quoting on that line",
        ) from None
    except yaml.YAMLError as e:
        raise InputError(f"malformed YAML: {e}", path=path) from None
    except RecursionError:
        raise InputError("malformed YAML: nested too deeply", path=path) from None


def parse_mapping(
    text: str,
    path: str | Path,
    message: str,
    *,
    hint: str | None = None,
    line: int = 1,
    line_offset: int = 0,
) -> Node:
    """Parse a YAML document that must be a mapping; anything else is an error ``message``
    at ``line``."""
    doc = parse_yaml(text, path, line_offset)
    if not isinstance(doc, Node):
        raise InputError(message, path=path, line=line, hint=hint)
    return doc


_LEFT_OPEN = (
    "while scanning a simple key",
    "while scanning a quoted scalar",
    "while parsing a flow",
)


def _cause(e: yaml.MarkedYAMLError) -> yaml.Mark | None:
    """The mark of the line to show: where the mistake is, not where the parser noticed it.

    Marks are 0-based. The problem mark is where the parser gave up, which for a construct left
    open (a flow list or mapping without its closing bracket, a key without its colon, a quoted
    scalar without its closing quote) is the next token, often on the next line; the context
    mark is where that construct starts. For a block mapping or list the context is where the
    whole block starts, so the problem mark is the better guess there.
    """
    if e.context_mark is not None and (e.context or "").startswith(_LEFT_OPEN):
        return e.context_mark
    return e.problem_mark or e.context_mark


def read_text(path: Path) -> str:
    """A UTF-8 text file with a BOM dropped and line endings made ``\\n``."""
    return decode_text(read_bytes(path), path)


def read_bytes(path: Path) -> bytes:
    """A file's bytes; a missing or unreadable file is an InputError naming it."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise FileMissing("file not found", path=path) from None
    except OSError as e:
        raise InputError(f"cannot read file: {e.strerror}", path=path) from None


# Control characters other than tab and line ends: XML 1.0 (RDF/XML) cannot carry them, so a
# text holding one could not be exported in every syntax. U+0000 is one of them.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def check_controls(text: str, path: str | Path, line_offset: int = 0) -> None:
    """Refuse control characters, naming the first one's line and column."""
    found = CONTROL.search(text)
    if found is not None:
        start = found.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        raise InputError(
            f"control character U+{ord(found.group()):04X} at column {column}",
            path=path,
            line=line + line_offset,
            hint="tradekg keeps no control characters other than tab and line ends (RDF/XML "
            "cannot carry them); remove it",
        )


def decode_text(data: bytes, path: str | Path, *, normalize: bool = True) -> str:
    """Bytes as UTF-8 text, a BOM dropped; with ``normalize`` line endings made ``\\n`` and
    control characters refused."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8: byte 0x{data[e.start]:02x} at offset {e.start}",
            path=path,
            line=line,
            hint="save the file as UTF-8",
        ) from None
    text = text.removeprefix("\ufeff")
    if not normalize:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_controls(text, path)
    return text
