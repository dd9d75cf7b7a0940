"""How problems are shown: plain `file:line: message` lines, or GitHub workflow annotations.

In GitHub Actions each problem also becomes `::error file=…,line=…,title=…::message`, which GitHub
shows inline on the pull request's changed line. GitHub shows at most 10 annotations of a kind per
step, so the full list also goes to the job summary.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable
from pathlib import Path

from labsite.errors import DataError, DataWarning, one_line


def _escape_data(text: str) -> str:
    """GitHub's escaping of a workflow command's message: a newline can never start a new command.

    Control, direction and line-separating characters are first written as escapes (`\\u202e`,
    `one_line`), so a file name in an annotation reads as what it is."""
    return one_line(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """And of a property (`file=…`): a ':' or ',' in a file name can never end the property early."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: DataError) -> str:
    """The workflow command for one problem (`::error …` or `::warning …`)."""
    level = "warning" if isinstance(problem, DataWarning) else "error"
    props = [f"file={_escape_property(problem.file)}"]
    if problem.line:
        props.append(f"line={problem.line}")
    props.append(f"title={_escape_property(problem.title)}")
    message = problem.message if not problem.field else f"field '{problem.field}': {problem.message}"
    if problem.hint:
        message += f" (hint: {problem.hint})"
    return f"::{level} {','.join(props)}::{_escape_data(message)}"


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def lines(problems: Iterable[DataError], github: bool) -> list[str]:
    """Every problem as a plain line, and, in GitHub Actions, as an annotation too."""
    out = []
    for problem in problems:
        prefix = "warning: " if isinstance(problem, DataWarning) else ""
        out.append(f"{prefix}{problem}")  # str() keeps it on one line
        if github:
            out.append(annotation(problem))
    return out


def _cell(text: str) -> str:
    """Table cell text that stays text: one line, no table break, no HTML or images from a file name."""
    return html.escape(one_line(text), quote=False).replace("|", "\\|").replace("!", "\\!").replace("[", "\\[")


def write_summary(problems: list[DataError]) -> None:
    """Append a Markdown table of every problem to the GitHub job summary, if there is one."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary or not problems:
        return
    rows = ["| file | line | field | problem |", "| --- | --- | --- | --- |"]
    for p in problems:
        text = p.message + (f" (hint: {p.hint})" if p.hint else "")
        cells = [p.file, str(p.line or ""), p.field, text]
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    with Path(summary).open("a", encoding="utf-8") as f:
        f.write("### Data check\n\n" + "\n".join(rows) + "\n")
