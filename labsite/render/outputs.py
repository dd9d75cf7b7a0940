"""Everything the data adds to the site, as one list: a page per person, paper and project (its body,
title, description and the head metadata the theme writes), BibTeX, the feeds and robots.txt.

The MkDocs plugin hands these to MkDocs as values; `python -m labsite generate` writes the same list
to disk for any other engine. So what the site holds is decided here once, whichever engine builds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import escape

from labsite.derive.views import Site
from labsite.read.addresses import page_url
from labsite.read.layout import person_file
from labsite.render import bibtex, feeds, metadata, robots
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
    """A file the data adds beside the pages (`publications.bib`, `news.xml`, ...)."""

    path: str
    content: str


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


def files(site: Site, address: Address) -> list[GeneratedFile]:
    """The files beside the pages: BibTeX, the two feeds and, when the site's address is known, robots.txt."""
    base_url = address.base_url
    found = [
        GeneratedFile("publications.bib", bibtex.bibliography(site)),
        GeneratedFile("news.xml", feeds.news_feed(site, base_url)),
        GeneratedFile("publications.xml", feeds.publications_feed(site, base_url)),
    ]
    if base_url:
        found.append(GeneratedFile("robots.txt", robots.robots_txt(base_url)))
    return found
