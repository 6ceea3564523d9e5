"""Bad-looking but good input: right-to-left text, combining marks, emoji and joiners in
quotes survive ingest -> store -> every export syntax -> re-import unchanged (isomorphic
datasets), and the quote is still found at its offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
from input_support import dump, run, same_dataset, sample_copy

QUOTE = (
    "«لن نوافق على هذا» — אמר השר; Mexique e\u0301 a\u0308\u0323 "
    "👍🏽 👩‍👩‍👧 🇨🇦 \u200f\u202eRTL override\u202c 𝔘𝔫𝔦𝔠𝔬𝔡𝔢"
)
STATEMENT = (
    f"  - id: unicode-words\n    by: freeland\n    mode: direct-quote\n"
    f'    verb: said\n    evidence: "{QUOTE}"\n'
)
EXPORTS = {
    "trig": "trig",
    "nquads": "nq",
    "turtle": "ttl",
    "ntriples": "nt",
    "rdfxml": "rdf",
    "jsonld": "jsonld",
}


@pytest.fixture(scope="module")
def unicode_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("unicode")
    facts = sample_copy(root / "in", text=f"Freeland said: {QUOTE} and left.", statement=STATEMENT)
    code, _, err = run("--store", str(root / "store"), "ingest", str(facts))
    assert code == 0, err
    return root / "store"


def test_the_quote_is_stored_as_written(unicode_store: Path) -> None:
    code, out, err = run(
        "--store",
        str(unicode_store),
        "query",
        "quotes",
        "--param",
        "speaker=freeland",
        "--format",
        "tsv",
    )
    assert code == 0, err
    assert f'"{QUOTE}"'.encode() in out


@pytest.mark.parametrize("fmt", EXPORTS)
def test_every_export_reimports_unchanged(tmp_path: Path, unicode_store: Path, fmt: str) -> None:
    code, data, err = run("--store", str(unicode_store), "export", "--format", fmt)
    assert (code, err) == (0, "")
    path = tmp_path / f"export.{EXPORTS[fmt]}"
    path.write_bytes(data)
    code, _, err = run("--store", str(tmp_path / "copy"), "ingest", str(path))
    assert code == 0, err
    assert same_dataset(dump(tmp_path / "copy"), dump(unicode_store))
