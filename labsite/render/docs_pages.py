"""The pages under `docs/` with their macros expanded, for engines that run no macros plugin.

A page's Jinja is written by maintainers, never by data; it runs in a sandbox that knows only the
page API (`Blocks.API`), each call bound to the page's place so its links are relative, as
`macros.py` binds them for mkdocs-macros. The same Jinja settings as that plugin's (undefined names
fail, a final newline is dropped) make the two expansions byte for byte the same.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from labsite.derive.views import Site
from labsite.errors import DataError, DataErrors
from labsite.read.addresses import destination, docs_sources
from labsite.read.layout import DOCS_DIR
from labsite.render.blocks import Blocks
from labsite.render.llms import MainPage

FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
"""MkDocs' own pattern for a page's front matter (`mkdocs.utils.meta.YAML_RE`)."""


def split(source: str) -> tuple[str, str]:
    """A page's front matter block (with its fences, or '') and its Markdown, as MkDocs splits them."""
    found = FRONT_MATTER.match(source)
    return (source[: found.end()], source[found.end() :]) if found else ("", source)


def base_of(source_path: str) -> str:
    """The relative way from a page (by its path in docs/) back to the site's root: '../' per folder
    of its address (`news.md` is at 'news/', so '../')."""
    address = destination(source_path).removesuffix("index.html")
    return "../" * address.count("/")


def page_api(blocks: Blocks, base: str) -> dict[str, Callable[..., Any]]:
    """The page API with each block bound to one page's place."""

    def bind(name: str) -> Callable[..., Any]:
        method = getattr(blocks, name)

        @functools.wraps(method)
        def call(*args: Any, **kwargs: Any) -> Any:
            return method(*args, base=base, **kwargs)

        return call

    return {name: bind(name) for name in Blocks.API}


def expand(markdown: str, blocks: Blocks, source_path: str) -> str:
    """The Markdown of a page (without its front matter) with every macro call replaced by its block."""
    environment = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
    template = environment.from_string(markdown)
    return template.render(**page_api(blocks, base_of(source_path)))


def shown(source: str, site: Site, source_path: str) -> bool:
    """Whether a page under `docs/` is built: a page whose front matter names the sections it shows
    (`shows: [awards, education]`) is left out, with its tab, when all of them are empty. Pages guard
    their links to such a page with `{% if has(...) %}`; a link left unguarded fails the strict build."""
    front, _ = split(source)
    if not front:
        return True
    try:
        meta = yaml.safe_load(front.strip().strip("-.").strip()) or {}
    except yaml.YAMLError:
        return True  # the engine reports the page's broken front matter itself
    shows = meta.get("shows") if isinstance(meta, dict) else None
    if not shows:
        return True
    try:
        return site.has(*([shows] if isinstance(shows, str) else shows))
    except KeyError as unknown:
        line = next((n for n, text in enumerate(front.splitlines(), 1) if text.startswith("shows:")), 1)
        problem = DataError(
            f"{DOCS_DIR}/{source_path}", line, "shows", str(unknown.args[0]), "see README, 'Empty sections'"
        )
        raise DataErrors([problem]) from None


def nav_without(nav: list, hidden: set[str]) -> list:
    """The `nav:` list without entries for the hidden pages (and without sections left empty)."""
    kept = []
    for entry in nav:
        target = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(target, list):
            target = nav_without(target, hidden)
            if target:
                kept.append({next(iter(entry)): target})
        elif target not in hidden:
            kept.append(entry)
    return kept


def main_pages(root: Path, site: Site) -> list[MainPage]:
    """The site's own pages that are built (every page under `docs/`), home first; `top` marks the
    main ones (`docs/x.md`, `docs/x/index.md`). Each is titled by its first heading (the home page by
    the site's title) and described by its front matter's `description`. A heading holding a macro is
    not read (its text is made at build)."""
    found = []
    for relative in docs_sources(root, DOCS_DIR):
        parts = relative.split("/")
        if not relative.endswith(".md"):
            continue
        top = len(parts) == 1 or (len(parts) == 2 and parts[1] == "index.md")
        source = (root / DOCS_DIR / relative).read_text(encoding="utf-8")
        if not shown(source, site, relative):
            continue
        front, markdown = split(source)
        try:
            meta = yaml.safe_load(front.strip().strip("-.").strip()) if front else {}
        except yaml.YAMLError:
            meta = {}
        meta = meta if isinstance(meta, dict) else {}
        url = "" if relative == "index.md" else posixpath.dirname(destination(relative)) + "/"
        heading = next((line[2:].strip() for line in markdown.splitlines() if line.startswith("# ")), None)
        if relative == "index.md":
            title = site.settings.title
        elif heading and "{" not in heading:
            title = heading
        else:
            title = str(meta.get("title") or parts[0].removesuffix(".md").capitalize())
        description = meta.get("description")
        found.append(MainPage(url, title, description if isinstance(description, str) else None, top))
    return sorted(found, key=lambda page: page.url != "")
