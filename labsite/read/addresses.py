"""Where every file of the built site lands: the pages the data implies, the files the core writes and
the pages under `docs/`, each mapped to its address the way the engine maps it.

An id from data becomes part of a path (`publications/<id>.md`), so a paper whose id is `index` would
replace the Publications page, and a person's file named `index.yml` would give a page at `people/`,
not at the `people/index/` its card links to. Rather than refusing such names one by one, the check
computes each file's address with the engine's own rule (`destination`) and refuses any data-made
address that is not the one its kind promises, or that another file also claims.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

PageKind = Literal["person", "publication", "project"]
"""The kinds of page the data implies: one page per member, per paper and per project."""
PAGE_FOLDERS: dict[PageKind, str] = {"person": "people", "publication": "publications", "project": "projects"}
"""The folder (inside `docs/`, and so in the site's addresses) holding each kind's pages."""

PROFILE_FILES = ("profile.bib", "profile.json")
"""The professor's papers as BibTeX and CSL JSON, at the site's root (linked from the home page)."""
CORE_FILES = ("publications.bib", "news.xml", "publications.xml", "llms.txt", "robots.txt", "cv.pdf", *PROFILE_FILES)
"""Files the core writes at the site's root beside the pages (BibTeX, the feeds, llms.txt, robots.txt, the CV)."""
CARD_DIR = "cards"
"""The folder of link-card images the core writes when the site's address is known, one per page
at the page's address (`cards/people/jane-doe/card.png`): nothing else may be written there."""
PERSON_FILES = ("publications.bib", "publications.json")
"""Files the core writes beside a member's page, in its folder: their papers with the group, as
BibTeX and CSL JSON. Their names are not `index.*`, so they never take the page's own address."""
ENGINE_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json")
"""Files the engine and its theme write themselves."""


def page_source(kind: PageKind, item_id: str) -> str:
    """The source path, relative to `docs/`, of the page the data implies for an item: 'people/jane-doe.md'."""
    return f"{PAGE_FOLDERS[kind]}/{item_id}.md"


def page_url(kind: PageKind, item_id: str) -> str:
    """The address every link to that page uses, relative to the site's root: 'people/jane-doe/'."""
    return f"{PAGE_FOLDERS[kind]}/{item_id}/"


def person_files(person_id: str) -> list[str]:
    """The addresses of a member's exports, relative to the site's root: 'people/jane-doe/publications.bib'."""
    return [f"{page_url('person', person_id)}{name}" for name in PERSON_FILES]


def destination(source: str, directory_urls: bool = True) -> str:
    """The file a source path (relative to `docs/`) is written to, by MkDocs' rule (`File._get_dest_path`):
    a Markdown page `a/b.md` becomes `a/b/index.html`, while `a/index.md` and `a/README.md` become
    `a/index.html`; any other file keeps its path."""
    parent, name = posixpath.split(source)
    stem, extension = posixpath.splitext(name)
    if extension.lower() not in (".md", ".markdown"):
        return source
    if stem == "README":
        stem = "index"
    if not directory_urls or stem == "index":
        return posixpath.join(parent, f"{stem}.html")
    return posixpath.join(parent, stem, "index.html")


@dataclass(frozen=True)
class Claim:
    """One file of the built site and who asked for it."""

    destination: str
    """Where it is written, relative to the site's root."""
    origin: str
    """What asks for it, as a person reads it: 'docs/publications/index.md', 'the paper 'index''."""


def docs_sources(root: Path, docs_dir: str) -> list[str]:
    """Every file MkDocs would publish from `docs/`, relative to it: hidden files and folders are left
    out, as MkDocs' default `exclude_docs` does (`.*`, `/templates/`). Links are not followed."""
    top = root / docs_dir
    found = []
    for current, dirnames, filenames in os.walk(top) if top.is_dir() else ():
        relative = Path(current).relative_to(top).as_posix()
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not (relative == "." and d == "templates")
        )
        for name in sorted(filenames):
            if not name.startswith("."):
                found.append(name if relative == "." else f"{relative}/{name}")
    return found


def clashes(claims: list[Claim]) -> dict[Claim, list[Claim]]:
    """For each claim, the other claims on the same address: the same file (compared without case, as
    a checkout on macOS or Windows would), or a file where another claim needs a folder."""
    by_address: dict[str, list[Claim]] = {}
    for claim in claims:
        by_address.setdefault(claim.destination.casefold(), []).append(claim)
    folders: dict[str, list[Claim]] = {}
    for claim in claims:
        parts = claim.destination.casefold().split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            folders.setdefault("/".join(parts[:depth]), []).append(claim)
    found: dict[Claim, list[Claim]] = {}
    for claim in claims:
        address = claim.destination.casefold()
        others = [c for c in by_address[address] if c is not claim] + folders.get(address, [])
        if others:
            found[claim] = others
    return found
