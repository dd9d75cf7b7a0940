"""The entry point of the core: the site model and its page blocks for a project folder, made once per change.

Both MkDocs adapters (the macros module and the page hook) call `start`; the first call in a build
loads and checks `data/`, later calls get the same objects until a data or docs file changes, which
is what makes `mkdocs serve` pick up an edit without re-reading data several times per build. After
an edit only the changed files are parsed again (`labsite.read.load.ParsedFiles`); the rules across
files still run on the whole data, since any of them may read the file that changed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from labsite.check import run
from labsite.derive.views import Site
from labsite.errors import DataErrors
from labsite.read.layout import DATA_DIR, DOCS_DIR
from labsite.read.load import ParsedFiles, load
from labsite.render.blocks import Blocks, blocks_for
from labsite.render.html import TEMPLATES


@dataclass
class Loaded:
    """The last site model made for one project folder, what it was made from, and each file's parse."""

    stamp: tuple = ()
    site: Site | None = None
    files: ParsedFiles = field(default_factory=ParsedFiles)


_loaded: dict[Path, Loaded] = {}
"""By project folder; an entry is made on the first load and reused only while its stamp holds."""
loads = 0
"""How many times data was actually read (tests use it to prove once-per-build loading)."""


def fingerprint(root: Path, data_dir: str = DATA_DIR) -> tuple:
    """Names, kinds, sizes and modification times of every entry of the data and docs folders.

    Cheap, and changes on any edit, including a link or a photo added under docs/ (the check reads
    those too). Links are described, never followed, so a link loop cannot stop it.
    """
    return _entries(root / data_dir, root / DOCS_DIR)


def _entries(*folders: Path) -> tuple:
    entries = []
    for base in folders:
        for current, dirnames, filenames in os.walk(base) if base.is_dir() else ():
            for name in sorted(dirnames + filenames):
                path = os.path.join(current, name)
                try:
                    st = os.lstat(path)
                except OSError:
                    continue
                entries.append((path, st.st_mode, st.st_mtime_ns, st.st_size))
    return tuple(entries)


def load_site(root: Path, data_dir: str = DATA_DIR) -> Site:
    """The checked site model for `root`; raises `DataErrors` (every problem) on bad data."""
    global loads
    root = root.resolve()
    stamp = (data_dir, fingerprint(root, data_dir))
    loaded = _loaded.setdefault(root, Loaded())
    if loaded.site is not None and loaded.stamp == stamp:
        return loaded.site
    loads += 1
    loaded.site, loaded.stamp = None, ()
    # as `labsite.check.load_checked`, with each unchanged file's parse kept from the last load
    data = load(root, data_dir, loaded.files)
    errors, warnings = run(data)
    if errors:
        raise DataErrors(errors)
    data.warnings = warnings
    loaded.site, loaded.stamp = Site(data), stamp
    return loaded.site


DATA_DIR_VARIABLE = "LABSITE_DATA"
"""Names another data folder than `data/` (tests and other labs' previews use it)."""
OVERRIDES = Path("overrides") / "labsite"
"""A project's own versions of the item templates (`labsite/templates/`), looked up first."""


@dataclass(frozen=True)
class Started:
    """What both adapters need for one build: the checked site model and the blocks pages ask for."""

    site: Site
    blocks: Blocks


def start(root: Path) -> Started:
    """The site model and blocks of the project at `root`; raises `DataErrors` (every problem) on bad data.

    The blocks are made again when the data or any item template changes (the project's overrides
    or the package's own): under `mkdocs serve` the process lives on, and blocks made before an
    edited template would keep its old entries.
    """
    root = root.resolve()
    site = load_site(root, os.environ.get(DATA_DIR_VARIABLE, DATA_DIR))
    dirs = (root / OVERRIDES,)
    return Started(site, blocks_for(site, dirs, _entries(*dirs, TEMPLATES)))
