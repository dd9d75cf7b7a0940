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
import re
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket
from markupsafe import Markup

from labsite import markdown, months
from labsite.models.people import ROLE_OF_CURRENT
from labsite.names import name_key

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
    """Compiled templates kept in memory for the life of the process.

    Each data change under `mkdocs serve` makes a new site model and so a new environment, which
    would compile every template again (~0.08 s at 10x). Jinja checks each template's source
    checksum before it reuses the compiled code, so an edited template is compiled afresh; every
    environment here has the same options, which is what makes the code shareable.
    """

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def environment(extra_dirs: list[Path] | None = None) -> Environment:
    """The Jinja environment: autoescape on, undefined names are errors, `overrides` first."""
    env = Environment(
        bytecode_cache=_COMPILED,
        loader=FileSystemLoader([*(extra_dirs or []), TEMPLATES]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals["role_of_current"] = ROLE_OF_CURRENT
    env.filters.update(
        markdown=markdown.render,
        block=as_block,
        and_list=and_list,
        ordinal=ordinal,
        initials=initials,
        hue=hue,
        month_name=months.name,
    )
    return env


def as_block(html: str) -> Markup:
    """Drop blank lines so Markdown keeps the result as one raw HTML block (a blank line would end it).

    Used as `{% filter block %}` around each HTML chunk of a template that also writes Markdown
    headings (which must stay Markdown so the table of contents lists them).
    """
    return Markup("\n".join(line for line in str(html).splitlines() if line.strip()))


def render(env: Environment, template: str, **context: Any) -> str:
    return env.get_template(template).render(**context)
