"""tradekg benchmark: ingest with full validation, saved queries, export; optional naive baseline.

    python benchmarks/bench.py --articles 1000 [--articles 10000] [--repeat 3] [--baseline]

For each corpus size N it
  (a) generates a synthetic corpus with benchmarks/synth.py (cached in --workdir),
  (b) ingests it into a fresh embedded store with full validation, --repeat times, each run in
      a fresh process and a fresh store directory (median articles/s; peak RSS), and times
      the engine's own load of the same quads (the store dumped as N-Quads, loaded into a fresh
      store by Oxigraph's bulk loader and by its transactional loader, --repeat times each),
      the reference issue 12 sets ingest against,
  (c) times every saved query of the catalogue, --runs times after one warm-up (p50, p90):
      "query" is the bound query alone (store.select with the resolved parameters), "saved"
      is run_saved() as the CLI calls it (parameter resolution + query),
  (d) exports the whole store to N-Quads and Turtle into a byte-counting sink, each in a
      fresh process, and reports the time and the process's peak RSS,
  (e) with --baseline, the naive alternative: all article graphs in one rdflib in-memory
      Dataset(default_union=True), ONE pySHACL run over the whole union graph (ontology +
      reference + articles), the same queries with rdflib's SPARQL engine and the same
      bindings (initBindings), and rdflib's N-Quads and Turtle serialisers. Slow steps are
      capped by timeouts and reported as "> T s"; the whole-graph pySHACL time at large N is
      also extrapolated from two smaller runs (marked "~").

Everything is timed with time.perf_counter in child processes started with subprocess; the
results of each size are written to WORKDIR/results-N.json and a table is printed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent  # the repository
# the tradekg code measured: a snapshot of a commit (see --code), or the working tree
CODE = Path(os.environ.get("TRADEKG_BENCH_CODE", ROOT))
sys.path.insert(0, str(CODE))
sys.path.insert(0, str(HERE))

DEFAULT_WORKDIR = Path(os.environ.get("TMPDIR", "/tmp")) / "tradekg-bench"

# values for parameters by type: an id or a name that exists in every synthetic corpus;
# proposal/article/fact are looked up in the store (the first one by IRI)
DEFAULT_VALUES = {
    "actor": "united-states",
    "issue": "sunset-clause",
    "agreement": "nafta",
    "negotiation": "nafta-renegotiation",
    "place": "ottawa",
    "string": "NAFTA",
    "integer": "5",
    "date": "2018-01-01",
}

# values for one query's parameter, instead of the value for its type (--param overrides both);
# "@long-thread" is the first proposal (by IRI) of the thread with the most proposals
QUERY_VALUES = {
    "person.actor": "Guajardo",  # a negotiator synth.py's articles define as a local Person
    "positions.actor": "Guajardo",
    "proposal-history.proposal": "@long-thread",
}
# more parameter sets to time, beyond the required ones and each optional one added alone
EXTRA_VARIANTS: dict[str, list[dict[str, str]]] = {
    "person": [{"actor": "Sørensen"}],  # an analyst, by surname (30 analysts share the corpus)
    "positions": [
        {"actor": "Guajardo", "asOf": "2018-01-01"},
        {"actor": "Guajardo", "negotiation": "nafta-renegotiation", "asOf": "2018-06-30"},
    ],
}
LONG_THREAD = """
PREFIX tkg: <https://w3id.org/tradekg/ontology#>
SELECT ?p WHERE {
  { SELECT ?t (COUNT(?x) AS ?n) WHERE { ?x tkg:thread ?t ; tkg:proposer ?who }
    GROUP BY ?t ORDER BY DESC(?n) ?t LIMIT 1 }
  ?p tkg:thread ?t ; tkg:proposer ?who2 .
} ORDER BY ?p LIMIT 1
"""


# ---------------------------------------------------------------------------------------------
# small helpers


def pct(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of values, linear interpolation (q=0.5 is the median)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class Sink:
    """A write-only binary stream that counts and drops the bytes (a /dev/null we can measure)."""

    def __init__(self) -> None:
        self.bytes = 0

    def write(self, data: bytes) -> int:
        self.bytes += len(data)
        return len(data)

    def flush(self) -> None:
        pass


class Timeout(Exception):
    pass


def _alarm(_signum: int, _frame: Any) -> None:
    raise Timeout


def with_timeout(seconds: float, fn: Any, *args: Any) -> tuple[float | None, Any]:
    """(elapsed, result) of fn(*args), or (None, None) if it ran past ``seconds`` (SIGALRM)."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    t0 = time.perf_counter()
    try:
        result = fn(*args)
        return time.perf_counter() - t0, result
    except Timeout:
        return None, None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def fingerprint(folders: tuple[str, ...] = ("kg", "shapes", "queries", "ontology")) -> str:
    """The code measured: git HEAD, plus a digest of kg/, shapes/, queries/ (others edit them)."""
    import hashlib

    digest = hashlib.sha256()
    for folder in folders:
        for f in sorted((CODE / folder).rglob("*")):
            if f.is_file() and f.suffix in (".py", ".ttl", ".rq", ".jsonld"):
                digest.update(f.relative_to(CODE).as_posix().encode() + f.read_bytes())
    marker = CODE / ".bench-commit"
    head = marker.read_text().strip() if marker.exists() else "worktree"
    return f"{head}+{digest.hexdigest()[:10]}"


def snapshot(workdir: Path, rev: str) -> Path:
    """The files of commit ``rev`` in WORKDIR/code-SHA (git archive), made once."""
    sha = subprocess.run(
        ["git", "rev-parse", "--short", rev], cwd=ROOT, text=True, capture_output=True, check=True
    ).stdout.strip()
    where = workdir / f"code-{sha}"
    if not (where / ".bench-commit").exists():
        shutil.rmtree(where, ignore_errors=True)
        where.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", sha], cwd=ROOT, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(where)], input=archive, check=True)
        (where / ".bench-commit").write_text(sha + "\n")
    return where


def emit(result: dict[str, Any]) -> None:
    """A worker's answer: one JSON line on stdout, after anything else it printed."""
    result.setdefault("maxrss_mb", round(maxrss_mb(), 1))
    result.setdefault("code", fingerprint())
    result.setdefault("loadavg_1min_at_end", os.getloadavg()[0])  # others' load on the machine
    sys.stdout.write("\n@@RESULT " + json.dumps(result) + "\n")
    sys.stdout.flush()


def run_worker(
    args: list[str],
    *,
    timeout: float | None = None,
    env: dict[str, str] | None = None,
    mem_gb: float | None = None,
) -> dict[str, Any] | None:
    """Run ``bench.py _worker ARGS`` in a fresh process; its JSON result, or None on timeout."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "_worker", *args]

    def limit() -> None:
        try:  # Linux: the worker dies with this process (no orphans if the driver is killed)
            import ctypes

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except OSError:
            pass
        if mem_gb:
            cap = int(mem_gb * 1024**3)
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    try:
        proc = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=CODE,
            env={**os.environ, **(env or {})},
            preexec_fn=limit,
        )
    except subprocess.TimeoutExpired:
        return None
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("@@RESULT "):
            return json.loads(line[len("@@RESULT ") :])
    sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-3000:])
    return {"error": f"worker {args[0]} exited {proc.returncode}", "stderr": proc.stderr[-2000:]}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# (a) the corpus


def corpus(workdir: Path, n: int, seed: int, people: str = "local") -> Path:
    """WORKDIR/corpus-N-sS-vV[-refpeople], generated once (synth.py is deterministic)."""
    import synth

    where = workdir / f"corpus-{n}-s{seed}-v{synth.GENERATOR_VERSION}"
    if people != "local":
        where = where.with_name(where.name + "-refpeople")
    if not (where / ".complete").exists():
        log(f"generating {n} articles in {where}")
        shutil.rmtree(where, ignore_errors=True)
        synth.write_corpus(where, n, seed, people=people)
        (where / ".complete").write_text("ok\n")
    return where


# ---------------------------------------------------------------------------------------------
# workers (run in their own process)


def corpus_reference(corpus_dir: str | Path) -> list[Path]:
    """The corpus's own reference file (synth.py writes the threads it adds there), if any."""
    extra = Path(corpus_dir) / "reference.yaml"
    return [extra] if extra.exists() else []


def w_ingest(
    store_dir: str,
    corpus_dir: str,
    batch: str,
    profile: str = "",
    workers: str = "1",
    link: str = "1",
) -> None:
    import inspect

    from kg.ingest import ingest
    from kg.loaders import load_reference
    from kg.store import open_store

    store = open_store(Path(store_dir))
    reference = load_reference(corpus_reference(corpus_dir))
    marks: list[float] = []
    t0 = time.perf_counter()

    def progress(_n: int) -> None:
        marks.append(time.perf_counter() - t0)

    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    t0 = time.perf_counter()
    extra = {"workers": int(workers)} if "workers" in inspect.signature(ingest).parameters else {}
    outcome = ingest(
        store, [Path(corpus_dir)], reference, batch=int(batch), progress=progress, **extra
    )
    link_seconds, links = None, None
    if link == "1":  # as `tradekg ingest` does after loading (unless --no-link)
        try:
            from kg import link as linker
        except ImportError:  # older code: no linker
            linker = None  # type: ignore[assignment]
        if linker is not None:
            t1 = time.perf_counter()
            links = len(linker.run(store))
            link_seconds = time.perf_counter() - t1
    store.close()  # flush: part of the cost of a durable write
    seconds = time.perf_counter() - t0
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    # CPU seconds of this process and of its worker processes (ended with the ingest): on a
    # shared machine they vary far less than the wall time
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    store = open_store(Path(store_dir), create=False)
    quads = store.quad_count()
    store.close()
    batches = [b - a for a, b in zip([0.0, *marks], marks, strict=False)]
    emit(
        {
            "seconds": seconds,
            "written": outcome.written,
            "rejected": len(outcome.rejected),
            "first_rejection": [str(f) for f in outcome.rejected[0].findings][:3]
            if outcome.rejected
            else None,
            "quads": quads,
            "batch_seconds": batches,
            "link_seconds": link_seconds,
            "links": links,
            "cpu_seconds": own.ru_utime + own.ru_stime,
            "workers_cpu_seconds": workers_cpu.ru_utime + workers_cpu.ru_stime,
        }
    )


def w_engine_load(nquads: str, store_dir: str, mode: str) -> None:
    """The engine's own load of the same quads into a fresh store: Oxigraph's bulk loader
    (``bulk``) or its transactional loader (``load``), flushed at the end."""
    import pyoxigraph as ox

    shutil.rmtree(store_dir, ignore_errors=True)
    t0 = time.perf_counter()
    store = ox.Store(store_dir)
    if mode == "bulk":
        store.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
    else:
        store.load(path=nquads, format=ox.RdfFormat.N_QUADS)
    store.flush()
    seconds = time.perf_counter() - t0
    quads = len(store)
    del store
    shutil.rmtree(store_dir, ignore_errors=True)
    emit({"seconds": seconds, "quads": quads})


def w_dump(store_dir: str, target: str) -> None:
    import pyoxigraph as ox

    store = ox.Store.read_only(store_dir)
    with open(target, "wb") as out:
        store.dump(out, ox.RdfFormat.N_QUADS)
    emit({"bytes": Path(target).stat().st_size})


def _default_params(
    store: Any, query: Any, names: list[str] | dict[str, str], overrides: dict[str, str]
) -> dict[str, str] | None:
    """Raw parameter values (as a user would type them) for the query's parameters."""
    from kg.queries.params import TOPS

    raw: dict[str, str] = {}
    for p in query.params:
        if p.name not in names:
            continue
        key = f"{query.name}.{p.name}"
        if key in overrides:
            raw[p.name] = overrides[key]
        elif isinstance(names, dict):  # an extra variant: its own values
            raw[p.name] = names[p.name]
        elif QUERY_VALUES.get(key) == "@long-thread":
            rows = store.select(LONG_THREAD).rows
            if not rows:
                return None
            raw[p.name] = str(rows[0][0])
        elif key in QUERY_VALUES:
            raw[p.name] = QUERY_VALUES[key]
        elif p.type in DEFAULT_VALUES:
            value = DEFAULT_VALUES[p.type]
            name = p.name.lower()
            if p.type == "date" and any(w in name for w in ("to", "until", "end", "before")):
                value = "2018-06-30"
            if p.type == "integer" and "limit" in name:
                value = "10"
            raw[p.name] = value
        else:  # proposal, article, fact: the first one in the store, by IRI
            union = " UNION ".join(f"{{ ?x a <{top}> }}" for top in TOPS[p.type])
            rows = store.select(f"SELECT ?x WHERE {{ {union} }} ORDER BY ?x LIMIT 1").rows
            if not rows:
                return None
            raw[p.name] = str(rows[0][0])
    return raw


def w_queries(
    store_dir: str, runs: str, budget: str, overrides_json: str, only: str, skip_unbound: str = "0"
) -> None:
    """A saved query with its required parameters, then with each optional one added."""
    from kg.queries import catalogue, resolve_params
    from kg.store import open_store

    try:
        from kg.sparql_terms import bind_values
    except ImportError:  # older code
        bind_values = None  # type: ignore[assignment]
    overrides = json.loads(overrides_json)
    store = open_store(Path(store_dir), create=False)
    out = []
    for name, query in catalogue().items():
        if name != only:
            continue
        required = [p.name for p in query.params if p.required]
        variants: list[list[str] | dict[str, str]] = [required]
        variants += [[*required, p.name] for p in query.params if not p.required]
        variants += EXTRA_VARIANTS.get(name, [])
        for names in variants:
            raw = _default_params(store, query, names, overrides)
            if raw == {} and skip_unbound == "1":
                continue
            if raw is None:
                out.append({"name": name, "error": "no value for a required parameter"})
                continue
            label = name + (
                "["
                + ",".join(
                    f"{k}={'/'.join(v.split('/')[-2:])}" if v.startswith("http") else f"{k}={v}"
                    for k, v in raw.items()
                )
                + "]"
                if raw
                else ""
            )
            try:
                t0 = time.perf_counter()
                bindings = resolve_params(store, query, raw)
                t1 = time.perf_counter()
                rows = len(store.select(query.text, bindings).rows)  # warm-up
            except Exception as e:  # noqa: BLE001 - report and go on with the next query
                out.append({"name": label, "error": f"{type(e).__name__}: {e}"})
                continue
            q_times, r_times = [], [t1 - t0] if raw else []
            q_cpu: list[float] = []  # the process's CPU time: on a loaded machine, wall time
            start = time.perf_counter()  # mostly measures waiting for a core
            while len(q_times) < int(runs) and (
                len(q_times) < 3 or time.perf_counter() - start < float(budget)
            ):
                c0, t0 = time.process_time(), time.perf_counter()
                store.select(query.text, bindings)
                q_times.append(time.perf_counter() - t0)
                q_cpu.append(time.process_time() - c0)
                if raw and len(r_times) < 5 and sum(r_times) < float(budget) / 3:
                    t0 = time.perf_counter()
                    resolve_params(store, query, raw)
                    r_times.append(time.perf_counter() - t0)
            # the same query with the values in a VALUES block, as a SPARQL server gets them
            # (kg.store.remote): Oxigraph may plan it differently from substituted values
            v_times: list[float] = []
            v_cpu: list[float] = []
            v_rows = None
            if bindings and bind_values is not None:
                text = bind_values(query.text, bindings)
                v_rows = len(store.select(text).rows)  # warm-up
                start = time.perf_counter()
                while len(v_times) < int(runs) and (
                    len(v_times) < 3 or time.perf_counter() - start < float(budget)
                ):
                    c0, t0 = time.process_time(), time.perf_counter()
                    store.select(text)
                    v_times.append(time.perf_counter() - t0)
                    v_cpu.append(time.process_time() - c0)
            out.append(
                {
                    "name": label,
                    "query": name,
                    "rows": rows,
                    "runs": len(q_times),
                    "bindings": {k: v.n3() for k, v in bindings.items()},
                    "query_p50": pct(q_times, 0.5),
                    "query_p90": pct(q_times, 0.9),
                    "query_cpu_p50": pct(q_cpu, 0.5),
                    "resolve_p50": pct(r_times, 0.5) if r_times else None,
                    "values_p50": pct(v_times, 0.5) if v_times else None,
                    "values_p90": pct(v_times, 0.9) if v_times else None,
                    "values_cpu_p50": pct(v_cpu, 0.5) if v_cpu else None,
                    "values_runs": len(v_times),
                    "values_rows": v_rows,
                }
            )
    store.close()
    emit({"queries": out})


def w_export(store_dir: str, fmt: str) -> None:
    from kg.export import export
    from kg.store import open_store

    store = open_store(Path(store_dir), create=False)
    before = rss_mb()
    sink = Sink()
    t0 = time.perf_counter()
    export(store, sink, fmt)  # type: ignore[arg-type]
    seconds = time.perf_counter() - t0
    store.close()
    emit({"seconds": seconds, "bytes": sink.bytes, "rss_before_mb": round(before, 1)})


def _baseline_graphs(corpus_dir: str, n: int) -> tuple[list[Any], Any, float]:
    """The article graphs made by tradekg's own loader and mapping (same triples as ingest)."""
    from kg.ingest import find_inputs
    from kg.loaders import load_facts, load_reference
    from kg.rdf import article_to_graph

    reference = load_reference(corpus_reference(corpus_dir))
    t0 = time.perf_counter()
    graphs = [
        article_to_graph(load_facts(p, reference))[0] for p in find_inputs([Path(corpus_dir)])[:n]
    ]
    return graphs, reference, time.perf_counter() - t0


def w_baseline_validate(corpus_dir: str, n: str, timeout: str) -> None:
    """ONE pySHACL run over the union of ontology, reference and all article graphs."""
    from pyshacl import validate
    from rdflib import Graph

    from kg.rdf import reference_to_graph
    from kg.validate import ontology_graph, shapes_graph

    graphs, reference, parse_s = _baseline_graphs(corpus_dir, int(n))
    t0 = time.perf_counter()
    data = Graph()
    for g in (ontology_graph(), reference_to_graph(reference), *graphs):
        for triple in g:
            data.add(triple)
    load_s = time.perf_counter() - t0
    del graphs
    shapes = shapes_graph()

    def run() -> bool:
        conforms, _results, _text = validate(
            data,
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            allow_warnings=True,
            allow_infos=True,
            inplace=True,
        )
        return bool(conforms)

    elapsed, conforms = with_timeout(float(timeout), run)
    emit(
        {
            "articles": int(n),
            "triples": len(data),
            "parse_seconds": parse_s,
            "load_seconds": load_s,
            "shacl_seconds": elapsed,
            "conforms": conforms,
            "timeout": float(timeout),
        }
    )


def w_baseline_queries(
    corpus_dir: str, n: str, specs_json: str, runs: str, query_timeout: str, export_timeout: str
) -> None:
    """rdflib Dataset(default_union=True) with every article graph; queries; serialisers."""
    from rdflib import Dataset, URIRef
    from rdflib.util import from_n3

    from kg.iris import REFERENCE_GRAPH
    from kg.queries import catalogue
    from kg.rdf import reference_to_graph
    from kg.terms import ONTOLOGY_IRI
    from kg.validate import ontology_graph

    graphs, reference, parse_s = _baseline_graphs(corpus_dir, int(n))
    t0 = time.perf_counter()
    ds = Dataset(default_union=True)
    shared = [
        (URIRef(ONTOLOGY_IRI), ontology_graph()),
        (REFERENCE_GRAPH, reference_to_graph(reference)),
    ]
    for name, g in [*shared, *((g.identifier, g) for g in graphs)]:
        target = ds.graph(name)
        for triple in g:
            target.add(triple)
    load_s = time.perf_counter() - t0
    quads = sum(len(g) for _, g in shared) + sum(len(g) for g in graphs)
    del graphs
    texts = {name: q.text for name, q in catalogue().items()}
    out = []
    for spec in json.loads(specs_json):
        bindings = {k: from_n3(v) for k, v in spec["bindings"].items()}
        text = texts[spec["query"]]
        times: list[float] = []
        rows = None
        for _ in range(int(runs)):
            elapsed, result = with_timeout(
                float(query_timeout),
                lambda text=text, bindings=bindings: list(ds.query(text, initBindings=bindings)),
            )
            if elapsed is None:
                times = []
                break
            times.append(elapsed)
            rows = len(result)
        out.append(
            {
                "name": spec["name"],
                "rows": rows,
                "p50": pct(times, 0.5) if times else None,
                "p90": pct(times, 0.9) if times else None,
                "timeout": float(query_timeout),
            }
        )
    exports = {}
    for fmt in ("nquads", "turtle"):
        sink = Sink()
        elapsed, _ = with_timeout(
            float(export_timeout),
            lambda fmt=fmt, sink=sink: ds.serialize(destination=sink, format=fmt),
        )
        exports[fmt] = {"seconds": elapsed, "bytes": sink.bytes, "timeout": float(export_timeout)}
    emit(
        {
            "articles": int(n),
            "quads": quads,
            "parse_seconds": parse_s,
            "load_seconds": load_s,
            "queries": out,
            "export": exports,
        }
    )


WORKERS = {
    "ingest": w_ingest,
    "engine_load": w_engine_load,
    "dump": w_dump,
    "queries": w_queries,
    "export": w_export,
    "baseline_validate": w_baseline_validate,
    "baseline_queries": w_baseline_queries,
}


# ---------------------------------------------------------------------------------------------
# the driver


def bench_size(n: int, args: argparse.Namespace) -> dict[str, Any]:
    workdir: Path = args.workdir
    corpus_dir = corpus(workdir, n, args.seed, args.people)
    result: dict[str, Any] = {
        "articles": n,
        "seed": args.seed,
        "date": time.strftime("%Y-%m-%d"),
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "code": fingerprint(),
    }
    env = {"TRADEKG_SHACL": args.engine} if args.engine else {}

    # (b) ingest, fresh store and process each time
    runs = []
    store_dir = (
        workdir / f"store-{n}" if args.people == "local" else workdir / f"store-{n}-refpeople"
    )
    made_from = store_dir.with_name(
        store_dir.name + ".made-from"
    )  # the corpus and code of the last store
    # what makes the store: the corpus and the code that ingests it (not the queries)
    writer = fingerprint(("kg", "shapes", "ontology")).split("+")[1]
    origin = f"{corpus_dir.name} {writer} link={int(not args.no_link)}\n"
    reuse = (
        args.reuse_store
        and made_from.exists()
        and made_from.read_text() == origin
        and store_dir.with_name(store_dir.name + ".ingest.json").exists()
    )
    if reuse:
        log(f"N={n}: reusing {store_dir} (made from {origin.strip()})")
        runs.append(json.loads(store_dir.with_name(store_dir.name + ".ingest.json").read_text()))
    for r in range(0 if reuse else args.repeat):
        made_from.unlink(missing_ok=True)
        shutil.rmtree(store_dir, ignore_errors=True)
        profile = str(workdir / f"ingest-{n}.prof") if args.profile and r == 0 else ""
        log(f"N={n}: ingest run {r + 1}/{args.repeat}" + (" (profiled)" if profile else ""))
        res = run_worker(
            [
                "ingest",
                str(store_dir),
                str(corpus_dir),
                str(args.batch),
                profile,
                str(args.workers),
                "0" if args.no_link else "1",
            ],
            env=env,
        )
        assert res is not None
        if "error" in res or res["written"] != n:
            raise SystemExit(f"ingest failed: {res}")
        log(
            f"  {res['seconds']:.1f} s, {n / res['seconds']:.1f} articles/s, "
            f"{res['quads']} quads, peak RSS {res['maxrss_mb']:.0f} MB"
            + (
                f", CPU {res['cpu_seconds']:.1f} s + workers {res['workers_cpu_seconds']:.1f} s"
                if "cpu_seconds" in res
                else ""
            )
            + (
                f" (linker: {res['links']} links, {res['link_seconds']:.1f} s)"
                if res.get("links") is not None
                else ""
            )
        )
        if profile:
            log(f"  profile written to {profile} (profiling slows the run; it is not counted)")
            continue
        runs.append(res)
    if not runs:  # only the profiled run
        raise SystemExit("use --repeat 2 or more with --profile")
    if not reuse:
        store_dir.with_name(store_dir.name + ".ingest.json").write_text(json.dumps(runs[-1]))
        made_from.write_text(origin)
    secs = [r["seconds"] for r in runs]
    result["ingest"] = {
        "seconds_runs": secs,
        "seconds": statistics.median(secs),
        "articles_per_s": n / statistics.median(secs),
        "cpu_seconds_runs": [
            r["cpu_seconds"] + r["workers_cpu_seconds"] for r in runs if "cpu_seconds" in r
        ],
        "quads": runs[-1]["quads"],
        "quads_per_article": runs[-1]["quads"] / n,
        "maxrss_mb": statistics.median(r["maxrss_mb"] for r in runs),
        "engine": args.engine or "default",
        "workers": args.workers,
        "code": sorted({r["code"] for r in runs}),
        "batch_seconds_first": runs[-1]["batch_seconds"][:3],
        "batch_seconds_last": runs[-1]["batch_seconds"][-3:],
        "links": runs[-1].get("links"),
        "link_seconds": runs[-1].get("link_seconds"),
        "reused_store": reuse,
    }

    # the engine's own load of the same quads, in the same run: the reference for ingest (not
    # with a reused store: no ingest ran to compare it with)
    nq = workdir / f"store-{n}.nq"
    if not reuse and run_worker(["dump", str(store_dir), str(nq)]) is not None:
        engine: dict[str, list[float]] = {"bulk": [], "load": []}  # bulk load, load
        for r in range(args.repeat):
            for mode in engine:
                log(f"N={n}: the engine's {mode} of the same quads, run {r + 1}")
                eres = run_worker(["engine_load", str(nq), str(workdir / "engine-load"), mode])
                if eres is not None and "seconds" in eres:
                    engine[mode].append(eres["seconds"])
                    log(f"  {eres['seconds']:.1f} s")
        nq.unlink(missing_ok=True)
        result["ingest"]["engine_load"] = {
            m: {"seconds_runs": v, "seconds": statistics.median(v)} for m, v in engine.items() if v
        }

    # (c) queries
    from kg.queries import catalogue

    result["queries"] = []
    wanted = set(args.queries.split(",")) if args.queries else None
    for name in catalogue() if "queries" in args.steps else []:
        if wanted is not None and name not in wanted:
            continue
        log(f"N={n}: saved query {name}, up to {args.runs} runs")
        qres = run_worker(
            [
                "queries",
                str(store_dir),
                str(args.runs),
                str(args.query_budget),
                json.dumps(args.param),
                name,
                "1" if args.skip_unbound else "0",
            ],
            timeout=args.kg_query_timeout,
        )
        if qres is None:
            qres = {
                "queries": [{"name": name, "error": f"> {args.kg_query_timeout:.0f} s (timed out)"}]
            }
        for q in qres.get("queries", [{"name": name, "error": qres.get("error", "?")}]):
            result["queries"].append(q)
            if "error" in q:
                log(f"  {q['name']}: {q['error']}")
            else:
                log(
                    f"  {q['name']}: p50 {fmt_s(q['query_p50'])} ({q['rows']} rows)"
                    + (
                        f", CPU {fmt_s(q['query_cpu_p50'])}"
                        if q.get("query_cpu_p50") is not None
                        else ""
                    )
                    + (
                        f"; VALUES p50 {fmt_s(q['values_p50'])} ({q['values_rows']} rows)"
                        + f", CPU {fmt_s(q['values_cpu_p50'])}"
                        if q.get("values_p50") is not None
                        else ""
                    )
                )

    # (d) export
    result["export"] = {}
    for fmt in ("nquads", "turtle") if "export" in args.steps else ():
        times, rss = [], []
        for _ in range(args.repeat):
            res = run_worker(["export", str(store_dir), fmt])
            assert res is not None and "error" not in res, res
            times.append(res["seconds"])
            rss.append(res["maxrss_mb"])
        result["export"][fmt] = {
            "seconds": statistics.median(times),
            "seconds_runs": times,
            "bytes": res["bytes"],
            "maxrss_mb": statistics.median(rss),
            "rss_before_mb": res["rss_before_mb"],
        }
        log(
            f"  export {fmt}: {statistics.median(times):.2f} s, {res['bytes'] / 1e6:.0f} MB, "
            f"peak RSS {statistics.median(rss):.0f} MB"
        )

    # (e) the naive baseline
    if args.baseline:
        result["baseline"] = baseline(n, corpus_dir, result, args)
    out = workdir / f"results-{n}{'' if args.people == 'local' else '-refpeople'}.json"
    out.write_text(json.dumps(result, indent=1))
    log(f"results written to {out}")
    return result


def baseline(
    n: int, corpus_dir: Path, result: dict[str, Any], args: argparse.Namespace
) -> dict[str, Any]:
    base: dict[str, Any] = {"validate": []}
    # whole-graph pySHACL: at N, and at two smaller sizes to see how it grows
    sizes = sorted({min(n, 250), min(n, 1000), n})
    for size in sizes:
        log(
            f"N={n}: baseline load + one pySHACL run over {size} articles "
            f"(timeout {args.baseline_timeout:.0f} s)"
        )
        res = run_worker(
            ["baseline_validate", str(corpus_dir), str(size), str(args.baseline_timeout)],
            timeout=args.baseline_timeout * 2 + 600,
            mem_gb=args.baseline_mem_gb,
        )
        if res is None:
            res = {"articles": size, "shacl_seconds": None, "error": "killed (took too long)"}
        base["validate"].append(res)
        log(f"  {res}")
    done = [v for v in base["validate"] if v.get("shacl_seconds")]
    at_n = next((v for v in base["validate"] if v["articles"] == n), {})
    if not at_n.get("shacl_seconds") and len(done) >= 2:
        (n1, t1), (n2, t2) = [(v["articles"], v["shacl_seconds"]) for v in done[-2:]]
        exponent = math.log(t2 / t1) / math.log(n2 / n1)
        base["shacl_extrapolated"] = {
            "seconds": t2 * (n / n2) ** exponent,
            "exponent": exponent,
            "from": [n1, n2],
        }
    specs = [
        {"name": q["name"], "query": q["query"], "bindings": q["bindings"]}
        for q in result["queries"]
        if "error" not in q
    ]
    log(
        f"N={n}: baseline rdflib Dataset, {len(specs)} queries x {args.baseline_runs} runs, "
        f"serialisers"
    )
    res = run_worker(
        [
            "baseline_queries",
            str(corpus_dir),
            str(n),
            json.dumps(specs),
            str(args.baseline_runs),
            str(args.query_timeout),
            str(args.export_timeout),
        ],
        timeout=len(specs) * args.baseline_runs * args.query_timeout
        + 2 * args.export_timeout
        + 3600,
        mem_gb=args.baseline_mem_gb,
    )
    base["rdflib"] = res if res is not None else {"error": "killed (took too long)"}
    return base


# ---------------------------------------------------------------------------------------------
# the table


def fmt_s(seconds: float | None, timeout: float | None = None) -> str:
    if seconds is None:
        return f"> {timeout:.0f} s" if timeout else "n/a"
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def cpu(seconds: float | None) -> str:
    """The CPU time beside a wall time (older results have none)."""
    return "" if seconds is None else f", CPU {fmt_s(seconds)}"


def ratio(base: float | None, ours: float | None) -> str:
    if not base or not ours:
        return ""
    r = base / ours
    return f"{r:.1f}x" if r >= 1 else f"{r:.2f}x"


def table(res: dict[str, Any]) -> str:
    n = res["articles"]
    rows: list[tuple[str, str, str, str]] = []
    ing = res["ingest"]
    base = res.get("baseline", {})
    b_ing = "n/a"
    b_total = None
    b_at_n = next((v for v in base.get("validate", []) if v.get("articles") == n), None)
    if b_at_n is not None:
        parse_load = (b_at_n.get("parse_seconds") or 0) + (b_at_n.get("load_seconds") or 0)
        if b_at_n.get("shacl_seconds"):
            b_total = parse_load + b_at_n["shacl_seconds"]
            b_ing = f"{n / b_total:.1f}/s ({b_total:.0f} s)"
        elif "shacl_extrapolated" in base:
            b_total = parse_load + base["shacl_extrapolated"]["seconds"]
            b_ing = (
                f"~{n / b_total:.2f}/s (pySHACL > {b_at_n.get('timeout', 0):.0f} s; "
                f"~{b_total:.0f} s extrapolated)"
            )
        else:
            b_ing = f"pySHACL > {b_at_n.get('timeout', 0):.0f} s"
    rows.append(
        (
            f"ingest + full validation, articles/s ({ing['seconds']:.1f} s)",
            f"{ing['articles_per_s']:.1f}/s",
            b_ing,
            ratio(b_total, ing["seconds"]),
        )
    )
    if ing.get("cpu_seconds_runs"):
        rows.append(
            (
                "  CPU seconds of ingest and its workers, median",
                f"{statistics.median(ing['cpu_seconds_runs']):.1f} s",
                "",
                "",
            )
        )
    for mode, what in (("bulk", "bulk loader"), ("load", "transactional load")):
        eng = ing.get("engine_load", {}).get(mode)
        if eng:
            rows.append(
                (
                    f"  the engine's {what} of the same quads ({eng['seconds']:.1f} s)",
                    f"{n / eng['seconds']:.1f}/s",
                    "",
                    f"ingest {ing['seconds'] / eng['seconds']:.1f}x its time",
                )
            )
    rdf = base.get("rdflib", {})
    bq = {q["name"]: q for q in rdf.get("queries", [])}
    for q in res["queries"]:
        if "error" in q:
            rows.append((f"query {q['name']}", "error: " + q["error"][:60], "", ""))
            continue
        b = bq.get(q["name"])
        b_txt = ""
        if b is not None:
            b_txt = fmt_s(b["p50"], b["timeout"])
            if b["rows"] is not None and b["rows"] != q["rows"]:
                b_txt += f" ({b['rows']} rows!)"
        rows.append(
            (
                f"query {q['name']} p50 (p90) [{q['rows']} rows, {q['runs']} runs]",
                f"{fmt_s(q['query_p50'])} ({fmt_s(q['query_p90'])})" + cpu(q.get("query_cpu_p50")),
                b_txt,
                ratio(b["p50"] if b else None, q["query_p50"]),
            )
        )
        if q.get("values_p50") is not None:
            same = "" if q["values_rows"] == q["rows"] else f" [{q['values_rows']} rows!]"
            rows.append(
                (
                    f"  the same bound by VALUES [{q['values_runs']} runs]{same}",
                    f"{fmt_s(q['values_p50'])} ({fmt_s(q['values_p90'])})"
                    + cpu(q.get("values_cpu_p50")),
                    "",
                    "",
                )
            )
        if q["resolve_p50"] is not None:
            rows.append(
                ("  + resolving the parameter values (run_saved)", fmt_s(q["resolve_p50"]), "", "")
            )
    for fmt, e in res["export"].items():
        b = rdf.get("export", {}).get(fmt)
        rows.append(
            (
                f"export {fmt} ({e['bytes'] / 1e6:.0f} MB)",
                fmt_s(e["seconds"]),
                fmt_s(b["seconds"], b["timeout"]) if b else "",
                ratio(b["seconds"] if b else None, e["seconds"]),
            )
        )
        rows.append(
            (
                f"  export {fmt} peak RSS (before export)",
                f"{e['maxrss_mb']:.0f} MB ({e['rss_before_mb']:.0f})",
                "",
                "",
            )
        )
    if rdf.get("load_seconds"):
        rows.append(
            (
                "baseline: facts -> rdflib Dataset (parse + add)",
                "",
                f"{rdf['parse_seconds'] + rdf['load_seconds']:.1f} s",
                "",
            )
        )
        rows.append(
            (
                "baseline: peak RSS of the rdflib Dataset process",
                "",
                f"{rdf['maxrss_mb']:.0f} MB",
                "",
            )
        )
    widths = [
        max(len(r[i]) for r in [*rows, ("step", "tradekg", "baseline", "ratio")]) for i in range(4)
    ]
    head = (
        f"N = {n} articles ({ing['quads']} quads, {ing['quads_per_article']:.0f} per "
        f"article); ingest median of {len(ing['seconds_runs'])}, workers "
        f"{ing.get('workers', 1)}, peak RSS {ing['maxrss_mb']:.0f} MB; code "
        f"{', '.join(ing.get('code', ['?']))}\n"
    )
    lines = [
        head,
        "  ".join(
            h.ljust(w)
            for h, w in zip(("step", "tradekg", "baseline", "ratio"), widths, strict=True)
        ),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_worker":
        WORKERS[argv[1]](*argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--articles",
        type=int,
        action="append",
        required=True,
        metavar="N",
        help="corpus size; repeat for several sizes",
    )
    parser.add_argument("--repeat", type=int, default=3, help="ingest and export runs [3]")
    parser.add_argument("--runs", type=int, default=20, help="runs per saved query [20]")
    parser.add_argument(
        "--query-budget",
        type=float,
        default=60,
        help="stop timing a query after this many seconds (min. 3 runs) [60]",
    )
    parser.add_argument(
        "--kg-query-timeout",
        type=float,
        default=900,
        help="cap for timing one saved query in tradekg (all runs), s [900]",
    )
    parser.add_argument(
        "--steps",
        default="ingest,queries,export",
        help="what to time after ingest (which always runs) [%(default)s]",
    )
    parser.add_argument(
        "--baseline", action="store_true", help="also time the naive rdflib + pySHACL baseline"
    )
    parser.add_argument(
        "--baseline-runs", type=int, default=3, help="runs per query with rdflib [3]"
    )
    parser.add_argument(
        "--baseline-timeout",
        type=float,
        default=600,
        help="cap for one whole-graph pySHACL run, seconds [600]",
    )
    parser.add_argument(
        "--query-timeout", type=float, default=60, help="cap for one rdflib query run, seconds [60]"
    )
    parser.add_argument(
        "--export-timeout",
        type=float,
        default=300,
        help="cap for one rdflib serialisation, seconds [300]",
    )
    parser.add_argument(
        "--baseline-mem-gb",
        type=float,
        default=16,
        help="address-space limit of the baseline processes [16]",
    )
    parser.add_argument("--batch", type=int, default=100, help="articles per transaction [100]")
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes for ingest (kg.ingest workers=) [1]",
    )
    parser.add_argument(
        "--engine",
        choices=("turbo", "pyshacl"),
        help="SHACL engine for tradekg (TRADEKG_SHACL); default: tradekg's",
    )
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="QUERY.PARAM=VALUE",
        help="a parameter value to use instead of the default",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="cProfile the first ingest run (not counted) into WORKDIR",
    )
    parser.add_argument(
        "--code",
        default="HEAD",
        metavar="REV|worktree",
        help="the tradekg code to measure: a git revision, exported to "
        "WORKDIR/code-SHA so that edits to the working tree during a long run "
        "do not mix versions, or 'worktree' for the files as they are [HEAD]",
    )
    parser.add_argument(
        "--queries",
        metavar="NAME,NAME",
        help="time only these saved queries (default: every query of the catalogue)",
    )
    parser.add_argument(
        "--skip-unbound",
        action="store_true",
        help="time only the variants with parameters (the whole-store listings take minutes "
        "at 10k, and a query's timeout ends all its variants)",
    )
    parser.add_argument(
        "--reuse-store",
        action="store_true",
        help="skip ingest when WORKDIR/store-N was made from the same corpus and code "
        "(its ingest numbers are those of that run; the engine's own load is not timed)",
    )
    parser.add_argument(
        "--no-link",
        action="store_true",
        help="do not run the linker after ingest (`tradekg ingest` runs it, unless --no-link)",
    )
    parser.add_argument(
        "--people",
        choices=("local", "reference"),
        default="local",
        help="synth.py --people: the recurring people as local actors of each article, or "
        "as reference actors [local]",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--workdir",
        type=Path,
        default=DEFAULT_WORKDIR,
        help=f"corpora, stores and results [{DEFAULT_WORKDIR}]",
    )
    args = parser.parse_args(argv)
    args.param = dict(p.split("=", 1) for p in args.param)
    if args.profile:
        args.repeat += 1
    args.workdir.mkdir(parents=True, exist_ok=True)
    global CODE
    if args.code != "worktree":
        CODE = snapshot(args.workdir, args.code)
        os.environ["TRADEKG_BENCH_CODE"] = str(CODE)
        sys.path.insert(0, str(CODE))
    log(f"measuring the tradekg code in {CODE} ({fingerprint()})")
    tables = []
    for n in args.articles:
        res = bench_size(n, args)
        tables.append(table(res))
        print(tables[-1], flush=True)
    if len(tables) > 1:
        print("\n".join(tables))
    return 0


if __name__ == "__main__":
    sys.exit(main())
