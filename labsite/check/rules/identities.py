"""Each spelling of a name belongs to one person: no two files claim one, no member claims an outside
co-author's, and no two people's spellings display alike (Unicode confusables)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from labsite import names
from labsite.check.context import Context, Finding
from labsite.models.people import Someone
from labsite.read import yamlfile
from labsite.read.load import SiteData


def one_person_per_name(ctx: Context) -> Iterator[Finding]:
    """Refuses a name or alias that another file claims too: an alias that equals the professor's name
    would take all the professor's papers, and two files with one name would be one person shown twice.
    Spellings are compared by `names.name_key`, the key that decides who wrote a paper; of a spelling
    claimed twice, the professor keeps it, then a member's name, then an alias."""
    data = ctx.data
    owners: list[tuple[str, Someone]] = [("profile.yml", data.profile), *_members(data)]
    claims: dict[str, list[_Claim]] = {}
    for file, record in owners:
        spellings = [(("name",), record.name), *((("aliases", k), a) for k, a in enumerate(record.aliases))]
        own: set[str] = set()
        for path, text in spellings:
            key = names.name_key(text)
            if key and key not in own:
                own.add(key)
                claims.setdefault(key, []).append(_Claim(file, path, text))
    for group in claims.values():
        if len(group) < 2:
            continue
        best = min(c.rank for c in group)
        keepers = [c for c in group if c.rank == best]
        for claim in group:
            if claim.rank == best and len(keepers) == 1:
                continue
            other = next(c for c in [*keepers, *group] if c.file != claim.file)
            if other.file == "profile.yml":
                hint = "the professor's spellings belong to data/profile.yml alone: remove it here"
            elif claim.path == ("name",):
                hint = "one person, one file: merge the two; two people: tell them apart, e.g. with a middle initial"
            else:
                hint = "remove it: every paper with that author would be counted as this person's"
            if claim.text == other.text:
                message = f"{claim.text!r} is already {other.role()}"
            else:
                message = f"{claim.text!r} is {other.text!r}, {other.role()}, written differently"
            yield Finding(claim.file, claim.path, message, hint)


def no_member_is_an_outside_author(ctx: Context) -> Iterator[Finding]:
    """Refuses a member's (or the professor's) name or alias that `data/authors.yml` declares as an
    outside co-author: an alias decides whose papers a page lists, so one equal to an outsider's name
    would take that person's papers and relink their name across the site. Compared by `names.name_key`."""
    outside: dict[str, tuple[str, int]] = {}
    document = ctx.document("authors.yml")
    for i, author in enumerate(ctx.data.external_authors):
        for path, text in [(("name",), author.name), *((("aliases", k), a) for k, a in enumerate(author.aliases))]:
            line = yamlfile.line_of(document, ("authors", i, *path), 1)
            outside.setdefault(names.name_key(text), (text, line))
    for claim in _claims(ctx):
        found = outside.get(names.name_key(claim.text))
        if found is None:
            continue
        text, line = found
        same = "" if text == claim.text else f" ({text!r})"
        if claim.path == ("name",):
            hint = (
                "if this person joined the group, remove their entry from data/authors.yml;"
                " someone else: tell them apart, e.g. with a middle initial"
            )
        else:
            hint = (
                "remove it: every paper of that outside author would be counted as this person's"
                " (if they are one person who joined the group, remove them from data/authors.yml)"
            )
        yield Finding(
            claim.file,
            claim.path,
            f"{claim.text!r} is an outside co-author{same} in data/authors.yml, line {line}",
            hint,
        )


def no_two_people_display_alike(ctx: Context) -> Iterator[Finding]:
    """Refuses a member's or the professor's name or alias that displays like another person's
    spelling (another member's, the professor's, or an outside co-author's in `data/authors.yml`)
    but is written with other characters: their UTS #39 skeletons (`names.skeleton`) are equal and
    their name keys are not. Spellings with one name key are one person, which `one_person_per_name`
    and `no_member_is_an_outside_author` settle. Who is told: as there, the professor and the outside
    authors (reviewed files) keep their spelling, a member's name is told only about another's name."""
    by_skeleton: dict[str, list[_Claim]] = {}
    for claim in [*_claims(ctx), *_outside_claims(ctx)]:
        by_skeleton.setdefault(names.skeleton(claim.text), []).append(claim)
    for group in by_skeleton.values():
        for claim in group:
            if claim.file == "authors.yml":
                continue
            key = names.name_key(claim.text)
            other = next(
                (c for c in group if c.file != claim.file and names.name_key(c.text) != key and c.rank <= claim.rank),
                None,
            )
            if other is None:
                continue
            yield Finding(
                claim.file,
                claim.path,
                f"{claim.text!r} displays like {other.text!r}, {other.role(ctx)}, but is written with other"
                f" characters{_characters(claim.text, other.text)}",
                f"write the name in the letters the person uses; two people: tell them apart so they read"
                f" differently, e.g. with a middle initial (the other spelling is in data/{other.file})",
            )


def _characters(text: str, other: str) -> str:
    """The characters of `text` that `other` lacks, named (at most three): what to look for."""
    odd = [ch for ch in dict.fromkeys(text) if ch not in other and not ch.isspace()][:3]
    named = [f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')}" for ch in odd]
    return f" ({', '.join(named)})" if named else ""


def _outside_claims(ctx: Context) -> list[_Claim]:
    """Every name and alias that `data/authors.yml` declares, each with its field."""
    return [
        _Claim("authors.yml", ("authors", i, *path), text)
        for i, author in enumerate(ctx.data.external_authors)
        for path, text in [(("name",), author.name), *((("aliases", k), a) for k, a in enumerate(author.aliases))]
    ]


def _claims(ctx: Context) -> list[_Claim]:
    """Every name and alias of the professor and the members, each with its file and field."""
    data = ctx.data
    owners: list[tuple[str, Someone]] = [("profile.yml", data.profile), *_members(data)]
    return [
        _Claim(file, path, text)
        for file, record in owners
        for path, text in [(("name",), record.name), *((("aliases", k), a) for k, a in enumerate(record.aliases))]
    ]


@dataclass(frozen=True)
class _Claim:
    """One spelling by which a file says 'this is me': a name or an alias."""

    file: str
    path: tuple[Any, ...]
    text: str

    @property
    def rank(self) -> int:
        """Who keeps a spelling claimed twice: the professor (and an outside author in the reviewed
        data/authors.yml), then a member's name, then an alias."""
        return 0 if self.file in ("profile.yml", "authors.yml") else 1 if self.path == ("name",) else 2

    def role(self, ctx: Context | None = None) -> str:
        """Whose spelling this is, for a message: with its line in data/authors.yml when `ctx` is given."""
        kind = "name" if self.path == ("name",) else "alias"
        if self.file == "authors.yml":
            line = yamlfile.line_of(ctx.document("authors.yml"), self.path, 1) if ctx else 0
            return "an outside co-author in data/authors.yml" + (f", line {line}" if line else "")
        if self.file == "profile.yml":
            return f"the professor's {kind} in data/profile.yml"
        return f"{'the' if kind == 'name' else 'an'} {kind} in data/{self.file}"


def _members(data: SiteData) -> list[tuple[str, Someone]]:
    """Each member's file (as the data folder names it) and record, in file order."""
    return [(f"people/{i}.yml", p) for i, p in sorted(data.people.items())]
