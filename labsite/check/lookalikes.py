"""Warnings about author spellings: probably a typo of a member's name, or one person under two names.

They do not stop a build (a paper may well have an outside author called almost like a member), but
each one points at the line of that author in `data/publications.yml`, so a pull request shows it
on the changed line; `check --strict`, which CI runs, makes them errors.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from labsite import names as authors
from labsite.errors import DataWarning
from labsite.read import yamlfile
from labsite.read.load import SiteData

_FILE = "publications.yml"


def warnings(data: SiteData, documents: dict[str, Any], data_dir: str) -> list[DataWarning]:
    """Every look-alike warning, at every line where the suspicious spelling is written."""
    file = f"{data_dir}/{_FILE}"
    document = documents.get(file)
    places: dict[str, list[tuple[int, int]]] = {}
    for n, pub in enumerate(data.publications):
        for k, name in enumerate(pub.authors):
            places.setdefault(name, []).append((n, k))
    count = Counter({name: len(where) for name, where in places.items()})
    found: list[DataWarning] = []

    def warn(name: str, message: str, hint: str) -> None:
        for n, k in places[name]:
            path = ("publications", n, "authors", k)
            line = yamlfile.line_of(document, path, fallback=1)
            found.append(DataWarning(file, line, f"publications[{n}].authors[{k}]", message, hint))

    owners = {"data/profile.yml": data.profile} | {data.person_file(i): p for i, p in data.people.items()}
    owner_of = {}  # spelling's key -> the file of the person it names
    for owner_file, person in owners.items():
        for spelling in [person.name, *person.aliases]:
            owner_of.setdefault(authors.name_key(spelling), owner_file)
    declared = {authors.name_key(n) for a in data.external_authors for n in [a.name, *a.aliases]}
    known_same = [{authors.name_key(n) for n in [a.name, *a.aliases]} for a in data.external_authors]

    unmatched = [n for n in places if authors.name_key(n) not in owner_of]
    for a, b in authors.near_duplicates(unmatched):
        if any({authors.name_key(a), authors.name_key(b)} <= group for group in known_same):
            continue
        rarer = [a, b] if count[a] == count[b] else [min((a, b), key=lambda x: count[x])]
        for name in rarer:
            warn(
                name,
                f"{a!r} and {b!r} look like the same person",
                "fix the spelling, or list one as an alias (data/authors.yml, or the member's file)",
            )

    spellings = {s: f for f, p in owners.items() for s in [p.name, *p.aliases]}
    undeclared = [n for n in unmatched if authors.name_key(n) not in declared]
    resembling: dict[tuple[str, str], str] = {}
    for name, spelling in authors.resembling(undeclared, spellings):
        resembling.setdefault((name, spellings[spelling]), f"looks like {spelling!r}")
    by_surname: dict[tuple[str, str], list[str]] = {}
    for owner_file, person in owners.items():
        by_surname.setdefault(authors.surname_initial(person.name), []).append(owner_file)
    for name in undeclared:
        for owner_file in by_surname.get(authors.surname_initial(name), []):
            person = owners[owner_file]
            resembling[(name, owner_file)] = f"shares a surname and initial with {person.name!r}"
    for (name, owner_file), how in sorted(resembling.items()):
        warn(
            name,
            f"{name!r} matches no member but {how}",
            f"a typo? fix it; the same person? add it to 'aliases' in {owner_file};"
            " someone else? list them in data/authors.yml",
        )
    return sorted(set(found))
