"""Reference data: the bundled file, and a user's file that extends it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli
from kg.loaders import load_reference
from kg.resources import sample_dir


def test_the_bundled_reference_has_the_sample_actors_with_verified_wikidata_ids() -> None:
    ref = load_reference()
    countries = {e.key: e.wikidata for e in ref.entities["actors"].values()
                 if e.kind == "Country"}
    assert countries == {"united-states": "Q30", "canada": "Q16", "mexico": "Q96"}
    freeland = ref.get("actors", "freeland")
    assert freeland is not None
    assert (freeland.name, freeland.affiliation, freeland.posts) == (
        "Chrystia Freeland", "canada", ("canada-foreign-minister",))
    sunset = ref.get("issues", "sunset-clause")
    assert sunset is not None and "expiration clause" in sunset.aliases


def test_a_user_file_extends_the_reference(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "actors:\n"
        "  - id: ng\n    type: Person\n    name: Mary Ng\n    aliases: [Ng]\n"
        "    affiliation: canada\n"
        "  - id: canada\n    type: Country\n    name: Canada (renamed)\n    wikidata: Q16\n",
        encoding="utf-8")
    ref = load_reference([extra])
    assert ref.get("actors", "ng") is not None
    canada = ref.get("actors", "canada")
    assert canada is not None and canada.name == "Canada (renamed)"  # later files win
    store = tmp_path / "store"
    runner = CliRunner()
    result = runner.invoke(cli, ["--store", str(store), "--reference", str(extra), "ingest",
                                 str(sample_dir())])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(cli, ["--store", str(store), "query", "actors", "--param",
                                 "actor=ng", "--format", "csv", "--columns", "label,affiliation"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.decode() == "label,affiliation\r\nMary Ng,Canada (renamed)\r\n"


def test_a_bad_reference_file_names_file_and_line(tmp_path: Path) -> None:
    extra = tmp_path / "bad.yaml"
    extra.write_text("actors:\n  - id: x\n    type: Person\n    name: X\n"
                     "    affiliation: atlantis\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "s"), "--reference", str(extra),
                                      "ingest", str(sample_dir())])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {extra}:2: affiliation 'atlantis' of 'x' is not a known "
                             "actor\n")
    assert not (tmp_path / "s").exists()
