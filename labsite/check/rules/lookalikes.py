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
from labsite.read import yamlfile
from labsite.read.layout import data_file
from labsite.read.load import SiteData

MAX_SHOWN = 5
"""Names, and places of a name, spelled out in one warning; the rest are counted."""


def outside_authors_alike(ctx: Context) -> Iterator[Finding]:
    """Warns of two author spellings that name no member and look like one person ('J. Smith' and
    'J. Smtih'), unless `authors.yml` lists them as one: the person's papers would be split in two.
    Only the rarer spelling is pointed at (both when equally common): one warning per spelling, at
    the first place it is written, naming the others and the spellings it looks like."""
    written = ctx.shared(_written)
    declared_as: dict[str, set[int]] = {}  # name key -> the authors.yml entries that spell it
    for i, author in enumerate(ctx.data.external_authors):
        for spelling in [author.name, *author.aliases]:
            declared_as.setdefault(names.name_key(spelling), set()).add(i)
    count = Counter({name: len(where) for name, where in written.places.items()})
    alike: dict[str, set[str]] = {}
    for a, b in names.near_duplicates(written.unmatched):
        if declared_as.get(names.name_key(a), set()) & declared_as.get(names.name_key(b), set()):
            continue  # one declared person's two spellings
        if count[a] <= count[b]:
            alike.setdefault(a, set()).add(b)
        if count[b] <= count[a]:
            alike.setdefault(b, set()).add(a)
    for name, others in sorted(alike.items()):
        yield written.at_first_place(
            ctx,
            name,
            f"{name!r} and {_listed([repr(o) for o in sorted(others)])} look like the same person",
            "fix the spelling, or list one as an alias (data/authors.yml, or the member's file)",
        )


def authors_like_members(ctx: Context) -> Iterator[Finding]:
    """Warns of an author spelling that names no member, and that `authors.yml` does not declare, but
    that looks like a member's spelling or shares a member's surname and initial: probably a typo, or
    an alias the member's file lacks, and the paper is then missing from the member's page. One
    warning per spelling, whichever members it resembles."""
    data = ctx.data
    written = ctx.shared(_written)
    owners = written.owners
    declared = {names.name_key(n) for a in data.external_authors for n in [a.name, *a.aliases]}
    spellings = {s: f for f, p in owners.items() for s in [p.name, *p.aliases]}
    undeclared = [n for n in written.unmatched if names.name_key(n) not in declared]
    resembling: dict[str, dict[str, str]] = {}
    for name, spelling in names.resembling(undeclared, spellings):
        resembling.setdefault(name, {}).setdefault(spellings[spelling], f"looks like {spelling!r}")
    by_surname: dict[tuple[str, str], list[str]] = {}
    for owner_file, person in owners.items():
        by_surname.setdefault(names.surname_initial(person.name), []).append(owner_file)
    for name in undeclared:
        for owner_file in by_surname.get(names.surname_initial(name), []):
            person = owners[owner_file]
            resembling.setdefault(name, {})[owner_file] = f"shares a surname and initial with {person.name!r}"
    for name, how_by_file in sorted(resembling.items()):
        files = sorted(how_by_file)
        yield written.at_first_place(
            ctx,
            name,
            f"{name!r} matches no member but {_listed([how_by_file[f] for f in files], '; ')}",
            f"a typo? fix it; the same person? add it to 'aliases' in {_listed(files, ' or ')};"
            " someone else? list them in data/authors.yml",
        )


def _listed(items: list[str], sep: str = ", ") -> str:
    """The first `MAX_SHOWN` items, joined, and how many more there are."""
    shown = sep.join(items[:MAX_SHOWN])
    return shown if len(items) <= MAX_SHOWN else f"{shown} and {len(items) - MAX_SHOWN} more"


@dataclass(frozen=True)
class _Written:
    """The author spellings of the papers, where each is written, and which name a member."""

    places: dict[str, list[tuple[int, int]]]
    """Spelling -> (paper, author) index of each place it is written."""
    owners: dict[str, Person | Profile]
    """Shown file -> the professor or member it describes."""
    unmatched: list[str]
    """Spellings that are no member's name or alias."""

    def at_first_place(self, ctx: Context, name: str, message: str, hint: str) -> Finding:
        """One finding for `name`, at the first place it is written, saying where else it is."""
        (n, k), *others = self.places[name]
        if others:
            document = ctx.document("publications.yml")
            where = [
                f"{ctx.data.publications[p].id} (line {yamlfile.line_of(document, ('publications', p), 1)})"
                for p, _ in others
            ]
            message += f"; also written in {_listed(where)}"
        return Finding("publications.yml", ("publications", n, "authors", k), message, hint)


def _written(data: SiteData) -> _Written:
    places: dict[str, list[tuple[int, int]]] = {}
    for n, pub in enumerate(data.publications):
        for k, name in enumerate(pub.authors):
            places.setdefault(name, []).append((n, k))
    owners = {data_file("profile.yml"): data.profile} | {data.person_file(i): p for i, p in data.people.items()}
    members = {names.name_key(spelling) for person in owners.values() for spelling in [person.name, *person.aliases]}
    unmatched = [n for n in places if names.name_key(n) not in members]
    return _Written(places, owners, unmatched)
