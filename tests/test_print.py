"""The CV and the publication list printed with Chromium read as documents, in either palette.

The PDF's text says whose CV it is at the top and carries no control; the printed layout (print media,
as the PDF was made) shows no header, navigation, filter, chart or link chips, prints dark text on
white, leaves no heading at the foot of a page and prints the targets of the links in the text.
"""

from __future__ import annotations

import io
import re

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, serving
from playwright.sync_api import sync_playwright
from pypdf import PdfReader
from sitebuild import REAL_ROOT

from labsite.site import load_site

pytestmark = pytest.mark.browser

CONTROLS = (
    ".md-header, .md-tabs, .md-sidebar, .md-footer, .md-search, #lab-filter, figure.lab-chart, "
    ".lab-links, button, .headerlink"
)

# Each shown element holding text whose colour is under 4.5:1 on white paper.
FAINT = """() => {
  const lum = (c) => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map((v) => {
    v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  return [...document.querySelectorAll("article *")]
    .filter((e) => e.checkVisibility() && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
    .map((e) => [e, 1.05 / (lum(getComputedStyle(e).color) + 0.05)])
    .filter(([e, ratio]) => ratio < 4.5)
    .map(([e, ratio]) => `${e.tagName}.${e.className} ${ratio.toFixed(1)}:1 "${e.textContent.trim().slice(0, 30)}"`);
}"""


@pytest.fixture(scope="module")
def site():
    return load_site(REAL_ROOT)


@pytest.fixture(scope="module")
def printed(real_site):
    """Prints a page in a palette: (the PDF's text page by page, the page held in print media)."""
    with serving(real_site.site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        opened = []

        def print_page(path: str, scheme: str):
            page = browser.new_page(color_scheme=scheme)
            opened.append(page)
            page.goto(base + path, wait_until="networkidle")
            pdf = page.pdf(format="A4", print_background=True)
            page.emulate_media(media="print")
            return [page_.extract_text() for page_ in PdfReader(io.BytesIO(pdf)).pages], page

        yield print_page
        browser.close()


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_printed_cv_names_its_owner_position_and_contact_at_the_top(site, printed, scheme):
    pages, _ = printed("cv/", scheme)
    top = pages[0].strip().splitlines()
    profile = site.profile
    assert top[0].strip() == profile.name
    head = squeezed(" ".join(top[:6]))
    assert squeezed(f"{profile.title}, {profile.department}, {profile.university}") in head
    if profile.email:
        assert squeezed(profile.email) in head


@pytest.mark.parametrize("path", ["cv/", "publications/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_printed_page_has_no_controls_dark_text_and_no_heading_at_a_page_foot(printed, path, scheme):
    pages, page = printed(path, scheme)
    shown = page.evaluate(f"[...document.querySelectorAll({CONTROLS!r})].filter((e) => e.checkVisibility()).length")
    assert shown == 0
    assert page.evaluate(FAINT) == []
    paper = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert paper in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    headings = {h.strip() for h in page.locator("article h2, article h3").all_inner_texts()}
    assert headings, "the printed page has sections"
    feet = [text.strip().splitlines()[-1].strip() for text in pages[:-1] if text.strip()]
    assert [foot for foot in feet if foot in headings] == []
    labels = set(page.locator(".lab-links a").all_inner_texts())
    lines = {line.strip() for text in pages for line in text.splitlines()}
    assert not labels & lines, "no link chip prints"
    assert labels or path == "cv/", "the publication list has link chips on screen"


def test_links_in_the_printed_cv_print_their_targets(printed):
    pages, page = printed("cv/", "light")
    targets = page.locator("article a[data-print-href]").evaluate_all(
        "links => links.filter((a) => a.checkVisibility()).map((a) => a.href)"
    )
    text = squeezed(" ".join(pages))
    assert targets, "the CV links somewhere"
    assert [t for t in targets if squeezed(t).rstrip("/") not in text] == []
