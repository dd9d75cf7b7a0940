"""`mkdocs serve`: an edit in data/ rebuilds the preview, and a typo shows on the page instead of ending it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from bs4 import BeautifulSoup


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode()


def wait_for(url: str, condition, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if condition(last):
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} did not change as expected; last body starts {last[:300]!r}")


@pytest.fixture
def preview(fixture_project):
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--livereload"],
        cwd=fixture_project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield fixture_project, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert server.returncode is not None


@pytest.mark.slow
def test_editing_a_person_file_updates_the_preview_and_a_typo_shows_as_a_banner(preview):
    project, url = preview
    group = url + "group/"
    wait_for(group, lambda body: "Bo Tern" in body)
    person = project / "data/people/bo-tern.yml"
    good = person.read_text()

    person.write_text(good.replace("name: Bo Tern", "name: Bo Ternary"))
    wait_for(group, lambda body: "Bo Ternary" in body)

    person.write_text(good.replace("degree: PhD", "degree: Phd"))
    body = wait_for(group, lambda body: "The data has problems" in body)
    assert "expected one of PhD, MS, BS, Postdoc" in body

    person.write_text(good)
    body = wait_for(group, lambda body: "The data has problems" not in body and "Bo Tern" in body)
    assert "Bo Ternary" not in body


@pytest.mark.slow
def test_a_refused_file_under_docs_shows_as_a_data_problem_and_is_not_served(preview):
    project, url = preview
    wait_for(url + "group/", lambda body: "Bo Tern" in body)
    folder = project / "docs/images/people"
    folder.mkdir(parents=True)
    (folder / "evil.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")
    os.symlink("loop", project / "docs/loop")
    person = project / "data/people/bo-tern.yml"
    person.write_text(person.read_text() + "'`<img src=x onerror=alert(1)>`': 1\n")

    body = wait_for(url + "group/", lambda body: "The data has problems" in body)
    assert "docs/images/people/evil.svg: expected a JPEG, PNG or WebP photo" in body
    assert "docs/loop: a symbolic link that loops" in body
    banner = BeautifulSoup(body, "lxml").select_one(".admonition.failure")
    assert banner.find("img") is None  # a backtick in a key does not end the code span
    assert "field '`<img src=x onerror=alert(1)>`': unknown field" in banner.get_text()
    with pytest.raises(urllib.error.HTTPError) as missing:
        fetch(url + "images/people/evil.svg")
    assert missing.value.code == 404
