"""BibTeX from data: stable keys, the right entry types, LaTeX special characters escaped.

What TeX's own clients expect (checked with bibtex's plain and plainnat styles and with biber):
months are the predefined macros (`month = apr`, never braced, or styles print "apr" and biber
warns), `doi` and `url` are verbatim (never LaTeX-escaped), and no value can unbalance the braces
that delimit it, since BibTeX counts braces even after a backslash. Accented Latin letters are
written as LaTeX accents (`{\\'{e}}`), the form BibTeX's styles abbreviate and sort correctly and
pdflatex sets without extra packages; letters of other scripts stay UTF-8 (biber reads them).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING

from labsite import months
from labsite.names import ascii_fold, name_key

if TYPE_CHECKING:
    from labsite.derive.views import Site
    from labsite.models.publications import Publication, PublicationType

_ENTRY: dict[PublicationType, str] = {
    "conference": "inproceedings",
    "workshop": "inproceedings",
    "journal": "article",
    "thesis": "phdthesis",
    "preprint": "misc",
}
# Braces are written as text commands, not `\{`: BibTeX counts every brace, escaped or not, so a
# title with one stray brace would otherwise swallow the rest of the file.
_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# Combining marks that LaTeX's own text accents draw (in OT1 and T1 alike), and letters that do not
# decompose into a base letter and marks.
_ACCENTS = {
    "\u0300": "`",
    "\u0301": "'",
    "\u0302": "^",
    "\u0303": "~",
    "\u0304": "=",
    "\u0306": "u",
    "\u0307": ".",
    "\u0308": '"',
    "\u030a": "r",
    "\u030b": "H",
    "\u030c": "v",
    "\u0323": "d",
    "\u0327": "c",
    "\u0328": "k",
    "\u0331": "b",
}
_LETTERS = {
    "ø": r"\o",
    "Ø": r"\O",
    "æ": r"\ae",
    "Æ": r"\AE",
    "œ": r"\oe",
    "Œ": r"\OE",
    "ß": r"\ss",
    "ł": r"\l",
    "Ł": r"\L",
}
_STOP = {"a", "an", "the", "on", "of", "for", "and", "to", "in", "with", "via", "towards"}


def escape(text: str) -> str:
    """Text for a BibTeX text field: LaTeX's special characters written so they print as themselves."""
    return "".join(_SPECIAL.get(ch) or _latin(ch) for ch in unicodedata.normalize("NFC", text))


def _latin(ch: str) -> str:
    """A letter with one accent as one BibTeX "special character" (`{\\'{e}}`), a letter such as ø
    as `{\\o}`; anything else unchanged. Letters with two accents (Vietnamese ặ) stay UTF-8:
    biber decodes stacked accents in the wrong order."""
    if ch.isascii():
        return ch
    if ch in _LETTERS:
        return "{" + _LETTERS[ch] + "}"
    decomposed = unicodedata.normalize("NFD", ch)
    if len(decomposed) != 2 or not decomposed[0].isascii() or decomposed[1] not in _ACCENTS:
        return ch
    return f"{{\\{_ACCENTS[decomposed[1]]}{{{decomposed[0]}}}}}"


def _author(name: str) -> str:
    """A name for the `author` list. BibTeX reads "A, B" as "Last, First" and splits a list at
    every " and ": a name holding either is braced, so it stays one name, printed as written."""
    text = escape(name)
    return "{" + text + "}" if "," in name or re.search(r"\band\b", name, re.IGNORECASE) else text


def verbatim(value: str) -> str:
    """A DOI or URL for a verbatim field: not LaTeX-escaped (biblatex and `\\url` print it as it is).

    Braces are the one thing a verbatim field cannot hold (BibTeX counts them to find the value's
    end). RFC 3986 does not allow them unencoded in a URL, so `%7B`/`%7D` name the same address;
    in a DOI the data check should refuse them (a DOI is printed, and would print encoded).
    """
    return value.replace("{", "%7B").replace("}", "%7D")


def family_first(name: str) -> bool:
    """Chinese, Japanese and Korean names are written family name first."""
    return any(unicodedata.name(ch, "").startswith(("CJK UNIFIED", "HANGUL", "HIRAGANA", "KATAKANA")) for ch in name)


def _surname(name: str) -> str:
    """The first author's family name in ASCII letters, or '' when the name has none to give.

    Transliterated (王小明 → wangxiaoming, Søren Ødegård → odegard) so that a name in any script
    gives a readable key. A CJK name is kept whole rather than cut to its last word, which would
    be the given name.
    """
    folded = name_key(ascii_fold(name))
    parts = [folded.replace(" ", "")] if family_first(name) else folded.split()
    return re.sub(r"[^a-z0-9]", "", parts[-1]) if parts else ""


def _first_word(title: str) -> str:
    words = [re.sub(r"[^a-z0-9]", "", w) for w in name_key(ascii_fold(title).split(":")[0]).split()]
    return next((w for w in words if w and w not in _STOP), "paper")


def keys(pubs: list[Publication]) -> dict[str, str]:
    """Citation keys like `jia2019taso`, unique across the list (a, b... appended on collision).

    Keys depend only on first author, year and title, so they stay the same from build to build.
    When the first author's name leaves no letters (a dash, a symbol), the paper's id is the key.
    """
    result: dict[str, str] = {}
    taken: dict[str, int] = {}
    for pub in sorted(pubs, key=lambda p: p.id):
        surname = _surname(pub.authors[0])
        base = f"{surname}{pub.year}{_first_word(pub.title)}" if surname else pub.id
        n = taken.get(base, 0)
        taken[base] = n + 1
        result[pub.id] = base if n == 0 else f"{base}{chr(ord('a') + n - 1)}"
    return result


def entry(site: Site, pub: Publication, key: str) -> str:
    cited = site.citation_of(pub)
    authors = " and ".join(_author(a) for a in pub.authors) + (" and others" if pub.et_al else "")
    # Each value as written in the file: braced text, or a bare month macro.
    fields: list[tuple[str, str]] = [("title", "{{" + escape(pub.title) + "}}"), ("author", "{" + authors + "}")]
    if cited.venue and cited.container:
        container = f"{cited.container} ({cited.venue.id})"
        fields.append(("journal" if cited.in_journal else "booktitle", "{" + escape(container) + "}"))
    if cited.kind == "thesis" and pub.institution:
        fields.append(("school", "{" + escape(pub.institution) + "}"))
    if pub.location:
        fields.append(("address", "{" + escape(pub.location) + "}"))
    fields.append(("year", f"{{{cited.year}}}"))
    if cited.month:
        fields.append(("month", months.abbreviation(cited.month)))
    if pub.doi:
        fields.append(("doi", "{" + verbatim(pub.doi) + "}"))
    url = pub.links.pdf or pub.links.arxiv or pub.links.project
    if url:
        fields.append(("url", "{" + verbatim(url) + "}"))
    if cited.notes:
        fields.append(("note", "{" + ". ".join(escape(note) for note in cited.notes) + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{_ENTRY[cited.kind]}{{{key},\n{body}\n}}"


@functools.lru_cache(maxsize=4)
def citation_keys(site: Site) -> dict[str, str]:
    """Every paper's key by id, across the whole site: one paper has one key in every file."""
    return keys(site.publications)


@functools.lru_cache(maxsize=4)
def entries(site: Site) -> dict[str, str]:
    """Every paper's entry by id, written once per site model: a paper's page, the `.bib` file and a
    person's show the same entry."""
    all_keys = citation_keys(site)
    return {p.id: entry(site, p, all_keys[p.id]) for p in site.publications}


def bibliography(site: Site, pubs: list[Publication] | None = None) -> str:
    """Every paper (or those given, in their order) as one `.bib` file, newest first."""
    written = entries(site)
    return "\n\n".join(written[p.id] for p in (site.publications if pubs is None else pubs)) + "\n"
