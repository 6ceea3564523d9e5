"""People known before an article is read: those of the reference data, of the store, and
of the other articles (and facts files) of the same run. An article that names someone by
surname alone ("Dombrovskis said", "Ms. Marquardt"), having never given the full name, means
the one known person with that surname, if there is exactly one; with none or several it
means nobody the extractor can name (a wrong speaker costs more than a missing one).

Surnames match without case or diacritics ("Guimaraes" finds "Tomás Guimarães"). Two names
are one person when they make one key (``kg.iris.name_key``), or when the reference data says
both are the same person's. The index is read-only: whoever builds it (``tradekg ingest``
reads the store's people) hands it to ``kg.extract.extract``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.iris import name_key
from kg.loaders.reference import Reference


@dataclass(frozen=True)
class KnownPerson:
    """A person by full name; ``key`` is the reference data's id, or None for a person the
    reference data does not name."""

    name: str
    key: str | None = None

    @property
    def identity(self) -> str:
        return "ref:" + self.key if self.key else "name:" + name_key(self.name)


@dataclass
class KnownPeople:
    """Known people by the key of their surname (the last word of the name)."""

    _by_surname: dict[str, dict[str, KnownPerson]] = field(default_factory=dict)

    def add(self, person: KnownPerson) -> None:
        words = name_key(person.name).split("-")
        if len(words) < 2:
            return  # a one-word name gives no surname to find a person by
        self._by_surname.setdefault(words[-1], {}).setdefault(person.identity, person)

    def surname(self, word: str) -> KnownPerson | None:
        """The one known person whose surname is ``word`` (any case, with or without its
        diacritics), or None when no one or more than one is."""
        found = self._by_surname.get(name_key(word), {})
        return next(iter(found.values())) if len(found) == 1 else None

    def __len__(self) -> int:
        return len({i for people in self._by_surname.values() for i in people})

    @classmethod
    def of(cls, names: Iterable[str], reference: Reference | None = None) -> KnownPeople:
        """The people of the reference data (if given) and the people ``names`` name (full
        names; a name or alias of a reference person is that person)."""
        known = cls()
        aliases: dict[str, set[str]] = {}  # a name's key -> the reference people it names
        if reference is not None:
            for entity in reference.entities["actors"].values():
                if entity.kind == "Person":
                    known.add(KnownPerson(entity.name, entity.key))
                    for name in (entity.name, *entity.aliases):
                        aliases.setdefault(name_key(name), set()).add(entity.key)
        for name in names:
            keys = aliases.get(name_key(name), set())
            if len(keys) == 1:
                continue  # a reference person, added above
            if not keys:  # (a name two reference people share names neither)
                known.add(KnownPerson(" ".join(name.split())))
        return known
