"""Warnings about author spellings: probably a typo of a member's name, or one person under two names.

They do not stop a build (a paper may well have an outside author called almost like a member), but
each one points at the line of that author in `data/publications.yml`, so a pull request shows it
on the changed line; `check --strict`, which CI runs, makes them errors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from labsite import names
from labsite.check.context import Context, Finding
from labsite.models.people import Person, Profile
from labsite.read.layout import data_file
from labsite.read.load import SiteData


def outside_authors_alike(ctx: Context) -> Iterator[Finding]:
    """Warns of two author spellings that name no member and look like one person ('J. Smith' and
    'J. Smtih'), unless `authors.yml` lists them as one: the person's papers would be split in two.
    Only the rarer spelling is pointed at (both when equally common), at every line it is written."""
    written = ctx.shared(_written)
    known_same = [{names.name_key(n) for n in [a.name, *a.aliases]} for a in ctx.data.external_authors]
    count = Counter({name: len(where) for name, where in written.places.items()})
    for a, b in names.near_duplicates(written.unmatched):
        if any({names.name_key(a), names.name_key(b)} <= group for group in known_same):
            continue
        rarer = [a, b] if count[a] == count[b] else [min((a, b), key=lambda x: count[x])]
        for name in rarer:
            yield from written.at_each_place(
                name,
                f"{a!r} and {b!r} look like the same person",
                "fix the spelling, or list one as an alias (data/authors.yml, or the member's file)",
            )


def authors_like_members(ctx: Context) -> Iterator[Finding]:
    """Warns of an author spelling that names no member, and that `authors.yml` does not declare, but
    that looks like a member's spelling or shares a member's surname and initial: probably a typo, or
    an alias the member's file lacks, and the paper is then missing from the member's page."""
    data = ctx.data
    written = ctx.shared(_written)
    owners = written.owners
    declared = {names.name_key(n) for a in data.external_authors for n in [a.name, *a.aliases]}
    spellings = {s: f for f, p in owners.items() for s in [p.name, *p.aliases]}
    undeclared = [n for n in written.unmatched if names.name_key(n) not in declared]
    resembling: dict[tuple[str, str], str] = {}
    for name, spelling in names.resembling(undeclared, spellings):
        resembling.setdefault((name, spellings[spelling]), f"looks like {spelling!r}")
    by_surname: dict[tuple[str, str], list[str]] = {}
    for owner_file, person in owners.items():
        by_surname.setdefault(names.surname_initial(person.name), []).append(owner_file)
    for name in undeclared:
        for owner_file in by_surname.get(names.surname_initial(name), []):
            person = owners[owner_file]
            resembling[(name, owner_file)] = f"shares a surname and initial with {person.name!r}"
    for (name, owner_file), how in sorted(resembling.items()):
        yield from written.at_each_place(
            name,
            f"{name!r} matches no member but {how}",
            f"a typo? fix it; the same person? add it to 'aliases' in {owner_file};"
            " someone else? list them in data/authors.yml",
        )


@dataclass(frozen=True)
class _Written:
    """The author spellings of the papers, where each is written, and which name a member."""

    places: dict[str, list[tuple[int, int]]]
    """Spelling -> (paper, author) index of each place it is written."""
    owners: dict[str, Person | Profile]
    """Shown file -> the professor or member it describes."""
    unmatched: list[str]
    """Spellings that are no member's name or alias."""

    def at_each_place(self, name: str, message: str, hint: str) -> Iterator[Finding]:
        """One finding at each place `name` is written, so each line shows it."""
        for n, k in self.places[name]:
            yield Finding("publications.yml", ("publications", n, "authors", k), message, hint)


def _written(data: SiteData) -> _Written:
    places: dict[str, list[tuple[int, int]]] = {}
    for n, pub in enumerate(data.publications):
        for k, name in enumerate(pub.authors):
            places.setdefault(name, []).append((n, k))
    owners = {data_file("profile.yml"): data.profile} | {data.person_file(i): p for i, p in data.people.items()}
    members = {names.name_key(spelling) for person in owners.values() for spelling in [person.name, *person.aliases]}
    unmatched = [n for n in places if names.name_key(n) not in members]
    return _Written(places, owners, unmatched)
