"""References between files resolve: every id a record names is the id of something the site has.

A wrong id would otherwise be dropped without a word: a paper missing from its project's page, a
venue printed as nothing. Each finding suggests the closest existing id, or the file to add it to.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator
from typing import Any

from labsite.check.context import Context, Finding
from labsite.read.layout import PEOPLE_DIR, data_file


def papers_name_known_venues_topics_projects(ctx: Context) -> Iterator[Finding]:
    """Refuses a paper's venue, topic or project that `venues.yml`, `topics.yml` or `projects.yml` lacks:
    the paper would be cited without its venue, or left out of the topic's or the project's list."""
    data = ctx.data
    projects = [p.id for p in data.projects]
    for n, pub in enumerate(data.publications):
        path: tuple[str | int, ...]
        if pub.venue is not None:
            path = ("publications", n, "venue")
            yield from _known("publications.yml", path, pub.venue, data.venues, "venue", data_file("venues.yml"))
        for k, topic in enumerate(pub.topics):
            path = ("publications", n, "topics", k)
            yield from _known("publications.yml", path, topic, data.topics, "topic", data_file("topics.yml"))
        for k, project in enumerate(pub.projects):
            path = ("publications", n, "projects", k)
            yield from _known("publications.yml", path, project, projects, "project", data_file("projects.yml"))


def projects_name_known_topics_people(ctx: Context) -> Iterator[Finding]:
    """Refuses a project's topic that `topics.yml` lacks, or a member who has no file in `people/`:
    the project would be missing from its topic, or show a member it cannot link to."""
    data = ctx.data
    for n, project in enumerate(data.projects):
        for k, topic in enumerate(project.topics):
            path = ("projects", n, "topics", k)
            yield from _known("projects.yml", path, topic, data.topics, "topic", data_file("topics.yml"))
        for k, person in enumerate(project.people):
            path = ("projects", n, "people", k)
            yield from _known("projects.yml", path, person, data.people, "person", f"{data_file(PEOPLE_DIR)}/")


def awards_name_known_papers(ctx: Context) -> Iterator[Finding]:
    """Refuses an award for a paper that `publications.yml` lacks: it would name a paper the site has not."""
    papers = [p.id for p in ctx.data.publications]
    for n, award in enumerate(ctx.data.awards):
        if award.publication:
            path = ("awards", n, "publication")
            yield from _known(
                "awards.yml", path, award.publication, papers, "publication", data_file("publications.yml")
            )


def profile_selects_known_papers_projects(ctx: Context) -> Iterator[Finding]:
    """Refuses a paper or project selected for the home page that its file lacks: the home page would
    show one fewer without a word."""
    data = ctx.data
    papers = [p.id for p in data.publications]
    projects = [p.id for p in data.projects]
    for k, pub_id in enumerate(data.profile.selected_publications):
        path = ("selected_publications", k)
        yield from _known("profile.yml", path, pub_id, papers, "publication", data_file("publications.yml"))
    for k, project_id in enumerate(data.profile.selected_projects):
        path = ("selected_projects", k)
        yield from _known("profile.yml", path, project_id, projects, "project", data_file("projects.yml"))


def _known(
    file: str, path: tuple[Any, ...], value: str, ids: Collection[str], what: str, where: str
) -> Iterator[Finding]:
    """A finding if `value` is not one of `ids` (a `what` id listed in `where`), with the closest id."""
    if value not in ids:
        close = difflib.get_close_matches(value, list(ids), n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"add it to {where} first"
        yield Finding(file, path, f"expected a {what} id from {where} — got {value!r}", hint)
