"""The devcontainer (GitHub Codespaces, VS Code) opens with the set-up done, `make serve` forwarded
and opened, and the YAML extension reading our schemas; the file is valid for the specification."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from sitebuild import ROOT

from labsite.read.layout import DATA_DIR, FILES, PEOPLE_DIR

CONFIG = ROOT / ".devcontainer" / "devcontainer.json"
SPEC = Path(__file__).parent / "vendor" / "devContainer.base.schema.json"


def _config() -> dict:
    return json.loads(CONFIG.read_text(encoding="utf-8"))


def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SPEC.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_the_devcontainer_is_valid_for_the_specifications_schema():
    errors = sorted(_validator().iter_errors(_config()), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []


@pytest.mark.parametrize(
    "broken",
    [
        {"forwardPorts": ["eight thousand"]},
        {"postCreateCommand": 8},
        {"portsAttributes": {"8000": {"onAutoForward": "x"}}},
    ],
)
def test_the_schema_refuses_a_broken_devcontainer(broken):
    assert list(_validator().iter_errors({**_config(), **broken}))


def test_it_sets_up_the_site_and_serves_it_where_the_browser_opens_it():
    config = _config()
    assert config["postCreateCommand"] == "make .venv/.stamp-site"
    assert config["postAttachCommand"] == "make serve ADDR=0.0.0.0:8000"  # reachable from outside the container
    assert config["forwardPorts"] == [8000]
    assert config["portsAttributes"]["8000"]["onAutoForward"] == "openBrowser"
    assert config["image"].startswith("mcr.microsoft.com/devcontainers/python:3.11")
    makefile = (ROOT / "Makefile").read_text()
    assert "$(VENV)/.stamp-site:" in makefile and "-a $(ADDR)" in makefile


def test_the_yaml_extension_maps_every_schema_to_the_data_files_it_describes():
    vscode = _config()["customizations"]["vscode"]
    assert "redhat.vscode-yaml" in vscode["extensions"]
    mapping = vscode["settings"]["yaml.schemas"]
    assert sorted(mapping) == sorted(f"./schemas/{p.name}" for p in (ROOT / "schemas").glob("*.schema.json"))
    mapped = {glob for globs in mapping.values() for glob in globs}
    assert mapped == {f"{DATA_DIR}/{name}" for name in FILES} | {f"{DATA_DIR}/{PEOPLE_DIR}/*.yml"}
    for schema, globs in mapping.items():
        for glob in globs:  # each data file's own first line names the same schema
            for data_file in ROOT.glob(glob):
                first = data_file.read_text(encoding="utf-8").splitlines()[0]
                assert first.endswith("/" + schema.removeprefix("./")), (data_file, first)
