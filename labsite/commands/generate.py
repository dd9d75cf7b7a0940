"""`python -m labsite generate DIR`: the whole site as plain files, for an engine that runs no plugin.

MkDocs builds the site through the `labsite` plugin and mkdocs-macros. Another engine that reads
`mkdocs.yml` and `docs/` (ProperDocs, Zensical, MkDocs itself with no plugins) builds the same site
from what this writes into DIR:

- `DIR/docs/`: every page under `docs/` with its macros expanded (`labsite.render.docs_pages`, in a
  sandbox that knows only the page API), less the pages whose sections are all empty; a page per
  person, paper and project with its title, description and head metadata as front matter; the
  BibTeX file, the feeds and robots.txt; the site's own assets, copied.
- `DIR/overrides/`: the theme override, copied.
- `DIR/mkdocs.yml`: the project's configuration with what the plugin would set (name, description,
  language, address, repository, the navigation without hidden pages) and without the plugins and
  hooks that make pages from data: no template engine reads any page in DIR.

Every front matter written is read back and compared with what was meant, so a value that YAML
would read differently stops the command instead of changing a page.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import click
import yaml
from markupsafe import escape

from labsite.commands.errors import data_errors_reported
from labsite.read.addresses import docs_sources
from labsite.read.layout import DOCS_DIR
from labsite.render import docs_pages, outputs
from labsite.render.cv import CvError
from labsite.site import start

CONFIG = "mkdocs.yml"
OVERRIDES = "overrides"
ADAPTERS = ("labsite", "macros")
"""The plugins that make pages from data: what `generate` has already done in their place."""


def _plain(value: Any) -> Any:
    """A value as YAML writes it: Markup and tuples become plain strings and lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def with_front_matter(meta: dict[str, Any], markdown: str, shown_as: str) -> str:
    """A page's source: `meta` as front matter, then `markdown`. The front matter is read back (as MkDocs
    reads it) and must give `meta` again; otherwise the page would lose its title or metadata."""
    meta = _plain(meta)
    block = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    source = f"---\n{block}---\n\n{markdown}"
    front, _ = docs_pages.split(source)
    if not front or yaml.safe_load(front.strip().strip("-").strip()) != meta:
        raise click.ClickException(f"{shown_as}: its front matter does not read back as written")
    return source


def derived_config(root: Path, site: Any, address: outputs.Address, hidden: set[str]) -> dict[str, Any]:
    """The project's mkdocs.yml as the plugin leaves it for a build, without the adapters."""
    config = yaml.safe_load((root / CONFIG).read_text(encoding="utf-8")) or {}
    settings = site.settings
    # escaped, as the plugin sets them: the theme prints both without escaping
    config["site_name"] = str(escape(settings.title))
    config["site_description"] = str(escape(settings.description))
    config["copyright"] = outputs.copyright_line(site)
    config.setdefault("theme", {})["language"] = settings.language
    config["docs_dir"] = DOCS_DIR
    if address.site_url:
        config["site_url"] = address.site_url
    if address.repository:
        config["repo_url"] = address.repository
        config["edit_uri"] = f"edit/{settings.branch}/docs/"
    plugins = [p for p in config.get("plugins", []) if (p if isinstance(p, str) else next(iter(p))) not in ADAPTERS]
    config["plugins"] = plugins
    config.pop("hooks", None)
    config.pop("watch", None)
    if config.get("nav"):
        config["nav"] = docs_pages.nav_without(config["nav"], hidden)
    return config


def generate(root: Path, out: Path, site_url: str | None = None) -> list[str]:
    """Write the site's sources into `out` (emptied first); the paths written, relative to `out`."""
    started = start(root)
    site, blocks = started.site, started.blocks
    settings = site.settings
    url = site_url or settings.url or os.environ.get("LABSITE_URL")
    repository = settings.repository
    if not repository and os.environ.get("GITHUB_REPOSITORY"):
        repository = f"{os.environ.get('GITHUB_SERVER_URL', 'https://github.com')}/{os.environ['GITHUB_REPOSITORY']}"
    address = outputs.Address(url.rstrip("/") + "/" if url else None, repository, settings.branch)
    if out.exists():
        shutil.rmtree(out)
    docs = out / DOCS_DIR
    written: list[str] = []

    def write(relative: str, content: str | bytes) -> None:
        path = docs / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        written.append(f"{DOCS_DIR}/{relative}")

    hidden: set[str] = set()
    for relative in docs_sources(root, DOCS_DIR):
        source_file = root / DOCS_DIR / relative
        if outputs.is_original(relative, site):
            continue  # an uploaded photo: its derived images are among `outputs.files`
        if not relative.endswith(".md"):
            write(relative, source_file.read_bytes())
            continue
        source = source_file.read_text(encoding="utf-8")
        if not docs_pages.shown(source, site, relative):
            hidden.add(relative)
            continue
        front, markdown = docs_pages.split(source)
        expanded = docs_pages.expand(markdown, blocks, relative)
        meta = yaml.safe_load(front.strip().strip("-").strip()) if front else {}
        meta = dict(meta or {})
        if relative == "index.md":
            meta["lab_head"] = outputs.head(site, None, address.base_url or None, is_home=True)
        write(relative, with_front_matter(meta, expanded, f"{DOCS_DIR}/{relative}") if meta else expanded)
    for spec in outputs.page_specs(site):
        meta = dict(outputs.meta(spec))
        head = outputs.head(site, spec, outputs.canonical(spec, address))
        if head:
            meta["lab_head"] = head
        write(spec.path, with_front_matter(meta, outputs.body(blocks, spec, address), spec.path))
    try:
        generated_files = outputs.files(site, address, docs_pages.main_pages(root, site))
    except CvError as error:
        raise click.ClickException(str(error)) from None
    for generated in generated_files:
        write(generated.path, generated.content)
    if (root / OVERRIDES).is_dir():
        shutil.copytree(root / OVERRIDES, out / OVERRIDES)
    config = derived_config(root, site, address, hidden)
    (out / CONFIG).write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return [CONFIG, *written]


@click.command("generate")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."), help="Project folder.")
@click.option("--site-url", default=None, help="The site's address (default: url in data/site.yml, or LABSITE_URL).")
def generate_command(out: Path, root: Path, site_url: str | None) -> None:
    """Write the whole site's sources into OUT: a plain MkDocs project any engine can build."""
    if out.resolve() == root.resolve() or root.resolve().is_relative_to(out.resolve()):
        raise click.ClickException(f"{out} holds the project: choose an empty folder for the generated site")
    with data_errors_reported():
        written = generate(root, out, site_url)
    click.echo(f"{len(written)} files written to {out}; build them with e.g. `mkdocs build -f {out / CONFIG}`.")
