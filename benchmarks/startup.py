"""How long the command line takes to start: the budget of issue 12, item 6.

    python benchmarks/startup.py [--runs 20] [--budget 0.3] [--store DIR]

Runs ``tradekg --help``, ``tradekg queries`` and ``tradekg query proposals`` (on a small store:
the bundled sample, loaded into a temporary directory unless --store names one) --runs times
each, in fresh processes after two warm-up runs, and prints for each the median wall time and
the median CPU time (user + system) of the process, next to the budget and to the start of a
bare ``python -c pass``. Exits 1 if a median wall time is over the budget.

The machine's load shows in wall times; CPU times show it less. To see where the time goes:
``python -X importtime -m kg query proposals 2> imports.txt``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def tradekg() -> list[str]:
    """The installed ``tradekg`` script beside this Python, else ``python -m kg``."""
    script = Path(sys.executable).with_name("tradekg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kg"]


def time_run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run of ``argv``; it must exit 0."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def load_sample(store: Path) -> None:
    from kg.ingest import ingest
    from kg.loaders import load_reference
    from kg.resources import sample_dir
    from kg.store import open_store

    with open_store(store) as opened:
        outcome = ingest(opened, [sample_dir()], load_reference())
    if not outcome.ok:
        sys.exit("the sample did not load")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs per command")
    parser.add_argument("--budget", type=float, default=0.3, help="seconds, median wall time")
    parser.add_argument("--store", type=Path, help="a store to query (default: the sample)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="tradekg-startup-"))
    try:
        store = args.store or tmp / "store"
        if args.store is None:
            load_sample(store)
        env = {**os.environ, "TRADEKG_STORE": str(store)}
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "tradekg --help": [*tradekg(), "--help"],
            "tradekg queries": [*tradekg(), "queries"],
            "tradekg query proposals": [*tradekg(), "query", "proposals"],
        }
        over = []
        print(f"{'command':<26} {'wall p50':>9} {'cpu p50':>9}   budget {args.budget:.3f} s")
        for label, argv in commands.items():
            for _ in range(2):
                time_run(argv, env)
            walls, cpus = zip(*(time_run(argv, env) for _ in range(args.runs)), strict=True)
            wall, cpu = statistics.median(walls), statistics.median(cpus)
            checked = label.startswith("tradekg")
            verdict = ("OVER" if wall > args.budget else "ok") if checked else ""
            print(f"{label:<26} {wall:>8.3f}s {cpu:>8.3f}s   {verdict}")
            if checked and wall > args.budget:
                over.append(label)
        load = os.getloadavg()[0]
        print(f"({args.runs} runs each; load average {load:.1f} on {os.cpu_count()} cores)")
        if over:
            print(f"over the budget of {args.budget} s: {', '.join(over)}", file=sys.stderr)
            return 1
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
