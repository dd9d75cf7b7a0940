"""The data reference for people who edit `data/`: every file, every field, written from the schemas.

A lab that copies the repository learns the data format from `schemas/README.md`; generating it from
the same JSON Schemas editors use means the reference cannot fall behind the models (the drift check
of `python -m labsite schemas --check` covers it too).
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from labsite.models import common

_NAMED_PATTERNS = {
    "Text": "text (one line)",
    "Markdown": "Markdown text",
    "Slug": "id (lowercase letters, digits, hyphens)",
    "Url": "link: `https://…`, `http://…`, `mailto:…` or a site path",
    "Email": "e-mail address",
    "YearMonth": "month, `YYYY-MM`",
    "NewsDate": "date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`",
    "AssetPath": "path of a file inside `docs/`",
    "SiteAddress": "address, `https://…` (no query or fragment)",
    "GitRef": "git branch name",
    "Language": "language code, e.g. `en`, `de`, `pt-BR`",
    "Orcid": "ORCID iD, e.g. `0000-0002-1825-0097`",
    "DblpPid": "DBLP person id, e.g. `23/7512`",
    "IsoDate": "date, `YYYY-MM-DD`",
    "Doi": "DOI alone, e.g. `10.1145/3600006.3613139` (no braces or spaces)",
    "VenueId": "venue acronym (letters, digits, `&`, `+`, `.`, `-`)",
}


def _pattern_names() -> dict[str, str]:
    return {TypeAdapter(getattr(common, name)).json_schema()["pattern"]: text for name, text in _NAMED_PATTERNS.items()}


def _kind(node: dict[str, Any], names: dict[str, str]) -> str:
    """A reader's name for the value a schema node accepts."""
    if "$ref" in node:
        return f"mapping ({node['$ref'].rsplit('/', 1)[-1]}, below)"
    if "anyOf" in node:
        kinds = [_kind(n, names) for n in node["anyOf"] if n.get("type") != "null"]
        return " or ".join(kinds)
    if "enum" in node:
        return "one of " + ", ".join(f"`{v}`" for v in node["enum"])
    if "const" in node:
        return f"`{node['const']}`"
    kind = node.get("type")
    if kind == "array":
        item = _kind(node.get("items", {}), names)
        at_least = f", at least {node['minItems']}" if node.get("minItems") else ""
        return f"list of {item}{at_least}"
    if kind == "string":
        named = names.get(node["pattern"], f"text matching `{node['pattern']}`") if "pattern" in node else "text"
        return f"{named}, at most {node['maxLength']:,} characters" if "maxLength" in node else named
    if kind == "integer":
        low, high = node.get("minimum"), node.get("maximum")
        if (low, high) == (1900, 2100):
            return "year"
        bounds = [f"≥ {low}" if low is not None else "", f"≤ {high}" if high is not None else ""]
        return " ".join(["whole number", *filter(None, bounds)])
    if kind == "boolean":
        return "`true` or `false`"
    if kind == "object":
        return "mapping"
    return "value"


def _one_line(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _table(schema: dict[str, Any], names: dict[str, str]) -> list[str]:
    required = set(schema.get("required", []))
    rows = ["| field | required | value | what it holds |", "| --- | --- | --- | --- |"]
    for field, node in schema.get("properties", {}).items():
        default = node.get("default")
        shown_default = f" Default: `{default}`." if default not in (None, [], {}) else ""
        about = _one_line(node.get("description", "")) + shown_default
        rows.append(f"| `{field}` | {'yes' if field in required else 'no'} | {_kind(node, names)} | {about.strip()} |")
    return rows


def markdown(schemas: dict[str, dict[str, Any]], files: dict[str, tuple[str, str]]) -> str:
    """The reference as Markdown. `files` maps each schema kind to (its data file, how many there are:
    'required', 'optional' or 'one per member')."""
    names = _pattern_names()
    out = [
        "# Data reference",
        "",
        "Every file the site reads from `data/`, and every field of each. Generated from the models in",
        "`labsite/models/` by `python -m labsite schemas` (with the JSON Schemas beside it); do not edit by hand.",
        "Values are stripped of surrounding white space. A field that is not required may be left out; a file",
        "that is not required may be absent, and the site then hides what it would show.",
        "",
    ]
    for kind, schema in schemas.items():
        file, status = files[kind]
        out += [f"## `{file}` ({status})", ""]
        description = schema.get("description", "").split(" Generated from")[0].removeprefix(f"Schema of {file}.")
        if description:
            out += [_one_line(description), ""]
        out += [*_table(schema, names), ""]
        for name, definition in sorted(schema.get("$defs", {}).items()):
            out += [f"### {name} (in `{file}`)", ""]
            if definition.get("description"):
                out += [_one_line(definition["description"]), ""]
            out += [*_table(definition, names), ""]
    return "\n".join(out).rstrip() + "\n"
