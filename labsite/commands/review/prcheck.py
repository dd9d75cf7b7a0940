"""`labsite pr-check --base REF --author HANDLE`: may this pull request merge without a maintainer?

A member's file names its owner (`github:`), and its `photo:` names the owner's photo. A pull
request passes when every change under `data/people/` and the photo folder is its author's own:
their file (whose *base* version names them), their photo, or a new file that names them. Anything
else needs a maintainer, named in `data/site.yml` (`maintainers:`, read from the base: a pull
request cannot name itself one), who either wrote the pull request or approved it. Both sides are
read from git as data; nothing of the pull request runs.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import yaml

from labsite.commands.errors import Refused
from labsite.commands.review.gitdiff import Change, GitError, blob, changes, commit_of, export, files_in, merge_base
from labsite.derive.attachments import newly_attached
from labsite.errors import DataErrors
from labsite.read.layout import DATA_DIR, DOCS_DIR, PEOPLE_DIR, PHOTO_DIR
from labsite.read.load import SiteData, load

PEOPLE = f"{DATA_DIR}/{PEOPLE_DIR}/"
PHOTOS = f"{DOCS_DIR}/{PHOTO_DIR}/"
SETTINGS = f"{DATA_DIR}/site.yml"


@dataclass(frozen=True)
class Finding:
    """A change that needs a maintainer, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Verdict:
    findings: list[Finding]
    maintainers: frozenset[str]
    passed_by: str | None = None
    """Why the findings do not block: 'author' or 'approval' (a maintainer's), or None."""

    @property
    def passes(self) -> bool:
        return not self.findings or self.passed_by is not None


def _handle(value: object) -> str | None:
    """A handle as GitHub compares them (case-insensitively), or None when `value` is none."""
    return value.strip().lower() if isinstance(value, str) and value.strip() else None


def _yaml(text: bytes | None) -> Any:
    if text is None:
        return None
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, UnicodeDecodeError):
        return None


class Side:
    """One commit's member files, read lazily: who owns each, which photo each names."""

    def __init__(self, root: Path, commit: str) -> None:
        self.root, self.commit = root, commit
        self._files: dict[str, dict[str, Any] | None] = {}

    def person(self, path: str) -> dict[str, Any] | None:
        if path not in self._files:
            doc = _yaml(blob(self.root, self.commit, path))
            self._files[path] = doc if isinstance(doc, dict) else None
        return self._files[path]

    def owner(self, path: str) -> str | None:
        doc = self.person(path)
        return _handle(doc.get("github")) if doc else None

    def photo_of(self, path: str) -> str | None:
        doc = self.person(path)
        photo = doc.get("photo") if doc else None
        return f"{DOCS_DIR}/{photo.strip().lstrip('/')}" if isinstance(photo, str) else None


def maintainers(root: Path, commit: str) -> frozenset[str]:
    """The handles `maintainers:` of `data/site.yml` names at `commit`."""
    doc = _yaml(blob(root, commit, SETTINGS))
    names = doc.get("maintainers") if isinstance(doc, dict) else None
    return frozenset(h for h in (_handle(n) for n in names or []) if h) if isinstance(names, list) else frozenset()


def _owner_text(handle: str | None) -> str:
    return f"its owner is @{handle}" if handle else "it names no owner (`github:`)"


def review(root: Path, base: str, head: str, author: str, approvers: tuple[str, ...] = ()) -> Verdict:
    """Judge every change between `base` and `head` for a pull request by `author`."""
    author_key = _handle(author) or ""
    before, after = Side(root, base), Side(root, head)
    diff = changes(root, base, head)
    people = [c for c in diff if any(p.startswith(PEOPLE) for p in c.paths)]

    # The author's own member files: those whose base names them, and new ones that name them.
    own = {
        c.path
        for c in people
        if (c.status == "A" and after.owner(c.path) == author_key)
        or (c.status == "M" and before.owner(c.path) == author_key)
    }
    # Their photos: those their files name, on either side; a photo any other file names is not.
    own_photos: set[str | None] = {after.photo_of(p) for p in own}
    others_photos: dict[str, str | None] = {}
    for side in (before, after):
        for path in _people_files(root, side.commit):
            photo, owner = side.photo_of(path), side.owner(path)
            if photo and owner == author_key and (side is before or path in own):
                own_photos.add(photo)
            elif photo and owner != author_key:
                others_photos.setdefault(photo, owner)

    findings: list[Finding] = []
    for c in diff:
        findings += _judge(c, before, after, author_key, own, own_photos, others_photos)
    findings += _attachments(root, base, head, own)
    keepers = maintainers(root, base)
    if author_key in keepers:
        return Verdict(findings, keepers, "author")
    if any(_handle(a) in keepers for a in approvers):
        return Verdict(findings, keepers, "approval")
    return Verdict(findings, keepers)


def _people_files(root: Path, commit: str) -> list[str]:
    return [p for p in files_in(root, commit, PEOPLE) if p.endswith(".yml")]


def _judge(
    c: Change,
    before: Side,
    after: Side,
    author: str,
    own: set[str],
    own_photos: set[str | None],
    others_photos: dict[str, str | None],
) -> list[Finding]:
    path = c.path
    if c.special:
        return [Finding(path, f"{c.special}: only plain files may be added")]
    if c.status in ("R", "C"):
        return [Finding(f"{c.old_path} → {path}", "a renamed or copied file (a member's id is their address)")]
    if c.status == "T":
        return [Finding(path, "the kind of file changed")]
    if path.startswith(PEOPLE):
        if not path.endswith(".yml") or "/" in path[len(PEOPLE) :]:
            return [Finding(path, f"a file under {PEOPLE} that is not a member's file (people/<id>.yml)")]
        if c.status == "D":
            return [Finding(path, f"a deleted profile ({_owner_text(before.owner(path))})")]
        if c.status == "A":
            if path in own:
                return []
            return [Finding(path, f"a new profile that does not name you: {_owner_text(after.owner(path))}")]
        was, now = before.owner(path), after.owner(path)
        if was != author:
            return [Finding(path, f"someone else's file: {_owner_text(was)}")]
        if now != was:
            return [Finding(path, f"a change of `github:` itself (from @{was} to {'@' + now if now else 'nothing'})")]
        return []
    if path.startswith(PHOTOS):
        if path in others_photos:
            return [Finding(path, f"someone else's photo: {_owner_text(others_photos[path])}")]
        if path in own_photos:
            return []
        if c.status == "D":
            return [Finding(path, "a deleted photo that no file of yours names")]
        return [Finding(path, "a photo that no file of yours names as its `photo:`")]
    if path.startswith(f"{DATA_DIR}/"):
        return [Finding(path, f"a data file outside {PEOPLE} (shared by the whole site)")]
    return [Finding(path, f"a file outside {DATA_DIR}/ (code, pages or settings)")]


def _attachments(root: Path, base: str, head: str, own: set[str]) -> list[Finding]:
    """A name or alias that newly attaches papers to one of the author's files (the identity rules)."""
    if not own:
        return []
    with tempfile.TemporaryDirectory(prefix="labsite-prcheck-") as tmp:
        base_data = _load(root, base, Path(tmp, "base"))
        head_data = _load(root, head, Path(tmp, "head"))
    if head_data is None:
        return [Finding(DATA_DIR + "/", "does not pass the data check, so the papers names attach are unknown")]
    found = []
    for a in newly_attached(base_data, head_data):
        path = f"{DATA_DIR}/{a.file}"
        if path in own:
            papers = ", ".join(a.papers[:5]) + (f" and {len(a.papers) - 5} more" if len(a.papers) > 5 else "")
            found.append(
                Finding(path, f"`{a.field}` “{a.spelling}” attaches {len(a.papers)} paper(s) to this member: {papers}")
            )
    return found


def _load(root: Path, commit: str, dest: Path) -> SiteData | None:
    dest.mkdir()
    if not export(root, commit, DATA_DIR, dest):
        return None
    try:
        return load(dest)
    except DataErrors:
        return None


def message(verdict: Verdict, author: str) -> str:
    """What the job prints and the pull request's summary shows."""
    if not verdict.findings:
        return f"Every change is @{author}'s own profile or photo: no maintainer's review is needed.\n"
    lines = [f"- `{f.path}`: {f.reason}" for f in verdict.findings]
    if verdict.passed_by == "author":
        head = f"@{author} is a maintainer: these changes need no other review."
    elif verdict.passed_by == "approval":
        head = "A maintainer approved these changes, which need one:"
    else:
        keepers = ", ".join(f"@{m}" for m in sorted(verdict.maintainers)) or "none named in data/site.yml"
        head = (
            f"{len(verdict.findings)} change(s) need a maintainer's approval (maintainers: {keepers}); "
            "once one approves, this check runs again and passes:"
        )
    return "\n".join([head, *lines]) + "\n"


class GitFailed(Refused):
    """git could not answer (not a repository, an unknown base): exit 2, unlike a verdict's 1."""

    exit_code = 2


@click.command("pr-check")
@click.option("--base", "base_ref", required=True, help="The branch or commit the pull request goes into.")
@click.option("--author", required=True, help="The pull request author's GitHub handle.")
@click.option("--approved-by", "approvers", multiple=True, help="A GitHub handle that approved the pull request.")
@click.option("--head", "head_ref", default="HEAD", show_default=True, help="The pull request's commit.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."), help="The git checkout.")
@click.option(
    "--summary",
    "summary_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also append the result to this file (in CI: $GITHUB_STEP_SUMMARY).",
)
def pr_check_command(
    base_ref: str, author: str, approvers: tuple[str, ...], head_ref: str, root: Path, summary_path: Path | None
) -> None:
    """Exit 0 when every change under data/people/ and the photo folder is the author's own (or a
    maintainer wrote or approved it); exit 1 naming each change that needs a maintainer."""
    try:
        head = commit_of(root, head_ref)
        base = merge_base(root, commit_of(root, base_ref), head)
        verdict = review(root, base, head, author, approvers)
    except GitError as error:
        raise GitFailed(f"git: {error}") from None
    text = message(verdict, author.strip())
    click.echo(text, nl=False)
    if summary_path is not None:
        try:
            with summary_path.open("a", encoding="utf-8") as f:
                f.write("### Ownership\n\n" + text)
        except OSError as error:
            click.echo(f"could not write the summary to {summary_path}: {error.strerror}", err=True)
    if not verdict.passes:
        raise click.exceptions.Exit(1)  # a verdict, not an error: the changes that need a maintainer are above
