"""Stage 2: rules across files, run on data that each file's model has already accepted.

A rule is a small named function that yields problems; `RULES` runs in order, and every problem of
every rule is reported at once. Warnings (look-alike author names) are rules too: a preview shows
them, a strict check refuses them.
"""

from __future__ import annotations

from pathlib import Path

from labsite.check import crossfile, lookalikes
from labsite.errors import DataError, DataErrors, DataWarning
from labsite.read.load import SiteData, load


def run(data: SiteData) -> tuple[list[DataError], list[DataWarning]]:
    """Every error and every warning the rules find in `data`."""
    errors = crossfile.cross_check(data, data.documents, data.data_dir)
    warnings = [] if errors else lookalikes.warnings(data, data.documents, data.data_dir)
    return errors, warnings


def load_checked(root: Path, data_dir: str = "data") -> SiteData:
    """Read, validate and check `root/data_dir`: the data every later stage and command may trust.

    Raises `DataErrors` with every problem; warnings are kept on the data for the caller to show.
    """
    data = load(root, data_dir)
    errors, warnings = run(data)
    if errors:
        raise DataErrors(errors)
    data.warnings = warnings
    return data
