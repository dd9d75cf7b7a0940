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
