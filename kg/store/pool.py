"""A small pool of killable query workers over snapshots of the embedded store.

Oxigraph runs a query to its end once started, and an embedded store may be opened by one
process only (RocksDB's lock). So the server reads published snapshots of the store
(``kg.store.snapshots``), which nothing ever writes, while a writer keeps the store itself.
Each worker process opens a snapshot with ``Store.read_only``, which is well defined because
nothing writes the snapshot, and opens the newer one when a request names it (~25 ms at 10k
articles). A request leases the snapshot that is newest when it starts, and all its queries
read that one, so a page never mixes two states of the store. A query that runs past the time
limit is stopped by killing its worker; a new worker takes its place in the background.

A query that takes seconds holds its worker until it ends or reaches the time limit; with every
worker on such queries, the quick ones would wait behind them. So while a request waits and
every worker has been on one query for SPARE_AFTER seconds or more, a spare is started (one at
a time, up to as many spares as the pool has workers): the operating system shares the cores
between the slow queries and the quick one, which ends in milliseconds. A worker that comes
back to a pool which already has ``size`` idle workers is stopped, so spares last only while
the pool is short of workers.

Workers end with the process that runs the pool, even when it is killed (``kg.lifeline``): each
is started, with the pool's pid, from one thread that lives as long as the pool, because the
kernel tells a worker of its parent's end when the thread that started it ends.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import select
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kg.errors import Busy, QueryTimeout, StoreError, WorkerDied

WORKER = Path(__file__).with_name("worker.py")
PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the directory that holds kg/
QUEUE_WAIT = 30.0  # seconds a query may wait for a free worker before the server says Busy
SPARE_AFTER = 1.0  # seconds every worker has been on one query before a spare is started
log = logging.getLogger("kg.serve")  # the server logs what its workers do


class Worker:
    """One worker process and its two pipes."""

    def __init__(self, snapshot: Path) -> None:
        # the worker imports kg.guard from this very checkout
        path = os.pathsep.join(p for p in (str(PACKAGE_ROOT), os.environ.get("PYTHONPATH")) if p)
        self.process = subprocess.Popen(
            [sys.executable, str(WORKER), str(snapshot), str(os.getpid())],
            env={**os.environ, "PYTHONPATH": path},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self._in = self.process.stdin.fileno()
        self._out = self.process.stdout.fileno()
        self.busy_since: float | None = None  # when it took the query it answers now

    def ready(self, timeout: float) -> None:
        reply = self._receive(time.monotonic() + timeout)
        if reply is None or reply.get("kind") != "ready":
            self.kill()
            message = reply.get("message") if reply else "it did not start in time"
            raise StoreError(f"a query worker could not open the store snapshot: {message}")
        if reply.get("guarded") is not True:
            self.kill()
            raise StoreError("a query worker started without its network guard")

    def ask(self, request: dict[str, Any], deadline: float) -> dict[str, Any] | None:
        """The answer, or None when ``deadline`` (``time.monotonic()``) passed first."""
        body = json.dumps(request, ensure_ascii=False).encode("utf-8")
        try:
            os.write(self._in, struct.pack(">I", len(body)) + body)
        except OSError:
            raise WorkerDied("a query worker is gone") from None
        return self._receive(deadline)

    def _receive(self, deadline: float) -> dict[str, Any] | None:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            readable, _, _ = select.select([self._out], [], [], left)
            if readable:
                break
        header = self._read(4)
        body = self._read(struct.unpack(">I", header)[0])
        answer: dict[str, Any] = json.loads(body)
        return answer

    def _read(self, n: int) -> bytes:
        chunks = []
        while n:
            chunk = os.read(self._out, min(n, 1 << 20))
            if not chunk:
                raise WorkerDied("a query worker ended while answering")
            chunks.append(chunk)
            n -= len(chunk)
        return b"".join(chunks)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


class WorkerPool:
    """``size`` workers over ``snapshot``; ``run`` gives each query at most ``timeout`` s."""

    def __init__(
        self, snapshot: Path, *, size: int, timeout: float, spares: int | None = None
    ) -> None:
        if size < 1:
            raise ValueError("the pool needs at least one worker")
        self.snapshot = snapshot  # the newest; new workers open it, new leases read it
        self.timeout = timeout
        self.size = size
        self.most = size + (size if spares is None else spares)  # workers and spares
        self._starting = 0  # spares being started
        self._leases: dict[Path, int] = {}
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        # the one thread that starts workers, alive until close(): see the module's docstring
        self._starter = ThreadPoolExecutor(1, thread_name_prefix="tradekg-worker-starter")
        try:
            started = [self._start() for _ in range(size)]
            for worker in started:
                worker.ready(max(30.0, timeout))
                self._idle.put(worker)
        except (OSError, StoreError):
            self.close()
            raise

    def _start(self) -> Worker:
        with self._lock:
            snapshot = self.snapshot
        worker = self._starter.submit(Worker, snapshot).result()
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)
        threading.Thread(target=self._replace, name="tradekg-worker-start", daemon=True).start()

    def _replace(self) -> None:
        if self._closed:
            return
        try:
            worker = self._start()
            worker.ready(30.0)
        except (OSError, StoreError, RuntimeError) as e:  # RuntimeError: the starter is shut
            if not self._closed:  # else close() killed it while it started: no fault
                log.error("could not start a query worker: %s", e)
            return
        self._release(worker)

    def _release(self, worker: Worker) -> None:
        """Make ``worker`` idle, or stop it if the pool has enough idle workers without it."""
        with self._lock:
            surplus = len(self._all) > self.size and self._idle.qsize() >= self.size
            if self._closed or surplus:
                self._all.discard(worker)
        if self._closed or surplus:
            worker.kill()
        else:
            worker.busy_since = None
            self._idle.put(worker)

    def _stuck(self) -> bool:
        """True when every worker has been on its query for SPARE_AFTER seconds or more (many
        quick queries waiting is no reason for a spare: more processes than cores would only
        share the cores between more queries)."""
        now = time.monotonic()
        with self._lock:
            return all(
                w.busy_since is not None and now - w.busy_since >= SPARE_AFTER for w in self._all
            )

    def _spare(self) -> None:
        """Start a spare worker, unless one is starting or the pool is full."""
        with self._lock:
            if self._closed or self._starting or len(self._all) >= self.most:
                return
            self._starting += 1

        def start() -> None:
            try:
                self._replace()
            finally:
                with self._lock:
                    self._starting -= 1

        threading.Thread(target=start, name="tradekg-worker-spare", daemon=True).start()

    def _take(self) -> Worker:
        """An idle worker. While none is idle and every worker has been on one query for
        SPARE_AFTER seconds or more, a spare is started."""
        deadline = time.monotonic() + QUEUE_WAIT
        while (left := deadline - time.monotonic()) > 0:
            try:
                return self._idle.get(timeout=min(0.25, left))
            except queue.Empty:
                if self._stuck():
                    self._spare()
        raise Busy(f"all query workers stayed busy for {QUEUE_WAIT:g} s", hint="try again later")

    def move_to(self, snapshot: Path) -> None:
        """Answer new requests from ``snapshot`` (requests already running keep theirs)."""
        with self._lock:
            self.snapshot = snapshot

    @contextmanager
    def lease(self) -> Iterator[Path]:
        """The newest snapshot, kept (not deleted) until the block ends."""
        with self._lock:
            path = self.snapshot
            self._leases[path] = self._leases.get(path, 0) + 1
        try:
            yield path
        finally:
            with self._lock:
                self._leases[path] -= 1
                if not self._leases[path]:
                    del self._leases[path]

    def in_use(self) -> set[Path]:
        """The snapshots that requests read now, and the newest."""
        with self._lock:
            return {*self._leases, self.snapshot}

    def run(self, request: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
        """Send ``request`` to an idle worker; raise QueryTimeout when it takes too long.

        A request waits up to QUEUE_WAIT seconds for a free worker (the time limit starts
        when a worker takes the query), then gets Busy; while it waits behind workers that are
        all on slow queries, spares are started (``_take``).
        """
        limit = self.timeout if timeout is None else timeout
        worker = self._take()
        worker.busy_since = time.monotonic()
        try:
            reply = worker.ask(request, time.monotonic() + limit)
        except (WorkerDied, OSError, ValueError):
            self._retire(worker)
            raise WorkerDied("the query worker ended while answering; it was replaced") from None
        if reply is None:
            self._retire(worker)
            raise QueryTimeout(
                f"the query ran past the time limit of {limit:g} s and was stopped",
                hint="make it more selective, or add a LIMIT",
            )
        self._release(worker)
        return reply

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
        self._starter.shutdown(wait=False)
