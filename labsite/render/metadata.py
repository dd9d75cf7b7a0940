"""What search engines and reference managers read in a page's head: Scholar tags and JSON-LD.

Values here are plain data; the theme override escapes them when it writes the tags.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from labsite.derive.views import Site
from labsite.models.publications import VENUE_TYPES, Publication, Venue


def citation_tags(site: Site, pub: Publication, page_url: str | None = None) -> list[tuple[str, str]]:
    """Google Scholar's `citation_*` tags, as its inclusion guidelines describe them
    (https://scholar.google.com/intl/en/scholar/inclusion.html#indexing).

    One `citation_author` per author, in order. The date is `YYYY/MM/DD` or the year alone: the data
    knows no day, and a day is never invented, so the year alone. The venue goes in the tag of its
    kind (journal or conference), a thesis names its institution, and neither a thesis nor a preprint
    claims a venue (Scholar would take it as published there).
    `citation_pdf_url` only when the paper has a PDF link, made absolute against the page's address
    when it is known (a meta tag's content is not resolved like a link).
    """
    cited = site.citation_of(pub)
    tags = [("citation_title", pub.title)]
    tags += [("citation_author", name) for name in pub.authors]
    tags.append(("citation_publication_date", str(cited.year)))
    if cited.venue and cited.label and cited.kind in VENUE_TYPES:
        if cited.in_journal:
            tags.append(("citation_journal_title", cited.venue.name))
        else:
            tags.append(("citation_conference_title", cited.label))
    if cited.kind == "thesis" and pub.institution:
        tags.append(("citation_dissertation_institution", pub.institution))
    if pub.doi:
        tags.append(("citation_doi", pub.doi))
    if pub.links.pdf:
        tags.append(("citation_pdf_url", urljoin(page_url, pub.links.pdf) if page_url else pub.links.pdf))
    return tags


def scholarly_article(site: Site, pub: Publication, url: str | None) -> dict[str, Any]:
    """A paper as schema.org data. Every type and property here is checked against the schema.org
    vocabulary by the tests: `isPartOf` takes a CreativeWork (never an Event), a thesis is a
    `Thesis` whose institution is its `sourceOrganization`."""
    cited = site.citation_of(pub)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Thesis" if cited.kind == "thesis" else "ScholarlyArticle",
        "headline": pub.title,
        "name": pub.title,
        "author": [{"@type": "Person", "name": name} for name in pub.authors],
        "datePublished": cited.date,
    }
    if cited.venue:
        data["isPartOf"] = venue_work(cited.venue, journal=cited.in_journal)
    if cited.kind == "thesis" and pub.institution:
        data["sourceOrganization"] = {"@type": "CollegeOrUniversity", "name": pub.institution}
    if pub.abstract:
        data["abstract"] = pub.abstract
    if pub.doi:
        data["sameAs"] = f"https://doi.org/{pub.doi}"
    if url:
        data["url"] = url
    return data


def venue_work(venue: Venue, journal: bool) -> dict[str, str]:
    """What a paper is part of: a journal is a `Periodical`; a conference's or workshop's
    proceedings are a `CreativeWork` named for the venue (schema.org has no Proceedings type, and
    an `Event` is not allowed in `isPartOf`)."""
    return {
        "@type": "Periodical" if journal else "CreativeWork",
        "name": venue.name,
        "alternateName": venue.id,
    }


def person(site: Site, url: str | None) -> dict[str, Any]:
    """The professor as a schema.org Person, with affiliation and profile links (sameAs)."""
    profile = site.profile
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": profile.name,
        "jobTitle": profile.title,
        "affiliation": {
            "@type": "CollegeOrUniversity",
            "name": profile.university,
            "department": {"@type": "Organization", "name": profile.department},
        },
    }
    if profile.links:
        data["sameAs"] = [link.url for link in profile.links if link.url.startswith("http")]
    if url:
        data["url"] = url
    return data
