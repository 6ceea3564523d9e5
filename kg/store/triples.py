"""The answer to a CONSTRUCT or DESCRIBE query (``kg.store.Triples``), in its own module so
that ``kg.store`` does not import rdflib when it is imported."""

from __future__ import annotations

from rdflib import Graph


class Triples(Graph):
    """The answer to a CONSTRUCT or DESCRIBE query; ``truncated`` as for Results."""

    truncated = False
