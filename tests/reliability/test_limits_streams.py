"""Command-line conventions that pipelines rely on, and exports that stream.

- ``tradekg export | head -n 1`` and ``tradekg query | head`` end quietly with exit 0;
- ``-`` is stdin or stdout wherever a file is read or written, and is refused with a clear
  message where tradekg cannot read from a stream (facts files name their article file);
- data goes to stdout, messages to stderr;
- export's peak memory does not grow with the store: 50 vs 1,000 articles."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import corpus as _corpus  # noqa: F401  (the session fixture, used below)
from conftest import tradekg
from support import ingest_sample

from kg.resources import sample_dir

RSS_GROWTH_MB = 40  # the export of 950 more articles is 20-60 MB of text


def piped(store: Path, args: str, reader: str) -> subprocess.CompletedProcess[str]:
    script = (
        f"{sys.executable} -m kg --store {store} {args} | {reader} >/dev/null; "
        'echo "exit ${PIPESTATUS[0]}" >&2'
    )
    return subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={k: v for k, v in os.environ.items() if not k.startswith("TRADEKG_")},
    )


@pytest.mark.parametrize(
    "args,reader",
    [
        ("export --format nquads", "head -n 1"),
        ("export --format turtle", "head -n 1"),
        ("export --format jsonld", "head -c 10"),
        # --all: the table shows every row, not the first page with a note on how to get more.
        # (proposals: 2,000 rows; statements, with the corpus's recurring people described in
        # every article that names them, takes minutes at 1,000 articles: issue 12)
        ("query proposals --all", "head"),
        ("query proposals --format csv", "head -n 1"),
        ("sparql --all 'SELECT * WHERE { ?s ?p ?o }'", "head -n 2"),
    ],
)
def test_a_reader_that_stops_early_is_no_error(full_store: Path, args: str, reader: str) -> None:
    done = piped(full_store, args, reader)
    assert done.stderr == "exit 0\n"


def test_dash_is_stdin_and_stdout(tmp_path: Path) -> None:
    store = str(ingest_sample(tmp_path / "store"))
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/tradekg/ontology#Threat> }"
    for args in (["sparql", "-"], ["sparql", "--file", "-"], ["sparql"]):
        done = tradekg("--store", store, *args, "--format", "csv", input=query)
        assert (done.returncode, done.stdout, done.stderr) == (0, "n\n1\n", ""), args
    to_stdout = tradekg("--store", store, "export", "--format", "nquads", "-o", "-")
    to_file = tradekg(
        "--store", store, "export", "--format", "nquads", "-o", str(tmp_path / "out.nq")
    )
    assert (to_stdout.returncode, to_stdout.stderr, to_file.stdout) == (0, "", "")
    assert to_stdout.stdout == (tmp_path / "out.nq").read_text()


@pytest.mark.parametrize("command", ["ingest", "validate"])
def test_dash_for_facts_is_refused_clearly(tmp_path: Path, command: str) -> None:
    done = tradekg("--store", str(tmp_path / "store"), command, "-", input="article: x.md\n")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "Error: reading RDF from standard input ('-') needs --format "
        "(e.g. --format trig; facts files cannot come from stdin, they name "
        "their article file relative to themselves)\n"
    )
    assert not (tmp_path / "store").exists()


def test_data_on_stdout_messages_on_stderr(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    done = tradekg("--store", store, "ingest", str(sample_dir()))
    assert done.returncode == 0 and done.stdout == ""
    assert done.stderr.splitlines()[-1] == f"1 article(s) loaded, 0 rejected into {store}"
    done = tradekg("--store", store, "query", "nope")
    assert done.returncode == 2 and done.stdout == "" and done.stderr.startswith("Error: ")
    done = tradekg("--store", store, "query", "threats", "--format", "csv")
    assert done.returncode == 0 and done.stderr == "" and done.stdout.count("\n") == 2


def peak_rss_mb(args: list[str]) -> float:
    process = subprocess.Popen([sys.executable, "-m", "kg", *args], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return usage.ru_maxrss / 1024


@pytest.mark.parametrize("fmt", ["nquads", "trig", "turtle", "jsonld"])
def test_export_memory_does_not_grow_with_the_store(
    tmp_path: Path, corpus: Path, full_store: Path, fmt: str
) -> None:
    small_corpus = tmp_path / "small"
    small_corpus.mkdir()
    for facts in sorted(corpus.glob("*.facts.yaml"))[:50]:
        for f in (facts, facts.with_name(facts.name.removesuffix(".facts.yaml") + ".md")):
            (small_corpus / f.name).write_bytes(f.read_bytes())
    small = tmp_path / "store"
    assert tradekg("--store", str(small), "ingest", "-q", str(small_corpus)).returncode == 0
    out = tmp_path / "out"
    rss_small = peak_rss_mb(["--store", str(small), "export", "--format", fmt, "-o", str(out)])
    rss_full = peak_rss_mb(["--store", str(full_store), "export", "--format", fmt, "-o", str(out)])
    assert out.stat().st_size > 10_000_000  # 1,000 articles
    assert rss_full - rss_small < RSS_GROWTH_MB, (rss_small, rss_full)
