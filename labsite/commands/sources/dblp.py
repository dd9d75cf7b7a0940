"""DBLP: every record of a person (`/pid/{pid}.xml`) or one record (`/rec/{key}.xml`)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from . import Author, Kind, Work, arxiv_id, clean_title, doi_of
from .http import DBLP, Client, FetchError

RECORD_PREFIXES = ("conf/", "journals/", "books/", "series/", "reference/", "phd/", "tr/", "persons/", "ms/")
PAPERS = {"article", "inproceedings", "incollection"}


def is_record_key(identifier: str) -> bool:
    return identifier.startswith(RECORD_PREFIXES)


def works(client: Client, identifier: str) -> list[Work]:
    """The papers behind a person id (every record of theirs) or a record key (that one)."""
    path = f"/rec/{identifier}.xml" if is_record_key(identifier) else f"/pid/{identifier}.xml"
    text = client.text(DBLP, path, f"dblp:{identifier}")
    if text is None:
        raise FetchError(f"not found at DBLP: dblp:{identifier}")
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError:
        raise FetchError(f"DBLP sent something that is not XML for dblp:{identifier}") from None
    return [work for element in root.iter() if element.tag in PAPERS and (work := parse(element))]


def plain_name(name: str) -> str:
    """A DBLP name without its homonym number: 'Xu Liu 0001' → 'Xu Liu'."""
    return re.sub(r"\s+\d{4}$", "", " ".join(name.split()))


def parse(element: ET.Element) -> Work | None:
    heading = element.find("title")
    title = clean_title("".join(heading.itertext()) if heading is not None else "")
    year = element.findtext("year") or ""
    if not title or not year.isdigit():
        return None
    links = [e.text or "" for e in element.findall("ee")]
    doi = next((d for link in links if "doi.org/" in link and (d := doi_of(link))), None)
    arxiv = next((a for link in links if "arxiv.org/" in link and (a := arxiv_id(link))), None)
    journal = " ".join((element.findtext("journal") or "").split())
    booktitle = " ".join((element.findtext("booktitle") or "").split())
    informal = element.get("publtype") == "informal" or journal == "CoRR"
    if journal == "CoRR":
        arxiv = arxiv or arxiv_id(element.findtext("volume"))
    kind: Kind
    if informal:
        kind = "preprint"
    elif element.tag == "article":
        kind = "journal"
    else:
        kind = "workshop" if re.search(r"\bworkshops?\b", booktitle, re.I) else "conference"
    venue = journal or booktitle
    return Work(
        title=title,
        authors=[
            Author(name=plain_name(a.text or ""), orcid=a.get("orcid"), dblp=a.get("pid"))
            for a in element.findall("author")
            if (a.text or "").strip()
        ],
        year=int(year),
        kind=kind,
        venue_name="" if informal else venue,
        venue_short="" if informal else re.sub(r"\s*\(\d+\)$", "", venue),
        doi=doi,
        arxiv=arxiv,
        dblp_key=element.get("key"),
        source="DBLP",
    )
