"""The one place where text from data becomes markup: Markdown fields, rendered safely.

Only fields the schema types as `Markdown` come here. Raw HTML in them is shown as text (the HTML
parsers are removed from Python-Markdown), link targets are limited to safe schemes, and the result
passes through nh3 (a maintained HTML sanitiser) as a second guard. The output is never rendered as
a template again.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape
from xml.etree.ElementTree import Element

import markdown as md
import nh3
from markupsafe import Markup

from labsite.models.common import SAFE_SCHEMES, is_safe_url

_TAGS = {"p", "a", "em", "strong", "code", "ul", "ol", "li", "br", "blockquote", "pre", "del", "sup", "sub"}


_NOT_SHOWN = {
    "img": ("an image", "text fields show no images: link to it instead, [what it shows](https://…)"),
    "hr": ("a horizontal rule", "remove the line of dashes or stars (under a line of text it makes a heading)"),
}
_HEADING = ("a heading", "text fields have no headings: use **bold** text, or remove the '#' or the line under it")


class _ElementCollector(md.treeprocessors.Treeprocessor):
    """Remembers the elements Markdown made, before anything is serialised or sanitised."""

    def __init__(self, converter: md.Markdown) -> None:
        super().__init__(converter)
        self.found: list[Element] = []

    def run(self, root: Element) -> None:
        self.found = [el for el in root.iter() if el is not root]


_COLLECTOR: _ElementCollector


def _converter() -> md.Markdown:
    global _COLLECTOR
    converter = md.Markdown(extensions=["sane_lists"], output_format="html")
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    _COLLECTOR = _ElementCollector(converter)
    converter.treeprocessors.register(_COLLECTOR, "collect_elements", 0)
    return converter


_CONVERTER = _converter()


def _convert(text: str) -> tuple[str, list[Element]]:
    _CONVERTER.reset()
    html = _CONVERTER.convert(text)
    return html, list(_COLLECTOR.found)


def _as_browser_reads(url: str) -> str:
    """A link target as the browser (and nh3) will read it: character references decoded, so
    `jav&#97;script:` is checked as `javascript:`. Markdown keeps '&' as a placeholder until output."""
    return unescape(url.replace(md.util.AMP_SUBSTITUTE, "&"))


@lru_cache(maxsize=4096)
def render(text: str, inline: bool = False) -> Markup:
    """Markdown → sanitised HTML. `inline` drops the wrapping paragraph for one-line texts."""
    html, _ = _convert(text)
    clean = nh3.clean(html, tags=_TAGS, url_schemes=set(SAFE_SCHEMES), link_rel="noopener")
    if inline and clean.startswith("<p>") and clean.endswith("</p>") and clean.count("<p>") == 1:
        clean = clean[3:-4]
    return Markup(clean)


def refused(text: str) -> list[tuple[str, str]]:
    """What `render` would drop from a Markdown text, as (problem, hint) pairs.

    The data check refuses exactly this, so nothing it accepts is removed later without a word:
    elements outside the allowed tags (images, headings, rules) and links whose target, once
    character references are decoded, is not a safe URL.
    """
    _, elements = _convert(text)
    found = []
    for el in elements:
        if el.tag == "a":
            written = el.get("href", "").replace(md.util.AMP_SUBSTITUTE, "&")
            target = _as_browser_reads(written)
            if not is_safe_url(target):
                got = repr(written) if target == written else f"{written!r}, which a browser reads as {target!r}"
                hint = "" if target == written else "character references like &#97; or &colon; are read as letters"
                found.append((f"expected links starting with https://, http://, mailto: or / — got {got}", hint))
        elif el.tag not in _TAGS:
            what, hint = _NOT_SHOWN.get(el.tag) or (
                _HEADING if re.fullmatch(r"h[1-6]", el.tag) else (f"<{el.tag}>", "")
            )
            source = f" of {el.get('src')!r}" if el.get("src") else ""
            found.append((f"{what}{source} is not shown in a text field", hint))
    return found
