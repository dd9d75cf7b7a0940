"""Add papers from a BibTeX file (e.g. a DBLP export) to data/publications.yml.

Papers already present (same DOI, or same title once case, accents, braces and punctuation are
ignored) are skipped. New ones are appended as text at the end of the file, so every existing
entry, its order and its comments stay exactly as they were. Venues are mapped to the registry in
data/venues.yml; a paper whose venue cannot be mapped is still added (as a preprint) and reported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import datawrite
from .load import load
from .models.common import is_safe_url
from .models.publications import Venue

MONTHS = {
    m: n for n, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}


@dataclass
class Report:
    added: list[dict[str, Any]] = field(default_factory=list)
    present: list[tuple[str, str]] = field(default_factory=list)
    """(title, how it matched: 'doi' or 'title')"""
    unmapped: list[tuple[str, str]] = field(default_factory=list)
    """(title, the venue text that matched nothing)"""
    problems: list[str] = field(default_factory=list)


def normalise_title(title: str) -> str:
    text = unicodedata.normalize("NFKD", title.replace("{", "").replace("}", ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _slug(title: str, taken: set[str]) -> str:
    head = title.split(":")[0] if len(title.split(":")[0].split()) <= 3 else " ".join(title.split()[:4])
    base = "-".join(re.findall(r"[a-z0-9]+", normalise_title(head).encode("ascii", "ignore").decode())) or "paper"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def _month(value: str | None) -> int | None:
    if not value:
        return None
    text = value.strip().lower()
    return int(text) if text.isdigit() and 1 <= int(text) <= 12 else MONTHS.get(text[:3])


def map_venue(text: str, venues: dict[str, Venue]) -> str | None:
    """The registry id for a booktitle/journal: an acronym in parentheses, the id as a word, or the name."""
    if not text:
        return None
    lowered = text.casefold()
    by_id = {v.casefold(): v for v in venues}
    for acronym in re.findall(r"\(([^()]+)\)", text):
        if acronym.strip().casefold() in by_id:
            return by_id[acronym.strip().casefold()]
    for word in re.findall(r"[\w&+.-]+", text):
        if word.casefold() in by_id:
            return by_id[word.casefold()]
    for venue in venues.values():
        if venue.name.casefold() in lowered:
            return venue.id
    return None


def _entries(text: str) -> list[Any]:
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware, MergeNameParts, SeparateCoAuthors, SplitNameParts

    library = bibtexparser.parse_string(
        text,
        append_middleware=[
            LatexDecodingMiddleware(),
            SeparateCoAuthors(),
            SplitNameParts(),
            MergeNameParts(style="first"),
        ],
    )
    return list(library.entries)


def plan(root: Path, bib_text: str) -> Report:
    """What an import would add, skip and report, without writing anything."""
    data = load(root)
    titles = {normalise_title(p.title) for p in data.publications}
    dois = {p.doi.casefold() for p in data.publications if p.doi}
    taken = {p.id for p in data.publications}
    report = Report()
    for entry in _entries(bib_text):
        fields = {k.lower(): v for k, v in entry.fields_dict.items()}
        title = " ".join(
            str(fields["title"].value if "title" in fields else "").replace("{", "").replace("}", "").split()
        )
        doi = str(fields["doi"].value).strip() if "doi" in fields else None
        if doi and doi.casefold() in dois:
            report.present.append((title, "doi"))
            continue
        if normalise_title(title) in titles:
            report.present.append((title, "title"))
            continue
        authors = [a for a in (fields["author"].value if "author" in fields else []) if a.strip()]
        et_al = bool(authors) and authors[-1].strip().lower() == "others"
        authors = [" ".join(a.split()) for a in authors if a.strip().lower() != "others"]
        if not title or not authors or "year" not in fields or not str(fields["year"].value).strip().isdigit():
            report.problems.append(f"skipped '{title or entry.key}': it needs a title, authors and a year")
            continue
        source = fields.get("booktitle") or fields.get("journal") or fields.get("howpublished")
        where = " ".join(str(source.value).split()) if source else ""
        record: dict[str, Any] = {"id": _slug(title, taken), "title": title, "authors": authors}
        if et_al:
            record["et_al"] = True
        venue = map_venue(where, data.venues)
        if venue:
            record["venue"] = venue
        else:
            record["type"] = "preprint"
            if entry.entry_type.lower() not in ("misc", "unpublished") and "arxiv" not in where.lower():
                report.unmapped.append((title, where))
        record["year"] = int(str(fields["year"].value))
        month = _month(str(fields["month"].value)) if "month" in fields else None
        if month:
            record["month"] = month
        if doi and re.fullmatch(r"10\.\d{4,9}/\S+", doi):
            record["doi"] = doi
        url = str(fields["url"].value).strip() if "url" in fields else ""
        if url and is_safe_url(url) and url.startswith("http"):
            record["links"] = {"pdf" if url.lower().endswith(".pdf") else "project": url}
        titles.add(normalise_title(title))
        if doi:
            dois.add(doi.casefold())
        report.added.append(record)
    return report


def apply(root: Path, report: Report) -> None:
    """Append the planned entries to data/publications.yml, if the data then still checks."""
    path = root / "data" / "publications.yml"
    text = datawrite.appended(path.read_text(encoding="utf-8"), "publications", report.added, datawrite.ORDER)
    try:
        datawrite.write_checked(root, {"data/publications.yml": text})
    except ValueError as error:
        raise ValueError(f"data/publications.yml: {error}") from None
