"""A new member's file from a few answers, so a student's first pull request passes the check."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from .models.people import Person

HEADER = "# yaml-language-server: $schema=../../schemas/person.schema.json\n"


def person_id(name: str) -> str:
    """'José María Núñez' -> 'jose-maria-nunez'; a nickname in parentheses is dropped."""
    text = unicodedata.normalize("NFKD", re.sub(r"\([^)]*\)", " ", name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def person_yaml(fields: dict[str, object]) -> str:
    """The file's text: the schema comment, then the given fields in the model's order."""
    lines = []
    for key in Person.model_fields:
        value = fields.get(key)
        if value in (None, [], ""):
            continue
        # one `key: value` line each, lists written inline: the layout of the other people files
        text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000).strip()
        lines.append(f"{key}: {text.removesuffix('...').strip()}")
    return HEADER + "\n".join(lines) + "\n"


def path_for(root: Path, name: str, member_id: str | None = None) -> Path:
    return root / "data" / "people" / f"{member_id or person_id(name)}.yml"


def create(path: Path, fields: dict[str, object]) -> Path:
    """Write the member's file; refuse (FileExistsError) to touch an existing one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as f:  # "x": never overwrite
        f.write(person_yaml(fields))
    return path
