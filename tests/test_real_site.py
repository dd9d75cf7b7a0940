"""The group's real site: every page lists exactly what data/ holds, in order, and every seed fact is on it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitebuild import ROOT

from labsite.site import load_site

SEED = Path(__file__).parent / "seed" / "homepage.txt"
TYPO_FIXES = {
    "lanuched": "launched",
    "Oded Padan": "Oded Padon",
    "Keval Voral": "Keval Vora",
    "Symposium of Computer": "Symposium on Computer",
    "HIPC": "HiPC",
}


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT)


def text_of(soup) -> str:
    return " ".join(soup.get_text().split())


def seed_section(title: str, next_title: str) -> list[str]:
    lines = SEED.read_text().splitlines()
    start, end = lines.index(title), lines.index(next_title)
    return [line for line in lines[start + 1 : end]]


def fixed(text: str) -> str:
    for typo, fix in TYPO_FIXES.items():
        text = text.replace(typo, fix)
    return " ".join(text.split())


def test_publications_page_lists_every_paper_in_data_newest_first(real_site, site):
    items = real_site.content("publications/").select("li.lab-pub")
    assert [li["id"] for li in items] == ["pub-" + p.id for p in site.publications]
    years = [int(li["data-year"]) for li in items]
    assert years == sorted(years, reverse=True)
    assert len(items) == 51


def test_publications_are_grouped_under_year_headings(real_site, site):
    headings = [h.get_text(strip=True).rstrip("¶") for h in real_site.content("publications/").select("h2")]
    assert headings == [str(y) for y in site.years]


def test_every_seed_publication_title_and_author_list_is_on_the_site(real_site):
    page = text_of(real_site.content("publications/"))
    lines = seed_section("Publications", "Education")
    titles = [fixed(line[2:]) for line in lines if line.startswith("- ")]
    assert len(titles) == 51
    for title in titles:
        assert title in page, title
    for n, line in enumerate(lines):
        if line.startswith("- "):
            authors = fixed(lines[n + 1]).replace("(alphabetically)", "").replace(" et al.", "")
            for name in re.split(r",\s*(?:and\s+)?|\s+and\s+", authors.rstrip(".").strip()):
                name = name.replace("*", "").strip()
                if name:
                    assert name in page, (name, line)


def test_seed_venues_months_and_notes_are_on_the_site(real_site):
    page = text_of(real_site.content("publications/"))
    for line in seed_section("Publications", "Education"):
        match = re.search(r"\(([A-Za-z]+)\), (?:.*?, )?([A-Z][a-z]+) (\d{4})\.", line)
        if match:
            acronym, month, year = match.groups()
            assert f"({fixed(acronym)})" in page
            assert f"{month} {year}" in page
    for note in (
        "Spotlight",
        "Outstanding Paper Award",
        "ASPLOS Distinguished Artifact Award",
        "IEEE Micro Top Picks Honorable Mention",
        "Long Oral Presentation",
        "Stanford Arthur Samuel Best Doctoral Thesis Award",
        "Extended version with proofs.",
        "Industry track",
        "San Diego, CA",
        "Rio de Janeiro, Brazil",
        "Ph.D. Dissertation",
    ):
        assert note in page, note


def test_equal_contribution_is_marked_with_a_legend(real_site, site):
    content = real_site.content("publications/")
    assert "Equal contribution" in content.select_one(".lab-legend").get_text()
    specinfer = next(p for p in site.publications if p.equal_contribution == 4)
    stars = content.select(f"li#pub-{specinfer.id} sup.lab-equal")
    assert len(stars) == 4


def test_the_professor_is_emphasised_in_every_author_list(real_site, site):
    content = real_site.content("publications/")
    for pub in site.publications:
        if site.profile.name in pub.authors:
            emphasised = content.select_one(f"li#pub-{pub.id} strong.lab-pi")
            assert emphasised is not None and emphasised.get_text() == site.profile.name, pub.id


def test_news_page_lists_every_item_grouped_by_year(real_site, site):
    content = real_site.content("news/")
    assert len(content.select("li.lab-news-item")) == len(site.news)
    page = text_of(content)
    for line in seed_section("News", "Teaching"):
        text = fixed(re.sub(r"^- \[\d{4}\] ", "", line))
        assert text in page, text


def test_teaching_lists_each_course_once_with_every_term(real_site):
    courses = real_site.content("teaching/").select("li.lab-course")
    numbers = [c.select_one(".lab-course-number").get_text() for c in courses]
    assert len(numbers) == len(set(numbers))
    terms = {
        c.select_one(".lab-course-number").get_text(): c.select_one(".lab-course-terms").get_text() for c in courses
    }
    assert terms["15-418/618"] == "Fall 2024, Fall 2023, Spring 2023, Fall 2022"
    for line in seed_section("Teaching", "Projects"):
        number, rest = line[2:].split(" ", 1)
        title, term = rest.rsplit(": ", 1)
        assert term.title() in terms[number]
        assert title in text_of(real_site.content("teaching/"))


def test_group_page_lists_current_members_then_alumni(real_site, site):
    content = real_site.content("group/")
    lists = content.select("ul.lab-people")
    assert [li["id"] for li in lists[0].select("li.lab-person")] == ["person-" + i for i in site.current_members]
    assert [li["id"] for li in lists[1].select("li.lab-person")] == ["person-" + i for i in site.alumni]
    page = text_of(content)
    for line in seed_section("Current Ph.D. and Postdoctoral Students", "Alumni"):
        name = line[2:].split(" (with ")[0]
        assert name in page
        if "(with " in line:
            assert "with " + line.split("(with ")[1].rstrip(")") in page
    for line in seed_section("Alumni", "Publications"):
        name, degree, year, now = re.match(r"- (.+?) \((\w+), (\d{4}), now (.+)\)$", line).groups()
        assert name in page and f"{degree}, {year}" in page and now in page


def test_projects_page_has_every_project_with_its_description(real_site):
    page = text_of(real_site.content("projects/"))
    for line in seed_section("Projects", "Awards"):
        assert " ".join(line[2:].split()) in page


def test_cv_page_has_awards_education_and_experience(real_site):
    page = text_of(real_site.content("cv/"))
    for line in seed_section("Awards", "Current Ph.D. and Postdoctoral Students"):
        name, year = line[2:].rsplit(", ", 1)
        assert f"{name}, {year}" in page, line
    for line in seed_section("Education", "Experience") + SEED.read_text().split("Experience\n", 1)[1].splitlines():
        line = line.strip()
        if line.startswith("Working with"):
            assert line in page
        elif line.startswith("- "):
            dates, what = line[2:].split(": ", 1)
            start, end = (d.strip() for d in dates.split(" - "))
            year_month = lambda d: f"{d.split('.')[0]}-{int(d.split('.')[1]):02d}"  # noqa: E731
            assert f"{year_month(start)} – {year_month(end)}" in page
            for word in re.split(r" at | from |, ", what.strip()):
                assert word.strip() in page, word


def test_home_page_has_profile_bio_interests_note_news_and_selections(real_site, site):
    content = real_site.content("")
    page = text_of(content)
    seed = SEED.read_text().splitlines()
    for line in seed[:4]:
        assert line in page
    assert content.select_one("a.lab-email")["data-domain"] == site.profile.email.split("@")[1]
    assert "@" not in str(content.select_one(".lab-profile"))
    assert fixed(seed[5]) in page
    assert fixed(seed[6].removeprefix("Research interests: ")) in page
    assert content.select_one(".admonition.lab-callout") is not None
    assert "apply through the CMU CS PhD program" in content.select_one(".admonition.lab-callout").get_text()
    assert len(content.select("li.lab-news-item")) == 5
    assert [li["id"] for li in content.select("li.lab-pub")] == ["pub-" + i for i in site.profile.selected_publications]
    assert [li["id"] for li in content.select("li.lab-project")] == [
        "project-" + i for i in site.profile.selected_projects
    ]
    assert content.select_one("svg.lab-avatar") is not None


def test_strict_build_has_no_warning(real_site):
    assert "WARNING" not in real_site.log, real_site.log
