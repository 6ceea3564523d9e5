"""What went wrong talking to a SPARQL server, said for the person at the terminal.

Each function returns the error to raise: ``StoreError`` (exit 3) for faults of the server or
the connection, ``UsageError`` (exit 2) for a query the server says is malformed. Messages name
the endpoint (its URL without parameters; store URLs never hold credentials) and say what to do.
"""

from __future__ import annotations

import re
import socket
import ssl
from http import HTTPStatus
from urllib.parse import urlsplit

from kg.errors import KgError, StoreError, TimedOut, UsageError
from kg.store.profiles import examples

_TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)
_SPACE = re.compile(r"\s+")
URL_HINT = (
    "check the endpoint URL ("
    + ", ".join(f"{name}: {urlsplit(url).path}" for name, url in examples())
    + "), or set TRADEKG_UPDATE_URL / TRADEKG_GSP_URL"
)
AUTH_HINT = (
    "set TRADEKG_USER and TRADEKG_PASSWORD (with TRADEKG_AUTH=digest for Virtuoso) "
    "or TRADEKG_TOKEN in the environment, or use the credentials file"
)


def server_text(body: bytes, limit: int = 200, *, tail: bool = False) -> str:
    """The server's message: text with HTML tags removed, on one line, at most ``limit``
    characters (the end of it with ``tail``)."""
    text = body.decode("utf-8", errors="replace")
    if "<" in text and ">" in text:
        text = _TAGS.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    if len(text) > limit:
        text = "…" + text[-limit:] if tail else text[:limit] + "…"
    return text


def http_error(url: str, status: int, body: bytes, *, query: bool = False) -> KgError:
    """An HTTP error status (``status`` 0: an error status SPARQLWrapper did not say)."""
    text = server_text(body)
    try:
        reason = f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        reason = str(status) if status else "an error status"
    said = f": {text}" if text else ""
    # Virtuoso answers a syntax error with 500 and SQL state 37000 (SP030)
    if query and (status == 400 or (status == 500 and re.match(r"(37000|SP0\d\d)\b", text))):
        return UsageError(
            f"the server at {url} rejected the query ({reason}){said}",
            hint="check the query's syntax",
        )
    if status == 401:
        return StoreError(
            f"the server at {url} asks for credentials or refused them ({reason})", hint=AUTH_HINT
        )
    if status == 403:
        return StoreError(
            f"the server at {url} refused the request ({reason}){said}",
            hint="the user may not be allowed to do this (a read-only server, "
            "or a user without write permission); check its permissions",
        )
    if status == 404:
        return StoreError(f"there is no endpoint at {url} ({reason}){said}", hint=URL_HINT)
    if status >= 500:
        return StoreError(
            f"the server at {url} failed ({reason}){said}",
            hint="see the server's log; run the command again once it is fixed",
        )
    return StoreError(f"the server at {url} answered {reason}{said}")


def bad_body(url: str, body: bytes, content_type: str) -> StoreError:
    """A 2xx answer that is cut short or not what was asked for."""
    kind = content_type.split(";")[0].strip() or "no content type"
    end = server_text(body, 120, tail=True)
    return StoreError(
        f"the answer from {url} is incomplete or invalid ({len(body)} bytes of {kind}"
        + (f", ending {end!r}" if end else "")
        + ")",
        hint="the server may have stopped the query (its own time limit) or the connection "
        "broke; run the command again, or narrow the query",
    )


def row_cap(url: str, cap: str) -> StoreError:
    """Virtuoso cut the answer (header ``X-SPARQL-MaxRows``)."""
    return StoreError(
        f"the server at {url} cut the answer at {cap} rows (X-SPARQL-MaxRows), so it is incomplete",
        hint="raise ResultSetMaxRows in the [SPARQL] section of virtuoso.ini, or narrow the query",
    )


def timed_out(url: str, seconds: float) -> StoreError:
    return TimedOut(
        f"no answer from {url} within {seconds:g} s",
        hint="the server may be busy or the query too expensive; set "
        "TRADEKG_TIMEOUT (seconds) to wait longer",
    )


def _causes(error: BaseException) -> list[BaseException]:
    """The exception and what caused it (``__cause__``, ``__context__``, ``reason``, args)."""
    seen: list[BaseException] = []
    todo = [error]
    while todo and len(seen) < 20:
        e = todo.pop()
        if any(e is s for s in seen):
            continue
        seen.append(e)
        nested = [e.__cause__, e.__context__, getattr(e, "reason", None), *e.args]
        todo.extend(n for n in nested if isinstance(n, BaseException))
    return seen


def unreachable(url: str, error: BaseException) -> StoreError:
    """The connection could not be made, or broke."""
    causes = _causes(error)
    if any(isinstance(c, TimeoutError | socket.timeout) for c in causes):
        return TimedOut(
            f"no answer from {url} in time",
            hint="the server may be busy; set TRADEKG_TIMEOUT (seconds) to wait longer",
        )
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        what = "connection refused"
    elif any(isinstance(c, socket.gaierror) for c in causes):
        what = "unknown host"
    elif any(isinstance(c, ssl.SSLError) for c in causes):
        what = "TLS error"
    elif any(isinstance(c, ConnectionError) for c in causes):
        return StoreError(
            f"the connection to {url} broke before the answer was complete",
            hint="run the command again; if it persists, see the server's log",
        )
    else:
        what = type(error).__name__
    return StoreError(
        f"cannot connect to {url}: {what}",
        hint="is the server running? check the URL given with --store or TRADEKG_STORE",
    )


__all__ = [
    "bad_body",
    "http_error",
    "row_cap",
    "server_text",
    "timed_out",
    "unreachable",
]
