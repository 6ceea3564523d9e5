"""Stores behind one interface: the embedded on-disk store (Oxigraph) and SPARQL 1.1 servers.

The store owns every way of reading it: ``select``, ``construct`` and ``ask`` take a time
limit, a row limit and a dataset where the backend can honour them; ``stream`` gives every row
of an answer as it comes (the embedded store; a server's answer is read whole first); and a
backend says what it can do in ``caps`` (callers never ask which backend they have). The modules::

    kg.store            this interface, open_store, where the store is
    kg.store.embedded   the embedded store (Oxigraph in a directory)
    kg.store.remote     a SPARQL 1.1 server (kg.store.auth: credentials; kg.store.faults: its
                        errors said for people)
    kg.store.fixed      the fixed queries (content hash, counts, graph names), written once
    kg.store.snapshots  published snapshots of the embedded store, for readers in other processes
    kg.store.pool       killable query workers over a snapshot (kg.store.worker: one worker)
    kg.store.querycheck what a query for a read-only, local store may not ask (SERVICE, FROM
                        elsewhere, updates)
    kg.store.readers    read-only stores within limits: a snapshot through the pool, a server
    kg.store.serving    what ``tradekg serve`` reads: the snapshots it follows, or the server
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol, TypeVar

# rdflib is imported when a store is opened, not to find out where the store is (which
# tradekg --help says): Triples, a subclass of rdflib's Graph, is imported on first use
if TYPE_CHECKING:
    from rdflib import URIRef
    from rdflib.term import Node

    from kg.store.triples import Triples

if TYPE_CHECKING:
    import pyoxigraph as ox

ENV_STORE = "TRADEKG_STORE"


def __getattr__(name: str) -> Any:
    if name == "Triples":
        from kg.store.triples import Triples

        return Triples
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# A named graph to write: its IRI and its triples as N-Triples statements without the final
# " ." (kg.sparql_terms.render_lines makes them).
RenderedGraph = tuple["URIRef", Sequence[str]]
_S = TypeVar("_S")


# The protocol's dataset, (default graphs, named graphs), instead of the union default graph.
Dataset = tuple[Sequence[str], Sequence[str]]


@dataclass(frozen=True)
class Caps:
    """What a backend can do, for callers that must choose without asking which it is.

    ``timeouts``: ``timeout=`` stops the query itself (the embedded store runs it in a worker
    process that is killed); without it a server stops its own work, and tradekg only stops
    waiting (after ``TRADEKG_TIMEOUT`` seconds). ``row_limit``: ``max_rows=`` cuts answers,
    and they say ``truncated``. ``datasets``: ``dataset=`` is honoured. ``snapshots``: the store
    publishes read-only snapshots that other processes read while it is written
    (kg.store.snapshots); ``tradekg serve`` reads those instead of the live store.
    ``bulk_writes``: one ``replace_graphs`` of many new graphs costs less than several of a few
    (the embedded store's bulk loader), so ingest writes several batches at once.
    ``codepoint_order``: ORDER BY sorts string literals (``xsd:string``) by code point, as
    Python sorts ``str`` (Oxigraph does; a server's collation is not known), so the first
    page of a listing can be read from its first sort keys alone (kg.queries.keyed).
    """

    timeouts: bool
    row_limit: bool = True
    datasets: bool = True
    snapshots: bool = False
    bulk_writes: bool = False
    codepoint_order: bool = False


def column_indexes(variables: Sequence[str], columns: Sequence[str]) -> list[int]:
    """Where ``columns`` are among ``variables``; a UsageError names one that is not."""
    missing = [c for c in columns if c not in variables]
    if missing:
        from kg.errors import UsageError

        raise UsageError(
            f"no column {missing[0]!r} in the results", hint="columns: " + ", ".join(variables)
        )
    return [variables.index(c) for c in columns]


@dataclass
class Results:
    """The answer to a SELECT (``variables`` and ``rows``) or an ASK (``boolean``);
    ``truncated`` when rows beyond the row limit were dropped."""

    variables: list[str]
    rows: list[tuple[Node | None, ...]]
    boolean: bool | None = None
    truncated: bool = False

    def project(self, columns: Sequence[str]) -> Results:
        """Only these columns, in this order."""
        index = column_indexes(self.variables, columns)
        return Results(
            list(columns),
            [tuple(row[i] for i in index) for row in self.rows],
            truncated=self.truncated,
        )


@dataclass
class Stream:
    """The answer to a SELECT as it comes (``variables``, and ``rows`` to iterate once: each a
    tuple of cells) or to an ASK (``boolean``, no rows); see ``Store.stream``."""

    variables: list[str]
    rows: Iterator[tuple[Any, ...]]
    boolean: bool | None = None


class Store(Protocol):
    """What every store backend offers. A store is a context manager: ``with open_store(...) as
    store:`` closes it (and releases the embedded store's lock) on the way out."""

    location: str
    caps: Caps

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...

    def replace_graphs(
        self, graphs: Sequence[RenderedGraph], add: Sequence[RenderedGraph] = ()
    ) -> None:
        """Replace each named graph of ``graphs`` with the triples given, and add those of
        ``add`` to theirs (the shared graph, kg.iris.SHARED_GRAPH); when a graph is
        replaced, the shared nodes no graph points at any more are removed. All in one
        transaction on the embedded store; one request per graph on a server, where a batch
        that fails part-way raises ``StoreError`` and running it again converges."""

    def graph_digest(self, graph: URIRef) -> str | None:
        """The ``tkg:contentHash`` a graph states about itself, if any."""

    def select(
        self,
        query: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        timeout: float | None = None,
        max_rows: int | None = None,
        offset: int = 0,
        dataset: Dataset | None = None,
    ) -> Results:
        """Run a SELECT or ASK query over the union of the graphs (or ``dataset``), with
        ``bindings`` bound. ``timeout`` (seconds) and ``max_rows`` apply as ``caps`` says.
        ``offset``: the first rows of the answer are skipped (read, not kept), and
        ``max_rows`` counts the rows after them: a page of the answer."""

    def stream(
        self,
        query: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        cell: Callable[[Node | None], Any],
        offset: int = 0,
    ) -> Stream:
        """Every row of a SELECT query's answer after the first ``offset``, each value made a
        cell by ``cell`` (a term, or None when unbound): the rows as they come, for writing
        a whole answer without holding it (kg.queries.formats.write_rows). ``cell`` is called
        once per distinct term where the backend can tell them apart cheaply. An ASK query's
        answer has no rows and sets ``boolean``."""

    def construct(
        self,
        query: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        timeout: float | None = None,
        max_rows: int | None = None,
        dataset: Dataset | None = None,
    ) -> Triples:
        """Run a CONSTRUCT or DESCRIBE query; the limits as for ``select``."""

    def ask(
        self,
        query: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        timeout: float | None = None,
        dataset: Dataset | None = None,
    ) -> bool:
        """Run an ASK query."""

    def graph_names(self) -> list[URIRef]: ...

    def quad_count(self, graph: URIRef | None = None) -> int: ...

    def quads(self, graph: URIRef | None = None) -> Iterator[ox.Quad]:
        """Every quad of the store's graphs (of one named graph)."""

    def dump(self, output: BinaryIO, fmt: str, graph: URIRef | None = None) -> None:
        """Write the store (or one named graph) in the syntax ``fmt`` (a name in kg.syntaxes)."""

    def last_modified(self) -> dt.datetime | None:
        """When the store was last written, where the backend can tell (else None)."""

    def generation(self) -> str | None:
        """A token that changes with every write to the store (kg.store.generation), or
        None where the backend cannot tell (a SPARQL server): pages made under one
        generation are pages of one state of the store (kg.queries.cursor)."""

    def kept_folder(self) -> Path | None:
        """A folder for what is read from one generation of the store (kg.queries.keyed),
        or None."""

    def flush(self) -> None:
        """Make what was written durable and release write buffers (may be a no-op)."""

    def close(self) -> None: ...


class Closing:
    """``with`` support for the backends: leaving the block closes the store."""

    def __enter__(self: _S) -> _S:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()  # type: ignore[attr-defined]


class Reading(Closing):
    """What every backend reads the same way, through its own ``select`` (kg.store.fixed)."""

    def select(
        self,
        query: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        timeout: float | None = None,
        max_rows: int | None = None,
        offset: int = 0,
        dataset: Dataset | None = None,
    ) -> Results:
        raise NotImplementedError

    def stream(
        self,
        query: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        cell: Callable[[Node | None], Any],
        offset: int = 0,
    ) -> Stream:
        """The rows of ``select`` (read whole, then made cells)."""
        answer = self.select(query, bindings, offset=offset)
        return Stream(
            answer.variables,
            (tuple(cell(t) for t in row) for row in answer.rows),
            answer.boolean,
        )

    def ask(
        self,
        query: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        timeout: float | None = None,
        dataset: Dataset | None = None,
    ) -> bool:
        answer = self.select(query, bindings, timeout=timeout, dataset=dataset)
        if answer.boolean is None:
            from kg.errors import UsageError

            raise UsageError("this query is not an ASK query")
        return answer.boolean

    def graph_digest(self, graph: URIRef) -> str | None:
        """The ``tkg:contentHash`` a graph states about itself, if any."""
        from kg.store import fixed

        return fixed.graph_digest(self, graph)

    def quads(self, graph: URIRef | None = None) -> Iterator[ox.Quad]:
        raise NotImplementedError

    def last_modified(self) -> dt.datetime | None:
        """When the store was last written, where the backend can tell (else None)."""
        return None

    def generation(self) -> str | None:
        """A token that changes with every write, where the backend can tell (else None)."""
        return None

    def kept_folder(self) -> Path | None:
        """A folder where what is read from one generation of the store may be kept for the
        next reader of the same generation (kg.queries.keyed: the sorted keys of first
        pages), or None where there is none (a server, a snapshot)."""
        return None

    def dump(self, output: BinaryIO, fmt: str, graph: URIRef | None = None) -> None:
        """Write the store (or one named graph) in the syntax ``fmt`` (kg.syntaxes)."""
        from kg import syntaxes
        from kg.terms import PREFIXES

        syntaxes.write(self.quads(graph), output, syntaxes.by_name(fmt), PREFIXES)


def default_location() -> Path:
    """``$XDG_DATA_HOME/tradekg/store``, i.e. ``~/.local/share/tradekg/store`` by default."""
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "tradekg" / "store"


def is_remote(location: str | Path) -> bool:
    """True for the URL of a SPARQL endpoint (``http://`` or ``https://``)."""
    return str(location).lower().startswith(("http://", "https://"))


def remote_urls(location: str | Path | None = None) -> list[str]:
    """The URLs tradekg may connect to for the store at ``location`` (or ``$TRADEKG_STORE``):
    none for the embedded store; for a server, its query URL and the update and Graph Store
    Protocol URLs set in the environment (the others are derived on the same host and port)."""
    where = store_location(location)
    if not is_remote(where):
        return []
    extra = (os.environ.get(name, "") for name in ("TRADEKG_UPDATE_URL", "TRADEKG_GSP_URL"))
    return [where, *(url for url in extra if is_remote(url))]


def store_location(location: str | Path | None = None) -> str:
    """Which store a command uses: ``location``, else ``$TRADEKG_STORE``, else the default."""
    return str(location or os.environ.get(ENV_STORE) or default_location())


def open_store(location: str | Path | None = None, *, create: bool = True) -> Store:
    """Open the store at ``location`` (a directory, or the URL of a SPARQL endpoint: see
    ``kg.store.remote``), ``$TRADEKG_STORE``, or the default."""
    where = store_location(location)
    if is_remote(where):
        from kg.store.remote import RemoteStore

        return RemoteStore(str(where))
    from kg.store.embedded import EmbeddedStore

    return EmbeddedStore(Path(where), create=create)


__all__ = [
    "ENV_STORE",
    "Caps",
    "Closing",
    "Dataset",
    "Reading",
    "RenderedGraph",
    "Results",
    "Store",
    "Stream",
    "Triples",
    "column_indexes",
    "default_location",
    "is_remote",
    "open_store",
    "remote_urls",
]
