"""Load on ``tradekg serve`` over the embedded store while one writer ingests.

    python benchmarks/serve_load.py --articles 10000 --clients 20 --duration 60

1. A store holding N synthetic articles (``synth.py``): ``--store DIR`` is copied, else one is
   ingested once into WORKDIR/serve-store-N and copied from there (the run writes to its copy).
2. ``tradekg serve`` on it (a process of its own, ``--workers``, ``--timeout``).
3. ``--clients`` threads send saved queries with parameters through ``/sparql`` (the query
   text with its parameters bound by a VALUES block, as for a SPARQL server) for
   ``--duration`` seconds: each picks the next query of the mix and a random value.
4. One writer process ingests, for the whole run, in turn a new article (k = N, N+1, ...)
   and a rewrite of article 0 (two versions, A: as generated, B: without its last
   statement), one transaction each, through ``kg.ingest.ingest``. After each rewrite it polls
   the server until the new version is answered: the delay is the staleness.
5. The mix includes ``rewritten``: the number of triples of article 0's graph. Each answer
   must be the count of A or of B: a mix, or an empty graph, counts as "half" (must be 0).

Prints and writes (WORKDIR/serve-load-N.json) throughput, p50/p99 latency per query, errors,
the rewritten-article check and the staleness. Loopback only; every loop is bounded by
``--duration``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
DEFAULT_WORKDIR = Path(os.environ.get("TMPDIR", "/tmp")) / "tradekg-bench"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    i = (len(ordered) - 1) * q
    lo = int(i)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (i - lo)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def build_store(workdir: Path, n: int, seed: int) -> Path:
    """WORKDIR/serve-store-N: the corpus ingested once."""
    from bench import corpus, corpus_reference

    where = workdir / f"serve-store-{n}"
    if (where / ".complete").exists():
        return where
    shutil.rmtree(where, ignore_errors=True)
    from kg.ingest import ingest
    from kg.loaders import load_reference
    from kg.store import open_store

    source = corpus(workdir, n, seed)
    log(f"ingesting {n} articles into {where}")
    store = open_store(where)
    try:
        outcome = ingest(store, [source], load_reference(corpus_reference(source)), workers=2)
        assert outcome.ok and outcome.written == n, outcome
    finally:
        store.close()
    (where / ".complete").write_text("ok\n")
    return where


# --- the writer (its own process) ------------------------------------------------------------


def writer(store_dir: str, out_dir: str, n: str, seed: str, url: str, deadline: str) -> None:
    import synth

    from kg.ingest import ingest
    from kg.loaders import load_reference
    from kg.store import open_store

    out = Path(out_dir)
    first = int(n)
    versions = [out / "a", out / "b"]
    for folder in versions:
        synth.write_corpus(folder, 1, int(seed))
    # the corpus's threads (synth.py's reference.yaml, the same for every N): as in the store
    reference = load_reference([versions[0] / synth.REFERENCE])
    facts = versions[1] / "0.facts.yaml"
    import yaml

    data = yaml.safe_load(facts.read_text(encoding="utf-8"))
    data["statements"] = data["statements"][:-1]
    facts.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    store = open_store(store_dir)
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=60)
    count_query = (out / "count.rq").read_text(encoding="utf-8")
    staleness: list[float] = []
    writes = 0
    k = first
    version = 1  # the store holds A (as generated)
    end = float(deadline)
    expected = json.loads((out / "counts.json").read_text())
    while time.time() < end:
        new = out / "new"
        shutil.rmtree(new, ignore_errors=True)
        synth.write_corpus(new, k + 1, int(seed), start=k)
        assert ingest(store, [new], reference).written == 1
        writes += 1
        k += 1
        target = versions[version]
        assert ingest(store, [target], reference).written == 1
        committed = time.monotonic()
        writes += 1
        want = expected[version]
        while time.time() < end + 30:
            connection.request(
                "GET",
                "/sparql?" + urlencode({"query": count_query}),
                headers={"Accept": "application/sparql-results+json"},
            )
            reply = connection.getresponse()
            body = reply.read()
            if (
                reply.status == 200
                and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == want
            ):
                staleness.append(time.monotonic() - committed)
                break
            time.sleep(0.005)
        version = 1 - version
    store.close()
    (out / "writer.json").write_text(
        json.dumps({"writes": writes, "new": k - first, "staleness": staleness})
    )


# --- the readers -----------------------------------------------------------------------------


def query_mix(
    store_dir: Path, out: Path, seed: int
) -> tuple[list[tuple[str, str, list[str]]], list[int]]:
    """[(name, query text, [VALUES blocks to pick from])] and the two whole counts."""
    import synth

    from kg.ingest import ingest
    from kg.loaders import load_reference
    from kg.queries import get_query
    from kg.sparql_terms import bind_values
    from kg.store import open_store

    a, b = out / "a", out / "b"
    # the two versions' triple counts, from a scratch store
    counts = []
    for folder in (a, b):
        shutil.rmtree(folder, ignore_errors=True)
        synth.write_corpus(folder, 1, seed)
    import yaml

    facts = b / "0.facts.yaml"
    data = yaml.safe_load(facts.read_text(encoding="utf-8"))
    data["statements"] = data["statements"][:-1]
    facts.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    for folder in (a, b):
        scratch = open_store(out / f"scratch-{folder.name}")
        ingest(scratch, [folder], load_reference([folder / synth.REFERENCE]))
        graph = next(g for g in scratch.graph_names() if "/graph/" in g and "reference" not in g)
        counts.append(scratch.quad_count(graph))
        scratch.close()
        shutil.rmtree(out / f"scratch-{folder.name}")
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    (out / "count.rq").write_text(count, encoding="utf-8")
    (out / "counts.json").write_text(json.dumps(counts))
    store = open_store(store_dir)
    try:
        facts_rows = store.select(
            "PREFIX tkg: <https://w3id.org/tradekg/ontology#> "
            "SELECT ?p WHERE { ?p a tkg:Proposal } LIMIT 500"
        ).rows
        articles = store.select(
            "PREFIX tkg: <https://w3id.org/tradekg/ontology#> "
            "SELECT ?a WHERE { ?a a tkg:Article } LIMIT 500"
        ).rows
    finally:
        store.close()
    from rdflib import URIRef

    actors = [
        URIRef("https://w3id.org/tradekg/id/actor/" + a)
        for a in ("united-states", "canada", "mexico", "freeland", "lighthizer", "trump")
    ]
    mix: list[tuple[str, str, list[str]]] = []

    def add(name: str, param: str, values: list[Any]) -> None:
        text = get_query(name).text
        mix.append((f"{name}[{param}]", text, [bind_values(text, {param: v}) for v in values]))

    add("provenance", "fact", [r[0] for r in facts_rows])
    add("objections", "proposal", [r[0] for r in facts_rows])
    add("article-audit", "article", [r[0] for r in articles])
    add("actors", "actor", actors)
    mix.append(("rewritten", count, [count]))
    return mix, counts


def client(
    url: str,
    mix: list[tuple[str, str, list[str]]],
    end: float,
    seed: int,
    results: list[tuple[str, float, int, bytes]],
) -> None:
    rng = random.Random(seed)
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=120)
    i = seed
    while time.monotonic() < end:
        name, _, texts = mix[i % len(mix)]
        i += 1
        query = rng.choice(texts)
        started = time.monotonic()
        try:
            connection.request(
                "POST",
                "/sparql",
                body=urlencode({"query": query}).encode(),
                headers={
                    "Accept": "application/sparql-results+json",
                    "Content-Type": "application/x-www-form-urlencoded",
                },
            )
            reply = connection.getresponse()
            body = reply.read()
            status = reply.status
        except (OSError, http.client.HTTPException) as e:
            body, status = str(e).encode(), 0
            connection.close()
            connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=120)
        elapsed = time.monotonic() - started
        results.append(
            (name, elapsed, status, body if name == "rewritten" or status != 200 else b"")
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2, help="serve --workers")
    parser.add_argument("--timeout", type=float, default=30.0, help="serve --timeout")
    parser.add_argument("--store", type=Path, help="a store holding the N articles to copy")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--writer-role", nargs=6, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.writer_role:
        writer(*args.writer_role)
        return 0
    work = args.workdir / f"serve-load-{args.articles}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    source = args.store or build_store(args.workdir, args.articles, args.seed)
    store_dir = work / "store"
    log(f"copying {source} to {store_dir}")
    shutil.copytree(source, store_dir, ignore=shutil.ignore_patterns("serve", ".complete"))
    mix, counts = query_mix(store_dir, work, args.seed)
    log(f"rewritten article: {counts[0]} or {counts[1]} triples")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg",
            "--store",
            str(store_dir),
            "serve",
            "--port",
            "0",
            "-q",
            "--workers",
            str(args.workers),
            "--timeout",
            str(args.timeout),
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        match = re.search(r"at (http://127\.0\.0\.1:\d+)/", line)
        assert match, line
        url = match.group(1)
        load_before = os.getloadavg()
        end = time.monotonic() + args.duration
        writer_proc = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--writer-role",
                str(store_dir),
                str(work),
                str(args.articles),
                str(args.seed),
                url,
                str(time.time() + args.duration),
            ]
        )
        results: list[tuple[str, float, int, bytes]] = []
        threads = [
            threading.Thread(target=client, args=(url, mix, end, i, results))
            for i in range(args.clients)
        ]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - started
        load_after = os.getloadavg()
        writer_proc.wait(timeout=120)
    finally:
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=60)
    written = json.loads((work / "writer.json").read_text())
    report: dict[str, Any] = {
        "articles": args.articles,
        "clients": args.clients,
        "duration_s": round(wall, 1),
        "workers": args.workers,
        "cpus": os.cpu_count(),
        "loadavg_before": load_before,
        "loadavg_after": load_after,
        "requests": len(results),
        "throughput_rps": round(len(results) / wall, 1),
        "errors": sum(1 for r in results if r[2] != 200),
        "queries": {},
        "writer": {
            "writes": written["writes"],
            "new_articles": written["new"],
            "staleness_p50_s": round(pct(written["staleness"], 0.5), 3),
            "staleness_p99_s": round(pct(written["staleness"], 0.99), 3),
            "staleness_max_s": round(max(written["staleness"], default=float("nan")), 3),
            "rewrites_seen": len(written["staleness"]),
        },
    }
    seen: dict[int, int] = {}
    for name, _, status, body in results:
        if name == "rewritten" and status == 200:
            n = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
            seen[n] = seen.get(n, 0) + 1
    report["rewritten"] = {
        "whole_counts": counts,
        "seen": seen,
        "half": sum(v for k, v in seen.items() if k not in counts),
    }
    for name, *_ in mix:
        times = [r[1] for r in results if r[0] == name and r[2] == 200]
        report["queries"][name] = {
            "n": len(times),
            "p50_ms": round(pct(times, 0.5) * 1000, 1),
            "p99_ms": round(pct(times, 0.99) * 1000, 1),
        }
    failures = [
        (r[0], r[2], r[3][:200].decode("utf-8", "replace")) for r in results if r[2] != 200
    ][:5]
    if failures:
        report["first_errors"] = failures
    (args.workdir / f"serve-load-{args.articles}.json").write_text(json.dumps(report, indent=1))
    print(json.dumps(report, indent=1))
    return 0 if report["errors"] == 0 and report["rewritten"]["half"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
