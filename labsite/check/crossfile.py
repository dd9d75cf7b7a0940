"""Checks across files: ids are unique, references resolve, referenced files exist and are light, each
spelling of a name belongs to one person, and Markdown fields hold only what the renderer shows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel

from labsite import markdown
from labsite import names as authors
from labsite.errors import DataError
from labsite.models.common import Markdown
from labsite.read import files, yamlfile
from labsite.read.load import SiteData
from labsite.read.validate import dotted


def cross_check(data: SiteData, documents: dict[str, Any], data_dir: str) -> list[DataError]:
    errors: list[DataError] = []

    def place(file: str, path: tuple[Any, ...]) -> int:
        return yamlfile.line_of(documents.get(f"{data_dir}/{file}"), path, fallback=1)

    def refuse(file: str, path: tuple[Any, ...], message: str, hint: str = "") -> None:
        errors.append(DataError(f"{data_dir}/{file}", place(file, path), dotted(path), message, hint))

    def unique(file: str, key: str, ids: list[str]) -> None:
        for item_id, count in Counter(ids).items():
            if count > 1:
                first, second = [n for n, x in enumerate(ids) if x == item_id][:2]
                refuse(
                    file, (key, second, "id"), f"duplicate id {item_id!r} (also item {first + 1})", "ids must be unique"
                )

    def known(file: str, path: tuple[Any, ...], value: str, ids: Any, what: str, where: str) -> None:
        if value not in ids:
            import difflib

            close = difflib.get_close_matches(value, list(ids), n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"add it to {where} first"
            refuse(file, path, f"expected a {what} id from {where} — got {value!r}", hint)

    pubs = [p.id for p in data.publications]
    projects = [p.id for p in data.projects]
    unique("publications.yml", "publications", pubs)
    unique("projects.yml", "projects", projects)
    unique("venues.yml", "venues", _ids(documents, data_dir, "venues.yml", "venues"))
    unique("topics.yml", "topics", _ids(documents, data_dir, "topics.yml", "topics"))

    for paper_id in data.citations.counts:
        if paper_id not in pubs:
            refuse(
                "citations.yml",
                ("counts", paper_id),
                f"expected a paper id from data/publications.yml — got {paper_id!r}",
                "run `python -m labsite citations` again to regenerate the file",
            )

    for n, pub in enumerate(data.publications):
        if pub.venue is not None:
            known("publications.yml", ("publications", n, "venue"), pub.venue, data.venues, "venue", "data/venues.yml")
        for k, topic in enumerate(pub.topics):
            known("publications.yml", ("publications", n, "topics", k), topic, data.topics, "topic", "data/topics.yml")
        for k, project in enumerate(pub.projects):
            known(
                "publications.yml",
                ("publications", n, "projects", k),
                project,
                projects,
                "project",
                "data/projects.yml",
            )

    for n, project in enumerate(data.projects):
        for k, topic in enumerate(project.topics):
            known("projects.yml", ("projects", n, "topics", k), topic, data.topics, "topic", "data/topics.yml")
        for k, person in enumerate(project.people):
            known("projects.yml", ("projects", n, "people", k), person, data.people, "person", "data/people/")

    for n, award in enumerate(data.awards):
        if award.publication:
            known(
                "awards.yml",
                ("awards", n, "publication"),
                award.publication,
                pubs,
                "publication",
                "data/publications.yml",
            )

    profile = data.profile
    for k, pub_id in enumerate(profile.selected_publications):
        known("profile.yml", ("selected_publications", k), pub_id, pubs, "publication", "data/publications.yml")
    for k, project_id in enumerate(profile.selected_projects):
        known("profile.yml", ("selected_projects", k), project_id, projects, "project", "data/projects.yml")
    if profile.photo:
        _photo("profile.yml", profile.photo, data, refuse)

    for person_id, person in data.people.items():
        file = f"people/{person_id}.yml"
        if person.photo:
            _photo(file, person.photo, data, refuse)
    _identities(data, refuse)
    _markdown(data, refuse)
    return errors


@dataclass(frozen=True)
class _Claim:
    """One spelling by which a file says 'this is me': a name or an alias."""

    file: str
    path: tuple[Any, ...]
    text: str

    @property
    def rank(self) -> int:
        """Who keeps a spelling claimed twice: the professor, then a member's name, then an alias."""
        return 0 if self.file == "profile.yml" else 1 if self.path == ("name",) else 2

    def role(self) -> str:
        kind = "name" if self.path == ("name",) else "alias"
        if self.file == "profile.yml":
            return f"the professor's {kind} in data/profile.yml"
        return f"{'the' if kind == 'name' else 'an'} {kind} in data/{self.file}"


def _identities(data: SiteData, refuse: Any) -> None:
    """Each spelling of a name belongs to one person: an alias that equals the professor's name would
    take all the professor's papers, and two files with one name would be one person shown twice. Spellings
    are compared by `authors.name_key`, the key that decides who wrote a paper."""
    owners = [("profile.yml", data.profile), *((f"people/{i}.yml", p) for i, p in sorted(data.people.items()))]
    claims: dict[str, list[_Claim]] = {}
    for file, record in owners:
        spellings = [(("name",), record.name), *((("aliases", k), a) for k, a in enumerate(record.aliases))]
        own: set[str] = set()
        for path, text in spellings:
            key = authors.name_key(text)
            if key and key not in own:
                own.add(key)
                claims.setdefault(key, []).append(_Claim(file, path, text))
    for group in claims.values():
        if len(group) < 2:
            continue
        best = min(c.rank for c in group)
        keepers = [c for c in group if c.rank == best]
        for claim in group:
            if claim.rank == best and len(keepers) == 1:
                continue
            other = next(c for c in [*keepers, *group] if c.file != claim.file)
            if other.file == "profile.yml":
                hint = "the professor's spellings belong to data/profile.yml alone: remove it here"
            elif claim.path == ("name",):
                hint = "one person, one file: merge the two; two people: tell them apart, e.g. with a middle initial"
            else:
                hint = "remove it: every paper with that author would be counted as this person's"
            if claim.text == other.text:
                message = f"{claim.text!r} is already {other.role()}"
            else:
                message = f"{claim.text!r} is {other.text!r}, {other.role()}, written differently"
            refuse(claim.file, claim.path, message, hint)


def _photo(file: str, photo: str, data: SiteData, refuse: Any) -> None:
    path = data.root / files.DOCS_DIR / photo
    if files.linked(data.root, f"{files.DOCS_DIR}/{photo}") or (
        photo.startswith(f"{files.PHOTO_DIR}/") and path.is_file()
    ):
        return  # files.problems reports the link, or what is wrong with a file in the photo folder
    if not path.is_file():
        refuse(
            file, ("photo",), f"expected a file at docs/{photo} — it does not exist", "add the image or remove 'photo'"
        )
    elif problem := files.photo_problem(path, f"{files.DOCS_DIR}/{photo}"):
        refuse(file, ("photo",), *problem)


def _markdown(data: SiteData, refuse: Any) -> None:
    """Every Markdown field holds only what the renderer shows: what it would strip (an image, a
    `javascript:` link written with character references) is refused here instead of vanishing."""
    records: list[tuple[str, tuple[Any, ...], BaseModel]] = [("profile.yml", (), data.profile)]
    records += [(f"people/{i}.yml", (), p) for i, p in data.people.items()]
    records += [("publications.yml", ("publications", n), p) for n, p in enumerate(data.publications)]
    records += [("projects.yml", ("projects", n), p) for n, p in enumerate(data.projects)]
    records += [("news.yml", ("news", n), item) for n, item in enumerate(data.news)]
    records += [("teaching.yml", ("courses", n), c) for n, c in enumerate(data.courses)]
    for file, prefix, record in records:
        for path, text in _markdown_fields(record, prefix):
            for problem, hint in markdown.refused(text):
                refuse(file, path, problem, hint)


def _markdown_fields(record: BaseModel, prefix: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(path, text) of each field the schema types as Markdown, found from the model itself, so a
    Markdown field added later is checked without being listed here."""
    texts, nested = _fields_to_read(type(record))
    for name in texts:
        value = getattr(record, name)
        if value:
            yield (*prefix, name), value
    for name in nested:
        value = getattr(record, name)
        if isinstance(value, BaseModel):
            yield from _markdown_fields(value, (*prefix, name))
        elif isinstance(value, list):
            for k, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _markdown_fields(item, (*prefix, name, k))


@cache
def _fields_to_read(model: type[BaseModel]) -> tuple[list[str], list[str]]:
    """A model's Markdown fields, and the fields that may hold records with more of them."""
    texts, nested = [], []
    for name, field in model.model_fields.items():
        extra = field.json_schema_extra
        if isinstance(extra, dict) and extra.get("contentMediaType") == "text/markdown":
            texts.append(name)  # `field: Markdown` (pydantic moves the type's metadata onto the field)
        elif any(arg is Markdown for arg in get_args(field.annotation)):
            texts.append(name)  # `field: Markdown | None`
        elif any(isinstance(arg, type) and issubclass(arg, BaseModel) for arg in _flat_args(field.annotation)):
            nested.append(name)
    return texts, nested


def _flat_args(annotation: Any) -> list[Any]:
    args = [annotation]
    for arg in get_args(annotation):
        args += _flat_args(arg)
    return args


def _ids(documents: dict[str, Any], data_dir: str, file: str, key: str) -> list[str]:
    document = documents.get(f"{data_dir}/{file}") or {}
    return [item.get("id") for item in document.get(key) or [] if isinstance(item, dict)]
