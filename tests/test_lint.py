"""The code passes ruff's lint and format checks (configured in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

from sitebuild import ROOT


def test_ruff_lint_and_format_pass():
    lint = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout
    fmt = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert fmt.returncode == 0, fmt.stdout
