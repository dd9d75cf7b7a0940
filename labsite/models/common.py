"""Field types shared by every data file, each with the message a person sees when it is wrong."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

SAFE_SCHEMES = ("http", "https", "mailto")


class Model(BaseModel):
    """Strict, closed records: an unknown key (a typo like `titel:`) is an error, never ignored."""

    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, str_strip_whitespace=True, use_attribute_docstrings=True
    )


def _fail(expected: str, got: object, hint: str = "") -> PydanticCustomError:
    shown = repr(got) if isinstance(got, str) else str(got)
    return PydanticCustomError(
        "labsite", "expected {expected} — got {got}", {"expected": expected, "got": shown, "hint": hint}
    )


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


def is_site_address(value: str) -> bool:
    """An https:// address with a host and nothing a path-joining or attribute could trip on:
    what the site's own address and its repository's may be (MkDocs prints both unescaped)."""
    parts = urlsplit(value)
    return (
        is_safe_url(value)
        and parts.scheme == "https"
        and bool(parts.hostname)
        and not (parts.query or parts.fragment or "?" in value or "#" in value or "@" in parts.netloc)
    )


def _site_address(value: str) -> str:
    if not is_site_address(value):
        raise _fail(
            "an address like https://example.org/lab/ (https, no quotes, spaces, '?' or '#')",
            value,
            "leave it out and the deploy fills it in (GitHub Pages, GitHub Actions)",
        )
    return value


def _git_ref(value: str) -> str:
    """Git's rules for a branch name (`git check-ref-format --branch`), kept to characters that need
    no escaping in a URL path: the branch is written into every 'edit this page' link."""
    parts = value.split("/")
    if (
        not re.fullmatch(r"[A-Za-z0-9._/+-]+", value)
        or value.startswith("-")
        or ".." in value
        or value.endswith((".", ".lock"))
        or any(not part or part.startswith(".") or part.endswith(".lock") for part in parts)
    ):
        raise _fail(
            "a git branch name like main or gh-pages (letters, digits, '-', '_', '.', '/')",
            value,
            "the branch that pull requests go to; leave it out for main",
        )
    return value


def _language(value: str) -> str:
    if not re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", value):
        raise _fail("a language code like en, de or pt-BR", value, "a two- or three-letter ISO 639 code")
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


Text = Annotated[str, AfterValidator(_one_line), Field(min_length=1)]
"""A single line of plain text: shown escaped, never interpreted as Markdown or HTML."""

Markdown = Annotated[str, Field(min_length=1, json_schema_extra={"contentMediaType": "text/markdown"})]
"""Text in which Markdown (emphasis, links, lists) is rendered; raw HTML is shown as text."""

Slug = Annotated[str, AfterValidator(_slug)]
Url = Annotated[str, AfterValidator(_url), Field(json_schema_extra={"format": "uri-reference"})]
SiteAddress = Annotated[
    str,
    AfterValidator(_site_address),
    Field(json_schema_extra={"format": "uri", "pattern": "^https://[^\\s\"'<>`?#\\\\]+$"}),
]
"""An https:// address: the site's own, or its repository's."""
GitRef = Annotated[
    str, AfterValidator(_git_ref), Field(min_length=1, json_schema_extra={"pattern": "^[A-Za-z0-9._/+-]+$"})
]
Language = Annotated[
    str, AfterValidator(_language), Field(json_schema_extra={"pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"})
]
Email = Annotated[str, AfterValidator(_email)]
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
