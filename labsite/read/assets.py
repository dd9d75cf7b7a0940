"""Files under `docs/` that a browser runs: only the site's own, and no script in its SVGs.

MkDocs publishes every file under `docs/` on the site's address. An HTML, SVG, XML or script file
there runs with the site's origin when someone opens its link, whatever the pages say; so the only
such files accepted are the site's own assets, named once in `layout.SITE_ASSETS`. The SVGs among
them are read with a real XML parser (defusedxml: no entities, no external files) and may hold no
script, event handlers, script or outside addresses, or embedded HTML.
"""

from __future__ import annotations

import os
from pathlib import Path
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from labsite.errors import DataError, shown_text
from labsite.read.layout import DOCS_DIR, PHOTO_DIR, SITE_ASSETS
from labsite.read.pages import attribute_problem, scheme_of

ACTIVE_TYPES = (
    ".html",
    ".htm",
    ".xhtml",
    ".xht",
    ".shtml",
    ".svg",
    ".svgz",
    ".xml",
    ".xsl",
    ".xslt",
    ".rss",
    ".atom",
    ".rdf",
    ".mml",
    ".js",
    ".mjs",
    ".cjs",
    ".swf",
)
"""Extensions a browser runs or renders as a document that can run script, by the type a web server gives them."""
SVG_REFUSED = {
    "script": "runs script",
    "foreignobject": "embeds HTML, which can run script",
    "iframe": "shows another page",
    "embed": "runs a plug-in or another page",
    "object": "runs a plug-in or another page",
    "handler": "runs script",
    "listener": "runs script",
}
"""SVG elements never published, with what each does."""


def problems(root: Path) -> list[DataError]:
    """Every active file under `root/docs/` that is not one of the site's assets, and what is wrong
    with each SVG asset. The photo folder is left to its own rule, which refuses every non-photo."""
    docs = root / DOCS_DIR
    found: list[DataError] = []
    for current, dirnames, filenames in os.walk(docs):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not Path(current, d).is_symlink())
        for name in sorted(filenames):
            path = Path(current, name)
            relative = path.relative_to(docs).as_posix()
            if name.startswith(".") or path.is_symlink() or not name.lower().endswith(ACTIVE_TYPES):
                continue
            if relative.startswith(f"{PHOTO_DIR}/"):
                continue
            shown_as = f"{DOCS_DIR}/{relative}"
            if relative not in SITE_ASSETS:
                found.append(
                    DataError(
                        shown_as,
                        0,
                        "",
                        f"expected no {Path(name).suffix.lower()} file under {DOCS_DIR}/ other than the site's own"
                        f" ({', '.join(SITE_ASSETS)}): a browser opening it runs it on the site's address",
                        "put the content in a Markdown page, or an image as .png/.jpg/.webp;"
                        " a new asset of the site itself is named in labsite/read/layout.py, SITE_ASSETS",
                    )
                )
            elif name.lower().endswith(".svg"):
                found += [DataError(shown_as, line, "", message, _SVG_HINT) for line, message in svg_problems(path)]
    return found


_SVG_HINT = "an image needs no script, links or embedded HTML: export it again as a plain SVG, or as PNG"


def svg_problems(path: Path) -> list[tuple[int, str]]:
    """Active content in an SVG file, as (line, message); line 0 when the file does not parse."""
    try:
        # The parser keeps no line numbers; the source's own lines are found for each element below.
        root = fromstring(path.read_bytes(), forbid_dtd=True)
    except (ParseError, DefusedXmlException, ValueError) as error:
        return [(0, f"expected an SVG image (XML without a DTD or entities) — {shown_text(str(error))}")]
    found = []
    lines = _element_lines(path)
    for index, element in enumerate(root.iter()):
        line = lines[index] if index < len(lines) else 0
        tag = _local(element.tag).lower()
        if tag in SVG_REFUSED:
            found.append((line, f"expected no <{tag}> in an SVG: it {SVG_REFUSED[tag]}"))
        for name, value in element.attrib.items():
            attribute = _local(name).lower()
            qualified = "xlink:href" if name.endswith("}href") and "xlink" in name else attribute
            if problem := attribute_problem(qualified, value):
                found.append((line, f"<{tag} {qualified}=…>: {problem}"))
            elif tag == "use" and attribute == "href" and not value.strip().startswith("#"):
                found.append(
                    (line, f"<use href=…>: expected a reference inside the file (#id) — got {shown_text(value)}")
                )
            elif attribute == "href" and scheme_of(value) is not None and tag not in ("a",):
                found.append((line, f"<{tag} href=…>: expected no outside address in an image"))
    return found


def _element_lines(path: Path) -> list[int]:
    """The line each element starts on, in document order (expat reports it; ElementTree does not).

    Called only on a file defusedxml has parsed: it has no DTD, so no entity to expand."""
    lines: list[int] = []
    parser = expat.ParserCreate()
    parser.StartElementHandler = lambda name, attrs: lines.append(parser.CurrentLineNumber)
    parser.Parse(path.read_bytes(), True)
    return lines


def _local(name: str) -> str:
    """'script' for '{http://www.w3.org/2000/svg}script'."""
    return name.rsplit("}", 1)[-1]
