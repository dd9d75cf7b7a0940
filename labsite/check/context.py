"""What a rule is given (`Context`) and what it gives back (`Finding`), and the one place a finding
becomes a `DataError` with its file, line and field."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar, overload

from labsite.errors import DataError
from labsite.read import yamlfile
from labsite.read.load import SiteData
from labsite.read.validate import dotted

T = TypeVar("T")
E = TypeVar("E", bound=DataError)


def current_year() -> int:
    """The year 'now' means to every rule: the build's date, which `SOURCE_DATE_EPOCH` sets (as it sets
    MkDocs' build date for reproducible builds, and as tests set it); else today's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).year
    return dt.date.today().year


class Finding(NamedTuple):
    """One problem a rule found: where (a file of the data folder and a YAML path in it) and what.

    A rule says no more than this; `Context.problem` adds the line and the field's dotted name, and
    the rule's severity decides whether it is an error or a warning.
    """

    file: str
    """Relative to the data folder: ``publications.yml``, ``people/jane-doe.yml``."""
    path: tuple[Any, ...]
    """Keys and indexes in the file's YAML: ``("publications", 3, "venue")``."""
    message: str
    hint: str = ""


@dataclass
class Context:
    """The data a rule checks, with its parsed files for lines, and results that several rules share."""

    data: SiteData
    _shared: dict[Callable[[SiteData], Any], Any] = field(default_factory=dict, repr=False)

    def document(self, file: str) -> Any:
        """The parsed YAML of `file` (relative to the data folder), or None if there is none."""
        return self.data.documents.get(f"{self.data.data_dir}/{file}")

    def shared(self, compute: Callable[[SiteData], T]) -> T:
        """`compute(data)`, computed once for all the rules that ask (e.g. who writes each author name)."""
        if compute not in self._shared:
            self._shared[compute] = compute(self.data)
        return self._shared[compute]

    @overload
    def problem(self, finding: Finding) -> DataError: ...
    @overload
    def problem(self, finding: Finding, kind: type[E]) -> E: ...
    def problem(self, finding: Finding, kind: type[DataError] = DataError) -> DataError:
        """The error (or warning) a finding is reported as: its file as shown, the line of its path
        (the deepest part of it the file has, else line 1) and the path as a dotted field name."""
        file = f"{self.data.data_dir}/{finding.file}"
        line = yamlfile.line_of(self.document(finding.file), finding.path, fallback=1)
        return kind(file, line, dotted(finding.path), finding.message, finding.hint)
