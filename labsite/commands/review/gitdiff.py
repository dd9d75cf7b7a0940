"""The files a pull request changes and their contents on either side, read from git as data.

git runs with a fixed argument list and never through a shell, so no path or ref from a pull
request reaches a command line as code. Paths travel NUL-separated (`-z`): a file name may hold
spaces, quotes or new lines.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

SYMLINK_MODE = "120000"
SUBMODULE_MODE = "160000"


class GitError(Exception):
    """git refused: an unknown ref, not a repository."""


@dataclass(frozen=True)
class Change:
    """One entry of `git diff --raw`: what happened to one path between two commits."""

    status: str
    """A (added), M (modified), D (deleted), R (renamed), C (copied), T (type changed)."""
    path: str
    """The path after the change (for a deletion, the path that was deleted)."""
    old_path: str | None = None
    """For a rename or copy: the path it came from."""
    old_mode: str = ""
    new_mode: str = ""

    @property
    def paths(self) -> tuple[str, ...]:
        return (self.old_path, self.path) if self.old_path else (self.path,)

    @property
    def special(self) -> str | None:
        """'a symbolic link' or 'a submodule' when either side is one, else None."""
        modes = {self.old_mode, self.new_mode}
        if SYMLINK_MODE in modes:
            return "a symbolic link"
        if SUBMODULE_MODE in modes:
            return "a submodule"
        return None


def git(root: Path, *args: str) -> bytes:
    """Run git in `root` and return its output; raise `GitError` with git's own message."""
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return done.stdout


def commit_of(root: Path, ref: str) -> str:
    """The commit `ref` names (a branch, a tag, a commit), refused when it names none."""
    try:
        return git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}").decode().strip()
    except GitError:
        raise GitError(f"{ref!r} names no commit here (is the history fetched? fetch-depth: 0)") from None


def files_in(root: Path, commit: str, folder: str) -> list[str]:
    """Every file path under `folder` at `commit`."""
    out = git(root, "ls-tree", "-r", "-z", "--name-only", commit, "--", folder)
    return [p for p in out.decode("utf-8", "surrogateescape").split("\0") if p]


def merge_base(root: Path, ref: str, head: str = "HEAD") -> str:
    """The commit a pull request's branch left `ref` at: what its changes are measured against."""
    return git(root, "merge-base", "--end-of-options", ref, head).decode().strip()


def changes(root: Path, base: str, head: str = "HEAD") -> list[Change]:
    """Every path that differs between `base` and `head`, renames found (git's default 50%)."""
    out = git(root, "diff", "--raw", "-z", "--no-abbrev", "--find-renames", "--no-ext-diff", base, head, "--")
    fields = out.decode("utf-8", "surrogateescape").split("\0")
    found: list[Change] = []
    i = 0
    while i < len(fields) and fields[i]:
        meta = fields[i].lstrip(":").split(" ")
        old_mode, new_mode, status = meta[0], meta[1], meta[4][:1]
        if status in ("R", "C"):
            found.append(Change(status, fields[i + 2], fields[i + 1], old_mode, new_mode))
            i += 3
        else:
            found.append(Change(status, fields[i + 1], None, old_mode, new_mode))
            i += 2
    return found


def blob(root: Path, commit: str, path: str) -> bytes | None:
    """The file `path` as `commit` has it, or None when it has no such file."""
    try:
        return git(root, "cat-file", "blob", f"{commit}:{path}")
    except GitError:
        return None


def export(root: Path, commit: str, folder: str, dest: Path) -> bool:
    """Write `folder` as `commit` has it under `dest` (no checkout, no hooks); False when it has none.

    The archive is unpacked with tarfile's "data" filter: no links out, no device files, no
    absolute paths.
    """
    try:
        archive = git(root, "archive", "--format=tar", commit, "--", folder)
    except GitError:
        return False
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return True
