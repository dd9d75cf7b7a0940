"""Link cards: every page has an absolute `og:image` (1200×630, with its size and alt text) and a
large Twitter card, read with open-graph-scraper as link-preview services read it; the image is
there, the size it says; cards are drawn once per text and look."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess

import pytest
from PIL import Image
from sitebuild import FIXTURE_DATA, ROOT, build, copy_project

from labsite.render import cards, docs_pages, outputs
from labsite.site import load_site

SITE_URL = "https://lab.example.org/"


@pytest.fixture(scope="module")
def addressed(tmp_path_factory: pytest.TempPathFactory):
    """The fixture lab built as the deploy builds it (its address known), with an empty card cache."""
    where = tmp_path_factory.mktemp("cards")
    project = copy_project(where / "project", FIXTURE_DATA)
    result = build(project, extra_env={"LABSITE_URL": SITE_URL, "XDG_CACHE_HOME": str(where / "cache")})
    assert result.returncode == 0, result.log
    return result


def _parsed(site) -> dict:
    """open-graph-scraper's reading of every page (the theme's 404 page is no page anyone links)."""
    node = shutil.which("node")
    assert node, "node is needed (scripts/system-deps.sh installs it)"
    pages = [p for p in sorted(site.rglob("*.html")) if p.name != "404.html"]
    done = subprocess.run(
        [node, str(ROOT / "scripts/opengraph.mjs"), *map(str, pages)], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_page_has_a_large_card_whose_image_is_there_at_the_size_it_says(addressed):
    parsed = _parsed(addressed.site)
    assert len(parsed) > 20
    for file, og in parsed.items():
        assert og["success"], file
        (image,) = og["ogImage"]
        assert image["url"].startswith(SITE_URL), file
        assert (image["width"], image["height"], image["type"]) == ("1200", "630", "image/png"), file
        assert image["alt"] == og["ogTitle"] and og["ogTitle"].strip(), file
        assert og["twitterCard"] == "summary_large_image", file
        png = addressed.site / image["url"].removeprefix(SITE_URL)
        with Image.open(png) as drawn:
            assert (drawn.format, drawn.size) == ("PNG", (cards.WIDTH, cards.HEIGHT)), file


def test_a_paper_s_card_shows_its_title_venue_year_and_the_group_s_authors():
    site = load_site(FIXTURE_DATA.parent)
    card = cards.paper_card(site, site.publication("fixture-one"))
    assert card == cards.Card("Quill Lab", "Widgets: A Study of Imaginary Things", ("FOO 2023", "Bo Tern, Ada Quill"))
    thesis = cards.paper_card(site, site.publication("fixture-five"))
    assert thesis.lines == ("2021", "Ada Quill")


def test_without_the_site_s_address_no_page_claims_an_image(fixture_site):
    page = fixture_site.page("publications/fixture-one/")
    assert page.select('meta[property="og:image"]') == []
    assert page.select_one('meta[name="twitter:card"]')["content"] == "summary"
    assert not (fixture_site.site / "cards").exists()


def test_cards_are_drawn_once_per_text_and_again_only_when_it_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    project = copy_project(tmp_path / "project", FIXTURE_DATA)
    drawn = []
    real_draw = cards.draw
    monkeypatch.setattr(cards, "draw", lambda card, look=cards.LOOK: drawn.append(card) or real_draw(card, look))

    def made():
        site = load_site(project)
        found = outputs.files(site, outputs.Address(SITE_URL), docs_pages.main_pages(project, site))
        return {f.path: f.content for f in found if f.path.startswith("cards/")}

    first = made()
    assert len(drawn) == len(first) > 10
    drawn.clear()
    assert made() == first and drawn == []  # read back from the cache, byte for byte
    pubs = project / "data/publications.yml"
    pubs.write_text(pubs.read_text().replace("Gadgets at Scale", "Gadgets at Any Scale"))
    again = made()
    assert [card.title for card in drawn] == ["Gadgets at Any Scale"]
    changed = [path for path in again if again[path] != first.get(path)]
    assert changed == ["cards/publications/fixture-two/card.png"]


def test_the_card_s_colours_are_the_stylesheet_s():
    css = (ROOT / "docs/stylesheets/lab.css").read_text()
    root = css[css.index(":root {") : css.index("}")]
    colour = dict(re.findall(r"(--md-[a-z-]+):\s*(#[0-9a-f]{6})", root))
    assert colour["--md-primary-fg-color"] == cards.LOOK.primary
    assert colour["--md-primary-fg-color--dark"] == cards.LOOK.primary_dark
    assert colour["--md-accent-fg-color"] == cards.LOOK.accent


def test_a_long_title_is_cut_with_an_ellipsis_and_the_card_is_a_png_of_the_right_size():
    card = cards.Card("Lab", " ".join(["Unreasonably"] * 60), ("X 2020",))
    with Image.open(io.BytesIO(cards.draw(card))) as image:
        assert image.size == (1200, 630)
    lines = cards._wrapped(card.title, cards._font(64), 1056, 4)
    assert len(lines) == 4 and lines[-1].endswith("…")
