"""Each item's id is unique within its file."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from labsite.check.context import Context, Finding


def unique_ids(ctx: Context) -> Iterator[Finding]:
    """Refuses a second item with an id already used in its file: pages, links and references find
    an item by its id, so the second one would be hidden or mistaken for the first."""
    data = ctx.data
    yield from _unique("publications.yml", "publications", [p.id for p in data.publications])
    yield from _unique("projects.yml", "projects", [p.id for p in data.projects])
    # venues and topics are kept by id, so a repeated one is only seen in the file itself
    yield from _unique("venues.yml", "venues", _ids(ctx, "venues.yml", "venues"))
    yield from _unique("topics.yml", "topics", _ids(ctx, "topics.yml", "topics"))


def _unique(file: str, key: str, ids: list[str]) -> Iterator[Finding]:
    for item_id, count in Counter(ids).items():
        if count > 1:
            first, second = [n for n, x in enumerate(ids) if x == item_id][:2]
            yield Finding(
                file, (key, second, "id"), f"duplicate id {item_id!r} (also item {first + 1})", "ids must be unique"
            )


def _ids(ctx: Context, file: str, key: str) -> list[str]:
    document = ctx.document(file) or {}
    return [str(item.get("id")) for item in document.get(key) or [] if isinstance(item, dict)]
