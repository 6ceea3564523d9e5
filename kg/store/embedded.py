"""The embedded store: Oxigraph (RocksDB) in a directory, no server to run."""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from kg import syntaxes
from kg.errors import QuerySyntaxError, StoreError, StoreInUse, UsageError
from kg.oxterms import from_ox, to_ox
from kg.sparql_terms import render
from kg.store import Caps, Dataset, Reading, RenderedGraph, Results, Triples, fixed, snapshots
from kg.terms import PREFIXES

log = logging.getLogger("kg.store")


def last_modified(location: str | Path) -> dt.datetime | None:
    """When the store at ``location`` was last written, from its newest data file.

    Oxigraph (RocksDB) keeps data in immutable ``*.sst`` files and a write-ahead ``*.log``;
    opening the store creates an empty log, which is not counted. The time may lag behind
    the write until the store is next opened (when the log is turned into a data file); None
    when ``location`` is not a directory.
    """
    path = Path(location)
    if not path.is_dir():
        return None
    times = []
    for f in path.iterdir():
        if f.suffix not in (".sst", ".log"):
            continue
        try:  # RocksDB deletes obsolete files while the store is open
            stat = f.stat()
        except FileNotFoundError:
            continue
        if f.suffix == ".sst" or stat.st_size > 0:
            times.append(stat.st_mtime)
    if not times:
        return None
    return dt.datetime.fromtimestamp(int(max(times)), tz=dt.UTC)


class EmbeddedStore(Reading):
    """An on-disk Oxigraph store. One process may open it at a time."""

    caps = Caps(timeouts=True, snapshots=True)

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.location = str(path)
        if not create and not path.exists():
            raise StoreError(
                f"no store at {path}",
                hint="ingest something first (tradekg ingest or tradekg demo) "
                "or choose the store with --store",
            )
        try:
            path.mkdir(parents=True, exist_ok=True)
            self._store = ox.Store(str(path))
        except OSError as e:
            text = str(e)
            if "lock" in text.lower():
                raise StoreInUse(
                    f"the store at {path} is in use by another process",
                    hint="wait for the other tradekg command to finish, or use another --store",
                ) from None
            raise StoreError(f"cannot open the store at {path}: {text}") from None

    def replace_graphs(self, graphs: Sequence[RenderedGraph]) -> None:
        """Replace the graphs in one transaction.

        Graphs the store does not have yet are loaded as N-Quads (Oxigraph's loader, one
        transaction); if any of them exists, one SPARQL update drops and re-inserts them all.
        """
        if not graphs:
            return
        names = [(render(name), lines) for name, lines in graphs]
        exists = any(
            self._store.contains_named_graph(ox.NamedNode(str(name))) for name, _ in graphs
        )
        try:
            if not exists:
                self._store.load(
                    input="".join(f"{line} {name} .\n" for name, lines in names for line in lines),
                    format=syntaxes.by_name("nquads").format,
                )
            else:
                self._store.update(
                    "".join(
                        [
                            *(f"DROP SILENT GRAPH {name} ;\n" for name, _ in names),
                            "INSERT DATA {\n",
                            *(
                                f"GRAPH {name} {{\n"
                                + "".join(f"{line} .\n" for line in lines)
                                + "}\n"
                                for name, lines in names
                            ),
                            "}",
                        ]
                    )
                )
        except (OSError, SyntaxError) as e:
            raise StoreError(
                f"could not write to the store at {self.location}: {e}",
                hint="nothing of this transaction was written",
            ) from None
        if snapshots.served(self.location):
            try:
                self.publish()
            except StoreError as e:  # the graphs are written; only the server lags behind
                log.warning(
                    "the graphs are written, but the server reading this store "
                    "will not see them until the next write: %s",
                    e,
                )

    def publish(self) -> Path:
        """Publish a snapshot of the store for ``tradekg serve`` (see kg.store.snapshots)."""
        return snapshots.publish(self.backup, self.location)

    def _query(
        self, query: str, bindings: Mapping[str, Node] | None, dataset: Dataset | None
    ) -> object:
        subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()
        }
        options: dict[str, object] = {"use_default_graph_as_union": True}
        if dataset is not None:
            options = {
                "default_graph": [ox.NamedNode(g) for g in dataset[0]],
                "named_graphs": [ox.NamedNode(g) for g in dataset[1]],
            }
        try:
            return self._store.query(query, substitutions=subs or None, **options)  # type: ignore[arg-type]
        except SyntaxError as e:
            raise QuerySyntaxError(
                str(e),
                hint="tradekg sparql runs SPARQL 1.1 queries; updates are refused",
            ) from None
        except OSError as e:
            raise StoreError(f"the query failed: {e}") from None
        except RuntimeError as e:  # e.g. a substituted variable that is not projected
            raise UsageError(
                f"the query cannot bind its parameters: {e}",
                hint="a saved query must SELECT every parameter variable",
            ) from None

    def select(
        self,
        query: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        timeout: float | None = None,
        max_rows: int | None = None,
        offset: int = 0,
        dataset: Dataset | None = None,
    ) -> Results:
        """Run a SELECT or ASK query. With ``timeout`` it runs in a worker process over a
        snapshot of the store, which is killed at the time limit (QueryTimeout), and
        ``SERVICE`` and ``FROM <elsewhere>`` are refused first (Oxigraph would fetch them)."""
        if timeout is not None:
            from kg.store.readers import within

            with within(self, query, timeout) as reader:
                return reader.select(
                    query, bindings, max_rows=max_rows, offset=offset, dataset=dataset
                )
        answer = self._query(query, bindings, dataset)
        if isinstance(answer, ox.QueryBoolean):
            return Results([], [], boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            raise UsageError("this query returns triples; use a SELECT or ASK query here")
        assert isinstance(answer, ox.QuerySolutions)
        variables = [v.value for v in answer.variables]
        cache: dict[object, Node | None] = {}  # answers repeat values (labels, types, modes)

        def convert(term: object) -> Node | None:
            if term is None:
                return None
            node = cache.get(term)
            if node is None:
                node = cache[term] = from_ox(term)
            return node

        solutions = iter(answer)
        for _ in itertools.islice(solutions, offset):  # skipped, not converted
            pass
        if max_rows is None:
            rows = [tuple(convert(sol[v]) for v in variables) for sol in solutions]
            return Results(variables, rows)
        rows = []
        for sol in solutions:
            if len(rows) == max_rows:
                return Results(variables, rows, truncated=True)
            rows.append(tuple(convert(sol[v]) for v in variables))
        return Results(variables, rows)

    def construct(
        self,
        query: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        timeout: float | None = None,
        max_rows: int | None = None,
        dataset: Dataset | None = None,
    ) -> Triples:
        if timeout is not None:
            from kg.store.readers import within

            with within(self, query, timeout) as reader:
                return reader.construct(query, bindings, max_rows=max_rows, dataset=dataset)
        answer = self._query(query, bindings, dataset)
        if not isinstance(answer, ox.QueryTriples):
            raise UsageError("this query does not return triples")
        g = Triples()
        for t in answer:
            if max_rows is not None and len(g) == max_rows:
                g.truncated = True
                break
            g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))  # type: ignore[arg-type]
        return g

    def graph_names(self) -> list[URIRef]:
        return sorted(
            URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)
        )

    def quad_count(self, graph: URIRef | None = None) -> int:
        """Quads in one named graph, or in all of them."""
        return fixed.quad_count(self, graph)

    def quads(self, graph: URIRef | None = None) -> Iterator[ox.Quad]:
        """Every quad (of one named graph)."""
        return iter(
            self._store.quads_for_pattern(
                None, None, None, ox.NamedNode(str(graph)) if graph is not None else None
            )
        )

    def dump(self, output: BinaryIO, fmt: str, graph: URIRef | None = None) -> None:
        """Write the store (or one named graph) in the syntax ``fmt`` (kg.syntaxes); Oxigraph's
        own dump where it applies (it is the fastest)."""
        syntax = syntaxes.by_name(fmt)
        prefixes = PREFIXES if syntax.prefixes else None
        if graph is None and syntax.datasets:
            self._store.dump(output, syntax.format, prefixes=prefixes)
        elif graph is not None and not syntax.datasets:
            self._store.dump(
                output, syntax.format, from_graph=ox.NamedNode(str(graph)), prefixes=prefixes
            )
        else:
            syntaxes.write(self.quads(graph), output, syntax, PREFIXES)

    def last_modified(self) -> dt.datetime | None:
        """When the store was last written, from its newest data file."""
        return last_modified(self.location)

    def backup(self, target: Path) -> None:
        """A consistent copy of the store in the new directory ``target``."""
        try:
            self._store.backup(str(target))
        except OSError as e:
            raise StoreError(f"cannot copy the store to {target}: {e}") from None

    def flush(self) -> None:
        """Write RocksDB's memory buffers to disk: without it they grow with every load."""
        try:
            self._store.flush()
        except OSError as e:
            raise StoreError(f"could not write to the store at {self.location}: {e}") from None

    def close(self) -> None:
        """Flush and release the store (its lock goes with it), even when the flush fails."""
        try:
            self.flush()
        finally:
            del self._store
