"""BibTeX from data: stable keys, the right entry types, LaTeX special characters escaped."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .authors import name_key

if TYPE_CHECKING:
    from .models.publications import Publication
    from .views import Site

_ENTRY = {
    "conference": "inproceedings",
    "workshop": "inproceedings",
    "journal": "article",
    "thesis": "phdthesis",
    "preprint": "misc",
}
_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_STOP = {"a", "an", "the", "on", "of", "for", "and", "to", "in", "with", "via", "towards"}
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def escape(text: str) -> str:
    return "".join(_SPECIAL.get(ch, ch) for ch in text)


def _surname(name: str) -> str:
    parts = name_key(name).split()
    return re.sub(r"[^a-z0-9]", "", parts[-1]) if parts else "anon"


def _first_word(title: str) -> str:
    words = [re.sub(r"[^a-z0-9]", "", w) for w in name_key(title.split(":")[0]).split()]
    return next((w for w in words if w and w not in _STOP), "paper")


def keys(pubs: list[Publication]) -> dict[str, str]:
    """Citation keys like `jia2019taso`, unique across the list (a, b... appended on collision).

    Keys depend only on first author, year and title, so they stay the same from build to build.
    """
    result: dict[str, str] = {}
    taken: dict[str, int] = {}
    for pub in sorted(pubs, key=lambda p: p.id):
        base = f"{_surname(pub.authors[0])}{pub.year}{_first_word(pub.title)}"
        n = taken.get(base, 0)
        taken[base] = n + 1
        result[pub.id] = base if n == 0 else f"{base}{chr(ord('a') + n - 1)}"
    return result


def entry(site: Site, pub: Publication, key: str) -> str:
    kind = site.type_of(pub)
    venue = site.venue_of(pub)
    authors = " and ".join(escape(a) for a in pub.authors) + (" and others" if pub.et_al else "")
    fields: list[tuple[str, str]] = [("title", "{" + escape(pub.title) + "}"), ("author", authors)]
    if venue:
        name = venue.name if venue.type == "journal" else f"Proceedings of the {venue.name}"
        fields.append(("journal" if kind == "journal" else "booktitle", f"{escape(name)} ({escape(venue.id)})"))
    if kind == "thesis" and pub.institution:
        fields.append(("school", escape(pub.institution)))
    if pub.location:
        fields.append(("address", escape(pub.location)))
    fields.append(("year", str(pub.year)))
    if pub.month:
        fields.append(("month", _MONTHS[pub.month - 1]))
    if pub.doi:
        fields.append(("doi", escape(pub.doi)))
    url = pub.links.pdf or pub.links.arxiv or pub.links.project
    if url:
        fields.append(("url", url.replace("%", r"\%")))
    notes = []
    if pub.equal_contribution:
        notes.append(f"The first {pub.equal_contribution} authors contributed equally")
    notes += [escape(a) for a in pub.awards]
    if notes:
        fields.append(("note", ". ".join(notes)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{_ENTRY[kind]}{{{key},\n{body}\n}}"


def bibliography(site: Site) -> str:
    """Every paper as one `.bib` file, newest first."""
    all_keys = keys(site.publications)
    return "\n\n".join(entry(site, p, all_keys[p.id]) for p in site.publications) + "\n"
