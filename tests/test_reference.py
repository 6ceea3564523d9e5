"""Reference data: the bundled files, the titles lexicon, and a user's file that extends them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import InputError
from kg.loaders import load_reference
from kg.loaders.lexicon import load_titles
from kg.resources import reference_files, sample_dir


def test_the_bundled_reference_is_every_file_of_its_folder_in_name_order() -> None:
    names = [p.name for p in reference_files()]
    assert names == [
        "agreements.yaml",
        "bodies.yaml",
        "countries.yaml",
        "issues.yaml",
        "negotiations.yaml",
        "trade.yaml",
    ]
    ref = load_reference()
    assert ref.files == [str(p) for p in reference_files()]
    assert ref.extra == []


def test_ids_are_unique_across_the_bundled_files() -> None:
    # a second entry with the same id would silently replace the first
    ids = Counter(
        (section, item["id"])
        for path in reference_files()
        for section, items in yaml.safe_load(path.read_text("utf-8")).items()
        for item in items
    )
    assert [key for key, n in ids.items() if n > 1] == []
    ref = load_reference()
    assert sum(len(v) for v in ref.entities.values()) == len(ids)


def test_no_name_or_alias_names_two_entries_of_a_section() -> None:
    ref = load_reference()
    for section, entities in ref.entities.items():
        owners: dict[str, set[str]] = {}
        for e in entities.values():
            for name in (e.name, *e.aliases):
                owners.setdefault(name.casefold(), set()).add(e.key)
        assert {n: k for n, k in owners.items() if len(k) > 1} == {}, section


def test_the_bundled_reference_has_the_sample_actors_with_verified_wikidata_ids() -> None:
    ref = load_reference()
    wikidata = {e.key: e.wikidata for e in ref.all() if e.wikidata}
    assert wikidata == {"united-states": "Q30", "canada": "Q16", "mexico": "Q96"}
    freeland = ref.get("actors", "freeland")
    assert freeland is not None
    assert (freeland.name, freeland.affiliation, freeland.posts) == (
        "Chrystia Freeland",
        "canada",
        ("canada-foreign-minister",),
    )
    sunset = ref.get("issues", "sunset-clause")
    assert sunset is not None and "expiration clause" in sunset.aliases


def test_a_user_file_extends_the_reference(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "actors:\n"
        "  - id: ng\n    type: Person\n    name: Mary Ng\n    aliases: [Ng]\n"
        "    affiliation: canada\n"
        "  - id: canada\n    type: Country\n    name: Canada (renamed)\n    wikidata: Q16\n",
        encoding="utf-8",
    )
    ref = load_reference([extra])
    assert ref.get("actors", "ng") is not None
    canada = ref.get("actors", "canada")
    assert canada is not None and canada.name == "Canada (renamed)"  # later files win
    store = tmp_path / "store"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["--store", str(store), "--reference", str(extra), "ingest", str(sample_dir())]
    )
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(
        cli,
        [
            "--store",
            str(store),
            "query",
            "actors",
            "--param",
            "actor=ng",
            "--format",
            "csv",
            "--columns",
            "label,affiliation",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.decode() == "label,affiliation\r\nMary Ng,Canada (renamed)\r\n"


def test_a_bad_reference_file_names_file_and_line(tmp_path: Path) -> None:
    extra = tmp_path / "bad.yaml"
    extra.write_text(
        "actors:\n  - id: x\n    type: Person\n    name: X\n    affiliation: atlantis\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli,
        ["--store", str(tmp_path / "s"), "--reference", str(extra), "ingest", str(sample_dir())],
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {extra}:2: affiliation 'atlantis' of 'x' is not a known actor\n"
    )
    assert not (tmp_path / "s").exists()


def test_every_iso_3166_country_once_with_its_common_name_code_and_demonyms() -> None:
    countries = [e for e in load_reference().all() if e.kind == "Country"]
    assert len(countries) == 249
    codes = [e.iso for e in countries]
    assert None not in codes and len(set(codes)) == 249
    by_id = {e.key: e for e in countries}
    expect = {  # id: (name, iso, demonyms, some aliases)
        "united-states": (
            "United States",
            "US",
            ("American",),
            {"U.S.", "US", "America", "the United States", "Washington"},
        ),
        "united-kingdom": (
            "United Kingdom",
            "GB",
            ("British",),
            {"UK", "U.K.", "Britain", "Great Britain", "London"},
        ),
        "south-korea": ("South Korea", "KR", ("South Korean",), {"Republic of Korea", "Seoul"}),
        "china": ("China", "CN", ("Chinese",), {"People's Republic of China", "Beijing"}),
        "canada": ("Canada", "CA", ("Canadian",), {"Ottawa"}),
        "taiwan": ("Taiwan", "TW", ("Taiwanese",), {"Chinese Taipei"}),
        "norway": ("Norway", "NO", ("Norwegian",), {"Kingdom of Norway"}),
        "vietnam": ("Vietnam", "VN", ("Vietnamese",), {"Viet Nam"}),
        "ivory-coast": ("Ivory Coast", "CI", ("Ivorian",), {"Côte d'Ivoire"}),
    }
    for key, (name, iso, demonyms, aliases) in expect.items():
        e = by_id[key]
        assert (e.name, e.iso, e.demonyms) == (name, iso, demonyms)
        assert aliases <= set(e.aliases), key
    # ISO's inverted names never appear in news text; a capital names only a major power
    assert not [a for e in countries for a in e.aliases if ", " in a]
    assert "Taiwan, Province of China" not in by_id["taiwan"].aliases
    assert by_id["iran"].aliases == ("Islamic Republic of Iran",)
    assert by_id["republic-of-the-congo"].aliases == ("Congo-Brazzaville",)  # not "Congo"


def test_bodies_act_for_their_country_or_bloc() -> None:
    ref = load_reference()
    affiliation = {e.key: e.affiliation for e in ref.entities["actors"].values()}
    assert {
        k: affiliation[k]
        for k in (
            "european-commission",
            "dg-trade",
            "wto-appellate-body",
            "ustr",
            "us-commerce-department",
            "mofcom",
            "meti",
            "motie",
            "dfat",
            "uk-department-for-business-and-trade",
            "mexico-economy-ministry",
        )
    } == {
        "european-commission": "european-union",
        "dg-trade": "european-commission",
        "wto-appellate-body": "wto",
        "ustr": "united-states",
        "us-commerce-department": "united-states",
        "mofcom": "china",
        "meti": "japan",
        "motie": "south-korea",
        "dfat": "australia",
        "uk-department-for-business-and-trade": "united-kingdom",
        "mexico-economy-ministry": "mexico",
    }
    eu = ref.get("actors", "european-union")
    assert eu is not None and {"EU", "the bloc", "Brussels"} <= set(eu.aliases)
    assert eu.demonyms == ()


def test_agreements_and_issues_go_by_their_news_names() -> None:
    ref = load_reference()
    usmca = ref.get("agreements", "usmca")
    assert usmca is not None and {"CUSMA", "T-MEC", "new NAFTA"} <= set(usmca.aliases)
    cptpp = ref.get("agreements", "cptpp")
    assert cptpp is not None and "TPP-11" in cptpp.aliases
    for key in (
        "nafta",
        "tpp",
        "rcep",
        "gatt",
        "eu-uk-tca",
        "ceta",
        "us-china-phase-one",
        "korus",
        "afcfta",
        "softwood-lumber-agreement",
        "windsor-framework",
    ):
        assert ref.get("agreements", key) is not None, key
    issues = ref.entities["issues"]
    # the sample's issues keep their ids
    assert {
        "rebalancing",
        "rules-of-origin",
        "sunset-clause",
        "isds",
        "dispute-settlement",
        "dairy",
        "tariffs",
    } <= set(issues)
    assert all(e.definition for e in issues.values())
    isds = issues["isds"]
    assert {"investor-state dispute settlement", "investment dispute settlement", "Chapter 11"} <= {
        isds.name,
        *isds.aliases,
    }
    assert "aluminum" in issues["aluminium"].aliases
    assert issues["supply-management"].name == "supply management"
    assert "supply management" not in issues["dairy"].aliases


BAD_KEYS = [
    (
        # the lists of `tradekg query actors` are joined with line breaks (queries/actors.rq)
        '    aliases: [Atlantis Isles, "Atlantis,\\nthe lost"]\n',
        5,
        "actor 'x': aliases 'Atlantis,\\nthe lost' holds a line break (write each name on one "
        "line: tradekg joins lists of names with line breaks (queries/actors.rq))",
    ),
    (
        "    iso: USA\n",
        5,
        "iso code 'USA' of 'x' is not two capital letters (write the ISO "
        "3166-1 alpha-2 code, e.g. iso: CA)",
    ),
    (
        "    iso: NO\n",
        5,
        "iso code False of 'x' is not two capital letters (quote the code: "
        "YAML reads NO, YES, ON and OFF as true/false (iso: 'NO'))",
    ),
    (
        "    iso: ca\n",
        5,
        "iso code 'ca' of 'x' is not two capital letters (write the ISO "
        "3166-1 alpha-2 code, e.g. iso: CA)",
    ),
    ("    demonyms: Atlantean\n", None, None),  # one string is a list of one
    ("    demonyms: {a: b}\n", 5, "demonyms must be a list of strings (e.g. demonyms: [a, b])"),
    (
        "    demonym: [Atlantean]\n",
        5,
        "unknown key 'demonym' (keys are affiliation, agreement, aliases, definition, "
        "demonyms, held, id, in, iso, issue, members, name, posts, type, wikidata)",
    ),
    (
        "    iso: CA\n",
        2,
        "iso code 'CA' of 'x' is already that of 'canada' ({canada}) (give "
        "each country its own code, or use the same id to replace the entry)",
    ),
]


@pytest.mark.parametrize(("line", "at", "message"), BAD_KEYS, ids=[b[0].strip() for b in BAD_KEYS])
def test_the_new_keys_are_checked(
    tmp_path: Path, line: str, at: int | None, message: str | None
) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "actors:\n  - id: x\n    type: Country\n    name: Atlantis\n" + line, encoding="utf-8"
    )
    if message is None:
        x = load_reference([extra]).get("actors", "x")
        assert x is not None and x.demonyms == ("Atlantean",)
        return
    canada = load_reference().get("actors", "canada")
    assert canada is not None
    with pytest.raises(InputError) as caught:
        load_reference([extra])
    assert str(caught.value) == f"{extra}:{at}: " + message.format(canada=canada.where)


def test_only_a_country_has_an_iso_code(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "actors:\n  - id: x\n    type: Organization\n    name: X\n    iso: XX\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        cli,
        ["--store", str(tmp_path / "s"), "--reference", str(extra), "ingest", str(sample_dir())],
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {extra}:5: actor 'x' has an iso code but is not a Country "
        "(only countries have ISO 3166-1 codes: remove `iso:`)\n"
    )
    assert not (tmp_path / "s").exists()


def test_the_titles_lexicon() -> None:
    titles = load_titles()
    assert {
        "trade representative",
        "commerce secretary",
        "secretary of commerce",
        "treasury secretary",
        "chief negotiator",
        "negotiator",
        "foreign minister",
        "trade minister",
        "economy minister",
        "minister of international trade",
        "prime minister",
        "president",
        "vice premier",
        "chancellor",
        "commissioner",
        "trade commissioner",
        "ambassador",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "senator",
        "secretary",
        "minister",
        "chief executive",
        "ceo",
        "economist",
        "analyst",
        "director-general",
        "chairman",
    } <= set(titles)
    assert titles[0] == "president"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "titles:\n  - trade minister\n  - Chief Negotiator\n",
            "3: title 'Chief Negotiator' is not lower case with single spaces (write 'chief "
            "negotiator')",
        ),
        (
            "titles:\n  - envoy\n  # a comment\n  - envoy\n",
            "4: title 'envoy' is listed twice (it is already on line 2)",
        ),
        ("titles:\n  - envoy\n  - [a]\n", "3: title ['a'] is not text"),
        (
            "- envoy\n",
            "1: a titles lexicon is a mapping with a list `titles:` (titles: [trade "
            "minister, chief negotiator, ...])",
        ),
    ],
)
def test_a_bad_titles_lexicon_names_file_and_line(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "titles.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_titles(path)
    assert str(caught.value) == f"{path}:{message}"


def test_people_hold_posts_over_dated_intervals() -> None:
    from rdflib import RDF, XSD, Literal, URIRef

    from kg.rdf import reference_to_graph
    from kg.terms import TKG
    from kg.validate import validate_reference

    graph = reference_to_graph(load_reference())
    assert validate_reference(graph) == []
    person = URIRef("https://w3id.org/tradekg/id/actor/lighthizer")
    (held,) = graph.objects(person, TKG.tenure)
    assert set(graph.predicate_objects(held)) == {
        (RDF.type, TKG.Tenure),
        (TKG.tenurePost, URIRef("https://w3id.org/tradekg/id/post/us-trade-representative")),
        (TKG.heldFrom, Literal("2017-05-15", datatype=XSD.date)),
        (TKG.heldUntil, Literal("2021-01-20", datatype=XSD.date)),
    }
    trump = URIRef("https://w3id.org/tradekg/id/actor/trump")
    terms = sorted(str(graph.value(t, TKG.heldFrom)) for t in graph.objects(trump, TKG.tenure))
    assert terms == ["2017-01-20", "2025-01-20"]


@pytest.mark.parametrize(
    ("held", "message"),
    [
        ("[{post: us-trade-representative, from: 2017-13}]", "from '2017-13' is not a date"),
        (
            "[{post: us-trade-representative, from: 2017-05, until: 2016-01-02}]",
            "the post 'us-trade-representative' is held until 2016-01-02, before it is held "
            "from 2017-05",
        ),
        (
            "[{post: no-such-post, from: 2017-05}]",
            "held post 'no-such-post' of 'envoy' is not a known post",
        ),
        (
            "[{from: 2017-05}]",
            "each entry of held needs 'post' and 'from' (and may have 'until'), no more",
        ),
    ],
)
def test_a_bad_tenure_is_refused(tmp_path: Path, held: str, message: str) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        f"actors:\n  - id: envoy\n    type: Person\n    name: Pat Envoy\n    held: {held}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_reference([extra])
    assert caught.value.message == message
    assert caught.value.path == str(extra)
