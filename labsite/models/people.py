"""The professor (`data/profile.yml`) and the group's members (`data/people/<id>.yml`)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ValidationInfo, field_validator

from .common import (
    AssetPath,
    DblpPid,
    Email,
    Link,
    Markdown,
    Model,
    Name,
    Orcid,
    Slug,
    Text,
    Year,
    YearMonth,
    _rule,
)

Degree = Literal["PhD", "MS", "BS", "Postdoc"]
DEGREE_ORDER: tuple[str, ...] = ("Postdoc", "PhD", "MS", "BS")
ROLE_OF_CURRENT = {
    "PhD": "Ph.D. student",
    "Postdoc": "Postdoctoral researcher",
    "MS": "Master's student",
    "BS": "Undergraduate student",
}
"""How a current member's degree reads on the site (one place for the Group page, person pages, meta)."""

GITHUB_HANDLE_PATTERN = "^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$"
"""A GitHub account name as GitHub accepts it: 1–39 letters, digits and single hyphens, no hyphen at
either end."""
GitHubHandle = Annotated[
    str,
    *_rule(
        GITHUB_HANDLE_PATTERN,
        "a GitHub account name like jane-doe (1–39 letters, digits or single hyphens, no @)",
        "write the name as in https://github.com/<name>",
    ),
]


class Person(Model):
    """One member, current or former. Alumni are those with an `end` year: nothing else marks them."""

    name: Name
    """The name as printed in author lists (the page's title)."""
    aliases: list[Name] = []
    """Other spellings under which the person appears as an author."""
    orcid: Orcid | None = None
    """ORCID iD: `sync` imports this person's works, and authors carrying it are this person."""
    dblp: DblpPid | None = None
    """DBLP person id: `sync` imports this person's records, and authors carrying it are this person."""
    github: GitHubHandle | None = None
    """The member's GitHub account: the owner of this file and its photo, whose pull requests
    change them without a maintainer's review (`pr-check`)."""
    degree: Degree
    """PhD, MS, BS or Postdoc: the role shown on the Group page."""
    start: Year | None = None
    """The year the person joined."""
    end: Year | None = None
    """The year the person left: with it, the person is listed under alumni."""
    co_advisors: list[Name] = []
    """Co-advisors' names, if any."""
    now: Text | None = None
    """Where an alumnus is now, e.g. 'Assistant Professor at Purdue'."""
    affiliation: Text | None = None
    """An alumnus's organisation now, e.g. 'Purdue University', for the NSF collaborators form (`labsite coa`)."""
    email: Email | None = None
    """Shown on the person's page in a form that is hard to scrape."""
    photo: AssetPath | None = None
    """A photo inside docs/, e.g. images/people/jane-doe.jpg (JPEG, PNG or WebP, at most 10 MB and 50
    megapixels, as the phone took it): the site shows a square from its centre, without its metadata."""
    links: list[Link] = []
    """Links shown on the person's page (homepage, GitHub, Scholar...)."""
    interests: list[Text] = []
    """Research interests, each a short phrase."""
    bio: Markdown | None = None
    """A short biography (Markdown)."""

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
    """When it began, YYYY-MM."""
    end: YearMonth | None = None
    """When it ended, YYYY-MM (leave out while ongoing)."""
    degree: Text
    """The degree, e.g. 'Ph.D. in Computer Science'."""
    institution: Text
    """Where."""
    note: Text | None = None
    """A detail line, e.g. the program's name."""
    advisors: list[Name] = []
    """The advisors of this degree, e.g. of the Ph.D. (the NSF collaborators form, `labsite coa`, lists them)."""


class Experience(Model):
    start: YearMonth
    """When it began, YYYY-MM."""
    end: YearMonth | None = None
    """When it ended, YYYY-MM (leave out while ongoing)."""
    role: Text
    """The position, e.g. 'Research Intern'."""
    organization: Text
    """Where."""
    mentors: list[Name] = []
    """Mentors' names, if any."""


class Profile(Model):
    """The professor: the home page, the CV page and the emphasised author everywhere."""

    name: Name
    """The professor's name: the home page's title and the emphasised author everywhere."""
    aliases: list[Name] = []
    """Other spellings under which the professor appears as an author."""
    orcid: Orcid | None = None
    """ORCID iD: `sync` imports these works, and authors carrying it are the professor."""
    dblp: DblpPid | None = None
    """DBLP person id: `sync` imports these records, and authors carrying it are the professor."""
    title: Text
    """The position, e.g. 'Assistant Professor'."""
    department: Text
    """The department, e.g. 'Computer Science Department'."""
    university: Text
    """The university."""
    email: Email | None = None
    """Shown on the home page in a form that is hard to scrape."""
    links: list[Link] = []
    """Links shown on the home page (Scholar, GitHub, CV...)."""
    photo: AssetPath | None = None
    """A square photo inside docs/ (JPEG, PNG or WebP); without one the site shows initials."""
    bio: Markdown
    """The biography on the home page (Markdown)."""
    interests: Markdown | None = None
    """Research interests, shown under their own heading on the home page (Markdown)."""
    prospective: Markdown | None = None
    """The note to prospective students: a section of the home page, linked from the Group page."""
    selected_publications: list[Slug] = []
    """Paper ids shown on the home page, in this order."""
    selected_projects: list[Slug] = []
    """Project ids shown on the home page, in this order."""
    education: list[Education] = []
    """Degrees, shown on the CV page."""
    experience: list[Experience] = []
    """Positions held, shown on the CV page."""


Someone = Profile | Person
"""The professor or a member: whoever has a name, aliases and the ids that find their papers."""
