"""Text from data is always shown as text: HTML is escaped, `{{ … }}` is never executed."""

from __future__ import annotations

from sitebuild import build

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _poison(project):
    person = project / "data/people/bo-tern.yml"
    person.write_text(
        person.read_text().replace("name: Bo Tern", f"name: 'Bo {HOSTILE}'") + "bio: 'Hi {{ 7 * 7 }} <b>bold</b>'\n"
    )
    pubs = project / "data/publications.yml"
    text = pubs.read_text()
    first_title = next(line for line in text.splitlines() if line.strip().startswith("title:"))
    pubs.write_text(text.replace(first_title, "    title: 'T </title><script>alert(2)</script> & {{ 6 * 7 }}'", 1))
    news = project / "data/news.yml"
    news.write_text(
        news.read_text() + '  - date: "2020"\n    text: \'<iframe src="https://evil.example"></iframe> {% raw %}x\'\n'
    )


def test_html_and_template_syntax_in_data_come_out_as_text(fixture_project):
    _poison(fixture_project)
    result = build(fixture_project)
    assert result.returncode == 0, result.log
    for html_file in result.site.rglob("*.html"):
        html = html_file.read_text()
        assert "<script>alert" not in html, html_file
        assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", ""), html_file
        assert "<iframe" not in html, html_file
        assert "<b>bold</b>" not in html, html_file
        assert "</title><script>" not in html, html_file
    group = (result.site / "group/index.html").read_text()
    assert "Bo &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in group
    person = result.content("people/bo-tern/").get_text()
    assert "{{ 7 * 7 }}" in person and "49" not in person
    pubs = (result.site / "publications/index.html").read_text()
    assert "T &lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt; &amp; {{ 6 * 7 }}" in pubs
    assert "& 42" not in result.content("publications/").get_text()
    news = (result.site / "news/index.html").read_text()
    assert "&lt;iframe" in news and "{% raw %}x" in news


def test_only_safe_links_are_accepted():
    from labsite.models.common import is_safe_url

    for good in ("https://example.org/a?b=1#c", "http://example.org", "mailto:a@example.org", "/people/", "p.pdf"):
        assert is_safe_url(good), good
    for bad in (
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,x",
        "//evil.example/x",
        "https://",
        'https://example.org/"onmouseover=x',
        "https://example.org/<x>",
        "vbscript:x",
        "https://exa mple.org",
    ):
        assert not is_safe_url(bad), bad
