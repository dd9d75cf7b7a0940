"""Where papers come from: Crossref, arXiv, DBLP, ORCID (metadata) and OpenAlex (citation counts).

Each service has its own module that turns the service's answer into `Work`, the one normalised
record the merge step (`labsite.merge`) understands. Nothing here reads or writes `data/`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Literal

from labsite.models.common import DOI_BODY
from labsite.models.publications import VenueType

Kind = Literal[VenueType, "preprint"]
"""A venue's type, or preprint."""


@dataclass(frozen=True)
class Author:
    name: str
    orcid: str | None = None
    dblp: str | None = None
    """The DBLP person id (pid), e.g. '23/7512'."""


@dataclass
class Work:
    """One paper as a source describes it; fields a source lacks stay empty."""

    title: str
    authors: list[Author]
    year: int | None
    source: str
    """The service that described it ('Crossref', 'arXiv', 'DBLP'), for the report."""
    month: int | None = None
    kind: Kind | None = None
    venue_name: str = ""
    """The venue's full name as the source gives it (Crossref container title, DBLP booktitle)."""
    venue_short: str = ""
    """The venue's short name or acronym (Crossref short container title, DBLP booktitle)."""
    doi: str | None = None
    arxiv: str | None = None
    """An arXiv id without version, e.g. '1605.08386'."""
    dblp_key: str | None = None
    pdf: str | None = None
    abstract: str | None = None
    published_doi: str | None = None
    """For a preprint: the DOI of the published version, as the authors told arXiv."""
    found_via: list[str] = field(default_factory=list)
    """The identifiers that led to it ('dblp:23/7512', 'doi:10.…'), for the summary."""


def plain_text(markup: str | None) -> str | None:
    """An abstract as plain text: JATS/HTML tags dropped, entities decoded, whitespace collapsed.

    Crossref abstracts are JATS XML (`<jats:p>…`); the site renders abstracts as Markdown and shows
    raw HTML as text, so tags would appear literally.
    """
    if not markup:
        return None
    text = re.sub(r"<jats:title>.*?</jats:title>", " ", markup, flags=re.S | re.I)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = " ".join(text.split())
    return text or None


def clean_title(title: str) -> str:
    """One line, no tags, without the trailing full stop DBLP adds to every title."""
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", title)).split())
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


def arxiv_id(text: str | None) -> str | None:
    """The version-less arXiv id inside a URL, a DOI (10.48550/arXiv.…) or a CoRR volume (abs/…)."""
    if not text:
        return None
    found = re.search(r"(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", text)
    return found.group(1) if found else None


def doi_of(text: str | None) -> str | None:
    """The bare DOI in a DOI URL or string, or None."""
    if not text:
        return None
    found = re.search(DOI_BODY, text)
    return found.group(0).rstrip(".") if found else None
