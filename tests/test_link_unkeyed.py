"""The linker where it has work to do: 40 synthetic articles whose facts name no thread of their
own (benchmarks/synth.py without ``own_threads``; the benchmark corpus names one for every fact,
so the linker makes no link there). The links are pinned by the SHA-256 of the links graph's
sorted N-Quads (every link's IRI, facts, method, score and status), as the linker made them
before it read its facts by streaming (commit 5e74d40): over the whole store, with a small
comparison window (so that facts sit at the edges of each other's windows), and for the
articles of a second ingest only (``articles=``, as ``tradekg ingest`` links)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import URIRef
from support import synth as load_synth

from kg import link
from kg.ingest import ingest
from kg.iris import article_of_graph
from kg.loaders import load_reference
from kg.rdf import date_of
from kg.store import Store, Stream, open_store

ID = "https://w3id.org/tradekg/id/article/"
FIRST, ALL = 30, 40  # articles of the first ingest, and of both


@pytest.fixture(scope="module")
def unkeyed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Articles 0-29 in ``first`` (with the corpus's reference data), 30-39 in ``second``."""
    root = tmp_path_factory.mktemp("unkeyed")
    synth = load_synth()
    synth.write_corpus(root / "first", FIRST, own_threads=False)
    synth.write_corpus(root / "second", ALL, start=FIRST, own_threads=False)
    (root / "second" / "reference.yaml").unlink()
    return root


@pytest.fixture(scope="module")
def whole(unkeyed: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The 40 articles in one store, not linked yet."""
    with open_store(tmp_path_factory.mktemp("unkeyed-store")) as store:
        reference = load_reference([unkeyed / "first" / "reference.yaml"])
        assert ingest(store, [unkeyed / "first", unkeyed / "second"], reference).ok
        yield store


def digest(store: Store) -> str:
    lines = sorted(f"{q} .\n" for q in store.quads(link.LINKS_GRAPH))
    return hashlib.sha256("".join(lines).encode()).hexdigest()


def test_the_links_of_facts_without_threads_are_those_pinned(
    whole: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    links = link.run(whole)
    assert (len(links), sum(x.followed for x in links)) == (121, 121)
    assert digest(whole) == "94c3bc284f3134a50ecb1c4f89acf7939ae85dec583e9ad88138d756ba0a8e5a"
    assert links[:3] == [
        link.Link(
            URIRef(ID + "07d0938a0cf27c06/threat/trump-threat"),
            URIRef(ID + "41e7f4aa02985f60/threat/trump-threat"),
            "same-agent-action",
            1.0,
        ),
        link.Link(
            URIRef(ID + "0ed1afe5e49088cc/proposal/dairy"),
            URIRef(ID + "40c57299d33980b6/proposal/dairy"),
            "same-issue-tied-proposer",
            0.786,
        ),
        link.Link(
            URIRef(ID + "0ed1afe5e49088cc/proposal/dairy"),
            URIRef(ID + "d1e09e6956c1f600/proposal/dairy"),
            "same-issue-proposer",
            1.0,
        ),
    ]
    # each fact compared with the 2 nearest of its block on each side: fewer links, and
    # others (a fact's best matches may be out of its window)
    monkeypatch.setattr(link, "COMPARE", 2)
    narrow = link.run(whole)
    assert (len(narrow), digest(whole)) == (NARROW_COUNT, NARROW_DIGEST)
    monkeypatch.undo()
    assert link.run(whole) == links  # the proposed links are proposed anew


NARROW_COUNT = 104
NARROW_DIGEST = "fe77e7eccd2dfe2d6dc40435e3da9620298d21402d8e43b21163aa067ca9380a"


def test_a_second_ingest_links_the_articles_it_wrote(unkeyed: Path, tmp_path: Path) -> None:
    reference = load_reference([unkeyed / "first" / "reference.yaml"])
    with open_store(tmp_path / "store") as store:
        assert ingest(store, [unkeyed / "first"], reference).ok
        assert len(link.run(store)) == 82
        assert digest(store) == "3b7d4b3a8d2f1718e847ee2fce2f289a19aa286a610f00b6e3c2a5da2a4fd7c0"
        outcome = ingest(store, [unkeyed / "second"], reference)
        written = [article_of_graph(v.graph) for v in outcome.verdicts if v.ok and v.graph]
        assert len(written) == ALL - FIRST
        assert len(link.run(store, articles=written)) == SECOND_COUNT
        assert digest(store) == SECOND_DIGEST


SECOND_COUNT = 126  # the 82 of the first ingest kept, 44 new ones
SECOND_DIGEST = "0eedc164184f3dedb893e6003334d668244d5cc3cd31cf04c09ce565a3d7a206"

# the facts as the linker read them before: one SELECT DISTINCT of both kinds, its first row
# for each fact
_UNION = """PREFIX tkg: <https://w3id.org/tradekg/ontology#>
PREFIX schema: <https://schema.org/>
SELECT DISTINCT ?fact ?kind ?article ?published ?agent ?issue ?agreement ?text ?thread WHERE {
  {
    ?fact tkg:proposer ?agent ;
          tkg:issue ?issue .
    BIND("proposal" AS ?kind)
    OPTIONAL { ?fact tkg:agreement ?agreement }
    OPTIONAL { ?fact tkg:summary ?text }
  } UNION {
    ?fact tkg:threatenedAction ?text ;
          tkg:agent ?agent .
    BIND("threat" AS ?kind)
  }
  ?fact tkg:report ?report .
  ?report tkg:inArticle ?article .
  OPTIONAL { ?article schema:datePublished ?published }
  OPTIONAL { ?fact tkg:thread ?thread }
}"""


def test_the_facts_are_read_as_one_union_query_read_them(whole: Store) -> None:
    rows = whole.select(_UNION).rows
    first: dict[object, tuple[object, ...]] = {}
    for row in rows:
        first.setdefault(row[0], row)
    expected = []
    for fact, kind, article, published, agent, issue, agreement, text, thread in sorted(
        first.values(), key=lambda r: str(r[0])
    ):
        assert isinstance(fact, URIRef) and isinstance(article, URIRef)
        expected.append(
            link.Candidate(
                fact,
                str(kind),
                article,
                date_of(published),  # type: ignore[arg-type]
                agent,  # type: ignore[arg-type]
                issue,  # type: ignore[arg-type]
                agreement,  # type: ignore[arg-type]
                link._words(text),  # type: ignore[arg-type]
                thread,  # type: ignore[arg-type]
            )
        )
    found = link.candidates(whole)
    assert found == expected
    assert len(found) == len(rows) == FACTS
    assert all(isinstance(c.published, dt.date) for c in found)


FACTS = 96  # 80 proposals and 16 threats, one row each


class _Rows:
    """A store that answers the linker's two queries with these rows (and no others)."""

    def __init__(self, proposals: list[tuple[object, ...]], threats: list[tuple[object, ...]]):
        self.answers = {link._PROPOSALS: proposals, link._THREATS: threats}

    def stream(
        self, query: str, bindings: object = None, *, cell: object, offset: int = 0
    ) -> Stream:
        variables = {
            link._PROPOSALS: "fact article published agent issue agreement text thread",
            link._THREATS: "fact article published agent text thread",
        }[query].split()
        return Stream(variables, iter(self.answers[query]))


def test_a_fact_read_twice_is_the_first_row_read() -> None:
    """A fact whose rows repeat (two reports, two threads) is read once, from its first row;
    a row without an article is no fact."""
    from rdflib import Literal
    from rdflib.namespace import XSD

    fact, article = URIRef(ID + "a/proposal/p"), URIRef(ID + "a")
    day = Literal("2018-01-02", datatype=XSD.date)
    us, dairy, t1, t2 = (URIRef(ID + x) for x in ("us", "dairy", "t1", "t2"))
    text = Literal("Open the dairy market")
    rows = [
        (fact, article, day, us, dairy, None, text, t1),
        (fact, article, day, us, dairy, None, text, t2),
        (URIRef(ID + "b/proposal/q"), None, day, us, dairy, None, text, None),
    ]
    threat = URIRef(ID + "a/threat/t")
    threats = [(threat, article, None, us, Literal("tariffs on cars"), None)] * 2
    found = link.candidates(_Rows(rows, threats))  # type: ignore[arg-type]
    assert found == [
        link.Candidate(
            fact, "proposal", article, dt.date(2018, 1, 2), us, dairy, None,
            frozenset({"open", "dairy", "market"}), t1,
        ),
        link.Candidate(
            threat, "threat", article, None, us, None, None, frozenset({"tariffs", "cars"})
        ),
    ]  # fmt: skip
