"""What pages can ask for: each function returns the HTML (and Markdown headings) of one block.

These are the macros' bodies, free of MkDocs: `macros.py` only binds them to the current page's
path (`base`, the relative way back to the site root) and registers them.
"""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from labsite.derive.views import PI, Site, grouped
from labsite.models.publications import PUBLICATION_TYPES, Publication
from labsite.read import pages
from labsite.read.addresses import PROFILE_FILES, person_files
from labsite.render import bibtex
from labsite.render import html as render


class Blocks:
    """The page API, bound to one site model and one template environment."""

    API = (*pages.MACROS, pages.TEST)
    """What a page may call: the language itself is defined where pages are checked (`labsite.read.pages`)."""

    def __init__(self, site: Site, template_dirs: list[Path] | None = None):
        self.site = site
        self.env: Environment = render.environment(template_dirs)
        self._items: dict[tuple[str, str], Markup] = {}
        self.env.globals["pub_item"] = self._pub_item

    def _pub_item(self, pub: Publication, base: str) -> Markup:
        """One paper's list entry, rendered once per site model and page depth: a paper appears on the
        publications page, the home page and each author's and project's page, always the same."""
        key = (pub.id, base)
        if key not in self._items:
            template = self.env.get_template("partials/publication.html")
            authors = self.site.authors_of(pub)
            self._items[key] = Markup(template.render(pub=pub, authors=authors, site=self.site, base=base))
        return self._items[key]

    def _render(self, template: str, base: str, **context: object) -> str:
        return render.render(self.env, template, site=self.site, base=base, **context).strip() + "\n"

    def has(self, *sections: str, base: str = "") -> bool:
        """For `{% if has("news") %}` around a heading and its list in a page (see `Site.has`)."""
        return self.site.has(*sections)

    # --- home ---------------------------------------------------------------------------------
    def profile_card(self, base: str = "") -> str:
        exports = PROFILE_FILES if self.site.papers_of(PI) else None
        return str(
            render.as_block(self._render("partials/profile.html", base, profile=self.site.profile, exports=exports))
        )

    def _markdown(self, text: str | None, css: str) -> str:
        return self._render("partials/prose.html", "", text=text, css=css) if text else ""

    def cv_header(self, base: str = "") -> str:
        """The printed CV's letterhead: the owner's name, position and e-mail (hidden on screen)."""
        return str(render.as_block(self._render("partials/cv-header.html", base, profile=self.site.profile)))

    def bio(self, base: str = "") -> str:
        return self._markdown(self.site.profile.bio, "lab-bio")

    def interests(self, base: str = "") -> str:
        return self._markdown(self.site.profile.interests, "lab-interests")

    def prospective_note(self, base: str = "") -> str:
        """The note to prospective students at body size: what applicants came for is a section of
        its own, under a heading (and anchor) the page gives it, that other pages link to."""
        return self._markdown(self.site.profile.prospective, "lab-prospective")

    # --- lists --------------------------------------------------------------------------------
    def news_list(self, base: str = "", limit: int | None = None) -> str:
        items = self.site.news[:limit] if limit else self.site.news
        groups = grouped(items, key=lambda n: n.date[:4]) if not limit else [(None, items)]
        return self._render("lists/news.html", base, groups=groups, headings=not limit)

    def publication_list(self, base: str = "") -> str:
        groups = grouped(self.site.publications, key=lambda p: p.year)
        return self._render("lists/publications.html", base, groups=groups, headings=True)

    def selected_publications(self, base: str = "") -> str:
        pubs = self.site.selected_publications()
        return self._render("lists/publications.html", base, groups=[(None, pubs)], headings=False)

    def publication_chart(self, base: str = "") -> str:
        counts = sorted((year, len(pubs)) for year, pubs in grouped(self.site.publications, key=lambda p: p.year))
        peak = max((n for _, n in counts), default=1)
        return self._render("partials/year-chart.html", base, counts=counts, peak=peak) if counts else ""

    def publication_filter(self, base: str = "") -> str:
        present = {self.site.type_of(p) for p in self.site.publications}
        used = {t for p in self.site.publications for t in p.topics}
        return self._render(
            "partials/publication-filter.html",
            base,
            years=self.site.years,
            topics=[t for t in self.site.data.topics.values() if t.id in used],
            types=[k for k in PUBLICATION_TYPES if k in present],
            total=len(self.site.publications),
            cited=self.site.has_citations,
            fetched=self.site.data.citations.fetched,
        )

    def publication_count(self, base: str = "") -> str:
        return str(len(self.site.publications))

    def project_list(self, base: str = "") -> str:
        return self._render("lists/projects.html", base, projects=self.site.projects)

    def selected_projects(self, base: str = "") -> str:
        return self._render("lists/projects.html", base, projects=self.site.selected_projects())

    def course_list(self, base: str = "") -> str:
        return self._render("lists/courses.html", base, courses=self.site.courses)

    def people_list(self, base: str = "") -> str:
        return self._render("lists/people.html", base, ids=self.site.current_members, alumni=False)

    def alumni_list(self, base: str = "") -> str:
        return self._render("lists/people.html", base, ids=self.site.alumni, alumni=True)

    def award_list(self, base: str = "") -> str:
        return self._render("lists/awards.html", base, awards=self.site.awards)

    def education_list(self, base: str = "") -> str:
        return self._render("lists/cv.html", base, entries=self.site.profile.education, kind="education")

    def experience_list(self, base: str = "") -> str:
        return self._render("lists/cv.html", base, entries=self.site.profile.experience, kind="experience")

    # --- generated pages ----------------------------------------------------------------------
    def person_page(self, person_id: str, base: str = "", edit_url: str | None = None) -> str:
        return self._render(
            "pages/person.html",
            base,
            person_id=person_id,
            person=self.site.person(person_id),
            papers=self.site.papers_of(person_id),
            exports=person_files(person_id),
            edit_url=edit_url,
        )

    def publication_page(self, pub_id: str, base: str = "") -> str:
        pub = self.site.publication(pub_id)
        return self._render(
            "pages/publication.html",
            base,
            pub=pub,
            authors=self.site.authors_of(pub),
            projects=self.site.projects_of(pub),
            bibtex=self.bibtex_of(pub_id),
        )

    def project_page(self, project_id: str, base: str = "") -> str:
        project = self.site.project(project_id)
        topics = [self.site.data.topics[t].name for t in project.topics]
        return self._render(
            "pages/project.html",
            base,
            project=project,
            topics=topics,
            people=self.site.people_of_project(project_id),
            papers=self.site.papers_of_project(project_id),
        )

    def bibtex_of(self, pub_id: str) -> str:
        return bibtex.entries(self.site)[pub_id]


@functools.lru_cache(maxsize=4)
def blocks_for(site: Site, template_dirs: tuple[Path, ...] = (), templates_stamp: tuple = ()) -> Blocks:
    """One `Blocks` per site model and state of the templates (`templates_stamp`, anything that
    changes when a template file does), shared by the macros module and the page hook in a build."""
    return Blocks(site, list(template_dirs))
