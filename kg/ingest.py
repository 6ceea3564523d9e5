"""Ingest: read inputs -> facts -> RDF -> validate -> store, one article graph at a time.

Every article is validated before anything is written; the articles that pass are written
in batches, each batch all or none (a store transaction, or the embedded store's bulk load
made all-or-none by its journal), so an article is stored whole or not at all and one bad
article never touches the others. Re-ingesting an article replaces its graph. Where the store
writes many graphs at once faster than a few (``Caps.bulk_writes``: Oxigraph's bulk loader),
``WRITE_EVERY`` batches are written together, in one such write.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg.errors import InputError, KgError, StoreError, UsageError, ValidationFailed
from kg.extract import KnownPeople, Lexicon, load_lexicon, people_named
from kg.extract.draft import draft_facts
from kg.iris import SHARED_GRAPH
from kg.lifeline import end_with_parent
from kg.loaders import Reference, load_facts, load_reference, read_article
from kg.loaders.article import has_front_matter
from kg.loaders.rdffile import SUFFIXES, RdfSource, load_rdf, rdf_format
from kg.loaders.yamlsrc import parse_yaml, read_text
from kg.model import Where
from kg.rdf import article_rdf, reference_to_graph, with_count
from kg.resources import ontology_file, ontology_graph
from kg.sparql_terms import render_lines
from kg.store import RenderedGraph, Store
from kg.terms import ONTOLOGY_IRI, PROV, TKG
from kg.validate import Finding, Verdict, validate_batch, validate_reference

FACTS_SUFFIX = ".facts.yaml"
ARTICLE_SUFFIXES = (".md", ".txt", ".markdown")
BATCH = 100
# batches written together where the store prefers large writes (Caps.bulk_writes): each
# bulk load adds index files that overlap all earlier ones, which the store then compacts
WRITE_EVERY = 4
FLUSH_EVERY = 4  # batches written between store flushes
log = logging.getLogger("kg.ingest")


@dataclass
class Outcome:
    """What happened to each input."""

    verdicts: list[Verdict] = field(default_factory=list)
    written: int = 0

    @property
    def ok(self) -> bool:
        return all(v.ok for v in self.verdicts)

    @property
    def rejected(self) -> list[Verdict]:
        return [v for v in self.verdicts if not v.ok]

    @property
    def decisions(self) -> list[tuple[str, str, str, str, float]]:
        """The decisions about links that the RDF inputs carried (``kg.link.restore`` records
        them once their articles are in the store)."""
        return [d for v in self.verdicts for d in v.decisions]


Input = Path | RdfSource


def find_inputs(paths: Iterable[Path | RdfSource], *, extract: bool = False) -> list[Input]:
    """Facts files named directly, found in directories, or next to named article files;
    RDF files (see ``kg.loaders.rdffile``) named directly; RDF read from stdin.

    With ``extract``, an article file with no facts file next to it is an input too (its
    facts are drafted by the extractor), and directories are searched for such articles.
    """
    found: list[Input] = []
    for path in paths:
        if isinstance(path, RdfSource):
            found.append(path)
            continue
        if str(path) == "-":
            raise UsageError(
                "facts cannot be read from stdin ('-'): a facts file names its "
                "article file relative to itself",
                hint="give RDF with --format, or the path of the facts file",
            )
        path = Path(path)
        if not path.exists():  # a usage error (exit 2), like any bad argument
            raise UsageError("no such file or directory", path=path)
        if path.is_dir():
            found.extend(sorted(path.rglob("*" + FACTS_SUFFIX)))
            if extract:  # articles (a front-matter header) with no facts file; not READMEs
                found.extend(
                    sorted(
                        p
                        for suffix in ARTICLE_SUFFIXES
                        for p in path.rglob("*" + suffix)
                        if not facts_path_of(p).exists() and has_front_matter(p)
                    )
                )
        elif path.name.endswith(FACTS_SUFFIX) or rdf_format(path) is not None:
            found.append(path)
        elif path.suffix in ARTICLE_SUFFIXES:
            facts = facts_path_of(path)
            if facts.exists():
                found.append(facts)
            elif extract:
                found.append(path)
            else:
                raise InputError(
                    "this article has no facts file",
                    path=path,
                    hint=f"write {facts.name} next to it (see 'Facts format' in README.md), "
                    "or draft its facts with --extract",
                )
        else:
            raise InputError(
                "not a facts file",
                path=path,
                hint=f"give facts files (*{FACTS_SUFFIX}), article files, directories or RDF "
                "files (" + " ".join(SUFFIXES) + ")",
            )
    unique: list[Input] = []
    seen: set[Path] = set()
    for p in found:  # the same file named twice is read once
        if isinstance(p, RdfSource):
            unique.append(p)
        elif p.resolve() not in seen:
            seen.add(p.resolve())
            unique.append(p)
    if not unique:
        raise InputError(
            "no facts files found in the given paths",
            hint=f"facts files are named *{FACTS_SUFFIX}"
            + ("; article files *.md, *.txt" if extract else ""),
        )
    return unique


def facts_path_of(article: Path) -> Path:
    """Where an article's facts file is: NAME.facts.yaml next to NAME.md."""
    return article.with_name(article.stem + FACTS_SUFFIX)


def prepare(
    path: Input, reference: Reference, reference_graph: Graph, known: KnownPeople | None = None
) -> list[Verdict]:
    """Load and map one input (one article, or several for an RDF file; an article with no
    facts file is drafted by the extractor, which finds ``known`` people by surname alone
    too); a load error becomes an error finding."""
    name = path.name if isinstance(path, RdfSource) else str(path)
    try:
        if isinstance(path, RdfSource) or rdf_format(path) is not None:
            graphs, decisions = load_rdf(path, reference_graph)
            if len(graphs) == 1:
                verdicts = [Verdict(name, graphs[0])]
            else:
                verdicts = [Verdict(f"{name} <{g.name}>", g) for g in graphs]
            verdicts[0].decisions = decisions
            return verdicts
        if path.name.endswith(FACTS_SUFFIX):
            return [Verdict(name, article_rdf(load_facts(path, reference)))]
        facts = draft_facts(path, reference, _lexicon(reference), known=known)
        return [Verdict(name, article_rdf(facts))]
    except KgError as e:
        message = e.message + (f" ({e.hint})" if e.hint else "")
        where = Where(e.path or name, e.line)
        return [Verdict(name, None, [Finding("error", message, node=e.node or "", where=where)])]


_lexicons: dict[int, tuple[Reference, Lexicon]] = {}


def _lexicon(reference: Reference) -> Lexicon:
    """The extractor's lexicon for this reference data, built once per process."""
    cached = _lexicons.get(id(reference))
    if cached is None or cached[0] is not reference:
        cached = _lexicons[id(reference)] = (reference, load_lexicon(reference))
    return cached[1]


def check_batch(
    paths: Sequence[Input],
    reference: Reference,
    reference_graph: Graph | None = None,
    known: KnownPeople | None = None,
) -> list[Verdict]:
    """Load, map and validate one batch of inputs (one SHACL run for the batch)."""
    reference_graph = reference_graph or reference_to_graph(reference)
    verdicts = [v for p in paths for v in prepare(p, reference, reference_graph, known)]
    loaded = [v for v in verdicts if v.ok]
    if loaded:
        validate_batch(loaded, reference_graph)
    for v in verdicts:
        v.seal()
    return verdicts


# In a worker process: the reference data, loaded once per process, and the known people.
_worker_reference: tuple[Reference, Graph, KnownPeople | None] | None = None


def _init_worker(parent: int, extra_reference: list[str], known: KnownPeople | None = None) -> None:
    global _worker_reference
    end_with_parent(parent)  # a killed ingest leaves no worker behind
    reference = load_reference([Path(p) for p in extra_reference])
    _worker_reference = (reference, reference_to_graph(reference), known)
    if known is None:  # no article is drafted (see _check_in_worker)
        # what the worker keeps for its life (the reference data and its graph, the modules)
        # is left out of every later garbage collection
        gc.freeze()


def _check_in_worker(paths: list[Input]) -> list[Verdict]:
    """One batch checked in a worker process. When no article is drafted (``known`` is None),
    without the cyclic garbage collector while it runs: a batch of facts files makes hundreds
    of thousands of objects (YAML nodes, terms, triples) that reference counting frees
    (collecting them as they were made cost 6-12 % of the workers' CPU in an ingest of 1k
    articles; their peak RSS is the same within 5 MB); the collector runs again between
    batches. The extractor's garbage is left to the collector: without it, drafting 100
    articles took twice the CPU and 185 MB instead of 111 MB per worker."""
    assert _worker_reference is not None
    drafting = _worker_reference[2] is not None
    if not drafting:
        gc.disable()
    try:
        return check_batch(paths, *_worker_reference)
    finally:
        gc.enable()


def _batches(
    paths: Sequence[Input],
    reference: Reference,
    reference_graph: Graph | None,
    batch: int,
    workers: int,
    known: KnownPeople | None = None,
    ahead: int = 1,
) -> Iterator[list[Verdict]]:
    chunks = [list(paths[i : i + batch]) for i in range(0, len(paths), batch)]
    if workers <= 1 or len(chunks) <= 1:
        reference_graph = reference_graph or reference_to_graph(reference)
        for chunk in chunks:
            yield check_batch(chunk, reference, reference_graph, known)
        return
    # Worker processes load, map and validate; the caller writes. At most `workers + ahead`
    # batches are in flight (checked while the caller writes), so memory does not grow with
    # the corpus. The workers end with
    # this process (kg.lifeline); they are started by the first submit, from this thread.
    with ProcessPoolExecutor(
        workers, initializer=_init_worker, initargs=(os.getpid(), reference.extra, known)
    ) as pool:
        pending: deque[Future[list[Verdict]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_check_in_worker, chunk))
            if len(pending) >= workers + ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def check(
    paths: Sequence[Path | RdfSource],
    reference: Reference,
    *,
    batch: int = BATCH,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
    reference_graph: Graph | None = None,
    extract: bool = False,
    people: Iterable[str] = (),
    ahead: int = 1,
) -> Iterator[list[Verdict]]:
    """Load, map and validate inputs; yields verdicts batch by batch, in input order.
    With ``extract``, articles without a facts file are drafted by the extractor, which
    finds a person named by surname alone ("Dombrovskis said") when exactly one known person
    has that surname: of the reference data, of ``people`` (full names, the store's), named
    in full by another article drafted in this run, or defined by a facts file of it.

    An article described by two inputs is an error on the second (its graph would mix both).
    With ``workers``, up to ``workers + ahead`` batches are checked at once, ahead of the one
    the caller handles.
    """
    seen: dict[URIRef, str] = {}
    inputs = find_inputs(paths, extract=extract)
    known = known_people(inputs, reference, people) if extract else None
    for verdicts in _batches(inputs, reference, reference_graph, batch, workers, known, ahead):
        for v in verdicts:
            if v.graph is None:
                continue
            first = seen.setdefault(v.graph, v.name)
            if first != v.name:
                v.findings.append(
                    Finding(
                        "error",
                        f"this article ({v.article}) is also described by {first}",
                        node="",
                        where=Where(v.name),
                    )
                )
        if progress is not None:
            progress(len(verdicts))
        yield verdicts


def known_people(
    inputs: Sequence[Input], reference: Reference, people: Iterable[str] = ()
) -> KnownPeople | None:
    """The people a drafted article may name by surname alone: the reference data's,
    ``people`` (the store's), those the other articles to draft among ``inputs`` name in full
    and those the facts files among them define; None when no input is drafted."""
    drafted = [
        p
        for p in inputs
        if isinstance(p, Path) and not p.name.endswith(FACTS_SUFFIX) and rdf_format(p) is None
    ]
    if not drafted:
        return None
    names = list(people)
    if len(drafted) > 1:
        for path in drafted:
            try:
                names += people_named(read_article(path), _lexicon(reference))
            except KgError:
                continue  # reported when the article is drafted
    for facts in inputs:
        if isinstance(facts, Path) and facts.name.endswith(FACTS_SUFFIX):
            names += _people_defined(facts)
    return KnownPeople.of(names, reference)


def _people_defined(path: Path) -> list[str]:
    """The names of the people a facts file defines (``actors:`` of type Person); none when
    the file cannot be read (its error is reported when it is loaded)."""
    try:
        doc = parse_yaml(read_text(path), path)
    except KgError:
        return []
    actors = doc.get("actors") if isinstance(doc, dict) else None
    return [
        a["name"]
        for a in actors or ()
        if isinstance(a, dict) and a.get("type") == "Person" and isinstance(a.get("name"), str)
    ]


_STORE_PEOPLE = """PREFIX tkg: <https://w3id.org/tradekg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?name WHERE { ?person a tkg:Person ; rdfs:label ?name }"""


def store_people(store: Store) -> list[str]:
    """The names of the people the store holds."""
    return sorted({str(row[0]) for row in store.select(_STORE_PEOPLE).rows if row[0] is not None})


# said of the shared graph with every article that adds to it (kg.iris.SHARED_GRAPH)
SHARED_HEADER = render_lines(
    [
        (SHARED_GRAPH, RDF.type, PROV.Bundle),
        (SHARED_GRAPH, RDFS.label, Literal("the nodes articles share: people, rounds, software")),
    ]
)


def bundled_graphs(
    reference: Reference, reference_graph: Graph | None = None
) -> list[tuple[RenderedGraph, str]]:
    """The ontology and reference graphs, each with the digest of the files it came from.

    The digest is stored in the graph (``<graph> tkg:contentHash ...``) so that an unchanged
    graph is not rewritten.
    """
    out: list[tuple[RenderedGraph, str]] = []
    reference_graph = reference_graph or reference_to_graph(reference)
    sources = [
        (URIRef(ONTOLOGY_IRI), ontology_graph(), [ontology_file()]),
        (URIRef(reference_graph.identifier), reference_graph, [Path(f) for f in reference.files]),
    ]
    for name, graph, files in sources:
        # a digest of the files' digests: moving text from one file to the next changes it
        digest = hashlib.sha256(
            b"".join(hashlib.sha256(f.read_bytes()).digest() for f in files)
        ).hexdigest()
        triples = with_count(
            name, [*graph, (name, RDF.type, PROV.Bundle), (name, TKG.contentHash, Literal(digest))]
        )
        out.append(((name, render_lines(triples)), digest))
    return out


def ingest(
    store: Store,
    paths: Sequence[Path | RdfSource],
    reference: Reference | None = None,
    *,
    batch: int = BATCH,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
    extract: bool = False,
) -> Outcome:
    """Validate every input and write the articles that conform, one transaction per batch.
    With ``extract``, articles without a facts file are drafted by the extractor and loaded
    with every fact marked as a draft (see kg.extract).

    The ontology and reference graphs are written (when they changed) with the first batch
    that has an article to write, so a run that writes no article leaves the store exactly
    as it was.
    """
    reference = reference or load_reference()
    reference_graph = reference_to_graph(reference)  # made once, used by every step below
    problems = [f for f in validate_reference(reference_graph) if f.severity == "error"]
    if problems:
        raise ValidationFailed("the reference data does not conform", [str(f) for f in problems])
    outcome = Outcome()
    bundled = [
        graph
        for graph, digest in bundled_graphs(reference, reference_graph)
        if store.graph_digest(graph[0]) != digest
    ]
    batches = 0
    held: list[list[Verdict]] = []  # validated batches with articles to write, not written yet
    together = WRITE_EVERY if store.caps.bulk_writes else 1

    def write() -> None:
        """Write the held batches, all or none, and log each as written."""
        nonlocal bundled, batches
        good = [(v.graph, v.lines) for b in held for v in b if v.ok and v.graph is not None]
        described = {line for b in held for v in b if v.ok for line in v.shared}
        add = [(SHARED_GRAPH, [*SHARED_HEADER, *sorted(described)])] if described else []
        started = time.monotonic()
        try:
            store.replace_graphs([*bundled, *good], add)
        except StoreError as e:
            e.hint = (f"{e.hint}; " if e.hint else "") + (
                f"{outcome.written} article(s) of this run were written before "
                + (f"these {len(held)} batches" if len(held) > 1 else "this batch")
            )
            raise
        seconds = time.monotonic() - started
        bundled = []
        flushed = batches // FLUSH_EVERY
        for b in held:
            outcome.written += sum(1 for v in b if v.ok and v.graph is not None)
            batches += 1
            log.debug(
                "wrote batch %d: %d article(s), %d in all, in %.3f s%s",
                batches,
                sum(1 for v in b if v.ok and v.graph is not None),
                outcome.written,
                seconds,
                f" (one write of {len(held)} batches)" if len(held) > 1 else "",
            )
            for v in b:
                v.lines = v.shared = []  # written: keep the verdict, not the data
        held.clear()
        if batches // FLUSH_EVERY > flushed:
            log.debug("flushing the store after batch %d", batches)
            started = time.monotonic()
            store.flush()  # bounded memory: the store's write buffers are released
            log.debug("flushed in %.3f s", time.monotonic() - started)

    for verdicts in check(
        paths,
        reference,
        batch=batch,
        workers=workers,
        progress=progress,
        reference_graph=reference_graph,
        extract=extract,
        people=store_people(store) if extract else (),
        ahead=together,  # the workers go on checking while the held batches are written
    ):
        outcome.verdicts.extend(verdicts)
        if any(v.ok and v.graph is not None for v in verdicts):
            held.append(verdicts)
        else:
            for v in verdicts:
                v.lines = v.shared = []
        if len(held) >= together:
            write()
    if held:
        write()
    return outcome
