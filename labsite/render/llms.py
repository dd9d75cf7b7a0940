"""`llms.txt` (https://llmstxt.org/): the site in one Markdown file for language models and the
tools built on them, as Hugo Blox writes one. What the site is (its title, summary and the
professor), its main pages, and every paper as one line with its page.

Plain text, not HTML: nothing is HTML-escaped, but text from data is kept from breaking the
Markdown: each value on one line, and a link's text without square brackets (the format's reference
parser, `llms_txt.parse_link`, ends a link's text at the first `]`, escaped or not), which become
round ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from labsite.derive.views import Site
from labsite.models.publications import Publication
from labsite.read.addresses import page_url
from labsite.render.metadata import THESIS_TYPE
from labsite.render.pages import plain

BRACKETS = str.maketrans("[]", "()")


@dataclass(frozen=True)
class MainPage:
    """One of the site's own pages (under `docs/`), as a line of `llms.txt` names it."""

    url: str
    """Its address relative to the site's root: '' for the home page, 'group/'."""
    title: str
    description: str | None = None
    top: bool = True
    """One of the main pages (`docs/x.md`, `docs/x/index.md`), which llms.txt lists."""


def _text(value: str) -> str:
    """One line: whitespace, line breaks included, collapsed."""
    return " ".join(value.split())


def _link(title: str, base_url: str, url: str, note: str | None) -> str:
    line = f"- [{_text(title).translate(BRACKETS)}]({base_url + url or './'})"  # home: './'
    return f"{line}: {_text(note)}" if note else line


def _paper_note(site: Site, pub: Publication) -> str:
    cited = site.citation_of(pub)
    authors = ", ".join(pub.authors) + (", et al." if pub.et_al else "")
    where = cited.label if cited.label and cited.kind not in ("thesis", "preprint") else None
    if cited.kind == "thesis":
        where = f"{THESIS_TYPE}, {pub.institution}" if pub.institution else THESIS_TYPE
    elif cited.kind == "preprint":
        where = "Preprint"
    return f"{authors}. {where}, {cited.year}."


def llms_txt(site: Site, base_url: str = "", main_pages: Sequence[MainPage] = ()) -> str:
    """The file's text. Links are absolute when the site's address is known, else relative to the root."""
    profile = site.profile
    lines = [f"# {_text(site.settings.title)}", "", f"> {_text(site.settings.description)}", ""]
    lines += [_text(f"{profile.name}: {profile.title}, {profile.department}, {profile.university}."), ""]
    main = [p for p in main_pages if p.top]
    if main:
        lines += ["## Pages", ""]
        lines += [_link(p.title, base_url, p.url, p.description) for p in main]
        lines.append("")
    lines += ["## Publications", ""]
    for pub in site.publications:
        lines.append(_link(pub.title, base_url, page_url("publication", pub.id), _paper_note(site, pub)))
    lines.append("")
    if site.projects:
        lines += ["## Projects", ""]
        lines += [_link(p.name, base_url, page_url("project", p.id), plain(p.description)) for p in site.projects]
        lines.append("")
    return "\n".join(lines)
