"""Field types shared by every data file, each with the message a person sees when it is wrong."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from ..errors import shown

SAFE_SCHEMES = ("http", "https", "mailto")


class Model(BaseModel):
    """Strict, closed records: an unknown key (a typo like `titel:`) is an error, never ignored."""

    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, str_strip_whitespace=True, use_attribute_docstrings=True
    )


def _fail(expected: str, got: object) -> PydanticCustomError:
    return PydanticCustomError("labsite", "expected {expected} — got {got}", {"expected": expected, "got": shown(got)})


def _one_line(value: str) -> str:
    if not value:
        raise _fail("some text", "an empty value")
    if "\n" in value:
        raise _fail("a single line of text", "several lines")
    return value


def _slug(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
        raise _fail("an id of lowercase letters, digits and single hyphens (e.g. 'jane-doe')", value)
    return value


def is_safe_url(value: str) -> bool:
    """http(s) with a host, mailto with an address, or a site-relative path; nothing else.

    `javascript:`, `data:` and protocol-relative `//host` links are refused so that a value from a
    pull request can never run script in a visitor's browser.
    """
    if not value or any(ch.isspace() or ord(ch) < 32 or ch in '\\"<>`' + "'" for ch in value):
        return False  # characters a URL never needs unescaped, and that would break an attribute
    parts = urlsplit(value)
    if parts.scheme:
        if parts.scheme.lower() in ("http", "https"):
            return bool(parts.netloc)
        return parts.scheme.lower() == "mailto" and "@" in parts.path
    return not value.startswith("//") and ":" not in value.split("/", 1)[0]


def _url(value: str) -> str:
    if not is_safe_url(value):
        raise _fail("a link starting with https://, http://, mailto: or a site path like /people/", value)
    return value


def _email(value: str) -> str:
    if not re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+\.[A-Za-z]{2,}", value):
        raise _fail("an e-mail address like name@example.org", value)
    return value


def _year_month(value: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        raise _fail('a month as YYYY-MM, e.g. "2013-09"', value)
    return value


def _news_date(value: str) -> str:
    formats = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}
    try:
        dt.datetime.strptime(value, formats[len(value)])
    except (KeyError, ValueError):
        raise _fail('a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. "2024-05"', value) from None
    return value


def _asset_path(value: str) -> str:
    if value.startswith("/") or ".." in value.split("/") or not re.fullmatch(r"[\w./-]+", value):
        raise _fail("a path inside docs/, like images/people/jane-doe.jpg", value)
    return value


# Length limits: far above what a lab writes, low enough that one pull request cannot make the
# build slow or the search index heavy (a 5 MB bio once took the build from 3.5 s to 42 s).
TEXT_MAX, NAME_MAX, MARKDOWN_MAX, NEWS_MAX, URL_MAX, ID_MAX = 300, 100, 5_000, 2_000, 2_000, 100

Text = Annotated[str, AfterValidator(_one_line), Field(min_length=1, max_length=TEXT_MAX)]
"""A single line of plain text: shown escaped, never interpreted as Markdown or HTML."""

Name = Annotated[str, AfterValidator(_one_line), Field(min_length=1, max_length=NAME_MAX)]
"""A person's name or one spelling of it, as in an author list."""

Markdown = Annotated[
    str, Field(min_length=1, max_length=MARKDOWN_MAX, json_schema_extra={"contentMediaType": "text/markdown"})
]
"""Text in which Markdown (emphasis, links, lists) is rendered; raw HTML is shown as text."""

NewsText = Annotated[
    str, Field(min_length=1, max_length=NEWS_MAX, json_schema_extra={"contentMediaType": "text/markdown"})
]
"""A news item in Markdown: a sentence or two (the home page shows the latest ones)."""

Slug = Annotated[str, AfterValidator(_slug), Field(max_length=ID_MAX)]
Url = Annotated[str, AfterValidator(_url), Field(max_length=URL_MAX, json_schema_extra={"format": "uri-reference"})]
Email = Annotated[str, AfterValidator(_email), Field(max_length=254)]
YearMonth = Annotated[str, AfterValidator(_year_month)]
NewsDate = Annotated[str, AfterValidator(_news_date)]
AssetPath = Annotated[str, AfterValidator(_asset_path)]


def _year(value: int) -> int:
    if not 1900 <= value <= 2100:
        raise _fail("a year between 1900 and 2100", value)
    return value


Year = Annotated[int, AfterValidator(_year), Field(json_schema_extra={"minimum": 1900, "maximum": 2100})]


class Link(Model):
    """A labelled link, e.g. on a profile: `{label: Google Scholar, url: https://...}`."""

    label: Text
    url: Url


class Links(Model):
    """The links an item may carry; each one is shown only when present."""

    pdf: Url | None = None
    arxiv: Url | None = None
    code: Url | None = None
    slides: Url | None = None
    video: Url | None = None
    project: Url | None = None
    website: Url | None = None
