"""News, teaching, projects, awards and site settings: the smaller data files."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

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
from .languages import THEME_LANGUAGES
from .people import GitHubHandle


def _translated(language: str) -> str:
    if language not in THEME_LANGUAGES:
        raise PydanticCustomError(
            "labsite",
            "expected {expected} — got {got}",
            {
                "expected": "a language the theme translates, e.g. en, de, fr, zh, ar",
                "got": repr(language),
                "hint": "the list is material/templates/partials/languages/ in Material for MkDocs",
            },
        )
    return language


ThemeLanguage = Annotated[
    Language, AfterValidator(_translated), Field(json_schema_extra={"enum": sorted(THEME_LANGUAGES)})
]


class SiteSettings(Model):
    """`data/site.yml`: what the site calls itself."""

    title: Text
    """The site's name, shown in the header and the browser's tab."""
    description: Text
    """One sentence: the default meta description for search engines and link previews."""
    language: ThemeLanguage = "en"
    """The language of the pages (HTML `lang` and the theme's own words), e.g. en, de or pt-BR."""
    url: SiteAddress | None = None
    """The public address (https://…); GitHub Pages deploys fill it in when absent."""
    repository: SiteAddress | None = None
    """The repository (https://…), for 'Edit this profile' links; GitHub Actions fills it in when absent."""
    branch: GitRef = "main"
    """The branch that 'Edit' links open (a git branch name)."""
    contact: Email | None = None
    """The address `import`, `sync` and `citations` give the services they ask (Crossref, arXiv,
    DBLP, ORCID, OpenAlex) so they can reach us; defaults to the professor's e-mail."""
    maintainers: list[GitHubHandle] = []
    """GitHub accounts that may approve any change (`pr-check`): this file needs their review itself."""


class NewsItem(Model):
    date: NewsDate
    """When it happened: a year, a month or a day."""
    text: NewsText
    """What happened, in a sentence or two (Markdown: links and emphasis work)."""


class NewsFile(Model):
    news: list[NewsItem] = []
    """News items, newest first or in any order (pages group them by year; the home page shows the latest)."""


class Term(Model):
    season: Literal["spring", "summer", "fall", "winter"]
    """spring, summer, fall or winter."""
    year: Year
    """The year of that term."""


class Course(Model):
    number: Text
    """The course number, e.g. '15-849'."""
    title: Text
    """The course's title."""
    terms: list[Term] = Field(min_length=1)
    """Each term it was taught."""
    url: Url | None = None
    """The course's website."""
    description: Markdown | None = None
    """A short description (Markdown)."""


class TeachingFile(Model):
    courses: list[Course] = []
    """Courses taught (the Teaching page lists them, most recently taught first)."""


class Project(Model):
    id: Slug
    """The project's permanent id: its page is /projects/<id>/; papers name it in `projects`."""
    name: Text
    """The project's name."""
    description: Markdown
    """What the project is about (Markdown)."""
    topics: list[Slug] = []
    """Topic ids from data/topics.yml."""
    links: Links = Links()
    """Links to the project's code, website, and so on."""
    people: list[Slug] = []
    """Members by id, besides those derived from the project's papers."""


class ProjectsFile(Model):
    projects: list[Project] = []
    """The group's research projects, in the order the Projects page shows them."""


class Award(Model):
    name: Text
    """The award as it should read, e.g. 'NSF CAREER Award'."""
    year: Year
    """The year it was received."""
    publication: Slug | None = None
    """The paper the award is for, if any (its id)."""


class AwardsFile(Model):
    awards: list[Award] = []
    """Awards and honours of the professor and the group (shown on the CV page)."""
