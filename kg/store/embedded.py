"""The embedded store: Oxigraph (RocksDB) in a directory, no server to run."""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from kg import syntaxes
from kg.errors import QuerySyntaxError, StoreError, StoreInUse, UsageError
from kg.iris import mint
from kg.oxterms import from_ox, to_ox
from kg.sparql_terms import render
from kg.store import (
    Caps,
    Dataset,
    Reading,
    RenderedGraph,
    Results,
    Stream,
    Triples,
    fixed,
    generation,
    snapshots,
)
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


# A write with at least this many quads in graphs the store does not have yet goes through
# Oxigraph's bulk loader (several times faster than a transaction, see replace_graphs)
BULK_QUADS = 20_000
# The journal of an unfinished bulk write: the graphs it adds (kg.store.embedded only)
UNFINISHED = mint("graph", "unfinished-write")
_PENDING = str(UNFINISHED) + "#adds"


def _nquads(graphs: Sequence[tuple[str, Sequence[str]]]) -> str:
    """N-Quads text: each line of a graph with the graph's name (one join per graph)."""
    parts = []
    for name, lines in graphs:
        if lines:
            end = f" {name} .\n"
            parts += [end.join(lines), end]
    return "".join(parts)


def _replacement(
    graphs: Sequence[tuple[str, Sequence[str]]], added: Sequence[tuple[str, Sequence[str]]] = ()
) -> str:
    """One SPARQL update that replaces each graph with its lines and adds the lines of
    ``added`` to theirs; when a graph is replaced, the shared nodes no graph points at any
    more are removed (``fixed.PRUNE_SHARED``)."""
    if not graphs and not added:
        return ""
    return "".join(
        [
            *(f"DROP SILENT GRAPH {name} ;\n" for name, _ in graphs),
            "INSERT DATA {\n",
            *(
                f"GRAPH {name} {{\n" + "".join(f"{line} .\n" for line in lines) + "}\n"
                for name, lines in [*graphs, *added]
            ),
            "}",
            *([" ;\n", fixed.PRUNE_SHARED] if graphs else []),
        ]
    )


def _around(
    totals: str | None,
    replaced: Sequence[tuple[str, Sequence[str]]],
    written: Sequence[tuple[str, Sequence[str]]],
    added: Sequence[tuple[str, Sequence[str]]],
) -> tuple[str, str, str]:
    """The update that replaces the graphs ``replaced`` and adds ``added``, with what comes
    before and after it for the store's totals (EmbeddedStore._totals): all in one
    transaction, so the totals are those of what the store holds."""
    before = after = ""
    if totals == "keep":
        before = fixed.totals_change([name for name, _ in replaced], "-")
        after = fixed.totals_change([name for name, _ in written], "+")
    elif totals == "drop":
        before = fixed.TOTALS_DROP
    elif totals == "create":
        after = fixed.TOTALS_CREATE
    return before, _replacement(replaced, added), after


def _steps(*updates: str) -> str:
    """One SPARQL update of these operations (the empty ones left out), run in order."""
    return " ;\n".join(u for u in updates if u)


# the cells EmbeddedStore.stream keeps for the terms it has seen (labels, types, modes repeat);
# past this many, it starts again (quotes and IRIs of facts do not repeat)
CELLS_KEPT = 50_000


def _cells(
    solutions: ox.QuerySolutions, cell: Callable[[Node | None], Any], offset: int
) -> Iterator[tuple[Any, ...]]:
    """The rows of ``solutions`` after the first ``offset`` (skipped, not made cells)."""
    unbound = cell(None)
    kept: dict[object, Any] = {}
    get = kept.get
    try:
        for _ in itertools.islice(solutions, offset):
            pass
        for solution in solutions:
            row = []
            for term in solution:
                if term is None:
                    row.append(unbound)
                    continue
                made = get(term, kept)
                if made is kept:
                    if len(kept) >= CELLS_KEPT:
                        kept.clear()
                    made = kept[term] = cell(from_ox(term))
                row.append(made)
            yield tuple(row)
    except OSError as e:
        raise StoreError(f"the query failed: {e}") from None


class EmbeddedStore(Reading):
    """An on-disk Oxigraph store. One process may open it at a time."""

    caps = Caps(timeouts=True, snapshots=True, bulk_writes=True, codepoint_order=True)

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
        try:
            undone = self.recover()
        except OSError as e:
            raise StoreError(
                f"cannot open the store at {path}: an unfinished write could not be undone: {e}",
                hint="free some disk space and open it again",
            ) from None
        if undone:
            log.info("undid an unfinished write of %d graph(s) in %s", len(undone), path)

    def replace_graphs(
        self, graphs: Sequence[RenderedGraph], add: Sequence[RenderedGraph] = ()
    ) -> None:
        """Replace the graphs, and add to those of ``add``, all or none of it.

        A small write is one transaction: when none of ``graphs`` exists yet, everything is
        loaded as N-Quads (Oxigraph's loader: a quad already there stays once); otherwise one
        SPARQL update drops and re-inserts the graphs, adds the rest, and removes the shared
        nodes that no graph points at any more (``fixed.PRUNE_SHARED``). A large one
        (``BULK_QUADS`` quads or more in new graphs) goes through Oxigraph's bulk loader,
        several times faster but not a transaction, so it is made all-or-none by a journal
        (``UNFINISHED``): the new graphs are named in it (one transaction), bulk-loaded, and
        then one transaction replaces the graphs that exist, adds the rest and empties the
        journal. Until then the write is undone on failure, and by ``recover`` (on open)
        after a crash, which drops the graphs the journal names.
        """
        if not graphs and not add:
            return
        names = [(render(name), lines) for name, lines in graphs]
        added = [(render(name), lines) for name, lines in add]
        fresh = [
            not self._store.contains_named_graph(ox.NamedNode(str(name))) for name, _ in graphs
        ]
        try:
            generation.bump(self.location)  # before the write: older pages are stale from now on
            totals = self._totals(names)
            if sum(len(lines) for (_, lines), new in zip(names, fresh, strict=True) if new) >= (
                BULK_QUADS
            ):
                self._bulk_replace(
                    [n for n, new in zip(names, fresh, strict=True) if new],
                    [n for n, new in zip(names, fresh, strict=True) if not new],
                    added,
                    totals,
                )
            elif all(fresh) and totals is None:
                self._store.load(
                    input=_nquads([*names, *added]), format=syntaxes.by_name("nquads").format
                )
            else:
                self._store.update(_steps(*_around(totals, names, names, added)))
        except (OSError, SyntaxError) as e:
            raise StoreError(
                f"could not write to the store at {self.location}: {e}",
                hint="nothing of this transaction was written",
            ) from None
        finally:
            # and after it: a reader in this process that read the token while the write ran
            # may have read the store before the write (what kg.queries.keyed keeps by
            # generation must be of one state)
            try:
                generation.bump(self.location)
            except OSError as e:
                log.warning("could not renew the store's generation after a write: %s", e)
        if snapshots.served(self.location):
            try:
                self.publish()
            except StoreError as e:  # the graphs are written; only the server lags behind
                log.warning(
                    "the graphs are written, but the server reading this store "
                    "will not see them until the next write: %s",
                    e,
                )

    def _totals(self, names: Sequence[tuple[str, Sequence[str]]]) -> str | None:
        """What this write does to the store's totals (kg.store.fixed): "keep" them (take off
        the counts of the graphs it replaces, add those of the graphs it writes), "drop" them
        (it writes a graph without counts), "create" them (none are kept yet: made if every
        graph keeps counts after the write), or None (nothing to do)."""
        if not names:
            return None  # only added to the shared graph, which the totals leave out
        has = bool(list(self._store.query(fixed.HAS_TOTALS)))  # type: ignore[arg-type]
        # (a graph written empty is deleted: its counts only go)
        if not all(not lines or fixed.keeps_counts(name, lines) for name, lines in names):
            return "drop" if has else None
        # without totals, they are made once every graph keeps counts (an older store's may
        # not: TOTALS_CREATE checks, after the write)
        return "keep" if has else "create"

    def _bulk_replace(
        self,
        new: Sequence[tuple[str, Sequence[str]]],
        old: Sequence[tuple[str, Sequence[str]]],
        added: Sequence[tuple[str, Sequence[str]]],
        totals: str | None = None,
    ) -> None:
        journal = render(UNFINISHED)
        self._store.update(
            f"INSERT DATA {{ GRAPH {journal} {{\n"
            + "".join(f"{journal} <{_PENDING}> {name} .\n" for name, _ in new)
            + "} }"
        )
        try:
            self._store.bulk_load(input=_nquads(new), format=syntaxes.by_name("nquads").format)
            # the new graphs are in: the totals take off only the counts of those replaced
            before, middle, after = _around(totals, old, [*new, *old], added)
            self._store.update(_steps(f"DROP SILENT GRAPH {journal}", before, middle, after))
        except BaseException:
            try:
                self.recover()
            except OSError as e:  # the journal stays: the next open undoes the write
                log.warning("could not undo the unfinished write yet: %s", e)
            raise

    def recover(self) -> list[URIRef]:
        """Undo a bulk write that did not finish (the process was killed, the disk filled):
        drop the graphs the journal names, and the journal, in one transaction. Returns
        the graphs dropped. Opening the store does it."""
        journal = ox.NamedNode(str(UNFINISHED))
        if not self._store.contains_named_graph(journal):
            return []
        generation.bump(self.location)
        pending = sorted(
            str(q.object.value)
            for q in self._store.quads_for_pattern(journal, ox.NamedNode(_PENDING), None, journal)
            if isinstance(q.object, ox.NamedNode)
        )
        self._store.update(
            "".join(f"DROP SILENT GRAPH {render(URIRef(g))} ;\n" for g in pending)
            + f"DROP SILENT GRAPH {render(UNFINISHED)}"
        )
        return [URIRef(g) for g in pending]

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

    def stream(
        self,
        query: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        cell: Callable[[Node | None], Any],
        offset: int = 0,
    ) -> Stream:
        """Every row after the first ``offset``, as the engine gives them: each distinct
        term is made a cell once (``cell`` of its rdflib term), looked up by the engine's
        own term (hashed and compared in Rust) for as long as CELLS_KEPT cells are kept."""
        answer = self._query(query, bindings, None)
        if isinstance(answer, ox.QueryBoolean):
            return Stream([], iter(()), boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            raise UsageError("this query returns triples; use a SELECT or ASK query here")
        assert isinstance(answer, ox.QuerySolutions)
        return Stream([v.value for v in answer.variables], _cells(answer, cell, offset))

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

    def generation(self) -> str:
        """A token that changes with every write (kg.store.generation)."""
        return generation.read(self.location)

    def kept_folder(self) -> Path:
        """``keys/`` in the store's directory (kg.queries.keyed keeps sorted keys there, by
        generation; RocksDB leaves what it did not make alone)."""
        return Path(self.location) / "keys"

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
