"""Which papers each spelling of a member's name attaches to them, and which a change would attach.

A name or an alias decides whose papers a page lists (see `Site.authors_of`): an alias equal to an
outside co-author's name takes that person's papers. A pull request's summary therefore lists the
papers that a new or changed spelling attaches, so the reviewer sees them before they move.
"""

from __future__ import annotations

from dataclasses import dataclass

from labsite import names
from labsite.read.load import SiteData

PROFILE = "profile.yml"


@dataclass(frozen=True)
class Attachment:
    """The papers one spelling of a member's (or the professor's) name attaches to them."""

    file: str
    """The member's file, relative to the data folder: ``people/jane-doe.yml``, ``profile.yml``."""
    field: str
    """``name`` or ``aliases[k]``."""
    spelling: str
    person: str
    """The member's name, as shown."""
    papers: tuple[str, ...]
    """Ids of the papers whose author list has this spelling (by name key), in file order."""
    new: bool = False
    """In a comparison: the member had no spelling with this name key before."""


def attachments(data: SiteData) -> list[Attachment]:
    """Every spelling of the professor (first) and of each member, with the papers it attaches.

    Papers go to members as the site decides: by `names.name_key`, the professor keeping a key
    over any member, a member over those after it; of one member's spellings with one key, the
    first (the name before the aliases) is the one that attaches.
    """
    owners = [(PROFILE, data.profile), *((f"people/{i}.yml", p) for i, p in data.people.items())]
    spellings: list[tuple[str, str, str, str]] = []  # (file, field, spelling, key)
    taken: set[str] = set()
    for file, person in owners:
        for field, text in [("name", person.name), *((f"aliases[{k}]", a) for k, a in enumerate(person.aliases))]:
            key = names.name_key(text)
            if key and key not in taken:
                taken.add(key)
                spellings.append((file, field, text, key))
    papers_by_key: dict[str, list[str]] = {}
    for pub in data.publications:
        for key in dict.fromkeys(names.name_key(a) for a in pub.authors):
            papers_by_key.setdefault(key, []).append(pub.id)
    shown = dict(owners)
    return [
        Attachment(file, field, text, shown[file].name, tuple(papers_by_key.get(key, ())))
        for file, field, text, key in spellings
    ]


def newly_attached(base: SiteData | None, head: SiteData) -> list[Attachment]:
    """What `head` attaches that `base` did not, spelling by spelling (no `base`: every spelling is new).

    A spelling that is new for its member (an alias added, a name changed, a new member) is shown
    with every paper it attaches. A spelling the member had already is shown with the papers of
    `base` it attaches now and did not attach to that member then (an author list edited to match
    it, or another file that gave it up); a paper the change adds is left to the site diff.
    """
    if base is None:
        return [_as_new(a) for a in attachments(head) if a.papers]
    before = attachments(base)
    keys_before = {(a.file, names.name_key(a.spelling)) for a in before}
    papers_before: dict[str, set[str]] = {}
    for a in before:
        papers_before.setdefault(a.file, set()).update(a.papers)
    base_papers = {p.id for p in base.publications}
    changes = []
    for a in attachments(head):
        if (a.file, names.name_key(a.spelling)) not in keys_before:
            if a.papers:
                changes.append(_as_new(a))
            continue
        moved = tuple(p for p in a.papers if p in base_papers and p not in papers_before.get(a.file, set()))
        if moved:
            changes.append(Attachment(a.file, a.field, a.spelling, a.person, moved))
    return changes


def _as_new(a: Attachment) -> Attachment:
    return Attachment(a.file, a.field, a.spelling, a.person, a.papers, new=True)
