"""Add papers from a BibTeX file (e.g. a DBLP export) to data/publications.yml.

Papers already present (same DOI, or same title once case, accents, braces and punctuation are
ignored) are skipped. New ones are appended as text at the end of the file, so every existing
entry, its order and its comments stay exactly as they were. Venues are mapped to the registry in
data/venues.yml; a paper whose venue cannot be mapped is still added (as a preprint) and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from labsite import characters, months
from labsite.check import load_checked
from labsite.commands import datawrite
from labsite.errors import one_line
from labsite.models.common import is_doi, is_safe_url
from labsite.models.publications import Venue
from labsite.names import title_key
from labsite.read.layout import data_file


@dataclass
class Report:
    added: list[dict[str, Any]] = field(default_factory=list)
    present: list[tuple[str, str]] = field(default_factory=list)
    """(title, how it matched: 'doi' or 'title')"""
    unmapped: list[tuple[str, str]] = field(default_factory=list)
    """(title, the venue text that matched nothing)"""
    problems: list[str] = field(default_factory=list)
    """Entries not imported, each with its line and why."""
    left_out: list[str] = field(default_factory=list)
    """Fields of imported entries that could not be kept (a malformed DOI, a non-web URL...)."""


def paper_id(title: str, taken: set[str]) -> str:
    """A new paper's id from the first words of its title, unique among `taken` (which it joins)."""
    head = title.split(":")[0] if len(title.split(":")[0].split()) <= 3 else " ".join(title.split()[:4])
    base = "-".join(re.findall(r"[a-z0-9]+", title_key(head).encode("ascii", "ignore").decode())) or "paper"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


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


def _clean(text: str, removed: list[str]) -> str:
    """One line of `text` without the characters no field may hold; their names join `removed`."""
    kept, dropped = characters.stripped(text)
    removed.extend(name for name in dropped if name not in removed)
    return " ".join(kept.split())


def _entries(text: str) -> tuple[list[Any], list[Any]]:
    """The entries bibtexparser could read, and the blocks it could not (reported, never dropped)."""
    import logging

    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware, MergeNameParts, SeparateCoAuthors, SplitNameParts

    parser_log = logging.getLogger("bibtexparser")
    level = parser_log.level
    parser_log.setLevel(logging.CRITICAL)  # its own messages give 0-based lines: ours name each block once
    try:
        library = bibtexparser.parse_string(
            text,
            append_middleware=[
                LatexDecodingMiddleware(),
                SeparateCoAuthors(),
                SplitNameParts(),
                MergeNameParts(style="first"),
            ],
        )
    finally:
        parser_log.setLevel(level)
    return list(library.entries), list(library.failed_blocks)


def _unreadable(block: Any) -> str:
    """Why bibtexparser could not read a block, in a sentence."""
    error = getattr(block, "error", None)
    if type(block).__name__ == "DuplicateBlockKeyBlock":
        return f"its key {block.key!r} is used by an earlier entry too"
    reason = getattr(error, "abort_reason", "") or str(error or "")
    return f"a BibTeX syntax error ({reason.strip() or 'check its braces, quotes and commas'})"


def plan(root: Path, bib_text: str, bib_name: str = "the .bib file") -> Report:
    """What an import would add, skip and report, without writing anything.

    Every entry of the file ends up in one of the lists: added, already present, or a problem
    naming its line (`bib_name` is the file's name in those messages).
    """
    data = load_checked(root)
    titles = {title_key(p.title) for p in data.publications}
    dois = {p.doi.casefold() for p in data.publications if p.doi}
    taken = {p.id for p in data.publications}
    report = Report()
    entries, unreadable = _entries(bib_text)
    for block in unreadable:
        first = (block.raw or "").strip().splitlines()[:1]
        shown_start = first[0][:60] if first else ""
        report.problems.append(
            one_line(f"{bib_name}:{block.start_line + 1}: not imported: {_unreadable(block)}: {shown_start}")
        )
    for entry in entries:
        fields = {k.lower(): v for k, v in entry.fields_dict.items()}
        removed: list[str] = []
        raw_title = str(fields["title"].value if "title" in fields else "")
        title = _clean(raw_title.replace("{", "").replace("}", ""), removed)
        doi = str(fields["doi"].value).strip() if "doi" in fields else None
        if doi and doi.casefold() in dois:
            report.present.append((title, "doi"))
            continue
        if title_key(title) in titles:
            report.present.append((title, "title"))
            continue
        authors = [a for a in (fields["author"].value if "author" in fields else []) if a.strip()]
        et_al = bool(authors) and authors[-1].strip().lower() == "others"
        authors = [_clean(a, removed) for a in authors if a.strip().lower() != "others"]
        authors = [a for a in authors if a]
        year = str(fields["year"].value).strip() if "year" in fields else ""
        missing = [what for what, ok in (("title", title), ("authors", authors), ("year", year)) if not ok]
        if missing or not year.isdigit():
            why = f"it has no {' and no '.join(missing)}" if missing else f"its year {year!r} is not a number"
            report.problems.append(
                one_line(f"{bib_name}:{entry.start_line + 1}: not imported: '{title or entry.key}': {why}")
            )
            continue
        source = fields.get("booktitle") or fields.get("journal") or fields.get("howpublished")
        where = _clean(str(source.value), removed) if source else ""
        record: dict[str, Any] = {"id": paper_id(title, taken), "title": title, "authors": authors}
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
        without = one_line(f"{bib_name}:{entry.start_line + 1}: '{title}' imported without")
        if removed:
            report.left_out.append(f"{without} {', '.join(removed)} (no field may hold one)")
        month = months.number(str(fields["month"].value)) if "month" in fields else None
        if month:
            record["month"] = month
        elif "month" in fields:
            report.left_out.append(one_line(f"{without} its month {str(fields['month'].value)!r} (not a month)"))
        if doi and is_doi(doi):
            record["doi"] = doi
        elif doi:
            report.left_out.append(f"{without} its doi {doi!r} (not a DOI like 10.1234/abc)")
        url = str(fields["url"].value).strip() if "url" in fields else ""
        if url and is_safe_url(url) and url.startswith("http"):
            record["links"] = {"pdf" if url.lower().endswith(".pdf") else "project": url}
        elif url:
            report.left_out.append(f"{without} its url {url!r} (not an http(s) link)")
        titles.add(title_key(title))
        if doi:
            dois.add(doi.casefold())
        report.added.append(record)
    return report


def apply(root: Path, report: Report) -> None:
    """Append the planned entries to data/publications.yml, if the data then still checks."""
    path = root / data_file("publications.yml")
    text = datawrite.appended(path.read_text(encoding="utf-8"), "publications", report.added, datawrite.ORDER)
    try:
        datawrite.write_checked(root, {data_file("publications.yml"): text})
    except ValueError as error:
        raise ValueError(f"{data_file('publications.yml')}: {error}") from None
