"""Tables for the tools analysts already use: event data, discourse networks, Gephi.

- **Event rows** (``event_rows``), laid out as event-data sets are (PLOVER, CAMEO): one row per
  speech act with its date, source actor (the agent), target actor (the proposer of the proposal
  the act is about), event class, the quote and the article's URL. The mapping of speech acts to
  classes is ``EVENT_CLASSES``; a statement has no PLOVER class (PLOVER codes interactions), so
  its ``plover`` cell is empty and its CAMEO root is 01, "make public statement".
- **Discourse-network rows** (``discourse_rows``), as the Discourse Network Analyzer imports
  statements: date, document, person or organisation, concept (the issue), agreement (1 for
  support, 0 for opposition) and the text, from the ``positions`` query (a group's acts count
  for its members, as there).
- **GraphML** (``graphml``) of who stands with whom, for Gephi or any graph tool: actors as
  nodes, shared sides as weighted edges.

Rows are plain dicts of strings (and ints), written as CSV or JSON by ``write_rows``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import BinaryIO
from xml.etree import ElementTree

from rdflib import URIRef
from rdflib.term import Node

from kg.queries import run_saved
from kg.store import Store
from kg.terms import TKG
from kg.views.pictures import Tie

# speech act -> (PLOVER event class, CAMEO root code, CAMEO root name)
EVENT_CLASSES: dict[str, tuple[str, str, str]] = {
    "Statement": ("", "01", "MAKE PUBLIC STATEMENT"),
    "Demand": ("REQUEST", "10", "DEMAND"),
    "Objection": ("ACCUSE", "11", "DISAPPROVE"),
    "Rejection": ("REJECT", "12", "REJECT"),
    "Threat": ("THREATEN", "13", "THREATEN"),
    "Support": ("SUPPORT", "05", "ENGAGE IN DIPLOMATIC COOPERATION"),
}
EVENT_COLUMNS = (
    "date", "source_actor", "target_actor", "event_class", "cameo_root", "cameo_name",
    "act", "quote", "url", "headline", "source_actor_iri", "target_actor_iri", "fact", "review",
)  # fmt: skip
DISCOURSE_COLUMNS = (
    "date", "document", "person", "organization", "concept", "agreement", "text", "strength",
    "via", "actor_iri", "concept_iri", "fact",
)  # fmt: skip


def _s(value: Node | None) -> str:
    return "" if value is None else str(value)


def _records(store: Store, name: str) -> list[dict[str, str]]:
    results = run_saved(store, name)
    return [{k: _s(v) for k, v in zip(results.variables, row, strict=True)} for row in results.rows]


def event_rows(store: Store) -> list[dict[str, str]]:
    """Every speech act as an event-data row (see ``EVENT_CLASSES``), in date order."""
    rows = []
    for r in _records(store, "acts"):
        plover, cameo, cameo_name = EVENT_CLASSES.get(r["type"], ("", "", ""))
        rows.append(
            {
                "date": r["date"],
                "source_actor": r["agentLabel"],
                "target_actor": r["targetActorLabel"],
                "event_class": plover,
                "cameo_root": cameo,
                "cameo_name": cameo_name,
                "act": r["type"],
                "quote": r["exact"],
                "url": r["url"],
                "headline": r["headline"],
                "source_actor_iri": r["agent"],
                "target_actor_iri": r["targetActor"],
                "fact": r["fact"],
                "review": r["review"],
            }
        )
    return rows


_IS_A = "SELECT ?actor ?class WHERE { ?actor a ?class }"


def discourse_rows(store: Store) -> list[dict[str, str]]:
    """Every stance as a statement of a discourse network: actor x concept x agreement."""
    persons: dict[str, bool] = {}
    rows = []
    for r in _records(store, "positions"):
        actor = r["actor"]
        if actor not in persons:
            bound = {"actor": URIRef(actor), "class": TKG.Person}
            persons[actor] = bool(store.select(_IS_A, bound).rows)
        person = persons[actor]
        rows.append(
            {
                "date": r["date"],
                "document": r["headline"],
                "person": r["actorLabel"] if person else "",
                "organization": "" if person else r["actorLabel"],
                "concept": r["issueLabel"],
                "agreement": "1" if r["polarity"] == "support" else "0",
                "text": r["exact"],
                "strength": r["strength"],
                "via": r["via"],
                "actor_iri": actor,
                "concept_iri": r["issue"],
                "fact": r["fact"],
            }
        )
    return rows


def graphml(ties: Sequence[Tie]) -> bytes:
    """Who stands with whom as GraphML: node ``label``; edge ``weight`` (shared sides),
    ``side`` (objection or support) and ``issues``."""
    ns = "http://graphml.graphdrawing.org/xmlns"
    ElementTree.register_namespace("", ns)
    root = ElementTree.Element(f"{{{ns}}}graphml")
    for key, owner, name, kind in (
        ("label", "node", "label", "string"),
        ("weight", "edge", "weight", "int"),
        ("side", "edge", "side", "string"),
        ("issues", "edge", "issues", "string"),
    ):
        ElementTree.SubElement(
            root,
            f"{{{ns}}}key",
            {"id": key, "for": owner, "attr.name": name, "attr.type": kind},
        )
    graph = ElementTree.SubElement(root, f"{{{ns}}}graph", {"edgedefault": "undirected"})
    nodes = sorted({t.a for t in ties} | {t.b for t in ties})
    for iri, label in nodes:
        node = ElementTree.SubElement(graph, f"{{{ns}}}node", {"id": iri})
        ElementTree.SubElement(node, f"{{{ns}}}data", {"key": "label"}).text = label
    for n, t in enumerate(ties):
        edge = ElementTree.SubElement(
            graph, f"{{{ns}}}edge", {"id": f"e{n}", "source": t.a[0], "target": t.b[0]}
        )
        for key, value in (
            ("weight", str(t.weight)),
            ("side", t.kind),
            ("issues", "; ".join(t.what)),
        ):
            ElementTree.SubElement(edge, f"{{{ns}}}data", {"key": key}).text = value
    ElementTree.indent(root)
    data: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def write_rows(
    out: BinaryIO, rows: Iterable[Mapping[str, str]], columns: Sequence[str], fmt: str
) -> None:
    """Write rows as CSV (a header, then a line a row) or JSON (an array of objects)."""
    if fmt == "json":
        out.write(json.dumps(list(rows), ensure_ascii=False, indent=1).encode() + b"\n")
        return
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    text.detach()


__all__ = [
    "DISCOURSE_COLUMNS", "EVENT_CLASSES", "EVENT_COLUMNS", "discourse_rows", "event_rows",
    "graphml", "write_rows",
]  # fmt: skip
