"""Rebuild the real-text dev set's article files from saved page texts, and check them against
the gold facts files.

    python benchmarks/realdev/check.py build RAW_DIR OUT_DIR
    python benchmarks/realdev/check.py check OUT_DIR

The articles are third-party news pages and are not in the repository: only their gold facts
(``gold/<id>.facts.yaml``) and where they came from (``manifest.yaml``: URL, headline, the
query that found the page, its length) are. To rebuild them, save each page's text, exactly as
the stored-pages service returns it for the manifest's query, as ``RAW_DIR/<id>.txt``; then
``build`` cleans it (``clean`` below: the rule is deterministic), writes the article file with
its front-matter header as ``OUT_DIR/<split>/<id>.txt`` next to a copy of its gold file, and
checks it. ``check`` checks built files again: the cleaned text has the manifest's length, and
every evidence span and time phrase of the gold file occurs in it exactly. Score the extractor
on a half with ``tradekg eval OUT_DIR/tune --per-article``.

Exit status: 0 when every article checks, 1 when one does not (each problem is printed), 2 on
a usage error.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.yaml"
GOLD = HERE / "gold"

# --- the cleaning rule ---------------------------------------------------------------------
# 1. A leading "date YYYY-MM-DD " (or "date YYYY-MM ") that the service puts before some pages'
#    text is removed (it is the page's date, recorded in the manifest as `published`).
# 2. The text is split into lines; each line's runs of white space become one space and the
#    line is stripped. Empty lines are dropped.
# 3. A line is dropped when it is
#    a. the headline (compared without case), wherever it occurs;
#    b. navigation: it starts with one of NAV_PREFIXES (compared without case);
#    c. a byline: it starts with "By " and does not end like a sentence;
#    d. short: fewer than 5 words and does not end like a sentence (section headings,
#       datelines of the agency alone, "Read more", photo credits such as "• Kyodo");
#    e. the same as the line kept just before it (repeated captions).
#    "Ends like a sentence": its last character is one of . ! ? " ' ” ’ ) ]
# 4. The kept lines are joined with one empty line between them (one paragraph each).
# 5. The page text is an opening that the service cuts mid-sentence: the text ends at its last
#    sentence end, a . ! or ? followed by any closing quotes or brackets and then white space
#    or the end of the text ("…" is not a sentence end: pages mark a cut with it).
NAV_PREFIXES = (
    "skip to",
    "subscribe",
    "read more",
    "watch ",
    "advertisement",
    "share this",
    "leave a reply",
    "click here",
    "sign up",
    "already a subscriber",
    "we need your consent",
    "print print",
    "printer-friendly",
)
SENTENCE_ENDS = tuple(".!?\"'”’)]")
SERVICE_DATE = re.compile(r"\A\s*date \d{4}-\d{2}(?:-\d{2})? ")
LAST_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s|\Z)")


def clean(raw: str, headline: str) -> str:
    """The article text of a page as the service returned it (see the rule above)."""
    raw = SERVICE_DATE.sub("", raw, count=1)
    kept: list[str] = []
    for line in raw.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        folded = line.casefold()
        sentence = line.endswith(SENTENCE_ENDS)
        if (
            folded == headline.casefold()
            or folded.startswith(NAV_PREFIXES)
            or (line.startswith("By ") and not sentence)
            or (len(line.split()) < 5 and not sentence)
            or (kept and kept[-1] == line)
        ):
            continue
        kept.append(line)
    text = "\n\n".join(kept)
    ends = list(LAST_SENTENCE_END.finditer(text))
    return text[: ends[-1].end()] if ends else text


# --- article files and gold files ----------------------------------------------------------


def manifest() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return entries


def front_matter(entry: dict[str, Any]) -> str:
    meta = {
        "url": entry["url"],
        "title": entry["headline"],
        "publisher": entry["publisher"],
        "published": str(entry["published"]),
        "language": "en",
    }
    if entry.get("published_note"):
        meta["published_note"] = entry["published_note"]
    body = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{body}---\n"


def article_text(path: Path) -> str:
    """The text of an article file: everything after the header's closing '---' line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    return "\n".join(lines[close + 1 :])


def _spans(node: Any) -> list[str]:
    """Every evidence text and time phrase in a parsed facts file."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("evidence", "phrase") and isinstance(value, str):
                found.append(value)
            else:
                found += _spans(value)
    elif isinstance(node, list):
        for item in node:
            found += _spans(item)
    return found


ELISION = re.compile(r"…|\.\.\.|\[\.\.\.\]")


def problems(entry: dict[str, Any], text: str) -> list[str]:
    """What is wrong with one rebuilt text against its manifest entry and gold file."""
    out: list[str] = []
    name = entry["id"]
    if len(text) != entry["length"]:
        out.append(f"{name}: text has {len(text)} characters, the manifest says {entry['length']}")
    gold_path = GOLD / f"{name}.facts.yaml"
    if not gold_path.exists():
        return out + [f"{name}: no gold file {gold_path}"]
    gold_text = gold_path.read_text(encoding="utf-8")
    for key in ("url", "headline", "query", "length"):
        if f"# {key}: {entry[key]}\n" not in gold_text:
            out.append(f"{name}: the gold file's header lacks '# {key}: {entry[key]}'")
    gold = yaml.safe_load(gold_text)
    if gold.get("article") != f"{name}.txt":
        out.append(f"{name}: the gold file's article should be {name}.txt")
    for span in _spans(gold):
        for part in ELISION.split(span):  # an elided quotation: each part, in the text
            part = part.strip()
            if part and part not in text:
                out.append(f"{name}: not in the text: {span!r}")
                break
        if len(span.split()) > 25:
            out.append(f"{name}: more than 25 words: {span!r}")
    return out


def build(raw_dir: Path, out_dir: Path) -> list[str]:
    out: list[str] = []
    for entry in manifest():
        name = entry["id"]
        raw_path = raw_dir / f"{name}.txt"
        if not raw_path.exists():
            out.append(f"{name}: no saved page text {raw_path}")
            continue
        text = clean(raw_path.read_text(encoding="utf-8"), entry["headline"])
        target = out_dir / entry["split"]
        target.mkdir(parents=True, exist_ok=True)
        (target / f"{name}.txt").write_text(front_matter(entry) + text, encoding="utf-8")
        gold_path = GOLD / f"{name}.facts.yaml"
        if gold_path.exists():
            shutil.copyfile(gold_path, target / f"{name}.facts.yaml")
        out += problems(entry, text)
    return out


def check(out_dir: Path) -> list[str]:
    out: list[str] = []
    for entry in manifest():
        path = out_dir / entry["split"] / f"{entry['id']}.txt"
        if not path.exists():
            out.append(f"{entry['id']}: no article file {path}")
            continue
        out += problems(entry, article_text(path))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="clean saved page texts into article files, then check")
    b.add_argument("raw", type=Path, help="directory of <id>.txt page texts as returned")
    b.add_argument("out", type=Path, help="where to write <split>/<id>.txt and gold copies")
    c = sub.add_parser("check", help="check built article files against the gold")
    c.add_argument("out", type=Path, help="the directory 'build' wrote")
    args = parser.parse_args(argv)
    found = build(args.raw, args.out) if args.command == "build" else check(args.out)
    for line in found:
        print(line, file=sys.stderr)
    count = len(manifest())
    print(f"{count} articles, {len(found)} problem(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
