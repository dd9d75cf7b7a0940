"""Property-based: any content in a data file gives a site model or clear data errors, never another
exception; any text in any field comes out escaped, and Markdown fields never carry script."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from hypothesis import event, example, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from sitebuild import FIXTURE_DATA

from labsite import characters as hidden
from labsite.check import load_checked
from labsite.derive.views import Site
from labsite.errors import DataErrors
from labsite.models.common import NAME_MAX
from labsite.models.people import Person
from labsite.models.publications import Publication
from labsite.names import name_key
from labsite.render.blocks import Blocks

SETTINGS = settings(max_examples=150, deadline=None)
RENDER_SETTINGS = settings(max_examples=100, deadline=None)  # each example loads and renders a whole site

# --- arbitrary documents -------------------------------------------------------------------------
scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)


def mappings(keys: list[str], values: st.SearchStrategy) -> st.SearchStrategy:
    """Dicts whose keys are mostly the model's own, so documents get past the first check."""
    return st.dictionaries(st.sampled_from(keys) | st.text(max_size=8), values, max_size=8)


documents = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | mappings(list(Publication.model_fields), inner), max_leaves=16
)
person_documents = mappings(list(Person.model_fields), documents)
publication_documents = st.fixed_dictionaries(
    {"publications": st.lists(documents, max_size=3)}
) | st.fixed_dictionaries(
    {"publications": st.lists(mappings(list(Publication.model_fields), documents), min_size=1, max_size=3)}
)
# Text that is YAML-ish without being a dumped document: anchors, merge keys, tags, complex keys, tabs…
YAML_BITS = ["name: ", "degree: PhD", "- ", "  ", ": ", "\n", "\t", "{", "}", "[", "]", ",", "&a ", "*a", "<<: ", "? ",
             "!!python/object:os.system ", "!!binary ", "!!set ", "!!omap ", "!!int ", "!!seq ", "!!map ", "!foo ",
             "---\n", "...\n", "%YAML 1.1\n", '"', "'", "#", "|\n", ">-\n", "\\", "\ufeff", "\x00", "2024-05-01",
             "1e400", "0x1F", ".nan", "~"]  # fmt: skip
yaml_ish = st.lists(st.sampled_from(YAML_BITS) | st.text(max_size=5), max_size=25).map("".join)


def dumped(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return strategy.map(lambda doc: yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))


# A valid file with one field replaced by anything: often still valid, so odd values reach the views too.
VALID_PERSON = {"name": "Bo Tern", "degree": "PhD", "start": 2022, "co_advisors": ["Cy Press"]}
plausible = st.text(max_size=12) | st.integers(1890, 2110) | st.lists(st.text(max_size=9), max_size=3) | documents
VALID_PAPERS = yaml.safe_load((FIXTURE_DATA / "publications.yml").read_text())["publications"]
one_field_changed_person = st.builds(
    lambda key, value: {**VALID_PERSON, key: value}, st.sampled_from(list(Person.model_fields)), plausible
)
one_field_changed_papers = st.builds(
    lambda n, key, value: {"publications": [{**p, key: value} if i == n else p for i, p in enumerate(VALID_PAPERS)]},
    st.integers(0, len(VALID_PAPERS) - 1),
    st.sampled_from(list(Publication.model_fields)),
    plausible,
)
person_files = dumped(one_field_changed_person) | dumped(person_documents | documents) | yaml_ish | st.text()
publication_files = dumped(one_field_changed_papers) | dumped(publication_documents | documents) | yaml_ish | st.text()


@contextmanager
def fixture_copy() -> Iterator[Path]:
    """A fresh copy of the fixture lab's data per example (pytest's tmp_path is per test, not per example)."""
    root = Path(tempfile.mkdtemp(prefix="labsite-prop-"))
    try:
        shutil.copytree(FIXTURE_DATA, root / "data")
        yield root
    finally:
        shutil.rmtree(root)


def assert_site_or_clear_data_errors(root: Path) -> None:
    try:
        Site(load_checked(root)).warnings  # noqa: B018  (the check command computes warnings too)
        event("a site")
    except DataErrors as problems:
        event("data errors")
        assert problems.errors
        for error in problems.errors:
            assert error.file.startswith("data/"), error
            assert isinstance(error.line, int) and error.line >= 0, error
            assert error.message.strip(), error


@SETTINGS
@given(content=person_files | st.binary(max_size=60))
@example(content="!!set 0")  # found by Hypothesis: an explicit tag that does not fit its value crashed the loader
@example(content="name: !!int abc\ndegree: !!seq x\nstart: &y !!bool q\nend: *y\n")
def test_any_content_as_a_person_file_gives_a_site_or_data_errors(content):
    with fixture_copy() as root:
        path = root / "data/people/bo-tern.yml"
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
        assert_site_or_clear_data_errors(root)


@SETTINGS
@given(content=publication_files)
def test_any_content_as_the_publications_file_gives_a_site_or_data_errors(content):
    with fixture_copy() as root:
        (root / "data/publications.yml").write_text(content, encoding="utf-8")
        assert_site_or_clear_data_errors(root)


# --- arbitrary text in valid files ---------------------------------------------------------------
HOSTILE = ["<script>alert(1)</script>", "<SCRIPT>", "</li>", '"', "'", "&", "&amp;", "{{ 7*7 }}", "{% raw %}", "{#",
           "javascript:alert(1)", "<iframe src=x>", "<img src=x onerror=alert(1)>", "é", "😀", "\u00a0", "*", "_", "`",
           "[x](y)", "# ", "> ", "-->", "<!--", "${x}", "\\", ".", ",", "(", ")"]  # fmt: skip
# Any printable character; what a one-line field refuses (line breaks, tabs, direction controls,
# non-characters: `labsite.characters`) is left out, since these texts are all meant to be valid.
characters = st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"))
one_line = (
    st.lists(st.sampled_from(HOSTILE) | st.text(characters, min_size=1, max_size=6), min_size=1, max_size=6)
    .map("".join)
    .filter(lambda s: s.strip() and len(s.strip()) <= NAME_MAX and not hidden.found(hidden.NOT_IN_ONE_LINE, s))
)
MARKDOWN_BITS = ["\n\n", "\n", "- ", "1. ", "**", "_", "`", "    ", "> ", "[a](", "](", ")", "https://x.org",
                 "javascript:alert(1)", "JaVaScRiPt:x", "java\tscript:x", "data:text/html,x", "<javascript:x>",
                 "[r]: javascript:x\n\n[r]", "![i](javascript:x)", "<script>alert(1)</script>", "<iframe src=x>",
                 '<a href="javascript:x">', "<img src=x onerror=y>", "&#106;avascript:", "<!-- -->",
                 "{{ x }}"]  # fmt: skip
TAKEN = {name_key(n) for n in ("Bo Tern", "Dee Lux", "Delia Lux", "Ada Quill")}
"""The fixture's other people: a name or alias equal to one of theirs is refused (one person, one name)."""
markdown = st.lists(st.sampled_from(MARKDOWN_BITS) | one_line, min_size=1, max_size=8).map("".join)


def blocks_html(root: Path) -> tuple[Site, str]:
    site = Site(load_checked(root))
    blocks = Blocks(site)
    pub_id = site.data.publications[0].id
    html = (
        blocks.people_list()
        + blocks.person_page("eve-nox")
        + blocks.publication_list()
        + blocks.publication_page(pub_id)
    )
    return site, html


def assert_no_script(html: str) -> None:
    assert "<script" not in html.lower() and "<iframe" not in html.lower()
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        assert tag.name not in ("script", "iframe", "object", "embed"), tag
        assert not any(attr.lower().startswith("on") for attr in tag.attrs), tag
        for attr in ("href", "src"):
            target = "".join(str(tag.get(attr, "")).split()).lower()
            assert not target.startswith(("javascript:", "data:", "vbscript:")), tag


@RENDER_SETTINGS
@given(
    name=one_line.filter(lambda s: name_key(s) not in TAKEN),
    alias=one_line.filter(lambda s: name_key(s) not in TAKEN),
    co_advisor=one_line,
    now=one_line,
    interest=one_line,
    label=one_line,
    title=one_line,
    author=one_line,
    presentation=one_line,
    award=one_line,
    note=one_line,
    track=one_line,
    location=one_line,
)
def test_any_text_in_any_text_field_is_rendered_escaped(
    name, alias, co_advisor, now, interest, label, title, author, presentation, award, note, track, location
):
    with fixture_copy() as root:
        person = {
            "name": name,
            "aliases": [alias],
            "degree": "MS",
            "co_advisors": [co_advisor],
            "now": now,
            "links": [{"label": label, "url": "https://example.org/"}],
            "interests": [interest],
        }
        (root / "data/people/eve-nox.yml").write_text(yaml.safe_dump(person, allow_unicode=True), encoding="utf-8")
        pubs_file = root / "data/publications.yml"
        pubs = yaml.safe_load(pubs_file.read_text())
        pubs["publications"][0].update(
            title=title, authors=[author, name], presentation=presentation, awards=[award], note=note, track=track
        )
        pubs["publications"][0].update(location=location)
        pubs_file.write_text(yaml.safe_dump(pubs, allow_unicode=True), encoding="utf-8")

        site, html = blocks_html(root)  # one-line texts are all valid: no DataErrors expected
        me, pub = site.person("eve-nox"), site.data.publications[0]
        shown = [me.name, *me.co_advisors, me.now, *me.interests, me.links[0].label]
        shown += [pub.title, *pub.authors, pub.presentation, *pub.awards, pub.note, pub.track, pub.location]
        for value in shown:
            assert str(escape(value)) in html, value
        assert_no_script(html)


@RENDER_SETTINGS
@given(bio=markdown, abstract=markdown)
def test_markdown_fields_never_let_script_or_unsafe_links_through(bio, abstract):
    with fixture_copy() as root:
        person = {"name": "Eve Nox", "degree": "MS", "bio": bio}
        (root / "data/people/eve-nox.yml").write_text(yaml.safe_dump(person, allow_unicode=True), encoding="utf-8")
        pubs_file = root / "data/publications.yml"
        pubs = yaml.safe_load(pubs_file.read_text())
        pubs["publications"][0]["abstract"] = abstract
        pubs_file.write_text(yaml.safe_dump(pubs, allow_unicode=True), encoding="utf-8")
        try:
            _, html = blocks_html(root)
        except DataErrors as problems:  # an unsafe link is refused by the check, with its place
            event("refused by the check")
            assert all(e.field in ("bio", "publications[0].abstract") for e in problems.errors), problems
            return
        assert_no_script(html)
