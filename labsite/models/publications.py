"""Papers (`data/publications.yml`), the venue registry, topics and known author spellings."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import ConfigDict, Field, model_validator

from .common import Doi, IsoDate, Links, Markdown, Model, Name, Slug, Text, Url, VenueId, Year

VenueType = Literal["conference", "journal", "workshop"]
OwnType = Literal["thesis", "preprint"]
"""The kinds of paper that need no venue."""
PublicationType = Literal[VenueType, OwnType]
VENUE_TYPES: tuple[VenueType, ...] = get_args(VenueType)
OWN_TYPES: tuple[OwnType, ...] = get_args(OwnType)
PUBLICATION_TYPES: tuple[PublicationType, ...] = get_args(PublicationType)
"""Every kind of paper, in the order the publications filter offers them."""


class Venue(Model):
    """A venue, spelled out once: papers name it by `id` (its acronym)."""

    id: VenueId
    """The venue's acronym as papers name it, e.g. OSDI (letters, digits, & + . -)."""
    name: Text
    """The venue's full name, e.g. 'USENIX Symposium on Operating Systems Design and Implementation'."""
    type: VenueType
    """conference, journal or workshop: decides how papers at it are cited (BibTeX type, Scholar tags)."""


class Topic(Model):
    id: Slug
    """The topic's id, as papers and projects name it."""
    name: Text
    """The topic as shown in the filter."""


class Publication(Model):
    # The editors' schema says what `_needs_a_venue` says: a venue, unless the paper is a thesis or preprint.
    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": ["venue"], "properties": {"venue": {"type": "string"}}},
                {"required": ["type"], "properties": {"type": {"enum": list(OWN_TYPES)}}},
            ]
        }
    )

    id: Slug
    """The paper's permanent id: its page is /publications/<id>/ and BibTeX and feeds use it. Never change it once
    published."""
    title: Text
    """The title as published."""
    abstract: Markdown | None = None
    """The abstract, shown on the paper's page."""
    doi: Doi | None = None
    """The DOI alone, e.g. 10.1145/3600006.3613139 (no braces: BibTeX could not hold them)."""
    authors: list[Name] = Field(min_length=1)
    """Every author in order, as printed (members are recognised by their name or aliases and linked; the professor is
    emphasised)."""
    equal_contribution: int | None = Field(default=None, ge=2)
    """The first N authors contributed equally; they are marked with *."""
    et_al: bool = False
    """The author list is abbreviated ('et al.')."""
    author_order: Literal["alphabetical"] | None = None
    """`alphabetical` when the authors are listed alphabetically (the site says so)."""
    venue: Text | None = None
    """A venue `id` from data/venues.yml."""
    type: PublicationType | None = None
    """Defaults to the venue's type; needed only for a thesis or a preprint."""
    institution: Text | None = None
    """For a thesis: the university that granted it."""
    edition: int | None = Field(default=None, ge=1)
    """The venue's edition number, e.g. 30 for the 30th symposium."""
    track: Text | None = None
    """The track or session within the venue, e.g. 'Industry track'."""
    location: Text | None = None
    """Where the venue took place, e.g. 'Boston, MA'."""
    year: Year
    """The year of publication."""
    month: int | None = Field(default=None, ge=1, le=12)
    """The month of publication, 1–12 (orders papers within a year and prints as its name)."""
    presentation: Text | None = None
    """Spotlight, Oral…: shown as a badge."""
    awards: list[Text] = []
    """Awards the paper received, e.g. 'Best Paper Award' (shown as badges; awards.yml may point to the paper too)."""
    note: Text | None = None
    """A short remark shown under the paper, e.g. 'Extended version with proofs.'"""
    links: Links = Links()
    """Links to the paper's PDF, arXiv page, code, slides, video, project or website."""
    topics: list[Slug] = []
    """Topic ids from data/topics.yml (the publications filter uses them)."""
    projects: list[Slug] = []
    """Project ids from data/projects.yml: the paper is listed on those projects' pages."""

    @model_validator(mode="after")
    def _needs_a_venue(self) -> Publication:
        if self.venue is None and self.type not in OWN_TYPES:
            raise ValueError("expected a 'venue' (or 'type: thesis' / 'type: preprint')")
        if self.equal_contribution and self.equal_contribution > len(self.authors):
            raise ValueError(
                f"expected 'equal_contribution' ({self.equal_contribution}) "
                f"not above the number of authors ({len(self.authors)})"
            )
        return self


class ExternalAuthor(Model):
    """A co-author outside the group: other spellings of their name, or none to say that a name
    resembling a member's belongs to someone else."""

    name: Name
    """The name as usually printed."""
    aliases: list[Name] = []
    """Other spellings of this person's name in author lists."""
    affiliation: Text | None = None
    """Their organisation now, e.g. 'Example University': the NSF collaborators form (`labsite coa`) lists it."""


class VenuesFile(Model):
    venues: list[Venue]
    """Every venue papers name, each spelled out once."""


class TopicsFile(Model):
    topics: list[Topic] = []
    """The research topics papers and projects are tagged with."""


class PublicationsFile(Model):
    publications: list[Publication]
    """Every paper, in any order (pages sort them newest first; within a month, file order)."""


class AuthorsFile(Model):
    authors: list[ExternalAuthor] = []
    """Co-authors outside the group whose names are printed in more than one way, or who resemble a member."""


class CitationsFile(Model):
    """`data/citations.yml`: how often each paper has been cited, and where a free copy of it is, written
    by `python -m labsite citations` (weekly, by the sync workflow); generated, not edited by hand."""

    fetched: IsoDate | None = None
    """The day the counts were fetched."""
    source: Literal["OpenAlex"] = "OpenAlex"
    """The service the counts come from (written by the command)."""
    counts: dict[Slug, Annotated[int, Field(ge=0)]] = {}
    """{paper id: number of citing works}."""
    free_copies: dict[Slug, Url] = {}
    """{paper id: address of an open-access PDF of it that OpenAlex knows} (its `best_oa_location`)."""
