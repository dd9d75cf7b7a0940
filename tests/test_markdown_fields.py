"""The check and the renderer agree on Markdown fields: what the sanitiser would strip (an image, a
`javascript:` link hidden behind character references, a heading) is refused by the check with its
place, and whatever the check accepts is published whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from sitebuild import build, check

from labsite import markdown
from labsite.check import load_checked
from labsite.errors import DataErrors

LINKS = "expected links starting with https://, http://, mailto: or /"


def problems(project: Path) -> list[str]:
    with pytest.raises(DataErrors) as raised:
        load_checked(project)
    return [str(e) for e in raised.value.errors]


def set_bio(project: Path, bio: str) -> int:
    path = project / "data/people/eve-nox.yml"
    path.write_text(path.read_text() + f"bio: {bio!r}\n".replace("\\\\", "\\"), encoding="utf-8")
    return len(path.read_text().splitlines())


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("jav&#97;script:alert(1)", "javascript:alert(1)"),
        ("&#x6A;avascript:alert(1)", "javascript:alert(1)"),
        ("javascript&colon;alert(1)", "javascript:alert(1)"),
        ("java&Tab;script:alert(1)", "java\tscript:alert(1)"),
        ("&#100;ata:text/html,x", "data:text/html,x"),
    ],
)
def test_an_entity_encoded_link_is_refused_as_the_browser_would_read_it(fixture_project, written, read):
    line = set_bio(fixture_project, f"See [this]({written}).")
    assert problems(fixture_project) == [
        f"data/people/eve-nox.yml:{line}: field 'bio': {LINKS} — got {written!r}, which a browser reads as {read!r}"
        " (hint: character references like &#97; or &colon; are read as letters)"
    ]


def test_an_image_in_a_bio_is_refused_with_a_hint(fixture_project):
    line = set_bio(fixture_project, "Me: ![me](https://example.org/me.png)")
    assert problems(fixture_project) == [
        f"data/people/eve-nox.yml:{line}: field 'bio': an image of 'https://example.org/me.png' is not shown in"
        " a text field (hint: text fields show no images: link to it instead, [what it shows](https://…))"
    ]


@pytest.mark.parametrize(
    ("text", "what"),
    [("# About me\n\nHi.", "a heading"), ("Hi.\n\n---\n\nBye.", "a horizontal rule"), ("About\n===\n", "a heading")],
)
def test_markup_the_sanitiser_would_strip_is_refused(fixture_project, text, what):
    path = fixture_project / "data/news.yml"
    path.write_text(
        path.read_text() + '  - date: "2020"\n    text: |\n' + "".join(f"      {x}\n" for x in text.split("\n"))
    )
    found = problems(fixture_project)
    assert len(found) == 1 and f"field 'news[3].text': {what} is not shown in a text field" in found[0], found


def test_every_markdown_field_is_checked_including_course_descriptions(fixture_project):
    path = fixture_project / "data/teaching.yml"
    path.write_text(path.read_text() + '    description: "[x](javascript:alert(1))"\n')
    line = len(path.read_text().splitlines())
    assert problems(fixture_project) == [
        f"data/teaching.yml:{line}: field 'courses[1].description': {LINKS} — got 'javascript:alert(1)'"
    ]


def test_an_e_mail_autolink_is_accepted_and_published(fixture_project):
    set_bio(fixture_project, "Write to <eve@example.org>.")
    load_checked(fixture_project)  # no DataErrors: Markdown encodes the address as character references
    assert 'href="mailto:eve@example.org"' in str(markdown.render("Write to <eve@example.org>."))


def test_a_refused_image_stops_the_check_and_the_build(fixture_project):
    line = set_bio(fixture_project, "![x](https://example.org/x.png) and [y](jav&#97;script:alert(1))")
    done = check(fixture_project)
    assert done.returncode == 1
    assert done.stdout.count(f"data/people/eve-nox.yml:{line}: field 'bio'") == 2
    assert "Traceback" not in done.stdout + done.stderr
    result = build(fixture_project)
    assert result.returncode == 1 and "an image of 'https://example.org/x.png'" in result.log
    assert not (result.site / "index.html").exists()


BITS = ["\n\n", "\n", "- ", "1. ", "# ", "---", "***", "===", "**", "_", "`", "    ", "> ", "[a](", "](", ")", "![i](",
        "<", ">", "https://x.org", "mailto:a@b.org", "a@b.org", "javascript:alert(1)", "&#106;", "&#x6A;", "&colon;",
        "&Tab;", "&amp;", "&", "#", ";", "/", ":", "data:", "[r]: ", "[r]", "x", " ", "'", '"']  # fmt: skip


def _structure(html: str) -> list[tuple[str, str | None]]:
    """Each element and its link target, as a browser parses them."""
    return [(tag.name, tag.get("href")) for tag in BeautifulSoup(html, "html.parser").find_all(True)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(BITS), max_size=14).map("".join))
def test_what_the_check_accepts_the_renderer_keeps_whole(text):
    if markdown.refused(text):
        return
    raw, _ = markdown._convert(text)
    assert _structure(str(markdown.render(text))) == _structure(raw)
