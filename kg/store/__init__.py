"""Stores behind one interface: the embedded on-disk store (Oxigraph) and SPARQL 1.1 servers."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol, TypeVar

from rdflib import Graph, URIRef
from rdflib.term import Node

ENV_STORE = "TRADEKG_STORE"

# A named graph to write: its IRI and its triples as N-Triples statements without the final
# " ." (kg.sparql_terms.render_lines makes them).
RenderedGraph = tuple[URIRef, Sequence[str]]
_S = TypeVar("_S")


@dataclass
class Results:
    """The answer to a SELECT (``variables`` and ``rows``) or an ASK (``boolean``)."""

    variables: list[str]
    rows: list[tuple[Node | None, ...]]
    boolean: bool | None = None

    def project(self, columns: Sequence[str]) -> Results:
        """Only these columns, in this order."""
        missing = [c for c in columns if c not in self.variables]
        if missing:
            from kg.errors import UsageError

            raise UsageError(
                f"no column {missing[0]!r} in the results",
                hint="columns: " + ", ".join(self.variables),
            )
        index = [self.variables.index(c) for c in columns]
        return Results(list(columns), [tuple(row[i] for i in index) for row in self.rows])


class Store(Protocol):
    """What every store backend offers. A store is a context manager: ``with open_store(...) as
    store:`` closes it (and releases the embedded store's lock) on the way out."""

    location: str

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...

    def replace_graphs(self, graphs: Sequence[RenderedGraph]) -> None:
        """Replace each named graph with the triples given: all in one transaction on the
        embedded store; one request per graph on a server, where a batch that fails part-way
        raises ``StoreError`` and running it again converges."""

    def graph_digest(self, graph: URIRef) -> str | None:
        """The ``tkg:contentHash`` a graph states about itself, if any."""

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> Results: ...

    def construct(self, query: str) -> Graph: ...

    def graph_names(self) -> list[URIRef]: ...

    def quad_count(self, graph: URIRef | None = None) -> int: ...

    def dump(self, output: BinaryIO, fmt: str, graph: URIRef | None = None) -> None: ...

    def flush(self) -> None:
        """Make what was written durable and release write buffers (may be a no-op)."""

    def close(self) -> None: ...


class Closing:
    """``with`` support for the backends: leaving the block closes the store."""

    def __enter__(self: _S) -> _S:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()  # type: ignore[attr-defined]


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
    "RenderedGraph",
    "Results",
    "Store",
    "default_location",
    "is_remote",
    "open_store",
    "remote_urls",
]
