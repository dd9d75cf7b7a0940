"""Stage 1: read every file under `data/` into validated records, or fail with every problem at once.

This is the only place that knows the layout of `data/`. Each file is parsed (with line numbers) and
validated against its model. Rules across files are the next stage (`labsite.check`), which is why
the parsed documents travel with the records: a rule points at the line it found a problem on.
A caller that reads the same folder again (`mkdocs serve`, on every edit) passes a `ParsedFiles`:
a file whose path, size and modification time are unchanged is then not parsed again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel

from labsite.errors import DataError, DataErrors, DataWarning
from labsite.models.activities import Award, Course, NewsItem, Project, SiteSettings
from labsite.models.common import is_slug
from labsite.models.people import Person, Profile
from labsite.models.publications import CitationsFile, ExternalAuthor, Publication, Topic, Venue
from labsite.read import files, validate, yamlfile
from labsite.read.layout import DATA_DIR, FILES, MAX_BYTES, MAX_BYTES_OTHER, PEOPLE_DIR, person_file


@dataclass
class SiteData:
    """Everything in `data/`, validated. Lists keep the order of the files."""

    root: Path
    settings: SiteSettings
    profile: Profile
    people: dict[str, Person]
    publications: list[Publication]
    venues: dict[str, Venue]
    topics: dict[str, Topic]
    projects: list[Project]
    courses: list[Course]
    news: list[NewsItem]
    awards: list[Award]
    external_authors: list[ExternalAuthor]
    citations: CitationsFile = field(default_factory=CitationsFile)
    data_dir: str = DATA_DIR
    documents: dict[str, Any] = field(default_factory=dict, repr=False)
    """Each file's parsed YAML, by its shown name ('data/people/x.yml'), for the lines of rules' messages."""
    warnings: list[DataWarning] = field(default_factory=list)
    """Set by the check stage: what a strict check refuses but a preview shows."""

    def person_file(self, person_id: str) -> str:
        return person_file(person_id)


class Parsed(NamedTuple):
    """One data file read and validated against its model."""

    record: Any
    """The model's value, or None when the file has problems."""
    problems: list[DataError]
    document: Any
    """The parsed YAML (with lines), or None when it could not be parsed."""


class Stamp(NamedTuple):
    """What a file was read from: the same stamp means the same bytes (as `mkdocs serve`'s own watcher
    and `labsite.site.fingerprint` assume)."""

    mtime_ns: int
    size: int
    inode: int


class _Entry(NamedTuple):
    stamp: Stamp
    model: type[BaseModel]
    max_bytes: int
    parsed: Parsed


@dataclass
class ParsedFiles:
    """Each file's `Parsed`, by path, kept from one `load` of a folder to the next: an edit to one
    person's file re-reads that file alone. Entries are checked against the file's stamp before use,
    so the cache needs no invalidating; files gone from the folder are dropped at each load."""

    entries: dict[Path, _Entry] = field(default_factory=dict)
    reads: int = 0
    """How many files were actually parsed (tests use it to prove an edit re-reads one file)."""

    def read(self, path: Path, shown_as: str, model: type[BaseModel], max_bytes: int) -> Parsed:
        try:
            info = os.lstat(path)
            stamp: Stamp | None = Stamp(info.st_mtime_ns, info.st_size, info.st_ino)
        except OSError:
            stamp = None  # _read reports why the file cannot be read
        entry = self.entries.get(path)
        if (
            stamp is not None
            and entry is not None
            and (entry.stamp, entry.model, entry.max_bytes)
            == (
                stamp,
                model,
                max_bytes,
            )
        ):
            return entry.parsed
        self.reads += 1
        parsed = Parsed(*_read(path, shown_as, model, max_bytes))
        if stamp is not None:
            self.entries[path] = _Entry(stamp, model, max_bytes, parsed)
        return parsed

    def keep_only(self, paths: set[Path]) -> None:
        for gone in self.entries.keys() - paths:
            del self.entries[gone]


def load(root: Path, data_dir: str = DATA_DIR, parsed: ParsedFiles | None = None) -> SiteData:
    """Read and validate `root/data_dir` file by file; raise `DataErrors` listing every problem found.

    Not yet checked across files: callers that use the data call `labsite.check.load_checked`.
    `parsed` keeps each file's result for the next call (see `ParsedFiles`).
    """
    parsed = ParsedFiles() if parsed is None else parsed
    seen: set[Path] = set()
    base = root / data_dir
    errors: list[DataError] = []
    documents: dict[str, Any] = {}
    records: dict[str, Any] = {}

    if not base.is_dir():
        raise DataErrors([DataError(data_dir, 0, "", "the data folder is missing", "create data/site.yml")])
    errors += files.problems(root, data_dir)
    if base.is_symlink():
        raise DataErrors(errors)

    for name, (model, required) in FILES.items():
        shown_as = f"{data_dir}/{name}"
        path = base / name
        if path.is_symlink():
            records[name] = None  # files.problems reports it; a link is never followed
            continue
        if not os.path.lexists(path):
            if required:
                errors.append(DataError(shown_as, 0, "", "required file is missing"))
            else:
                records[name] = model()
            continue
        record, problems, document = parsed.read(path, shown_as, model, MAX_BYTES.get(name, MAX_BYTES_OTHER))
        seen.add(path)
        errors += problems
        documents[shown_as] = document
        records[name] = record

    people: dict[str, Person] = {}
    people_dir = base / PEOPLE_DIR
    for path in sorted(people_dir.glob("*")) if people_dir.is_dir() and not people_dir.is_symlink() else []:
        shown_as = f"{data_dir}/{PEOPLE_DIR}/{path.name}"
        if path.is_symlink():
            continue  # files.problems reports it
        if path.suffix != ".yml" or not is_slug(path.stem):
            if path.name.startswith(".") or path.name.lower() == "readme.md":
                continue
            errors.append(
                DataError(
                    shown_as,
                    0,
                    "",
                    "a person's file must be named <id>.yml",
                    "use lowercase letters, digits and hyphens, e.g. jane-doe.yml",
                )
            )
            continue
        person, problems, document = parsed.read(path, shown_as, Person, MAX_BYTES[PEOPLE_DIR])
        seen.add(path)
        errors += problems
        documents[shown_as] = document
        if person is not None:
            people[path.stem] = person

    parsed.keep_only(seen)
    if errors or any(r is None for r in records.values()):
        raise DataErrors(errors)

    data = SiteData(
        root=root,
        settings=records["site.yml"],
        profile=records["profile.yml"],
        people=people,
        publications=records["publications.yml"].publications,
        venues={v.id: v for v in records["venues.yml"].venues},
        topics={t.id: t for t in records["topics.yml"].topics},
        projects=records["projects.yml"].projects,
        courses=records["teaching.yml"].courses,
        news=records["news.yml"].news,
        awards=records["awards.yml"].awards,
        external_authors=records["authors.yml"].authors,
        citations=records["citations.yml"],
        data_dir=data_dir,
        documents=documents,
    )
    return data


def _read(path: Path, shown_as: str, model: type[BaseModel], max_bytes: int) -> tuple[Any, list[DataError], Any]:
    document, problems = yamlfile.read(path, shown_as, max_bytes)
    if document is None and not problems:
        problems = [DataError(shown_as, 1, "", "the file is empty", "see the other files for the expected fields")]
    if document is None:
        return None, problems, document
    # duplicate keys are reported, and the rest of the file is still checked (first value kept)
    record, invalid = validate.check(model, document, shown_as)
    return (None if problems else record), problems + invalid, document
