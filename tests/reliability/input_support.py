"""Helpers of the bad-input and hostile-input tests (``test_input_*``, ``test_hostile_*``)."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.cli import cli
from kg.resources import sample_dir
from kg.store import open_store

SAMPLE_FACTS = "nafta-round5.facts.yaml"
SAMPLE_ARTICLE = "nafta-round5.md"
A = "https://w3id.org/tradekg/id/article/11f0a1b12fa8bf03"  # the sample article
G = "https://w3id.org/tradekg/id/graph/11f0a1b12fa8bf03"  # its graph


def sample_copy(
    dest: Path,
    *,
    facts: tuple[str, str] | None = None,
    article: tuple[str, str] | None = None,
    text: str = "",
    statement: str = "",
) -> Path:
    """The sample article and facts in ``dest``: ``facts``/``article`` replace once,
    ``text`` is appended to the article as a paragraph, ``statement`` (YAML lines) is added
    as the first entry of ``statements:``. Returns the facts file."""
    dest.mkdir(parents=True, exist_ok=True)
    body = (sample_dir() / SAMPLE_ARTICLE).read_text(encoding="utf-8")
    doc = (sample_dir() / SAMPLE_FACTS).read_text(encoding="utf-8")
    for name, edit in (("article", article), ("facts", facts)):
        if edit is not None:
            old, new = edit
            target = body if name == "article" else doc
            assert old in target, f"fixture edit does not apply: {old!r}"
            if name == "article":
                body = body.replace(old, new, 1)
            else:
                doc = doc.replace(old, new, 1)
    if text:
        body = body.rstrip("\n") + "\n" + text + "\n"
    if statement:
        doc = doc.replace("statements:\n", "statements:\n" + statement, 1)
    (dest / SAMPLE_ARTICLE).write_text(body, encoding="utf-8", newline="")
    path = dest / SAMPLE_FACTS
    path.write_text(doc, encoding="utf-8", newline="")
    return path


def line_of(path: Path, words: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if words in line:
            return n
    raise AssertionError(f"{words!r} not in {path}")


def run(*args: str, stdin: bytes | None = None) -> tuple[int, bytes, str]:
    """The command line in this process: exit code, stdout bytes, stderr."""
    runner = CliRunner(env={"TRADEKG_STORE": None, "TRADEKG_REFERENCE": None})
    result = runner.invoke(cli, list(args), input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback is a bug: let the test show it
    return result.exit_code, result.stdout_bytes, result.stderr


def dump(store_dir: Path, fmt: str = "nquads") -> bytes:
    store = open_store(store_dir, create=False)
    try:
        out = io.BytesIO()
        store.dump(out, fmt)
        return out.getvalue()
    finally:
        store.close()


def same_dataset(a: bytes, b: bytes) -> bool:
    """Two N-Quads documents hold isomorphic graphs under the same names."""
    if a == b:  # the same bytes are the same dataset (comparing graphs took seconds a call)
        return True

    def graphs(data: bytes) -> dict[str, Graph]:
        ds = Dataset()
        ds.parse(data=data, format="nquads")
        out: dict[str, Graph] = defaultdict(Graph)
        for s, p, o, g in ds.quads():
            out[str(g)].add((s, p, o))
        return out

    ga, gb = graphs(a), graphs(b)
    return ga.keys() == gb.keys() and all(isomorphic(ga[k], gb[k]) for k in ga)


_MEASURE = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:])\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "sys.stderr.write(f'\\npeak-rss-kib={peak}\\n')\n"
    "sys.exit(done.returncode)\n"
)


def measured(*args: str, stdin: Path | None = None, timeout: float = 300) -> tuple[int, str, int]:
    """``tradekg ARGS`` in a child process: exit code, stderr, and the peak resident memory
    (KiB) of that process alone, from getrusage in a parent that runs nothing else."""
    tradekg = shutil.which("tradekg", path=str(Path(sys.executable).parent))
    assert tradekg is not None
    data = stdin.read_bytes() if stdin is not None else b""
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, tradekg, *args],
        input=data,
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    err = done.stderr.decode()
    body, _, last = err.rstrip("\n").rpartition("\n")
    assert last.startswith("peak-rss-kib="), err
    return done.returncode, body, int(last.removeprefix("peak-rss-kib="))
