"""Lighthouse (default mobile settings) on every top-level page, a person page and a paper page:
accessibility, best practices and SEO 100, performance at least 95."""

from __future__ import annotations

import sys

import pytest
from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import lighthouse

pytestmark = [pytest.mark.lighthouse, pytest.mark.slow]


def test_lighthouse_scores_meet_the_targets(real_site):
    person = sorted(p.parent.name for p in real_site.site.glob("people/*/index.html"))[0]
    paper = sorted(p.parent.name for p in real_site.site.glob("publications/*/index.html"))[0]
    pages = [*lighthouse.DEFAULT_PAGES, f"people/{person}/", f"publications/{paper}/"]
    results = lighthouse.run(real_site.site, pages)
    misses = {page: lighthouse.below_targets(scores) for page, scores in results}
    assert {page: m for page, m in misses.items() if m} == {}, results
