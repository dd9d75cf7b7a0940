"""The group's real site: every page shows exactly what data/ holds, in order.

Every expectation here is computed from data/ (through the core's loader), never typed in: the lab
edits its data every week, and a student's pull request adding a paper must not turn these red.
Literal expectations belong to the fixture lab. `test_real_site_edits.py` runs this module against
an edited copy of data/ (LABSITE_TEST_ROOT) to prove it; the one-time comparison with the seed text
is `make seed-check`.
"""

from __future__ import annotations

import calendar

import pytest
from bs4 import BeautifulSoup
from sitebuild import REAL_ROOT

from labsite import markdown
from labsite.names import name_key
from labsite.site import load_site


@pytest.fixture(scope="module")
def site():
    return load_site(REAL_ROOT)


def item_id(li) -> str:
    """The data id of a listed item: its element id without the kind prefix ('pub-', 'person-', ...)."""
    return li["id"].split("-", 1)[1]


def text_of(soup) -> str:
    return " ".join(soup.get_text().split())


def plain(markdown_text: str) -> str:
    """What a Markdown field reads as on the page."""
    return text_of(BeautifulSoup(str(markdown.render(markdown_text)), "lxml"))


def in_order(text: str, parts: list[str]) -> bool:
    """Each part occurs in `text`, after the previous one."""
    at = 0
    for part in parts:
        found = text.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


def spellings(data) -> dict[str, str]:
    """name key -> person id ('' for the professor), from every name and alias in data/."""
    who = {name_key(n): "" for n in [data.profile.name, *data.profile.aliases]}
    for person_id, person in data.people.items():
        who.update({name_key(n): person_id for n in [person.name, *person.aliases]})
    return who


# --- publications -------------------------------------------------------------------------------
def test_publications_page_lists_every_paper_in_data_newest_first(real_site, site):
    items = real_site.content("publications/").select("li.lab-pub")
    assert sorted(item_id(li) for li in items) == sorted(p.id for p in site.data.publications)
    by_id = {p.id: p for p in site.data.publications}
    dates = [(by_id[item_id(li)].year, by_id[item_id(li)].month or 0) for li in items]
    assert dates == sorted(dates, reverse=True)
    file_order = {p.id: n for n, p in enumerate(site.data.publications)}
    for n in range(len(items) - 1):
        if dates[n] == dates[n + 1]:
            assert file_order[item_id(items[n])] < file_order[item_id(items[n + 1])], "same month: file order"


def test_publications_are_grouped_under_year_headings(real_site, site):
    content = real_site.content("publications/")
    headings = [h.get_text(strip=True).rstrip("¶") for h in content.select("h2")]
    assert headings == [str(y) for y in sorted({p.year for p in site.data.publications}, reverse=True)]
    for ul, heading in zip(content.select("ul.lab-pubs"), headings, strict=True):
        assert {li["data-year"] for li in ul.select("li.lab-pub")} == {heading}


def test_each_paper_shows_its_title_authors_venue_date_and_badges(real_site, site):
    content = real_site.content("publications/")
    for pub in site.data.publications:
        li = content.select_one(f"li#pub-{pub.id}")
        assert li.select_one("a.lab-pub-title").get_text() == pub.title
        assert in_order(text_of(li.select_one(".lab-authors")), pub.authors), pub.id
        venue_line = text_of(li.select_one(".lab-venue"))
        venue = site.data.venues.get(pub.venue) if pub.venue else None
        if venue:
            assert f"{venue.name} ({venue.id})" in venue_line, pub.id
        when = f"{calendar.month_name[pub.month]} {pub.year}" if pub.month else str(pub.year)
        assert venue_line.endswith(f"{when}."), pub.id
        for extra in (pub.track, pub.location, pub.institution):
            assert extra is None or extra in venue_line, pub.id
        badges = [b.get_text() for b in li.select(".lab-badge")]
        assert badges == [pub.presentation] * bool(pub.presentation) + pub.awards, pub.id
        if pub.note:
            assert li.select_one(".lab-pub-note").get_text() == pub.note


def test_equal_contribution_is_marked_on_exactly_the_first_authors(real_site, site):
    content = real_site.content("publications/")
    for pub in site.data.publications:
        assert len(content.select(f"li#pub-{pub.id} sup.lab-equal")) == (pub.equal_contribution or 0), pub.id
    has_legend = content.select_one(".lab-legend") is not None
    assert has_legend == any(p.equal_contribution for p in site.data.publications)


def test_the_professor_is_emphasised_and_members_are_linked_in_every_author_list(real_site, site):
    content = real_site.content("publications/")
    who = spellings(site.data)
    for pub in site.data.publications:
        li = content.select_one(f"li#pub-{pub.id}")
        professor = [a for a in pub.authors if who.get(name_key(a)) == ""]
        assert [s.get_text() for s in li.select("strong.lab-pi")] == professor, pub.id
        members = [(a, who[name_key(a)]) for a in pub.authors if who.get(name_key(a))]
        links = [(a.get_text(), a["href"]) for a in li.select("a.lab-member")]
        assert links == [(name, f"../people/{pid}/") for name, pid in members], pub.id


def test_publications_chart_counts_papers_per_year(real_site, site):
    svg = real_site.content("publications/").select_one("figure.lab-chart svg")
    assert svg["role"] == "img"
    years = sorted({p.year for p in site.data.publications})
    desc = svg.select_one("desc").get_text()
    for year in years:
        assert f"{year}: {sum(p.year == year for p in site.data.publications)}" in desc
    assert len(svg.select("rect.lab-chart-bar")) == len(years)


# --- people -------------------------------------------------------------------------------------
def test_each_member_page_lists_exactly_the_papers_whose_author_lists_name_them(real_site, site):
    who = spellings(site.data)
    page_order = [item_id(li) for li in real_site.content("publications/").select("li.lab-pub")]
    for person_id in site.data.people:
        theirs = {p.id for p in site.data.publications if any(who.get(name_key(a)) == person_id for a in p.authors)}
        listed = [item_id(li) for li in real_site.content(f"people/{person_id}/").select("li.lab-pub")]
        assert listed == [i for i in page_order if i in theirs], person_id


def test_group_page_lists_current_members_then_alumni(real_site, site):
    lists = real_site.content("group/").select("ul.lab-people")
    current = {i for i, p in site.data.people.items() if p.end is None}
    former = {i for i, p in site.data.people.items() if p.end is not None}
    listed = [[item_id(li) for li in ul.select("li.lab-person")] for ul in lists]
    assert [set(ids) for ids in listed] == [s for s in (current, former) if s]
    if former:
        ends = [site.data.people[i].end for i in listed[-1]]
        assert ends == sorted(ends, reverse=True), "alumni: most recent first"
    for ul in lists:
        for li in ul.select("li.lab-person"):
            person = site.data.people[item_id(li)]
            assert li.select_one(".lab-person-name").get_text() == person.name
            card = text_of(li)
            for advisor in person.co_advisors:
                assert advisor in card
            if person.end is not None:
                assert f"{person.degree}, {person.end}" in card
                assert person.now is None or f"now {person.now}" in card


def test_person_pages_show_their_facts(real_site, site):
    for person_id, person in site.data.people.items():
        content = real_site.content(f"people/{person_id}/")
        assert real_site.page(f"people/{person_id}/").select_one("h1").get_text(strip=True).rstrip("¶") == person.name
        page = text_of(content)
        for fact in [*person.co_advisors, *person.interests, *(link.label for link in person.links)]:
            assert fact in page, (person_id, fact)
        if person.bio:
            assert plain(person.bio) in page, person_id


# --- the other pages ----------------------------------------------------------------------------
def test_news_page_lists_every_item_under_its_year(real_site, site):
    content = real_site.content("news/")
    items = content.select("li.lab-news-item")
    assert sorted(li.select_one("time")["datetime"] for li in items) == sorted(n.date for n in site.data.news)
    years = [h.get_text(strip=True).rstrip("¶") for h in content.select("h2")]
    assert years == sorted({n.date[:4] for n in site.data.news}, reverse=True)
    newest_year_first = sorted(site.data.news, key=lambda n: n.date[:4], reverse=True)  # stable: file order
    assert [li.select_one("time")["datetime"] for li in items] == [n.date for n in newest_year_first]
    page = text_of(content)
    for item in site.data.news:
        assert plain(item.text) in page


def test_teaching_lists_each_course_once_with_every_term_newest_first(real_site, site):
    courses = real_site.content("teaching/").select("li.lab-course")
    by_number = {c.number: c for c in site.data.courses}
    numbers = [c.select_one(".lab-course-number").get_text() for c in courses]
    assert sorted(numbers) == sorted(by_number)
    seasons = {"winter": 0, "spring": 1, "summer": 2, "fall": 3}
    for li in courses:
        course = by_number[li.select_one(".lab-course-number").get_text()]
        terms = sorted(course.terms, key=lambda t: (t.year, seasons[t.season]), reverse=True)
        assert li.select_one(".lab-course-terms").get_text() == ", ".join(
            f"{t.season.capitalize()} {t.year}" for t in terms
        )
        assert li.select_one(".lab-course-title").get_text() == course.title
    latest = [max((t.year, seasons[t.season]) for t in by_number[n].terms) for n in numbers]
    assert latest == sorted(latest, reverse=True)


def test_projects_page_has_every_project_in_file_order_with_its_description(real_site, site):
    items = real_site.content("projects/").select("li.lab-project")
    assert [item_id(li) for li in items] == [p.id for p in site.data.projects]
    for li, project in zip(items, site.data.projects, strict=True):
        assert li.select_one(".lab-project-name").get_text() == project.name
        assert text_of(li.select_one(".lab-project-description")) == plain(project.description)


def test_cv_page_has_every_award_education_and_experience(real_site, site):
    content = real_site.content("cv/")
    awards = [text_of(li) for li in content.select("li.lab-award")]
    assert sorted(awards) == sorted(f"{a.name}, {a.year}" for a in site.data.awards)
    years = [int(text.rsplit(", ", 1)[1]) for text in awards]
    assert years == sorted(years, reverse=True)
    entries = [text_of(li) for li in content.select("li.lab-cv-entry")]
    expected = [(e.start, e.end, f"{e.degree}, {e.institution}", e.note or "") for e in site.profile.education] + [
        (e.start, e.end, f"{e.role}, {e.organization}", ", ".join(e.mentors)) for e in site.profile.experience
    ]
    assert len(entries) == len(expected)

    def dated(year_month: str) -> str:
        year, month = year_month.split("-")
        return f"{calendar.month_abbr[int(month)]} {year}"

    for text, (start, end, what, detail) in zip(entries, expected, strict=True):
        assert text.startswith(f"{dated(start)} – {dated(end) if end else 'present'} {what}"), text
        assert all(word in text for word in detail.split(", ")), text


def test_home_page_has_profile_bio_interests_note_news_and_selections(real_site, site):
    content = real_site.content("")
    profile = site.profile
    assert content.select_one("h1").get_text() == profile.name
    position = content.select_one(".lab-profile-position").get_text("|").split("|")
    assert position == [profile.title, profile.department, profile.university]
    page = text_of(content)
    assert plain(profile.bio) in page
    if profile.interests:
        assert plain(profile.interests) in page
    note = content.select_one("div.lab-prospective")
    assert (note is not None) == bool(profile.prospective)
    if profile.prospective:
        assert plain(profile.prospective) in text_of(note)
        heading = note.find_previous_sibling("h2")
        assert heading["id"] == "prospective-students"
        link = real_site.content("group/").select_one("a[href$='#prospective-students']")
        assert link is not None and link["href"] == "../#prospective-students"
    if profile.email:
        assert content.select_one("a.lab-email")["data-domain"] == profile.email.split("@")[1]
        assert profile.email not in str(content)
    newest = sorted(site.data.news, key=lambda n: n.date[:4], reverse=True)[:5]
    assert [li.select_one("time")["datetime"] for li in content.select("li.lab-news-item")] == [n.date for n in newest]
    assert [item_id(li) for li in content.select("li.lab-pub")] == profile.selected_publications
    assert [item_id(li) for li in content.select("li.lab-project")] == profile.selected_projects
    assert (content.select_one("img.lab-avatar") is not None) == bool(profile.photo)


# --- the site as a whole ------------------------------------------------------------------------
def test_one_page_per_person_paper_and_project_and_each_in_the_sitemap(real_site, site):
    kinds = {
        "people": list(site.data.people),
        "publications": [p.id for p in site.data.publications],
        "projects": [p.id for p in site.data.projects],
    }
    sitemap = (real_site.site / "sitemap.xml").read_text()
    for folder, ids in kinds.items():
        assert sorted(p.parent.name for p in real_site.site.glob(f"{folder}/*/index.html")) == sorted(ids)
        for item in ids:
            assert f"/{folder}/{item}/</loc>" in sitemap


def test_strict_build_has_no_warning(real_site):
    assert "WARNING" not in real_site.log, real_site.log
