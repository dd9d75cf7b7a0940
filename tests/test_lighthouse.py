"""Lighthouse (default mobile settings) on every top-level page, a person page and a paper page:
accessibility, best practices and SEO 100 are gates; performance is reported (printed in the
table), never a failure, since it varies with the runner's load."""

from __future__ import annotations

import sys

import pytest
from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import lighthouse


@pytest.mark.lighthouse
@pytest.mark.slow
def test_accessibility_best_practices_and_seo_meet_the_gates_and_performance_is_reported(real_site, capsys):
    person = sorted(p.parent.name for p in real_site.site.glob("people/*/index.html"))[0]
    paper = sorted(p.parent.name for p in real_site.site.glob("publications/*/index.html"))[0]
    pages = [*lighthouse.DEFAULT_PAGES, f"people/{person}/", f"publications/{paper}/"]
    results = lighthouse.run(real_site.site, pages)
    with capsys.disabled():  # the table is the report: shown in the test log even when the test passes
        print("\n" + lighthouse.table(results))
    assert all(0 <= scores["performance"] <= 100 for _, scores in results), results
    misses = {page: lighthouse.below_targets(scores) for page, scores in results}
    assert {page: m for page, m in misses.items() if m} == {}, results


def test_a_low_performance_score_is_noted_but_never_fails():
    slow = {"performance": 41, "accessibility": 100, "best-practices": 100, "seo": 100, "failing": []}
    assert lighthouse.below_targets(slow) == []
    assert lighthouse.below_reported(slow) == ["performance 41 < 95"]
    assert "note (not a gate): performance 41 < 95" in lighthouse.table([("/", slow)])
    inaccessible = {**slow, "performance": 100, "accessibility": 92, "failing": ["color-contrast"]}
    assert lighthouse.below_targets(inaccessible) == ["accessibility 92 < 100"]
    assert "FAILS gate: accessibility 92 < 100; failing audits: color-contrast" in lighthouse.table(
        [("/", inaccessible)]
    )
