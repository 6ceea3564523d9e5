"""What tradekg knows about each kind of SPARQL server: one record per server.

A ``ServerProfile`` says how to recognise a server from its query URL and where its other
endpoints are, which authentication it expects by default, how to make the default graph the
union of all graphs, and whether it cuts answers at a row cap. ``RemoteStore`` reads the fields
of the profile that matches its URL and never tests a server's name: supporting another server
with quirks means adding one record to ``PROFILES`` (before ``GENERIC``).

Every server is treated alike in the rest: a SELECT answer with ``X-SPARQL-MaxRows`` is paged
(any server that says it cut is believed), JSON results may use Virtuoso's ``typed-literal``,
and only graphs that say ``<g> a prov:Bundle`` are tradekg's (a server may hold system graphs).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServerProfile:
    """One kind of SPARQL server.

    ``query_paths``: the query URL's path ends with one of these. With ``dataset`` a dataset's
    path must come before it (``/DATASET/query``), else nothing may (``/query``). The update
    and Graph Store Protocol (GSP) paths replace the matched ending (None: unknown, give
    ``TRADEKG_UPDATE_URL`` / ``TRADEKG_GSP_URL``); ``gsp_path_with_credentials``, when set, is
    the GSP path used when tradekg has credentials. ``auth``: the scheme for a user and
    password when ``TRADEKG_AUTH`` does not say. ``union_parameter``: the query parameter that
    makes the default graph the union of all graphs, if the server needs one.
    ``probes_row_cap``: the server cuts CONSTRUCT answers at a row cap without saying so, so
    the cap is learnt first from a SELECT's ``X-SPARQL-MaxRows``. ``example``: a query URL
    shown in hints.
    """

    name: str
    query_paths: tuple[str, ...]
    dataset: bool = False
    update_path: str | None = None
    gsp_path: str | None = None
    gsp_path_with_credentials: str | None = None
    auth: str = "basic"
    union_parameter: str | None = None
    probes_row_cap: bool = False
    example: str | None = None

    def base(self, path: str) -> str | None:
        """The part of ``path`` (no trailing slash) before the matched query path, or None
        when this profile does not recognise it."""
        for ending in self.query_paths:
            if path.endswith(ending):
                base = path[: len(path) - len(ending)]
                if bool(base) == self.dataset:
                    return base
        return None

    def gsp(self, *, credentials: bool) -> str | None:
        """The GSP path, with or without credentials."""
        if credentials and self.gsp_path_with_credentials is not None:
            return self.gsp_path_with_credentials
        return self.gsp_path


OXIGRAPH = ServerProfile(
    name="Oxigraph",
    query_paths=("/query",),
    update_path="/update",
    gsp_path="/store",
    union_parameter="union-default-graph",  # no server flag needed
    example="http://HOST:7878/query",
)
VIRTUOSO = ServerProfile(
    name="Virtuoso",
    query_paths=("/sparql", "/sparql-auth"),
    update_path="/sparql-auth",
    gsp_path="/sparql-graph-crud",  # read only
    gsp_path_with_credentials="/sparql-graph-crud-auth",
    auth="digest",
    probes_row_cap=True,  # ResultSetMaxRows in virtuoso.ini
    example="http://HOST:8890/sparql",
)
FUSEKI = ServerProfile(  # configured with tdb2:unionDefaultGraph true
    name="Fuseki",
    query_paths=("/query", "/sparql"),
    dataset=True,
    update_path="/update",
    gsp_path="/data",
    example="http://HOST:3030/DATASET/query",
)
GENERIC = ServerProfile(name="SPARQL 1.1 server", query_paths=())  # any other URL
PROFILES = (OXIGRAPH, VIRTUOSO, FUSEKI, GENERIC)


def profile_for(path: str, profiles: tuple[ServerProfile, ...] = PROFILES) -> ServerProfile:
    """The first profile that recognises the query URL's ``path``, else ``GENERIC``."""
    path = path.rstrip("/")
    return next((p for p in profiles if p.base(path) is not None), GENERIC)


def examples(profiles: tuple[ServerProfile, ...] = PROFILES) -> list[tuple[str, str]]:
    """(server name, example query URL) of the profiles that have one."""
    return [(p.name, p.example) for p in profiles if p.example is not None]


__all__ = [
    "FUSEKI",
    "GENERIC",
    "OXIGRAPH",
    "PROFILES",
    "VIRTUOSO",
    "ServerProfile",
    "examples",
    "profile_for",
]
