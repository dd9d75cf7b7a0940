"""Shared set-up for real-browser tests: Debian's Chromium driven by Playwright, no network."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from screenshots import CHROMIUM_ARGS
from serve_static import serving

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
MAIN_PAGES = ["", "news/", "publications/", "projects/", "teaching/", "group/", "cv/"]

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "MAIN_PAGES", "first_detail_pages", "serving"]


def first_detail_pages(site: Path) -> list[str]:
    """The first person's, paper's and project's page of a built site, by address ('people/x/')."""
    return [
        f"{folder}/{sorted(p.parent.name for p in site.glob(f'{folder}/*/index.html'))[0]}/"
        for folder in ("people", "publications", "projects")
    ]
