"""Hostile input, SPARQL injection: every parameter of every saved query is tried with values
that would end the query and run an update if they were pasted into its text. Each answers
exactly as a harmless unknown value does, and the store holds the same quads afterwards: on
the embedded store and on an Oxigraph server (values bound by a ``VALUES`` block there)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from input_support import same_dataset
from test_backends import cleared, oxigraph, remote  # noqa: F401 - oxigraph is a fixture

from kg.errors import UsageError
from kg.ingest import ingest
from kg.loaders import Reference
from kg.queries import catalogue, get_query, run_saved
from kg.resources import sample_dir
from kg.store import Store

INJECTIONS = [
    'x" } ; DROP ALL ; #',
    "a> . ?s ?p ?o } #",
    "http://example.org/x> } ; DROP ALL ; <http://example.org/y",
    "https://w3id.org/tradekg/id/actor/freeland> } ; CLEAR DEFAULT ; #",
    "x\n} ; DROP ALL ;\n#",
    'x\\" } ; DROP ALL ; #',
    "x\\",
    "x' } ; INSERT DATA { <http://example.org/s> <http://example.org/p> 1 } #",
]
HARMLESS = "nothing-of-the-kind"
PARAMETERS = [(q, p.name, p.type) for q in catalogue() for p in get_query(q).params]
REQUIRED = {"provenance": {"fact": "freeland-differences"}}


# a value for each type of parameter that names something in the sample, for the parameters a
# query needs besides the one under attack
VALID = {
    "actor": "Freeland",
    "issue": "sunset clause",
    "agreement": "nafta",
    "proposal": "https://w3id.org/tradekg/id/article/11f0a1b12fa8bf03/proposal/sunset-clause",
    "article": "11f0a1b12fa8bf03",
    "fact": "freeland-differences",
    "date": "2017-11-21",
    "integer": "5",
    "string": "x",
    "place": "Ottawa",
    "negotiation": "NAFTA renegotiation",
}


def test_the_catalogue_has_parameters_to_attack() -> None:
    attacked = [(q, p) for q, p, _ in PARAMETERS]
    for pair in [
        ("actors", "actor"),
        ("article-audit", "article"),
        ("objections", "issue"),
        ("objections", "proposal"),
        ("proposals", "proposer"),
        ("provenance", "fact"),
        ("quotes", "speaker"),
    ]:
        assert pair in attacked
    assert {kind for _, _, kind in PARAMETERS} <= set(VALID)


def quads(store: Store) -> bytes:
    out = io.BytesIO()
    store.dump(out, "nquads")
    return out.getvalue()


def usage_error(store: Store, query: str, params: dict[str, str]) -> str:
    with pytest.raises(UsageError) as info:
        run_saved(store, query, params)
    return str(info.value)


def attack(store: Store, query: str, param: str, kind: str, value: str) -> None:
    before = quads(store)
    others = {
        p.name: VALID[p.type] for p in get_query(query).params if p.required and p.name != param
    }
    if kind == "string":  # bound as a literal: it matches nothing, as a harmless value does
        harmless_rows = run_saved(store, query, {**others, param: HARMLESS}).rows
        assert run_saved(store, query, {**others, param: value}).rows == harmless_rows
    elif kind in ("date", "integer"):  # refused as not a date (nor a round the store holds,
        # looked up with the value bound, never pasted) or a number
        attempt = usage_error(store, query, {**others, param: value})
        assert attempt.startswith(f"parameter {param!r} must be a")
        assert f"not {value!r}" in attempt
    else:
        harmless = usage_error(store, query, {**others, param: HARMLESS})
        attempt = usage_error(store, query, {**others, param: value})
        assert attempt.startswith(f"no {kind} matches {value!r} (parameter {param!r})")
        assert (
            attempt.split(" (did you mean")[0]
            == harmless.replace(repr(HARMLESS), repr(value)).split(" (did you mean")[0]
        )
    assert same_dataset(quads(store), before)  # blank-node ids differ between dumps


@pytest.mark.parametrize(("query", "param", "kind"), PARAMETERS)
@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_on_the_embedded_store(
    sample_store: Store, query: str, param: str, kind: str, value: str
) -> None:
    attack(sample_store, query, param, kind, value)


@pytest.fixture(scope="module")
def server_store(
    oxigraph: tuple[str, dict[str, str]],  # noqa: F811
    reference: Reference,
) -> Iterator[Store]:
    store = cleared(remote(oxigraph))
    assert ingest(store, [sample_dir()], reference).ok
    yield store
    store.close()


@pytest.mark.parametrize(("query", "param", "kind"), PARAMETERS)
@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_on_an_oxigraph_server(
    server_store: Store, query: str, param: str, kind: str, value: str
) -> None:
    attack(server_store, query, param, kind, value)


@pytest.mark.parametrize("value", INJECTIONS)
def test_a_query_still_answers_after_the_attacks(sample_store: Store, value: str) -> None:
    rows = run_saved(sample_store, "provenance", REQUIRED["provenance"])
    assert len(rows.rows) == 1
