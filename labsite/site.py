"""The entry point of the core: the site model for a project folder, loaded once per change.

Both MkDocs adapters (the macros module and the page hook) ask for the site; the first call in a
build loads and checks `data/`, later calls get the same object until a data file changes, which is
what makes `mkdocs serve` pick up an edit without re-reading data several times per build.
"""

from __future__ import annotations

from pathlib import Path

from .load import load
from .views import Site

_cache: dict[Path, tuple[tuple, Site]] = {}
loads = 0
"""How many times data was actually read (tests use it to prove once-per-build loading)."""


def fingerprint(root: Path, data_dir: str = "data") -> tuple:
    """Names, sizes and modification times of every data file: cheap, and changes on any edit."""
    base = root / data_dir
    if not base.is_dir():
        return ()
    return tuple(
        (str(p.relative_to(base)), st.st_mtime_ns, st.st_size)
        for p in sorted(base.rglob("*"))
        if p.is_file() and (st := p.stat())
    )


def load_site(root: Path, data_dir: str = "data") -> Site:
    """The checked site model for `root`; raises `DataErrors` (every problem) on bad data."""
    global loads
    root = root.resolve()
    stamp = (data_dir, fingerprint(root, data_dir))
    cached = _cache.get(root)
    if cached and cached[0] == stamp:
        return cached[1]
    loads += 1
    site = Site(load(root, data_dir))
    _cache[root] = (stamp, site)
    return site
