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
answers the whole query as before). The sorted keys are kept by the store's generation (a
token every write renews, kg.store.generation): serve keeps those of each snapshot it reads
in memory (a snapshot never changes; a new one has a new generation), and the embedded store
in a file of its ``keys/`` folder, which the first reader of a generation writes and the next
ones read, parsing only the lines a page takes (_kept). A listing bound by a parameter
is answered whole, too (its plan starts from the parameter, and a batch of keys beside it
would change that), unless its keys query takes that parameter (``params``, below).

A listing whose first key has many rows (``pages: {by: KEY, then: NEXT, via: VAR, keys:
QUERY}``: article-audit, whose headline is that of some 50 articles in the synthetic corpus,
560 rows) is read by the first two keys of its ORDER BY: for a batch of KEYs, QUERY (``SELECT
?VAR ?KEY ?NEXT WHERE ...``, or ``?VAR ?KEY`` where NEXT is VAR) gives the pairs of ?VAR and
the two keys; they are sorted here, and the listing is bound to the VARs of the first few
pairs (ties of the last one's keys included), at each line ``#+values`` if it has them
(inside each branch of a UNION: Oxigraph matches a UNION whole before it joins it with a
block outside it), else at the start of its WHERE group. Of its answer, the rows whose two
keys are those pairs' are kept (a value of ?VAR can have rows of other keys too): all the
rows of those keys when QUERY pairs every row's ?VAR with its two keys. NEXT is a column, so
the rows are chosen by it as by the KEY.

A listing ordered by other keys (labels, counts, kinds of problem), or whose keys are few
(threats: 0.4 a headline; ``pages: {order: [KEY, ...], via: VAR or [VAR, ...], keys: QUERY}``)
reads the pairs of VARs and KEYs QUERY gives, sorts them here as the listing's ORDER BY does
(per key, DESC included; unbound first, then IRIs, then strings by code point, numbers, dates
or booleans), and binds a batch of the VARs of the first pairs, ties of the last KEYs included;
of the listing's answer, the rows whose KEYs are among the batch's are kept: all the rows of
those KEYs, the smallest after the batches before, when QUERY pairs every row's VARs with the
row's KEYs. QUERY is read whole, so it leaves out what costs the listing most per row
(evidence, lists, review, the most specific class); the store sorts nothing (Oxigraph decodes
both strings of each comparison it makes: sorting 2,325 actors by IRI took 0.23 s of CPU,
reading them 0.03 s). Keys that are not sorted here (a language tag, dates of another form, two
kinds of literal in one key) leave the whole answer.

A listing whose ORDER BY sorts by values it computes, not by columns (timeline: whether a
fact is dated, the last day of its time, its label; ``pages: {sort: "TERM ...", via: VAR or
[VAR, ...], keys: QUERY}``, TERMs as in an ORDER BY: ``?KEY`` or ``DESC(?KEY)``) is read
the same way, with QUERY computing those values as the listing does, one set per value of the
VARs (else the whole answer): the rows of a batch are those of its VARs.

A listing of either form whose answer for one value of a parameter is long (everything one
actor did: thousands of rows at 10k articles, ``person``) names the parameters its keys query
is bound by too (``params: [NAME, ...]``; QUERY selects ?NAME after the VARs and KEYs, as the
listing selects its parameters, which a value is substituted for). Bound by one of them, the
listing's pages are read from the pairs of the keys query bound the same way (looked up
from the value: one actor's acts, not the store's; kept as the whole store's are, the last
BOUND_KEPT values' of a generation), each batch bound by the VARs and by the listing's
parameters; a parameter the keys query does not take leaves it more pairs than
the listing has rows, whose batches give fewer rows. Bound only by parameters it does not
take, the listing is answered whole (the whole store's pairs could be kept, but a parameter
that leaves few rows would make the batches grow to most of them).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO, overload

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.queries.catalogue import KEYED_PAGES, SavedQuery
from kg.sparql_terms import XSD_STRING, bind_values, values_block
from kg.store import Results, Store
from kg.store.generation import NONE_YET

log = logging.getLogger("kg.queries")

EVERY_KEY = 1_000_000_000
# each batch asks for the keys it should take to fill the page, by the rows per key so far,
# times this margin
MARGIN = 1.25
# where a listing wants a batch's VALUES block, if not at the start of its WHERE group
VALUES_HERE = re.compile(r"#\+values$", re.M)


# the sorted keys of read-only snapshots (serve's), by store, snapshot generation and key: a
# snapshot never changes, and a new one has a new generation (kg.store.generation). All the
# keys of a snapshot are kept (a dozen: the headlines, the pairs of each listing, the names of
# kg.queries.params), of the last two snapshots: the one a write published and the one before
# it, which answers the requests begun before. (At 10,000 articles the pairs of acts alone
# take 75 MB of memory; when at most 8 keys of any snapshots were kept, a first page of each
# listing in turn read its keys from the store every time.)
_SNAPSHOT_KEYS: dict[tuple[str, str, str], Sequence[Any] | None] = {}
_SNAPSHOTS_KEPT = 2
# and those of a keys query bound by a parameter's value (``params``), apart: there are as many
# as values asked for, and the oldest make way for new ones, in memory and in the kept folder
_BOUND_KEYS: dict[tuple[str, str, str], Sequence[Any] | None] = {}
BOUND_KEPT = 64
# what the name of a file of a value's keys starts with after the generation
BOUND = "bound-"
_LOCK = threading.Lock()
# the first line of a file of kept keys
_KEPT_HEADER = "tradekg sorted keys 1"


def sorted_keys(store: Store, key: str) -> Sequence[Literal] | None:
    """Every value of the sort key ``key`` in the store, in the store's ORDER BY order; None
    when they cannot be sorted here (a value that is not a plain string, more values than the
    store returns). Kept for a read-only snapshot in memory, for the embedded store in a file
    of its generation (_kept)."""
    return _kept(store, KEYED_PAGES[key], lambda: _read_keys(store, key), single=True)


def _snapshot(store: Store) -> bool:
    """Whether ``store`` is a read-only snapshot, serve's (kg.store.readers): a CLI query never
    imports that module (it imports rdflib's SPARQL parser), so a store cannot be one when it
    is not loaded."""
    readers = sys.modules.get("kg.store.readers")
    return readers is not None and isinstance(store, readers.ReadOnly)


def _kept_where(store: Store) -> tuple[str | None, Path | None]:
    """The generation what is read from ``store`` is kept by, and the folder it is kept in
    (None: in memory, a read-only snapshot's); no generation when nothing can be kept (a
    server, a store no tradekg has written since generations were kept, ``NONE_YET``)."""
    snapshot = _snapshot(store)
    folder = None if snapshot else store.kept_folder()
    token = store.generation() if snapshot or folder is not None else None
    return (None, None) if token is None or token == NONE_YET else (token, folder)


def keeps(store: Store) -> bool:
    """Whether what is read from ``store`` can be kept by its generation (_kept): a snapshot
    or the embedded store of a generation, not a server."""
    return _kept_where(store)[0] is not None


def kept_terms(
    store: Store, text: str, read: Callable[[], Sequence[Node] | None]
) -> Sequence[Node] | None:
    """What ``read`` gives (terms, the answer of the query ``text``), kept by the store's
    generation as sorted keys are (_kept); for another module's lookups."""
    return _kept(store, text, read, single=True)


def _kept(
    store: Store,
    text: str,
    read: Callable[[], Sequence[Any] | None],
    *,
    single: bool = False,
    bindings: Mapping[str, Node] | None = None,
) -> Sequence[Any] | None:
    """What ``read`` gives (the sorted answer of the keys query ``text``, bound by
    ``bindings``, whose values name the answer with the query's), kept by the store's
    generation: a snapshot's in memory; the embedded store's in a file of its kept folder,
    named by the generation and the query, which the first reader of a generation writes and
    the next ones read (lazily: a first page parses only the lines it takes). A write renews
    the generation before and after it (kg.store.embedded), so a file is never of another
    state of the store; a store no tradekg has written since generations were kept
    (``NONE_YET``), a server, or an unwritable folder reads the keys anew each time. Of the
    answers bound by a value, the last BOUND_KEPT are kept."""
    token, folder = _kept_where(store)
    if token is None:
        return read()
    named = text
    if bindings:  # the values as N-Triples terms, each after its variable's name
        named += "".join(f"\n#bound ?{k} {v.n3()}" for k, v in sorted(bindings.items()))
    # a value's file is named apart from the whole store's (BOUND, not a hex digit: a digest
    # can start with any), so that only values' files make way for newer ones
    digest = (BOUND if bindings else "") + hashlib.sha256(named.encode("utf-8")).hexdigest()[:16]
    if folder is None:
        cached = (store.location, token, digest)
        kept_here = _BOUND_KEYS if bindings else _SNAPSHOT_KEYS
        with _LOCK:  # serve answers in threads
            if cached in kept_here:
                return kept_here[cached]
        rows = read()
        with _LOCK:
            if bindings:  # the last values'
                while len(kept_here) >= BOUND_KEPT:
                    del kept_here[next(iter(kept_here))]
            else:  # the last snapshots', each whole
                snapshots = list(dict.fromkeys(k[:2] for k in kept_here))
                while cached[:2] not in snapshots and len(snapshots) >= _SNAPSHOTS_KEPT:
                    oldest = snapshots.pop(0)
                    for k in [k for k in kept_here if k[:2] == oldest]:
                        del kept_here[k]
            kept_here[cached] = rows
        return rows
    path = folder / f"{token}-{digest}.jsonl"
    kept = _KeptRows.open(path, single)
    if kept is not None:
        return kept
    rows = read()
    if rows is not None and store.generation() == token:
        _keep(folder, path, rows, single)
        if bindings:
            _forget_oldest(folder, f"{token}-{BOUND}")
    return rows


def _forget_oldest(folder: Path, prefix: str) -> None:
    """Remove the files of ``folder`` whose names start with ``prefix``, but the BOUND_KEPT
    last written."""
    try:
        found = [(f.stat().st_mtime_ns, f.name, f) for f in folder.glob(prefix + "*.jsonl")]
    except OSError:
        return
    for _, _, path in sorted(found)[:-BOUND_KEPT]:
        path.unlink(missing_ok=True)


def _keep(folder: Path, path: Path, rows: Sequence[Any], single: bool) -> None:
    """Write ``rows`` to ``path`` whole or not at all, and remove the files of other
    generations; a folder that cannot be written keeps nothing."""
    lines = [_KEPT_HEADER]
    for row in rows:
        encoded = [_encode(term) for term in ((row,) if single else row)]
        if any(e is False for e in encoded):
            return  # a blank node: nothing is kept
        lines.append(json.dumps(encoded[0] if single else encoded, ensure_ascii=False))
    token = path.name.split("-", 1)[0]
    try:
        folder.mkdir(exist_ok=True)
        temporary = folder / f".{path.name}.{os.getpid()}.{threading.get_ident()}"
        temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
        os.replace(temporary, path)
        for other in folder.iterdir():
            if not other.name.startswith((token + "-", ".")):
                other.unlink(missing_ok=True)
    except OSError as e:
        log.debug("could not keep the sorted keys in %s: %s", folder, e)


def _encode(term: object) -> object:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ["i", str(term)]
    if isinstance(term, Literal):
        datatype = None if term.datatype is None else str(term.datatype)
        return ["l", str(term), datatype, term.language]
    return False


def _decode(value: Any) -> Node | None:
    if value is None:
        return None
    if value[0] == "i":
        return URIRef(value[1])
    _, text, datatype, language = value
    return Literal(text, lang=language, datatype=None if datatype is None else URIRef(datatype))


class _KeptRows(Sequence[Any]):
    """The rows of a file of kept keys, read from the file as far as they are asked for (a
    first page reads the first few hundred lines of tens of thousands: reading a file of
    62,954 pairs whole, 28 MB, took 40-60 ms of CPU), each parsed when first asked for. The
    file stays open while the rows are used: a file replaced or removed meanwhile (another
    generation kept) is still read as it was."""

    _CHUNK = 1 << 16

    def __init__(self, handle: BinaryIO, single: bool) -> None:
        self._file: BinaryIO | None = handle
        self._single = single
        self._lines: list[bytes] = []
        self._rest = b""
        self._rows: dict[int, Any] = {}

    @classmethod
    def open(cls, path: Path, single: bool) -> _KeptRows | None:
        """The rows of the file at ``path``, or None when it is missing, of another layout
        or cut short (no newline at its end)."""
        try:
            handle = path.open("rb")
        except OSError:
            return None
        try:
            header = handle.readline()
            handle.seek(0, os.SEEK_END)
            complete = handle.tell() >= len(header) > 0 and _last_byte(handle) == b"\n"
            if header != _KEPT_HEADER.encode() + b"\n" or not complete:
                handle.close()
                return None
            handle.seek(len(header))
        except OSError:
            handle.close()
            return None
        return cls(handle, single)

    def __del__(self) -> None:
        if self._file is not None:
            self._file.close()

    def _fill(self, count: float) -> None:
        """Read lines until ``count`` are read or the file ends."""
        while len(self._lines) < count and self._file is not None:
            chunk = self._file.read(self._CHUNK)
            if not chunk:
                self._file.close()
                self._file = None
                break
            lines = (self._rest + chunk).split(b"\n")
            self._rest = lines.pop()
            self._lines += lines

    def within(self, i: int) -> bool:
        """Whether there is a row ``i`` (reading only up to it)."""
        self._fill(i + 1)
        return i < len(self._lines)

    def __len__(self) -> int:
        self._fill(math.inf)
        return len(self._lines)

    def __bool__(self) -> bool:
        return self.within(0)

    def _row(self, i: int) -> Any:
        row = self._rows.get(i)
        if row is None:
            value = json.loads(self._lines[i])
            row = _decode(value) if self._single else tuple(_decode(v) for v in value)
            self._rows[i] = row
        return row

    @overload
    def __getitem__(self, i: int) -> Any: ...

    @overload
    def __getitem__(self, i: slice) -> list[Any]: ...

    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            if i.step not in (None, 1) or (i.start or 0) < 0 or i.stop is None or i.stop < 0:
                return [self._row(j) for j in range(*i.indices(len(self)))]
            self._fill(i.stop)
            return [self._row(j) for j in range(i.start or 0, min(i.stop, len(self._lines)))]
        if i < 0:
            i += len(self)
        if i < 0 or not self.within(i):
            raise IndexError(i)
        return self._row(i)


def _last_byte(handle: BinaryIO) -> bytes:
    handle.seek(-1, os.SEEK_END)
    return handle.read(1)


def _within(rows: Sequence[Any], i: int) -> bool:
    """Whether ``rows`` has a row ``i``; of kept rows, reading only up to it."""
    return rows.within(i) if isinstance(rows, _KeptRows) else i < len(rows)


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
    if query.page_order and store.caps.codepoint_order:
        if not bindings:
            return _in_key_order(store, query, {}, limit, offset)
        if any(name in query.page_params for name in bindings):
            return _in_key_order(store, query, bindings, limit, offset)
        return None
    if query.page_then is not None and not bindings and store.caps.codepoint_order:
        return _then_page(store, query, limit, offset)
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
    while _within(keys, done) and len(rows) < need:
        batch = keys[done : done + size]
        # the rows this batch may add (a reader cuts an answer at its own limit otherwise)
        answer = store.select(
            bind_values(query.text, [{key: value} for value in batch]),
            max_rows=need - len(rows),
        )
        variables = answer.variables
        rows += answer.rows
        done += len(batch)
        size = _next_batch(need, len(rows), done)
    return _page(variables, rows, limit, offset)


def _next_batch(need: int, have: int, done: int) -> int:
    """How many keys the next batch binds: as many as the rows still needed take, by the rows
    per key so far (times MARGIN); twice as many as so far when none gave a row yet."""
    if have:
        return max(1, math.ceil((need - have) * done / have * MARGIN))
    return 2 * done


def _page(
    variables: list[str], rows: list[tuple[Node | None, ...]], limit: int, offset: int
) -> Results:
    """The page of ``rows`` from ``offset``, truncated when more rows follow it."""
    return Results(variables, rows[offset : offset + limit], truncated=len(rows) > offset + limit)


Pair = tuple[Node | None, ...]
_NUMERIC = {
    "http://www.w3.org/2001/XMLSchema#" + name
    for name in ("integer", "decimal", "double", "float", "int", "long")
}
_XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
_XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_RANK_IRI, _RANK_LITERAL = 1, 2  # ORDER BY puts unbound first, then IRIs, then literals


def _sortable(column: list[Node | None]) -> list[tuple[int, object]] | None:
    """The sort keys of a column of terms, as ORDER BY sorts them where strings are compared
    by code point: unbound first, IRIs, then literals (false before true; dates by their
    text, which is their order for a date of four-digit year and no time zone); None for
    what is not sorted here (a blank node, a language tag, a date of another form, literals
    of other datatypes or of two kinds)."""
    kinds: set[str] = set()
    keys: list[tuple[int, object]] = []
    for term in column:
        if term is None:
            keys.append((0, ""))
        elif isinstance(term, URIRef):
            keys.append((_RANK_IRI, str(term)))
        elif isinstance(term, Literal) and term.language is None:
            datatype = str(term.datatype or XSD_STRING)
            text = str(term)
            if datatype == XSD_STRING:
                kinds.add("string")
                keys.append((_RANK_LITERAL, text))
            elif datatype in _NUMERIC and isinstance(term.value, (int, float, Decimal)):
                kinds.add("number")
                keys.append((_RANK_LITERAL, term.value))
            elif datatype == _XSD_DATE and _PLAIN_DATE.fullmatch(text):
                kinds.add("date")
                keys.append((_RANK_LITERAL, text))
            elif datatype == _XSD_BOOLEAN and text in ("true", "false"):
                kinds.add("boolean")
                keys.append((_RANK_LITERAL, text == "true"))
            else:
                return None
        else:
            return None
    return keys if len(kinds) <= 1 else None


def sorted_pairs(
    store: Store, query: SavedQuery, bindings: Mapping[str, Node] | None = None
) -> Sequence[Pair] | None:
    """The rows of ``query``'s keys query (the VARs, then the KEYs of ``pages: {order:
    ...}``) in the listing's order of the KEYs; None when they cannot be sorted here. Kept as
    sorted_keys keeps headlines (_kept). With ``bindings``, those of the parameters the keys
    query takes (``params``) are bound in it (the others are not: its pairs are then more than
    the listing's, which leaves out the rows of the rest), and the pairs are read anew: they
    are the rows of one value, read from it, where the whole store's are kept."""
    assert query.page_keys is not None
    bound = {k: v for k, v in (bindings or {}).items() if k in query.page_params}
    return _kept(store, query.page_keys, lambda: _read_pairs(store, query, bound), bindings=bound)


def _read_pairs(store: Store, query: SavedQuery, bindings: Mapping[str, Node]) -> list[Pair] | None:
    assert query.page_keys is not None
    answer = store.select(query.page_keys, bindings, max_rows=EVERY_KEY)
    if answer.truncated:
        return None
    first = len(query.page_bind)
    # each row as its VARs then its KEYs (a KEY can be one of the VARs, selected once)
    where = [answer.variables.index(v) for v in (*query.page_bind, *query.page_order)]
    pairs = [tuple(row[i] for i in where) for row in answer.rows]
    for row in pairs:
        if not all(isinstance(v, (URIRef, Literal)) for v in row[:first]):
            return None  # a blank node (or none) cannot be bound in the listing
    # a stable sort per key, the last key first: the pairs in the order of all the keys
    for i in reversed(range(len(query.page_order))):
        keys = _sortable([row[first + i] for row in pairs])
        if keys is None:
            return None
        ranked = sorted(range(len(pairs)), key=keys.__getitem__, reverse=query.page_descending[i])
        pairs = [pairs[j] for j in ranked]
    if query.page_sort and len({row[:first] for row in pairs}) < len(pairs):
        return None  # sort keys that are not one set per value of the VARs
    return pairs


def _in_key_order(
    store: Store, query: SavedQuery, bindings: Mapping[str, Node], limit: int, offset: int
) -> Results | None:
    """The page of a listing read by several keys (``pages: {order: ...}``), bound by
    ``bindings``; None when its keys cannot be sorted here."""
    pairs = sorted_pairs(store, query, bindings)
    if pairs is None:
        return None
    first = len(query.page_bind)
    need = offset + limit + 1  # one row more says whether more follow
    rows: list[tuple[Node | None, ...]] = []
    variables: list[str] = list(query.columns)
    # a first batch of a tenth of the page: a pair can have many rows (an actor on an issue)
    done, size = 0, max(1, need // 10)
    while _within(pairs, done) and len(rows) < need:
        # a batch: the next ``size`` pairs, and the rest of the ties of its last keys
        end = done + size if _within(pairs, done + size - 1) else len(pairs)
        while _within(pairs, end) and pairs[end][first:] == pairs[end - 1][first:]:
            end += 1
        batch = pairs[done:end]
        values = list(dict.fromkeys(pair[:first] for pair in batch))
        wanted = {pair[first:] for pair in batch}
        answer = store.select(
            _bind_each(
                query.text,
                [
                    {k: t for k, t in zip(query.page_bind, v, strict=True) if t is not None}
                    for v in values
                ],
            ),
            bindings,
            max_rows=EVERY_KEY,
        )
        if answer.truncated:
            return None
        variables = answer.variables
        if query.page_sort:
            # the KEYs are not columns, but one set per value of the VARs: the rows of the
            # batch's VARs (those that are columns) are the batch's
            at = [(i, variables.index(v)) for i, v in enumerate(query.page_bind) if v in variables]
            chosen = {tuple(value[i] for i, _ in at) for value in values}
            rows += [row for row in answer.rows if tuple(row[c] for _, c in at) in chosen]
        else:
            columns = [variables.index(k) for k in query.page_order]
            rows += [row for row in answer.rows if tuple(row[c] for c in columns) in wanted]
        done = end
        # as many pairs as the rows still needed take, by the rows per pair so far
        size = max(1, math.ceil((need - len(rows)) * done / max(len(rows), 1) * MARGIN))
    return _page(variables, rows, limit, offset)


def _then_pairs(
    store: Store, query: SavedQuery, batch: Sequence[Literal]
) -> list[tuple[Node, tuple[Node | None, Node | None]]] | None:
    """The pairs of ?VIA and (KEY, NEXT) the keys query gives for the KEYs ``batch``, in the
    listing's order of the two keys; None when they cannot be bound or sorted here."""
    key, then, via = query.page_key, query.page_then, query.page_via
    assert key is not None and then is not None and via is not None
    assert query.page_keys is not None
    answer = store.select(
        bind_values(query.page_keys, [{key: value} for value in batch]), max_rows=EVERY_KEY
    )
    if answer.truncated:
        return None
    at = [answer.variables.index(v) for v in (via, key, then)]
    found: list[tuple[Node, Node | None, Node | None]] = []
    for row in answer.rows:
        value = row[at[0]]
        if not isinstance(value, URIRef):
            return None  # a blank node (or none) cannot be bound in the listing
        found.append((value, row[at[1]], row[at[2]]))
    nexts = _sortable([n for _, _, n in found])
    if nexts is None:
        return None
    place = {str(k): i for i, k in enumerate(batch)}  # the batch is in KEY order
    ranked = sorted(
        range(len(found)),
        key=lambda i: (place.get(str(found[i][1]), len(place)), nexts[i]),
    )
    return [(found[i][0], (found[i][1], found[i][2])) for i in ranked]


def _then_page(store: Store, query: SavedQuery, limit: int, offset: int) -> Results | None:
    """The page of a listing read by its first key and the next (``pages: {by: KEY, then:
    NEXT, via: VAR, keys: QUERY}``): for a batch of KEYs, QUERY's pairs of ?VAR and the two
    keys are sorted here, and the listing is bound to the VARs of the first pairs, ties of
    the last pair's keys included; of its answer, the rows whose two keys are among those
    pairs' are kept. That is all the rows of those keys, the smallest after the pairs before,
    when QUERY pairs every row's ?VAR with its two keys. None when this way does not apply."""
    key, then, via = query.page_key, query.page_then, query.page_via
    assert key is not None and then is not None and via is not None
    keys = sorted_keys(store, key)
    if not keys:
        return None
    need = offset + limit + 1  # one row more says whether more follow
    rows: list[tuple[Node | None, ...]] = []
    variables: list[str] = list(query.columns)
    # a first batch of one KEY, and of its pairs a tenth of the page (a pair can have many
    # rows: an article in the audit)
    done, size, paired = 0, 1, 0
    while _within(keys, done) and len(rows) < need:
        batch = keys[done : done + size]
        pairs = _then_pairs(store, query, batch)
        if pairs is None:
            return None
        at = 0
        while at < len(pairs) and len(rows) < need:
            if paired and rows:  # as many pairs as the rows still needed take, so far
                chunk = math.ceil((need - len(rows)) * paired / len(rows) * MARGIN)
            else:
                chunk = 2 * paired if paired else max(1, need // 10)
            end = min(at + max(1, chunk), len(pairs))
            while end < len(pairs) and pairs[end][1] == pairs[end - 1][1]:
                end += 1
            values = list(dict.fromkeys(value for value, _ in pairs[at:end]))
            wanted = {keyed for _, keyed in pairs[at:end]}
            answer = store.select(
                _bind_each(query.text, [{via: v} for v in values]), max_rows=EVERY_KEY
            )
            if answer.truncated:
                return None
            variables = answer.variables
            first, second = variables.index(key), variables.index(then)
            rows += [row for row in answer.rows if (row[first], row[second]) in wanted]
            paired += end - at
            at = end
        done += len(batch)
        size = _next_batch(need, len(rows), done)
    return _page(variables, rows, limit, offset)
