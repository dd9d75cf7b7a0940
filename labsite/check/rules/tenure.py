"""When members were here: an `end` year still to come is a plan, not a fact.

A member with an `end` year is listed under alumni. An expected graduation typed as `end` would
list a current student there, and the page would say so without a word; the warning (an error
under `check --strict`, which CI and the deploy run) says where, and where such a year belongs.
"""

from __future__ import annotations

from collections.abc import Iterator

from labsite.check.context import Context, Finding, current_year
from labsite.read.layout import PEOPLE_DIR


def end_is_not_in_the_future(ctx: Context) -> Iterator[Finding]:
    """Warns of a member whose `end` year is after the current year: they would be listed as an alumnus."""
    year = current_year()
    for person_id, person in ctx.data.people.items():
        if person.end is not None and person.end > year:
            yield Finding(
                f"{PEOPLE_DIR}/{person_id}.yml",
                ("end",),
                f"'end' ({person.end}) is after the current year ({year}): the person is listed under alumni",
                "an expected graduation belongs in no field, or in a field you add for it; write 'end' once they leave",
            )
