from __future__ import annotations

import pytest
from sitebuild import FIXTURE_DATA, REAL_ROOT, Build, build, copy_project


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The group's real site (or the edited copy named by LABSITE_TEST_ROOT), built once per test
    run with a strict build, as the deploy does (which passes the Pages address in LABSITE_URL)."""
    result = build(
        copy_project(tmp_path_factory.mktemp("real"), root=REAL_ROOT),
        extra_env={"LABSITE_URL": "https://lab.example.org/"},
    )
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The tiny fictional lab under tests/fixture_lab, built with the project's own code."""
    result = build(
        copy_project(tmp_path_factory.mktemp("fixture"), FIXTURE_DATA), extra_env={"GITHUB_REPOSITORY": "example/lab"}
    )
    assert result.returncode == 0, result.log
    return result


@pytest.fixture
def fixture_project(tmp_path):
    """A fresh copy of the project with the fixture lab's data, for tests that break it."""
    return copy_project(tmp_path / "project", FIXTURE_DATA)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by Playwright (its own browser download does not work here)."""
    from browser import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def base_url(real_site):
    """The real site served on localhost, as a visitor's browser reads it."""
    from browser import serving

    with serving(real_site.site) as url:
        yield url
