"""The layout of a project's data: which files `data/` holds, where people and photos go, how large each may be.

Everything that names a data file or folder asks here, so a lab that renames one changes one line.
"""

from __future__ import annotations

from pydantic import BaseModel

from labsite.models.activities import (
    AwardsFile,
    NewsFile,
    ProjectsFile,
    SiteSettings,
    TeachingFile,
)
from labsite.models.people import Profile
from labsite.models.publications import (
    AuthorsFile,
    CitationsFile,
    PublicationsFile,
    TopicsFile,
    VenuesFile,
)

DATA_DIR = "data"
"""The data folder inside the project (the check and tests may point at another: `--data`, LABSITE_DATA)."""
DOCS_DIR = "docs"
PEOPLE_DIR = "people"
"""One file per member inside the data folder: `people/<id>.yml`."""
PHOTO_DIR = "images/people"
"""Where members put their photos, inside `docs/` (CONTRIBUTING names it)."""
SITE_ASSETS = (
    "javascripts/lab.js",
    "javascripts/lab-filter.js",
    "javascripts/lab-keyboard.js",
    "images/favicon.svg",
)
"""The only script, HTML and SVG files `docs/` may hold: the site's own (`mkdocs.yml` names them).

Any other such file would run on the site's address when opened; the check refuses it
(`labsite/read/assets.py`), and reads these SVGs for active content too. Style sheets are not
listed: CSS runs no script in today's browsers, and a page cannot load one (`<link>` is refused).
"""
FILES: dict[str, tuple[type[BaseModel], bool]] = {
    # file name: (model, required?)
    "site.yml": (SiteSettings, True),
    "profile.yml": (Profile, True),
    "publications.yml": (PublicationsFile, True),
    "venues.yml": (VenuesFile, True),
    "topics.yml": (TopicsFile, False),
    "projects.yml": (ProjectsFile, False),
    "teaching.yml": (TeachingFile, False),
    "news.yml": (NewsFile, False),
    "awards.yml": (AwardsFile, False),
    "authors.yml": (AuthorsFile, False),
    "citations.yml": (CitationsFile, False),
}
MAX_BYTES = {"publications.yml": 2_000_000, "news.yml": 1_000_000, PEOPLE_DIR: 50_000}
"""Largest accepted size of each data file (the others: `MAX_BYTES_OTHER`), checked before parsing.

publications.yml: three times the 40× benchmark's 2,040 papers (640 KB), or ~1,500 papers with
abstracts; news: thousands of items; a person: a full bio and many links. Far above any lab, and
low enough that one pull request cannot make the check or the build slow (fields have limits too).
"""
MAX_BYTES_OTHER = 200_000


def data_file(name: str, data_dir: str = DATA_DIR) -> str:
    """A data file as messages and commands name it: 'data/publications.yml'."""
    return f"{data_dir}/{name}"


def person_file(person_id: str, data_dir: str = DATA_DIR) -> str:
    """A member's file as messages and edit links name it: 'data/people/jane-doe.yml'."""
    return f"{data_dir}/{PEOPLE_DIR}/{person_id}.yml"
