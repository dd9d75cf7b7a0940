"""How a paper is cited, decided once: its kind, whether it appeared in a journal or in a
conference's or workshop's proceedings, the name of what it is part of, its date and its notes.

Every format reads this one value: the venue line of the HTML, the BibTeX entry, Scholar's tags,
the JSON-LD, the publications feed and the page's description. So a paper is never a journal
article in one and a proceedings paper in another. How each format spells the decision (a BibTeX
field, a meta tag's name, a schema.org type) stays with that format.
"""

from __future__ import annotations

from dataclasses import dataclass

from labsite import months
from labsite.models.publications import VENUE_TYPES, Publication, PublicationType, Venue

PROCEEDINGS_OF = "Proceedings of the "


@dataclass(frozen=True)
class Citation:
    """One paper's citation, in words every format shares."""

    kind: PublicationType
    """The paper's own type, else its venue's; a paper with neither is a preprint."""
    venue: Venue | None
    """The venue the paper names, if any."""
    in_journal: bool
    """Part of a journal, named as itself ('Journal of Bar')."""
    in_proceedings: bool
    """Part of a conference's or workshop's proceedings ('Proceedings of the Conference on Foo')."""
    container_prefix: str
    """The words before the venue's name in the container's name: 'Proceedings of the ' or ''."""
    container: str | None
    """What the paper is part of: 'Proceedings of the Conference on Foo', 'Journal of Bar', or None."""
    label: str | None
    """The venue's name with its short name, 'Conference on Foo (FOO)', or None."""
    year: int
    month: int | None
    month_name: str | None
    """'May', or None when the data knows the year only."""
    date: str
    """As much of the date as is known, ISO style: '2023-05' or '2023'."""
    notes: tuple[str, ...]
    """What a reference adds after the venue: equal contribution, then the awards."""


def kind_of(pub: Publication, venue: Venue | None) -> PublicationType:
    """The paper's own type, else its venue's; a paper with neither is a preprint."""
    return pub.type or (venue.type if venue else "preprint")


def cite(pub: Publication, venue: Venue | None) -> Citation:
    """`pub` (at `venue`, the registry's entry for `pub.venue`) as every format cites it.

    Journal or proceedings follows the paper's kind when that is a venue's kind (a paper typed
    `journal` at a venue registered as a conference is a journal article everywhere), else the
    venue's: a thesis or preprint naming a venue is worded as that venue is.
    """
    kind = kind_of(pub, venue)
    venue_kind = kind if kind in VENUE_TYPES else venue.type if venue else None
    in_journal = venue_kind == "journal"
    in_proceedings = venue_kind is not None and not in_journal  # conferences and workshops publish proceedings
    prefix = PROCEEDINGS_OF if in_proceedings else ""
    notes = [f"The first {pub.equal_contribution} authors contributed equally"] if pub.equal_contribution else []
    return Citation(
        kind=kind,
        venue=venue,
        in_journal=in_journal,
        in_proceedings=in_proceedings,
        container_prefix=prefix,
        container=prefix + venue.name if venue else None,
        label=f"{venue.name} ({venue.id})" if venue else None,
        year=pub.year,
        month=pub.month,
        month_name=months.name(pub.month) if pub.month else None,
        date=f"{pub.year}-{pub.month:02d}" if pub.month else str(pub.year),
        notes=(*notes, *pub.awards),
    )
