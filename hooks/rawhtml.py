"""MkDocs hook: the HTML our templates wrote skips Python-Markdown's HTML parsers, unchanged.

Why: most of a generated page is HTML from `labsite/templates`, and Python-Markdown reads every tag
of it twice with its pure-Python HTML parser (MkDocs collects anchor ids, then the raw-HTML block
extractor) only to copy it to the page verbatim: that was most of the Markdown time of a build.

How: after the macros and `lab.py` have made a page's Markdown, each top-level HTML element that
fills whole lines is swapped for a one-line stand-in `<div data-labsite-html="N"></div>`, and put
back in the page's HTML after Markdown. Python-Markdown handles a raw block the same way whatever
its content when the content is balanced (it copies it as it is), so the page comes out
byte-for-byte the same; the anchor ids MkDocs would have read in the element are added to the
page's own, so links to them are still checked. A page is left to Markdown as it is when anything
could make the swap unsafe: a code fence, any `<` outside those elements (hand-written HTML, an
autolink, code), or an element that is not plain balanced markup (a comment, a `<` that starts no
tag, tags inside `<script>` or `<title>`, a `markdown` attribute, a tag not closed where it opens).
Under `mkdocs serve` the split of each page is kept until the next rebuild, which reuses it when
the page's Markdown is the same (most pages after a data edit): the scan was a fifth of a rebuild.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

from markdown.util import BLOCK_LEVEL_ELEMENTS
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_TAG = re.compile(
    r"""<(/?)([a-zA-Z][^\t\n\r\f />\x00]*)((?:[^>"']|"[^"]*"|'[^']*')*)>"""  # quoted values may hold '>'
)
_ID = re.compile(r"""(?:^|[\s/])(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)
_MARKDOWN_ATTRIBUTE = re.compile(r"(?:^|\s)markdown(?:\s|=|/|$)", re.IGNORECASE)
_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
)
_BLOCK = frozenset(BLOCK_LEVEL_ELEMENTS) - {"hr", "script", "style", "textarea", "math", "canvas", "option"}
_RAW_TEXT = frozenset(["script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript"])
_UNSAFE = ("<!", "<?", "\x02", "\x03", "<plaintext")
_FENCES = re.compile(r"^[ \t]*(?:```|~~~)", re.MULTILINE)
_STAND_IN = '<div data-labsite-html="{}"></div>'
_BACK = re.compile(r'<div data-labsite-html="([0-9]+)"></div>')

_kept: dict[str, tuple[list[str], set[str]]] = {}
"""The elements (and their anchor ids) taken out of each page's Markdown, by source path, until
its HTML is made."""


class Split(NamedTuple):
    """A page's Markdown and what `split` made of it (None: left as it is)."""

    markdown: str
    made: tuple[str, list[str], set[str]] | None


class _Splits:
    """The last split of each page, by source path, for `mkdocs serve` only: reused when the page's
    Markdown is the same; each rebuild keeps the entries it used."""

    def __init__(self) -> None:
        self.last: dict[str, Split] = {}
        self.now: dict[str, Split] = {}

    def split(self, path: str, markdown: str) -> tuple[str, list[str], set[str]] | None:
        last = self.last.get(path)
        entry = last if last is not None and last.markdown == markdown else Split(markdown, split(markdown))
        self.now[path] = entry
        return entry.made

    def rebuilt(self) -> None:
        self.last, self.now = self.now, {}


_splits: _Splits | None = None
"""Made by `on_startup` of `mkdocs serve`."""


def _element(text: str, start: int) -> tuple[int, set[str]] | None:
    """Where the balanced element opening at `start` ends, with the anchor ids MkDocs would read in
    it (every `id`, and `name` on `<a>`, unescaped); None if it is not plain balanced markup."""
    stack: list[str] = []
    ids: set[str] = set()
    previous = start
    for match in _TAG.finditer(text, start):
        if text.find("<", previous, match.start()) >= 0:
            return None  # a '<' that is not a tag: leave it to the HTML parser
        previous = match.end()
        closing, name, attributes = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            if not stack or stack.pop() != name:
                return None
        else:
            lowered = attributes.lower()
            if "markdown" in lowered and _MARKDOWN_ATTRIBUTE.search(attributes):
                return None
            if "id" in lowered or "name" in lowered:
                for attribute in _ID.finditer(attributes):
                    if attribute.group(1).lower() == "id" or name == "a":
                        value = next(v for v in attribute.group(2, 3, 4) if v is not None)
                        ids.add(html.unescape(value))
            if name not in _VOID and not attributes.endswith("/"):
                stack.append(name)
                if name in _RAW_TEXT and not _closes_next(text, match.end(), name):
                    return None
        if not stack:
            return match.end(), ids
    return None


def _closes_next(text: str, position: int, name: str) -> bool:
    """Whether the next `<` after `position` closes `name`: an HTML parser reads the inside of
    `<title>`, `<script>` and their kind as text, so only an inside without tags reads the same."""
    after = text.find("<", position)
    return after >= 0 and text[after : after + len(name) + 2].lower() == f"</{name}"


def split(markdown: str) -> tuple[str, list[str], set[str]] | None:
    """The Markdown with each whole-line top-level element replaced by a stand-in, the elements,
    and their anchor ids; None when the page is left as it is (see the module's docstring)."""
    if "<" not in markdown or _FENCES.search(markdown):
        return None
    parts: list[str] = []
    elements: list[str] = []
    ids: set[str] = set()
    position = 0
    while True:
        start = markdown.find("<", position)
        if start < 0:
            parts.append(markdown[position:])
            break
        at_line_start = start == 0 or markdown[start - 1] == "\n"
        first = _TAG.match(markdown, start)
        if not at_line_start or first is None or first.group(1) or first.group(2).lower() not in _BLOCK:
            return None
        spelled = re.match(r"<([^ >]+)", markdown[start:])
        if spelled is None or spelled.group(1).lower() not in _BLOCK:
            return None  # Python-Markdown decides "block-level" from this spelling too
        found = _element(markdown, start)
        if found is None or not markdown.startswith("\n", found[0]):
            return None
        end, element_ids = found
        element = markdown[start:end]
        if any(marker in element.lower() for marker in _UNSAFE):
            return None
        parts.append(markdown[position:start])
        parts.append(_STAND_IN.format(len(elements)))
        elements.append(element)
        ids |= element_ids
        position = end
    return "".join(parts), elements, ids


def on_startup(command: str, dirty: bool) -> None:
    global _splits
    _splits = _Splits() if command == "serve" else None


def on_shutdown() -> None:
    global _splits
    _splits = None


def on_post_build(config: MkDocsConfig) -> None:
    if _splits is not None:
        _splits.rebuilt()


@event_priority(-200)  # after the macros plugin and the labsite plugin have made the page's Markdown
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    made = _splits.split(page.file.src_uri, markdown) if _splits is not None else split(markdown)
    if made is None:
        return markdown
    _kept[page.file.src_uri] = made[1:]
    return made[0]


@event_priority(100)  # before anything else reads the page's HTML
def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    kept = _kept.pop(page.file.src_uri, None)
    if kept is None:
        return content
    elements, ids = kept
    restored = _BACK.sub(lambda m: elements[int(m.group(1))], content)
    if len(_BACK.findall(content)) != len(elements):
        raise PluginError(f"{page.file.src_uri}: hooks/rawhtml.py could not put the page's HTML back")
    if page.present_anchor_ids is not None:
        page.present_anchor_ids = page.present_anchor_ids | ids  # a new set: a cached render may share the old
    return restored
