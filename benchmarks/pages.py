"""First-page latency of every saved query: in the library and through ``serve``.

    python benchmarks/pages.py --articles 1000 [--code REV|worktree[:STEPS]]... [--timeout 60]

For a synthetic corpus of N articles (benchmarks/synth.py, ingested once into
WORKDIR/pages-store-N-sS-vV with the working tree's code), each --code (a git revision, exported as
bench.py does, or the working tree) is measured in its own process over the same store, for
every saved query with its required parameters (bench.py's default values):

  whole   run_saved(store, NAME): every row, as kg.query gave before pages
  page    run_saved(store, NAME, limit=100): the first page (a revision without limit= gets
          max_rows=100, the command line's first page before the library had pages); also
          its CPU time in this process (page_cpu: the embedded store runs in it)
  http    GET /queries/NAME (HTML) from ``serve`` over the store, in-process, with its
          defaults (2 workers, --max-rows 10000): before pages every row up to 10000,
          after them the first 100

Each query runs in its own process (the measured code's), killed after --timeout seconds for
all its steps (reported as "> T s"); p50 of --runs runs, no warm-up.
"""

from __future__ import annotations

import argparse
import http.client
import inspect
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bench  # noqa: E402 (benchmarks/ is not a package)

CPU: dict[str, float] = {}  # the p50 of the CPU time of the last call of timed()


def timed(fn: Any, runs: int) -> tuple[float, Any]:
    """The p50 of ``fn``'s time over ``runs`` runs (no warm-up: the first run of a query is
    what a user waits for too), and what the first run returned; the p50 of this process's
    CPU time in ``CPU["last"]`` (on a shared machine, what the work itself costs)."""
    times: list[float] = []
    cpu: list[float] = []
    first = None
    for i in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        got = fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        first = got if i == 0 else first
    CPU["last"] = statistics.median(cpu)
    return statistics.median(times), first


def measure(store_dir: str, name: str, runs: int, steps: str) -> None:
    """In a process whose ``kg`` is the code measured: one saved query, one JSON line."""
    from kg.queries import catalogue, run_saved
    from kg.serve import make_server
    from kg.store import open_store

    paged = "limit" in inspect.signature(run_saved).parameters
    first: dict[str, Any] = {"limit": 100} if paged else {"max_rows": 100}
    store = open_store(Path(store_dir), create=False)
    query = catalogue()[name]
    raw = bench._default_params(store, query, [p.name for p in query.params if p.required], {})
    row: dict[str, Any] = {"rows": None}
    if raw is None:
        print("@@RESULT " + json.dumps({"error": "no value for a required parameter"}))
        return
    if "whole" in steps:
        row["whole"], whole = timed(lambda: run_saved(store, name, raw), runs)
        row["rows"] = len(whole.rows)
    if "page" in steps:
        row["page"], _ = timed(lambda: run_saved(store, name, raw, **first), runs)
        row["page_cpu"] = CPU["last"]
    store.close()
    if "http" in steps:
        server = make_server(Path(store_dir), port=0)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        host, port = server.server_address[:2]
        path = f"/queries/{name}" + (f"?{urlencode(raw)}" if raw else "")

        def get() -> int:
            connection = http.client.HTTPConnection(str(host), int(port), timeout=600)
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                return response.status
            finally:
                connection.close()

        try:
            row["http"], row["status"] = timed(get, runs)
        finally:
            server.shutdown()
            thread.join()
            server.close()
    import kg

    row["code"] = kg.__file__
    print("@@RESULT " + json.dumps(row), flush=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_measure":
        measure(argv[1], argv[2], int(argv[3]), argv[4])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, metavar="N")
    parser.add_argument(
        "--code",
        action="append",
        metavar="REV|worktree[:STEPS]",
        help="the code measured, and the steps (whole,page,http; all by default) [worktree]",
    )
    parser.add_argument("--runs", type=int, default=1, help="runs per step [1]")
    parser.add_argument(
        "--timeout", type=float, default=60, help="seconds for all steps of one query [60]"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=bench.DEFAULT_WORKDIR)
    parser.add_argument(
        "--store",
        type=Path,
        metavar="DIR",
        help="measure this existing store (of --articles articles) instead of ingesting one",
    )
    parser.add_argument(
        "--only", metavar="NAME,...", help="only these saved queries (comma-separated)"
    )
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    if args.store is not None:
        store = args.store
    else:
        corpus = bench.corpus(args.workdir, args.articles, args.seed)
        store = args.workdir / f"pages-store-{corpus.name.removeprefix('corpus-')}"
    if args.store is None and not (store / ".complete").exists():
        bench.log(f"ingesting {corpus} into {store}")
        done = subprocess.run(
            [sys.executable, "-m", "kg", "--store", str(store)]
            + [f"--reference={extra}" for extra in bench.corpus_reference(corpus)]
            + ["ingest", "-q", "--workers", "2", str(corpus)],
            cwd=bench.ROOT,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
            return 1
        (store / ".complete").write_text("ok\n")
    from kg.queries import catalogue

    names = list(catalogue()) if args.only is None else args.only.split(",")
    results: dict[str, dict[str, Any]] = {}
    for spec in args.code or ["worktree"]:
        code, _, steps = spec.partition(":")
        where = bench.ROOT if code == "worktree" else bench.snapshot(args.workdir, code)
        results[code] = {}
        for name in names:
            process = subprocess.Popen(
                [sys.executable, __file__, "_measure", str(store), name, str(args.runs)]
                + [steps or "whole,page,http"],
                cwd=where,
                env={**os.environ, "PYTHONPATH": str(where), "TRADEKG_BENCH_CODE": str(where)},
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                start_new_session=True,  # killed whole (its query workers too) at the timeout
            )
            try:
                out, err = process.communicate(timeout=args.timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.communicate()
                results[code][name] = {"timeout": args.timeout, "rows": None}
                bench.log(f"{code} {name}: over {args.timeout:g} s")
                continue
            line = [x for x in out.splitlines() if x.startswith("@@RESULT ")]
            if not line:
                sys.stderr.write(out[-2000:] + err[-2000:])
                results[code][name] = {"error": "failed", "rows": None}
                continue
            results[code][name] = json.loads(line[-1].removeprefix("@@RESULT "))
            bench.log(f"{code} {name}: {results[code][name]}")
    (args.workdir / f"pages-{args.articles}.json").write_text(json.dumps(results, indent=1))
    codes = list(results)
    steps_all = ("whole", "page", "page_cpu", "http")
    print(f"first-page latency, {args.articles} articles, ms, p50 of {args.runs} run(s)")
    columns = [f"{c} {s}" for c in codes for s in steps_all if _any(results[c], s)]
    print("| query | rows | " + " | ".join(columns) + " |")
    print("| --- " * (len(columns) + 2) + "|")
    for name in names:
        count = next(
            (results[c][name]["rows"] for c in codes if results[c][name].get("rows") is not None),
            "",
        )
        cells = []
        for c in codes:
            got = results[c][name]
            for s in steps_all:
                if not _any(results[c], s):
                    continue
                if "timeout" in got:
                    cells.append(f"> {got['timeout']:g} s")
                elif s == "http" and got.get("status") != 200:
                    cells.append(f"{got.get('status')} after {1000 * got[s]:.0f}")
                elif got.get(s) is None:
                    cells.append("-")
                else:
                    cells.append(f"{1000 * got[s]:.0f}")
        print(f"| {name} | {count} | " + " | ".join(cells) + " |")
    return 0


def _any(results: dict[str, Any], step: str) -> bool:
    return any(step in r for r in results.values())


if __name__ == "__main__":
    sys.exit(main())
