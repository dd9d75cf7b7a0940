"""The arXiv API (`/query?id_list=…`, Atom): one preprint by id."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from . import Author, Work, arxiv_id, clean_title, doi_of, plain_text
from .http import ARXIV, Client, FetchError

ATOM = "{http://www.w3.org/2005/Atom}"
ARX = "{http://arxiv.org/schemas/atom}"


def work(client: Client, identifier: str) -> Work:
    text = client.text(ARXIV, "/query", f"arxiv:{identifier}", params={"id_list": identifier, "max_results": 1})
    entries = _entries(text, identifier) if text else []
    if not entries:
        raise FetchError(f"not found at arXiv: arxiv:{identifier}")
    return entries[0]


def _entries(text: str, identifier: str) -> list[Work]:
    try:
        feed = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError:
        raise FetchError(f"arXiv sent a feed that is not XML for arxiv:{identifier}") from None
    works = []
    for entry in feed.findall(f"{ATOM}entry"):
        entry_id = entry.findtext(f"{ATOM}id") or ""
        if "/api/errors" in entry_id or not arxiv_id(entry_id):
            continue  # the API reports a bad id as an entry titled "Error"
        published = entry.findtext(f"{ATOM}published") or ""
        pdf = next(
            (link.get("href") for link in entry.findall(f"{ATOM}link") if link.get("title") == "pdf"),
            None,
        )
        works.append(
            Work(
                title=clean_title(entry.findtext(f"{ATOM}title") or ""),
                authors=[
                    Author(name=" ".join((a.findtext(f"{ATOM}name") or "").split()))
                    for a in entry.findall(f"{ATOM}author")
                ],
                year=int(published[:4]) if published[:4].isdigit() else None,
                month=int(published[5:7]) if published[5:7].isdigit() else None,
                kind="preprint",
                arxiv=arxiv_id(entry_id),
                doi=None,
                pdf=(pdf or "").replace("http://", "https://", 1) or None,
                abstract=plain_text(entry.findtext(f"{ATOM}summary")),
                published_doi=doi_of(entry.findtext(f"{ARX}doi")),
                source="arXiv",
            )
        )
    return works
