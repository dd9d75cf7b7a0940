"""A new member's file from a few answers, so a student's first pull request passes the check.

`python -m labsite new-member --name "Jane Doe" --degree PhD` writes `data/people/jane-doe.yml` (schema
comment first, keys in the model's order, only the given ones), then runs the data check and removes
the file again if the check fails, so a failed attempt leaves nothing behind.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import click
import yaml

from labsite.commands import report
from labsite.commands.errors import DataProblems, Refused
from labsite.errors import DataErrors
from labsite.models.common import is_slug
from labsite.models.people import Degree, Person
from labsite.names import ascii_fold
from labsite.read.layout import DATA_DIR, person_file
from labsite.site import load_site

HEADER = "# yaml-language-server: $schema=../../schemas/person.schema.json\n"
DEGREES: tuple[str, ...] = get_args(Degree)


def person_id(name: str) -> str:
    """The page id made from a name, transliterated: 'Søren Ødegård' -> 'soren-odegard', '张三' ->
    'zhang-san'; a nickname in parentheses is dropped. '' when nothing usable is left (then --id).

    Only letters and digits are transliterated (an emoji would become its name), and a caseless
    letter spelt as a capitalised syllable (张 -> Zhang, 민 -> Min) stands as its own word.
    """
    text = unicodedata.normalize("NFC", re.sub(r"\([^)]*\)", " ", name))
    words = []
    for ch in text:
        kind = unicodedata.category(ch)
        if kind[0] not in "LMN":
            words.append(" ")
            continue
        folded = ascii_fold(ch)
        syllable = kind == "Lo" and len(folded) > 1 and folded[0].isupper() and folded[1:].islower()
        words.append(f" {folded} " if syllable else folded)
    return "-".join(re.findall(r"[a-z0-9]+", "".join(words).lower()))


class _Dumper(yaml.SafeDumper):
    """One `key: value` line per field, lists inline (`[a, b]`) as in the other people files."""


_Dumper.add_representer(list, lambda dumper, value: dumper.represent_sequence("tag:yaml.org,2002:seq", value, True))


def person_yaml(fields: dict[str, object]) -> str:
    """The file's text: the schema comment, then the given fields in the model's order."""
    ordered = {key: fields[key] for key in Person.model_fields if fields.get(key) not in (None, [], "")}
    body = yaml.dump(ordered, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)
    return HEADER + body


def path_for(root: Path, member_id: str) -> Path:
    return root / person_file(member_id)


def create(path: Path, fields: dict[str, object]) -> Path:
    """Write the member's file; refuse (FileExistsError) to touch an existing one."""
    with path.open("x", encoding="utf-8") as f:  # "x": never overwrite, even in a race
        f.write(person_yaml(fields))
    return path


def _interactive() -> bool:
    """Prompts only make sense for a person at a terminal; CI and scripts get a usage error."""
    return sys.stdin.isatty()


def _optional_year(text: str) -> int | None:
    if not text.strip():
        return None
    if not text.strip().isdigit():
        raise click.UsageError("enter a year like 2025, or nothing")
    return int(text)


def _optional(question: str, convert: Callable[[str], Any] = str.strip) -> Any:
    """Ask a question that may be left blank (blank gives '' or None, as `convert` makes it)."""
    return click.prompt(f"{question} (blank to skip)", default="", show_default=False, value_proc=convert)


def _ask_missing(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields with name and degree asked for at a terminal when not given (and the optional
    ones not given either); without a terminal, a usage error naming what is missing."""
    if fields["name"] and fields["degree"]:
        return fields
    if not _interactive():
        missing = " and ".join(f"--{key}" for key in ("name", "degree") if not fields[key])
        raise click.UsageError(
            f"missing {missing} (no terminal to ask on). "
            'Example: python -m labsite new-member --name "Jane Doe" --degree PhD --start 2025'
        )
    asked = dict(fields)
    asked["name"] = fields["name"] or click.prompt("Full name, as shown on the site")
    asked["degree"] = fields["degree"] or click.prompt("Degree", type=click.Choice(DEGREES, case_sensitive=False))
    if fields["start"] is None:
        asked["start"] = _optional("Year you joined", _optional_year)
    if not fields["co_advisors"]:
        asked["co_advisors"] = [a.strip() for a in _optional("Co-advisors, comma-separated").split(",") if a.strip()]
    if fields["email"] is None:
        asked["email"] = _optional("E-mail") or None
    return asked


@click.command("new-member")
@click.option("--name", help="Full name as it should appear on the site, e.g. 'Jane Doe'.")
@click.option("--degree", type=click.Choice(DEGREES, case_sensitive=False), help="Degree programme.")
@click.option("--start", type=click.IntRange(1900, 2100), default=None, help="Year they joined.")
@click.option("--co-advisor", "co_advisors", multiple=True, help="A co-advisor's name; repeat for several.")
@click.option("--email", default=None, help="E-mail address (shown in a form hard to scrape).")
@click.option(
    "--id",
    "member_id",
    default=None,
    help="The page id and file name, e.g. jane-doe (default: the name transliterated to ASCII).",
)
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."), help="Project folder.")
def new_member_command(
    name: str | None,
    degree: str | None,
    start: int | None,
    co_advisors: tuple[str, ...],
    email: str | None,
    member_id: str | None,
    root: Path,
) -> None:
    """Create data/people/<id>.yml for a new member, then check the data.

    Missing --name or --degree are asked for at a terminal (with the optional fields).
    """
    if not (root / DATA_DIR).is_dir():
        raise click.UsageError(f"no data/ folder in {root}: run this in the project folder or pass --root")
    fields = _ask_missing(
        {"name": name, "degree": degree, "start": start, "co_advisors": list(co_advisors), "email": email}
    )
    derived = member_id is None
    member_id = member_id or person_id(fields["name"])
    if not member_id:
        raise click.UsageError(
            f"no id can be made from the name {fields['name']!r} (nothing in it spells as letters or digits):"
            " pass one with --id, e.g. --id jane-doe"
        )
    if not is_slug(member_id):
        raise click.UsageError(
            f"{member_id!r} cannot be an id: pass --id with lowercase letters, digits and single hyphens, e.g. jane-doe"
        )
    path = path_for(root, member_id)
    shown = path.relative_to(root).as_posix()
    try:
        create(path, fields)
    except FileExistsError:
        raise Refused(
            f"{shown} already exists: edit it instead, or, for someone else, choose another id with --id"
            " (nothing was changed)."
        ) from None
    try:
        site = load_site(root)
    except DataErrors as problems:
        path.unlink()
        note = f"{shown} was not created: fix the values above and run the command again."
        raise DataProblems(problems, note) from None
    if site.warnings:
        click.echo("\n".join(report.lines(site.warnings, False)))
    if derived and not fields["name"].isascii():
        click.echo(
            f"The id {member_id!r} is the name transliterated; it is the page's lasting address. To choose"
            f" another, delete {shown} and run the command again with --id."
        )
    click.echo(f"Created {shown} — preview with `make serve`, page at /people/{member_id}/")
