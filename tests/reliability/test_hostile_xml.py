"""Hostile input, RDF/XML and JSON-LD that try to reach outside: external entities naming a
local file or a listener on this machine, a remote JSON-LD context, and "billion laughs".
Each is refused before anything is expanded or fetched: no file content in the store, no
connection to the listener, and bounded memory."""

from __future__ import annotations

import select
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from input_support import dump, measured, run

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
A = "https://w3id.org/tradekg/id/article/x"
REFUSED = (
    "error: RDF/XML with a document type declaration (<!DOCTYPE ...>) is not accepted "
    "(entities could read local files or expand without bound; remove the declaration "
    "and write the values out)"
)


def rdfxml(doctype: str, value: str) -> bytes:
    return (
        f'<?xml version="1.0"?>\n{doctype}\n'
        f'<rdf:RDF xmlns:rdf="{RDF_NS}" xmlns:schema="https://schema.org/">\n'
        f'  <rdf:Description rdf:about="{A}"><schema:headline>{value}</schema:headline>'
        "</rdf:Description>\n</rdf:RDF>\n"
    ).encode()


@pytest.fixture
def store(sample_store_copy: Path) -> Path:
    return sample_store_copy


@pytest.fixture
def listener() -> Iterator[tuple[int, socket.socket]]:
    """A TCP listener on 127.0.0.1 that nobody should connect to."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield sock.getsockname()[1], sock


def connections(sock: socket.socket) -> int:
    """Connections waiting on the listener (none were accepted)."""
    count = 0
    sock.setblocking(False)
    while select.select([sock], [], [], 0.2)[0]:
        conn, _ = sock.accept()
        conn.close()
        count += 1
    return count


def test_a_file_entity_reads_nothing(tmp_path: Path, store: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7f3a", encoding="utf-8")
    path = tmp_path / "xxe.rdf"
    path.write_bytes(rdfxml(f'<!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>', "&x;"))
    before = dump(store)
    code, _, err = run("--store", str(store), "ingest", str(path))
    assert code == 1
    assert f"  {path}:2: {REFUSED}\n" in err
    assert dump(store) == before
    assert b"TOP-SECRET" not in dump(store) and "TOP-SECRET" not in err


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:{port}/entity">]>',
        '<!DOCTYPE r SYSTEM "http://127.0.0.1:{port}/dtd">',
        '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:{port}/p"> %p;]>',
    ],
    ids=["entity", "external-dtd", "parameter-entity"],
)
def test_an_http_entity_connects_nowhere(
    tmp_path: Path, store: Path, listener: tuple[int, socket.socket], doctype: str
) -> None:
    port, sock = listener
    path = tmp_path / "remote.rdf"
    path.write_bytes(rdfxml(doctype.format(port=port), "&x;" if "ENTITY x" in doctype else "t"))
    before = dump(store)
    code, _, err = run("--store", str(store), "ingest", str(path))
    assert code == 1
    assert f"  {path}:2: {REFUSED}\n" in err
    assert connections(sock) == 0
    assert dump(store) == before


def test_a_remote_jsonld_context_is_not_fetched(
    tmp_path: Path, store: Path, listener: tuple[int, socket.socket]
) -> None:
    port, sock = listener
    path = tmp_path / "remote.jsonld"
    path.write_text(
        f'{{"@context": "http://127.0.0.1:{port}/context.jsonld", "@id": "{A}", "headline": "t"}}',
        encoding="utf-8",
    )
    before = dump(store)
    code, _, err = run("--store", str(store), "ingest", str(path))
    assert code == 1
    assert (
        f"  {path}: error: malformed JSON-LD: it names a remote @context, which tradekg "
        "does not fetch\n"
    ) in err
    assert connections(sock) == 0
    assert dump(store) == before


def billion_laughs(levels: int = 10) -> bytes:
    entities = ['<!ENTITY l0 "ha">']
    for n in range(1, levels):
        entities.append(f'<!ENTITY l{n} "' + f"&l{n - 1};" * 10 + '">')
    return rdfxml("<!DOCTYPE r [" + "".join(entities) + "]>", f"&l{levels - 1};")


def test_billion_laughs_is_refused_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "laughs.rdf"
    path.write_bytes(billion_laughs())  # 2 * 10**9 bytes if it were expanded
    code, err, peak_kib = measured("validate", str(path))
    assert code == 1
    assert f"  {path}:2: {REFUSED}\n" in err
    assert peak_kib < 600 * 1024, peak_kib  # the whole program; the expansion alone is 2 GB


def test_billion_laughs_in_an_entity_without_doctype_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "undeclared.rdf"
    path.write_bytes(rdfxml("", "&l9;"))
    code, _, err = run("validate", str(path))
    assert code == 1
    assert f"  {path}:4: error: malformed RDF/XML: undefined entity\n" in err
