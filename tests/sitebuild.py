"""Build a copy of the project (optionally with other data) into a temporary folder, as users do."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
REAL_ROOT = Path(os.environ.get("LABSITE_TEST_ROOT") or ROOT).resolve()
"""The project whose data the real-site tests check: this one, or an edited copy of it named by
LABSITE_TEST_ROOT (how `test_real_site_edits.py` proves the tests hold for data they never saw)."""
FIXTURE_DATA = Path(__file__).resolve().parent / "fixture_lab" / "data"
PROJECT_PARTS = ("mkdocs.yml", "macros.py", "hooks", "labsite", "labsite_mkdocs", "docs", "overrides")


@dataclass
class Build:
    project: Path
    site: Path
    returncode: int
    log: str

    def page(self, url_path: str) -> BeautifulSoup:
        """The parsed HTML of a page, by its URL path ('' for home, 'people/x/')."""
        path = self.site / url_path / "index.html" if not url_path.endswith(".html") else self.site / url_path
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")

    def content(self, url_path: str) -> BeautifulSoup:
        """Only the page's article (what the page itself says, without navigation)."""
        return self.page(url_path).select_one("article.md-content__inner")


def copy_project(dest: Path, data: Path | None = None, root: Path = ROOT) -> Path:
    """A copy of the project `root` at `dest`, with `data` (a folder) instead of its data/."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in PROJECT_PARTS:
        src = root / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, dest / part)
    shutil.copytree(data or root / "data", dest / "data", ignore=ignore)
    return dest


def build(project: Path, strict: bool = True, extra_env: dict[str, str] | None = None) -> Build:
    site = project / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "-d", str(site)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    for leaked in ("GITHUB_REPOSITORY", "GITHUB_ACTIONS", "LABSITE_URL"):
        if leaked not in (extra_env or {}):
            env.pop(leaked, None)
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    return Build(project, site, done.returncode, done.stdout + done.stderr)


def check(project: Path, *args: str, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **(extra_env or {})}
    env.pop("GITHUB_ACTIONS", None) if "GITHUB_ACTIONS" not in (extra_env or {}) else None
    return subprocess.run(
        [sys.executable, "-m", "labsite", "check", *args], cwd=project, env=env, capture_output=True, text=True
    )
