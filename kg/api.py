"""The front door for Python: open a store, load articles, ask the saved questions, export.

``import kg`` gives these functions (``kg.open_store``, ``kg.ingest``, ``kg.query``,
``kg.sparql``, ``kg.export``); they are what the command line does, without the command
line's printing and exit codes. Errors are the ``kg.KgError`` family (``kg/errors.py``):
``UsageError`` for an unknown query or a parameter value that names nothing,
``InputError`` for an input that cannot be read, ``StoreError`` when the store cannot be
opened, read or written.

Values in query rows are plain Python: an IRI is a ``str``; a literal is its Python value
(``str``, ``int``, ``decimal.Decimal``, ``float``, ``bool``, ``datetime.date`` or
``datetime.datetime``; a ``gYear``/``gYearMonth`` or a literal of another datatype is its
lexical ``str``); an unbound column is ``None``. ``Rows.terms`` keeps the RDF terms.

The command line's network guard (``kg.guard``) is not switched on by these functions: a
program that ingests untrusted RDF can ``import kg.guard`` and wrap the call in
``with kg.guard.active(): ...``, which refuses every connection while it runs.

Module imports are deferred to the calls, so ``import kg`` stays cheap.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from rdflib.term import Node

    from kg.store import Store
    from kg.validate import Verdict

PathLike = str | os.PathLike[str]
QUERY_TIMEOUT = 60.0  # seconds, as ``tradekg sparql``


def open_store(location: PathLike | None = None, *, create: bool = True) -> Store:
    """Open a store: the directory of an embedded store, or the URL of a SPARQL server's
    query endpoint (as ``--store``); with no location, ``$TRADEKG_STORE`` or the default
    (``~/.local/share/tradekg/store``). An embedded store is created when missing unless
    ``create=False``. Use it in a ``with`` block, which closes it (and releases the embedded
    store's lock: one process holds it at a time).

    >>> import tempfile, kg
    >>> with kg.open_store(tempfile.mkdtemp()) as store:
    ...     store.quad_count()
    0
    """
    from kg.store import open_store as _open

    return _open(os.fspath(location) if location is not None else None, create=create)


@dataclass(frozen=True)
class ArticleVerdict:
    """What happened to one input (one article; an RDF file may hold several)."""

    input: str  # the input it came from, e.g. the facts file's path
    article: str | None  # the article's IRI, when the input could be read that far
    loaded: bool  # written to the store
    triples: int
    errors: tuple[str, ...] = ()  # one line each: where, what, and the node it is about
    warnings: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.loaded:
            head = f"loaded: {self.input} ({self.triples} triples)"
        else:
            n = len(self.errors)
            head = f"rejected: {self.input} ({n} error{'s' if n != 1 else ''})"
        return "\n  ".join([head, *self.errors, *self.warnings])


@dataclass(frozen=True)
class IngestResult:
    """The verdicts of one ``kg.ingest`` call, one per article, in input order."""

    articles: tuple[ArticleVerdict, ...]
    written: int = 0  # articles written to the store

    @property
    def ok(self) -> bool:
        """True when every article conforms (and was written)."""
        return all(a.loaded for a in self.articles)

    @property
    def loaded(self) -> list[ArticleVerdict]:
        return [a for a in self.articles if a.loaded]

    @property
    def rejected(self) -> list[ArticleVerdict]:
        return [a for a in self.articles if not a.loaded]

    def __iter__(self) -> Iterator[ArticleVerdict]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def __str__(self) -> str:
        return "\n".join(str(a) for a in self.articles)


def _verdict(v: Verdict) -> ArticleVerdict:
    return ArticleVerdict(
        input=v.name,
        article=str(v.article) if v.article is not None else None,
        loaded=v.ok,
        triples=v.size,
        errors=tuple(str(f) for f in v.findings if f.severity == "error"),
        warnings=tuple(str(f) for f in v.findings if f.severity == "warning"),
    )


def ingest(
    store: Store,
    paths: PathLike | Sequence[PathLike],
    *,
    reference: Sequence[PathLike] = (),
    extract: bool = False,
    workers: int = 1,
    batch: int = 100,
) -> IngestResult:
    """Check facts files (or directories of them, article files with a facts file beside
    them, RDF files) and load those that conform, as ``tradekg ingest`` does. The bundled
    reference data is always used; ``reference`` adds files (as ``--reference``). With
    ``extract``, articles without a facts file are drafted by the extractor. An article
    that does not conform is not written; the others are. Returns a verdict per article.

    >>> import tempfile, kg
    >>> with kg.open_store(tempfile.mkdtemp()) as store:
    ...     result = kg.ingest(store, kg.sample_dir())
    >>> result.ok, len(result.loaded), result.rejected
    (True, 1, [])
    >>> result.loaded[0].article
    'https://w3id.org/tradekg/id/article/11f0a1b12fa8bf03'
    """
    from kg.ingest import ingest as _ingest
    from kg.loaders import load_reference

    items = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    outcome = _ingest(
        store,
        [Path(p) for p in items],
        load_reference([Path(p) for p in reference]),
        batch=batch,
        workers=workers,
        extract=extract,
    )
    return IngestResult(tuple(_verdict(v) for v in outcome.verdicts), outcome.written)


def python_value(term: Node | None) -> Any:
    """An RDF term as a Python value: an IRI as ``str``, a literal as its value (its lexical
    ``str`` when Python has no type for it), ``None`` as ``None``.

    >>> from rdflib import Literal, URIRef, XSD
    >>> python_value(URIRef("https://w3id.org/tradekg/id/actor/freeland"))
    'https://w3id.org/tradekg/id/actor/freeland'
    >>> python_value(Literal("2017-11-21", datatype=XSD.date))
    datetime.date(2017, 11, 21)
    >>> python_value(Literal("2017", datatype=XSD.gYear))
    '2017'
    """
    from rdflib import BNode, Literal

    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


@dataclass
class Rows:
    """Rows of a query's answer. Iterating gives one ``dict`` per row (column name to Python
    value, see ``python_value``); ``columns`` are the column names in order; ``terms`` the
    rows as RDF terms (rdflib), unconverted. An ASK query has no rows and sets ``boolean``.
    ``more``: the rows are a page (``limit=``) and more rows follow it.
    """

    columns: list[str]
    terms: list[tuple[Node | None, ...]] = field(repr=False)
    boolean: bool | None = None
    more: bool = False

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for row in self.terms:
            yield {c: python_value(t) for c, t in zip(self.columns, row, strict=True)}

    def __len__(self) -> int:
        return len(self.terms)

    def __getitem__(self, index: int) -> dict[str, Any]:
        return {c: python_value(t) for c, t in zip(self.columns, self.terms[index], strict=True)}

    def as_dicts(self) -> list[dict[str, Any]]:
        """Every row as a ``dict``."""
        return list(self)

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` with one column per column (pandas is not a dependency of
        tradekg: install it to use this)."""
        try:
            pandas = importlib.import_module("pandas")
        except ImportError:
            from kg.errors import UsageError

            raise UsageError(
                "to_pandas needs pandas, which is not installed",
                hint="pip install pandas, or use as_dicts()",
            ) from None
        return pandas.DataFrame(self.as_dicts(), columns=self.columns)


def query(
    store: Store,
    name: str,
    /,
    params: Mapping[str, object] | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
    **kwargs: object,
) -> Rows:
    """Run the saved query ``name`` (see ``tradekg queries`` or ``queries/``). Parameters are
    keyword arguments, or ``params={...}`` for names that are not Python identifiers; a
    value is an id, an IRI, or a name or alias ("Freeland", "sunset clause"), and dates and
    numbers may be given as Python values. Values are bound, never pasted into the query.

    A page of the rows: ``limit`` rows (None: every row) after the first ``offset``;
    ``Rows.more`` says whether more follow. A limit or offset that is not a whole number
    from 0 to 10^9 is a ``UsageError``. The saved queries are ordered, so the pages of an
    unchanged store, ``offset=0, 100, 200, ...``, give every row once.

    >>> import tempfile, kg
    >>> with kg.open_store(tempfile.mkdtemp()) as store:
    ...     rows = kg.query(store, "proposals")
    >>> rows.columns
    ['proposal', 'proposer', 'proposerLabel', 'issue', 'agreement', 'summary', 'headline', 'review']
    >>> rows.as_dicts()
    []
    """
    from kg.queries import run_saved

    values = {**(params or {}), **kwargs}
    results = run_saved(
        store, name, {k: str(v) for k, v in values.items()}, limit=limit, offset=offset
    )
    return Rows(list(results.variables), list(results.rows), results.boolean, results.truncated)


def sparql(
    store: Store,
    text: str,
    *,
    timeout: float = QUERY_TIMEOUT,
    limit: int | None = None,
    offset: int = 0,
) -> Rows:
    """Run an ad-hoc read-only SPARQL query (SELECT or ASK), as ``tradekg sparql`` does: the
    default graph is the union of all graphs; updates, ``SERVICE`` and ``FROM`` naming a
    graph the store does not hold are refused (``UsageError``). On the embedded store the
    query runs in a separate process, stopped after ``timeout`` seconds (``StoreError``).
    ``limit`` and ``offset`` give a page of the rows, as for ``query`` (the query's own
    LIMIT and OFFSET, which the engine plans with, come first).

    >>> import tempfile, kg
    >>> with kg.open_store(tempfile.mkdtemp()) as store:
    ...     kg.sparql(store, "ASK { ?s ?p ?o }").boolean
    False
    """
    from kg.queries.run import page_bounds

    limit, offset = page_bounds(limit, offset)
    # a store that cannot stop a query itself waits TRADEKG_TIMEOUT
    results = store.select(
        text,
        timeout=timeout if store.caps.timeouts else None,
        max_rows=limit,
        offset=offset,
    )
    return Rows(list(results.variables), list(results.rows), results.boolean, results.truncated)


def export(
    store: Store,
    format: str,
    out: PathLike | BinaryIO,
    *,
    article: str | None = None,
) -> None:
    """Write the store, or one article's graph, in ``format`` (``trig``, ``nquads``,
    ``turtle``, ``ntriples``, ``rdfxml``, ``jsonld``, or ``void`` for the VoID description),
    as ``tradekg export`` does. ``out`` is a path, written whole or not at all, or a binary
    file object. ``article`` is its key, IRI, URL or title.

    >>> import io, tempfile, kg
    >>> with kg.open_store(tempfile.mkdtemp()) as store:
    ...     buffer = io.BytesIO()
    ...     kg.export(store, "nquads", buffer)
    >>> buffer.getvalue()
    b''
    """
    from rdflib import URIRef

    from kg.errors import UsageError
    from kg.export import FORMATS
    from kg.export import export as _export

    if format not in FORMATS:
        raise UsageError(f"unknown export format {format!r}", hint="formats: " + ", ".join(FORMATS))
    graph = None
    if article is not None:
        from kg.iris import graph_of_article
        from kg.queries.params import resolve

        graph = graph_of_article(URIRef(str(resolve(store, "article", article, "article"))))
    if isinstance(out, str | os.PathLike):
        from kg.files import write_whole

        write_whole(Path(out), lambda f: _export(store, f, format, graph))
    else:
        _export(store, out, format, graph)


__all__ = [
    "ArticleVerdict",
    "IngestResult",
    "Rows",
    "export",
    "ingest",
    "open_store",
    "python_value",
    "query",
    "sparql",
]
