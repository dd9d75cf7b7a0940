"""Markdown fields hold only what the renderer shows."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel

from labsite import markdown
from labsite.check.context import Context, Finding
from labsite.models.common import Markdown


def markdown_shows_everything(ctx: Context) -> Iterator[Finding]:
    """Refuses in any Markdown field what the renderer would strip (an image, a `javascript:` link
    written with character references): it is refused here instead of vanishing from the page."""
    data = ctx.data
    records: list[tuple[str, tuple[Any, ...], BaseModel]] = [("profile.yml", (), data.profile)]
    records += [(f"people/{i}.yml", (), p) for i, p in data.people.items()]
    records += [("publications.yml", ("publications", n), p) for n, p in enumerate(data.publications)]
    records += [("projects.yml", ("projects", n), p) for n, p in enumerate(data.projects)]
    records += [("news.yml", ("news", n), item) for n, item in enumerate(data.news)]
    records += [("teaching.yml", ("courses", n), c) for n, c in enumerate(data.courses)]
    for file, prefix, record in records:
        for path, text in _markdown_fields(record, prefix):
            for problem, hint in markdown.refused(text):
                yield Finding(file, path, problem, hint)


def _markdown_fields(record: BaseModel, prefix: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(path, text) of each field the schema types as Markdown, found from the model itself, so a
    Markdown field added later is checked without being listed here."""
    texts, nested = _fields_to_read(type(record))
    for name in texts:
        value = getattr(record, name)
        if value:
            yield (*prefix, name), value
    for name in nested:
        value = getattr(record, name)
        if isinstance(value, BaseModel):
            yield from _markdown_fields(value, (*prefix, name))
        elif isinstance(value, list):
            for k, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _markdown_fields(item, (*prefix, name, k))


@cache
def _fields_to_read(model: type[BaseModel]) -> tuple[list[str], list[str]]:
    """A model's Markdown fields, and the fields that may hold records with more of them."""
    texts, nested = [], []
    for name, field in model.model_fields.items():
        extra = field.json_schema_extra
        if isinstance(extra, dict) and extra.get("contentMediaType") == "text/markdown":
            texts.append(name)  # `field: Markdown` (pydantic moves the type's metadata onto the field)
        elif any(arg is Markdown for arg in get_args(field.annotation)):
            texts.append(name)  # `field: Markdown | None`
        elif any(isinstance(arg, type) and issubclass(arg, BaseModel) for arg in _flat_args(field.annotation)):
            nested.append(name)
    return texts, nested


def _flat_args(annotation: Any) -> list[Any]:
    args = [annotation]
    for arg in get_args(annotation):
        args += _flat_args(arg)
    return args
