"""What search engines and reference managers read in a page's head: Scholar tags and JSON-LD.

Values here are plain data; the theme override escapes them when it writes the tags.
"""

from __future__ import annotations

from typing import Any

from .models.publications import Publication
from .views import Site


def citation_tags(site: Site, pub: Publication, pdf_url: str | None = None) -> list[tuple[str, str]]:
    """Google Scholar's `citation_*` tags (https://scholar.google.com/intl/en/scholar/inclusion.html)."""
    tags = [("citation_title", pub.title)]
    tags += [("citation_author", name) for name in pub.authors]
    date = f"{pub.year}/{pub.month:02d}" if pub.month else str(pub.year)
    tags.append(("citation_publication_date", date))
    venue = site.venue_of(pub)
    kind = site.type_of(pub)
    if venue and kind == "journal":
        tags.append(("citation_journal_title", venue.name))
    elif venue:
        tags.append(("citation_conference_title", f"{venue.name} ({venue.id})"))
    if kind == "thesis" and pub.institution:
        tags.append(("citation_dissertation_institution", pub.institution))
    if pub.doi:
        tags.append(("citation_doi", pub.doi))
    if pdf_url or pub.links.pdf:
        tags.append(("citation_pdf_url", pdf_url or pub.links.pdf or ""))
    return tags


def scholarly_article(site: Site, pub: Publication, url: str | None) -> dict[str, Any]:
    venue = site.venue_of(pub)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": pub.title,
        "name": pub.title,
        "author": [{"@type": "Person", "name": name} for name in pub.authors],
        "datePublished": f"{pub.year}-{pub.month:02d}" if pub.month else str(pub.year),
    }
    if venue:
        data["isPartOf"] = {"@type": "PublicationIssue" if venue.type == "journal" else "Event", "name": venue.name}
    if pub.abstract:
        data["abstract"] = pub.abstract
    if pub.doi:
        data["sameAs"] = f"https://doi.org/{pub.doi}"
    if url:
        data["url"] = url
    return data


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
