"""``tradekg stats`` sums the counts each graph keeps of itself, written with it at ingest
(kg.rdf.with_count), and gives the answers of counting every node and triple of the store
(tests/stats_by_nodes.rq): on the sample, on a store whose articles share people, after an
article is replaced or deleted (the shared graph is pruned), and on stores of older tradekg
versions whose graphs keep no counts, or only some."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import RDF, XSD, URIRef
from support import ingest_sample

from kg.cli import cli
from kg.iris import COUNTS_GRAPH, SHARED_GRAPH, TOTALS, article_graph
from kg.loaders import load_reference
from kg.loaders.facts import load_facts
from kg.oxterms import from_ox
from kg.queries import run_saved
from kg.rdf import with_count
from kg.sparql_terms import render_lines
from kg.store import Store, open_store
from kg.terms import KIND_COUNTS, TKG

BY_NODES = (Path(__file__).resolve().parent / "stats_by_nodes.rq").read_text(encoding="utf-8")
IDENTITY = Path(__file__).resolve().parent / "identity"
COUNTS = {TKG.tripleCount, *KIND_COUNTS.values()}


def stats(store: Store) -> list[tuple[str, int]]:
    return [(str(what), int(str(n))) for what, n in run_saved(store, "stats").rows]


def by_nodes(store: Store) -> list[tuple[str, int]]:
    return [(str(what), int(str(n))) for what, n in store.select(BY_NODES).rows]


def lines_of(store: Store, graph: URIRef) -> list[str]:
    return [f"{q.subject} {q.predicate} {q.object}" for q in store.quads(graph)]


def totals(store: Store) -> dict[str, int] | None:
    """The store's totals (kg.store.fixed), or None when it keeps none."""
    found = {
        URIRef(q.predicate.value).fragment: int(q.object.value)
        for q in store.quads(COUNTS_GRAPH)
        if q.subject == ox.NamedNode(str(TOTALS))
    }
    return found or None


def sums(store: Store) -> dict[str, int]:
    """The sums of the counts every graph keeps of itself, and how many graphs keep them."""
    found: dict[str, int] = {}
    for graph in store.graph_names():
        own = ox.NamedNode(str(graph))
        counts = {
            URIRef(q.predicate.value).fragment: int(q.object.value)
            for q in store.quads(graph)
            if q.subject == own and URIRef(q.predicate.value) in COUNTS
        }
        if counts:
            counts["graphCount"] = 1
        for name, n in counts.items():
            found[name] = found.get(name, 0) + n
    return found


def older(store: Store, graph: URIRef, *, triple_count: bool) -> list[str]:
    """The graph as an older tradekg wrote it, as N-Triples lines: without the counts of its
    kinds, and with its count of triples (since 5bf3981) or without (before)."""
    own = ox.NamedNode(str(graph))
    lines = [
        f"{q.subject} {q.predicate} {q.object}"
        for q in store.quads(graph)
        if not (q.subject == own and URIRef(q.predicate.value) in COUNTS)
    ]
    if triple_count:
        size = ox.Literal(str(len(lines) + 1), datatype=ox.NamedNode(str(XSD.integer)))
        lines.append(f"{own} {ox.NamedNode(str(TKG.tripleCount))} {size}")
    return lines


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return ingest_sample(tmp_path / "store")


def test_the_sums_are_the_counts_of_every_node(sample: Path) -> None:
    with open_store(sample) as store:
        # the store's totals, kept by its writes, are the sums of the counts of its graphs
        assert totals(store) == sums(store)
        assert totals(store) == {
            "articleCount": 1,
            "proposalCount": 4,
            "demandCount": 5,
            "objectionCount": 5,
            "statementCount": 8,
            "threatCount": 1,
            "supportCount": 0,
            "eventCount": 5,
            "reportCount": 28,
            "actorCount": 295,
            "issueCount": 46,
            "tripleCount": store.quad_count() - store.quad_count(SHARED_GRAPH) - 13,
            "graphCount": 3,  # the ontology, the reference data, the article
        }
        assert (
            stats(store)
            == by_nodes(store)
            == [
                ("articles", 1),
                ("graphs", 4),
                ("proposals", 4),
                ("demands", 5),
                ("objections", 5),
                ("statements", 8),
                ("threats", 1),
                ("supports", 0),
                ("events", 5),
                ("reports", 28),
                ("actors", 295),
                ("issues", 46),
                # every triple but the 13 of the totals, which are no graph of the data
                ("triples", store.quad_count() - 13),
            ]
        )


def test_each_graph_counts_its_own_nodes_of_each_kind(sample: Path) -> None:
    """Every graph but the shared one states how many nodes of each kind it describes (zero
    included), the superclass types counted: an objection's count includes the rejections."""
    with open_store(sample) as store:
        for graph in store.graph_names():
            stated = {
                URIRef(q.predicate.value): int(q.object.value)
                for q in store.quads(graph)
                if q.subject == ox.NamedNode(str(graph))
                and URIRef(q.predicate.value) in KIND_COUNTS.values()
            }
            if graph in (SHARED_GRAPH, COUNTS_GRAPH):  # (the counts graph: the totals)
                assert stated == {}
                continue
            typed = [q for q in store.quads(graph) if q.predicate == ox.NamedNode(str(RDF.type))]
            expected = {
                prop: len({q.subject for q in typed if q.object == ox.NamedNode(str(cls))})
                for cls, prop in KIND_COUNTS.items()
            }
            assert stated == expected, graph
        # the sample's five objections, two of them rejections
        kinds = (
            "SELECT ?kind (COUNT(?x) AS ?n) WHERE { ?x a tkg:Objection , ?kind "
            "FILTER(?kind IN (tkg:Objection, tkg:Rejection)) } GROUP BY ?kind ORDER BY ?kind"
        )
        rows = store.select(f"PREFIX tkg: <{TKG._NS}>\n" + kinds).rows
        assert [(str(k), int(str(n))) for k, n in rows] == [
            (str(TKG.Objection), 5),
            (str(TKG.Rejection), 2),
        ]


@pytest.mark.parametrize("triple_count", [True, False], ids=["since 5bf3981", "before"])
def test_graphs_of_older_stores_are_counted_node_by_node(sample: Path, triple_count: bool) -> None:
    with open_store(sample) as store:
        before = stats(store)
        graphs = [g for g in store.graph_names() if g not in (SHARED_GRAPH, COUNTS_GRAPH)]
        kept = {g: lines_of(store, g) for g in graphs}
        # one graph as an older tradekg wrote it, then all of them
        for old in ([graphs[-1]], graphs):
            store.replace_graphs([(g, older(store, g, triple_count=triple_count)) for g in old])
            # each graph stated each count once, and states its count of triples again or not
            removed = len(old) * (len(COUNTS) - triple_count)
            expected = [(w, n - removed if w == "triples" else n) for w, n in before]
            assert stats(store) == by_nodes(store) == expected
            assert totals(store) is None  # dropped by the first write of a graph without counts
        # the graphs with their counts again: the totals are made anew, the same as before
        store.replace_graphs([(g, kept[g]) for g in graphs])
        assert totals(store) == sums(store)
        assert stats(store) == by_nodes(store) == before


def test_the_counts_stay_right_when_articles_are_replaced_or_deleted(tmp_path: Path) -> None:
    """Two articles name Valdis Dombrovskis, one Ana Gutiérrez too, people the reference
    data does not list: they are described in the shared graph. Deleting the article that
    names both removes her, not him; stats follows."""
    store_dir = tmp_path / "store"
    result = CliRunner().invoke(cli, ["--store", str(store_dir), "ingest", str(IDENTITY)])
    assert result.exit_code == 0, result.stderr
    steel = load_facts(IDENTITY / "steel-talks.facts.yaml", load_reference())
    graph = article_graph(steel.article.url)
    with open_store(store_dir) as store:
        first = stats(store)
        assert first == by_nodes(store)
        people = f"SELECT ?p WHERE {{ GRAPH <{SHARED_GRAPH}> {{ ?p a <{TKG.Person}> }} }}"
        shared = {str(r[0]) for r in store.select(people).rows}
        assert shared == {
            "https://w3id.org/tradekg/id/person/valdis-dombrovskis",
            "https://w3id.org/tradekg/id/person/ana-gutierrez",
        }
        # the article again, without what it says of her: she is no longer pointed at
        her = ox.NamedNode("https://w3id.org/tradekg/id/person/ana-gutierrez")
        triples = [
            tuple(from_ox(term) for term in q.triple)
            for q in store.quads(graph)
            if her not in (q.subject, q.object)
        ]
        kept = render_lines(with_count(graph, triples))  # type: ignore[arg-type]
        store.replace_graphs([(graph, kept)])
        replaced = stats(store)
        assert replaced == by_nodes(store)
        assert totals(store) == sums(store)
        assert dict(replaced)["actors"] == dict(first)["actors"] - 1
        # deleted: the graph is gone
        store.replace_graphs([(graph, [])])
        deleted = stats(store)
        assert deleted == by_nodes(store)
        assert totals(store) == sums(store)
        assert dict(deleted)["articles"] == dict(first)["articles"] - 1


def test_the_totals_are_kept_by_the_bulk_loader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large write goes through Oxigraph's bulk loader, then one transaction replaces the
    graphs that exist and keeps the totals: those of the new graphs added, of the replaced
    ones taken off and added anew."""
    from kg.store import embedded

    monkeypatch.setattr(embedded, "BULK_QUADS", 1)  # every write with a new graph
    store_dir = tmp_path / "store"
    steel = IDENTITY / "steel-talks.facts.yaml"
    result = CliRunner().invoke(cli, ["--store", str(store_dir), "ingest", str(steel)])
    assert result.exit_code == 0, result.stderr
    # the other article new, steel-talks replaced, in one batch
    result = CliRunner().invoke(cli, ["--store", str(store_dir), "ingest", str(IDENTITY)])
    assert result.exit_code == 0, result.stderr
    with open_store(store_dir) as store:
        assert totals(store) == sums(store)
        assert dict(stats(store))["articles"] == 2
        assert stats(store) == by_nodes(store)
