"""One person, one node, whatever the article: people across articles.

Two test articles (``tests/identity/``) quote Valdis Dombrovskis, whom the reference data does
not name; each facts file defines him for itself. He is one actor of the store
(``id/person/valdis-dombrovskis``, from his normalised name), so his quotes from both articles
come back for his full name, his surname alone or his key.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from kg.cli import cli
from kg.iris import name_key, person_iri
from kg.loaders.facts import load_facts
from kg.loaders.reference import Reference

ARTICLES = Path(__file__).resolve().parent / "identity"
PERSON = "https://w3id.org/tradekg/id/person/valdis-dombrovskis"
STEEL = "EU and US trade officials trade barbs over steel quotas"
DEADLINE = "Brussels sets out its conditions before the tariff deadline"


def tradekg(store: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--store", str(store), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("identity") / "store"
    code, _, err = tradekg(path, "ingest", str(ARTICLES))
    assert code == 0, err
    return path


def quotes(store: Path, speaker: str) -> list[tuple[str, str, str]]:
    code, out, err = tradekg(
        store, "query", "quotes", "--param", f"speaker={speaker}", "--format", "json"
    )
    assert code == 0, err
    rows = json.loads(out)["results"]["bindings"]
    return [(r["speaker"]["value"], r["quote"]["value"], r["headline"]["value"]) for r in rows]


DOMBROVSKIS_QUOTES = [
    (
        PERSON,
        "Our patience is not unlimited, and the calendar is not on Washington's side",
        DEADLINE,
    ),
    (PERSON, "We want a lasting answer, not another temporary truce", STEEL),
]


@pytest.mark.parametrize(
    "speaker", ["Valdis Dombrovskis", "Dombrovskis", "dombrovskis", "valdis-dombrovskis", PERSON]
)
def test_a_person_quoted_in_two_articles_is_one_speaker(store: Path, speaker: str) -> None:
    assert quotes(store, speaker) == DOMBROVSKIS_QUOTES


def test_names_match_without_their_diacritics(store: Path) -> None:
    expected = [
        (
            "https://w3id.org/tradekg/id/person/ana-gutierrez",
            "Every month without a deal costs us orders",
            STEEL,
        )
    ]
    assert quotes(store, "Gutierrez") == expected  # the surname, without its accent
    assert quotes(store, "Gutiérrez") == expected
    assert quotes(store, "ana gutierrez") == expected  # the whole name


def test_the_person_is_one_node_described_once_for_the_articles_that_name_him(
    store: Path,
) -> None:
    # described once, in the shared graph, not in each article's: a SPARQL store's union
    # default graph would give one copy of the description per article
    query = (
        "SELECT ?g ?label WHERE { GRAPH ?g { <" + PERSON + "> a tkg:Person ; rdfs:label ?label } }"
        " ORDER BY ?g"
    )
    code, out, err = tradekg(store, "sparql", query, "--format", "json")
    assert code == 0, err
    rows = json.loads(out)["results"]["bindings"]
    assert [(r["g"]["value"], r["label"]["value"]) for r in rows] == [
        ("https://w3id.org/tradekg/id/graph/shared", "Valdis Dombrovskis")
    ]
    pointing = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?fact ?p <" + PERSON + "> } }"
    code, out, err = tradekg(store, "sparql", pointing, "--format", "json")
    assert code == 0, err
    graphs = {r["g"]["value"] for r in json.loads(out)["results"]["bindings"]}
    assert len(graphs) == 2 and all("/id/graph/" in g and "shared" not in g for g in graphs)
    code, out, err = tradekg(store, "query", "actors", "--param", "actor=Dombrovskis")
    assert code == 0, err
    assert out.count("Valdis Dombrovskis") == 1  # one actor, listed once


def _maris_dombrovskis(folder: Path) -> None:
    """Another article in ``folder``: tariff-deadline's, quoting a Maris Dombrovskis."""
    (folder / "other.md").write_text(
        (ARTICLES / "tariff-deadline.md")
        .read_text(encoding="utf-8")
        .replace("tariff-deadline", "other-dombrovskis"),
        encoding="utf-8",
    )
    (folder / "other.facts.yaml").write_text(
        (ARTICLES / "tariff-deadline.facts.yaml")
        .read_text(encoding="utf-8")
        .replace("tariff-deadline.md", "other.md")
        .replace("name: Valdis Dombrovskis", "name: Maris Dombrovskis"),
        encoding="utf-8",
    )


def test_a_surname_two_people_share_names_neither(tmp_path: Path) -> None:
    for name in ("steel-talks.md", "steel-talks.facts.yaml"):
        shutil.copy(ARTICLES / name, tmp_path / name)
    _maris_dombrovskis(tmp_path)
    store = tmp_path / "store"
    assert tradekg(store, "ingest", str(tmp_path))[0] == 0
    code, _, err = tradekg(store, "query", "quotes", "--param", "speaker=Dombrovskis")
    assert code == 2
    assert err.startswith(
        "Error: 'Dombrovskis' matches 2 actors (parameter 'speaker'): "
        "https://w3id.org/tradekg/id/person/maris-dombrovskis (Maris Dombrovskis); "
        f"{PERSON} (Valdis Dombrovskis)"
    )
    assert len(quotes(store, "Maris Dombrovskis")) == 1


def test_a_person_ingested_later_is_found_by_surname(tmp_path: Path) -> None:
    # the store's names are kept by its state (kg.queries.params._names): a write renews them
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    for name in ("steel-talks.md", "steel-talks.facts.yaml"):
        shutil.copy(ARTICLES / name, first / name)
    _maris_dombrovskis(later)
    store = tmp_path / "store"
    assert tradekg(store, "ingest", str(first))[0] == 0
    for value in ("dombrovskis", "Dombrovskis", "Dombrovskis"):  # read, then kept
        assert quotes(store, value) == quotes(store, "Valdis Dombrovskis") != []
    assert tradekg(store, "ingest", str(later))[0] == 0
    code, _, err = tradekg(store, "query", "quotes", "--param", "speaker=Dombrovskis")
    assert code == 2
    assert err.startswith("Error: 'Dombrovskis' matches 2 actors (parameter 'speaker'): ")
    assert len(quotes(store, "maris dombrovskis")) == 1


def test_ingesting_again_changes_nothing(store: Path, tmp_path: Path) -> None:
    def dump(path: Path) -> set[str]:
        code, out, _ = tradekg(path, "export", "--format", "nquads")
        assert code == 0
        return set(out.splitlines())

    before = dump(store)
    copy = tmp_path / "store"
    shutil.copytree(store, copy)
    assert tradekg(copy, "ingest", str(ARTICLES / "steel-talks.facts.yaml"))[0] == 0
    assert dump(copy) == before


def test_the_person_key_ignores_case_accents_and_punctuation() -> None:
    assert name_key("Ana Gutiérrez") == name_key("ANA GUTIERREZ") == "ana-gutierrez"
    assert person_iri("Valdis  Dombrovskis.") == URIRef(PERSON)


def test_a_person_of_the_reference_data_stays_that_person(
    tmp_path: Path, reference: Reference
) -> None:
    # an article that defines Robert Lighthizer for itself points at the reference entry
    (tmp_path / "a.md").write_text(
        (ARTICLES / "tariff-deadline.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    facts = tmp_path / "a.facts.yaml"
    facts.write_text(
        (ARTICLES / "tariff-deadline.facts.yaml")
        .read_text(encoding="utf-8")
        .replace("tariff-deadline.md", "a.md")
        .replace("name: Valdis Dombrovskis", "name: Robert LIGHTHIZER"),
        encoding="utf-8",
    )
    loaded = load_facts(facts, reference)
    assert loaded.actors == []  # named and typed in the reference graph, not here
    (act,) = loaded.acts
    assert act.agent == URIRef("https://w3id.org/tradekg/id/actor/lighthizer")


@pytest.mark.parametrize("fmt", ["trig", "turtle"])
def test_an_export_loads_again_with_the_person(store: Path, tmp_path: Path, fmt: str) -> None:
    # the person's name and type are in both article graphs; without graphs (Turtle) they go
    # with every article that points at the person
    exported = tmp_path / f"export.{'ttl' if fmt == 'turtle' else fmt}"
    code, _, err = tradekg(store, "export", "--format", fmt, "-o", str(exported))
    assert code == 0, err
    copy = tmp_path / "copy"
    code, _, err = tradekg(copy, "ingest", str(exported))
    assert code == 0, err
    assert quotes(copy, "Dombrovskis") == DOMBROVSKIS_QUOTES
    code, out, _ = tradekg(copy, "export", "--format", "nquads")
    assert code == 0
    code, original, _ = tradekg(store, "export", "--format", "nquads")

    def named(lines: str) -> set[str]:  # the ontology's blank nodes get new labels
        return {line for line in lines.splitlines() if "_:" not in line}

    assert named(out) == named(original)
