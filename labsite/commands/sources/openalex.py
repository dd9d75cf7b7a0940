"""OpenAlex: how often a work (by DOI) has been cited (`/works/doi:{doi}`, `cited_by_count`)."""

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
