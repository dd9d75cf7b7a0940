"""What search engines and reference managers read in a page's head: Scholar tags and JSON-LD.

Values here are plain data; the theme override escapes them when it writes the tags.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from labsite.derive.views import Site
from labsite.models.publications import VENUE_TYPES, Publication, Venue
from labsite.render.pages import plain

THESIS_TYPE = "PhD dissertation"
"""What a thesis is, as reference managers print it: BibTeX calls every thesis here a @phdthesis."""

OTHERS = "others"
"""The name that ends a truncated author list: BibTeX's convention, kept by Zotero's BibTeX export."""


def citation_tags(site: Site, pub: Publication, page_url: str | None = None) -> list[tuple[str, str]]:
    """The head tags reference managers and Scholar read for a paper, in the order that matters.

    Google Scholar reads the `citation_*` tags of its inclusion guidelines
    (https://scholar.google.com/intl/en/scholar/inclusion.html#indexing): one `citation_author` per
    author, in order; `citation_publication_date` as `YYYY/MM/DD` or the year (the data knows no day,
    so the year); the venue in the tag of its kind; a thesis's institution; the DOI; the PDF (its own,
    else a free copy OpenAlex knows), made absolute (a meta tag's content is not resolved like a
    link). Neither a thesis nor a preprint
    claims a venue (Scholar would take it as published there).

    Zotero's Embedded Metadata translator reads more, and the tags here are chosen from its code
    (tests/test_zotero_fields.py cites the lines): the month (`citation_date`, read after
    `citation_publication_date`), the proceedings title (`citation_inbook_title`, written before
    `citation_conference_title` so that the item stays a conference paper), the place and the
    thesis type and the preprint type (the Eprints and Dublin Core tags it hands to its RDF
    translator), a truncated author list (a last author "others" under a tag only Zotero reads), and
    the abstract only when the data has one: otherwise an empty Eprints abstract stands in its
    place, so that Zotero does not take the page's description for the abstract.
    """
    cited = site.citation_of(pub)
    tags = [("citation_title", pub.title)]
    tags += [("citation_author", name) for name in pub.authors]
    if pub.et_al:
        tags.append(("zotero_citation_author", OTHERS))
    tags.append(("citation_publication_date", str(cited.year)))
    if cited.month:
        tags.append(("citation_date", f"{cited.year}/{cited.month:02d}"))
    if cited.venue and cited.label and cited.kind in VENUE_TYPES:
        if cited.in_journal:
            tags.append(("citation_journal_title", cited.venue.name))
        else:
            if cited.container:
                tags.append(("citation_inbook_title", cited.container))
            tags.append(("citation_conference_title", cited.label))
    if cited.kind == "thesis":
        if pub.institution:
            tags.append(("citation_dissertation_institution", pub.institution))
        tags.append(("DC.type", THESIS_TYPE))
    if cited.kind == "preprint":
        tags.append(("DC.type", "preprint"))
    if pub.location:
        tags.append(("eprints.event_location", pub.location))
    if pub.doi:
        tags.append(("citation_doi", pub.doi))
    pdf = pub.links.pdf or site.free_copy(pub)
    if pdf:
        tags.append(("citation_pdf_url", urljoin(page_url, pdf) if page_url else pdf))
    if pub.abstract:
        tags.append(("citation_abstract", plain(pub.abstract, limit=len(pub.abstract))))
    else:
        tags.append(("eprints.abstract", " "))
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
