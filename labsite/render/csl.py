"""CSL JSON from data: the format Zotero, Pandoc and every citeproc read (CSL-JSON schema, v1.0).

Each paper is worded as `derive/citing.py` decides (kind, container, date, notes), so it reads the
same as its BibTeX entry; its `id` is the same citation key as in the `.bib` files. Names are split
as BibTeX reads them (the last word is the family name), and a one-word name, or one in Chinese,
Japanese or Korean script, is kept whole as a `literal`, so no format splits a name another does not.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from labsite.render import bibtex

if TYPE_CHECKING:
    from labsite.derive.views import Site
    from labsite.models.publications import Publication, PublicationType

TYPES: dict[PublicationType, str] = {
    "conference": "paper-conference",
    "workshop": "paper-conference",
    "journal": "article-journal",
    "thesis": "thesis",
    "preprint": "article",
}


def name(text: str) -> dict[str, str]:
    words = text.split()
    if len(words) < 2 or bibtex.family_first(text):
        return {"literal": text}
    return {"family": words[-1], "given": " ".join(words[:-1])}


def item(site: Site, pub: Publication, key: str) -> dict[str, Any]:
    cited = site.citation_of(pub)
    found: dict[str, Any] = {
        "id": key,
        "type": TYPES[cited.kind],
        "title": pub.title,
        "author": [name(a) for a in pub.authors],
        "issued": {"date-parts": [[cited.year, cited.month] if cited.month else [cited.year]]},
    }
    if cited.venue and cited.container:
        found["container-title"] = cited.container
        found["container-title-short"] = cited.venue.id
    if cited.kind == "thesis" and pub.institution:
        found["publisher"] = pub.institution
    if pub.location:
        found["event-place"] = pub.location
    if pub.doi:
        found["DOI"] = pub.doi
    url = pub.links.pdf or pub.links.arxiv or pub.links.project
    if url:
        found["URL"] = url
    if cited.notes:
        found["note"] = ". ".join(cited.notes)
    return found


def items(site: Site, pubs: list[Publication]) -> str:
    """The papers as one CSL JSON array, in the order given, keyed as in the site's `.bib` files."""
    keys = bibtex.citation_keys(site)
    data = [item(site, pub, keys[pub.id]) for pub in pubs]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
