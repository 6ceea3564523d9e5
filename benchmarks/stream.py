"""Every row of saved listings through ``tradekg query --format F``, against the engine alone.

    python benchmarks/stream.py --store STORE [--code REV|worktree]... [--only NAME,...]
        [--formats csv,tsv,json,jsonl,plain-tsv] [--runs 3] [--no-engine]

For each saved query (by default every one without a required parameter) and each format,
each --code (a git revision, exported as bench.py does, or the working tree [worktree]) runs
``python -m kg --store STORE query NAME --format F`` in its own process, its output read
from a pipe and hashed (so the codes' bytes are compared: ``same`` says whether every code
wrote the same bytes). Per run: the CPU time of that process (user + system, from wait4: on
a shared machine what the work costs), the wall time, the time to its first byte of output,
and its peak RSS. The codes take turns within each run (side by side under the same load);
the table gives the medians of --runs runs, and rows per CPU-second.

With --digests, instead: each code writes every listing in every format from one reading
of the answer, in one process per code (the code of before: ``Store.select`` and
``write_results``; a code with ``Store.stream``: its rows, each term made a cell per format
by ``CELLS``, through ``write_rows``, as ``tradekg query`` does), and the table says for each
listing and format whether the codes wrote the same bytes (SHA-256), and how many.

The reference (``engine``), in its own process too: pyoxigraph's ``Store.query`` of the same
query text over the same store, every solution iterated (``engine rows``), and every solution
read as a tuple of its terms (``engine cells``): what the engine's evaluation of the listing
costs, with its ORDER BY, before tradekg does anything with a row.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bench  # noqa: E402 (benchmarks/ is not a package)

FORMATS = ("csv", "tsv", "json", "jsonl", "plain-tsv")


def engine(store_dir: str, name: str, mode: str) -> None:
    """In its own process: the engine's answer to the saved query, iterated; one JSON line."""
    import pyoxigraph as ox

    from kg.queries import get_query

    text = get_query(name).text
    store = ox.Store.read_only(store_dir)
    c0, t0 = time.process_time(), time.perf_counter()
    answer = store.query(text, use_default_graph_as_union=True)
    rows = 0
    if mode == "rows":
        for _ in answer:
            rows += 1
    else:
        for solution in answer:
            tuple(solution)
            rows += 1
    cpu, wall = time.process_time() - c0, time.perf_counter() - t0
    print("@@RESULT " + json.dumps({"rows": rows, "cpu": cpu, "wall": wall}), flush=True)


def digests(store_dir: str, names: list[str], formats: list[str]) -> None:
    """In a process whose ``kg`` is the code compared: each listing read once, written in each
    format; one JSON line of {name: {format: [sha256, bytes]}}."""
    import io

    from kg.queries import get_query, write_results
    from kg.store import open_store

    store = open_store(store_dir, create=False)
    found: dict[str, dict[str, Any]] = {}
    for name in names:
        text = get_query(name).text
        outs: dict[str, io.StringIO] = {f: io.StringIO(newline="") for f in formats}
        if hasattr(store, "stream"):
            from kg.queries.formats import CELLS, write_rows

            stream = store.stream(text, cell=lambda term: term)
            rows = list(stream.rows)
            for f in formats:
                cell = CELLS[f]
                write_rows(stream.variables, ([cell(t) for t in row] for row in rows), f, outs[f])
        else:
            answer = store.select(text)
            for f in formats:
                write_results(answer, f, outs[f])
        found[name] = {}
        for f in formats:
            data = outs[f].getvalue().encode("utf-8")
            found[name][f] = [hashlib.sha256(data).hexdigest()[:16], len(data)]
        print(f"{name} done", file=sys.stderr, flush=True)
    store.close()
    print("@@RESULT " + json.dumps(found), flush=True)


def run_digests(where: Path, store: Path, names: list[str], formats: list[str]) -> Any:
    done = subprocess.run(
        [sys.executable, __file__, "_digests", str(store), ",".join(names), ",".join(formats)],
        cwd=where,
        env={**os.environ, "PYTHONPATH": str(where)},
        capture_output=True,
        text=True,
        check=True,
    )
    line = [x for x in done.stdout.splitlines() if x.startswith("@@RESULT ")][-1]
    return json.loads(line.removeprefix("@@RESULT "))


def run_engine(store: Path, name: str, mode: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "_engine", str(store), name, mode],
        cwd=bench.ROOT,
        env={**os.environ, "PYTHONPATH": str(bench.ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )
    line = [x for x in done.stdout.splitlines() if x.startswith("@@RESULT ")][-1]
    result: dict[str, Any] = json.loads(line.removeprefix("@@RESULT "))
    return result


def run_cli(where: Path, store: Path, name: str, fmt: str) -> dict[str, Any]:
    """``tradekg query NAME --format FMT`` of the code in ``where``: its output's digest and
    size, CPU (wait4), wall, first byte, peak RSS."""
    digest = hashlib.sha256()
    size = 0
    first = None
    t0 = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "--store", str(store), "query", name, "--format", fmt],
        cwd=where,
        env={**os.environ, "PYTHONPATH": str(where)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    while chunk := process.stdout.read1(1 << 16):
        if first is None:
            first = time.perf_counter() - t0
        digest.update(chunk)
        size += len(chunk)
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - t0
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{where} {name} {fmt}: exit {process.returncode}\n{err.decode()[-2000:]}")
    return {
        "sha": digest.hexdigest()[:16],
        "bytes": size,
        "cpu": usage.ru_utime + usage.ru_stime,
        "wall": wall,
        "first": first,
        "rss_mb": usage.ru_maxrss / 1024,
    }


def median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in runs if r.get(key) is not None)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_engine":
        engine(argv[1], argv[2], argv[3])
        return 0
    if argv and argv[0] == "_digests":
        digests(argv[1], argv[2].split(","), argv[3].split(","))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, metavar="DIR")
    parser.add_argument("--code", action="append", metavar="REV|worktree")
    parser.add_argument("--only", metavar="NAME,...", help="these saved queries (comma-separated)")
    parser.add_argument("--formats", default=",".join(FORMATS), metavar="F,...")
    parser.add_argument("--runs", type=int, default=3, help="runs per code and format [3]")
    parser.add_argument("--no-engine", action="store_true", help="leave out the reference")
    parser.add_argument("--workdir", type=Path, default=bench.DEFAULT_WORKDIR)
    parser.add_argument("--json", type=Path, help="write every measurement here")
    parser.add_argument(
        "--digests", action="store_true", help="compare the codes' bytes, every listing (above)"
    )
    args = parser.parse_args(argv)
    from kg.queries import catalogue

    names = (
        args.only.split(",")
        if args.only
        else [n for n, q in catalogue().items() if not any(p.required for p in q.params)]
    )
    formats = args.formats.split(",")
    codes = args.code or ["worktree"]
    where = {c: bench.ROOT if c == "worktree" else bench.snapshot(args.workdir, c) for c in codes}
    measured: dict[str, Any] = {}
    out = sys.stdout
    if args.digests:
        found = {c: run_digests(where[c], args.store, names, formats) for c in codes}
        out.write(f"store {args.store}; bytes of each listing and format, per code\n\n")
        out.write(
            "| query | " + " | ".join(formats) + " |\n" + "| --- " * (len(formats) + 1) + "|\n"
        )
        for name in names:
            cells = []
            for f in formats:
                got = {tuple(found[c][name][f]) for c in codes}
                size = found[codes[0]][name][f][1]
                cells.append(f"same, {size:,} B" if len(got) == 1 else "DIFFERENT")
            out.write(f"| {name} | " + " | ".join(cells) + " |\n")
        if args.json is not None:
            args.json.write_text(json.dumps(found, indent=1))
        return 0
    out.write(
        f"store {args.store}; medians of {args.runs} run(s); CPU and wall in s, first byte in "
        "s, peak RSS in MB; rows/s = rows per CPU-second\n\n"
        "| query | rows | format | code | CPU s | rows/CPU-s | wall s | first byte s | "
        "peak RSS MB | same |\n" + "| --- " * 10 + "|\n"
    )
    for name in names:
        entry = measured[name] = {}
        rows = None
        if not args.no_engine:
            for mode in ("rows", "cells"):
                got = [run_engine(args.store, name, mode) for _ in range(args.runs)]
                entry["engine " + mode] = got
                rows = got[0]["rows"]
                cpu = median(got, "cpu")
                out.write(
                    f"| {name} | {rows} | - | engine {mode} | {cpu:.2f} | {rows / cpu:,.0f} | "
                    f"{median(got, 'wall'):.2f} | - | - | - |\n"
                )
                out.flush()
        for fmt in formats:
            runs: dict[str, list[dict[str, Any]]] = {c: [] for c in codes}
            for _ in range(args.runs):
                for code in codes:
                    runs[code].append(run_cli(where[code], args.store, name, fmt))
            entry[fmt] = runs
            shas = {r["sha"] for rs in runs.values() for r in rs}
            same = "yes" if len(shas) == 1 else "NO"
            for code in codes:
                got = runs[code]
                cpu = median(got, "cpu")
                speed = f"{rows / cpu:,.0f}" if rows is not None else "-"
                out.write(
                    f"| {name} | {rows if rows is not None else '-'} | {fmt} | {code} | "
                    f"{cpu:.2f} | {speed} | {median(got, 'wall'):.2f} | "
                    f"{median(got, 'first'):.2f} | {median(got, 'rss_mb'):.0f} | {same} |\n"
                )
                out.flush()
    if args.json is not None:
        args.json.write_text(json.dumps(measured, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
