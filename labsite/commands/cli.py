"""`python -m labsite …`: the data check and the maintainers' small tools."""

from __future__ import annotations

import time
from pathlib import Path

import click

from labsite.commands import report
from labsite.commands.attached import attached_papers_command
from labsite.commands.citations import citations_command
from labsite.commands.errors import DataProblems, Refused
from labsite.commands.generate import generate_command
from labsite.commands.importing import import_command, sync_command
from labsite.commands.paperwork.coa import coa_command
from labsite.commands.photos import photo_command
from labsite.commands.review.prcheck import pr_check_command
from labsite.commands.review.previewcomment import preview_comment_command
from labsite.commands.scaffold import new_member_command
from labsite.commands.schemas import schemas_command
from labsite.commands.sitediff import site_diff_command
from labsite.errors import DataErrors
from labsite.read.layout import DATA_DIR
from labsite.site import load_site


@click.group()
def main() -> None:
    """Tools for the lab site: check the data, and more."""


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."), help="Project folder.")
@click.option("--data", "data_dir", default=DATA_DIR, show_default=True, help="Data folder inside the project.")
@click.option("--strict", is_flag=True, help="Treat warnings (e.g. look-alike author names) as errors.")
def check(root: Path, data_dir: str, strict: bool) -> None:
    """Validate data/ without building the site; exit 1 on any problem."""
    started = time.perf_counter()
    github = report.in_github_actions()
    try:
        site = load_site(root, data_dir)
    except DataErrors as problems:
        note = f"{len(problems.errors)} problem(s) found in {data_dir}/."
        raise DataProblems(problems, note, github=github, summary=True) from None
    warnings = site.warnings
    if warnings:
        click.echo("\n".join(report.lines(warnings, github)))
        report.write_summary(list(warnings))
    elapsed = time.perf_counter() - started
    bare = site.without_free_copy()
    if bare:  # a note for the professor, not a problem: it never fails the check
        click.echo(
            f"note: {len(bare)} paper(s) have no PDF link and no open-access copy known to OpenAlex"
            f" (add links.pdf, or deposit a copy, e.g. on arXiv): {', '.join(p.id for p in bare)}"
        )
    counts = f"{len(site.data.publications)} publications, {len(site.data.people)} people"
    click.echo(f"{data_dir}/ is valid ({counts}; {len(warnings)} warning(s)) in {elapsed:.2f} s.", err=True)
    if strict and warnings:
        raise Refused("--strict: warnings count as problems (CI and the deploy run it this way).") from None
    if warnings:
        click.echo("CI runs `check --strict`, where these warnings fail: fix them before a pull request.", err=True)


@main.command("import-bib")
@click.argument("bib", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."), help="Project folder.")
@click.option("--dry-run", is_flag=True, help="Show what would be added; change nothing.")
def import_bib(bib: Path, root: Path, dry_run: bool) -> None:
    """Add the papers of a .bib file that are not yet in data/publications.yml."""
    from labsite.commands import bibimport

    try:
        plan = bibimport.plan(root, bib.read_text(encoding="utf-8"), bib_name=str(bib))
        for title, rule in plan.present:
            click.echo(f"already present (same {rule}): {title}")
        for title, where in plan.unmapped:
            click.echo(
                f"could not map venue for '{title}': '{where}' — added as a preprint; add the venue to data/venues.yml"
            )
        for problem in [*plan.problems, *plan.left_out]:
            click.echo(problem)
        for record in plan.added:
            click.echo(f"{'would add' if dry_run else 'added'}: {record['id']} — {record['title']}")
        if not dry_run and plan.added:
            bibimport.apply(root, plan)
    except DataErrors as problems:
        raise DataProblems(problems, "Nothing was changed: fix the problems above first.") from None
    except UnicodeDecodeError:
        raise Refused(f"{bib} is not UTF-8 text: export or save it as UTF-8 (nothing was changed).") from None
    except ValueError as error:
        raise Refused(str(error)) from None
    verb = "would be added" if dry_run else "added"
    click.echo(
        f"{len(plan.added)} {verb}, {len(plan.present)} already present, {len(plan.unmapped)} venue(s) not mapped, "
        f"{len(plan.problems)} not imported{' (see above)' if plan.problems else ''}."
    )


# Each command lives beside its code and is registered here.
main.add_command(schemas_command)
main.add_command(new_member_command)
main.add_command(photo_command)
main.add_command(site_diff_command)
main.add_command(attached_papers_command)
main.add_command(import_command)
main.add_command(sync_command)
main.add_command(citations_command)
main.add_command(generate_command)
main.add_command(pr_check_command)
main.add_command(preview_comment_command)
main.add_command(coa_command)
