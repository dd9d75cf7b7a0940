"""The professor (`data/profile.yml`) and the group's members (`data/people/<id>.yml`)."""

from __future__ import annotations

from typing import Literal

from pydantic import ValidationInfo, field_validator

from .common import AssetPath, DblpPid, Email, Link, Markdown, Model, Name, Orcid, Slug, Text, Year, YearMonth

Degree = Literal["PhD", "MS", "BS", "Postdoc"]
DEGREE_ORDER: tuple[str, ...] = ("Postdoc", "PhD", "MS", "BS")
ROLE_OF_CURRENT = {
    "PhD": "Ph.D. student",
    "Postdoc": "Postdoctoral researcher",
    "MS": "Master's student",
    "BS": "Undergraduate student",
}
"""How a current member's degree reads on the site (one place for the Group page, person pages, meta)."""


class Person(Model):
    """One member, current or former. Alumni are those with an `end` year: nothing else marks them."""

    name: Name
    aliases: list[Name] = []
    """Other spellings under which the person appears as an author."""
    orcid: Orcid | None = None
    """ORCID iD: `sync` imports this person's works, and authors carrying it are this person."""
    dblp: DblpPid | None = None
    """DBLP person id: `sync` imports this person's records, and authors carrying it are this person."""
    degree: Degree
    start: Year | None = None
    end: Year | None = None
    co_advisors: list[Name] = []
    now: Text | None = None
    """Where an alumnus is now, e.g. 'Assistant Professor at Purdue'."""
    email: Email | None = None
    photo: AssetPath | None = None
    """A square photo inside docs/, e.g. images/people/jane-doe.jpg (JPEG, PNG or WebP, at most 1 MB)."""
    links: list[Link] = []
    interests: list[Text] = []
    bio: Markdown | None = None

    @field_validator("end")
    @classmethod
    def _not_before_start(cls, end: int | None, info: ValidationInfo) -> int | None:
        """On `end` (its line and field), since `end` is the value a person edits last."""
        start = info.data.get("start")
        if start and end and end < start:
            raise ValueError(f"expected 'end' ({end}) not before 'start' ({start})")
        return end


class Education(Model):
    start: YearMonth
    end: YearMonth | None = None
    degree: Text
    institution: Text
    note: Text | None = None


class Experience(Model):
    start: YearMonth
    end: YearMonth | None = None
    role: Text
    organization: Text
    mentors: list[Name] = []


class Profile(Model):
    """The professor: the home page, the CV page and the emphasised author everywhere."""

    name: Name
    aliases: list[Name] = []
    orcid: Orcid | None = None
    """ORCID iD: `sync` imports these works, and authors carrying it are the professor."""
    dblp: DblpPid | None = None
    """DBLP person id: `sync` imports these records, and authors carrying it are the professor."""
    title: Text
    department: Text
    university: Text
    email: Email | None = None
    links: list[Link] = []
    photo: AssetPath | None = None
    bio: Markdown
    interests: Markdown | None = None
    prospective: Markdown | None = None
    """The note to prospective students, shown as a call-out on the home page."""
    selected_publications: list[Slug] = []
    selected_projects: list[Slug] = []
    education: list[Education] = []
    experience: list[Experience] = []
