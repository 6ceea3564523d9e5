"""A draft written as a facts file: the format people write, plus the draft's provenance
(the ``draft:`` header and each fact's ``rule``, ``confidence`` and ``review: draft``)."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import yaml

from kg import __version__
from kg.extract import Draft, DraftedFact, KnownPeople, Lexicon, extract, load_lexicon
from kg.kinds import KINDS
from kg.loaders import Reference, load_facts, read_article
from kg.loaders.evidence import Finder
from kg.model import ArticleFacts

SECTIONS = tuple(section for section, kind in KINDS.items() if kind.drafted)


def draft_document(
    draft: Draft, facts_path: Path, article_path: Path, now: dt.datetime | None = None
) -> dict[str, Any]:
    """The facts-file mapping of a draft; evidence is quoted so the loader finds it again."""
    finder = Finder(draft.article.text)
    when = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    doc: dict[str, Any] = {
        "article": os.path.relpath(article_path, facts_path.parent),
        "draft": {"extractor": f"tradekg {__version__}", "extracted": when.isoformat()},
    }
    actors = []
    for actor in draft.local_actors():
        entry: dict[str, Any] = {"id": actor.key, "type": actor.kind}
        # a line break in the text is a space in the file: a name is one line (the loader
        # refuses a line break, as lists of names are joined with them: queries/actors.rq)
        name = " ".join(actor.name.split())
        if actor.kind == "UnnamedSource":
            entry["description"] = name
        else:
            entry["name"] = name
        if actor.members:
            entry["members"] = list(actor.members)
        if actor.affiliation:
            entry["affiliation"] = actor.affiliation
        if actor.kind != "Person":
            # a person is one node for the whole store, which every article naming them
            # shares: one article's draft marks (rule, review, confidence) do not belong there
            entry.update(rule=f"actor-{actor.found_by}", confidence=0.8, review="draft")
        actors.append(entry)
    if actors:
        doc["actors"] = actors
    keys: dict[str, set[str]] = {}
    renamed: dict[str, str] = {}
    for section in SECTIONS:
        entries = []
        for fact in (f for f in draft.facts if f.section == section):
            key = _unique(fact.key, keys.setdefault(section, set()))
            if section == "proposals":
                renamed[fact.key] = key
            entries.append(_entry(fact, key, finder, renamed))
        if entries:
            doc[section] = entries
    return doc


def _unique(key: str, taken: set[str]) -> str:
    key = re.sub(r"[^a-z0-9-]+", "-", key.lower()).strip("-") or "fact"
    if key[0].isdigit():
        key = "n" + key
    candidate, n = key, 2
    while candidate in taken:
        candidate, n = f"{key}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _evidence(finder: Finder, start: int, end: int) -> dict[str, Any]:
    raw = finder.text[start:end]
    start += len(raw) - len(raw.lstrip())
    words = " ".join(raw.split())  # a line break in the text is a space in the file
    out: dict[str, Any] = {"evidence": words}
    nth, count = finder.occurrence(words, start)
    if count > 1:
        out["occurrence"] = nth
    return out


def _entry(fact: DraftedFact, key: str, finder: Finder, renamed: dict[str, str]) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": key}
    for name, value in fact.fields.items():
        if name == "proposal" and isinstance(value, str):
            value = renamed.get(value, value)
        if name == "proposals" and isinstance(value, list):
            value = [renamed.get(v, v) for v in value]
        entry[name] = value
    entry.update(_evidence(finder, fact.start, fact.end))
    if fact.when is not None:
        phrase = " ".join(fact.when.phrase.split())
        entry["when"] = (
            {"phrase": phrase, "date": fact.when.value} if fact.when.value else {"phrase": phrase}
        )
    if fact.reason is not None:
        r_start, r_end, kind = fact.reason
        reason: dict[str, Any] = {"summary": _sentence_case(finder.text[r_start:r_end])}
        if kind:
            reason["kind"] = kind
        reason.update(_evidence(finder, r_start, r_end))
        entry["reason"] = reason
    entry.update(rule=fact.rule, confidence=fact.confidence, review="draft")
    return entry


def _sentence_case(words: str) -> str:
    words = " ".join(words.split()).strip(" ,.;")
    return words[:1].upper() + words[1:]


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def draft_yaml(
    draft: Draft, facts_path: Path, article_path: Path, now: dt.datetime | None = None
) -> str:
    doc = draft_document(draft, facts_path, article_path, now)
    head = (
        f"# Facts drafted by tradekg {__version__} from {doc['article']}: review every fact, "
        "correct it, and set\n# 'review: reviewed' (or delete the fact) before relying on "
        "it. Each fact names the rule that drafted it.\n"
    )
    for note in draft.notes:
        head += f"# Note: {note}\n"
    return head + yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def draft_facts(
    article_path: Path,
    reference: Reference,
    lexicon: Lexicon | None = None,
    now: dt.datetime | None = None,
    known: KnownPeople | None = None,
) -> ArticleFacts:
    """Draft an article's facts and read them back as the loader reads a facts file (so a
    draft is checked exactly like a file a person wrote); ``known`` people are found by
    surname alone too."""
    article = read_article(article_path)
    draft = extract(article, lexicon or load_lexicon(reference), known)
    path = article_path.with_name(article_path.stem + ".draft.facts.yaml")  # never written
    return load_facts(
        path,
        reference,
        shown_as=f"{article_path} (draft)",
        text=draft_yaml(draft, path, article_path, now),
        article=article,
    )
