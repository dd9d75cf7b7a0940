"""Templates are compiled once per process and shared by every site model's environment, and an
edited template is never served from the old compiled code (what `mkdocs serve` relies on)."""

from __future__ import annotations

from jinja2 import Environment

from labsite.render import html


def test_a_new_environment_reuses_the_compiled_templates(monkeypatch):
    html.environment().get_template("partials/publication.html")
    compiled = []
    real = Environment.compile
    monkeypatch.setattr(Environment, "compile", lambda self, *a, **k: compiled.append(a) or real(self, *a, **k))
    html.environment().get_template("partials/publication.html")
    assert compiled == []


def test_an_edited_template_is_compiled_afresh(tmp_path):
    probe = tmp_path / "probe.html"
    probe.write_text("first {{ value }}", encoding="utf-8")
    assert html.environment([tmp_path]).get_template("probe.html").render(value="<a>") == "first &lt;a&gt;"
    probe.write_text("second {{ value }}", encoding="utf-8")
    assert html.environment([tmp_path]).get_template("probe.html").render(value="<a>") == "second &lt;a&gt;"


def _counting_compiles(monkeypatch) -> list:
    compiled: list = []
    real = Environment.compile
    monkeypatch.setattr(Environment, "compile", lambda self, *a, **k: compiled.append(a) or real(self, *a, **k))
    return compiled


def _new_process(monkeypatch, folder):
    """What a new `mkdocs build` starts with: nothing in memory, the folder on disk."""
    monkeypatch.setattr(html, "_COMPILED", html._CompiledTemplates(folder))


def test_compiled_templates_are_kept_on_disk_for_the_next_build(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir()
    _new_process(monkeypatch, folder)
    first = html.render(html.environment(), "partials/email.html", email="a@b.org")
    assert list(folder.glob("*.cache")), "nothing was written to the cache folder"
    _new_process(monkeypatch, folder)
    compiled = _counting_compiles(monkeypatch)
    assert html.render(html.environment(), "partials/email.html", email="a@b.org") == first
    assert compiled == []


def test_a_template_edited_between_builds_is_compiled_again(tmp_path, monkeypatch):
    folder, templates = tmp_path / "cache", tmp_path / "templates"
    folder.mkdir()
    templates.mkdir()
    probe = templates / "probe.html"
    probe.write_text("first {{ value }}", encoding="utf-8")
    _new_process(monkeypatch, folder)
    assert html.render(html.environment([templates]), "probe.html", value="<a>") == "first &lt;a&gt;"
    probe.write_text("second {{ value }}", encoding="utf-8")
    _new_process(monkeypatch, folder)
    assert html.render(html.environment([templates]), "probe.html", value="<a>") == "second &lt;a&gt;"


def test_a_damaged_cache_file_is_compiled_again(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir()
    _new_process(monkeypatch, folder)
    expected = html.render(html.environment(), "partials/email.html", email="a@b.org")
    for kept in folder.glob("*.cache"):
        kept.write_bytes(kept.read_bytes()[:20])  # cut short, as by a full disk
    _new_process(monkeypatch, folder)
    compiled = _counting_compiles(monkeypatch)
    assert html.render(html.environment(), "partials/email.html", email="a@b.org") == expected
    assert compiled, "the damaged file was used instead of compiling the template again"


def test_a_cache_folder_that_cannot_be_written_changes_nothing(tmp_path, monkeypatch):
    expected = html.render(html.environment(), "partials/email.html", email="a@b.org")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert html._cache_folder() is None
    gone = tmp_path / "removed"
    _new_process(monkeypatch, gone)  # the folder vanished after start-up
    assert html.render(html.environment(), "partials/email.html", email="a@b.org") == expected
    assert html._COMPILED.folder is None and not gone.exists()


def test_the_cache_folder_is_the_users_and_named_for_this_code(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = html._cache_folder()
    assert folder is not None and folder.is_dir()
    assert folder.parent == tmp_path / "labsite" and folder.name.startswith("templates-")
