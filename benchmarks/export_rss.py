"""Peak memory of ``tradekg export`` by store size: does the export stream?

    python benchmarks/export_rss.py STORE [STORE ...] [--format nquads ...] [--repeat 3]

For each embedded store (e.g. made by ``tradekg ingest`` of a synth.py corpus of 1k and 10k
articles) and each format, runs ``tradekg --store STORE export --format F -o FILE`` in a fresh
process --repeat times and prints the median peak RSS of that process (``wait4``'s
ru_maxrss), the output size, and the ratio of peak RSS to the first store's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path


def peak_rss_mb(args: list[str]) -> float:
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(args)}")
    return usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stores", nargs="+", type=Path)
    parser.add_argument("--format", action="append", dest="formats")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    formats = args.formats or ["nquads", "trig", "turtle", "ntriples", "rdfxml", "jsonld"]
    print("format    store                          peak RSS (MB)  output (MB)  x first store")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in formats:
            first = None
            for store in args.stores:
                out = Path(tmp) / f"out.{fmt}"
                cmd = [
                    sys.executable,
                    "-m",
                    "kg",
                    "--store",
                    str(store),
                    "export",
                    "--format",
                    fmt,
                    "-o",
                    str(out),
                ]
                rss = statistics.median(peak_rss_mb(cmd) for _ in range(args.repeat))
                first = first or rss
                print(
                    f"{fmt:9} {str(store)[-30:]:30} {rss:13.0f} "
                    f"{out.stat().st_size / 1e6:12.0f}  {rss / first:13.2f}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
