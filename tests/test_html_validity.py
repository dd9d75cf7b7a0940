"""Every built page is valid HTML: the W3C Nu validator (npm `vnu-jar`, run with Debian's Java) finds
no error or warning in our templates, overrides, stylesheet or icon, on the real site and the fixture
lab; ids are unique on every page, and every link to an anchor in the site finds it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from sitebuild import ROOT, build

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Given the site folder, check its HTML pages, stylesheets and SVG icons (not the scripts, feeds or sitemap).
CHECK_ALL = ["--skip-non-html", "--also-check-css", "--also-check-svg"]

# What the validator reports about Material for MkDocs' own markup (9.8.x), left alone: each entry is
# the message and the Material element it concerns (the source the validator highlights). Anything
# else, including the same message about one of our elements, fails the tests below.
MATERIAL_MARKUP = [
    # base.html: the drawer and search toggles are checkboxes carrying autocomplete="off" (so that
    # Firefox does not restore them open on reload); HTML allows the attribute on text-like inputs only.
    (
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
        "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
        "or “week”.",
        re.compile(
            r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__\1" autocomplete="off">'
        ),
    ),
    # partials/toc.html: the table of contents' title is a label for the "__toc" toggle, which
    # partials/nav-item.html writes only on pages listed in the navigation (not on people, paper and
    # project pages, nor on the 404 page).
    (
        "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
        re.compile(r'<label class="md-nav__title" for="__toc">'),
    ),
]


def nu_messages(site: Path) -> list[dict]:
    """The validator's errors and warnings for every HTML page, stylesheet and SVG of a built site (one run)."""
    java = shutil.which("java")
    assert java, "java is needed for the Nu validator (scripts/system-deps.sh installs default-jre-headless)"
    assert VNU_JAR.is_file(), f"{VNU_JAR} is missing: run `npm ci` (package.json pins vnu-jar)"
    done = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", *CHECK_ALL, str(site)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode in (0, 1), done.stderr
    messages = json.loads(done.stdout)["messages"]
    assert not [m for m in messages if m["type"] == "non-document-error"], messages
    return [m for m in messages if m["type"] == "error" or m.get("subType") == "warning"]


def highlighted(message: dict) -> str:
    """The source the validator points at (usually one start tag)."""
    start = message.get("hiliteStart", 0)
    return message.get("extract", "")[start : start + message.get("hiliteLength", 0)].strip()


def from_material(message: dict) -> bool:
    return any(
        message["message"] == text and pattern.fullmatch(highlighted(message)) for text, pattern in MATERIAL_MARKUP
    )


def ours(messages: list[dict], site: Path) -> list[str]:
    """The messages not explained by Material's markup, as 'page:line: message — source' lines."""
    return [
        f"{m['url'].split(str(site), 1)[-1]}:{m.get('lastLine')}: {m['message']} — {highlighted(m)}"
        for m in messages
        if not from_material(m)
    ]


@pytest.mark.parametrize("which", ["real_site", "fixture_site"])
def test_nu_validator_finds_no_error_of_ours_on_any_page(request, which):
    site = request.getfixturevalue(which).site
    messages = nu_messages(site)
    assert ours(messages, site) == []
    # The run saw every page: Material's drawer toggle is on each of them (update this with the allow-list).
    pages = {m["url"] for m in messages}
    assert len(pages) == len(list(site.rglob("*.html")))


def test_nu_validator_reports_an_invalid_construct_in_our_templates(fixture_project):
    """The same mistake Material makes is ours when it is on our element: the allow-list is not a blanket."""
    partial = fixture_project / "labsite/templates/partials/publication.html"
    label = '<label class="lab-pub-label" for="__toc">Paper</label><a class="lab-pub-title"'
    partial.write_text(partial.read_text().replace('<a class="lab-pub-title"', label, 1))
    chart = fixture_project / "labsite/templates/partials/year-chart.html"
    chart.write_text(
        chart.read_text().replace('<figure class="lab-chart">', '<figure class="lab-chart" id="lab-filter">')
    )
    built = build(fixture_project)
    assert built.returncode == 0, built.log
    found = ours(nu_messages(built.site), built.site)
    assert any(
        "The value of the “for” attribute of the “label” element must be the ID" in line
        and line.endswith('— <label class="lab-pub-label" for="__toc">')
        for line in found
    ), found
    assert any(line.startswith("/publications/index.html") and "Duplicate ID “lab-filter”" in line for line in found)


@pytest.mark.parametrize("which", ["real_site", "fixture_site"])
def test_ids_are_unique_on_every_page(request, which):
    site = request.getfixturevalue(which).site
    repeated = {}
    for path in sorted(site.rglob("*.html")):
        ids = Counter(tag["id"] for tag in BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").select("[id]"))
        if twice := sorted(i for i, n in ids.items() if n > 1):
            repeated[str(path.relative_to(site))] = twice
    assert repeated == {}


@pytest.mark.parametrize("which", ["real_site", "fixture_site"])
def test_every_link_to_an_anchor_in_the_site_finds_its_target(request, which):
    site = request.getfixturevalue(which).site
    base = "http://site.invalid/"
    ids: dict[str, set[str]] = {}
    links: list[tuple[str, str]] = []
    for path in sorted(site.rglob("*.html")):
        url = urljoin(base, path.relative_to(site).as_posix().removesuffix("index.html"))
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        ids[url] = {tag["id"] for tag in soup.select("[id]")}
        links += [(url, a["href"]) for a in soup.select("a[href*='#']")]
    checked = 0
    missing = []
    for page, href in links:
        target = urlsplit(urljoin(page, href))
        target_page = target._replace(fragment="", query="").geturl()
        if not target.fragment or not target_page.startswith(base) or target_page not in ids:
            continue
        checked += 1
        if target.fragment not in ids[target_page]:
            missing.append(f"{page} → {href}")
    assert checked > 0
    assert missing == []
