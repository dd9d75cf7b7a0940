"""The code passes ruff's lint and format checks and mypy's type check (configured in pyproject.toml)."""

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


def test_mypy_finds_no_type_error_in_the_core_and_the_adapters():
    """The files and settings are pyproject.toml's `[tool.mypy]` (the core, the plugin, macros.py, the hooks)."""
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_type_error_is_silenced():
    for folder in ("labsite", "labsite_mkdocs", "hooks"):
        for path in (ROOT / folder).rglob("*.py"):
            assert "type: ignore" not in path.read_text(), path
    assert "type: ignore" not in (ROOT / "macros.py").read_text()
