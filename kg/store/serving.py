"""What ``tradekg serve`` reads: an embedded store's published snapshots, which a thread
follows while other processes write the store, or a SPARQL server as it is.

``open_reads(store or location, ...)`` gives ``Reads``; each request takes ``lease()``, which
yields one state of the store (a snapshot, kept until the request ends) as a key and a reader
at a row limit, so a page never mixes two states of the store.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from kg.errors import StoreError, StoreInUse
from kg.store import Store, is_remote, open_store
from kg.store.embedded import EmbeddedStore
from kg.store.pool import WorkerPool
from kg.store.readers import PooledStore, ReadOnly, RemoteReader
from kg.store.remote import RemoteStore
from kg.store.snapshots import Subscription

log = logging.getLogger("kg.serve")
FOLLOW_EVERY = 0.05  # seconds between looks for a newly published snapshot

# one state of the store: a key (None: the live server, no fixed state) and a reader at a
# row limit
Lease = tuple[object, Callable[[int], ReadOnly]]


class Reads:
    """Where readers come from; ``close`` releases what it holds."""

    location: str

    def lease(self) -> contextlib.AbstractContextManager[Lease]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class SnapshotReads(Reads):
    """An embedded store: published snapshots read by a pool of workers; a thread follows
    the snapshots a writer publishes (kg.store.snapshots) and deletes those no longer read."""

    def __init__(self, location: str, subscription: Subscription, pool: WorkerPool) -> None:
        import threading

        self.location = location
        self.subscription = subscription
        self.pool = pool
        self._stop = threading.Event()
        self._follower = threading.Thread(
            target=self._follow, name="tradekg-snapshots", daemon=True
        )
        self._follower.start()

    @contextlib.contextmanager
    def lease(self) -> Iterator[Lease]:
        with self.pool.lease() as snapshot:
            yield (
                snapshot,
                lambda max_rows: PooledStore(self.location, self.pool, snapshot, max_rows=max_rows),
            )

    def _follow(self) -> None:
        while not self._stop.wait(FOLLOW_EVERY):
            newest = self.subscription.fresh()
            if newest is not None and newest.name > self.pool.snapshot.name:
                self.pool.move_to(newest)
                log.info("answering from the snapshot published at %s", _published_at(newest.name))
            self.subscription.remove_older(self.pool.snapshot, self.pool.in_use())

    def close(self) -> None:
        self._stop.set()
        self._follower.join()
        self.pool.close()
        self.subscription.close(self.pool.snapshot)


class LiveReads(Reads):
    """A SPARQL server, read as it is; each query waits ``timeout`` seconds for its answer."""

    def __init__(self, store: RemoteStore, timeout: float) -> None:
        self.location = store.location
        self.store = store
        self.timeout = timeout
        store.timeout = timeout  # its fixed queries (graph names, counts) wait as long

    @contextlib.contextmanager
    def lease(self) -> Iterator[Lease]:
        yield (
            None,
            lambda max_rows: RemoteReader(self.store, max_rows=max_rows, timeout=self.timeout),
        )

    def close(self) -> None:
        self.store.close()


def _published_at(name: str) -> str:
    seconds = int(name.split("-")[0]) / 1e9
    return time.strftime("%H:%M:%S", time.localtime(seconds)) + f".{int(seconds * 1000) % 1000:03d}"


def open_reads(
    store: Store | str | Path, *, timeout: float, workers: int, wait: float = 0.0
) -> Reads:
    """The reads of ``store``: an open store, the directory of an embedded store, or the URL
    of a SPARQL server (opened here, closed with the Reads).

    An embedded store is read from snapshots (kg.store.snapshots), by ``workers`` query
    processes, each query stopped at ``timeout`` seconds: the first snapshot is taken at
    start, from ``store`` when it is open, else by opening the directory for a moment; when
    another process holds the store, this waits up to ``wait`` seconds for it to publish one.
    """
    if isinstance(store, str | Path) and is_remote(str(store)):
        store = open_store(str(store))
    if isinstance(store, RemoteStore):
        return LiveReads(store, timeout)
    if not isinstance(store, EmbeddedStore | str | Path):
        raise StoreError(f"tradekg serve cannot serve a {type(store).__name__}")
    location = store.location if isinstance(store, EmbeddedStore) else str(store)
    subscription = Subscription(location)
    try:
        started = time.monotonic()
        first = _first_snapshot(store, subscription, wait)
        log.info("store snapshot for the query workers in %.3f s", time.monotonic() - started)
        pool = WorkerPool(first, size=workers, timeout=timeout)
    except BaseException:
        subscription.close(None)
        raise
    return SnapshotReads(location, subscription, pool)


def _first_snapshot(
    store: EmbeddedStore | str | Path, subscription: Subscription, wait: float
) -> Path:
    if isinstance(store, EmbeddedStore):
        return store.publish()
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            opened = EmbeddedStore(Path(str(store)), create=False)
        except StoreInUse as e:
            published = subscription.fresh()
            if published is not None:
                return published
            if time.monotonic() >= deadline:
                raise
            if not told:
                log.warning("%s; waiting for it to publish a snapshot", e.message)
                told = True
            time.sleep(FOLLOW_EVERY)
            continue
        try:
            return opened.publish()
        finally:
            opened.close()


__all__ = ["LiveReads", "Reads", "SnapshotReads", "open_reads"]
