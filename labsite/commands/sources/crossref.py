"""Crossref's REST API: one work by DOI (`/works/{doi}`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from . import Author, Kind, Work, clean_title, plain_text
from .http import CROSSREF, Client, FetchError

KINDS: dict[str, Kind] = {
    "proceedings-article": "conference",
    "journal-article": "journal",
    "posted-content": "preprint",
}


def work(client: Client, doi: str) -> Work:
    params = {"mailto": client.contact} if client.contact else None
    data = client.json(CROSSREF, f"/works/{quote(doi, safe='/')}", f"doi:{doi}", params=params)
    if data is None:
        raise FetchError(f"not found at Crossref: doi:{doi}")
    return parse(data.get("message", data), doi)


def _first(values: Any) -> str:
    return " ".join(str(values[0]).split()) if isinstance(values, list) and values else ""


def _date(message: dict[str, Any]) -> tuple[int | None, int | None]:
    for key in ("published-print", "published-online", "published", "issued", "created"):
        parts = (message.get(key) or {}).get("date-parts") or [[]]
        if parts and parts[0] and parts[0][0]:
            year = int(parts[0][0])
            month = int(parts[0][1]) if len(parts[0]) > 1 and parts[0][1] else None
            return year, month
    return None, None


def parse(message: dict[str, Any], doi: str) -> Work:
    authors = []
    for person in message.get("author") or []:
        name = " ".join(f"{person.get('given', '')} {person.get('family', '')}".split()) or person.get("name", "")
        orcid = str(person.get("ORCID") or "").rstrip("/").rsplit("/", 1)[-1] or None
        if name:
            authors.append(Author(name=name, orcid=orcid))
    year, month = _date(message)
    event = message.get("event") or {}
    pdf = next(
        (link.get("URL") for link in message.get("link") or [] if link.get("content-type") == "application/pdf"),
        None,
    )
    return Work(
        title=clean_title(_first(message.get("title"))),
        authors=authors,
        year=year,
        month=month,
        kind=KINDS.get(str(message.get("type"))),
        venue_name=_first(message.get("container-title")) or str(event.get("name") or ""),
        venue_short=str(event.get("acronym") or "") or _first(message.get("short-container-title")),
        doi=str(message.get("DOI") or doi),
        pdf=pdf if pdf and pdf.startswith("https://") else None,
        abstract=plain_text(message.get("abstract")),
        source="Crossref",
    )
