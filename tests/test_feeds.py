"""The Atom feeds as feed readers see them: valid against RFC 4287's RELAX NG schema (checked by
jing), true to the RFC's rules a grammar cannot state, and with entry ids that stay put when other
items are added, so a reader shows only what is new."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from lxml import etree
from sitebuild import FIXTURE_DATA, REAL_ROOT, Build, build

from labsite.site import load_site

SCHEMA = Path(__file__).resolve().parent / "atom.rnc"  # RFC 4287, Appendix B
FEEDS = ("news.xml", "publications.xml")
ATOM = "{http://www.w3.org/2005/Atom}"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# RFC 3987: an absolute IRI starts with a scheme; no IRI holds spaces or these characters.
ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")
# RFC 3339 section 5.6 date-time, with the upper-case T and Z that RFC 4287 section 3.3 requires.
RFC_3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def jing(feed: Path) -> list[str]:
    """What Debian's jing reports when it validates the feed against RFC 4287's RELAX NG schema
    (one line per error; none for a valid feed). jing is installed by scripts/system-deps.sh."""
    assert shutil.which("jing"), "jing is missing: run scripts/system-deps.sh"
    done = subprocess.run(["jing", "-c", str(SCHEMA), str(feed)], capture_output=True, text=True, timeout=120)
    errors = done.stdout.splitlines()
    assert (done.returncode == 0) == (errors == []), done.stdout + done.stderr
    return errors


def _resolved(element: etree._Element, href: str) -> str:
    """An href as a reader resolves it: against the xml:base in effect (RFC 4287 section 2)."""
    base = ""
    for ancestor in [*reversed(list(element.iterancestors())), element]:
        base = urljoin(base, ancestor.get(XML_BASE, ""))
    return urljoin(base, href)


def _is_a_real_instant(text: str) -> bool:
    """Not 2024-02-30 or 25:00, which the pattern lets through."""
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def rfc_4287_problems(feed: Path, address: str) -> list[str]:
    """The rules of RFC 4287 that its RELAX NG schema cannot state (atomUri is any text, a date
    may lack its zone, ids may repeat), and the schema's Schematron rules, which jing ignores.
    `address` is the site's address ('' for a build without one). One message per broken rule."""
    root = etree.parse(str(feed)).getroot()
    problems = []
    ids = [e.text or "" for e in root.iter(f"{ATOM}id")]
    problems += [f"id {i!r} is not an absolute IRI (section 4.2.6)" for i in ids if not ABSOLUTE_IRI.fullmatch(i)]
    problems += [f"id {i!r} is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    for updated in root.iter(f"{ATOM}updated", f"{ATOM}published"):
        text = updated.text or ""
        if not RFC_3339.fullmatch(text) or not _is_a_real_instant(text):
            problems.append(f"date {text!r} is not an RFC 3339 date-time (section 3.3)")
    if not root.get(XML_LANG):
        problems.append("the feed has no xml:lang")
    selves = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    if len(selves) != 1:
        problems.append(f"{len(selves)} self links, not one (section 4.1.1)")
    elif address and _resolved(selves[0], selves[0].get("href")) != address + feed.name:
        problems.append(f"self link {_resolved(selves[0], selves[0].get('href'))!r} is not {address + feed.name!r}")
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        links = [_resolved(link, link.get("href")) for link in entry.findall(f"{ATOM}link")]
        if address:
            problems += [f"entry link {href!r} is not on {address}" for href in links if not href.startswith(address)]
        alternate = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
        if not alternate and entry.find(f"{ATOM}content") is None:
            problems.append(f"entry {entry.findtext(f'{ATOM}id')!r} has neither an alternate link nor content")
    if root.find(f"{ATOM}author") is None and any(e.find(f"{ATOM}author") is None for e in entries):
        problems.append("an entry has no author and neither has the feed")
    return problems


def address_of(build: Build) -> str:
    """The site's address as the build printed it on the home page ('' for a build without one)."""
    canonical = build.page("").select_one('link[rel="canonical"]')
    return canonical["href"] if canonical else ""


@pytest.mark.parametrize("feed", FEEDS)
@pytest.mark.parametrize("build_name", ["real_site", "fixture_site"])
def test_feeds_are_valid_against_the_relax_ng_schema_of_rfc_4287(request, build_name, feed):
    assert jing(request.getfixturevalue(build_name).site / feed) == []


@pytest.mark.parametrize("feed", FEEDS)
@pytest.mark.parametrize("build_name", ["real_site", "fixture_site"])
def test_feeds_keep_the_rules_of_rfc_4287_a_schema_cannot_state(request, build_name, feed):
    site = request.getfixturevalue(build_name)
    assert rfc_4287_problems(site.site / feed, address_of(site)) == []


@pytest.mark.parametrize("feed", FEEDS)
@pytest.mark.parametrize("build_name", ["real_site", "fixture_site"])
def test_feedparser_reads_each_feed_without_complaint_in_the_sites_language(request, build_name, feed):
    site = request.getfixturevalue(build_name)
    parsed = feedparser.parse((site.site / feed).read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    data = REAL_ROOT if build_name == "real_site" else FIXTURE_DATA.parent
    assert parsed.feed.language == load_site(data).settings.language


def _planted(source: Path, tmp_path: Path, pattern: str, replacement: str) -> Path:
    """A copy of a built feed with the first match of `pattern` replaced."""
    text, found = re.subn(pattern, replacement, source.read_text(), count=1)
    assert found == 1, pattern
    feed = tmp_path / source.name
    feed.write_text(text)
    return feed


def test_jing_reports_an_entry_without_an_id(fixture_site, tmp_path):
    feed = _planted(fixture_site.site / "news.xml", tmp_path, r"<id>urn:labsite:news:[^<]*</id>", "")
    errors = jing(feed)
    assert len(errors) == 1 and 'element "entry" incomplete; missing required element "id"' in errors[0], errors


def test_jing_reports_an_updated_date_without_a_time(fixture_site, tmp_path):
    feed = _planted(fixture_site.site / "news.xml", tmp_path, r"T00:00:00Z</updated>", "</updated>")
    errors = jing(feed)
    assert len(errors) == 1 and 'element "updated" invalid; must be an ISO date and time' in errors[0], errors


def test_a_relative_id_passes_the_schema_but_not_the_rfcs_rules(fixture_site, tmp_path):
    """RFC 4287 section 4.2.6 wants an absolute IRI; Appendix B's atomUri is any text."""
    feed = _planted(fixture_site.site / "news.xml", tmp_path, r"<id>urn:labsite:news:", "<id>news/")
    assert jing(feed) == []
    (relative,) = [i.text for i in etree.parse(str(feed)).getroot().iter(f"{ATOM}id") if i.text.startswith("news/")]
    assert rfc_4287_problems(feed, "") == [f"id {relative!r} is not an absolute IRI (section 4.2.6)"]


def test_the_rfcs_rules_report_a_second_self_link_and_a_date_without_its_zone(fixture_site, tmp_path):
    original = fixture_site.site / "publications.xml"
    first_date = etree.parse(str(original)).getroot().find(f"{ATOM}updated").text.removesuffix("Z")
    feed = _planted(original, tmp_path, r"Z</updated>", "</updated>")
    feed = _planted(feed, tmp_path, r'<link rel="alternate"', '<link rel="self" href="x.xml"/><link rel="alternate"')
    assert rfc_4287_problems(feed, "") == [
        f"date {first_date!r} is not an RFC 3339 date-time (section 3.3)",
        "2 self links, not one (section 4.1.1)",
    ]


def test_the_rfcs_rules_report_a_repeated_id_and_a_feed_without_language_or_author(fixture_site, tmp_path):
    feed = _planted(fixture_site.site / "news.xml", tmp_path, r' xml:lang="[^"]*"', "")
    feed = _planted(feed, tmp_path, r"<author>.*?</author>", "")
    first, second = [i.text for i in etree.parse(str(feed)).getroot().iter(f"{ATOM}id")][1:3]
    feed = _planted(feed, tmp_path, f"<id>{second}</id>", f"<id>{first}</id>")
    assert rfc_4287_problems(feed, "") == [
        f"id {first!r} is used twice",
        "the feed has no xml:lang",
        "an entry has no author and neither has the feed",
    ]


def test_with_an_address_the_rfcs_rules_report_links_that_do_not_resolve_to_the_site(real_site, tmp_path):
    """Without its xml:base, a feed of the addressed build has relative links: readers resolve them
    against wherever they fetched the feed, not the site."""
    address = address_of(real_site)
    feed = _planted(real_site.site / "publications.xml", tmp_path, r' xml:base="[^"]*"', "")
    problems = rfc_4287_problems(feed, address)
    assert problems[0] == f"self link 'publications.xml' is not {address + 'publications.xml'!r}"
    assert len(problems) == 1 + len(load_site(REAL_ROOT).publications)
    assert all(p.startswith("entry link 'publications/") for p in problems[1:]), problems


def test_publication_entry_ids_and_links_are_the_paper_pages(real_site):
    address = address_of(real_site)
    feed = feedparser.parse((real_site.site / "publications.xml").read_bytes())
    pages = [f"{address}publications/{pub.id}/" for pub in load_site(REAL_ROOT).publications]
    assert [entry.id for entry in feed.entries] == pages
    assert [entry.link for entry in feed.entries] == pages


def test_news_entry_ids_are_distinct_tag_uris_of_the_sites_host(real_site):
    address = address_of(real_site)
    host = address.split("/")[2]
    ids = [entry.id for entry in feedparser.parse((real_site.site / "news.xml").read_bytes()).entries]
    assert len(ids) == len(set(ids)) == len(load_site(REAL_ROOT).news)
    assert all(i.startswith(f"tag:{host},") for i in ids), ids


def test_a_build_without_an_address_has_absolute_ids_and_relative_links(fixture_site):
    for name in FEEDS:
        feed = etree.parse(str(fixture_site.site / name)).getroot()
        assert feed.get("{http://www.w3.org/XML/1998/namespace}base") is None
        ids = [e.text for e in feed.iter(f"{ATOM}id")]
        assert ids and all(i.startswith("urn:labsite:") for i in ids), ids
        hrefs = [link.get("href") for link in feed.iter(f"{ATOM}link")]
        assert hrefs and not any("://" in href for href in hrefs), hrefs


def _news_ids_by_title(project: Path) -> dict[str, str]:
    done = build(project, extra_env={"LABSITE_URL": "https://lab.example.org/"})
    assert done.returncode == 0, done.log
    return {e.title: e.id for e in feedparser.parse((done.site / "news.xml").read_bytes()).entries}


def _item(date: str, text: str) -> str:
    return f'  - date: "{date}"\n    text: {text}\n'


def test_inserting_news_items_keeps_every_existing_entrys_id(fixture_project):
    before = _news_ids_by_title(fixture_project)
    assert len(before) == len(load_site(FIXTURE_DATA.parent).news)
    news = fixture_project / "data/news.yml"
    text = news.read_text()
    text = text.replace("news:\n", "news:\n" + _item("2024-01", "A brand new item on top."), 1)
    text = text.replace('  - date: "2023"\n', _item("2023", "Inserted in the middle.") + '  - date: "2023"\n', 1)
    news.write_text(text)
    after = _news_ids_by_title(fixture_project)
    assert len(after) == len(before) + 2
    assert {title: after[title] for title in before} == before
    assert len(set(after.values())) == len(after)


def test_an_identical_item_on_the_same_date_gets_its_own_id(fixture_project):
    news = fixture_project / "data/news.yml"
    text = news.read_text()
    news.write_text(text.replace("news:\n", "news:\n" + _item("2023", "Welcome to our new postdoc, Dee Lux."), 1))
    ids = [e.id for e in feedparser.parse(feed_of(fixture_project)).entries]
    assert len(ids) == len(set(ids)) == len(load_site(FIXTURE_DATA.parent).news) + 1


def feed_of(project: Path) -> bytes:
    done = build(project)
    assert done.returncode == 0, done.log
    return (done.site / "news.xml").read_bytes()
