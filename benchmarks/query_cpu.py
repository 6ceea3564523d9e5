"""Time one saved query on a store, its parameter values substituted and in a VALUES block.

    python benchmarks/query_cpu.py STORE queries/person.rq actor=Guajardo [--runs 3]
        [--rows OUT] [--timeout S]

The values are given as to `tradekg query --param` and resolved the same way
(`resolve_params`); the query is `store.select(text, bindings)` (substituted, as `tradekg
query` runs it on the embedded store) and `store.select(bind_values(text, bindings))` (as a
SPARQL server gets it), each run `--runs` times in this process. It prints the wall time and
the CPU time of each run: on a shared machine the wall time mostly measures waiting for a
core, the CPU time what the query costs. The query file may be any version of a saved query
(a layout being tried), so `--rows OUT` writes each answer as sorted CSV lines to
OUT.sub.csv and OUT.values.csv, to compare two layouts row for row (`cmp`). One query variant
at a time, unlike `bench.py`'s query step, whose time limit covers all the variants of a
query: at 10k articles on a loaded machine a single slow variant used all of it.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path
from typing import Any


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("query", type=Path, help="a saved query file (.rq with its header)")
    parser.add_argument("params", nargs="*", metavar="NAME=VALUE")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", help="write the sorted rows to ROWS.sub.csv, ROWS.values.csv")
    parser.add_argument("--timeout", type=int, default=0, help="give up after S seconds")
    args = parser.parse_args()

    from kg.queries import resolve_params
    from kg.queries.catalogue import parse_query_file
    from kg.sparql_terms import bind_values
    from kg.store import open_store

    query = parse_query_file(args.query)
    raw = dict(p.split("=", 1) for p in args.params)
    store = open_store(args.store, create=False)
    bindings = resolve_params(store, query, raw)
    if args.timeout:

        def give_up(*_: Any) -> None:
            print(f"{query.name} {raw}: more than {args.timeout} s", flush=True)
            sys.exit(3)

        signal.signal(signal.SIGALRM, give_up)
        signal.alarm(args.timeout)
    for mode in ("substituted", "VALUES"):
        if mode == "VALUES" and not bindings:
            continue
        text = query.text if mode == "substituted" else bind_values(query.text, bindings)
        given = bindings if mode == "substituted" else None
        walls, cpus, rows = [], [], []
        for _ in range(args.runs):
            c0, t0 = time.process_time(), time.perf_counter()
            rows = store.select(text, given).rows
            walls.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
        cpu_median = sorted(cpus)[len(cpus) // 2]
        print(
            f"{query.name} {raw} {mode}: {len(rows)} rows; "
            f"CPU s {sorted(round(c, 3) for c in cpus)} (median {cpu_median:.3f}); "
            f"wall s {sorted(round(w, 3) for w in walls)}",
            flush=True,
        )
        if args.rows:
            lines = sorted(",".join("" if v is None else str(v) for v in row) for row in rows)
            suffix = "sub" if mode == "substituted" else "values"
            Path(f"{args.rows}.{suffix}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    store.close()


if __name__ == "__main__":
    main()
