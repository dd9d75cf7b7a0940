"""News, teaching, projects, awards and site settings: the smaller data files."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import (
    Email,
    GitRef,
    Language,
    Links,
    Markdown,
    Model,
    NewsDate,
    NewsText,
    SiteAddress,
    Slug,
    Text,
    Url,
    Year,
)


class SiteSettings(Model):
    """`data/site.yml`: what the site calls itself."""

    title: Text
    description: Text
    """One sentence: the default meta description for search engines and link previews."""
    language: Language = "en"
    url: SiteAddress | None = None
    """The public address (https://…); GitHub Pages deploys fill it in when absent."""
    repository: SiteAddress | None = None
    """The repository (https://…), for 'Edit this profile' links; GitHub Actions fills it in when absent."""
    branch: GitRef = "main"
    """The branch that 'Edit' links open (a git branch name)."""
    contact: Email | None = None
    """The address `import`, `sync` and `citations` give the services they ask (Crossref, arXiv,
    DBLP, ORCID, OpenAlex) so they can reach us; defaults to the professor's e-mail."""


class NewsItem(Model):
    date: NewsDate
    text: NewsText


class NewsFile(Model):
    news: list[NewsItem] = []


class Term(Model):
    season: Literal["spring", "summer", "fall", "winter"]
    year: Year


class Course(Model):
    number: Text
    title: Text
    terms: list[Term] = Field(min_length=1)
    url: Url | None = None
    description: Markdown | None = None


class TeachingFile(Model):
    courses: list[Course] = []


class Project(Model):
    id: Slug
    name: Text
    description: Markdown
    topics: list[Slug] = []
    links: Links = Links()
    people: list[Slug] = []
    """Members by id, besides those derived from the project's papers."""


class ProjectsFile(Model):
    projects: list[Project] = []


class Award(Model):
    name: Text
    year: Year
    publication: Slug | None = None
    """The paper the award is for, if any (its id)."""


class AwardsFile(Model):
    awards: list[Award] = []
