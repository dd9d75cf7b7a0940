"""OpenAlex by DOI (`/works/doi:{doi}`): how often a work has been cited, and its authors' institutions."""

from __future__ import annotations

from urllib.parse import quote

from .http import OPENALEX, Client


def cited_by(client: Client, doi: str) -> int | None:
    """The citation count, or None when OpenAlex does not know the DOI."""
    params = {"mailto": client.contact} if client.contact else None
    data = client.json(OPENALEX, f"/works/doi:{quote(doi, safe='/')}", f"doi:{doi}", params=params)
    if data is None or not isinstance(data.get("cited_by_count"), int):
        return None
    return int(data["cited_by_count"])


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
        author = authorship.get("author") if isinstance(authorship.get("author"), dict) else {}
        spellings = [s for s in (authorship.get("raw_author_name"), author.get("display_name")) if isinstance(s, str)]
        places = [
            i["display_name"]
            for i in authorship.get("institutions") or []
            if isinstance(i, dict) and isinstance(i.get("display_name"), str) and i["display_name"].strip()
        ]
        found.append((spellings, list(dict.fromkeys(places))))
    return found
