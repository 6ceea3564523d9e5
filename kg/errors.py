"""The exceptions tradekg raises, and the exit codes the CLI maps them to.

::

    KgError                 base class; ``str(e)`` is the message for the person at the terminal
    ├── InputError          an input file is malformed or refers to something unknown (exit 1)
    ├── ValidationFailed    data does not conform to the shapes or the text checks (exit 1)
    ├── UsageError          a command was asked for something it cannot do: unknown query,
    │                       unknown or ambiguous parameter value (exit 2)
    └── StoreError          the store could not be opened, read or written (exit 3)

Every error can say where: ``path`` and ``line`` for files, ``node`` for RDF, and a ``hint``
that says how to fix it.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_RUN = 3


class KgError(Exception):
    """Base class of tradekg errors."""

    exit_code = EXIT_DATA

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        node: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.node = node
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path + (f":{self.line}" if self.line is not None else "") + ": "
        elif self.node is not None:
            where = f"<{self.node}>: "
        text = where + self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(KgError):
    """An input file is malformed, or refers to something that does not exist."""


class ValidationFailed(KgError):
    """Data does not conform; ``problems`` lists every problem found, one line each."""

    def __init__(self, message: str, problems: list[str], **kwargs: object) -> None:
        super().__init__(message, **kwargs)  # type: ignore[arg-type]
        self.problems = problems

    def __str__(self) -> str:
        return "\n  ".join([super().__str__(), *self.problems])


class UsageError(KgError):
    """The request cannot be carried out as asked (unknown query, bad parameter value)."""

    exit_code = EXIT_USAGE


class StoreError(KgError):
    """The store could not be opened, read or written."""

    exit_code = EXIT_RUN
