"""Inputs -> facts model: article files, facts files, reference data."""

from kg.loaders.article import read_article
from kg.loaders.facts import load_facts
from kg.loaders.reference import Reference, load_reference

__all__ = ["Reference", "load_facts", "load_reference", "read_article"]
