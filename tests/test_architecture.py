"""The shape of labsite/: the import contracts in pyproject.toml hold, and each one would catch a breach.

The contracts (checked by import-linter, a maintained tool built on grimp) say: stages import only
earlier stages and the foundation (read → check → derive → render → site → commands), the core never
imports MkDocs or the adapters (`macros.py`, `hooks/`), and no package has an import cycle.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(project: Path, contract: str | None = None) -> subprocess.CompletedProcess:
    """`lint-imports` in `project`, for one contract (by its id) or all of them."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", *(["--contract", contract] if contract else [])],
        cwd=project,
        env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin", "COLUMNS": "300"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_import_contracts_hold():
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def _copy(tmp_path: Path) -> Path:
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(ROOT / "labsite", tmp_path / "labsite", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


@pytest.mark.parametrize(
    ("module", "breach", "contract", "reported"),
    [
        (
            "labsite/read/load.py",
            "from labsite.render import html",
            "stages",
            "labsite.read.load -> labsite.render.html",
        ),
        (
            "labsite/derive/views.py",
            "from labsite.commands import report",
            "stages",
            "labsite.derive.views -> labsite.commands",
        ),
        (
            "labsite/models/common.py",
            "from labsite.read import files",
            "stages",
            "labsite.models.common -> labsite.read",
        ),
        ("labsite/render/blocks.py", "import mkdocs.plugins", "no-mkdocs", "labsite.render.blocks -> mkdocs"),
        ("labsite/site.py", "import macros", "no-mkdocs", "labsite.site -> macros"),
        ("labsite/read/files.py", "from labsite.read import load", "acyclic", "No cycles are allowed in labsite.read"),
    ],
    ids=["read-imports-render", "derive-imports-commands", "models-import-read", "mkdocs", "adapter", "cycle"],
)
def test_a_forbidden_import_breaks_its_contract(tmp_path, module, breach, contract, reported):
    project = _copy(tmp_path)
    assert lint_imports(project, contract).returncode == 0
    path = project / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{breach}  # noqa\n", encoding="utf-8")
    done = lint_imports(project, contract)
    assert done.returncode == 1, done.stdout
    assert "1 broken" in done.stdout
    assert reported in done.stdout
