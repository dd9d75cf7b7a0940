"""Everything the data adds to the site, as one list: a page per person, paper and project (its body,
title, description and the head metadata the theme writes), BibTeX, the feeds, llms.txt, robots.txt, the
CV as PDF, each person's papers as BibTeX and CSL JSON, the link cards and the images made from members'
photos (whose uploaded files are never published: `is_original`).

The MkDocs plugin hands these to MkDocs as values; `python -m labsite generate` writes the same list
to disk for any other engine. So what the site holds is decided here once, whichever engine builds it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import escape

from labsite.derive.views import PI, Site
from labsite.read.addresses import PROFILE_FILES, page_url, person_files
from labsite.read.layout import person_file
from labsite.render import bibtex, cards, csl, cv, feeds, llms, metadata, photos, robots
from labsite.render import html as render
from labsite.render.blocks import Blocks
from labsite.render.pages import PageSpec, generated_pages


@dataclass(frozen=True)
class Address:
    """Where the site lives, as the build knows it: its absolute address and its repository's."""

    site_url: str | None = None
    """'https://lab.example.org/' (ends in '/'), or None when unknown (relative links, no sitemap)."""
    repository: str | None = None
    """'https://github.com/owner/repo', for a member's 'edit your profile' link."""
    branch: str = "main"

    @property
    def base_url(self) -> str:
        return (self.site_url or "").rstrip("/") + "/" if self.site_url else ""


@dataclass(frozen=True)
class GeneratedFile:
    """A file the data adds beside the pages (`publications.bib`, `news.xml`, a photo's WebP, ...)."""

    path: str
    content: str | bytes
    """Text (written as UTF-8) or, for an image, bytes."""


def page_specs(site: Site) -> list[PageSpec]:
    """The pages the data implies (see `labsite.render.pages`)."""
    return generated_pages(site)


def body(blocks: Blocks, spec: PageSpec, address: Address) -> str:
    """A generated page's content: HTML from our templates, every value from data escaped."""
    base = "../" * (spec.path.count("/") + 1)
    if spec.kind == "person":
        edit = None
        if address.repository:
            edit = f"{address.repository.rstrip('/')}/edit/{address.branch}/{person_file(spec.id)}"
        return blocks.person_page(spec.id, base=base, edit_url=edit)
    if spec.kind == "publication":
        return blocks.publication_page(spec.id, base=base)
    return blocks.project_page(spec.id, base=base)


def meta(spec: PageSpec) -> dict[str, Any]:
    """A generated page's title and description, escaped once: the theme prints them as they are.
    Its keywords go to the search index as tags (JSON, never printed: the site runs no tags plugin)."""
    found: dict[str, Any] = {"title": escape(spec.title), "description": escape(spec.description)}
    if spec.keywords:
        found["tags"] = list(spec.keywords)
    return found


def canonical(spec: PageSpec, address: Address) -> str | None:
    return address.base_url + page_url(spec.kind, spec.id) if address.base_url else None


def head(site: Site, spec: PageSpec | None, canonical_url: str | None, is_home: bool = False) -> dict | None:
    """What the theme override writes in a page's <head> beyond the defaults: Scholar's tags and
    JSON-LD for a paper, the professor as a Person on the home page, the Open Graph type. The tags are
    escaped here (the theme does not autoescape); the JSON-LD stays a value for the theme's |tojson."""
    if is_home:
        return {"jsonld": metadata.person(site, canonical_url), "og_type": "profile"}
    if spec is None:
        return None
    if spec.kind == "publication":
        pub = site.publication(spec.id)
        tags = metadata.citation_tags(site, pub, canonical_url)
        return {
            "citation": [(escape(name), escape(content)) for name, content in tags],
            "jsonld": metadata.scholarly_article(site, pub, canonical_url),
            "og_type": "article",
        }
    if spec.kind == "person":
        return {"og_type": "profile"}
    return None


def copyright_line(site: Site) -> str:
    """The footer's line as HTML, every value escaped (Material prints `copyright` as it is): the
    newest year the data names, so that a build of the same data gives the same page."""
    years = [int(p.year) for p in site.publications] + [int(n.date[:4]) for n in site.news]
    context = {"profile": site.profile, "year": max(years) if years else ""}
    return render.render(render.environment(), "partials/copyright.html", **context).strip()


def files(site: Site, address: Address, main_pages: Sequence[llms.MainPage] = ()) -> list[GeneratedFile]:
    """The files beside the pages: BibTeX, the two feeds, llms.txt (naming `main_pages`, the site's own
    pages: `docs_pages.main_pages`), the CV as PDF, the professor's and members' own BibTeX and CSL
    JSON, members' derived photos and, when the site's address is known, robots.txt and a link card
    for every page (drawn once per text and look, kept in the user's cache: `cards.cache_folder`).
    Raises `cv.CvError` when the CV cannot be typeset."""
    base_url = address.base_url
    found = [
        GeneratedFile("publications.bib", bibtex.bibliography(site)),
        GeneratedFile("news.xml", feeds.news_feed(site, base_url)),
        GeneratedFile("publications.xml", feeds.publications_feed(site, base_url)),
        GeneratedFile("llms.txt", llms.llms_txt(site, base_url, main_pages)),
        GeneratedFile("cv.pdf", cv.pdf(site, base_url or None)),
    ]
    if base_url:
        found.append(GeneratedFile("robots.txt", robots.robots_txt(base_url)))
        cache = cards.cache_folder()
        found += [
            GeneratedFile(cards.path_of(url), cards.png(card, cache)) for url, card in page_cards(site, main_pages)
        ]
    found += [GeneratedFile(path, data) for path, data in photos.published(site)]
    return found + exports(site)


def exports(site: Site) -> list[GeneratedFile]:
    """The professor's papers and each member's papers with the group, as BibTeX and CSL JSON: the
    entries of `publications.bib`, keys and all. Someone with no paper gets no file (and no link)."""
    found = []
    owners = [(PI, list(PROFILE_FILES)), *((i, person_files(i)) for i in site.data.people)]
    for owner, (bib, json_path) in owners:
        papers = site.papers_of(owner)
        if papers:
            found += [
                GeneratedFile(bib, bibtex.bibliography(site, papers)),
                GeneratedFile(json_path, csl.items(site, papers)),
            ]
    return found


def page_cards(site: Site, main_pages: Sequence[llms.MainPage]) -> list[tuple[str, cards.Card]]:
    """(page address, card) for every page: the site's own pages, then each generated one. A link
    preview needs an absolute address, so cards are made only when the site's address is known."""
    name, profile = site.settings.title, site.profile
    home = cards.Card(name, profile.name, (f"{profile.title}, {profile.university}", site.settings.description))
    found = [
        (p.url, home if p.url == "" else cards.Card(name, p.title, (p.description,) if p.description else ()))
        for p in main_pages
    ]
    for spec in page_specs(site):
        url = page_url(spec.kind, spec.id)
        if spec.kind == "publication":
            found.append((url, cards.paper_card(site, site.publication(spec.id))))
        else:
            found.append((url, cards.Card(name, spec.title, (spec.description,))))
    return found


def is_original(relative: str, site: Site) -> bool:
    """Whether a file of docs/ is an uploaded photo, left out of the site (its derived images stand in)."""
    return photos.is_original(relative, site)
