"""mkdocs-macros adapter: registers the page API (`labsite.blocks`) for Markdown pages.

It asks the core for the site model (loaded once per build and cached) and binds each block to the
current page, so links inside the HTML are relative to it. No parsing, checking or markup here.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from labsite.errors import DataErrors
from labsite.render.blocks import Blocks, blocks_for
from labsite.site import load_site


def define_env(env) -> None:
    root = Path(env.conf.config_file_path).resolve().parent
    try:
        site = load_site(root, os.environ.get("LABSITE_DATA", "data"))
        blocks = blocks_for(site, (root / "overrides" / "labsite",))
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
