"""Published snapshots of the embedded store: how ``tradekg serve`` reads while another process
writes.

An embedded store is opened read-write by one process at a time (RocksDB's lock), and opening it
read-only while another process writes it is undefined. So the server never opens the live store
while it serves: it reads *snapshots* (``Store.backup``: a flush, then hard links to RocksDB's
immutable files; ~0.1 s at 10k articles), which nothing ever writes, and the writer publishes a
new one after every transaction it commits, while a server is running. Everything lives in the
store directory, under ``serve/``::

    serve/lock       the server holds an exclusive flock on it while it runs; a writer
                     publishes only when it finds the lock taken
    serve/current    the name of the newest complete snapshot (replaced atomically)
    serve/<name>     snapshots, named by the time they were taken (sorted by name = by age)

A snapshot is published only once it is complete (``current`` is written after the backup), and
every transaction is in it whole or not at all, so readers never see half an article. The
server deletes a snapshot once a newer one is current and no query reads it any more.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from kg.errors import StoreError
from kg.store import generation

DIR = "serve"
LOCK = "lock"
CURRENT = "current"


def served(store_dir: str | Path) -> bool:
    """True while a server holds the store's serve lock (a few microseconds to find out)."""
    try:
        fd = os.open(Path(store_dir) / DIR / LOCK, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # also releases the shared lock, if it was taken
    return False


def publish(backup: Callable[[Path], None], store_dir: str | Path) -> Path:
    """Take a snapshot with ``backup(target)`` and make it the current one."""
    folder = Path(store_dir) / DIR
    target = folder / f"{time.time_ns():020d}-{os.getpid()}"
    backup(target)
    generation.copy(store_dir, target)  # the state the snapshot holds (kg.store.generation)
    temporary = folder / f".{CURRENT}-{os.getpid()}"
    temporary.write_text(target.name)
    os.replace(temporary, folder / CURRENT)
    return target


class Subscription:
    """The server's side: holds the serve lock and follows the published snapshots."""

    def __init__(self, store_dir: str | Path) -> None:
        self.folder = Path(store_dir) / DIR
        try:
            self.folder.mkdir(exist_ok=True)
            self._fd = os.open(self.folder / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            raise StoreError(f"cannot prepare {self.folder} for serving: {e.strerror}") from None
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._fd)
            raise StoreError(
                f"the store at {store_dir} is already served by another process",
                hint="stop that server first, or serve a copy of the store",
            ) from None
        # what was published before this server started may be older than the store
        self.started = self.current()

    def current(self) -> Path | None:
        """The newest published snapshot, or None."""
        try:
            name = (self.folder / CURRENT).read_text().strip()
        except FileNotFoundError:
            return None
        return self.folder / name if name else None

    def fresh(self) -> Path | None:
        """The newest snapshot published since this server started, or None."""
        now = self.current()
        return now if now is not None and now != self.started else None

    def remove_older(self, than: Path, keep: set[Path]) -> None:
        """Delete the snapshots older than ``than``, except those in ``keep``."""
        for path in self.folder.iterdir():
            if (
                path.is_dir()
                and not path.name.startswith(".")
                and path.name < than.name
                and path not in keep
            ):
                shutil.rmtree(path, ignore_errors=True)

    def close(self, last: Path | None) -> None:
        """Delete every snapshot up to ``last`` and release the lock."""
        if last is not None:
            self.remove_older(last, set())
            if self.current() == last:
                with contextlib.suppress(FileNotFoundError):
                    (self.folder / CURRENT).unlink()
            shutil.rmtree(last, ignore_errors=True)
        os.close(self._fd)
