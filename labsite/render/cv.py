"""`cv.pdf`: the professor's CV as an accessible PDF, typeset by Typst from the same data as the site.

Why Typst (its PyPI package, a wheel with no system dependency): it makes tagged PDF by default, and
with the PDF/UA-1 profile it refuses to write a document whose text a font cannot show, so a name in
a script no installed font covers stops the build with its text named instead of printing boxes.
No TeX, no browser.

Data is never Typst source: the template (`templates/cv/cv.typ`) reads one JSON value from
`sys.inputs`, and Typst shows its strings as text (a `#`, `$` or `*` in a title prints as itself).
The words come from where the page's come from: the venue line is the page's own partial
(`partials/venue-line.html`, worded from `derive/citing.py`) as plain text, dates and terms as the
CV and Teaching pages print them.

The PDF is made only when its inputs change: it is kept under `.cache/labsite-cv/` by a hash of the
JSON, the template and Typst's version, and the same inputs give the same bytes (a fixed timestamp).
"""

from __future__ import annotations

import functools
import hashlib
import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

from markupsafe import Markup

from labsite.derive.views import Site
from labsite.models.people import DEGREE_ORDER, ROLE_OF_CURRENT
from labsite.render.html import TEMPLATES, and_list, environment, month_year

TEMPLATE = TEMPLATES / "cv" / "cv.typ"
CACHE = Path(".cache") / "labsite-cv"
FONTS = ("DejaVu Sans", "Noto Sans CJK SC")
"""Latin, Greek, Cyrillic, Arabic and Vietnamese from Debian's fonts-dejavu-core; Chinese, Japanese and
Korean from fonts-noto-cjk (scripts/system-deps.sh installs both)."""


class CvError(Exception):
    """Typst could not make the PDF (most often: a name in a script no installed font covers)."""


def _text(html: str) -> str:
    return " ".join(Markup(html).striptags().split())


def _dates(entry: Any) -> str:
    """As the CV page dates a line (`partials/cv-entry.html`): 'Sep 2013 – Jun 2020', '… – present'."""
    return f"{month_year(entry.start)} – {month_year(entry.end) if entry.end else 'present'}"


def document(site: Site, url: str | None = None) -> dict[str, Any]:
    """Everything the CV shows, as plain JSON values, in the order it shows them."""
    profile = site.profile
    venue_line = _environment().get_template("partials/venue-line.html")

    def paper(pub: Any) -> dict[str, Any]:
        authors = [
            {"name": a.name, "pi": a.is_pi, "equal": a.equal_contribution, "member": bool(a.person_id)}
            for a in site.authors_of(pub)
        ]
        return {
            "title": pub.title,
            "url": f"{url}publications/{pub.id}/" if url else None,
            "authors": authors,
            "et_al": pub.et_al,
            "alphabetical": pub.author_order == "alphabetical",
            "venue": _text(venue_line.render(site=site, pub=pub, base="")),
            "note": pub.note,
            "badges": [b for b in [pub.presentation, *pub.awards] if b],
        }

    def person(person_id: str) -> dict[str, Any]:
        member = site.person(person_id)
        if member.end is None:
            role = ROLE_OF_CURRENT[member.degree] + (f", since {member.start}" if member.start else "")
        else:
            years = f"{member.start}–{member.end}" if member.start else str(member.end)
            role = f"{member.degree}, {years}" + (f"; now {member.now}" if member.now else "")
        return {"name": member.name, "role": role}

    by_role = sorted(site.current_members, key=lambda i: DEGREE_ORDER.index(site.person(i).degree))
    return {
        "lang": site.settings.language,
        "title": f"{profile.name} — Curriculum Vitae",
        "fonts": list(FONTS),
        "profile": {
            "name": profile.name,
            "lines": [profile.title, profile.department, profile.university],
            "email": profile.email,
            "links": [{"label": link.label, "url": link.url} for link in profile.links],
            "url": url,
        },
        "awards": [f"{a.name}, {a.year}" for a in site.awards],
        "education": [
            {"dates": _dates(e), "what": f"{e.degree}, {e.institution}", "detail": e.note or ""}
            for e in profile.education
        ],
        "experience": [
            {
                "dates": _dates(e),
                "what": f"{e.role}, {e.organization}",
                "detail": f"Working with {and_list(e.mentors)}" if e.mentors else "",
            }
            for e in profile.experience
        ],
        "teaching": [
            {"number": c.number, "title": c.title, "terms": ", ".join(site.terms_of(c))} for c in site.courses
        ],
        "members": [person(i) for i in by_role],
        "alumni": [person(i) for i in site.alumni],
        "publications": [paper(p) for p in site.publications],
    }


@functools.cache
def _fonts() -> Any:
    """The installed fonts, found once per process: finding them is most of a compile's cost (0.3–0.6 s
    against under 0.1 s to typeset), which a preview would otherwise pay on every edit of the CV's data."""
    import typst

    return typst.Fonts()


@functools.cache
def _environment() -> Any:
    return environment()


def pdf(site: Site, url: str | None = None, root: Path | None = None) -> bytes:
    """The CV as PDF bytes, from the cache when the same inputs made it before."""
    value = json.dumps(document(site, url), ensure_ascii=False, sort_keys=True)
    template = TEMPLATE.read_bytes()
    key = hashlib.sha256(b"\0".join([value.encode(), template, version("typst").encode()])).hexdigest()
    cache = (root or site.data.root) / CACHE / f"{key}.pdf"
    if cache.is_file():
        return cache.read_bytes()
    import typst

    try:
        compiler = typst.Compiler(
            str(TEMPLATE), root=str(TEMPLATE.parent), font_paths=_fonts(), sys_inputs={"cv": value}
        )
        made = compiler.compile(format="pdf", pdf_standards=["ua-1"], timestamp=0)
    except typst.TypstError as error:
        hint = ""
        if "could not be displayed" in error.message:
            hint = " (hint: install a font for that script; Typst uses any installed font that has the letters)"
        raise CvError(f"cv.pdf could not be made: {error.message}{hint}") from None
    assert isinstance(made, bytes)
    cache.parent.mkdir(parents=True, exist_ok=True)
    for old in cache.parent.glob("*.pdf"):  # only the newest CV is worth keeping
        old.unlink()
    cache.write_bytes(made)
    return made
