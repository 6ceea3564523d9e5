"""First pages read from a listing's first sort keys (kg.queries.keyed) are exactly the rows of
the same page of the whole ordered answer: on the sample, and on a store of many articles
whose headlines repeat (ties), differ only in case and start with letters past ASCII."""

from __future__ import annotations

import csv
import http.client
import io
import json
import shutil
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node
from support import synth as load_synth

from kg import link
from kg.errors import InputError
from kg.ingest import ingest
from kg.loaders.reference import load_reference
from kg.queries import catalogue, run_saved
from kg.queries.catalogue import parse_query_file
from kg.queries.keyed import keyed_page, sorted_keys
from kg.queries.run import finish
from kg.resources import queries_dir, sample_dir
from kg.serve import make_server
from kg.store import Store, open_store

HERE = Path(__file__).resolve().parent
KEYED = [name for name, query in catalogue().items() if query.page_key is not None]
# the listings read by several keys the store does not keep in order (``pages: {order: ...}``)
ORDERED = [name for name, query in catalogue().items() if query.page_order]
# those that can be asked for without a parameter (person needs its actor)
UNBOUND = [
    name for name in KEYED + ORDERED if not any(p.required for p in catalogue()[name].params)
]
# the sample's article under other titles: code point order puts upper case before lower case,
# and letters past ASCII after both; two of them share a title with each other
TITLES = [
    "apple trade talks resume",
    "Zebra clause dropped",
    "Ärger über Zölle",
    "Ärger über Zölle",
]


def _refused(path: Path, text: str) -> str:
    """The message parse_query_file refuses the query ``text`` with, written at ``path``."""
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        parse_query_file(path)
    return str(caught.value)


def test_the_headline_ordered_listings_declare_it() -> None:
    assert KEYED == ["anonymous-claims", "article-audit", "quotes", "statements"]


def test_the_listings_read_by_several_keys_declare_them() -> None:
    assert {name: catalogue()[name].page_order for name in ORDERED} == {
        "actors": ("type", "label", "actor"),
        "acts": ("date", "headline", "fact"),
        "contested": ("issueLabel", "summary", "proposal"),
        "data-quality": ("problem", "headline", "fact"),
        "links": ("fromHeadline", "from", "to"),
        "objections": ("headline",),
        "person": ("date", "headline"),
        "positions": ("actorLabel", "issueLabel", "date", "act", "fact"),
        "proposals": ("headline",),
        "threats": ("headline",),
        "timeline": ("dated", "phrased", "end", "start", "label", "fact"),
    }


def test_the_listings_read_by_sort_keys_of_their_own_declare_them() -> None:
    """``pages: {sort: ...}``: keys the listing's ORDER BY computes (not columns), one set per
    value of the variable a batch binds."""
    assert {
        name: (query.page_order, query.page_descending, query.page_bind)
        for name, query in catalogue().items()
        if query.page_sort
    } == {
        "timeline": (
            ("dated", "phrased", "end", "start", "label", "fact"),
            (True, True, False, True, False, False),
            ("fact",),
        ),
    }


def test_a_header_read_by_sort_keys_names_them_and_selects_them(tmp_path: Path) -> None:
    text = (queries_dir() / "timeline.rq").read_text(encoding="utf-8")
    sort = '#+   sort: "DESC(?dated) DESC(?phrased) ?end DESC(?start) ?label ?fact"\n'
    assert sort in text
    bad = tmp_path / "timeline.rq"
    for wrong, problem in [
        ('"ASC(?dated) ?end"', "pages: sort must be ?KEY or DESC(?KEY) terms"),
        ('"DESC(BOUND(?start)) ?end"', "pages: sort must be ?KEY or DESC(?KEY) terms"),
        ('"?dated ?end"', "pages: keys must be SELECT [DISTINCT] ?fact ?dated ?end WHERE ..."),
    ]:
        message = _refused(bad, text.replace(sort, f"#+   sort: {wrong}\n"))
        assert message.startswith(f"{bad}:1: {problem}, not "), message
    message = _refused(bad, text.replace("#+   via: fact\n", "#+   via: nothing\n"))
    assert "pages: via must be one or a list of the query's variables" in message


def test_sort_keys_that_are_not_one_set_per_fact_leave_the_whole_answer(
    sample_store: Store, tmp_path: Path
) -> None:
    """Two labels of one fact sort its rows apart: the keys cannot say where its rows are."""
    query = catalogue()["timeline"]
    assert keyed_page(sample_store, query, {}, 3, 0) is not None
    two = query.page_keys
    assert two is not None and "BIND(COALESCE(?name, ?summary) AS ?label)" in two
    twice = two.replace(
        "BIND(COALESCE(?name, ?summary) AS ?label)",
        'VALUES ?suffix { "" " (again)" } '
        "BIND(CONCAT(COALESCE(?name, ?summary), ?suffix) AS ?label)",
    )
    assert keyed_page(sample_store, replace(query, page_keys=twice), {}, 3, 0) is None


def test_the_listings_read_by_their_first_two_keys_declare_them() -> None:
    assert {
        name: (query.page_key, query.page_then, query.page_via)
        for name, query in catalogue().items()
        if query.page_then is not None
    } == {"article-audit": ("headline", "article", "article")}


def test_a_header_read_by_two_keys_names_the_order_by_s_second(tmp_path: Path) -> None:
    text = (queries_dir() / "article-audit.rq").read_text(encoding="utf-8")
    assert "#+   then: article\n" in text
    bad = tmp_path / "article-audit.rq"
    for then in ("fact", "start", "nothing"):
        message = _refused(bad, text.replace("#+   then: article\n", f"#+   then: {then}\n"))
        assert message.startswith(
            f"{bad}:1: pages: then must be the column the query's ORDER BY sorts by after "
            f"?headline, not '{then}'"
        )
    # and the keys query must select the variable, the key and the next key
    message = _refused(
        bad,
        text.replace(
            "SELECT DISTINCT ?article ?headline WHERE",
            "SELECT DISTINCT ?headline ?article WHERE",
        ),
    )
    assert "keys: 'SELECT ?article ?headline WHERE ...'" in message


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A store of 30 synthetic articles (benchmarks/synth.py: headlines repeat) and four copies
    of the sample article under the titles of TITLES."""
    corpus = tmp_path_factory.mktemp("keyed-corpus")
    load_synth().write_corpus(corpus, 30)
    text = (sample_dir() / "nafta-round5.md").read_text(encoding="utf-8")
    facts = (sample_dir() / "nafta-round5.facts.yaml").read_text(encoding="utf-8")
    original = 'title: "NAFTA talks make little headway after fifth round"'
    assert original in text
    for i, title in enumerate(TITLES):
        copy = text.replace(original, f'title: "{title}"').replace(
            "sample/nafta-round5", f"sample/nafta-round5-copy{i}"
        )
        (corpus / f"copy{i}.md").write_text(copy, encoding="utf-8")
        (corpus / f"copy{i}.facts.yaml").write_text(
            facts.replace("nafta-round5.md", f"copy{i}.md"), encoding="utf-8"
        )
    store = open_store(tmp_path_factory.mktemp("keyed-store"))
    outcome = ingest(store, [corpus], load_reference([corpus / "reference.yaml"]))
    assert outcome.ok
    # links between proposals of different articles, for the links listing: some from a
    # proposal of the same headline, some reviewed, so that its keys tie and its rows vary
    proposals = store.select(
        "PREFIX tkg: <https://w3id.org/tradekg/ontology#> "
        "SELECT ?p ?a WHERE { ?p a tkg:Proposal ; tkg:report ?r . ?r tkg:inArticle ?a } "
        "ORDER BY ?p"
    ).rows
    firsts: dict[object, object] = {}
    for proposal, article in proposals:
        firsts.setdefault(article, proposal)
    chosen = list(firsts.values())
    pairs = [*zip(chosen, chosen[1:], strict=False), (chosen[0], chosen[2]), (chosen[0], chosen[3])]
    for i, (source, target) in enumerate(pairs):
        assert isinstance(source, URIRef) and isinstance(target, URIRef)
        link.decide(store, source, target, "rejected" if i % 3 else "accepted")
    yield store
    store.close()
    shutil.rmtree(corpus)


def test_the_keys_are_in_the_order_the_store_sorts_them(many: Store) -> None:
    keys = sorted_keys(many, "headline")
    assert keys is not None
    by_store = many.select(
        "PREFIX schema: <https://schema.org/>\n"
        "SELECT DISTINCT ?h WHERE { ?a schema:headline ?h } ORDER BY ?h"
    )
    assert [str(k) for k in keys] == [str(row[0]) for row in by_store.rows]
    assert [str(k) for k in keys][-2:] == ["apple trade talks resume", "Ärger über Zölle"]
    assert len(keys) < 30  # the synthetic headlines repeat: ties between articles


PAGES = [(0, 1), (0, 100), (0, 3), (1, 7), (5, 10), (13, 13), (40, 25), (99, 2), (250, 100)]


@pytest.mark.parametrize("name", UNBOUND)
def test_each_page_is_those_rows_of_the_whole_answer(many: Store, name: str) -> None:
    query = catalogue()[name]
    whole = many.select(query.text)
    finished = finish(query, whole).rows
    assert len(whole.rows) >= 16, "several pages of rows, from several articles"
    # pages that end inside the answer, at its end, past it, and the very last row alone
    pages = [*PAGES, (len(whole.rows) - 1, 1), (len(whole.rows) - 5, 5), (len(whole.rows), 3)]
    for offset, limit in pages:
        page = keyed_page(many, query, {}, limit, offset)
        assert page is not None
        assert page.variables == whole.variables
        # compared as tradekg returns them: a list cell's order is the store's (`lists:`)
        assert finish(query, page).rows == finished[offset : offset + limit], (offset, limit)
        assert page.truncated == (len(whole.rows) > offset + limit), (offset, limit)
        # and run_saved gives the same page (its lists sorted: kg.queries.run.finish)
        through = run_saved(many, name, limit=limit, offset=offset)
        assert (through.rows, through.truncated) == (finish(query, page).rows, page.truncated)


# the listings whose keys query takes parameters (``pages: {..., params: [...]}``)
BOUND = [name for name, query in catalogue().items() if query.page_params]


def test_the_listings_paged_by_a_parameter_declare_it() -> None:
    assert {name: catalogue()[name].page_params for name in BOUND} == {
        "acts": ("agent",),
        "objections": ("issue",),
        "person": ("actor",),
        "positions": ("actor", "issue"),
        "proposals": ("proposer",),
    }


def _values(store: Store, name: str, param: str) -> list[Node]:
    """The values of ``param``'s column in ``name``'s whole answer, most rows first (ties by
    value), the first three: one with many rows, one with few."""
    query = catalogue()[name]
    whole = store.select(query.text)
    column = whole.variables.index(param)
    counts = Counter(row[column] for row in whole.rows if row[column] is not None)
    ranked = sorted(counts, key=lambda v: (-counts[v], str(v)))
    return ranked[:2] + ranked[-1:]


@pytest.mark.parametrize("name", BOUND)
def test_a_listing_bound_by_a_parameter_its_keys_take_pages_its_own_rows(
    many: Store, name: str
) -> None:
    query = catalogue()[name]
    for param in query.page_params:
        for value in _values(many, name, param):
            whole = many.select(query.text, {param: value})
            finished = finish(query, whole).rows
            assert whole.rows, (param, value)
            pages = [(0, 1), (0, 3), (2, 5), (0, 100), (len(whole.rows) - 1, 2)]
            for offset, limit in pages:
                page = keyed_page(many, query, {param: value}, limit, offset)
                assert page is not None, (param, value)
                assert finish(query, page).rows == finished[offset : offset + limit], (
                    param,
                    value,
                    offset,
                    limit,
                )
                assert page.truncated == (len(whole.rows) > offset + limit)
            through = run_saved(many, name, {param: str(value)}, limit=4, offset=1)
            assert through.rows == finished[1:5]


def test_a_parameter_the_keys_do_not_take_is_applied_to_the_listing_s_rows(
    many: Store,
) -> None:
    # positions[actor, asOf]: the keys query takes the actor, not the day; the pages are
    # those of the whole answer for both
    query = catalogue()["positions"]
    actor = _values(many, "positions", "actor")[0]
    for day in ("2017-01-01", "2017-11-15", "2018-06-30"):
        bindings: dict[str, Node] = {"actor": actor, "asOf": Literal(day, datatype=XSD.date)}
        whole = many.select(query.text, bindings).rows
        for offset, limit in [(0, 1), (0, 5), (3, 100)]:
            page = keyed_page(many, query, bindings, limit, offset)
            assert page is not None
            assert page.rows == whole[offset : offset + limit], (day, offset, limit)
    # bound only by the day, it is answered whole
    day_only = {"asOf": Literal("2018-06-30", datatype=XSD.date)}
    assert keyed_page(many, query, day_only, 10, 0) is None


@pytest.mark.parametrize("name", UNBOUND)
def test_on_the_sample_a_page_is_those_rows_of_the_whole_answer(
    sample_store: Store, name: str
) -> None:
    query = catalogue()[name]
    whole = sample_store.select(query.text)
    for offset, limit in [(0, 1), (0, 100), (2, 3), (max(len(whole.rows) - 1, 0), 4)]:
        page = keyed_page(sample_store, query, {}, limit, offset)
        assert page is not None
        assert (page.rows, page.truncated) == (
            whole.rows[offset : offset + limit],
            len(whole.rows) > offset + limit,
        )


def test_a_parameter_its_keys_do_not_take_leaves_the_whole_answer(sample_store: Store) -> None:
    quotes = catalogue()["quotes"]
    speaker = sample_store.select(
        "PREFIX tkg: <https://w3id.org/tradekg/ontology#> "
        "SELECT ?s WHERE { ?r tkg:source ?s } LIMIT 1"
    ).rows[0][0]
    assert speaker is not None
    assert keyed_page(sample_store, quotes, {"speaker": speaker}, 10, 0) is None
    assert keyed_page(sample_store, catalogue()["stats"], {}, 10, 0) is None


def test_an_empty_store_gives_an_empty_page(tmp_path: Path) -> None:
    with open_store(tmp_path / "empty") as store:
        assert keyed_page(store, catalogue()["statements"], {}, 10, 0) is None
        page = run_saved(store, "statements", limit=10)
        assert (page.variables, page.rows, page.truncated) == (
            list(catalogue()["statements"].columns),
            [],
            False,
        )


def _first_headlines(url: str, name: str) -> list[str]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=60)
    try:
        connection.request("GET", f"/queries/{name}?format=csv&limit=3")
        body = connection.getresponse().read().decode("utf-8")
    finally:
        connection.close()
    rows = list(csv.DictReader(io.StringIO(body)))
    return [row["headline"] for row in rows]


def test_serve_reads_the_headlines_of_the_snapshot_it_answers_from(
    make_store: Callable[..., Store], tmp_path: Path
) -> None:
    """serve keeps the sorted headlines of each snapshot: an article ingested while it runs,
    whose title sorts first, is on the next first page."""
    store = make_store(sample_dir(), name="keyed-served")
    server = make_server(store, port=0, workers=1)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        before = _first_headlines(server.url, "proposals")
        assert before == ["NAFTA talks make little headway after fifth round"] * 3
        text = (sample_dir() / "nafta-round5.md").read_text(encoding="utf-8")
        facts = (sample_dir() / "nafta-round5.facts.yaml").read_text(encoding="utf-8")
        first = tmp_path / "first"
        first.mkdir()
        (first / "first.md").write_text(
            text.replace(
                'title: "NAFTA talks make little headway after fifth round"',
                'title: "Aardvark talks"',
            ).replace("sample/nafta-round5", "sample/first"),
            encoding="utf-8",
        )
        (first / "first.facts.yaml").write_text(
            facts.replace("nafta-round5.md", "first.md"), encoding="utf-8"
        )
        assert ingest(store, [first], load_reference()).ok
        seen = before
        for _ in range(200):  # a bounded wait for the snapshot the write published
            seen = _first_headlines(server.url, "proposals")
            if seen != before:
                break
            time.sleep(0.05)
        assert seen == ["Aardvark talks"] * 3
    finally:
        server.shutdown()
        thread.join()
        server.close()


def test_a_header_that_reads_pages_via_a_variable_names_it_and_its_keys_query(
    tmp_path: Path,
) -> None:
    text = (queries_dir() / "article-audit.rq").read_text(encoding="utf-8")
    assert "#+   via: article\n" in text
    bad = tmp_path / "article-audit.rq"
    message = _refused(bad, text.replace("#+   via: article\n", ""))
    assert message.startswith(
        f"{bad}:1: pages read via a variable need both via: VARIABLE (one of the query's) and "
        "keys: 'SELECT ?VARIABLE ?headline ?article WHERE ...', not {'by': 'headline', "
    )
    # read via a variable by the first key alone (as objections were): not a form of pages
    message = _refused(bad, text.replace("#+   then: article\n", ""))
    assert message.startswith(
        f"{bad}:1: pages: then must be the column the query's ORDER BY sorts by after "
        "?headline, not None"
    )


def test_a_header_s_params_are_parameters_its_keys_query_selects(tmp_path: Path) -> None:
    text = (queries_dir() / "objections.rq").read_text(encoding="utf-8")
    assert "#+   params: [issue]\n" in text
    bad = tmp_path / "objections.rq"
    message = _refused(bad, text.replace("#+   params: [issue]\n", "#+   params: [agent]\n"))
    assert message.startswith(
        f"{bad}:1: pages: params must list parameters of the query, not {{'order': "
    )
    # a parameter of the query that the keys query does not select
    message = _refused(
        bad, text.replace("#+   params: [issue]\n", "#+   params: [issue, proposal]\n")
    )
    assert message.startswith(
        f"{bad}:1: pages: keys must be SELECT [DISTINCT] ?objection ?headline ?issue ?proposal "
        "WHERE ..., not {'order': "
    )


def _article(folder: Path, title: str, key: str) -> Path:
    """The sample article under another title and key, in ``folder``."""
    text = (sample_dir() / "nafta-round5.md").read_text(encoding="utf-8")
    facts = (sample_dir() / "nafta-round5.facts.yaml").read_text(encoding="utf-8")
    folder.mkdir()
    (folder / f"{key}.md").write_text(
        text.replace(
            'title: "NAFTA talks make little headway after fifth round"', f'title: "{title}"'
        ).replace("sample/nafta-round5", f"sample/{key}"),
        encoding="utf-8",
    )
    (folder / f"{key}.facts.yaml").write_text(
        facts.replace("nafta-round5.md", f"{key}.md"), encoding="utf-8"
    )
    return folder


def test_the_embedded_store_keeps_the_sorted_keys_of_its_generation(
    make_store: Callable[..., Store], tmp_path: Path
) -> None:
    """The first reader of a generation writes the sorted keys to the store's kept folder, the
    next ones read them from there; a write starts a new generation, whose keys are read from
    the store again (and the old files go)."""
    store = make_store(sample_dir(), name="keyed-kept")
    folder = store.kept_folder()
    assert folder is not None
    token = store.generation()
    assert token is not None and not folder.exists()
    statements, actors = catalogue()["statements"], catalogue()["actors"]
    first = keyed_page(store, statements, {}, 3, 0)
    whole_actors = store.select(actors.text).rows
    assert first is not None and keyed_page(store, actors, {}, 5, 2) is not None
    kept = sorted(p.name for p in folder.iterdir())
    assert len(kept) == 2 and all(name.startswith(token + "-") for name in kept)
    # the next reader reads the file: a headline changed in it is the one the page is read by
    (headlines,) = [p for p in folder.iterdir() if p.read_text("utf-8").count("\n") == 2]
    assert headlines.read_text("utf-8").splitlines()[1] == json.dumps(
        ["l", "NAFTA talks make little headway after fifth round", None, None]
    )
    headlines.write_text(
        "tradekg sorted keys 1\n" + json.dumps(["l", "Another headline", None, None]) + "\n",
        encoding="utf-8",
    )
    page = keyed_page(store, statements, {}, 3, 0)
    assert page is not None and page.rows == []
    # a file cut short (no newline at its end) is read anew from the store, and kept again
    headlines.write_text("tradekg sorted keys 1\n[", encoding="utf-8")
    again = keyed_page(store, statements, {}, 3, 0)
    assert again is not None and again.rows == first.rows
    assert headlines.read_text("utf-8").count("\n") == 2
    # the pairs of actors, read back lazily, give the rows of the whole answer
    for offset, limit in [(0, 1), (2, 5), (len(whole_actors) - 2, 5)]:
        page = keyed_page(store, actors, {}, limit, offset)
        assert page is not None and page.rows == whole_actors[offset : offset + limit]
    # a write: a new generation, its own keys (an article whose title sorts first is on the
    # first page), and the files of the old one removed when the new ones are kept
    article = _article(tmp_path / "aardvark", "Aardvark talks", "aardvark")
    assert ingest(store, [article], load_reference()).ok
    assert store.generation() != token
    page = keyed_page(store, statements, {}, 3, 0)
    assert page is not None
    assert [str(row[page.variables.index("headline")]) for row in page.rows] == [
        "Aardvark talks"
    ] * 3
    assert [p.name.split("-")[0] for p in folder.iterdir()] == [store.generation()]


def test_the_keys_of_a_parameter_s_values_are_kept_apart_the_last_few(
    make_store: Callable[..., Store], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pairs of a listing bound by a value (person[actor]) are kept in a file of their
    own, named by the value too; the last BOUND_KEPT of a generation are kept, and the whole
    store's keys whatever their number; after a write, pages have the new article's rows."""
    from kg.queries import keyed

    monkeypatch.setattr(keyed, "BOUND_KEPT", 2)
    store = make_store(sample_dir(), name="keyed-bound")
    folder = store.kept_folder()
    assert folder is not None
    actors = ["freeland", "lighthizer", "trump"]
    first = {a: run_saved(store, "person", {"actor": a}, limit=2).rows for a in actors}
    assert all(first.values())
    assert keyed_page(store, catalogue()["acts"], {}, 3, 0) is not None
    token = store.generation()
    bound = sorted(p.name for p in folder.iterdir() if p.name.startswith(f"{token}-bound-"))
    assert len(bound) == 2  # the first actor's were removed
    assert len(list(folder.iterdir())) == 3  # and the whole store's pairs of acts kept
    for a in actors:  # read from the kept pairs or anew, the same rows
        assert run_saved(store, "person", {"actor": a}, limit=2).rows == first[a]
    # a write (the sample again, under another title): Freeland's rows are those of both
    before = run_saved(store, "person", {"actor": "freeland"}).rows
    article = _article(tmp_path / "again", "Again talks", "again")
    assert ingest(store, [article], load_reference()).ok
    whole = run_saved(store, "person", {"actor": "freeland"}).rows
    assert len(whole) == 2 * len(before)
    for offset, limit in [(0, 2), (1, 4), (0, len(whole) + 1)]:
        page = run_saved(store, "person", {"actor": "freeland"}, limit=limit, offset=offset)
        assert page.rows == whole[offset : offset + limit]


def test_a_store_of_no_generation_yet_keeps_nothing(
    make_store: Callable[..., Store], tmp_path: Path
) -> None:
    store = make_store(sample_dir(), name="keyed-no-generation")
    (Path(store.location) / "generation").unlink()  # as a store older tradekg wrote
    assert store.generation() == "0"
    page = keyed_page(store, catalogue()["proposals"], {}, 3, 0)
    assert page is not None and len(page.rows) == 3
    folder = store.kept_folder()
    assert folder is not None and not folder.exists()


def test_kept_rows_are_read_from_the_file_as_far_as_they_are_asked_for(tmp_path: Path) -> None:
    from kg.queries.keyed import _KeptRows

    path = tmp_path / "kept.jsonl"
    lines = [
        json.dumps([["i", f"https://example.org/{i}"], ["l", str(i), None, None]]) for i in range(5)
    ]
    path.write_text("tradekg sorted keys 1\n" + "\n".join(lines) + "\n", encoding="utf-8")
    kept = _KeptRows.open(path, single=False)
    assert kept is not None
    assert kept and kept[0] == (URIRef("https://example.org/0"), Literal("0"))
    # the file removed (another generation kept): what is open is still read
    path.unlink()
    assert kept.within(4) and not kept.within(5)
    assert [row[1] for row in kept[3:9]] == [Literal("3"), Literal("4")]
    assert len(kept) == 5 and kept[-1][0] == URIRef("https://example.org/4")
    with pytest.raises(IndexError):
        kept[5]
    # cut short (no newline at its end), of another layout, or missing: not read
    path.write_text("tradekg sorted keys 1\n" + lines[0], encoding="utf-8")
    assert _KeptRows.open(path, single=False) is None
    path.write_text("tradekg sorted keys 0\n" + lines[0] + "\n", encoding="utf-8")
    assert _KeptRows.open(path, single=False) is None
    assert _KeptRows.open(tmp_path / "none.jsonl", single=False) is None
    # no keys at all
    path.write_text("tradekg sorted keys 1\n", encoding="utf-8")
    empty = _KeptRows.open(path, single=False)
    assert empty is not None and not empty and len(empty) == 0 and not empty.within(0)


@pytest.mark.parametrize("name", ["timeline", "acts", "positions", "contested"])
def test_a_fact_reported_in_several_articles_keeps_the_whole_answers_order(
    make_store: Callable[..., Store], name: str
) -> None:
    # every fact of the sample reported again in two more articles, headlined before and
    # after the sample's: a fact has several rows that its sort keys alone do not order, so
    # the ORDER BY goes on to every column and a keyed page's rows are those of the whole
    # answer, in its order
    import pyoxigraph as ox

    store = make_store(sample_dir(), name="reported-thrice")
    tkg = "https://w3id.org/tradekg/ontology#"
    facts = store.select(f"SELECT DISTINCT ?f WHERE {{ ?f <{tkg}report> ?r }} ORDER BY ?f").rows
    graph = ox.NamedNode("https://example.org/more-reports")
    for headline in ("AAA more", "zzz more"):
        article = ox.NamedNode(f"https://example.org/{headline.split()[0]}")
        quads = [
            ox.Quad(
                article, ox.NamedNode("https://schema.org/headline"), ox.Literal(headline), graph
            )
        ]
        for i, (fact,) in enumerate(facts):
            report = ox.NamedNode(f"{article.value}/report/{i}")
            quads += [
                ox.Quad(ox.NamedNode(str(fact)), ox.NamedNode(f"{tkg}report"), report, graph),
                ox.Quad(report, ox.NamedNode(f"{tkg}inArticle"), article, graph),
            ]
        store._store.extend(quads)  # type: ignore[attr-defined]
    query = catalogue()[name]
    whole = store.select(query.text)
    for limit in (1, 2, 5, 7, 100):
        for offset in range(0, len(whole.rows) + 1, 3):
            page = keyed_page(store, query, {}, limit, offset)
            assert page is not None
            assert page.rows == whole.rows[offset : offset + limit], (offset, limit)


def test_the_whole_store_s_keys_are_kept_whatever_the_values_kept_after_them(
    make_store: Callable[..., Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the files of a parameter's values make way for newer ones: the whole store's keys
    of every listing stay, whatever the hex digest that names them starts with (that of
    objections starts with b)."""
    from kg.queries import keyed

    monkeypatch.setattr(keyed, "BOUND_KEPT", 1)
    store = make_store(sample_dir(), name="keyed-whole-kept")
    folder = store.kept_folder()
    assert folder is not None
    for name in UNBOUND:
        assert keyed_page(store, catalogue()[name], {}, 3, 0) is not None, name
    whole = {p.name for p in folder.iterdir()}
    # the headlines, and the pairs of each listing read by several keys but person
    assert len(whole) == 1 + len([name for name in ORDERED if name != "person"])
    for actor in ("freeland", "lighthizer"):
        assert run_saved(store, "person", {"actor": actor}, limit=2).rows
    kept = {p.name for p in folder.iterdir()}
    assert whole <= kept
    assert len(kept - whole) == 1  # the last value's pairs


def test_serve_keeps_the_keys_of_every_listing_of_a_snapshot(
    make_store: Callable[..., Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    """serve keeps all of a snapshot's keys (of every listing, and its names), not the last
    few of them: first pages of every listing asked for again read no keys from the store."""
    from kg.queries import keyed

    read: list[object] = []
    for reader in ("_read_keys", "_read_pairs"):
        original = getattr(keyed, reader)
        monkeypatch.setattr(
            keyed, reader, lambda *a, _read=original: read.append(a[1]) or _read(*a)
        )
    store = make_store(sample_dir(), name="keyed-served-all")
    server = make_server(store, port=0, workers=1)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    parts = urlsplit(server.url)
    try:
        for again in (False, True):
            read.clear()
            for path in [f"/queries/{name}?" for name in UNBOUND] + [
                "/queries/person?actor=Freeland&"
            ]:
                connection = http.client.HTTPConnection(
                    parts.hostname or "", parts.port, timeout=60
                )
                connection.request("GET", f"{path}format=csv&limit=3")
                assert connection.getresponse().status == 200, path
                connection.close()
            # the headlines, and the pairs of each listing read by several keys, once
            assert len(read) == (0 if again else 1 + len(ORDERED)), again
    finally:
        server.shutdown()
        thread.join()
        server.close()
