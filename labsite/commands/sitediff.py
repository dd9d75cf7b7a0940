"""What a change does to the site: compare two built sites and say it in a few Markdown lines.

CI builds a pull request's base and head and writes this to the job summary, so the professor
reviews the site (a new page, a card added to the group, a paper added in 2026) and not only YAML.
Pages are compared by what they say, the text of the article (`article.md-content__inner`), so a
change to navigation or theme is not counted on every page. Known items (papers, person cards, news
items, projects, courses, awards: the `li` classes of `templates/partials/`) are matched by their
`id` (or their first words) and counted; other changes are shown as a few lines of text difference.
The parser is the standard library's, because the site's runtime dependencies have no HTML parser.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import click

from labsite.commands import summary as summary_markdown

# li class -> (one, many): the items a reader counts.
ITEMS = {
    "lab-pub": ("paper", "papers"),
    "lab-person": ("card", "cards"),
    "lab-news-item": ("news item", "news items"),
    "lab-project": ("project", "projects"),
    "lab-course": ("course", "courses"),
    "lab-award": ("award", "awards"),
}
BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "label", "li", "nav",
    "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
}  # fmt: skip
SKIPPED = {"script", "style", "svg", "template", "select", "button"}  # not read as the page's text
SEPARATED = {"a", "span", "time"}  # side by side on screen (badges, links): a space between two words
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
DERIVED_FILES = ("search/", "sitemap.xml", "sitemap.xml.gz")  # follow from the pages, would repeat them
MAX_PAGES = 60
MAX_LINES = 3  # removed and added text lines shown per page
MAX_LINE_CHARS = 160


@dataclass
class Item:
    kind: str
    key: str
    year: str
    lines: list[str] = field(default_factory=list)
    first_words: str = ""  # the text of its first element: a news item's date, a course's number

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass
class Page:
    """What one page says: its title, its text as lines, and its known items by (kind, key)."""

    title: str = ""
    lines: list[str] = field(default_factory=list)
    items: dict[tuple[str, str], Item] = field(default_factory=dict)


class _ArticleReader(HTMLParser):
    """Collects the article's text line by line, and the known items within it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.found = False
        self.depth = 0  # open elements inside the article; 0 = outside
        self.skip_depth = 0  # > 0 while inside an element whose text is not the page's
        self.item: Item | None = None
        self.item_depth = 0
        self.h1_depth = 0
        self.title_parts: list[str] = []
        self.line: list[str] = []
        self.seen: Counter[tuple[str, str]] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        classes = attributes.get("class", "").split()
        if not self.depth:
            if tag == "article" and "md-content__inner" in classes:
                self.depth = 1
                self.found = True
            return
        if tag in BLOCKS:
            self._end_line()
        elif tag in SEPARATED and self.line and self.line[-1][-1:].isalnum():
            self.line.append(" ")
        if tag in VOID:
            return
        self.depth += 1
        if self.skip_depth or tag in SKIPPED or "headerlink" in classes:
            self.skip_depth += 1
            return
        if tag == "h1" and not self.page.title:
            self.h1_depth = self.depth
        if tag == "li" and self.item is None:
            kind = next((c for c in classes if c in ITEMS), None)
            if kind:
                self.item = Item(kind, attributes.get("id", ""), attributes.get("data-year", ""))
                self.item_depth = self.depth

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth and tag in BLOCKS:
            self._end_line()

    def handle_endtag(self, tag: str) -> None:
        if not self.depth or tag in VOID:
            return
        if self.skip_depth:
            self.skip_depth -= 1
        elif tag in BLOCKS:
            self._end_line()
        if self.depth == self.h1_depth:
            self.page.title = " ".join("".join(self.title_parts).split())
            self.h1_depth = 0
        if self.item is not None and self.depth == self.item_depth:
            self._end_line()
            self._close_item()
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip_depth:
            self.line.append(data)
            if self.item is not None and not self.item.first_words:
                self.item.first_words = " ".join(data.split())
            if self.h1_depth:
                self.title_parts.append(data)

    def _end_line(self) -> None:
        text = " ".join("".join(self.line).split())
        self.line = []
        if text:
            self.page.lines.append(text)
            if self.item is not None:
                self.item.lines.append(text)

    def _close_item(self) -> None:
        item, self.item = self.item, None
        assert item is not None
        if not item.key:  # no id: its first words name it, so an edited news item stays the same item
            item.key = item.first_words
        self.seen[(item.kind, item.key)] += 1
        if self.seen[(item.kind, item.key)] > 1:  # the same item twice on a page (e.g. selected and recent)
            item.key = f"{item.key}#{self.seen[(item.kind, item.key)]}"
        self.page.items[(item.kind, item.key)] = item


def read_page(html: str) -> Page | None:
    """The article of a built page, or None for a file without one (a redirect, a feed)."""
    reader = _ArticleReader()
    reader.feed(html)
    reader.close()
    return reader.page if reader.found else None


def read_site(folder: Path) -> tuple[dict[str, Page], dict[str, bytes]]:
    """Every page of a built site by its URL path ('' for the home page), and every other file's bytes."""
    pages: dict[str, Page] = {}
    files: dict[str, bytes] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        name = path.relative_to(folder).as_posix()
        if name.startswith("assets/") or name.startswith(DERIVED_FILES):
            continue
        if path.suffix == ".html":
            page = read_page(path.read_text(encoding="utf-8", errors="replace"))
            if page is not None:
                url = name.removesuffix("index.html") if name.endswith("index.html") else name
                pages[url] = page
                continue
        files[name] = path.read_bytes()
    return pages, files


def _n(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _count(n: int, kind: str) -> str:
    return _n(n, *ITEMS[kind])


def _years(items: list[Item]) -> str:
    years = sorted({i.year for i in items if i.year}, reverse=True)
    return (", " + ", ".join(years)) if years else ""


def _plain(text: str) -> str:
    """Text shown as itself in Markdown: a page title cannot become a link, emphasis or HTML."""
    return re.sub(r"([\\`*_\[\]<>&|~])", r"\\\1", text)  # mid-line, only these have a meaning


def _clip(line: str) -> str:
    return line if len(line) <= MAX_LINE_CHARS else line[: MAX_LINE_CHARS - 1] + "…"


def _text_changes(before: list[str], after: list[str]) -> tuple[list[str], list[str]]:
    """The lines removed and added, in page order (difflib's opcodes, not a set difference)."""
    removed: list[str] = []
    added: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op != "equal":
            removed += before[i1:i2]
            added += after[j1:j2]
    return removed, added


@dataclass
class PageChange:
    url: str
    what: str
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)


def page_change(url: str, old: Page, new: Page) -> PageChange | None:
    """How a page present in both sites changed, or None if it says the same.

    Items added or removed are counted (papers with their years); an item whose text changed is
    counted and shown. A page without item changes shows a few lines of its text difference; on a
    page with item changes, the rest (year headings, counts, the chart) follows from them and is
    not repeated.
    """
    if old.lines == new.lines:
        return None
    parts: list[str] = []
    removed_lines: list[str] = []
    added_lines: list[str] = []
    for kind in ITEMS:
        olds = {k: i for (k_kind, k), i in old.items.items() if k_kind == kind}
        news = {k: i for (k_kind, k), i in new.items.items() if k_kind == kind}
        added = [news[k] for k in news if k not in olds]
        gone = [olds[k] for k in olds if k not in news]
        changed = [k for k in news if k in olds and news[k].lines != olds[k].lines]
        if added:
            parts.append(f"{_count(len(added), kind)} added{_years(added) if kind == 'lab-pub' else ''}")
        if gone:
            parts.append(f"{_count(len(gone), kind)} removed{_years(gone) if kind == 'lab-pub' else ''}")
        if changed:
            parts.append(f"{_count(len(changed), kind)} changed")
            for key in changed:
                removed_lines.append(olds[key].text)
                added_lines.append(news[key].text)
    if not parts:
        removed_lines, added_lines = _text_changes(old.lines, new.lines)
        parts.append("text changed")
    return PageChange(url, "; ".join(parts), removed_lines[:MAX_LINES], added_lines[:MAX_LINES])


def _code(text: str) -> str:
    """Inline code that holds any text (a longer backtick fence than any run inside)."""
    ticks = "`" * (max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _diff_block(removed: list[str], added: list[str]) -> list[str]:
    lines = [f"- {_clip(line)}" for line in removed] + [f"+ {_clip(line)}" for line in added]
    fence = "`" * max(3, max((len(r) for r in re.findall(r"`+", "\n".join(lines))), default=0) + 1)
    return ["  " + fence + "diff", *("  " + line for line in lines), "  " + fence]


def summary(base: Path, head: Path) -> str:
    """The Markdown that says what changes from the site built in `base` to the one in `head`."""
    old_pages, old_files = read_site(base)
    new_pages, new_files = read_site(head)
    added = sorted(set(new_pages) - set(old_pages))
    removed = sorted(set(old_pages) - set(new_pages))
    both = sorted(set(old_pages) & set(new_pages))
    changes = [c for url in both if (c := page_change(url, old_pages[url], new_pages[url]))]

    out = ["### What changes on the site", ""]
    if not (added or removed or changes):
        out.append(f"No page says anything different ({_n(len(new_pages), 'page', 'pages')} compared by their text).")
    else:
        out.append(
            f"{_n(len(added), 'page', 'pages')} added, {len(removed)} removed, "
            f"{len(changes)} changed (of {_n(len(new_pages), 'page', 'pages')}).",
        )
        out.append("")
        entries: list[list[str]] = []
        for url in added:
            title = new_pages[url].title
            entries.append([f"- {_code(url or '/')}: new page" + (f", “{_plain(title)}”" if title else "")])
        for url in removed:
            entries.append([f"- {_code(url or '/')}: page removed"])
        for change in changes:
            entry = [f"- {_code(change.url or '/')}: {change.what}"]
            if change.removed or change.added:
                entry += _diff_block(change.removed, change.added)
            entries.append(entry)
        for entry in entries[:MAX_PAGES]:
            out += entry
        if len(entries) > MAX_PAGES:
            out.append(f"- … and {len(entries) - MAX_PAGES} more pages")
    file_notes = (
        [f"{_code(n)} added" for n in sorted(set(new_files) - set(old_files))]
        + [f"{_code(n)} removed" for n in sorted(set(old_files) - set(new_files))]
        + [f"{_code(n)} changed" for n in sorted(set(old_files) & set(new_files)) if old_files[n] != new_files[n]]
    )
    if file_notes:
        out += ["", "Other files: " + ", ".join(file_notes) + "."]
    return "\n".join(out) + "\n"


@click.command("site-diff")
@click.argument("base", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("head", type=click.Path(exists=True, file_okay=False, path_type=Path))
@summary_markdown.summary_option
def site_diff_command(base: Path, head: Path, summary_path: Path | None) -> None:
    """Say what changes from the site built in BASE to the one built in HEAD (Markdown)."""
    text = summary(base, head)
    summary_markdown.show(text, summary_path)
