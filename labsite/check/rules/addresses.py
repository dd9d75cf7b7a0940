"""Every page the data implies has the address its kind promises, and no other file claims it."""

from __future__ import annotations

from collections.abc import Iterator

from labsite.check.context import Context, Finding
from labsite.read import addresses
from labsite.read.addresses import Claim, PageKind
from labsite.read.layout import DOCS_DIR, PEOPLE_DIR


def pages_have_their_own_address(ctx: Context) -> Iterator[Finding]:
    """Refuses an id that would give its page another address than `<folder>/<id>/` (an id `index`
    becomes the folder's own page), or an address that a page under `docs/`, a file the core or the
    engine writes, or another item's page claims too: the engine keeps one of them without a word.
    A member's exports (`people/<id>/publications.bib`, `.json`) are claimed beside their page."""
    data = ctx.data
    papers, projects = enumerate(data.publications), enumerate(data.projects)
    items: list[tuple[PageKind, str, str, tuple]] = [
        *(("person", i, f"{PEOPLE_DIR}/{i}.yml", ()) for i in data.people),
        *(("publication", p.id, "publications.yml", ("publications", n, "id")) for n, p in papers),
        *(("project", p.id, "projects.yml", ("projects", n, "id")) for n, p in projects),
    ]
    claims = [Claim(addresses.destination(s), f"{DOCS_DIR}/{s}") for s in addresses.docs_sources(data.root, DOCS_DIR)]
    claims += [Claim(name, "a file the build writes") for name in (*addresses.CORE_FILES, *addresses.ENGINE_FILES)]
    wrong: list[Finding] = []
    made: dict[Claim, tuple[PageKind, str, str, tuple]] = {}
    for kind, item_id, file, path in items:
        where = addresses.destination(addresses.page_source(kind, item_id))
        promised = addresses.page_url(kind, item_id) + "index.html"
        if where != promised:
            wrong.append(
                Finding(
                    file,
                    path,
                    f"the id {item_id!r} would publish this {kind}'s page at {_shown(where)},"
                    f" not at {_shown(promised)} where links to it point",
                    ("rename the file" if kind == "person" else "choose another id")
                    + " (ids name addresses: 'index' is the folder's own page)",
                )
            )
            continue
        claim = Claim(where, f"the {kind} {item_id!r}")
        made[claim] = (kind, item_id, file, path)
        claims.append(claim)
        if kind == "person":
            for export in addresses.person_files(item_id):
                exported = Claim(export, f"the person {item_id!r}'s {export.rsplit('/', 1)[1]}")
                made[exported] = (kind, item_id, file, path)
                claims.append(exported)
    yield from wrong
    seen: set[tuple[str, str]] = set()
    for claim, others in addresses.clashes(claims).items():
        if claim not in made:
            continue
        kind, item_id, file, path = made[claim]
        others = [o for o in others if made.get(o, (None, None))[:2] != (kind, item_id)]  # a repeated id: ids.py
        if not others or (file, item_id) in seen:
            continue
        seen.add((file, item_id))
        what = f"this {kind}'s page" if claim.destination.endswith("index.html") else f"this {kind}'s papers"
        yield Finding(
            file,
            path,
            f"{what}, at {_shown(claim.destination)}, would take the address of {others[0].origin}"
            f" ({_shown(others[0].destination)})",
            ("rename the file" if kind == "person" else "choose another id")
            + ": every page needs an address of its own",
        )


def _shown(destination: str) -> str:
    """An address as a visitor sees it: 'publications/x/' for 'publications/x/index.html'."""
    return "/" + destination.removesuffix("index.html")
