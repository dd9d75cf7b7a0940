"""The weekly sync builds untrusted data without a write token, and the job that can write takes from
it only the data files the sync commands write, as data (its shell steps are run here as on a runner)."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from sitebuild import ROOT

from labsite.read.layout import FILES, data_file

SYNC = yaml.load((ROOT / ".github" / "workflows" / "sync.yml").read_text(), Loader=yaml.BaseLoader)
PROPOSE, PUBLISH = SYNC["jobs"]["propose"], SYNC["jobs"]["publish"]
SYNC_FILES = SYNC["env"]["SYNC_FILES"].split()
WRITERS = ("labsite/commands/importing.py", "labsite/commands/citations.py")
"""The modules of `labsite sync` (and `import`) and `labsite citations`, which name every file they write."""


def step(job: dict, name: str) -> dict:
    [found] = [s for s in job["steps"] if s.get("name") == name]
    return found


def index_of(job: dict, predicate) -> int:
    return next(i for i, s in enumerate(job["steps"]) if predicate(s))


def run_step(script: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """A `run:` script as GitHub runs one on Linux when no shell is named: `bash -e {0}`."""
    path = cwd.parent / "step.sh"
    path.write_text(script)
    environment = {"PATH": os.environ["PATH"], "HOME": str(cwd.parent), "SYNC_FILES": " ".join(SYNC_FILES), **env}
    return subprocess.run(["bash", "-e", str(path)], cwd=cwd, env=environment, capture_output=True, text=True)


def test_the_workflow_hands_over_every_data_file_the_sync_commands_write():
    named = set()
    for module in WRITERS:
        for node in ast.walk(ast.parse((ROOT / module).read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "data_file":
                named.add(data_file(node.args[0].value))
    assert named
    assert named <= {data_file(name) for name in FILES}
    assert sorted(SYNC_FILES) == sorted(named)


def test_the_sync_and_the_build_run_with_a_read_only_token_and_no_secret():
    assert SYNC["permissions"] == {}
    assert PROPOSE["permissions"] == {"contents": "read"}
    assert "environment" not in PROPOSE and "secrets." not in str(PROPOSE)
    runs = "\n".join(s.get("run", "") for s in PROPOSE["steps"])
    assert 'python -m labsite sync --summary "$RUNNER_TEMP/sync.md"' in runs
    assert 'python -m labsite citations --summary "$RUNNER_TEMP/citations.md"' in runs
    assert "python -m labsite check --strict" in runs
    assert "mkdocs build --strict" in runs and "mkdocs build --strict -q" not in runs
    assert "cache" not in PROPOSE["steps"][1].get("with", {})  # a cache it saved would outlive it


def test_the_job_that_can_write_runs_after_the_checks_on_their_artifact_only():
    assert PUBLISH["needs"] == "propose"
    assert PUBLISH["environment"] == "sync"
    assert PUBLISH["permissions"] == {"contents": "write", "pull-requests": "write"}
    upload = step(PROPOSE, "Hand them over to the publish job")
    assert upload["uses"].startswith("actions/upload-artifact@")
    checked = index_of(PROPOSE, lambda s: "mkdocs build --strict" in s.get("run", ""))
    assert checked < PROPOSE["steps"].index(upload)
    # Only the artifact of a run whose check and build passed: its id is set by the upload alone.
    assert PROPOSE["outputs"]["proposal"] == "${{ steps.upload.outputs.artifact-id }}"
    assert "needs.propose.outputs.proposal != ''" in PUBLISH["if"]
    download = index_of(PUBLISH, lambda s: s.get("uses", "").startswith("actions/download-artifact@"))
    assert PUBLISH["steps"][download]["with"]["artifact-ids"] == "${{ needs.propose.outputs.proposal }}"
    assert PUBLISH["steps"][download]["with"]["path"] == "${{ runner.temp }}/proposal"  # outside the checkout
    taken = index_of(PUBLISH, lambda s: s.get("name") == "Take only the expected data files from the artifact")
    pushed = index_of(PUBLISH, lambda s: "git push --force" in s.get("run", ""))
    assert download + 1 == taken < pushed


def test_one_pull_request_on_the_sync_branch_is_opened_or_updated():
    assert SYNC["concurrency"] == {"group": "sync-papers", "cancel-in-progress": "false"}
    assert SYNC["env"]["SYNC_BRANCH"] == "sync/papers"
    push = step(PUBLISH, "Push sync/papers and open or update its pull request")
    assert push["env"]["GH_TOKEN"] == "${{ secrets.SYNC_TOKEN || github.token }}"
    assert 'git push --force origin "HEAD:refs/heads/$SYNC_BRANCH"' in push["run"]
    assert "gh pr create" in push["run"] and "gh pr edit" in push["run"]
    assert "--body-file" in push["run"]


def test_a_failed_citation_refresh_still_proposes_the_papers_and_fails_the_run():
    citations = step(PROPOSE, "Refresh citation counts")
    assert citations["continue-on-error"] == "true"
    last = PROPOSE["steps"][-1]
    assert last["if"] == "steps.citations.outcome == 'failure'" and "exit 1" in last["run"]
    assert PUBLISH["if"].startswith("${{ !cancelled() &&")  # runs although `propose` failed at its end
    body = step(PUBLISH, "Write the pull request's text")
    assert body["env"]["CITATIONS_OUTCOME"] == "${{ needs.propose.outputs.citations }}"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A repository holding the data files the sync writes (as `publish` checks it out)."""
    repo = tmp_path / "repo"
    (repo / "data" / "people").mkdir(parents=True)
    for file in [*SYNC_FILES, "data/people/jane.yml", "data/site.yml"]:
        (repo / file).write_text(f"# {file} as on main\n")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "main")
    return repo


def as_on_main(repo: Path) -> bool:
    done = subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout == ""


HAND_OVER = step(PROPOSE, "Put the changed data files and the summaries in one folder")["run"]
TAKE = step(PUBLISH, "Take only the expected data files from the artifact")["run"]


@pytest.mark.parametrize("new", [False, True], ids=["changed", "new"])
def test_the_read_only_job_hands_over_only_the_files_that_changed_and_the_summaries(checkout, tmp_path, new):
    runner_temp = tmp_path / "runner"
    runner_temp.mkdir()
    (runner_temp / "sync.md").write_text("## Papers found\n")
    changed = SYNC_FILES[-1]
    if new:  # a file main does not have yet (the first outside co-author, the first citation counts)
        git(checkout, "rm", "-q", "--cached", changed)
        git(checkout, "commit", "-qm", "without it")
    (checkout / changed).write_text("publications: []\n")
    done = run_step(HAND_OVER, checkout, RUNNER_TEMP=str(runner_temp))
    assert done.returncode == 0, done.stderr
    proposal = runner_temp / "proposal"
    handed = sorted(str(p.relative_to(proposal)) for p in proposal.rglob("*") if p.is_file())
    assert handed == sorted([changed, "sync.md"])
    assert (proposal / changed).read_text() == "publications: []\n"


def test_the_read_only_job_refuses_to_hand_over_a_change_to_another_file(checkout, tmp_path):
    runner_temp = tmp_path / "runner"
    runner_temp.mkdir()
    (checkout / "data/people/jane.yml").write_text("name: someone else\n")
    done = run_step(HAND_OVER, checkout, RUNNER_TEMP=str(runner_temp))
    assert done.returncode == 1
    assert "data/people/jane.yml" in done.stdout
    assert not (runner_temp / "proposal").exists()


def artifact(tmp_path: Path) -> Path:
    """An artifact as `propose` makes it: changed data files and the summaries."""
    proposal = tmp_path / "proposal"
    (proposal / "data").mkdir(parents=True)
    for file in SYNC_FILES[:2]:
        (proposal / file).write_text(f"# {file} from the sync\n")
    (proposal / "sync.md").write_text("## Papers found\n")
    return proposal


def test_the_writing_job_copies_the_expected_files_from_the_artifact(checkout, tmp_path):
    proposal = artifact(tmp_path)
    done = run_step(TAKE, checkout, PROPOSAL=str(proposal))
    assert done.returncode == 0, done.stderr
    for file in SYNC_FILES:
        expected = proposal / file if file in SYNC_FILES[:2] else None
        assert (checkout / file).read_text() == (expected.read_text() if expected else f"# {file} as on main\n")
    assert not (checkout / "sync.md").exists()


HOSTILE = {
    "another data file": lambda p: (p / "data/people").mkdir() or (p / "data/people/jane.yml").write_text("x"),
    "a file beside the data": lambda p: (p / "mkdocs.yml").write_text("hooks: [evil.py]\n"),
    "a hidden file": lambda p: (p / "data/.gitattributes").write_text("* filter=x\n"),
    "a link at an expected path": lambda p: (p / SYNC_FILES[2]).symlink_to("/etc/passwd"),
    "a link to a folder": lambda p: (p / "up").symlink_to(".."),
    "a folder at an expected path": lambda p: (p / SYNC_FILES[2]).mkdir(),
    "a summary that is a link": lambda p: (p / "sync.md").unlink() or (p / "sync.md").symlink_to("/etc/passwd"),
    "the data folder a link": lambda p: shutil.rmtree(p / "data") or (p / "data").symlink_to("/etc"),
    "a name with a newline": lambda p: (p / f"{SYNC_FILES[2]}\nx").write_text("x"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_the_writing_job_refuses_an_artifact_with_anything_else_and_copies_nothing(checkout, tmp_path, case):
    proposal = artifact(tmp_path)
    HOSTILE[case](proposal)
    done = run_step(TAKE, checkout, PROPOSAL=str(proposal))
    assert done.returncode == 1
    assert "::error::the artifact holds entries that are not expected data files" in done.stdout
    assert as_on_main(checkout)
