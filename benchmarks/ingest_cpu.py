"""Where the CPU of one whole ingest goes: by step, in the writing process and its workers.

    python benchmarks/ingest_cpu.py CORPUS STORE [--workers 2] [--batch 100]

Runs ``kg.ingest.ingest`` of CORPUS (a directory of facts files, as ``bench.py`` makes it; its
``reference.yaml`` is read too) into a fresh embedded store at STORE (deleted first), then the
linker and the store's close, as ``bench.py``'s ingest step does, and prints the CPU seconds of
each step. The steps are timed by exclusive timers wrapped around kg's own functions (a step's
time leaves out the steps it calls): in each worker the CPU time of the process, in the writing
process that of its main thread; the rest of the writing process's CPU is its other threads
(the pool's thread that receives the results, and Oxigraph's bulk loader and RocksDB threads).
Garbage collections are a step of their own. A timer costs about a microsecond: the steps
timed run once per article or per batch, not per triple.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import resource
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ki = importlib.import_module("kg.ingest")  # (kg.ingest the module; kg exports the function)
kv = importlib.import_module("kg.validate")
kf = importlib.import_module("kg.loaders.facts")
ky = importlib.import_module("kg.loaders.yamlsrc")
ke = importlib.import_module("kg.store.embedded")
kl = importlib.import_module("kg.link")

_clock: Callable[[], float] = time.thread_time
_spent: Counter[str] = Counter()
_stack = ["P start-up (imports)"]
_last = [0.0]
_side = ["P"]


def _charge() -> None:
    now = _clock()
    _spent[_stack[-1]] += now - _last[0]
    _last[0] = now


def _timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        _charge()
        _stack.append(name)
        try:
            return fn(*args, **kwargs)
        finally:
            _charge()
            _stack.pop()

    return run


def _patch(owner: Any, attr: str, name: str) -> None:
    setattr(owner, attr, _timed(name, getattr(owner, attr)))


def _collecting(phase: str, _info: dict[str, int]) -> None:
    _charge()
    if phase == "start":
        _stack.append(f"{_side[0]} garbage collection")
    else:
        _stack.pop()


STEPS = [
    (ky, "parse_mapping", "W facts: YAML parse"),
    (ki, "load_facts", "W facts: reading, evidence lookups, checks"),
    (ki, "article_rdf", "W mapping to triples (article_rdf)"),
    (kv.Verdict, "render", "W N-Triples rendering"),
    (kv, "shacl_findings", "W SHACL (pyshacl-turbo, its report read)"),
    (kv, "text_findings", "W evidence text check"),
    (kv, "literal_findings", "W literal check"),
    (ki, "validate_batch", "W validate_batch: data text, findings placed"),
    (ki, "check_batch", "W check_batch: the rest"),
    (ke, "_nquads", "P N-Quads text"),
    (ke.EmbeddedStore, "_bulk_replace", "P bulk load, journal, totals (main thread)"),
    (ke.EmbeddedStore, "replace_graphs", "P replace_graphs: the rest"),
    (ke.EmbeddedStore, "flush", "P flush and close"),
    (ke.EmbeddedStore, "close", "P flush and close"),
    (kl, "run", "P linker"),
    (ki, "bundled_graphs", "P reference data: graph, checks, digests"),
    (ki, "validate_reference", "P reference data: graph, checks, digests"),
    (ki, "reference_to_graph", "P reference data: graph, checks, digests"),
    (ki, "find_inputs", "P finding the inputs"),
    (ki, "ingest", "P ingest: the rest (waiting not counted)"),
]


_OUT = Path(tempfile.mkdtemp(prefix="ingest-cpu-"))  # each worker's steps, as JSON
_INIT, _CHECK = ki._init_worker, ki._check_in_worker


def _init_worker(*args: Any) -> None:
    global _clock
    _clock = time.process_time
    _spent.clear()
    _side[0] = "W"
    _stack[:] = ["W start-up"]
    _last[0] = _clock()
    _INIT(*args)
    _charge()
    _stack[:] = ["W the pool's loop, results pickled"]


def _check_in_worker(paths: Any) -> Any:
    verdicts = _CHECK(paths)
    _charge()
    (_OUT / f"{os.getpid()}.json").write_text(json.dumps(_spent))
    return verdicts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("store", type=Path, help="a new store's directory (deleted first)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()
    from kg.loaders import load_reference
    from kg.store import open_store

    gc.callbacks.append(_collecting)
    for owner, attr, name in STEPS:
        _patch(owner, attr, name)
    kf.parse_mapping = ky.parse_mapping  # (imported by name)
    ki._init_worker, ki._check_in_worker = _init_worker, _check_in_worker
    shutil.rmtree(args.store, ignore_errors=True)
    extra = [args.corpus / "reference.yaml"] if (args.corpus / "reference.yaml").exists() else []
    started = time.perf_counter()
    _charge()
    _stack[:] = ["P opening the store, loading the reference data"]
    store = open_store(args.store)
    reference = load_reference(extra)
    _stack[:] = ["P the rest"]
    outcome = ki.ingest(store, [args.corpus], reference, batch=args.batch, workers=args.workers)
    kl.run(store)
    store.close()
    _charge()
    wall = time.perf_counter() - started
    own, children = (
        resource.getrusage(r) for r in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    parent, workers = (r.ru_utime + r.ru_stime for r in (own, children))
    spent = Counter(_spent)
    spent["P other threads (results received, bulk loader, RocksDB)"] = parent - sum(spent.values())
    in_workers: Counter[str] = Counter()
    for f in _OUT.glob("*.json"):
        in_workers.update(json.loads(f.read_text()))
    shutil.rmtree(_OUT)
    spent.update(in_workers)
    spent["W not timed (start, end)"] = workers - sum(in_workers.values())
    for step, seconds in sorted(spent.items()):
        print(f"{step:60s} {seconds:6.2f}")
    print(
        f"wall {wall:.1f} s, CPU {parent:.1f} s writing + {workers:.1f} s in the workers; "
        f"{outcome.written} articles written, {len(outcome.rejected)} rejected; load average "
        + " ".join(f"{x:.1f}" for x in os.getloadavg())
    )


if __name__ == "__main__":
    main()
