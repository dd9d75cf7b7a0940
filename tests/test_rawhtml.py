"""The HTML our templates write skips Python-Markdown's HTML parsers, and every page comes out the same:
converting a page with its elements swapped for stand-ins, then putting them back, gives the HTML that
converting the page itself gives, with the same anchor ids; anything unsafe to swap is left alone."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.structure.pages import _HTMLHandler
from sitebuild import FIXTURE_DATA, ROOT, build, copy_project

from hooks import rawhtml
from labsite.check import load_checked
from labsite.derive.views import Site
from labsite.render.blocks import Blocks
from labsite.render.pages import generated_pages

CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def _extensions() -> tuple[list[str], dict]:
    names, configs = [], {}
    for entry in CONFIG["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = options or {}
    return names, configs


def convert(text: str) -> str:
    names, configs = _extensions()
    return markdown.Markdown(extensions=names, extension_configs=configs).convert(text)


def mkdocs_anchor_ids(text: str) -> set[str]:
    handler = _HTMLHandler()
    handler.feed(text)
    handler.close()
    return handler.present_anchor_ids


def through_the_hook(text: str) -> tuple[str, set[str]] | None:
    made = rawhtml.split(text)
    if made is None:
        return None
    stand_ins, elements, ids = made
    html = rawhtml._BACK.sub(lambda m: elements[int(m.group(1))], convert(stand_ins))
    return html, mkdocs_anchor_ids(stand_ins) | ids


def fixture_pages() -> list[tuple[str, str]]:
    site = Site(load_checked(FIXTURE_DATA.parent))
    blocks = Blocks(site, [])
    pages = []
    for spec in generated_pages(site):
        base = "../" * (spec.path.count("/") + 1)
        pages.append((spec.path, getattr(blocks, f"{spec.kind}_page")(spec.id, base=base)))
    for name in Blocks.API:
        if name not in ("has", "publication_count"):
            pages.append((name, "# A page\n\nSome text.\n\n" + getattr(blocks, name)(base="../") + "\n"))
    return pages


@pytest.mark.parametrize(("path", "text"), fixture_pages(), ids=lambda v: v if "\n" not in v else "")
def test_every_page_of_the_fixture_lab_is_swapped_and_comes_out_the_same(path: str, text: str) -> None:
    made = through_the_hook(text)
    assert made is not None, f"{path}: left to Markdown"
    assert made == (convert(text), mkdocs_anchor_ids(text))


CASES = {
    "heading right after an element": '<div class="a">\n<p id="x">one</p>\n</div>\n## Next\n\ntext\n',
    "element at the very end": "text\n\n<ul>\n<li>a</li><li>b</li>\n</ul>\n",
    "two elements on adjacent lines": '<p class="a">x</p>\n<div id="d"><br><img src="a.png" alt=""></div>\n\n# H\n',
    "a paragraph line just before": "Some *text*\n<div>x &amp; y &#39; &#x27;</div>\n\nmore\n",
    "svg with a title and self-closing shapes": (
        '<figure>\n<svg role="img"><title id="t">Per year</title><rect width="1"/></svg>\n</figure>\n\n'
    ),
    "an attribute value holding >": '<p><a href="/x" title="a > b" name="n">x</a></p>\n\n',
    "pre with BibTeX inside": '<div id="bib">\n<pre><code>@article{k,\n  title = {{A}}\n}</code></pre>\n</div>\n\n',
}
LEFT_ALONE = {
    "a code fence": "```html\n<div>x</div>\n```\n",
    "inline HTML in text": "Some <span>text</span>\n\n<div>x</div>\n\n",
    "a comment": "<div><!-- c --></div>\n\n",
    "a markdown attribute": '<div markdown="1">\n*x*\n</div>\n\n',
    "an unclosed tag": "<div><p>x</div>\n\n",
    "tags closed out of order": "<div><p>x</div></p>\n\n",
    "text after the closing tag": "<div>x</div> tail\n\n",
    "an indented element": "  <div>x</div>\n\n",
    "an inline element first": "<span>x</span>\n\n",
    "tags inside a title": "<div><title><b>x</b></title></div>\n\n",
    "a '<' that starts no tag": '<div><a href="x>y</div>\n\n',
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_elements_are_swapped_and_put_back_as_markdown_would_write_them(text: str) -> None:
    assert through_the_hook(text) == (convert(text), mkdocs_anchor_ids(text))


@pytest.mark.parametrize("text", LEFT_ALONE.values(), ids=LEFT_ALONE.keys())
def test_a_page_with_anything_unsafe_to_swap_is_left_to_markdown(text: str) -> None:
    assert rawhtml.split(text) is None


_inner = st.recursive(
    st.sampled_from(["x", "a &amp; b", "", "<br>", '<img src="a" alt="">', "<hr>", "<rect/>"]),
    lambda inner: st.tuples(
        st.sampled_from(["div", "p", "span", "ul", "li", "a", "em"]), st.lists(inner, max_size=3)
    ).map(lambda t: f'<{t[0]} id="i{len(t[1])}">' + "\n".join(t[1]) + f"</{t[0]}>"),
    max_leaves=8,
)
_block = st.tuples(st.sampled_from(["div", "p", "ul", "section", "figure"]), st.lists(_inner, max_size=3)).map(
    lambda t: f'<{t[0]} class="c">' + "\n".join(t[1]) + f"</{t[0]}>"
)
_between = st.sampled_from(["\n", "\n\n", "\n## Heading\n\n", "\ntext line\n", "\n\n- item\n\n", "\n\n> quote\n\n"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_block, _between), min_size=1, max_size=4))
def test_any_sequence_of_balanced_elements_comes_out_the_same(parts: list[tuple[str, str]]) -> None:
    text = "".join(block + between for block, between in parts)
    made = through_the_hook(text)
    assert made is not None
    assert made == (convert(text), mkdocs_anchor_ids(text))


@pytest.mark.parametrize(("anchor", "fails"), [("bibtex-entry", False), ("no-such-anchor", True)])
def test_links_to_anchors_in_our_html_are_still_checked(tmp_path: Path, anchor: str, fails: bool) -> None:
    project = copy_project(tmp_path / "project", data=FIXTURE_DATA)
    pub = yaml.safe_load((FIXTURE_DATA / "publications.yml").read_text(encoding="utf-8"))["publications"][0]["id"]
    news = project / "docs/news.md"
    news.write_text(news.read_text(encoding="utf-8") + f"\n\nSee [it](publications/{pub}.md#{anchor}).\n")
    done = build(project)
    assert (done.returncode != 0) == fails, done.log
    assert ("does not contain an anchor" in done.log) == fails
