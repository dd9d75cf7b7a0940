"""`labsite attached-papers BASE HEAD`: which papers a change's new names and aliases attach to members.

CI runs it on a pull request's base and head (beside `site-diff`) and writes it to the job summary:
an alias that equals an outside co-author's name moves that person's papers to a member without any
line of `publications.yml` changing, so the reviewer is shown each paper it attaches. The data of
both sides is read, never run (this is the head's code reading the base's files).
"""

from __future__ import annotations

from pathlib import Path

import click

from labsite.commands import summary as summary_markdown
from labsite.commands.errors import Refused
from labsite.commands.sitediff import _code, _plain
from labsite.derive.attachments import Attachment, newly_attached
from labsite.errors import DataErrors
from labsite.read.layout import DATA_DIR
from labsite.read.load import SiteData, load

MAX_PAPERS = 10
"""Papers listed per spelling; the rest are counted."""


def summary(base: SiteData | None, head: SiteData) -> str:
    """The Markdown that lists, per member and spelling, the papers the change newly attaches."""
    out = ["### Papers that new names and aliases attach to members", ""]
    if base is None:
        out += ["The base's data could not be read: every spelling is counted as new.", ""]
    changes = newly_attached(base, head)
    if not changes:
        out.append("No name or alias attaches a paper it did not attach before.")
        return "\n".join(out) + "\n"
    titles = {p.id: (p.title, p.year) for p in head.publications}
    for change in changes:
        out.append(_heading(change))
        for paper in change.papers[:MAX_PAPERS]:
            title, year = titles[paper]
            out.append(f"  - {_code(paper)}: “{_plain(title)}” ({year})")
        if len(change.papers) > MAX_PAPERS:
            out.append(f"  - … and {len(change.papers) - MAX_PAPERS} more")
    return "\n".join(out) + "\n"


def _heading(change: Attachment) -> str:
    kind = "name" if change.field == "name" else "alias"
    how = f"new {kind}" if change.new else f"{kind} it had, now on more papers"
    count = f"{len(change.papers)} paper{'s' if len(change.papers) != 1 else ''}"
    return (
        f"- {_code(DATA_DIR + '/' + change.file)} ({_plain(change.person)}): {how} {_code(change.spelling)}"
        f" ({_code(change.field)}) attaches {count}"
    )


def _read(root: Path) -> SiteData | None:
    try:
        return load(root)
    except DataErrors:
        return None


@click.command("attached-papers")
@click.argument("base", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("head", type=click.Path(exists=True, file_okay=False, path_type=Path))
@summary_markdown.summary_option
def attached_papers_command(base: Path, head: Path, summary_path: Path | None) -> None:
    """List the papers that new names and aliases in HEAD attach to members, compared with BASE
    (two project folders, each with its data/)."""
    head_data = _read(head)
    if head_data is None:
        raise Refused(f"{head / DATA_DIR} does not pass the data check: run `python -m labsite check` there.") from None
    text = summary(_read(base), head_data)
    summary_markdown.show(text, summary_path)
