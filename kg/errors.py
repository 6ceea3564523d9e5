"""The exceptions tradekg raises, and the exit codes the CLI maps them to.

Every exception tradekg raises on purpose is in this module; code that handles one branches
on its type, never on its message. The whole tree::

    KgError                 base class; ``str(e)`` is the message for the person at the terminal
    ├── InputError          an input file is malformed or refers to something unknown (exit 1)
    │   └── FileMissing     an input file does not exist
    ├── ValidationFailed    data does not conform to the shapes or the text checks (exit 1)
    ├── UsageError          a command was asked for something it cannot do: unknown query,
    │   │                   unknown or ambiguous parameter value (exit 2)
    │   ├── QuerySyntaxError    the text is not a SPARQL 1.1 query (HTTP 400 from tradekg serve)
    │   ├── Refused             the query asks what a read-only, local store does not do:
    │   │                       an update, SERVICE, FROM <elsewhere> (HTTP 403)
    │   ├── StaleCursor         a page's cursor was made before the store changed (HTTP 409)
    │   └── NetworkRefused      a connection to a place the user did not name (kg.guard)
    └── StoreError          the store could not be opened, read or written (exit 3)
        ├── StoreInUse      another process holds the embedded store (its lock)
        ├── TimedOut        no answer within the time limit (HTTP 503 from tradekg serve)
        │   └── QueryTimeout    a query ran past its time limit and was stopped
        ├── Busy            every query worker stayed busy (HTTP 503, Retry-After)
        └── WorkerDied      a query worker ended while answering (it is replaced)

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


class FileMissing(InputError):
    """An input file does not exist."""


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


class QuerySyntaxError(UsageError):
    """The text is not a SPARQL 1.1 query (the endpoint answers HTTP 400). ``detail`` is the
    parser's own message, for a caller that says it otherwise."""

    def __init__(self, detail: str, **kwargs: object) -> None:
        super().__init__(f"the query does not parse: {detail}", **kwargs)  # type: ignore[arg-type]
        self.detail = detail


class Refused(UsageError):
    """The query asks for something a read-only, local store does not do (HTTP 403)."""


class StaleCursor(UsageError):
    """The cursor was made before the store changed: its page may hold other rows."""


class NetworkRefused(UsageError):
    """A connection to a place the user did not name was refused (exit 2)."""


class StoreError(KgError):
    """The store could not be opened, read or written."""

    exit_code = EXIT_RUN


class StoreInUse(StoreError):
    """Another process holds the embedded store (RocksDB's lock)."""


class TimedOut(StoreError):
    """No answer within the time limit."""


class QueryTimeout(TimedOut):
    """A query ran past the time limit and was stopped."""


class Busy(StoreError):
    """Every worker stayed busy for the whole time limit."""


class WorkerDied(StoreError):
    """A worker process ended while answering (it is replaced)."""


__all__ = [
    "EXIT_DATA",
    "EXIT_OK",
    "EXIT_RUN",
    "EXIT_USAGE",
    "Busy",
    "FileMissing",
    "InputError",
    "KgError",
    "NetworkRefused",
    "QuerySyntaxError",
    "QueryTimeout",
    "Refused",
    "StaleCursor",
    "StoreError",
    "StoreInUse",
    "TimedOut",
    "UsageError",
    "ValidationFailed",
    "WorkerDied",
]
