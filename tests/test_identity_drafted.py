"""One person per real person and one proposal across articles, from drafts alone.

The three articles of ``tests/identity/drafted/`` (written for these tests: an EU-Mercosur
negotiation, no facts files) are ingested with ``--extract`` through the command line:

- ``mercosur-annex`` (2024-02-06) names Helga Marquardt and Tomás Guimarães in full and has
  the European Union propose a binding annex on environmental standards;
- ``mercosur-rebuff`` (2024-02-20) calls them "Guimarães" and "Ms. Marquardt" only, and has
  Brazil reject the EU proposal for that annex;
- ``mercosur-argentina`` (2024-03-04), wire copy without diacritics, says "Guimaraes" and has
  Argentina object to the proposal.

The extractor finds a surname alone as the one known person with that surname (the reference
data's, the store's, or one another article of the run names in full), so each person is one
speaker of three or two articles; the linker joins the three drafted proposals (same issue,
same proposer), so the first article's proposal has the later rejection and objection in its
history.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.extract import KnownPeople, extract, load_lexicon
from kg.extract.names import find_mentions
from kg.loaders import Reference, read_article

ARTICLES = Path(__file__).resolve().parent / "identity" / "drafted"
ANNEX, REBUFF, ARGENTINA = (
    ARTICLES / f"mercosur-{name}.md" for name in ("annex", "rebuff", "argentina")
)
ID = "https://w3id.org/tradekg/id/"
A1, A2, A3 = (
    ID + f"article/{key}/" for key in ("99c80c5393bec755", "1b3044ebd7bb9512", "b115d605ca2f2a88")
)
PROPOSAL = A1 + "proposal/environment"
H1 = "EU tables a binding climate annex as Mercosur talks resume"
H2 = "Brazil turns down Brussels' environmental annex"
H3 = "Argentina sides with Brazil against EU climate conditions"
MARQUARDT = ID + "person/helga-marquardt"
GUIMARAES = ID + "person/tomas-guimaraes"


def tradekg(store: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--store", str(store), *args])
    return result.exit_code, result.stdout, result.stderr


def rows(store: Path, query: str, param: str, *columns: str) -> list[tuple[str, ...]]:
    code, out, err = tradekg(store, "query", query, "--param", param, "--format", "csv")
    assert code == 0, err
    return [tuple(r[c] for c in columns) for r in csv.DictReader(io.StringIO(out))]


def quotes(store: Path, speaker: str) -> list[tuple[str, ...]]:
    return rows(store, "quotes", f"speaker={speaker}", "speaker", "quote", "headline", "fact")


def history(store: Path) -> list[tuple[str, ...]]:
    return rows(
        store, "proposal-history", f"proposal={PROPOSAL}", "date", "event", "actorLabel", "fact"
    )


MARQUARDT_QUOTES = [
    (
        MARQUARDT,
        "The principle is not up for negotiation,",
        H2,
        A2 + "statement/helga-marquardt-quote",
    ),  # fmt: skip
    (
        MARQUARDT,
        "We are not asking anyone to copy our laws, only to keep the promises they have "
        "already made,",
        H1,
        A1 + "statement/helga-marquardt-quote",
    ),
]
GUIMARAES_QUOTES = [
    (
        GUIMARAES,
        "Mercosur speaks with one voice on this,",
        H3,
        A3 + "statement/tomas-guimaraes-quote",
    ),  # fmt: skip
    (
        GUIMARAES,
        "Trade rules must not become a way of punishing farmers on the other side of the Atlantic,",
        H2,
        A2 + "statement/tomas-guimaraes-quote",
    ),
    (
        GUIMARAES,
        "Nobody should expect an answer this week,",
        H1,
        A1 + "statement/tomas-guimaraes-quote",
    ),  # fmt: skip
]
# the first article's proposal, then the same proposal as the later articles report it:
# demanded by the EU, rejected by Brazil, objected to by Argentina
HISTORY = [
    ("2024-02-06", "demanded", "European Union", A1 + "demand/environment"),
    ("2024-02-06", "tabled", "European Union", A1 + "proposal/environment"),
    ("2024-02-20", "demanded", "European Union", A2 + "demand/environment"),
    ("2024-02-20", "rejected", "Brazil", A2 + "objection/environment"),
    ("2024-02-20", "tabled", "European Union", A2 + "proposal/environment"),
    ("2024-03-04", "demanded", "European Union", A3 + "demand/environment"),
    ("2024-03-04", "objected", "Argentina", A3 + "objection/environment"),
    ("2024-03-04", "tabled", "European Union", A3 + "proposal/environment"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("drafted-identity") / "store"
    code, _, err = tradekg(path, "ingest", "--extract", str(ARTICLES))
    assert code == 0, err
    assert err.endswith(
        "3 article(s) loaded, 0 rejected into " + str(path) + "\n"
        "3 link(s) between articles, 3 followed by the queries "
        "(3 proposed, 0 accepted, 0 rejected)\n"
    )
    return path


@pytest.mark.parametrize("speaker", ["Marquardt", "marquardt", "Helga Marquardt", MARQUARDT])
def test_a_surname_alone_is_the_person_another_article_named_in_full(
    store: Path, speaker: str
) -> None:
    assert quotes(store, speaker) == MARQUARDT_QUOTES


@pytest.mark.parametrize("speaker", ["Guimarães", "Guimaraes", "Tomas Guimaraes"])
def test_a_surname_without_its_diacritics_is_the_same_person(store: Path, speaker: str) -> None:
    assert quotes(store, speaker) == GUIMARAES_QUOTES


def test_the_later_articles_objections_are_in_the_first_proposals_history(store: Path) -> None:
    assert history(store) == HISTORY


def test_worker_processes_know_the_people_too(tmp_path: Path) -> None:
    store = tmp_path / "store"
    code, _, err = tradekg(
        store, "ingest", "--extract", "--batch", "1", "--workers", "2", str(ARTICLES)
    )
    assert code == 0, err
    assert quotes(store, "Marquardt") == MARQUARDT_QUOTES
    assert quotes(store, "Guimaraes") == GUIMARAES_QUOTES


def test_article_by_article_the_store_knows_the_people(tmp_path: Path) -> None:
    # each article alone, in its own run: the later ones find the people in the store
    store = tmp_path / "store"
    for article in (ANNEX, REBUFF, ARGENTINA):
        code, _, err = tradekg(store, "ingest", "--extract", str(article))
        assert code == 0, err
    assert quotes(store, "Marquardt") == MARQUARDT_QUOTES
    assert quotes(store, "Guimaraes") == GUIMARAES_QUOTES
    assert history(store) == HISTORY


def test_links_made_later_by_tradekg_link(tmp_path: Path) -> None:
    store = tmp_path / "store"
    code, _, err = tradekg(store, "ingest", "--extract", "--no-link", str(ARTICLES))
    assert code == 0, err
    assert history(store) == [r for r in HISTORY if r[3].startswith(A1)]  # one article's own
    code, _, err = tradekg(store, "link")
    assert code == 0, err
    assert history(store) == HISTORY


def test_a_surname_nobody_known_has_is_nobodys(tmp_path: Path) -> None:
    # the second article alone: "Guimarães said" and "Ms. Marquardt said" name people
    # the store does not know, so their words are credited to no one
    store = tmp_path / "store"
    assert tradekg(store, "ingest", "--extract", str(REBUFF))[0] == 0
    code, out, err = tradekg(store, "query", "quotes", "--format", "csv")
    assert code == 0, err
    assert out.splitlines()[1:] == []
    code, _, err = tradekg(store, "query", "quotes", "--param", "speaker=Marquardt")
    assert code == 2
    assert err.startswith("Error: no actor matches 'Marquardt'")


def test_a_surname_two_known_people_share_is_nobodys(tmp_path: Path) -> None:
    # a third person named Marquardt in full: "Ms. Marquardt" of the second article could be
    # either of two people, so her words are credited to neither
    other = tmp_path / "farmers.md"
    other.write_text(
        "---\nurl: https://w3id.org/tradekg/test/identity/farmers\n"
        'title: "German farmers cheer the annex"\npublisher: tradekg tests\n'
        "published: 2024-02-10\nlanguage: en\n---\n"
        "Jonas Marquardt, a spokesman for the German Farmers' Association, said the annex "
        "was overdue. “Our members have waited long enough for fair rules,” he said.\n",
        encoding="utf-8",
    )
    shutil.copy(ANNEX, tmp_path / ANNEX.name)
    store = tmp_path / "store"
    assert tradekg(store, "ingest", "--extract", str(tmp_path))[0] == 0
    assert tradekg(store, "ingest", "--extract", str(REBUFF))[0] == 0
    assert quotes(store, "Helga Marquardt") == MARQUARDT_QUOTES[1:]  # the first article's only
    assert quotes(store, "Jonas Marquardt") == [
        (
            ID + "person/jonas-marquardt",
            "Our members have waited long enough for fair rules,",
            "German farmers cheer the annex",
            ID + "article/" + _key("farmers") + "/statement/jonas-marquardt-quote",
        )
    ]
    # Guimarães is still known: one person of that surname
    assert [q[2] for q in quotes(store, "Guimaraes")] == [H2, H1]


def _key(name: str) -> str:
    from kg.iris import article_key

    return article_key(f"https://w3id.org/tradekg/test/identity/{name}")


# --- the extractor with an index of known people -----------------------------------------


def people(
    text: str, known: KnownPeople, reference: Reference, tmp_path: Path
) -> tuple[list[str], list[str]]:
    """The people an article mentions (their keys, in text order), and who its drafted
    statements are by."""
    path = tmp_path / "a.md"
    path.write_text(
        "---\nurl: https://example.org/a\ntitle: A\npublished: 2024-01-01\nlanguage: en\n---\n"
        + text,
        encoding="utf-8",
    )
    lexicon = load_lexicon(reference)
    article = read_article(path)
    mentioned = find_mentions(article.text, lexicon, known).found
    draft = extract(article, lexicon, known)
    return (
        [m.actor.key for m in mentioned if m.actor.kind == "Person"],
        [str(f.fields["by"]) for f in draft.facts if f.section == "statements"],
    )


VALDIS = "valdis-dombrovskis"


@pytest.mark.parametrize(
    ("text", "mentioned", "speakers"),
    [
        ('"We will hold firm on this," Dombrovskis said.', [VALDIS], [VALDIS]),
        ('"We will hold firm on this," said Dombrovskis.', [VALDIS], [VALDIS]),
        ('"We will hold firm on this," Mr. Dombrovskis told reporters.', [VALDIS], [VALDIS]),
        ("Commissioner Dombrovskis said that the bloc would hold firm.", [VALDIS], [VALDIS]),
        ('"We will hold firm," Dombrovskis, the EU trade chief, said.', [VALDIS], [VALDIS]),
        ("Dombrovskis rejected the U.S. proposal for steel quotas.", [VALDIS], []),
        # not written as a name; another person of that surname named in full: never him
        ('"We will hold firm on this," DOMBROVSKIS said.', [], []),
        ('"We will hold firm on this," Maris Dombrovskis said.', [], []),
        ('"We will hold firm on this," said Andris Dombrovskis.', [], []),
        # two known people with one surname: nobody
        ('"We need more time to study it," Gutierrez said.', [], []),
        # part of a longer name, or where no person is meant
        (
            '"We will hold firm on this," the Dombrovskis Institute said.',
            [],
            ["dombrovskis-institute"],
        ),
        ("Talks in Dombrovskis ended on Monday without a deal.", [], []),
        ("Dombrovskis's team said little.", [], []),
    ],
)
def test_surnames_of_known_people(
    text: str, mentioned: list[str], speakers: list[str], reference: Reference, tmp_path: Path
) -> None:
    known = KnownPeople.of(["Valdis Dombrovskis", "Ana Gutiérrez", "Luis Gutierrez"], reference)
    assert people(text, known, reference, tmp_path) == (mentioned, speakers)


def test_without_known_people_a_surname_alone_is_nobody(
    reference: Reference, tmp_path: Path
) -> None:
    text = '"We will hold firm on this," Dombrovskis said.'
    assert people(text, KnownPeople(), reference, tmp_path) == ([], [])


def test_reference_people_are_known_by_surname(reference: Reference, tmp_path: Path) -> None:
    known = KnownPeople.of([], reference)
    assert known.surname("Lighthizer") is not None
    assert known.surname("lighthizer") == known.surname("LIGHTHIZER")
    assert known.surname("Nobody") is None
    # a name that is a reference person's alias is that person, not a second one
    assert KnownPeople.of(["Bob Lighthizer"], reference).surname("Lighthizer") == known.surname(
        "Lighthizer"
    )
    assert len(KnownPeople.of(["Bob Lighthizer"], reference)) == len(known)


# --- proposals and the objections to them, as the linker needs them ---------------------


def acts(text: str, reference: Reference, tmp_path: Path) -> list[tuple[object, ...]]:
    path = tmp_path / "a.md"
    path.write_text(
        "---\nurl: https://example.org/a\ntitle: A\npublished: 2024-01-01\nlanguage: en\n---\n"
        + text,
        encoding="utf-8",
    )
    draft = extract(read_article(path), load_lexicon(reference))
    return [
        (f.section, f.key, f.fields.get("proposer") or f.fields.get("by"), f.fields.get("proposal"))
        for f in draft.facts
        if f.section in ("proposals", "objections")
    ]


def test_a_country_that_acts_in_the_past_tense_is_the_agent(
    reference: Reference, tmp_path: Path
) -> None:
    # "The United States opened ... by calling for": the country acts; it does not qualify
    # the word after it as in "U.S. lawmakers"
    text = (Path(__file__).resolve().parent / "linking" / "round6.md").read_text(encoding="utf-8")
    assert acts(text.split("---\n", 2)[2], reference, tmp_path) == [
        ("proposals", "clause-that-would-end", "united-states", None),
        ("objections", "clause-that-would-end", "canada", "clause-that-would-end"),
    ]


@pytest.mark.parametrize(
    ("objection", "target"),
    [
        # the objection shares words with the one earlier proposal of another party
        ("Canadian negotiators rejected any panel that would review imports each spring.",
         "panel-that-would-review"),
        # it shares one word: no target
        ("Canadian negotiators rejected any review of the rules.", None),
    ],
)  # fmt: skip
def test_an_objection_naming_no_proposal_targets_the_one_it_shares_words_with(
    objection: str, target: str | None, reference: Reference, tmp_path: Path
) -> None:
    text = (
        "Mexico started the week by calling for a panel that would review seasonal tomato "
        "imports every spring.\n\n" + objection
    )
    found = acts(text, reference, tmp_path)
    assert found[0] == ("proposals", "panel-that-would-review", "mexico", None)
    assert found[1][2:] == ("canada", target)


@pytest.mark.parametrize("when", [" on Tuesday", " last week", ", on Friday"])
def test_a_proposals_words_end_before_when_it_was_spoken_of(
    when: str, reference: Reference, tmp_path: Path
) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\nurl: https://example.org/a\ntitle: A\npublished: 2024-01-01\nlanguage: en\n---\n"
        f"Brazil rejected the EU proposal for a binding annex on environmental standards{when}.\n",
        encoding="utf-8",
    )
    article = read_article(path)
    draft = extract(article, load_lexicon(reference))
    assert [
        (f.section, article.text[f.start : f.end], f.fields.get("summary")) for f in draft.facts
    ] == [
        (
            "proposals",
            "EU proposal for a binding annex on environmental standards",
            "EU proposal for a binding annex on environmental standards",
        ),
        ("demands", "EU proposal for a binding annex on environmental standards", None),
        (
            "objections",
            "Brazil rejected the EU proposal for a binding annex on environmental standards",
            None,
        ),
    ]


# --- tradekg extract ---------------------------------------------------------------------


def test_extract_knows_the_people_of_the_other_articles(tmp_path: Path) -> None:
    for article in (ANNEX, REBUFF):
        shutil.copy(article, tmp_path / article.name)
    code, _, err = tradekg(
        tmp_path / "store",
        "extract",
        "--write",
        str(tmp_path / ANNEX.name),
        str(tmp_path / REBUFF.name),
    )
    assert code == 0, err
    draft = (tmp_path / "mercosur-rebuff.facts.yaml").read_text(encoding="utf-8")
    assert draft.split("actors:\n", 1)[1].split("proposals:\n", 1)[0] == (
        "- id: tomas-guimaraes\n  type: Person\n  name: Tomás Guimarães\n"
        "- id: helga-marquardt\n  type: Person\n  name: Helga Marquardt\n"
    )
    assert "by: tomas-guimaraes\n  mode: direct-quote" in draft
    assert not (tmp_path / "store").exists()  # the store is not read without --store-people


def test_extract_knows_the_stores_people_when_asked(store: Path, tmp_path: Path) -> None:
    shutil.copy(ARGENTINA, tmp_path / ARGENTINA.name)
    article = str(tmp_path / ARGENTINA.name)
    code, out, err = tradekg(store, "extract", "--store-people", article)
    assert code == 0, err
    assert "\nactors:\n- id: tomas-guimaraes\n  type: Person\n  name: Tomás Guimarães\n" in out
    code, out, err = tradekg(store, "extract", article)
    assert code == 0, err
    assert "Guimar" not in out  # alone, the article never names him in full
    code, _, err = tradekg(tmp_path / "nowhere", "extract", "--store-people", article)
    assert code == 3
    assert err.startswith(f"Error: no store at {tmp_path / 'nowhere'}")


def test_a_draft_knows_the_people_a_facts_file_of_the_same_run_defines(tmp_path: Path) -> None:
    # tests/identity: steel-talks (curated) defines Valdis Dombrovskis; tariff-deadline, drafted
    # here without its facts file, says only "Dombrovskis said"
    identity = ARTICLES.parent
    for name in ("steel-talks.md", "steel-talks.facts.yaml", "tariff-deadline.md"):
        shutil.copy(identity / name, tmp_path / name)
    store = tmp_path / "store"
    code, _, err = tradekg(store, "ingest", "--extract", str(tmp_path))
    assert code == 0, err
    assert rows(store, "quotes", "speaker=Dombrovskis", "speaker", "quote", "review") == [
        (
            ID + "person/valdis-dombrovskis",
            "Our patience is not unlimited, and the calendar is not on Washington's side,",
            "draft",
        ),
        (
            ID + "person/valdis-dombrovskis",
            "We want a lasting answer, not another temporary truce",
            "curated",
        ),  # fmt: skip
    ]


def test_a_demands_words_start_after_when_it_was_made(reference: Reference, tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\nurl: https://example.org/a\ntitle: A\npublished: 2019-08-02\nlanguage: en\n---\n"
        "The United States demanded on Thursday that Japan cut its tariffs on American rice.\n",
        encoding="utf-8",
    )
    article = read_article(path)
    draft = extract(article, load_lexicon(reference))
    assert [(f.section, f.fields.get("summary"), f.fields.get("issue")) for f in draft.facts][
        :1
    ] == [("proposals", "That Japan cut its tariffs on American rice", "tariffs")]


def test_drafted_articles_go_through_an_export_and_back(tmp_path: Path) -> None:
    # the software that drafted them is described in each drafted article's graph, as a
    # person is: an RDF input takes it with the articles that point at it
    first, second = tmp_path / "first", tmp_path / "second"
    assert tradekg(first, "ingest", "--extract", "--no-link", str(ARTICLES))[0] == 0
    code, trig, err = tradekg(first, "export", "--format", "trig")
    assert code == 0, err
    result = CliRunner().invoke(
        cli, ["--store", str(second), "ingest", "--no-link", "--format", "trig", "-"], input=trig
    )
    assert result.exit_code == 0, result.stderr
    dumps = [tradekg(store, "export", "--format", "nquads") for store in (first, second)]
    assert [d[0] for d in dumps] == [0, 0]
    articles = [sorted(x for x in d[1].splitlines() if "/id/graph/" in x) for d in dumps]
    assert articles[1] == articles[0]  # (the ontology's blank nodes get new labels)
    assert len(articles[0]) > 1000
