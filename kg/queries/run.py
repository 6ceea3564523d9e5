"""Running a saved query with its parameters bound, a page of its rows at a time."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from kg.errors import UsageError
from kg.queries.catalogue import get_query
from kg.queries.params import resolve_params
from kg.store import Results, Store, Stream

MAX_ROWS = 1_000_000_000  # a limit or offset past this is a mistake, not a request


def _whole(name: str, value: object) -> int:
    """``value`` as a count of rows: an int, or its decimal digits as text (from a URL)."""
    hint = "limit is the number of rows of a page, offset how many rows come before it"
    if isinstance(value, str) and re.fullmatch(r"\s*-?[0-9]+\s*", value):
        if len(value.strip().lstrip("-")) > 30:  # int() of thousands of digits is refused
            raise UsageError(
                f"{name} must be from 0 to {MAX_ROWS:,}, not {value.strip()[:20]}...", hint=hint
            )
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "..."
        raise UsageError(f"{name} must be a whole number of rows, not {shown}", hint=hint)
    if not 0 <= value <= MAX_ROWS:
        raise UsageError(f"{name} must be from 0 to {MAX_ROWS:,}, not {value:,}", hint=hint)
    return value


def page_bounds(limit: object = None, offset: object = 0) -> tuple[int | None, int]:
    """A page's ``limit`` (None: every row) and ``offset``, checked: whole numbers from 0 to
    MAX_ROWS, given as ints or as their digits (as a URL has them); else a UsageError.

    >>> page_bounds("100", 0)
    (100, 0)
    >>> page_bounds(-1)
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: limit must be from 0 to 1,000,000,000, not -1 (limit is the number of rows of a page, offset how many rows come before it)
    """  # noqa: E501
    return (None if limit is None else _whole("limit", limit)), _whole("offset", offset)


def run_saved(
    store: Store,
    name: str,
    params: Mapping[str, str] | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> Results:
    """Run the saved query ``name``; parameter values are resolved, then bound.

    A page: the rows after the first ``offset``, at most ``limit`` of them (None: all), with
    ``truncated`` when more rows follow. The store reads only as far as the page ends (a
    query without ORDER BY stops early); the queries of the catalogue are ordered, so pages
    of an unchanged store do not overlap and together give every row. A listing whose header
    says ``pages: {by: KEY}`` reads a page from the rows of its first sort keys, where the
    store allows (kg.queries.keyed): the same rows, without sorting the whole answer.
    """
    limit, offset = page_bounds(limit, offset)
    query = get_query(name)
    bindings = resolve_params(store, query, params or {})
    if limit is not None and (query.page_key is not None or query.page_order):
        from kg.queries.keyed import keyed_page

        page = keyed_page(store, query, bindings, limit, offset)
        if page is not None:
            return page
    return store.select(query.text, bindings, max_rows=limit, offset=offset)


def stream_saved(
    store: Store,
    name: str,
    params: Mapping[str, str] | None = None,
    *,
    cell: Callable[[Any], Any],
    offset: int = 0,
) -> Stream:
    """Every row of the saved query ``name`` after the first ``offset``, as the store gives
    them, each value made a cell by ``cell`` (Store.stream): the whole answer in its order,
    written without holding it (kg.queries.formats.write_rows), where run_saved reads it
    whole."""
    _, offset = page_bounds(None, offset)
    query = get_query(name)
    bindings = resolve_params(store, query, params or {})
    return store.stream(query.text, bindings, cell=cell, offset=offset)
