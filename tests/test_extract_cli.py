"""`tradekg extract`, `tradekg eval` and `tradekg ingest --extract`, as a user runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner

from kg.cli import cli
from kg.resources import sample_dir

SAMPLE = sample_dir() / "nafta-round5.md"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_extract_prints_a_draft_in_the_facts_format(tmp_path: Path) -> None:
    code, out, err = run("extract", str(SAMPLE))
    assert code == 0, err
    doc = yaml.safe_load(out)
    assert doc["article"] == "nafta-round5.md"
    assert doc["draft"]["extractor"].startswith("tradekg ")
    facts = [
        f
        for section in ("proposals", "demands", "objections", "statements", "threats", "events")
        for f in doc.get(section, [])
    ]
    assert facts and all(
        f["review"] == "draft" and f["rule"] and 0 < f["confidence"] <= 1 and f["evidence"]
        for f in facts
    )
    assert err.startswith("drafted: ")


def test_a_written_draft_validates_and_ingests_as_drafts(tmp_path: Path) -> None:
    article = tmp_path / "round5.md"
    shutil.copy(SAMPLE, article)
    code, _, err = run("extract", "--write", str(article))
    assert code == 0, err
    draft = tmp_path / "round5.facts.yaml"
    assert err.endswith(f"-> {draft}\n")
    code, _, err = run("validate", str(draft))
    assert code == 0, err
    store = tmp_path / "store"
    code, _, err = run("--store", str(store), "ingest", str(article))
    assert code == 0, err
    code, out, err = run("--store", str(store), "query", "proposals", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)["results"]["bindings"]
    assert rows and {r["review"]["value"] for r in rows} == {"draft"}


def test_extract_never_overwrites_a_facts_file(tmp_path: Path) -> None:
    article = tmp_path / "round5.md"
    shutil.copy(SAMPLE, article)
    facts = tmp_path / "round5.facts.yaml"
    facts.write_text("reviewed by a person\n", encoding="utf-8")
    code, _, err = run("extract", "--write", str(article))
    assert code == 2
    assert err == (
        f"Error: {facts} exists; it may hold reviewed facts (give --force to replace it)\n"
    )
    assert facts.read_text(encoding="utf-8") == "reviewed by a person\n"
    code, _, err = run("extract", "--write", "--force", str(article))
    assert code == 0, err
    assert yaml.safe_load(facts.read_text(encoding="utf-8"))["draft"]


def test_several_articles_need_write(tmp_path: Path) -> None:
    code, _, err = run("extract", str(SAMPLE), str(SAMPLE))
    assert (code, err) == (
        2,
        "Error: several articles need --write (each draft goes next to its article)\n",
    )


def test_extract_needs_the_publication_date(tmp_path: Path) -> None:
    article = tmp_path / "undated.md"
    article.write_text(
        "---\nurl: https://example.org/a\ntitle: A\nlanguage: en\n---\nTalks resume next month.\n",
        encoding="utf-8",
    )
    code, _, err = run("extract", str(article))
    assert code == 1
    assert err.startswith(f"Error: {article}:")
    assert "front matter lacks 'published'" in err


def test_extract_refuses_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    article = tmp_path / "latin1.md"
    article.write_bytes(
        "---\nurl: https://example.org/a\ntitle: Ç\npublished: 2017-11-21\n"
        "language: en\n---\nÇa va.\n".encode("latin-1")
    )
    code, _, err = run("extract", str(article))
    assert code == 1
    assert err.startswith(f"Error: {article}") and "UTF-8" in err


def test_ingest_extract_loads_only_articles_without_facts(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SAMPLE, inbox / "drafted.md")
    other = inbox / "curated.md"
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "https://w3id.org/tradekg/sample/nafta-round5", "https://example.org/curated"
    )
    other.write_text(text, encoding="utf-8")
    curated = (sample_dir() / "nafta-round5.facts.yaml").read_text(encoding="utf-8")
    (inbox / "curated.facts.yaml").write_text(
        curated.replace("article: nafta-round5.md", "article: curated.md"), encoding="utf-8"
    )
    (inbox / "README.md").write_text("# What this folder holds\n", encoding="utf-8")
    store = tmp_path / "store"
    code, _, err = run("--store", str(store), "ingest", str(inbox))
    assert code == 0, err
    assert "1 article(s) loaded" in err  # without --extract, only the curated one
    code, _, err = run("--store", str(store), "ingest", "--extract", str(inbox))
    assert code == 0, err
    assert "2 article(s) loaded, 0 rejected" in err  # the README is not an article
    code, out, _ = run("--store", str(store), "query", "objections", "--format", "json")
    reviews = {
        (r["headline"]["value"], r["review"]["value"])
        for r in json.loads(out)["results"]["bindings"]
    }
    assert {review for _, review in reviews} == {"curated", "draft"}


def test_eval_on_the_sample_prints_scores_per_type() -> None:
    code, out, err = run("eval", str(sample_dir()))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == [
        "articles",
        "type",
        "gold",
        "drafted",
        "matched",
        "precision",
        "recall",
    ]
    rows = {line.split()[2]: line.split()[3:] for line in lines[1:6]}
    assert rows["quotes"] == ["3", "3", "3", "1.00", "1.00"]
    assert rows["proposals"] == ["4", "4", "4", "1.00", "1.00"]
    assert lines[6].startswith("drafting: ") and lines[6].endswith(" articles/s")


def test_ingest_extract_takes_an_article_that_starts_with_a_bom(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bom.md").write_bytes(b"\xef\xbb\xbf" + SAMPLE.read_bytes())
    code, _, err = run("--store", str(tmp_path / "store"), "ingest", "--extract", str(inbox))
    assert code == 0, err
    assert "1 article(s) loaded, 0 rejected" in err
