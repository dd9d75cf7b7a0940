"""Characters no value may hold, named once: the models refuse them, messages escape them, importers strip them.

Control characters, lone surrogates and Unicode non-characters are never text a person meant to type;
direction controls (U+202E and its kin) make a name or a file name display as something it is not.
Each set is a character class written in the regular-expression dialect JSON Schema (in JavaScript's
unicode mode) and Python share, so the editors' schema can carry the same class the check applies.
"""

from __future__ import annotations

import re
import unicodedata

CONTROLS = "\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f"
"""C0 (but tab and newline), DEL and C1 (NEL U+0085 among them): never text anywhere."""
TAB_AND_NEWLINE = "\\t\\n"
"""The two C0 characters a Markdown field may hold (indentation, paragraphs); a one-line field may not."""
DIRECTION_CONTROLS = "\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069"
"""Bidirectional marks, embeddings, overrides and isolates: they reorder what is displayed around them."""
LINE_SEPARATORS = "\\u2028\\u2029"
"""Unicode's own line and paragraph separators: a line break that a one-line field must not hold."""
SURROGATES = "\\ud800-\\udfff"
"""Halves of UTF-16 pairs standing alone (a YAML escape can make one): no character at all."""
NONCHARACTERS = "\\ufdd0-\\ufdef\\ufffe\\uffff" + "".join(
    chr(plane << 16 | low) for plane in range(1, 17) for low in (0xFFFE, 0xFFFF)
)
"""Code points Unicode reserves never to be characters. Beyond the basic plane (U+1FFFE … U+10FFFF)
they are written as themselves: Python (`\\U0001fffe`) and JavaScript (`\\u{1fffe}`) escape them
differently, and both read a literal one in a class as one code point."""

NOT_IN_MARKDOWN = CONTROLS + SURROGATES + NONCHARACTERS
"""What no field holds: a Markdown field keeps tabs, newlines and direction marks (right-to-left prose uses them)."""
NOT_IN_ONE_LINE = NOT_IN_MARKDOWN + TAB_AND_NEWLINE + DIRECTION_CONTROLS + LINE_SEPARATORS
"""What a name, an id or any one-line field never holds."""
NOT_IN_MESSAGES = NOT_IN_ONE_LINE
"""What a message, a file name in a message or an annotation shows as an escape (`\\u202e`)."""


def _finder(char_class: str) -> re.Pattern[str]:
    return re.compile(f"[{char_class}]")


_FINDERS: dict[str, re.Pattern[str]] = {}


def found(char_class: str, text: str) -> str | None:
    """The first character of `text` in `char_class`, if any."""
    finder = _FINDERS.get(char_class) or _FINDERS.setdefault(char_class, _finder(char_class))
    hit = finder.search(text)
    return hit.group() if hit else None


def named(char: str) -> str:
    """A refused character as a message names it: 'a direction control character U+202E (RIGHT-TO-LEFT OVERRIDE)'."""
    code = ord(char)
    kind = (
        "a tab character"
        if char == "\t"
        else "a line break"
        if char == "\n"
        else "a direction control character"
        if re.match(f"[{DIRECTION_CONTROLS}]", char)
        else "a line separator character"
        if re.match(f"[{LINE_SEPARATORS}]", char)
        else "a lone surrogate (half of a character)"
        if re.match(f"[{SURROGATES}]", char)
        else "a Unicode non-character"
        if re.match(f"[{NONCHARACTERS}]", char)
        else "a control character"
    )
    name = unicodedata.name(char, "")
    return f"{kind} U+{code:04X}" + (f" ({name})" if name else "")


def escaped(text: str) -> str:
    """`text` with every character of `NOT_IN_MESSAGES` written as its escape (`\\n`, `\\x85`, `\\u202e`)."""
    if found(NOT_IN_MESSAGES, text) is None:
        return text
    return _finder(NOT_IN_MESSAGES).sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def stripped(text: str, char_class: str = NOT_IN_ONE_LINE) -> tuple[str, list[str]]:
    """`text` without the characters of `char_class` (a tab or line break becomes a space), and the
    names of those removed: what an importer writes, and what it says it dropped."""
    removed: list[str] = []

    def drop(match: re.Match[str]) -> str:
        char = match.group()
        if named(char) not in removed:
            removed.append(named(char))
        return " " if char in "\t\n\r\x0b\x0c\x85\u2028\u2029" else ""

    if found(char_class, text) is None:
        return text, []
    return _finder(char_class).sub(drop, text), removed
