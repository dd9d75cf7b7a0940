"""The one way a command fails: `Refused` (one line saying what was not done) and, on bad data,
`DataProblems` (every problem listed, then that line); exit 1 either way.

Both are `click.ClickException`s, as MkDocs' own `Abort` is, so click prints them and exits without a
traceback; commands raise them (or wrap their work in `data_errors_reported`) instead of printing
and calling `sys.exit` each in its own way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

import click

from labsite.commands import report
from labsite.errors import DataErrors


class Refused(click.ClickException):
    """A command could not do its work (a service failed, a file is unreadable, warnings under --strict):
    one line on standard error, as the command words it, and exit 1. Nothing was changed."""

    exit_code = 1

    def show(self, file: IO[str] | None = None) -> None:
        click.echo(self.format_message(), err=True)


class DataProblems(Refused):
    """The data does not check: the problems go to standard output (one per line, as GitHub annotations
    in Actions), the note to standard error."""

    exit_code = 1

    def __init__(self, problems: DataErrors, note: str = "", github: bool = False, summary: bool = False) -> None:
        self.problems = problems
        self.github = github
        self.summary = summary
        super().__init__(note or f"{len(problems.errors)} problem(s) found in the data.")

    def show(self, file: IO[str] | None = None) -> None:
        click.echo("\n".join(report.lines(self.problems.errors, self.github)))
        if self.summary:
            report.write_summary(self.problems.errors)
        click.echo(self.format_message(), err=True)


@contextmanager
def data_errors_reported(note: str = "", github: bool = False, summary: bool = False) -> Iterator[None]:
    """Run a command's work; bad data ends the command as `DataProblems` with `note`."""
    try:
        yield
    except DataErrors as problems:
        raise DataProblems(problems, note, github, summary) from None
