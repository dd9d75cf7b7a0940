"""A pull request is untrusted input: each hostile case is refused by `labsite check` and by the build,
naming the file (and the line where there is one) with a hint, never with a traceback, and nothing of
it is published."""

from __future__ import annotations

import errno
import os
import random
import time
from pathlib import Path

import pytest
from PIL import Image
from sitebuild import build, check

from labsite.check import load_checked
from labsite.commands import report
from labsite.errors import DataError, DataErrors
from labsite.models.people import Person
from labsite.read import yamlfile

PERSON = "data/people/bo-tern.yml"
LINK_HINT = "links are not allowed in the repository's data and pages (hint: replace the link by the file itself)"
ALIAS = "YAML anchors and aliases are not allowed (hint: write each value out in full instead of '&name' and '*name')"

PERSON_FIELDS = ", ".join(Person.model_fields)
"""The fields a person's file may hold, as the hint lists them."""


def problems(project: Path) -> list[str]:
    with pytest.raises(DataErrors) as raised:
        load_checked(project)
    return [str(e) for e in raised.value.errors]


def refused_everywhere(project: Path, expected: list[str], strict_builds: tuple[bool, ...] = (True, False)) -> None:
    """The check prints exactly `expected`; each build stops with the same lines and writes no site."""
    done = check(project)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stdout.splitlines() == expected
    for strict in strict_builds:
        built = build(project, strict=strict)
        assert built.returncode == 1, built.log
        assert "Traceback" not in built.log
        for line in expected:
            assert line in built.log.splitlines() or f"  {line}" in built.log.splitlines(), built.log
        assert not built.site.exists() or not any(built.site.rglob("*"))


def append(project: Path, relpath: str, text: str) -> int:
    """Add lines to a data file; return the line number of the first one added."""
    path = project / relpath
    before = path.read_text()
    path.write_text(before + text)
    return len(before.splitlines()) + 1


def photo_folder(project: Path) -> Path:
    folder = project / "docs/images/people"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# 1. Symbolic links anywhere under data/ or docs/


def test_a_photo_linked_to_a_file_outside_the_repository_is_refused_and_not_published(fixture_project):
    secret = fixture_project.parent / "environment.txt"
    secret.write_text("SECRET_TOKEN=abc123")
    os.symlink(secret, photo_folder(fixture_project) / "bo-tern.jpg")
    append(fixture_project, PERSON, "photo: images/people/bo-tern.jpg\n")
    refused_everywhere(
        fixture_project, [f"docs/images/people/bo-tern.jpg: a symbolic link (to {str(secret)!r}): {LINK_HINT}"]
    )


def test_a_linked_folder_under_docs_is_refused(fixture_project):
    outside = fixture_project.parent / "outside"
    outside.mkdir()
    (outside / "private.html").write_text("private")
    os.symlink(outside, fixture_project / "docs/shared")
    refused_everywhere(fixture_project, [f"docs/shared: a symbolic link (to {str(outside)!r}): {LINK_HINT}"])


def test_a_data_file_linked_to_another_file_of_the_repository_is_refused_unread(fixture_project):
    person = fixture_project / PERSON
    person.unlink()
    os.symlink("../../mkdocs.yml", person)
    refused_everywhere(
        fixture_project, [f"{PERSON}: a symbolic link (to '../../mkdocs.yml'): {LINK_HINT}"], strict_builds=(False,)
    )


def test_a_linked_data_folder_is_refused(fixture_project):
    real = fixture_project.parent / "real-data"
    (fixture_project / "data").rename(real)
    os.symlink(real, fixture_project / "data")
    refused_everywhere(
        fixture_project, [f"data: a symbolic link (to {str(real)!r}): {LINK_HINT}"], strict_builds=(False,)
    )


def test_a_symlink_loop_and_a_dangling_link_are_clear_errors(fixture_project):
    os.symlink("loop", fixture_project / "docs/loop")
    os.symlink("nobody.yml", fixture_project / "data/people/ghost.yml")
    refused_everywhere(
        fixture_project,
        [
            f"data/people/ghost.yml: a symbolic link to 'nobody.yml', which does not exist: {LINK_HINT}",
            f"docs/loop: a symbolic link that loops (to 'loop'): {LINK_HINT}",
        ],
    )


# 2. The photo folder holds only real raster images, light in bytes and in pixels


def _svg(path: Path) -> None:
    path.write_text("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(document.cookie)</script></svg>")


def _png_named_jpg(path: Path) -> None:
    Image.new("RGB", (10, 10), "red").save(path, "PNG")


def _truncated_jpeg(path: Path) -> None:
    Image.frombytes("RGB", (200, 200), random.Random(1).randbytes(200 * 200 * 3)).save(path, "JPEG")
    path.write_bytes(path.read_bytes()[:400])


def _huge_png(path: Path) -> None:
    Image.new("1", (12000, 12000)).save(path, "PNG")  # 144 megapixels in a few KB


BAD_PHOTOS = {
    "evil.svg": (
        _svg,
        "expected a JPEG, PNG or WebP photo (.jpg, .jpeg, .png, .webp) — got '.svg'"
        " (hint: only photos belong in docs/images/people/: remove this file or convert it)",
    ),
    "page.html": (
        lambda p: p.write_text("<script>alert(1)</script>"),
        "expected a JPEG, PNG or WebP photo (.jpg, .jpeg, .png, .webp) — got '.html'"
        " (hint: only photos belong in docs/images/people/: remove this file or convert it)",
    ),
    "run.js": (
        lambda p: p.write_text("alert(1)"),
        "expected a JPEG, PNG or WebP photo (.jpg, .jpeg, .png, .webp) — got '.js'"
        " (hint: only photos belong in docs/images/people/: remove this file or convert it)",
    ),
    "me.jpg": (
        _png_named_jpg,
        "expected a JPEG image, as its extension says — it is PNG (hint: give it the extension of its format,"
        " or convert it: python -m labsite photo docs/images/people/me.jpg)",
    ),
    "me.png": (
        lambda p: p.write_text("<html>not a picture</html>"),
        "expected a PNG image — the file is not an image (hint: export the photo again as JPEG, PNG or WebP)",
    ),
    "cut.jpg": (
        _truncated_jpeg,
        "expected a JPEG image — the file does not decode as one (Truncated File Read)"
        " (hint: export the photo again as JPEG, PNG or WebP)",
    ),
    "huge.png": (
        _huge_png,
        "expected at most 50 megapixels (e.g. 8000×6000) — got 12000×12000"
        " (hint: shrink it: python -m labsite photo docs/images/people/huge.png)",
    ),
}


@pytest.mark.parametrize("name", BAD_PHOTOS)
def test_a_file_in_the_photo_folder_that_is_not_a_real_light_photo_is_refused(fixture_project, name):
    """Even when no person names it: MkDocs publishes every file under docs/."""
    make, message = BAD_PHOTOS[name]
    make(photo_folder(fixture_project) / name)
    refused_everywhere(fixture_project, [f"docs/images/people/{name}: {message}"], strict_builds=(False,))


def test_a_huge_png_is_refused_before_it_is_decoded(fixture_project):
    _huge_png(photo_folder(fixture_project) / "huge.png")
    started = time.perf_counter()
    assert len(problems(fixture_project)) == 1
    assert time.perf_counter() - started < 1.0  # decoding 144 megapixels would take seconds and 400 MB


def test_real_photos_of_each_type_are_accepted_and_only_those_a_file_names_are_published_as_derived_images(
    fixture_project,
):
    folder = photo_folder(fixture_project)
    for name, kind in (("a.jpg", "JPEG"), ("b.jpeg", "JPEG"), ("c.png", "PNG"), ("d.webp", "WEBP")):
        Image.new("RGB", (64, 64), "green").save(folder / name, kind)
    (folder / ".gitkeep").write_text("")
    load_checked(fixture_project)
    built = build(fixture_project)
    assert built.returncode == 0, built.log
    assert not (built.site / "images/people").exists()  # no file names them: nothing is published
    append(fixture_project, "data/people/eve-nox.yml", "photo: images/people/c.png\n")
    built = build(fixture_project)
    assert built.returncode == 0, built.log
    assert sorted(p.name for p in (built.site / "images/people").iterdir()) == ["c-png-256.webp", "c-png-512.webp"]


def test_a_referenced_photo_outside_the_photo_folder_is_checked_on_its_line(fixture_project):
    (fixture_project / "docs/images/ada.png").write_text("<svg onload=alert(1)>")
    line = append(fixture_project, "data/profile.yml", "photo: images/ada.png\n")
    refused_everywhere(
        fixture_project,
        [
            f"data/profile.yml:{line}: field 'photo': expected a PNG image — the file is not an image"
            " (hint: export the photo again as JPEG, PNG or WebP)"
        ],
        strict_builds=(False,),
    )


# 4. YAML aliases: refused before they are expanded; no message formats a huge value


def billion_laughs() -> str:
    levels = ["&a0 [" + ", ".join(["lol"] * 9) + "]"]
    levels += [f"&a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
    return "[" + ", ".join(levels) + "]"


def test_a_billion_laughs_value_is_refused_in_well_under_a_second(fixture_project):
    line = append(fixture_project, PERSON, f"bio: {billion_laughs()}\n")
    started = time.perf_counter()
    found = problems(fixture_project)
    assert time.perf_counter() - started < 1.0  # expanded, it is 10⁹ strings: minutes and gigabytes
    assert found == [f"{PERSON}:{line}: {ALIAS}"]
    refused_everywhere(fixture_project, [f"{PERSON}:{line}: {ALIAS}"])


def test_an_alias_is_reported_on_its_own_line(fixture_project):
    first = append(fixture_project, PERSON, "interests: &same [Compilers]\nnow: x\naliases: *same\n")
    assert problems(fixture_project) == [f"{PERSON}:{first + 2}: {ALIAS}"]


def test_a_huge_wrong_value_is_cut_short_in_the_message(fixture_project):
    line = append(fixture_project, PERSON, f"photo: '<script>{'y' * 10_000}'\n")
    [message] = problems(fixture_project)
    assert message.startswith(f"{PERSON}:{line}: field 'photo': expected a path inside docs/, like ")
    assert message.endswith(" — got '<script>" + "y" * 48 + "...")
    assert len(message) < 200


def test_a_file_nested_too_deeply_is_refused_without_a_recursion_error(fixture_project):
    line = append(fixture_project, PERSON, "bio: " + "[" * 500 + "]" * 500 + "\n")
    refused_everywhere(
        fixture_project,
        [f"{PERSON}:{line}: nested more than {yamlfile.MAX_DEPTH} levels deep (hint: flatten the structure)"],
        strict_builds=(False,),
    )


# 5. Size limits on text fields and data files


@pytest.mark.parametrize(
    ("relpath", "text", "field", "limit", "size"),
    [
        (PERSON, "bio: {}\n", "bio", 5000, 5001),
        (PERSON, "aliases: [{}]\n", "aliases[0]", 100, 101),
        ("data/news.yml", '  - date: "2020"\n    text: {}\n', "news[3].text", 2000, 2001),
    ],
)
def test_a_text_over_its_limit_is_refused_with_the_limit_and_its_size(
    fixture_project, relpath, text, field, limit, size
):
    line = append(fixture_project, relpath, text.format("x" * size))
    line += text.count("\n") - 1
    refused_everywhere(
        fixture_project,
        [f"{relpath}:{line}: field '{field}': expected at most {limit:,} characters — got {size:,} (hint: shorten it)"],
        strict_builds=(False,),
    )


def test_a_title_over_300_characters_is_refused(fixture_project):
    path = fixture_project / "data/publications.yml"
    lines = path.read_text().splitlines()
    n = next(n for n, text in enumerate(lines) if text.strip().startswith("title:"))
    lines[n] = lines[n].split("title:")[0] + "title: " + "T" * 301
    path.write_text("\n".join(lines) + "\n")
    refused_everywhere(
        fixture_project,
        [
            f"data/publications.yml:{n + 1}: field 'publications[0].title': expected at most 300 characters — got 301"
            " (hint: shorten it)"
        ],
        strict_builds=(False,),
    )


def test_a_data_file_over_its_size_limit_is_refused_before_it_is_read(fixture_project):
    append(fixture_project, PERSON, "# " + "x" * 60_000 + "\n")
    refused_everywhere(
        fixture_project,
        [f"{PERSON}: the file is too large: 60 KB, at most 50 KB allowed (hint: shorten the long texts in it)"],
        strict_builds=(False,),
    )
    append(fixture_project, "data/publications.yml", "# " + "x" * 2_100_000 + "\n")
    assert (
        "data/publications.yml: the file is too large: 2.1 MB, at most 2.0 MB allowed"
        " (hint: shorten the long texts in it)" in problems(fixture_project)
    )


# 7. Never a traceback; no workflow command injected through a file name or a key


def test_a_folder_named_like_a_person_file_is_a_clear_error(fixture_project):
    (fixture_project / "data/people/x.yml").mkdir()
    refused_everywhere(
        fixture_project,
        ["data/people/x.yml: a folder where a data file is expected (hint: rename or remove the folder)"],
    )


def test_an_unreadable_file_is_a_clear_error(fixture_project, monkeypatch):
    """Tests may run as root, who reads any file: the refusal of the system is simulated."""
    real_open = os.open

    def refusing_open(path, flags, *args, **kwargs):
        if str(path).endswith("bo-tern.yml"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(yamlfile.os, "open", refusing_open)
    assert problems(fixture_project) == [
        f"{PERSON}: the file cannot be read (permission denied) (hint: make it readable: chmod a+r)"
    ]


def test_a_hostile_file_name_cannot_inject_workflow_commands(fixture_project, tmp_path):
    name = "x\n::error file=evil.yml::pwned %0A,:.yml"
    (fixture_project / "data/people" / name).write_text("name: X\n")
    (fixture_project / "data/people/![i](https:x.org)<b>.yml").write_text("name: Y\n")
    line = append(fixture_project, PERSON, '"a\\n::warning::b": 1\n')
    summary = tmp_path / "summary.md"
    done = check(fixture_project, extra_env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert done.returncode == 1
    rows = summary.read_text().splitlines()
    assert rows[4:] == [
        "| data/people/\\!\\[i](https:x.org)&lt;b&gt;.yml |  |  | a person's file must be named &lt;id&gt;.yml"
        " (hint: use lowercase letters, digits and hyphens, e.g. jane-doe.yml) |",
        f"| {PERSON} | {line} | a\\n::warning::b | unknown field (hint: allowed fields: {PERSON_FIELDS}) |",
        "| data/people/x\\n::error file=evil.yml::pwned %0A,:.yml |  |  | a person's file must be named &lt;id&gt;.yml"
        " (hint: use lowercase letters, digits and hyphens, e.g. jane-doe.yml) |",
    ]
    hint = "use lowercase letters, digits and hyphens, e.g. jane-doe.yml"
    assert done.stdout.splitlines() == [
        f"data/people/![i](https:x.org)<b>.yml: a person's file must be named <id>.yml (hint: {hint})",
        f"::error file=data/people/![i](https%3Ax.org)<b>.yml,title=Invalid data::a person's file must be named"
        f" <id>.yml (hint: {hint})",
        f"{PERSON}:{line}: field 'a\\n::warning::b': unknown field (hint: allowed fields: {PERSON_FIELDS})",
        f"::error file={PERSON},line={line},title=Invalid field 'a\\n%3A%3Awarning%3A%3Ab'::"
        "field 'a\\n::warning::b': unknown field (hint: allowed fields: "
        f"{PERSON_FIELDS})",
        "data/people/x\\n::error file=evil.yml::pwned %0A,:.yml: a person's file must be named <id>.yml"
        f" (hint: {hint})",
        "::error file=data/people/x\\n%3A%3Aerror file=evil.yml%3A%3Apwned %250A%2C%3A.yml,title=Invalid data::"
        f"a person's file must be named <id>.yml (hint: {hint})",
    ]


def test_annotations_escape_messages_and_properties_as_github_documents():
    """GitHub's own escapes (%25, %2C, %3A), after control characters are written as `\\r`, `\\n`:
    an annotation shows a line break inside a value as the plain output does, never as a break."""
    problem = DataError("data/a,b:c%.yml", 3, "x:y", "one\r\n::error::two 100%", "")
    assert report.annotation(problem) == (
        "::error file=data/a%2Cb%3Ac%25.yml,line=3,title=Invalid field 'x%3Ay'::"
        "field 'x:y': one\\r\\n::error::two 100%25"
    )


# 9. Messages that said the wrong thing


def test_a_tab_gets_the_tab_hint_on_its_line(fixture_project):
    line = append(fixture_project, PERSON, "links:\n\t- {label: Site, url: 'https://example.org'}\n") + 1
    refused_everywhere(
        fixture_project,
        [
            f"{PERSON}:{line}: YAML syntax error: a tab character; YAML indents with spaces only"
            " (hint: indent with spaces, not tabs)"
        ],
        strict_builds=(False,),
    )


def test_a_recursive_alias_is_told_aliases_are_not_allowed(fixture_project):
    line = append(fixture_project, PERSON, "aliases: &me [*me]\n")
    refused_everywhere(fixture_project, [f"{PERSON}:{line}: {ALIAS}"], strict_builds=(False,))


def test_an_unclosed_quote_is_reported_where_it_opens(fixture_project):
    path = fixture_project / PERSON
    path.write_text(path.read_text().replace("name: Bo Tern", 'name: "Bo Tern') + "now: a\nbio: b\ninterests: [c]\n")
    refused_everywhere(
        fixture_project,
        [
            f"{PERSON}:2: YAML syntax error: the quoted value starting on this line is never closed"
            " (hint: add the closing quote at the end of the value)"
        ],
        strict_builds=(False,),
    )


def test_end_before_start_is_reported_on_the_end_line(fixture_project):
    line = append(fixture_project, PERSON, "end: 2020\n")
    refused_everywhere(
        fixture_project,
        [f"{PERSON}:{line}: field 'end': expected 'end' (2020) not before 'start' (2022)"],
        strict_builds=(False,),
    )


@pytest.mark.parametrize(
    ("relpath", "key", "hint"),
    [
        (PERSON, "position", "did you mean 'degree' or 'now'?"),
        ("data/profile.yml", "position", "did you mean 'title'?"),
        (PERSON, "website", "did you mean 'links'?"),
        (PERSON, "intrests", "did you mean 'interests'?"),
        (PERSON, "emial", "did you mean 'email'?"),
    ],
)
def test_an_unknown_key_gets_a_synonym_or_a_close_spelling(fixture_project, relpath, key, hint):
    line = append(fixture_project, relpath, f"{key}: x\n")
    assert problems(fixture_project) == [f"{relpath}:{line}: field '{key}': unknown field (hint: {hint})"]


def test_an_unknown_key_unlike_any_field_gets_the_list_of_fields(fixture_project):
    line = append(fixture_project, PERSON, "shoe_size: 42\n")
    refused_everywhere(
        fixture_project,
        [f"{PERSON}:{line}: field 'shoe_size': unknown field (hint: allowed fields: {PERSON_FIELDS})"],
        strict_builds=(False,),
    )


def test_a_latin1_file_is_reported_on_the_line_of_its_first_bad_byte(fixture_project):
    path = fixture_project / PERSON
    line = len(path.read_text().splitlines()) + 2
    path.write_bytes(path.read_bytes() + "now: Engineer\nbio: Caf\xe9 au lait\n".encode("latin-1"))
    refused_everywhere(
        fixture_project,
        [f"{PERSON}:{line}: not UTF-8 text (byte 0xE9 on this line) (hint: save the file as UTF-8)"],
        strict_builds=(False,),
    )


def test_an_invisible_control_character_is_reported_on_its_line(fixture_project):
    line = append(fixture_project, PERSON, "now: Engineer\x07 at Nowhere\n")
    refused_everywhere(
        fixture_project,
        [
            f"{PERSON}:{line}: YAML cannot hold the character U+0007 (control characters are not allowed)"
            " (hint: remove the invisible control character on this line)"
        ],
        strict_builds=(False,),
    )


def test_a_huge_unknown_key_is_cut_short_and_answered_at_once(fixture_project):
    line = append(fixture_project, PERSON, f"? {'k' * 45_000}\n: 1\n")
    started = time.perf_counter()
    [message] = problems(fixture_project)
    assert time.perf_counter() - started < 1.0  # a typo distance to each field would take minutes
    assert message.startswith(f"{PERSON}:{line}: field '{'k' * 57}...': unknown field (hint: allowed fields: name,")
