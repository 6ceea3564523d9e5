"""CPU per request of ``tradekg serve``: the server process and its query workers, one client.

    python benchmarks/serve_cost.py STORE [--requests 30]

Starts ``tradekg serve`` (2 workers) on STORE (not copied: the server only reads it), then for
each query of ``serve_load.py``'s mix sends ``--requests`` requests one after the other, each
with a value drawn at random and bound by a VALUES block, and prints the median wall time and
the CPU time per request of the server process and of its workers (from /proc, Linux). Where
``serve_load.py`` shows what 20 clients wait, this shows what each request costs, and where.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

TICK = os.sysconf("SC_CLK_TCK")
ACTORS = ("united-states", "canada", "mexico", "freeland", "lighthizer", "trump")


def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def workers_cpu_s(pid: int) -> float:
    total = 0.0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            children = Path(f"/proc/{pid}/task/{task}/children").read_text().split()
        except OSError:
            continue
        total += sum(cpu_s(int(child)) for child in children)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()

    from rdflib import URIRef

    from kg.queries import get_query
    from kg.sparql_terms import bind_values
    from kg.store import open_store

    store = open_store(args.store, create=False)
    try:
        prefix = "PREFIX tkg: <https://w3id.org/tradekg/ontology#> "
        proposals = [
            row[0]
            for row in store.select(prefix + "SELECT ?x { ?x a tkg:Proposal } LIMIT 200").rows
        ]
        articles = [
            row[0] for row in store.select(prefix + "SELECT ?x { ?x a tkg:Article } LIMIT 200").rows
        ]
    finally:
        store.close()
    actors = [URIRef("https://w3id.org/tradekg/id/actor/" + a) for a in ACTORS]
    mix = [
        ("provenance", "fact", proposals),
        ("objections", "proposal", proposals),
        ("article-audit", "article", articles),
        ("actors", "actor", actors),
    ]
    server = subprocess.Popen(
        [sys.executable, "-m", "kg", "--store", str(args.store), "serve", "--port", "0"]
        + ["--workers", "2", "--timeout", "30", "-q"],
        stderr=subprocess.PIPE,
        text=True,
    )
    assert server.stderr is not None
    url = server.stderr.readline().split(" at ")[1].split("/ ")[0]  # "Serving S at URL/ (...)"
    host, port = url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=120)
    rng = random.Random(0)
    print(f"{'query':<24} {'wall p50 ms':>11} {'server CPU ms':>13} {'workers CPU ms':>14}")
    try:
        for name, param, values in mix:
            text = get_query(name).text
            walls = []
            server_before, workers_before = cpu_s(server.pid), workers_cpu_s(server.pid)
            for _ in range(args.requests):
                body = urlencode({"query": bind_values(text, {param: rng.choice(values)})})
                started = time.monotonic()
                connection.request(
                    "POST",
                    "/sparql",
                    body=body.encode(),
                    headers={
                        "Accept": "application/sparql-results+json",
                        "Content-Type": "application/x-www-form-urlencoded",
                    },
                )
                reply = connection.getresponse()
                reply.read()
                if reply.status != 200:
                    raise SystemExit(f"{name}: HTTP {reply.status}")
                walls.append(time.monotonic() - started)
            on_server = (cpu_s(server.pid) - server_before) / args.requests
            on_workers = (workers_cpu_s(server.pid) - workers_before) / args.requests
            print(
                f"{name + '[' + param + ']':<24} {statistics.median(walls) * 1000:>11.1f} "
                f"{on_server * 1000:>13.1f} {on_workers * 1000:>14.1f}"
            )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
