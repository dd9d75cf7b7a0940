"""Each spelling of a name belongs to one person: no two files claim one, no member claims an outside
co-author's, and no two people's spellings display alike (Unicode confusables)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from labsite import names
from labsite.check.context import Context, Finding
from labsite.read import yamlfile


def one_person_per_name(ctx: Context) -> Iterator[Finding]:
    """Refuses a name or alias that another file claims too: an alias that equals the professor's name
    would take all the professor's papers, and two files with one name would be one person shown twice.
    Spellings are compared by `names.name_key`, the key that decides who wrote a paper; of a spelling
    claimed twice, the professor keeps it, then a member's name, then an alias."""
    data = ctx.data
    owners = [("profile.yml", data.profile), *((f"people/{i}.yml", p) for i, p in sorted(data.people.items()))]
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


def _claims(ctx: Context) -> list[_Claim]:
    """Every name and alias of the professor and the members, each with its file and field."""
    data = ctx.data
    owners = [("profile.yml", data.profile), *((f"people/{i}.yml", p) for i, p in sorted(data.people.items()))]
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
        """Who keeps a spelling claimed twice: the professor, then a member's name, then an alias."""
        return 0 if self.file == "profile.yml" else 1 if self.path == ("name",) else 2

    def role(self) -> str:
        kind = "name" if self.path == ("name",) else "alias"
        if self.file == "profile.yml":
            return f"the professor's {kind} in data/profile.yml"
        return f"{'the' if kind == 'name' else 'an'} {kind} in data/{self.file}"
