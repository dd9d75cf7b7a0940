"""A build that reads compiled templates from the user's cache makes exactly the site a cold one does."""

from __future__ import annotations

import pytest
from sitebuild import FIXTURE_DATA, build, copy_project

pytestmark = pytest.mark.slow


def _files(site):
    return {
        p.relative_to(site): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.suffix != ".gz"  # gzip stores a time
    }


def test_a_build_from_cached_templates_is_byte_identical_to_a_cold_one(tmp_path):
    project = copy_project(tmp_path / "project", data=FIXTURE_DATA)
    cache = tmp_path / "cache"
    env = {"XDG_CACHE_HOME": str(cache)}
    cold = build(project, extra_env=env)
    assert cold.returncode == 0, cold.log
    kept = list(cache.glob("labsite/templates-*/*.cache"))
    assert kept, "the cold build left no compiled template in the cache"
    cold_files = _files(cold.site)
    before = {p: p.stat().st_mtime_ns for p in kept}
    warm = build(project, extra_env=env)
    assert warm.returncode == 0, warm.log
    assert {p: p.stat().st_mtime_ns for p in kept} == before, "the warm build compiled templates again"
    assert _files(warm.site) == cold_files
