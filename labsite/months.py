"""Month names, in one place: printed in a paper's venue line, written as BibTeX's month macros,
read back from BibTeX files.

English and spelled out here rather than taken from `calendar.month_name`, which follows the
machine's locale: the site reads the same wherever it is built.
"""

from __future__ import annotations

NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def name(month: int) -> str:
    """4 → 'April'."""
    return NAMES[month - 1]


def abbreviation(month: int) -> str:
    """4 → 'apr': the three letters of BibTeX's predefined month macros (jan … dec)."""
    return NAMES[month - 1][:3].lower()


_BY_ABBREVIATION = {abbreviation(n): n for n in range(1, 13)}


def number(text: str) -> int | None:
    """A month as BibTeX files write it ('4', '04', 'apr', 'Apr.', 'April') → 4; anything else None."""
    text = text.strip().lower()
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    return _BY_ABBREVIATION.get(text[:3])
