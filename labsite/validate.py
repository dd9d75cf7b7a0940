"""Turn pydantic's validation errors into `DataError`s that name the line and say what was expected."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from . import yamlfile
from .errors import DataError, shown

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


def dotted(path: tuple[Any, ...]) -> str:
    """('publications', 3, 'venue') -> 'publications[3].venue'."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
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
    err: dict[str, Any], model: type[BaseModel], document: Any, file: str, prefix: tuple[Any, ...]
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
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed fields: {', '.join(allowed)}"
        return DataError(file, line, field, "unknown field", hint)
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
