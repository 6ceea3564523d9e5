"""``tradekg serve``: the graph as linked data and a read-only SPARQL endpoint, over HTTP.

Standard library only (``http.server``). ``make_server(store)`` returns a server bound to
127.0.0.1:8080 by default; see ``kg.serve.app`` for the routes. This package is HTTP
only (routes, negotiation, pages): what it reads, and how queries are stopped at the time
limit, is the store's (``kg.store.serving``, ``kg.store.pool``).
"""

from kg.serve.app import Server, make_server

__all__ = ["Server", "make_server"]
