"""Data mistakes as values with a place, collected and reported together.

A traceback is a bug in our code; a data mistake is a `DataError` that names the file, the line, the
field, what was expected and what was found, so a student fixing a pull request knows where to look.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from labsite.characters import escaped


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in one data file.

    `file` is relative to the project root (``data/people/x.yml``); `line` is 1-based, or 0 when the
    problem concerns the file as a whole; `field` is a dotted path (``publications[3].venue``).
    """

    file: str
    line: int
    field: str = ""
    message: str = ""
    hint: str = dataclasses.field(default="", compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = f"field '{self.field}': {self.message}" if self.field else self.message
        text = f"{where}: {what}"
        return one_line(f"{text} (hint: {self.hint})" if self.hint else text)

    @property
    def title(self) -> str:
        """A short heading for annotations: the field, or the kind of problem."""
        return f"Invalid field '{self.field}'" if self.field else "Invalid data"


@dataclass(frozen=True, order=True)
class DataWarning(DataError):
    """A problem worth a look that does not stop the build (e.g. a likely misspelt author)."""


class DataErrors(Exception):
    """Every problem found in `data/`, sorted by file and line; raised once, after checking all."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        head = f"{count} problem{'s' if count != 1 else ''} in the site's data:"
        return "\n".join([head, *(f"  {e}" for e in self.errors)])


SHOWN_MAX = 60
"""A found value is cut to this many characters in a message: a message never formats a huge value."""


def shown(value: Any) -> str:
    """A found value as it should appear in a message: quoted strings, short, one line."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return shown_text(repr(value[: SHOWN_MAX + 1]) if len(value) > SHOWN_MAX else repr(value))
    return shown_text(str(value))


def shown_text(text: str, limit: int = SHOWN_MAX) -> str:
    """Text as a message shows it: on one line, at most `limit` characters."""
    text = one_line(text[: limit * 4])
    return text if len(text) <= limit else text[: limit - 3] + "..."


def one_line(text: str) -> str:
    """Control, direction and line-separating characters written as escapes (`\\n`, `\\u202e`): a newline
    in a file name cannot start a line of output, and a file name reads as what it is."""
    return escaped(text)
