"""Reference data: the actors, posts, agreements, issues, places, negotiations and threads that
articles share.

The bundled data is every ``data/reference/*.yaml`` in name order; a user's files come after
it, and an entry whose id was already given replaces the earlier one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from kg.errors import InputError, UsageError
from kg.iris import check_id, child, mint, name_key
from kg.loaders.yamlsrc import Node, parse_yaml, read_text
from kg.model import RefEntity, Tenure, Where
from kg.resources import reference_files

# section -> (IRI segment, allowed `type` values, default type)
SECTIONS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "actors": (
        "actor",
        ("Person", "Country", "Organization", "GovernmentBody", "InterestGroup", "ActorGroup"),
        "",
    ),
    "posts": ("post", ("Post",), "Post"),
    "agreements": ("agreement", ("TradeAgreement",), "TradeAgreement"),
    "issues": ("issue", ("Issue",), "Issue"),
    "places": ("place", ("Place",), "Place"),
    # what analysts follow across articles (ontology: tkg:Thread): a negotiation, whose rounds
    # are threads under it (``<negotiation IRI>/round/<n>``), and recurring proposals, demands
    # and threats that facts files name with ``thread:``
    "negotiations": ("negotiation", ("Thread",), "Thread"),
    "threads": ("thread", ("Thread",), "Thread"),
}
# the sections whose names and aliases are one line each (the shapes' tkgsh:OneLineName)
ONE_LINE_NAMES = ("actors", "posts")
_KEYS = {
    "id",
    "type",
    "name",
    "aliases",
    "wikidata",
    "affiliation",
    "posts",
    "in",
    "definition",
    "members",
    "demonyms",
    "iso",
    "held",
    "agreement",
    "issue",
}
_ISO = re.compile(r"[A-Z]{2}")


@dataclass
class Reference:
    """Reference entities by section and id, later files overriding earlier ones."""

    entities: dict[str, dict[str, RefEntity]] = field(
        default_factory=lambda: {s: {} for s in SECTIONS}
    )
    files: list[str] = field(default_factory=list)  # every file read, bundled ones first
    extra: list[str] = field(default_factory=list)  # the user's files, in order

    def iri(self, section: str, key: str) -> URIRef:
        return mint(SECTIONS[section][0], key)

    def get(self, section: str, key: str) -> RefEntity | None:
        return self.entities[section].get(key)

    def all(self) -> Iterable[RefEntity]:
        for section in SECTIONS:
            yield from self.entities[section].values()

    def person_named(self, name: str) -> URIRef | None:
        """The person of the reference data whose name or an alias is ``name``, ignoring case
        and diacritics ("Ildefonso Guajardo" for "Ildefonso Guajardo Villarreal" only if it is
        an alias); None if no person or more than one goes by it."""
        key = name_key(name)
        found = {
            e.key
            for e in self.entities["actors"].values()
            if e.kind == "Person" and key in {name_key(n) for n in (e.name, *e.aliases)}
        }
        return self.iri("actors", found.pop()) if len(found) == 1 else None

    def people_named(self, name: str) -> list[str]:
        """The ids of every person of the reference data whose name or an alias is ``name``,
        ignoring case and diacritics."""
        key = name_key(name)
        return sorted(
            e.key
            for e in self.entities["actors"].values()
            if e.kind == "Person" and key in {name_key(n) for n in (e.name, *e.aliases)}
        )

    def round_iri(self, negotiation: str, number: int) -> URIRef:
        """The thread of round ``number`` of a negotiation of the reference data."""
        return child(self.iri("negotiations", negotiation), "round", str(number))

    def is_actor(self, iri: URIRef) -> bool:
        """True for the IRI of an actor of the reference data."""
        prefix = str(self.iri("actors", "x"))[:-1]
        return iri.startswith(prefix) and iri[len(prefix) :] in self.entities["actors"]


def load_reference(extra: Iterable[Path] = ()) -> Reference:
    """The bundled reference data, extended by the user's files in order."""
    ref = Reference(extra=[str(p) for p in extra])
    for path in extra:
        if not Path(path).exists():  # named by the user: a usage error (exit 2)
            raise UsageError(
                "no such file or directory",
                path=path,
                hint="a file given with --reference or TRADEKG_REFERENCE",
            )
    for path in [*reference_files(), *extra]:
        _load_into(ref, Path(path))
    _check_links(ref)
    return ref


def _load_into(ref: Reference, path: Path) -> None:
    doc = parse_yaml(read_text(path), path)
    if doc is None:
        return
    if not isinstance(doc, Node):
        raise InputError(
            "reference data must be a mapping of sections",
            path=path,
            line=1,
            hint="sections: " + ", ".join(SECTIONS),
        )
    ref.files.append(str(path))
    for section, items in doc.items():
        line = doc.key_lines[section]
        if section not in SECTIONS:
            raise InputError(
                f"unknown section {section!r}",
                path=path,
                line=line,
                hint="sections are " + ", ".join(SECTIONS),
            )
        if items is None:
            continue
        if not isinstance(items, list):
            raise InputError(f"section {section!r} must be a list of entries", path=path, line=line)
        for item in items:
            entity = _entity(section, item, path, line)
            ref.entities[section][entity.key] = entity


def _strings(item: Node, key: str, path: Path) -> tuple[str, ...]:
    value = item.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return tuple(str(v) for v in value)
    raise InputError(
        f"{key} must be a list of strings",
        path=path,
        line=item.key_lines.get(key, item.line),
        hint=f"e.g. {key}: [a, b]",
    )


def _entity(section: str, item: object, path: Path, line: int) -> RefEntity:
    if not isinstance(item, Node):
        raise InputError(f"each entry of {section!r} must be a mapping", path=path, line=line)
    where = Where(str(path), item.line)
    unknown = set(item) - _KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise InputError(
            f"unknown key {key!r}",
            path=path,
            line=item.key_lines[key],
            hint="keys are " + ", ".join(sorted(_KEYS)),
        )
    try:
        key = check_id(item.get("id"), "id")
    except InputError as e:
        e.path, e.line = str(path), item.line
        raise
    _, kinds, default = SECTIONS[section]
    kind = str(item.get("type") or default)
    if kind not in kinds:
        raise InputError(
            f"{section[:-1]} {key!r} has type {kind!r}",
            path=path,
            line=item.key_lines.get("type", item.line),
            hint="use one of " + ", ".join(kinds),
        )
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"{section[:-1]} {key!r} needs a name", path=path, line=item.line)
    aliases = _strings(item, "aliases", path)
    if section in ONE_LINE_NAMES:
        for field, text in [("name", name.strip())] + [("aliases", a) for a in aliases]:
            if "\n" in text or "\r" in text:
                raise InputError(
                    f"{section[:-1]} {key!r}: {field} {text!r} holds a line break",
                    path=path,
                    line=item.key_lines.get(field, item.line),
                    hint="write each name on one line: tradekg joins lists of names with line "
                    "breaks (queries/actors.rq)",
                )
    wikidata = item.get("wikidata")
    if wikidata is not None and not (
        isinstance(wikidata, str) and wikidata[:1] == "Q" and wikidata[1:].isdigit()
    ):
        raise InputError(
            f"wikidata id {wikidata!r} is not of the form Q123",
            path=path,
            line=item.key_lines["wikidata"],
        )
    iso = item.get("iso")
    if iso is not None:
        line = item.key_lines["iso"]
        if kind != "Country":
            raise InputError(
                f"{section[:-1]} {key!r} has an iso code but is not a Country",
                path=path,
                line=line,
                hint="only countries have ISO 3166-1 codes: remove `iso:`",
            )
        if not (isinstance(iso, str) and _ISO.fullmatch(iso)):
            hint = "write the ISO 3166-1 alpha-2 code, e.g. iso: CA"
            if isinstance(iso, bool):
                hint = "quote the code: YAML reads NO, YES, ON and OFF as true/false (iso: 'NO')"
            raise InputError(
                f"iso code {iso!r} of {key!r} is not two capital letters",
                path=path,
                line=line,
                hint=hint,
            )
    return RefEntity(
        section=section,
        key=key,
        kind=kind,
        name=name.strip(),
        where=where,
        aliases=aliases,
        wikidata=wikidata,
        affiliation=item.get("affiliation"),
        posts=_strings(item, "posts", path),
        post_in=item.get("in"),
        definition=item.get("definition"),
        members=_strings(item, "members", path),
        demonyms=_strings(item, "demonyms", path),
        iso=iso,
        held=_held(item, path),
        agreement=item.get("agreement"),
        issue=item.get("issue"),
    )


_MONTH_OR_DAY = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")


def _held(item: Node, path: Path) -> tuple[Tenure, ...]:
    """``held: [{post: us-trade-representative, from: 2017-05-15, until: 2021-01-20}]``."""
    value = item.get("held")
    if value is None:
        return ()
    line = item.key_lines.get("held", item.line)
    if not isinstance(value, list) or not all(isinstance(v, Node) for v in value):
        raise InputError(
            "held must be a list of mappings",
            path=path,
            line=line,
            hint="e.g. held: [{post: us-trade-representative, from: 2017-05-15, until: 2021-01}]",
        )
    out = []
    for entry in value:
        unknown = set(entry) - {"post", "from", "until"}
        if unknown or not isinstance(entry.get("post"), str) or entry.get("from") is None:
            raise InputError(
                "each entry of held needs 'post' and 'from' (and may have 'until'), no more",
                path=path,
                line=entry.line,
            )
        dates = []
        for key in ("from", "until"):
            raw = entry.get(key)
            text = (
                raw.isoformat() if isinstance(raw, dt.date) else None if raw is None else str(raw)
            )
            if text is not None:
                try:
                    if not _MONTH_OR_DAY.fullmatch(text):
                        raise ValueError
                    dt.date.fromisoformat(text if len(text) == 10 else text + "-01")
                except ValueError:
                    raise InputError(
                        f"{key} {text!r} is not a date",
                        path=path,
                        line=entry.key_lines.get(key, entry.line),
                        hint="write YYYY-MM-DD, or YYYY-MM for a month",
                    ) from None
            dates.append(text)
        start, until = dates
        assert start is not None
        if (
            until is not None
            and until[:7] < start[:7]
            or (until is not None and len(until) == len(start) == 10 and until < start)
        ):
            raise InputError(
                f"the post {entry['post']!r} is held until {until}, before it is held from {start}",
                path=path,
                line=entry.line,
            )
        out.append(Tenure(post=entry["post"], start=start, until=until))
    return tuple(out)


def _check_links(ref: Reference) -> None:
    def need(section: str, key: object, what: str, entity: RefEntity) -> None:
        if not isinstance(key, str) or key not in ref.entities[section]:
            raise InputError(
                f"{what} {key!r} of {entity.key!r} is not a known {section[:-1]}",
                path=entity.where.path,
                line=entity.where.line,
            )

    countries: dict[str, RefEntity] = {}
    for entity in ref.all():
        if entity.iso is not None:
            other = countries.setdefault(entity.iso, entity)
            if other is not entity:
                raise InputError(
                    f"iso code {entity.iso!r} of {entity.key!r} is already that of "
                    f"{other.key!r} ({other.where})",
                    path=entity.where.path,
                    line=entity.where.line,
                    hint="give each country its own code, or use the same id to replace the entry",
                )
        if entity.affiliation is not None:
            need("actors", entity.affiliation, "affiliation", entity)
        for post in entity.posts:
            need("posts", post, "post", entity)
        for tenure in entity.held:
            need("posts", tenure.post, "held post", entity)
        if entity.post_in is not None:
            need("actors", entity.post_in, "'in'", entity)
        for member in entity.members:
            need("actors", member, "member", entity)
        if entity.agreement is not None:
            need("agreements", entity.agreement, "agreement", entity)
        if entity.issue is not None:
            need("issues", entity.issue, "issue", entity)
