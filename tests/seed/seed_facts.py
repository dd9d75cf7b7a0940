"""The one-time check that data/ holds every fact of the seed (the group's old home page, as text).

Run it explicitly with `make seed-check` (`pytest tests/seed/seed_facts.py`). It is not part of
`make test` or CI: its file name does not match pytest's `test_*.py`, so only naming it collects it.
The seed is a snapshot of one day; the lab's data moves on (papers added, students graduating), and
a pull request must never go red because the site no longer matches that day. The invariants that
hold for any data live in `tests/test_real_site.py`.
"""

from __future__ import annotations

import re
from pathlib import Path

from labsite.site import load_site

SEED = Path(__file__).parent / "homepage.txt"
TYPO_FIXES = {
    "lanuched": "launched",
    "Oded Padan": "Oded Padon",
    "Keval Voral": "Keval Vora",
    "Symposium of Computer": "Symposium on Computer",
    "HIPC": "HiPC",
}


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


def seed_papers() -> list[tuple[str, list[str]]]:
    lines = seed_section("Publications", "Education")
    return [
        (
            fixed(line[2:]),
            [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+", fixed(lines[i + 1]).replace("*", ""))],
        )
        for i, line in enumerate(lines)
        if line.startswith("- ")
    ]


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


def test_seed_news_is_on_the_news_page(real_site):
    page = text_of(real_site.content("news/"))
    for line in seed_section("News", "Teaching"):
        text = fixed(re.sub(r"^- \[\d{4}\] ", "", line))
        assert text in page, text


def test_seed_courses_and_terms_are_on_the_teaching_page(real_site):
    courses = real_site.content("teaching/").select("li.lab-course")
    terms = {
        c.select_one(".lab-course-number").get_text(): c.select_one(".lab-course-terms").get_text() for c in courses
    }
    assert terms["15-418/618"] == "Fall 2024, Fall 2023, Spring 2023, Fall 2022"
    for line in seed_section("Teaching", "Projects"):
        number, rest = line[2:].split(" ", 1)
        title, term = rest.rsplit(": ", 1)
        assert term.title() in terms[number]
        assert title in text_of(real_site.content("teaching/"))


def test_seed_members_and_alumni_are_on_the_group_page(real_site):
    page = text_of(real_site.content("group/"))
    for line in seed_section("Current Ph.D. and Postdoctoral Students", "Alumni"):
        name = line[2:].split(" (with ")[0]
        assert name in page
        if "(with " in line:
            assert "with " + line.split("(with ")[1].rstrip(")") in page
    for line in seed_section("Alumni", "Publications"):
        name, degree, year, now = re.match(r"- (.+?) \((\w+), (\d{4}), now (.+)\)$", line).groups()
        assert name in page and f"{degree}, {year}" in page and now in page


def test_seed_projects_are_on_the_projects_page(real_site):
    page = text_of(real_site.content("projects/"))
    for line in seed_section("Projects", "Awards"):
        assert " ".join(line[2:].split()) in page


def test_seed_awards_education_and_experience_are_on_the_cv_page(real_site):
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


def test_seed_profile_is_on_the_home_page(real_site):
    page = text_of(real_site.content(""))
    seed = SEED.read_text().splitlines()
    for line in seed[:4]:
        assert line in page
    assert fixed(seed[5]) in page
    assert fixed(seed[6].removeprefix("Research interests: ")) in page
    assert "apply through the CMU CS PhD program" in real_site.content("").select_one(".lab-prospective").get_text()


def test_each_member_page_lists_exactly_the_seed_papers_they_wrote(real_site):
    site = load_site(real_site.project)
    papers = seed_papers()
    for person_id, person in site.data.people.items():
        spellings = {person.name, *person.aliases}
        expected = sorted(title for title, authors in papers if spellings & {a.rstrip(".") for a in authors})
        listed = sorted(a.get_text() for a in real_site.content(f"people/{person_id}/").select("a.lab-pub-title"))
        assert listed == expected, person_id
