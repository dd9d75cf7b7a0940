"""Rule by rule, the editors' JSON Schema refuses exactly what `labsite check` refuses for one file.

Each rule is tried with values the check accepts and values it refuses, in the fixture lab's data:
the model (as the check runs it on that file) and the committed JSON Schema must agree on every one,
and JavaScript's regular expressions (what editors run) must agree with Python's on every pattern.
Rules that span files or the disk (ids that must exist, unique ids, photo files, `end` after `start`)
cannot be said in a JSON Schema; README lists them.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import subprocess
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter
from sitebuild import FIXTURE_DATA, ROOT

from labsite.models import common
from labsite.models.people import Person
from labsite.read import validate, yamlfile
from labsite.read.load import FILES

KIND_MODELS = {**{name.removesuffix(".yml"): model for name, (model, _) in FILES.items()}, "person": Person}
FIXTURE_FILES = {
    "person": "people/bo-tern.yml",
    **{name.removesuffix(".yml"): name for name in FILES},
}


def fixture_document(kind: str) -> Any:
    value, problems = yamlfile.read(FIXTURE_DATA / FIXTURE_FILES[kind], FIXTURE_FILES[kind])
    assert not problems and value is not None, problems
    return value


def schema(kind: str) -> dict:
    return json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))


def put(path: tuple[Any, ...]) -> Callable[[Any, Any], None]:
    """A setter for `path` in a document ('missing' removes the key)."""

    def setter(document: Any, value: Any) -> None:
        for step in path[:-1]:
            document = document[step]
        if value == "missing":
            document.pop(path[-1], None)
        else:
            document[path[-1]] = value

    return setter


def paper(**fields: Any) -> Callable[[Any, Any], None]:
    """Replace the first paper with `fields` plus the tried value under 'value' key's name."""

    def setter(document: Any, value: Any) -> None:
        document["publications"][0] = {**fields, **value}

    return setter


BAD_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<b>x</b>",
    "vbscript:msgbox",
    "//evil.example.org/x",
    "https:/one-slash.org",
    "http://",
    "mailto:nobody",
    'https://example.org/"onmouseover=x',
    "https://example.org/<script>",
    "https://exa mple.org",
    "https://example.org/\u2028x",
    "https://example.org/\u202ex",
    "ftp://example.org/file",
    "mailto:jane@example.org?cc=eve@example.org",
    "mailto:jane@example.org&bcc=eve@example.org",
    "mailto:jane@example.org,eve@example.org",
    "mailto:jane%40example.org@x.org",
]
GOOD_URLS = ["https://example.org/a?b=c#d", "HTTP://EXAMPLE.ORG", "mailto:jane@example.org", "/people/", "#top", "x/y"]
GOOD_EMAILS = ["jane@example.org", "jane.doe+lab@cs.example.edu"]
BAD_EMAILS = ["jane", "jane@example", "jane doe@example.org", "<jane@example.org>", "jane@@example.org", "j@x.o",
              "jane@example.org?cc=eve@example.org", "jane&bcc=eve@example.org", "jane%0A@example.org",
              "jane,eve@example.org", "ja\u202ene@example.org", "jane\x85@example.org"]  # fmt: skip
HIDDEN = ["\x00", "\x07", "\x1b", "\r", "\x7f", "\x85", "\x9b", "\ud800", "\udfff", "\ufdd0", "\ufffe", "\U0001fffe",
          "\U0010ffff"]  # fmt: skip
"""Characters no text field holds: C0 and C1 controls, lone surrogates, non-characters."""
DIRECTION = ["\u061c", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069"]
"""Direction controls: refused in names, ids and one-line fields, kept in Markdown (right-to-left prose)."""

# rule: (file kind, setter, values the check accepts, values it refuses)
RULES: dict[str, tuple[str, Callable[[Any, Any], None], list[Any], list[Any]]] = {
    "news date format": (
        "news",
        put(("news", 0, "date")),
        ["2024", "2024-05", "2024-05-31", "2024-02-29", "2000-02-29"],
        ["2024-13", "24-05", "2024/05", "May 2024", "2024-5", "2024-04-31", "2023-02-29", "1900-02-29", "2024-05-1"],
    ),
    "profile e-mail": ("profile", put(("email",)), GOOD_EMAILS, BAD_EMAILS),
    "person e-mail": ("person", put(("email",)), GOOD_EMAILS, BAD_EMAILS),
    "contact e-mail for the services": ("site", put(("contact",)), GOOD_EMAILS, BAD_EMAILS),
    "orcid iD": (
        "person",
        put(("orcid",)),
        ["0000-0002-1825-0097", "0000-0002-1694-233X"],
        ["https://orcid.org/0000-0002-1825-0097", "0000-0002-1825-009", "0000-0002-1825-009x"],
    ),
    "dblp person id": (
        "person",
        put(("dblp",)),
        ["23/7512", "j/JaneDoe-1"],
        ["23", "https://dblp.org/pid/23/7512", "a b/c"],
    ),
    "profile link scheme": (
        "profile",
        put(("links",)),
        [[{"label": "x", "url": u}] for u in GOOD_URLS],
        [[{"label": "x", "url": u}] for u in BAD_URLS],
    ),
    "person link scheme": (
        "person",
        put(("links",)),
        [[{"label": "x", "url": u}] for u in GOOD_URLS],
        [[{"label": "x", "url": u}] for u in BAD_URLS],
    ),
    "paper link scheme": (
        "publications",
        put(("publications", 0, "links")),
        [{"pdf": u} for u in GOOD_URLS],
        [{"pdf": u} for u in BAD_URLS],
    ),
    "course url scheme": ("teaching", put(("courses", 0, "url")), GOOD_URLS, BAD_URLS),
    "project link scheme": (
        "projects",
        put(("projects", 0, "links")),
        [{"code": u} for u in GOOD_URLS],
        [{"code": u} for u in BAD_URLS],
    ),
    "site address": (
        "site",
        put(("url",)),
        ["https://lab.example.org/", "https://example.github.io/lab"],
        [*BAD_URLS, "http://lab.example.org/", "https://lab.example.org/?x", "https://user@lab.example.org/", "/lab/"],
    ),
    "branch name": (
        "site",
        put(("branch",)),
        ["main", "release/v1.2_x+y"],
        ["main dev", "-x", "a..b", "topic/.hidden", "x.lock", "a/b.lock/c", "a//b", "a/", "a.", 'a"b', "a#b"],
    ),
    "language code": (
        "site",
        put(("language",)),
        ["en", "de", "pt-BR", "zh-Hant"],
        ["English", "EN", 'en" x', "e", "xx", "zh-Hans"],  # well-formed, but not translated by the theme
    ),
    "ids are slugs": ("publications", put(("publications", 0, "id")), ["a", "a-b2"], ["A", "a--b", "a_b", "-a", "a-"]),
    "topic ids are slugs": ("topics", put(("topics", 0, "id")), ["ml-systems"], ["ML", "ml systems"]),
    "text is one line": (
        "person",
        put(("name",)),
        ["Jane Doe", "  Jane Doe  ", "\u05d9\u05e2\u05dc \u05db\u05d4\u05df", "Jane \U0001f600"],
        ["Jane\nDoe", "   ", "", "\u3000", "Jane\u2028Doe", "Jane\tDoe"],
    ),
    "text holds no hidden or direction characters": (
        "publications",
        put(("publications", 0, "title")),
        ["A title", "\u0627\u0644\u0639\u0646\u0648\u0627\u0646"],
        [f"A{c}title" for c in HIDDEN + DIRECTION],
    ),
    "markdown is not blank": ("person", put(("bio",)), ["Two\n\nparagraphs", " x "], ["   ", "\n\n", ""]),
    "markdown holds no hidden characters but keeps tabs, newlines and direction marks": (
        "person",
        put(("bio",)),
        ["Tab\tand\nnewline", *[f"Right{c}to-left" for c in DIRECTION]],
        [f"Bio{c}text" for c in HIDDEN],
    ),
    "news text holds no hidden characters": ("news", put(("news", 0, "text")), ["News."], [f"N{c}ews" for c in HIDDEN]),
    "year-month": (
        "profile",
        put(("education", 0, "start")),
        ["2013-09", "2013-12"],
        ["2013-9", "2013-13", "13-09", "2013-00", "2013"],
    ),
    "photo path inside docs": (
        "person",
        put(("photo",)),
        ["images/people/bo.jpg", "a/b.c/d.png", "x..y.png"],
        ["/etc/passwd", "../secret.jpg", "images/../../x.jpg", "images/..", "im ages/x.jpg", "images/ø.jpg"],
    ),
    "year range": ("person", put(("start",)), [1900, 2024, 2100], [1899, 2101, "2024"]),
    "degree is one of the list": ("person", put(("degree",)), ["PhD", "Postdoc"], ["Phd", "PhD student", ""]),
    "month range": ("publications", put(("publications", 0, "month")), [1, 12], [0, 13, "May"]),
    "doi form": (
        "publications",
        put(("publications", 0, "doi")),
        ["10.1145/3600006.3613139", "10.48550/arXiv.2305.09781"],
        ["doi:10.1145/1", "10.12/x", "https://doi.org/10.1145/1", "10.1145/a b", "10.1145/a}b", "10.1145/a\u202eb"],
    ),
    "venue id form": ("venues", put(("venues", 0, "id")), ["OSDI", "SC", "IEEE-TPDS", "A&B"], ["-X", "O S", ""]),
    "a paper needs a venue unless thesis or preprint": (
        "publications",
        paper(id="p", title="T", authors=["A B"], year=2020),
        [{"venue": "X"}, {"type": "thesis"}, {"type": "preprint"}, {"type": "thesis", "venue": "X"}],
        [{}, {"type": "conference"}, {"type": "journal"}],
    ),
    "equal contribution is at least two": (
        "publications",
        put(("publications", 0, "equal_contribution")),
        [2, 3],
        [1, 0, -2, "2"],
    ),
    "required field": ("person", put(("name",)), ["Jane"], ["missing"]),
    "unknown field": ("person", put(("titel",)), ["missing"], ["x"]),
}
CASES = [
    pytest.param(rule, value, accepted, id=f"{rule}-{'ok' if accepted else 'refused'}-{n}")
    for rule, (_, _, goods, bads) in RULES.items()
    for accepted, values in ((True, goods), (False, bads))
    for n, value in enumerate(values)
]


def verdicts(rule: str, value: Any) -> tuple[bool, bool]:
    """(does the check accept the file?, does the JSON Schema accept it?) with `value` put in place."""
    kind, setter, _, _ = RULES[rule]
    document = copy.deepcopy(fixture_document(kind))
    setter(document, value)
    record, problems = validate.check(KIND_MODELS[kind], document, FIXTURE_FILES[kind])
    by_schema = jsonschema.Draft202012Validator(schema(kind)).is_valid(json.loads(json.dumps(document)))
    return (record is not None and not problems), by_schema


@pytest.mark.parametrize(("rule", "value", "accepted"), CASES)
def test_the_check_and_the_editor_schema_agree_on_each_rule(rule, value, accepted):
    by_check, by_schema = verdicts(rule, value)
    assert by_check is accepted, f"the check {'refused' if accepted else 'accepted'} {value!r}"
    assert by_schema is accepted, f"the JSON Schema {'refused' if accepted else 'accepted'} {value!r}"


def test_every_checked_field_type_carries_its_rule_into_the_schema():
    """A new field type with a validator but no schema rule would let editors accept what the check refuses."""
    checked = {name: value for name, value in vars(common).items() if getattr(value, "__metadata__", None)}
    assert {"Text", "Markdown", "Slug", "Url", "Email", "YearMonth", "NewsDate", "AssetPath", "Year"} <= set(checked)
    for name, annotated in checked.items():
        rule = TypeAdapter(annotated).json_schema()
        assert "pattern" in rule or {"minimum", "maximum"} <= set(rule), name


# The same values, through JavaScript's RegExp in unicode mode as editors (vscode-json-languageservice) run it.
def _pattern_samples() -> list[tuple[str, str, bool]]:
    samples = []
    strings = [
        *GOOD_URLS,
        *BAD_URLS,
        *GOOD_EMAILS,
        *BAD_EMAILS,
        "2024-02-29",
        "2023-02-29",
        "Jane\nDoe",
        " Jane ",
        "\u3000",
        "../x",
        "images/x.png",
        "a-b",
        "10.1145/1",
        "",
        "x\n",
        *[f"a{c}b" for c in HIDDEN + DIRECTION],
        "a\tb",
        "a\u2028b",
    ]
    for kind in KIND_MODELS:
        text = json.dumps(schema(kind))
        for pattern in set(_patterns(json.loads(text))):
            samples += [(pattern, s, common._matches(pattern, s)) for s in strings]
    return samples


def _patterns(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return found + [p for v in node.values() for p in _patterns(v)]
    if isinstance(node, list):
        return [p for v in node for p in _patterns(v)]
    return []


def test_javascript_reads_every_schema_pattern_as_python_does(tmp_path):
    node = shutil.which("node")
    assert node, "node is needed (scripts/system-deps.sh installs it)"
    samples = _pattern_samples()
    assert len(samples) > 100
    script = tmp_path / "match.js"
    script.write_text(
        "const s = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        "console.log(JSON.stringify(s.map(([p, v]) => new RegExp(p, 'u').test(v))));\n"
    )
    done = subprocess.run(
        [node, str(script)], input=json.dumps([[p, v] for p, v, _ in samples]), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    differ = [(p[:40], v) for (p, v, py), js in zip(samples, json.loads(done.stdout), strict=True) if py != js]
    assert not differ


def test_news_dates_are_exactly_the_days_of_the_calendar():
    day, pattern = dt.date(1900, 1, 1), common.NEWS_DATE_PATTERN
    while day.year < 2100:
        assert common._matches(pattern, day.isoformat()), day
        day += dt.timedelta(days=1)
    for text in ("1900-02-29", "2100-01-01", "2023-02-29", "2024-06-31", "2024-00-10", "1899-12-31"):
        assert not common._matches(pattern, text), text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:/?#@.-_ \n\t\"'<>`\\\u2028jJmMhHtTpPsS0")), max_size=24))
def test_any_text_gets_the_same_verdict_from_the_check_and_the_schema_as_a_link(text):
    by_check, by_schema = verdicts("course url scheme", text)
    assert by_check == by_schema, text
