"""The RDF syntaxes tradekg reads and writes: one record per syntax.

Oxigraph's ``RdfFormat`` knows each syntax's media type, file extension and whether it
carries datasets (named graphs); a record adds only what it lacks: tradekg's name for it
(the ``--format`` value), the name people read, the other suffixes and media types it is known
by, and whether it writes prefixes.

>>> by_name("trig").datasets, by_name("trig").media_type, by_name("trig").suffix
(True, 'application/trig', '.trig')
>>> by_suffix(".OWL").name
'rdfxml'
>>> by_media_type("application/x-turtle; charset=utf-8").name
'turtle'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import BinaryIO

import pyoxigraph as ox


@dataclass(frozen=True)
class Syntax:
    """One RDF syntax: ``name`` (tradekg's, for ``--format``), ``label`` (for people), the
    engine's ``format``, suffixes and media types besides the engine's own, and whether it
    is written with prefixes."""

    name: str
    label: str
    format: ox.RdfFormat
    prefixes: bool = True
    other_suffixes: tuple[str, ...] = ()
    other_media_types: tuple[str, ...] = ()
    other_names: tuple[str, ...] = ()

    @property
    def datasets(self) -> bool:
        """True when the syntax carries named graphs (TriG, N-Quads, JSON-LD)."""
        return bool(self.format.supports_datasets)

    @property
    def media_type(self) -> str:
        return str(self.format.media_type)

    @property
    def suffix(self) -> str:
        """The suffix of a file tradekg writes, with its dot: ``.ttl``."""
        return "." + str(self.format.file_extension)

    @property
    def suffixes(self) -> tuple[str, ...]:
        return (self.suffix, *self.other_suffixes)

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.other_media_types)

    @property
    def content_type(self) -> str:
        """The ``Content-Type`` of a response in this syntax (text types say UTF-8)."""
        text = self.media_type.startswith("text/")
        return self.media_type + ("; charset=utf-8" if text else "")

    @property
    def names(self) -> tuple[str, ...]:
        """What a ``format`` parameter may call it: its name, file extension, other names."""
        return (self.name, str(self.format.file_extension), *self.other_names)


SYNTAXES: tuple[Syntax, ...] = (
    Syntax(
        "turtle",
        "Turtle",
        ox.RdfFormat.TURTLE,
        other_media_types=("application/turtle", "application/x-turtle"),
    ),
    Syntax("trig", "TriG", ox.RdfFormat.TRIG),
    Syntax(
        "ntriples", "N-Triples", ox.RdfFormat.N_TRIPLES, prefixes=False, other_names=("n-triples",)
    ),
    Syntax("nquads", "N-Quads", ox.RdfFormat.N_QUADS, prefixes=False, other_names=("n-quads",)),
    Syntax(
        "rdfxml",
        "RDF/XML",
        ox.RdfFormat.RDF_XML,
        other_suffixes=(".owl",),
        other_names=("rdf+xml",),
    ),
    # written without prefixes: kg.export compacts it with tradekg's context
    Syntax("jsonld", "JSON-LD", ox.RdfFormat.JSON_LD, prefixes=False, other_names=("json-ld",)),
)
NAMES: tuple[str, ...] = tuple(s.name for s in SYNTAXES)
_BY_NAME = {s.name: s for s in SYNTAXES}
_BY_SUFFIX = {suffix: s for s in SYNTAXES for suffix in s.suffixes}
_BY_MEDIA_TYPE = {media: s for s in SYNTAXES for media in s.media_types}


def by_name(name: str) -> Syntax:
    """The syntax of this name (a ``KeyError`` for another name: names come from NAMES)."""
    return _BY_NAME[name]


def by_suffix(suffix: str) -> Syntax | None:
    """The syntax of a file suffix (``.ttl``, any case), or None."""
    return _BY_SUFFIX.get(suffix.lower())


def by_media_type(media_type: str) -> Syntax | None:
    """The syntax of a media type (parameters such as ``charset`` ignored), or None."""
    return _BY_MEDIA_TYPE.get(media_type.split(";")[0].strip().lower())


def write(
    quads: Iterable[ox.Quad],
    out: BinaryIO,
    syntax: Syntax,
    prefixes: Mapping[str, str] | None = None,
) -> None:
    """Serialise ``quads`` to ``out``: a syntax without datasets gets their triples (the graphs
    merged); ``prefixes`` are written when the syntax has them."""
    data: Iterable[ox.Quad] | Iterable[ox.Triple] = (
        quads if syntax.datasets else (q.triple for q in quads)
    )
    wanted = dict(prefixes) if prefixes is not None and syntax.prefixes else None
    ox.serialize(data, out, syntax.format, prefixes=wanted)


__all__ = ["NAMES", "SYNTAXES", "Syntax", "by_media_type", "by_name", "by_suffix", "write"]
