"""The real-text dev set's tooling (benchmarks/realdev/check.py) and the consistency of its
manifest and gold files. The article texts are not in the repository, so these tests use a
page of their own for the rebuild and check the committed files against each other."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
REALDEV = ROOT / "benchmarks" / "realdev"


def _check_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("realdev_check", REALDEV / "check.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check = _check_module()

PAGE = """ date 2021-06-02 Skip to navigationSkip to content
Trade pact opens talks
By Jane Roe

Ministers agreed on Wednesday to begin talks.   It was  quick.
Red line
Trade pact opens talks
A caption of the photo, Tokyo (Pool Photo via AP)
A caption of the photo, Tokyo (Pool Photo via AP)
"We welcome it," the minister said. Read more
Read more
The next meeting is in July, officials said, and the U.S. wants a date. Britain hopes to wr"""

CLEANED = (
    "Ministers agreed on Wednesday to begin talks. It was quick.\n\n"
    "A caption of the photo, Tokyo (Pool Photo via AP)\n\n"
    '"We welcome it," the minister said. Read more\n\n'
    "The next meeting is in July, officials said, and the U.S. wants a date."
)


def test_clean_applies_the_documented_rule() -> None:
    assert check.clean(PAGE, "Trade pact opens talks") == CLEANED


GOLD = """# Gold facts: a test page.
# url: https://example.org/news/pact
# headline: Trade pact opens talks
# query: trade pact talks
# length: {length}
article: pact-2021.txt

events:
  - id: talks
    type: Negotiation
    name: Talks on the pact
    status: scheduled
    evidence: Ministers agreed on Wednesday to begin talks.
    when: {{phrase: on Wednesday, date: 2021-06-02}}
"""

ENTRY = {
    "id": "pact-2021",
    "split": "tune",
    "topic": "test",
    "url": "https://example.org/news/pact",
    "headline": "Trade pact opens talks",
    "publisher": "Example",
    "published": "2021-06-02",
    "query": "trade pact talks",
    "length": len(CLEANED),
}


@pytest.fixture
def realdev(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A one-article set: its manifest, gold file and saved page under tmp_path."""
    (tmp_path / "gold").mkdir()
    (tmp_path / "raw").mkdir()
    (tmp_path / "manifest.yaml").write_text(yaml.safe_dump([ENTRY]), encoding="utf-8")
    (tmp_path / "gold" / "pact-2021.facts.yaml").write_text(
        GOLD.format(length=len(CLEANED)), encoding="utf-8"
    )
    (tmp_path / "raw" / "pact-2021.txt").write_text(PAGE, encoding="utf-8")
    monkeypatch.setattr(check, "MANIFEST", tmp_path / "manifest.yaml")
    monkeypatch.setattr(check, "GOLD", tmp_path / "gold")
    return tmp_path


def test_build_writes_an_article_that_loads_and_checks(
    realdev: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kg.loaders import load_facts, load_reference

    out = realdev / "out"
    assert check.main(["build", str(realdev / "raw"), str(out)]) == 0
    assert capsys.readouterr().err == "1 articles, 0 problem(s)\n"
    article = out / "tune" / "pact-2021.txt"
    assert check.article_text(article) == CLEANED
    facts = load_facts(out / "tune" / "pact-2021.facts.yaml", load_reference())
    assert [e.time.value for e in facts.events if e.time is not None] == ["2021-06-02"]
    assert check.main(["check", str(out)]) == 0


def test_check_reports_a_changed_text(realdev: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = realdev / "out"
    assert check.main(["build", str(realdev / "raw"), str(out)]) == 0
    article = out / "tune" / "pact-2021.txt"
    article.write_text(
        article.read_text(encoding="utf-8").replace("on Wednesday", "on Tuesday"),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert check.main(["check", str(out)]) == 1
    assert capsys.readouterr().err == (
        f"pact-2021: text has {len(CLEANED) - 2} characters, the manifest says {len(CLEANED)}\n"
        "pact-2021: not in the text: 'Ministers agreed on Wednesday to begin talks.'\n"
        "pact-2021: not in the text: 'on Wednesday'\n"
        "1 articles, 3 problem(s)\n"
    )


def test_manifest_and_gold_files_agree() -> None:
    entries = yaml.safe_load((REALDEV / "manifest.yaml").read_text(encoding="utf-8"))
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids)) == 45
    assert Counter(e["split"] for e in entries) == {"tune": 29, "heldout": 16}
    assert sorted(p.name for p in (REALDEV / "gold").iterdir()) == sorted(
        f"{i}.facts.yaml" for i in ids
    )
    for entry in entries:
        text = (REALDEV / "gold" / f"{entry['id']}.facts.yaml").read_text(encoding="utf-8")
        for key in ("url", "headline", "query", "length"):
            assert f"# {key}: {entry[key]}\n" in text, (entry["id"], key)
        gold = yaml.safe_load(text)
        assert gold["article"] == f"{entry['id']}.txt"
        too_long = [s for s in check._spans(gold) if len(s.split()) > 25]
        assert too_long == [], entry["id"]
