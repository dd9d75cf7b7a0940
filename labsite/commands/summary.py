"""A command's Markdown report, printed and, in CI, appended to the job's summary page."""

from __future__ import annotations

from pathlib import Path

import click

from labsite.commands.errors import Refused

summary_option = click.option(
    "--summary",
    "summary_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also append the Markdown to this file (in CI: $GITHUB_STEP_SUMMARY).",
)
"""The `--summary FILE` option of every command whose report CI puts on the job's summary page."""


def show(text: str, summary_path: Path | None) -> None:
    """Print `text`, and append it to `summary_path` when one is given ($GITHUB_STEP_SUMMARY)."""
    click.echo(text, nl=False)
    if summary_path is None:
        return
    try:
        with summary_path.open("a", encoding="utf-8") as f:
            f.write(text)
    except OSError as error:
        raise Refused(f"could not write the summary to {summary_path}: {error.strerror}") from None
