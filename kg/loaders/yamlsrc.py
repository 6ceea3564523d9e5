"""YAML that remembers lines: mappings come back as ``Node`` dicts that know where they are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kg.errors import InputError

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
                f"duplicate key {key!r}", line=key_node.start_mark.line + 1,
                hint="each key may appear once in a mapping",
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


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
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 + line_offset if mark is not None else None
        raise InputError(
            f"malformed YAML: {e.problem or e.context}", path=path, line=line,
            hint="check indentation and quoting on that line",
        ) from None
    except yaml.YAMLError as e:
        raise InputError(f"malformed YAML: {e}", path=path) from None


def read_text(path: Path) -> str:
    """A UTF-8 text file with a BOM dropped and line endings made ``\\n``."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except OSError as e:
        raise InputError(f"cannot read file: {e.strerror}", path=path) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8: byte 0x{data[e.start]:02x} at offset {e.start}", path=path, line=line,
            hint="save the file as UTF-8",
        ) from None
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")
