"""Writing files safely: whole or not at all."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from kg.errors import StoreError


def write_whole(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write a file whole or not at all: ``write(out)`` writes into a temporary file next to
    ``path``, which is then renamed to it; on any error the temporary file is removed and
    ``path`` is left as it was (an ``OSError`` becomes a ``StoreError`` that names the file).

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "hello.txt"
    >>> write_whole(target, lambda out: out.write(b"hello"))
    >>> target.read_bytes()
    b'hello'
    """
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with tmp.open("wb") as out:
            write(out)
        tmp.replace(path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise StoreError(
            f"cannot write {path}: {e.strerror}", hint="no part of it was left behind"
        ) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


__all__ = ["write_whole"]
