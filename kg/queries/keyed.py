"""The first pages of a listing from its first sort keys, instead of the whole answer sorted.

A listing ordered first by a key every row has (``pages: {by: headline}`` in its header:
the article's headline) is, page by page, the rows of its smallest keys: every row of a
larger key sorts after them. So the first page is the answer of the query restricted, by a
``VALUES`` block, to the first few keys in order, widened batch by batch until it holds the
page: each batch's keys sort after the last one's, so its rows come after theirs, and the
rows of a key are all in the batch that holds it (ties included). Oxigraph sorts the whole
answer before its first row comes out; the restricted query sorts only the rows of the keys
asked for.

The keys are read with one small query and sorted here, which is only right where the
store's ORDER BY sorts strings as Python does, by code point (``Caps.codepoint_order``:
the embedded store and its snapshots; a server's collation is not known, so a remote store
answers the whole query as before). serve keeps the sorted keys of each snapshot it reads
(a snapshot never changes; a new one has a new generation). A listing bound by a parameter
is answered whole, too:
its plan starts from the parameter, and a batch of keys beside it would change that.

A listing whose rows are few per key, or whose plan a block of keys does not start from
(``pages: {by: KEY, via: VAR, keys: QUERY}``: objections, threats), binds ?VAR instead: a
batch's keys are bound in QUERY (``SELECT ?VAR ?KEY WHERE ...``), which gives the values of
?VAR they pair with, and those are bound in the listing, at each line ``#+values`` if it has
them (inside each branch of a UNION: Oxigraph matches a UNION whole before it joins it with
a block outside it), else at the start of its WHERE group. Of its answer, the rows whose key
is one of the batch's are kept (a value of ?VAR can have rows of other keys too). That is the
same rows when QUERY pairs every row's value of ?VAR with the row's key, a key every row has.
"""

from __future__ import annotations

import math
import re
import sys
import threading
from collections.abc import Mapping

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.queries.catalogue import KEYED_PAGES, SavedQuery
from kg.sparql_terms import XSD_STRING, bind_values, values_block
from kg.store import Results, Store
from kg.store.generation import NONE_YET

EVERY_KEY = 1_000_000_000
# each batch asks for the keys it should take to fill the page, by the rows per key so far,
# times this margin
MARGIN = 1.25
# where a listing wants a batch's VALUES block, if not at the start of its WHERE group
VALUES_HERE = re.compile(r"#\+values$", re.M)


# the sorted keys of read-only snapshots (serve's), by store, snapshot generation and key: a
# snapshot never changes, and a new one has a new generation (kg.store.generation)
_SNAPSHOT_KEYS: dict[tuple[str, str, str], list[Literal] | None] = {}
_SNAPSHOTS_KEPT = 8
_LOCK = threading.Lock()


def sorted_keys(store: Store, key: str) -> list[Literal] | None:
    """Every value of the sort key ``key`` in the store, in the store's ORDER BY order; None
    when they cannot be sorted here (a value that is not a plain string, more values than the
    store returns). Kept for a read-only snapshot, read anew from any other store."""
    # a read-only snapshot is serve's (kg.store.readers); a CLI query never imports that module
    # (it imports rdflib's SPARQL parser), so a store cannot be one when it is not loaded
    readers = sys.modules.get("kg.store.readers")
    snapshot = readers is not None and isinstance(store, readers.ReadOnly)
    token = store.generation() if snapshot else None
    if token is None or token == NONE_YET:
        return _read_keys(store, key)
    cached = (store.location, token, key)
    with _LOCK:  # serve answers in threads
        if cached in _SNAPSHOT_KEYS:
            return _SNAPSHOT_KEYS[cached]
    keys = _read_keys(store, key)
    with _LOCK:
        while len(_SNAPSHOT_KEYS) >= _SNAPSHOTS_KEPT:
            del _SNAPSHOT_KEYS[next(iter(_SNAPSHOT_KEYS))]
        _SNAPSHOT_KEYS[cached] = keys
    return keys


def _read_keys(store: Store, key: str) -> list[Literal] | None:
    # every key, past a reader's own row limit (serve's --max-rows)
    answer = store.select(KEYED_PAGES[key], max_rows=EVERY_KEY)
    if answer.truncated:
        return None
    values: dict[str, Literal] = {}
    for (term,) in answer.rows:
        if not isinstance(term, Literal) or term.language is not None:
            return None
        if term.datatype is not None and str(term.datatype) != XSD_STRING:
            return None
        values.setdefault(str(term), term)
    return [values[text] for text in sorted(values)]


def _bind_each(text: str, rows: list[dict[str, Node]]) -> str:
    """``text`` with the rows as a VALUES block at each ``#+values`` that ends a line, else at
    the start of its WHERE group."""
    block = values_block(rows)
    bound, count = VALUES_HERE.subn(lambda _: block, text)
    return bound if count else bind_values(text, rows)


def keyed_page(
    store: Store,
    query: SavedQuery,
    bindings: Mapping[str, Node],
    limit: int,
    offset: int,
) -> Results | None:
    """The rows ``offset`` to ``offset + limit`` of ``query``'s answer (``truncated`` when more
    follow), read from its first sort keys; None when this way does not apply (no
    ``pages`` in the header, a parameter bound, a store that does not sort by code point):
    then the whole answer is the way. The batches grow with what the page still needs, so a
    page far down the listing is read in a few large batches."""
    key = query.page_key
    if key is None or bindings or not store.caps.codepoint_order:
        return None
    keys = sorted_keys(store, key)
    if not keys:  # none to sort, or an empty store (its answer is empty, and quick)
        return None
    need = offset + limit + 1  # one row more says whether more follow
    rows: list[tuple[Node | None, ...]] = []
    variables: list[str] = list(query.columns)
    done, size = 0, 1
    while done < len(keys) and len(rows) < need:
        batch = keys[done : done + size]
        if query.page_via is None or query.page_keys is None:
            # the rows this batch may add (a reader cuts an answer at its own limit otherwise)
            answer = store.select(
                bind_values(query.text, [{key: value} for value in batch]),
                max_rows=need - len(rows),
            )
            variables = answer.variables
            rows += answer.rows
        else:
            added = _via_batch(store, query, query.page_via, query.page_keys, batch)
            if added is None:
                return None
            variables, more = added
            rows += more
        done += len(batch)
        if rows:
            size = max(1, math.ceil((need - len(rows)) * done / len(rows) * MARGIN))
        else:
            size = 2 * done
    page = rows[offset : offset + limit]
    return Results(variables, page, truncated=len(rows) > offset + limit)


def _via_batch(
    store: Store, query: SavedQuery, via: str, keys_query: str, batch: list[Literal]
) -> tuple[list[str], list[tuple[Node | None, ...]]] | None:
    """The rows of the keys ``batch``, read via the values of ?via the keys query pairs with
    them; None when one cannot be bound (a blank node)."""
    key = query.page_key
    assert key is not None
    pairs = store.select(
        bind_values(keys_query, [{key: value} for value in batch]), max_rows=EVERY_KEY
    )
    values: dict[Node, None] = {}
    for value, _ in pairs.rows:
        if not isinstance(value, URIRef):
            return None
        values[value] = None
    if pairs.truncated:
        return None
    if not values:
        return list(query.columns), []
    answer = store.select(_bind_each(query.text, [{via: v} for v in values]), max_rows=EVERY_KEY)
    if answer.truncated:
        return None
    column = answer.variables.index(key)
    wanted = {str(k) for k in batch}
    kept = [row for row in answer.rows if row[column] is not None and str(row[column]) in wanted]
    return answer.variables, kept
