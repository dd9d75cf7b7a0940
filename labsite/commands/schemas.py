"""JSON Schema for every data file, generated from the models the build validates with.

Editors read these (through the `yaml-language-server` comment on the first line of each data file)
to complete and underline fields; `python -m labsite schemas --check` fails when they drift, so the
schema is written once, in the models, and never by hand.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import json
import re
from pathlib import Path
from typing import Any

import click
from pydantic import BaseModel

from labsite.characters import NONCHARACTERS
from labsite.commands import reference
from labsite.commands.errors import Refused
from labsite.models.common import Model
from labsite.models.people import Person
from labsite.read.layout import FILES, data_file, person_file

DIALECT = "https://json-schema.org/draft/2020-12/schema"
FOLDER = "schemas"
REFERENCE = "README.md"
"""The data reference for editors of data/, written beside the schemas from the same models."""


def kinds() -> dict[str, tuple[type[BaseModel], str]]:
    """{kind: (model, the data file it describes)}: one per file in data/ (by stem), plus `person`."""
    found = {Path(name).stem: (model, data_file(name)) for name, (model, _) in FILES.items()}
    found["person"] = (Person, person_file("<id>"))
    return dict(sorted(found.items()))


def attribute_docstrings(model: type[BaseModel]) -> dict[str, str]:
    """{field: the string written under it in the class body}, for the model and its bases.

    The models document each field with a string under it (as pydantic's `use_attribute_docstrings`
    reads them). Pydantic would read the source of every model on each import, in every build;
    the descriptions are only needed here, so they are read here, the same way pydantic does.
    """
    found: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)) or cls.__module__.startswith("pydantic"):
            continue
        definition = ast.parse(inspect.getsource(cls)).body[0]
        assert isinstance(definition, ast.ClassDef)  # the source of a class is its class statement
        body = definition.body
        for field, after in itertools.pairwise(body):
            if (
                isinstance(field, ast.AnnAssign)
                and isinstance(field.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                found[field.target.id] = inspect.cleandoc(after.value.value)
    return found


def _models() -> list[type[Model]]:
    """Every data model (each file model imports the ones it contains), in the order they were
    defined, which puts each after the models it contains."""
    found: list[type[Model]] = []
    waiting = list(Model.__subclasses__())
    while waiting:
        model = waiting.pop(0)
        found.append(model)
        waiting.extend(model.__subclasses__())
    return found


def describe_fields() -> None:
    """Give each field without a `description` its attribute docstring, then rebuild the models
    (contained ones first) so that their JSON Schema carries it. Idempotent."""
    for model in _models():
        docs = attribute_docstrings(model)
        for name, field in model.model_fields.items():
            if field.description is None and name in docs:
                field.description = docs[name]
        model.model_rebuild(force=True)


def generated() -> dict[str, dict[str, Any]]:
    """{kind: JSON Schema (draft 2020-12)} as the models define them today."""
    describe_fields()
    schemas = {}
    for kind, (model, file) in kinds().items():
        schema = model.model_json_schema()
        about = " ".join((model.__doc__ or "").split())
        about = f" {about}" if about and file not in about else ""  # site.yml's docstring names itself
        schemas[kind] = {
            **{k: v for k, v in schema.items() if k not in ("title", "description")},
            "$schema": DIALECT,
            "title": file,
            "description": f"Schema of {file}.{about} Generated from labsite.models by"
            " `python -m labsite schemas`; do not edit by hand.",
        }
    return schemas


def reference_text(schemas: dict[str, dict[str, Any]]) -> str:
    status = {Path(name).stem: "required" if needed else "optional" for name, (_, needed) in FILES.items()}
    files = {kind: (file, status.get(kind, "one file per member")) for kind, (_, file) in kinds().items()}
    return reference.markdown(schemas, files)


def text_of(schema: dict[str, Any]) -> str:
    """The committed form: sorted keys and 2-space indent, so a regenerated file diffs cleanly.

    Characters stay as themselves, except the non-characters the patterns name (U+1FFFE …), which
    are written as JSON escapes: a schema file never holds what it tells editors to refuse.
    """
    text = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return _NONCHARACTER.sub(lambda m: json.dumps(m.group())[1:-1], text)


_NONCHARACTER = re.compile(f"[{NONCHARACTERS}]")


def drift(folder: Path) -> list[str]:
    """Schema files in `folder` that are missing, differ from the models, or describe no model."""
    schemas = generated()
    expected = {f"{kind}.schema.json": text_of(schema) for kind, schema in schemas.items()}
    expected[REFERENCE] = reference_text(schemas)
    stale = [
        name
        for name, text in expected.items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]
    extra = sorted(p.name for p in folder.glob("*.schema.json") if p.name not in expected) if folder.is_dir() else []
    return stale + extra


def write(folder: Path) -> list[Path]:
    """Write every schema into `folder` and remove any left from a model that no longer exists."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    schemas = generated()
    for kind, schema in schemas.items():
        path = folder / f"{kind}.schema.json"
        path.write_text(text_of(schema), encoding="utf-8")
        written.append(path)
    (folder / REFERENCE).write_text(reference_text(schemas), encoding="utf-8")
    written.append(folder / REFERENCE)
    for path in folder.glob("*.schema.json"):
        if path not in written:
            path.unlink()
    return written


@click.command("schemas")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."), help="Project folder.")
@click.option("--check", "check_only", is_flag=True, help="Change nothing; exit 1 listing files that differ.")
def schemas_command(root: Path, check_only: bool) -> None:
    """Write schemas/*.schema.json from the models (editors use them to complete data files)."""
    folder = root / FOLDER
    if check_only:
        stale = drift(folder)
        if stale:
            raise Refused(f"Out of date in {FOLDER}/ (run `python -m labsite schemas`): " + ", ".join(stale))
        click.echo(f"{FOLDER}/ matches the models.")
        return
    for path in write(folder):
        click.echo(f"wrote {path}")
