"""`labsite preview-comment`: the one comment a pull request gets about its live preview.

The preview workflow (`.github/workflows/preview.yml`) writes it in its read-only build job and a
job that runs none of our code posts it, editing the comment that starts with `MARKER` instead of
adding another, so a pull request has one such comment however often it is pushed.
"""

from __future__ import annotations

from pathlib import Path

import click

MARKER = "<!-- labsite-preview -->"


def comment(
    number: int,
    url: str | None,
    check_passed: bool,
    head_sha: str,
    diff: str = "",
    held: str = "",
) -> str:
    """The comment's Markdown: the preview's link (or why there is none), the data check, the site diff."""
    out = [MARKER, f"### Preview of this pull request (#{number})", ""]
    if held:
        out.append(f"No live preview: {held} A maintainer can allow one with the `preview-allowed` label.")
    elif not check_passed:
        out.append("No live preview: the data check failed. Its annotations in “Files changed” show each problem.")
    elif url:
        out.append(f"**[Open the preview]({url})** (built from commit `{head_sha[:12]}`; not the live site).")
    else:
        out.append("The preview was built but no preview repository is set up (README, “Previews”).")
    out += ["", f"Data check: {'passed' if check_passed else 'failed'}.", ""]
    if diff.strip():
        out += [diff.strip(), ""]
    out.append("_Updated on every push; the preview is removed when the pull request closes._")
    return "\n".join(out) + "\n"


@click.command("preview-comment")
@click.option("--pr", "number", type=click.IntRange(min=1), required=True, help="The pull request's number.")
@click.option("--head", "head_sha", required=True, help="The commit the preview was built from.")
@click.option("--url", default=None, help="The preview's address, when it was published.")
@click.option("--check", "check", type=click.Choice(["passed", "failed"]), required=True)
@click.option("--diff", "diff_path", type=click.Path(dir_okay=False, path_type=Path), help="site-diff's Markdown.")
@click.option("--held", default="", help="Why the pull request gets no live preview, if it does not.")
def preview_comment_command(
    number: int, head_sha: str, url: str | None, check: str, diff_path: Path | None, held: str
) -> None:
    """Print the pull request's preview comment (Markdown)."""
    diff = diff_path.read_text(encoding="utf-8") if diff_path and diff_path.is_file() else ""
    click.echo(comment(number, url, check == "passed", head_sha, diff, held), nl=False)
