"""Bad input: each case exits non-zero with a message naming file, line and fix, and the
store is exactly as it was before (same graphs, same quads)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import store_quads

from kg.cli import cli
from kg.resources import sample_dir

SAMPLE_FACTS = "nafta-round5.facts.yaml"


def copy_sample(
    dest: Path, replace: tuple[str, str] | None = None, *, name: str = SAMPLE_FACTS
) -> Path:
    """The sample article and facts in ``dest``, the facts edited by one replacement."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(sample_dir() / "nafta-round5.md", dest / "nafta-round5.md")
    text = (sample_dir() / SAMPLE_FACTS).read_text(encoding="utf-8")
    if replace is not None:
        old, new = replace
        assert old in text, f"fixture edit does not apply: {old!r}"
        text = text.replace(old, new, 1)
    target = dest / name
    target.write_text(text, encoding="utf-8")
    return target


def line_of(path: Path, words: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if words in line:
            return n
    raise AssertionError(f"{words!r} not in {path}")


snapshot = store_quads


@pytest.fixture
def loaded_store(sample_store_copy: Path) -> Path:
    """A store holding the sample article."""
    return sample_store_copy


def run_ingest(store_dir: Path, path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--store", str(store_dir), "ingest", str(path)])
    return result.exit_code, result.stderr


CASES = [
    pytest.param(
        ("    name: Canada and Mexico\n", '    name: "Canada and\\nMexico"\n'),
        'name: "Canada and',
        "error: actor 'canada-and-mexico': its name 'Canada and\\nMexico' holds a line break "
        "(write the name on one line: tradekg joins lists of names with line breaks "
        "(queries/actors.rq))",
        id="name-with-a-line-break",
    ),
    pytest.param(
        (
            "evidence: pushing to add an expiration clause to NAFTA",
            "evidence: pushing to add a sunset clause to NAFTA",
        ),
        "pushing to add a sunset clause",
        "error: evidence is not in the article text: 'pushing to add a sunset clause to NAFTA' "
        "(copy the words exactly from the article; quotes, dashes and spaces may differ only "
        "in their typographic form)",
        id="quote-not-in-article",
    ),
    pytest.param(
        ("    by: trump\n", "    by: trumpp\n"),
        "by: trumpp",
        "error: unknown actor 'trumpp' (did you mean 'trump'?)",
        id="unknown-actor",
    ),
    pytest.param(
        ("    summary: Add an expiration (sunset) clause to NAFTA.\n", ""),
        "- id: sunset-clause",
        "error: 'summary' is required here",
        id="missing-required-field",
    ),
    pytest.param(
        ("when: {phrase: next month, date: 2017-12}", "when: {phrase: next month, date: 2017-13}"),
        "date: 2017-13",
        "error: date '2017-13' does not parse (write YYYY-MM-DD for a day, YYYY-Www for a week "
        "(2017-W48: its ISO week number), YYYY-MM for a month or YYYY for a year)",
        id="date-does-not-parse",
    ),
    pytest.param(
        (
            "    proposer: united-states\n    issue: sunset-clause\n",
            "    proposer: [united-states\n    issue: sunset-clause\n",
        ),
        "proposer: [united-states",  # the bracket left open, not the line where it was noticed
        "error: malformed YAML: did not find expected ',' or ']' (check indentation and quoting "
        "on that line)",
        id="malformed-yaml",
    ),
    pytest.param(
        ("    proposal: sunset-clause\n", "    proposal: sunset-clase\n"),
        "proposal: sunset-clase",
        "error: proposal 'sunset-clase' is not defined in this file (define it under 'proposals:')",
        id="unknown-proposal",
    ),
    pytest.param(
        ("    mode: paraphrase\n", "    mode: parafrase\n"),
        "mode: parafrase",
        "error: mode 'parafrase' is not known (use one of direct-quote, partial-quote, "
        "paraphrase, outlet-voice)",
        id="unknown-mode",
    ),
    pytest.param(
        ("    verb: acknowledged\n", "    verb: acknowledged\n    verbb: said\n"),
        "verbb: said",
        "error: unknown key 'verbb' in an entry of 'statements' (did you mean 'verb'?)",
        id="unknown-key",
    ),
    pytest.param(
        ("    evidence: changes the trading partners also object to\n", "    evidence: the\n"),
        "evidence: the\n",
        "error: evidence occurs 22 times in the article (text lines 1, 2, 3, 4, 5): 'the' "
        "(quote more words so they occur once, or add 'occurrence: N')",
        id="ambiguous-evidence",
    ),
]


@pytest.mark.parametrize(("edit", "line_words", "message"), CASES)
def test_bad_facts_are_rejected_and_store_is_unchanged(
    tmp_path: Path, loaded_store: Path, edit: tuple[str, str], line_words: str, message: str
) -> None:
    before = snapshot(loaded_store)
    facts = copy_sample(tmp_path / "in", edit)
    # the edited copy is the same article (same URL): a successful load would replace it
    code, err = run_ingest(loaded_store, facts)
    line = line_of(facts, line_words.rstrip("\n"))
    assert code == 1
    assert f"rejected: {facts} (1 error; nothing of it was written)" in err
    assert f"  {facts}:{line}: {message}\n" in err
    assert "0 article(s) loaded, 1 rejected" in err
    assert snapshot(loaded_store) == before


def test_non_utf8_facts_file(tmp_path: Path, loaded_store: Path) -> None:
    before = snapshot(loaded_store)
    facts = copy_sample(tmp_path / "in")
    data = facts.read_bytes().replace(b"Canada and Mexico", b"Canad\xe1 and Mexico", 1)
    facts.write_bytes(data)
    line = data[: data.index(b"\xe1")].count(b"\n") + 1
    code, err = run_ingest(loaded_store, facts)
    assert code == 1
    offset = data.index(b"\xe1")
    assert (
        f"  {facts}:{line}: error: not UTF-8: byte 0xe1 at offset {offset} "
        "(save the file as UTF-8)\n"
    ) in err
    assert snapshot(loaded_store) == before


def test_non_utf8_article(tmp_path: Path, loaded_store: Path) -> None:
    before = snapshot(loaded_store)
    facts = copy_sample(tmp_path / "in")
    article = tmp_path / "in" / "nafta-round5.md"
    article.write_bytes(article.read_bytes().replace("’".encode(), b"\x92", 1))
    code, err = run_ingest(loaded_store, facts)
    assert code == 1
    assert f"  {article}:14: error: not UTF-8: byte 0x92 at offset" in err
    assert snapshot(loaded_store) == before


def test_article_without_date(tmp_path: Path) -> None:
    facts = copy_sample(tmp_path / "in")
    article = tmp_path / "in" / "nafta-round5.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("published: 2017-11-21\n", ""), encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["validate", str(facts)])
    assert result.exit_code == 1
    assert (
        f"  {article}:10: error: front matter lacks 'published' (add 'published: ...' "
        "to the header)\n"
    ) in result.stderr


def test_a_bad_article_does_not_block_a_good_one(tmp_path: Path) -> None:
    good = copy_sample(tmp_path / "good")
    bad = copy_sample(tmp_path / "bad", ("    by: trump\n", "    by: nobody\n"))
    store_dir = tmp_path / "store"
    result = CliRunner().invoke(cli, ["--store", str(store_dir), "ingest", str(bad), str(good)])
    assert result.exit_code == 1
    assert "1 article(s) loaded, 1 rejected" in result.stderr
    assert f"loaded: {good} (821 triples, 6 info)" in result.stderr


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--store", str(tmp_path / "s"), "ingest", str(tmp_path / "nope.facts.yaml")]
    )
    assert result.exit_code == 2  # a usage error, as README says
    assert result.stderr == f"Error: {tmp_path / 'nope.facts.yaml'}: no such file or directory\n"
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize(
    ("edit", "words", "problem"),
    [
        pytest.param(
            ("    name: Canada and Mexico\n", "    name: [Canada and Mexico\n"),
            "name: [Canada and Mexico",
            "did not find expected ',' or ']'",
            id="flow-list-left-open",
        ),
        pytest.param(
            ("    name: Canada and Mexico\n", "    name: {Canada and Mexico\n"),
            "name: {Canada and Mexico",
            "did not find expected ',' or '}'",
            id="flow-mapping-left-open",
        ),
        pytest.param(
            ("    name: Canada and Mexico\n", "    name Canada and Mexico\n"),
            "name Canada and Mexico",
            "could not find expected ':'",
            id="key-without-colon",
        ),
        pytest.param(
            ("    name: Canada and Mexico\n", "    name: Canada: and Mexico\n"),
            "name: Canada: and Mexico",
            "mapping values are not allowed in this context",
            id="colon-in-value",
        ),
    ],
)
def test_yaml_errors_name_the_line_of_the_mistake(
    tmp_path: Path, edit: tuple[str, str], words: str, problem: str
) -> None:
    """PyYAML notices a construct left open at the next token, often on the next line; the
    message names the line where the construct opens."""
    facts = copy_sample(tmp_path / "in", edit)
    result = CliRunner().invoke(cli, ["validate", str(facts)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"does not conform: {facts}\n  {facts}:{line_of(facts, words)}: error: malformed YAML: "
        f"{problem} (check indentation and quoting on that line)\n"
    )


@pytest.mark.parametrize("command", ["ingest", "validate", "extract"])
def test_a_missing_file_is_a_usage_error(tmp_path: Path, command: str) -> None:
    """README: exit 2 for a usage error; naming a file that does not exist is one."""
    missing = tmp_path / "nope.md"
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "s"), command, str(missing)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: {missing}: no such file or directory\n"
    assert not (tmp_path / "s").exists()


def test_a_missing_reference_file_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = CliRunner().invoke(
        cli, ["--store", str(tmp_path / "s"), "--reference", str(missing), "validate", "x"]
    )
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: {missing}: no such file or directory "
        "(a file given with --reference or TRADEKG_REFERENCE)\n"
    )
