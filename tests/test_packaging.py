"""The wheel `pyproject.toml` builds holds the whole core and its MkDocs plugin: every module and every
template in the repository, importable and loadable from an install that cannot see the repository,
and the plugin's entry point; and dependencies are pinned exactly in the lock files only."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "labsite"
PACKAGES = (PACKAGE, ROOT / "labsite_mkdocs")
"""The core and its MkDocs plugin, shipped in one distribution."""


def _repository_files() -> set[str]:
    """What the distribution consists of: every file under its packages but compiled caches."""
    return {
        path.relative_to(ROOT).as_posix()
        for package in PACKAGES
        for path in package.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


def _build_wheel(tmp_path: Path) -> Path:
    """Build from a copy, so the build's egg-info and build/ never land in the working tree.

    Offline: the build backend is the setuptools of the running environment (`--no-build-isolation`);
    `--check-build-dependencies` fails the test if it is older than `build-system.requires` says.
    """
    assert importlib.util.find_spec("setuptools"), "building the wheel needs setuptools in the test environment"
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for package in PACKAGES:
        shutil.copytree(package, source / package.name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    wheels = tmp_path / "wheels"
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index"]
    offline = ["--no-build-isolation", "--check-build-dependencies"]
    result = subprocess.run(
        [*pip_wheel, *offline, "--wheel-dir", str(wheels), str(source)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = wheels.glob("labsite-*.whl")
    return wheel


def test_the_wheel_holds_every_module_and_template_and_imports_from_an_install(tmp_path):
    wheel = _build_wheel(tmp_path)
    missing = _repository_files() - set(zipfile.ZipFile(wheel).namelist())
    assert not missing, f"left out of the wheel: {sorted(missing)}"

    target = tmp_path / "installed"
    pip_install = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index"]
    subprocess.run([*pip_install, "--target", str(target), str(wheel)], check=True)
    modules = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for package in PACKAGES
        for path in package.rglob("*.py")
        if "__pycache__" not in path.parts and path.name != "__main__.py"  # __main__ runs the CLI
    )
    # A fresh interpreter outside the repository, with only the install (and the environment's
    # dependencies) on its path: every module imports, every template loads through the package.
    probe = textwrap.dedent(
        """
        import importlib, json, sys
        for name in json.loads(sys.argv[1]):
            importlib.import_module(name)
        import labsite
        from labsite.render import html
        env = html.environment()
        templates = env.list_templates()
        for name in templates:
            env.get_template(name)
        from importlib.metadata import distribution
        (plugin,) = [e for e in distribution("labsite").entry_points if e.group == "mkdocs.plugins"]
        print(json.dumps({"package": labsite.__file__, "templates": templates, "plugin": plugin.load().__module__}))
        """
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", probe, json.dumps(modules)], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert Path(found["package"]).is_relative_to(target)
    assert found["plugin"] == "labsite_mkdocs.plugin"  # the entry point mkdocs.yml's `plugins: [labsite]` finds
    expected = sorted(p.relative_to(PACKAGE / "templates").as_posix() for p in (PACKAGE / "templates").rglob("*.*"))
    assert sorted(found["templates"]) == expected


def _requirements(text: str) -> list[str]:
    return [line.split(";")[0].strip() for line in text.splitlines() if line[:1].isalnum()]


def test_exact_versions_live_in_the_lock_files_and_ranges_in_pyproject():
    """pyproject.toml says what works (ranges); requirements/*.txt pin what is installed (with hashes)."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = [*project["dependencies"], *(d for extra in project["optional-dependencies"].values() for d in extra)]
    assert not [d for d in declared if "==" in d], "exact pins belong in the lock files"
    for lock in ("requirements/site.txt", "requirements/dev.txt"):
        text = (ROOT / lock).read_text()
        pins = _requirements(text)
        assert pins and all("==" in pin for pin in pins), lock
        assert text.count("--hash=sha256:") >= len(pins), lock
