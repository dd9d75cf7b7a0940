"""What Zotero saves from one of our pages: the part of its Embedded Metadata translator's reading
that our pages exercise, written from the translator's own code, not from its documentation.

Source: zotero/translators at commit 2814370161d05d799086825fac8d499db3a33aa3 (2026-06-26),
`Embedded Metadata.js` ("EM", lastUpdated 2026-04-27) and the RDF translator it hands its `og:`,
`DC.` and `eprints.` tags to (`RDF.js`, "RDF"); saving trims every field (zotero/zotero,
`chrome/content/zotero/xpcom/data/item.js`, `Zotero.Item.prototype.setField`: `value.trim()`, an
empty value is no value). Each step names the lines it follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup

HIGHWIRE_MAPPINGS = [  # EM lines 42-64, in the translator's order: a later tag overwrites an earlier one
    ("citation_title", "title"),
    ("citation_publication_date", "date"),
    ("citation_cover_date", "date"),
    ("citation_date", "date"),
    ("citation_journal_title", "publicationTitle"),
    ("citation_journal_abbrev", "journalAbbreviation"),
    ("citation_inbook_title", "publicationTitle"),
    ("citation_book_title", "bookTitle"),
    ("citation_volume", "volume"),
    ("citation_issue", "issue"),
    ("citation_series_title", "series"),
    ("citation_conference_title", "conferenceName"),
    ("citation_conference", "conferenceName"),
    ("citation_dissertation_institution", "university"),
    ("citation_technical_report_institution", "institution"),
    ("citation_technical_report_number", "number"),
    ("citation_publisher", "publisher"),
    ("citation_isbn", "ISBN"),
    ("citation_abstract", "abstractNote"),
    ("citation_doi", "DOI"),
    ("citation_public_url", "url"),
    ("citation_language", "language"),
]

HW_TYPES = {  # EM lines 298-320: the item type a Highwire tag implies; the last such tag in the page wins
    "citation_journal_title": "journalArticle",
    "citation_technical_report_institution": "report",
    "citation_conference_title": "conferencePaper",
    "citation_conference": "conferencePaper",
    "citation_book_title": "bookSection",
    "citation_inbook_title": "bookSection",
    "citation_dissertation_institution": "thesis",
}

RDF_PREFIXES = {"bib", "bibo", "dc", "dcterms", "prism", "foaf", "vcard", "link", "z", "eprint", "eprints", "og"}
"""EM lines 86-106 (`_prefixes`, those our pages could use): a tag with one of these goes to RDF."""

ZOTERO_TYPES = {"journalArticle", "conferencePaper", "thesis", "preprint", "report", "book", "bookSection", "webpage"}

BASE_FIELDS = {  # Zotero's schema: a type's own name for a base field
    ("conferencePaper", "publicationTitle"): "proceedingsTitle",
    ("thesis", "publisher"): "university",
}


@dataclass
class Saved:
    """A Zotero item, with the fields our pages can give."""

    itemType: str
    fields: dict[str, str] = field(default_factory=dict)
    creators: list[str] = field(default_factory=list)
    """Each author's name as the translator took it (ZU.cleanAuthor then splits it into first and last)."""
    pdf: str | None = None


def _metas(page: BeautifulSoup) -> list[tuple[str, str]]:
    """(name, content) of the head's meta tags in order; EM lines 254-257: `name`, else `property`."""
    found = []
    for meta in page.select("head meta"):
        name = meta.get("name") or meta.get("property")
        content = meta.get("content")
        if name and content:  # EM line 257: a tag without a name or content is skipped
            found.append((name, content))
    return found


def _rdf_key(tag: str) -> tuple[str, str] | None:
    """EM lines 264-279: 'og:description' -> ('og', 'description'), 'eprints.event_location' ->
    ('eprints', 'event_location'); None for a tag no RDF prefix claims."""
    parts = re.split(r"[.:_]", tag)
    if len(parts) > 2 and parts[1].lower() in RDF_PREFIXES:
        prefix, length = parts[1].lower(), len(parts[0]) + len(parts[1]) + 1
    else:
        prefix, length = parts[0].lower(), len(parts[0])
    if prefix not in RDF_PREFIXES:
        return None
    prop = tag[length + 1 :]
    return prefix, prop[:1].lower() + prop[1:]


def _first(rdf: dict[tuple[str, str], list[str]], keys: list[tuple[str, str]]) -> str | None:
    """RDF lines 88-111 (`getFirstResults`): the first property present, in the order given."""
    for key in keys:
        if key in rdf:
            return rdf[key][0]
    return None


def saved(page: BeautifulSoup) -> Saved:
    """The item Zotero's Embedded Metadata translator makes of `page`, as Zotero stores it."""
    metas = _metas(page)
    hw_type = None
    hw_guess = None
    rdf: dict[tuple[str, str], list[str]] = {}
    for name, content in metas:
        for tag in name.split():
            key = _rdf_key(tag)
            if key:
                rdf.setdefault(key, []).append(content)
                continue
            short = tag[tag.rfind("citation_") :] if "citation_" in tag else tag
            hw_type = HW_TYPES.get(short, hw_type)
            if short in ("citation_title", "citation_series_title"):  # EM lines 317-320
                hw_guess = hw_guess or "journalArticle"

    # RDF lines 510-515 (dc:type naming a Zotero type) and 698-716 (og:type), combined as at line 815:
    # t.og before t.dc before the unknown type (EM line 352: the Highwire guess), then og's guess.
    dc_type = _first(rdf, [("dc", "type"), ("dcterms", "type")])
    og_type = _first(rdf, [("og", "type")])
    t_og = "webpage" if og_type == "website" else "book" if og_type == "book" else None
    t_dc = dc_type if dc_type in ZOTERO_TYPES else None
    rdf_type = t_og or t_dc or hw_guess or ("journalArticle" if og_type == "article" else None) or "webpage"
    item_type = hw_type or rdf_type  # EM lines 360-363, and 497-499 ("swap in hwType")

    fields: dict[str, str] = {}
    # What the RDF translator fills first (EM line 341: its item is then completed by EM).
    rdf_fields = {
        "title": _first(rdf, [("dc", "title"), ("dcterms", "title"), ("eprints", "title"), ("og", "title")]),
        "place": _first(rdf, [("eprints", "place_of_pub"), ("eprints", "event_location")]),  # RDF line 1109
        "url": _first(rdf, [("eprints", "official_url"), ("og", "url")]),  # RDF lines 1211-1221
        "abstractNote": _first(  # RDF lines 1229-1239
            rdf, [("eprints", "abstract"), ("prism", "teaser"), ("og", "description"), ("dcterms", "abstract")]
        ),
        "thesisType": dc_type,  # RDF lines 1251-1265: dc:type is every type-like field, thesisType among them
    }
    fields.update({k: v for k, v in rdf_fields.items() if v is not None})

    # EM lines 181-191 (`processFields`): each Highwire tag, first match by name ending, non-blank.
    for tag, zotero_field in HIGHWIRE_MAPPINGS:
        value = next((c for n, c in metas if n.endswith(tag)), None)
        if value and value.strip():
            fields[zotero_field] = " ".join(value.split())

    # EM lines 404-407 and 584-619: every tag whose name ends in citation_author, in page order.
    creators = [" ".join(c.split()) for n, c in metas if n.endswith("citation_author") and re.search(r"[^\s,\-.;]", c)]
    pdfs = [c for n, c in metas if n.endswith("citation_pdf_url")]  # EM lines 529-541: the first one

    # EM lines 711-715: no abstract yet (an empty string counts as none) -> the page's description.
    if not fields.get("abstractNote"):
        description = page.select_one('meta[name="description" i]')
        if description is not None:
            fields["abstractNote"] = " ".join(description.get("content", "").split())
    if not fields.get("url"):  # EM lines 717-719
        canonical = page.select_one('head > link[rel="canonical"]')
        if canonical is not None:
            fields["url"] = canonical["href"]

    # Saving (Zotero.Item.setField): values are trimmed and an empty one is not stored; a base field
    # takes the type's own name; a field the type lacks is dropped.
    stored = {}
    for name, value in fields.items():
        value = value.strip()
        if not value:
            continue
        if name == "thesisType" and item_type != "thesis":
            continue
        stored[BASE_FIELDS.get((item_type, name), name)] = value
    return Saved(item_type, stored, creators, pdfs[0] if pdfs else None)
