"""Swapping data/ gives another lab's site: the fixture lab builds completely, with none of the real group in it."""

from __future__ import annotations

from sitebuild import FIXTURE_DATA, REAL_ROOT

from labsite.site import load_site


def test_fixture_lab_builds_every_page_from_its_own_data(fixture_site):
    site = load_site(FIXTURE_DATA.parent)
    assert fixture_site.content("").select_one("h1").get_text() == site.profile.name
    assert len(fixture_site.content("publications/").select("li.lab-pub")) == len(site.data.publications)
    for person_id in site.data.people:
        assert (fixture_site.site / "people" / person_id / "index.html").exists()
    for pub in site.data.publications:
        assert (fixture_site.site / "publications" / pub.id / "index.html").exists()
    for project in site.projects:
        assert (fixture_site.site / "projects" / project.id / "index.html").exists()


def test_fixture_lab_site_contains_no_name_from_the_real_group(fixture_site):
    real = load_site(REAL_ROOT)
    names = {real.profile.name, real.profile.university, *(p.name for p in real.data.people.values())}
    for html in fixture_site.site.rglob("*.html"):
        text = html.read_text()
        for name in names:
            assert name not in text, (name, html)


def test_site_name_and_description_come_from_data(fixture_site):
    site = load_site(FIXTURE_DATA.parent)
    head = fixture_site.page("news/")
    assert head.title.get_text().endswith(site.settings.title)
    home = fixture_site.page("")
    assert home.select_one('meta[name="description"]')["content"] == site.settings.description


def test_links_show_only_when_present(fixture_site):
    site = load_site(FIXTURE_DATA.parent)
    content = fixture_site.content("publications/")
    for pub in site.data.publications:
        labels = [a.get_text() for a in content.select(f"li#pub-{pub.id} a.lab-link")]
        present = [k for k, v in pub.links.model_dump().items() if v]
        assert len(labels) == len(present) + (1 if pub.doi else 0) + 1  # + BibTeX
        for a in content.select(f"li#pub-{pub.id} a.lab-link"):
            assert a["href"], a


def test_person_page_has_edit_link_to_their_file(fixture_site):
    content = fixture_site.content("people/bo-tern/")
    edit = content.select_one(".lab-edit a")
    assert edit["href"] == "https://github.com/example/lab/edit/main/data/people/bo-tern.yml"


def test_missing_photo_gives_an_initials_avatar_not_a_broken_image(fixture_site):
    card = fixture_site.content("group/").select_one("li#person-bo-tern")
    assert card.select_one("img") is None
    assert card.select_one("svg.lab-avatar text").get_text() == "BT"
