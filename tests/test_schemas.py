"""The JSON Schemas editors use are generated from the build's models and never drift from them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from sitebuild import FIXTURE_DATA, REAL_ROOT, ROOT

from labsite.check import load_checked
from labsite.commands.schemas import generated
from labsite.errors import DataErrors
from labsite.read import yamlfile
from labsite.read.load import FILES

SCHEMAS = ROOT / "schemas"


def schema(kind: str) -> dict:
    return json.loads((SCHEMAS / f"{kind}.schema.json").read_text())


def data_files(folder: Path) -> list[tuple[Path, str]]:
    files = [(p, p.stem) for p in sorted(folder.glob("*.yml"))]
    return files + [(p, "person") for p in sorted((folder / "people").glob("*.yml"))]


def document(path: Path):
    """The file as the build reads it (dates stay text), not as yaml.safe_load would."""
    value, problems = yamlfile.read(path, str(path))
    assert not problems, problems
    return value


def run_check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "labsite", "schemas", "--check", "--root", str(root)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_there_is_one_schema_per_kind_of_data_file():
    assert set(generated()) == {Path(name).stem for name in FILES} | {"person"}
    for kind, value in generated().items():
        assert value["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert "$id" not in value
        assert value["title"].startswith("data/") and value["title"] in value["description"], kind


def test_committed_schemas_match_the_models():
    done = run_check(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_changed_or_missing_schema_file_is_reported_as_drift(tmp_path):
    shutil.copytree(SCHEMAS, tmp_path / "schemas")
    (tmp_path / "schemas/person.schema.json").write_text("{}\n")
    (tmp_path / "schemas/news.schema.json").unlink()
    done = run_check(tmp_path)
    assert done.returncode == 1
    assert "news.schema.json, person.schema.json" in done.stderr  # a refusal goes to standard error, as every command's


def test_the_schemas_command_writes_sorted_indented_files(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "labsite", "schemas", "--root", str(tmp_path)], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    for path in SCHEMAS.glob("*.schema.json"):
        assert (tmp_path / "schemas" / path.name).read_text() == path.read_text()
    text = (tmp_path / "schemas/person.schema.json").read_text()
    assert text.endswith("}\n") and text.startswith('{\n  "$defs"')


@pytest.mark.parametrize("folder", [REAL_ROOT / "data", FIXTURE_DATA], ids=["real", "fixture"])
def test_every_data_file_validates_against_its_json_schema(folder):
    files = data_files(folder)
    assert len(files) > len(FILES)
    for path, kind in files:
        errors = list(jsonschema.Draft202012Validator(schema(kind)).iter_errors(document(path)))
        assert not errors, f"{path}: {[e.message for e in errors]}"


@pytest.mark.parametrize("folder", [REAL_ROOT / "data", FIXTURE_DATA], ids=["real", "fixture"])
def test_every_data_file_names_its_schema_on_its_first_line(folder):
    for path, kind in data_files(folder):
        depth = "../../" if kind == "person" else "../"
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema={depth}schemas/{kind}.schema.json", path


# Each mistake, made in a copy of the fixture data, must be refused by the model and the JSON schema alike.
MISTAKES = {
    "unknown key in a person": ("people/bo-tern.yml", "person", lambda d: d.update(titel="x")),
    "unknown key inside a paper": ("publications.yml", "publications", lambda d: d["publications"][0].update(url="x")),
    "unknown key inside a link": (
        "publications.yml",
        "publications",
        lambda d: d["publications"][0]["links"].update(paper="https://example.org"),
    ),
    "degree not in the list": ("people/bo-tern.yml", "person", lambda d: d.update(degree="Phd")),
    "year as text": ("people/bo-tern.yml", "person", lambda d: d.update(start="2022")),
    "required field missing": ("people/bo-tern.yml", "person", lambda d: d.pop("name")),
    "list where text is expected": ("site.yml", "site", lambda d: d.update(title=["a", "b"])),
}


@pytest.mark.parametrize("mistake", MISTAKES, ids=list(MISTAKES))
def test_a_mistake_is_refused_by_the_json_schema_and_the_check_alike(tmp_path, mistake):
    file, kind, change = MISTAKES[mistake]
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    path = tmp_path / "data" / file
    value = yaml.safe_load(path.read_text())
    change(value)
    path.write_text(yaml.safe_dump(value, sort_keys=False))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document(path), schema(kind), cls=jsonschema.Draft202012Validator)
    with pytest.raises(DataErrors):
        load_checked(tmp_path)


def test_every_field_of_every_data_file_is_described_in_the_reference():
    """schemas/README.md is another lab's whole reference: a field without a description is a hole in it."""
    undescribed = []
    for kind, value in generated().items():
        for name, model in [("", value), *value.get("$defs", {}).items()]:
            for field, rule in model.get("properties", {}).items():
                if not rule.get("description"):
                    undescribed.append(f"{kind}: {name or 'top'}.{field}")
    assert not undescribed
    reference = (SCHEMAS / "README.md").read_text(encoding="utf-8")
    for kind, value in generated().items():
        assert f"## `{value['title']}`" in reference, kind
        for field in value.get("properties", {}):
            assert f"| `{field}` |" in reference, (kind, field)
