"""Bad input, IRIs: spaces, ``<>"{}|^`\\`` and relative IRIs in article URLs, in RDF input and
in query parameters are refused before they reach RDF or SPARQL; minted IRIs are always
safe (property-based, with hypothesis)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from input_support import run, sample_copy

from kg.errors import InputError
from kg.iris import article_graph, article_iri, check_iri, mint

URL = "https://w3id.org/tradekg/sample/nafta-round5"
BAD_URLS = [
    URL + "/a b",
    URL + "/<x>",
    URL + '/"q"',
    URL + "/{x}",
    URL + "/a|b",
    URL + "/a^b",
    URL + "/a`b",
    URL + "/a\\b",
    "nafta-round5",
    "/news/nafta",
    "//example.org/x",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_an_article_url_that_is_not_an_iri(tmp_path: Path, url: str) -> None:
    facts = sample_copy(tmp_path / "in", article=(f"url: {URL}", f"url: '{url}'"))
    code, _, err = run("validate", str(facts))
    assert code == 1
    assert (
        f"  {tmp_path / 'in' / 'nafta-round5.md'}:2: error: url {url!r} is not an "
        "absolute URL (IRIs need a scheme such as https: and no spaces or "
        '<>"{}|^`\\ characters)\n'
    ) in err


@pytest.mark.parametrize(
    ("iri", "message"),
    [
        ("https://w3id.org/tradekg/id/article/a b", "Invalid IRI code point ' '"),
        ("article/x", "No scheme found in an absolute IRI"),
        ("https://w3id.org/tradekg/id/article/a{b}", "Invalid IRI code point '{'"),
    ],
)
def test_an_rdf_input_with_a_bad_iri(tmp_path: Path, iri: str, message: str) -> None:
    path = tmp_path / "bad.nt"
    path.write_text(f'<{iri}> <https://schema.org/headline> "t" .\n', encoding="utf-8")
    code, _, err = run("validate", str(path))
    assert code == 1
    assert f"  {path}:1: error: malformed N-Triples: {message}" in err


@pytest.mark.parametrize(
    "value",
    [
        "https://w3id.org/tradekg/id/actor/a b",
        "https://w3id.org/tradekg/id/actor/freeland>",
        "actor/freeland",
    ],
)
def test_a_parameter_that_is_not_an_iri_names_nothing(sample_store_dir: Path, value: str) -> None:
    code, out, err = run(
        "--store", str(sample_store_dir), "query", "quotes", "--param", f"speaker={value}"
    )
    assert (code, out) == (2, b"")
    assert err.startswith(f"Error: no actor matches {value!r} (parameter 'speaker')")


@given(st.lists(st.text(min_size=1), min_size=1, max_size=4))
def test_minted_iris_are_always_valid(segments: list[str]) -> None:
    iri = mint(*segments)
    assert check_iri(str(iri)) == iri
    ox.NamedNode(str(iri))  # Oxigraph's IRI parser accepts it
    assert list(ox.parse(f"<{iri}> <{iri}> <{iri}> .".encode(), ox.RdfFormat.N_TRIPLES))


@given(st.text())
def test_article_iris_from_any_url(url: str) -> None:
    for iri in (article_iri(url), article_graph(url)):
        assert check_iri(str(iri)) == iri


@given(st.text())
@example("A:\ufff0")  # a code point outside RFC 3987's ranges (found by this test)
@example("https://example.org/a%zz")
@example("https://example.org/\ud800")  # a lone surrogate
def test_check_iri_accepts_only_what_rdf_can_carry(value: str) -> None:
    try:
        iri = check_iri(value)
    except InputError as e:
        assert str(e).startswith(f"{value!r} is not an absolute IRI")
        return
    quad = f"<{iri}> <https://example.org/p> <{iri}> .".encode()
    assert list(ox.parse(quad, ox.RdfFormat.N_TRIPLES))


def test_an_iri_the_engine_refuses_is_refused_with_its_reason() -> None:
    with pytest.raises(InputError) as caught:
        check_iri("https://example.org/a%zz")
    assert caught.value.message == (
        "'https://example.org/a%zz' is not an absolute IRI: Invalid IRI percent encoding '%zz'"
    )
