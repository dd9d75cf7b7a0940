"""mkdocs-macros adapter: registers the page API (`labsite.render.blocks`) for Markdown pages.

It asks the core for the site model (loaded once per build and cached) and binds each block to the
current page, so links inside the HTML are relative to it. No parsing, checking or markup here.
"""

from __future__ import annotations

import functools
from pathlib import Path

from labsite.errors import DataErrors
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
