"""Exports round-trip: what comes out parses back to a graph isomorphic to what went in."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import XSD, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.term import Node

from kg.cli import cli
from kg.ingest import SHARED_HEADER, bundled_graphs
from kg.iris import COUNTS_GRAPH, REFERENCE_GRAPH, SHARED_GRAPH, TOTALS, article_graph
from kg.loaders import load_facts, load_reference
from kg.rdf import article_to_graph, split_shared
from kg.resources import sample_dir
from kg.terms import KIND_COUNTS, ONTOLOGY_IRI, TKG

FACTS = sample_dir() / "nafta-round5.facts.yaml"
TRIPLE_FORMATS = {"turtle": "turtle", "ntriples": "nt", "rdfxml": "xml"}
QUAD_FORMATS = {"trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}


@pytest.fixture(scope="module")
def expected() -> dict[URIRef, Graph]:
    """The graphs the store should hold after loading the sample, built without the store."""
    ref = load_reference()
    facts = load_facts(FACTS, ref)
    article, _ = article_to_graph(facts)
    graphs: dict[URIRef, Graph] = {}
    for (name, lines), _digest in bundled_graphs(ref):  # ontology and reference graphs
        graphs[name] = Graph().parse(data="".join(f"{line} .\n" for line in lines), format="nt")
    own, shared = split_shared(article)  # a round's node is described in the shared graph
    graphs[article_graph(facts.article.url)] = triples_graph(own)
    header = Graph().parse(data="".join(f"{line} .\n" for line in SHARED_HEADER), format="nt")
    graphs[SHARED_GRAPH] = triples_graph([*header, *shared])
    # the store's totals (kg.store.fixed): the sums of the counts the graphs keep of
    # themselves, and how many graphs keep them (all but the shared one)
    kept = [*KIND_COUNTS.values(), TKG.tripleCount]
    sums = {p: sum(int(o) for name, g in graphs.items() for o in g.objects(name, p)) for p in kept}
    counted = sum(1 for name, g in graphs.items() if (name, TKG.articleCount, None) in g)
    graphs[COUNTS_GRAPH] = triples_graph(
        [
            *((TOTALS, p, Literal(n, datatype=XSD.integer)) for p, n in sums.items()),
            (TOTALS, TKG.graphCount, Literal(counted, datatype=XSD.integer)),
        ]
    )
    assert set(graphs) == {
        URIRef(ONTOLOGY_IRI),
        REFERENCE_GRAPH,
        SHARED_GRAPH,
        COUNTS_GRAPH,
        article_graph(facts.article.url),
    }
    return graphs


def triples_graph(triples: Iterable[tuple[Node, Node, Node]]) -> Graph:
    g = Graph()
    for triple in triples:
        g.add(triple)
    return g


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "store"
    result = CliRunner().invoke(cli, ["--store", str(path), "ingest", str(sample_dir())])
    assert result.exit_code == 0, result.stderr
    return path


def export(store_dir: Path, *args: str) -> bytes:
    result = CliRunner().invoke(cli, ["--store", str(store_dir), "export", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes


def union(graphs: dict[URIRef, Graph]) -> Graph:
    g = Graph()
    for part in graphs.values():
        for triple in part:
            g.add(triple)
    return g


@pytest.mark.parametrize("fmt", list(TRIPLE_FORMATS))
def test_whole_store_in_a_triple_format_is_the_union(
    store_dir: Path, expected: dict[URIRef, Graph], fmt: str
) -> None:
    g = Graph()
    g.parse(data=export(store_dir, "--format", fmt), format=TRIPLE_FORMATS[fmt])
    assert isomorphic(g, union(expected))


@pytest.mark.parametrize("fmt", list(QUAD_FORMATS))
def test_whole_store_in_a_quad_format_keeps_each_graph(
    store_dir: Path, expected: dict[URIRef, Graph], fmt: str
) -> None:
    ds = Dataset()
    ds.parse(data=export(store_dir, "--format", fmt), format=QUAD_FORMATS[fmt])
    names = {URIRef(str(c.identifier)) for c in ds.graphs() if len(c)}
    assert names == set(expected)
    for name, graph in expected.items():
        assert isomorphic(ds.graph(name), graph), name


@pytest.mark.parametrize("fmt", [*TRIPLE_FORMATS, *QUAD_FORMATS])
@pytest.mark.parametrize(
    "article",
    [
        "Nafta talks make little headway after fifth round",
        "https://w3id.org/tradekg/sample/nafta-round5",
    ],
)
def test_one_article(
    store_dir: Path, expected: dict[URIRef, Graph], fmt: str, article: str
) -> None:
    data = export(store_dir, "--format", fmt, "--article", article)
    name = next(n for n in expected if "/graph/" in n and n not in (REFERENCE_GRAPH, SHARED_GRAPH))
    # with the description of the shared nodes it points at (the round), in the shared graph
    shared = triples_graph(t for t in expected[SHARED_GRAPH] if t[0] != SHARED_GRAPH)
    assert len(shared) == 6  # the round's type, scheme, broader, notation and two labels
    if fmt in QUAD_FORMATS:
        ds = Dataset()
        ds.parse(data=data, format=QUAD_FORMATS[fmt])
        assert isomorphic(ds.graph(name), expected[name])
        assert isomorphic(ds.graph(SHARED_GRAPH), shared)
        assert {URIRef(str(c.identifier)) for c in ds.graphs() if len(c)} == {name, SHARED_GRAPH}
    else:
        g = Graph()
        g.parse(data=data, format=TRIPLE_FORMATS[fmt])
        assert isomorphic(g, expected[name] + shared)


def test_jsonld_uses_the_published_context(store_dir: Path) -> None:
    import json

    from kg.resources import resource

    doc = json.loads(
        export(
            store_dir,
            "--format",
            "jsonld",
            "--article",
            "https://w3id.org/tradekg/sample/nafta-round5",
        )
    )
    published = json.loads(resource("ontology", "context.jsonld").read_text())
    assert doc["@context"] == published["@context"]
    # JSON that reads as JSON: terms for the ontology's properties and classes, plain values
    demand = next(
        n for n in doc["@graph"][0]["@graph"] if n["@id"].endswith("/demand/sunset-clause")
    )
    assert demand == {
        "@id": "id:article/11f0a1b12fa8bf03/demand/sunset-clause",
        "@type": ["Demand", "SpeechAct"],  # typed with its superclass too (ontology/README.md)
        "agent": "id:actor/trump-administration",
        "target": "id:article/11f0a1b12fa8bf03/proposal/sunset-clause",
        "report": "id:article/11f0a1b12fa8bf03/demand/sunset-clause/report/1",
    }


def test_the_context_is_generated_from_the_ontology(update_goldens: bool) -> None:
    """ontology/context.jsonld is build_context's output (regenerate it with
    'python -m kg.jsonld > ontology/context.jsonld'), with a term for every class and property
    of the ontology."""
    import json

    from kg.jsonld import build_context, ontology_terms
    from kg.resources import ontology_graph, resource

    built = build_context(ontology_graph())
    path = resource("ontology", "context.jsonld")
    if update_goldens:
        path.write_text(json.dumps(built, indent=2) + "\n", encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8")) == built
    terms = {
        (v if isinstance(v, str) else v["@id"]).replace(
            "tkg:", "https://w3id.org/tradekg/ontology#"
        )
        for k, v in built["@context"].items()
        if not (isinstance(v, str) and v.endswith(("/", "#")))
    }
    missing = [str(t) for t in ontology_terms(ontology_graph()) if str(t) not in terms]
    assert missing == []
    assert len(ontology_terms(ontology_graph())) > 70  # the classes and properties, not none


def test_export_to_a_file_is_written_whole(
    store_dir: Path, tmp_path: Path, expected: dict[URIRef, Graph]
) -> None:
    target = tmp_path / "out.nq"
    result = CliRunner().invoke(
        cli, ["--store", str(store_dir), "export", "--format", "nquads", "-o", str(target)]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    ds = Dataset()
    ds.parse(io.BytesIO(target.read_bytes()), format="nquads")
    assert sum(len(g) for g in expected.values()) == len(list(ds.quads()))
    assert [p.name for p in tmp_path.iterdir()] == ["out.nq"]


def test_export_of_an_unknown_article(store_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["--store", str(store_dir), "export", "--article", "Brexit"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: no article matches 'Brexit' (parameter 'article') (give an id, an IRI, or a "
        "name or alias of an article in the store)\n"
    )
