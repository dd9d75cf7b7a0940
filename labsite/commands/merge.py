"""Merging found papers into the site: one paper is one entry, whatever the sources.

Works found by any source are first grouped among themselves (same DOI, arXiv id or DBLP key, or
the same title once case, accents and punctuation are ignored), so a DBLP conference record, its
CoRR preprint and Crossref's record of it become one paper: the venue's version, with the arXiv
link kept. Each paper is then matched against the site's papers the same way. What is new becomes
an entry; what the site has is left alone unless `update` is set (then missing DOIs, arXiv links
and abstracts are added, and a preprint the venue has since published becomes that version).
Authors carrying a person's ORCID or DBLP id are written as that person's name; venues map to the
registry by acronym or name, and a venue it lacks is added from the source's names and reported.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from labsite import characters
from labsite.commands.bibimport import map_venue, paper_id
from labsite.commands.sources import Work, arxiv_id
from labsite.models.people import Someone
from labsite.models.publications import Publication, Venue, VenueType
from labsite.names import ascii_fold, name_key, title_key
from labsite.read.load import SiteData

SOURCE_RANK = {"Crossref": 0, "DBLP": 1, "arXiv": 2}
"""Whose title, authors and venue to prefer when several sources describe the same paper."""


@dataclass
class Paper:
    """A group of works that are one paper, and what the site should say about it."""

    works: list[Work]

    @property
    def main(self) -> Work:
        """The published version if there is one, from the most complete source."""
        return min(self.works, key=lambda w: (w.kind == "preprint", SOURCE_RANK.get(w.source, 9)))

    def first(self, name: str) -> Any:
        ordered = [self.main, *[w for w in self.works if w is not self.main]]
        return next((getattr(w, name) for w in ordered if getattr(w, name)), None)

    @property
    def published(self) -> bool:
        return self.main.kind not in (None, "preprint")

    @property
    def where(self) -> list[str]:
        return sorted({f"{w.source}" + (f" ({w.dblp_key})" if w.dblp_key else "") for w in self.works})


@dataclass
class Plan:
    added: list[dict[str, Any]] = field(default_factory=list)
    changed: list[tuple[str, dict[str, Any], str]] = field(default_factory=list)
    """(paper id, {key: new value or None}, why)"""
    held: list[tuple[str, str]] = field(default_factory=list)
    """(paper id, what `--update` would change)"""
    present: list[tuple[str, str, str]] = field(default_factory=list)
    """(title, paper id, how it matched)"""
    venues: list[dict[str, Any]] = field(default_factory=list)
    """Venues added to the registry."""
    problems: list[str] = field(default_factory=list)
    authors: list[dict[str, Any]] = field(default_factory=list)
    """Outside co-authors DBLP prints under several spellings, for data/authors.yml."""
    found: dict[str, list[str]] = field(default_factory=dict)
    """{paper id: the sources that described it} for the summary."""


def _keys(work: Work) -> set[tuple[str, str]]:
    keys = {("title", title_key(work.title))}
    if work.doi:
        keys.add(("doi", work.doi.casefold()))
    if work.arxiv:
        keys.add(("arxiv", work.arxiv))
    if work.dblp_key:
        keys.add(("dblp", work.dblp_key))
    return keys


def group(works: list[Work]) -> list[Paper]:
    """Works that share a DOI, arXiv id, DBLP key or normalised title, as one paper each."""
    groups: list[tuple[set[tuple[str, str]], list[Work]]] = []
    for work in works:
        keys = _keys(work)
        hits = [g for g in groups if g[0] & keys]
        merged_keys, merged = set(keys), [work]
        for hit in hits:
            merged_keys |= hit[0]
            merged = hit[1] + merged
            groups.remove(hit)
        groups.append((merged_keys, merged))
    return [Paper(works) for _, works in groups]


def cleaned(work: Work) -> tuple[Work, list[str]]:
    """`work` without the characters no field may hold (control, direction, line-separating, non-characters;
    see `labsite.characters`), and the names of those removed, for the summary.

    A source's title or author list is not the place such a character means anything; dropping it
    here, with a note, lets the paper in instead of refusing the whole import at the check.
    """
    removed: list[str] = []

    def clean(text: str, char_class: str = characters.NOT_IN_ONE_LINE) -> str:
        kept, dropped = characters.stripped(text, char_class)
        removed.extend(name for name in dropped if name not in removed)
        return " ".join(kept.split()) if dropped and char_class == characters.NOT_IN_ONE_LINE else kept

    authors = [dataclasses.replace(a, name=clean(a.name)) for a in work.authors]
    abstract = clean(work.abstract, characters.NOT_IN_MARKDOWN) if work.abstract else work.abstract
    tidy = dataclasses.replace(
        work,
        title=clean(work.title),
        authors=authors,
        venue_name=clean(work.venue_name),
        venue_short=clean(work.venue_short),
        abstract=abstract,
    )
    return tidy, removed


def _site_keys(pub: Publication) -> set[tuple[str, str]]:
    keys = {("title", title_key(pub.title))}
    if pub.doi:
        keys.add(("doi", pub.doi.casefold()))
    if pub.links.arxiv and (found := arxiv_id(pub.links.arxiv)):
        keys.add(("arxiv", found))
    return keys


def _venue_id(text: str, taken: set[str]) -> str:
    """An id for a new venue: the short name if it is one word, else the initials of its words."""
    word = ascii_fold(text).strip()
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9&+.-]*", word):
        word = "".join(w[0] for w in re.findall(r"[A-Za-z0-9][\w-]*", ascii_fold(text)) if w[0].isupper()) or "VENUE"
    candidate, n = word, 1
    while candidate.casefold() in {t.casefold() for t in taken}:
        n += 1
        candidate = f"{word}{n}"
    return candidate


ORDINALS = (
    r"(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"(thir|four|fif|six|seven|eigh|nine)teenth|(twen|thir|for|fif|six)tieth)"
)


def venue_name(container: str) -> str:
    """A venue's lasting name from one edition's title: no 'Proceedings of the 46th', year or place.

    'Proceedings of the 46th International Symposium on Computer Architecture' → 'International
    Symposium on Computer Architecture'; '2019 IEEE International Symposium on Workload
    Characterization (IISWC)' → 'IEEE International Symposium on Workload Characterization'.
    """
    text = " ".join(container.split())
    text = re.sub(r"^(proceedings|proc\.)\s+(of\s+)?(the\s+)?", "", text, flags=re.I)
    text = re.sub(r"^(19|20)\d\d\s+", "", text)
    text = re.sub(r"^\d+(st|nd|rd|th)\s+", "", text, flags=re.I)
    text = re.sub(rf"^((twenty|thirty|forty|fifty|sixty)-)?{ORDINALS}\s+", "", text, flags=re.I)
    text = re.split(r",\s*[A-Z][A-Za-z&+-]*\s+'?(19|20)?\d\d\b", text)[0]
    text = re.sub(r"\s*\([^()]*\)\s*$", "", text)
    text = re.sub(r"\s*(19|20)\d\d$", "", text)
    return text.strip(" ,")


class Merger:
    def __init__(self, data: SiteData, update: bool, full_name: Callable[[Work], str | None] | None = None):
        """`full_name` looks up a venue's full name when the source gives only a short one (DBLP)."""
        self.data = data
        self.update = update
        self.full_name = full_name
        self.by_id: dict[tuple[str, str], dict[str, int]] = {}
        """{DBLP id or ORCID of an outside co-author: {spelling: papers}} over the papers this run adds."""
        self.same: dict[tuple[str, str], tuple[str, str]] = {}
        """Ids known to be one person (a DBLP id and the ORCID printed with it): each id → another of them."""
        self.venues: dict[str, Venue] = dict(data.venues)
        self.taken = {p.id for p in data.publications}
        self.by_key: dict[tuple[str, str], Publication] = {}
        for pub in data.publications:
            for key in _site_keys(pub):
                self.by_key.setdefault(key, pub)
        self.people: dict[tuple[str, str], tuple[str, set[str]]] = {}
        self.spellings: set[str] = set()
        self.folded: dict[str, str] = {}
        everyone: list[Someone] = [data.profile, *data.people.values()]
        for person in everyone:
            keys = {name_key(n) for n in [person.name, *person.aliases]}
            self.spellings |= keys
            for spelling in [person.name, *person.aliases]:
                self.folded.setdefault(name_key(ascii_fold(spelling)), spelling)
            if person.orcid:
                self.people[("orcid", person.orcid)] = (person.name, keys)
            if person.dblp:
                self.people[("dblp", person.dblp)] = (person.name, keys)

    def author_names(self, work: Work) -> list[str]:
        """Each author as the site should print them, so that members are recognised.

        A spelling the site knows (a member's name or alias) is kept as printed. An author carrying a
        member's ORCID or DBLP id is written with the member's name (unless printed as one of their
        aliases); a name that equals a member's once accents are ignored takes the member's spelling.
        """
        names = []
        for author in work.authors:
            key = name_key(author.name)
            by_id = self.people.get(("orcid", author.orcid or "")) or self.people.get(("dblp", author.dblp or ""))
            if by_id:
                names.append(author.name if key in by_id[1] else by_id[0])
            elif key in self.spellings:
                names.append(author.name)
            else:
                names.append(self.folded.get(name_key(ascii_fold(author.name)), author.name))
        return names

    def venue(self, paper: Paper, plan: Plan) -> str | None:
        main = paper.main
        if not paper.published:
            return None
        for text in (main.venue_short, main.venue_name):
            found = map_venue(text, self.venues)
            if found:
                return found
        if not (main.venue_short or main.venue_name):
            return None
        venue_id = _venue_id(main.venue_short or main.venue_name, set(self.venues))
        kind: VenueType = main.kind if main.kind is not None and main.kind != "preprint" else "conference"
        name = main.venue_name or main.venue_short
        if self.full_name and name == main.venue_short:
            name = venue_name(self.full_name(main) or "") or name
        record = {"id": venue_id, "name": name, "type": kind}
        self.venues[venue_id] = Venue(id=venue_id, name=name, type=kind)
        plan.venues.append(record)
        return venue_id

    def links(self, paper: Paper, existing: dict[str, str] | None = None) -> dict[str, str]:
        links = dict(existing or {})
        arxiv = paper.first("arxiv")
        if arxiv and "arxiv" not in links:
            links["arxiv"] = f"https://arxiv.org/abs/{arxiv}"
        pdf = paper.first("pdf")
        if pdf and "pdf" not in links:
            links["pdf"] = pdf
        return links

    def entry(self, paper: Paper, plan: Plan) -> dict[str, Any] | None:
        main = paper.main
        authors = self.author_names(main)
        year = main.year or paper.first("year")
        if not main.title or not authors or not year:
            plan.problems.append(f"skipped '{main.title or main.dblp_key}': the source gives no authors or year")
            return None
        record: dict[str, Any] = {"id": paper_id(main.title, self.taken), "title": main.title}
        if abstract := paper.first("abstract"):
            record["abstract"] = abstract
        doi = main.doi if paper.published else None
        if doi:
            record["doi"] = doi
        record["authors"] = authors
        venue = self.venue(paper, plan)
        if venue:
            record["venue"] = venue
        else:
            record["type"] = "preprint"
        record["year"] = year
        if main.month:
            record["month"] = main.month
        if links := self.links(paper):
            record["links"] = links
        return record

    def changes(self, paper: Paper, pub: Publication, plan: Plan) -> tuple[dict[str, Any], str]:
        """What --update changes in an existing entry, and a few words on why."""
        changes: dict[str, Any] = {}
        why = []
        existing = pub.links.model_dump(exclude_none=True)
        if pub.type == "preprint" and paper.published:
            venue = self.venue(paper, plan)
            if venue:
                changes.update({"venue": venue, "type": None, "year": paper.main.year})
                changes["month"] = paper.main.month
                why.append(f"published at {venue}")
        doi = paper.main.doi if paper.published else None
        if doi and not pub.doi and ("venue" in changes or pub.type != "preprint"):
            changes["doi"] = doi
            why.append("DOI")
        links = self.links(paper, existing)
        if links != existing:
            changes["links"] = links
            why.append("links")
        abstract = paper.first("abstract")
        if abstract and not pub.abstract:
            changes["abstract"] = abstract
            why.append("abstract")
        return changes, ", ".join(why)

    def _spellings(self, work: Work, printed: list[str]) -> None:
        for author, name in zip(work.authors, printed, strict=True):
            ids = [(kind, value) for kind, value in (("dblp", author.dblp), ("orcid", author.orcid)) if value]
            if not ids or any(key in self.people for key in ids):
                continue
            for other in ids[1:]:
                if self._person(other) != self._person(ids[0]):
                    self.same[self._person(other)] = self._person(ids[0])
            counts = self.by_id.setdefault(ids[0], {})
            counts[name] = counts.get(name, 0) + 1

    def _person(self, key: tuple[str, str]) -> tuple[str, str]:
        """The one id standing for everyone `same` links to `key`: DBLP splits a person under two ids
        ('Clif Young' and 'Cliff Young') when it has not merged them, though both carry one ORCID."""
        while key in self.same:
            key = self.same[key]
        return key

    def same_people(self) -> list[dict[str, Any]]:
        """One data/authors.yml entry per outside co-author printed under several spellings with one
        DBLP id or one ORCID.

        The ids say they are one person; listing the spellings keeps each paper's name as printed
        and tells the look-alike check so.
        """
        declared = [{name_key(n) for n in [a.name, *a.aliases]} for a in self.data.external_authors]
        people: dict[tuple[str, str], dict[str, int]] = {}
        for key, spellings in self.by_id.items():
            counts = people.setdefault(self._person(key), {})
            for name, papers in spellings.items():
                counts[name] = counts.get(name, 0) + papers
        entries = []
        for counts in people.values():
            if len(counts) < 2:
                continue
            names = sorted(counts, key=lambda n: (-counts[n], n))
            if any({name_key(n) for n in names} <= group for group in declared):
                continue
            entries.append({"name": names[0], "aliases": names[1:]})
        return entries

    def plan(self, works: list[Work]) -> Plan:
        plan = Plan()
        tidy = []
        for work in works:
            clean, removed = cleaned(work)
            if removed:
                where = work.doi or work.arxiv or work.dblp_key or work.source
                plan.problems.append(f"'{clean.title}' ({where}): removed {', '.join(removed)}")
            tidy.append(clean)
        works = tidy
        self.by_id, self.same = {}, {}
        adding: dict[tuple[str, str], str] = {}
        """Keys of the papers this run adds, so a later record of one of them is not added twice."""
        for paper in group(works):
            keys = sorted(set().union(*(_keys(w) for w in paper.works)))
            match = next((self.by_key[k] for k in keys if k in self.by_key), None)
            added = next((adding[k] for k in keys if k in adding), None)
            if match is None and added is None:
                record = self.entry(paper, plan)
                if record:
                    plan.added.append(record)
                    self._spellings(paper.main, record["authors"])
                    plan.found[record["id"]] = paper.where
                    adding.update(dict.fromkeys(keys, record["id"]))
                continue
            if match is None:
                plan.present.append((paper.main.title, str(added), "paper added in this run"))
                continue
            how = next(k[0] for k in keys if self.by_key.get(k) is match)
            plan.present.append((paper.main.title, match.id, how))
            changes, why = self.changes(paper, match, plan)
            if changes and self.update:
                plan.changed.append((match.id, changes, why))
            elif changes:
                plan.held.append((match.id, why))
        plan.authors = self.same_people()
        return plan
