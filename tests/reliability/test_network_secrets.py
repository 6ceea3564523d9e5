"""Credentials never appear in output, logs (--verbose), error messages or exports: a real
Oxigraph server behind a small proxy that demands each auth mode, and that echoes the
Authorization header it got into its error pages, as a careless server does."""

from __future__ import annotations

import base64
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import test_backends
from conftest import tradekg
from support import QuietHTTPServer

from kg.resources import sample_dir

oxigraph = test_backends.oxigraph  # the session's Oxigraph server (fixture)
USER = "writer-account"
SECRET = "s3cret-Pa55word-42"
TOKEN = "tok-abcdef0123456789"
MODES = {
    "basic": (
        {"TRADEKG_USER": USER, "TRADEKG_PASSWORD": SECRET, "TRADEKG_AUTH": "basic"},
        "Basic " + base64.b64encode(f"{USER}:{SECRET}".encode()).decode(),
    ),
    "bearer": ({"TRADEKG_TOKEN": TOKEN}, f"Bearer {TOKEN}"),
}


def _proxy(upstream: str, expected: str) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _any(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            got = self.headers.get("Authorization", "")
            if got != expected:
                page = f"<html><body>401: bad credentials {got}</body></html>".encode()
                self.send_response(401)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)
                return
            headers = {
                k: v
                for k, v in self.headers.items()
                if k.lower() not in ("host", "authorization", "content-length")
            }
            r = requests.request(
                self.command, upstream + self.path, data=body, headers=headers, timeout=60
            )
            self.send_response(r.status_code)
            for k, v in r.headers.items():
                if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(r.content)))
            self.end_headers()
            self.wfile.write(r.content)

        do_GET = do_POST = do_PUT = do_DELETE = _any

    return Handler


@pytest.fixture(params=sorted(MODES))
def guarded_server(
    request: pytest.FixtureRequest, oxigraph: tuple[str, dict[str, str]]
) -> Iterator[tuple[str, dict[str, str], str]]:
    env, expected = MODES[request.param]
    upstream = oxigraph[0].removesuffix("/query")
    server = QuietHTTPServer(("127.0.0.1", 0), _proxy(upstream, expected))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/query", env, request.param
    server.shutdown()
    server.server_close()


def _secrets(env: dict[str, str]) -> list[str]:
    values = [v for k, v in env.items() if k != "TRADEKG_AUTH"]
    return values + [base64.b64encode(f"{USER}:{SECRET}".encode()).decode()]


def test_no_secret_in_output_logs_or_exports(
    guarded_server: tuple[str, dict[str, str], str], tmp_path: Path
) -> None:
    url, env, mode = guarded_server
    runs = [
        tradekg("--verbose", "--store", url, "ingest", str(sample_dir()), env=env),
        tradekg("--verbose", "--store", url, "stats", env=env),
        tradekg("--verbose", "--store", url, "query", "proposals", env=env),
        tradekg("--verbose", "--store", url, "sparql", "ASK { ?s ?p ?o }", env=env),
        tradekg(
            "--verbose",
            "--store",
            url,
            "export",
            "--format",
            "nquads",
            "-o",
            str(tmp_path / "out.nq"),
            env=env,
        ),
        tradekg("--verbose", "--store", url, "export", "--format", "jsonld", env=env),
    ]
    for done in runs:
        assert done.returncode == 0, done.stderr
        assert f"POST {url} (query) -> 200" in done.stderr  # --verbose logs each request
    exported = (tmp_path / "out.nq").read_text()
    assert "<https://w3id.org/tradekg/id/actor/freeland>" in exported
    for secret in _secrets(env):
        for done in runs:
            assert secret not in done.stdout + done.stderr, mode
        assert secret not in exported


def test_no_secret_in_errors(guarded_server: tuple[str, dict[str, str], str]) -> None:
    url, env, mode = guarded_server
    wrong = {k: v + "-wrong" if k != "TRADEKG_AUTH" else v for k, v in env.items()}
    done = tradekg("--verbose", "--store", url, "stats", env=wrong)
    assert done.returncode == 3
    assert done.stderr.splitlines()[-1] == (
        f"Error: the server at {url} asks for credentials or refused them (401 Unauthorized) "
        "(set TRADEKG_USER and TRADEKG_PASSWORD (with TRADEKG_AUTH=digest for Virtuoso) or "
        "TRADEKG_TOKEN in the environment, or use the credentials file)"
    )
    for secret in _secrets(wrong) + _secrets(env):
        assert secret not in done.stdout + done.stderr, mode
