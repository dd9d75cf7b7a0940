"""`python -m labsite coa`: the tables of NSF's Collaborators and Other Affiliations form that data can fill.

- Table 3: the professor's Ph.D. advisors (`advisors:` of an `education` entry in data/profile.yml,
  with that entry's institution) as `G:`, and every member or alumnus whose degree is PhD as a
  thesis advisee, `T:`. Postdoctoral sponsors and scholars are no longer asked for (NSF's FAQ of
  30 January 2023); postdocs who wrote a paper with the professor are in Table 4 like anyone else.
- Table 4: every co-author (`A:`) of the professor's papers of the last N months (48 by default),
  one row per person however the name is spelt (members by their name and aliases, as the site
  links them; outside authors by data/authors.yml; otherwise by the spelling's name key), with the
  month of the last paper together.

Organisations come from data first: a current member's is the professor's university, an alumnus's
or outside author's their `affiliation:`. Where data is silent, OpenAlex's authorships of the
professor's papers with a DOI (newest first) give the institutions printed on the paper. Every row
left without an organisation is listed, so the professor fills it in once in data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click

from labsite import names
from labsite.commands.errors import data_errors_reported
from labsite.commands.importing import ROOT, contact_of
from labsite.commands.paperwork import workbook
from labsite.commands.paperwork.workbook import Row
from labsite.commands.sources import openalex
from labsite.commands.sources.http import Client, FetchError
from labsite.derive.views import Site
from labsite.models.publications import ExternalAuthor, Publication
from labsite.read.layout import data_file, person_file
from labsite.site import load_site

AUTHORS_FILE = data_file("authors.yml")
MONTHS = 48
"""NSF's window for co-authors (PAPPG II.D.2.h(iii)): the 48 months before the proposal."""


@dataclass
class CoAuthor:
    """One person among the authors of the professor's papers, with every spelling seen."""

    name: str
    spellings: list[str]
    last: tuple[int, int]
    """(year, month) of the newest paper together; month 0 when not known."""
    organization: str = ""
    email: str = ""
    fill_in: str = ""
    """The data file where their organisation belongs: their member file, or data/authors.yml."""
    papers: list[Publication] = field(default_factory=list)
    """Their papers with the professor inside the window, newest first."""


def family_first(name: str) -> str:
    """'Ada B. Quill' → 'Quill, Ada B.'; a one-word name stays as it is."""
    words = name.split()
    return f"{words[-1]}, {' '.join(words[:-1])}" if len(words) > 1 else name


def months_before(day: dt.date, months: int) -> tuple[int, int]:
    """The (year, month) `months` before `day`'s month: the first month inside the window."""
    index = day.year * 12 + day.month - 1 - months
    return index // 12, index % 12 + 1


def in_window(pub: Publication, since: tuple[int, int], day: dt.date) -> bool:
    """A paper whose month is not known counts as published at the end of its year."""
    month = pub.month or 12
    return since <= (pub.year, month) and (pub.year, pub.month or 1) <= (day.year, day.month)


def co_authors(site: Site, day: dt.date, months: int = MONTHS) -> list[CoAuthor]:
    """The professor's co-authors of papers from `months` before `day` on, one per person."""
    since = months_before(day, months)
    outside: dict[str, ExternalAuthor] = {}
    for listed in site.data.external_authors:
        for spelling in [listed.name, *listed.aliases]:
            outside.setdefault(names.name_key(spelling), listed)
    found: dict[tuple[str, str], CoAuthor] = {}
    for pub in site.publications:  # newest first: the first paper seen is a person's last
        if not in_window(pub, since, day):
            continue
        authors = site.authors_of(pub)
        if not any(a.is_pi for a in authors):
            continue
        for author in authors:
            if author.is_pi:
                continue
            key, person = _identity(site, author.name, author.person_id, outside)
            if key not in found:
                name, spellings, place, email, fill_in = person
                found[key] = CoAuthor(name, list(spellings), (pub.year, pub.month or 0), place, email, fill_in)
            entry = found[key]
            if author.name not in entry.spellings:
                entry.spellings.append(author.name)
            if pub not in entry.papers:
                entry.papers.append(pub)
    return sorted(found.values(), key=lambda c: (_sort_key(c.name), c.name))


def _identity(
    site: Site, spelling: str, person_id: str | None, outside: dict[str, ExternalAuthor]
) -> tuple[tuple[str, str], tuple[str, list[str], str, str, str]]:
    """(identity key, (name, spellings, organisation from data, e-mail, where it belongs)) of a spelling."""
    if person_id:
        member = site.person(person_id)
        spellings = [member.name, *member.aliases]
        return ("member", person_id), (
            member.name,
            spellings,
            _member_place(site, person_id),
            member.email or "",
            person_file(person_id),
        )
    listed = outside.get(names.name_key(spelling))
    if listed is not None:
        spellings = [listed.name, *listed.aliases]
        return ("outside", listed.name), (listed.name, spellings, listed.affiliation or "", "", AUTHORS_FILE)
    return ("name", names.name_key(spelling)), (spelling, [spelling], "", "", AUTHORS_FILE)


def _member_place(site: Site, person_id: str) -> str:
    """A current member is at the professor's university; an alumnus where their `affiliation:` says."""
    member = site.person(person_id)
    return site.profile.university if member.end is None else (member.affiliation or "")


def _sort_key(name: str) -> tuple[str, str]:
    words = names.folded_key(name).split()
    return (words[-1], " ".join(words[:-1])) if words else ("", "")


Lookup = Callable[[str], "list[tuple[list[str], list[str]]] | None"]
"""A DOI → OpenAlex's (spellings, institutions) per author (None: not known to OpenAlex)."""


def fill_from_openalex(people: list[CoAuthor], lookup: Lookup) -> None:
    """Give each co-author without an organisation the institutions OpenAlex prints for them on
    their newest paper with a DOI that names them. Each DOI is asked once."""
    answers: dict[str, list[tuple[list[str], list[str]]]] = {}
    for person in people:
        if person.organization:
            continue
        mine = {k for s in person.spellings for k in (names.name_key(s), names.folded_key(s))}
        for pub in person.papers:
            if not pub.doi:
                continue
            if pub.doi not in answers:
                answers[pub.doi] = lookup(pub.doi) or []
            places = next(
                (
                    places
                    for spellings, places in answers[pub.doi]
                    if places and mine & {k for s in spellings for k in (names.name_key(s), names.folded_key(s))}
                ),
                None,
            )
            if places:
                person.organization = "; ".join(places)
                break


def table1(site: Site) -> Row:
    """The professor, at their university."""
    return Row(1, "", family_first(site.profile.name), site.profile.university, "", "")


def table3(site: Site) -> list[Row]:
    """The professor's Ph.D. advisors (G:) and Ph.D. advisees, current and former (T:)."""
    rows = [
        Row(3, "G:", family_first(advisor), entry.institution, "", "")
        for entry in site.profile.education
        for advisor in entry.advisors
    ]
    advisees = [i for i in site.current_members + site.alumni if site.person(i).degree == "PhD"]
    advisees.sort(key=lambda i: (_sort_key(site.person(i).name), i))
    for person_id in advisees:
        member = site.person(person_id)
        place = _member_place(site, person_id)
        rows.append(Row(3, "T:", family_first(member.name), place, member.email or "", "", person_file(person_id)))
    return rows


def table4(people: list[CoAuthor]) -> list[Row]:
    rows = []
    for person in people:
        year, month = person.last
        when = f"{month:02d}/{year}" if month else str(year)
        rows.append(Row(4, "A:", family_first(person.name), person.organization, person.email, when, person.fill_in))
    return rows


def missing(rows: list[Row]) -> list[Row]:
    return [row for row in rows if not row.organization]


@click.command("coa")
@ROOT
@click.option(
    "--months", default=MONTHS, show_default=True, type=click.IntRange(1, 600), help="Co-authors of this many months."
)
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), help="The day the window ends (default: today).")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("coa.xlsx"),
    show_default=True,
    help="The .xlsx to write; the .csv is written beside it.",
)
@click.option("--offline", is_flag=True, help="Organisations from data only: ask OpenAlex nothing.")
@click.option("--dry-run", is_flag=True, help="Print the rows; write no file.")
def coa_command(root: Path, months: int, as_of: dt.datetime | None, output: Path, offline: bool, dry_run: bool) -> None:
    """NSF's Collaborators and Other Affiliations form (Tables 3 and 4) from data, as .xlsx and .csv."""
    day = as_of.date() if as_of else dt.date.today()
    with data_errors_reported("No form was written: fix the problems above first."):
        site = load_site(root)
    people = co_authors(site, day, months)
    if not offline:
        client = Client(root, contact_of(site.data))
        try:
            fill_from_openalex(people, lambda doi: openalex.affiliations(client, doi))
        except FetchError as error:
            raise click.ClickException(f"{error}. No form was written (--offline uses data alone).") from None
    rows = [table1(site), *table3(site), *table4(people)]
    since = months_before(day, months)
    click.echo(f"Table 4: co-authors of papers from {since[1]:02d}/{since[0]} to {day:%m/%Y} ({months} months).")
    if dry_run:
        for row in rows:
            click.echo(
                " | ".join([str(row.table), row.code, row.name, row.organization, row.optional, row.last_active])
            )
    else:
        csv_path = output.with_suffix(".csv")
        output.write_bytes(workbook.xlsx(rows, day))
        csv_path.write_text(workbook.csv_text(rows), encoding="utf-8")
        click.echo(f"wrote {output} and {csv_path}: {len(rows)} row(s).")
    unknown = missing(rows)
    if unknown:
        click.echo(f"{len(unknown)} without an organisation (add `affiliation:` in data, then run again):")
        for row in unknown:
            click.echo(f"  Table {row.table} {row.code} {row.name} — in {row.fill_in}")
