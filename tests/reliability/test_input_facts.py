"""Bad input, facts and article files: impossible dates, control characters (U+0000),
BOM and CRLF, deep nesting. Each is an error naming file and line, exit 1, store unchanged,
or (BOM, CRLF) loads exactly like the clean file."""

from __future__ import annotations

from pathlib import Path

import pytest
from input_support import SAMPLE_ARTICLE, dump, line_of, run, same_dataset, sample_copy


@pytest.fixture
def store(sample_store_copy: Path) -> Path:
    return sample_store_copy


def rejected(store: Path, facts: Path) -> str:
    before = dump(store)
    code, out, err = run("--store", str(store), "ingest", str(facts))
    assert (code, out) == (1, b""), err
    assert f"rejected: {facts} (" in err
    assert dump(store) == before
    return err


def test_an_impossible_date_in_facts(tmp_path: Path, store: Path) -> None:
    facts = sample_copy(tmp_path / "in", facts=("date: 2017-12}", "date: 2017-02-30}"))
    err = rejected(store, facts)
    line = line_of(facts, "2017-02-30")
    assert (
        f"  {facts}:{line}: error: '2017-02-30' is not a date that exists (day is out of "
        "range for month) (check the day and month; quote the value if it is not meant as "
        "a date)\n"
    ) in err


def test_an_impossible_publication_date(tmp_path: Path, store: Path) -> None:
    facts = sample_copy(tmp_path / "in", article=("published: 2017-11-21", "published: 2017-02-29"))
    err = rejected(store, facts)
    assert (
        f"  {tmp_path / 'in' / SAMPLE_ARTICLE}:5: error: '2017-02-29' is not a date that "
        "exists (day is out of range for month)"
    ) in err


def test_nul_in_the_article_text_is_refused(tmp_path: Path, store: Path) -> None:
    """U+0000 (and every control character but tab and line ends) is refused: XML 1.0 cannot
    carry it, so the article could not be exported as RDF/XML."""
    facts = sample_copy(tmp_path / "in", text="A paragraph with a \x00 in it.")
    err = rejected(store, facts)
    article = tmp_path / "in" / SAMPLE_ARTICLE
    line = len(article.read_text(encoding="utf-8").split("\n")) - 1
    assert (
        f"  {article}:{line}: error: control character U+0000 at column 20 (tradekg keeps "
        "no control characters other than tab and line ends (RDF/XML cannot carry them); "
        "remove it)\n"
    ) in err


def test_nul_escaped_in_yaml_is_refused(tmp_path: Path, store: Path) -> None:
    facts = sample_copy(
        tmp_path / "in",
        facts=(
            "summary: Add an expiration (sunset) clause to NAFTA.",
            'summary: "Add an expiration\\0 clause"',
        ),
    )
    err = rejected(store, facts)
    line = line_of(facts, "expiration\\0")
    assert (
        f"  {facts}:{line - 4}: error: the value holds control character U+0000 at offset "
        "17 (only tab and line ends are kept; remove it) "
        "[id:article/11f0a1b12fa8bf03/proposal/sunset-clause tkg:summary]\n"
    ) in err


def test_bom_and_crlf_load_like_the_clean_files(tmp_path: Path, sample_store_dir: Path) -> None:
    facts = sample_copy(tmp_path / "in")
    for path in (facts, tmp_path / "in" / SAMPLE_ARTICLE):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    code, _, err = run("--store", str(tmp_path / "store"), "ingest", str(facts))
    assert code == 0, err
    assert same_dataset(dump(tmp_path / "store"), dump(sample_store_dir))


@pytest.mark.parametrize("nesting", ["[" * 100_000, "{a: " * 100_000, "- " * 50_000 + "x"])
def test_deeply_nested_yaml(tmp_path: Path, store: Path, nesting: str) -> None:
    facts = sample_copy(tmp_path / "in")
    facts.write_text("article: nafta-round5.md\nproposals: " + nesting + "\n", encoding="utf-8")
    err = rejected(store, facts)
    assert (
        f"  {facts}:2: error: malformed YAML: " in err
        or f"  {facts}: error: malformed YAML: nested too deeply" in err
    )


def test_an_id_that_is_a_list(tmp_path: Path, store: Path) -> None:
    """Found by test_input_properties: a list as an id was a TypeError traceback."""
    edit = ("  - id: official-with-knowledge\n", "  - id: []\n")
    facts = sample_copy(tmp_path / "in", facts=edit)
    err = rejected(store, facts)
    line = line_of(facts, "id: []")
    assert (
        f"  {facts}:{line}: error: id [] is not a valid id (use lower-case letters, digits "
        "and hyphens, e.g. 'sunset-clause')\n"
    ) in err
