"""Field types shared by every data file, each with the message a person sees when it is wrong."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from labsite import characters
from labsite.characters import NOT_IN_MARKDOWN, NOT_IN_ONE_LINE
from labsite.errors import shown

SAFE_SCHEMES = ("http", "https", "mailto")


class Model(BaseModel):
    """Strict, closed records: an unknown key (a typo like `titel:`) is an error, never ignored.

    Each field is documented by the string under it. Those strings become the schemas' and the
    data reference's descriptions when `python -m labsite schemas` writes them (it reads them
    there, see `commands/schemas.py`); a build does not read the models' source for them.
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, str_strip_whitespace=True)


def _fail(expected: str, got: object, hint: str = "", *, described: str = "") -> PydanticCustomError:
    """The error for a wrong value: `got` is shown (quoted, short, escaped), unless `described` says what it holds."""
    return PydanticCustomError(
        "labsite",
        "expected {expected} — got {got}",
        {"expected": expected, "got": described or shown(got), "hint": hint},
    )


# Each rule below is written once, as a regular expression in the dialect JSON Schema and Python share
# (no \s, \d or \w, whose meanings differ between engines): the check matches it, and the editors'
# schema carries it as `pattern`, so an editor underlines exactly what `labsite check` refuses.
_SPACE = "\\t-\\r\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
"""Unicode white space, as the models strip it (`str_strip_whitespace`) from both ends of a value."""
_NOT_IN_URLS = f"{NOT_IN_ONE_LINE}\\x20\\xa0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000\"'<>\\\\`"
"""Space, control and direction characters, quotes, angle brackets, backslash, backtick: never needed
unescaped in a link."""


_NOT_IN_MAILTO = "?&%,;#"
"""Inside an e-mail address or a mailto link: a query, an encoded character, a second recipient or a fragment."""


def _url_char(also_not: str = "") -> str:
    return f"[^{_NOT_IN_URLS}{also_not}]"


TEXT_PATTERN = f"^[^{_SPACE}{NOT_IN_ONE_LINE}](?:[^{NOT_IN_ONE_LINE}]*[^{_SPACE}{NOT_IN_ONE_LINE}])?$"
"""Some text on one line (after surrounding white space is stripped, as for every value), without
control, direction or line-separating characters (`labsite.characters`)."""
MARKDOWN_PATTERN = f"^[^{NOT_IN_MARKDOWN}]*[^{_SPACE}{NOT_IN_MARKDOWN}][^{NOT_IN_MARKDOWN}]*$"
"""Some text that is not only white space, without control characters other than tab and newline."""
SLUG_PATTERN = "^[a-z0-9]+(?:-[a-z0-9]+)*$"
URL_PATTERN = (
    "^(?:"
    f"[hH][tT][tT][pP][sS]?://{_url_char('/?#')}+{_url_char()}*"  # http(s) with a host
    f"|[mM][aA][iI][lL][tT][oO]:{_url_char(_NOT_IN_MAILTO + '@')}+@{_url_char(_NOT_IN_MAILTO + '@')}+"  # one address
    f"|(?!//)(?:{_url_char(':/')}+(?:/{_url_char()}*)?|/{_url_char()}*)"  # a site path: no scheme, no //host
    ")$"
)
"""http(s) with a host, mailto with an address, or a site-relative path; `javascript:`, `data:` and
protocol-relative `//host` links are refused so that a value from a pull request never runs script;
a mailto link holds one address and no parameters (`?cc=` would add recipients)."""
_EMAIL_PART = f'[^@{_SPACE}{NOT_IN_ONE_LINE}<>"{_NOT_IN_MAILTO}]+'
EMAIL_PATTERN = f"^{_EMAIL_PART}@{_EMAIL_PART}\\.[A-Za-z]{{2,}}$"
"""One address: no '?', '&', '%', ',' or ';', with which the page's mailto link could carry
parameters (`?cc=`, `&bcc=`), encoded characters or a second recipient."""
YEAR_MONTH_PATTERN = "^[0-9]{4}-(?:0[1-9]|1[0-2])$"
_YEAR = "(?:19|20)[0-9]{2}"
_MONTH = "(?:0[1-9]|1[0-2])"
_DAY_OF_MONTH = (  # a month-day the month has in every year; 29 February is the leap years' own case
    "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
_LEAP_YEAR = "(?:19(?:0[48]|[2468][048]|[13579][26])|20(?:0[048]|[2468][048]|[13579][26]))"
NEWS_DATE_PATTERN = f"^(?:{_YEAR}(?:-{_MONTH})?|{_YEAR}-{_DAY_OF_MONTH}|{_LEAP_YEAR}-02-29)$"
"""YYYY, YYYY-MM or a real calendar day YYYY-MM-DD (29 February only in leap years), 1900–2099."""
ASSET_PATH_PATTERN = f"^(?!/)(?!(?:.*/)?\\.\\.(?:/|[{_SPACE}]*$))[A-Za-z0-9_./-]+$"
"""A path inside docs/: relative, never climbing out with `..`, plain ASCII file-name characters."""
SITE_ADDRESS_PATTERN = f"^[hH][tT][tT][pP][sS]://[^:{_NOT_IN_URLS}/?#@][^{_NOT_IN_URLS}/?#@]*(?:/{_url_char('?#')}*)?$"
"""An https:// address with a host and no query, fragment or user: MkDocs prints it unescaped."""
GIT_REF_PATTERN = (  # git's rules for a branch (`git check-ref-format --branch`), in characters a URL path keeps
    "^(?![-/.])(?!.*(?:\\.\\.|//|/\\.|\\.lock/))(?!.*(?:[./]|\\.lock)$)[A-Za-z0-9._/+-]+$"
)
"""The branch is written into every 'edit this page' link."""
LANGUAGE_PATTERN = "^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
"""A language tag: ISO 639 code, then optional subtags (en, de, pt-BR)."""


def _matches(pattern: str, value: str) -> bool:
    """JavaScript's `$` ends the text; Python's also matches before a final newline, so use `\\Z`."""
    return re.search(pattern.removesuffix("$") + "\\Z" if pattern.endswith("$") else pattern, value) is not None


def _without(char_class: str, expected: str) -> AfterValidator:
    """Refuses a value that holds a character of `char_class` (see `labsite.characters`), naming it and
    where it is: such characters are invisible, so the message is how a person finds one."""

    def check(value: str) -> str:
        char = characters.found(char_class, value)
        if char is None:
            return value
        at = value.index(char) + 1
        raise _fail(
            expected,
            value,
            "delete it: it may be invisible, so retype the text around it; in double quotes an escape like \\u202e"
            " writes one",
            described=f"{characters.named(char)} at character {at}",
        )

    return AfterValidator(check)


_ONE_LINE_CHARACTERS = _without(NOT_IN_ONE_LINE, "text without control, direction or line-separating characters")
_MARKDOWN_CHARACTERS = _without(NOT_IN_MARKDOWN, "text without control characters (tabs and newlines may stay)")


def _one_line(value: str) -> str:
    if not value:
        raise _fail("some text", "an empty value")
    if "\n" in value:
        raise _fail("a single line of text", "several lines")
    return value


def is_slug(value: str) -> bool:
    """An id as ids are written everywhere: in data, in a person's file name, by `new-member --id`."""
    return _matches(SLUG_PATTERN, value)


def is_safe_url(value: str) -> bool:
    """A link a visitor may safely follow (see `URL_PATTERN`)."""
    return _matches(URL_PATTERN, value)


def is_doi(value: str) -> bool:
    """A DOI as a paper's `doi` may hold it (see `DOI_PATTERN`)."""
    return _matches(DOI_PATTERN, value)


def is_site_address(value: str) -> bool:
    """What the site's own address and its repository's may be (see `SITE_ADDRESS_PATTERN`)."""
    return _matches(SITE_ADDRESS_PATTERN, value)


# Length limits: far above what a lab writes, low enough that one pull request cannot make the
# build slow or the search index heavy (a 5 MB bio once took the build from 3.5 s to 42 s).
TEXT_MAX, NAME_MAX, MARKDOWN_MAX, NEWS_MAX, URL_MAX, ID_MAX = 300, 100, 5_000, 2_000, 2_000, 100


def _rule(pattern: str, expected: str, hint: str = "", **schema: object) -> tuple[object, ...]:
    """One pattern-defined rule, written once: the check (with a readable message, after the one that names
    a refused character) and the editors' schema."""

    def check(value: str) -> str:
        if not _matches(pattern, value):
            raise _fail(expected, value, hint)
        return value

    return _ONE_LINE_CHARACTERS, AfterValidator(check), _schema(pattern, **schema)


def _schema(pattern: str, **more: Any) -> FieldInfo:
    """The rule for editors only: the check applies it (with a readable message) in the validator.

    The check sees values with surrounding white space stripped; an editor sees them as typed, so an
    anchored pattern also allows white space around the value.
    """
    if pattern.startswith("^") and pattern.endswith("$"):
        pattern = f"^[{_SPACE}]*(?:{pattern[1:-1]})[{_SPACE}]*$"
    return Field(json_schema_extra={"pattern": pattern, **more})


Text = Annotated[
    str,
    AfterValidator(_one_line),
    _ONE_LINE_CHARACTERS,
    Field(min_length=1, max_length=TEXT_MAX),
    _schema(TEXT_PATTERN),
]
"""A single line of plain text: shown escaped, never interpreted as Markdown or HTML."""

Name = Annotated[
    str,
    AfterValidator(_one_line),
    _ONE_LINE_CHARACTERS,
    Field(min_length=1, max_length=NAME_MAX),
    _schema(TEXT_PATTERN),
]
"""A person's name or one spelling of it, as in an author list."""

Markdown = Annotated[
    str,
    _MARKDOWN_CHARACTERS,
    Field(min_length=1, max_length=MARKDOWN_MAX),
    _schema(MARKDOWN_PATTERN, contentMediaType="text/markdown"),
]
"""Text in which Markdown (emphasis, links, lists) is rendered; raw HTML is shown as text."""

NewsText = Annotated[
    str,
    _MARKDOWN_CHARACTERS,
    Field(min_length=1, max_length=NEWS_MAX),
    _schema(MARKDOWN_PATTERN, contentMediaType="text/markdown"),
]
"""A news item in Markdown: a sentence or two (the home page shows the latest ones)."""

Slug = Annotated[
    str,
    *_rule(SLUG_PATTERN, "an id of lowercase letters, digits and single hyphens (e.g. 'jane-doe')"),
    Field(max_length=ID_MAX),
]
Url = Annotated[
    str,
    *_rule(
        URL_PATTERN,
        "a link starting with https://, http://, mailto: or a site path like /people/",
        format="uri-reference",
    ),
    Field(max_length=URL_MAX),
]
SiteAddress = Annotated[
    str,
    *_rule(
        SITE_ADDRESS_PATTERN,
        "an address like https://example.org/lab/ (https, no quotes, spaces, '?' or '#')",
        "leave it out and the deploy fills it in (GitHub Pages, GitHub Actions)",
        format="uri",
    ),
    Field(max_length=URL_MAX),
]
"""An https:// address: the site's own, or its repository's."""
GitRef = Annotated[
    str,
    *_rule(
        GIT_REF_PATTERN,
        "a git branch name like main or gh-pages (letters, digits, '-', '_', '.', '/')",
        "the branch that pull requests go to; leave it out for main",
    ),
    Field(max_length=ID_MAX),
]
Language = Annotated[
    str,
    *_rule(LANGUAGE_PATTERN, "a language code like en, de or pt-BR", "a two- or three-letter ISO 639 code"),
    Field(max_length=ID_MAX),
]
Email = Annotated[
    str,
    *_rule(
        EMAIL_PATTERN,
        "an e-mail address like name@example.org",
        "the address alone: no '?', '&', '%', ',' or ';' (a mailto link would read them as more recipients)",
        format="email",
    ),
    Field(max_length=254),
]
YearMonth = Annotated[str, *_rule(YEAR_MONTH_PATTERN, 'a month as YYYY-MM, e.g. "2013-09"')]
NewsDate = Annotated[str, *_rule(NEWS_DATE_PATTERN, 'a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. "2024-05"')]
AssetPath = Annotated[
    str,
    *_rule(ASSET_PATH_PATTERN, "a path inside docs/, like images/people/jane-doe.jpg"),
    Field(max_length=ID_MAX * 3),
]


def _year(value: int) -> int:
    if not 1900 <= value <= 2100:
        raise _fail("a year between 1900 and 2100", value)
    return value


Year = Annotated[int, AfterValidator(_year), Field(json_schema_extra={"minimum": 1900, "maximum": 2100})]


class Link(Model):
    """A labelled link, e.g. on a profile: `{label: Google Scholar, url: https://...}`."""

    label: Text
    """The link's text, e.g. 'Google Scholar'."""
    url: Url
    """Where it goes."""


class Links(Model):
    """The links an item may carry; each one is shown only when present."""

    pdf: Url | None = None
    """The paper's PDF."""
    arxiv: Url | None = None
    """The arXiv page."""
    code: Url | None = None
    """The source code."""
    slides: Url | None = None
    """The slides."""
    video: Url | None = None
    """A recorded talk."""
    project: Url | None = None
    """The project's page."""
    website: Url | None = None
    """Any other website."""


# Ids in outside registries (import, sync) and the day a generated file was written (citations).
ORCID_PATTERN = "^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$"
DBLP_PID_PATTERN = "^[0-9a-z]+/[0-9A-Za-z-]+$"
DOI_BODY = f"10\\.[0-9]{{4,9}}/[^{_SPACE}{NOT_IN_ONE_LINE}{{}}]+"
"""A DOI, wherever it stands (the importers find it in a link or a record with this)."""
DOI_PATTERN = f"^{DOI_BODY}$"
"""A DOI alone; no braces, which BibTeX could not hold."""
VENUE_ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9&+.-]*$"
ISO_DATE_PATTERN = f"^(?:{_YEAR}-{_DAY_OF_MONTH}|{_LEAP_YEAR}-02-29)$"
"""A real calendar day, YYYY-MM-DD."""


Orcid = Annotated[str, *_rule(ORCID_PATTERN, "an ORCID iD like 0000-0002-1825-0097 (without https://orcid.org/)")]
DblpPid = Annotated[str, *_rule(DBLP_PID_PATTERN, "a DBLP person id like 23/7512 (as in https://dblp.org/pid/23/7512)")]
Doi = Annotated[
    str, *_rule(DOI_PATTERN, "a DOI alone, like 10.1145/3600006.3613139", "no https://doi.org/, no braces or spaces")
]
VenueId = Annotated[
    str, *_rule(VENUE_ID_PATTERN, "a venue acronym like OSDI (letters, digits, & + . -)"), Field(max_length=ID_MAX)
]
IsoDate = Annotated[str, *_rule(ISO_DATE_PATTERN, 'a date as YYYY-MM-DD, e.g. "2026-11-27"')]
