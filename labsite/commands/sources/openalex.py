"""OpenAlex: what it knows of a work (by DOI, `/works/doi:{doi}`): how often it has been cited
(`cited_by_count`), where an open-access PDF of it is (`best_oa_location.pdf_url`), and its authors'
institutions (`authorships`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from .http import OPENALEX, Client


@dataclass(frozen=True)
class Work:
    cited_by: int | None
    free_pdf: str | None
    """An open-access copy's PDF address, or None."""


def work(client: Client, doi: str) -> Work | None:
    """What OpenAlex knows of the DOI, or None when it does not know it."""
    params = {"mailto": client.contact} if client.contact else None
    data = client.json(OPENALEX, f"/works/doi:{quote(doi, safe='/')}", f"doi:{doi}", params=params)
    if data is None:
        return None
    count = data.get("cited_by_count")
    return Work(int(count) if isinstance(count, int) else None, free_pdf(data))


def free_pdf(data: dict[str, Any]) -> str | None:
    """The PDF of the best open-access copy, else of the first open-access location that has one.
    `open_access.oa_url` is not used: it is often a landing page, and the site labels the link a PDF."""
    best = data.get("best_oa_location")
    candidates = [best] if isinstance(best, dict) else []
    locations = data.get("locations")
    if isinstance(locations, list):
        candidates += [loc for loc in locations if isinstance(loc, dict) and loc.get("is_oa") is True]
    for location in candidates:
        url = location.get("pdf_url")
        if isinstance(url, str) and urlsplit(url).scheme in ("https", "http") and not any(c.isspace() for c in url):
            return url
    return None


def cited_by(client: Client, doi: str) -> int | None:
    """The citation count, or None when OpenAlex does not know the DOI."""
    found = work(client, doi)
    return found.cited_by if found else None


def affiliations(client: Client, doi: str) -> list[tuple[list[str], list[str]]] | None:
    """Each author of the work as OpenAlex lists it: (their spellings, their institutions on the paper).

    The spellings are the authorship's `raw_author_name` (as printed) and the author's
    `display_name` (OpenAlex's own); the institutions are `institutions[].display_name`, in
    OpenAlex's order. None when OpenAlex does not know the DOI.
    """
    params = {"mailto": client.contact} if client.contact else None
    data = client.json(OPENALEX, f"/works/doi:{quote(doi, safe='/')}", f"doi:{doi}", params=params)
    if data is None:
        return None
    found = []
    for authorship in data.get("authorships") or []:
        if not isinstance(authorship, dict):
            continue
        listed = authorship.get("author")
        author: dict[str, Any] = listed if isinstance(listed, dict) else {}
        spellings = [s for s in (authorship.get("raw_author_name"), author.get("display_name")) if isinstance(s, str)]
        places = [
            i["display_name"]
            for i in authorship.get("institutions") or []
            if isinstance(i, dict) and isinstance(i.get("display_name"), str) and i["display_name"].strip()
        ]
        found.append((spellings, list(dict.fromkeys(places))))
    return found
