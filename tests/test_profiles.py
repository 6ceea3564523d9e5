"""Server profiles: supporting another SPARQL server with quirks is one record."""

from __future__ import annotations

import pytest

from kg.errors import UsageError
from kg.store.profiles import (
    FUSEKI,
    GENERIC,
    OXIGRAPH,
    PROFILES,
    VIRTUOSO,
    ServerProfile,
    profile_for,
)
from kg.store.remote import RemoteStore, endpoints

# A made-up server: /DATASET/q for queries, its own update and GSP paths, digest by default,
# a union-default-graph parameter of its own, a row cap it does not announce.
QUOKKA = ServerProfile(
    name="Quokka",
    query_paths=("/q",),
    dataset=True,
    update_path="/u",
    gsp_path="/graphs-read",
    gsp_path_with_credentials="/graphs",
    auth="digest",
    union_parameter="all-graphs",
    probes_row_cap=True,
    example="http://HOST:9999/DATASET/q",
)
WITH_QUOKKA = (QUOKKA, *PROFILES)


def test_the_known_servers_are_recognised_by_their_query_url() -> None:
    cases = {
        "/query": OXIGRAPH,
        "/query/": OXIGRAPH,
        "/sparql": VIRTUOSO,
        "/sparql-auth": VIRTUOSO,
        "/ds/query": FUSEKI,
        "/a/b/sparql": FUSEKI,
        "/ds/q": GENERIC,
        "/repositories/x": GENERIC,
        "": GENERIC,
    }
    for path, profile in cases.items():
        assert profile_for(path) is profile, path
    assert PROFILES[-1] is GENERIC


def test_a_new_server_is_one_profile() -> None:
    url = "http://h:9999/ds/q"
    assert endpoints(url, {}, credentials=False) == (None, None, False)  # not known yet
    assert endpoints(url, {}, credentials=False, profiles=WITH_QUOKKA) == (
        "http://h:9999/ds/u",
        "http://h:9999/ds/graphs-read",
        True,
    )
    assert endpoints(url, {}, credentials=True, profiles=WITH_QUOKKA)[1] == (
        "http://h:9999/ds/graphs"
    )
    env = {"TRADEKG_USER": "writer", "TRADEKG_PASSWORD": "secret"}
    store = RemoteStore(url, env, profiles=WITH_QUOKKA)
    try:
        assert store.profile is QUOKKA
        assert (store.update_url, store.gsp_url) == (
            "http://h:9999/ds/u",
            "http://h:9999/ds/graphs",
        )
        assert repr(store._credentials) == "Credentials(scheme='digest')"
        wrapper = store._wrapper("SELECT * WHERE { ?s ?p ?o }", "json", "SELECT")
        assert wrapper.parameters["all-graphs"] == [""]
    finally:
        store.close()
    # the other servers are still recognised as before
    assert RemoteStore("http://h:7878/query", {}, profiles=WITH_QUOKKA).profile is OXIGRAPH
    with pytest.raises(UsageError) as given:
        RemoteStore("http://h:9999/", {}, profiles=WITH_QUOKKA)
    assert given.value.hint == (
        "e.g. http://HOST:9999/DATASET/q (Quokka), http://HOST:7878/query (Oxigraph), "
        "http://HOST:8890/sparql (Virtuoso), http://HOST:3030/DATASET/query (Fuseki)"
    )
