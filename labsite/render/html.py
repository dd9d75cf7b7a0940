"""Jinja partials → HTML. One template per kind of item, autoescaped, composed by list templates.

Markup never lives in Python strings: this module only sets up the environment and its filters.
Escaping happens here, once: autoescape turns every value from data into text. The single exception
is the `markdown` filter (see `markdown.py`), which returns sanitised HTML as Markup; `as_block` and
the cached list entries of `blocks.py` only keep output this environment has already escaped.

Each template opens with a one-line comment saying what it renders. Jinja tags are indented to show
their nesting, which costs nothing (trim_blocks and lstrip_blocks drop that whitespace); HTML lines
stay at the left edge, since their whitespace would reach the page (and Markdown reads four spaces
as code).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket
from markupsafe import Markup

from labsite import markdown, months
from labsite.models.people import ROLE_OF_CURRENT
from labsite.names import name_key
from labsite.render import photos

TEMPLATES = Path(__file__).parent.parent / "templates"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def initials(name: str) -> str:
    """'Ana (Bee) Cole' -> 'AC': first and last word, a nickname in parentheses ignored."""
    words = [w for w in re.sub(r"\([^)]*\)", " ", name).split() if w[:1].isalpha()]
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper() if words else "?"


def and_list(names: list[str]) -> str:
    """['A'] -> 'A'; ['A', 'B'] -> 'A and B'; ['A', 'B', 'C'] -> 'A, B, and C'."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def hue(text: str) -> int:
    """A stable colour for an avatar, from the name (not random, so builds are reproducible)."""
    return int(hashlib.sha1(name_key(text).encode()).hexdigest()[:4], 16) % 360


class _CompiledTemplates(BytecodeCache):
    """Compiled templates, kept in memory for the life of the process and on disk between runs.

    Compiling the templates is a fixed cost of every build (~0.05 s, a twentieth of a small lab's
    build), paid again by each `mkdocs build` and by each data change under `mkdocs serve` (a new
    site model, so a new environment). Like Python's own `.pyc` files, the compiled code is kept:
    in memory, then in the user's cache folder (`$XDG_CACHE_HOME/labsite` or `~/.cache/labsite`).

    It can never serve stale code. Jinja stores each template's source checksum (and its own format
    and the Python version) with the code and compiles afresh when they differ, so an edited
    template is recompiled; the code also depends on the environment's options, which live in this
    module, so the folder is named after this module's text and Jinja's version. A file that cannot
    be read back is compiled again, and a folder that cannot be written is simply not used: the
    cache only ever saves time, it never changes a page or stops a build.
    """

    def __init__(self, folder: Path | None) -> None:
        self.compiled: dict[str, bytes] = {}
        self.folder = folder

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """One entry per template name, wherever the project lives (Jinja's own key adds the file's
        path, which would leave one copy behind for every folder a project was ever built in). A
        name found in two places (`overrides/` and the package) is told apart by its checksum."""
        return hashlib.sha1(name.encode()).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.compiled.get(bucket.key)
        if data is None and self.folder is not None:
            try:
                data = (self.folder / f"{bucket.key}.cache").read_bytes()
            except OSError:
                return
        if data is not None:
            try:
                bucket.bytecode_from_string(data)
            except Exception:  # a truncated or foreign file: compile the template again
                bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        data = bucket.bytecode_to_string()
        self.compiled[bucket.key] = data
        if self.folder is None:
            return
        try:  # written aside, then renamed: a build running alongside never reads half a file
            with tempfile.NamedTemporaryFile(dir=self.folder, suffix=".tmp", delete=False) as out:
                out.write(data)
            os.replace(out.name, self.folder / f"{bucket.key}.cache")
        except OSError:
            self.folder = None


def _cache_folder() -> Path | None:
    """This user's folder for compiled templates, made if needed; None if it cannot be made."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    fingerprint = hashlib.sha1(Path(__file__).read_bytes() + jinja2.__version__.encode()).hexdigest()[:16]
    folder = base / "labsite" / f"templates-{fingerprint}"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return folder if folder.is_dir() and os.access(folder, os.W_OK) else None


_COMPILED = _CompiledTemplates(_cache_folder())


def environment(extra_dirs: list[Path] | None = None) -> Environment:
    """The Jinja environment: autoescape on, undefined names are errors, `overrides` first."""
    env = Environment(
        bytecode_cache=_COMPILED,
        auto_reload=False,  # a template edited during a build waits for the next; the cache checks sources
        loader=FileSystemLoader([*(extra_dirs or []), TEMPLATES]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals["role_of_current"] = ROLE_OF_CURRENT
    env.globals["photo_widths"] = photos.WIDTHS
    env.filters.update(
        markdown=markdown.render,
        block=as_block,
        and_list=and_list,
        ordinal=ordinal,
        initials=initials,
        hue=hue,
        photo_variant=photos.variant,
        month_year=month_year,
    )
    return env


def month_year(year_month: str) -> str:
    """'2013-09' → 'Sep 2013': how a CV dates a line, on screen and on paper."""
    year, month = year_month.split("-")
    return f"{months.name(int(month))[:3]} {year}"


def as_block(html: str) -> Markup:
    """Drop blank lines so Markdown keeps the result as one raw HTML block (a blank line would end it).

    Used as `{% filter block %}` around each HTML chunk of a template that also writes Markdown
    headings (which must stay Markdown so the table of contents lists them).
    """
    return Markup("\n".join(line for line in str(html).splitlines() if line.strip()))


def render(env: Environment, template: str, **context: Any) -> str:
    return env.get_template(template).render(**context)
