"""Running a saved query with its parameters bound."""

from __future__ import annotations

from collections.abc import Mapping

from kg.queries.catalogue import get_query
from kg.queries.params import resolve_params
from kg.store import Results, Store


def run_saved(
    store: Store,
    name: str,
    params: Mapping[str, str] | None = None,
    *,
    max_rows: int | None = None,
) -> Results:
    """Run the saved query ``name``; parameter values are resolved, then bound. With
    ``max_rows``, at most that many rows, and ``truncated`` if there were more."""
    query = get_query(name)
    bindings = resolve_params(store, query, params or {})
    return store.select(query.text, bindings, max_rows=max_rows)
