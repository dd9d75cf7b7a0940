"""Which pages the data implies: one per person, per publication and per project.

The MkDocs hook turns these into generated files; the core decides their paths, titles and
descriptions so another engine could produce the same set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from labsite.derive.views import Site
from labsite.models.people import ROLE_OF_CURRENT
from labsite.read.addresses import PageKind, page_source


@dataclass(frozen=True)
class PageSpec:
    path: str
    """Source path relative to docs/, e.g. 'people/jane-doe.md'."""
    kind: PageKind
    """Which kind of item the page shows, and so which block renders its body."""
    id: str
    title: str
    description: str
    keywords: tuple[str, ...] = ()
    """Words a visitor searches for that the page may name only once: a paper's venue acronym. The
    search index weighs them as Material weighs tags, so "SC" finds the SC paper before titles
    that merely start with "sc"."""


def plain(markdown_text: str, limit: int = 200) -> str:
    """Markdown reduced to one plain sentence or so, for meta descriptions."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text)
    text = re.sub(r"[*_`#>]", "", text)
    text = " ".join(text.split())
    text = text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return _one_stop(text)


def _one_stop(text: str) -> str:
    """A typed "..." at the end becomes "…", a doubled full stop one."""
    return re.sub(r"(?<!\.)\.\.$", ".", re.sub(r"\.{3,}$", "…", text.rstrip()))


def sentence(text: str) -> str:
    """`text` ending in exactly one full stop: parts from data may bring their own ("et al.",
    "Inc.", a question mark), and a description never ends in "..".
    """
    text = _one_stop(text)
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def generated_pages(site: Site) -> list[PageSpec]:
    advisor = f"with {site.profile.name} at {site.profile.university}"
    pages = []
    for person_id, person in site.data.people.items():
        if person.end is None:
            text = f"{person.name}, {ROLE_OF_CURRENT[person.degree]} {advisor}"
        else:
            now = f"; now {person.now}" if person.now else ""
            text = f"{person.name}, {person.degree} {person.end} {advisor}{now}"
        pages.append(PageSpec(page_source("person", person_id), "person", person_id, person.name, sentence(text)))
    for pub in site.publications:
        cited = site.citation_of(pub)
        where = f"{cited.venue.id} {cited.year}" if cited.venue else str(cited.year)
        authors = ", ".join(pub.authors[:3]) + (" et al." if len(pub.authors) > 3 or pub.et_al else "")
        text = sentence(f"{pub.title} ({where}). {authors}")
        keywords = (cited.venue.id,) if cited.venue else ()
        pages.append(PageSpec(page_source("publication", pub.id), "publication", pub.id, pub.title, text, keywords))
    for project in site.projects:
        source = page_source("project", project.id)
        pages.append(PageSpec(source, "project", project.id, project.name, plain(project.description)))
    return pages
