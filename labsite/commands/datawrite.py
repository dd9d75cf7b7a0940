"""Change data files as text, in their own style, and only if the whole data set still checks.

Every tool that adds or changes papers and venues (`import-bib`, `import`, `sync`) goes through
here. New entries are appended after the last line; a changed entry has only the changed keys'
lines replaced or inserted in the documented key order. Every other line, comment and blank line
stays byte for byte. The changed files are first written into a temporary copy of the project and
checked there (`load`); on any problem `DataErrors` is raised and nothing in the project changes.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from labsite.check import load_checked
from labsite.read.layout import DATA_DIR

ORDER = ("id", "title", "abstract", "doi", "authors", "et_al", "venue", "type", "year", "month", "links")
"""The key order of a publication, as in the model and CONTRIBUTING."""
VENUE_ORDER = ("id", "name", "type")


def scalar(value: Any) -> str:
    """One value as single-line YAML (strings quoted when needed, lists and mappings in flow style)."""
    return (
        yaml.safe_dump(value, allow_unicode=True, width=10**6, default_flow_style=True)
        .strip()
        .removesuffix("\n...")
        .removesuffix("...")
        .strip()
    )


def as_yaml(record: dict[str, Any], indent: str, order: tuple[str, ...] = ORDER) -> str:
    """One entry as YAML text in the key order, `indent` being that of the file's `- id:`."""
    inner = indent + "  "
    lines = []
    for n, key in enumerate(k for k in order if k in record):
        prefix = f"{indent}- " if n == 0 else inner
        value = record[key]
        if key == "authors" and len(value) > 4:
            lines.append(f"{prefix}authors:")
            lines += [f"{inner}  - {scalar(a)}" for a in value]
        else:
            lines.append(f"{prefix}{key}: {scalar(value)}")
    return "\n".join(lines) + "\n"


def appended(text: str, top_key: str, records: list[dict[str, Any]], order: tuple[str, ...]) -> str:
    """`text` with `records` appended to the list under `top_key`, which must be the file's last key."""
    if not records:
        return text
    keys = re.findall(r"^(\w[\w-]*):", text, flags=re.M)
    if keys[-1:] != [top_key]:
        raise ValueError(f"'{top_key}:' must be the file's last key to append to it")
    found = re.search(r"^(\s*)- id:", text, flags=re.M)
    indent = found.group(1) if found else "  "
    spaced = bool(re.search(r"\n\s*\n" + re.escape(indent) + "- id:", text))
    gap = "\n" if spaced else ""
    addition = "".join(gap + as_yaml(record, indent, order) for record in records)
    return text.rstrip("\n") + "\n" + addition


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def with_changes(text: str, entry_id: str, changes: dict[str, Any], order: tuple[str, ...] = ORDER) -> str:
    """`text` with the keys in `changes` of entry `entry_id` set (None removes a key).

    Only those keys' lines change; comments and every other line of the entry stay as they were.
    """
    lines = text.splitlines(keepends=True)
    pattern = re.compile(r"^(\s*)- id:\s*['\"]?" + re.escape(entry_id) + r"['\"]?\s*(#.*)?$")
    start = next((n for n, line in enumerate(lines) if pattern.match(line.rstrip("\n"))), None)
    if start is None:
        raise ValueError(f"no entry with id '{entry_id}' to change")
    item = _indent(lines[start])
    inner = item + 2
    end = len(lines)
    for n in range(start + 1, len(lines)):
        stripped = lines[n].strip()
        if stripped and not stripped.startswith("#") and _indent(lines[n]) <= item:
            end = n
            break
    spans: dict[str, tuple[int, int]] = {"id": (start, start + 1)}
    n = start + 1
    while n < end:
        found = re.match(r"^ *([A-Za-z_][\w-]*):", lines[n])
        if found and _indent(lines[n]) == inner:
            stop = n + 1
            while stop < end and lines[stop].strip() and _indent(lines[stop]) > inner:
                stop += 1
            spans[found.group(1)] = (n, stop)
            n = stop
        else:
            n += 1
    edits: list[tuple[int, int, list[str]]] = []
    for key, value in changes.items():
        new = [] if value is None else [f"{' ' * inner}{key}: {scalar(value)}\n"]
        if key in spans:
            edits.append((*spans[key], new))
        elif new:
            before = [k for k in order[: order.index(key)] if k in spans] if key in order else list(spans)
            at = max((spans[k][1] for k in before), default=start + 1)
            edits.append((at, at, new))
    for begin, stop, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        lines[begin:stop] = new
    return "".join(lines)


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(source, destination)


def write_checked(root: Path, texts: dict[str, str]) -> None:
    """Write {path under root: new text} if the data, with them, checks; otherwise raise, writing nothing.

    The check runs on a temporary copy of data/ and docs/ (docs/ as hard links where the disk allows,
    so photos are not copied byte by byte; links stay links, which the check refuses as it would
    in the project), so a failure never leaves a half-written project behind.
    """
    if not texts:
        return
    with tempfile.TemporaryDirectory(prefix="labsite-check-") as scratch:
        copy = Path(scratch)
        shutil.copytree(root / DATA_DIR, copy / DATA_DIR)
        if (root / "docs").is_dir():
            shutil.copytree(root / "docs", copy / "docs", symlinks=True, copy_function=_link_or_copy)
        for name, text in texts.items():
            (copy / name).write_text(text, encoding="utf-8")
        load_checked(copy)
    for name, text in texts.items():
        (root / name).write_text(text, encoding="utf-8")
