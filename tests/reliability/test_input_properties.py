"""Property-based tests (hypothesis) of the facts loader: any facts file, built from the
format's own keys and ids or from arbitrary text, either loads and maps to RDF that renders
and parses back as the same triples, or fails with a tradekg error (``KgError``), never
another exception."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import KgError
from kg.loaders import Reference, load_facts
from kg.rdf import article_rdf
from kg.resources import sample_dir
from kg.sparql_terms import render_lines

SAMPLE = yaml.safe_load((sample_dir() / "nafta-round5.facts.yaml").read_text(encoding="utf-8"))
KEYS = sorted(
    {
        k
        for section in SAMPLE.values()
        if isinstance(section, list)
        for item in section
        if isinstance(item, dict)
        for k in item
    }
    | set(SAMPLE)
)
WORDS = sorted(
    {
        str(v)
        for section in SAMPLE.values()
        if isinstance(section, list)
        for item in section
        if isinstance(item, dict)
        for v in item.values()
        if isinstance(v, str | int)
    }
)
leaves = st.one_of(
    st.sampled_from(WORDS),
    st.text(max_size=30),
    st.integers(),
    st.none(),
    st.booleans(),
    st.dates(),
    st.floats(allow_nan=True),
)
values = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=6)
    ),
    max_leaves=25,
)


def mutated_sample(draw: st.DrawFn) -> dict[str, object]:
    doc = yaml.safe_load(yaml.safe_dump(SAMPLE))
    for _ in range(draw(st.integers(1, 4))):
        section = draw(st.sampled_from(sorted(k for k in doc if isinstance(doc[k], list))))
        items = doc[section]
        if items:
            item = draw(st.sampled_from(items))
            item[draw(st.sampled_from(KEYS))] = draw(values)
    return doc


documents = st.one_of(
    st.composite(mutated_sample)(), st.dictionaries(st.sampled_from(KEYS), values, max_size=8)
)


def check(text: str, reference: Reference) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(sample_dir() / "nafta-round5.md", Path(tmp) / "nafta-round5.md")
        path = Path(tmp) / "x.facts.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            facts = load_facts(path, reference)
        except KgError as e:
            assert str(e)
            return
        rdf = article_rdf(facts)
        lines = render_lines(rdf.triples)
        parsed = list(
            ox.parse(("\n".join(f"{line} ." for line in lines)).encode(), ox.RdfFormat.N_TRIPLES)
        )
        assert len(parsed) == len(set(lines))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_any_facts_document_loads_or_is_a_kg_error(
    reference: Reference, doc: dict[str, object]
) -> None:
    check(yaml.safe_dump({"article": "nafta-round5.md", **doc}, allow_unicode=True), reference)


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_any_text_as_a_facts_file_loads_or_is_a_kg_error(reference: Reference, text: str) -> None:
    check(text, reference)
