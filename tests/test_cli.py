"""The command line: exit codes, exact messages, idempotent and atomic loading."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from support import store_quads

from kg.cli import cli
from kg.errors import InputError, StoreError
from kg.ingest import bundled_graphs
from kg.iris import COUNTS_GRAPH, SHARED_GRAPH
from kg.loaders import load_reference
from kg.queries.adhoc import PREDECLARED
from kg.resources import sample_dir
from kg.sparql_terms import render_lines
from kg.store import open_store

# what the sample puts in the store: ontology and reference graphs, the article's graph (815
# triples, 12 of them its counts: kg.rdf.with_count) and the shared graph (8: round 5's node,
# 6, and 2 the graph says of itself)
STORED = sum(len(lines) for (_, lines), _ in bundled_graphs(load_reference())) + 815 + 8
# the store's totals (kg.store.fixed: 12 sums and the number of graphs they sum), in a graph
# of their own that is no graph of the data (stats does not count them)
TOTALS_TRIPLES = 13


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    # stdout_bytes: Result.stdout turns CRLF (the SPARQL CSV line end) into LF
    return result.exit_code, result.stdout_bytes.decode(), result.stderr


quads = store_quads
ID = "https://w3id.org/tradekg/id/"


@pytest.fixture
def store_dir(sample_store_copy: Path) -> Path:
    return sample_store_copy


def test_ingest_reports_each_article(tmp_path: Path) -> None:
    code, out, err = run("--store", str(tmp_path / "s"), "ingest", "-q", str(sample_dir()))
    facts = sample_dir() / "nafta-round5.facts.yaml"
    assert code == 0
    assert out == ""
    assert err == f"1 article(s) loaded, 0 rejected into {tmp_path / 's'}\n"
    code, out, err = run("--store", str(tmp_path / "s"), "ingest", str(sample_dir()))
    assert code == 0
    # the sample is clean: no warning, six notes (four objections without a reason, one
    # without a proposal, one time without a date: the article does not say)
    assert err == (
        f"loaded: {facts} (821 triples, 6 info)\n1 article(s) loaded, 0 rejected into "
        f"{tmp_path / 's'}\n"
    )


def dataset(store_dir: Path) -> Dataset:
    ds = Dataset()
    ds.parse(data="\n".join(sorted(quads(store_dir))), format="nquads")
    return ds


def test_ingest_again_yields_the_same_graph(store_dir: Path) -> None:
    before = dataset(store_dir)
    assert len(list(before.quads())) == STORED + TOTALS_TRIPLES
    code, _, _ = run("--store", str(store_dir), "ingest", str(sample_dir()))
    assert code == 0
    after = dataset(store_dir)
    names = {c.identifier for c in before.graphs() if len(c)}
    assert names == {c.identifier for c in after.graphs() if len(c)}
    for name in names:  # the ontology has blank nodes: compare graphs, not text
        assert isomorphic(before.graph(name), after.graph(name)), name
    assert len(list(after.quads())) == len(list(before.quads()))


def test_store_in_use_is_exit_3(store_dir: Path) -> None:
    holder = open_store(store_dir)
    try:
        code, out, err = run("--store", str(store_dir), "stats")
    finally:
        holder.close()
    assert code == 3
    assert out == ""
    assert err == (
        f"Error: the store at {store_dir} is in use by another process (wait for "
        "the other tradekg command to finish, or use another --store)\n"
    )


def test_query_on_a_missing_store_is_exit_3(tmp_path: Path) -> None:
    code, _, err = run("--store", str(tmp_path / "none"), "query", "proposals")
    assert code == 3
    assert err == (
        f"Error: no store at {tmp_path / 'none'} (ingest something first (tradekg "
        "ingest or tradekg demo) or choose the store with --store)\n"
    )
    assert not (tmp_path / "none").exists()


def test_unknown_query_is_a_usage_error(store_dir: Path) -> None:
    code, _, err = run("--store", str(store_dir), "query", "proposal")
    assert code == 2
    assert err == "Error: no saved query named 'proposal' (did you mean 'proposals'?)\n"


def test_bad_param_syntax_is_a_usage_error(store_dir: Path) -> None:
    code, _, err = run("--store", str(store_dir), "query", "proposals", "--param", "proposer")
    assert code == 2
    assert "Invalid value for --param: 'proposer' is not NAME=VALUE" in err


def test_sparql_from_argument_file_and_stdin(store_dir: Path, tmp_path: Path) -> None:
    query = (
        "PREFIX tkg: <https://w3id.org/tradekg/ontology#> "
        "SELECT (COUNT(?p) AS ?n) WHERE { ?p a tkg:Proposal }"
    )
    expected = "n\r\n4\r\n"
    code, out, _ = run("--store", str(store_dir), "sparql", query, "--format", "csv")
    assert (code, out) == (0, expected)
    (tmp_path / "q.rq").write_text(query)
    code, out, _ = run(
        "--store", str(store_dir), "sparql", "--file", str(tmp_path / "q.rq"), "--format", "csv"
    )
    assert (code, out) == (0, expected)
    code, out, _ = run("--store", str(store_dir), "sparql", "--format", "csv", input=query)
    assert (code, out) == (0, expected)


def test_sparql_json_is_sparql_results_json(store_dir: Path) -> None:
    code, out, _ = run(
        "--store",
        str(store_dir),
        "sparql",
        "--format",
        "json",
        "ASK { ?s a <https://w3id.org/tradekg/ontology#Threat> }",
    )
    assert code == 0
    assert json.loads(out) == {"head": {}, "boolean": True}


@pytest.mark.parametrize(
    "update",
    [
        "DROP ALL",
        "CLEAR GRAPH <https://w3id.org/tradekg/id/graph/reference>",
        "DELETE WHERE { ?s ?p ?o }",
        "INSERT DATA { <https://example.org/a> <https://example.org/b> 1 }",
        "PREFIX ex: <https://example.org/>\n# a comment\nDELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "WITH <https://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "LOAD <file:///etc/hosts>",
        "CREATE GRAPH <https://example.org/g>",
    ],
)
def test_sparql_refuses_updates(store_dir: Path, update: str) -> None:
    before = quads(store_dir)
    code, out, err = run("--store", str(store_dir), "sparql", update)
    assert (code, out) == (2, "")
    assert err == (
        "Error: updates are refused: tradekg sparql only reads the store "
        "(load data with tradekg ingest)\n"
    )
    assert quads(store_dir) == before


def test_sparql_predeclares_the_project_prefixes(store_dir: Path) -> None:
    """tkg:, id: and the others work undeclared; the query's own PREFIX wins."""
    code, out, err = run(
        "--store",
        str(store_dir),
        "sparql",
        "--format",
        "csv",
        "SELECT ?label WHERE { id:actor\\/freeland rdfs:label ?label ; a tkg:Person }",
    )
    assert (code, out, err) == (0, "label\r\nChrystia Freeland\r\n", "")
    code, out, _ = run(
        "--store",
        str(store_dir),
        "sparql",
        "--format",
        "csv",
        "PREFIX tkg: <https://example.org/other#> ASK { ?x a tkg:Person }",
    )
    assert (code, out) == (0, "false\n")  # the query's own tkg: is used: no such Person
    _, help_text, _ = run("sparql", "--help")
    for prefix, namespace in PREDECLARED.items():
        assert f"      {prefix + ':':<9} <{namespace}>\n" in help_text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "SELECT * WHERE { ?s ?p ?o ",
            "line 1, column 27, at the end of the query (tradekg sparql runs SPARQL 1.1 "
            "SELECT, ASK, CONSTRUCT and DESCRIBE queries)",
        ),
        (
            "SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?o = ) }",
            "line 3, column 3, at 'FILTER(?o = ) }' (tradekg sparql runs SPARQL 1.1 SELECT, ASK, "
            "CONSTRUCT and DESCRIBE queries)",
        ),
        (
            "SELECT ?x WHERE {\n  ?x a foo:Thing }",
            "line 2, column 8: undeclared prefix 'foo:' (declare it, PREFIX foo: <IRI>; "
            "declared for every query: rdf, tkg, id, schema, prov, oa, skos, time, sem, org, "
            "dcterms, rdfs, xsd, owl, wd)",
        ),
    ],
    ids=["unclosed", "filter", "prefix"],
)
def test_a_sparql_syntax_error_is_one_line_with_its_position(
    store_dir: Path, query: str, message: str
) -> None:
    code, out, err = run("--store", str(store_dir), "sparql", query)
    assert (code, out) == (2, "")
    assert err == f"Error: the query does not parse: {message}\n"


def test_sparql_construct_and_describe_print_rdf(store_dir: Path) -> None:
    query = "CONSTRUCT { ?p tkg:summary ?s } WHERE { ?p a tkg:Proposal ; tkg:summary ?s }"
    code, out, err = run("--store", str(store_dir), "sparql", query)
    assert (code, err) == (0, "")
    assert "@prefix tkg: <https://w3id.org/tradekg/ontology#> .\n" in out  # Turtle by default
    expected = Graph()
    with open_store(store_dir, create=False) as store:
        for s, o in store.select(
            "SELECT ?p ?s WHERE { ?p a <https://w3id.org/tradekg/ontology#Proposal> ; "
            "<https://w3id.org/tradekg/ontology#summary> ?s }"
        ).rows:
            expected.add((s, URIRef("https://w3id.org/tradekg/ontology#summary"), o))  # type: ignore[arg-type]
    assert len(expected) == 4
    assert isomorphic(Graph().parse(data=out, format="turtle"), expected)
    code, out, _ = run(
        "--store", str(store_dir), "sparql", "--format", "ntriples", "DESCRIBE id:actor\\/freeland"
    )
    described = Graph().parse(data=out, format="nt")
    assert code == 0
    assert (
        URIRef(ID + "actor/freeland"),
        URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
        Literal("Chrystia Freeland"),
    ) in described
    assert set(described.subjects()) == {URIRef(ID + "actor/freeland")}
    code, _, err = run("--store", str(store_dir), "sparql", "--format", "csv", query)
    assert (code, err) == (
        2,
        "Error: a CONSTRUCT query answers with RDF, not with results (csv) "
        "(--format turtle, ntriples, jsonld, rdfxml)\n",
    )
    code, _, err = run("--store", str(store_dir), "sparql", "-f", "turtle", "ASK { ?s ?p ?o }")
    assert (code, err) == (
        2,
        "Error: an ASK query answers with results, not with RDF (turtle) "
        "(--format table, csv, tsv, json, jsonl, plain-tsv)\n",
    )


def test_empty_sparql_query(store_dir: Path) -> None:
    code, _, err = run("--store", str(store_dir), "sparql", input="")
    assert code == 2
    assert err == ("Error: the query is empty (give it as an argument, with --file, or on stdin)\n")


def test_stats(store_dir: Path) -> None:
    code, out, _ = run("--store", str(store_dir), "stats", "--format", "csv")
    assert code == 0
    rows = dict(line.split(",") for line in out.strip().splitlines()[1:])
    assert rows["articles"] == "1"
    assert rows["proposals"] == "4"
    assert rows["triples"] == str(STORED)


def test_every_graph_counts_its_triples_and_stats_sums_the_counts(store_dir: Path) -> None:
    """Each graph keeps a count of its triples (tkg:tripleCount, this one included); stats
    sums them, and counts triple by triple a graph of an older store that keeps none."""
    import pyoxigraph as ox
    from rdflib import URIRef

    from kg.terms import TKG

    with open_store(store_dir) as store:
        for graph in store.graph_names():
            counts = [
                int(q.object.value)
                for q in store.quads(graph)
                if q.subject == ox.NamedNode(graph) and q.predicate == ox.NamedNode(TKG.tripleCount)
            ]
            # the shared graph is added to by every article, not rewritten: stats counts it;
            # the store's totals (kg.store.fixed) are no graph of the data
            expected = [] if graph in (SHARED_GRAPH, COUNTS_GRAPH) else [store.quad_count(graph)]
            assert counts == expected, graph
        article = URIRef(ID + "graph/11f0a1b12fa8bf03")
        # the graph as an older tradekg wrote it: without the count (N-Triples lines)
        older = [
            f"{q.subject} {q.predicate} {q.object}"
            for q in store.quads(article)
            if q.predicate != ox.NamedNode(TKG.tripleCount)
        ]
        assert len(older) == store.quad_count(article) - 1
        store.replace_graphs([(article, older)])
    code, out, _ = run("--store", str(store_dir), "stats", "--format", "csv")
    assert code == 0
    rows = dict(line.split(",") for line in out.strip().splitlines()[1:])
    assert rows["triples"] == str(STORED - 1)


def test_demo_prints_the_answers(tmp_path: Path) -> None:
    # a terminal wide enough for every cell on one line
    result = CliRunner().invoke(
        cli, ["--store", str(tmp_path / "demo"), "demo"], env={"COLUMNS": "200"}
    )
    code, out, err = result.exit_code, result.stdout, result.stderr
    assert code == 0, err
    assert "== Proposals ==" in out
    assert "Add an expiration (sunset) clause to NAFTA." in out
    assert "Significant differences remain on some key areas. …" in out
    assert "2017-12" in out  # the next meeting, month precision
    # the timeline says who made each statement
    timeline = out.split("== Timeline ==")[1].splitlines()
    assert timeline[1] == "   tradekg query timeline --columns date,participants,label,type,place"
    assert timeline[2].split() == ["date", "participants", "label", "type", "place"]
    rows = [[cell.strip() for cell in line.split("  ") if cell.strip()] for line in timeline[4:]]
    assert ["2017-11-21", "Robert Lighthizer", "Without a rebalanced agreement there will be no "
            "satisfactory result.", "Demand"] in rows  # fmt: skip
    assert ["2017-11-21", "Chrystia Freeland", "Significant differences remain; some U.S. "
            "proposals cannot be agreed to.", "Statement", "Ottawa"] in rows  # fmt: skip


def test_a_failed_write_leaves_the_store_unchanged(store_dir: Path) -> None:
    """Two graphs in one write, the second unreadable: neither is written."""
    before = quads(store_dir)
    good = (
        URIRef("https://w3id.org/tradekg/id/graph/good"),
        render_lines(
            [
                (
                    URIRef("https://w3id.org/tradekg/id/x"),
                    URIRef("https://schema.org/name"),
                    Literal("ok"),
                )
            ]
        ),
    )
    broken = (URIRef("https://w3id.org/tradekg/id/graph/broken"), ["<a> <b> not-a-term"])
    store = open_store(store_dir)
    try:
        with pytest.raises(StoreError, match="^could not write to the store at "):
            store.replace_graphs([good, broken])
    finally:
        store.close()
    assert quads(store_dir) == before


def test_unsafe_iris_are_refused_before_they_reach_the_store() -> None:
    with pytest.raises(InputError, match="is not an absolute IRI"):
        render_lines(
            [
                (
                    URIRef("https://w3id.org/tradekg/id/has space"),
                    URIRef("https://schema.org/name"),
                    Literal("x"),
                )
            ]
        )


def test_python_dash_m_kg_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kg", "--version"], capture_output=True, text=True, check=False
    )
    from kg import __version__

    assert done.returncode == 0
    assert done.stdout == f"tradekg, version {__version__}\n"


@pytest.mark.parametrize(
    "command", ["ingest", "validate", "queries", "query", "sparql", "export", "stats", "demo"]
)
def test_every_command_has_help(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert out.startswith(f"Usage: cli {command}") or out.startswith(f"Usage: tradekg {command}")


def test_the_export_example_works_on_the_sample(store_dir: Path, tmp_path: Path) -> None:
    """The --article of export --help's example names the sample article."""
    _, help_text, _ = run("export", "--help")
    example = next(line.split() for line in help_text.splitlines() if "tradekg export" in line)
    assert example[:2] == ["tradekg", "export"]
    target = tmp_path / "nafta.ttl"
    args = [str(target) if a == "nafta.ttl" else a for a in example[2:]]
    code, out, err = run("--store", str(store_dir), "export", *args)
    assert (code, out, err) == (0, "", "")
    exported = Dataset()
    exported.parse(target, format="turtle")
    assert len(exported) == 821  # the article's graph only
    assert example[example.index("--article") + 1] == "https://w3id.org/tradekg/sample/nafta-round5"


def test_worker_processes_write_the_same_graphs(tmp_path: Path) -> None:
    """Two articles in batches of one: checked in two worker processes, or in this one."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, url in (("a", "https://example.org/a"), ("b", "https://example.org/b")):
        text = (sample_dir() / "nafta-round5.md").read_text(encoding="utf-8")
        (corpus / f"{name}.md").write_text(
            text.replace("https://w3id.org/tradekg/sample/nafta-round5", url), encoding="utf-8"
        )
        facts = (sample_dir() / "nafta-round5.facts.yaml").read_text(encoding="utf-8")
        # without the sample's thread keys, so that the linker has the twins to join (it
        # leaves facts that both name a thread alone)
        facts = "".join(
            line for line in facts.splitlines(keepends=True) if not line.startswith("    thread:")
        )
        (corpus / f"{name}.facts.yaml").write_text(
            facts.replace("article: nafta-round5.md", f"article: {name}.md"), encoding="utf-8"
        )
    stores = {}
    for workers in ("1", "2"):
        stores[workers] = tmp_path / f"store-{workers}"
        code, _, err = run(
            "--store",
            str(stores[workers]),
            "ingest",
            "-q",
            "--batch",
            "1",
            "--workers",
            workers,
            str(corpus),
        )
        # the twins' 4 proposals and 1 threat are linked (the same links either way)
        assert (code, err) == (
            0,
            f"2 article(s) loaded, 0 rejected into {stores[workers]}\n"
            "5 link(s) between articles, 5 followed by the queries (5 proposed, 0 accepted, "
            "0 rejected)\n",
        )
    # the ontology graph has blank nodes; everything else must be identical
    one, two = (quads(stores[w]) for w in ("1", "2"))
    assert {q for q in one if "_:" not in q} == {q for q in two if "_:" not in q}
    # the second article, and the links graph: 2 triples about it, its 12 counts, 7 for each of
    # the 5 links (each article 5 triples fewer than the sample: its 5 thread keys); the totals
    # (the second names the same round, whose node the shared graph holds once)
    assert len(one) == len(two) == STORED - 5 + 815 - 5 + 2 + 12 + 5 * 7 + TOTALS_TRIPLES
