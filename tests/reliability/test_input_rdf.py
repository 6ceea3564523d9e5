"""Bad input, RDF files: ``tradekg ingest``/``validate`` read articles' graphs as ``tradekg
export`` writes them. An export re-imports to the same store; a malformed, empty or dishonest
file is refused with a message naming the file (and line, where the syntax has lines) and
exit 1, and the store is left exactly as it was."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from input_support import A, G, dump, run, same_dataset
from support import ingest_sample

EXPORTS = {
    "trig": "trig",
    "nquads": "nq",
    "turtle": "ttl",
    "ntriples": "nt",
    "rdfxml": "rdf",
    "jsonld": "jsonld",
}
XSD = "http://www.w3.org/2001/XMLSchema#"
HINT = "(an RDF input holds articles' graphs as 'tradekg export' writes them)"


@pytest.fixture(scope="module")
def exports(sample_store_dir: Path) -> dict[str, bytes]:
    """The sample store exported in every syntax."""
    out = {}
    for fmt in EXPORTS:
        code, data, err = run("--store", str(sample_store_dir), "export", "--format", fmt)
        assert (code, err) == (0, "")
        out[fmt] = data
    return out


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, bytes]]:
    """A store holding the sample, and its quads; tests that fail to write must leave it so."""
    store = ingest_sample(tmp_path_factory.mktemp("rdf-input") / "store")
    before = dump(store)
    yield store, before
    assert dump(store) == before


@pytest.mark.parametrize("fmt", EXPORTS)
def test_an_export_reimports_to_the_same_store(
    tmp_path: Path, sample_store_dir: Path, exports: dict[str, bytes], fmt: str
) -> None:
    path = tmp_path / f"sample.{EXPORTS[fmt]}"
    path.write_bytes(exports[fmt])
    code, _, err = run("--store", str(tmp_path / "copy"), "ingest", str(path))
    assert code == 0, err
    assert f"loaded: {path} (821 triples, 6 info)" in err
    assert same_dataset(dump(tmp_path / "copy"), dump(sample_store_dir))


def test_an_export_piped_into_ingest(
    tmp_path: Path, sample_store_dir: Path, exports: dict[str, bytes]
) -> None:
    code, _, err = run(
        "--store", str(tmp_path / "copy"), "ingest", "--format", "trig", "-", stdin=exports["trig"]
    )
    assert code == 0, err
    assert "loaded: <stdin> (821 triples, 6 info)" in err
    assert same_dataset(dump(tmp_path / "copy"), dump(sample_store_dir))


def test_validate_reads_rdf_and_writes_nothing(tmp_path: Path, exports: dict[str, bytes]) -> None:
    path = tmp_path / "sample.nq"
    path.write_bytes(exports["nquads"])
    code, out, err = run("--store", str(tmp_path / "never"), "validate", "-q", str(path))
    assert (code, out, err) == (0, b"", "")
    assert not (tmp_path / "never").exists()


def rejected(store: Path, path: Path, *, before: bytes) -> str:
    """Ingest ``path``: it must be rejected, nothing written; the error lines."""
    code, out, err = run("--store", str(store), "ingest", str(path))
    assert code == 1, err
    assert out == b""
    assert err.startswith(f"rejected: {path} (") or f"rejected: {path} <" in err, err
    assert err.endswith(f"0 article(s) loaded, 1 rejected into {store}\n"), err
    assert dump(store) == before
    return err


MALFORMED = [
    (
        "m.ttl",
        b"@prefix tkg: <https://w3id.org/tradekg/ontology#> .\n\n"
        b'<https://w3id.org/tradekg/id/article/x> a tkg:Article ;\n  tkg:x "unterminated .\n',
        "4: error: malformed Turtle: Unexpected end of file (column 9)",
    ),
    (
        "m.trig",
        b"@prefix tkg: <https://w3id.org/tradekg/ontology#> .\n"
        b"<https://w3id.org/tradekg/id/graph/x> {\n"
        b"  <https://w3id.org/tradekg/id/article/x> a tkg:Article .\n",
        "4: error: malformed TriG: Unexpected end (column 1)",
    ),
    (
        "m.nt",
        b"<https://w3id.org/tradekg/id/article/x> "
        b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        b"<https://w3id.org/tradekg/ontology#Article> .\n"
        b'<https://w3id.org/tradekg/id/article/x> <https://schema.org/url> "u"\n',
        "3: error: malformed N-Triples: Quads must be followed by a dot (column 1)",
    ),
    (
        "m.nq",
        b"<https://w3id.org/tradekg/id/article/x> "
        b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        b"<https://w3id.org/tradekg/ontology#Article> <g> .\n",
        "1: error: malformed N-Quads: No scheme found in an absolute IRI (column 135)",
    ),
    (
        "m.jsonld",
        b'{\n  "@id": "https://w3id.org/tradekg/id/article/x",\n'
        b'  "@type": "https://w3id.org/tradekg/ontology#Article",\n}\n',
        "4: error: malformed JSON-LD: Expecting property name enclosed in double quotes (column 1)",
    ),
    (
        "m.rdf",
        b'<?xml version="1.0"?>\n'
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        b'<rdf:Description rdf:about="https://w3id.org/tradekg/id/article/x">\n'
        b"</rdf:RDF>\n",
        "4: error: malformed RDF/XML: mismatched tag",
    ),
    (
        "bom-crlf.ttl",
        b"\xef\xbb\xbf<https://w3id.org/tradekg/id/article/x>\r\n  <https://schema.org/url> .\r\n",
        "2: error: malformed Turtle: ",
    ),
    (
        "latin1.nt",
        b'<https://w3id.org/tradekg/id/article/x> <https://schema.org/headline> "Canad\xe1" .\n',
        "1: error: not UTF-8: byte 0xe1 at offset 76 (save the file as UTF-8)",
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_rdf_names_file_and_line(
    tmp_path: Path, loaded: tuple[Path, bytes], name: str, data: bytes, message: str
) -> None:
    store, before = loaded
    path = tmp_path / name
    path.write_bytes(data)
    err = rejected(store, path, before=before)
    assert f"\n  {path}:{message}" in err


EMPTY = [
    ("empty.ttl", b"", "Turtle"),
    ("empty.trig", b"", "TriG"),
    ("empty.nt", b"", "N-Triples"),
    ("empty.nq", b"", "N-Quads"),
    ("empty.jsonld", b"{}", "JSON-LD"),
    ("empty.rdf", b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', "RDF/XML"),
    (
        "prefixes.ttl",
        b"@prefix tkg: <https://w3id.org/tradekg/ontology#> .\n"
        b"PREFIX schema: <https://schema.org/>\n",
        "Turtle",
    ),
    ("prefixes.trig", b"@prefix tkg: <https://w3id.org/tradekg/ontology#> .\n", "TriG"),
]


@pytest.mark.parametrize(("name", "data", "label"), EMPTY, ids=[e[0] for e in EMPTY])
def test_an_input_without_articles_is_refused(
    tmp_path: Path, loaded: tuple[Path, bytes], name: str, data: bytes, label: str
) -> None:
    store, before = loaded
    path = tmp_path / name
    path.write_bytes(data)
    err = rejected(store, path, before=before)
    assert f"\n  {path}: error: no article in this {label} input {HINT}\n" in err


def test_zero_bytes_on_stdin(loaded: tuple[Path, bytes]) -> None:
    store, before = loaded
    code, _, err = run("--store", str(store), "ingest", "--format", "nquads", "-", stdin=b"")
    assert code == 1
    assert f"  <stdin>: error: no article in this N-Quads input {HINT}\n" in err
    assert dump(store) == before


def test_stdin_needs_a_format(loaded: tuple[Path, bytes]) -> None:
    store, before = loaded
    code, _, err = run("--store", str(store), "ingest", "-", stdin=b"")
    assert (code, err) == (
        2,
        "Error: reading RDF from standard input ('-') needs --format "
        "(e.g. --format trig; facts files cannot come from stdin, they "
        "name their article file relative to themselves)\n",
    )
    assert dump(store) == before


def edited(
    tmp_path: Path, exports: dict[str, bytes], fmt: str, old: str, new: str, count: int = 1
) -> Path:
    text = exports[fmt].decode()
    assert old in text, old
    path = tmp_path / f"edited.{EXPORTS[fmt]}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def test_a_graph_name_that_is_not_the_articles(
    tmp_path: Path, loaded: tuple[Path, bytes], exports: dict[str, bytes]
) -> None:
    store, before = loaded
    other = "https://w3id.org/tradekg/id/graph/0000000000000000"
    path = edited(tmp_path, exports, "nquads", f" <{G}> .", f" <{other}> .", -1)
    err = rejected(store, path, before=before)
    assert re.search(
        rf"  {re.escape(str(path))}: error: <{A}[^>]*> does not belong in graph "
        rf"<{other}> \(an article's graph holds the article, its graph and the "
        r"nodes under the article's IRI only\)",
        err,
    )


def test_a_url_that_does_not_give_the_articles_iri(
    tmp_path: Path, loaded: tuple[Path, bytes], exports: dict[str, bytes]
) -> None:
    store, before = loaded
    url = "https://w3id.org/tradekg/sample/nafta-round5"
    path = edited(tmp_path, exports, "ntriples", f'"{url}"', f'"{url}-moved"')
    err = rejected(store, path, before=before)
    assert (
        f"  {path}: error: article <{A}> in graph <{G}> has url '{url}-moved', from which "
        "tradekg derives <https://w3id.org/tradekg/id/article/"
    ) in err
    assert "(IRIs are derived from the URL; export the article again, or fix its url)" in err


def test_a_triple_of_no_article(
    tmp_path: Path, loaded: tuple[Path, bytes], exports: dict[str, bytes]
) -> None:
    store, before = loaded
    path = tmp_path / "stray.ttl"
    stray = b'\n<https://example.org/x> <https://example.org/p> "y" .\n'
    path.write_bytes(exports["turtle"] + stray)
    err = rejected(store, path, before=before)
    assert (
        f'  {path}: error: the triple <https://example.org/x> <https://example.org/p> "y" '
        "belongs to no article (only articles are loaded from RDF; reference data goes in a "
        "--reference YAML file; an RDF input holds articles' graphs as 'tradekg export' "
        "writes them)"
    ) in err


def test_an_article_graph_cannot_speak_for_the_reference_data(
    tmp_path: Path, loaded: tuple[Path, bytes], exports: dict[str, bytes]
) -> None:
    store, before = loaded
    actor = "https://w3id.org/tradekg/id/actor/freeland"
    forged = f'<{actor}> <http://www.w3.org/2000/01/rdf-schema#label> "Someone else" <{G}> .\n'
    path = tmp_path / "forged.nq"
    path.write_bytes(exports["nquads"] + forged.encode())
    err = rejected(store, path, before=before)
    assert f"  {path}: error: <{actor}> does not belong in graph <{G}>" in err


def test_blank_nodes_in_an_article_are_refused(
    tmp_path: Path, loaded: tuple[Path, bytes], exports: dict[str, bytes]
) -> None:
    store, before = loaded
    path = tmp_path / "blank.nq"
    path.write_bytes(
        exports["nquads"] + f"<{A}> <https://schema.org/about> _:b1 <{G}> .\n".encode()
    )
    err = rejected(store, path, before=before)
    assert re.search(
        rf"  {re.escape(str(path))}: error: blank node _:\w+: tradekg article "
        "graphs have none",
        err,
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            f'<https://schema.org/datePublished> "2017-11-21"^^<{XSD}date>',
            f'<https://schema.org/datePublished> "2017-13-45"^^<{XSD}date>',
            "'2017-13-45'^^xsd:date is not a valid xsd:date [id:article/11f0a1b12fa8bf03 "
            "schema:datePublished]",
        ),
        (
            "#roundNumber>",
            "#roundNumber>",
            "'abc'^^xsd:decimal is not a valid xsd:decimal "
            "[id:article/11f0a1b12fa8bf03/event/round-5 tkg:roundNumber]",
        ),
    ],
    ids=["impossible-date", "not-a-decimal"],
)
def test_ill_typed_literals(
    tmp_path: Path,
    loaded: tuple[Path, bytes],
    exports: dict[str, bytes],
    old: str,
    new: str,
    message: str,
) -> None:
    store, before = loaded
    text = exports["ntriples"].decode()
    if old == "#roundNumber>":  # the round number, whatever it is: "abc" as a decimal
        old = next(t for t in text.splitlines() if old in t)
        new = re.sub(r'"[^"]*"\^\^<[^>]*>', f'"abc"^^<{XSD}decimal>', old)
    path = tmp_path / "typed.nt"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    err = rejected(store, path, before=before)
    assert f"  {path}: error: {message}" in err


def _selector_line(text: str, what: str) -> str:
    return next(t for t in text.splitlines() if f"<http://www.w3.org/ns/oa#{what}>" in t)


def test_evidence_offsets_outside_the_text(
    tmp_path: Path, loaded: tuple[Path, bytes], exports: dict[str, bytes]
) -> None:
    store, before = loaded
    text = exports["ntriples"].decode()
    line = _selector_line(text, "end")
    node = line.split(" ")[0][1:-1].removesuffix("/position")
    start = re.search(r"/span/(\d+)-", node)
    assert start is not None
    bad = re.sub(r'"\d+"', '"999999"', line)
    path = tmp_path / "offsets.nt"
    path.write_text(text.replace(line, bad, 1), encoding="utf-8")
    err = rejected(store, path, before=before)
    assert (
        f"  {path}: error: evidence offsets {start.group(1)}-999999 lie outside the "
        "article text (length 2067)"
    ) in err


def test_evidence_text_that_differs_from_the_article(
    tmp_path: Path, loaded: tuple[Path, bytes], exports: dict[str, bytes]
) -> None:
    store, before = loaded
    text = exports["ntriples"].decode()
    line = _selector_line(text, "exact")
    quote = re.search(r'> "(.*)" \.$', line)
    assert quote is not None
    path = tmp_path / "exact.nt"
    path.write_text(
        text.replace(line, line.replace(quote.group(1), "Words nobody wrote"), 1), encoding="utf-8"
    )
    err = rejected(store, path, before=before)
    assert (
        f"  {path}: error: evidence text 'Words nobody wrote' differs from the article "
        f"text at " in err
    )


def test_article_text_changed_after_export(
    tmp_path: Path, loaded: tuple[Path, bytes], exports: dict[str, bytes]
) -> None:
    store, before = loaded
    text = exports["ntriples"].decode()
    line = next(t for t in text.splitlines() if "<https://schema.org/articleBody>" in t)
    path = tmp_path / "text.nt"
    path.write_text(
        text.replace(line, line.replace("little headway", "great headway")), encoding="utf-8"
    )
    err = rejected(store, path, before=before)
    assert (
        f"  {path}: error: the content hash of article <{A}> is not that of its text "
        "(the text was changed after export; its SHA-256 is "
    ) in err
