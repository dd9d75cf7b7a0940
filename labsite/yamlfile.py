"""Read YAML safely, refuse duplicate keys, and remember the line of every key and item.

PyYAML's `safe_load` keeps the last of two equal keys without a word and forgets positions. This
loader builds ordinary dicts and lists (subclasses that carry line numbers), so the checker can say
``data/people/x.yml:12`` for a value deep inside a file. It uses libyaml's parser when available.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import DataError

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Mapping(dict):
    """A dict that knows the line of each key (1-based) and of itself."""

    line: int = 0
    key_lines: dict[Any, int]


class Sequence(list):
    """A list that knows the line of each item (1-based) and of itself."""

    line: int = 0
    item_lines: list[int]


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that records positions and collects duplicate keys instead of dropping them."""

    def __init__(self, stream: str, file: str):
        super().__init__(stream)
        self.file = file
        self.problems: list[DataError] = []
        self.deep_construct = True  # build every value inside construct_object, which knows its node

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            # PyYAML's constructors fail this way when an explicit tag does not fit its value (`!!int abc`)
            self.recursive_objects.pop(node, None)
            self.constructed_objects[node] = None
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.problems.append(
                DataError(
                    self.file,
                    node.start_mark.line + 1,
                    "",
                    f"the tag {tag} does not fit this value",
                    "remove the tag; plain values only",
                )
            )
            return None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Mapping:
        self.flatten_mapping(node)
        result = Mapping()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str | int | float | bool) or key is None:
                self.problems.append(DataError(self.file, line, "", "a key must be a plain word", "write `key: value`"))
                continue
            if key in result:
                self.problems.append(
                    DataError(
                        self.file,
                        line,
                        str(key),
                        f"duplicate key (first given on line {result.key_lines[key]})",
                        "YAML keeps only one of them: remove or merge the other",
                    )
                )
                continue
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = line
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> Sequence:
        result = Sequence(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result

    def construct_undefined(self, node: yaml.Node) -> None:
        self.problems.append(
            DataError(
                self.file,
                node.start_mark.line + 1,
                "",
                f"unsupported YAML tag {node.tag!r}",
                "remove the '!' tag; plain values only",
            )
        )


def _as_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    """Dates stay as written (``2023-05-01``); the schema checks their format, not YAML 1.1."""
    return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _as_text)
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)
_Loader.add_constructor(None, _Loader.construct_undefined)


def read(path: Path, shown_as: str) -> tuple[Any, list[DataError]]:
    """Parse one YAML file; return its value (None if unreadable) and the problems found.

    `shown_as` is the path used in messages (relative to the project root).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return None, [DataError(shown_as, 0, "", f"not UTF-8 text ({error.reason})", "save as UTF-8")]
    loader = _Loader(text, shown_as)
    try:
        value = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        problem = " ".join(filter(None, [error.context, error.problem]))
        return None, [DataError(shown_as, line, "", f"YAML syntax error: {problem}", _syntax_hint(problem))]
    except yaml.YAMLError as error:
        return None, [DataError(shown_as, 0, "", f"YAML error: {error}", "")]
    finally:
        loader.dispose()
    return value, loader.problems


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be quoted"
    if "found character '\\t'" in problem or "tab" in problem:
        return "indent with spaces, not tabs"
    return "check indentation and quoting on this line and the one above"


def line_of(value: Any, path: tuple[Any, ...], fallback: int = 0) -> int:
    """The line of the deepest element of `path` that exists in `value` (a loaded document)."""
    line = getattr(value, "line", fallback) or fallback
    current = value
    for step in path:
        if isinstance(current, Mapping) and step in current:
            line = current.key_lines.get(step, line)
            current = current[step]
        elif isinstance(current, Sequence) and isinstance(step, int) and 0 <= step < len(current):
            line = current.item_lines[step]
            current = current[step]
        else:
            break
    return line
