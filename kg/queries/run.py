"""Running a saved query with its parameters bound, a page of its rows at a time."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from rdflib import Literal
from rdflib.term import Node

from kg.errors import UsageError
from kg.queries.catalogue import LIST_JOIN, LIST_SEPARATOR, SavedQuery, get_query
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
            return finish(query, page)
    return finish(query, store.select(query.text, bindings, max_rows=limit, offset=offset))


def sorted_list(value: Node | None) -> Node | None:
    """A list the query concatenated with LIST_SEPARATOR in the store's order (``lists:`` in
    its header), sorted by code point (as the store's ORDER BY sorts strings) and joined with
    LIST_JOIN; an empty one (a store's GROUP_CONCAT of nothing) is unbound.

    >>> sorted_list(Literal("Ministry of Trade, Industry and Energy\\nMOTIE\\nKorea's trade ministry"))
    rdflib.term.Literal("Korea's trade ministry, MOTIE, Ministry of Trade, Industry and Energy")
    """  # noqa: E501
    if not isinstance(value, Literal):
        return value
    items = str(value).split(LIST_SEPARATOR)
    if items == [""]:
        return None
    return Literal(LIST_JOIN.join(sorted(dict.fromkeys(items))))


def finish(query: SavedQuery, results: Results) -> Results:
    """``results`` as tradekg returns the rows of ``query``: its ``lists`` sorted
    (sorted_list). The one place the rows of a saved query pass through (run_saved; a stream's
    cells in stream_saved)."""
    at = [i for i, v in enumerate(results.variables) if v in query.lists]
    if not at:
        return results
    rows = []
    for row in results.rows:
        cells = list(row)
        for i in at:
            cells[i] = sorted_list(cells[i])
        rows.append(tuple(cells))
    return Results(results.variables, rows, results.boolean, results.truncated)


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
    if not query.lists:
        return store.stream(query.text, bindings, cell=cell, offset=offset)
    # each distinct term is made a pair of itself and its cell once (as Store.stream makes
    # cells); a list's cell is made of the list sorted, once per distinct list
    stream = store.stream(query.text, bindings, cell=lambda t: (t, cell(t)), offset=offset)
    at = {i for i, v in enumerate(stream.variables) if v in query.lists}
    made: dict[Node, Any] = {}

    def listed(pair: tuple[Node | None, Any]) -> Any:
        term, plain = pair
        if not isinstance(term, Literal):
            return plain
        found = made.get(term)
        if found is None:
            if len(made) >= 50_000:
                made.clear()
            found = made[term] = cell(sorted_list(term))
        return found

    rows = (
        tuple(listed(pair) if i in at else pair[1] for i, pair in enumerate(row))
        for row in stream.rows
    )
    return Stream(stream.variables, rows, stream.boolean)
