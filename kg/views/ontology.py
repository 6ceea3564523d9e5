"""The ontology's documentation, made from ``ontology/tradekg.ttl``: every class, property and
individual with its label and definition. The server shows it at the ontology's IRI (for HTML
clients) and ``tradekg export --format ontology-html`` writes it as one file."""

from __future__ import annotations

from html import escape

from rdflib import OWL, RDF, RDFS, URIRef

from kg.resources import ontology_graph
from kg.terms import ONTOLOGY_IRI, SKOS

STYLE = """
body{font-family:system-ui,sans-serif;max-width:70rem;margin:1rem auto;padding:0 1rem;color:#222;
line-height:1.45}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.25rem .5rem;
text-align:left;vertical-align:top}th{background:#f3f3f3}.note{color:#555}
"""


def _esc(text: object) -> str:
    return escape(str(text), quote=True)


def body() -> tuple[str, str]:
    """The title and the HTML body of the documentation (tables of terms, with anchors)."""
    graph = ontology_graph()
    iri = URIRef(ONTOLOGY_IRI)
    title = str(graph.value(iri, URIRef("http://purl.org/dc/terms/title")) or "Ontology")
    description = str(graph.value(iri, URIRef("http://purl.org/dc/terms/description")) or "")
    version = graph.value(iri, OWL.versionIRI)
    parts = [
        f"<p>{_esc(description)}</p>",
        f'<p class="note">IRI <code>{_esc(ONTOLOGY_IRI)}</code>'
        + (f" · version <code>{_esc(version)}</code>" if version else "")
        + ' · as <a href="/ontology?format=turtle">Turtle</a>, '
        '<a href="/ontology?format=jsonld">JSON-LD</a>.</p>',
    ]
    sections = (
        ("Classes", OWL.Class),
        ("Object properties", OWL.ObjectProperty),
        ("Data properties", OWL.DatatypeProperty),
        ("Individuals", OWL.NamedIndividual),
    )
    prefix = ONTOLOGY_IRI + "#"

    def name(term: object) -> str:
        text = str(term)
        return "tkg:" + text[len(prefix) :] if text.startswith(prefix) else text

    for heading, kind in sections:
        terms = sorted(
            t
            for t in graph.subjects(RDF.type, kind)
            if isinstance(t, URIRef) and str(t).startswith(prefix)
        )
        if not terms:
            continue
        rows = []
        for term in terms:
            local = str(term)[len(prefix) :]
            label = graph.value(term, RDFS.label)
            definition = graph.value(term, SKOS.definition) or graph.value(term, RDFS.comment)
            related = [
                f"{what} {', '.join(sorted(_esc(name(o)) for o in graph.objects(term, p)))}"
                for what, p in (
                    ("subclass of", RDFS.subClassOf),
                    ("domain", RDFS.domain),
                    ("range", RDFS.range),
                )
                if (term, p, None) in graph
            ]
            rows.append(
                f'<tr><td><code id="{_esc(local)}">tkg:{_esc(local)}</code></td>'
                f"<td>{_esc(label or '')}</td><td>{_esc(definition or '')}"
                + (f'<br><span class="note">{"; ".join(related)}</span>' if related else "")
                + "</td></tr>"
            )
        parts.append(
            f"<h2>{heading}</h2><table><thead><tr><th>term</th><th>label</th>"
            f"<th>definition</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    return title, "".join(parts)


def document() -> str:
    """The documentation as one self-contained HTML file."""
    title, text = body()
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{_esc(title)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{_esc(title)}</h1>{text}</body></html>\n"
    )


__all__ = ["body", "document"]
