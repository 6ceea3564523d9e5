"""The front door: ``import kg`` and its documented API (kg/api.py), and README's example."""

from __future__ import annotations

import importlib
import io
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from test_bad_input import copy_sample, line_of

import kg
import kg.api
from kg.resources import sample_dir
from kg.store import Store

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
FREELAND = "https://w3id.org/tradekg/id/actor/freeland"
ARTICLE = "https://w3id.org/tradekg/id/article/11f0a1b12fa8bf03"
PROPOSALS = [
    ("United States", "investor-state dispute settlement"),
    ("United States", "rebalancing"),
    ("United States", "rules of origin"),
    ("United States", "sunset clause"),
]


def test_all_is_pinned() -> None:
    assert kg.__all__ == [
        "ArticleVerdict",
        "Busy",
        "FileMissing",
        "IngestResult",
        "InputError",
        "KgError",
        "NetworkRefused",
        "QuerySyntaxError",
        "QueryTimeout",
        "Refused",
        "Rows",
        "StaleCursor",
        "StoreError",
        "StoreInUse",
        "TimedOut",
        "UsageError",
        "ValidationFailed",
        "WorkerDied",
        "__version__",
        "export",
        "ingest",
        "open_store",
        "query",
        "sample_dir",
        "sparql",
    ]


def test_every_public_name_is_exported_and_every_export_resolves() -> None:
    """Like httpx's test of its exported members: nothing public that ``__all__`` does not
    list (submodules aside), and each listed name is there."""
    for name in kg.__all__:
        assert getattr(kg, name) is not None
    public = {
        name
        for name, value in vars(kg).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert public == set(kg.__all__) - {"__version__"}
    assert set(dir(kg)) >= set(kg.__all__)
    with pytest.raises(AttributeError, match="module 'kg' has no attribute 'nothing'"):
        kg.nothing  # type: ignore[attr-defined]  # noqa: B018


def test_the_front_door_names_are_functions_although_submodules_share_them() -> None:
    """Once kg/ingest.py and kg/export.py are imported, ``kg.ingest`` and ``kg.export`` stay
    the front-door functions, and the submodules stay importable."""
    importlib.import_module("kg.ingest")
    importlib.import_module("kg.export")
    assert "kg.ingest" in sys.modules and "kg.export" in sys.modules
    assert kg.ingest is kg.api.ingest
    assert kg.export is kg.api.export
    from kg.ingest import find_inputs

    assert find_inputs.__module__ == "kg.ingest"


def test_import_kg_is_cheap() -> None:
    """``import kg`` imports nothing else of tradekg, and no rdflib."""
    code = (
        "import sys, kg; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('kg', 'rdflib', 'click')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out == "['kg']\n"


def test_every_error_class_of_kg_errors_is_exported() -> None:
    import inspect

    from kg import errors

    classes = {
        name
        for name, value in vars(errors).items()
        if inspect.isclass(value) and issubclass(value, errors.KgError)
    }
    assert classes == {name for name in kg.__all__ if name in vars(errors)}
    for name in classes:
        assert getattr(kg, name) is getattr(errors, name)


def test_ingest_reports_each_article(tmp_path: Path) -> None:
    bad = copy_sample(tmp_path / "in", ("    by: trump\n", "    by: trumpp\n"))
    with kg.open_store(tmp_path / "store") as store:
        result = kg.ingest(store, [sample_dir(), bad])
        rows = kg.query(store, "proposals")
    good = sample_dir() / "nafta-round5.facts.yaml"
    assert [(a.input, a.loaded) for a in result] == [(str(good), True), (str(bad), False)]
    assert (result.ok, result.written, len(result)) == (False, 1, 2)
    assert [a.input for a in result.loaded] == [str(good)]
    (loaded,) = result.loaded
    assert (loaded.article, loaded.errors, loaded.triples) == (ARTICLE, (), 821)
    (rejected,) = result.rejected
    line = line_of(bad, "by: trumpp")
    message = f"{bad}:{line}: error: unknown actor 'trumpp' (did you mean 'trump'?)"
    assert (rejected.article, rejected.errors, rejected.triples) == (None, (message,), 0)
    assert str(rejected) == f"rejected: {bad} (1 error)\n  {message}"
    assert str(result).splitlines()[0] == f"loaded: {good} (821 triples)"
    assert [(r["proposerLabel"], r["issue"]) for r in rows] == PROPOSALS  # only the good one


def test_ingest_takes_extra_reference_data(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("places:\n  - {id: atlantis, name: Atlantis}\n", encoding="utf-8")
    with kg.open_store(tmp_path / "store") as store:
        assert kg.ingest(store, str(sample_dir()), reference=[extra]).ok
        found = kg.sparql(
            store, 'SELECT ?x WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> "Atlantis" }'
        )
    assert found.as_dicts() == [{"x": "https://w3id.org/tradekg/id/place/atlantis"}]


def test_a_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    with kg.open_store(tmp_path / "store") as store, pytest.raises(kg.UsageError) as e:
        kg.ingest(store, tmp_path / "nothing")
    assert str(e.value) == f"{tmp_path / 'nothing'}: no such file or directory"


def test_query_rows(sample_store: Store) -> None:
    rows = kg.query(sample_store, "proposals")
    assert rows.columns == [
        "proposal",
        "proposer",
        "proposerLabel",
        "issue",
        "agreement",
        "summary",
        "headline",
        "review",
    ]
    assert len(rows) == 4
    assert rows[3] == {
        "proposal": f"{ARTICLE}/proposal/sunset-clause",
        "proposer": "https://w3id.org/tradekg/id/actor/united-states",
        "proposerLabel": "United States",
        "issue": "sunset clause",
        "agreement": "North American Free Trade Agreement",
        "summary": "Add an expiration (sunset) clause to NAFTA.",
        "headline": "NAFTA talks make little headway after fifth round",
        "review": "curated",
    }
    assert rows.as_dicts() == list(rows) == [rows[i] for i in range(4)]
    assert rows.terms[3][0] == URIRef(f"{ARTICLE}/proposal/sunset-clause")
    assert rows.terms[3][2] == Literal("United States")
    assert rows.boolean is None


def test_query_values_are_python_values(sample_store: Store) -> None:
    import datetime as dt

    rows = kg.query(sample_store, "timeline")
    dates = {r["date"] for r in rows}
    assert dt.date(2017, 11, 21) in dates  # xsd:date
    assert "2017-12" in dates  # xsd:gYearMonth: its text
    assert None in dates  # unbound
    audit = kg.query(sample_store, "article-audit")
    assert {type(r["start"]) for r in audit} == {int}


def test_query_parameters(sample_store: Store) -> None:
    by_kwarg = kg.query(sample_store, "quotes", speaker="Freeland")
    by_params = kg.query(sample_store, "quotes", params={"speaker": FREELAND})
    assert by_kwarg.as_dicts() == by_params.as_dicts()
    assert {r["speakerLabel"] for r in by_kwarg} == {"Chrystia Freeland"}
    with pytest.raises(kg.UsageError) as e:
        kg.query(sample_store, "quotes", speeker="Freeland")
    assert str(e.value) == "query 'quotes' has no parameter 'speeker' (its parameters: speaker)"
    with pytest.raises(kg.UsageError) as e:
        kg.query(sample_store, "quotes", speaker="Nobody At All")
    assert e.value.message == "no actor matches 'Nobody At All' (parameter 'speaker')"
    with pytest.raises(kg.UsageError) as e:
        kg.query(sample_store, "nonsense")
    assert e.value.message == "no saved query named 'nonsense'"


def test_query_parameters_may_be_python_values(sample_store: Store) -> None:
    import datetime as dt

    as_text = kg.query(sample_store, "positions", asOf="2017-11-21")  # the sample's day
    assert len(as_text) == 21
    assert kg.query(sample_store, "positions", asOf=dt.date(2017, 11, 21)).as_dicts() == (
        as_text.as_dicts()
    )
    assert kg.query(sample_store, "positions", asOf=dt.date(2017, 11, 20)).as_dicts() == []


def test_rows_to_pandas(sample_store: Store) -> None:
    pandas = pytest.importorskip("pandas")
    frame = kg.query(sample_store, "proposals").to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == kg.query(sample_store, "proposals").columns
    assert list(zip(frame["proposerLabel"], frame["issue"], strict=True)) == PROPOSALS


def test_rows_to_pandas_without_pandas(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # what an interpreter without it does
    rows = kg.query(sample_store, "proposals")
    with pytest.raises(kg.UsageError) as e:
        rows.to_pandas()
    assert str(e.value) == (
        "to_pandas needs pandas, which is not installed (pip install pandas, or use as_dicts())"
    )


def test_sparql(sample_store: Store) -> None:
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    rows = kg.sparql(sample_store, f"SELECT ?label WHERE {{ <{FREELAND}> {label} ?label }}")
    assert (rows.columns, rows.as_dicts()) == (["label"], [{"label": "Chrystia Freeland"}])
    assert kg.sparql(
        sample_store, "ASK { ?s a <https://w3id.org/tradekg/ontology#Threat> }"
    ).boolean


def test_sparql_is_read_only(sample_store: Store) -> None:
    before = sample_store.quad_count()
    with pytest.raises(kg.QuerySyntaxError) as e:
        kg.sparql(sample_store, "DROP ALL")
    assert e.value.message.startswith("the query does not parse")
    assert e.value.hint == "tradekg sparql runs SPARQL 1.1 queries; updates are refused"
    with pytest.raises(kg.Refused) as refused:
        kg.sparql(
            sample_store, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
        )
    assert str(refused.value) == "SERVICE is refused: tradekg does not query other endpoints"
    assert sample_store.quad_count() == before


def test_export_to_a_file_object_and_to_a_path(sample_store: Store, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    kg.export(sample_store, "trig", buffer)
    kg.export(sample_store, "trig", tmp_path / "all.trig")
    assert (tmp_path / "all.trig").read_bytes() == buffer.getvalue()
    assert len(Dataset().parse(data=buffer.getvalue(), format="trig")) == sample_store.quad_count()
    title = "NAFTA talks make little headway after fifth round"
    kg.export(sample_store, "nquads", str(tmp_path / "article.nq"), article=title)
    article = Dataset().parse(tmp_path / "article.nq", format="nquads")
    graph = URIRef("https://w3id.org/tradekg/id/graph/11f0a1b12fa8bf03")
    # with round 5's node, which the shared graph describes once for every article (6 triples)
    shared = URIRef("https://w3id.org/tradekg/id/graph/shared")
    assert {g for _, _, _, g in article} == {graph, shared}
    assert len(article) == sample_store.quad_count(graph) + 6


def test_export_refuses_an_unknown_format(sample_store: Store, tmp_path: Path) -> None:
    with pytest.raises(kg.UsageError) as e:
        kg.export(sample_store, "csv", tmp_path / "out.csv")
    assert str(e.value) == (
        "unknown export format 'csv' "
        "(formats: turtle, trig, ntriples, nquads, rdfxml, jsonld, void)"
    )
    assert not (tmp_path / "out.csv").exists()


def test_a_store_that_cannot_be_written_to_a_file(sample_store: Store, tmp_path: Path) -> None:
    with pytest.raises(kg.StoreError) as e:
        kg.export(sample_store, "trig", tmp_path / "no-such-dir" / "all.trig")
    assert str(e.value) == (
        f"cannot write {tmp_path / 'no-such-dir' / 'all.trig'}: No such file or directory "
        "(no part of it was left behind)"
    )


def readme_example() -> tuple[str, str]:
    """The code and the printed output of README's "From Python" section."""
    section = README.split("## From Python\n")[1].split("\n## ")[0]
    code = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    output = re.findall(r"```text\n(.*?)```", section, flags=re.S)
    assert len(code) == 1 and len(output) == 1
    return code[0], output[0]


def test_the_readme_example_runs_and_prints_what_readme_says(tmp_path: Path) -> None:
    code, output = readme_example()
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == output
