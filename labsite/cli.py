"""`python -m labsite …`: the data check and the maintainers' small tools."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from . import report
from .errors import DataErrors
from .site import load_site


@click.group()
def main() -> None:
    """Tools for the lab site: check the data, and more."""


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."), help="Project folder.")
@click.option("--data", "data_dir", default="data", show_default=True, help="Data folder inside the project.")
@click.option("--strict", is_flag=True, help="Treat warnings (e.g. look-alike author names) as errors.")
def check(root: Path, data_dir: str, strict: bool) -> None:
    """Validate data/ without building the site; exit 1 on any problem."""
    started = time.perf_counter()
    github = report.in_github_actions()
    try:
        site = load_site(root, data_dir)
    except DataErrors as problems:
        click.echo("\n".join(report.lines(problems.errors, github)), err=False)
        report.write_summary(problems.errors)
        click.echo(f"{len(problems.errors)} problem(s) found in {data_dir}/.", err=True)
        sys.exit(1)
    warnings = site.warnings
    if warnings:
        click.echo("\n".join(report.lines(warnings, github)))
        report.write_summary(list(warnings))
    elapsed = time.perf_counter() - started
    counts = f"{len(site.data.publications)} publications, {len(site.data.people)} people"
    click.echo(f"{data_dir}/ is valid ({counts}; {len(warnings)} warning(s)) in {elapsed:.2f} s.", err=True)
    if strict and warnings:
        sys.exit(1)


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."), help="Project folder.")
@click.option("--check", "check_only", is_flag=True, help="Only report schema files that differ from the models.")
def schemas(root: Path, check_only: bool) -> None:
    """Write schemas/*.schema.json from the models (editors use them to complete data files)."""
    from . import schemas as schema_files

    folder = root / "schemas"
    if check_only:
        stale = schema_files.drift(folder)
        if stale:
            click.echo("Out of date (run `python -m labsite schemas`): " + ", ".join(stale))
            sys.exit(1)
        click.echo("schemas/ matches the models.")
        return
    for path in schema_files.write(folder):
        click.echo(f"wrote {path}")


@main.command("new-member")
@click.option("--name", prompt="Full name", help="As it should appear on the site, e.g. 'Jane Doe'.")
@click.option("--degree", prompt="Degree (PhD, MS, BS, Postdoc)", type=click.Choice(["PhD", "MS", "BS", "Postdoc"]))
@click.option("--start", type=int, default=None, help="Year they joined.")
@click.option("--co-advisor", "co_advisors", multiple=True, help="Repeat for several.")
@click.option("--email", default=None)
@click.option("--id", "member_id", default=None, help="File name without .yml (default: from the name).")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."), help="Project folder.")
def new_member(
    name: str,
    degree: str,
    start: int | None,
    co_advisors: tuple[str, ...],
    email: str | None,
    member_id: str | None,
    root: Path,
) -> None:
    """Create data/people/<id>.yml for a new member, then check the data."""
    from . import scaffold

    fields = {"name": name, "degree": degree, "start": start, "co_advisors": list(co_advisors), "email": email}
    path = scaffold.path_for(root, name, member_id)
    shown = path.relative_to(root)
    try:
        scaffold.create(path, fields)
    except FileExistsError:
        click.echo(f"{shown} already exists: edit it instead (nothing was changed).", err=True)
        sys.exit(1)
    try:
        load_site(root)
    except DataErrors as problems:
        path.unlink()
        click.echo("\n".join(report.lines(problems.errors, False)))
        click.echo(f"{shown} was not created: fix the values above and run the command again.", err=True)
        sys.exit(1)
    click.echo(f"Created {shown} — preview with `make serve`; the page will be at /people/{path.stem}/")


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--size", default=512, show_default=True, help="Largest side in pixels.")
def photo(path: Path, size: int) -> None:
    """Crop a photo to a square, shrink it and strip its metadata, in place."""
    from .photos import shrink

    before, after = shrink(path, size)
    click.echo(f"{path}: {before / 1_000_000:.1f} MB -> {after / 1000:.0f} KB")


@main.command("import-bib")
@click.argument("bib", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."), help="Project folder.")
@click.option("--dry-run", is_flag=True, help="Show what would be added; change nothing.")
def import_bib(bib: Path, root: Path, dry_run: bool) -> None:
    """Add the papers of a .bib file that are not yet in data/publications.yml."""
    from . import bibimport

    try:
        plan = bibimport.plan(root, bib.read_text(encoding="utf-8"))
        for title, rule in plan.present:
            click.echo(f"already present (same {rule}): {title}")
        for title, where in plan.unmapped:
            click.echo(
                f"could not map venue for '{title}': '{where}' — added as a preprint; add the venue to data/venues.yml"
            )
        for problem in plan.problems:
            click.echo(problem)
        for record in plan.added:
            click.echo(f"{'would add' if dry_run else 'added'}: {record['id']} — {record['title']}")
        if not dry_run and plan.added:
            bibimport.apply(root, plan)
    except DataErrors as problems:
        click.echo("\n".join(report.lines(problems.errors, False)))
        click.echo("Nothing was changed: fix the problems above first.", err=True)
        sys.exit(1)
    except ValueError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    verb = "would be added" if dry_run else "added"
    click.echo(
        f"{len(plan.added)} {verb}, {len(plan.present)} already present, {len(plan.unmapped)} venue(s) not mapped."
    )
