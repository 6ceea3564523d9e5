"""Where the files that ship with tradekg live (ontology, shapes, queries, bundled data).

In a wheel they are inside the package (``kg/_resources``); in a source checkout they are
the top-level folders of the repository.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph

_PACKAGE = Path(__file__).resolve().parent


def resource(*parts: str) -> Path:
    """The path of a bundled file or folder, e.g. ``resource("shapes", "tradekg.shapes.ttl")``."""
    for root in (_PACKAGE / "_resources", _PACKAGE.parent):
        candidate = root.joinpath(*parts)
        if candidate.exists():
            return candidate
    raise FileNotFoundError("tradekg resource not found: " + "/".join(parts))


def ontology_file() -> Path:
    return resource("ontology", "tradekg.ttl")


def shapes_file() -> Path:
    return resource("shapes", "tradekg.shapes.ttl")


def queries_dir() -> Path:
    return resource("queries")


def reference_files() -> list[Path]:
    """The bundled reference data: every ``data/reference/*.yaml``, in name order."""
    return sorted(resource("data", "reference").glob("*.yaml"))


def titles_file() -> Path:
    """The lexicon of titles and roles that introduce a named person in news text."""
    return resource("data", "lexicon", "titles.yaml")


def sample_dir() -> Path:
    return resource("data", "sample")


@cache
def ontology_graph() -> Graph:
    """The ontology, parsed once."""
    from rdflib import Graph

    return Graph().parse(ontology_file(), format="turtle")
