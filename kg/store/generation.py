"""The generation of an embedded store: a token that changes with every write, so that a page
of results made before a write is known to be stale (kg.queries.cursor).

It is a file in the store directory (``generation``), written anew (a random token, replaced
atomically) *before* each write to the store: a write that fails leaves a new token, which
only makes older cursors stale, and no reader sees a written state under an older token (the
embedded store is opened by one process at a time; ``tradekg serve`` reads snapshots, and each
snapshot carries a copy of the file, taken with it). A store that no tradekg has written since
generations were kept has generation ``"0"``. RocksDB leaves files it did not make alone.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

FILE = "generation"
NONE_YET = "0"


def read(directory: str | Path) -> str:
    """The generation of the store (or snapshot) in ``directory``."""
    try:
        return (Path(directory) / FILE).read_text(encoding="ascii").strip() or NONE_YET
    except FileNotFoundError:
        return NONE_YET


def bump(directory: str | Path) -> str:
    """A new generation for the store in ``directory``, before it is written."""
    token = secrets.token_hex(8)
    target = Path(directory) / FILE
    temporary = target.with_name(f".{FILE}-{os.getpid()}")
    temporary.write_text(token + "\n", encoding="ascii")
    os.replace(temporary, target)
    return token


def copy(source: str | Path, target: str | Path) -> None:
    """Give the snapshot in ``target`` the generation of the store in ``source``."""
    (Path(target) / FILE).write_text(read(source) + "\n", encoding="ascii")


__all__ = ["FILE", "NONE_YET", "bump", "copy", "read"]
