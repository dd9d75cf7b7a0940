"""Stage 2: rules across files, run on data that each file's model has already accepted.

Each rule is a small named function in `labsite/check/rules/` that yields a `Finding` per problem;
`RULES` lists them, with their severity, in the order they run, and every problem of every rule is
reported at once. Warnings (look-alike author names, an `end` year still to come) are rules too: a
preview shows them, a strict check refuses them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from labsite.check.context import Context, Finding
from labsite.check.rules import (
    addresses,
    citations,
    identities,
    ids,
    lookalikes,
    markdown_fields,
    photos,
    references,
    tenure,
)
from labsite.errors import DataError, DataErrors, DataWarning
from labsite.read.layout import DATA_DIR
from labsite.read.load import SiteData, load


@dataclass(frozen=True)
class Rule:
    """A rule and what its findings are: a `DataError` stops the build, a `DataWarning` does not."""

    check: Callable[[Context], Iterable[Finding]]
    severity: type[DataError] = DataError

    @property
    def name(self) -> str:
        return self.check.__name__


RULES: list[Rule] = [
    Rule(ids.unique_ids),
    Rule(addresses.pages_have_their_own_address),
    Rule(citations.citations_are_of_known_papers),
    Rule(references.papers_name_known_venues_topics_projects),
    Rule(references.projects_name_known_topics_people),
    Rule(references.awards_name_known_papers),
    Rule(references.profile_selects_known_papers_projects),
    Rule(photos.photos_exist_and_are_light),
    Rule(identities.one_person_per_name),
    Rule(identities.no_member_is_an_outside_author),
    Rule(identities.no_two_people_display_alike),
    Rule(markdown_fields.markdown_shows_everything),
    Rule(lookalikes.outside_authors_alike, DataWarning),
    Rule(lookalikes.authors_like_members, DataWarning),
    Rule(tenure.end_is_not_in_the_future, DataWarning),
]


def run(data: SiteData, rules: Sequence[Rule] | None = None) -> tuple[list[DataError], list[DataWarning]]:
    """Every error and every warning the rules (`RULES` unless told) find in `data`, each once, sorted
    by file and line.

    Warnings are looked for only in data without errors: the build stops at the errors anyway, and
    a look-alike name is worth a look only once every name is where it belongs.
    """
    rules = RULES if rules is None else rules
    ctx = Context(data)
    errors = [ctx.problem(f) for rule in rules if rule.severity is DataError for f in rule.check(ctx)]
    if errors:
        return sorted(set(errors)), []
    warnings = [
        ctx.problem(f, DataWarning) for rule in rules if rule.severity is not DataError for f in rule.check(ctx)
    ]
    return [], sorted(set(warnings))


def load_checked(root: Path, data_dir: str = DATA_DIR) -> SiteData:
    """Read, validate and check `root/data_dir`: the data every later stage and command may trust.

    Raises `DataErrors` with every problem; warnings are kept on the data for the caller to show.
    """
    data = load(root, data_dir)
    errors, warnings = run(data)
    if errors:
        raise DataErrors(errors)
    data.warnings = warnings
    return data
