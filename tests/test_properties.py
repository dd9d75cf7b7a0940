"""Property-based: any document in a data file gives a site model or the clear data error, never
another exception; any text in any field comes out escaped."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from sitebuild import FIXTURE_DATA

from labsite.blocks import Blocks
from labsite.errors import DataErrors
from labsite.load import load
from labsite.views import Site

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
scalars = st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.floats(allow_nan=False) | st.text(max_size=30)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
KEYS = [
    "name",
    "aliases",
    "degree",
    "start",
    "end",
    "co_advisors",
    "now",
    "email",
    "links",
    "interests",
    "bio",
    "photo",
]
person_like = st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), documents, max_size=8)
hostile = st.lists(
    st.sampled_from([*"<>&\"'{}%# \n\tab/=", "<script>", "{{ x }}", "{% if %}", "javascript:", "é", "😀"]),
    min_size=1,
    max_size=12,
).map("".join)


def fixture_copy() -> Path:
    tmp = Path(tempfile.mkdtemp())
    shutil.copytree(FIXTURE_DATA, tmp / "data")
    return tmp


def assert_clear_outcome(root: Path) -> None:
    try:
        load(root)
    except DataErrors as problems:
        assert problems.errors
        for error in problems.errors:
            assert error.file.startswith("data/") and error.line >= 0 and error.message


@SETTINGS
@given(document=documents | person_like)
def test_any_yaml_document_as_a_person_file_gives_a_site_or_a_data_error(document):
    root = fixture_copy()
    try:
        (root / "data/people/bo-tern.yml").write_text(yaml.safe_dump(document, allow_unicode=True))
        assert_clear_outcome(root)
    finally:
        shutil.rmtree(root)


@SETTINGS
@given(text=st.text(max_size=200))
def test_any_text_as_publications_file_gives_a_site_or_a_data_error(text):
    root = fixture_copy()
    try:
        (root / "data/publications.yml").write_text(text)
        assert_clear_outcome(root)
    finally:
        shutil.rmtree(root)


@SETTINGS
@given(name=hostile, now=hostile, title=hostile, author=hostile, bio=hostile, award=hostile)
def test_any_text_in_any_field_is_rendered_escaped(name, now, title, author, bio, award):
    root = fixture_copy()
    try:
        person = {"name": name, "degree": "MS", "end": 2020, "now": now, "bio": bio}
        (root / "data/people/eve-nox.yml").write_text(yaml.safe_dump(person, allow_unicode=True))
        pubs = yaml.safe_load((root / "data/publications.yml").read_text())
        pubs["publications"][0].update(title=title, authors=[author, name], awards=[award])
        (root / "data/publications.yml").write_text(yaml.safe_dump(pubs, allow_unicode=True))
        try:
            site = Site(load(root))
        except DataErrors:
            return  # e.g. a value that is blank or several lines where one is expected
        blocks = Blocks(site)
        html = blocks.publication_list() + blocks.alumni_list() + blocks.person_page("eve-nox")
        for value in (site.person("eve-nox").name, site.person("eve-nox").now, site.data.publications[0].title):
            assert str(escape(value)) in html
        assert "<script" not in html and "<iframe" not in html
        assert 'href="javascript:' not in html
    finally:
        shutil.rmtree(root)
