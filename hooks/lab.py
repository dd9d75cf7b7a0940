"""MkDocs hook: the adapter that feeds the build from `data/` (no parsing, checking or markup here).

- `on_startup` remembers whether this is `mkdocs serve` (a preview) or a build that may be published.
- `on_config` loads the site model once (it is cached for the macros module), names the site from
  `data/site.yml`, and on bad data stops a build with every problem listed; a preview keeps running
  and shows the problems on every page instead, so a typo never ends `mkdocs serve`.
- `on_files` adds one generated page per person, publication and project, `publications.bib` and
  the Atom feeds.
- `on_page_markdown` (after the macros plugin) refuses to publish a page holding a macro error, and
  puts Scholar tags and JSON-LD into the page's metadata for the theme override to write.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

# MkDocs puts only this folder on the path while loading a hook: make the project's core importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from labsite import bibtex, feeds, metadata
from labsite.blocks import blocks_for
from labsite.errors import DataErrors
from labsite.pages import generated_pages
from labsite.site import load_site

log = logging.getLogger("mkdocs.hooks.lab")
_state: dict[str, Any] = {"command": "build", "errors": None, "site": None, "pages": {}}
_MACRO_FAILURES = ("Macro Rendering Error", "Macro Syntax Error")


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def _preview() -> bool:
    return _state["command"] == "serve"


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


@event_priority(100)  # before the macros plugin, which asks for the same (cached) model
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state["errors"] = _state["site"] = None
    try:
        site = load_site(project_root(config), os.environ.get("LABSITE_DATA", "data"))
    except DataErrors as problems:
        if not _preview():
            raise PluginError(problems.report()) from None
        _state["errors"] = problems
        for line in problems.report().splitlines():
            log.warning(line)
        return config
    _state["site"] = site  # this build's model: later events use it without looking at data/ again
    settings = site.settings
    config.site_name = html.escape(settings.title)
    config.site_description = html.escape(settings.description)
    if settings.url or os.environ.get("LABSITE_URL"):
        config.site_url = settings.url or os.environ["LABSITE_URL"]
    repository = settings.repository or _github_repository()
    if repository:
        config.repo_url = repository
        config.edit_uri = f"edit/{settings.branch}/docs/"
    for warning in site.warnings:
        log.info("data: %s", warning)
    return config


def _github_repository() -> str | None:
    """In GitHub Actions the repository's address is known: use it for 'edit' links."""
    if os.environ.get("GITHUB_REPOSITORY"):
        server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
        return f"{server}/{os.environ['GITHUB_REPOSITORY']}"
    return None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    _state["pages"] = {}
    site = _state["site"]
    if site is None:
        return _without_refused(files, _state["errors"])
    blocks = blocks_for(site, (project_root(config) / "overrides" / "labsite",))
    for spec in generated_pages(site):
        # The body is rendered here, once, and the macros plugin is told to leave it alone: text
        # from data never passes through a template engine a second time.
        front = {"title": html.escape(spec.title), "description": html.escape(spec.description), "render_macros": False}
        header = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in front.items())
        base = "../" * (spec.path.count("/") + 1)
        if spec.kind == "person":
            edit = (
                f"{config.repo_url.rstrip('/')}/edit/{site.settings.branch}/data/people/{spec.id}.yml"
                if config.repo_url
                else None
            )
            body = blocks.person_page(spec.id, base=base, edit_url=edit)
        else:
            body = getattr(blocks, f"{spec.kind}_page")(spec.id, base=base)
        files.append(File.generated(config, spec.path, content=f"---\n{header}\n---\n\n{body}"))
        _state["pages"][spec.path] = spec
    base_url = (config.site_url or "").rstrip("/") + "/" if config.site_url else ""
    files.append(File.generated(config, "publications.bib", content=bibtex.bibliography(site)))
    files.append(File.generated(config, "news.xml", content=feeds.news_feed(site, base_url)))
    files.append(File.generated(config, "publications.xml", content=feeds.publications_feed(site, base_url)))
    return files


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
    """Scholar tags and JSON-LD for a paper's page; the professor as a Person on the home page."""
    site = _state["site"]
    if page.is_homepage:
        return {"jsonld": metadata.person(site, page.canonical_url), "og_type": "profile"}
    spec = _state["pages"].get(page.file.src_uri)
    if spec is None:
        return None
    if spec.kind == "publication":
        pub = site.publication(spec.id)
        return {
            "citation": metadata.citation_tags(site, pub),
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
    problems = _state["errors"]
    if not problems:
        head = _head(page, config)
        if head:
            page.meta["lab_head"] = head
    if problems:
        lines = "\n".join(f"    - {_code(str(e))}" for e in problems.errors)
        return f'!!! failure "The data has problems: this preview is incomplete"\n\n{lines}\n\n{markdown}'
    return markdown
