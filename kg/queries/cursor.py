"""Cursors: where the next page of a saved query's rows starts, for one state of the store.

A page made with an offset alone shows shifted rows when the store is written between two
pages (an article loaded sorts among the rows already shown). A cursor names the saved query,
its parameters as they were given, the offset and the page size, and the store's generation
(kg.store.generation, which every write changes); it is refused, never followed, for another
query or parameters, or once the store has changed. It is opaque text (base64 of JSON, with a
check of its own so that a cut or mistyped cursor is told apart from a stale one).

>>> token = make("statements", {}, offset=100, limit=100, generation="5f3a")
>>> read(token)
Cursor(query='statements', params={}, offset=100, limit=100, generation='5f3a')
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

from kg.errors import StaleCursor, UsageError

_CHECK = 10  # hex digits of the check


@dataclass(frozen=True)
class Cursor:
    query: str
    params: dict[str, str]
    offset: int
    limit: int | None
    generation: str


def make(
    query: str, params: Mapping[str, str], *, offset: int, limit: int | None, generation: str
) -> str:
    """The cursor of the page of ``query`` with ``params`` that starts after ``offset`` rows
    and holds ``limit`` rows (None: every row), in the store's ``generation``."""
    payload = json.dumps(
        {"q": query, "p": dict(params), "o": offset, "l": limit, "g": generation},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode("utf-8")
    check = hashlib.sha256(payload).hexdigest()[:_CHECK]
    return base64.urlsafe_b64encode(payload).rstrip(b"=").decode("ascii") + "." + check


def read(token: str) -> Cursor:
    """The cursor ``token`` stands for; a UsageError when it is not a whole tradekg cursor."""
    bad = UsageError(
        f"{_shown(token)} is not a cursor tradekg made (cut short or mistyped?)",
        hint="copy the whole cursor the last page printed, or start from the first page",
    )
    text, dot, check = token.strip().rpartition(".")
    if not dot:
        raise bad
    try:
        payload = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise bad from None
    if hashlib.sha256(payload).hexdigest()[:_CHECK] != check:
        raise bad
    try:
        fields = json.loads(payload)
        cursor = Cursor(
            str(fields["q"]),
            {str(k): str(v) for k, v in fields["p"].items()},
            int(fields["o"]),
            None if fields["l"] is None else int(fields["l"]),
            str(fields["g"]),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        raise bad from None
    if cursor.offset < 0 or (cursor.limit is not None and cursor.limit < 0):
        raise bad
    return cursor


def resume(
    token: str, query: str, params: Mapping[str, str] | None, generation: str | None
) -> Cursor:
    """The cursor ``token``, checked against the query it is given with, its parameters
    (None: those of the cursor) and the store's generation now (None: a store that cannot
    tell, where no cursor can be trusted). A UsageError for another query or parameters,
    StaleCursor when the store has changed since the cursor was made."""
    cursor = read(token)
    if cursor.query != query:
        raise UsageError(
            f"this cursor is for the query {cursor.query!r}, not {query!r}",
            hint=f"give it with the query {cursor.query!r}, or start {query!r} from its first page",
        )
    if params is not None and dict(params) != cursor.params:
        raise UsageError(
            f"this cursor is for {query!r} with {_params(cursor.params)}, "
            f"not with {_params(params)}",
            hint="give the cursor alone: it holds its parameters; or start from the first page",
        )
    if generation is None:
        raise UsageError(
            "this store cannot tell whether it changed since the cursor was made "
            "(a SPARQL server), so a cursor cannot be trusted here",
            hint="page with offsets instead",
        )
    if generation != cursor.generation:
        raise StaleCursor(
            "the store has changed since this cursor was made: the rows of its page may have moved",
            hint="start again from the first page",
        )
    return cursor


def _params(params: Mapping[str, str]) -> str:
    if not params:
        return "no parameters"
    return ", ".join(f"{k}={v!r}" for k, v in sorted(params.items()))


def _shown(token: str) -> str:
    return repr(token if len(token) <= 40 else token[:37] + "...")


__all__ = ["Cursor", "make", "read", "resume"]
