"""Read YAML safely, refuse duplicate keys, and remember the line of every key and item.

PyYAML's `safe_load` keeps the last of two equal keys without a word and forgets positions. This
loader builds ordinary dicts and lists (subclasses that carry line numbers), so the checker can say
``data/people/x.yml:12`` for a value deep inside a file. It uses libyaml's parser when available.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from labsite.characters import named
from labsite.errors import DataError, shown_text

if TYPE_CHECKING:
    _Base = yaml.SafeLoader
else:  # libyaml's loader when PyYAML was built with it: the same results, several times faster
    _Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Mapping(dict):
    """A dict that knows the line of each key (1-based) and of itself."""

    line: int = 0
    key_lines: dict[Any, int]


class Sequence(list):
    """A list that knows the line of each item (1-based) and of itself."""

    line: int = 0
    item_lines: list[int]


class _Loader(_Base):
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
                        shown_text(str(key)),
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

    def construct_undefined(self, node: yaml.Node) -> Any:
        """PyYAML raises here (its stub says it never returns); this records the problem, with its line,
        so every problem of the file is reported at once, and gives no value."""
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


MAX_DEPTH = 32
"""Deepest nesting a data file may have (ours need 6); deeper would exhaust Python's recursion."""


def read(path: Path, shown_as: str, max_bytes: int | None = None) -> tuple[Any, list[DataError]]:
    """Parse one YAML file; return its value (None if unreadable) and the problems found.

    `shown_as` is the path used in messages (relative to the project root). A file over `max_bytes`
    is refused before it is parsed, and a document with aliases before it is expanded: a pull
    request must not be able to make the check slow or hungry.
    """
    try:
        raw = _regular_file_bytes(path, shown_as, max_bytes)
    except _Refused as refused:
        return None, [refused.error]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        byte = raw[error.start : error.start + 1].hex().upper()
        return None, [
            DataError(shown_as, line, "", f"not UTF-8 text (byte 0x{byte} on this line)", "save the file as UTF-8")
        ]
    hidden_break = _HIDDEN_BREAK.search(text)
    if hidden_break:
        line = text.count("\n", 0, hidden_break.start()) + 1
        return None, [
            DataError(
                shown_as,
                line,
                "",
                f"the file holds {named(hidden_break.group())}: YAML reads a line break where an editor shows none",
                "delete it: retype the text around it on this line",
            )
        ]
    loader = _Loader(text, shown_as)
    try:
        node = loader.get_single_node()
        shape = _shape_problem(node, text, shown_as)
        if shape:
            return None, [shape]
        value = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_error(error, text, shown_as)]
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        return None, [
            DataError(
                shown_as,
                line,
                "",
                f"YAML cannot hold the character U+{error.character:04X} ({error.reason})",
                "remove the invisible control character on this line",
            )
        ]
    except yaml.YAMLError as error:
        return None, [DataError(shown_as, 0, "", f"YAML error: {shown_text(str(error), limit=300)}", "")]
    except RecursionError:
        return None, [DataError(shown_as, 0, "", "the file is nested too deeply", "flatten the structure")]
    finally:
        loader.dispose()
    return value, loader.problems


_HIDDEN_BREAK = re.compile("[\x85\u2028\u2029]")
"""YAML 1.1's line breaks besides the newline: NEL and Unicode's separators, typed (or pasted) as
themselves; they would cut a value where the file shows none. Written as escapes in a double-quoted
value they are characters like any other, and the model refuses them (`labsite.characters`)."""


class _Refused(Exception):
    def __init__(self, error: DataError):
        self.error = error


def _regular_file_bytes(path: Path, shown_as: str, max_bytes: int | None) -> bytes:
    """The bytes of a regular file, never through a symbolic link, a folder, a pipe or a device.

    Opened without following links and without blocking, then checked with `fstat`, so what is
    checked is what is read: a link to a secret outside the repository is never opened.
    """

    def refuse(message: str, hint: str) -> _Refused:
        return _Refused(DataError(shown_as, 0, "", message, hint))

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise refuse("a symbolic link, not a file", "replace the link by the file itself") from None
        if error.errno == errno.EACCES:
            raise refuse("the file cannot be read (permission denied)", "make it readable: chmod a+r") from None
        raise refuse(f"the file cannot be read ({error.strerror})", "check the file exists and is readable") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise refuse("a folder where a data file is expected", "rename or remove the folder")
        if not stat.S_ISREG(info.st_mode):
            raise refuse("not a regular file", "replace it by a plain text file")
        if max_bytes is not None and info.st_size > max_bytes:
            raise refuse(
                f"the file is too large: {_size(info.st_size)}, at most {_size(max_bytes)} allowed",
                "shorten the long texts in it",
            )
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return stream.read()
    except OSError as error:
        raise refuse(f"the file cannot be read ({error.strerror})", "check the file is readable") from None
    finally:
        os.close(fd)


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n / 1000:.0f} KB" if n >= 1000 else f"{n} bytes"


def _shape_problem(root: yaml.Node | None, text: str, file: str) -> DataError | None:
    """Refuse aliases (`*name`) and deep nesting, walking the composed nodes before any is built.

    libyaml gives an alias the very node of its anchor, so a node met twice is an alias. Nine aliases
    of nine aliases of … ("billion laughs") is a handful of nodes but billions of values once built;
    refusing aliases keeps the check linear in the file's size. Data files never need them.
    """
    seen: set[int] = set()
    stack = [(root, 1)] if root is not None else []
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            return DataError(
                file,
                _first_alias_line(text),
                "",
                "YAML anchors and aliases are not allowed",
                "write each value out in full instead of '&name' and '*name'",
            )
        seen.add(id(node))
        if depth > MAX_DEPTH:
            line = node.start_mark.line + 1
            return DataError(file, line, "", f"nested more than {MAX_DEPTH} levels deep", "flatten the structure")
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += [(key, depth + 1), (value, depth + 1)]
    return None


def _first_alias_line(text: str) -> int:
    for event in yaml.parse(text, Loader=_Base):
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
            return event.start_mark.line + 1
    return 0


def _syntax_error(error: yaml.MarkedYAMLError, text: str, file: str) -> DataError:
    """A syntax error on the line a person has to fix, with a hint that fits what went wrong."""
    context, problem = error.context or "", error.problem or ""
    mark = error.problem_mark or error.context_mark
    if "escape" in problem and "quoted scalar" in context and mark:
        return DataError(
            file,
            mark.line + 1,
            "",
            "YAML syntax error: an escape in a quoted value that writes no character (e.g. \\ud800, half of a pair)",
            "delete the escape, or write the character itself",
        )
    if "quoted scalar" in context and error.context_mark:
        # libyaml notices a missing closing quote only where the file (or the next quote) ends
        return DataError(
            file,
            error.context_mark.line + 1,
            "",
            "YAML syntax error: the quoted value starting on this line is never closed",
            "add the closing quote at the end of the value",
        )
    if "end of stream" in problem and error.context_mark:
        mark = error.context_mark  # an unclosed bracket: show where it opens
    at_tab = mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t"
    message = f"YAML syntax error: {shown_text(' '.join(filter(None, [context, problem])), limit=300)}"
    if at_tab or "tab character" in problem:
        hint = "indent with spaces, not tabs"
        message = "YAML syntax error: a tab character; YAML indents with spaces only"
    elif "mapping values are not allowed" in problem:
        hint = "a value containing ': ' must be quoted"
    else:
        hint = "check indentation and quoting on this line and the one above"
    return DataError(file, mark.line + 1 if mark else 0, "", message, hint)


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
