"""Bad input, size and depth: a 10 MB literal, deeply nested YAML and JSON-LD. No traceback:
success or a tradekg error; and bounded memory, the peak resident size of the tradekg
process measured by getrusage (generous bounds: they catch blow-ups, not regressions)."""

from __future__ import annotations

from pathlib import Path

from input_support import G, measured, sample_copy

MIB = 1024  # getrusage reports KiB
TEN_MB = "word " * 2_000_000


def test_a_10_mb_article_text(tmp_path: Path) -> None:
    facts = sample_copy(tmp_path / "in", text=TEN_MB)
    code, err, peak = measured("--store", str(tmp_path / "store"), "ingest", str(facts))
    assert code == 0, err
    assert "1 article(s) loaded, 0 rejected" in err
    assert "Traceback" not in err
    assert peak < 1500 * MIB, peak


def test_a_10_mb_literal_in_turtle(tmp_path: Path) -> None:
    path = tmp_path / "big.ttl"
    path.write_text(
        f'<{G}> <https://w3id.org/tradekg/ontology#note> "{TEN_MB}" .\n', encoding="utf-8"
    )
    code, err, peak = measured("validate", str(path))
    assert code == 1
    assert f"  {path}: error: graph <{G}> holds 0 articles (tkg:Article), not 1" in err
    assert peak < 1000 * MIB, peak


def test_deeply_nested_jsonld(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonld"
    path.write_text(
        '{"@id": "https://w3id.org/tradekg/id/article/x", "https://schema.org/x": '
        + "[" * 200_000
        + "]" * 200_000
        + "}",
        encoding="utf-8",
    )
    code, err, peak = measured("validate", str(path))
    assert code == 1
    assert f"  {path}: error: malformed JSON-LD: nested too deeply\n" in err
    assert peak < 600 * MIB, peak


def test_deeply_nested_yaml(tmp_path: Path) -> None:
    facts = sample_copy(tmp_path / "in")
    facts.write_text(
        "article: nafta-round5.md\nproposals: " + "[" * 1_000_000 + "\n", encoding="utf-8"
    )
    code, err, peak = measured("validate", str(facts))
    assert code == 1
    assert f"  {facts}:2: error: malformed YAML: exceeded maximum nesting depth" in err
    assert peak < 600 * MIB, peak
