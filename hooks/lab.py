"""MkDocs hook: the adapter that feeds the build from `data/` (no parsing, checking or markup here).

- `on_startup` remembers whether this is `mkdocs serve` (a preview) or a build that may be published.
- `on_config` loads the site model once (it is cached for the macros module), names the site and
  sets its language from `data/site.yml`, and on bad data stops a build with every problem listed;
  a preview keeps running and shows the problems on every page instead, so a typo never ends
  `mkdocs serve`. Look-alike author names are warnings, which a strict build refuses before writing
  any page.
- `on_files` leaves out a page whose data is empty (front matter `shows: [news]`) together with its
  navigation tab, and adds one generated page per person, publication and project,
  `publications.bib`, the Atom feeds and, when the site's address is known, `robots.txt` naming the
  sitemap.
- `on_page_markdown` (after the macros plugin) refuses to publish a page holding a macro error, and
  puts Scholar tags and JSON-LD into the page's metadata for the theme override to write.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

# MkDocs puts only this folder on the path while loading a hook: make the project's core importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from labsite.derive.views import Site
from labsite.errors import DataErrors
from labsite.models.common import is_site_address
from labsite.read.layout import data_file, person_file
from labsite.render import bibtex, feeds, metadata, robots
from labsite.render.blocks import Blocks
from labsite.render.pages import PageSpec, generated_pages
from labsite.site import start

log = logging.getLogger("mkdocs.hooks.lab")
_MACRO_FAILURES = ("Macro Rendering Error", "Macro Syntax Error")


@dataclass
class _Build:
    """What one build (or one rebuild of `mkdocs serve`) knows between events."""

    command: str = "build"
    """`serve` for a preview, `build`/`gh-deploy` for a site that may be published."""
    errors: DataErrors | None = None
    """The data's problems, when a preview runs on bad data (a build stops instead)."""
    site: Site | None = None
    blocks: Blocks | None = None
    pages: dict[str, PageSpec] = field(default_factory=dict)
    """The generated pages of this build, by their source path ('people/x.md')."""


_state = _Build()


def on_startup(command: str, dirty: bool) -> None:
    _state.command = command


def _preview() -> bool:
    return _state.command == "serve"


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


@event_priority(100)  # before the macros plugin, which asks for the same (cached) model
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state.errors = _state.site = _state.blocks = None
    try:
        started = start(project_root(config))
    except DataErrors as problems:
        if not _preview():
            raise PluginError(problems.report()) from None
        _state.errors = problems
        for line in problems.report().splitlines():
            log.warning(line)
        return config
    # this build's model: later events use it without looking at data/ again
    site, _state.site, _state.blocks = started.site, started.site, started.blocks
    settings = site.settings
    # Escaped once, and marked as markup: Material prints the name raw in most places and with `|e`
    # in the logo's tooltip; `|e` leaves Markup alone, so `&` shows as `&` everywhere, never `&amp;`.
    config.site_name = escape(settings.title)
    config.site_description = escape(settings.description)
    _set_language(config, settings.language)
    url = settings.url or os.environ.get("LABSITE_URL")
    if not url:
        # A sitemap needs absolute addresses: without one MkDocs writes an empty, invalid file.
        config.theme.static_templates.discard("sitemap.xml")
        log.info(
            "No site address (set 'url:' in data/site.yml or LABSITE_URL): this build has no sitemap, "
            "robots.txt, canonical, og:url or feed links in its pages; its feeds use relative links and local ids."
        )
    repository = settings.repository or _github_repository()
    for name, value in (("LABSITE_URL", url), ("GITHUB_REPOSITORY", repository)):
        if value and not is_site_address(value):  # site.yml's values are checked; these come from the runner
            raise PluginError(f"{name}: expected an https:// address (no quotes, spaces, '?', '#') — got {value!r}")
    if url:
        config.site_url = url
    if repository:
        config.repo_url = repository
        config.edit_uri = f"edit/{settings.branch}/docs/"
    for warning in site.warnings:
        log.warning("data: %s", warning)
    if site.warnings and config.strict and not _preview():
        # as `check --strict` does; stopping here (not at the end of the build) writes no page
        raise PluginError(f"{len(site.warnings)} data warning(s) above: a strict build refuses them")
    return config


def _set_language(config: MkDocsConfig, language: str) -> None:
    """Material reads the page language (`<html lang>`), its translated interface strings and the
    text direction (`dir="rtl"` for Arabic, Hebrew, Persian...) from `theme.language`."""
    if not any((Path(d) / "partials" / "languages" / f"{language}.html").is_file() for d in config.theme.dirs):
        raise PluginError(
            f"{data_file('site.yml')}: field 'language': expected a language the theme translates,"
            " e.g. en, de, fr, zh, ar"
            f" — got {language!r} (hint: the list is material/templates/partials/languages/ in Material for MkDocs)"
        )
    config.theme["language"] = language


def _github_repository() -> str | None:
    """In GitHub Actions the repository's address is known: use it for 'edit' links."""
    if os.environ.get("GITHUB_REPOSITORY"):
        server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
        return f"{server}/{os.environ['GITHUB_REPOSITORY']}"
    return None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    _state.pages = {}
    sitemap = files.get_file_from_path("sitemap.xml")
    if not config.site_url and sitemap:
        files.remove(sitemap)  # no longer rendered (see on_config), it would be copied as a raw template
    site, blocks = _state.site, _state.blocks
    if site is None or blocks is None:
        return _without_refused(files, _state.errors)
    _leave_out_empty_pages(files, config, site)
    for spec in generated_pages(site):
        # The body is rendered here, once, and the macros plugin is told to leave it alone: text
        # from data never passes through a template engine a second time.
        front = {"title": str(escape(spec.title)), "description": str(escape(spec.description)), "render_macros": False}
        header = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in front.items())
        base = "../" * (spec.path.count("/") + 1)
        if spec.kind == "person":
            edit = (
                f"{config.repo_url.rstrip('/')}/edit/{site.settings.branch}/{person_file(spec.id)}"
                if config.repo_url
                else None
            )
            body = blocks.person_page(spec.id, base=base, edit_url=edit)
        else:
            body = getattr(blocks, f"{spec.kind}_page")(spec.id, base=base)
        files.append(File.generated(config, spec.path, content=f"---\n{header}\n---\n\n{body}"))
        _state.pages[spec.path] = spec
    base_url = (config.site_url or "").rstrip("/") + "/" if config.site_url else ""
    files.append(File.generated(config, "publications.bib", content=bibtex.bibliography(site)))
    files.append(File.generated(config, "news.xml", content=feeds.news_feed(site, base_url)))
    files.append(File.generated(config, "publications.xml", content=feeds.publications_feed(site, base_url)))
    if base_url:
        files.append(File.generated(config, "robots.txt", content=robots.robots_txt(base_url)))
    return files


def _leave_out_empty_pages(files: Files, config: MkDocsConfig, site: Site) -> None:
    """A page whose front matter names the sections it shows (`shows: [awards, education]`) is not
    built when all of them are empty, and its navigation entry goes too: no empty tab, no bare
    heading. Pages guard their links to such a page with `{% if has(...) %}`; a link left unguarded
    fails the strict build, as any dead link does."""
    hidden = set()
    for file in list(files.documentation_pages()):
        shows = get_data(file.content_string)[1].get("shows")
        if not shows:
            continue
        try:
            empty = not site.has(*([shows] if isinstance(shows, str) else shows))
        except KeyError as unknown:
            raise PluginError(f"docs/{file.src_uri}: front matter 'shows': {unknown.args[0]}") from None
        if empty:
            files.remove(file)
            hidden.add(file.src_uri)
    if hidden and config.nav:
        config.nav = _nav_without(config.nav, hidden)


def _nav_without(nav: list, hidden: set[str]) -> list:
    """The `nav:` list without entries for the hidden pages (and without sections left empty)."""
    kept = []
    for entry in nav:
        target = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(target, list):
            target = _nav_without(target, hidden)
            if target:
                kept.append({next(iter(entry)): target})
        elif target not in hidden:
            kept.append(entry)
    return kept


def _code(text: str) -> str:
    """A Markdown code span that holds any text: its fence is longer than any run of backticks in it,
    so a backtick in a file name or key cannot end it and let the rest through as raw HTML."""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}"


def _without_refused(files: Files, problems: DataErrors | None) -> Files:
    """A preview with bad data does not serve the files refused under docs/ (links, non-photos)."""
    errors = problems.errors if problems else []
    refused = tuple(e.file.removeprefix("docs/") for e in errors if e.file.startswith("docs/"))
    for file in list(files) if refused else []:
        if any(file.src_uri == path or file.src_uri.startswith(path + "/") for path in refused):
            files.remove(file)
    return files


def _head(page: Page, config: MkDocsConfig) -> dict | None:
    """Scholar tags and JSON-LD for a paper's page; the professor as a Person on the home page.

    The theme does not autoescape: the tags are escaped here, as everything from data handed to the
    theme is in this module; the JSON-LD stays a value for the theme's |tojson."""
    site = _state.site
    if page.is_homepage:
        return {"jsonld": metadata.person(site, page.canonical_url), "og_type": "profile"}
    spec = _state.pages.get(page.file.src_uri)
    if spec is None:
        return None
    if spec.kind == "publication":
        pub = site.publication(spec.id)
        tags = metadata.citation_tags(site, pub, page.canonical_url)
        return {
            "citation": [(escape(name), escape(content)) for name, content in tags],
            "jsonld": metadata.scholarly_article(site, pub, page.canonical_url),
            "og_type": "article",
        }
    if spec.kind == "person":
        return {"og_type": "profile"}
    return None


@event_priority(-100)  # after the macros plugin has rendered the page
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if any(marker in markdown for marker in _MACRO_FAILURES) and not _preview():
        raise PluginError(f"{page.file.src_uri}: a macro failed; the page would publish the error")
    problems = _state.errors
    if not problems:
        head = _head(page, config)
        if head:
            page.meta["lab_head"] = head
    if problems:
        lines = "\n".join(f"    - {_code(str(e))}" for e in problems.errors)
        return f'!!! failure "The data has problems: this preview is incomplete"\n\n{lines}\n\n{markdown}'
    return markdown
