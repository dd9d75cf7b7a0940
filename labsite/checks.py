"""Checks across files: ids are unique, references resolve, referenced files exist and are light."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from . import files, markdown, yamlfile
from .errors import DataError
from .validate import dotted

if TYPE_CHECKING:
    from .load import SiteData


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
        if pub.abstract:
            _links_in("publications.yml", ("publications", n, "abstract"), pub.abstract, refuse)

    for n, project in enumerate(data.projects):
        for k, topic in enumerate(project.topics):
            known("projects.yml", ("projects", n, "topics", k), topic, data.topics, "topic", "data/topics.yml")
        for k, person in enumerate(project.people):
            known("projects.yml", ("projects", n, "people", k), person, data.people, "person", "data/people/")
        _links_in("projects.yml", ("projects", n, "description"), project.description, refuse)

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

    for n, item in enumerate(data.news):
        _links_in("news.yml", ("news", n, "text"), item.text, refuse)

    profile = data.profile
    for k, pub_id in enumerate(profile.selected_publications):
        known("profile.yml", ("selected_publications", k), pub_id, pubs, "publication", "data/publications.yml")
    for k, project_id in enumerate(profile.selected_projects):
        known("profile.yml", ("selected_projects", k), project_id, projects, "project", "data/projects.yml")
    for key in ("bio", "interests", "prospective"):
        if getattr(profile, key):
            _links_in("profile.yml", (key,), getattr(profile, key), refuse)
    if profile.photo:
        _photo("profile.yml", profile.photo, data, refuse)

    names: dict[str, str] = {}
    for person_id, person in data.people.items():
        file = f"people/{person_id}.yml"
        if person.photo:
            _photo(file, person.photo, data, refuse)
        if person.bio:
            _links_in(file, ("bio",), person.bio, refuse)
        key = person.name.casefold()
        if key in names:
            refuse(file, ("name",), f"the same name as data/people/{names[key]}.yml", "one file per person")
        names[key] = person_id
    return errors


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


def _links_in(file: str, path: tuple[Any, ...], text: str, refuse: Any) -> None:
    for url in markdown.unsafe_links(text):
        refuse(file, path, f"expected links starting with https://, http://, mailto: or / — got {url!r}")


def _ids(documents: dict[str, Any], data_dir: str, file: str, key: str) -> list[str]:
    document = documents.get(f"{data_dir}/{file}") or {}
    return [item.get("id") for item in document.get(key) or [] if isinstance(item, dict)]
