"""axe-core finds no violation on any main page, nor on a person, paper and project page, in either palette."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import CHROMIUM, CHROMIUM_ARGS, MAIN_PAGES, serving
from playwright.sync_api import sync_playwright

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pages(real_site):
    extra = []
    for folder in ("people", "publications", "projects"):
        first = sorted(p.parent.name for p in real_site.site.glob(f"{folder}/*/index.html"))[0]
        extra.append(f"{folder}/{first}/")
    return MAIN_PAGES + extra


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations(real_site, pages, scheme):
    axe = Axe()
    found = {}
    with serving(real_site.site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(color_scheme=scheme)
        for path in pages:
            page.goto(base + path, wait_until="networkidle")
            result = axe.run(page)
            violations = result.response["violations"]
            if violations:
                found[path] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
        browser.close()
    assert found == {}
