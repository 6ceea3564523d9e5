"""Drafted facts: the ``draft:`` header and the ``rule`` / ``confidence`` / ``review`` keys of a
facts file, the PROV triples they become, the shapes that check them, and the ``review`` column
of every saved query that lists facts.

The fixture ``tests/drafted/`` is an invented article and a facts file written by hand in the
drafted format: some facts are drafts, some reviewed, some curated (no ``rule``).
"""

from __future__ import annotations

import functools
import io
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from support import store_quads

from kg.cli import cli
from kg.iris import SHARED_GRAPH, article_iri, software_iri
from kg.loaders import Reference, load_facts
from kg.queries import run_saved
from kg.rdf import article_to_graph, reference_to_graph, split_shared
from kg.resources import ontology_graph
from kg.store import Store
from kg.terms import PROV, SCHEMA, TKG
from kg.validate import shacl_findings

FIXTURE = Path(__file__).resolve().parent / "drafted"
FACTS = FIXTURE / "dairy-talks.facts.yaml"
URL = "https://example.org/news/dairy-and-car-parts"
A = article_iri(URL)
# a plain namespace: rdflib's XSD warns on unknown names when pytest probes module globals
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
MakeStore = Callable[..., Store]  # the make_store fixture of conftest.py


def n(relative: str) -> URIRef:
    return URIRef(f"{A}/{relative}")


# --- RDF -------------------------------------------------------------------------------------

EXPECTED = """
@base <https://w3id.org/tradekg/id/article/5533585acd5a8e0f/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix tkg: <https://w3id.org/tradekg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<extraction> a prov:Activity , tkg:Extraction ;
    prov:used <../5533585acd5a8e0f> ;
    prov:wasAssociatedWith <https://w3id.org/tradekg/id/software/tradekg/0.1.0> ;
    prov:startedAtTime "2026-11-28T05:00:00Z"^^xsd:dateTime .
<https://w3id.org/tradekg/id/software/tradekg/0.1.0> a prov:SoftwareAgent ;
    rdfs:label "tradekg 0.1.0" ;
    schema:softwareVersion "0.1.0" .

<actor/official> prov:wasGeneratedBy <extraction> ; tkg:reviewStatus tkg:Draft ;
    tkg:extractionRule "unnamed-source" ; tkg:confidence 0.7 .
<actor/car-parts-makers> prov:wasGeneratedBy <extraction> ; tkg:reviewStatus tkg:Reviewed ;
    tkg:extractionRule "actor-noun" .
<proposal/dairy-access> prov:wasGeneratedBy <extraction> ; tkg:reviewStatus tkg:Draft ;
    tkg:extractionRule "proposal-verb" ; tkg:confidence 0.85 .
<proposal/auto-content> prov:wasGeneratedBy <extraction> ; tkg:reviewStatus tkg:Reviewed ;
    tkg:extractionRule "proposal-verb" ; tkg:confidence 0.8 .
<demand/dairy-access> prov:wasGeneratedBy <extraction> ; tkg:reviewStatus tkg:Draft ;
    tkg:extractionRule "quote-demand" ; tkg:confidence 0.6 .
<objection/canada-dairy> prov:wasGeneratedBy <extraction> ; tkg:reviewStatus tkg:Reviewed ;
    tkg:extractionRule "objection-verb" ; tkg:confidence 0.9 .
<objection/mexico-dairy> prov:wasGeneratedBy <extraction> ; tkg:reviewStatus tkg:Draft ;
    tkg:extractionRule "objection-verb" ; tkg:confidence 0.55 .
<objection/mexico-content> prov:wasGeneratedBy <extraction> ; tkg:reviewStatus tkg:Reviewed ;
    tkg:extractionRule "objection-verb" .
<objection/parts-makers-content> prov:wasGeneratedBy <extraction> ;
    tkg:reviewStatus tkg:Reviewed ; tkg:extractionRule "objection-verb" ; tkg:confidence 0.75 .
<statement/lighthizer-autos> prov:wasGeneratedBy <extraction> ; tkg:reviewStatus tkg:Reviewed ;
    tkg:extractionRule "quote-statement" ; tkg:confidence 0.9 .
<statement/little-progress> prov:wasGeneratedBy <extraction> ; tkg:reviewStatus tkg:Draft ;
    tkg:extractionRule "outlet-claim" ; tkg:confidence 0.5 .
<threat/walk-away> prov:wasGeneratedBy <extraction> ; tkg:reviewStatus tkg:Reviewed ;
    tkg:extractionRule "threat-verb" ; tkg:confidence 0.95 .
<event/next-round> prov:wasGeneratedBy <extraction> ; tkg:reviewStatus tkg:Draft ;
    tkg:extractionRule "event-schedule" ; tkg:confidence 0.8 .
"""
PROVENANCE = {PROV.wasGeneratedBy, TKG.reviewStatus, TKG.extractionRule, TKG.confidence}


def provenance_part(g: Graph) -> Graph:
    """The triples that say how the file was drafted: the extraction, its software, and what
    marks each drafted fact."""
    part = Graph()
    own = {n("extraction"), software_iri("tradekg", "0.1.0")}
    for s, p, o in g:
        if p in PROVENANCE or s in own:
            part.add((s, p, o))
    return part


def test_drafted_facts_carry_their_provenance(reference: Reference) -> None:
    g, _ = article_to_graph(load_facts(FACTS, reference))
    assert isomorphic(provenance_part(g), Graph().parse(data=EXPECTED, format="turtle"))


def curated_copy(tmp_path: Path) -> Path:
    """The fixture without its draft header and without rule, confidence and review."""
    shutil.copy(FIXTURE / "dairy-talks.md", tmp_path / "dairy-talks.md")
    text = FACTS.read_text(encoding="utf-8")
    text = re.sub(r"draft:\n(  .*\n)+", "", text)
    text = re.sub(
        r"\{[^}]*\}",
        lambda flow: re.sub(r",\s*(rule|confidence|review): [^,}]+", "", flow[0]),
        text,
    )
    text = re.sub(r"\n +(rule|confidence|review): .*(?=\n)", "", text)
    assert not re.search(r"^ *[^#\n]*\b(rule|confidence|review|extract\w+):", text, re.M)
    target = tmp_path / FACTS.name
    target.write_text(text, encoding="utf-8")
    return target


def test_provenance_adds_only_its_own_triples(tmp_path: Path, reference: Reference) -> None:
    """The same file written by a person gives the same graph without the provenance part:
    drafting changes nothing else, and curated facts get none of it."""
    drafted, _ = article_to_graph(load_facts(FACTS, reference))
    curated, _ = article_to_graph(load_facts(curated_copy(tmp_path), reference))
    # each graph counts its own triples (tkg:tripleCount), so the counts differ by the
    # provenance part: compare the rest without them
    # (not counting the shared nodes' triples, which go to the shared graph)
    for g in (drafted, curated):
        own, _ = split_shared(g)
        assert [int(n) for n in g.objects(g.identifier, TKG.tripleCount)] == [len(own)]
        g.remove((g.identifier, TKG.tripleCount, None))
    rest = Graph()
    for triple in set(drafted) - set(provenance_part(drafted)):
        rest.add(triple)
    assert isomorphic(rest, curated)
    assert not set(curated) & set(provenance_part(curated))


def test_extraction_time_keeps_its_offset(tmp_path: Path, reference: Reference) -> None:
    shutil.copy(FIXTURE / "dairy-talks.md", tmp_path / "dairy-talks.md")
    text = FACTS.read_text(encoding="utf-8").replace(
        "extracted: 2026-11-28T05:00:00+00:00", "extracted: '2026-11-28T10:30:00.250+05:30'"
    )
    (tmp_path / FACTS.name).write_text(text, encoding="utf-8")
    g, _ = article_to_graph(load_facts(tmp_path / FACTS.name, reference))
    assert list(g.objects(n("extraction"), PROV.startedAtTime)) == [
        Literal("2026-11-28T10:30:00.25+05:30", datatype=XSD.dateTime)
    ]


# --- loader errors ---------------------------------------------------------------------------

HEADER = "draft:\n  extractor: tradekg 0.1.0\n  extracted: 2026-11-28T05:00:00+00:00\n"
CURATED_PROPOSAL = "    evidence: The United States also wants an expiration clause in the pact\n"
NUMBER = "give a number greater than 0 and at most 1, e.g. 0.85"

ERRORS = [
    pytest.param(
        (HEADER, ""),
        "rule: unnamed-source",
        "error: 'rule' marks a drafted fact, but this file has no 'draft:' header (add 'draft:' "
        "with 'extractor:' and 'extracted:' at the top of the file, or remove 'rule' if a person "
        "wrote this fact)",
        id="rule-without-header",
    ),
    pytest.param(
        (CURATED_PROPOSAL, CURATED_PROPOSAL + "    confidence: 0.99\n"),
        "confidence: 0.99",
        "error: 'confidence' is only for drafted facts, and this one has no 'rule' (give the "
        "extractor 'rule' that drafted it, or remove 'confidence' if a person wrote this fact)",
        id="confidence-without-rule",
    ),
    pytest.param(
        (CURATED_PROPOSAL, CURATED_PROPOSAL + "    review: reviewed  # by whom?\n"),
        "by whom?",
        "error: 'review' is only for drafted facts, and this one has no 'rule' (give the "
        "extractor 'rule' that drafted it, or remove 'review' if a person wrote this fact)",
        id="review-without-rule",
    ),
    pytest.param(
        ("    confidence: 0.85\n", "    confidence: 1.5\n"),
        "confidence: 1.5",
        f"error: confidence 1.5 is outside (0, 1] ({NUMBER})",
        id="confidence-above-one",
    ),
    pytest.param(
        ("    confidence: 0.85\n", "    confidence: 0\n"),
        "confidence: 0\n",
        f"error: confidence 0 is outside (0, 1] ({NUMBER})",
        id="confidence-zero",
    ),
    pytest.param(
        ("    confidence: 0.85\n", "    confidence: high\n"),
        "confidence: high",
        f"error: 'confidence' must be a number ({NUMBER})",
        id="confidence-not-a-number",
    ),
    pytest.param(
        ("    confidence: 0.8\n    review: reviewed\n", "    confidence: 0.8\n    review: ok\n"),
        "review: ok",
        "error: review 'ok' is not known (use draft, as the extractor drafted it, or reviewed, "
        "once a person has checked it)",
        id="unknown-review",
    ),
    pytest.param(
        (
            "    rule: proposal-verb\n    confidence: 0.85\n",
            "    rule: Proposal Verb\n    confidence: 0.85\n",
        ),
        "rule: Proposal Verb",
        "error: rule 'Proposal Verb' is not a valid id (use the extractor rule's id: lower-case "
        "letters, digits and hyphens, e.g. 'proposal-verb')",
        id="rule-not-an-id",
    ),
    pytest.param(
        ("  extractor: tradekg 0.1.0\n", "  extractor: tradekg\n"),
        "extractor: tradekg",
        "error: extractor 'tradekg' is not a name and a version (write the software's name and "
        "its version, e.g. 'tradekg 0.1.0')",
        id="extractor-without-version",
    ),
    pytest.param(
        ("extracted: 2026-11-28T05:00:00+00:00", "extracted: 2026-11-28T05:00:00"),
        "extracted: ",
        "error: extracted '2026-11-28T05:00:00' is not a date and time with a UTC offset (write "
        "when the extractor ran in ISO 8601, e.g. 2026-11-28T05:00:00+00:00)",
        id="extracted-without-offset",
    ),
    pytest.param(
        ("extracted: 2026-11-28T05:00:00+00:00", "extracted: 2026-11-28"),
        "extracted: ",
        "error: extracted '2026-11-28' is not a date and time with a UTC offset (write when the "
        "extractor ran in ISO 8601, e.g. 2026-11-28T05:00:00+00:00)",
        id="extracted-a-date",
    ),
    pytest.param(
        ("  extractor: tradekg 0.1.0\n", "  extractor: tradekg 0.1.0\n  model: none\n"),
        "model: none",
        "error: unknown key 'model' in 'draft' (allowed keys: extracted, extractor)",
        id="unknown-key-in-header",
    ),
]


@pytest.fixture(scope="module")
def drafted_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed store directory holding the drafted fixture, loaded through the command line
    once; tests write to copies of it."""
    store = tmp_path_factory.mktemp("drafted") / "store"
    result = CliRunner().invoke(cli, ["--store", str(store), "ingest", str(FIXTURE)])
    assert result.exit_code == 0, result.stderr
    return store


@pytest.fixture
def drafted_store(tmp_path: Path, drafted_template: Path) -> Path:
    """A store directory of this test's own holding the drafted fixture."""
    return Path(shutil.copytree(drafted_template, tmp_path / "store"))


@pytest.mark.parametrize(("edit", "line_words", "message"), ERRORS)
def test_bad_provenance_is_rejected_and_store_is_unchanged(
    tmp_path: Path, drafted_store: Path, edit: tuple[str, str], line_words: str, message: str
) -> None:
    before = store_quads(drafted_store)
    (tmp_path / "in").mkdir()
    shutil.copy(FIXTURE / "dairy-talks.md", tmp_path / "in" / "dairy-talks.md")
    text = FACTS.read_text(encoding="utf-8")
    assert edit[0] in text, f"fixture edit does not apply: {edit[0]!r}"
    facts = tmp_path / "in" / FACTS.name
    facts.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    line = next(
        k
        for k, words in enumerate(facts.read_text().splitlines(), start=1)
        if line_words.rstrip("\n") in words
        and (not line_words.endswith("\n") or words.endswith(line_words.strip()))
    )
    result = CliRunner().invoke(cli, ["--store", str(drafted_store), "ingest", str(facts)])
    assert result.exit_code == 1
    assert f"  {facts}:{line}: {message}\n" in result.stderr
    assert store_quads(drafted_store) == before


# --- shapes ----------------------------------------------------------------------------------

AGENT = software_iri("tradekg", "0.1.0")
RULE = (
    "A drafted fact (one with `rule:`) must come from its file's extraction: give the facts "
    "file a `draft:` header with `extractor:` and `extracted:`."
)
REVIEW = "A drafted fact needs exactly one `review:`, draft (the default) or reviewed."
CONFIDENCE = (
    "A drafted fact's `confidence:` must be one number greater than 0 and at most 1, such as 0.85."
)
NEEDS_RULE = (
    "`review:` and `confidence:` are for drafted facts only: give the extractor `rule:` "
    "that drafted this fact, or remove them if a person wrote it."
)
EXTRACTOR = (
    "The `draft:` header needs exactly one `extractor:`, the software and version that "
    "drafted the file (e.g. `tradekg 0.1.0`)."
)
EXTRACTED = (
    "The `draft:` header needs exactly one `extracted:`, when the extractor ran, as an "
    "ISO 8601 date and time with its UTC offset (e.g. 2026-11-28T05:00:00+00:00)."
)
VERSION = (
    "The extractor needs exactly one version: write `extractor:` in the `draft:` header "
    "as the software's name and version (e.g. `tradekg 0.1.0`)."
)
DAIRY = n("proposal/dairy-access")

Edit = Callable[[Graph], None]
# each edit breaks the provenance of the fixture's graph; the findings it adds, exactly
# (severity, focus, path, message)
BROKEN: dict[str, tuple[Edit, set[tuple[str, str, str | None, str]]]] = {
    "fact not generated by an extraction": (
        lambda g: g.remove((DAIRY, PROV.wasGeneratedBy, None)),
        {("error", str(DAIRY), "prov:wasGeneratedBy", RULE)},
    ),
    "fact generated by the article": (
        lambda g: g.set((DAIRY, PROV.wasGeneratedBy, A)),
        {
            (
                "error",
                str(DAIRY),
                "prov:wasGeneratedBy",
                f"{RULE} (value: id:article/5533585acd5a8e0f)",
            )
        },
    ),
    "fact without review status": (
        lambda g: g.remove((DAIRY, TKG.reviewStatus, None)),
        {("error", str(DAIRY), "tkg:reviewStatus", REVIEW)},
    ),
    "fact both draft and reviewed": (
        lambda g: g.add((DAIRY, TKG.reviewStatus, TKG.Reviewed)),
        {("error", str(DAIRY), "tkg:reviewStatus", REVIEW)},
    ),
    "review status outside the scheme": (
        lambda g: g.set((DAIRY, TKG.reviewStatus, TKG.Occurred)),
        {("error", str(DAIRY), "tkg:reviewStatus", f"{REVIEW} (value: tkg:Occurred)")},
    ),
    "confidence zero": (
        lambda g: g.set((DAIRY, TKG.confidence, Literal("0", datatype=XSD.decimal))),
        {("error", str(DAIRY), "tkg:confidence", f"{CONFIDENCE} (value: 0)")},
    ),
    "confidence above one": (
        lambda g: g.set((DAIRY, TKG.confidence, Literal("1.5", datatype=XSD.decimal))),
        {("error", str(DAIRY), "tkg:confidence", f"{CONFIDENCE} (value: 1.5)")},
    ),
    "confidence as text": (
        lambda g: g.set((DAIRY, TKG.confidence, Literal("high"))),
        {("error", str(DAIRY), "tkg:confidence", f"{CONFIDENCE} (value: high)")},
    ),
    "curated fact with a review status": (
        lambda g: g.add((n("proposal/sunset-clause"), TKG.reviewStatus, TKG.Reviewed)),
        {("error", str(n("proposal/sunset-clause")), "tkg:extractionRule", NEEDS_RULE)},
    ),
    "extraction without software": (
        lambda g: g.remove((n("extraction"), PROV.wasAssociatedWith, None)),
        {("error", str(n("extraction")), "prov:wasAssociatedWith", EXTRACTOR)},
    ),
    "extraction without time": (
        lambda g: g.remove((n("extraction"), PROV.startedAtTime, None)),
        {("error", str(n("extraction")), "prov:startedAtTime", EXTRACTED)},
    ),
    "extraction time without a clock": (
        lambda g: g.set(
            (n("extraction"), PROV.startedAtTime, Literal("2026-11-28", datatype=XSD.date))
        ),
        {("error", str(n("extraction")), "prov:startedAtTime", f"{EXTRACTED} (value: 2026-11-28)")},
    ),
    "software without version": (
        lambda g: g.remove((AGENT, SCHEMA.softwareVersion, None)),
        {("error", str(AGENT), "schema:softwareVersion", VERSION)},
    ),
}


@pytest.fixture(scope="module")
def fixture_data(reference: Reference) -> Graph:
    """The fixture's article graph with the ontology and reference graph, as validated."""
    g = Graph()
    for part in (
        ontology_graph(),
        reference_to_graph(reference),
        article_to_graph(load_facts(FACTS, reference))[0],
    ):
        for triple in part:
            g.add(triple)
    return g


Findings = set[tuple[str, str, str | None, str]]


def findings(g: Graph, engine: str) -> Findings:
    return {(f.severity, f.node, f.path, f.message) for f in shacl_findings(g, engine)}


@pytest.fixture(scope="module")
def fixture_findings(fixture_data: Graph) -> Callable[[str], Findings]:
    """The findings of the fixture by engine, each validated once (validation does not change
    the graph: the shapes have no rules, and no inference runs)."""
    return functools.cache(lambda engine: findings(fixture_data, engine))


@pytest.mark.parametrize("engine", ["pyshacl", "turbo"])
def test_the_fixture_conforms(fixture_data: Graph, engine: str) -> None:
    # no violation; its objections without a reason are info (they were warnings)
    assert {f[0] for f in findings(fixture_data, engine)} == {"info"}


@pytest.mark.parametrize("engine", ["pyshacl", "turbo"])
@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_provenance_is_found(
    fixture_data: Graph, fixture_findings: Callable[[str], Findings], engine: str, name: str
) -> None:
    if engine == "turbo":
        pytest.importorskip("pyshacl_turbo")
    g = Graph()
    for triple in fixture_data:
        g.add(triple)
    edit, added = BROKEN[name]
    edit(g)
    found, before = findings(g, engine), fixture_findings(engine)
    assert found - before == added
    assert before <= found


# --- the review column of the saved queries --------------------------------------------------

# query -> {key of a row: review}; a row's key is the fact's IRI relative to the article (for
# coalitions: the two actors' labels); every row of the answer is listed
REVIEWS: dict[str, dict[str, str]] = {
    "proposals": {
        "proposal/dairy-access": "draft",
        "proposal/auto-content": "reviewed",
        "proposal/sunset-clause": "curated",
    },
    "objections": {
        "objection/canada-dairy": "reviewed",
        "objection/mexico-dairy": "draft",
        "objection/freeland-sunset": "curated",
        "objection/farmers-sunset": "curated",
        "objection/mexico-content": "reviewed",
        "objection/parts-makers-content": "reviewed",
    },
    "quotes": {
        "demand/dairy-access": "draft",
        "objection/freeland-sunset": "curated",
        "statement/lighthizer-autos": "reviewed",
    },
    "statements": {
        "demand/dairy-access": "draft",
        "objection/canada-dairy": "reviewed",
        "objection/mexico-dairy": "draft",
        "objection/freeland-sunset": "curated",
        "objection/farmers-sunset": "curated",
        "objection/mexico-content": "reviewed",
        "objection/parts-makers-content": "reviewed",
        "statement/lighthizer-autos": "reviewed",
        "statement/little-progress": "draft",
        "threat/walk-away": "reviewed",
    },
    "timeline": {
        "demand/dairy-access": "draft",
        "event/friday-session": "curated",
        "event/next-round": "draft",
        "threat/walk-away": "reviewed",
    },
    "threats": {"threat/walk-away": "reviewed"},
    "anonymous-claims": {
        "proposal/dairy-access": "draft",
        "objection/canada-dairy": "reviewed",
        "objection/mexico-dairy": "draft",
        "proposal/sunset-clause": "curated",
        "objection/farmers-sunset": "curated",
        "proposal/auto-content": "reviewed",
        "objection/mexico-content": "reviewed",
        "objection/parts-makers-content": "reviewed",
        "statement/little-progress": "draft",
        "threat/walk-away": "reviewed",
    },
    "coalitions": {
        "Canada + Mexico": "draft",
        "Chrystia Freeland + Dairy farmers' groups": "curated",
        "Mexico + car parts makers": "reviewed",
    },
    "article-audit": {
        "proposal/dairy-access": "draft",
        "event/friday-session": "curated",
        "demand/dairy-access": "draft",
        "objection/canada-dairy": "reviewed",
        "objection/mexico-dairy": "draft",
        "proposal/sunset-clause": "curated",
        "objection/freeland-sunset": "curated",
        "objection/farmers-sunset": "curated",
        "proposal/auto-content": "reviewed",
        "objection/mexico-content": "reviewed",
        "objection/parts-makers-content": "reviewed",
        "statement/lighthizer-autos": "reviewed",
        "statement/little-progress": "draft",
        "threat/walk-away": "reviewed",
        "event/next-round": "draft",
    },
    "data-quality": {
        "objection/freeland-sunset": "curated",
        "objection/mexico-content": "reviewed",
        "objection/mexico-dairy": "draft",
        "threat/walk-away": "reviewed",
    },
}
# provenance lists one fact: (the fact's id, its review) for each kind
PROVENANCE_CASES = [
    ("mexico-dairy", "objection/mexico-dairy", "draft"),
    ("walk-away", "threat/walk-away", "reviewed"),
    ("sunset-clause", "proposal/sunset-clause", "curated"),
]


def reviews(store: Store, query: str, params: dict[str, str] | None = None) -> dict[str, str]:
    """{row key: review} of a saved query's answer; a key repeats only with the same review."""
    results = run_saved(store, query, params or {})
    assert results.variables[-1] == "review"
    found: dict[str, str] = {}
    for row in results.rows:
        values = dict(
            zip(results.variables, (None if t is None else str(t) for t in row), strict=True)
        )
        if query == "coalitions":
            key = f"{values['actorA']} + {values['actorB']}"
        else:
            fact = next(
                values[v] for v in ("fact", "objection", "threat", "proposal") if values.get(v)
            )
            assert fact is not None and fact.startswith(f"{A}/")
            key = fact[len(A) + 1 :]
        review = values["review"]
        assert review is not None and found.setdefault(key, review) == review, key
    return found


@pytest.fixture(scope="module")
def drafted(make_store: MakeStore) -> Store:
    return make_store(FIXTURE, name="drafted")


@pytest.mark.parametrize("query", list(REVIEWS))
def test_listing_queries_tell_drafts_from_curated_facts(drafted: Store, query: str) -> None:
    assert reviews(drafted, query) == REVIEWS[query]


@pytest.mark.parametrize(("fact", "key", "review"), PROVENANCE_CASES)
def test_provenance_tells_drafts_from_curated_facts(
    drafted: Store, fact: str, key: str, review: str
) -> None:
    assert reviews(drafted, "provenance", {"fact": fact}) == {key: review}


# --- exports ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "parse_as"), [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")]
)
def test_export_keeps_the_provenance(
    drafted_store: Path, reference: Reference, fmt: str, parse_as: str
) -> None:
    result = CliRunner().invoke(
        cli, ["--store", str(drafted_store), "export", "--format", fmt, "--article", URL]
    )
    assert result.exit_code == 0, result.stderr
    ds = Dataset()
    ds.parse(io.BytesIO(result.stdout_bytes), format=parse_as)
    expected, _ = article_to_graph(load_facts(FACTS, reference))
    # the article's graph, and the shared nodes it points at (the software) in the shared graph
    assert isomorphic(ds.graph(expected.identifier) + ds.graph(SHARED_GRAPH), expected)
