"""`python -m labsite import ID…` and `python -m labsite sync`: papers in by identifier.

Identifiers: `doi:10.…` (Crossref), `arxiv:2401.01234` (arXiv; its published version is looked up
at Crossref when arXiv names a DOI), `dblp:<person id>` (every record of that person) or
`dblp:<record key>`, `orcid:0000-…` (that person's works, each described by Crossref or arXiv).
Everything is fetched first; only when every fetch succeeded is anything merged and written, so a
404, a 429 that outlasts the retries, a 500 or a timeout leaves data/ exactly as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import click

from labsite.check import load_checked
from labsite.commands import datawrite
from labsite.commands.errors import DataProblems, Refused
from labsite.commands.merge import Merger, Plan
from labsite.commands.sources import Work, arxiv_id, crossref, dblp, doi_of, orcid
from labsite.commands.sources import arxiv as arxiv_source
from labsite.commands.sources.http import Client, FetchError
from labsite.errors import DataErrors, one_line
from labsite.models.people import Someone
from labsite.read.layout import data_file
from labsite.read.load import SiteData

PREFIXES = ("doi", "arxiv", "dblp", "orcid")
AUTHORS_HEADER = "# yaml-language-server: $schema=../schemas/authors.schema.json\nauthors:\n"


def contact_of(data: SiteData) -> str | None:
    return data.settings.contact or data.profile.email


def parse_identifier(text: str) -> tuple[str, str]:
    kind, _, value = text.strip().partition(":")
    kind = kind.lower()
    if kind not in PREFIXES or not value.strip():
        raise click.BadParameter(f"'{text}': expected doi:…, arxiv:…, dblp:… or orcid:…", param_hint="ID")
    value = value.strip()
    if kind == "doi":
        value = doi_of(value) or value
    elif kind == "arxiv":
        value = arxiv_id(value) or value
    elif kind == "orcid":
        value = value.rstrip("/").rsplit("/", 1)[-1]
    elif kind == "dblp":
        value = re.sub(r"^https?://dblp\.org/(pid/|rec/)?", "", value).removesuffix(".xml").removesuffix(".html")
    return kind, value


def fetch(client: Client, kind: str, value: str, notes: list[str]) -> list[Work]:
    """The works behind one identifier; raises FetchError when the service fails or lacks it."""
    label = f"{kind}:{value}"
    if kind == "doi":
        works = [crossref.work(client, value)]
    elif kind == "arxiv":
        preprint = arxiv_source.work(client, value)
        works = [preprint]
        if preprint.published_doi:
            try:
                works.append(crossref.work(client, preprint.published_doi))
            except FetchError as error:
                notes.append(f"{label}: published version doi:{preprint.published_doi} not described ({error})")
    elif kind == "dblp":
        works = dblp.works(client, value)
    else:
        works = []
        for listed in orcid.works(client, value):
            try:
                if listed.doi:
                    works.append(crossref.work(client, listed.doi))
                elif listed.arxiv:
                    works.append(arxiv_source.work(client, listed.arxiv))
                else:
                    notes.append(f"{label}: skipped '{listed.title}': ORCID gives no DOI or arXiv id")
            except FetchError as error:
                if not str(error).startswith("not found"):
                    raise
                notes.append(f"{label}: skipped '{listed.title}': {error}")
    for work in works:
        work.found_via.append(label)
    return works


def gather(client: Client, identifiers: list[tuple[str, str]]) -> tuple[list[Work], list[str], dict[str, int]]:
    works: list[Work] = []
    notes: list[str] = []
    counts: dict[str, int] = {}
    for kind, value in identifiers:
        found = fetch(client, kind, value, notes)
        counts[f"{kind}:{value}"] = len(found)
        works += found
    return works, notes, counts


def full_name_at_crossref(client: Client, notes: list[str]) -> Callable[[Work], str | None]:
    """A venue's full name from Crossref's record of the paper, for sources that give only a short one."""

    def look_up(work: Work) -> str | None:
        if not work.doi or work.source == "Crossref":
            return None
        try:
            return crossref.work(client, work.doi).venue_name or None
        except FetchError as error:
            notes.append(f"venue '{work.venue_short}': full name not found ({error}); check data/venues.yml")
            return None

    return look_up


def changed_texts(root: Path, plan: Plan) -> dict[str, str]:
    """The new text of every data file the plan changes."""
    texts: dict[str, str] = {}
    used = {r.get("venue") for r in plan.added} | {c.get("venue") for _, c, _ in plan.changed}
    plan.venues = [v for v in plan.venues if v["id"] in used]
    pubs = (root / data_file("publications.yml")).read_text(encoding="utf-8")
    for paper_id, changes, _ in plan.changed:
        pubs = datawrite.with_changes(pubs, paper_id, changes)
    pubs = datawrite.appended(pubs, "publications", plan.added, datawrite.ORDER)
    if plan.added or plan.changed:
        texts[data_file("publications.yml")] = pubs
    if plan.authors:
        path = root / data_file("authors.yml")
        current = path.read_text(encoding="utf-8") if path.exists() else AUTHORS_HEADER
        texts[data_file("authors.yml")] = datawrite.appended(current, "authors", plan.authors, ("name", "aliases"))
    if plan.venues:
        venues = (root / data_file("venues.yml")).read_text(encoding="utf-8")
        texts[data_file("venues.yml")] = datawrite.appended(venues, "venues", plan.venues, datawrite.VENUE_ORDER)
    return texts


def summary(plan: Plan, counts: dict[str, int], notes: list[str], dry_run: bool) -> str:
    """The Markdown a pull request (or a person) reads: what was found where, added, changed."""
    verb = "Would add" if dry_run else "Added"
    lines = ["## Papers found", "", "| asked | records found |", "| --- | --- |"]
    lines += [f"| `{who}` | {n} |" for who, n in counts.items()]
    lines += ["", f"## {verb} {len(plan.added)} paper(s)", ""]
    for record in plan.added:
        where = record.get("venue") or record.get("type")
        sources = ", ".join(plan.found.get(record["id"], []))
        lines.append(f"- **{record['title']}** ({where}, {record['year']}) — `{record['id']}`, from {sources}")
    if plan.changed:
        lines += ["", f"## Updated {len(plan.changed)} paper(s)", ""]
        lines += [f"- `{pid}`: {why}" for pid, _, why in plan.changed]
    if plan.held:
        lines += ["", "## Left unchanged (run with `--update` to apply)", ""]
        lines += [f"- `{pid}`: {why}" for pid, why in plan.held]
    if plan.authors:
        lines += ["", "## Co-authors DBLP lists under several spellings (added to data/authors.yml)", ""]
        lines += [f"- {a['name']} = {', '.join(a['aliases'])}" for a in plan.authors]
    if plan.venues:
        lines += ["", f"## Venues added to data/venues.yml ({len(plan.venues)})", ""]
        lines += [f"- `{v['id']}`: {v['name']} ({v['type']}) — check the id and name" for v in plan.venues]
    lines += ["", f"{len(plan.present)} found paper(s) are already on the site."]
    if notes or plan.problems:
        lines += ["", "## Notes", ""] + [f"- {one_line(n)}" for n in [*notes, *plan.problems]]
    return "\n".join(lines) + "\n"


def run(root: Path, identifiers: list[tuple[str, str]], dry_run: bool, update: bool, summary_file: Path | None) -> None:
    """Fetch, merge, print, write (unless dry run); exit 1 with one clear line on any failure."""
    try:
        data = load_checked(root)
    except DataErrors as problems:
        raise DataProblems(problems, "Nothing was imported: fix the problems above first.") from None
    try:
        client = Client(root, contact_of(data))
        works, notes, counts = gather(client, identifiers)
        plan = Merger(data, update, full_name_at_crossref(client, notes)).plan(works)
        texts = changed_texts(root, plan)
        for title, paper_id, how in plan.present:
            click.echo(f"already present (same {how}): {paper_id} — {title}")
        for paper_id, why in plan.held:
            click.echo(f"would change {paper_id} with --update: {why}")
        for line in [*notes, *plan.problems]:
            click.echo(one_line(line))
        for venue in plan.venues:
            click.echo(f"{'would add' if dry_run else 'added'} venue {venue['id']}: {venue['name']} ({venue['type']})")
        for paper_id, _, why in plan.changed:
            click.echo(f"{'would update' if dry_run else 'updated'} {paper_id}: {why}")
        for same in plan.authors:
            verb = "would list" if dry_run else "listed"
            aliases = ", ".join(same["aliases"])
            click.echo(f"{verb} {same['name']} = {aliases} in data/authors.yml (one DBLP id or ORCID)")
        if dry_run:
            for record in plan.added:
                click.echo("would add:\n" + datawrite.as_yaml(record, "  ").rstrip("\n"))
        else:
            datawrite.write_checked(root, texts)
            for record in plan.added:
                click.echo(f"added: {record['id']} — {record['title']}")
    except FetchError as error:
        if summary_file:
            summary_file.write_text(f"## Import failed\n\n{error}. Nothing was changed.\n", encoding="utf-8")
        raise Refused(f"error: {error}. Nothing was changed.") from None
    except DataErrors as problems:
        raise DataProblems(problems, "Nothing was changed: the data would not check (problems above).") from None
    except ValueError as error:
        raise Refused(f"error: {error}. Nothing was changed.") from None
    if summary_file:
        summary_file.write_text(summary(plan, counts, notes, dry_run), encoding="utf-8")
    verb = "would be added" if dry_run else "added"
    click.echo(
        f"{len(plan.added)} {verb}, {len(plan.changed)} updated, {len(plan.present)} already present, "
        f"{len(plan.venues)} venue(s) {'to add' if dry_run else 'added'}."
    )


ROOT = click.option(
    "--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."), help="Project folder."
)
DRY = click.option("--dry-run", is_flag=True, help="Show the YAML that would be added; change nothing.")
UPDATE = click.option(
    "--update", is_flag=True, help="Also change papers already on the site (DOI, links, published version)."
)
SUMMARY = click.option(
    "--summary", "summary_file", type=click.Path(dir_okay=False, path_type=Path), help="Write a Markdown summary here."
)


@click.command("import")
@click.argument("identifiers", nargs=-1, required=True)
@ROOT
@DRY
@UPDATE
@SUMMARY
def import_command(
    identifiers: tuple[str, ...], root: Path, dry_run: bool, update: bool, summary_file: Path | None
) -> None:
    """Add papers by identifier: doi:…, arxiv:…, dblp:<person id or record key>, orcid:…"""
    run(root, [parse_identifier(i) for i in identifiers], dry_run, update, summary_file)


@click.command("sync")
@ROOT
@DRY
@UPDATE
@SUMMARY
def sync_command(root: Path, dry_run: bool, update: bool, summary_file: Path | None) -> None:
    """Import the new papers of the professor and of every member whose file names an ORCID or DBLP id."""
    try:
        data = load_checked(root)
    except DataErrors as problems:
        raise DataProblems(problems, "Nothing was imported: fix the problems above first.") from None
    identifiers: list[tuple[str, str]] = []
    everyone: list[Someone] = [data.profile, *data.people.values()]
    for person in everyone:
        if person.dblp:
            identifiers.append(("dblp", person.dblp))
        if person.orcid:
            identifiers.append(("orcid", person.orcid))
    if not identifiers:
        click.echo("Nobody's file names an ORCID or DBLP id (add `orcid:` or `dblp:` to data/profile.yml).")
        if summary_file:
            summary_file.write_text("No ORCID or DBLP ids in data/: nothing to sync.\n", encoding="utf-8")
        return
    run(root, list(dict.fromkeys(identifiers)), dry_run, update, summary_file)
