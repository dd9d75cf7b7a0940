"""mkdocs-macros adapter: registers the page API (`labsite.render.blocks`) for Markdown pages.

It asks the core for the site model (loaded once per build and cached) and binds each block to the
current page, so links inside the HTML are relative to it. No parsing, checking or markup here.

Pages render in Jinja's sandbox, seeing the page API and nothing else: not the build's
configuration, environment, navigation or files that the plugin offers every page (the check
refuses such pages first, `labsite/read/pages.py`; the sandbox holds if it is bypassed). A macro
error shows in a preview as one line with its file and line, never as a traceback.
"""

from __future__ import annotations

import functools
import html
import traceback
from pathlib import Path

from jinja2 import Template, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from mkdocs_macros.errors import format_error

from labsite.errors import DataErrors, shown_text
from labsite.read.pages import split_front_matter
from labsite.render.blocks import Blocks
from labsite.site import start


def define_env(env) -> None:
    try:
        blocks = start(Path(env.conf.config_file_path).parent).blocks
    except DataErrors:
        # Only reached while previewing (a build stops in the hook first): pages render empty and
        # the hook puts the list of problems on top of every page.
        for name in Blocks.API:
            env.macro(lambda *args, **kwargs: "", name)
        return

    def base() -> str:
        """The relative way from the current page back to the site root ('../../')."""
        url = env.page.url if env.page else ""
        return "../" * url.count("/")

    def bind(name: str):
        method = getattr(blocks, name)

        @functools.wraps(method)
        def macro(*args, **kwargs):
            return method(*args, base=base(), **kwargs)

        return macro

    for name in Blocks.API:
        env.macro(bind(name), name)


class _PageTemplate(Template):
    """A page's template: it renders with the environment's globals (the page API) only, whatever
    variables the plugin passes (`config`, `environment`, `page`, `navigation`, `files`...)."""

    def render(self, *args, **kwargs) -> str:
        return super().render()


class PageSandbox(ImmutableSandboxedEnvironment):
    """Jinja for pages: no attribute of Python's internals, no loader (no include or import), the
    page macros as the only names."""

    template_class = _PageTemplate


def on_pre_page_macros(env) -> None:
    """Before the first page: put the sandbox in place of the plugin's environment, with the same
    syntax and undefined behaviour. The plugin makes its environment after `define_env` and offers
    no way to choose its class, so the one it made is replaced (its `render` uses `env.env`)."""
    if isinstance(env.env, PageSandbox):
        return
    made = env.env
    sandbox = PageSandbox(
        block_start_string=made.block_start_string,
        block_end_string=made.block_end_string,
        variable_start_string=made.variable_start_string,
        variable_end_string=made.variable_end_string,
        comment_start_string=made.comment_start_string,
        comment_end_string=made.comment_end_string,
        undefined=made.undefined,
    )
    sandbox.globals.clear()
    sandbox.globals.update({name: env.macros[name] for name in Blocks.API})
    env._env = sandbox


@format_error.register(TemplateSyntaxError)  # in place of the plugin's own, which has no front matter offset
@format_error.register(Exception)
def _failure(error: Exception, markdown: str, page) -> str:
    """What a preview shows for a failed page: the error on one line, at its file and line. The
    heading is the plugin's own, which `hooks/lab.py` looks for to refuse publishing the page."""
    line: int | None
    if isinstance(error, TemplateSyntaxError):
        line = error.lineno
        heading, text = "Macro Syntax Error", error.message or ""
    else:
        lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == "<template>"]
        line = lines[-1] if lines else None
        heading, text = "Macro Rendering Error", str(error)
    where = f"docs/{page.file.src_uri}"
    body, offset, _ = split_front_matter(page.file.content_string)
    if line and body == markdown:
        where += f", line {line + offset}"
    said = html.escape(f"{where}: {type(error).__name__}: {shown_text(text, limit=300)}", quote=False)
    return f"# _{heading}_\n\n{said}\n"
