"""No outbound network unless the user named a SPARQL server: every attempt is refused before a
packet leaves, and a listener on 127.0.0.1 (the stand-in for the internet: loopback is not
exempt) counts zero connections."""

from __future__ import annotations

import functools
import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from conftest import Listener, command, tradekg
from rdflib import Graph, URIRef
from support import ingest_sample

from kg import guard
from kg.cli import cli
from kg.export import read_jsonld
from kg.loaders import load_reference
from kg.resources import sample_dir

HINT = "(it connects only to the SPARQL server named with --store or TRADEKG_STORE)"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingest_sample(tmp_path_factory.mktemp("guarded") / "store")


def test_sparql_service_is_refused(store_dir: Path, listener: Listener) -> None:
    done = tradekg(
        "--store",
        str(store_dir),
        "sparql",
        f"SELECT * WHERE {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}",
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "Error: SERVICE is refused: tradekg does not query other endpoints\n"
    assert listener.connections == 0


def test_sparql_service_inside_a_union_is_refused(store_dir: Path, listener: Listener) -> None:
    done = tradekg(
        "--store",
        str(store_dir),
        "sparql",
        "SELECT * WHERE { { ?s ?p ?o } UNION { OPTIONAL { "
        f"SERVICE SILENT <{listener.url}/q> {{ ?s ?p ?o }} }} }} }} LIMIT 1",
    )
    assert done.returncode == 2, done.stderr
    assert listener.connections == 0


def test_sparql_from_a_remote_graph_is_refused(store_dir: Path, listener: Listener) -> None:
    done = tradekg(
        "--store",
        str(store_dir),
        "sparql",
        f"SELECT * FROM <{listener.url}/g.ttl> WHERE {{ ?s ?p ?o }}",
    )
    assert done.returncode == 2
    assert done.stderr == (
        f"Error: FROM <{listener.url}/g.ttl> is not a graph of this store: "
        "the endpoint reads only its own graphs and fetches nothing\n"
    )
    assert listener.connections == 0


def test_sparql_load_is_refused(store_dir: Path, listener: Listener) -> None:
    done = tradekg("--store", str(store_dir), "sparql", f"LOAD <{listener.url}/data.ttl>")
    assert done.returncode == 2
    assert done.stderr == (
        "Error: updates are refused: tradekg sparql only reads the store "
        "(load data with tradekg ingest)\n"
    )
    assert listener.connections == 0


def test_from_a_graph_of_the_store_is_allowed(store_dir: Path) -> None:
    done = tradekg(
        "--store",
        str(store_dir),
        "sparql",
        "--format",
        "csv",
        "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/tradekg/id/graph/reference> "
        "WHERE { ?s a <https://w3id.org/tradekg/ontology#Country> }",
    )
    countries = sum(1 for e in load_reference().all() if e.kind == "Country")
    # text mode reads the CSV line ends (CRLF) as LF
    assert (done.returncode, done.stdout) == (0, f"n\n{countries}\n"), done.stderr


def test_rdflib_parse_of_a_url_is_refused(listener: Listener) -> None:
    with guard.active(), pytest.raises(guard.NetworkRefused) as info:
        Graph().parse(f"{listener.url}/data.ttl")
    assert str(info.value) == (
        f"refused to open {listener.url}/data.ttl: tradekg makes no network connections {HINT}"
    )
    assert listener.connections == 0


def test_a_remote_jsonld_context_is_refused(listener: Listener) -> None:
    doc = json.dumps({"@context": f"{listener.url}/context.jsonld", "@id": "urn:x:a", "name": "A"})
    with guard.active(), pytest.raises(guard.NetworkRefused):
        read_jsonld(doc)
    assert listener.connections == 0


def test_tradekgs_context_is_read_from_the_bundle(listener: Listener) -> None:
    doc = json.dumps(
        {
            "@context": "https://w3id.org/tradekg/context.jsonld",
            "@id": "id:actor/freeland",
            "@type": "tkg:Person",
        }
    )
    with guard.active():
        dataset = read_jsonld(doc)
    assert {(s, p, o) for s, p, o, _ in dataset.quads()} == {
        (
            URIRef("https://w3id.org/tradekg/id/actor/freeland"),
            URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            URIRef("https://w3id.org/tradekg/ontology#Person"),
        )
    }


def test_raw_sockets_urllib_and_lookups_are_refused(listener: Listener) -> None:
    with guard.active():
        with pytest.raises(guard.NetworkRefused, match="refused to connect to 127.0.0.1:"):
            socket.create_connection(("127.0.0.1", listener.port), timeout=2)
        with pytest.raises(guard.NetworkRefused, match="refused to open"):
            urllib.request.urlopen(listener.url, timeout=2)
        with pytest.raises(guard.NetworkRefused, match="refused to look up example.org"):
            socket.getaddrinfo("example.org", 80)
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        with pytest.raises(guard.NetworkRefused):
            udp.sendto(b"x", ("127.0.0.1", listener.port))
        udp.close()
    assert listener.connections == 0
    assert not guard.is_active()


def test_the_named_server_and_only_it_is_allowed(listener: Listener) -> None:
    other = Listener()
    try:
        with guard.active([f"{listener.url}/query"]):
            socket.create_connection(("127.0.0.1", listener.port), timeout=2).close()
            with pytest.raises(guard.NetworkRefused):
                socket.create_connection(("127.0.0.1", other.port), timeout=2)
        time.sleep(0.2)
        assert (listener.connections, other.connections) == (1, 0)
    finally:
        other.close()


def _probe(port: int, seen: list[str]) -> Callable[..., Any]:
    """A command body that tries to reach the listener, records what happened, and stops."""

    def body(*args: Any, **kwargs: Any) -> None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            seen.append("connected")
        except guard.NetworkRefused:
            seen.append("refused")

    return body


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_runs_guarded(
    name: str, listener: Listener, monkeypatch: pytest.MonkeyPatch
) -> None:
    cmd = cli.commands[name]
    seen: list[str] = []
    assert cmd.callback is not None
    monkeypatch.setattr(
        cmd,
        "callback",
        functools.wraps(cmd.callback)(
            click.pass_context(lambda ctx, **kw: _probe(listener.port, seen)())
        ),
    )
    args = {
        "ingest": ["x"],
        "validate": ["x"],
        "extract": ["x"],
        "eval": [str(sample_dir())],
        "report": ["x"],
    }.get(name, [])
    result = CliRunner().invoke(cli, ["--store", "/nonexistent", name, *args])
    assert result.exit_code == 0, result.output
    assert seen == ["refused"]
    assert listener.connections == 0
    assert not guard.is_active()  # switched off when the command ends


def test_a_remote_store_command_may_reach_its_server_only(
    listener: Listener, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = Listener()  # the named server
    try:
        seen: list[str] = []
        cmd = cli.commands["stats"]
        monkeypatch.setattr(
            cmd,
            "callback",
            click.pass_context(
                lambda ctx, **kw: (_probe(server.port, seen)(), _probe(listener.port, seen)())
            ),
        )
        result = CliRunner().invoke(cli, ["--store", f"{server.url}/query", "stats"])
        assert result.exit_code == 0, result.output
        assert seen == ["connected", "refused"]
        time.sleep(0.2)
        assert (server.connections, listener.connections) == (1, 0)
    finally:
        server.close()


def test_serve_refuses_service_and_nothing_connects(
    store_dir: Path, listener: Listener, tmp_path: Path
) -> None:
    import shutil

    copy = tmp_path / "store"
    shutil.copytree(store_dir, copy)
    server = subprocess.Popen(
        command("--store", str(copy), "serve", "--port", "0", "-q"),
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        url = line.split(" at ", 1)[1].split("/ ", 1)[0]
        query = f"SELECT * WHERE {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}"
        request = urllib.request.Request(
            f"{url}/sparql",
            data=query.encode(),
            headers={"Content-Type": "application/sparql-query"},
        )
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(request, timeout=30)
        assert info.value.code == 403
        assert listener.connections == 0
    finally:
        server.terminate()
        server.wait(30)


def test_query_workers_refuse_every_connection(listener: Listener) -> None:
    """What a serve (or sparql) worker switches on before it opens its snapshot."""
    code = (
        "import socket; from kg import guard; guard.deny_all()\n"
        f"socket.create_connection(('127.0.0.1', {listener.port}), timeout=2)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 1
    assert done.stderr.rstrip().endswith(
        f"kg.errors.NetworkRefused: refused to connect to 127.0.0.1:{listener.port}: tradekg "
        f"makes no network connections {HINT}"
    )
    assert listener.connections == 0


def test_the_pool_starts_only_guarded_workers(store_dir: Path, tmp_path: Path) -> None:
    from kg.store import open_store
    from kg.store.pool import Worker

    store = open_store(store_dir, create=False)
    try:
        store.backup(tmp_path / "snapshot")  # type: ignore[attr-defined]
    finally:
        store.close()
    worker = Worker(tmp_path / "snapshot")
    try:
        worker.ready(60)  # raises unless the worker says its guard is on
        reply = worker.ask({"query": "ASK { ?s ?p ?o }", "limit": 1}, time.monotonic() + 60)
        assert reply == {"kind": "boolean", "value": True}
    finally:
        worker.kill()
