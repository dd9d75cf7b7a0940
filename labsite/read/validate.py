"""Turn pydantic's validation errors into `DataError`s that name the line and say what was expected."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from labsite.errors import DataError, shown, shown_text
from labsite.read import yamlfile

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of 'key: value' lines",
    "model_type": "a mapping of 'key: value' lines",
    "model_attributes_type": "a mapping of 'key: value' lines",
}
_HINTS = {
    "string_type": "put the value in double quotes",
    "int_type": "write the number without quotes",
    "list_type": "write [a, b] or one '- item' per line",
    "dict_type": "indent the fields under the key",
    "model_type": "indent the fields under the key",
    "bool_type": "write true or false",
}


SYNONYMS: dict[str, tuple[str, ...]] = {
    "position": ("title", "degree", "now"),
    "role": ("title", "degree", "now"),
    "job": ("now",),
    "affiliation": ("now", "university", "institution"),
    "website": ("links", "url"),
    "homepage": ("links", "url", "website"),
    "url": ("links", "website"),
    "github": ("links", "code"),
    "scholar": ("links",),
    "twitter": ("links",),
    "linkedin": ("links",),
    "image": ("photo",),
    "picture": ("photo",),
    "avatar": ("photo",),
    "mail": ("email",),
    "about": ("bio", "description"),
    "biography": ("bio",),
    "summary": ("bio", "abstract", "description"),
    "description": ("bio", "abstract", "text"),
    "advisor": ("co_advisors",),
    "advisors": ("co_advisors",),
    "joined": ("start",),
    "since": ("start",),
    "graduated": ("end",),
    "until": ("end",),
    "research": ("interests",),
    "keywords": ("topics", "interests"),
    "tags": ("topics",),
    "author": ("authors",),
    "conference": ("venue",),
    "journal": ("venue",),
    "booktitle": ("venue",),
    "title": ("name", "degree", "text"),
    "name": ("title",),
    "body": ("text",),
    "content": ("text",),
}
"""Words people write for a field that has another name here; suggested when the model has them."""


def dotted(path: tuple[Any, ...]) -> str:
    """('publications', 3, 'venue') -> 'publications[3].venue'."""
    text = ""
    for step in path:
        step = step if isinstance(step, int) else shown_text(str(step))  # a key may be a hostile megabyte
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def check(
    model: type[BaseModel], document: Any, file: str, prefix: tuple[Any, ...] = ()
) -> tuple[BaseModel | None, list[DataError]]:
    """Validate a loaded document against `model`; return the record or every problem in it."""
    try:
        return model.model_validate(document), []
    except ValidationError as error:
        return None, [_to_data_error(e, model, document, file, prefix) for e in error.errors()]


def _to_data_error(
    err: ErrorDetails, model: type[BaseModel], document: Any, file: str, prefix: tuple[Any, ...]
) -> DataError:
    loc = tuple(err["loc"])
    kind = err["type"]
    line = yamlfile.line_of(document, loc, fallback=getattr(document, "line", 1) or 1)
    field = dotted(prefix + loc)
    got = err.get("input")
    if kind == "missing":
        return DataError(file, line, field, "required field is missing", f"add '{loc[-1]}: ...'")
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1], document)
        close = suggestions(str(loc[-1]), allowed)
        hint = (
            f"did you mean {' or '.join(repr(c) for c in close)}?" if close else f"allowed fields: {', '.join(allowed)}"
        )
        return DataError(file, line, field, "unknown field", hint)
    if kind in ("string_too_long", "too_long") and isinstance(got, str):
        limit = err["ctx"]["max_length"]
        return DataError(file, line, field, f"expected at most {limit:,} characters — got {len(got):,}", "shorten it")
    if kind == "labsite":
        return DataError(file, line, field, err["msg"], err.get("ctx", {}).get("hint", ""))
    if kind == "literal_error":
        choices = err["ctx"]["expected"].replace("'", "").replace(" or ", ", ")
        return DataError(
            file, line, field, f"expected one of {choices} — got {shown(got)}", "values are case-sensitive"
        )
    if kind in _EXPECTED:
        return DataError(file, line, field, f"expected {_EXPECTED[kind]} — got {shown(got)}", _HINTS.get(kind, ""))
    if kind == "value_error":
        message = str(err["ctx"]["error"]) if "ctx" in err else err["msg"]
        return DataError(file, line, field, message)
    message = err["msg"]
    if message.startswith("Input should be "):
        message = "expected " + message.removeprefix("Input should be ")
    elif message.startswith("String should "):
        message = "expected text that should " + message.removeprefix("String should ")
    elif message.startswith("List should "):
        message = "expected a list that should " + message.removeprefix("List should ")
    return DataError(file, line, field, f"{message} — got {shown(got)}")


def suggestions(key: str, allowed: list[str]) -> list[str]:
    """The fields `key` was probably meant to be: a known synonym, or one typo away (two if long).

    `difflib`'s similarity is too loose for short keys (it offers 'photo' for 'position'); an edit
    distance that counts a swap of two letters as one typo is not.
    """
    word = key.casefold().replace("-", "_").replace(" ", "_")
    synonyms = [name for name in SYNONYMS.get(word, ()) if name in allowed]
    if synonyms:
        return synonyms[:2]
    if len(word) > 40:
        return []  # no field is that long; and the distance costs the product of the lengths
    budget = 1 if len(word) <= 5 else 2
    scored = sorted((_typos(word, name), name) for name in allowed)
    return [name for distance, name in scored[:1] if distance <= budget]


def _typos(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap of neighbours) that turn `a` into `b`."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...], document: Any) -> list[str]:
    """The fields the model accepts at `loc`, following nested models and lists of models."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        field = getattr(current, "model_fields", {}).get(step)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
