"""Papers (`data/publications.yml`), the venue registry, topics and known author spellings."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, model_validator

from .common import IsoDate, Links, Markdown, Model, Name, Slug, Text, Year

VenueType = Literal["conference", "journal", "workshop"]
PublicationType = Literal["conference", "journal", "workshop", "thesis", "preprint"]


class Venue(Model):
    """A venue, spelled out once: papers name it by `id` (its acronym)."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9&+.-]*$")]
    name: Text
    type: VenueType


class Topic(Model):
    id: Slug
    name: Text


class Publication(Model):
    # The editors' schema says what `_needs_a_venue` says: a venue, unless the paper is a thesis or preprint.
    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": ["venue"], "properties": {"venue": {"type": "string"}}},
                {"required": ["type"], "properties": {"type": {"enum": ["thesis", "preprint"]}}},
            ]
        }
    )

    id: Slug
    title: Text
    abstract: Markdown | None = None
    doi: Annotated[str, Field(pattern=r"^10\.[0-9]{4,9}/[^\s{}]+$")] | None = None
    """The DOI alone, e.g. 10.1145/3600006.3613139 (no braces: BibTeX could not hold them)."""
    authors: list[Name] = Field(min_length=1)
    equal_contribution: int | None = Field(default=None, ge=2)
    """The first N authors contributed equally; they are marked with *."""
    et_al: bool = False
    """The author list is abbreviated ('et al.')."""
    author_order: Literal["alphabetical"] | None = None
    venue: Text | None = None
    """A venue `id` from data/venues.yml."""
    type: PublicationType | None = None
    """Defaults to the venue's type; needed only for a thesis or a preprint."""
    institution: Text | None = None
    edition: int | None = Field(default=None, ge=1)
    track: Text | None = None
    location: Text | None = None
    year: Year
    month: int | None = Field(default=None, ge=1, le=12)
    presentation: Text | None = None
    """Spotlight, Oral…: shown as a badge."""
    awards: list[Text] = []
    note: Text | None = None
    links: Links = Links()
    topics: list[Slug] = []
    projects: list[Slug] = []

    @model_validator(mode="after")
    def _needs_a_venue(self) -> Publication:
        if self.venue is None and self.type not in ("thesis", "preprint"):
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
    aliases: list[Name] = []


class VenuesFile(Model):
    venues: list[Venue]


class TopicsFile(Model):
    topics: list[Topic] = []


class PublicationsFile(Model):
    publications: list[Publication]


class AuthorsFile(Model):
    authors: list[ExternalAuthor] = []


class CitationsFile(Model):
    """`data/citations.yml`: how often each paper has been cited, written by `python -m labsite
    citations` (weekly, by the sync workflow); generated, not edited by hand."""

    fetched: IsoDate | None = None
    """The day the counts were fetched."""
    source: Literal["OpenAlex"] = "OpenAlex"
    counts: dict[Slug, Annotated[int, Field(ge=0)]] = {}
    """{paper id: number of citing works}."""
