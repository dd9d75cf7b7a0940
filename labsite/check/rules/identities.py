"""Each spelling of a name belongs to one person."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from labsite import names
from labsite.check.context import Context, Finding


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
