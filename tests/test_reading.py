"""Reading at desktop width: short lines, no empty sidebar, and detail pages that say where they belong.

At 1,280 px no block of running text holds more than about 80 characters a line, on any kind of page; a
sidebar is shown only when it holds something the tabs do not; a paper's, person's or project's page
marks the tab of its list as the current section and links back to its entry in that list.
"""

from __future__ import annotations

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, MAIN_PAGES, serving
from playwright.sync_api import sync_playwright

pytestmark = pytest.mark.browser

# Each block of text that wraps, with how many characters of its own font one of its lines holds.
LONG_LINES = """() => {
  const ctx = document.createElement("canvas").getContext("2d");
  const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
  const blocks = new Map();
  for (let n; (n = walker.nextNode());) {
    let block = n.parentElement;
    if (!n.textContent.trim() || !block.checkVisibility() || block.closest("pre, svg")) continue;
    while (getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
    blocks.set(block, (blocks.get(block) || "") + n.textContent);
  }
  const found = [];
  for (const [block, raw] of blocks) {
    const text = raw.replace(/\\s+/g, " ").trim();
    const s = getComputedStyle(block);
    ctx.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const perCharacter = ctx.measureText(text).width / text.length;
    const holds = (block.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)) / perCharacter;
    if (text.length > holds && holds > 80) {
      found.push(`${block.tagName}.${block.className}: ${Math.round(holds)} "${text.slice(0, 40)}"`);
    }
  }
  return found;
}"""

# The links of each sidebar on screen, and those of the tabs.
SIDEBARS = """() => {
  const links = (root) => [...root.querySelectorAll("a[href]")].filter((a) => a.checkVisibility()).map((a) => a.href);
  return {
    tabs: links(document.querySelector(".md-tabs") || document.createElement("div")),
    shown: [...document.querySelectorAll(".md-sidebar")].filter((s) => s.checkVisibility())
      .map((s) => ({kind: s.dataset.mdType, links: links(s)})),
  };
}"""


@pytest.fixture(scope="module")
def desktop(real_site):
    with serving(real_site.site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})

        def go(path: str):
            page.goto(base + path, wait_until="networkidle")
            return page

        yield go
        browser.close()


def details(real_site) -> dict[str, list[str]]:
    return {
        folder: sorted(p.parent.name for p in real_site.site.glob(f"{folder}/*/index.html"))
        for folder in ("people", "publications", "projects")
    }


def test_no_line_of_text_holds_more_than_80_characters_on_any_kind_of_page(real_site, desktop):
    pages = MAIN_PAGES + [f"{folder}/{ids[0]}/" for folder, ids in details(real_site).items()]
    assert {path: found for path in pages if (found := desktop(path).evaluate(LONG_LINES))} == {}


def test_a_sidebar_is_shown_only_when_it_holds_links_the_tabs_do_not(real_site, desktop):
    pages = MAIN_PAGES + [f"{folder}/{ids[0]}/" for folder, ids in details(real_site).items()]
    empty = {}
    for path in pages:
        found = desktop(path).evaluate(SIDEBARS)
        idle = [s["kind"] for s in found["shown"] if not set(s["links"]) - set(found["tabs"])]
        if idle:
            empty[path] = idle
    assert empty == {}


@pytest.mark.parametrize(
    ("folder", "listing", "prefix"),
    [("publications", "publications/", "pub-"), ("people", "group/", "person-"), ("projects", "projects/", "project-")],
)
def test_a_detail_page_marks_its_lists_tab_and_links_back_to_its_entry(real_site, desktop, folder, listing, prefix):
    item = details(real_site)[folder][0]
    page = desktop(f"{folder}/{item}/")
    back = page.locator("article a.lab-back-link")
    assert back.count() == 1
    href = back.evaluate("a => { const u = new URL(a.href); return u.pathname.slice(1) + u.hash; }")
    assert href == f"{listing}#{prefix}{item}"
    active = page.locator(".md-tabs__item--active a")
    assert active.count() == 1
    assert active.evaluate("a => new URL(a.href).pathname.slice(1)") == listing
    assert active.get_attribute("aria-current") == "true"
    back.click()
    page.wait_for_url(f"**/{listing}#{prefix}{item}")
    assert page.locator(f"#{prefix}{item}").is_visible()
