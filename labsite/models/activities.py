"""News, teaching, projects, awards and site settings: the smaller data files."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import Links, Markdown, Model, NewsDate, NewsText, Slug, Text, Url, Year


class SiteSettings(Model):
    """`data/site.yml`: what the site calls itself."""

    title: Text
    description: Text
    """One sentence: the default meta description for search engines and link previews."""
    language: Text = "en"
    url: Url | None = None
    """The public address; GitHub Pages deploys fill it in when absent."""
    repository: Url | None = None
    """The repository, for 'Edit this profile' links; GitHub Actions fills it in when absent."""
    branch: Text = "main"


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
