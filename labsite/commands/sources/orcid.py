"""The ORCID public API: a person's works (`/{orcid}/works`), as DOIs and arXiv ids.

ORCID's work summaries carry no author list, so each work is then described by Crossref (DOI) or
arXiv; a work with neither identifier cannot become an entry and is reported.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import arxiv_id, clean_title, doi_of
from .http import ORCID, Client, FetchError


@dataclass(frozen=True)
class Listed:
    title: str
    doi: str | None
    arxiv: str | None


def works(client: Client, orcid: str) -> list[Listed]:
    data = client.json(ORCID, f"/{orcid}/works", f"orcid:{orcid}", accept="application/json")
    if data is None:
        raise FetchError(f"not found at ORCID: orcid:{orcid}")
    listed = []
    for group in data.get("group") or []:
        summaries = group.get("work-summary") or []
        if not summaries:
            continue
        summary = summaries[0]
        title = clean_title(((summary.get("title") or {}).get("title") or {}).get("value") or "")
        ids = ((group.get("external-ids") or {}).get("external-id")) or []
        doi = next((doi_of(i.get("external-id-value")) for i in ids if i.get("external-id-type") == "doi"), None)
        arxiv = next((arxiv_id(i.get("external-id-value")) for i in ids if i.get("external-id-type") == "arxiv"), None)
        listed.append(Listed(title=title, doi=doi, arxiv=arxiv))
    return listed
