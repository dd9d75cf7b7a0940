"""The one place where text from data becomes markup: Markdown fields, rendered safely.

Only fields the schema types as `Markdown` come here. Raw HTML in them is shown as text (the HTML
parsers are removed from Python-Markdown), link targets are limited to safe schemes, and the result
passes through nh3 (a maintained HTML sanitiser) as a second guard. The output is never rendered as
a template again.
"""

from __future__ import annotations

from functools import lru_cache
from xml.etree.ElementTree import Element

import markdown as md
import nh3
from markupsafe import Markup

from .models.common import SAFE_SCHEMES, is_safe_url

_TAGS = {"p", "a", "em", "strong", "code", "ul", "ol", "li", "br", "blockquote", "pre", "del", "sup", "sub"}


class _LinkCollector(md.treeprocessors.Treeprocessor):
    def run(self, root: Element) -> None:
        self.md.found_links = [el.get("href") or el.get("src") or "" for el in root.iter() if el.tag in ("a", "img")]


def _converter() -> md.Markdown:
    converter = md.Markdown(extensions=["sane_lists"], output_format="html")
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    converter.treeprocessors.register(_LinkCollector(converter), "collect_links", 0)
    return converter


_CONVERTER = _converter()


def _convert(text: str) -> tuple[str, list[str]]:
    _CONVERTER.reset()
    html = _CONVERTER.convert(text)
    return html, list(getattr(_CONVERTER, "found_links", []))


@lru_cache(maxsize=4096)
def render(text: str, inline: bool = False) -> Markup:
    """Markdown → sanitised HTML. `inline` drops the wrapping paragraph for one-line texts."""
    html, _ = _convert(text)
    clean = nh3.clean(html, tags=_TAGS, url_schemes=set(SAFE_SCHEMES), link_rel="noopener")
    if inline and clean.startswith("<p>") and clean.endswith("</p>") and clean.count("<p>") == 1:
        clean = clean[3:-4]
    return Markup(clean)


def unsafe_links(text: str) -> list[str]:
    """The link targets in a Markdown text that are not allowed (e.g. `javascript:`)."""
    _, links = _convert(text)
    return [url for url in links if not is_safe_url(url)]
