"""Disk full during ingest and during export: a clear error, exit 3, the store intact
(reopened and compared quad by quad) and no half-written export file.

Two ways to fill the disk: a 5 MB tmpfs (needs root, as CI has; skipped otherwise) and a
file-size limit (RLIMIT_FSIZE, with SIGXFSZ ignored writes fail with EFBIG), which works
for anyone."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import comparable, nquads
from support import ingest_sample


def run_limited(args: list[str], limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def cap() -> None:
        if limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {k: v for k, v in os.environ.items() if not k.startswith("TRADEKG_")}
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        capture_output=True,
        text=True,
        preexec_fn=cap,
        env=env,
        timeout=600,
        check=False,
    )


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip(
            "mounting a tmpfs needs root (CI runs as root); the RLIMIT_FSIZE "
            "variant covers the same code"
        )
    where = tmp_path / "small"
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=5m", "tmpfs", str(where)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    yield where
    subprocess.run(["umount", "-l", str(where)], check=False)


def assert_ingest_fails_whole(store: Path, corpus: Path, limit: int | None, room: Path) -> None:
    before = comparable(nquads(store))
    done = run_limited(["--store", str(store), "ingest", "-q", "--batch", "50", str(corpus)], limit)
    assert (done.returncode, done.stdout) == (3, "")
    last = done.stderr.splitlines()[-1]
    assert last.startswith(f"Error: could not write to the store at {store}: IO error: ")
    assert last.endswith(
        "(nothing of this transaction was written; 0 article(s) of this run "
        "were written before these 4 batches)"  # 4 batches of 50 (WRITE_EVERY): one write
    )
    copy = room / "reopened"  # reopen on a disk with room
    shutil.copytree(store, copy)
    assert comparable(nquads(copy)) == before


def test_disk_full_during_ingest_tmpfs(tmpfs: Path, corpus: Path, tmp_path: Path) -> None:
    store = ingest_sample(tmpfs / "store")
    assert_ingest_fails_whole(store, corpus, None, tmp_path)


def test_file_too_large_during_ingest(tmp_path: Path, corpus: Path) -> None:
    store = ingest_sample(tmp_path / "store")
    # 500 kB: the first batch's bulk-loaded index file passes it (at 1 MB, since the shared
    # nodes are written once, and at 4 MB the first batches
    # are written whole and a later one fails, which the test does not expect)
    assert_ingest_fails_whole(store, corpus, 500_000, tmp_path)


def _assert_export_fails_cleanly(store: Path, target: Path, limit: int | None) -> None:
    done = run_limited(
        ["--store", str(store), "export", "--format", "nquads", "-o", str(target)], limit
    )
    assert (done.returncode, done.stdout) == (3, "")
    reason = "File too large" if limit else "No space left on device"
    assert done.stderr == (
        f"Error: cannot write {target}: {reason} (no part of it was left behind)\n"
    )
    assert list(target.parent.iterdir()) == []  # neither the file nor its temporary


def test_disk_full_during_export_tmpfs(tmpfs: Path, full_store: Path) -> None:
    _assert_export_fails_cleanly(full_store, tmpfs / "out.nq", None)


def test_file_too_large_during_export(tmp_path: Path, full_store: Path) -> None:
    (tmp_path / "out").mkdir()
    _assert_export_fails_cleanly(full_store, tmp_path / "out" / "out.nq", 100_000)
