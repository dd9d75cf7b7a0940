"""The citation counts and free copies (written by `python -m labsite citations`) are for papers the site lists."""

from __future__ import annotations

from collections.abc import Iterator

from labsite.check.context import Context, Finding


def citations_are_of_known_papers(ctx: Context) -> Iterator[Finding]:
    """Refuses a count for a paper id that `publications.yml` does not have: the paper was renamed or
    removed since the counts were fetched, and its count would be shown nowhere or on the wrong paper."""
    papers = {p.id for p in ctx.data.publications}
    for key, known in (("counts", ctx.data.citations.counts), ("free_copies", ctx.data.citations.free_copies)):
        for paper_id in known:
            if paper_id in papers:
                continue
            yield Finding(
                "citations.yml",
                (key, paper_id),
                f"expected a paper id from data/publications.yml — got {paper_id!r}",
                "run `python -m labsite citations` again to regenerate the file",
            )
