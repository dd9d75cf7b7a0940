"""The Markdown pages under `docs/`, checked before the macros plugin renders them.

Maintainers write these pages and the macros plugin runs them as Jinja templates, so a page could
print the build's configuration (`{{ config }}`) or reach Python's internals (`''.__class__`); and
Markdown lets raw HTML through, so a page could carry a script. A reviewer should not have to spot
an expression in Markdown: the page language is small and the check enforces it. A page may call
the page macros (`MACROS`) with fixed arguments, test sections with `{% if has("news") %}`, and
hold text, comments and `{% raw %}`; its HTML may not run script (no `<script>`, event handler
attributes, `javascript:` addresses, frames or plug-ins) and its links go to pages or to http(s)
and mailto addresses. The build renders pages in a sandbox as well (`macros.py`).
"""

from __future__ import annotations

import functools
import html
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import yaml
from jinja2 import Environment, TemplateSyntaxError, nodes

from labsite.errors import DataError, shown_text
from labsite.models.common import SAFE_SCHEMES
from labsite.read.layout import DOCS_DIR

MACROS = (
    "profile_card",
    "cv_header",
    "bio",
    "interests",
    "prospective_note",
    "news_list",
    "publication_list",
    "selected_publications",
    "project_list",
    "selected_projects",
    "course_list",
    "people_list",
    "alumni_list",
    "award_list",
    "education_list",
    "experience_list",
    "publication_count",
    "publication_chart",
    "publication_filter",
)
"""The blocks a page may print, `{{ news_list(limit=5) }}` (`labsite.render.blocks.Blocks` makes them)."""
TEST = "has"
"""The one function a page may test, `{% if has("news") %}`, and only there."""

_HINT = (
    "a page may print the page macros with fixed arguments ({{ news_list(limit=5) }}), test sections with"
    ' {% if has("news") %}…{% endif %} and hold text; see CONTRIBUTING.md, "What a page may write"'
)
_MARK = "\ue000"
"""Stands for each Jinja tag when the page's HTML is read: what a macro prints is not known here."""

REFUSED_ELEMENTS = {
    "script": "runs script",
    "iframe": "shows another page inside this one",
    "frame": "shows another page inside this one",
    "frameset": "shows other pages inside this one",
    "object": "runs a plug-in or another page",
    "embed": "runs a plug-in or another page",
    "applet": "runs a plug-in",
    "base": "changes where every relative link of the page goes",
    "meta": "can redirect the page elsewhere",
    "link": "loads a style sheet or other files into the page",
    "form": "sends what visitors type to another address",
    "foreignobject": "embeds HTML inside SVG",
}
"""HTML elements a page may not write, with what each does that a page about a lab never needs."""
URL_ATTRIBUTES = {
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "cite",
    "ping",
    "longdesc",
    "usemap",
    "manifest",
    "codebase",
    "lowsrc",
    "dynsrc",
    "icon",
}
"""Attributes that hold an address: only pages, http(s) and mailto addresses are accepted there."""
SCRIPT_SCHEMES = ("javascript", "vbscript", "livescript")
"""Schemes that run script, refused in every attribute (SVG's `<animate to=…>` can set a link)."""
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def problems(root: Path) -> list[DataError]:
    """Every problem of every Markdown page under `root/docs/` (hidden files and links left out:
    MkDocs skips the first, the link check refuses the second)."""
    found: list[DataError] = []
    for path in markdown_pages(root / DOCS_DIR):
        shown_as = path.relative_to(root).as_posix()
        found += page_problems(path.read_text(encoding="utf-8", errors="replace"), shown_as)
    return found


MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")
"""What MkDocs builds as a page (`mkdocs.utils.markdown_extensions`): each goes through the macros plugin."""


def markdown_pages(docs: Path) -> list[Path]:
    """The Markdown files MkDocs builds from `docs/`, in order."""
    pages = []
    for current, dirnames, filenames in os.walk(docs):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not Path(current, d).is_symlink())
        for name in sorted(filenames):
            path = Path(current, name)
            if name.lower().endswith(MARKDOWN_SUFFIXES) and not name.startswith(".") and not path.is_symlink():
                pages.append(path)
    return pages


def page_problems(source: str, shown_as: str) -> list[DataError]:
    """The problems of one page's source, each at its line in the file."""
    found: list[DataError] = []
    body, offset, front = split_front_matter(source)
    if front is not None:
        found += _front_matter_problems(front, shown_as)
    env = _jinja()
    try:
        template = env.parse(body)
    except TemplateSyntaxError as error:
        return [
            *found,
            DataError(
                shown_as,
                (error.lineno or 1) + offset,
                "",
                f"the page's Jinja does not parse: {shown_text(error.message or '', limit=120)}",
                "every {{ and {% needs its closing }} or %}; to show them as text, wrap them in {% raw %}…{% endraw %}",
            ),
        ]
    found += [DataError(shown_as, line + offset, "", message, _HINT) for line, message in _jinja_problems(template)]
    text = _text_of(env, body)
    found += [DataError(shown_as, line + offset, "", *problem) for line, problem in html_problems(text)]
    found += [DataError(shown_as, line + offset, "", *problem) for line, problem in link_problems(text)]
    return sorted(set(found))


@functools.cache
def _jinja() -> Environment:
    """Jinja with the macros plugin's default syntax, used only to parse and to lex."""
    return Environment()


# --- front matter -----------------------------------------------------------------------------
# As MkDocs reads it (mkdocs.utils.meta.get_data, which the core may not import): the macros
# plugin sees the page without it, and Jinja's line numbers count from there.
_YAML_FRONT = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=256)
def _yaml(text: str) -> object:
    """Front matter read as MkDocs reads it (libyaml's safe loader when there is one), once."""
    return yaml.load(text, Loader=_LOADER)


_META = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:\s*.*")
_META_MORE = re.compile(r"^([ ]{4}|\t)(\s*).*")


def split_front_matter(source: str) -> tuple[str, int, str | None]:
    """(what the macros plugin renders, how many lines come before it, the YAML front matter or None).

    MkDocs strips a `---` block that parses as a mapping (else it leaves it in the page, silently),
    or else leading MultiMarkdown `key: value` lines."""
    if match := _YAML_FRONT.match(source):
        try:
            data = _yaml(match.group(1))
        except yaml.YAMLError:
            data = None
        if not isinstance(data, dict):
            return source, 0, match.group(1)
        rest = source[match.end() :]
        body = rest.lstrip("\n")
        return body, source[: len(source) - len(body)].count("\n"), match.group(1)
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    lines, in_meta = text.split("\n"), False
    while lines:
        line = lines.pop(0)
        if line.strip() == "":
            break
        if _META.match(line) or (in_meta and _META_MORE.match(line)):
            in_meta = True
        else:
            lines.insert(0, line)
            break
    body = "\n".join(lines).lstrip("\n")
    return body, text[: len(text) - len(body)].count("\n"), None


def _front_matter_problems(front: str, shown_as: str) -> list[DataError]:
    """Front matter must be a YAML mapping (MkDocs drops it silently otherwise, `shows:` with it), and
    holds no Jinja: MkDocs leaves it out of the page, but the macros plugin renders the `title`."""
    found = []
    try:
        data = _yaml(front)
        if not isinstance(data, dict):
            found.append(
                DataError(shown_as, 2, "", "expected the front matter to be a mapping (key: value lines)", _FRONT_HINT)
            )
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 2
        found.append(
            DataError(
                shown_as,
                line,
                "",
                f"the front matter is not valid YAML ({shown_text(getattr(error, 'problem', None) or str(error))})",
                _FRONT_HINT,
            )
        )
    for number, line in enumerate(front.splitlines(), start=2):
        if any(start in line for start in ("{{", "{%", "{#")):
            found.append(
                DataError(
                    shown_as,
                    number,
                    "",
                    "expected no Jinja in the front matter",
                    "write the title as plain text; the page's macros belong in its body",
                )
            )
    return found


_FRONT_HINT = "MkDocs ignores front matter it cannot read, without a word: write key: value lines between the ---"


# --- Jinja --------------------------------------------------------------------------------------
def _jinja_problems(template: nodes.Template) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    _statements(template.body, found)
    return found


def _statements(body: list[nodes.Node], found: list[tuple[int, str]]) -> None:
    for node in body:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if isinstance(child, nodes.TemplateData):
                    continue
                if not _is_call(child, MACROS, found):
                    found.append((child.lineno, f"expected a page macro in {{{{ … }}}} — got {_described(child)}"))
        elif isinstance(node, nodes.If):
            _test(node.test, found)
            _statements(node.body, found)
            for branch in node.elif_:
                _test(branch.test, found)
                _statements(branch.body, found)
            _statements(node.else_, found)
        else:
            found.append((node.lineno, f"expected text, page macros and {{% if has(…) %}} — got {_described(node)}"))


def _test(node: nodes.Node, found: list[tuple[int, str]]) -> None:
    if isinstance(node, nodes.Not):
        _test(node.node, found)
    elif isinstance(node, nodes.And | nodes.Or):
        _test(node.left, found)
        _test(node.right, found)
    elif not _is_call(node, (TEST,), found, strings_only=True):
        found.append((node.lineno, f'expected has("…") in {{% if %}} — got {_described(node)}'))


def _is_call(node: nodes.Node, names: tuple[str, ...], found: list, strings_only: bool = False) -> bool:
    """Whether `node` calls one of `names`; a call's arguments that are not constants are reported."""
    if not (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name in names):
        return False
    if node.dyn_args is not None or node.dyn_kwargs is not None:
        found.append((node.lineno, f"expected fixed arguments to {node.node.name}() — got *args or **kwargs"))
    for value in [*node.args, *(k.value for k in node.kwargs)]:
        if not isinstance(value, nodes.Const) or (strings_only and not isinstance(value.value, str)):
            kind = "a section's name in quotes" if strings_only else "a fixed value (text in quotes, a number)"
            found.append((value.lineno, f"expected {kind} as argument of {node.node.name}() — got {_described(value)}"))
    return True


_TAGS = {
    nodes.Assign: "{% set %}",
    nodes.AssignBlock: "{% set %}",
    nodes.Include: "{% include %}",
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from … import %}",
    nodes.Extends: "{% extends %}",
    nodes.Block: "{% block %}",
    nodes.Macro: "{% macro %}",
    nodes.CallBlock: "{% call %}",
    nodes.For: "{% for %}",
    nodes.With: "{% with %}",
    nodes.FilterBlock: "{% filter %}",
    nodes.ScopedEvalContextModifier: "{% autoescape %}",
}


def _described(node: nodes.Node) -> str:
    """What a refused piece of Jinja is, in a few words."""
    for kind, tag in _TAGS.items():
        if isinstance(node, kind):
            return tag
    if isinstance(node, nodes.Name):
        return f"the variable '{shown_text(node.name)}'"
    if isinstance(node, nodes.Getattr):
        return f"attribute access ('.{shown_text(node.attr)}')"
    if isinstance(node, nodes.Getitem | nodes.Slice):
        return "item access ([…])"
    if isinstance(node, nodes.Filter):
        return f"the filter '|{shown_text(node.name)}'"
    if isinstance(node, nodes.Test):
        return f"the test 'is {shown_text(node.name)}'"
    if isinstance(node, nodes.Call):
        if isinstance(node.node, nodes.Name):
            return f"a call of '{shown_text(node.node.name)}', which is not one here"
        return f"a call of {_described(node.node)}"
    if isinstance(node, nodes.Const):
        return f"the value {shown_text(repr(node.value))} (write text as text, or in {{% raw %}}…{{% endraw %}})"
    return f"an expression ({type(node).__name__})"


def _text_of(env: Environment, body: str) -> str:
    """The page as its readers' browsers get it, with `_MARK` where Jinja prints or decides something:
    a raw block's content stays as text, line numbers stay those of `body`."""
    parts: list[str] = []
    line = 1
    for lineno, kind, value in env.lex(body):
        if lineno > line:
            parts.append("\n" * (lineno - line))
            line = lineno
        text = value if kind == "data" else _MARK + "\n" * value.count("\n")
        parts.append(text)
        line += value.count("\n")
    return "".join(parts)


# --- HTML ---------------------------------------------------------------------------------------
def html_problems(text: str) -> list[tuple[int, tuple[str, str]]]:
    """Active HTML written in a page: refused elements, event handlers, script addresses, and Jinja
    inside a tag (what a macro prints there is not known here), as (line, (message, hint))."""
    reader = _HTMLReader()
    reader.feed(text)
    reader.close()
    found = reader.found
    for match in re.finditer(rf"<[/!?]?\s*{_MARK}", text):
        found.append((_line(text, match.start()), ("expected no Jinja right after '<'", _HTML_HINT)))
    return found


_HTML_HINT = "the site's own script does what pages need; write the HTML without it, or ask a maintainer of the code"


class _HTMLReader(HTMLParser):
    def __init__(self, line: int = 0) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, tuple[str, str]]] = []
        self.line = line
        self.raw_text = False

    def _at(self, message: str, hint: str = _HTML_HINT) -> None:
        self.found.append((self.getpos()[0] + self.line, (message, hint)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        written = self.get_starttag_text() or ""
        if _MARK in written:
            self._at(f"expected no Jinja inside the HTML tag <{shown_text(tag)}>", "put the macro between tags")
            return
        if tag in REFUSED_ELEMENTS:
            self._at(f"expected no <{tag}> in a page: it {REFUSED_ELEMENTS[tag]}")
        self.raw_text = tag == "style"
        for name, value in attrs:
            if problem := attribute_problem(name, value):
                self._at(f"<{shown_text(tag)} {shown_text(name)}=…>: {problem}")

    def _inside(self, text: str) -> None:
        # A browser may end a comment or a bogus section sooner than this parser does (`<!-->`):
        # what it holds is read as HTML too.
        nested = _HTMLReader(self.getpos()[0] - 1 + self.line)
        nested.feed(text)
        nested.close()
        self.found += nested.found

    def handle_endtag(self, tag: str) -> None:
        self.raw_text = False

    def handle_data(self, data: str) -> None:
        # Inside <math> or <svg> a browser reads <style> as markup; this parser reads it as text.
        if self.raw_text:
            self._inside(data)

    def handle_comment(self, data: str) -> None:
        self._inside(data)

    def unknown_decl(self, data: str) -> None:
        self._inside(data)


def attribute_problem(name: str, value: str | None) -> str | None:
    """Why an HTML (or SVG) attribute may not be published, or None."""
    name = name.lower()
    if name.startswith("on"):
        return "expected no event handler (on… attributes run script)"
    if name == "srcdoc":
        return "expected no srcdoc (it holds a whole page)"
    scheme = scheme_of(value or "")
    # SVG's <animate values="a;b"> sets a link to each value in turn
    if running := next((s for s in map(scheme_of, (value or "").split(";")) if s in SCRIPT_SCHEMES), None):
        return f"expected no {running}: address (it runs script)"
    if name in URL_ATTRIBUTES and scheme and scheme not in SAFE_SCHEMES:
        return f"expected a page, an http(s) or a mailto address — got a {shown_text(scheme)}: address"
    return None


def scheme_of(address: str) -> str | None:
    """The scheme a browser finds in an address ('javascript' in ' Java\\tScript:…'), or None.

    Browsers drop leading spaces and control characters and every tab and newline inside."""
    squeezed = re.sub(r"[\x00-\x20\x7f]", "", address).lower()
    match = _SCHEME.match(squeezed)
    return match.group(1) if match else None


# --- Markdown links and attribute lists -------------------------------------------------------
_INLINE_LINK = re.compile(r"\]\(\s*<?([^\s)>]*)")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")
_ATTR = re.compile(r"""([^\s=}"']+)=("[^"]*"|'[^']*'|[^\s}]*)""")


def link_problems(text: str) -> list[tuple[int, tuple[str, str]]]:
    """Markdown links and images to script or unknown schemes, and `{ onclick=… }` attribute lists."""
    found = []
    for pattern in (_INLINE_LINK, _REFERENCE):
        for match in pattern.finditer(text):
            target = _MD_ESCAPE.sub(r"\1", html.unescape(match.group(1)))
            line = _line(text, match.start(1))
            if _MARK in target:
                found.append((line, ("expected no Jinja in a link's address", "write the address itself")))
                continue
            scheme = scheme_of(target)
            if scheme and scheme not in SAFE_SCHEMES:
                found.append(
                    (
                        line,
                        (
                            f"expected a link to a page, an http(s) or a mailto address — got a {shown_text(scheme)}:"
                            " address",
                            "link to a page of the site (news.md) or to https://…",
                        ),
                    )
                )
    for match in _ATTR_LIST.finditer(text):
        for name, value in _ATTR.findall(match.group(1)):
            if problem := attribute_problem(name, html.unescape(value.strip("\"'"))):
                found.append((_line(text, match.start()), (f"{{ {shown_text(name)}=… }}: {problem}", _HTML_HINT)))
    return found


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1
