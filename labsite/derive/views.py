"""Derived views of the data: who wrote what, which papers belong to which project, what is current.

Built once per build from `SiteData`; pages only ask for views. Nothing here is typed by hand:
alumni are people with an `end` year, a person's papers come from author lists, a project's people
from its papers (plus any it names).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import groupby
from typing import TypeVar

from labsite import names
from labsite.derive.citing import Citation, cite
from labsite.errors import DataWarning
from labsite.models.activities import Award, Course, NewsItem, Project, Term
from labsite.models.people import DEGREE_ORDER, Person
from labsite.models.publications import Publication, PublicationType, Venue
from labsite.read.load import SiteData

T = TypeVar("T")
K = TypeVar("K")
SEASON_ORDER = {"winter": 0, "spring": 1, "summer": 2, "fall": 3}
PI = "__pi__"


@dataclass(frozen=True)
class Author:
    """One name in a paper's author list, matched to a member when possible."""

    name: str
    person_id: str | None
    is_pi: bool
    equal_contribution: bool


class Site:
    """The site model: validated data plus every derived index, computed once."""

    def __init__(self, data: SiteData):
        self.data = data
        self.settings = data.settings
        self.profile = data.profile
        self._who: dict[str, str] = {}
        for name in [data.profile.name, *data.profile.aliases]:
            self._who[names.name_key(name)] = PI
        for person_id, person in data.people.items():
            for name in [person.name, *person.aliases]:
                self._who.setdefault(names.name_key(name), person_id)  # never over the professor

    # --- publications -------------------------------------------------------------------------
    @cached_property
    def publications(self) -> list[Publication]:
        """Newest first; within a month, in file order."""
        order = {p.id: n for n, p in enumerate(self.data.publications)}
        return sorted(self.data.publications, key=lambda p: (-p.year, -(p.month or 0), order[p.id]))

    @cached_property
    def _publication_by_id(self) -> dict[str, Publication]:
        return {p.id: p for p in self.data.publications}

    def publication(self, pub_id: str) -> Publication:
        return self._publication_by_id[pub_id]

    def authors_of(self, pub: Publication) -> list[Author]:
        result = []
        for n, name in enumerate(pub.authors):
            who = self._who.get(names.name_key(name))
            result.append(
                Author(
                    name=name,
                    person_id=who if who not in (None, PI) else None,
                    is_pi=who == PI,
                    equal_contribution=bool(pub.equal_contribution and n < pub.equal_contribution),
                )
            )
        return result

    def venue_of(self, pub: Publication) -> Venue | None:
        return self.data.venues.get(pub.venue) if pub.venue else None

    def cites_of(self, pub: Publication) -> int | None:
        """The paper's citation count from data/citations.yml, or None when it has none."""
        return self.data.citations.counts.get(pub.id)

    def free_copy(self, pub: Publication) -> str | None:
        """The open-access PDF OpenAlex knows, for a paper without a PDF link of its own (its own is
        linked as "PDF" and is the one reference managers attach)."""
        return None if pub.links.pdf else self.data.citations.free_copies.get(pub.id)

    def without_free_copy(self) -> list[Publication]:
        """Papers with neither a PDF link nor an open-access copy: the ones to deposit somewhere."""
        copies = self.data.citations.free_copies
        return [p for p in self.publications if not p.links.pdf and p.id not in copies]

    @property
    def has_citations(self) -> bool:
        return bool(self.data.citations.counts)

    @cached_property
    def _citations(self) -> dict[str, Citation]:
        return {p.id: cite(p, self.venue_of(p)) for p in self.data.publications}

    def citation_of(self, pub: Publication) -> Citation:
        """How the paper is cited, the same in every format (see `citing`)."""
        return self._citations[pub.id]

    def type_of(self, pub: Publication) -> PublicationType:
        return self.citation_of(pub).kind

    @cached_property
    def _papers_by_person(self) -> dict[str, list[Publication]]:
        index: dict[str, list[Publication]] = {}
        seen: set[tuple[str, str]] = set()  # (person, paper id): comparing papers themselves is slow
        for pub in self.publications:
            for author in self.authors_of(pub):
                key = PI if author.is_pi else author.person_id
                if key and (key, pub.id) not in seen:
                    seen.add((key, pub.id))
                    index.setdefault(key, []).append(pub)
        return index

    def papers_of(self, person_id: str) -> list[Publication]:
        return self._papers_by_person.get(person_id, [])

    @cached_property
    def _papers_by_project(self) -> dict[str, list[Publication]]:
        index: dict[str, list[Publication]] = {}
        for pub in self.publications:
            for project_id in dict.fromkeys(pub.projects):  # a project named twice lists the paper once
                index.setdefault(project_id, []).append(pub)
        return index

    def papers_of_project(self, project_id: str) -> list[Publication]:
        return self._papers_by_project.get(project_id, [])

    @cached_property
    def years(self) -> list[int]:
        return sorted({p.year for p in self.publications}, reverse=True)

    def selected_publications(self) -> list[Publication]:
        return [self.publication(i) for i in self.profile.selected_publications]

    # --- people -------------------------------------------------------------------------------
    def person(self, person_id: str) -> Person:
        return self.data.people[person_id]

    def _surname(self, person_id: str) -> str:
        words = names.name_key(self.data.people[person_id].name).split()
        return words[-1] if words else ""  # a name of punctuation only ('.') has no words

    @cached_property
    def current_members(self) -> list[str]:
        """Ids of members without an end year, by role then surname."""
        ids = [i for i, p in self.data.people.items() if p.end is None]
        return sorted(ids, key=lambda i: (DEGREE_ORDER.index(self.person(i).degree), self._surname(i), i))

    @cached_property
    def alumni(self) -> list[str]:
        """Ids of former members, most recent first, then by role and surname."""
        ids = [i for i, p in self.data.people.items() if p.end is not None]
        return sorted(
            ids,
            key=lambda i: (-(self.person(i).end or 0), DEGREE_ORDER.index(self.person(i).degree), self._surname(i), i),
        )

    # --- projects -----------------------------------------------------------------------------
    @cached_property
    def _project_by_id(self) -> dict[str, Project]:
        return {p.id: p for p in self.data.projects}

    def project(self, project_id: str) -> Project:
        return self._project_by_id[project_id]

    @property
    def projects(self) -> list[Project]:
        return self.data.projects

    def people_of_project(self, project_id: str) -> list[str]:
        """Members the project names, then members who wrote its papers, in group order."""
        named = list(self.project(project_id).people)
        derived = {
            a.person_id for pub in self.papers_of_project(project_id) for a in self.authors_of(pub) if a.person_id
        }
        return named + [i for i in self._group_order if i in derived and i not in named]

    @cached_property
    def _group_order(self) -> list[str]:
        return self.current_members + self.alumni

    def projects_of(self, pub: Publication) -> list[Project]:
        return [self.project(i) for i in pub.projects]

    def selected_projects(self) -> list[Project]:
        return [self.project(i) for i in self.profile.selected_projects]

    # --- teaching, news, awards ---------------------------------------------------------------
    @cached_property
    def courses(self) -> list[Course]:
        """Most recently taught first."""
        return sorted(self.data.courses, key=lambda c: max(_term_key(t) for t in c.terms), reverse=True)

    def terms_of(self, course: Course) -> list[str]:
        terms = sorted(course.terms, key=_term_key, reverse=True)
        return [f"{t.season.capitalize()} {t.year}" for t in terms]

    @cached_property
    def news(self) -> list[NewsItem]:
        """Newest year first; within a year, file order (a year-only item has no month to sort by)."""
        return sorted(self.data.news, key=lambda n: n.date[:4], reverse=True)

    @cached_property
    def awards(self) -> list[Award]:
        return sorted(self.data.awards, key=lambda a: a.year, reverse=True)

    # --- which sections have anything to show ------------------------------------------------
    def has(self, *sections: str) -> bool:
        """Whether any of the named sections holds something: pages hide a heading (and the hook a
        whole page with its tab) when its data is empty, so another lab's site has no bare headings.
        An unknown name is a `KeyError` naming the known ones, so a typo in a page fails the build."""
        unknown = [s for s in sections if s not in SECTIONS]
        if unknown or not sections:
            raise KeyError(f"unknown section {', '.join(map(repr, unknown))}; known: {', '.join(SECTIONS)}")
        return any(SECTIONS[s](self) for s in sections)

    # --- checks that only warn ----------------------------------------------------------------
    @property
    def warnings(self) -> list[DataWarning]:
        """Look-alike author spellings, each at its line (found by the check stage's warning rules)."""
        return self.data.warnings


SECTIONS: dict[str, Callable[[Site], object]] = {
    "news": lambda s: s.data.news,
    "publications": lambda s: s.data.publications,
    "selected_publications": lambda s: s.profile.selected_publications,
    "projects": lambda s: s.data.projects,
    "selected_projects": lambda s: s.profile.selected_projects,
    "teaching": lambda s: s.data.courses,
    "members": lambda s: s.current_members,
    "alumni": lambda s: s.alumni,
    "awards": lambda s: s.data.awards,
    "education": lambda s: s.profile.education,
    "experience": lambda s: s.profile.experience,
    "interests": lambda s: s.profile.interests,
    "prospective": lambda s: s.profile.prospective,
}
"""The sections a page may show, by the name pages use (`has("news")`, front matter `shows:`)."""


def _term_key(term: Term) -> tuple[int, int]:
    return (term.year, SEASON_ORDER[term.season])


def grouped(items: Iterable[T], key: Callable[[T], K]) -> list[tuple[K, list[T]]]:
    """Consecutive items sharing `key(item)`, as (key, items) pairs: the input must be sorted."""
    return [(k, list(g)) for k, g in groupby(items, key=key)]
