"""What depends on the site's public address. A build that knows it (deploy) has a sitemap, a
robots.txt naming it, canonical and og:url links; one that does not (`make build`, the CI preview)
leaves these out instead of writing them empty or wrong, and says so once in its log."""

from __future__ import annotations

import urllib.robotparser
from urllib.parse import urljoin

import feedparser
import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, serving
from lxml import etree
from playwright.sync_api import sync_playwright
from sitebuild import FIXTURE_DATA, Build, build, copy_project

from labsite.site import load_site

ADDRESS = "https://example.org/quill-lab/"  # under a path, as a GitHub Pages project site is
NOTICE = "No site address"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def addressed_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture lab built as the deploy builds it, with its address in LABSITE_URL."""
    # Without the trailing slash, as the Pages action gives it.
    env = {"LABSITE_URL": ADDRESS.rstrip("/")}
    result = build(copy_project(tmp_path_factory.mktemp("addressed"), FIXTURE_DATA), extra_env=env)
    assert result.returncode == 0, result.log
    return result


def _pages(site: Build) -> list[str]:
    """URL paths of every built page ('' for home)."""
    return sorted(
        "" if html.parent == site.site else str(html.parent.relative_to(site.site)) + "/"
        for html in site.site.rglob("index.html")
    )


def _robots(site: Build) -> urllib.robotparser.RobotFileParser:
    parser = urllib.robotparser.RobotFileParser()
    parser.parse((site.site / "robots.txt").read_text().splitlines())
    return parser


def test_a_build_without_an_address_leaves_out_the_sitemap_and_robots_txt(fixture_site):
    assert fixture_site.returncode == 0  # a strict build: the notice is information, not a warning
    for name in ("sitemap.xml", "sitemap.xml.gz", "robots.txt"):
        assert not (fixture_site.site / name).exists(), name


def test_a_build_without_an_address_says_so_once_in_its_log(fixture_site, addressed_site):
    notices = [line for line in fixture_site.log.splitlines() if NOTICE in line]
    assert len(notices) == 1 and notices[0].startswith("INFO"), notices
    assert NOTICE not in addressed_site.log


def test_a_build_without_an_address_has_no_canonical_or_og_url(fixture_site):
    for path in _pages(fixture_site):
        page = fixture_site.page(path)
        assert page.select_one('link[rel="canonical"]') is None, path
        assert page.select_one('meta[property="og:url"]') is None, path


def test_with_an_address_every_page_has_its_canonical_and_og_url(addressed_site):
    for path in _pages(addressed_site):
        page = addressed_site.page(path)
        assert page.select_one('link[rel="canonical"]')["href"] == ADDRESS + path
        assert page.select_one('meta[property="og:url"]')["content"] == ADDRESS + path


def test_with_an_address_robots_txt_names_the_sitemap_and_allows_every_page(addressed_site):
    robots = _robots(addressed_site)
    assert robots.site_maps() == [ADDRESS + "sitemap.xml"]
    assert all(robots.can_fetch("*", ADDRESS + path) for path in _pages(addressed_site))


def test_with_an_address_the_sitemap_lists_every_page(addressed_site):
    sitemap = etree.parse(str(addressed_site.site / "sitemap.xml")).getroot()
    listed = sorted(loc.text for loc in sitemap.iter(f"{SITEMAP}loc"))
    assert listed == sorted(ADDRESS + path for path in _pages(addressed_site))
    assert (addressed_site.site / "sitemap.xml.gz").exists()


def test_with_an_address_feed_links_resolve_to_the_sites_pages(addressed_site):
    feed = feedparser.parse((addressed_site.site / "publications.xml").read_bytes())
    assert feed.feed.id == ADDRESS + "publications.xml"
    assert {link.rel: link.href for link in feed.feed.links} == {
        "self": ADDRESS + "publications.xml",
        "alternate": ADDRESS + "publications/",
    }
    pages = [ADDRESS + f"publications/{pub.id}/" for pub in load_site(FIXTURE_DATA.parent).publications]
    assert [entry.link for entry in feed.entries] == [entry.id for entry in feed.entries] == pages
    for link in pages:
        assert (addressed_site.site / link.removeprefix(ADDRESS) / "index.html").exists(), link


def test_the_real_site_names_its_sitemap_in_robots_txt(real_site):
    home = real_site.page("").select_one('link[rel="canonical"]')["href"]
    assert _robots(real_site).site_maps() == [home + "sitemap.xml"]
    assert (real_site.site / "sitemap.xml").exists()


def test_only_a_build_with_an_address_links_its_feeds_from_its_pages(fixture_site, addressed_site):
    """Material fetches sitemap.xml beside each feed link: without a sitemap that is a 404 per page."""
    atom = 'link[rel="alternate"][type="application/atom+xml"]'
    for path in _pages(fixture_site):
        assert fixture_site.page(path).select(atom) == [], path
    assert (fixture_site.site / "news.xml").exists() and (fixture_site.site / "publications.xml").exists()
    for path in _pages(addressed_site):
        hrefs = sorted(link["href"] for link in addressed_site.page(path).select(atom))
        assert [urljoin(ADDRESS + path, href) for href in hrefs] == [ADDRESS + "news.xml", ADDRESS + "publications.xml"]


@pytest.mark.browser
@pytest.mark.parametrize("build_name", ["fixture_site", "addressed_site"])
def test_pages_load_in_a_browser_without_a_failed_request_with_or_without_an_address(request, build_name):
    """Requests to the site itself only (the fixture build's repository facts go to GitHub)."""
    site = request.getfixturevalue(build_name)
    with serving(site.site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        problems: list[str] = []
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}") if r.url.startswith(base) else None)
        page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
        for path in ("", "publications/"):
            page.goto(base + path, wait_until="networkidle")
        browser.close()
    assert problems == []
