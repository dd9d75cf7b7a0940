"""The one way a command fails on bad data: every problem listed, one line saying what was (not) done, exit 1.

`DataProblems` is a `click.ClickException`, as MkDocs' own `Abort` is, so click prints it and exits
without a traceback; commands raise it (or wrap their work in `data_errors_reported`) instead of
printing and calling `sys.exit` each in its own way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

import click

from labsite.commands import report
from labsite.errors import DataErrors


class DataProblems(click.ClickException):
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
