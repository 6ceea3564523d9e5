"""The records the extractor drafts, before they are written as a facts file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.extract.mentions import Actor
from kg.extract.times import TimeMatch


@dataclass
class DraftedFact:
    """One drafted fact: its section in the facts file, the rule that found it, its evidence
    (offsets into the article text) and the other keys of its facts-file entry."""

    section: str  # a section of kg.kinds.KINDS: proposals, demands, objections, ..., events
    key: str
    rule: str
    confidence: float
    start: int
    end: int
    fields: dict[str, Any] = field(default_factory=dict)
    when: TimeMatch | None = None
    actors: tuple[Actor, ...] = ()  # actors the fact names (written to 'actors:' when local)
    reason: tuple[int, int, str | None] | None = None  # evidence offsets and kind
