"""`labsite pr-check`: a pull request passes alone only when every change is its author's own profile
or photo; each other change is named with its reason. Tested on real git repositories made here."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from sitebuild import FIXTURE_DATA

from labsite.commands.cli import main
from labsite.models.people import Person

PHOTO = b"\x89PNG\r\n\x1a\n" + b"\0" * 32  # pr-check reads no pixels: the data check does


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True)
    return done.stdout


def _commit(repo: Path, message: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "--allow-empty", "-m", message)


def _set(repo: Path, relative: str, text: str) -> None:
    path = repo / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The fixture lab on `main`: Bo Tern owned by @bo-tern with a photo, Eve Nox by @eve, maintainer
    @prof-q; then a branch `pr` the tests change."""
    repo = tmp_path / "lab"
    shutil.copytree(FIXTURE_DATA, repo / "data")
    _git(repo, "init", "-q", "-b", "main")
    bo = repo / "data/people/bo-tern.yml"
    bo.write_text(
        bo.read_text().replace("degree: PhD", "github: Bo-Tern\ndegree: PhD\nphoto: images/people/bo.png"), "utf-8"
    )
    eve = repo / "data/people/eve-nox.yml"
    eve.write_text(eve.read_text().replace("degree: MS", "github: eve\ndegree: MS"), "utf-8")
    site = repo / "data/site.yml"
    site.write_text(site.read_text() + "maintainers: [prof-q]\n", "utf-8")
    (repo / "docs/images/people").mkdir(parents=True)
    (repo / "docs/images/people/bo.png").write_bytes(PHOTO)
    _set(repo, "docs/index.md", "# Home\n")
    _commit(repo, "base")
    _git(repo, "checkout", "-q", "-b", "pr")
    return repo


def _check(repo: Path, author: str, *more: str) -> tuple[int, str]:
    _commit(repo, "change")
    result = CliRunner().invoke(main, ["pr-check", "--root", str(repo), "--base", "main", "--author", author, *more])
    return result.exit_code, result.output


def test_editing_ones_own_file_passes(repo):
    bo = repo / "data/people/bo-tern.yml"
    bo.write_text(bo.read_text() + "interests: [Widgets]\n", "utf-8")
    code, out = _check(repo, "bo-tern")  # handles compare as GitHub does: case-insensitively
    assert code == 0, out
    assert "no maintainer's review is needed" in out


def test_replacing_ones_own_photo_passes(repo):
    (repo / "docs/images/people/bo.png").write_bytes(PHOTO + b"new")
    code, out = _check(repo, "Bo-Tern")
    assert code == 0, out


def test_a_new_profile_naming_its_author_with_a_new_photo_passes(repo):
    _set(repo, "data/people/new-one.yml", "name: New One\ngithub: newbie\ndegree: MS\nphoto: images/people/n.jpg\n")
    (repo / "docs/images/people/n.jpg").write_bytes(PHOTO)
    code, out = _check(repo, "newbie")
    assert code == 0, out


def test_someone_elses_file_needs_a_maintainer_and_names_the_owner(repo):
    eve = repo / "data/people/eve-nox.yml"
    eve.write_text(eve.read_text().replace("end: 2021", "end: 2020"), "utf-8")
    code, out = _check(repo, "bo-tern")
    assert code == 1
    assert "- `data/people/eve-nox.yml`: someone else's file: its owner is @eve" in out
    assert "@prof-q" in out


def test_a_file_naming_no_owner_is_nobodys_own(repo):
    dee = repo / "data/people/dee-lux.yml"
    dee.write_text(dee.read_text() + "github: bo-tern\n", "utf-8")  # claiming it in the same change
    code, out = _check(repo, "bo-tern")
    assert code == 1
    assert "- `data/people/dee-lux.yml`: someone else's file: it names no owner (`github:`)" in out


def test_someone_elses_photo_needs_a_maintainer(repo):
    (repo / "docs/images/people/bo.png").write_bytes(PHOTO + b"x")
    code, out = _check(repo, "eve")
    assert code == 1
    assert "- `docs/images/people/bo.png`: someone else's photo: its owner is @bo-tern" in out


def test_pointing_ones_file_at_someone_elses_photo_does_not_make_it_ones_own(repo):
    eve = repo / "data/people/eve-nox.yml"
    eve.write_text(eve.read_text() + "photo: images/people/bo.png\n", "utf-8")
    (repo / "docs/images/people/bo.png").write_bytes(PHOTO + b"x")
    code, out = _check(repo, "eve")
    assert code == 1
    assert "`docs/images/people/bo.png`: someone else's photo" in out


def test_deleting_a_profile_needs_a_maintainer_even_ones_own(repo):
    (repo / "data/people/bo-tern.yml").unlink()
    code, out = _check(repo, "bo-tern")
    assert code == 1
    assert "- `data/people/bo-tern.yml`: a deleted profile (its owner is @bo-tern)" in out


def test_changing_github_itself_needs_a_maintainer(repo):
    bo = repo / "data/people/bo-tern.yml"
    bo.write_text(bo.read_text().replace("github: Bo-Tern", "github: someone-else"), "utf-8")
    code, out = _check(repo, "bo-tern")
    assert code == 1
    assert "a change of `github:` itself (from @bo-tern to @someone-else)" in out


def test_a_new_profile_naming_someone_else_needs_a_maintainer(repo):
    _set(repo, "data/people/new-one.yml", "name: New One\ngithub: other\ndegree: MS\n")
    code, out = _check(repo, "newbie")
    assert code == 1
    assert "- `data/people/new-one.yml`: a new profile that does not name you: its owner is @other" in out


def test_renaming_a_profile_needs_a_maintainer(repo):
    _git(repo, "mv", "data/people/bo-tern.yml", "data/people/bo-t.yml")
    code, out = _check(repo, "bo-tern")
    assert code == 1
    assert "`data/people/bo-tern.yml → data/people/bo-t.yml`: a renamed or copied file" in out


def test_a_symbolic_link_is_never_ones_own(repo):
    (repo / "docs/images/people/me.png").symlink_to("/etc/passwd")
    code, out = _check(repo, "bo-tern")
    assert code == 1
    assert "- `docs/images/people/me.png`: a symbolic link" in out


def test_a_shared_data_file_and_a_file_outside_data_are_each_named(repo):
    _set(repo, "data/news.yml", "news: []\n")
    _set(repo, "docs/index.md", "# Changed\n")
    _set(repo, "weird name\nwith a line break.md", "x")
    code, out = _check(repo, "bo-tern")
    assert code == 1
    assert "- `data/news.yml`: a data file outside data/people/ (shared by the whole site)" in out
    assert "- `docs/index.md`: a file outside data/ (code, pages or settings)" in out
    assert "`weird name\nwith a line break.md`: a file outside data/" in out
    assert "3 change(s) need a maintainer's approval (maintainers: @prof-q)" in out


def test_an_alias_that_attaches_papers_needs_a_maintainer(repo):
    eve = repo / "data/people/eve-nox.yml"
    eve.write_text(eve.read_text() + "aliases: [Fay Outsider]\n", "utf-8")
    code, out = _check(repo, "eve")
    assert code == 1
    assert "- `data/people/eve-nox.yml`: `aliases[0]` “Fay Outsider” attaches 1 paper(s) to this member:" in out


def test_a_maintainer_author_passes_and_still_sees_the_list(repo):
    (repo / "data/people/eve-nox.yml").unlink()
    code, out = _check(repo, "Prof-Q")
    assert code == 0, out
    assert "is a maintainer" in out
    assert "`data/people/eve-nox.yml`: a deleted profile" in out


def test_a_maintainers_approval_passes_and_anyone_elses_does_not(repo):
    (repo / "data/people/eve-nox.yml").unlink()
    code, out = _check(repo, "bo-tern", "--approved-by", "eve")
    assert code == 1
    code, out = _check(repo, "bo-tern", "--approved-by", "eve", "--approved-by", "prof-q")
    assert code == 0, out
    assert "A maintainer approved these changes" in out


def test_maintainers_are_read_from_the_base_so_a_pull_request_cannot_name_itself(repo):
    site = repo / "data/site.yml"
    site.write_text(site.read_text().replace("[prof-q]", "[prof-q, bo-tern]"), "utf-8")
    (repo / "data/people/eve-nox.yml").unlink()
    code, out = _check(repo, "bo-tern")
    assert code == 1
    assert "- `data/site.yml`: a data file outside data/people/" in out


def test_changes_are_measured_from_the_merge_base_not_the_base_branchs_tip(repo):
    bo = repo / "data/people/bo-tern.yml"
    bo.write_text(bo.read_text() + "interests: [Widgets]\n", "utf-8")
    _commit(repo, "bo's change")
    _git(repo, "checkout", "-q", "main")
    _set(repo, "docs/index.md", "# Moved on\n")
    _commit(repo, "main moves on")
    _git(repo, "checkout", "-q", "pr")
    code, out = _check(repo, "bo-tern")
    assert code == 0, out


def test_an_unknown_base_is_a_clear_error_not_a_traceback(repo):
    result = CliRunner().invoke(main, ["pr-check", "--root", str(repo), "--base", "nope", "--author", "x"])
    assert result.exit_code == 2
    assert "'nope' names no commit here" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("handle", ["a", "jane-doe", "J4ne", "a" * 39])
def test_a_github_handle_is_accepted_as_github_accepts_it(handle):
    assert Person(name="X", degree="MS", github=handle).github == handle


@pytest.mark.parametrize("handle", ["", "-jane", "jane-", "ja--ne", "a" * 40, "@jane", "jane doe", "jane_doe"])
def test_a_github_handle_github_would_refuse_is_refused(handle):
    with pytest.raises(ValueError, match="a GitHub account name"):
        Person(name="X", degree="MS", github=handle)
