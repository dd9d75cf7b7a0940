"""The JSON Schemas editors use are generated from the build's models and never drift from them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from sitebuild import FIXTURE_DATA, ROOT

SCHEMAS = ROOT / "schemas"


def data_files(folder: Path) -> list[tuple[Path, str]]:
    files = [(p, p.stem) for p in sorted(folder.glob("*.yml"))]
    return files + [(p, "person") for p in sorted((folder / "people").glob("*.yml"))]


def test_committed_schemas_match_the_models():
    done = subprocess.run(
        [sys.executable, "-m", "labsite", "schemas", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_changed_schema_file_is_reported_as_drift(tmp_path):
    (tmp_path / "schemas").mkdir()
    for path in SCHEMAS.glob("*.json"):
        (tmp_path / "schemas" / path.name).write_text(path.read_text())
    (tmp_path / "schemas/person.schema.json").write_text("{}\n")
    done = subprocess.run(
        [sys.executable, "-m", "labsite", "schemas", "--check", "--root", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "person.schema.json" in done.stdout


@pytest.mark.parametrize("folder", [ROOT / "data", FIXTURE_DATA], ids=["real", "fixture"])
def test_every_data_file_validates_against_its_json_schema_and_names_it(folder):
    for path, kind in data_files(folder):
        schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text())
        jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(path.read_text()))
        depth = "../../" if kind == "person" else "../"
        assert (
            path.read_text().splitlines()[0] == f"# yaml-language-server: $schema={depth}schemas/{kind}.schema.json"
        ), path


def test_json_schema_rejects_an_unknown_key_too():
    schema = json.loads((SCHEMAS / "person.schema.json").read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"name": "A B", "degree": "PhD", "titel": "x"}, schema)
