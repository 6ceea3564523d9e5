"""Saved queries: the catalogue, parameter binding and result formats."""

from kg.queries.catalogue import Param, SavedQuery, catalogue, get_query
from kg.queries.formats import FORMATS, write_results
from kg.queries.params import resolve_params
from kg.queries.run import run_saved

__all__ = [
    "FORMATS",
    "Param",
    "SavedQuery",
    "catalogue",
    "get_query",
    "resolve_params",
    "run_saved",
    "write_results",
]
