"""JSON Schema for every data file, generated from the models the build validates with.

Editors read these (through the `yaml-language-server` comment at the top of each data file) to
complete and underline fields; `python -m labsite schemas --check` fails when they drift.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .load import FILES
from .models.people import Person

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def generated() -> dict[str, dict[str, Any]]:
    """{kind: schema}: one per file in data/ (by its stem) and `person` for data/people/<id>.yml."""
    kinds: dict[str, tuple[Any, str]] = {Path(name).stem: (model, f"data/{name}") for name, (model, _) in FILES.items()}
    kinds["person"] = (Person, "data/people/<id>.yml")
    schemas = {}
    for kind, (model, file) in sorted(kinds.items()):
        schema = model.model_json_schema()
        schema = {
            "$schema": DIALECT,
            "title": f"{file}",
            "description": f"Schema of {file} (generated from labsite.models; do not edit).",
            **{k: v for k, v in schema.items() if k not in ("title", "description")},
        }
        schemas[kind] = schema
    return schemas


def text_of(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def drift(folder: Path) -> list[str]:
    """Schema files in `folder` that differ from (or are missing against) the models."""
    return [
        f"{kind}.schema.json"
        for kind, schema in generated().items()
        if not (folder / f"{kind}.schema.json").is_file()
        or (folder / f"{kind}.schema.json").read_text() != text_of(schema)
    ]


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, schema in generated().items():
        path = folder / f"{kind}.schema.json"
        path.write_text(text_of(schema))
        written.append(path)
    return written
